"""The monthly chapter report (the ketua's one tap, the list of chapters that stayed
silent), and the reach page with the kelurahan pulse and its exports."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.access.policy import holds, scope_roots
from jaga.areas.models import Area
from jaga.audit.files import audited_export
from jaga.core.charts import trend_bars
from jaga.core.periods import current_month, last_closed_month, parse_month
from jaga.core.tabular import XLSX
from jaga.forum import exports, figures, selectors
from jaga.forum.services.reports import chapter_report_confirm, confirmable_months


def _month(request) -> dt.date:
    """``?bulan=YYYY-MM``, default the last full month, never later than this month."""
    month = parse_month(request.GET.get("bulan"))
    if month is None or month > current_month():
        return last_closed_month()
    return month


@rule("forum.report_confirm")
@require_http_methods(["GET", "POST"])
def report(request):
    chapter = next(iter(selectors.chapters_for(request.user, "forum.report_confirm")), None)
    if chapter is None:
        raise Http404
    if request.method == "POST":
        month = parse_month(request.POST.get("month"))
        try:
            if month is None:
                raise ValidationError(_("Bulan tidak dikenal."))
            result = chapter_report_confirm(chapter=chapter, month=month, confirmed_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Laporan bulan ini dikonfirmasi. Terima kasih.")
                if result.changed
                else _("Laporan ini sudah dikonfirmasi dengan angka yang sama."),
            )
        return redirect("forum:report")
    months = confirmable_months()
    reports = figures.reports_of(chapter, months)
    cards = [
        {"month": m, "figures": figures.chapter_month(chapter, m), "report": reports.get(m)}
        for m in reversed(months)
    ]
    context = {
        "chapter": chapter,
        "cards": cards,
        "is_chair": selectors.is_chair(request.user, chapter),
    }
    return render(request, "forum/report.html", context)


@rule("forum.sessions")
@require_GET
def silent_chapters(request):
    month = _month(request)
    chapters = selectors.chapters_for(request.user, "forum.sessions")
    context = {"month": month, "chapters": figures.chapters_silent(chapters, month)}
    return render(request, "forum/silent_chapters.html", context)


def _area(request, rule_name: str, code: str) -> Area:
    return selectors.area_above_rt(request.user, rule_name, code)


@rule("forum.reach")
@require_GET
def reach_index(request):
    roots = scope_roots(request.user, "forum.reach")
    if not roots:
        raise Http404
    return redirect("forum:reach", code=roots[0])


@rule("forum.reach")
@require_GET
def reach(request, code):
    area = _area(request, "forum.reach", code)
    month = _month(request)
    totals, rows = figures.reach_summary(area, month)
    # Two years in one query: the last twelve months beside the same months a year before.
    points = figures.reach_trend(area, month, 2 * figures.REACH_MONTHS)
    before, trend = points[: figures.REACH_MONTHS], points[figures.REACH_MONTHS :]
    chart = trend_bars(
        _("Warga terjangkau per bulan (abu-abu: tahun sebelumnya)"),
        [date_format(p.month, "M") for p in trend],
        [p.people for p in trend],
        [p.people for p in before],
    )
    context = {
        "area": area,
        "month": month,
        "totals": totals,
        "rows": rows,
        "trend": trend,
        "chart": chart,
        "silent": figures.pulse_silent(area, month),
        "is_root": area.code in scope_roots(request.user, "forum.reach"),
        "can_export": holds(request.user, "forum.export"),
        "norm": figures.ACTIVISTS_NORM,
    }
    return render(request, "forum/reach.html", context)


def _export(request, code, render_file, content_type: str, extension: str) -> HttpResponse:
    area = _area(request, "forum.export", code)
    month = _month(request)
    totals, rows = figures.reach_summary(area, month)
    return audited_export(
        request=request,
        target=area,
        fields=["fp2atbm.reach"],
        reason=f"{extension} {month:%Y-%m}",
        content=render_file(area, month, rows, totals),
        content_type=content_type,
        filename=f"cakupan-fp2atbm-{area.code}-{month:%Y-%m}.{extension}",
    )


@rule("forum.export")
@require_GET
def export_xlsx(request, code):
    return _export(request, code, exports.reach_xlsx, XLSX, "xlsx")


@rule("forum.export")
@require_GET
def export_pdf(request, code):
    return _export(request, code, exports.reach_pdf, "application/pdf", "pdf")
