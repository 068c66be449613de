"""The referral letter (surat rujukan) as a PDF: the city's letterhead, the letter number and
only the data the referral shares (``SharedData``). Built with reportlab in memory; never
written to disk."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from jaga.access.roles import Role
from jaga.areas.models import Area
from jaga.cases.models import ShareField
from jaga.people.models import Membership, Organisation, OrganisationKind
from jaga.referrals.models import Referral
from jaga.referrals.selectors import SharedData


def letterhead(referral: Referral) -> tuple[Organisation | None, Organisation | None, str]:
    """The sender's UPTD PPA (the case manager's organisation), the DP3AKB of its area and
    the area's name, as printed on the letterhead."""
    membership = (
        Membership.objects.active()
        .filter(person=referral.sent_by, role__in=[Role.CASE_MANAGER, Role.UPTD_HEAD])
        .select_related("organisation__area")
        .first()
    )
    uptd = membership.organisation if membership else None
    city_code = ".".join((uptd.area.code if uptd else referral.case.rt.code).split(".")[:2])
    city = Area.objects.get(code=city_code)
    dp3akb = Organisation.objects.filter(kind=OrganisationKind.DP3AKB, area=city).first()
    return uptd, dp3akb, city.name


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _rows(referral: Referral, data: SharedData) -> list[list[str]]:
    rows = [
        [_("Nomor kasus"), referral.case.number],
        [_("Layanan yang diminta"), str(referral.service)],
        [_("Sifat"), _("Segera") if referral.is_urgent else _("Biasa")],
        [_("Paling lambat selesai"), date_format(referral.due_date, "j F Y")],
    ]
    for n, victim in enumerate(data.victims, start=1):
        rows.append(
            [
                _("Korban %(n)s") % {"n": n},
                f"{victim.victim_kind}, {victim.sex}, {victim.age_group}",
            ]
        )
        rows.extend([f"  {label}", value or "—"] for label, value in victim.labelled)
    if data.has(ShareField.CASE_FACTS):
        rows.append([_("Bentuk kekerasan"), ", ".join(data.violence_forms)])
        rows.append([_("Tempat kejadian"), data.place])
        if data.incident_date:
            rows.append([_("Tanggal kejadian"), date_format(data.incident_date, "j F Y")])
    return rows


def referral_letter_pdf(referral: Referral, data: SharedData) -> bytes:
    """The letter's bytes. ``data`` comes from ``referral_shared_data``: the letter cannot
    show more than the referral shares."""
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["Normal"], fontSize=10, leading=13)
    head = ParagraphStyle("head", parent=body, alignment=1, fontName="Helvetica-Bold")
    uptd, dp3akb, area = letterhead(referral)
    story: list[Flowable] = [
        _p(_("PEMERINTAH %(area)s") % {"area": area.upper()}, head),
        _p((dp3akb.name if dp3akb else "DP3AKB").upper(), head),
        _p((uptd.name if uptd else "UPTD PPA").upper(), head),
        HRFlowable(width="100%", thickness=1.5, color=colors.black, spaceBefore=4, spaceAfter=8),
        _p(_("Nomor: %(number)s") % {"number": referral.letter_number}, body),
        _p(_("Perihal: Rujukan layanan %(service)s") % {"service": referral.service}, body),
        Spacer(1, 8),
        _p(_("Kepada Yth. %(partner)s") % {"partner": referral.organisation}, body),
        _p(_("di %(area)s") % {"area": referral.organisation.area}, body),
        Spacer(1, 8),
        _p(
            _(
                "Dengan hormat, bersama ini kami merujuk kasus berikut untuk mendapatkan layanan. "
                "Data yang disertakan hanya yang disetujui korban atau walinya untuk dibagikan; "
                "mohon dijaga kerahasiaannya (UU 12/2022, UU 11/2012, UU 27/2022)."
            ),
            body,
        ),
        Spacer(1, 8),
    ]
    table = Table(
        [[_p(a, body), _p(b, body)] for a, b in _rows(referral, data)], colWidths=[5 * cm, 11 * cm]
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 16)]
    sent = date_format(timezone.localtime(referral.sent_at), "j F Y")
    story += [
        _p(_("%(area)s, %(date)s") % {"area": area, "date": sent}, body),
        _p(_("Manajer kasus"), body),
        Spacer(1, 30),
        _p(str(referral.sent_by), body),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=referral.letter_number,
        author=uptd.name if uptd else "UPTD PPA",
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2 * cm,
    )
    document.build(story)
    return buffer.getvalue()
