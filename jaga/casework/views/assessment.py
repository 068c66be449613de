"""The assessment and the flags of a case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.casework.forms import AssessmentForm, FlagForm, VersionForm
from jaga.casework.models import Subject
from jaga.casework.selectors import (
    active_flags,
    assessment_needs,
    assessments_read,
    casework_view,
    flag_of,
    latest_status,
)
from jaga.casework.services.approvals import approval_required
from jaga.casework.services.assessment import assessment_record
from jaga.casework.services.flags import flag_remove, flag_set
from jaga.casework.views.common import may_change, submitted


@rule("casework.view")
@require_http_methods(["GET", "POST"])
def assessment(request, pk):
    """The case's assessment (latest first, earlier ones below) and, for the UPTD PPA team,
    the form that records a new one."""
    view = casework_view(request.user, pk)
    form = AssessmentForm(initial={"version": view.case.version})
    status = 200
    if request.method == "POST":
        may_change(view)
        form = AssessmentForm(request.POST)
        done = submitted(
            request,
            form,
            lambda _data: assessment_record(
                case=view.case, by=request.user, request=request, **form.service_values()
            ),
            _("Asesmen dicatat."),
            "casework:assessment",
            pk=pk,
        )
        if done:
            return done
        status = 400
    assessments = assessments_read(request.user, view.case, request=request)
    context = {
        "view": view,
        "case": view.case,
        "assessments": [(a, assessment_needs(a)) for a in assessments],
        "form": form,
        "needs_approval": approval_required(Subject.ASSESSMENT),
        "approval_status": latest_status(view.case, Subject.ASSESSMENT),
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
        may_change(view)
        form = FlagForm(request.POST)
        done = submitted(
            request,
            form,
            lambda data: flag_set(case=view.case, by=request.user, request=request, **data),
            _("Tanda dipasang."),
            "casework:flags",
            pk=pk,
        )
        if done:
            return done
        status = 400
    context = {"view": view, "case": view.case, "flags": active_flags(view.case), "form": form}
    return render(request, "casework/flags.html", context, status=status)


@rule("casework.assess")
@require_POST
def flag_off(request, pk, flag_pk):
    view = casework_view(request.user, pk)
    may_change(view)
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
