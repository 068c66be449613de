"""The evidence pack: one ZIP per round, a folder per indicator (its answers and Jaga's
figures as a PDF, its evidence files) and an index listing every indicator, built by the
task worker, sealed at rest, downloaded by DP3AKB only, each download audited."""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases.tests.helpers import open_case
from jaga.kla.models import Assignment, EvidencePack, Item, PackState
from jaga.kla.services import answer_record, evidence_add, round_open
from jaga.kla.tests.test_evidence import CLEAN
from jaga.taskforce.tests.helpers import TaskforceTestCase


class PackTests(TaskforceTestCase):
    def setUp(self):
        self.round = round_open(city=self.city, year=2027)
        open_case(self)  # a victim in Jaga: nothing of hers may reach the pack
        assignment = Assignment.objects.get(round=self.round, indicator__number=19)
        item = Item.objects.get(indicator__instrument=self.round.instrument, code="19.1")
        answer_record(
            assignment=assignment, item=item, value="80", note="41 SRA", by=self.education
        )
        evidence_add(
            assignment=assignment,
            item=item,
            upload=SimpleUploadedFile("sra.pdf", CLEAN, "application/pdf"),
            size=len(CLEAN),
            period_start=None,
            period_end=None,
            by=self.education,
        )
        self.page = reverse("kla:pack", args=[self.round.pk])

    def build(self):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("kla:pack_request", args=[self.round.pk]))

    def test_the_pack_holds_every_indicator_and_its_evidence(self):
        self.login(self.admin)
        self.assertContains(self.client.get(self.page), "Belum ada paket bukti")
        self.assertRedirects(self.build(), self.page)
        pack = EvidencePack.objects.get()
        self.assertEqual((pack.state, pack.done, pack.total), (PackState.READY, 24, 24))
        sealed = (Path(settings.MEDIA_ROOT) / pack.file_path).read_bytes()
        self.assertFalse(sealed.startswith(b"PK"))  # not a readable ZIP at rest
        self.assertContains(self.client.get(self.page), "siap")

        download = self.client.get(reverse("kla:pack_download", args=[self.round.pk]))
        self.assertEqual(download["Content-Type"], "application/zip")
        self.assertIn("attachment", download["Content-Disposition"])
        archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
        names = archive.namelist()
        self.assertIn("indeks.xlsx", names)
        self.assertIn("angka-jaga.xlsx", names)
        self.assertEqual(sum(1 for n in names if n.endswith("/jawaban.pdf")), 24)
        self.assertIn("19-sekolah-ramah-anak-sra/bukti-19.1-1.pdf", names)
        self.assertEqual(archive.read("19-sekolah-ramah-anak-sra/bukti-19.1-1.pdf"), CLEAN)

        index = load_workbook(io.BytesIO(archive.read("indeks.xlsx"))).active
        numbers = [row[0] for row in index.iter_rows(min_row=4, values_only=True)]
        self.assertEqual(numbers, list(range(1, 25)))
        answers = PdfReader(io.BytesIO(archive.read("19-sekolah-ramah-anak-sra/jawaban.pdf")))
        text = "".join(page.extract_text() for page in answers.pages)
        self.assertIn("19.1", text)
        self.assertIn("41 SRA", text)
        everything = b"".join(archive.read(n) for n in names)
        for secret in (b"Siti", b"Rahmawati", b"6471010101900001"):
            self.assertNotIn(secret, everything)
        self.assertTrue(
            AuditEvent.objects.filter(action=AuditAction.DOWNLOAD, fields=["pack"]).exists()
        )

    def test_a_new_pack_replaces_the_last_one(self):
        self.login(self.admin)
        self.build()
        first = EvidencePack.objects.get()
        self.build()
        second = EvidencePack.objects.get()
        self.assertNotEqual(first.pk, second.pk)
        self.assertFalse((Path(settings.MEDIA_ROOT) / first.file_path).exists())

    def test_only_dp3akb_builds_and_downloads(self):
        for person in (self.education, self.analyst, self.taskforce):
            self.login(person)
            self.assertEqual(self.client.get(self.page).status_code, 403, person)
            self.assertEqual(self.build().status_code, 403, person)
        self.assertFalse(EvidencePack.objects.exists())
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.page).status_code, 404)
        self.login(self.admin)
        missing = self.client.get(reverse("kla:pack_download", args=[self.round.pk]))
        self.assertEqual(missing.status_code, 404)
