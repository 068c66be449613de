import gzip
import re
import subprocess
import sys

from django.conf import settings
from django.contrib.staticfiles import finders

from jaga.testing import JagaTestCase

ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def compressed_size(data: bytes) -> int:
    return len(gzip.compress(data, 6))


class ShellTests(JagaTestCase):
    def first_visit_bytes(self, response) -> int:
        """The page plus every stylesheet and script it loads, gzip-compressed."""
        html = response.content
        total = compressed_size(html)
        for url in ASSET.findall(html.decode()):
            path = finders.find(url.removeprefix(settings.STATIC_URL))
            assert path, f"{url} is not a static file of the project"
            with open(path, "rb") as handle:
                total += compressed_size(handle.read())
        return total

    def test_pages_stay_light_and_need_no_internet(self):
        for person, url in (
            (None, "/masuk/"),
            (self.admin, "/"),
            (self.admin, "/orang/"),
            (self.admin, "/wilayah/64.71/"),
            (self.rt_officer, "/"),
        ):
            if person:
                self.login(person)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNotRegex(response.content.decode(), r'(src|href)="(https?:)?//', url)
            self.assertLess(self.first_visit_bytes(response), 60 * 1024, url)

    def test_api_docs_use_vendored_assets(self):
        response = self.client.get("/api/docs")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("cdn.", response.content.decode())

    def test_indonesian_first_english_available_wita_times(self):
        # A phone with an English system language still gets Indonesian until English is chosen.
        response = self.client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(response, 'lang="id"')
        self.assertContains(response, "Masuk ke Jaga")
        self.assertEqual(settings.TIME_ZONE, "Asia/Makassar")
        self.client.post("/bahasa/", {"language": "en", "next": "/masuk/"})
        response = self.client.get("/masuk/")
        self.assertContains(response, 'lang="en"')
        self.assertContains(response, "Sign in")

    def test_security_headers(self):
        response = self.client.get("/masuk/")
        csp = response.headers["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        # Pages: same-origin (their forms must carry an Origin); anything else: no-referrer.
        self.assertEqual(response.headers["Referrer-Policy"], "same-origin")
        self.assertEqual(self.client.get("/sehat/").headers["Referrer-Policy"], "no-referrer")
        self.assertEqual(response.headers["X-Frame-Options"], "DENY")

    def test_unknown_page_is_an_indonesian_404(self):
        self.login(self.admin)
        response = self.client.get("/tidak-ada/")
        self.assertContains(response, "Tidak ditemukan", status_code=404)

    def test_health(self):
        self.assertEqual(self.client.get("/sehat/").json(), {"status": "ok"})


def test_jaga_cli_accepts_dashed_command_names():
    result = subprocess.run(
        [sys.executable, "-m", "jaga.cli", "audit-verify", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "rantai hash" in result.stdout
