"""Thin pages of the figures app: parse the URL's filters, fetch the area through the policy,
call the selectors, render. Exports are audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import get_object, holds, scope_roots, visible
from jaga.areas.models import Area, AreaKind
from jaga.core import periods
from jaga.core.periods import Period
from jaga.core.replica import reads_from_replica
from jaga.core.tabular import XLSX
from jaga.figures import public, selectors, services, tables
from jaga.figures.cards import cards_for
from jaga.figures.models import ExportFormat, SimfoniExport
from jaga.figures.selectors import FigureFilter

CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}
DEFAULT_MONTHS = 12


def _period(request) -> Period:
    """``?dari=YYYY-MM&sampai=YYYY-MM``; by default the twelve months up to the last full one."""
    last_full = periods.add_months(periods.current_month(), -1)
    last = periods.parse_month(request.GET.get("sampai")) or last_full
    first = periods.parse_month(request.GET.get("dari")) or periods.add_months(
        last, 1 - DEFAULT_MONTHS
    )
    return Period.months(first, last)


def _area(request, rule_name: str) -> Area:
    """``?wilayah=<code>`` through the policy; by default the person's widest area."""
    code = request.GET.get("wilayah") or next(iter(scope_roots(request.user, rule_name)), None)
    if not code:
        raise Http404
    return get_object(
        request.user,
        rule_name,
        Area.objects.exclude(kind=AreaKind.RT).select_related("parent"),
        code=code,
    )


def _filter(request, rule_name: str = "figures.view") -> tuple[Area, FigureFilter]:
    area = _area(request, rule_name)
    return area, FigureFilter(area.code, _period(request))


def _query(area: Area, period: Period) -> str:
    return f"wilayah={area.code}&dari={period.start:%Y-%m}&sampai={period.last:%Y-%m}"


@rule("figures.view")
@require_GET
def dashboard(request):
    area, figure_filter = _filter(request)
    with reads_from_replica():  # the other apps' cards and tables are figures too
        figures = selectors.dashboard(figure_filter)
        cards = cards_for(area.code, request.user)
        figure_tables = tables.dashboard_tables(figures)
    roots = scope_roots(request.user, "figures.view")
    context = {
        "area": area,
        "period": figure_filter.period,
        "query": _query(area, figure_filter.period),
        "figures": figures,
        "tables": figure_tables,
        "parent": area.parent if area.parent and area.code not in roots else None,
        "can_drill": area.kind not in (AreaKind.KELURAHAN,),
        "cards": cards,
    }
    return render(request, "figures/dashboard.html", context)


@rule("figures.view")
@require_GET
def export_table(request, key: str, file_format: str):
    """One dashboard table as XLSX or CSV (audited)."""
    if file_format not in CONTENT_TYPES:
        raise Http404
    area, figure_filter = _filter(request)
    with reads_from_replica():
        figures = selectors.dashboard(figure_filter)
        found = [t for t in tables.dashboard_tables(figures) if t.key == key]
    if not found:
        raise Http404
    table = found[0]
    services.export_audit(
        by=request.user,
        target=area,
        what=f"figures:{key}",
        period=figure_filter.period,
        request=request,
    )
    if file_format == "csv":
        body = tables.table_csv(table)
    else:
        body = tables.table_xlsx(table, f"{area} {_query(area, figure_filter.period)}")
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    period = figure_filter.period
    name = f"angka-{key}-{area.code}-{period.start:%Y%m}-{period.last:%Y%m}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


# --- Public statistics ---------------------------------------------------------------------


@rule("public.view")
@require_GET
def statistics(request):
    """City and kecamatan figures for past months only, small counts suppressed."""
    with reads_from_replica():
        context = public.public_statistics(request.GET.get("kota"), request.GET.get("tahun"))
    return render(request, "figures/public.html", context)


# --- SIMFONI-PPA export --------------------------------------------------------------------


def _simfoni_period(request) -> Period:
    data = request.POST
    if data.get("bulan"):
        month = periods.parse_month(data["bulan"])
        if month is None:
            raise ValidationError(_("Bulan tidak dikenali."))
        return Period.months(month, month)
    try:
        return Period.year(int(data.get("tahun", "")))
    except ValueError:
        raise ValidationError(_("Pilih bulan atau tahun.")) from None


@rule("figures.export_simfoni")
@require_http_methods(["GET", "POST"])
def simfoni(request):
    """Ask for a SIMFONI-PPA export and see one's own exports."""
    area = _area(request, "figures.export_simfoni")
    if request.method == "POST":
        try:
            services.simfoni_export_request(
                by=request.user,
                area_code=area.code,
                period=_simfoni_period(request),
                file_format=request.POST.get("format", ""),
                with_identity=request.POST.get("identitas") == "1",
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Ekspor sedang dibuat. Unduh sekali dari daftar di bawah."))
        return redirect(f"{request.path}?wilayah={area.code}")
    context = {
        "area": area,
        "exports": visible(request.user, "figures.download_simfoni", SimfoniExport.objects.all())[
            :20
        ],
        "can_identity": holds(request.user, "figures.export_simfoni_identity"),
        "formats": ExportFormat.choices,
        "this_year": timezone.localdate().year,
    }
    return render(request, "figures/simfoni.html", context)


@rule("figures.download_simfoni")
@require_POST
def simfoni_download(request, pk: int):
    """The file, once, to the person who asked for it; deleted as it is sent."""
    export = get_object(
        request.user, "figures.download_simfoni", SimfoniExport.objects.all(), pk=pk
    )
    password = request.POST.get("sandi", "")
    try:
        path = services.simfoni_export_take(
            export=export, by=request.user, password=password, request=request
        )
    except PermissionDenied:
        messages.error(request, _("Berkas ini sudah diunduh, kedaluwarsa, atau belum siap."))
        return redirect("figures:simfoni")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("figures:simfoni")
    name = f"simfoni-{export.area_code}-{export.period_start:%Y%m}.{export.format}"
    return FileResponse(
        services.export_file_open(export, path, password=password),
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES[export.format],
    )
