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
from jaga.access.policy import can
from jaga.audit.files import audited_file_response
from jaga.core.document_text import EXTENSIONS
from jaga.core.forms import apply_errors
from jaga.core.replica import reads_from_replica
from jaga.kla import selectors
from jaga.kla.comparison import cluster_rows, indicator_change
from jaga.kla.forms import AnswerForm, CommentForm, DeadlineForm, EvidenceForm, OpenRoundForm
from jaga.kla.models import RoundStatus
from jaga.kla.review import comment_add, deadline_set
from jaga.kla.score import predicate_of
from jaga.kla.services import (
    answer_record,
    computed_refresh,
    evidence_add,
    round_open,
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
    comparison = selectors.comparison_of(request.user, kla_round, score)
    rows = [
        (ind, assignments.get(ind.indicator.pk), indicator_change(comparison, ind.indicator.number))
        for ind in score.indicators
    ]
    manage = can(request.user, "kla.manage", kla_round)
    context = {
        "round": kla_round,
        "score": score,
        "comparison": comparison,
        "clusters": cluster_rows(score, comparison, selectors.coordinators_of(kla_round)),
        "rows": rows,
        "period": kla_round.period,
        # DP3AKB may answer every indicator: the chip marks an agency's own, not all of them.
        "mine": set() if manage else selectors.assignments_answerable(request.user, kla_round),
        "manage": manage,
        "deadline_form": DeadlineForm(initial={"due_on": selectors.deadline_of(kla_round)}),
    }
    return render(request, "kla/round.html", context)


def _managed(request, pk):
    return selectors.round_managed(request.user, pk)


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


@rule("kla.manage")
@require_POST
def deadline(request, pk):
    kla_round = _managed(request, pk)
    form = DeadlineForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Isikan tanggal tenggat."))
        deadline_set(kla_round=kla_round, due_on=form.cleaned_data["due_on"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Tenggat semua indikator disimpan; pengingat akan dikirim."))
    return redirect(kla_round)


def _posted(request, kind: str, item_pk: int) -> bool:
    return (
        request.method == "POST"
        and request.POST.get("form", "answer") == kind
        and request.POST.get("item") == str(item_pk)
    )


def _comment_forms(request, score, may_comment: bool) -> dict[int, CommentForm]:
    if not may_comment:
        return {}
    return {
        i.item.pk: CommentForm(
            request.POST if _posted(request, "comment", i.item.pk) else None, item=i.item
        )
        for i in score.items
    }


def _indicator_forms(
    request, score, may_answer: bool
) -> tuple[dict[int, AnswerForm], dict[int, EvidenceForm]]:
    """Per typed item: the answer form and the evidence form, the posted one bound."""
    answers: dict[int, AnswerForm] = {}
    uploads: dict[int, EvidenceForm] = {}
    if not may_answer:
        return answers, uploads
    for item_score in score.items:
        item = item_score.item
        if item.computation:
            continue
        answer = item_score.answer
        initial = {"value": answer.value, "note": answer.note} if answer else None
        posted = _posted(request, "answer", item.pk)
        answers[item.pk] = AnswerForm(request.POST if posted else None, item=item, initial=initial)
        posted = _posted(request, "evidence", item.pk)
        uploads[item.pk] = EvidenceForm(
            request.POST if posted else None, request.FILES if posted else None, item=item
        )
    return answers, uploads


def _save_posted(request, assignment, form) -> bool:
    """The posted answer or document kept through its service; False with the errors on
    the form."""
    if not form.is_valid():
        return False
    data = dict(form.cleaned_data)
    try:
        if isinstance(form, EvidenceForm):
            upload = data.pop("file")
            evidence_add(
                assignment=assignment,
                item=form.item,
                upload=upload,
                size=upload.size,
                by=request.user,
                request=request,
                **data,
            )
            done = _("Bukti %(code)s disimpan.")
        elif isinstance(form, CommentForm):
            comment_add(assignment=assignment, item=form.item, by=request.user, **data)
            done = _("Komentar pada %(code)s disimpan.")
        else:
            answer_record(assignment=assignment, item=form.item, by=request.user, **data)
            done = _("Jawaban %(code)s disimpan.")
    except ValidationError as error:
        apply_errors(form, error)
        return False
    messages.success(request, done % {"code": form.item.code})
    return True


@rule("kla.view")
@require_http_methods(["GET", "POST"])
def indicator(request, pk, number):
    kla_round = selectors.round_get(request.user, pk)
    assignment = selectors.assignment_get(request.user, kla_round, number, "kla.view")
    may_answer = kla_round.is_open and can(request.user, "kla.answer", assignment)
    score = selectors.score_of(kla_round, [number]).indicators[0]
    answers, uploads = _indicator_forms(request, score, may_answer)
    may_comment = kla_round.status != RoundStatus.FINAL and can(
        request.user, "kla.comment", assignment
    )
    comment_forms = _comment_forms(request, score, may_comment)
    if request.method == "POST":
        item_pk = request.POST.get("item", "")
        kind = request.POST.get("form")
        forms = {"evidence": uploads, "comment": comment_forms}.get(kind or "", answers)
        form = forms.get(int(item_pk)) if item_pk.isdigit() else None
        if form is None:
            raise Http404
        if _save_posted(request, assignment, form):
            return redirect(assignment)
    context = {
        "round": kla_round,
        "assignment": assignment,
        "score": score,
        "forms": answers,
        "uploads": uploads,
        "comment_forms": comment_forms,
        "comments": selectors.comments_of(kla_round, number),
        "see_evidence": can(request.user, "kla.evidence", assignment),
        "period": kla_round.period,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "kla/indicator.html", context, status=status)


@rule("kla.evidence")
@require_GET
def evidence(request, pk):
    """An evidence file, to DP3AKB and the indicator's agency only, each download audited."""
    found = selectors.evidence_get(request.user, pk)
    extension = EXTENSIONS.get(found.content_type, "bin")
    return audited_file_response(
        request=request,
        target=found,
        field="file",
        file=found.file,
        content_type=found.content_type,
        filename=f"bukti-{found.item.code}-{found.pk}.{extension}",
    )


@rule("kla.public")
@require_GET
def public(request):
    city = selectors.public_city(request.GET.get("kota", "64.71"))
    with reads_from_replica():
        rounds = [(r, predicate_of(r.final_score or 0)) for r in selectors.final_rounds(city.code)]
    return render(request, "kla/public.html", {"city": city, "rounds": rounds})
