"""Keyset ("seek") pagination for lists that grow without end (cases, audit trail): a page
starts after, or ends before, a boundary row and is found through an index on the ordering
keys, so the 2,000th page costs what the first does; nothing is counted. Links carry only the
boundary row's id (``?setelah=`` / ``?sebelum=``), looked up in the same filtered queryset, so
a cursor can only point at a row the person may see; a bad one shows the first page."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

AFTER, BEFORE = "setelah", "sebelum"
# Rows per page of a work list (cases, the triage queue): what a phone shows in a few
# screens, quick to send over 3G and to render (a page's time grows with its rows).
PAGE_ROWS = 25


@dataclass
class KeysetPage:
    object_list: list
    next_cursor: int | None  # id of the last row, when more rows follow
    previous_cursor: int | None  # id of the first row, when rows come before it

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)


def _cursor(params: Any, name: str) -> int | None:
    value = params.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def keyset_page(
    queryset: QuerySet,
    params: Any,
    *,
    keys: Sequence[str],
    size: int,
    rows: QuerySet,
) -> KeysetPage:
    """One page of ``queryset`` in descending order of ``keys`` (the last one unique, e.g.
    ``pk``). Ids are sought first on the bare queryset, which the database walks in index
    order; the few records are then loaded from ``rows`` (with what they need to show)."""
    key_tuple = Tuple(*(F(key) for key in keys))
    newest_first = [f"-{key}" for key in keys]
    after, before = _cursor(params, AFTER), _cursor(params, BEFORE)
    cursor = after or before
    boundary = queryset.filter(pk=cursor).values_list(*keys).first() if cursor else None
    if boundary and after:
        ids = _ids(queryset.filter(TupleLessThan(key_tuple, boundary)), newest_first, size)
        more_before, more_after = True, len(ids) > size
        ids = ids[:size]
    elif boundary:
        ids = _ids(queryset.filter(TupleGreaterThan(key_tuple, boundary)), keys, size)
        more_before, more_after = len(ids) > size, True
        ids = ids[:size][::-1]
    else:
        ids = _ids(queryset, newest_first, size)
        more_before, more_after = False, len(ids) > size
        ids = ids[:size]
    by_id = {row.pk: row for row in rows.filter(pk__in=ids)}
    return KeysetPage(
        object_list=[by_id[pk] for pk in ids if pk in by_id],
        next_cursor=ids[-1] if more_after and ids else None,
        previous_cursor=ids[0] if more_before and ids else None,
    )


def _ids(queryset: QuerySet, ordering: Sequence[str], size: int) -> list[int]:
    return list(queryset.order_by(*ordering).values_list("pk", flat=True)[: size + 1])
