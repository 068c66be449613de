"""The referral life cycle through the services: two partner organisations, consent-limited
sharing, timeline, notifications, and the partner's service counted in the case's services."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import SimpleTestCase
from django.utils import timezone

from jaga.access.policy import visible
from jaga.cases.models import CaseEvent, CaseService, EventKind
from jaga.cases.services import consent_withdraw
from jaga.notifications.models import Notification, Urgency
from jaga.referrals import services
from jaga.referrals.models import Referral, ReferralStatus
from jaga.referrals.selectors import referral_get, referral_list, referral_shared_data
from jaga.referrals.tests.helpers import ADDRESS, NAME, NIK, ReferralTestCase


class LifeCycleTests(ReferralTestCase):
    def test_whole_life_cycle_across_two_organisations(self):
        health = self.send()
        police = self.send(self.police, service="penegakan_hukum")
        # Each partner sees only what was sent to its own organisation.
        self.assertEqual(list(referral_list(self.partner)), [health])
        self.assertEqual(list(referral_list(self.police_officer)), [police])
        self.assertEqual(set(referral_list(self.manager)), {health, police})
        self.assertFalse(referral_list(self.manager2).exists())  # not on the case team

        services.referral_accept(referral=health, by=self.partner)
        today = timezone.localdate()
        services.referral_record_service(
            referral=health, by=self.partner, served_on=today, note="Visum dan konseling."
        )
        services.referral_complete(referral=health, by=self.partner)

        health.refresh_from_db()
        self.assertEqual(health.status, ReferralStatus.COMPLETED)
        for stamp in (health.sent_at, health.responded_at, health.served_at, health.completed_at):
            self.assertIsNotNone(stamp)
        given = CaseService.objects.get(case=self.case)
        self.assertEqual((given.service.code, given.organisation), ("kesehatan", self.puskesmas))
        self.assertEqual(health.case_service, given)
        # Every step is on the case timeline (sent, accepted, served, completed + the service).
        notes = [e.note for e in CaseEvent.objects.filter(case=self.case, kind=EventKind.NOTE)]
        self.assertEqual(sum(health.letter_number in n for n in notes), 4)
        self.assertTrue(CaseEvent.objects.filter(case=self.case, kind=EventKind.SERVICE).exists())
        # The case manager heard of each partner step; the police referral is untouched.
        keys = set(
            Notification.objects.filter(recipient=self.manager).values_list("key", flat=True)
        )
        for step in ("accepted", "served", "completed"):
            self.assertIn(f"referral:{health.pk}:{step}", keys)
        self.assertTrue(
            Notification.objects.filter(
                recipient=self.partner, key=f"referral:{health.pk}:sent"
            ).exists()
        )
        self.assertFalse(
            Notification.objects.filter(
                recipient=self.partner, key__contains=f":{police.pk}:"
            ).exists()
        )
        police.refresh_from_db()
        self.assertEqual(police.status, ReferralStatus.SENT)

    def test_decline_needs_a_reason_and_stops_the_referral(self):
        referral = self.send()
        with self.assertRaises(ValidationError):
            services.referral_decline(referral=referral, by=self.partner, reason="  ")
        services.referral_decline(referral=referral, by=self.partner, reason="Dokter tidak ada.")
        referral.refresh_from_db()
        self.assertEqual(referral.status, ReferralStatus.DECLINED)
        self.assertTrue(
            Notification.objects.filter(
                recipient=self.manager, key=f"referral:{referral.pk}:declined"
            ).exists()
        )
        with self.assertRaises(ValidationError):  # a declined referral cannot be accepted
            services.referral_accept(referral=referral, by=self.partner)

    def test_completion_needs_a_recorded_service(self):
        referral = self.send()
        services.referral_accept(referral=referral, by=self.partner)
        with self.assertRaises(ValidationError):
            services.referral_complete(referral=referral, by=self.partner)
        self.assertFalse(CaseService.objects.exists())

    def test_urgent_referral_notifies_urgently(self):
        referral = self.send(is_urgent=True)
        services.referral_accept(referral=referral, by=self.partner)
        for person, step in ((self.partner, "sent"), (self.manager, "accepted")):
            notification = Notification.objects.get(
                recipient=person, key=f"referral:{referral.pk}:{step}"
            )
            self.assertEqual(notification.urgency, Urgency.URGENT)
            # Only the case number and a link: nothing about the victim.
            self.assertNotIn(NAME, notification.title + notification.body)
            self.assertIn(self.case.number, notification.body)

    def test_letter_numbers_are_unique_and_in_the_city_format(self):
        first, second = self.send(), self.send()
        self.assertNotEqual(first.letter_number, second.letter_number)
        pattern = r"400\.7/\d{3}/UPTD-PPA/(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)/\d{4}"
        self.assertRegex(first.letter_number, pattern)
        self.assertEqual(second.letter_sequence, first.letter_sequence + 1)


class ConsentTests(ReferralTestCase):
    def test_refused_when_consent_does_not_cover_the_partner(self):
        shelter = self.puskesmas.__class__.objects.create(
            name="Rumah Aman", kind="shelter", area=self.city
        )
        with self.assertRaises(ValidationError) as raised:
            self.send(shelter, service="rehabilitasi_sosial")
        message = " ".join(raised.exception.messages)
        self.assertIn("Persetujuan yang tercatat tidak mengizinkan", message)
        self.assertIn("Rumah Aman", message)
        self.assertFalse(Referral.objects.exists())

    def test_refused_when_consent_does_not_cover_a_field(self):
        with self.assertRaises(ValidationError) as raised:
            self.send(shared_fields=["case_facts", "identity"])
        message = " ".join(raised.exception.messages)
        self.assertIn("Identitas", message)
        self.assertNotIn("Fakta kasus", message)  # only the kinds refused are named

    def test_withdrawn_consent_allows_nothing(self):
        consent_withdraw(consent=self.consent, by=self.manager)
        with self.assertRaises(ValidationError):
            self.send()
        # Sharing nothing needs no consent: the partner learns the case number and service only.
        self.assertEqual(self.send(shared_fields=[]).shared_fields, [])

    def test_partner_reads_only_shared_fields_and_each_read_is_audited(self):
        from jaga.audit.models import AuditEvent

        referral = self.send()
        data = referral_shared_data(self.partner, referral)
        values = data.victims[0].values
        self.assertEqual(set(values), {"address", "phone"})
        self.assertEqual(values["address"], ADDRESS)
        self.assertNotIn(NIK, repr(data))
        self.assertNotIn(NAME, repr(data))
        event = AuditEvent.objects.filter(object_id=str(referral.pk), action="read").latest("seq")
        self.assertIn("shared.address", event.fields)
        self.assertNotIn("shared.nik", event.fields)
        self.assertIsNone(referral_shared_data(self.police_officer, referral))
        self.assertIsNone(referral_shared_data(self.admin, referral))  # not the case team

    def test_police_never_sees_the_puskesmas_referral(self):
        referral = self.send()
        self.assertFalse(
            visible(
                self.police_officer, "referrals.view", Referral.objects.filter(pk=referral.pk)
            ).exists()
        )
        with self.assertRaises(Http404):
            referral_get(self.police_officer, referral.pk)


class ReferralStepTableTests(SimpleTestCase):
    def test_each_status_offers_the_steps_of_the_table(self):
        offered = {s: Referral(status=s).next_steps for s in ReferralStatus.values}
        self.assertEqual(
            offered,
            {
                "sent": {"accept", "decline"},
                "accepted": {"record_service"},
                "served": {"record_service", "complete"},
                "declined": set(),
                "completed": set(),
            },
        )
