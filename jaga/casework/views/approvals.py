"""The head's approvals: a case's requests (and the form to ask), the head's queue, the
decision page, and the city's choice of what needs approval."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.casework.clocks import approval_clock
from jaga.casework.forms import ApprovalRequestForm, DecisionForm
from jaga.casework.models import MonitoringPlan, Subject
from jaga.casework.selectors import (
    approval_for_decision,
    approval_queue,
    approvals_of,
    assessment_needs,
    assessments_read,
    casework_view,
    plan_read,
    requirements,
)
from jaga.casework.services.approvals import approval_decide, approval_request, requirement_set
from jaga.casework.services.followups import monitoring_plan_set
from jaga.casework.views.common import may_change, submitted
from jaga.clocks.selectors import TargetBook


@rule("casework.view")
@require_http_methods(["GET", "POST"])
def case_approvals(request, pk):
    """The case's requests for the head's approval and their decisions; the UPTD PPA team
    asks for one here."""
    view = casework_view(request.user, pk)
    form = ApprovalRequestForm(initial={"version": view.case.version})
    status = 200
    if request.method == "POST":
        may_change(view)
        form = ApprovalRequestForm(request.POST)
        done = submitted(
            request,
            form,
            lambda data: approval_request(case=view.case, by=request.user, request=request, **data),
            _("Permintaan persetujuan dikirim ke kepala UPTD PPA."),
            "casework:approvals",
            pk=pk,
        )
        if done:
            return done
        status = 400
    book = TargetBook()
    context = {
        "view": view,
        "case": view.case,
        "approvals": [(a, approval_clock(a, book)) for a in approvals_of(view.case)],
        "form": form,
        "requirements": requirements(),
    }
    return render(request, "casework/approvals.html", context, status=status)


@rule("casework.approve")
@require_GET
def approval_queue_page(request):
    """Requests waiting for the head's decision, oldest first, with their clocks."""
    book = TargetBook()
    pending = [(a, approval_clock(a, book)) for a in approval_queue(request.user)]
    return render(request, "casework/approval_queue.html", {"pending": pending})


@rule("casework.approve")
@require_http_methods(["GET", "POST"])
def decide(request, approval_pk):
    """What is asked (the assessment, the plan, or the closure's reason), read in full by the
    head (audited), and the decision: approve, or return with a comment."""
    approval = approval_for_decision(request.user, approval_pk)
    case = approval.case
    form = DecisionForm(initial={"version": case.version})
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST)
        done = submitted(
            request,
            form,
            lambda data: approval_decide(
                approval=approval, by=request.user, request=request, **data
            ),
            _("Keputusan dicatat."),
            "casework:approval_queue",
        )
        if done:
            return done
        status = 400
    context = {"approval": approval, "case": case, "form": form, "clock": None}
    if approval.subject == Subject.ASSESSMENT:
        latest = assessments_read(request.user, case, request=request)[:1]
        context["assessments"] = [(a, assessment_needs(a)) for a in latest]
    elif approval.subject == Subject.PLAN:
        context["plan"] = plan_read(request.user, case, request=request)
    context["clock"] = approval_clock(approval, TargetBook())
    return render(request, "casework/decide.html", context, status=status)


@rule("casework.settings")
@require_http_methods(["GET", "POST"])
def requirement_page(request):
    """The city administrator chooses what needs the head's approval."""
    if request.method == "POST":
        chosen = set(request.POST.getlist("required"))
        try:
            for subject in Subject.values:
                requirement_set(
                    subject=subject, required=subject in chosen, by=request.user, request=request
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Pilihan persetujuan disimpan."))
        return redirect("casework:requirements")
    context = {"requirements": requirements(), "monitoring": MonitoringPlan.current()}
    return render(request, "casework/requirements.html", context)


@rule("casework.settings")
@require_POST
def monitoring_plan(request):
    """The months of monitoring after a closing (on the same settings page)."""
    try:
        plan = monitoring_plan_set(
            months=request.POST.get("months", ""), by=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        months = ", ".join(str(m) for m in plan.month_list)
        messages.success(
            request,
            _(
                "Pemantauan setelah penutupan: bulan ke-%(months)s (untuk kasus yang ditutup "
                "mulai sekarang)."
            )
            % {"months": months},
        )
    return redirect("casework:requirements")
