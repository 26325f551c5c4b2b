from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Reporting tells people of what happens in the risk register: risks never
        # imports reporting, it sends a signal that reporting listens to.
        from reporting.notifications.risk_emails import on_escalation_decided
        from reporting.scorecard import signals as scorecard_signals
        from risks.signals import escalation_decided

        scorecard_signals.connect()

        escalation_decided.connect(on_escalation_decided, dispatch_uid="risk-escalation-emails")
