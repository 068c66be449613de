from django.core.files.uploadedfile import SimpleUploadedFile

from jaga.testing import JagaTestCase


class RejectNulTests(JagaTestCase):
    def test_nul_in_query_form_or_json_is_a_400(self):
        self.login(self.admin)
        self.assertEqual(self.client.get("/orang/?q=a%00b").status_code, 400)
        self.assertEqual(
            self.client.post("/orang/undang/", {"full_name": "a\x00"}).status_code, 400
        )
        response = self.client.post(
            "/api/laporan/", '{"rt_code": "x\\u0000"}', content_type="application/json"
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("NUL", response.json()["detail"])

    def test_file_contents_may_hold_nul_bytes(self):
        self.login(self.admin)
        upload = SimpleUploadedFile("rt.csv", b"kode_kelurahan,nomor_rt\n\x00", "text/csv")
        response = self.client.post("/wilayah/impor-rt/", {"file": upload})
        self.assertContains(response, "karakter yang tidak sah")  # the import names the cell
