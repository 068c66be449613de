"""Touch and readability: scrollable tables reachable by keyboard, boxes inside their labels,
chart text readable on a phone, an icon for every page."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import SimpleTestCase

from jaga.core import charts
from jaga.testing import JagaTestCase

TEMPLATES = Path(settings.BASE_DIR) / "jaga"


class TableWrapTests(SimpleTestCase):
    def test_every_scrolling_table_is_focusable_and_named(self):
        wraps = 0
        for template in TEMPLATES.rglob("*.html"):
            for tag in re.findall(r'<div class="table-wrap"[^>]*>', template.read_text()):
                wraps += 1
                with self.subTest(template=str(template.relative_to(TEMPLATES))):
                    self.assertIn('tabindex="0"', tag)
                    self.assertIn('role="region"', tag)
                    self.assertIn("aria-label=", tag)
        self.assertGreater(wraps, 30)


class ChartTextTests(SimpleTestCase):
    def test_text_is_at_least_12_px_on_the_narrowest_phone(self):
        rows = [(f"Bulan {n}", float(n)) for n in range(1, 13)]
        for chart in [
            charts.horizontal_bars("t", rows),
            charts.trend_bars("t", [label for label, _ in rows], [1.0] * 12, [2.0] * 12),
            charts.share_bars("t", rows),
        ]:
            with self.subTest(width=chart.width):
                self.assertGreaterEqual(chart.font_size * charts.NARROWEST_PX / chart.width, 12)

    def test_axis_labels_thin_out_rather_than_overlap(self):
        chart = charts.share_bars("t", [(f"Des {n:02d}", 50.0) for n in range(24)])
        shown = [t.text for t in chart.texts if t.text.startswith("Des")]
        self.assertLess(len(shown), 24)
        self.assertIn("Des 00", shown)


class CheckboxTests(JagaTestCase):
    def test_a_single_box_sits_inside_its_label(self):
        self.login(self.rt_officer)
        page = self.client.get("/laporan/baru/").content.decode()
        self.assertRegex(page, r'<label class="check"><input type="checkbox" name="is_urgent"')


class FaviconTests(JagaTestCase):
    def test_pages_link_an_icon_and_favicon_ico_answers(self):
        self.assertContains(self.client.get("/masuk/"), 'rel="icon"')
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/static/jaga/favicon.ico")
        self.assertTrue(finders.find("jaga/favicon.ico"))
        self.assertTrue(finders.find("jaga/favicon.svg"))
