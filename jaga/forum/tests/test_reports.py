import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

from jaga.forum.figures import chapters_silent
from jaga.forum.models import Chapter, ChapterReport
from jaga.forum.services.reports import chapter_report_confirm
from jaga.forum.services.sessions import meeting_record
from jaga.forum.tests.base import ForumTestCase

TODAY = dt.date(2026, 3, 3)
MARCH, FEBRUARY = dt.date(2026, 3, 1), dt.date(2026, 2, 1)


class ChapterReportTests(ForumTestCase):
    def test_ketua_confirms_nothing_this_month_in_one_tap(self):
        result = chapter_report_confirm(
            chapter=self.manggar_chapter, month=MARCH, confirmed_by=self.activist, today=TODAY
        )
        self.assertTrue(result.report.is_nothing)
        again = chapter_report_confirm(
            chapter=self.manggar_chapter, month=MARCH, confirmed_by=self.activist, today=TODAY
        )
        self.assertFalse(again.changed)

    def test_last_month_until_the_fifth_only(self):
        chapter_report_confirm(
            chapter=self.manggar_chapter, month=FEBRUARY, confirmed_by=self.activist, today=TODAY
        )
        with self.assertRaisesMessage(ValidationError, "batasnya tanggal 5"):
            chapter_report_confirm(
                chapter=self.manggar_chapter,
                month=FEBRUARY,
                confirmed_by=self.activist,
                today=dt.date(2026, 3, 6),
            )

    def test_only_the_ketua_of_the_chapter(self):
        self.member.person = self.nobody
        self.member.save()
        for person in (self.nobody, self.activist_other):
            with self.assertRaisesMessage(ValidationError, "Hanya ketua"):
                chapter_report_confirm(
                    chapter=self.manggar_chapter, month=MARCH, confirmed_by=person, today=TODAY
                )
        self.assertFalse(ChapterReport.objects.exists())

    def test_report_compiles_the_month(self):
        meeting_record(
            chapter=self.manggar_chapter,
            held_on=dt.date(2026, 3, 2),
            partner="posyandu",
            recorded_by=self.activist,
        )
        report = chapter_report_confirm(
            chapter=self.manggar_chapter, month=MARCH, confirmed_by=self.activist, today=TODAY
        ).report
        self.assertEqual((report.meetings, report.sessions), (1, 0))

    def test_chapters_that_neither_confirm_nor_record_are_listed(self):
        chapter_report_confirm(
            chapter=self.manggar_chapter, month=MARCH, confirmed_by=self.activist, today=TODAY
        )
        silent = chapters_silent(Chapter.objects.all(), MARCH)
        self.assertEqual(silent, [self.prapatan_chapter])

    def test_report_page_for_the_ketua_and_the_silent_list_for_officers(self):
        self.login(self.activist)
        page = self.client.get(reverse("forum:report"))
        self.assertContains(page, "Konfirmasi: tidak ada kegiatan bulan ini")
        self.login(self.admin)
        page = self.client.get(reverse("forum:silent_chapters"))
        self.assertContains(page, "Prapatan")
