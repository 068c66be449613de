"""Reads of referrals, always through the access policy. A partner's officers see only the
referrals sent to their organisation, and of the case only the kinds of data the referral
shares: only those columns are read (and so decrypted), and each read is audited."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jaga.access.policy import can, get_object, visible
from jaga.access.users import User
from jaga.audit.breach import Watch
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.models import Case, CaseEvent, CasePerson, EventKind, PersonKind, ShareField
from jaga.cases.selectors import consented_fields
from jaga.referrals.models import Referral

# The columns of a victim each kind of shared data opens.
PERSON_COLUMNS: dict[str, tuple[str, ...]] = {
    ShareField.IDENTITY: ("name", "nik", "birth_date"),
    ShareField.CONTACT: ("address", "phone"),
}

COLUMN_LABELS = {
    "name": _("Nama"),
    "nik": "NIK",
    "birth_date": _("Tanggal lahir"),
    "address": _("Alamat"),
    "phone": _("Nomor HP"),
}


def _base() -> QuerySet[Referral]:
    return Referral.objects.select_related(
        "case__rt__parent", "case__manager", "organisation__area", "service", "sent_by"
    )


def referral_list(user: User, *, status: str = "") -> QuerySet[Referral]:
    """Referrals the user may see: a partner's officer those sent to their organisation, the
    case team those of its cases, the UPTD PPA head and DP3AKB the city's. Urgent and open
    first. A fixed number of queries however long."""
    referrals = visible(user, "referrals.view", _base())
    if status:
        referrals = referrals.filter(status=status)
    return referrals.order_by("-is_urgent", "-sent_at", "-pk")


def referral_get(user: User, pk: int, rule: str = "referrals.view") -> Referral:
    """One referral the user may act on under ``rule`` (404 outside their reach)."""
    return get_object(user, rule, _base(), pk=pk)


def referrals_of_case(user: User, case: Case) -> QuerySet[Referral]:
    """The referrals of one case that the user may see, newest first."""
    return referral_list(user).filter(case=case)


@dataclass
class SharedVictim:
    victim_kind: str
    age_group: str
    sex: str
    values: dict[str, str] = field(default_factory=dict)  # only the shared columns

    @property
    def labelled(self) -> list[tuple[str, str]]:
        return [(str(COLUMN_LABELS[c]), v) for c, v in self.values.items()]


@dataclass
class SharedData:
    """What a referral lets its reader see of the case: nothing beyond ``fields``."""

    fields: list[str]
    victims: list[SharedVictim]
    violence_forms: list[str] = field(default_factory=list)
    place: str = ""
    incident_date: Any = None
    notes: list[CaseEvent] = field(default_factory=list)
    withheld: str = ""  # why less is shown than the referral shared, if it is
    ended: bool = False  # the grace period after the referral's end has passed

    def has(self, kind: str) -> bool:
        return kind in self.fields


def shared_columns(fields: list[str]) -> list[str]:
    return [c for kind in fields for c in PERSON_COLUMNS.get(kind, ())]


def referral_sharing(referral: Referral) -> tuple[list[str], str, bool]:
    """What the referral shares *now*: the kinds it shared that a consent still in force
    allows for its partner, nothing once the grace period after its end has passed. Returns
    the kinds, why fewer than it shared (or ""), and whether the sharing has ended."""
    ends = referral.sharing_ends_at
    if ends is not None and timezone.now() >= ends:
        reason = gettext("Rujukan berakhir; data korban tidak lagi dibagikan sejak %(date)s.")
        return [], reason % {"date": date_format(timezone.localtime(ends), "j F Y")}, True
    allowed = consented_fields(referral.case_id, referral.organisation_id)
    fields = [f for f in referral.shared_fields if f in allowed]
    if fields == list(referral.shared_fields):
        return fields, "", False
    return fields, gettext("Sebagian data tidak lagi dibagikan: persetujuan telah ditarik."), False


def referral_shared_data(
    user: User,
    referral: Referral,
    *,
    request: HttpRequest | None = None,
    action: str = AuditAction.READ,
) -> SharedData | None:
    """The case data the referral shares, for a reader allowed by ``referrals.shared`` (the
    partner's officers, the case team), else None. Only the shared columns are read, so no
    other identifying field is ever decrypted. The read (or, with ``action``, the download) is
    audited with the column names. Sharing follows consent at every read
    (``referral_sharing``), and only the victims named in the referral appear."""
    if not can(user, "referrals.shared", referral):
        return None
    fields, withheld, ended = referral_sharing(referral)
    columns = shared_columns(fields)
    victims = (
        CasePerson.objects.filter(
            case_id=referral.case_id, kind=PersonKind.VICTIM, pk__in=referral.victim_ids
        )
        .select_related("age_group", "sex")
        .only("victim_kind", "age_group", "sex", *columns)
        .order_by("added_at", "pk")
    )
    data = SharedData(
        fields=fields,
        withheld=withheld,
        ended=ended,
        victims=[
            SharedVictim(
                victim_kind=v.get_victim_kind_display(),
                age_group=str(v.age_group or ""),
                sex=str(v.sex),
                values={c: getattr(v, c) for c in columns},
            )
            for v in (victims if not ended else ())
        ],
    )
    if ShareField.CASE_FACTS in fields:
        case = (
            Case.objects.select_related("place")
            .prefetch_related("violence_forms")
            .get(pk=referral.case_id)
        )
        data.violence_forms = [str(c) for c in case.violence_forms.all()]
        data.place, data.incident_date = str(case.place), case.incident_date
    if ShareField.NOTES in fields:
        data.notes = list(
            CaseEvent.objects.filter(case_id=referral.case_id, kind=EventKind.NOTE)
            .select_related("actor")
            .order_by("at", "pk")
        )
    audit_record(
        actor=user,
        action=action,
        target=referral,
        fields=["shared." + c for c in columns] + [f"shared.{f}" for f in fields] or ["summary"],
        request=request,
    )
    return data


def referral_identity_watches(people: list[CasePerson]) -> list[Watch]:
    """For the breach-notice report: the referrals that name any of ``people``, whose reads
    and letters (audited with the victim columns shown, ``shared.<column>``) showed them."""
    ids = {person.pk for person in people}
    referrals = Referral.objects.filter(case_id__in={person.case_id for person in people})
    named = [
        str(pk) for pk, victims in referrals.values_list("pk", "victim_ids") if ids & set(victims)
    ]
    columns = frozenset(f"shared.{c}" for kind in PERSON_COLUMNS.values() for c in kind)
    return [Watch("referrals.referral", tuple(named), columns)]
