"""Clocks over the API: the overdue queue and the service-time targets."""

import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Schema
from pydantic import Field

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.clocks import services
from jaga.clocks.models import ServiceTarget, Unit
from jaga.clocks.selectors import overdue_queue
from jaga.clocks.services import MAX_AMOUNT
from jaga.core.api import problems

router = JagaRouter(tags=["tenggat"])


class OverdueOut(Schema):
    kind: str
    step: str
    number: str
    kelurahan_code: str
    responsible: str
    due: datetime.datetime
    level: int


class TargetOut(Schema):
    id: int
    step: str
    is_urgent: bool
    amount: int
    unit: str


class TargetIn(Schema):
    amount: int = Field(ge=1, le=MAX_AMOUNT)
    unit: Unit


@router.get("/terlambat", response=list[OverdueOut])
@api_rule("clocks.queue")
def list_overdue(request):
    return [
        {
            "kind": i.kind,
            "step": i.clock.step,
            "number": i.number,
            "kelurahan_code": i.kelurahan_code,
            "responsible": i.responsible,
            "due": i.clock.due,
            "level": i.clock.level,
        }
        for i in overdue_queue(request.user)
    ]


def target_out(target: ServiceTarget) -> dict:
    return {
        "id": target.pk,
        "step": target.step,
        "is_urgent": target.is_urgent,
        "amount": target.amount,
        "unit": target.unit,
    }


@router.get("/target", response=list[TargetOut])
@api_rule("clocks.targets")
def list_targets(request):
    return [target_out(t) for t in ServiceTarget.objects.all()]


@router.put("/target/{target_id}", response=TargetOut)
@api_rule("clocks.targets")
def update_target(request, target_id: int, payload: TargetIn):
    target = get_object_or_404(ServiceTarget, pk=target_id)
    try:
        services.target_update(
            target=target,
            by=request.user,
            amount=payload.amount,
            unit=payload.unit,
            request=request,
        )
    except ValidationError as error:
        raise problems(error) from None
    return target_out(target)
