"""Signed checkpoints of the audit chain, so that an insider who can rewrite the database —
remove an event, recompute every hash and the head — is still found out.

A checkpoint states "the head was event ``seq`` with hash ``hash`` at ``at``", signed with an
Ed25519 key that lives outside the database (``AUDIT_SIGNING_KEY``, like Certificate
Transparency's signed tree heads). Copies leave the database as one text line each (the DPO's
mailbox, the application log). ``checkpoint_problems`` checks the chain against the stored
checkpoints and any copies given back: a signature that does not verify, a copy the database
no longer holds, a chain whose hash at a checkpoint differs (rewritten before it), and a
checkpoint missing where the schedule says one was due.
"""

import base64
import bisect
import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditCheckpoint, AuditEvent, AuditHead
from jaga.audit.services import audit_verify

LINE_PREFIX = "JAGA-AUDIT-CHECKPOINT v1"


def _private_key() -> Ed25519PrivateKey:
    raw = base64.urlsafe_b64decode(settings.AUDIT_SIGNING_KEY.encode())
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key() -> Ed25519PublicKey:
    return _private_key().public_key()


def key_id(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def signed_message(seq: int, head_hash: str, at: dt.datetime) -> bytes:
    return f"jaga-audit-checkpoint/v1\n{seq}\n{head_hash}\n{at.isoformat()}".encode()


@dataclass(frozen=True)
class Statement:
    """A checkpoint as stored or as a copy read back from outside (``source`` says where)."""

    seq: int
    hash: str
    at: dt.datetime
    key_id: str
    signature: str
    source: str = "basis data"

    def line(self) -> str:
        return (
            f"{LINE_PREFIX} seq={self.seq} hash={self.hash} at={self.at.isoformat()} "
            f"key={self.key_id} sig={self.signature}"
        )

    @property
    def same(self) -> tuple:
        return (self.seq, self.hash, self.at, self.signature)

    def verifies(self, key: Ed25519PublicKey) -> bool:
        if self.key_id != key_id(key):
            return False
        try:
            key.verify(
                base64.b64decode(self.signature), signed_message(self.seq, self.hash, self.at)
            )
        except (InvalidSignature, ValueError):
            return False
        return True

    def where(self) -> str:
        return _("titik periksa #%(seq)s (%(at)s WITA, %(source)s)") % {
            "seq": self.seq,
            "at": timezone.localtime(self.at).strftime("%d-%m-%Y %H:%M"),
            "source": self.source,
        }


def statement_of(checkpoint: AuditCheckpoint) -> Statement:
    return Statement(
        checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.key_id, checkpoint.signature
    )


def parse_checkpoints(text: str, source: str) -> list[Statement]:
    """Every checkpoint line in ``text`` (a saved e-mail, a log excerpt: the line may sit
    inside a longer log line). A malformed line raises ValueError naming its line number."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if LINE_PREFIX not in line:
            continue
        parts = dict(
            token.split("=", 1) for token in line.split(LINE_PREFIX, 1)[1].split() if "=" in token
        )
        try:
            found.append(
                Statement(
                    int(parts["seq"]),
                    parts["hash"],
                    dt.datetime.fromisoformat(parts["at"]),
                    parts["key"],
                    parts["sig"],
                    f"{source}:{number}",
                )
            )
        except (KeyError, ValueError):
            raise ValueError(f"{source}:{number}: not a checkpoint line") from None
    return found


def _interval() -> dt.timedelta:
    return dt.timedelta(minutes=settings.AUDIT_CHECKPOINT_MINUTES)


def checkpoint_due(now: dt.datetime | None = None) -> bool:
    """Whether the schedule asks for a checkpoint now: the chain moved since the last one,
    and the last one is at least one interval old."""
    now = now or timezone.now()
    head = AuditHead.objects.filter(pk=1).first()
    last = AuditCheckpoint.objects.order_by("-at", "-pk").first()
    if head is None or head.seq == (last.seq if last else 0):
        return False
    return last is None or now - last.at >= _interval()


@transaction.atomic
def checkpoint_write(*, now: dt.datetime | None = None) -> AuditCheckpoint:
    """Sign and store a checkpoint of the chain's head as it is now (under the head's lock,
    so no event slips in between reading and signing)."""
    head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
    at = now or timezone.now()
    signature = _private_key().sign(signed_message(head.seq, head.hash, at))
    return AuditCheckpoint.objects.create(
        seq=head.seq,
        hash=head.hash,
        at=at,
        key_id=key_id(public_key()),
        signature=base64.b64encode(signature).decode(),
    )


def checkpoint_problems(
    extra: Iterable[Statement] = (), *, now: dt.datetime | None = None
) -> list[str]:
    """Everything wrong with the chain and its checkpoints, each naming where (event
    numbers, checkpoint times); empty when the chain is whole and every due checkpoint is
    there and matches."""
    now = now or timezone.now()
    key = public_key()
    stored = [statement_of(c) for c in AuditCheckpoint.objects.order_by("seq", "at")]
    given = list(extra)
    problems = [
        _("%(where)s: tanda tangan tidak sah") % {"where": s.where()}
        for s in [*stored, *given]
        if not s.verifies(key)
    ]
    held = {s.same for s in stored}
    problems += [
        _("%(where)s tidak ada lagi di basis data (dihapus?)") % {"where": s.where()}
        for s in given
        if s.same not in held
    ]
    valid = sorted(
        {s.same: s for s in [*stored, *given] if s.verifies(key)}.values(),
        key=lambda s: (s.seq, s.at),
    )
    hashes: dict[int, str] = {}
    times: dict[int, dt.datetime] = {}
    wanted = {s.seq for s in valid}
    firsts = {s.seq + 1 for s in valid}

    def observe(seq: int, event_hash: str, at: dt.datetime) -> None:
        if seq in wanted:
            hashes[seq] = event_hash
        if seq in firsts:
            times[seq] = at

    chain = audit_verify(observe=observe)
    if chain is not None:
        problems.append(
            _("Rantai rusak pada peristiwa #%(seq)s: %(message)s")
            % {"seq": chain.seq, "message": chain.message}
        )
    problems += _rewrites(valid, hashes)
    problems += _missing(valid, times, now)
    return problems


def _rewrites(valid: list[Statement], hashes: dict[int, str]) -> list[str]:
    problems, matched = [], 0
    for statement in valid:
        if statement.seq == 0:
            continue
        if hashes.get(statement.seq) == statement.hash:
            matched = statement.seq
            continue
        problems.append(
            _(
                "Jejak audit ditulis ulang: peristiwa #%(seq)s tidak cocok dengan %(where)s; "
                "perubahan terjadi di antara peristiwa #%(after)s dan #%(seq)s."
            )
            % {"seq": statement.seq, "where": statement.where(), "after": matched + 1}
        )
    return problems


def _missing(valid: list[Statement], times: dict[int, dt.datetime], now: dt.datetime) -> list:
    """Every event must be covered by a checkpoint within two intervals of it (the schedule
    writes one within an interval of any change). Only the first event after each checkpoint
    needs looking at: it is the oldest one waiting for the next."""
    problems, slack = [], 2 * _interval()
    for index, statement in enumerate(valid):
        first = times.get(statement.seq + 1)
        if first is None:
            continue  # nothing happened after this checkpoint
        covering = next((s for s in valid[index + 1 :] if s.seq > statement.seq), None)
        late = (covering.at if covering else now) - first
        if late > slack:
            problems.append(
                _(
                    "Titik periksa terjadwal tidak ada: peristiwa #%(seq)s (%(at)s WITA) "
                    "tidak tercakup titik periksa dalam %(minutes)s menit."
                )
                % {
                    "seq": statement.seq + 1,
                    "at": timezone.localtime(first).strftime("%d-%m-%Y %H:%M"),
                    "minutes": int(slack.total_seconds() // 60),
                }
            )
    return problems


@dataclass(frozen=True)
class Covering:
    """The first checkpoint whose signature verifies at or after an event (None: not signed
    yet), and whether the chain from the event up to it is whole and ends in its hash — then
    the event is exactly as the signed head says (an inclusion proof, for a hash chain)."""

    checkpoint: Statement | None
    verified: bool


def covering(seqs: list[int]) -> dict[int, Covering]:
    """The covering checkpoint of each event number. Reads the checkpoints once and, in one
    query, the stretches of the chain from each event to its checkpoint (a few minutes of
    events each, as the schedule writes them)."""
    key = public_key()
    valid = sorted(
        (s for s in map(statement_of, AuditCheckpoint.objects.all()) if s.verifies(key)),
        key=lambda s: (s.seq, s.at),
    )
    points = [s.seq for s in valid]
    under: dict[int, Statement | None] = {}
    for seq in seqs:
        index = bisect.bisect_left(points, seq)
        under[seq] = valid[index] if index < len(valid) else None
    starts: dict[Statement, int] = {}
    for seq, statement in under.items():
        if statement is not None:
            starts[statement] = min(seq, starts.get(statement, seq))
    whole = _stretches_whole(starts)
    return {
        seq: Covering(statement, statement is not None and whole[statement])
        for seq, statement in under.items()
    }


def _stretches_whole(starts: dict[Statement, int]) -> dict[Statement, bool]:
    """For each checkpoint, whether events ``start``..its seq link up and end in its hash."""
    if not starts:
        return {}
    where = Q()
    for statement, start in starts.items():
        where |= Q(seq__gte=start, seq__lte=statement.seq)
    events = iter(AuditEvent.objects.filter(where).order_by("seq").iterator(chunk_size=2000))
    whole = {}
    event = next(events, None)
    for statement, start in sorted(starts.items(), key=lambda item: item[1]):
        expected, prev, ok = start, None, True
        while event is not None and event.seq <= statement.seq:
            if event.seq >= start:
                ok = ok and event.seq == expected and event.compute_hash() == event.hash
                ok = ok and (prev is None or event.prev_hash == prev)
                expected, prev = event.seq + 1, event.hash
            event = next(events, None)
        whole[statement] = ok and expected == statement.seq + 1 and prev == statement.hash
    return whole
