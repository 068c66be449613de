"""Building blocks for referral tests: a case with a consent, a referral, and a PDF's text."""

import base64
import datetime
import re
import zlib

from django.utils import timezone

from jaga.access.roles import Role
from jaga.cases.services import consent_record
from jaga.cases.tests.helpers import open_case
from jaga.clocks.selectors import forget_targets
from jaga.referrals.services import referral_send
from jaga.reports.tests.helpers import NAME, NIK
from jaga.testing import JagaTestCase, make_person

ADDRESS = "Jalan Mawar Melati No. 17"
SHARED = ["case_facts", "contact"]  # the consent lets these go; identity stays with UPTD PPA


def pdf_text(data: bytes) -> str:
    """The PDF's content streams (reportlab: ASCII85 over Flate) decoded, as text: enough to
    look for a value. The caller also asserts a value that must be there, so a stream this
    cannot decode fails the test instead of hiding a leak."""
    parts = [data.decode("latin-1")]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        raw = stream.strip()
        if raw.endswith(b"~>"):
            raw = base64.a85decode(raw[:-2])
        try:
            parts.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(parts)


class ReferralTestCase(JagaTestCase):
    """The personas plus ``police_officer`` (partner officer, Unit PPA Polresta), and a case
    managed by ``manager`` whose guardian consented to sharing case facts and contact
    details (not identity) with the puskesmas and the police."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.police_officer = make_person(
            "police_officer", Role.PARTNER_OFFICER, organisation=cls.police
        )
        cls.case = open_case(cls)
        cls.consent = consent_record(
            case=cls.case,
            by=cls.manager,
            given_by="guardian",
            given_on=timezone.localdate(),
            for_services=True,
            for_sharing=True,
            organisations=[cls.puskesmas, cls.police],
            shared_fields=SHARED,
        )

    def setUp(self):
        super().setUp()
        forget_targets()  # a test's targets and holidays never leak into the next one
        self.addCleanup(forget_targets)

    def send(self, organisation=None, **overrides):
        values = {
            "case": self.case,
            "by": self.manager,
            "organisation": organisation or self.puskesmas,
            "service": "kesehatan",
            "is_urgent": False,
            "shared_fields": SHARED,
            "due_date": timezone.localdate() + datetime.timedelta(days=7),
            "note": "Mohon visum dan pemeriksaan kesehatan.",
        }
        values.update(overrides)
        return referral_send(**values)


__all__ = ["ADDRESS", "NAME", "NIK", "SHARED", "ReferralTestCase", "pdf_text"]
