"""The chapter's monthly report: compiled from the month's records, confirmed by the ketua in
one tap ("nothing this month" included)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.core.periods import current_month, month_start, previous_month
from jaga.forum.figures import chapter_month
from jaga.forum.models import Activist, Chapter, ChapterReport, Position
from jaga.people.models import Person

# Like the RT zero report: last month may still be confirmed until the 5th.
REPORT_GRACE_DAYS = 5


def confirmable_months(today: dt.date | None = None) -> list[dt.date]:
    """The months a ketua may still confirm: last month until the 5th, and this month."""
    today = today or timezone.localdate()
    this = current_month(today)
    return [previous_month(this), this] if today.day <= REPORT_GRACE_DAYS else [this]


@dataclass(frozen=True)
class ReportResult:
    report: ChapterReport
    changed: bool


@transaction.atomic
def chapter_report_confirm(
    *, chapter: Chapter, month: dt.date, confirmed_by: Person, today: dt.date | None = None
) -> ReportResult:
    """Confirm ``chapter``'s report for ``month`` with the figures compiled now. Only the
    chapter's active ketua; only a month still open (see ``confirmable_months``). Confirming
    again refreshes the figures; the same figures twice change nothing."""
    if not Activist.objects.filter(
        chapter=chapter, person=confirmed_by, is_active=True, position=Position.CHAIR
    ).exists():
        raise ValidationError(_("Hanya ketua FP2ATBM kelurahan ini yang dapat mengonfirmasi."))
    month = month_start(month)
    if month not in confirmable_months(today):
        raise ValidationError(
            {
                "month": _(
                    "Laporan bulan itu tidak dapat dikonfirmasi lagi: batasnya tanggal 5 bulan "
                    "berikutnya, dan bulan yang belum berjalan belum bisa dilaporkan."
                )
            }
        )
    figures = chapter_month(chapter, month)
    values = {
        "sessions": figures.sessions,
        "children_reached": figures.children,
        "adults_reached": figures.adults,
        "accompaniments": figures.accompaniments,
        "meetings": figures.meetings,
    }
    report = ChapterReport.objects.select_for_update().filter(chapter=chapter, month=month).first()
    if report is not None and all(getattr(report, k) == v for k, v in values.items()):
        return ReportResult(report, changed=False)
    if report is None:
        report = ChapterReport.objects.create(
            chapter=chapter, month=month, confirmed_by=confirmed_by, **values
        )
        action = AuditAction.CREATE
    else:
        for key, value in values.items():
            setattr(report, key, value)
        report.confirmed_by, report.confirmed_at = confirmed_by, timezone.now()
        report.save(update_fields=[*values, "confirmed_by", "confirmed_at"])
        action = AuditAction.CHANGE
    audit_record(actor=confirmed_by, action=action, target=report, fields=list(values))
    return ReportResult(report, changed=True)
