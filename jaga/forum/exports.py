"""The FP2ATBM reach table (per kecamatan or kelurahan) as XLSX and PDF: figures only."""

import datetime as dt
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from jaga.areas.models import Area
from jaga.forum.figures import Reach, ReachRow


def _table(rows: list[ReachRow], totals: Reach) -> list[list]:
    header = [
        _("Wilayah"),
        _("Kelurahan"),
        _("FP2ATBM terbentuk"),
        _("Aktivis aktif"),
        _("% terlatih"),
        _("Kelurahan ≥ 4 aktivis"),
        _("Sosialisasi"),
        _("Anak terjangkau"),
        _("Dewasa terjangkau"),
        _("% RT terjangkau 12 bulan"),
        _("Pendampingan"),
        _("Rapat koordinasi"),
    ]

    def cells(r: Reach) -> list:
        return [
            r.kelurahan,
            r.chapters,
            r.activists,
            r.pct_trained,
            r.at_norm,
            r.sessions,
            r.children,
            r.adults,
            r.pct_rts_reached,
            r.accompaniments,
            r.meetings,
        ]

    return [
        header,
        *([row.area.name, *cells(row.reach)] for row in rows),
        [_("Jumlah"), *cells(totals)],
    ]


def _title(area: Area, month: dt.date) -> str:
    return _("Cakupan FP2ATBM %(area)s — bulan %(month)s") % {
        "area": area,
        "month": date_format(month, "F Y"),
    }


def reach_xlsx(area: Area, month: dt.date, rows: list[ReachRow], totals: Reach) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Cakupan")
    sheet.append([_title(area, month)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    for line in _table(rows, totals):
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def reach_pdf(area: Area, month: dt.date, rows: list[ReachRow], totals: Reach) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), title=_title(area, month))
    table = Table(_table(rows, totals), repeatRows=1)
    table.setStyle([("FONTSIZE", (0, 0), (-1, -1), 7), ("GRID", (0, 0), (-1, -1), 0.25, "grey")])
    document.build([Paragraph(_title(area, month), getSampleStyleSheet()["Title"]), table])
    return buffer.getvalue()
