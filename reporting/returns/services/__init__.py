"""The writes of rounds and quarterly returns, and the shapes their callers pass in."""

from reporting.returns.services.drafts import Commentary, ValueEntry, return_save
from reporting.returns.services.returns import (
    return_approve,
    return_reopen,
    return_send_back,
    return_submit,
    returns_approve,
)
from reporting.returns.services.rounds import round_close, round_extend, round_open

__all__ = [
    "Commentary",
    "ValueEntry",
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
