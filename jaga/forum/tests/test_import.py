import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from jaga.audit.models import AuditEvent
from jaga.core.tabular import ImportRejected, read_rows
from jaga.forum.importer import COLUMNS, REQUIRED_COLUMNS, forum_import
from jaga.forum.models import Activist, ActivistTraining, Chapter
from jaga.forum.selectors import kelurahan_in_scope
from jaga.forum.tests.base import ForumTestCase

HEADER = [name for name, _help in COLUMNS]
LAMARU = "64.71.01.1002"
GOOD = [
    [LAMARU, "2019-03-01", "188.45/2019", "2019-03-01", "Rina Lestari", "0812-7777-0001",
     "ketua", "", "Pelatihan aktivis PATBM", "2025-07-15"],
    [LAMARU, "2019-03-01", "188.45/2019", "2019-03-01", "Rina Lestari", "081277770001",
     "ketua", "ya", "Konseling awal", "15/08/2025"],
    [LAMARU, "2019-03-01", "188.45/2019", "2019-03-01", "Budi Santoso", "081277770002",
     "anggota", "", "", ""],
]  # fmt: skip


def xlsx(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class ForumImportTests(ForumTestCase):
    def run_import(self, rows, person=None):
        return forum_import(
            rows=read_rows(xlsx(rows), "f.xlsx", REQUIRED_COLUMNS),
            kelurahan=kelurahan_in_scope(person or self.admin, "forum.manage"),
            imported_by=person or self.admin,
        )

    def problems(self, rows, person=None) -> list[tuple[int, str, str]]:
        with self.assertRaises(ImportRejected) as caught:
            self.run_import(rows, person)
        return [(p.line, p.column, p.message) for p in caught.exception.problems]

    def test_import_then_reimport_changes_nothing(self):
        summary = self.run_import(GOOD)
        self.assertEqual(
            (summary.chapters_created, summary.activists_created, summary.trainings_created),
            (1, 2, 2),
        )
        chapter = Chapter.objects.get(kelurahan__code=LAMARU)
        self.assertEqual(chapter.organisation.area, self.lamaru)
        self.assertEqual(
            sorted(a.name for a in Activist.objects.filter(chapter=chapter)),
            ["Budi Santoso", "Rina Lestari"],
        )
        events = AuditEvent.objects.count()
        again = self.run_import(GOOD)
        self.assertEqual(vars(again), dict.fromkeys(vars(again), 0))
        self.assertEqual(AuditEvent.objects.count(), events)
        self.assertEqual(ActivistTraining.objects.filter(activist__chapter=chapter).count(), 2)

    def test_bad_rows_refuse_the_whole_file_with_every_problem(self):
        bad = [
            *GOOD,
            ["64.71.99.9999", "2019-03-01", "", "", "X", "081277770009", "", "", "", ""],
            [LAMARU, "2019-03-01", "188.45/2019", "2019-03-01", "Tanpa HP", "12", "raja",
             "mungkin", "", "2099-01-01"],
        ]  # fmt: skip
        problems = self.problems(bad)
        self.assertIn(
            (5, "kode_kelurahan", "Kelurahan tidak terdaftar atau di luar wilayah Anda."), problems
        )
        columns = {column for line, column, _m in problems if line == 6}
        self.assertEqual(columns, {"nomor_hp", "jabatan", "aktif", "tanggal_pelatihan"})
        self.assertFalse(Chapter.objects.filter(kelurahan__code=LAMARU).exists())

    def test_duplicate_phone_of_an_active_activist_elsewhere(self):
        row = [LAMARU, "2019-03-01", "", "", "Orang Lain", self.member.phone, "", "", "", ""]
        self.assertEqual(
            self.problems([row]),
            [(2, "nomor_hp", "Nomor HP ini sudah tercatat untuk aktivis FP2ATBM lain yang aktif.")],
        )

    def test_kelurahan_officer_imports_only_their_kelurahan(self):
        problems = self.problems(GOOD, self.kel_officer)
        self.assertEqual({column for _l, column, _m in problems}, {"kode_kelurahan"})

    def test_page_and_template(self):
        self.login(self.kel_officer)
        template = self.client.get(reverse("forum:import_template"))
        self.assertEqual(load_workbook(io.BytesIO(template.content)).active["A1"].value, HEADER[0])
        row = ["64.71.01.1001", "2020-01-15", "", "", "Baru", "081277770005", "", "", "", ""]
        upload = SimpleUploadedFile("f.xlsx", xlsx([row]))
        response = self.client.post(reverse("forum:import"), {"file": upload}, follow=True)
        self.assertContains(response, "Impor selesai")
        self.login(self.activist)
        self.assertEqual(self.client.get(reverse("forum:import")).status_code, 403)
