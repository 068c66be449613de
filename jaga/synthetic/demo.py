"""The demo's past for ``jaga load-demo``: eighteen months of cases of invented children
("… Demo"), reported across Balikpapan's demo RTs, handled by the demo case managers, with
services and referrals to the demo partners. Without it every figure of a past month would be
zero right after ``make run``. Seeded, so every load gives the same history; loading twice
adds nothing."""

from django.db import transaction

from jaga.areas.models import Area, AreaKind
from jaga.areas.services import BALIKPAPAN
from jaga.cases.models import Case
from jaga.core.demo import register_demo
from jaga.figures import rollups
from jaga.people.models import Organisation, Person
from jaga.synthetic.batches import Series, World, code_book, write_batch

HISTORY = Series(
    prefix="DM",
    # Tracking codes as the public status page reads them (LP-…), still marked demo.
    tracking_prefix="LP-DM",
    waiting_prefix="LP-DW",
    days=548,
    letter_base=800_000_000,
    surnames=("Demo",),
    street="Jl. Demo (bukan alamat nyata)",
)
HISTORY_CASES = 90  # about five a month: a few kecamatan reach 5 in a year, most do not
SEED = 2026
PARTNERS = [
    "Puskesmas Manggar",
    "Unit PPA Polresta Balikpapan",
    "Pos Bantuan Hukum Balikpapan",
    "Rumah Aman Balikpapan",
]


def _world() -> World:
    rt_codes = dict(
        Area.objects.filter(kind=AreaKind.RT, is_demo=True, code__startswith=BALIKPAPAN + ".")
        .order_by("code")
        .values_list("pk", "code")
    )
    managers = Person.objects.filter(username__in=["manajer.kasus", "manajer.kasus2"])
    demo_orgs = Organisation.objects.filter(is_demo=True)
    codes, age_groups = code_book()
    return World(
        rt_ids=list(rt_codes),
        rt_codes=rt_codes,
        managers=sorted(managers.values_list("pk", flat=True)),
        uptd=demo_orgs.get(name="UPTD PPA Kota Balikpapan"),
        partners=list(
            demo_orgs.filter(name__in=PARTNERS).order_by("pk").values_list("pk", flat=True)
        ),
        codes=codes,
        age_groups=age_groups,
    )


@register_demo
@transaction.atomic
def demo_history() -> None:
    """The eighteen months of demo cases, once."""
    if Case.objects.filter(number__startswith=HISTORY.prefix + "-").exists():
        return
    write_batch(_world(), 0, HISTORY_CASES, SEED, HISTORY)
    rollups.rebuild()  # bulk inserts send no signals: the figures are counted again whole
