from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.access.policy import get_object, scope_roots, visible
from jaga.areas.forms import RtUploadForm
from jaga.areas.models import Area, AreaKind
from jaga.areas.selectors import area_children
from jaga.areas.services import rts_import
from jaga.core.tabular import ImportRejected, read_rows


@rule("areas.view")
@require_GET
def area_list(request, code=None):
    if code is None:
        roots = scope_roots(request.user, "areas.view")
        if len(roots) == 1:
            return redirect("areas:detail", code=roots[0])
        areas = visible(request.user, "areas.view", Area.objects.filter(code__in=roots))
        return render(request, "areas/roots.html", {"areas": areas})
    area = get_object(request.user, "areas.view", Area.objects.select_related("parent"), code=code)
    children = area_children(area) if area.kind != AreaKind.RT else Area.objects.none()
    return render(request, "areas/detail.html", {"area": area, "children": children})


@rule("areas.manage")
@require_http_methods(["GET", "POST"])
def import_rts(request):
    form = RtUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        allowed = visible(
            request.user, "areas.manage", Area.objects.filter(kind=AreaKind.KELURAHAN)
        )
        try:
            rows = read_rows(upload.read(), upload.name, ["kode_kelurahan", "nomor_rt"])
            result = rts_import(rows=rows, kelurahan=allowed)
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request,
                _("Impor selesai: %(created)s RT baru, %(unchanged)s sudah ada.")
                % {"created": result.created, "unchanged": result.unchanged},
            )
            return redirect("areas:import_rts")
    return render(request, "areas/import_rts.html", {"form": form, "problems": problems})
