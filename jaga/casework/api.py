"""Tugas saya over the API: the same list as the page."""

import datetime

from ninja import Schema

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.casework.tasks import tasks_for

router = JagaRouter(tags=["tugas"])


class TaskOut(Schema):
    kind: str
    title: str
    number: str
    link: str
    step: str
    due: datetime.datetime
    state: str
    urgent: bool


@router.get("/", response=list[TaskOut], summary="Tugas saya: yang jatuh tempo dan terlambat")
@api_rule("casework.tasks")
def my_tasks(request):
    return [
        {
            "kind": t.kind,
            "title": t.title,
            "number": t.number,
            "link": t.link,
            "step": t.clock.step,
            "due": t.clock.due,
            "state": str(t.clock.state),
            "urgent": t.urgent,
        }
        for t in tasks_for(request.user)
    ]
