from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from jaga.notifications.channels import CHANNELS, Channel, PermanentError, TransientError
from jaga.notifications.delivery import outbox_deliver
from jaga.notifications.models import OutboxMessage, OutboxStatus
from jaga.notifications.tests.base import NotifyTestCase


class FakeChannel(Channel):
    """Records what it sends; raises the errors it is given, one per call, first."""

    name = "fake"
    label = "Fake"

    def __init__(self, *errors):
        self.errors = list(errors)
        self.sent = []

    def address_for(self, person):
        return "fake-address"

    def send(self, message):
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(message.key)


def later(**delta):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(**delta))


def deliver_outbox() -> str:
    out = StringIO()
    call_command("deliver_outbox", stdout=out)
    return out.getvalue()


class EmailDeliveryTests(NotifyTestCase):
    def test_notify_then_commit_delivers_the_email_through_the_task(self):
        self.prefer(self.manager, "email")
        with self.captureOnCommitCallbacks(execute=True):
            self.event([self.manager])
        message = OutboxMessage.objects.get()
        self.assertEqual((message.status, message.attempts), (OutboxStatus.SENT, 1))
        self.assertIsNotNone(message.sent_at)
        self.assertEqual(len(mail.outbox), 1)
        email = mail.outbox[0]
        self.assertEqual(email.to, ["manager@uptd.example"])
        self.assertEqual(email.subject, "Rujukan baru K-2025-0001")
        self.assertIn("K-2025-0001", email.body)
        self.assertIn("/kasus/1/", email.body)
        # The idempotency key travels as a stable Message-ID.
        self.assertRegex(email.extra_headers["Message-ID"], r"^<[0-9a-f]{40}@localhost>$")
        # Running the cron job afterwards sends nothing again.
        self.assertIn("nothing due", deliver_outbox())
        self.assertEqual(len(mail.outbox), 1)


@override_settings(NOTIFY_MAX_ATTEMPTS=3, NOTIFY_BACKOFF_SECONDS=60, NOTIFY_SENDING_TIMEOUT=300)
class RetryTests(NotifyTestCase):
    def setUp(self):
        self.message = OutboxMessage.objects.create(
            key="event:1:fake",
            channel="fake",
            recipient=self.manager,
            address="fake-address",
            area_code="64.71",
            organisation=self.uptd,
            kind="referral.sent",
            title="Rujukan baru K-2025-0001",
            text="Rujukan baru K-2025-0001",
        )

    def use(self, channel):
        patcher = mock.patch.dict(CHANNELS, {"fake": channel})
        patcher.start()
        self.addCleanup(patcher.stop)
        return channel

    def test_transient_failures_are_retried_with_doubling_waits(self):
        channel = self.use(FakeChannel(TransientError("HTTP 503"), TransientError("HTTP 503")))
        before = timezone.now()
        outbox_deliver(message_id=self.message.pk)
        self.message.refresh_from_db()
        self.assertEqual((self.message.status, self.message.attempts), (OutboxStatus.PENDING, 1))
        self.assertEqual(self.message.last_error, "HTTP 503")
        first_wait = self.message.next_attempt_at - before
        self.assertTrue(timedelta(seconds=59) < first_wait < timedelta(seconds=62), first_wait)

        self.assertIsNone(outbox_deliver(message_id=self.message.pk))  # not due yet
        with later(seconds=61):
            deliver_outbox()
        self.message.refresh_from_db()
        self.assertEqual(self.message.attempts, 2)
        second_wait = self.message.next_attempt_at - (before + timedelta(seconds=61))
        self.assertTrue(timedelta(seconds=119) < second_wait < timedelta(seconds=122), second_wait)

        with later(seconds=200):
            deliver_outbox()
        self.message.refresh_from_db()
        self.assertEqual((self.message.status, self.message.attempts), (OutboxStatus.SENT, 3))
        self.assertEqual(channel.sent, ["event:1:fake"])

    def test_gives_up_after_the_last_attempt(self):
        self.use(FakeChannel(*[TransientError("timeout")] * 3))
        for minutes in (0, 5, 15):
            with later(minutes=minutes):
                deliver_outbox()
        self.message.refresh_from_db()
        self.assertEqual((self.message.status, self.message.attempts), (OutboxStatus.FAILED, 3))
        self.assertIsNotNone(self.message.failed_at)

    def test_a_permanent_error_fails_at_once(self):
        self.use(FakeChannel(PermanentError("SMTP: recipient refused")))
        outbox_deliver(message_id=self.message.pk)
        self.message.refresh_from_db()
        self.assertEqual((self.message.status, self.message.attempts), (OutboxStatus.FAILED, 1))
        self.assertEqual(self.message.last_error, "SMTP: recipient refused")

    def test_an_unexpected_error_is_retried_without_its_text(self):
        self.use(FakeChannel(ValueError("Siti Aminah")))
        outbox_deliver(message_id=self.message.pk)
        self.message.refresh_from_db()
        self.assertEqual((self.message.status, self.message.last_error), ("pending", "ValueError"))

    def test_worker_killed_mid_send_loses_nothing(self):
        """The process dies while the provider is being called: the message stays 'sending'.
        A live worker's message is left alone; once the claim is stale, the next cron run
        sends it (at most one duplicate)."""
        channel = self.use(FakeChannel(KeyboardInterrupt()))
        with self.assertRaises(KeyboardInterrupt):
            outbox_deliver(message_id=self.message.pk)
        self.message.refresh_from_db()
        self.assertEqual((self.message.status, self.message.attempts), (OutboxStatus.SENDING, 1))

        with later(seconds=60):
            self.assertIn("nothing due", deliver_outbox())  # maybe still sending: hands off
        self.assertEqual(channel.sent, [])

        with later(seconds=301):
            self.assertIn("sent=1", deliver_outbox())
        self.message.refresh_from_db()
        self.assertEqual((self.message.status, self.message.attempts), (OutboxStatus.SENT, 2))
        self.assertEqual(channel.sent, ["event:1:fake"])
        with later(seconds=900):
            deliver_outbox()
        self.assertEqual(channel.sent, ["event:1:fake"])

    def test_a_message_abandoned_on_its_last_attempt_is_marked_failed(self):
        OutboxMessage.objects.filter(pk=self.message.pk).update(
            status=OutboxStatus.SENDING, attempts=3, sending_since=timezone.now()
        )
        with later(seconds=301):
            self.assertIn("failed=1", deliver_outbox())
        self.message.refresh_from_db()
        self.assertEqual(self.message.status, OutboxStatus.FAILED)

    def test_a_message_deferred_by_quiet_hours_waits_for_its_time(self):
        channel = self.use(FakeChannel())
        OutboxMessage.objects.filter(pk=self.message.pk).update(
            next_attempt_at=timezone.now() + timedelta(hours=3)
        )
        deliver_outbox()
        self.assertEqual(channel.sent, [])
        with later(hours=3, seconds=1):
            deliver_outbox()
        self.assertEqual(channel.sent, ["event:1:fake"])

    def test_two_workers_cannot_both_claim_a_message(self):
        channel = self.use(FakeChannel())
        self.assertIsNotNone(outbox_deliver(message_id=self.message.pk))
        self.assertIsNone(outbox_deliver(message_id=self.message.pk))
        self.assertEqual(channel.sent, ["event:1:fake"])

    def test_urgent_messages_go_first(self):
        channel = self.use(FakeChannel())
        urgent = OutboxMessage.objects.create(
            key="event:2:fake",
            channel="fake",
            recipient=self.manager,
            address="fake-address",
            urgency="urgent",
            kind="report.urgent",
            title="Laporan mendesak",
            text="Laporan mendesak",
            next_attempt_at=timezone.now() + timedelta(seconds=-1),
        )
        OutboxMessage.objects.filter(pk=self.message.pk).update(
            next_attempt_at=timezone.now() - timedelta(minutes=5)
        )
        deliver_outbox()
        self.assertEqual(channel.sent, [urgent.key, self.message.key])
