class ApplicationError(Exception):
    """A refusal with a message for the user: shown as a form error on pages, a 400 in the API."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
