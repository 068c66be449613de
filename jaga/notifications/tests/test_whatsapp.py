"""The WhatsApp channel against a small fake of the Cloud API on 127.0.0.1."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from jaga.notifications.models import OutboxMessage, OutboxStatus
from jaga.notifications.tests.base import NotifyTestCase


class FakeCloudApi(BaseHTTPRequestHandler):
    """Answers with the next queued status (200 once the queue is empty), records requests."""

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        self.server.requests.append(
            {
                "method": self.command,
                "path": self.path,
                "authorization": self.headers.get("Authorization"),
                "content_type": self.headers.get("Content-Type"),
                "body": json.loads(self.rfile.read(length)),
            }
        )
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        if status == 200:
            payload = {"messaging_product": "whatsapp", "messages": [{"id": "wamid.TEST"}]}
        else:
            payload = {"error": {"message": "+6281234567890 failed", "code": 131000}}
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class WhatsAppTests(NotifyTestCase):
    def setUp(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCloudApi)
        self.server.requests, self.server.statuses = [], []
        thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        thread.start()
        self.addCleanup(thread.join)
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)
        overrides = override_settings(
            WHATSAPP_API_BASE=f"http://127.0.0.1:{self.server.server_address[1]}/",
            WHATSAPP_API_VERSION="v23.0",
            WHATSAPP_PHONE_NUMBER_ID="106540352242922",
            WHATSAPP_TOKEN="test-token",
            WHATSAPP_TIMEOUT=5,
            NOTIFY_BACKOFF_SECONDS=60,
        )
        overrides.enable()
        self.addCleanup(overrides.disable)
        self.prefer(self.kel_officer, "whatsapp")

    def notify_and_commit(self, **extra):
        with self.captureOnCommitCallbacks(execute=True):
            self.event([self.kel_officer], **extra)
        return OutboxMessage.objects.get(channel="whatsapp")

    def test_sends_a_text_message_to_the_cloud_api(self):
        message = self.notify_and_commit(urgent=True)
        self.assertEqual((message.status, message.attempts), (OutboxStatus.SENT, 1))
        [request] = self.server.requests
        self.assertEqual(request["method"], "POST")
        self.assertEqual(request["path"], "/v23.0/106540352242922/messages")
        self.assertEqual(request["authorization"], "Bearer test-token")
        self.assertEqual(request["content_type"], "application/json")
        body = request["body"]
        self.assertEqual(
            {k: body[k] for k in ("messaging_product", "recipient_type", "to", "type")},
            {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": "6281234567890",
                "type": "text",
            },
        )
        self.assertFalse(body["text"]["preview_url"])
        self.assertTrue(body["text"]["body"].startswith("[MENDESAK] Rujukan baru K-2025-0001"))
        self.assertIn("/kasus/1/", body["text"]["body"])
        self.assertEqual(body["biz_opaque_callback_data"], message.key)

    def test_an_approved_template_carries_title_number_and_link(self):
        with self.settings(WHATSAPP_TEMPLATE="jaga_notifikasi"):
            message = self.notify_and_commit()
        self.assertEqual(message.status, OutboxStatus.SENT)
        body = self.server.requests[0]["body"]
        self.assertEqual(body["type"], "template")
        self.assertNotIn("text", body)
        self.assertEqual(
            body["template"],
            {
                "name": "jaga_notifikasi",
                "language": {"code": "id"},
                "components": [
                    {
                        "type": "body",
                        "parameters": [
                            {"type": "text", "text": "Rujukan baru K-2025-0001"},
                            {"type": "text", "text": "K-2025-0001"},
                            {"type": "text", "text": settings.SITE_URL + "/kasus/1/"},
                        ],
                    }
                ],
            },
        )

    def test_a_server_error_is_retried_and_then_delivered(self):
        self.server.statuses = [503]
        message = self.notify_and_commit()
        self.assertEqual((message.status, message.attempts), (OutboxStatus.PENDING, 1))
        self.assertEqual(message.last_error, "WhatsApp: HTTP 503 (error 131000)")
        self.assertGreater(message.next_attempt_at, timezone.now() + timedelta(seconds=50))

        soon = timezone.now() + timedelta(seconds=61)
        with mock.patch("django.utils.timezone.now", return_value=soon):
            call_command("deliver_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
        message.refresh_from_db()
        self.assertEqual((message.status, message.attempts), (OutboxStatus.SENT, 2))
        self.assertEqual(len(self.server.requests), 2)
        self.assertEqual(self.server.requests[0]["body"], self.server.requests[1]["body"])

    def test_a_rejected_request_fails_for_good_without_echoing_the_number(self):
        self.server.statuses = [400]
        message = self.notify_and_commit()
        self.assertEqual(message.status, OutboxStatus.FAILED)
        self.assertNotIn("6281234567890", message.last_error)
        self.assertEqual(message.last_error, "WhatsApp: HTTP 400 (error 131000)")

    def test_an_unreachable_server_is_a_transient_error(self):
        self.server.shutdown()
        self.server.server_close()
        message = self.notify_and_commit()
        self.assertEqual((message.status, message.attempts), (OutboxStatus.PENDING, 1))
        self.assertTrue(message.last_error.startswith("WhatsApp: "))
