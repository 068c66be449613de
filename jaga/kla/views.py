"""Pages of the KLA evaluation: the rounds, one round's score (with the score at risk and
what lifts the city to the next predicate), one indicator's items to answer, and the public
predicate history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import can, require
from jaga.kla import selectors
from jaga.kla.forms import AnswerForm, OpenRoundForm
from jaga.kla.score import predicate_of
from jaga.kla.services import (
    answer_record,
    computed_refresh,
    round_open,
    round_period,
    round_submit,
)


@rule("kla.view")
@require_GET
def home(request):
    rounds = list(selectors.rounds_for(request.user))
    scored = [(r, selectors.score_of(r)) for r in rounds]
    manage = can(request.user, "kla.manage")
    next_year = timezone.localdate().year + 1
    form = OpenRoundForm(initial={"year": next_year}) if manage else None
    return render(request, "kla/home.html", {"rounds": scored, "form": form})


@rule("kla.manage")
@require_POST
def open_round(request):
    form = OpenRoundForm(request.POST)
    city = selectors.city_managed(request.user)
    if city is None or not form.is_valid():
        messages.error(request, _("Pilih tahun evaluasi antara 2020 dan 2100."))
        return redirect("kla:home")
    try:
        kla_round = round_open(city=city, year=form.cleaned_data["year"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("kla:home")
    messages.success(request, _("Putaran %(year)s dibuka.") % {"year": kla_round.year})
    return redirect(kla_round)


@rule("kla.view")
@require_GET
def round_detail(request, pk):
    kla_round = selectors.round_get(request.user, pk)
    score = selectors.score_of(kla_round)
    assignments = selectors.assignments_of(kla_round)
    rows = [(ind, assignments.get(ind.indicator.pk)) for ind in score.indicators]
    manage = can(request.user, "kla.manage", kla_round)
    context = {
        "round": kla_round,
        "score": score,
        "rows": rows,
        "period": round_period(kla_round),
        # DP3AKB may answer every indicator: the chip marks an agency's own, not all of them.
        "mine": set() if manage else selectors.assignments_answerable(request.user, kla_round),
        "manage": manage,
    }
    return render(request, "kla/round.html", context)


def _managed(request, pk):
    kla_round = selectors.round_get(request.user, pk)
    require(request.user, "kla.manage", kla_round)
    return kla_round


@rule("kla.manage")
@require_POST
def refresh(request, pk):
    kla_round = _managed(request, pk)
    try:
        computed = computed_refresh(kla_round=kla_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(n)s butir dihitung ulang dari data Jaga.") % {"n": len(computed)}
        )
    return redirect(kla_round)


@rule("kla.manage")
@require_POST
def submit(request, pk):
    kla_round = _managed(request, pk)
    try:
        round_submit(kla_round=kla_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Penilaian mandiri dikirim; angka Jaga dibekukan."))
    return redirect(kla_round)


@rule("kla.view")
@require_http_methods(["GET", "POST"])
def indicator(request, pk, number):
    kla_round = selectors.round_get(request.user, pk)
    assignment = selectors.assignment_get(request.user, kla_round, number, "kla.view")
    may_answer = kla_round.is_open and can(request.user, "kla.answer", assignment)
    score = selectors.score_of(kla_round, [number]).indicators[0]
    forms = {}
    for item_score in score.items:
        item = item_score.item
        if item.computation or not may_answer:
            continue
        answer = item_score.answer
        posted = request.method == "POST" and request.POST.get("item") == str(item.pk)
        initial = {"value": answer.value, "note": answer.note} if answer else None
        forms[item.pk] = AnswerForm(request.POST if posted else None, item=item, initial=initial)
    if request.method == "POST":
        if not may_answer:
            raise Http404
        item_pk = request.POST.get("item", "")
        form = forms.get(int(item_pk)) if item_pk.isdigit() else None
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                answer_record(
                    assignment=assignment, item=form.item, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Jawaban %(code)s disimpan.") % {"code": form.item.code}
                )
                return redirect(assignment)
    context = {
        "round": kla_round,
        "assignment": assignment,
        "score": score,
        "forms": forms,
        "period": round_period(kla_round),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "kla/indicator.html", context, status=status)


@rule("kla.public")
@require_GET
def public(request):
    city = selectors.public_city(request.GET.get("kota", "64.71"))
    rounds = [(r, predicate_of(r.final_score or 0)) for r in selectors.final_rounds(city.code)]
    return render(request, "kla/public.html", {"city": city, "rounds": rounds})
