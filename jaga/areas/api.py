from ninja import Schema

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.access.policy import get_object
from jaga.areas.models import Area
from jaga.areas.selectors import area_children

router = JagaRouter(tags=["wilayah"])


class AreaOut(Schema):
    code: str
    name: str
    kind: str
    rt_count: int | None = None


@router.get("/{code}/children", response=list[AreaOut], summary="Wilayah di bawah satu wilayah")
@api_rule("areas.view")
def children(request, code: str):
    area = get_object(request.user, "areas.view", Area.objects.all(), code=code)
    return [
        {"code": a.code, "name": a.name, "kind": a.kind, "rt_count": a.rt_count}
        for a in area_children(area)
    ]
