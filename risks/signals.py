"""Signals the risk register sends, for the apps above it to act on (``reporting`` emails).

``risks`` never imports ``reporting``: it says what happened, and ``reporting`` connects a
receiver in its ``AppConfig.ready``.
"""

from django.dispatch import Signal

# Sent once a decision on an escalation proposal has committed, with ``proposal`` (the
# ``EscalationProposal``, confirmed or declined). Receivers must be idempotent: a retry
# may send it again.
escalation_decided = Signal()
