"""Closing a case (terminasi) with its reason, outcome and the victim's own view, and the
follow-ups during service and after closure."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.casework.clocks import follow_up_clock
from jaga.casework.forms import ClosureForm, FollowUpDoneForm, FollowUpForm
from jaga.casework.models import ContactOutcome, Subject
from jaga.casework.selectors import casework_view, closures_read, follow_ups_of, latest_status
from jaga.casework.services.approvals import approval_required
from jaga.casework.services.followups import case_close, followup_record, followup_schedule
from jaga.casework.views.common import may_change, submitted


@rule("casework.view")
@require_http_methods(["GET", "POST"])
def closure(request, pk):
    """Close the case: why, how it went and, with consent, the victim's own view; earlier
    closings of a reopened case are listed."""
    view = casework_view(request.user, pk)
    form = ClosureForm(initial={"version": view.case.version})
    status = 200
    if request.method == "POST":
        may_change(view)
        form = ClosureForm(request.POST)
        done = submitted(
            request,
            form,
            lambda data: case_close(case=view.case, by=request.user, request=request, **data),
            _("Kasus ditutup. Pemantauan 1, 3 dan 6 bulan dijadwalkan."),
            "casework:follow_ups",
            pk=pk,
        )
        if done:
            return done
        status = 400
    context = {
        "view": view,
        "case": view.case,
        "form": form,
        "closures": closures_read(request.user, view.case, request=request),
        "needs_approval": approval_required(Subject.CLOSURE),
        "approval_status": latest_status(view.case, Subject.CLOSURE),
    }
    return render(request, "casework/closure.html", context, status=status)


def _follow_ups_page(request, view, *, form=None, done_form=None, status=200):
    context = {
        "view": view,
        "case": view.case,
        "follow_ups": [(f, follow_up_clock(f)) for f in follow_ups_of(view.case)],
        "form": form or FollowUpForm(initial={"version": view.case.version}),
        "done_form": done_form,
        "outcome_choices": ContactOutcome.choices,
    }
    return render(request, "casework/follow_ups.html", context, status=status)


@rule("casework.view")
@require_http_methods(["GET", "POST"])
def follow_ups(request, pk):
    """Scheduled contacts with the victim, their clocks and outcomes; the team schedules
    more (during service or after closure)."""
    view = casework_view(request.user, pk)
    if request.method == "GET":
        return _follow_ups_page(request, view)
    may_change(view)
    form = FollowUpForm(request.POST)
    done = submitted(
        request,
        form,
        lambda data: followup_schedule(case=view.case, by=request.user, request=request, **data),
        _("Tindak lanjut dijadwalkan."),
        "casework:follow_ups",
        pk=pk,
    )
    return done or _follow_ups_page(request, view, form=form, status=400)


@rule("casework.view")
@require_POST
def follow_up_done(request, pk, follow_up_pk):
    """Record how a contact went: the case team, the FP2ATBM companion included."""
    view = casework_view(request.user, pk)
    follow_up = get_object_or_404(follow_ups_of(view.case), pk=follow_up_pk)
    form = FollowUpDoneForm(request.POST)
    done = submitted(
        request,
        form,
        lambda data: followup_record(follow_up=follow_up, by=request.user, request=request, **data),
        _("Hasil tindak lanjut dicatat."),
        "casework:follow_ups",
        pk=pk,
    )
    return done or _follow_ups_page(request, view, done_form=(follow_up.pk, form), status=400)
