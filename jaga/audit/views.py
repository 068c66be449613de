from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jaga.access.decorators import rule
from jaga.audit.selectors import audit_events


@rule("audit.view")
@require_GET
def audit_list(request):
    filters = {
        "object_type": request.GET.get("object_type", "").strip()[:60],
        "object_id": request.GET.get("object_id", "").strip()[:40],
    }
    actor = request.GET.get("actor", "")
    events = audit_events(request.user, actor_id=int(actor) if actor.isdigit() else None, **filters)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"page": page, "filters": filters, "actor": actor})
