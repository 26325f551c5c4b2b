"""The states of a quarterly return and what each allows, as plain values.

A return is entered (not started, draft, or returned to the lead with comments), then
submitted for review, then approved. The states are the values of
``QuarterlyReturn.State``; a test checks that the two agree. Nothing here touches the
database, so the permission module and the selectors read the same table.
"""

from __future__ import annotations

NOT_STARTED = "not_started"
DRAFT = "draft"
SUBMITTED = "submitted"
APPROVED = "approved"
RETURNED = "returned"

# The lead (or an officer for them) may change and submit it, while its round is open.
EDITABLE = frozenset({NOT_STARTED, DRAFT, RETURNED})
# Not yet handed in: what the cycle reminds and chases, and what counts as missing.
NOT_SUBMITTED = EDITABLE
# Handed in: the lead has done their part (awaiting review, or approved).
DONE = frozenset({SUBMITTED, APPROVED})
# An officer approves or sends back a submitted return, and may reopen an approved one.
REVIEWABLE = frozenset({SUBMITTED})
REOPENABLE = frozenset({APPROVED})
# Its values feed every page, pack and report for everybody.
PUBLISHED = frozenset({APPROVED})

ROUND_OPEN = "open"
