"""The evidence of the computed items, as the verifier receives it: every item Jaga answers
from its own records with its formula, period and the aggregates underneath. Counts from 1 to
4 are shown as "<5" (``jaga.kla.score.shown``) and nothing names a person: a computation
returns aggregates only."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from jaga.kla.models import Round
from jaga.kla.score import RoundScore


def computed_rows(score: RoundScore) -> list[list[str]]:
    """One row per computed item, then one per figure under it."""
    rows = []
    for indicator in score.indicators:
        for item in indicator.items:
            if not item.item.computation:
                continue
            computed = item.computed
            period = (
                f"{computed.period_start:%d-%m-%Y} – {computed.period_end:%d-%m-%Y}"
                if computed
                else ""
            )
            rows.append(
                [
                    str(indicator.indicator.number),
                    item.item.code,
                    item.item.question,
                    computed.formula if computed else _("Belum dihitung"),
                    period,
                    item.value_label if computed else "—",
                    f"{item.claimed:g}",
                    "",
                    "",
                ]
            )
            rows += [["", "", "", "", "", "", "", label, value] for label, value in item.figures]
    return rows


def computed_xlsx(kla_round: Round, score: RoundScore) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Angka Jaga")
    sheet.append(
        [_("Bukti angka yang dihitung Jaga — evaluasi KLA %(year)s") % {"year": kla_round.year}]
    )
    sheet.append([_("Hanya agregat; jumlah 1–4 ditulis <5. Tidak ada nama.")])
    sheet.append(
        [
            _("Indikator"),
            _("Butir"),
            _("Pertanyaan"),
            _("Rumus"),
            _("Periode"),
            _("Nilai"),
            _("Poin"),
            _("Angka"),
            _("Jumlah"),
        ]
    )
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in computed_rows(score):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
