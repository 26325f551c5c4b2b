"""Every write of the reporting app: rounds and quarterly returns."""

from reporting.returns.services.common import due_frequencies, indicators_collected
from reporting.returns.services.returns import (
    Commentary,
    ValueEntry,
    missing_reason,
    return_approve,
    return_reopen,
    return_save,
    return_send_back,
    return_submit,
    returns_approve,
)
from reporting.returns.services.rounds import round_close, round_extend, round_open

__all__ = [
    "Commentary",
    "ValueEntry",
    "due_frequencies",
    "indicators_collected",
    "missing_reason",
    "return_approve",
    "return_reopen",
    "return_save",
    "return_send_back",
    "return_submit",
    "returns_approve",
    "round_close",
    "round_extend",
    "round_open",
]
