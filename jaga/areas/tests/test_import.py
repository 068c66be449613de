import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from jaga.areas.models import Area, AreaKind
from jaga.areas.services import areas_import_reference, rts_import
from jaga.core.tabular import ImportRejected, Row, read_rows
from jaga.testing import JagaTestCase


def csv_file(text: str, name="rt.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


class ReferenceImportTests(JagaTestCase):
    def test_balikpapan_by_default_with_its_official_codes(self):
        balikpapan = Area.objects.filter(code__startswith="64.71.")
        self.assertEqual(balikpapan.filter(kind=AreaKind.KECAMATAN).count(), 6)
        self.assertEqual(balikpapan.filter(kind=AreaKind.KELURAHAN).count(), 34)
        self.assertEqual(self.manggar.parent.code, "64.71.01")
        self.assertEqual(self.city.parent.kind, AreaKind.PROVINCE)

    def test_second_run_loads_nothing_twice(self):
        before = Area.objects.count()
        result = areas_import_reference(prefix="64.71")
        self.assertEqual(result.created, 0)
        self.assertEqual(Area.objects.count(), before)

    def test_unknown_prefix_is_refused(self):
        with self.assertRaises(ImportRejected) as caught:
            areas_import_reference(prefix="99.99")
        self.assertIn("tidak dikenal", caught.exception.problems[0].message)

    def test_command(self):
        out = io.StringIO()
        call_command("import_areas", prefix="64.71", stdout=out)
        self.assertIn("0 baru", out.getvalue())


class RtImportTests(JagaTestCase):
    def rows(self, *values):
        return [
            Row(i + 2, {"kode_kelurahan": k, "nomor_rt": n, "nama": ""})
            for i, (k, n) in enumerate(values)
        ]

    def test_good_rows_and_reimport(self):
        rows = self.rows(("64.71.01.1002", "7"), ("64.71.01.1002", "8"))
        self.assertEqual(rts_import(rows=rows).created, 2)
        again = rts_import(rows=rows)
        self.assertEqual((again.created, again.unchanged), (0, 2))
        self.assertTrue(Area.objects.filter(code="64.71.01.1002.007", number=7).exists())

    def test_every_bad_row_is_reported_and_nothing_saved(self):
        before = Area.objects.count()
        rows = self.rows(
            ("64.71.01.1002", "9"),  # fine on its own
            ("64.71.99.9999", "1"),  # unknown kelurahan
            ("64.71.01.1002", "abc"),  # not a number
            ("64.71.01.1002", "9"),  # duplicate of line 2
            ("64.71.01", "1"),  # a kecamatan, not a kelurahan
        )
        with self.assertRaises(ImportRejected) as caught:
            rts_import(rows=rows)
        problems = [(p.line, p.column) for p in caught.exception.problems]
        self.assertEqual(
            problems,
            [(3, "kode_kelurahan"), (4, "nomor_rt"), (5, "nomor_rt"), (6, "kode_kelurahan")],
        )
        self.assertIn("baris 2", caught.exception.problems[2].message)
        self.assertEqual(Area.objects.count(), before)

    def test_scope_limits_where_rts_may_be_added(self):
        only_manggar = Area.objects.filter(pk=self.manggar.pk)
        with self.assertRaises(ImportRejected):
            rts_import(rows=self.rows(("64.71.01.1002", "9")), kelurahan=only_manggar)

    def test_xlsx_and_csv_with_semicolons_read_alike(self):
        book = Workbook()
        book.active.append(["kode_kelurahan", "nomor_rt", "nama"])
        book.active.append(["64.71.01.1002", 12, "RT Dua Belas"])
        data = io.BytesIO()
        book.save(data)
        from_xlsx = read_rows(data.getvalue(), "rt.xlsx", ["kode_kelurahan", "nomor_rt"])
        from_csv = read_rows(
            b"kode_kelurahan;nomor_rt;nama\n64.71.01.1002;12;RT Dua Belas\n",
            "rt.csv",
            ["kode_kelurahan", "nomor_rt"],
        )
        self.assertEqual(from_xlsx, from_csv)

    def test_wrong_file_type_and_missing_columns(self):
        with self.assertRaises(ImportRejected) as caught:
            read_rows(b"%PDF-1.4", "rt.pdf", ["kode_kelurahan"])
        self.assertIn("tidak didukung", caught.exception.problems[0].message)
        with self.assertRaises(ImportRejected) as caught:
            read_rows(b"not a zip", "rt.xlsx", ["kode_kelurahan"])
        self.assertIn("bukan XLSX", caught.exception.problems[0].message)
        with self.assertRaises(ImportRejected) as caught:
            read_rows(b"kode\n1\n", "rt.csv", ["kode_kelurahan", "nomor_rt"])
        self.assertEqual(
            [p.column for p in caught.exception.problems], ["kode_kelurahan", "nomor_rt"]
        )
        with self.assertRaises(ImportRejected):
            read_rows("kode_kelurahan\n\xe9\n".encode("latin-1"), "rt.csv", ["kode_kelurahan"])


class RtImportPageTests(JagaTestCase):
    def test_admin_imports_and_sees_problems(self):
        self.login(self.admin)
        response = self.client.post(
            "/wilayah/impor-rt/",
            {"file": csv_file("kode_kelurahan,nomor_rt\n64.71.01.1002,20\n64.71.01.1002,x\n")},
        )
        self.assertContains(response, "Baris", status_code=200)
        self.assertContains(response, "Nomor RT harus angka")
        self.assertFalse(Area.objects.filter(code="64.71.01.1002.020").exists())
        response = self.client.post(
            "/wilayah/impor-rt/",
            {"file": csv_file("kode_kelurahan,nomor_rt\n64.71.01.1002,20\n")},
            follow=True,
        )
        self.assertContains(response, "1 RT baru")
        self.assertTrue(Area.objects.filter(code="64.71.01.1002.020").exists())

    def test_wrong_file_type_is_refused_by_the_form(self):
        self.login(self.admin)
        response = self.client.post("/wilayah/impor-rt/", {"file": csv_file("x", "rt.exe")})
        self.assertContains(response, "Jenis berkas tidak didukung")

    def test_other_city_admin_cannot_add_rts_here(self):
        self.login(self.outsider)
        response = self.client.post(
            "/wilayah/impor-rt/", {"file": csv_file("kode_kelurahan,nomor_rt\n64.71.01.1002,21\n")}
        )
        self.assertContains(response, "di luar wilayah Anda")

    def test_others_are_refused(self):
        for person in (self.manager, self.kel_officer, self.rt_officer):
            self.login(person)
            self.assertEqual(self.client.get("/wilayah/impor-rt/").status_code, 403)


class AreaPageTests(JagaTestCase):
    def test_kelurahan_officer_sees_own_kelurahan_only(self):
        self.login(self.kel_officer)
        self.assertRedirects(self.client.get("/wilayah/"), "/wilayah/64.71.01.1001/")
        response = self.client.get("/wilayah/64.71.01.1001/")
        self.assertContains(response, "RT 001")
        self.assertEqual(self.client.get("/wilayah/64.71.06.1001/").status_code, 404)

    def test_city_page_has_constant_queries(self):
        self.login(self.admin)
        self.client.get("/wilayah/64.71/")
        with self.assert_query_count(5):  # 4 + the second-factor device
            response = self.client.get("/wilayah/64.71/")
        timur = next(a for a in response.context["children"] if a.code == "64.71.01")
        self.assertEqual(timur.rt_count, 5)  # 3 in Manggar, 2 in Lamaru
