import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from jaga.areas.models import Area, AreaKind
from jaga.audit.models import AuditEvent
from jaga.core.periods import last_closed_month
from jaga.core.tabular import ImportRejected, read_rows
from jaga.sections.importer import COLUMNS, REQUIRED_COLUMNS, sections_import
from jaga.sections.models import Member, Section, Training, phone_index
from jaga.sections.selectors import coverage_figures
from jaga.testing import JagaTestCase

HEADER = [name for name, _help in COLUMNS]


def xlsx(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[str]]) -> bytes:
    return "\n".join(",".join(r) for r in [HEADER, *rows]).encode()


MANGGAR = "64.71.01.1001"
GOOD = [
    # RT 1: formed, a coordinator with two trainings (two rows), a member without training
    [
        MANGGAR,
        "1",
        "ya",
        "01/SK/2024",
        "2024-02-01",
        "ya",
        "Siti Aminah",
        "0812-3456-7890",
        "koordinator",
        "Pelatihan PATBM dasar",
        "2024-03-15",
    ],
    [
        MANGGAR,
        "1",
        "ya",
        "01/SK/2024",
        "2024-02-01",
        "ya",
        "Siti Aminah",
        "081234567890",
        "koordinator",
        "Konseling awal",
        "15/04/2024",
    ],
    [
        MANGGAR,
        "1",
        "ya",
        "01/SK/2024",
        "2024-02-01",
        "",
        "Budi Santoso",
        "6281298765432",
        "",
        "",
        "",
    ],
    # RT 2: not formed, no member; RT 3: formed, untrained member
    [MANGGAR, "2", "tidak", "", "", "ya", "", "", "", "", ""],
    [MANGGAR, "3", "Ya", "", "2023-11-30", "ya", "Rina Lestari", "081311112222", "anggota", "", ""],
]


class ImportTests(JagaTestCase):
    def run_import(self, data: bytes, name: str = "seksi.xlsx", user=None):
        user = user or self.admin
        rows = read_rows(data, name, REQUIRED_COLUMNS)
        rts = Area.objects.filter(kind=AreaKind.RT)
        if user == self.kel_officer:
            rts = rts.filter(parent=self.manggar)
        return sections_import(rows=rows, rts=rts, imported_by=user)

    def snapshot(self):
        return (
            list(Section.objects.values_list()),
            list(Member.objects.values_list("pk", "section_id", "phone_index", "position")),
            sorted(Member.objects.values_list("name", flat=True)),
            list(Training.objects.values_list()),
        )

    def test_good_file(self):
        summary = self.run_import(xlsx(GOOD))
        self.assertEqual((summary.sections_created, summary.members_created), (3, 3))
        self.assertEqual(summary.trainings_created, 2)
        section = Section.objects.get(rt=self.rt1)
        self.assertTrue(section.is_formed)
        self.assertEqual(str(section.decision_date), "2024-02-01")
        siti = Member.objects.get(phone_index=phone_index("+6281234567890"))
        self.assertEqual(
            (siti.name, siti.phone, siti.position), ("Siti Aminah", "+6281234567890", "coordinator")
        )
        self.assertEqual(siti.trainings.count(), 2)
        self.assertFalse(Section.objects.get(rt=self.rt2).is_formed)
        # Encrypted at rest: the raw column does not hold the name.
        raw = Member.objects.filter(pk=siti.pk).values_list("name", flat=True)
        self.assertNotIn("Siti", str(raw.query))
        self.assertEqual(AuditEvent.objects.filter(object_type="sections.section").count(), 3)
        f = coverage_figures(self.manggar, last_closed_month())
        self.assertEqual((f.rts, f.formed, f.trained), (3, 2, 1))

    def test_reimport_changes_nothing(self):
        data = xlsx(GOOD)
        self.run_import(data)
        before, events = self.snapshot(), AuditEvent.objects.count()
        summary = self.run_import(data)
        self.assertFalse(summary.changed_anything)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(AuditEvent.objects.count(), events)
        # The same content as CSV, written differently, changes nothing either.
        summary = self.run_import(csv_bytes(GOOD), "seksi.csv")
        self.assertFalse(summary.changed_anything)

    def test_corrected_file_updates_in_place(self):
        self.run_import(xlsx(GOOD))
        fixed = [row[:] for row in GOOD]
        fixed[4][6] = "Rina Lestari Putri"
        summary = self.run_import(xlsx(fixed))
        self.assertEqual((summary.members_changed, summary.members_created), (1, 0))
        self.assertEqual(Member.objects.count(), 3)

    def test_bad_file_lists_every_problem_and_saves_nothing(self):
        bad = [
            [MANGGAR, "999", "ya", "", "2024-01-01", "", "", "", "", "", ""],
            [MANGGAR, "1", "mungkin", "", "", "", "", "", "", "", ""],
            [MANGGAR, "2", "ya", "", "", "", "", "", "", "", ""],
            [MANGGAR, "3", "ya", "", "2099-01-01", "", "Ani", "12345", "ketua", "", ""],
            [MANGGAR, "3", "tidak", "", "", "", "", "", "", "Pelatihan", "2024-01-01"],
            ["64.71.06.1001", "1", "ya", "", "kemarin", "", "Ani", "081200001111", "", "", ""],
        ]
        with self.assertRaises(ImportRejected) as caught:
            self.run_import(xlsx(bad))
        problems = {(p.line, p.column) for p in caught.exception.problems}
        self.assertEqual(
            problems,
            {
                (2, "nomor_rt"),  # no RT 999
                (3, "terbentuk"),  # not ya/tidak
                (4, "tanggal_sk"),  # formed without date
                (5, "tanggal_sk"),  # in the future
                (5, "nomor_hp"),
                (5, "jabatan"),
                (6, "nama_anggota"),  # training without a member
                (7, "tanggal_sk"),  # unreadable
            },
        )
        messages = " ".join(p.message for p in caught.exception.problems)
        self.assertIn("Wajib diisi bila seksi sudah terbentuk.", messages)
        self.assertEqual(Section.objects.count(), 0)
        self.assertEqual(Member.objects.count(), 0)

    def test_one_bad_row_blocks_the_good_ones(self):
        with self.assertRaises(ImportRejected):
            self.run_import(xlsx([*GOOD, [MANGGAR, "1", "tidak", "", "", "", "", "", "", "", ""]]))
        self.assertEqual(Section.objects.count(), 0)

    def test_rows_outside_the_importers_area_are_refused(self):
        rows = [["64.71.06.1001", "1", "tidak", "", "", "", "", "", "", "", ""]]
        with self.assertRaises(ImportRejected) as caught:
            self.run_import(xlsx(rows), user=self.kel_officer)
        self.assertEqual(caught.exception.problems[0].column, "nomor_rt")
        self.assertIn("di luar wilayah Anda", caught.exception.problems[0].message)

    def test_phone_of_an_active_member_of_another_rt(self):
        self.run_import(xlsx(GOOD))
        rows = [[MANGGAR, "2", "tidak", "", "", "", "Siti", "081234567890", "", "", ""]]
        with self.assertRaises(ImportRejected) as caught:
            self.run_import(xlsx(rows))
        self.assertEqual(caught.exception.problems[0].column, "nomor_hp")
        rows = [
            [MANGGAR, "2", "tidak", "", "", "", "Ani", "081200001111", "", "", ""],
            [MANGGAR, "3", "tidak", "", "", "", "Ani", "081200001111", "", "", ""],
        ]
        with self.assertRaises(ImportRejected) as caught:
            self.run_import(xlsx(rows))
        self.assertIn("baris 2", caught.exception.problems[0].message)


class ImportPageTests(JagaTestCase):
    def test_template_download_has_the_columns(self):
        self.login(self.kel_officer)
        response = self.client.get("/seksi-ppa/impor/templat.xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        self.assertEqual([c.value for c in sheet[1]], HEADER)
        # The template itself imports cleanly (and imports nothing).
        self.assertEqual(read_rows(response.content, "t.xlsx", REQUIRED_COLUMNS), [])

    def test_upload_good_then_bad(self):
        self.login(self.kel_officer)
        upload = SimpleUploadedFile("seksi.xlsx", xlsx(GOOD))
        response = self.client.post("/seksi-ppa/impor/", {"file": upload})
        self.assertRedirects(response, "/seksi-ppa/impor/")
        self.assertEqual(Member.objects.count(), 3)
        bad = SimpleUploadedFile("seksi.csv", csv_bytes([[MANGGAR, "1", "x"]]))
        response = self.client.post("/seksi-ppa/impor/", {"file": bad})
        self.assertContains(response, "Isi ya atau tidak.", status_code=400)
        self.assertContains(response, "Tidak ada yang disimpan", status_code=400)

    def test_denied_roles(self):
        for person in (self.rt_officer, self.analyst, self.manager, self.nobody):
            self.login(person)
            self.assertEqual(self.client.get("/seksi-ppa/impor/").status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get("/seksi-ppa/impor/").status_code, 302)


class CityImportTests(JagaTestCase):
    """A whole city's file: one row per RT of Balikpapan's 34 kelurahan (50 RTs each)."""

    def test_city_file_and_reimport(self):
        from jaga.sections.tests.base import RTS_PER_KELURAHAN, add_rts

        kelurahan = list(Area.objects.filter(kind=AreaKind.KELURAHAN, code__startswith="64.71."))
        add_rts(kelurahan, RTS_PER_KELURAHAN)
        rows = []
        for index, k in enumerate(kelurahan):
            for n in range(1, RTS_PER_KELURAHAN + 1):
                formed = n <= 40
                member = n <= 25
                rows.append(
                    [
                        k.code,
                        str(n),
                        "ya" if formed else "tidak",
                        "",
                        "2021-06-01" if formed else "",
                        "",
                        f"Anggota {index}-{n}" if member else "",
                        f"0813{index:03d}{n:05d}" if member else "",
                        "",
                        "PATBM" if member and n <= 10 else "",
                        "2024-01-01" if member and n <= 10 else "",
                    ]
                )
        data = xlsx(rows)
        summary = self.import_file(data)
        self.assertEqual(summary.sections_created, 1700)
        self.assertEqual(summary.members_created, 34 * 25)
        f = coverage_figures(self.city, last_closed_month())
        self.assertEqual((f.rts, f.formed, f.trained), (1700, 34 * 40, 34 * 10))
        self.assertEqual((f.pct_formed, f.pct_trained), (80.0, 20.0))
        self.assertFalse(self.import_file(data).changed_anything)

    def import_file(self, data):
        return sections_import(
            rows=read_rows(data, "kota.xlsx", REQUIRED_COLUMNS),
            rts=Area.objects.filter(kind=AreaKind.RT),
            imported_by=self.admin,
        )
