"""The breach-notice report for the city administrator / data protection officer: find the
person (NIK, or case number then victim), see who saw or exported their identity, download
it as a PDF for the written notice. Every report made is audited (``breach_report``)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.cases.breach import (
    RULE,
    BreachReport,
    breach_case_victims,
    breach_report,
    breach_subjects_by_nik,
    breach_subjects_of,
)
from jaga.cases.breach_pdf import breach_report_pdf
from jaga.cases.forms import BreachLookupForm


def _pdf(report: BreachReport) -> HttpResponse:
    response = HttpResponse(breach_report_pdf(report), content_type="application/pdf")
    stamp = timezone.localtime(report.generated_at).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="pemberitahuan-kebocoran-{stamp}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@rule(RULE)
@require_http_methods(["GET", "POST"])
def breach_lookup(request):
    """The lookup form; by NIK it shows the report at once (or sends the PDF), by case number
    the case's victims to choose from."""
    form = BreachLookupForm(request.POST or None)
    context: dict = {"form": form}
    if form.is_valid():
        if form.cleaned_data["nik"]:
            pdf = "pdf" in request.POST
            subjects = breach_subjects_by_nik(request.user, form.cleaned_data["nik"])
            report = breach_report(request.user, subjects, pdf=pdf, request=request)
            if pdf:
                return _pdf(report)
            context["report"] = report
        else:
            context["victims"] = breach_case_victims(request.user, form.cleaned_data["number"])
            context["searched"] = True
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "cases/breach.html", context, status=status)


@rule(RULE)
@require_GET
def breach_person(request, pk, person_pk):
    """The report for one victim of one case (404 outside the person's reach)."""
    subjects = breach_subjects_of(request.user, pk, person_pk)
    pdf = request.GET.get("format") == "pdf"
    report = breach_report(request.user, subjects, pdf=pdf, request=request)
    if pdf:
        return _pdf(report)
    return render(
        request,
        "cases/breach.html",
        {"form": BreachLookupForm(), "report": report, "person": subjects.people[0]},
    )
