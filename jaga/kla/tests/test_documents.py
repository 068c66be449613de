"""The computed items' evidence as XLSX: formula, period and figures, small counts as "<5",
never a name; the download audited, for those who see the round."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases.models import Case
from jaga.cases.tests.helpers import open_case
from jaga.kla.services import computed_refresh, round_open
from jaga.reports.tests.helpers import NAME
from jaga.taskforce.tests.helpers import TaskforceTestCase, wita


class ComputedEvidenceTests(TaskforceTestCase):
    def setUp(self):
        self.round = round_open(city=self.city, year=2027)  # looks at 2026
        self.url = reverse("kla:computed_xlsx", args=[self.round.pk])

    def rows(self, response) -> list[list[str]]:
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        return [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]

    def test_formula_period_figures_and_no_name(self):
        for month in (1, 3, 5, 7, 9):
            self.meeting(wita(2026, month, 14, 9))
        second = open_case(self, victim_name="Dewi Anggraini", victim_nik="6471010101900002")
        first = open_case(self)
        Case.objects.filter(pk__in=[first.pk, second.pk]).update(reported_at=wita(2026, 6, 1))
        computed_refresh(kla_round=self.round)
        self.login(self.analyst)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        rows = self.rows(response)
        by_code = {row[1]: row for row in rows[3:] if row[1]}
        self.assertEqual(len(by_code), 12)  # the reference CSV's 12 items with a computation
        meetings = by_code["2.4"]
        self.assertEqual(meetings[3], "Rapat Gugus Tugas KLA yang terlaksana dalam tahun periode")
        self.assertEqual(meetings[4], "01-01-2026 – 31-12-2026")
        self.assertEqual(meetings[5], "Lebih dari 4 kali (5)")
        self.assertEqual(meetings[6], "15")
        victims = by_code["21.5"]
        self.assertEqual(victims[5], "<5")  # two child victims
        index = rows.index(victims)
        after = rows[index + 1 :]
        figures = [r[8] for r in after[: next(i for i, r in enumerate(after) if r[1])]]
        self.assertEqual(len(figures), 3)  # the three age groups under 18
        self.assertEqual(sorted(figures), ["0", "0", "<5"])  # both victims in one group
        text = " ".join(" ".join(r) for r in rows)
        for secret in (NAME, "Dewi Anggraini", "6471010101900002"):
            self.assertNotIn(secret, text)
        event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_id=str(self.round.pk))
        self.assertEqual(event.fields, ["computed"])

    def test_not_yet_computed_and_who_may_download(self):
        self.login(self.education)
        rows = self.rows(self.client.get(self.url))
        self.assertIn("Belum dihitung", [row[3] for row in rows if row[1] == "2.4"])
        for person in (self.manager, self.partner, self.rt_officer):
            self.login(person)
            self.assertEqual(self.client.get(self.url).status_code, 403, person)
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertFalse(
            AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=self.outsider).exists()
        )
