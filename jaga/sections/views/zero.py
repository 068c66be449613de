"""The monthly zero report (laporan nihil) an RT officer sends."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jaga.access.decorators import rule
from jaga.core import periods
from jaga.core.htmx import is_htmx
from jaga.sections import selectors, services
from jaga.sections.forms import (
    ReturnForm,
)
from jaga.sections.models import ReturnKind


def _zero_cards(rts) -> list[dict]:
    months = services.allowed_months()
    return [
        {
            "rt": rt,
            "months": [
                {
                    "month": m,
                    "state": selectors.state_for(rt, m),
                    "value": f"{m:%Y-%m}",
                    "deadline": selectors.return_deadline(m),
                }
                for m in reversed(months)
            ],
        }
        for rt in rts
    ]


def _submit_return(request, rt) -> str | None:
    """Record the RT's answer from the posted form; the error message, if refused."""
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _("Pilihan tidak dikenal.")
    text = form.cleaned_data["month"]
    month = periods.parse_month(text)
    if text and month is None:
        return _("Bulan tidak dikenal.")
    try:
        services.monthly_return_submit(
            rt=rt, kind=form.cleaned_data["kind"], month=month, submitted_by=request.user
        )
    except ValidationError as invalid:
        return " ".join(invalid.messages)
    return None


@rule("sections.zero_report")
@require_http_methods(["GET", "POST"])
def zero_report(request):
    """The RT officer's one tap. Without JavaScript the form posts and the page reloads; with
    htmx only the RT's card is swapped."""
    if request.method == "POST":
        rt = selectors.section_rt(request.user, "sections.zero_report", request.POST.get("rt", ""))
        error = _submit_return(request, rt)
        if is_htmx(request):
            context = {"card": _zero_cards([rt])[0], "error": error, "kinds": ReturnKind}
            return render(
                request, "sections/_zero_card.html", context, status=400 if error else 200
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Terima kasih, jawaban Anda tercatat."))
        return redirect("sections:zero_report")
    rts = selectors.rts_for(request.user, "sections.zero_report")
    return render(
        request, "sections/zero_report.html", {"cards": _zero_cards(rts), "kinds": ReturnKind}
    )
