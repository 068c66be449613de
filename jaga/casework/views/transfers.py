"""Transfers of a case: the head reassigns, a manager on the team asks another manager, the
receiving manager answers."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jaga.access.decorators import rule
from jaga.access.policy import can_each
from jaga.casework.forms import (
    CityTransferAnswerForm,
    CityTransferForm,
    TransferAnswerForm,
    TransferForm,
)
from jaga.casework.selectors import (
    anyone,
    case_managers,
    casework_case,
    city_transfer_offered,
    managers_of,
    transfer_offered,
    transfers_of,
    uptd_elsewhere,
)
from jaga.casework.services.city_transfers import city_transfer_answer, city_transfer_request
from jaga.casework.services.transfers import case_reassign, transfer_answer, transfer_request
from jaga.casework.views.common import submitted


@rule("cases.view")
@require_http_methods(["GET", "POST"])
def transfers(request, pk):
    """The case's transfers; the head reassigns the case here, a manager on its team asks
    another manager to take it."""
    case = casework_case(request.user, "cases.view", pk)
    may = can_each(
        request.user, ["casework.reassign", "casework.transfer", "casework.transfer_city"], case
    )
    if not any(may.values()):
        raise PermissionDenied
    managers = case_managers().exclude(pk=case.manager_id)
    form = TransferForm(initial={"version": case.version}, managers=managers)
    status = 200
    if request.method == "POST":
        # Anyone may be named here: the service says precisely why someone cannot take it.
        form = TransferForm(request.POST, managers=anyone())
        service = case_reassign if may["casework.reassign"] else transfer_request
        done = submitted(
            request,
            form,
            lambda data: service(case=case, by=request.user, request=request, **data),
            _("Kasus dialihkan.")
            if may["casework.reassign"]
            else _("Permintaan pengalihan dikirim."),
            "casework:transfers",
            pk=pk,
        )
        if done:
            return done
        status = 400
    context = {
        "case": case,
        "transfers": transfers_of(case),
        "form": form,
        "reassign": may["casework.reassign"],
        "to_city": may["casework.transfer_city"],
    }
    return render(request, "casework/transfers.html", context, status=status)


def _answer_page(request, transfer, service, make_form):
    """The receiving side sees the case without identities until they accept."""
    form = make_form(None)
    status = 200
    if request.method == "POST":
        form = make_form(request.POST)
        done = submitted(
            request,
            form,
            lambda data: service(transfer=transfer, by=request.user, request=request, **data),
            _("Jawaban dicatat."),
            "casework:tasks",
        )
        if done:
            return done
        status = 400
    return render(
        request,
        "casework/transfer_answer.html",
        {"transfer": transfer, "form": form},
        status=status,
    )


@rule("casework.transfer_answer")
@require_http_methods(["GET", "POST"])
def transfer_answer_page(request, transfer_pk):
    """The receiving manager accepts or declines a transfer offered to them."""
    transfer = transfer_offered(request.user, transfer_pk)
    return _answer_page(request, transfer, transfer_answer, TransferAnswerForm)


@rule("casework.transfer_city_answer")
@require_http_methods(["GET", "POST"])
def city_transfer_answer_page(request, transfer_pk):
    """The receiving city's head accepts, naming the manager, or declines."""
    transfer = city_transfer_offered(request.user, transfer_pk)
    managers = managers_of(transfer.to_organisation)
    return _answer_page(
        request,
        transfer,
        city_transfer_answer,
        lambda data: CityTransferAnswerForm(data, managers=managers),
    )


@rule("casework.transfer_city")
@require_http_methods(["GET", "POST"])
def city_transfer(request, pk):
    """The case team asks another city's UPTD PPA to take the case: the victim moved."""
    case = casework_case(request.user, "casework.transfer_city", pk)
    organisations = uptd_elsewhere(case)
    form = CityTransferForm(initial={"version": case.version}, organisations=organisations)
    status = 200
    if request.method == "POST":
        form = CityTransferForm(request.POST, organisations=organisations)
        done = submitted(
            request,
            form,
            lambda data: city_transfer_request(case=case, by=request.user, request=request, **data),
            _("Permintaan pengalihan ke kota lain dikirim."),
            "casework:transfers",
            pk=pk,
        )
        if done:
            return done
        status = 400
    context = {"case": case, "form": form}
    return render(request, "casework/city_transfer.html", context, status=status)
