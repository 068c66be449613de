"""Exit 3 when the benchmark database holds data this checkout's keys cannot read.

Benchmark databases outlive a checkout (PostgreSQL is shared by every clone on a machine), but
the field keys in ``var/`` belong to one checkout: data encrypted by another would fail to
decrypt mid-benchmark. `bench.run` drops such a database and generates it again."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaga.settings")
django.setup()

from jaga.cases.models import CasePerson  # noqa: E402
from jaga.core.identity import identity_indexes  # noqa: E402

STALE = 3


def readable() -> bool:
    """One named victim decrypts, and its stored blind index matches our index key."""
    sample = CasePerson.objects.exclude(nik="").values_list("pk", flat=True).first()
    if sample is None:
        return True
    try:
        person = CasePerson.objects.get(pk=sample)
    except ValueError:
        return False
    return person.nik_index == identity_indexes(name="", nik=person.nik, birth_date=None)[0]


if __name__ == "__main__":
    sys.exit(0 if readable() else STALE)
