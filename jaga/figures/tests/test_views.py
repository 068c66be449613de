"""Dashboards, table exports and the public page, for the personas that matter."""

from jaga.access.paths import NATIONAL_CODE
from jaga.areas.models import Area, AreaKind
from jaga.areas.services import areas_import_reference
from jaga.audit.models import AuditAction, AuditEvent
from jaga.clocks.selectors import forget_targets
from jaga.figures import rollups
from jaga.figures.tests import data
from jaga.figures.tests.test_selectors import FiguresTest
from jaga.testing import make_national_analyst, make_rts

URL = "/angka/?wilayah=64.71&dari=2024-01&sampai=2024-03"
# The person and their memberships (2; the session store is not counted), area (1), figures
# (18: see selectors.rolled.dashboard, everything but the reports waiting now read from the
# rollups), the children's
# voice card (1 while there is no survey round),
# case management (7: see figures.casework, the city's monitoring months one of them): fixed,
# not per case.
DASHBOARD_QUERIES = 29


class DashboardTest(FiguresTest):
    def test_city_admin_sees_the_city_with_charts_and_tables(self):
        self.login(self.admin)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertIn("<svg", page)
        self.assertNotIn("style=", page)
        self.assertNotIn("<script>", page)
        self.assertEqual(response.context["figures"].totals.cases, 4)
        self.assertIn("/angka/ekspor/bentuk.csv?wilayah=64.71", page)
        self.assertIn("dihitung dengan ketelitian satu jam", page)  # durations from histograms

    def test_kelurahan_officer_starts_at_the_kelurahan_and_cannot_leave_it(self):
        self.login(self.kel_officer)
        response = self.client.get("/angka/?dari=2024-01&sampai=2024-03")
        self.assertEqual(response.context["area"], self.manggar)
        self.assertEqual(response.context["figures"].totals.cases, 2)  # C1 and C7
        self.assertEqual(self.client.get("/angka/?wilayah=64.71").status_code, 404)
        self.assertEqual(self.client.get("/angka/?wilayah=64.71.06").status_code, 404)

    def test_who_may_not(self):
        self.assertEqual(self.client.get(URL).status_code, 302)  # to sign-in
        for person in (self.rt_officer, self.partner, self.activist, self.nobody):
            self.login(person)
            self.assertEqual(self.client.get(URL).status_code, 403, person)
        self.login(self.outsider)
        self.assertEqual(self.client.get(URL).status_code, 404)

    def test_the_analyst_sees_the_province(self):
        self.login(self.analyst)
        response = self.client.get("/angka/?dari=2024-01&sampai=2024-03")
        self.assertEqual(response.context["area"].code, "64")
        self.assertEqual(response.context["figures"].totals.cases, 5)

    def test_constant_queries_however_many_cases(self):
        self.login(self.admin)
        self.client.get(URL)  # warm per-process caches (content types, translations)
        forget_targets()  # the clocks app keeps targets a minute per process: read them each time
        with self.assert_query_count(DASHBOARD_QUERIES):
            self.client.get(URL)
        data.bulk(self, 15)
        rollups.refresh()  # what the task queued on the writes' commit does
        forget_targets()
        with self.assert_query_count(DASHBOARD_QUERIES):
            response = self.client.get(URL)
        self.assertEqual(response.context["figures"].totals.cases, 19)


class TableExportTest(FiguresTest):
    def test_csv_of_one_table_is_audited(self):
        self.login(self.taskforce)
        response = self.client.get(
            "/angka/ekspor/bentuk.csv?wilayah=64.71&dari=2024-01&sampai=2024-03"
        )
        self.assertEqual(response.status_code, 200)
        lines = response.content.decode("utf-8-sig").splitlines()
        self.assertEqual(lines[0], "Kategori,Kasus,Korban")
        self.assertIn("Psikis,2,3", lines)
        event = AuditEvent.objects.get(action=AuditAction.EXPORT)
        self.assertEqual((event.actor, event.area_code), (self.taskforce, "64.71"))

    def test_xlsx_reads_back(self):
        import io

        from openpyxl import load_workbook

        self.login(self.admin)
        response = self.client.get(
            "/angka/ekspor/tren.xlsx?wilayah=64.71&dari=2024-01&sampai=2024-03"
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(min_row=5, values_only=True))
        self.assertEqual([row[1:] for row in rows], [(2, 3, 0, 0), (1, 1, 1, 1), (1, 0, 0, 0)])

    def test_unknown_table_or_format(self):
        self.login(self.admin)
        self.assertEqual(self.client.get("/angka/ekspor/rahasia.csv").status_code, 404)
        self.assertEqual(self.client.get("/angka/ekspor/bentuk.pdf").status_code, 404)


class NationalDashboardTest(FiguresTest):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        areas_import_reference(prefix="63.71")  # Banjarmasin, Kalimantan Selatan
        kelurahan = Area.objects.filter(kind=AreaKind.KELURAHAN, code__startswith="63.71.")[0]
        rt, *_ = make_rts(kelurahan, 1)
        data.case(cls, "KS-N-0001", rt, data.at(2024, 2, 5))
        cls.national = make_national_analyst()

    def test_the_national_analyst_starts_at_the_country_and_drills_into_a_province(self):
        self.login(self.national)
        response = self.client.get("/angka/?dari=2024-01&sampai=2024-03")
        self.assertEqual(response.context["area"].code, NATIONAL_CODE)
        self.assertEqual(response.context["figures"].totals.cases, 6)  # the province's 5 + 1
        page = response.content.decode()
        for code, name in (("63", "Kalimantan Selatan"), ("64", "Kalimantan Timur")):
            self.assertIn(f'href="?wilayah={code}&amp;', page)
            self.assertIn(name, page)
        province = self.client.get("/angka/?wilayah=63&dari=2024-01&sampai=2024-03")
        self.assertEqual(province.context["figures"].totals.cases, 1)
        self.assertIn(f'href="?wilayah={NATIONAL_CODE}&amp;', province.content.decode())
        city = self.client.get("/angka/?wilayah=64.71&dari=2024-01&sampai=2024-03")
        self.assertEqual(city.context["figures"].totals.cases, 4)

    def test_no_case_list_or_export_of_victims(self):
        self.login(self.national)
        for url in ("/kasus/", "/angka/simfoni/", "/angka/?wilayah=64.71.01.1001.001"):
            self.assertIn(self.client.get(url).status_code, (403, 404), url)

    def test_a_province_analyst_cannot_open_the_country_or_another_province(self):
        self.analyst.memberships.update(area=self.city.parent)
        self.login(self.analyst)
        for code in (NATIONAL_CODE, "63", "63.71"):
            self.assertEqual(self.client.get(f"/angka/?wilayah={code}").status_code, 404, code)
