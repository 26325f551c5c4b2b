from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "risks"
    default_auto_field = "django.db.models.BigAutoField"
