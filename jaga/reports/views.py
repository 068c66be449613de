"""Report pages: the RT officer's one-screen form and their status list, the public form and
status page, staff intake, and the triage queue. Thin: parse, call a service or selector,
render."""

import hashlib
import time

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import can, holds
from jaga.audit.files import audited_file_response
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record, client_ip
from jaga.core.forms import apply_errors
from jaga.core.htmx import is_htmx
from jaga.core.pagination import PAGE_ROWS
from jaga.core.throttle import throttle_allows
from jaga.reports.forms import FORM_SALT, CloseForm, ReportForm, TrackForm
from jaga.reports.models import Channel
from jaga.reports.selectors import (
    report_by_tracking_code,
    report_duplicates,
    report_for_triage,
    report_own_for,
    report_queue,
    reports_own,
    rt_resolve,
    rts_of,
)
from jaga.reports.services import report_close, report_submit, report_verify

PUBLIC_LIMIT = getattr(settings, "JAGA_PUBLIC_REPORTS_PER_HOUR", 5)
PUBLIC_MIN_SECONDS = getattr(settings, "JAGA_PUBLIC_FORM_MIN_SECONDS", 3)
PUBLIC_MAX_SECONDS = 24 * 3600


def _submit(request, form: ReportForm, *, channel: str, rt):
    """Call the service with the form's values; on a problem, show it on the form."""
    data = form.cleaned_data
    upload = data.get("attachment")
    try:
        return report_submit(
            by=request.user,
            channel=channel,
            rt=rt,
            violence_forms=data["violence_forms"],
            place=data["place"],
            victim_kind=data["victim_kind"],
            victim_sex=data["victim_sex"],
            victim_age=data.get("victim_age"),
            victim_birth_date=data.get("victim_birth_date"),
            victim_name=data.get("victim_name", ""),
            victim_nik=data.get("victim_nik", ""),
            victim_address=data.get("victim_address", ""),
            incident_date=data.get("incident_date"),
            is_urgent=data.get("is_urgent", False),
            description=data.get("description", ""),
            reporter_name=data.get("reporter_name", ""),
            reporter_phone=data.get("reporter_phone", ""),
            attachment=upload,
            attachment_size=upload.size if upload else 0,
            request=request,
        )
    except ValidationError as error:
        apply_errors(form, error)
        return None


def _rt_from_form(form: ReportForm):
    try:
        return rt_resolve(
            kelurahan_code=form.cleaned_data["kelurahan"].code,
            number=form.cleaned_data["rt_number"],
        )
    except ValidationError as error:
        apply_errors(form, error)
        return None


@rule("reports.submit")
@require_http_methods(["GET", "POST"])
def report_create(request):
    """RT officers get their RT preset; UPTD PPA staff record the channel and the RT."""
    staff = holds(request.user, "reports.intake")
    rts = None if staff else rts_of(request.user)
    form = ReportForm(
        request.POST or None, request.FILES or None, mode="staff" if staff else "rt", rts=rts
    )
    if request.method == "POST" and form.is_valid():
        rt = _rt_from_form(form) if staff else form.cleaned_data["rt"]
        channel = form.cleaned_data["channel"] if staff else Channel.RT
        report = rt and _submit(request, form, channel=channel, rt=rt)
        if report:
            messages.success(
                request,
                _("Laporan terkirim. Kode lacak: %(code)s. Terima kasih.")
                % {"code": report.tracking_code},
            )
            return redirect("reports:queue" if staff else "reports:own")
    return render(request, "reports/form.html", {"form": form, "staff": staff})


@rule("reports.own")
@require_GET
def report_own(request):
    page = Paginator(reports_own(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "reports/own.html", {"page": page})


@rule("reports.own")
@require_GET
def report_own_status(request, pk):
    """One of the officer's reports: its code, when it was sent, its status and when that
    last changed. Nothing of the case behind it."""
    return render(request, "reports/own_status.html", {"report": report_own_for(request.user, pk)})


@rule("reports.public")
@require_http_methods(["GET", "POST"])
def public_report(request):
    """Anyone may report, anonymously if they wish. A hidden field and the time the form was
    shown keep robots out; a per-address limit slows floods. Nothing is saved on refusal."""
    form = ReportForm(request.POST or None, request.FILES or None, mode="public")
    if request.method == "POST":
        refusal = _public_refusal(request)
        if refusal:
            form.is_valid()
            form.add_error(None, refusal)
            return render(request, "reports/public_form.html", {"form": form}, status=429)
        if form.is_valid():
            # Without an RT number the report belongs to the kelurahan (triage asks for more).
            known = form.cleaned_data["rt_number"] is not None
            rt = _rt_from_form(form) if known else form.cleaned_data["kelurahan"]
            # Each form shown is sent once: a replayed form is refused, even from many
            # addresses; a form sent back with a problem to fix may be sent again.
            used = _form_used_key(request.POST.get("started", ""))
            if rt and not cache.add(used, 1, timeout=PUBLIC_MAX_SECONDS):
                form.add_error(
                    None, _("Formulir ini sudah terkirim. Muat ulang halaman untuk laporan baru.")
                )
                return render(request, "reports/public_form.html", {"form": form}, status=429)
            report = rt and _submit(request, form, channel=Channel.PUBLIC, rt=rt)
            if report:
                return render(request, "reports/public_done.html", {"report": report})
            cache.delete(used)
    return render(request, "reports/public_form.html", {"form": form})


def _form_used_key(token: str) -> str:
    return "jaga:public-form:" + hashlib.sha256(token.encode()).hexdigest()[:32]


def _public_refusal(request) -> str | None:
    generic = _(
        "Laporan belum dapat diterima. Tunggu sebentar lalu kirim lagi, atau hubungi SAPA 129."
    )
    if request.POST.get("website"):
        return generic
    try:
        token = signing.loads(
            request.POST.get("started", ""), salt=FORM_SALT, max_age=PUBLIC_MAX_SECONDS
        )
        shown = int(token[0] if isinstance(token, list) else token)  # a page shown before
    except (signing.BadSignature, ValueError, TypeError, IndexError):
        return _("Formulir sudah kedaluwarsa. Muat ulang halaman lalu isi kembali.")
    if time.time() - shown < PUBLIC_MIN_SECONDS:
        return generic
    if not throttle_allows(
        scope="public-report",
        key=client_ip(request) or "-",
        limit=PUBLIC_LIMIT,
        window_seconds=3600,
    ):
        return _(
            "Terlalu banyak laporan dari alamat ini dalam satu jam. "
            "Coba lagi nanti atau hubungi SAPA 129."
        )
    return None


@rule("reports.public")
@require_http_methods(["GET", "POST"])
def public_status(request):
    """The status of one report, for whoever holds its tracking code: nothing else. The code
    comes by POST only, so it never stays in the address bar or the history of a phone that
    others use too."""
    form = TrackForm(request.POST or None)
    report = None
    if form.is_valid():
        key = client_ip(request) or "-"
        if not throttle_allows(scope="public-status", key=key, limit=30, window_seconds=600):
            form.add_error(None, _("Terlalu banyak percobaan. Coba lagi beberapa menit lagi."))
        else:
            report = report_by_tracking_code(form.cleaned_data["code"])
            if report is None:
                form.add_error(
                    "code", _("Kode lacak tidak ditemukan. Periksa kembali penulisannya.")
                )
    return render(request, "reports/public_status.html", {"form": form, "report": report})


@rule("reports.triage")
@require_GET
def queue(request):
    page = Paginator(report_queue(request.user), PAGE_ROWS).get_page(request.GET.get("page"))
    template = "reports/_queue_rows.html" if is_htmx(request) else "reports/queue.html"
    return render(request, template, {"page": page})


@rule("reports.triage")
@require_GET
def detail(request, pk):
    """A report for triage, with likely duplicates among reports and cases. Triage needs the
    identity to verify and to spot duplicates: the read is audited with those field names."""
    report = report_for_triage(request.user, pk)
    audit_record(
        actor=request.user,
        action=AuditAction.READ,
        target=report,
        fields=[
            "victim_name",
            "victim_nik",
            "victim_address",
            "reporter_name",
            "reporter_phone",
            "description",
        ],
        request=request,
    )
    context = {
        "report": report,
        "duplicates": report_duplicates(report),
        "close_form": CloseForm(),
        "can_open": can(request.user, "cases.open"),
    }
    return render(request, "reports/detail.html", context)


@rule("reports.triage")
@require_POST
def verify(request, pk):
    report = report_for_triage(request.user, pk)
    try:
        report_verify(report=report, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Laporan diverifikasi."))
    return redirect("reports:detail", pk=report.pk)


@rule("reports.triage")
@require_POST
def close(request, pk):
    report = report_for_triage(request.user, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        duplicate_of = None
        if data["duplicate_of"]:
            duplicate_of = report_by_tracking_code(data["duplicate_of"])
            if duplicate_of is None:
                messages.error(request, _("Kode lacak laporan yang sama tidak ditemukan."))
                return redirect("reports:detail", pk=report.pk)
        try:
            report_close(
                report=report,
                by=request.user,
                reason=data["reason"],
                note=data["note"],
                forwarded_to=data["forwarded_to"],
                duplicate_of=duplicate_of,
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reports:detail", pk=report.pk)
        messages.success(request, _("Laporan ditutup."))
        return redirect("reports:queue")
    messages.error(request, _("Pilih alasan penutupan."))
    return redirect("reports:detail", pk=report.pk)


@rule("reports.triage")
@require_GET
def attachment(request, pk):
    """The report's attachment, for those who may triage it; each download is audited."""
    report = report_for_triage(request.user, pk)
    if not report.attachment:
        raise Http404
    return audited_file_response(
        request=request,
        target=report,
        field="attachment",
        file=report.attachment,
        content_type=report.attachment_type,
        filename=report.tracking_code,
    )
