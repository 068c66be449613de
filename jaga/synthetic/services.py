"""Synthetic data at city or national scale, for benchmarks and load tests.

Everything it creates is flagged ``is_demo`` and named "Sintetis …"; it refuses to touch a
database that holds real (non-demo) records. Cases are written in batches with
``bulk_create`` (identities still encrypted, blind indexes still computed, the audit chain
still chained), so memory stays flat however many cases are asked for. Re-running with the
same seed and a larger count tops the data up to that count. The audit trail can be topped up
the same way to a number of events, by reading the cases again (``jaga.synthetic.trail``).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from jaga.access.roles import Role
from jaga.areas.demo import demo_rts_create
from jaga.areas.models import Area, AreaKind
from jaga.areas.services import BALIKPAPAN, areas_import_reference, national_area_ensure
from jaga.cases.models import Case
from jaga.core.demo import DEMO_PASSWORD
from jaga.core.services import planner_statistics_refresh
from jaga.figures import rollups
from jaga.people.models import Membership, Organisation, OrganisationKind, Person
from jaga.reports.models import Report
from jaga.synthetic.batches import Series, World, code_book, write_batch
from jaga.synthetic.trail import audit_top_up

# The benchmarks' city: five years of cases named "SY-…", letters numbered far above any real
# sequence (unique per year).
SYNTHETIC = Series(
    prefix="SY",
    tracking_prefix="SY",
    waiting_prefix="SW",
    days=5 * 365,
    letter_base=900_000_000,
    surnames=("Sintetis", "Lestari", "Rahmawati", "Hidayat", "Saputra", "Wijaya", "Pratama"),
    street="Jl. Sintetis",
)


class RealDataPresent(ImproperlyConfigured):
    """The database holds records that are not demo or synthetic."""


@dataclass(frozen=True)
class Scale:
    area_prefix: str  # "" for the whole country
    rts_per_kelurahan: Callable[[Area], int]
    case_managers: int
    rt_officers: int


def _national_rts(kelurahan: Area) -> int:
    return 2


SCALES = {
    "city": Scale(BALIKPAPAN, lambda k: 40 + int(k.code.rsplit(".", 1)[1]) * 7 % 21, 30, 1700),
    "national": Scale("", _national_rts, 600, 20_000),
}


def refuse_real_data() -> None:
    # Records made by demo accounts (a benchmark's own requests, a demo walk-through) are
    # demo records too, even when the form that made them did not flag them.
    real = (
        Report.objects.filter(is_demo=False).exclude(reported_by__is_demo=True).exists()
        or Case.objects.filter(is_demo=False).exclude(manager__is_demo=True).exists()
        or Person.objects.filter(is_demo=False, is_superuser=False).exists()
    )
    if real:
        raise RealDataPresent(
            "Basis data ini berisi data nyata (bukan demo/sintetis); data sintetis tidak dibuat."
        )


def _people(scale: Scale, rt_ids: list[int], city: Area) -> World:
    """One UPTD PPA with case managers, partner organisations, an RT officer for the first
    RTs (and the national analyst for the whole country): about 2,000 accounts at city
    scale. Kept as they are when already there."""
    uptd, _created = Organisation.objects.get_or_create(
        name="UPTD PPA Sintetis",
        area=city,
        defaults={"kind": OrganisationKind.UPTD_PPA, "is_demo": True},
    )
    partners = [
        Organisation.objects.get_or_create(
            name=f"{label} Sintetis", area=city, defaults={"kind": kind, "is_demo": True}
        )[0].pk
        for kind, label in [
            (OrganisationKind.PUSKESMAS, "Puskesmas"),
            (OrganisationKind.POLICE, "Unit PPA"),
            (OrganisationKind.LEGAL_AID, "Bantuan Hukum"),
            (OrganisationKind.SHELTER, "Rumah Aman"),
        ]
    ]
    password = make_password(DEMO_PASSWORD)
    dp3akb, _created = Organisation.objects.get_or_create(
        name="DP3AKB Sintetis",
        area=city,
        defaults={"kind": OrganisationKind.DP3AKB, "is_demo": True},
    )
    wanted: list[tuple[str, Role, dict[str, Any]]] = [
        ("syn.admin", Role.CITY_ADMIN, {"organisation": dp3akb})
    ]
    wanted += [
        (f"syn.manager.{i:04d}", Role.CASE_MANAGER, {"organisation": uptd})
        for i in range(scale.case_managers)
    ]
    # Five officers at each partner: they read the referrals sent there (the trail's top-up).
    wanted += [
        (f"syn.partner.{i:03d}", Role.PARTNER_OFFICER, {"organisation_id": partner})
        for i, partner in enumerate(partners * 5)
    ]
    wanted += [
        (f"syn.rt.{i:05d}", Role.RT_OFFICER, {"area_id": rt_id})
        for i, rt_id in enumerate(rt_ids[: scale.rt_officers])
    ]
    if not scale.area_prefix:  # the whole country: the ministry's analyst reads it all
        wanted += [("syn.national", Role.NATIONAL_ANALYST, {"area": national_area_ensure()})]
    existing = set(
        Person.objects.filter(username__startswith="syn.").values_list("username", flat=True)
    )
    missing = [w for w in wanted if w[0] not in existing]
    for start in range(0, len(missing), 2000):
        chunk = missing[start : start + 2000]
        people = Person.objects.bulk_create(
            Person(username=u, full_name=f"Sintetis {u}", password=password, is_demo=True)
            for u, _role, _where in chunk
        )
        Membership.objects.bulk_create(
            Membership(person=p, role=role, **where)
            for p, (_u, role, where) in zip(people, chunk, strict=True)
        )
    managers = list(
        Person.objects.filter(username__startswith="syn.manager.")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    codes, age_groups = code_book()
    return World(rt_ids, {}, managers, uptd, partners, codes, age_groups)


def prepare(scale_name: str) -> World:
    """Areas, RTs, organisations and accounts for the scale (idempotent)."""
    scale = SCALES[scale_name]
    areas_import_reference(prefix=scale.area_prefix)
    top = Area.objects.get(code=scale.area_prefix) if scale.area_prefix else None
    for area in [top] if top else Area.objects.filter(kind=AreaKind.PROVINCE):
        demo_rts_create(area, scale.rts_per_kelurahan)
    rts = Area.objects.filter(kind=AreaKind.RT)
    if scale.area_prefix:
        rts = rts.filter(code__startswith=scale.area_prefix + ".")
    rt_codes = dict(rts.order_by("code").values_list("pk", "code"))
    city = (
        top
        if top and top.kind == AreaKind.CITY
        else Area.objects.filter(kind=AreaKind.CITY).order_by("code")[0]
    )
    world = _people(scale, list(rt_codes), city)
    world.rt_codes = rt_codes
    return world


def synthetic_generate(
    *,
    cases: int,
    scale: str = "city",
    seed: int = 1,
    batch_size: int = 2000,
) -> Iterator[int]:
    """Top the synthetic cases up to ``cases``; yields the running total after each batch."""
    refuse_real_data()
    world = prepare(scale)
    done = Case.objects.filter(number__startswith="SY-").count()
    while done < cases:
        count = min(batch_size, cases - done)
        with transaction.atomic():
            write_batch(world, done, count, seed, SYNTHETIC)
        done += count
        yield done
    planner_statistics_refresh()
    rollups.rebuild()  # bulk inserts send no signals: the figures are counted again whole


def synthetic_audit_top_up(
    *, events: int, seed: int = 1, batch_size: int = 20_000
) -> Iterator[int]:
    """Top the audit trail up to ``events`` with reads of the synthetic cases (run after
    ``synthetic_generate``); yields the running total after each batch."""
    refuse_real_data()
    yield from audit_top_up(
        events=events, prefix=SYNTHETIC.prefix, seed=seed, batch_size=batch_size
    )
    planner_statistics_refresh()
