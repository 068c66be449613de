"""Clock pages: the overdue queue (UPTD PPA head, DP3AKB, kelurahan and kecamatan officers)
and the city administrator's service-time targets and holidays."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.clocks import services
from jaga.clocks.forms import HolidayForm, QueueForm, TargetForm
from jaga.clocks.models import Holiday, ServiceTarget
from jaga.clocks.selectors import group_overdue, overdue_queue
from jaga.core.forms import apply_errors


@rule("clocks.queue")
@require_GET
def queue(request):
    """Who is stuck: overdue items in the person's area, per organisation or per kelurahan."""
    form = QueueForm(request.GET or None)
    per = form.cleaned_data["per"] if form.is_valid() else ""
    by = "kelurahan" if per == "kelurahan" else "organisation"
    items = overdue_queue(request.user)
    context = {"groups": group_overdue(items, by), "by": by, "total": len(items)}
    return render(request, "clocks/queue.html", context)


def _targets_page(request, bound=None, status=200):
    rows = [
        (
            t,
            bound[1]
            if bound and bound[0] == t.pk
            else TargetForm(initial={"amount": t.amount, "unit": t.unit}, prefix=f"t{t.pk}"),
        )
        for t in ServiceTarget.objects.all()
    ]
    context = {"rows": rows, "holidays": Holiday.objects.all(), "holiday_form": HolidayForm()}
    return render(request, "clocks/targets.html", context, status=status)


@rule("clocks.targets")
@require_http_methods(["GET", "POST"])
def targets(request):
    """The service-time targets, each editable (city administrator)."""
    if request.method == "GET":
        return _targets_page(request)
    target = get_object_or_404(ServiceTarget, pk=request.POST.get("target", 0))
    form = TargetForm(request.POST, prefix=f"t{target.pk}")
    if form.is_valid():
        try:
            services.target_update(
                target=target, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Target waktu disimpan."))
            return redirect("clocks:targets")
    return _targets_page(request, (target.pk, form), status=400)


@rule("clocks.targets")
@require_POST
def holiday_add(request):
    form = HolidayForm(request.POST)
    if form.is_valid():
        try:
            services.holiday_add(by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Hari libur ditambahkan."))
    else:
        messages.error(request, _("Isi tanggal dan nama hari libur."))
    return redirect("clocks:targets")


@rule("clocks.targets")
@require_POST
def holiday_remove(request, pk):
    services.holiday_remove(
        holiday=get_object_or_404(Holiday, pk=pk), by=request.user, request=request
    )
    messages.success(request, _("Hari libur dihapus."))
    return redirect("clocks:targets")
