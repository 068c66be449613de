import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jaga.access.policy import can
from jaga.audit.models import AuditEvent
from jaga.cases.models import CaseEvent, EventKind
from jaga.cases.tests.helpers import join, open_case
from jaga.core.periods import current_month
from jaga.forum.figures import transport_totals
from jaga.forum.models import Accompaniment
from jaga.forum.services.accompaniment import accompaniment_record
from jaga.forum.tests.base import ForumTestCase


class AccompanimentTests(ForumTestCase):
    def setUp(self):
        self.case = open_case(self)
        join(self.case, self.activist)
        self.other_case = open_case(self)
        self.today = timezone.localdate()

    def record(self, **changes):
        values = {
            "case": self.case,
            "activist": self.activist,
            "visited_on": self.today,
            "destination": "puskesmas",
            "transport_cost": 25000,
        }
        values.update(changes)
        return accompaniment_record(**values)

    def test_a_visit_is_a_timeline_step_of_its_own_kind_and_audited(self):
        visit = self.record(note="Didampingi ke poli anak")
        self.assertEqual(visit.event.kind, EventKind.ACCOMPANIMENT)
        self.assertEqual(visit.chapter, self.manggar_chapter)
        self.assertIn("puskesmas", CaseEvent.objects.get(pk=visit.event_id).note)
        self.assertTrue(
            AuditEvent.objects.filter(
                object_type="cases.case", object_id=str(self.case.pk), fields=["accompaniments"]
            ).exists()
        )

    def test_bad_input_each_with_its_message_nothing_saved(self):
        with self.assertRaises(ValidationError) as caught:
            self.record(
                visited_on=self.today + dt.timedelta(days=1),
                destination="mall",
                transport_cost=-5,
                note="<b>x</b>",
            )
        self.assertEqual(
            set(caught.exception.message_dict),
            {"visited_on", "destination", "transport_cost", "note"},
        )
        self.assertEqual(
            caught.exception.message_dict["transport_cost"],
            ["Biaya transport tidak boleh negatif."],
        )
        self.assertFalse(Accompaniment.objects.exists())
        self.assertFalse(CaseEvent.objects.filter(kind=EventKind.ACCOMPANIMENT).exists())

    def test_rules_activist_only_on_their_team_cases(self):
        self.assertTrue(can(self.activist, "forum.accompany", self.case))
        self.assertFalse(can(self.activist, "forum.accompany", self.other_case))
        for persona in (self.activist_other, self.manager, self.admin, self.kel_officer):
            self.assertFalse(can(persona, "forum.accompany", self.case), persona)
        visit = self.record()
        self.assertTrue(can(self.activist, "forum.accompaniments", visit))
        self.assertFalse(can(self.activist_other, "forum.accompaniments", visit))
        self.assertTrue(can(self.admin, "forum.transport"))
        for persona in (self.activist, self.kel_officer, self.head, self.analyst):
            self.assertFalse(can(persona, "forum.transport"), persona)

    def test_page_lists_only_team_cases_and_records_a_visit(self):
        self.login(self.activist)
        page = self.client.get(reverse("forum:my_cases"))
        self.assertContains(page, self.case.number)
        self.assertNotContains(page, self.other_case.number)
        url = reverse("forum:accompany", args=[self.case.pk])
        self.client.get(url)
        self.assertTrue(
            AuditEvent.objects.filter(
                action="read", object_id=str(self.case.pk), actor=self.activist
            ).exists()
        )
        response = self.client.post(
            url,
            {
                "visited_on": self.today.isoformat(),
                "destination": "police",
                "transport_cost": "40000",
            },
        )
        self.assertRedirects(response, reverse("forum:my_cases"))
        self.assertEqual(Accompaniment.objects.get().transport_cost, 40000)
        other = reverse("forum:accompany", args=[self.other_case.pk])
        self.assertEqual(self.client.get(other).status_code, 404)

    def test_transport_totalled_per_activist_per_month(self):
        self.record(transport_cost=25000)
        self.record(transport_cost=15000, destination="police")
        month = current_month()
        rows = transport_totals(month, month)
        self.assertEqual(len(rows), 1)
        self.assertEqual((rows[0].visits, rows[0].total, rows[0].month), (2, 40000, month))
        self.login(self.admin)
        page = self.client.get(reverse("forum:transport"))
        self.assertContains(page, '<td class="num">40.000</td>', html=False)
