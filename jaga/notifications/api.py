from datetime import datetime

from ninja import Schema

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.notifications.selectors import notification_get, notification_list, unread_count
from jaga.notifications.services import notification_mark_read

router = JagaRouter(tags=["notifikasi"])


class NotificationOut(Schema):
    id: int
    kind: str
    urgent: bool
    title: str
    body: str
    link: str
    number: str
    created_at: datetime
    read_at: datetime | None


class InboxOut(Schema):
    unread: int
    items: list[NotificationOut]


def _out(n) -> dict:
    return {
        "id": n.pk,
        "kind": n.kind,
        "urgent": n.is_urgent,
        "title": n.title,
        "body": n.body,
        "link": n.link,
        "number": n.number,
        "created_at": n.created_at,
        "read_at": n.read_at,
    }


@router.get("", response=InboxOut, summary="Notifikasi saya (50 terbaru)")
@api_rule("notifications.inbox")
def inbox(request, unread_only: bool = False):
    items = notification_list(request.user, unread_only=unread_only)[:50]
    return {"unread": unread_count(request.user), "items": [_out(n) for n in items]}


@router.post("/{notification_id}/baca", response=NotificationOut, summary="Tandai dibaca")
@api_rule("notifications.inbox")
def mark_read(request, notification_id: int):
    notification = notification_get(request.user, notification_id)
    return _out(notification_mark_read(notification=notification))
