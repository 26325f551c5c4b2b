"""Who may see and do what: the one place that decides, for pages, API, exports and jobs.

Each rule is a plain function of the user and the object. What a person may do comes
from their role assignments, read once per request into :class:`UserRoles`. Querysets
are filtered by the ``visible_*`` functions, which take the queryset to filter so that
this module imports nothing from the apps above it but the pure table of return states
(:mod:`reporting.rules.return_states`).

It is one module on purpose, although long: every question of who may see, do or be told
what is answered here and nowhere else, so it is read and reviewed as a whole.

The performance team (performance officers over the whole partnership, and
administrators) sees and supports everything. Values not yet approved are seen only by
the organisation that leads the outcome collecting them (its leads and officers) and by
the performance team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from partnership.models import Role, RoleAssignment
from reporting.rules import return_states

_CACHE_ATTRIBUTE = "_partnership_roles"


@dataclass(frozen=True)
class UserRoles:
    """Everything the rules need to know about one person, read in one query."""

    user_id: int | None = None
    organisation_id: int | None = None
    administrator: bool = False
    performance_team: bool = False  # performance officer over the whole partnership
    officer_organisation_ids: frozenset[int] = field(default_factory=frozenset)
    led_outcome_ids: frozenset[int] = field(default_factory=frozenset)
    led_indicator_ids: frozenset[int] = field(default_factory=frozenset)
    board_block_ids: frozenset[int] = field(default_factory=frozenset)
    psb_member: bool = False
    scrutiny: bool = False
    scrutiny_block_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def sees_everything(self) -> bool:
        return self.administrator or self.performance_team

    @property
    def is_officer(self) -> bool:
        return self.performance_team or bool(self.officer_organisation_ids)

    @property
    def organisations_seeing_unapproved(self) -> frozenset[int]:
        """Partners whose outcomes' unapproved values this person may see.

        Staff who work on the figures (leads and officers) see their own organisation's
        drafts; someone there who only reads (a scrutiny member, a board member) sees
        approved values like everyone else.
        """
        works_on_figures = self.led_outcome_ids or self.led_indicator_ids or self.is_officer
        own = {self.organisation_id} if self.organisation_id and works_on_figures else set()
        return frozenset(own) | self.officer_organisation_ids

    @property
    def read_only(self) -> bool:
        """Scrutiny reads everything published and writes nothing."""
        writes = (
            self.sees_everything
            or self.officer_organisation_ids
            or self.led_outcome_ids
            or self.led_indicator_ids
            or self.board_block_ids
            or self.psb_member
        )
        return not writes

    @property
    def role_names(self) -> list[str]:
        """The roles held, in the users' words, for the header and start page."""
        names = []
        if self.administrator:
            names.append(Role.ADMINISTRATOR.label)
        if self.is_officer:
            names.append(Role.PERFORMANCE_OFFICER.label)
        if self.led_outcome_ids:
            names.append(Role.OUTCOME_LEAD.label)
        if self.led_indicator_ids:
            names.append(Role.INDICATOR_LEAD.label)
        if self.board_block_ids:
            names.append(Role.BOARD_MEMBER.label)
        if self.psb_member:
            names.append(Role.PSB_MEMBER.label)
        if self.scrutiny:
            names.append(Role.SCRUTINY.label)
        return names


NOBODY = UserRoles()


@dataclass(frozen=True)
class JobActor:
    """A job acting in a role with no account of its own: the command line writing a pack
    as the performance team, say. It has the roles given, and no others; history records
    it as nobody (its ``pk`` is None) and pages name it by ``get_full_name``."""

    name: str
    username: str
    roles: UserRoles
    pk: None = None
    id: None = None
    is_authenticated: bool = True
    is_active: bool = True
    is_superuser: bool = False
    email: str = ""

    def get_full_name(self) -> str:
        return self.name

    def get_username(self) -> str:
        return self.username


PERFORMANCE_TEAM_JOB = JobActor(
    name="The performance team (command line)",
    username="performance-team",
    roles=UserRoles(performance_team=True),
)


def roles_of(user: Any) -> UserRoles:
    """The roles of ``user``, read once and kept on the user object for the request."""
    if isinstance(user, JobActor):
        return user.roles
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    assignments = list(
        RoleAssignment.objects.filter(user=user).values_list(
            "role", "block_id", "outcome_id", "indicator_id", "organisation_id"
        )
    )
    profile = getattr(user, "profile", None) if _has_profile(user) else None
    by_role: dict[str, list[tuple[int | None, ...]]] = {}
    for role, *scope in assignments:
        by_role.setdefault(role, []).append(tuple(scope))

    def ids(role: str, position: int) -> frozenset[int]:
        return frozenset(s[position] for s in by_role.get(role, []) if s[position] is not None)

    def unscoped(role: str) -> bool:
        return any(all(part is None for part in s) for s in by_role.get(role, []))

    roles = UserRoles(
        user_id=user.pk,
        organisation_id=profile.organisation_id if profile else None,
        administrator=user.is_superuser or unscoped(Role.ADMINISTRATOR),
        performance_team=unscoped(Role.PERFORMANCE_OFFICER),
        officer_organisation_ids=ids(Role.PERFORMANCE_OFFICER, 3),
        led_outcome_ids=ids(Role.OUTCOME_LEAD, 1),
        led_indicator_ids=ids(Role.INDICATOR_LEAD, 2),
        board_block_ids=ids(Role.BOARD_MEMBER, 0),
        psb_member=Role.PSB_MEMBER in by_role,
        scrutiny=Role.SCRUTINY in by_role,
        scrutiny_block_ids=ids(Role.SCRUTINY, 0),
    )
    setattr(user, _CACHE_ATTRIBUTE, roles)
    return roles


def forget_roles(user: Any) -> None:
    """Drop the roles kept on ``user`` (after its assignments change)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _has_profile(user: Any) -> bool:
    try:
        user.profile  # noqa: B018 - a missing one-to-one raises
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist is per model
        return False
    return True


# --- Framework --------------------------------------------------------------------------


def can_use_site(user: Any) -> bool:
    """Anyone signed in with at least one role (or a superuser) may use the site."""
    roles = roles_of(user)
    return roles is not NOBODY and (roles.administrator or bool(roles.role_names))


def can_manage_framework(user: Any) -> bool:
    """Setting up outcomes, indicators and targets is for the performance team."""
    return roles_of(user).sees_everything


def spc_process_refusal(user: Any) -> str | None:
    """Why ``user`` may not record a change of process on an indicator's SPC chart (a
    rebase, or fixed limits), or None: it is for the performance team."""
    if roles_of(user).sees_everything:
        return None
    return (
        "Only the performance team records a change of process on an indicator's chart. "
        "Tell them what changed and when, and they can rebase the chart."
    )


def funding_edit_refusal(user: Any) -> str | None:
    """Why ``user`` may not add or edit a funding stream and its amounts, or None: the
    performance team keeps the record of funding."""
    if roles_of(user).sees_everything:
        return None
    return (
        "Only the performance team adds and changes funding streams. Tell them what has "
        "changed (a new grant, a new year's amount) and they will record it."
    )


def can_manage_users(user: Any) -> bool:
    return roles_of(user).administrator


def can_use_admin(user: Any) -> bool:
    """The Django admin lets in staff; administrators manage users and reference data there."""
    return bool(getattr(user, "is_active", False) and getattr(user, "is_staff", False))


def can_manage_rounds(user: Any) -> bool:
    """Opening, extending and closing rounds is for the performance team."""
    return roles_of(user).sees_everything


def import_values_refusal(user: Any) -> str | None:
    """Importing values (comparators, national figures, history) is for the performance team."""
    if roles_of(user).sees_everything:
        return None
    return "Only the performance team can import values."


def can_import_values(user: Any) -> bool:
    return import_values_refusal(user) is None


def framework_import_refusal(user: Any) -> str | None:
    """Setting up outcomes, indicators, targets and milestones from a workbook, and
    downloading the framework as one, is for the performance team."""
    if roles_of(user).sees_everything:
        return None
    return "Only the performance team can import the framework."


def can_export_pack(user: Any) -> bool:
    return roles_of(user).is_officer or roles_of(user).administrator


def visible_packs(user: Any, packs: QuerySet) -> QuerySet:
    """Filter a queryset of ``PerformancePack``: a person's own packs; every pack for the
    performance team; none for someone who may not make packs."""
    if not can_export_pack(user):
        return packs.none()
    if roles_of(user).sees_everything:
        return packs
    return packs.filter(requested_by_id=user.pk)


# --- Values -----------------------------------------------------------------------------


def can_view_unapproved(user: Any, *, lead_organisation_id: int | None) -> bool:
    """Unapproved values of an outcome are for its lead organisation and the performance team."""
    roles = roles_of(user)
    if roles.sees_everything:
        return True
    return lead_organisation_id is not None and (
        lead_organisation_id in roles.organisations_seeing_unapproved
    )


def can_view_value(user: Any, value: Any) -> bool:
    """An approved value is for everyone signed in; an unapproved one, see above."""
    if not can_use_site(user):
        return False
    if value.is_approved:
        return True
    return can_view_unapproved(
        user, lead_organisation_id=value.indicator.primary_outcome.lead_organisation_id
    )


def visible_values(user: Any, values: QuerySet) -> QuerySet:
    """Filter a queryset of ``IndicatorValue`` to what ``user`` may see."""
    roles = roles_of(user)
    if not can_use_site(user):
        return values.none()
    if roles.sees_everything:
        return values
    organisations = roles.organisations_seeing_unapproved
    if not organisations:  # approved values only: no join to the outcomes to count them
        return values.filter(is_approved=True)
    return values.filter(
        Q(is_approved=True) | Q(indicator__primary_outcome__lead_organisation_id__in=organisations)
    )


# --- Quarterly returns ------------------------------------------------------------------


def _leads_return(roles: UserRoles, quarterly_return: Any) -> bool:
    return quarterly_return.outcome_id in roles.led_outcome_ids or (
        roles.user_id is not None and quarterly_return.outcome.lead_person_id == roles.user_id
    )


def _led(roles: UserRoles) -> Q:
    """Returns of outcomes the person leads: by the outcome lead role, or named as lead."""
    led = Q(outcome_id__in=roles.led_outcome_ids)
    return led | Q(outcome__lead_person_id=roles.user_id) if roles.user_id is not None else led


def led_returns(user: Any, returns: QuerySet) -> QuerySet:
    """Filter a queryset of ``QuarterlyReturn`` to those of outcomes the person leads."""
    return returns.filter(_led(roles_of(user)))


def _officer_for_return(roles: UserRoles, quarterly_return: Any) -> bool:
    return (
        roles.sees_everything
        or quarterly_return.outcome.lead_organisation_id in roles.officer_organisation_ids
    )


def is_return_editor(user: Any, quarterly_return: Any) -> bool:
    """Whether the person is one who enters this return (its lead, or an officer for it),
    whatever its state: it tells "not yours" (403) from "not now" (a reason to show)."""
    roles = roles_of(user)
    return _leads_return(roles, quarterly_return) or _officer_for_return(roles, quarterly_return)


def is_return_officer(user: Any, quarterly_return: Any) -> bool:
    """Whether the person reviews this return (the performance team or the lead partner's
    officers), whatever its state."""
    return _officer_for_return(roles_of(user), quarterly_return)


def can_oversee_returns(user: Any) -> bool:
    """Whether the person reviews returns at all: the performance team and partners' officers."""
    roles = roles_of(user)
    return roles.is_officer or roles.sees_everything


def can_view_return(user: Any, quarterly_return: Any) -> bool:
    """The lead's organisation and the officers see a return in any state; others once approved."""
    if not can_use_site(user):
        return False
    if quarterly_return.state == return_states.APPROVED:
        return True
    return _leads_return(roles_of(user), quarterly_return) or can_view_unapproved(
        user, lead_organisation_id=quarterly_return.outcome.lead_organisation_id
    )


def visible_returns(user: Any, returns: QuerySet) -> QuerySet:
    """Filter a queryset of ``QuarterlyReturn`` to what ``user`` may see."""
    roles = roles_of(user)
    if not can_use_site(user):
        return returns.none()
    if roles.sees_everything:
        return returns
    return returns.filter(
        Q(state=return_states.APPROVED)
        | _led(roles)
        | Q(outcome__lead_organisation_id__in=roles.organisations_seeing_unapproved)
    )


def overseen_returns(user: Any, returns: QuerySet) -> QuerySet:
    """The returns an officer oversees: all for the performance team, else their partners'."""
    roles = roles_of(user)
    if roles.sees_everything:
        return returns
    return returns.filter(outcome__lead_organisation_id__in=roles.officer_organisation_ids)


def _officers_only(quarterly_return: Any) -> str:
    return (
        "Only the performance team or a performance officer for "
        f"{quarterly_return.outcome.lead_organisation} can do this."
    )


def return_edit_refusal(user: Any, quarterly_return: Any) -> str | None:
    """Why the person may not change (or submit) this return now; None when they may.

    The outcome's lead edits its return while the round is open and it is not submitted;
    performance officers for the lead organisation may enter it on the lead's behalf.
    """
    round_ = quarterly_return.round
    if round_.state != return_states.ROUND_OPEN:
        state = round_.get_state_display().lower()
        return f"The round for {round_.period.label} is {state}, so its returns cannot be changed."
    if quarterly_return.state == return_states.SUBMITTED:
        return "This return is submitted and waiting for review, so it cannot be changed."
    if quarterly_return.state == return_states.APPROVED:
        return "This return is approved, so it cannot be changed unless an officer reopens it."
    if quarterly_return.state not in return_states.EDITABLE or not is_return_editor(
        user, quarterly_return
    ):
        return "Only the outcome's lead or a performance officer can change this return."
    return None


def return_review_refusal(user: Any, quarterly_return: Any) -> str | None:
    """Why the person may not approve or send back this return; None when they may."""
    if quarterly_return.state not in return_states.REVIEWABLE:
        return (
            "Only a submitted return can be approved or sent back; this one is "
            f"{quarterly_return.get_state_display().lower()}."
        )
    if not is_return_officer(user, quarterly_return):
        return _officers_only(quarterly_return)
    return None


def return_reopen_refusal(user: Any, quarterly_return: Any) -> str | None:
    """Why the person may not reopen this approved return; None when they may."""
    if quarterly_return.state not in return_states.REOPENABLE:
        return (
            "Only an approved return can be reopened; this one is "
            f"{quarterly_return.get_state_display().lower()}."
        )
    if not is_return_officer(user, quarterly_return):
        return _officers_only(quarterly_return)
    return None


def can_edit_return(user: Any, quarterly_return: Any) -> bool:
    return return_edit_refusal(user, quarterly_return) is None


def can_submit_return(user: Any, quarterly_return: Any) -> bool:
    return return_edit_refusal(user, quarterly_return) is None


def can_review_return(user: Any, quarterly_return: Any) -> bool:
    return return_review_refusal(user, quarterly_return) is None


def can_reopen_return(user: Any, quarterly_return: Any) -> bool:
    return return_reopen_refusal(user, quarterly_return) is None


# --- Risks ------------------------------------------------------------------------------


def can_view_risk(user: Any, risk: Any) -> bool:
    """The risk register is open to everyone who uses the site."""
    return can_use_site(user)


def visible_risks(user: Any, risks: QuerySet) -> QuerySet:
    """Filter a queryset of ``Risk`` to what ``user`` may see: every risk for anyone who
    uses the site (as ``can_view_risk``), none for anyone else."""
    return risks if can_use_site(user) else risks.none()


def risk_edit_refusal(user: Any, risk: Any) -> str | None:
    """Why ``user`` may not add or edit ``risk`` (saved or not yet), or None if they may.

    The performance team, the risk's owner, the lead of the outcome (or of the target's
    indicator or outcome) it hangs on, the board of the block for a block risk and the PSB
    for a partnership risk keep a risk up to date; everyone else reads it."""
    roles = roles_of(user)
    if roles.sees_everything or (roles.user_id is not None and risk.owner_id == roles.user_id):
        return None
    if risk.level == "partnership":
        if roles.psb_member:
            return None
        return "Only members of the Public Service Board and the performance team keep its risks."
    if risk.level == "block":
        if risk_block_id(risk) in roles.board_block_ids:
            return None
        return "Only the block's board members and the performance team keep the block's risks."
    if risk.level == "outcome" and risk.outcome_id in roles.led_outcome_ids:
        return None
    if (
        risk.level == "target"
        and risk.target_id
        and (
            risk.target.indicator_id in roles.led_indicator_ids
            or risk.target.indicator.primary_outcome_id in roles.led_outcome_ids
        )
    ):
        return None
    return (
        "Only the risk's owner, the lead of the outcome or target it hangs on and the "
        "performance team keep this risk."
    )


def can_edit_risk(user: Any, risk: Any) -> bool:
    return risk_edit_refusal(user, risk) is None


def can_add_risk(user: Any) -> bool:
    """Someone who keeps risks at some level: the performance team, an outcome or indicator
    lead, a board member or a PSB member (each only at their level, as ``risk_edit_refusal``)."""
    roles = roles_of(user)
    return bool(
        roles.sees_everything
        or roles.led_outcome_ids
        or roles.led_indicator_ids
        or roles.board_block_ids
        or roles.psb_member
    )


def can_confirm_escalation(user: Any, risk: Any, *, to_level: str) -> bool:
    """Whether ``user`` may confirm moving ``risk`` up to ``to_level``: the receiving level
    decides (as ``escalation_decision_refusal`` for a proposal up)."""
    return _decision_refusal(roles_of(user), risk, deciding_level=to_level) is None


def escalation_decision_refusal(user: Any, proposal: Any) -> str | None:
    """Why ``user`` may not confirm or decline ``proposal``, or None if they may.

    An escalation up is decided by the level that would receive the risk: the PSB's
    members for the Public Service Board, the block's board members for a block, the lead
    of the outcome the risk belongs to for an outcome. A de-escalation is decided by the
    level that holds the risk now (the board hands a risk back to its outcome, the PSB to
    its board). The performance team may decide any; the risk's owner, as owner, decides
    none; scrutiny and everyone else never. Whether the proposal is still pending is the
    service's question, not this one's."""
    deciding_level = proposal.to_level if proposal.direction == "up" else proposal.from_level
    return _decision_refusal(roles_of(user), proposal.risk, deciding_level=deciding_level)


def _decision_refusal(roles: UserRoles, risk: Any, *, deciding_level: str) -> str | None:
    if roles.sees_everything:
        return None
    if roles.read_only:
        return "Scrutiny and readers can see the escalation route, but do not decide on it."
    if deciding_level == "partnership":
        if roles.psb_member:
            return None
        return (
            "Only members of the Public Service Board and the performance team decide on "
            "the Public Service Board's risks."
        )
    if deciding_level == "block":
        if risk_block_id(risk) in roles.board_block_ids:
            return None
        return (
            "Only the members of the block's partnership board and the performance team "
            "decide on the block's risks."
        )
    if deciding_level == "outcome" and _leads_risk_outcome(roles, risk):
        return None
    return (
        "Only the lead of the outcome the risk belongs to and the performance team decide "
        "on the outcome's risks."
    )


def _leads_risk_outcome(roles: UserRoles, risk: Any) -> bool:
    """Whether the person leads the outcome a risk belongs to (its own, or its target's)."""
    if risk.outcome_id:
        outcome = risk.outcome
    elif risk.target_id:
        outcome = risk.target.indicator.primary_outcome
    else:
        return False
    return outcome.pk in roles.led_outcome_ids or (
        roles.user_id is not None and outcome.lead_person_id == roles.user_id
    )


def can_decide_escalation(user: Any, proposal: Any) -> bool:
    return escalation_decision_refusal(user, proposal) is None


def risk_block_id(risk: Any) -> int | None:
    """The block a risk belongs to, through whatever it hangs on."""
    if risk.block_id:
        return risk.block_id
    if risk.outcome_id:
        return risk.outcome.block_id
    if risk.target_id:
        return risk.target.indicator.primary_outcome.block_id
    return None


# --- Who is told ------------------------------------------------------------------------


def _reachable(user: Any) -> bool:
    """Someone an email can go to: an active account with an address."""
    return user is not None and user.is_active and bool(user.email)


def _by_pk(people: dict[int, Any]) -> list[Any]:
    return [people[pk] for pk in sorted(people)]


class ReturnAudience:
    """Who is told or chased about a set of quarterly returns, read in one query.

    The returns need their ``outcome`` (with its ``lead_person``) loaded. Everyone named
    is active and has an email address; each list is in a stable order (by account).
    """

    def __init__(self, returns: Any) -> None:
        returns = list(returns)
        self._leads: dict[int, dict[int, Any]] = {}
        self._officers: dict[int, dict[int, Any]] = {}
        self._board: dict[int, dict[int, Any]] = {}
        self._team: dict[int, Any] = {}
        for r in returns:
            lead = r.outcome.lead_person
            self._leads.setdefault(r.outcome_id, {})
            if _reachable(lead):
                self._leads[r.outcome_id][lead.pk] = lead
        whole_partnership = Q(
            block__isnull=True,
            outcome__isnull=True,
            indicator__isnull=True,
            organisation__isnull=True,
        )
        assignments = RoleAssignment.objects.filter(
            Q(role=Role.OUTCOME_LEAD, outcome_id__in={r.outcome_id for r in returns})
            | Q(
                Q(organisation_id__in={r.outcome.lead_organisation_id for r in returns})
                | whole_partnership,
                role=Role.PERFORMANCE_OFFICER,
            )
            | Q(role=Role.BOARD_MEMBER, block_id__in={r.outcome.block_id for r in returns})
        ).select_related("user")
        for a in assignments:
            if not _reachable(a.user):
                continue
            if a.role == Role.OUTCOME_LEAD:
                self._leads.setdefault(a.outcome_id, {})[a.user_id] = a.user
            elif a.role == Role.BOARD_MEMBER:
                self._board.setdefault(a.block_id, {})[a.user_id] = a.user
            elif a.organisation_id is not None:
                self._officers.setdefault(a.organisation_id, {})[a.user_id] = a.user
            else:  # the whole partnership's, by the filter
                self._team[a.user_id] = a.user

    def leads(self, quarterly_return: Any) -> list[Any]:
        """The outcome's lead person and everyone with the outcome lead role for it: told
        when the round opens, reminded, chased, and told of the review."""
        return _by_pk(self._leads.get(quarterly_return.outcome_id, {}))

    def officers(self, quarterly_return: Any) -> list[Any]:
        """The lead organisation's performance officers other than its leads (told
        already): chased with the leads when the return is late."""
        leads = self._leads.get(quarterly_return.outcome_id, {})
        officers = self._officers.get(quarterly_return.outcome.lead_organisation_id, {})
        return _by_pk({pk: u for pk, u in officers.items() if pk not in leads})

    def reviewers(self, quarterly_return: Any) -> list[Any]:
        """Who reviews it: the partnership's performance team and the lead organisation's
        officers, told when it is submitted."""
        officers = self._officers.get(quarterly_return.outcome.lead_organisation_id, {})
        return _by_pk({**self._team, **officers})

    def board(self, block_id: int) -> list[Any]:
        """The members of a block's partnership board: told of its late returns."""
        return _by_pk(self._board.get(block_id, {}))


def psb_members() -> list[Any]:
    """The Public Service Board's members who can be emailed: they receive the exception
    report."""
    assignments = RoleAssignment.objects.filter(role=Role.PSB_MEMBER).select_related("user")
    return _by_pk({a.user_id: a.user for a in assignments if _reachable(a.user)})


def board_members(block_id: int) -> list[Any]:
    """The members of a block's partnership board who can be emailed: told when a risk is
    escalated to their board."""
    assignments = RoleAssignment.objects.filter(
        role=Role.BOARD_MEMBER, block_id=block_id
    ).select_related("user")
    return _by_pk({a.user_id: a.user for a in assignments if _reachable(a.user)})


def outcome_leads(outcome: Any) -> list[Any]:
    """An outcome's lead person and everyone with the outcome lead role for it who can be
    emailed: told when a risk is moved to their outcome."""
    people = {outcome.lead_person_id: outcome.lead_person} if outcome.lead_person_id else {}
    assignments = RoleAssignment.objects.filter(
        role=Role.OUTCOME_LEAD, outcome_id=outcome.pk
    ).select_related("user")
    people.update({a.user_id: a.user for a in assignments})
    return _by_pk({pk: u for pk, u in people.items() if _reachable(u)})


# --- Entering a return for its lead -----------------------------------------------------


def is_return_lead(user: Any, quarterly_return: Any) -> bool:
    """Whether the person leads the return's outcome, and so enters it as their own.

    A performance officer who may enter a return (``is_return_editor``) but does not lead
    it enters it for the lead: the page shows it to them read only until they choose to.
    """
    return _leads_return(roles_of(user), quarterly_return)


# --- The quarterly cycle and the exception reports as sent -------------------------------


def can_run_cycle(user: Any) -> bool:
    """Running the quarterly cycle's daily tick by hand (from the cycle page) is for the
    performance team, who see the cycle."""
    return roles_of(user).sees_everything


def can_view_exception_reports(user: Any) -> bool:
    """The exception reports as sent to the PSB, with their packs, are read by the PSB's
    members, the performance team and performance officers. They hold approved values
    only, across the whole partnership."""
    roles = roles_of(user)
    return roles.psb_member or roles.is_officer or roles.sees_everything


# --- Public pages -----------------------------------------------------------------------

# What the public pages read with: approved values only, as scrutiny reads them. Nothing
# of a return's commentary, a risk or a person is shown on them (``public/``).
PUBLIC = JobActor(name="The public", username="public", roles=UserRoles(scrutiny=True))


def publish_refusal(user: Any) -> str | None:
    """Why ``user`` may not publish an indicator (or withdraw it), or None: publishing what
    the partnership shows residents is the performance team's decision."""
    if roles_of(user).sees_everything:
        return None
    return (
        "Only the performance team publishes indicators on the public pages. "
        "Ask them if an indicator should be published."
    )


def public_values(values: QuerySet, *, closed_until: Any) -> QuerySet:
    """Filter a queryset of ``IndicatorValue`` to what anyone may see without signing in:
    approved values of active, published indicators, for periods ending by
    ``closed_until`` (the end of the latest quarter whose round has closed; None: nothing)
    and never a quarter whose round is still open or scheduled."""
    if closed_until is None:
        return values.none()
    return values.filter(
        Q(period__return_round__isnull=True) | Q(period__return_round__state="closed"),
        is_approved=True,
        indicator__published=True,
        indicator__is_active=True,
        period__end_date__lte=closed_until,
    )


# --- Delivery plans ---------------------------------------------------------------------

PLAN_EDITORS = (
    "Only the outcome's lead, their organisation's performance officers and the performance "
    "team can change this delivery plan."
)


def plan_edit_refusal(user: Any, outcome: Any) -> str | None:
    """Why ``user`` may not change ``outcome``'s delivery plan (its evidence, options and
    actions), or None: its lead (by role or named as its lead, as for its return), the
    lead organisation's officers, the performance team. Everyone else with a role reads
    it (``can_use_site``)."""
    roles = roles_of(user)
    if (
        roles.sees_everything
        or outcome.pk in roles.led_outcome_ids
        or (roles.user_id is not None and outcome.lead_person_id == roles.user_id)
        or outcome.lead_organisation_id in roles.officer_organisation_ids
    ):
        return None
    return PLAN_EDITORS


def can_edit_plan(user: Any, outcome: Any) -> bool:
    return plan_edit_refusal(user, outcome) is None
