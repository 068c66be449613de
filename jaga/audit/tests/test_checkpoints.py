"""Signed checkpoints make the audit trail evident to an insider (issue 19, item 11): a chain
rewritten as someone with database access would (remove an event, renumber, recompute every
hash and the head) passes the hash-chain walk, but not the checkpoints."""

import datetime as dt
import io
import logging
import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from jaga.audit.checkpoints import (
    checkpoint_problems,
    checkpoint_write,
    parse_checkpoints,
    statement_of,
)
from jaga.audit.models import AuditAction, AuditCheckpoint, AuditEvent, AuditHead
from jaga.audit.services import audit_record, audit_verify
from jaga.notifications.models import OutboxMessage
from jaga.security.backup import backup_create
from jaga.security.services import audit_checkpoint_publish
from jaga.testing import JagaTestCase

ROOT = Path(__file__).resolve().parents[3]


def rewrite_without(seq: int) -> None:
    """What an insider does: delete one event, renumber the later ones, recompute every hash
    from there and the head — the hash chain is whole again."""
    AuditEvent.objects.filter(seq=seq).delete()  # queryset delete bypasses the model guard
    for event in AuditEvent.objects.filter(seq__gt=seq).order_by("seq"):
        AuditEvent.objects.filter(pk=event.pk).update(seq=event.seq - 1)
    prev = "0" * 64
    for event in AuditEvent.objects.order_by("seq"):
        event.prev_hash = prev
        event.hash = event.compute_hash()
        AuditEvent.objects.filter(pk=event.pk).update(prev_hash=event.prev_hash, hash=event.hash)
        prev = event.hash
    last = AuditEvent.objects.order_by("-seq")[0]
    AuditHead.objects.filter(pk=1).update(seq=last.seq, hash=last.hash)


class CheckpointTests(JagaTestCase):
    def write_events(self, count=5):
        for _ in range(count):
            audit_record(actor=self.admin, action=AuditAction.READ, target=self.rt_officer)

    def copies_file(self, statements) -> Path:
        folder = Path(tempfile.mkdtemp())
        path = folder / "dpo-mailbox.txt"
        path.write_text("Subject: Jaga\n\n" + "\n".join(s.line() for s in statements) + "\n")
        return path

    def test_a_fresh_checkpoint_verifies(self):
        self.write_events()
        checkpoint_write()
        self.assertEqual(checkpoint_problems(), [])
        out = io.StringIO()
        call_command("audit_verify", stdout=out)
        self.assertIn("utuh", out.getvalue())

    def test_an_insider_rewrite_is_caught_naming_where(self):
        self.write_events(10)
        head = AuditHead.objects.get().seq
        copy = statement_of(checkpoint_write())
        self.write_events(2)
        rewrite_without(head - 4)
        self.assertIsNone(audit_verify())  # the bare chain looks whole
        with self.assertRaises(CommandError) as caught:
            call_command("audit_verify")
        message = str(caught.exception)
        self.assertIn("ditulis ulang", message)
        self.assertIn(f"#{head}", message)
        # The insider also deletes the stored checkpoints: the DPO's copy still tells.
        AuditCheckpoint.objects.all().delete()
        self.assertEqual(checkpoint_problems(), [])  # nothing left inside to compare with
        path = self.copies_file([copy])
        with self.assertRaises(CommandError) as caught:
            call_command("audit_verify", "--checkpoints", str(path))
        message = str(caught.exception)
        self.assertIn("tidak ada lagi di basis data", message)
        self.assertIn(f"peristiwa #{head} tidak cocok", message)
        self.assertIn("dpo-mailbox.txt:3", message)

    def test_a_forged_checkpoint_is_refused(self):
        self.write_events()
        copy = statement_of(checkpoint_write())
        line = copy.line().replace(f"seq={copy.seq}", f"seq={copy.seq - 1}")
        (forged,) = parse_checkpoints(line, "palsu.txt")
        problems = checkpoint_problems([forged])
        self.assertTrue(any("tanda tangan tidak sah" in p for p in problems), problems)

    def test_a_missing_due_checkpoint_is_named(self):
        self.write_events(3)
        now = timezone.now()
        checkpoint_write(now=now - dt.timedelta(minutes=60))
        self.write_events(2)
        first_after = AuditCheckpoint.objects.get().seq + 1
        self.assertEqual(checkpoint_problems(now=now + dt.timedelta(minutes=5)), [])
        problems = checkpoint_problems(now=now + dt.timedelta(minutes=30))
        self.assertEqual(len(problems), 1, problems)
        self.assertIn(f"#{first_after}", problems[0])
        self.assertIn("terjadwal tidak ada", problems[0])

    @override_settings(DPO_EMAIL="dpo@balikpapan.go.id", AUDIT_CHECKPOINT_MINUTES=5)
    def test_publishing_sends_the_dpo_a_copy_and_logs_it(self):
        self.write_events()
        with (
            self.assertLogs("jaga.audit", logging.INFO) as logs,
            self.captureOnCommitCallbacks(execute=True),
        ):
            checkpoint = audit_checkpoint_publish()
        line = statement_of(checkpoint).line()
        message = OutboxMessage.objects.get(kind="audit.checkpoint")
        self.assertEqual((message.address, message.recipient), ("dpo@balikpapan.go.id", None))
        self.assertIn(line, message.text)
        self.assertIn(line, "\n".join(logs.output))
        self.assertEqual(
            parse_checkpoints(message.text, "mail")[0].same, statement_of(checkpoint).same
        )
        # Not due again until the chain moves and an interval passes.
        self.assertIsNone(audit_checkpoint_publish(if_due=True))

    def test_the_serving_set_up_and_every_backup_write_checkpoints(self):
        serve = (ROOT / "scripts" / "serve").read_text()
        loop = serve.split("while true; do", 1)[1].split("done", 1)[0]
        self.assertIn("audit-checkpoint --if-due", loop)
        self.write_events()
        # The archive itself is proven in jaga/security/tests/test_backup.py; here only that
        # the checkpoint comes first (the snapshot is stopped before any copy is made).
        with (
            tempfile.TemporaryDirectory() as folder,
            mock.patch("jaga.security.backup._snapshot", side_effect=RuntimeError("stop")),
            self.assertRaises(RuntimeError),
        ):
            backup_create(output_dir=Path(folder))
        self.assertEqual(AuditCheckpoint.objects.count(), 1)
