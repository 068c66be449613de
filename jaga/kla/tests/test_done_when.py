"""Issue 16's "done when", end to end: a round from the default instrument, its computed
items answered from hand-counted records, one clean and one name-bearing PDF (the second
refused for the reason, never the name), the score, the score at risk and the predicate on
the round page, and the evidence pack whose index lists every indicator. (The coverage,
FP2ATBM and Forum Anak items call selectors hand-checked in their own apps' tests.)"""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from jaga.cases.models import Case, CaseStatus
from jaga.cases.services import case_service_add
from jaga.cases.tests.helpers import open_case
from jaga.kla.models import Computed, EvidencePack, Item
from jaga.kla.selectors import score_of
from jaga.kla.services import answer_record, round_open
from jaga.kla.tests.test_evidence import CLEAN, NAME_REFUSED, pdf_with
from jaga.reports.tests.helpers import NAME
from jaga.taskforce.services.actions import action_item_close
from jaga.taskforce.tests.helpers import TaskforceTestCase, wita


class DoneWhenTests(TaskforceTestCase):
    def records_of_2026(self):
        """Six meetings in 2026 (one more in 2025), three action items of 2026 (two done),
        three cases reported in 2026 with three child victims, two of them closed and one of
        those served; a fourth case reported in 2027, outside the period."""
        meetings = [self.meeting(wita(2026, month, 14, 9)) for month in (1, 3, 5, 7, 9, 11)]
        self.meeting(wita(2025, 12, 1, 9))
        actions = [self.action(meetings[0], datetime.date(2026, 6, d)) for d in (1, 2, 3)]
        for item in actions[:2]:
            action_item_close(item=item, evidence="Daftar hadir sosialisasi", by=self.secretary)
        cases = [open_case(self)] + [
            open_case(self, victim_name=name, victim_nik=nik)
            for name, nik in (
                ("Dewi Anggraini", "6471010101900002"),
                ("Rina Wulandari", "6471010101900003"),
                ("Tari Lestari", "6471010101900004"),
            )
        ]
        Case.objects.filter(pk__in=[c.pk for c in cases[:3]]).update(reported_at=wita(2026, 6, 1))
        Case.objects.filter(pk=cases[3].pk).update(reported_at=wita(2027, 1, 2))
        case_service_add(case=cases[0], by=self.manager, service="kesehatan")
        Case.objects.filter(pk__in=[cases[0].pk, cases[1].pk]).update(status=CaseStatus.CLOSED)

    def test_a_round_from_answers_to_the_evidence_pack(self):
        self.records_of_2026()
        kla_round = round_open(city=self.city, year=2027)  # evaluates 2026
        self.login(self.admin)
        self.client.post(reverse("kla:refresh", args=[kla_round.pk]))
        values = {c.item.code: float(c.value) for c in Computed.objects.filter(round=kla_round)}
        self.assertEqual(values["2.4"], 6)  # meetings held in 2026
        self.assertEqual(values["2.5"], 66.7)  # 2 of 3 action items done
        self.assertEqual(values["21.5"], 3)  # child victims reported in 2026
        self.assertEqual(values["21.3"], 50.0)  # 1 of 2 closed cases served

        item = Item.objects.get(indicator__instrument=kla_round.instrument, code="19.1")
        answer_record(
            assignment=kla_round.assignments.get(indicator__number=19),
            item=item,
            value="80",
            note="",
            by=self.education,
        )
        self.login(self.education)
        url = reverse("kla:indicator", args=[kla_round.pk, 19])
        prefix = f"bukti-{item.pk}"

        def upload(content):
            return self.client.post(
                url,
                {
                    "form": "evidence",
                    "item": item.pk,
                    f"{prefix}-file": SimpleUploadedFile("b.pdf", content, "application/pdf"),
                },
            )

        refused = upload(pdf_with("Daftar penerima layanan:", NAME))
        self.assertContains(refused, NAME_REFUSED, status_code=400)
        self.assertNotContains(refused, NAME, status_code=400)
        self.assertRedirects(upload(CLEAN), url)

        score = score_of(kla_round)
        self.login(self.admin)
        page = self.client.get(kla_round.get_absolute_url())
        self.assertContains(page, f'<strong class="big">{score.likely_score}</strong>')
        self.assertContains(page, f"berisiko {score.at_risk}")
        self.assertContains(page, score.likely_predicate)
        self.assertGreater(score.likely_score, 0)

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("kla:pack_request", args=[kla_round.pk]))
        self.assertEqual(EvidencePack.objects.get().done, 24)
        download = self.client.get(reverse("kla:pack_download", args=[kla_round.pk]))
        archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
        index = load_workbook(io.BytesIO(archive.read("indeks.xlsx"))).active
        listed = [row[0] for row in index.iter_rows(min_row=4, values_only=True)]
        self.assertEqual(listed, list(range(1, 25)))
