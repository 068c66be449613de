"""Small writes every app may need."""

from django.db import connection, transaction
from django.db.models import F

from jaga.core.models import Sequence


@transaction.atomic
def sequence_next(name: str) -> int:
    """The next value of the named counter (1, 2, 3 ...), unique even under concurrent
    callers: the row is locked until the caller's transaction ends."""
    Sequence.objects.get_or_create(name=name)
    Sequence.objects.filter(name=name).update(value=F("value") + 1)
    return Sequence.objects.select_for_update().values_list("value", flat=True).get(name=name)


def planner_statistics_refresh() -> None:
    """After a bulk load the planner still believes the tables are nearly empty (PostgreSQL
    then picks nested loops over thousands of rows it thinks are two): refresh its statistics
    once. Inside a transaction PostgreSQL's ANALYZE counts the rows that transaction wrote, so
    a test that loads the demo benefits too."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
