"""Writes of flags on a case: set with a reason, taken off (kept for the record)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.cases.models import Case, EventKind
from jaga.cases.services import case_record_change
from jaga.casework.models import Flag, FlagKind
from jaga.casework.services.common import audit, timeline
from jaga.core.checks import Problems, check_plain_text
from jaga.people.models import Person


@transaction.atomic
def flag_set(
    *,
    case: Case,
    by: Person,
    version: int,
    kind: str,
    reason: str,
    request: HttpRequest | None = None,
) -> Flag:
    """Flag the case (one active flag of each kind), saying why."""
    problems = Problems()
    if kind not in FlagKind.values:
        problems.add("kind", _("Pilih tanda."))
    reason = problems.check("reason", check_plain_text, reason) or ""
    if not reason and "reason" not in problems.errors:
        problems.add("reason", _("Tuliskan alasan memasang tanda ini."))
    if kind and Flag.objects.filter(case=case, kind=kind, removed_at__isnull=True).exists():
        problems.add("kind", _("Tanda ini sudah terpasang pada kasus."))
    problems.raise_any()
    case = case_record_change(case=case, by=by, version=version)
    flag = Flag.objects.create(case=case, kind=kind, reason=reason, set_by=by, is_demo=case.is_demo)
    timeline(case, by, EventKind.FLAG, str(FlagKind(kind).label))
    audit(by, AuditAction.CREATE, flag, ["kind", "reason"], request)
    return flag


@transaction.atomic
def flag_remove(
    *, flag: Flag, by: Person, version: int, request: HttpRequest | None = None
) -> Flag:
    """Take a flag off the case."""
    flag = Flag.objects.select_for_update().select_related("case__rt").get(pk=flag.pk)
    if flag.removed_at:
        raise ValidationError(_("Tanda ini sudah dilepas."))
    case = case_record_change(case=flag.case, by=by, version=version)
    flag.removed_at, flag.removed_by = timezone.now(), by
    flag.save(update_fields=["removed_at", "removed_by"])
    timeline(case, by, EventKind.FLAG, _("Dilepas: %s") % FlagKind(flag.kind).label)
    audit(by, AuditAction.CHANGE, flag, ["removed_at"], request)
    return flag
