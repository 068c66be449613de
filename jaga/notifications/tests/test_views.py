from datetime import time

from django.urls import reverse
from django.utils import timezone

from jaga.audit.models import AuditEvent
from jaga.notifications.models import (
    Notification,
    NotificationPreference,
    OutboxMessage,
    OutboxStatus,
)
from jaga.notifications.tests.base import NotifyTestCase
from jaga.testing import queries_run

HTMX = {"HTTP_HX_REQUEST": "true"}


class InboxTests(NotifyTestCase):
    def setUp(self):
        self.event([self.manager, self.head], key="a")
        self.event([self.manager], key="b", urgent=True, title="Laporan mendesak L-2025-0009")
        self.mine = Notification.objects.filter(recipient=self.manager).order_by("pk")
        self.heads = Notification.objects.get(recipient=self.head)

    def test_anonymous_goes_to_sign_in(self):
        response = self.client.get(reverse("notifications:inbox"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_lists_only_ones_own_notifications_in_a_fixed_number_of_queries(self):
        self.login(self.manager)
        url = reverse("notifications:inbox")
        self.client.get(url)  # warm up whatever the middleware caches
        with queries_run() as few:
            self.client.get(url)
        for n in range(10):
            self.event([self.manager], key=f"more:{n}")
        # The page adds three queries of its own (count, page, unread), however many rows.
        own = [sql for sql in few if "notifications_notification" in sql]
        self.assertEqual(len(own), 3)
        with self.assert_query_count(len(few)):
            response = self.client.get(url)
        self.assertContains(response, "Laporan mendesak L-2025-0009")
        self.assertContains(response, "Mendesak")
        self.assertContains(response, f'id="notification-{self.mine[0].pk}"')
        self.assertNotContains(response, f'id="notification-{self.heads.pk}"')

    def test_mark_read_with_htmx_returns_the_item_without_javascript_redirects(self):
        self.login(self.manager)
        first, second = self.mine
        response = self.client.post(reverse("notifications:read", args=[first.pk]), **HTMX)
        self.assertTemplateUsed(response, "notifications/_item.html")
        self.assertNotContains(response, "Tandai sudah dibaca")
        first.refresh_from_db()
        self.assertIsNotNone(first.read_at)
        response = self.client.post(reverse("notifications:read", args=[second.pk]))
        self.assertRedirects(response, reverse("notifications:inbox"))

    def test_somebody_elses_notification_does_not_exist(self):
        self.login(self.manager)
        for name in ("notifications:read", "notifications:open"):
            method = self.client.post if name.endswith("read") else self.client.get
            self.assertEqual(method(reverse(name, args=[self.heads.pk])).status_code, 404)
        self.heads.refresh_from_db()
        self.assertIsNone(self.heads.read_at)

    def test_open_marks_read_and_follows_the_link(self):
        self.login(self.manager)
        response = self.client.get(reverse("notifications:open", args=[self.mine[0].pk]))
        self.assertEqual(response["Location"], "/kasus/1/")
        self.assertIsNotNone(Notification.objects.get(pk=self.mine[0].pk).read_at)

    def test_badge_and_mark_all_read(self):
        self.login(self.manager)
        self.assertContains(self.client.get(reverse("notifications:badge")), ">2</span>")
        self.client.post(reverse("notifications:read_all"))
        self.assertNotContains(self.client.get(reverse("notifications:badge")), "</span>")
        self.assertFalse(Notification.objects.filter(recipient=self.manager, read_at=None).exists())
        self.assertIsNone(Notification.objects.get(recipient=self.head).read_at)

    def test_the_header_loads_the_badge_without_a_query_of_its_own(self):
        self.login(self.nobody)
        response = self.client.get(reverse("home"))
        self.assertContains(response, f'hx-get="{reverse("notifications:badge")}"')


class ApiTests(NotifyTestCase):
    def test_own_notifications_and_mark_read(self):
        self.event([self.manager, self.head])
        mine = Notification.objects.get(recipient=self.manager)
        self.login(self.manager)
        data = self.client.get("/api/notifikasi").json()
        self.assertEqual(data["unread"], 1)
        self.assertEqual([n["id"] for n in data["items"]], [mine.pk])
        self.assertEqual(data["items"][0]["number"], "K-2025-0001")
        response = self.client.post(f"/api/notifikasi/{mine.pk}/baca")
        self.assertIsNotNone(response.json()["read_at"])
        theirs = Notification.objects.get(recipient=self.head)
        self.assertEqual(self.client.post(f"/api/notifikasi/{theirs.pk}/baca").status_code, 404)

    def test_anonymous_is_refused(self):
        self.assertEqual(self.client.get("/api/notifikasi").status_code, 401)


class PreferenceTests(NotifyTestCase):
    url = "/notifikasi/pengaturan/"

    def test_choose_email_and_quiet_hours(self):
        self.login(self.manager)
        self.assertContains(self.client.get(self.url), "manager@uptd.example")
        response = self.client.post(
            self.url, {"channels": ["email"], "quiet_start": "21:00", "quiet_end": "06:00"}
        )
        self.assertRedirects(response, self.url)
        preference = NotificationPreference.objects.get(person=self.manager)
        self.assertEqual(preference.channels, ["email"])
        self.assertEqual((preference.quiet_start, preference.quiet_end), (time(21), time(6)))

    def test_a_channel_without_an_address_or_half_quiet_hours_is_refused(self):
        self.login(self.nobody)
        response = self.client.post(self.url, {"channels": ["email"], "quiet_start": "21:00"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "belum punya alamat")
        self.assertContains(response, "kosongkan keduanya")
        self.assertFalse(NotificationPreference.objects.exists())

    def test_whatsapp_is_offered_only_when_configured(self):
        self.login(self.kel_officer)
        self.assertNotContains(self.client.get(self.url), 'value="whatsapp"')
        with self.settings(WHATSAPP_TOKEN="t", WHATSAPP_PHONE_NUMBER_ID="1"):
            self.assertContains(self.client.get(self.url), 'value="whatsapp"')


class FailedMessagesTests(NotifyTestCase):
    url = "/notifikasi/gagal/"

    def setUp(self):
        self.prefer(self.manager, "email")
        self.event([self.manager])
        OutboxMessage.objects.update(
            status=OutboxStatus.FAILED, attempts=6, failed_at=timezone.now(), last_error="HTTP 400"
        )
        self.message = OutboxMessage.objects.get()

    def test_the_city_administrator_sees_failures_in_the_city(self):
        self.login(self.admin)
        response = self.client.get(self.url)
        self.assertContains(response, "Rujukan baru K-2025-0001")
        self.assertContains(response, "HTTP 400")
        self.assertContains(response, reverse("notifications:retry", args=[self.message.pk]))

    def test_another_citys_administrator_sees_none_and_others_are_refused(self):
        self.login(self.outsider)
        self.assertNotContains(self.client.get(self.url), "K-2025-0001")
        retry = reverse("notifications:retry", args=[self.message.pk])
        self.assertEqual(self.client.post(retry).status_code, 404)
        for person in (self.manager, self.head, self.analyst):
            self.login(person)
            self.assertEqual(self.client.get(self.url).status_code, 403)
            self.assertEqual(self.client.post(retry).status_code, 403)
        self.message.refresh_from_db()
        self.assertEqual(self.message.status, OutboxStatus.FAILED)

    def test_retry_sends_the_message_again_and_is_audited(self):
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("notifications:retry", args=[self.message.pk]))
        self.assertRedirects(response, self.url)
        self.message.refresh_from_db()
        self.assertEqual((self.message.status, self.message.attempts), (OutboxStatus.SENT, 1))
        event = AuditEvent.objects.get(object_type="notifications.outboxmessage")
        self.assertEqual((event.actor, event.area_code), (self.admin, "64.71"))
