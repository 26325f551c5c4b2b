from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Public pages"

    def ready(self) -> None:
        from public import signals

        signals.connect()
