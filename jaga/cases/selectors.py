"""Reads of case files, always through the access policy. Whether identities show is decided
here, once (``CaseView.identified``), and every read of a case is audited."""

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest

from jaga.access.policy import can_each, get_object, visible
from jaga.access.roles import Role
from jaga.access.users import User
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.hooks import CASE_PANEL_RULES
from jaga.cases.models import (
    Case,
    CaseAttachment,
    CaseEvent,
    CaseMember,
    CasePerson,
    CaseService,
    Consent,
    MemberRole,
    NameToken,
    PersonKind,
    ShareField,
)
from jaga.cases.services import NAME_PURPOSE
from jaga.core.crypto import blind_index, encrypted_fields, word_indexes
from jaga.core.identity import NIK_PURPOSE
from jaga.core.pagination import PAGE_ROWS, KeysetPage, keyset_page
from jaga.notifications.selectors import recipients_with_role
from jaga.people.models import Organisation, Person
from jaga.reports.models import Report

CASE_NUMBER = re.compile(r"KS-\d{4}-\d+", re.IGNORECASE)
NIK_QUERY = re.compile(r"\d{16}")
SEARCH_ELSEWHERE_MAX = 20  # a search names at most this many other cases' managers


def _case_list_base() -> QuerySet[Case]:
    return Case.objects.select_related("rt__parent__parent", "place", "manager").prefetch_related(
        "violence_forms"
    )


# The list's order (urgent first, then newest), served by the index ``case_list_order``.
CASE_LIST_KEYS = ("is_urgent", "opened_at", "pk")


def case_list(user: User, *, query: str = "") -> QuerySet[Case]:
    """Cases the user may see (de-identified list), urgent then newest first, filtered by
    ``query``: a case number, a 16-digit NIK, or words of a victim's name (whole words, any
    case; every word must match). NIK and name are matched by blind index: nothing is
    decrypted. A search by identity lists only the person's own cases (``case_page``)."""
    rule = "cases.identity" if is_identity_query(query) else "cases.view"
    return _case_search(visible(user, rule, _case_list_base()), query).order_by(
        *(f"-{key}" for key in CASE_LIST_KEYS)
    )


def case_page(user: User, params: Any, *, query: str = "", size: int = PAGE_ROWS) -> KeysetPage:
    """One page of ``case_list``, after or before the case named in ``params``. A search by
    identity (NIK, name) lists only the person's own cases (those whose identities they may
    see); that other cases match is told by ``case_search_elsewhere``, not listed."""
    rule = "cases.identity" if is_identity_query(query) else "cases.view"
    cases = _case_search(visible(user, rule, Case.objects.all()), query)
    return keyset_page(cases, params, keys=CASE_LIST_KEYS, size=size, rows=_case_list_base())


def is_identity_query(query: str) -> bool:
    """Whether a search names a person (NIK or name words) rather than a case number."""
    query = " ".join(query.split())
    return bool(query) and not CASE_NUMBER.fullmatch(query)


def case_search_elsewhere(user: User, query: str, *, request: HttpRequest | None = None) -> list:
    """For a search by identity: the managers of matching cases outside the person's own —
    all a search may tell of them ("a case exists — ask its manager"): no number, area or
    form of violence. Each such match is audited on its case (who searched, which kind of
    identity), so probing a NIK across the city leaves a trace."""
    if not is_identity_query(query):
        return []
    own = visible(user, "cases.identity", Case.objects.all()).values("pk")
    others = _case_search(visible(user, "cases.view", Case.objects.all()), query).exclude(
        pk__in=own
    )
    kind = "nik" if NIK_QUERY.fullmatch(query.replace(".", "").strip()) else "name"
    managers = []
    for case in others.select_related("manager", "rt").order_by("pk")[:SEARCH_ELSEWHERE_MAX]:
        audit_record(
            actor=user,
            action=AuditAction.READ,
            target=case,
            fields=[f"search.{kind}"],
            reason="search outside own cases",
            request=request,
        )
        managers.append(case.manager)
    return managers


def _case_search(cases: QuerySet[Case], query: str) -> QuerySet[Case]:
    query = " ".join(query.split())
    if not query:
        return cases
    if CASE_NUMBER.fullmatch(query):
        return cases.filter(number__iexact=query.upper())
    if NIK_QUERY.fullmatch(query.replace(".", "")):
        digest = blind_index(query.replace(".", ""), NIK_PURPOSE)
        return cases.filter(pk__in=CasePerson.objects.filter(nik_index=digest).values("case_id"))
    matching = None
    for digest in word_indexes(query, NAME_PURPOSE):
        # A case is searched for by its victim's name, as before perpetrators had tokens.
        tokens = NameToken.objects.filter(digest=digest, person__kind=PersonKind.VICTIM)
        ids = set(tokens.values_list("case_id", flat=True))
        matching = ids if matching is None else matching & ids
    return cases.filter(pk__in=matching or [])


@dataclass
class CaseView:
    case: Case
    identified: bool  # may this person see names, NIK, address, phone, exact birth date?
    can_edit: bool
    can_note: bool
    can_assign: bool


def case_read(
    user: User, pk: int, *, request: HttpRequest | None = None, revealed: bool = False
) -> CaseView:
    """One case the user may see (404 otherwise), with identities only for the case team or
    when ``revealed`` (the caller recorded a reason with ``case_reveal``). Records the read in
    the audit trail, naming the identity fields when they are shown."""
    # The report only names where the case came from: its identities stay encrypted, unread.
    report_secrets = [f"report__{name}" for name in encrypted_fields(Report)]
    cases = _case_list_base().select_related("report").defer(*report_secrets)
    case = get_object(user, "cases.view", cases, pk=pk)
    # The panels' rules are asked now too and kept on the case for them (one query).
    asked = ["cases.identity", "cases.edit", "cases.note", "cases.assign", *CASE_PANEL_RULES]
    may = can_each(user, asked, case, remember=True)
    identified = revealed or may["cases.identity"]
    audit_record(
        actor=user,
        action=AuditAction.READ,
        target=case,
        fields=["people.name", "people.nik", "people.address"] if identified else ["summary"],
        request=request,
    )
    return CaseView(
        case=case,
        identified=identified,
        can_edit=may["cases.edit"],
        can_note=may["cases.note"],
        can_assign=may["cases.assign"],
    )


def case_for(user: User, rule: str, pk: int) -> Case:
    """The case for an action under ``rule``: 404 if the person cannot see it at all."""
    return get_object(user, rule, Case.objects.select_related("rt", "report"), pk=pk)


def case_people(case: Case) -> QuerySet[CasePerson]:
    return case.people.select_related("age_group", "sex", "education", "occupation", "relationship")


def case_timeline(case: Case) -> QuerySet[CaseEvent]:
    """The case's events with their actors, oldest first, kept on the instance: the case
    page's clocks read the same events without a query of their own."""
    prefetch_related_objects(
        [case], Prefetch("events", queryset=CaseEvent.objects.select_related("actor"))
    )
    return case.events.all()


def case_team(case: Case) -> QuerySet[CaseMember]:
    return case.members.filter(removed_at__isnull=True).select_related("person")


def case_heads(case: Case) -> QuerySet[Any]:
    """The UPTD PPA heads a case answers to: the receiving head on its team when it came from
    another city, else the heads of its own city."""
    supervisors = case_team(case).filter(role=MemberRole.SUPERVISOR).values("person_id")
    if supervisors.exists():
        return Person.objects.filter(pk__in=supervisors, is_active=True)
    return recipients_with_role(Role.UPTD_HEAD, area_code=case.rt.code)


def case_detail_related(case: Case) -> Case:
    """The case with services, consents and attachments prefetched (a fixed number of
    queries)."""
    prefetch_related_objects(
        [case],
        Prefetch(
            "services", queryset=CaseService.objects.select_related("service", "organisation")
        ),
        Prefetch("consents", queryset=Consent.objects.prefetch_related("organisations")),
        "attachments",
    )
    return case


@dataclass(frozen=True)
class PartnerSharing:
    organisation: Organisation
    kinds: list[str]  # the ``ShareField`` labels, in their declared order


def sharing_by_partner(case: Case) -> list[PartnerSharing]:
    """What each partner may receive from the case now, by name: per organisation, the data
    kinds of all consents in force that name it (as ``consented_fields`` decides at every
    read). Reads the consents ``case_detail_related`` prefetched: no query of its own."""
    partners: dict[int, Organisation] = {}
    kinds: dict[int, set[str]] = {}
    for consent in case.consents.all():
        if consent.for_sharing and consent.withdrawn_at is None:
            for organisation in consent.organisations.all():
                partners[organisation.pk] = organisation
                kinds.setdefault(organisation.pk, set()).update(consent.shared_fields)
    return sorted(
        (
            PartnerSharing(partners[pk], [str(f.label) for f in ShareField if f.value in chosen])
            for pk, chosen in kinds.items()
        ),
        key=lambda sharing: sharing.organisation.name,
    )


def case_person_initial(person: CasePerson, *, by: Any, request: HttpRequest | None) -> dict:
    """A victim's or alleged perpetrator's values for the edit form. The identity is shown,
    so the read is audited with the fields shown."""
    shown = [f for f in ("name", "nik", "birth_date", "address", "phone") if getattr(person, f)]
    audit_record(actor=by, action=AuditAction.READ, target=person, fields=shown, request=request)
    codes = ("sex", "education", "occupation", "relationship")
    return {
        "kind": person.kind,
        "victim_kind": person.victim_kind,
        "name": person.name,
        "nik": person.nik,
        "birth_date": person.birth_date or None,
        "age": person.age,
        "has_disability": person.has_disability,
        "address": person.address,
        "phone": person.phone,
        **{field: getattr(getattr(person, field), "code", "") for field in codes},
    }


def attachment_for(user: User, case_pk: int, pk: int) -> CaseAttachment:
    """An attachment of a case the person works on (case team), else 404."""
    attachments = CaseAttachment.objects.filter(case_id=case_pk).select_related("case__rt")
    return get_object(user, "cases.note", attachments, pk=pk)


def duplicate_cases(*, nik_index: str, name_birth_index: str, rt_id: int) -> QuerySet[Case]:
    """Cases with a victim of the same NIK, or the same name and birth date in the same RT."""
    same = Q()
    if nik_index:
        same |= Q(nik_index=nik_index)
    if name_birth_index:
        same |= Q(name_birth_index=name_birth_index, case__rt_id=rt_id)
    if not same:
        return Case.objects.none()
    people = CasePerson.objects.filter(same, kind="victim")
    return Case.objects.filter(pk__in=people.values("case_id")).order_by("-opened_at")


def consented_fields(case_id: int, organisation_id: int) -> set[str]:
    """The kinds of data (``ShareField`` values) that some consent in force (not withdrawn)
    lets go from the case to the organisation; read again at every read of shared data."""
    allowed = Consent.objects.filter(
        case_id=case_id,
        for_sharing=True,
        withdrawn_at__isnull=True,
        organisations=organisation_id,
    ).values_list("shared_fields", flat=True)
    return {kind for kinds in allowed for kind in kinds}
