"""The breach-notice report as a PDF to attach to the written notice: the records it covers,
then one row per event (when in WITA, who, organisation, what, from which address, under
which signed checkpoint). Built with reportlab in memory, as the referral letter is; it names
records and field names, never a person's identity."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from jaga.cases.breach import BreachReport

WIDTHS = [0.9, 3.0, 3.4, 3.6, 4.6, 2.6, 6.6]  # cm, on landscape A4


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _when(at) -> str:
    return timezone.localtime(at).strftime("%d-%m-%Y %H:%M:%S")


def breach_report_pdf(report: BreachReport) -> bytes:
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["Normal"], fontSize=8, leading=10)
    title = ParagraphStyle("title", parent=styles["Heading2"])
    records = [
        *(
            _("korban dalam kasus %(number)s") % {"number": p.case.number}
            for p in report.subjects.people
        ),
        *(_("laporan #%(pk)s") % {"pk": r.pk} for r in report.subjects.reports),
    ]
    story: list[Flowable] = [
        _p(_("Laporan pemberitahuan kebocoran data pribadi"), title),
        _p(
            _("Dibuat %(at)s WITA. Data yang dicakup: %(records)s.")
            % {"at": _when(report.generated_at), "records": ", ".join(records) or "—"},
            body,
        ),
        _p(
            _(
                "Setiap peristiwa di jejak audit ketika seseorang melihat atau mengekspor "
                "identitas korban (UU 27/2022 tentang Pelindungan Data Pribadi, pasal 46)."
            ),
            body,
        ),
        Spacer(1, 8),
    ]
    header = [
        "#",
        _("Waktu (WITA)"),
        _("Pelaku"),
        _("Organisasi"),
        _("Tindakan dan data"),
        _("Alamat IP"),
        _("Titik periksa"),
    ]
    rows = [[_p(h, body) for h in header]]
    for entry in report.entries:
        event = entry.seen.event
        action = f"{event.get_action_display()}: {entry.what} ({', '.join(event.fields)})"
        cells = [
            str(event.seq),
            _when(event.at),
            str(event.actor or "—"),
            ", ".join(entry.organisations) or "—",
            action,
            event.ip or "—",
            entry.checkpoint,
        ]
        rows.append([_p(cell, body) for cell in cells])
    if not report.entries:
        rows.append([_p(_("Tidak ada peristiwa."), body)] + [""] * (len(header) - 1))
    table = Table(rows, colWidths=[w * cm for w in WIDTHS], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.25, "#999999"),
                ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"),
            ]
        )
    )
    story.append(table)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        title=_("Laporan pemberitahuan kebocoran"),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
    )
    document.build(story)
    return buffer.getvalue()
