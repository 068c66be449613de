"""Identities are encrypted at rest: a dump of the whole database holds none of them, and the
keys can be rotated without losing a value."""

import datetime
import io
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from jaga.cases.models import CaseEvent, CasePerson
from jaga.cases.selectors import case_list
from jaga.cases.services import (
    case_attachment_add,
    case_note_add,
    case_person_add,
    consent_record,
)
from jaga.cases.tests.helpers import open_case
from jaga.core.crypto import reset_keys
from jaga.core.periods import Period
from jaga.figures.services import simfoni_export_request
from jaga.reports.models import Report
from jaga.reports.tests.helpers import BIRTH, NAME, NIK
from jaga.reports.tests.test_upload_safety import photo_with_gps
from jaga.sections.models import Position
from jaga.sections.services import member_add, member_invite
from jaga.testing import JagaTestCase

SECRETS = [
    NIK,
    NAME,  # (a lone "Siti" is in the reference area names)
    "Rahmawati",
    "Mawar Melati",
    "Wartini",
    "081234567890",
    "teriakan setiap malam",
    BIRTH.isoformat(),
    "Bambang Suharto",
    "3201019876543210",
    "Kunjungan rumah rahasia",
    "Paman korban adalah terduga",
    "Suryani Kartikasari",  # a Seksi PPA member invited as RT officer (an account holder)
    "081255566677",
    "6281255566677",
]


def dump_database() -> str:
    """Every row of every table as text (SQLite's iterdump, or a row-to-text cast in
    PostgreSQL), read inside the test's transaction."""
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    parts: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT t::text FROM "{table}" t')  # noqa: S608 (table names from the catalogue)
            parts.extend(row[0] for row in cursor.fetchall())
    return "\n".join(parts)


class AtRestTests(JagaTestCase):
    def fill(self):
        case = open_case(self)
        case_person_add(
            case=case,
            by=self.manager,
            kind="perpetrator",
            sex="L",
            age=45,
            relationship="keluarga",
            name="Bambang Suharto",
            nik="3201019876543210",
            address="Gang Kenari 3",
            phone="0813999888777",
        )
        case_note_add(case=case, by=self.manager, note="Kunjungan rumah rahasia bersama RT.")
        consent_record(
            case=case,
            by=self.manager,
            given_by="exception",
            exception_reason="Paman korban adalah terduga pelaku",
            given_on=datetime.date.today(),
            for_services=True,
            for_sharing=False,
        )
        member = member_add(
            rt=self.rt2,
            name="Suryani Kartikasari",
            phone="081255566677",
            position=Position.COORDINATOR,
            changed_by=self.admin,
        )
        member_invite(member=member, invited_by=self.admin)
        return case

    def test_dump_holds_no_plaintext_identity(self):
        self.fill()
        dump = dump_database()
        self.assertIn("enc:", dump)  # the rows are there, encrypted
        leaked = [s for s in SECRETS if s.lower() in dump.lower()]
        self.assertEqual(leaked, [])

    def test_media_root_and_export_files_hold_no_plaintext_identity(self):
        """Uploads and the SIMFONI-PPA export with identities, as they lie on disk."""
        case = self.fill()
        photo = io.BytesIO(photo_with_gps())
        photo.name = "Bambang Suharto rumah.jpg"
        case_attachment_add(case=case, by=self.manager, upload=photo, size=len(photo.getvalue()))
        reported = case.reported_at
        period = Period.year(timezone.localtime(reported).year)
        with self.captureOnCommitCallbacks(execute=True):
            export = simfoni_export_request(
                by=self.admin,
                area_code="64.71",
                period=period,
                file_format="csv",
                with_identity=True,
            )
        export.refresh_from_db()
        self.assertEqual(export.rows, 1)
        files = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
        self.assertTrue(any("simfoni" in str(p) for p in files))
        content = b"\n".join(p.read_bytes() for p in files).decode("latin-1").lower()
        leaked = [s for s in [*SECRETS, "KameraHP"] if s.lower() in content]
        self.assertEqual(leaked, [])

    def test_rotate_keys_reencrypts_with_the_newest_key(self):
        from django.conf import settings

        case = self.fill()
        old_keys = list(settings.FIELD_ENCRYPTION_KEYS)
        new_key = Fernet.generate_key().decode()
        try:
            with override_settings(FIELD_ENCRYPTION_KEYS=[new_key, *old_keys]):
                reset_keys()
                call_command("rotate_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
            # Only the new key now: everything must still read back.
            with override_settings(FIELD_ENCRYPTION_KEYS=[new_key]):
                reset_keys()
                victim = CasePerson.objects.get(case=case, kind="victim")
                self.assertEqual(victim.nik, NIK)
                self.assertEqual(Report.objects.get().victim_name, NAME)
                note = CaseEvent.objects.filter(kind="note").get().note
                self.assertIn("Kunjungan", note)
                # The keyed index does not depend on the encryption key: search still works.
                self.assertEqual(list(case_list(self.manager, query=NIK)), [case])
        finally:
            reset_keys()
