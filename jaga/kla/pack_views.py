"""The evidence pack's pages: ask for it, watch it being built, download it (DP3AKB)."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jaga.access.decorators import rule
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.kla import pack, selectors
from jaga.kla.models import PackState


@rule("kla.manage")
@require_POST
def pack_request(request, pk):
    kla_round = selectors.round_managed(request.user, pk)
    pack.pack_request(kla_round=kla_round, by=request.user)
    messages.success(request, _("Paket bukti sedang disusun."))
    return redirect("kla:pack", pk=kla_round.pk)


@rule("kla.manage")
@require_GET
def pack_page(request, pk):
    """The latest pack of the round; while it is built, the status polls itself (htmx)."""
    kla_round = selectors.round_managed(request.user, pk)
    context = {"round": kla_round, "pack": selectors.pack_latest(kla_round)}
    template = "kla/pack_status.html" if request.headers.get("HX-Request") else "kla/pack.html"
    return render(request, template, context)


@rule("kla.manage")
@require_GET
def pack_download(request, pk):
    kla_round = selectors.round_managed(request.user, pk)
    latest = selectors.pack_latest(kla_round)
    if latest is None or latest.state != PackState.READY:
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        target=latest,
        fields=["pack"],
        request=request,
    )
    response = FileResponse(pack.pack_open(latest), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{pack.download_name(latest)}"'
    return response
