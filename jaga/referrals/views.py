"""Referral pages. Every page finds its referral (or case) through the selectors, i.e.
through the access policy (404 outside the person's reach), and calls one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import can, require
from jaga.audit.models import AuditAction
from jaga.cases.selectors import case_for
from jaga.clocks.selectors import TargetBook
from jaga.core.forms import apply_errors
from jaga.core.htmx import is_htmx
from jaga.people.selectors import organisation_list
from jaga.referrals import services
from jaga.referrals.clocks import referral_clocks
from jaga.referrals.forms import DeclineForm, ReferralForm, ServiceRecordForm
from jaga.referrals.letters import referral_letter_pdf
from jaga.referrals.models import ReferralStatus
from jaga.referrals.selectors import referral_get, referral_list, referral_shared_data


@rule("referrals.view")
@require_GET
def referral_index(request):
    """Referrals in the person's reach, each with its clocks; a partner sees their inbox."""
    status = request.GET.get("status", "")
    status = status if status in ReferralStatus.values else ""
    referrals = list(referral_list(request.user, status=status)[:200])
    book = TargetBook()
    rows = [(r, referral_clocks(r, book)) for r in referrals]
    template = "referrals/_rows.html" if is_htmx(request) else "referrals/list.html"
    context = {"rows": rows, "status": status, "statuses": ReferralStatus.choices}
    return render(request, template, context)


@rule("referrals.send")
@require_http_methods(["GET", "POST"])
def referral_create(request, case_pk):
    """Refer a case of the person's case team to a partner."""
    case = case_for(request.user, "cases.view", case_pk)
    require(request.user, "referrals.send", case)
    organisations = organisation_list(request.user).filter(is_active=True)
    form = ReferralForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_send(
                case=case, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Rujukan %(number)s dikirim ke %(partner)s.")
                % {"number": referral.letter_number, "partner": referral.organisation},
            )
            return redirect("referrals:detail", pk=referral.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "referrals/form.html", {"case": case, "form": form}, status=status)


def _render_detail(request, referral, status=200, **forms):
    context = {
        "referral": referral,
        "shared": referral_shared_data(request.user, referral, request=request),
        "clocks": referral_clocks(referral, TargetBook()),
        "can_respond": can(request.user, "referrals.respond", referral),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "service_form": forms.get("service_form") or ServiceRecordForm(),
    }
    return render(request, "referrals/detail.html", context, status=status)


@rule("referrals.view")
@require_GET
def referral_detail(request, pk):
    """One referral; its shared data only for the partner's officers and the case team."""
    return _render_detail(request, referral_get(request.user, pk))


def _respond(request, pk, call, success, form_class=None, form_name=""):
    """The shape of every partner step: find the referral under ``referrals.respond`` (404
    for any other organisation), validate the form if any, call the service."""
    referral = referral_get(request.user, pk, "referrals.respond")
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return _render_detail(request, referral, 400, **{form_name: form})
    values = form.cleaned_data if form is not None else {}
    try:
        call(referral=referral, by=request.user, request=request, **values)
    except ValidationError as error:
        if form is None or not hasattr(error, "error_dict"):
            messages.error(request, " ".join(error.messages))
            return redirect("referrals:detail", pk=pk)
        apply_errors(form, error)
        return _render_detail(request, referral, 400, **{form_name: form})
    messages.success(request, success)
    return redirect("referrals:detail", pk=pk)


@rule("referrals.respond")
@require_POST
def referral_accept(request, pk):
    return _respond(request, pk, services.referral_accept, _("Rujukan diterima."))


@rule("referrals.respond")
@require_POST
def referral_decline(request, pk):
    return _respond(
        request, pk, services.referral_decline, _("Rujukan ditolak."), DeclineForm, "decline_form"
    )


@rule("referrals.respond")
@require_POST
def referral_service(request, pk):
    return _respond(
        request,
        pk,
        services.referral_record_service,
        _("Layanan dicatat."),
        ServiceRecordForm,
        "service_form",
    )


@rule("referrals.respond")
@require_POST
def referral_complete(request, pk):
    return _respond(request, pk, services.referral_complete, _("Rujukan selesai."))


@rule("referrals.shared")
@require_GET
def referral_letter(request, pk):
    """The referral letter PDF: the partner's officers and the case team only (it carries the
    shared data); audited as a download. Who may open the referral but not its shared data
    (the head outside the team) is refused (403), anyone else finds nothing (404)."""
    referral = referral_get(request.user, pk)
    require(request.user, "referrals.shared", referral)
    data = referral_shared_data(
        request.user, referral, request=request, action=AuditAction.DOWNLOAD
    )
    pdf = referral_letter_pdf(referral, data)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = "surat-rujukan-" + referral.letter_number.replace("/", "-") + ".pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
