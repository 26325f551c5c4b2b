from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in safely: lockout after repeated failures, password reset by email, a
    person's own account page with their recent sign-ins and "sign out everywhere"."""

    name = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import mark_seen

        user_logged_in.connect(mark_seen, dispatch_uid="accounts.mark_seen")
