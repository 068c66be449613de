"""The minutes as a PDF (reportlab, in memory) with the DP3AKB letterhead, the attendance list
(daftar hadir), the decisions and the action items; the action items as XLSX (openpyxl).
Neither holds anything about a case: the task force's records name organisations and their
focal people only."""

import io
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from jaga.taskforce.models import AgendaKind, Meeting, Minutes
from jaga.taskforce.selectors import ActionRow, AgendaRow, AttendanceRow

STYLES = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=STYLES["Normal"], fontSize=9.5, leading=12)
HEAD = ParagraphStyle("head", parent=BODY, alignment=1, fontName="Helvetica-Bold", fontSize=11)
TITLE = ParagraphStyle("title", parent=HEAD, fontSize=12, spaceBefore=6, spaceAfter=6)
SECTION = ParagraphStyle("section", parent=BODY, fontName="Helvetica-Bold", spaceBefore=8)
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecf2")),
    ]
)


PLAIN = TableStyle(
    [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
)


def _p(text: object, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _table(header: list[str] | None, rows: Iterable[list[object]], widths: list[float]) -> Table:
    data = [[_p(cell) for cell in row] for row in rows]
    if header:
        data.insert(0, [_p(h) for h in header])
    table = Table(data, colWidths=[w * cm for w in widths], repeatRows=1 if header else 0)
    table.setStyle(GRID if header else PLAIN)
    return table


def letterhead(meeting: Meeting) -> list[Flowable]:
    """The city government and the secretariat (DP3AKB), as on its letters."""
    area = meeting.taskforce.area.name.upper()
    return [
        _p(_("PEMERINTAH %(area)s") % {"area": area}, HEAD),
        _p(
            _("DINAS PEMBERDAYAAN PEREMPUAN, PERLINDUNGAN ANAK DAN KELUARGA BERENCANA"),
            HEAD,
        ),
        _p(str(meeting.taskforce.secretariat).upper(), HEAD),
        HRFlowable(width="100%", thickness=1.5, color=colors.black, spaceBefore=4, spaceAfter=6),
    ]


def minutes_pdf(
    minutes: Minutes,
    agenda: list[AgendaRow],
    attendance: list[AttendanceRow],
    actions: list[ActionRow],
    follow_up: list[ActionRow],
) -> bytes:
    """The minutes' bytes; a draft says so in its title. ``follow_up`` lists the open action
    items under the "tindak lanjut" point."""
    meeting = minutes.meeting
    start = timezone.localtime(meeting.starts_at)
    state = "" if minutes.is_final else f" ({_('DRAF — belum final')})"
    story: list[Flowable] = [
        *letterhead(meeting),
        _p(_("NOTULEN RAPAT %(name)s") % {"name": meeting.taskforce.name.upper()} + state, TITLE),
        _table(
            None,
            [
                [_("Rapat"), f"{meeting.title} ({meeting.get_kind_display()})"],
                [
                    _("Waktu"),
                    f"{date_format(start, 'l, j F Y')}, {start:%H:%M}–"
                    f"{timezone.localtime(meeting.ends_at):%H:%M} WITA",
                ],
                [_("Tempat"), meeting.place or meeting.online_link],
                [_("Dasar"), _("SK %(number)s") % {"number": meeting.taskforce.decree_number}],
            ],
            [4, 12.5],
        ),
        _p(_("Daftar hadir"), SECTION),
        _table(
            [_("No."), _("Organisasi"), _("Kehadiran"), _("Nama")],
            (
                [
                    n,
                    str(row.member.organisation)
                    + (f" ({_('Forum Anak')})" if row.member.is_forum_anak else ""),
                    row.record.get_status_display() if row.record else _("belum dicatat"),
                    row.record.attendee_name if row.record else "",
                ]
                for n, row in enumerate(attendance, start=1)
            ),
            [1.1, 7.4, 3, 5],
        ),
        _p(_("Pembahasan dan keputusan"), SECTION),
    ]
    for entry in agenda:
        story.append(_p(f"{entry.item.position}. {entry.item.title}", SECTION))
        if entry.item.kind == AgendaKind.FOLLOW_UP:
            story += [
                _p(
                    f"{row.item.number} {row.item.title} — {row.item.owner}: "
                    f"{row.item.get_status_display()}, {row.clock.label}"
                )
                for row in follow_up
            ] or [_p(_("Tidak ada rencana aksi terbuka."))]
        for outcome in entry.outcomes:
            story.append(_p(f"{outcome.get_kind_display()}: {outcome.text}"))
    story += [
        _p(_("Rencana aksi"), SECTION),
        _table(
            [_("Nomor"), _("Rencana aksi"), _("Penanggung jawab"), _("Tenggat"), _("Indikator")],
            (
                [
                    row.item.number,
                    row.item.title,
                    row.item.owner,
                    f"{row.item.due_date:%d-%m-%Y}",
                    ", ".join(code.code for code in row.indicators),
                ]
                for row in actions
            ),
            [1.9, 6, 4, 2.4, 2.2],
        ),
        _p(_("Catatan notulen"), SECTION),
        _p(minutes.text),
        Spacer(1, 14),
        _p(
            _("%(area)s, %(date)s")
            % {
                "area": meeting.taskforce.area.name,
                "date": date_format(
                    timezone.localtime(minutes.finalised_at or minutes.updated_at), "j F Y"
                ),
            }
        ),
        _p(_("Sekretaris Gugus Tugas KLA")),
        Spacer(1, 28),
        _p(str(minutes.finalised_by or minutes.drafted_by or "")),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Notulen %(title)s") % {"title": meeting.title},
        author=str(meeting.taskforce.secretariat),
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.8 * cm,
    ).build(story)
    return buffer.getvalue()


ACTION_COLUMNS = [
    "nomor",
    "rencana_aksi",
    "rapat",
    "tanggal_rapat",
    "penanggung_jawab",
    "orang_ditunjuk",
    "tenggat",
    "indikator_kla",
    "bukti_diharapkan",
    "status",
    "tepat_waktu",
    "ditutup",
    "bukti_penyelesaian",
]


def action_items_xlsx(rows: list[ActionRow]) -> bytes:
    """One sheet, one row per action item, with its status and clock."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Rencana aksi"))
    sheet.append([_cell_bold(sheet, name) for name in ACTION_COLUMNS])
    for row in rows:
        item = row.item
        meeting = item.agenda_item.meeting
        sheet.append(
            [
                item.number,
                item.title,
                meeting.title,
                timezone.localtime(meeting.starts_at).date(),
                str(item.owner),
                str(item.owner_person or ""),
                item.due_date,
                ", ".join(code.code for code in row.indicators),
                item.expected_evidence,
                str(item.get_status_display()),
                row.clock.label,
                timezone.localtime(item.closed_at).replace(tzinfo=None) if item.closed_at else None,
                item.evidence,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell_bold(sheet: Any, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell
