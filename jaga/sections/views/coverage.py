"""Coverage of the Seksi PPA by area (page, XLSX, PDF) and the list of silent RTs."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jaga.access.decorators import rule
from jaga.access.policy import get_object, holds, scope_roots
from jaga.areas.models import Area, AreaKind
from jaga.audit.files import audited_export
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.core import charts, periods
from jaga.core.replica import reads_from_replica
from jaga.core.tabular import XLSX
from jaga.sections import exports, selectors

RTS_PER_PAGE = 100


def _month(request) -> dt.date:
    """The month asked for in ``?bulan=YYYY-MM``, default the last full month; never later
    than the running month."""
    month = periods.parse_month(request.GET.get("bulan"))
    if month is None or month > periods.current_month():
        return periods.last_closed_month()
    return month


def _area(request, rule_name: str, code: str) -> Area:
    return get_object(
        request.user,
        rule_name,
        Area.objects.exclude(kind=AreaKind.RT).select_related("parent"),
        code=code,
    )


def _to_root(request, rule_name: str, url_name: str):
    roots = scope_roots(request.user, rule_name)
    if not roots:
        raise Http404
    return redirect(url_name, code=roots[0])


# --- Coverage ------------------------------------------------------------------------------


@rule("sections.coverage")
@require_GET
def index(request):
    return _to_root(request, "sections.coverage", "sections:coverage")


@rule("sections.coverage")
@require_GET
def coverage(request, code):
    area = _area(request, "sections.coverage", code)
    month = _month(request)
    level = selectors.child_level(area)
    context = {
        "area": area,
        "month": month,
        "deadline": selectors.return_deadline(month),
        "totals": selectors.coverage_figures(area, month),
        "rows": selectors.coverage_by_level(area, month, level) if level else None,
        "chart": charts.share_bars(
            _("RT aktif per bulan (%)"),
            [
                (date_format(point.month, "M y"), point.pct_active)
                for point in selectors.coverage_trend(area, month)
            ],
        ),
        "is_root": area.code in scope_roots(request.user, "sections.coverage"),
        "can_view": holds(request.user, "sections.view"),
        "can_export": holds(request.user, "sections.export"),
        "can_see_silent": holds(request.user, "sections.silent"),
        "gaps_only": request.GET.get("semua") != "1",
    }
    if level is None:
        rts = selectors.rt_statuses(area, month, gaps_only=context["gaps_only"])
        context["page"] = Paginator(rts, RTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "sections/coverage.html", context)


def _export(request, code, render_file, content_type: str, extension: str) -> HttpResponse:
    area = _area(request, "sections.export", code)
    month = _month(request)
    with reads_from_replica():
        rows = selectors.coverage_by_level(area, month, AreaKind.KELURAHAN)
        totals = selectors.coverage_figures(area, month)
    return audited_export(
        request=request,
        target=area,
        fields=["coverage"],
        reason=f"{extension} {month:%Y-%m}",
        content=render_file(area, month, rows, totals),
        content_type=content_type,
        filename=f"cakupan-seksi-ppa-{area.code}-{month:%Y-%m}.{extension}",
    )


@rule("sections.export")
@require_GET
def export_xlsx(request, code):
    return _export(request, code, exports.coverage_xlsx, XLSX, "xlsx")


@rule("sections.export")
@require_GET
def export_pdf(request, code):
    return _export(request, code, exports.coverage_pdf, "application/pdf", "pdf")


# --- Silent RTs ----------------------------------------------------------------------------


@rule("sections.silent")
@require_GET
def silent_index(request):
    return _to_root(request, "sections.silent", "sections:silent")


@rule("sections.silent")
@require_GET
def silent(request, code):
    area = _area(request, "sections.silent", code)
    month = _month(request)
    page = Paginator(selectors.silent_rts(request.user, area, month), RTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    # Phones of section members are personal data: each list shown is one audited read.
    audit_record(
        actor=request.user,
        action=AuditAction.READ,
        object_type="sections.member",
        area_code=area.code,
        fields=["name", "phone"],
        reason=f"RT senyap {month:%Y-%m}",
        request=request,
    )
    context = {
        "area": area,
        "month": month,
        "page": page,
        "deadline": selectors.return_deadline(month),
        "deadline_passed": selectors.deadline_passed(month),
    }
    return render(request, "sections/silent.html", context)


# --- Registry ------------------------------------------------------------------------------
