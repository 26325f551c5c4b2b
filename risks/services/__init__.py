"""Writes to the risk register, each in a transaction, with who in history.

``edit``: adding and editing a risk; ``escalation``: the escalation route's proposals and
the decisions on them.
"""

from risks.services.edit import STALE_MESSAGE, RiskRefused, StaleRisk, add_risk, edit_risk

__all__ = ["STALE_MESSAGE", "RiskRefused", "StaleRisk", "add_risk", "edit_risk"]
