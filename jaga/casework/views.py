"""Case-management pages of one case. Each finds its case through the selectors (404 outside
the person's reach), checks the rule of the change (403), calls one service and returns to
its page, or shows the form again with what is wrong (400)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.casework.forms import AssessmentForm, FlagForm, VersionForm
from jaga.casework.selectors import (
    active_flags,
    assessment_needs,
    assessments_read,
    casework_view,
    flag_of,
)
from jaga.casework.services.assessment import assessment_record
from jaga.casework.services.flags import flag_remove, flag_set
from jaga.reports.forms import apply_errors


def _may_change(view) -> None:
    if not view.can_assess:
        raise PermissionDenied


@rule("casework.view")
@require_http_methods(["GET", "POST"])
def assessment(request, pk):
    """The case's assessment (latest first, earlier ones below) and, for the UPTD PPA team,
    the form that records a new one."""
    view = casework_view(request.user, pk)
    form = AssessmentForm(initial={"version": view.case.version})
    status = 200
    if request.method == "POST":
        _may_change(view)
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                assessment_record(
                    case=view.case, by=request.user, request=request, **form.service_values()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Asesmen dicatat."))
                return redirect("casework:assessment", pk=pk)
        status = 400
    assessments = assessments_read(request.user, view.case, request=request)
    context = {
        "view": view,
        "case": view.case,
        "assessments": [(a, assessment_needs(a)) for a in assessments],
        "form": form,
    }
    return render(request, "casework/assessment.html", context, status=status)


@rule("casework.view")
@require_http_methods(["GET", "POST"])
def flags(request, pk):
    """The case's flags, who set each and why; the UPTD PPA team sets and removes them."""
    view = casework_view(request.user, pk)
    form = FlagForm(initial={"version": view.case.version})
    status = 200
    if request.method == "POST":
        _may_change(view)
        form = FlagForm(request.POST)
        if form.is_valid():
            try:
                flag_set(case=view.case, by=request.user, request=request, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Tanda dipasang."))
                return redirect("casework:flags", pk=pk)
        status = 400
    context = {"view": view, "case": view.case, "flags": active_flags(view.case), "form": form}
    return render(request, "casework/flags.html", context, status=status)


@rule("casework.assess")
@require_POST
def flag_off(request, pk, flag_pk):
    view = casework_view(request.user, pk)
    _may_change(view)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Formulir tidak lengkap. Muat ulang halaman."))
        return redirect("casework:flags", pk=pk)
    try:
        flag_remove(
            flag=flag_of(view.case, flag_pk),
            by=request.user,
            version=form.cleaned_data["version"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Tanda dilepas."))
    return redirect("casework:flags", pk=pk)
