"""The SIMFONI-PPA export round-trips: built by a task, downloaded once, every code valid,
as many rows as the dashboard counts victims; identities only for those entitled."""

import csv
import datetime as dt
import io
import stat
from pathlib import Path

import msoffcrypto
from django.conf import settings
from openpyxl import load_workbook

from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases.models import CaseMember, MemberRole
from jaga.codes.models import Code
from jaga.core.periods import Period
from jaga.figures import selectors, services, simfoni
from jaga.figures.models import ExportState, SimfoniExport
from jaga.figures.selectors import FigureFilter
from jaga.figures.tests.test_selectors import FiguresTest

YEAR_2024 = FigureFilter("64.71", Period.year(2024))
ROOT = Path(__file__).resolve().parents[3]


def read_csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def read_xlsx(content: bytes) -> list[dict]:
    rows = list(
        load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True)
    )
    return [
        dict(zip(rows[0], ["" if v is None else v for v in row], strict=True)) for row in rows[1:]
    ]


class SimfoniExportTest(FiguresTest):
    def request(self, person, file_format="xlsx", identity=False, **period):
        self.login(person)
        post = {"format": file_format, **(period or {"tahun": "2024"})}
        if identity:
            post["identitas"] = "1"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/angka/simfoni/?wilayah=64.71", post)
        return response, SimfoniExport.objects.filter(requested_by=person).first()

    def download(self, export):
        return self.client.post(f"/angka/simfoni/{export.pk}/unduh/")

    def test_xlsx_with_identity_round_trips_and_downloads_once(self):
        response, export = self.request(self.admin, identity=True)
        self.assertEqual(response.status_code, 302)
        self.assertEqual((export.state, export.rows), (ExportState.READY, 5))
        path = Path(settings.MEDIA_ROOT) / export.file_path
        self.assertTrue(path.exists())
        got = self.download(export)
        rows = read_xlsx(b"".join(got.streaming_content))
        self.assertFalse(path.exists())  # deleted as it was sent
        self.assertEqual(len(rows), selectors.totals(YEAR_2024).victims)
        self.assertIn("Ani Lestari", {row["nama_korban"] for row in rows})
        self.assert_codes_valid(rows)
        second = self.download(export)
        self.assertEqual(second.status_code, 302)  # refused, back to the list
        self.assertFalse(hasattr(second, "streaming_content"))
        actions = list(
            AuditEvent.objects.filter(object_type="figures.simfoniexport").values_list(
                "action", flat=True
            )
        )
        # Asked for, the identities put in the file, downloaded (issue 19, item 12).
        self.assertEqual(
            sorted(actions), sorted([AuditAction.EXPORT, AuditAction.EXPORT, AuditAction.DOWNLOAD])
        )
        named = {row["nama_korban"] for row in rows if row["nama_korban"]}
        for event in AuditEvent.objects.filter(object_type="figures.simfoniexport")[:2]:
            subjects = list(event.subjects.values_list("object_type", "object_id"))
            self.assertEqual(len(subjects), len(named))  # ids only, one per identified victim
            self.assertEqual({kind for kind, _ in subjects}, {"cases.caseperson"})

    def assert_codes_valid(self, rows):
        for column, code_list in simfoni.CODE_COLUMNS.items():
            valid = set(Code.objects.of(code_list).values_list("code", flat=True))
            for row in rows:
                for value in filter(None, str(row[column]).split(simfoni.SEPARATOR)):
                    self.assertIn(value, valid, f"{column}: {value}")

    def test_csv_of_a_month_without_identity_says_what_is_missing(self):
        _, export = self.request(self.head, file_format="csv", bulan="2024-01")
        rows = read_csv(b"".join(self.download(export).streaming_content))
        self.assertNotIn("nama_korban", rows[0])
        january = FigureFilter("64.71", Period.months(dt.date(2024, 1, 1), dt.date(2024, 1, 1)))
        self.assertEqual(len(rows), selectors.totals(january).victims)  # C1's two, C2's one
        self.assertEqual(len(rows), 3)
        by_case = {(r["nomor_kasus"], r["jenis_kelamin"]): r for r in rows}
        c2 = by_case[("KS-2024-0002", "P")]
        self.assertEqual(c2["tanggal_lapor"], "2024-01-31")
        self.assertEqual(c2["hubungan_pelaku"], "guru")
        self.assertIn("layanan", c2["belum_lengkap"].split("|"))
        self.assertIn("pendidikan", c2["belum_lengkap"].split("|"))
        v1 = by_case[("KS-2024-0001", "P")]
        self.assertEqual(v1["bentuk_kekerasan"], "fisik|psikis")
        self.assertEqual(v1["layanan"], "bantuan_hukum|kesehatan")
        self.assertNotIn("pendidikan", v1["belum_lengkap"])
        self.assert_codes_valid(rows)

    def test_a_case_manager_gets_identities_of_their_team_cases_only(self):
        CaseMember.objects.create(case=self.c1, person=self.manager, role=MemberRole.MANAGER)
        _, export = self.request(self.manager, file_format="csv", identity=True)
        rows = read_csv(b"".join(self.download(export).streaming_content))
        names = {row["nomor_kasus"]: row["nama_korban"] for row in rows if row["nama_korban"]}
        self.assertEqual(set(names), {"KS-2024-0001"})
        self.assertEqual(len(rows), 5)

    def test_identity_is_refused_without_the_right(self):
        response, export = self.request(self.analyst, identity=True)
        self.assertEqual(response.status_code, 403)
        self.assertIsNone(export)

    def test_only_the_requester_downloads(self):
        _, export = self.request(self.admin)
        self.login(self.head)
        self.assertEqual(self.download(export).status_code, 404)
        self.login(self.rt_officer)
        self.assertEqual(self.download(export).status_code, 403)

    def test_an_export_not_fetched_in_time_is_deleted(self):
        _, export = self.request(self.admin, file_format="csv")
        path = Path(settings.MEDIA_ROOT) / export.file_path
        self.assertEqual(services.simfoni_exports_expire(now=export.expires_at), 1)
        self.assertFalse(path.exists())
        export.refresh_from_db()
        self.assertEqual(export.state, ExportState.EXPIRED)
        self.assertEqual(self.download(export).status_code, 302)

    def test_the_other_city_is_never_exported(self):
        _, export = self.request(self.admin, file_format="csv")
        rows = read_csv(b"".join(self.download(export).streaming_content))
        self.assertNotIn("KS-2024-0005", {row["nomor_kasus"] for row in rows})
        self.assertTrue(all(row["kode_rt"].startswith("64.71.") for row in rows))

    def test_the_page_lists_own_exports(self):
        self.request(self.admin)
        response = self.client.get("/angka/simfoni/")
        self.assertContains(response, "Unduh")
        self.assertNotContains(response, "style=")

    # Sealed at rest (issue 19): encrypted under a key of its own, 0600 in a 0700 folder,
    # expired by the serving set-up; an XLSX may be handed over under a password.

    def test_the_file_on_disk_shows_no_identity_and_only_its_owner_reads_it(self):
        _, export = self.request(self.admin, file_format="csv", identity=True)
        path = Path(settings.MEDIA_ROOT) / export.file_path
        on_disk = path.read_bytes()
        self.assertNotIn(b"Ani Lestari", on_disk)
        self.assertNotIn("Ani Lestari".encode("utf-8-sig"), on_disk)
        self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(path.parent.stat().st_mode), 0o700)
        self.assertNotIn(export.file_key, str(on_disk))
        text = b"".join(self.download(export).streaming_content).decode("utf-8-sig")
        self.assertIn("Ani Lestari", text)  # the download is the plain CSV

    def test_xlsx_under_a_password_the_recipient_types(self):
        _, export = self.request(self.admin, identity=True)
        got = self.client.post(f"/angka/simfoni/{export.pk}/unduh/", {"sandi": "rahasia-kota"})
        locked = io.BytesIO(b"".join(got.streaming_content))
        office = msoffcrypto.OfficeFile(locked)
        self.assertTrue(office.is_encrypted())
        office.load_key(password="rahasia-kota")
        plain = io.BytesIO()
        office.decrypt(plain)
        self.assertIn("Ani Lestari", {row["nama_korban"] for row in read_xlsx(plain.getvalue())})

    def test_a_short_password_is_refused_and_the_file_stays(self):
        _, export = self.request(self.admin)
        response = self.client.post(f"/angka/simfoni/{export.pk}/unduh/", {"sandi": "pendek"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue((Path(settings.MEDIA_ROOT) / export.file_path).exists())
        export.refresh_from_db()
        self.assertEqual(export.state, "ready")

    def test_the_serving_set_up_expires_exports(self):
        serve = (ROOT / "scripts" / "serve").read_text()
        loop = serve.split("while true; do", 1)[1].split("done", 1)[0]
        self.assertIn("expire-exports", loop)
