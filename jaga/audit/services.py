import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditEvent, AuditHead, AuditSubject


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: behind ``settings.TRUSTED_PROXIES`` proxies, the one the outermost
    proxy saw (each appends the address it was reached from to X-Forwarded-For, so the entries
    a client wrote itself lie further left and are never read)."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies].strip()
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass  # not an address: a misconfigured proxy; fall back to the connection
    return request.META.get("REMOTE_ADDR") or None


@transaction.atomic
def audit_record(
    *,
    actor: Any,
    action: str,
    target: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    area_code: str = "",
    fields: Iterable[str] = (),
    reason: str = "",
    request: HttpRequest | None = None,
    subjects: Iterable[tuple[str, str | int]] = (),
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction.

    ``target`` (a model instance) fills the type, id and, when it has ``audit_area_code``, the
    area. Only field *names* are kept: values of identifying fields never enter the trail.
    ``subjects`` (type, id) name the person records the event concerns besides its target
    (the people an export included), so a breach notice can find the event by them.
    """
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or target.pk
        area_code = area_code or getattr(target, "audit_area_code", "") or ""
    head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
    event = AuditEvent(
        seq=head.seq + 1,
        at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        area_code=area_code,
        fields=sorted(set(fields)),
        reason=reason[:300],
        ip=client_ip(request),
        prev_hash=head.hash,
    )
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    AuditSubject.objects.bulk_create(
        (AuditSubject(event=event, object_type=kind, object_id=str(pk)) for kind, pk in subjects),
        batch_size=2000,
    )
    return event


def audit_subjects_of(event: AuditEvent | None) -> list[tuple[str, str]]:
    """The person records linked to ``event`` (to hand them on to a later event about the
    same file, such as its download)."""
    if event is None:
        return []
    return list(event.subjects.order_by("pk").values_list("object_type", "object_id"))


@transaction.atomic
def audit_append_many(events: list[AuditEvent]) -> None:
    """Append prepared events in one go (bulk loads, such as synthetic data): numbered and
    chained exactly as ``audit_record`` would, under the same head lock."""
    head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
    for event in events:
        event.seq, event.prev_hash = head.seq + 1, head.hash
        event.hash = event.compute_hash()
        head.seq, head.hash = event.seq, event.hash
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    head.save(update_fields=["seq", "hash"])


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str


def audit_verify(
    batch_size: int = 5000, observe: Callable[[int, str, datetime], None] | None = None
) -> ChainProblem | None:
    """Walk the whole chain in order and return the first broken link, or None if intact.
    ``observe`` sees each event's number, hash and time (the checkpoint check uses it)."""
    expected_seq, prev_hash = 1, "0" * 64
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        if observe is not None:
            observe(event.seq, event.hash, event.at)
        if event.seq != expected_seq:
            return ChainProblem(expected_seq, _("peristiwa hilang (urutan terputus)"))
        if event.prev_hash != prev_hash:
            return ChainProblem(event.seq, _("rantai terputus: hash sebelumnya tidak cocok"))
        if event.compute_hash() != event.hash:
            return ChainProblem(event.seq, _("isi peristiwa telah diubah"))
        expected_seq, prev_hash = event.seq + 1, event.hash
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.seq != expected_seq - 1 or head.hash != prev_hash):
        return ChainProblem(expected_seq, _("peristiwa terakhir hilang"))
    return None
