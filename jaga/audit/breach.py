"""The audit events a breach notice lists for one person (UU 27/2022 PDP art. 46): every event
in which someone saw or exported their identity, each with the signed checkpoint it lies
under. The caller (the app that knows the person's records) says which records to watch;
this module reads the trail in one indexed query and never decrypts anything."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from jaga.audit.checkpoints import Covering, covering
from jaga.audit.models import AuditAction, AuditEvent, AuditSubject

# Events that show or hand over what a record holds. Creating and changing a record are
# done by someone who already had the data in hand, and each edit form's read is its own
# READ event.
SEEN = (AuditAction.READ, AuditAction.REVEAL, AuditAction.EXPORT, AuditAction.DOWNLOAD)


@dataclass(frozen=True)
class Watch:
    """Events on these records show the person's identity when they name one of ``fields``
    (the trail keeps the names of the fields shown: a case read "summary" showed none)."""

    object_type: str
    object_ids: tuple[str, ...]
    fields: frozenset[str]


@dataclass(frozen=True)
class Seen:
    event: AuditEvent
    checkpoint: Covering


def _matching(
    watches: list[Watch], subjects: Iterable[tuple[str, str | int]]
) -> QuerySet[AuditEvent]:
    """The events on the watched records or linked to the subjects, oldest first: the
    (object_type, object_id, seq) index serves the first, the subject index the second."""
    by_type: dict[str, list[str]] = {}
    for kind, pk in subjects:
        by_type.setdefault(kind, []).append(str(pk))
    linked = Q()
    for kind, ids in by_type.items():
        linked |= Q(object_type=kind, object_id__in=ids)
    links = AuditSubject.objects.filter(linked) if by_type else AuditSubject.objects.none()
    where = Q(pk__in=links.values("event_id"))
    for watch in watches:
        where |= Q(object_type=watch.object_type, object_id__in=watch.object_ids)
    return (
        AuditEvent.objects.filter(where, action__in=SEEN)
        # Computed for the events found only (it sits in SELECT, not WHERE).
        .annotate(linked=Exists(links.filter(event=OuterRef("pk"))))
        .select_related("actor")
        .order_by("seq")
    )


def identity_events(watches: list[Watch], subjects: Iterable[tuple[str, str | int]]) -> list[Seen]:
    """Every event in which someone saw or exported the identity held in the watched records
    or of the ``subjects`` (person records an export included), oldest first, each with the
    first signed checkpoint after it and whether the chain up to it is whole."""
    fields = {(w.object_type, pk): w.fields for w in watches for pk in w.object_ids}
    events = [
        event
        for event in _matching(watches, subjects)
        if getattr(event, "linked")  # noqa: B009  (an annotation the model does not declare)
        or fields.get((event.object_type, event.object_id), frozenset()) & set(event.fields)
    ]
    coverings = covering([event.seq for event in events])
    return [Seen(event, coverings[event.seq]) for event in events]
