"""The dashboard as tables: each chart's table beside it, and the same table exported as
XLSX or CSV (so a chart never shows a figure its table and export do not)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from jaga.core import charts
from jaga.figures.casework import casework_figures
from jaga.figures.selectors import DIMENSION_TITLES, Dashboard, Ratio, Spread
from jaga.figures.selectors.rolled import resolution_note

Cell = str | int | float | None


@dataclass(frozen=True)
class FigureTable:
    key: str  # the URL's name for the table (export links)
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    chart: charts.Chart | None = field(default=None, compare=False)
    note: str = ""  # shown under the table: how its figures were computed


def _tally_table(key: str, title: str, tallies) -> FigureTable:
    rows: list[list[Cell]] = [[row.label, row.cases, row.victims] for row in tallies]
    chart = charts.horizontal_bars(title, [(row.label, row.cases) for row in tallies])
    return FigureTable(key, title, [_("Kategori"), _("Kasus"), _("Korban")], rows, chart)


def _services_table(dashboard: Dashboard) -> FigureTable:
    title = _("Layanan yang diberikan")
    rows: list[list[Cell]] = [[row.label, row.services, row.cases] for row in dashboard.services]
    chart = charts.horizontal_bars(title, [(row.label, row.services) for row in dashboard.services])
    return FigureTable(
        "layanan", title, [_("Layanan"), _("Jumlah layanan"), _("Kasus")], rows, chart
    )


def _trend_table(dashboard: Dashboard) -> FigureTable:
    title = _("Tren per bulan dibanding tahun lalu")
    labels = [date_format(point.month, "M y") for point in dashboard.trend]
    rows: list[list[Cell]] = [
        [label, p.cases, p.victims, p.cases_year_before, p.victims_year_before]
        for label, p in zip(labels, dashboard.trend, strict=True)
    ]
    chart = charts.trend_bars(
        title,
        [date_format(point.month, "M") for point in dashboard.trend],
        [p.cases for p in dashboard.trend],
        [p.cases_year_before for p in dashboard.trend],
    )
    columns = [_("Bulan"), _("Kasus"), _("Korban"), _("Kasus tahun lalu"), _("Korban tahun lalu")]
    return FigureTable("tren", title, columns, rows, chart)


def _spread_row(label: str, spread: Spread) -> list[Cell]:
    return [label, spread.count, spread.median, spread.p90, spread.unit]


def _speed_table(dashboard: Dashboard) -> FigureTable:
    rows = [
        _spread_row(_("Kejadian → laporan"), dashboard.incident_to_report),
        _spread_row(_("Laporan → ditanggapi"), dashboard.report_to_acknowledgement),
        _spread_row(_("Laporan → layanan pertama"), dashboard.report_to_first_service),
    ]
    columns = [_("Langkah"), _("Diukur"), _("Median"), _("Persentil 90"), _("Satuan")]
    title = _("Seberapa cepat jaringan bertindak")
    return FigureTable("kecepatan", title, columns, rows, note=resolution_note())


def _ratio_row(label: str, ratio: Ratio | None) -> list[Cell]:
    if ratio is None:
        return [label, None, None, None]
    return [label, ratio.part, ratio.whole, ratio.percent]


def _quality_table(dashboard: Dashboard) -> FigureTable:
    quality, share = dashboard.quality, dashboard.within_target
    rows: list[list[Cell]] = [
        _ratio_row(_("Laporan ditanggapi dalam target waktu"), Ratio(share.on_time, share.due)),
        [_("Laporan terlambat ditanggapi saat ini"), dashboard.overdue_now, None, None],
        _ratio_row(_("Rujukan selesai"), quality.referrals_completed),
        _ratio_row(_("Kasus ditutup dengan layanan diberikan"), quality.closed_with_services),
        _ratio_row(_("Kasus dibuka kembali"), quality.reopened),
        _ratio_row(_("Pemantauan sebelum penutupan dilakukan"), quality.monitored_after_handling),
    ]
    columns = [_("Ukuran"), _("Jumlah"), _("Dari"), _("%")]
    return FigureTable("mutu", _("Seberapa baik kasus ditangani"), columns, rows)


def _casework_tables(dashboard: Dashboard) -> list[FigureTable]:
    figures = casework_figures(dashboard.figure_filter)
    rows = [
        _ratio_row(_("Asesmen dalam target waktu"), figures.assessed_in_time),
        _ratio_row(_("Kasus dengan rencana layanan disetujui"), figures.approved_plan),
        _ratio_row(_("Tujuan rencana tercapai"), figures.goals_met),
        _ratio_row(_("Tujuan rencana tercapai sebagian"), figures.goals_partly),
        *(
            _ratio_row(_("Pemantauan %(n)s bulan setelah penutupan dilakukan") % {"n": m}, r)
            for m, r in figures.monitoring
        ),
    ]
    columns = [_("Ukuran"), _("Jumlah"), _("Dari"), _("%")]
    views: list[list[Cell]] = [
        [str(label), safe[0], helped[0]]
        for label, safe, helped in zip(
            figures.feels_safe.rows,
            figures.feels_safe.cells,
            figures.help_helped.cells,
            strict=True,
        )
    ]
    views.append([_("Jumlah"), figures.feels_safe.total, figures.help_helped.total])
    return [
        FigureTable("penanganan", _("Manajemen kasus"), columns, rows),
        FigureTable(
            "pandangan-korban",
            _("Pandangan korban saat penutupan (dengan persetujuan; jumlah kecil disamarkan)"),
            [_("Jawaban"), _("Merasa aman sekarang"), _("Bantuan menolong")],
            views,
        ),
    ]


def dashboard_tables(dashboard: Dashboard) -> list[FigureTable]:
    """Every table of the dashboard, in page order."""
    tallies = [
        _tally_table(dimension.value, str(DIMENSION_TITLES[dimension]), rows)
        for dimension, rows in dashboard.tallies.items()
    ]
    return [
        _trend_table(dashboard),
        *tallies,
        _services_table(dashboard),
        _speed_table(dashboard),
        _quality_table(dashboard),
        *_casework_tables(dashboard),
    ]


def table_csv(table: FigureTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows(["" if cell is None else cell for cell in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet apps read UTF-8


def table_xlsx(table: FigureTable, subtitle: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.key[:31])
    sheet.append([table.title])
    sheet.append([subtitle])
    sheet.append([])
    sheet.append(table.columns)
    for row in table.rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
