from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo partnership and the synthetic national data set; depends on every app."""

    name = "demo"
    default_auto_field = "django.db.models.BigAutoField"
