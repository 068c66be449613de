"""Demo areas: Kota Balikpapan's real kecamatan and kelurahan (from the reference data) and
generated RTs, flagged demo."""

from collections.abc import Callable

from jaga.areas.models import Area, AreaKind
from jaga.areas.services import BALIKPAPAN, areas_import_reference, rt_unsaved
from jaga.core.demo import register_demo


def demo_rt_count(kelurahan: Area) -> int:
    """Between 40 and 60 RTs per kelurahan, fixed per kelurahan: about 1,700 in the city."""
    return 40 + int(kelurahan.code.rsplit(".", 1)[1]) * 7 % 21


def demo_rts_create(area: Area, count: Callable[[Area], int] = demo_rt_count) -> None:
    """Generated RTs (flagged demo) for every kelurahan inside ``area``, ``count(kelurahan)``
    each; RTs already there are kept. One kelurahan at a time, so memory stays flat."""
    kelurahan_list = Area.objects.filter(kind=AreaKind.KELURAHAN, code__startswith=area.code + ".")
    for kelurahan in kelurahan_list.iterator(chunk_size=2000):
        existing = set(kelurahan.children.values_list("number", flat=True))
        Area.objects.bulk_create(
            rt_unsaved(kelurahan, n, is_demo=True)
            for n in range(1, count(kelurahan) + 1)
            if n not in existing
        )


@register_demo
def areas_demo() -> None:
    areas_import_reference(prefix=BALIKPAPAN)
    demo_rts_create(Area.objects.get(code=BALIKPAPAN))
