"""Consent to share a case's data with partners: recorded, checked at every read, withdrawn."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.cases.models import Case, Consent, ConsentGiver, EventKind, ShareField
from jaga.cases.services.record import _audit, _event
from jaga.cases.signals import consent_withdrawn
from jaga.core.checks import Problems, check_plain_text, today
from jaga.people.models import Organisation, Person


@transaction.atomic
def consent_record(
    *,
    case: Case,
    by: Person,
    given_by: str,
    given_on: datetime.date,
    for_services: bool,
    for_sharing: bool,
    organisations: Iterable[Organisation] = (),
    shared_fields: Iterable[str] = (),
    exception_reason: str = "",
    request: HttpRequest | None = None,
) -> Consent:
    """Put a consent on record: who gave it (the victim, a parent/guardian, or an exception
    when the guardian is the alleged perpetrator, with its reason), for what, and when."""
    problems = Problems()
    organisations = list(organisations)
    shared_fields = list(dict.fromkeys(shared_fields))
    if given_by not in ConsentGiver.values:
        problems.add("given_by", _("Pilih siapa yang memberi persetujuan."))
    reason = problems.check("exception_reason", check_plain_text, exception_reason) or ""
    if given_by == ConsentGiver.EXCEPTION and not reason:
        problems.add("exception_reason", _("Tuliskan alasan pengecualian."))
    if given_on > today():
        problems.add("given_on", _("Tanggal persetujuan tidak boleh di masa depan."))
    if not for_services and not for_sharing:
        problems.add("for_services", _("Pilih untuk apa persetujuan diberikan."))
    if for_sharing and not organisations:
        problems.add("organisations", _("Pilih mitra yang boleh menerima data."))
    if for_sharing and not shared_fields:
        problems.add("shared_fields", _("Pilih data yang boleh dibagikan."))
    if unknown := [f for f in shared_fields if f not in ShareField.values]:
        problems.add("shared_fields", _("Jenis data tidak dikenal: %s.") % ", ".join(unknown))
    problems.raise_any()
    consent = Consent.objects.create(
        case=case,
        given_by=given_by,
        exception_reason=reason,
        for_services=for_services,
        for_sharing=for_sharing,
        shared_fields=shared_fields if for_sharing else [],
        given_on=given_on,
        recorded_by=by,
    )
    if for_sharing:
        consent.organisations.set(organisations)
    _event(case, by, EventKind.CONSENT)
    _audit(by, AuditAction.CHANGE, case, ["consents"], request)
    return consent


def consent_allows_sharing(case: Case, organisation: Organisation, fields: Iterable[str]) -> bool:
    """Whether a consent on record, not withdrawn, lets the case's data of every kind in
    ``fields`` (``ShareField`` values) go to ``organisation``. Read-only; the referrals work
    calls it before sending anything to a partner. No consent means no sharing."""
    wanted = set(fields)
    if not wanted <= set(ShareField.values):
        return False
    consents = Consent.objects.filter(
        case=case, for_sharing=True, withdrawn_at__isnull=True, organisations=organisation
    )
    return any(wanted <= set(c.shared_fields) for c in consents)


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, by: Person, request: HttpRequest | None = None
) -> Consent:
    """Withdraw a consent: kept for the record, no longer allows anything."""
    if consent.withdrawn_at:
        raise ValidationError(_("Persetujuan ini sudah ditarik."))
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    _event(consent.case, by, EventKind.CONSENT, _("Persetujuan ditarik"))
    _audit(by, AuditAction.CHANGE, consent.case, ["consent.withdrawn_at"], request)
    consent_withdrawn.send(sender=Consent, consent=consent, by=by)
    return consent
