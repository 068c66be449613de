from datetime import datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from jaga.access.roles import Role
from jaga.notifications.models import Notification, OutboxMessage, OutboxStatus, Urgency
from jaga.notifications.selectors import recipients_with_role
from jaga.notifications.services import notify
from jaga.notifications.tests.base import NotifyTestCase
from jaga.notifications.texts import subject_reference
from jaga.notifications.timing import backoff, quiet_hours_end

WITA = ZoneInfo("Asia/Makassar")
QUIET = (time(21, 0), time(6, 0))


def wita(hour, minute=0, day=10):
    return datetime(2025, 3, day, hour, minute, tzinfo=WITA)


class NotifyTests(NotifyTestCase):
    def test_writes_notifications_and_outbox_in_the_callers_transaction(self):
        self.prefer(self.manager, "email")
        with self.captureOnCommitCallbacks() as callbacks, transaction.atomic():
            self.event([self.manager, self.head])
            self.assertEqual(Notification.objects.count(), 2)
            self.assertEqual(OutboxMessage.objects.count(), 1)
            self.assertEqual(callbacks, [])  # nothing is enqueued before commit
        self.assertEqual(len(callbacks), 1)
        message = OutboxMessage.objects.get()
        self.assertEqual(
            (message.channel, message.recipient, message.address, message.status),
            ("email", self.manager, "manager@uptd.example", OutboxStatus.PENDING),
        )
        self.assertEqual(message.area_code, "64.71")  # the UPTD PPA's area: scoping
        self.assertEqual(message.organisation, self.uptd)

    def test_rollback_of_the_event_leaves_nothing_queued(self):
        self.prefer(self.manager, "email")
        with (
            self.captureOnCommitCallbacks() as callbacks,
            self.assertRaises(RuntimeError),
            transaction.atomic(),
        ):
            self.event([self.manager])
            raise RuntimeError("the caller's event failed")
        self.assertEqual(callbacks, [])
        self.assertFalse(Notification.objects.exists())
        self.assertFalse(OutboxMessage.objects.exists())

    def test_the_same_event_notified_twice_is_written_and_enqueued_once(self):
        self.prefer(self.manager, "email")
        self.prefer(self.kel_officer, "email")  # no email address: in-app only
        with self.captureOnCommitCallbacks() as callbacks:
            self.event([self.manager, self.kel_officer, self.manager])
            self.event([self.manager, self.kel_officer])
        self.assertEqual(Notification.objects.filter(recipient=self.manager).count(), 1)
        self.assertEqual(Notification.objects.filter(recipient=self.kel_officer).count(), 1)
        self.assertEqual(OutboxMessage.objects.count(), 1)
        with mock.patch("jaga.notifications.services.enqueue_delivery") as enqueue:
            for callback in callbacks:
                callback()
        message = OutboxMessage.objects.get()
        enqueue.assert_called_once_with(message.pk, message.next_attempt_at)

    def test_another_event_is_another_notification(self):
        self.event([self.manager], key="referral:1:sent")
        self.event([self.manager], key="referral:1:overdue", urgent=True)
        self.assertEqual(
            list(Notification.objects.order_by("pk").values_list("urgency", flat=True)),
            [Urgency.NORMAL, Urgency.URGENT],
        )

    def test_in_app_only_without_a_chosen_channel_and_inactive_people_are_skipped(self):
        self.head.is_active = False
        self.head.save(update_fields=["is_active"])
        self.event([self.manager, self.head])
        recipients = Notification.objects.values_list("recipient", flat=True)
        self.assertEqual(list(recipients), [self.manager.pk])
        self.assertFalse(OutboxMessage.objects.exists())

    def test_a_link_must_stay_inside_jaga_and_a_key_is_required(self):
        for link in ("https://evil.example/x", "//evil.example/x", "kasus/1"):
            with self.assertRaises(ValueError):
                self.event([self.manager], link=link)
        with self.assertRaises(ValueError):
            self.event([self.manager], key="")


class QuietHoursTests(NotifyTestCase):
    def test_quiet_hours_end_across_midnight(self):
        self.assertEqual(quiet_hours_end(wita(22), *QUIET), wita(6, day=11))
        self.assertEqual(quiet_hours_end(wita(2), *QUIET), wita(6))
        self.assertIsNone(quiet_hours_end(wita(6), *QUIET))
        self.assertIsNone(quiet_hours_end(wita(12), *QUIET))
        self.assertEqual(quiet_hours_end(wita(13), time(12), time(14)), wita(14))
        self.assertIsNone(quiet_hours_end(wita(13), None, None))
        self.assertIsNone(quiet_hours_end(wita(13), time(8), time(8)))

    def test_a_normal_message_waits_for_the_end_of_quiet_hours_an_urgent_one_does_not(self):
        self.prefer(self.manager, "email", quiet=QUIET)
        night = wita(23, 30)
        with mock.patch("django.utils.timezone.now", return_value=night):
            self.event([self.manager], key="normal")
            self.event([self.manager], key="urgent", urgent=True)
        normal = OutboxMessage.objects.get(key__startswith="normal:")
        urgent = OutboxMessage.objects.get(key__startswith="urgent:")
        self.assertEqual(normal.next_attempt_at, wita(6, day=11))
        self.assertEqual(urgent.next_attempt_at, night)
        # The in-app notification is there at once either way.
        self.assertEqual(Notification.objects.filter(recipient=self.manager).count(), 2)

    def test_outside_quiet_hours_a_normal_message_goes_now(self):
        self.prefer(self.manager, "email", quiet=QUIET)
        noon = wita(12)
        with mock.patch("django.utils.timezone.now", return_value=noon):
            self.event([self.manager])
        self.assertEqual(OutboxMessage.objects.get().next_attempt_at, noon)

    def test_backoff_doubles_and_is_capped(self):
        self.assertEqual(
            [backoff(n).total_seconds() for n in (1, 2, 3, 4, 10)], [60, 120, 240, 480, 3600]
        )


class RecipientsTests(NotifyTestCase):
    def test_people_responsible_for_an_area(self):
        rt_code = self.rt1.code
        self.assertEqual(
            list(recipients_with_role(Role.KELURAHAN_OFFICER, area_code=rt_code)),
            [self.kel_officer],
        )
        self.assertEqual(
            list(recipients_with_role(Role.KELURAHAN_OFFICER, area_code=self.prapatan.code)), []
        )
        # Anchored through their organisation's area: the city's UPTD PPA and DP3AKB.
        for role, person in ((Role.UPTD_HEAD, self.head), (Role.CITY_ADMIN, self.admin)):
            self.assertEqual(list(recipients_with_role(role, area_code=rt_code)), [person])

    def test_people_of_an_organisation_and_ended_memberships(self):
        self.assertEqual(
            list(recipients_with_role(Role.CASE_MANAGER, organisation=self.uptd)),
            [self.manager, self.manager2],
        )
        self.manager2.memberships.update(ended_at=timezone.now() - timedelta(days=1))
        self.assertEqual(
            list(recipients_with_role(Role.CASE_MANAGER, organisation=self.uptd)), [self.manager]
        )
        self.assertFalse(recipients_with_role(Role.CASE_MANAGER, organisation=self.police))


class FakeCase:
    """Stands for a case record: its victim's details sit right next to its number."""

    class _meta:  # noqa: N801
        label_lower = "cases.case"

    pk = 7
    number = "K-2025-0007"
    victim_name = "Siti Aminah"
    victim_nik = "6471015501100001"
    address = "Jl. Mawar No. 3, RT 001 Manggar"

    def __str__(self):
        return f"{self.number} — {self.victim_name}"

    def get_absolute_url(self):
        return "/kasus/7/"


class NoIdentifyingDetailsTests(NotifyTestCase):
    @override_settings(WHATSAPP_TOKEN="token", WHATSAPP_PHONE_NUMBER_ID="1")
    def test_a_notification_built_from_a_subject_carries_only_its_number_and_link(self):
        self.prefer(self.manager, "email")
        self.kel_officer.email = "kel@manggar.example"
        self.kel_officer.save(update_fields=["email"])
        self.prefer(self.kel_officer, "email", "whatsapp")
        case = FakeCase()
        reference = subject_reference(case)
        self.assertEqual(
            reference,
            {
                "subject_type": "cases.case",
                "subject_id": "7",
                "number": "K-2025-0007",
                "link": "/kasus/7/",
            },
        )
        notify(
            recipients=[self.manager, self.kel_officer],
            kind="case.opened",
            title=f"Kasus baru {reference['number']}",
            body="Kasus baru perlu ditangani.",
            key="case:7:opened",
            urgent=True,
            **reference,
        )
        texts = [
            " ".join([n.title, n.body, n.link, n.number]) for n in Notification.objects.all()
        ] + [" ".join([m.title, m.text]) for m in OutboxMessage.objects.all()]
        self.assertEqual(len(texts), 5)  # 2 in-app, 2 emails, 1 WhatsApp
        for text in texts:
            self.assertIn("K-2025-0007", text)
            for secret in (case.victim_name, "Siti", case.victim_nik, "Mawar", str(case)):
                self.assertNotIn(secret, text)
        message = OutboxMessage.objects.filter(channel="email").first()
        self.assertIn(settings.SITE_URL + "/kasus/7/", message.text)
        self.assertNotIn("Kasus baru perlu ditangani", message.text)  # the body stays in-app
