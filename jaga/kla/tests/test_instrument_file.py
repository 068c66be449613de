"""The instrument as XLSX: exported in the reference CSV's own text, edited and imported back
all or nothing, only by DP3AKB and only while no round has been submitted."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from jaga.audit.models import AuditEvent
from jaga.kla.instrument import REFERENCE_DIR
from jaga.kla.models import Answer, Assignment, Item, RoundStatus
from jaga.kla.services import round_open
from jaga.taskforce.tests.helpers import TaskforceTestCase

YEAR = 2027


class InstrumentFileTests(TaskforceTestCase):
    def setUp(self):
        self.round = round_open(city=self.city, year=YEAR)
        self.instrument = self.round.instrument
        self.page = reverse("kla:instrument", args=[YEAR])

    def exported(self) -> list[list[str]]:
        self.login(self.admin)
        response = self.client.get(reverse("kla:instrument_xlsx", args=[YEAR]))
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        rows = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
        return [row for row in rows if any(row)]  # the template formats 2000 empty rows

    def upload(self, rows: list[list[str]]):
        workbook = Workbook()
        for row in rows:
            workbook.active.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        upload = SimpleUploadedFile("instrumen.xlsx", buffer.getvalue())
        return self.client.post(self.page, {"file": upload})

    def test_the_export_says_what_the_reference_csv_says(self):
        rows = self.exported()
        header, body = rows[0], rows[1:]
        self.assertEqual(
            header[:7],
            [
                "indikator",
                "klaster",
                "nama_klaster",
                "nama_indikator",
                "kode",
                "jenis",
                "nilai_maks",
            ],
        )
        with (REFERENCE_DIR / "kla_instrument.csv").open(encoding="utf-8") as handle:
            reference = list(csv.DictReader(handle))
        self.assertEqual(len(body), len(reference))  # 44 items
        by_code = {row[4]: dict(zip(header, row, strict=True)) for row in body}
        for ref in reference:
            row = by_code[ref["code"]]
            self.assertEqual(
                (row["indikator"], row["jenis"], row["nilai_maks"], row["pilihan"], row["target"]),
                (ref["indicator"], ref["kind"], ref["max_points"], ref["choices"], ref["target"]),
                ref["code"],
            )
            self.assertEqual(
                (row["bukti"], row["perhitungan"]), (ref["evidence"], ref["computation"])
            )
        self.assertEqual(
            by_code["2.4"]["pilihan"], "Lebih dari 4 kali=15@5;1–4 kali=8@1;Tidak pernah=0@0"
        )

    def test_an_unchanged_file_changes_nothing_an_edited_one_applies(self):
        rows = self.exported()
        same = self.upload(rows)
        self.assertRedirects(same, self.page)
        self.assertEqual(Item.objects.filter(indicator__instrument=self.instrument).count(), 44)
        header = rows[0]
        edited = [header]
        for row in rows[1:]:
            if row[4] == "2.6":
                continue  # removed
            if row[4] == "1.2":
                row[6] = "25"
            edited.append(row)
        new_item = [
            "1",
            *rows[1][1:4],
            "1.3",
            "yes_no",
            "10",
            "Apakah ada rencana aksi daerah?",
            "",
            "",
            "RAD KLA",
            "",
        ]
        new_indicator = [
            "25",
            "V",
            "Perlindungan khusus",
            "Indikator baru",
            "25.1",
            "number",
            "10",
            "Berapa?",
            "",
            "8",
            "",
            "",
        ]
        edited += [new_item, new_indicator]
        done = self.client.get(self.upload(edited).url)
        self.assertContains(done, "24 indikator".replace("24", "25"))
        self.assertContains(done, "2 butir baru, 1 butir diubah, 1 butir dihapus")
        items = Item.objects.filter(indicator__instrument=self.instrument)
        self.assertEqual(items.count(), 44 - 1 + 2)
        self.assertEqual(items.get(code="1.2").max_points, 25)
        self.assertFalse(items.filter(code="2.6").exists())
        self.assertEqual(items.get(code="25.1").target, 8)
        # The open round is given the new indicator, without a lead agency yet.
        self.assertIsNone(
            Assignment.objects.get(round=self.round, indicator__number=25).organisation
        )
        self.assertTrue(AuditEvent.objects.filter(reason="impor berkas instrumen KLA").exists())

    def test_bad_rows_refuse_the_whole_file(self):
        rows = self.exported()
        rows[1][6] = "banyak"  # line 2: max points
        rows[2][5] = "essay"  # line 3 (a yes/no): kind
        rows[6][8] = "Lebih dari 4 kali"  # line 7 (2.4): choices without points
        rows[7][11] = "cases.unknown"  # line 8: computation
        rows[10][4] = rows[9][4]  # line 11: the code of line 10 again
        page = self.upload(rows)
        self.assertEqual(page.status_code, 400)
        problems = [(p.line, p.column) for p in page.context["problems"]]
        self.assertEqual(
            problems,
            [(2, "nilai_maks"), (3, "jenis"), (7, "pilihan"), (8, "perhitungan"), (11, "kode")],
        )
        self.assertContains(page, "Jenis tidak dikenal", status_code=400)
        self.assertEqual(
            Item.objects.get(indicator__instrument=self.instrument, code="1.2").max_points, 20
        )

    def test_an_answered_item_stays_and_a_submitted_instrument_is_frozen(self):
        rows = self.exported()
        item = Item.objects.get(indicator__instrument=self.instrument, code="2.6")
        Answer.objects.create(round=self.round, item=item, value="yes")
        page = self.upload([row for row in rows if row[4] != "2.6"])
        self.assertContains(page, "Butir 2.6 sudah dijawab", status_code=400)
        self.round.status = RoundStatus.SUBMITTED
        self.round.save()
        page = self.client.get(self.page)
        self.assertContains(page, "tidak dapat diubah lagi")
        self.assertNotContains(page, 'id="instrument-import"')
        refused = self.upload(rows)
        self.assertContains(refused, "sudah dipakai putaran yang dikirim", status_code=400)

    def test_only_dp3akb_of_the_city(self):
        self.login(self.admin)
        self.assertContains(self.client.get(reverse("kla:home")), self.page)
        self.assertContains(self.client.get(self.round.get_absolute_url()), self.page)
        for person in (self.education, self.analyst, self.manager):
            self.login(person)
            self.assertEqual(self.client.get(self.page).status_code, 403, person)
            xlsx = self.client.get(reverse("kla:instrument_xlsx", args=[YEAR]))
            self.assertEqual(xlsx.status_code, 403, person)
        self.login(self.analyst)
        self.assertNotContains(self.client.get(reverse("kla:home")), self.page)
        self.login(self.outsider)  # another city's DP3AKB: this year's instrument has our round
        self.assertEqual(self.client.get(self.page).status_code, 404)
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("kla:instrument", args=[2031])).status_code, 404)
