import io
import os
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TransactionTestCase, override_settings

from jaga.core.crypto import encrypted_fields
from jaga.core.sealed import ArchiveError, DecryptingReader, EncryptingWriter, archive_key
from jaga.security.backup import backup_create, instance_problems, table_counts

KEY = archive_key(Fernet.generate_key().decode())


def encrypted_sample() -> dict:
    """Every encrypted value in the database, decrypted, per model."""
    sample = {}
    for model in apps.get_models():
        fields = encrypted_fields(model)
        if fields:
            rows = model._base_manager.order_by("pk").values_list("pk", *fields)
            sample[model._meta.label] = list(rows)
    return sample


class ArchiveStreamTests(SimpleTestCase):
    def seal(self, data: bytes) -> bytes:
        raw = io.BytesIO()
        with EncryptingWriter(raw, KEY) as writer:
            for start in range(0, len(data), 100_000):
                writer.write(data[start : start + 100_000])
        return raw.getvalue()

    def test_round_trip_in_chunks(self):
        data = os.urandom(3 * 1024 * 1024 + 12345)
        sealed = self.seal(data)
        reader = DecryptingReader(io.BytesIO(sealed), KEY)
        self.assertEqual(reader.read(10) + reader.read(), data)

    def test_truncation_wrong_key_and_tampering_are_detected(self):
        sealed = self.seal(os.urandom(2 * 1024 * 1024 + 5))
        cut = sealed[: len(sealed) - 40]
        with self.assertRaises(ArchiveError):
            DecryptingReader(io.BytesIO(cut), KEY).read()
        # Dropping the final chunk whole is a truncation too.
        first_frame = 16 + 5 + 1024 * 1024 + 16
        with self.assertRaises(ArchiveError):
            DecryptingReader(io.BytesIO(sealed[:first_frame]), KEY).read()
        with self.assertRaises(ArchiveError):
            DecryptingReader(io.BytesIO(sealed), archive_key(Fernet.generate_key().decode())).read()
        tampered = bytearray(sealed)
        tampered[100] ^= 1
        with self.assertRaises(ArchiveError):
            DecryptingReader(io.BytesIO(bytes(tampered)), KEY).read()


class BackupRoundTripTests(TransactionTestCase):
    """A seeded instance (the demo data of every app, plus an uploaded file) survives
    backup, emptying and restore with the same rows and the same decrypted values."""

    # The demo needs the reference rows that data migrations wrote (codes); an earlier
    # transactional test's flush removed them, so the database's first state is reloaded.
    serialized_rollback = True

    @classmethod
    def _fixture_setup(cls):
        # That earlier flush also re-created content types and permissions, which the reloaded
        # state holds too: drop them first so the reload does not collide.
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        super()._fixture_setup()

    def setUp(self):
        self.media = Path(tempfile.mkdtemp())
        self.out = Path(tempfile.mkdtemp())
        self.enterContext(override_settings(MEDIA_ROOT=self.media))

    def seed(self) -> bytes:
        call_command("load_demo", stdout=io.StringIO())
        upload = self.media / "lampiran" / "2026" / "surat.pdf"
        upload.parent.mkdir(parents=True)
        content = os.urandom(4096)
        upload.write_bytes(content)
        return content

    def empty_instance(self) -> None:
        call_command("flush", interactive=False, verbosity=0)
        for path in sorted(self.media.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()

    def test_round_trip(self):
        content = self.seed()
        before, sample = table_counts(), encrypted_sample()
        self.assertTrue(any(sample.values()), "the seed should hold encrypted values")
        self.assertGreater(before["people_person"], 5)

        archive = backup_create(output_dir=self.out)
        # The backup signs an audit checkpoint first, and the archive holds it: what the
        # instance holds from here on is what a restore must give back.
        self.assertEqual(table_counts()["audit_auditcheckpoint"], 1)
        before = table_counts()
        self.assertRegex(archive.name, r"^jaga-backup-\d{8}T\d{6}Z\.jagabak$")
        self.assertEqual(archive.stat().st_mode & 0o777, 0o600)
        self.assertEqual([p.name for p in self.out.iterdir()], [archive.name])  # no leftovers
        raw = archive.read_bytes()
        self.assertNotIn(b"SQLite format 3", raw)
        self.assertNotIn(b"PGDMP", raw)

        with self.assertRaisesMessage(CommandError, "tidak kosong"):
            call_command("restore", str(archive))
        self.assertEqual(table_counts(), before)  # refused before touching anything

        self.empty_instance()
        self.assertEqual(instance_problems(), [])
        out = io.StringIO()
        call_command("restore", str(archive), stdout=out)
        self.assertIn("Dipulihkan", out.getvalue())

        self.assertEqual(table_counts(), before)
        self.assertEqual(encrypted_sample(), sample)
        self.assertEqual((self.media / "lampiran" / "2026" / "surat.pdf").read_bytes(), content)

    def test_wrong_key_is_refused_clearly(self):
        archive = backup_create(output_dir=self.out)
        self.empty_instance()
        with (
            override_settings(BACKUP_KEY=Fernet.generate_key().decode()),
            self.assertRaisesMessage(CommandError, "JAGA_BACKUP_KEY salah"),
        ):
            call_command("restore", str(archive))

    def test_other_field_keys_are_refused(self):
        archive = backup_create(output_dir=self.out)
        self.empty_instance()
        with (
            override_settings(FIELD_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]),
            self.assertRaisesMessage(CommandError, "Kunci enkripsi data"),
        ):
            call_command("restore", str(archive))

    def test_backup_command_prints_the_path(self):
        out = io.StringIO()
        call_command("backup", "--output", str(self.out), stdout=out)
        self.assertIn(str(self.out), out.getvalue())
