"""What every write of case management does besides its own record: a dated step on the case
timeline, and an audit event naming fields (never values)."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from jaga.audit.services import audit_record
from jaga.cases.models import Case, CaseEvent, CaseStatus
from jaga.people.models import Person


def timeline(case: Case, by: Person, kind: str, note: str = "") -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=by, kind=kind, note=note)


def audit(
    by: Person, action: str, target: Any, fields: Iterable[str], request: HttpRequest | None
) -> None:
    audit_record(actor=by, action=action, target=target, fields=list(fields), request=request)


def refuse_closed(case: Case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(
            _("Kasus ini sudah ditutup. Buka kembali kasus (ubah status) sebelum mengubahnya.")
        )
