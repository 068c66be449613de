from django.shortcuts import render
from django.views.decorators.http import require_GET

from jaga.access.decorators import rule
from jaga.audit.selectors import audit_page


@rule("audit.view")
@require_GET
def audit_list(request):
    filters = {
        "object_type": request.GET.get("object_type", "").strip()[:60],
        "object_id": request.GET.get("object_id", "").strip()[:40],
    }
    actor = request.GET.get("actor", "")
    actor_id = int(actor) if actor.isdigit() else None
    page = audit_page(request.user, request.GET, actor_id=actor_id, **filters)
    return render(request, "audit/list.html", {"page": page, "filters": filters, "actor": actor})
