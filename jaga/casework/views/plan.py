"""The service plan of a case: record it with its goals, mark a goal's outcome, review it."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.casework.clocks import review_clock
from jaga.casework.forms import GoalOutcomeForm, GoalsForm, PlanForm, ReviewForm
from jaga.casework.models import GoalOutcome, Subject
from jaga.casework.selectors import casework_view, latest_status, plan_read, team_people
from jaga.casework.services.approvals import approval_required
from jaga.casework.services.plan import (
    goal_outcome_record,
    goal_update,
    plan_goals_add,
    plan_record,
    plan_review_record,
)
from jaga.casework.views.common import may_change, submitted
from jaga.people.selectors import organisation_list


def _plan_form(request, case, data=None, form_class=PlanForm) -> GoalsForm:
    team = team_people(case)
    partners = organisation_list(request.user).filter(is_active=True)
    return form_class(data, initial={"version": case.version}, team=team, partners=partners)


def _page(
    request,
    view,
    *,
    plan_form=None,
    goals_form=None,
    review_form=None,
    outcome_form=None,
    status=200,
):
    case = view.case
    plan = plan_read(request.user, case, request=request)
    open_review = next((r for r in plan.reviews.all() if r.done_at is None), None) if plan else None
    context = {
        "view": view,
        "case": case,
        "plan": plan,
        "plan_form": plan_form or (None if plan else _plan_form(request, case)),
        "goals_form": goals_form or (_plan_form(request, case, None, GoalsForm) if plan else None),
        "review": open_review,
        "review_clock": review_clock(open_review) if open_review else None,
        "review_form": review_form or ReviewForm(initial={"version": case.version}),
        "outcome_form": outcome_form,
        "outcomes": GoalOutcome.choices,
        "needs_approval": approval_required(Subject.PLAN),
        "approval_status": latest_status(case, Subject.PLAN),
    }
    return render(request, "casework/plan.html", context, status=status)


@rule("casework.view")
@require_http_methods(["GET", "POST"])
def plan(request, pk):
    """The plan agreed with the victim or guardian, its goals and reviews; the UPTD PPA team
    records it (up to three goals at once)."""
    view = casework_view(request.user, pk)
    if request.method == "GET":
        return _page(request, view)
    may_change(view)
    form = _plan_form(request, view.case, request.POST)
    done = submitted(
        request,
        form,
        lambda data: plan_record(
            case=view.case,
            by=request.user,
            version=data["version"],
            agreed_with=data["agreed_with"],
            agreed_on=data["agreed_on"],
            review_on=data["review_on"],
            goals=form.goals(),
            request=request,
        ),
        _("Rencana layanan dicatat."),
        "casework:plan",
        pk=pk,
    )
    return done or _page(request, view, plan_form=form, status=400)


@rule("casework.assess")
@require_POST
def goals_add(request, pk):
    """Goals added to the plan later."""
    view = casework_view(request.user, pk)
    may_change(view)
    form = _plan_form(request, view.case, request.POST, GoalsForm)
    done = submitted(
        request,
        form,
        lambda data: plan_goals_add(
            case=view.case,
            by=request.user,
            version=data["version"],
            goals=form.goals(),
            request=request,
        ),
        _("Tujuan ditambahkan ke rencana layanan."),
        "casework:plan",
        pk=pk,
    )
    return done or _page(request, view, goals_form=form, status=400)


def _goal_form(request, case, goal, data=None) -> GoalsForm:
    initial = {
        "version": case.version,
        "goal0_text": goal.text,
        "goal0_responsible": goal.responsible_id,
        "goal0_target_on": goal.target_on,
        "goal0_review_on": goal.review_on,
        "goal0_services": [code.code for code in goal.services.all()],
        "goal0_partner": next((o.pk for o in goal.partners.all()), None),
    }
    team = team_people(case)
    partners = organisation_list(request.user).filter(is_active=True)
    return GoalsForm(data, initial=initial, team=team, partners=partners, rows=1)


@rule("casework.assess")
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk, goal_pk):
    """One goal of the plan changed (not one already assessed)."""
    view = casework_view(request.user, pk)
    may_change(view)
    goal = get_object_or_404(view.case.plan_goals.filter(outcome=""), pk=goal_pk)
    form = _goal_form(request, view.case, goal, request.POST or None)
    if request.method == "POST":
        done = submitted(
            request,
            form,
            lambda data: goal_update(
                goal=goal,
                by=request.user,
                version=data["version"],
                changed=form.goals()[0],
                request=request,
            ),
            _("Tujuan diubah."),
            "casework:plan",
            pk=pk,
        )
        if done:
            return done
    context = {"case": view.case, "goal": goal, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "casework/goal_edit.html", context, status=status)


@rule("casework.assess")
@require_POST
def goal_outcome(request, pk, goal_pk):
    view = casework_view(request.user, pk)
    may_change(view)
    goal = get_object_or_404(view.case.plan_goals.all(), pk=goal_pk)
    form = GoalOutcomeForm(request.POST)
    done = submitted(
        request,
        form,
        lambda data: goal_outcome_record(goal=goal, by=request.user, request=request, **data),
        _("Hasil tujuan dicatat."),
        "casework:plan",
        pk=pk,
    )
    return done or _page(request, view, outcome_form=(goal.pk, form), status=400)


@rule("casework.assess")
@require_POST
def review(request, pk):
    view = casework_view(request.user, pk)
    may_change(view)
    form = ReviewForm(request.POST)
    done = submitted(
        request,
        form,
        lambda data: plan_review_record(case=view.case, by=request.user, request=request, **data),
        _("Tinjauan rencana dicatat."),
        "casework:plan",
        pk=pk,
    )
    return done or _page(request, view, review_form=form, status=400)
