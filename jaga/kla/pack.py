"""The evidence pack: a round's evidence as one ZIP, so the upload to the national application
is a copy, not a week's work. A folder per indicator holds its answers and computed figures
as a PDF and its evidence files (each checked for identities when it was uploaded); at the
root, an index XLSX listing every indicator and the computed figures' XLSX. Built by a task
with its progress recorded per indicator; sealed at rest under the pack's own key."""

import io
import secrets
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from jaga.core.document_text import EXTENSIONS
from jaga.core.sealed import (
    DecryptingReader,
    EncryptingWriter,
    archive_key,
    create_private,
    new_stream_key,
)
from jaga.kla import documents, selectors, tasks
from jaga.kla.models import Assignment, Evidence, EvidencePack, PackState, Round
from jaga.kla.score import IndicatorScore, RoundScore
from jaga.people.models import Person

PACK_FOLDER = "kla-paket"  # under MEDIA_ROOT, outside the web root
COPY_CHUNK = 1024 * 1024


@transaction.atomic
def pack_request(*, kla_round: Round, by: Person) -> EvidencePack:
    """A new pack of the round, built after commit by the task worker."""
    pack = EvidencePack.objects.create(
        round=kla_round, requested_by=by, total=kla_round.instrument.indicators.count()
    )
    transaction.on_commit(lambda: tasks.build_evidence_pack.enqueue(pack.pk))
    return pack


def _path(pack: EvidencePack) -> Path:
    return Path(settings.MEDIA_ROOT) / pack.file_path


def folder_of(indicator: IndicatorScore) -> str:
    number = indicator.indicator.number
    return f"{number:02d}-{slugify(indicator.indicator.name)[:50] or 'indikator'}"


def pack_build(*, pack_id: int) -> EvidencePack:
    """Write the ZIP through the sealing writer, recording progress per indicator; the
    older packs of the round are removed once this one is ready."""
    pack = EvidencePack.objects.select_related("round__instrument", "round__city").get(pk=pack_id)
    if pack.state != PackState.PENDING:
        return pack
    folder = Path(settings.MEDIA_ROOT) / PACK_FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    pack.file_path = f"{PACK_FOLDER}/{secrets.token_hex(16)}.zip.sealed"
    pack.file_key = new_stream_key()
    kla_round = pack.round
    score = selectors.score_of(kla_round)
    assignments = selectors.assignments_of(kla_round)
    try:
        with (
            create_private(_path(pack)) as raw,
            EncryptingWriter(raw, archive_key(pack.file_key)) as sealed,
            zipfile.ZipFile(sealed, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            archive.writestr("indeks.xlsx", _index(kla_round, score, assignments))
            archive.writestr("angka-jaga.xlsx", documents.computed_xlsx(kla_round, score))
            for indicator in score.indicators:
                _write_indicator(archive, kla_round, indicator, assignments)
                pack.done += 1
                EvidencePack.objects.filter(pk=pack.pk).update(done=pack.done)
    except Exception:
        _path(pack).unlink(missing_ok=True)
        pack.state = PackState.FAILED
        pack.save(update_fields=["state", "file_path"])
        raise
    pack.state, pack.size = PackState.READY, _path(pack).stat().st_size
    pack.save(update_fields=["state", "file_path", "file_key", "size", "done"])
    _remove_older(pack)
    return pack


def _remove_older(pack: EvidencePack) -> None:
    older = EvidencePack.objects.filter(round=pack.round, pk__lt=pack.pk)
    for old in older.exclude(file_path=""):
        _path(old).unlink(missing_ok=True)
    older.delete()


def _write_indicator(archive, kla_round: Round, indicator: IndicatorScore, assignments) -> None:
    folder = folder_of(indicator)
    archive.writestr(f"{folder}/jawaban.pdf", _answers_pdf(kla_round, indicator, assignments))
    for item in indicator.items:
        for n, evidence in enumerate(item.evidence, start=1):
            extension = EXTENSIONS.get(evidence.content_type, "bin")
            _copy(archive, f"{folder}/bukti-{item.item.code}-{n}.{extension}", evidence)


def _copy(archive: zipfile.ZipFile, name: str, evidence: Evidence) -> None:
    with evidence.file.open("rb") as source, archive.open(name, "w") as target:
        while chunk := source.read(COPY_CHUNK):
            target.write(chunk)


def _answers_pdf(kla_round: Round, indicator: IndicatorScore, assignments) -> bytes:
    """The indicator's items as the verifier reads them: the answer or Jaga's figure, points
    claimed and at risk, the note, the formula and the aggregates (small counts as "<5")."""
    styles = getSampleStyleSheet()
    assignment: Assignment | None = assignments.get(indicator.indicator.pk)
    story = [
        Paragraph(escape(str(indicator.indicator)), styles["Title"]),
        Paragraph(
            escape(
                _("Evaluasi KLA %(year)s · %(city)s · penanggung jawab: %(lead)s")
                % {
                    "year": kla_round.year,
                    "city": kla_round.city.name,
                    "lead": (assignment.organisation if assignment else None) or "—",
                }
            ),
            styles["Normal"],
        ),
        Spacer(1, 0.4 * cm),
    ]
    for item in indicator.items:
        story.append(
            Paragraph(escape(f"{item.item.code} {item.item.question}"), styles["Heading3"])
        )
        lines = [
            _("Jawaban: %(value)s") % {"value": item.value_label or _("belum dijawab")},
            _("Poin diklaim %(claimed)s dari %(most)s; berisiko %(risk)s")
            % {"claimed": item.claimed, "most": item.item.max_points, "risk": item.at_risk},
        ]
        if item.answer and item.answer.note:
            lines.append(_("Keterangan: %(note)s") % {"note": item.answer.note})
        if item.computed:
            lines.append(_("Dihitung Jaga: %(formula)s") % {"formula": item.computed.formula})
            lines += [f"{label}: {value}" for label, value in item.figures]
        lines.append(_("Berkas bukti: %(n)s") % {"n": len(item.evidence)})
        story += [Paragraph(escape(str(line)), styles["Normal"]) for line in lines]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=str(indicator.indicator)).build(story)
    return buffer.getvalue()


def _index(kla_round: Round, score: RoundScore, assignments) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indeks")
    sheet.append(
        [
            _("Paket bukti evaluasi KLA %(year)s — %(city)s")
            % {"year": kla_round.year, "city": kla_round.city.name}
        ]
    )
    sheet.append([_("Disusun %(when)s WITA") % {"when": f"{timezone.localtime():%d-%m-%Y %H:%M}"}])
    heads = [
        _("Indikator"),
        _("Nama"),
        _("Klaster"),
        _("Penanggung jawab"),
        _("Butir terjawab"),
        _("Butir"),
        _("Poin kemungkinan"),
        _("Poin maks."),
        _("Berkas bukti"),
        _("Folder"),
    ]
    sheet.append(heads)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for indicator in score.indicators:
        assignment = assignments.get(indicator.indicator.pk)
        sheet.append(
            [
                indicator.indicator.number,
                indicator.indicator.label,
                indicator.indicator.cluster_name,
                str(assignment.organisation) if assignment and assignment.organisation else "",
                indicator.answered,
                len(indicator.items),
                indicator.likely,
                indicator.max_points,
                sum(len(i.evidence) for i in indicator.items),
                folder_of(indicator) + "/",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pack_open(pack: EvidencePack) -> DecryptingReader:
    """The pack's ZIP, decrypted as it is read (the file stays sealed on disk)."""
    return DecryptingReader(_path(pack).open("rb"), archive_key(pack.file_key))


def download_name(pack: EvidencePack) -> str:
    return f"kla-{pack.round.year}-paket-bukti.zip"
