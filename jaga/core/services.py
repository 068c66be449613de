"""Small writes every app may need."""

from django.db import transaction
from django.db.models import F

from jaga.core.models import Sequence


@transaction.atomic
def sequence_next(name: str) -> int:
    """The next value of the named counter (1, 2, 3 ...), unique even under concurrent
    callers: the row is locked until the caller's transaction ends."""
    Sequence.objects.get_or_create(name=name)
    Sequence.objects.filter(name=name).update(value=F("value") + 1)
    return Sequence.objects.select_for_update().values_list("value", flat=True).get(name=name)
