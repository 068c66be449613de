from django.test import SimpleTestCase
from django.utils import translation

from jaga.core import charts
from jaga.core.numbers import number_text, percent_text
from jaga.core.templatetags.numbers import percent


class NumbersFollowTheLanguageTests(SimpleTestCase):
    def test_indonesian_and_english(self):
        with translation.override("id"):
            self.assertEqual((percent_text(94.44), number_text(2.5)), ("94,4 %", "2,5"))
            self.assertEqual((percent(None), percent(90)), ("—", "90,0 %"))
        with translation.override("en"):
            self.assertEqual((percent_text(94.44), number_text(2.5)), ("94.4%", "2.5"))

    def test_chart_labels(self):
        with translation.override("id"):
            chart = charts.horizontal_bars("Median", [("Hari", 2.5)])
            self.assertIn("2,5", [text.text for text in chart.texts])
            shares = charts.share_bars("Aktif", [("Nov", 94.44)])
            self.assertIn("Nov: 94,4 %", [bar.title for bar in shares.bars])
