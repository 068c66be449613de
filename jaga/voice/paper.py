"""The printable questionnaire (PDF): the paper fallback for a class without phones. Both
versions, boxes to tick, no field for a name. Built with reportlab in memory."""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from jaga.voice.models import AgeBand, Questionnaire


def questionnaire_pdf(questionnaire: Questionnaire) -> bytes:
    styles = getSampleStyleSheet()
    story: list = []
    for band, label in AgeBand.choices:
        questions = questionnaire.questions.filter(age_band=band)
        story += [
            Paragraph(escape(_("Aku merasa aman?")) + f" — {escape(str(label))}", styles["Title"]),
            Paragraph(
                escape(
                    _(
                        "Jangan tulis namamu. Beri tanda silang pada satu kotak untuk setiap "
                        "pertanyaan. Tidak ada jawaban yang salah."
                    )
                ),
                styles["Normal"],
            ),
            Paragraph(
                escape(
                    _(
                        "Kelompok umur: %(band)s   Jenis kelamin (boleh kosong): "
                        "[ ] Perempuan  [ ] Laki-laki"
                    )
                    % {"band": label}
                ),
                styles["Normal"],
            ),
            Spacer(1, 0.4 * cm),
        ]
        for number, question in enumerate(questions, start=1):
            options = "    ".join(f"[ ] {escape(o['label'])}" for o in question.options)
            story.append(
                KeepTogether(
                    [
                        Paragraph(f"<b>{number}. {escape(question.text)}</b>", styles["Normal"]),
                        Paragraph(options, styles["Normal"]),
                        Spacer(1, 0.3 * cm),
                    ]
                )
            )
        story += [
            Spacer(1, 0.4 * cm),
            Paragraph(
                escape(
                    _(
                        "Butuh bantuan? Telepon SAPA 129 atau WhatsApp 08111-129-129, atau "
                        "bicara dengan kakak pendamping."
                    )
                ),
                styles["Normal"],
            ),
        ]
        if questionnaire.is_draft:
            story.append(
                Paragraph(
                    escape(_("Draf Jaga — belum ditinjau bersama Forum Anak.")), styles["Italic"]
                )
            )
        story.append(PageBreak())
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Kuesioner Aku merasa aman?"),
        leftMargin=2 * cm,
        rightMargin=2 * cm,
    )
    document.build(story[:-1])
    return buffer.getvalue()
