"""How every write records itself: a dated step on the case timeline, an audit event (field
names only) and, for the case row, the optimistic lock on its ``version``."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.services import audit_record
from jaga.cases.models import Case, CaseEvent
from jaga.core.services import sequence_next


def _event(case: Case, by: Any, kind: str, note: str = "", **statuses: str) -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=by, kind=kind, note=note, **statuses)


def _audit(
    by: Any, action: str, target: Any, fields: Iterable[str], request: HttpRequest | None
) -> None:
    audit_record(actor=by, action=action, target=target, fields=fields, request=request)


def case_lock(*, case: Case, version: int | None) -> Case:
    """The case re-read under a row lock. When ``version`` is given and the case has moved on
    since, refuses with who changed it and when (in WITA)."""
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("rt", "updated_by")
        .get(pk=case.pk)
    )
    if version is not None and locked.version != version:
        raise ValidationError(
            _(
                "Kasus ini telah diubah oleh %(who)s pada %(when)s WITA. Muat ulang halaman, "
                "lalu ulangi perubahan Anda."
            )
            % {
                "who": locked.updated_by or _("orang lain"),
                "when": timezone.localtime(locked.updated_at).strftime("%d-%m-%Y %H:%M"),
            },
            code="stale",
        )
    return locked


def _save_case(case: Case, by: Any, fields: list[str]) -> None:
    case.version += 1
    case.updated_at = timezone.now()
    case.updated_by = by
    case.save(update_fields=[*fields, "version", "updated_at", "updated_by"])


def new_case_number(year: int) -> str:
    """KS-<year>-<sequence>; the sequence restarts each year and is taken from a locked
    counter, so two cases opened at the same moment never collide. Not random: staff read
    case numbers aloud."""

    return f"KS-{year}-{sequence_next(f'case:{year}'):04d}"
