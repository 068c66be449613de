"""Transfers of a case: the head reassigns, a manager on the team asks another manager, the
receiving manager answers."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jaga.access.decorators import rule
from jaga.access.policy import can_each
from jaga.casework.forms import TransferAnswerForm, TransferForm
from jaga.casework.selectors import (
    anyone,
    case_managers,
    casework_case,
    transfer_offered,
    transfers_of,
)
from jaga.casework.services.transfers import case_reassign, transfer_answer, transfer_request
from jaga.casework.views.common import submitted


@rule("cases.view")
@require_http_methods(["GET", "POST"])
def transfers(request, pk):
    """The case's transfers; the head reassigns the case here, a manager on its team asks
    another manager to take it."""
    case = casework_case(request.user, "cases.view", pk)
    may = can_each(request.user, ["casework.reassign", "casework.transfer"], case)
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
    }
    return render(request, "casework/transfers.html", context, status=status)


@rule("casework.transfer_answer")
@require_http_methods(["GET", "POST"])
def transfer_answer_page(request, transfer_pk):
    """The receiving manager sees the case without identities until they accept."""
    transfer = transfer_offered(request.user, transfer_pk)
    form = TransferAnswerForm()
    status = 200
    if request.method == "POST":
        form = TransferAnswerForm(request.POST)
        done = submitted(
            request,
            form,
            lambda data: transfer_answer(
                transfer=transfer, by=request.user, request=request, **data
            ),
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
