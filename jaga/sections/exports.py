"""The coverage table per kelurahan for the mayor's instruction report, as XLSX and PDF."""

import datetime as dt
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jaga.areas.models import Area
from jaga.core.numbers import number_text
from jaga.sections.selectors import CoverageRow, Figures


def _header() -> list[str]:
    return [
        _("Kecamatan"),
        _("Kelurahan"),
        _("Jumlah RT"),
        _("Seksi terbentuk"),
        _("% terbentuk"),
        _("RT dengan anggota terlatih"),
        _("% terlatih"),
        _("RT aktif"),
        _("% aktif"),
        _("RT senyap"),
    ]


def _cells(figures: Figures) -> list[int | float]:
    return [
        figures.rts,
        figures.formed,
        figures.pct_formed,
        figures.trained,
        figures.pct_trained,
        figures.active,
        figures.pct_active,
        figures.silent,
    ]


def _table(rows: list[CoverageRow], totals: Figures) -> list[list]:
    body = [
        [row.area.parent.name if row.area.parent else "", row.area.name, *_cells(row.figures)]
        for row in rows
    ]
    return [_header(), *body, [_("Jumlah"), "", *_cells(totals)]]


def _title(area: Area, month: dt.date) -> str:
    return _("Cakupan Seksi PPA %(area)s — keaktifan bulan %(month)s") % {
        "area": area,
        "month": date_format(month, "F Y"),
    }


def coverage_xlsx(area: Area, month: dt.date, rows: list[CoverageRow], totals: Figures) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Cakupan")
    sheet.append([_title(area, month)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([_("Instruksi Wali Kota Balikpapan tentang Seksi PPA di setiap RT")])
    sheet.append([])
    for line in _table(rows, totals):
        sheet.append(line)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pdf_text(cell: object) -> object:
    return number_text(cell) if isinstance(cell, int | float) else cell


def coverage_pdf(area: Area, month: dt.date, rows: list[CoverageRow], totals: Figures) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=_title(area, month),
    )
    styles = getSampleStyleSheet()
    # XLSX keeps numbers as numbers (the spreadsheet shows them in its reader's language);
    # in the PDF they are text, written in the active language.
    lines = [[_pdf_text(cell) for cell in line] for line in _table(rows, totals)]
    table = Table(lines, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecf2")),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    document.build(
        [
            Paragraph(_title(area, month), styles["Title"]),
            Paragraph(
                _("Instruksi Wali Kota Balikpapan tentang Seksi PPA di setiap RT"),
                styles["Normal"],
            ),
            Spacer(1, 0.4 * cm),
            table,
        ]
    )
    return buffer.getvalue()
