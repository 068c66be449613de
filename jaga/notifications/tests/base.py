from datetime import time

from jaga.notifications.models import NotificationPreference
from jaga.notifications.services import notify
from jaga.testing import JagaTestCase


class NotifyTestCase(JagaTestCase):
    """Personas plus reachable addresses: the manager has an email, the kelurahan officer a
    phone; nobody has chosen an external channel until a test says so."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.manager.email = "manager@uptd.example"
        cls.manager.save(update_fields=["email"])
        cls.kel_officer.phone = "+6281234567890"
        cls.kel_officer.save(update_fields=["phone"])

    def prefer(self, person, *channels, quiet: tuple[time, time] | None = None):
        start, end = quiet or (None, None)
        return NotificationPreference.objects.update_or_create(
            person=person,
            defaults={"channels": list(channels), "quiet_start": start, "quiet_end": end},
        )[0]

    def event(self, recipients, *, key="referral:1:sent", urgent=False, **extra):
        fields = {
            "kind": "referral.sent",
            "title": "Rujukan baru K-2025-0001",
            "body": "Mohon diterima dalam 2 hari kerja.",
            "link": "/kasus/1/",
            "subject_type": "cases.case",
            "subject_id": "1",
            "number": "K-2025-0001",
        }
        fields.update(extra)
        notify(recipients=recipients, key=key, urgent=urgent, **fields)
