"""The activist's cases and their accompaniment visits; the transport cost totals for the
city administrator."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.core.forms import apply_errors
from jaga.core.periods import current_month, months_ending
from jaga.forum import figures, selectors
from jaga.forum.forms import AccompanimentForm
from jaga.forum.services.accompaniment import accompaniment_record

TRANSPORT_MONTHS = 6


@rule("forum.accompany")
@require_GET
def my_cases(request):
    """The cases whose team the activist is on (numbers and status only) and their own
    recent visits."""
    context = {
        "cases": selectors.team_cases(request.user),
        "visits": selectors.accompaniments_by(request.user)[:20],
    }
    return render(request, "forum/my_cases.html", context)


@rule("forum.accompany")
@require_http_methods(["GET", "POST"])
def accompany(request, pk):
    case = selectors.team_case(request.user, pk)
    form = AccompanimentForm(request.POST or None)
    if request.method == "GET":
        # Opening a case's form is a read of the case, as on the case page (summary only).
        audit_record(
            actor=request.user,
            action=AuditAction.READ,
            target=case,
            fields=["summary"],
            request=request,
        )
    if request.method == "POST" and form.is_valid():
        try:
            accompaniment_record(
                case=case, activist=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Pendampingan dicatat di linimasa kasus."))
            return redirect("forum:my_cases")
    status = 400 if form.errors else 200
    return render(request, "forum/accompany.html", {"case": case, "form": form}, status=status)


@rule("forum.transport")
@require_GET
def transport(request):
    months = months_ending(current_month(), TRANSPORT_MONTHS)
    rows = figures.transport_totals(months[0], months[-1])
    return render(request, "forum/transport.html", {"rows": rows, "months": months})
