import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import get_object, holds, scope_roots
from jaga.areas.models import Area, AreaKind
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.core import charts, periods
from jaga.core.forms import apply_errors
from jaga.core.htmx import is_htmx
from jaga.core.tabular import ImportRejected, read_rows
from jaga.people.services import invitation_path
from jaga.sections import exports, importer, selectors, services
from jaga.sections.forms import (
    MemberForm,
    ReturnForm,
    SectionForm,
    SectionUploadForm,
    TrainingForm,
)
from jaga.sections.models import ReturnKind

RTS_PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month(request) -> dt.date:
    """The month asked for in ``?bulan=YYYY-MM``, default the last full month; never later
    than the running month."""
    month = periods.parse_month(request.GET.get("bulan"))
    if month is None or month > periods.current_month():
        return periods.last_closed_month()
    return month


def _area(request, rule_name: str, code: str) -> Area:
    return get_object(
        request.user,
        rule_name,
        Area.objects.exclude(kind=AreaKind.RT).select_related("parent"),
        code=code,
    )


def _to_root(request, rule_name: str, url_name: str):
    roots = scope_roots(request.user, rule_name)
    if not roots:
        raise Http404
    return redirect(url_name, code=roots[0])


# --- Coverage ------------------------------------------------------------------------------


@rule("sections.coverage")
@require_GET
def index(request):
    return _to_root(request, "sections.coverage", "sections:coverage")


@rule("sections.coverage")
@require_GET
def coverage(request, code):
    area = _area(request, "sections.coverage", code)
    month = _month(request)
    level = selectors.child_level(area)
    context = {
        "area": area,
        "month": month,
        "deadline": selectors.return_deadline(month),
        "totals": selectors.coverage_figures(area, month),
        "rows": selectors.coverage_by_level(area, month, level) if level else None,
        "chart": charts.share_bars(
            _("RT aktif per bulan (%)"),
            [
                (date_format(point.month, "M y"), point.pct_active)
                for point in selectors.coverage_trend(area, month)
            ],
        ),
        "is_root": area.code in scope_roots(request.user, "sections.coverage"),
        "can_view": holds(request.user, "sections.view"),
        "can_export": holds(request.user, "sections.export"),
        "can_see_silent": holds(request.user, "sections.silent"),
        "gaps_only": request.GET.get("semua") != "1",
    }
    if level is None:
        rts = selectors.rt_statuses(area, month, gaps_only=context["gaps_only"])
        context["page"] = Paginator(rts, RTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "sections/coverage.html", context)


def _export(request, code, render_file, content_type: str, extension: str) -> HttpResponse:
    area = _area(request, "sections.export", code)
    month = _month(request)
    rows = selectors.coverage_by_level(area, month, AreaKind.KELURAHAN)
    totals = selectors.coverage_figures(area, month)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target=area,
        fields=["coverage"],
        reason=f"{extension} {month:%Y-%m}",
        request=request,
    )
    response = HttpResponse(render_file(area, month, rows, totals), content_type=content_type)
    filename = f"cakupan-seksi-ppa-{area.code}-{month:%Y-%m}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@rule("sections.export")
@require_GET
def export_xlsx(request, code):
    return _export(request, code, exports.coverage_xlsx, XLSX, "xlsx")


@rule("sections.export")
@require_GET
def export_pdf(request, code):
    return _export(request, code, exports.coverage_pdf, "application/pdf", "pdf")


# --- Silent RTs ----------------------------------------------------------------------------


@rule("sections.silent")
@require_GET
def silent_index(request):
    return _to_root(request, "sections.silent", "sections:silent")


@rule("sections.silent")
@require_GET
def silent(request, code):
    area = _area(request, "sections.silent", code)
    month = _month(request)
    page = Paginator(selectors.silent_rts(request.user, area, month), RTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    # Phones of section members are personal data: each list shown is one audited read.
    audit_record(
        actor=request.user,
        action=AuditAction.READ,
        object_type="sections.member",
        area_code=area.code,
        fields=["name", "phone"],
        reason=f"RT senyap {month:%Y-%m}",
        request=request,
    )
    context = {
        "area": area,
        "month": month,
        "page": page,
        "deadline": selectors.return_deadline(month),
        "deadline_passed": selectors.deadline_passed(month),
    }
    return render(request, "sections/silent.html", context)


# --- Registry ------------------------------------------------------------------------------


def _detail(request, rt, *, status=200, **forms):
    section = selectors.section_of(rt)
    members = list(section.members.all()) if section else []
    if members:
        audit_record(
            actor=request.user,
            action=AuditAction.READ,
            target=section,
            fields=["name", "phone"],
            request=request,
        )
    can_manage = holds(request.user, "sections.manage")
    initial = {"is_active": True}
    if section:
        initial = {
            "is_formed": section.is_formed,
            "decision_number": section.decision_number,
            "decision_date": section.decision_date,
            "is_active": section.is_active,
        }
    context = {
        "rt": rt,
        "section": section,
        "members": members,
        "can_manage": can_manage,
        "can_coverage": holds(request.user, "sections.coverage"),
        "can_invite": holds(request.user, "sections.invite"),
        "section_form": forms.get("section_form") or SectionForm(initial=initial),
        "member_form": forms.get("member_form") or MemberForm(),
        "training_form": forms.get("training_form") or TrainingForm(members=members),
        "invitation_url": _pop_invitation(request),
    }
    return render(request, "sections/detail.html", context, status=status)


def _pop_invitation(request):
    invitation = request.session.pop("sections_invitation", None)
    return request.build_absolute_uri(invitation) if invitation else None


@rule("sections.view")
@require_GET
def detail(request, code):
    rt = selectors.section_rt(request.user, "sections.view", code)
    return _detail(request, rt)


def _save_on_rt_page(request, rt, form, key: str, save, done: str):
    """Run ``save(cleaned_data)`` for a valid form, then back to the RT page; on any problem
    show the page again with the form's errors (400)."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("sections:detail", code=rt.code)
    return _detail(request, rt, status=400, **{key: form})


@rule("sections.manage")
@require_POST
def section_edit(request, code):
    rt = selectors.section_rt(request.user, "sections.manage", code)
    return _save_on_rt_page(
        request,
        rt,
        SectionForm(request.POST),
        "section_form",
        lambda data: services.section_save(rt=rt, changed_by=request.user, **data),
        _("Data seksi disimpan."),
    )


@rule("sections.manage")
@require_POST
def member_add(request, code):
    rt = selectors.section_rt(request.user, "sections.manage", code)
    return _save_on_rt_page(
        request,
        rt,
        MemberForm(request.POST),
        "member_form",
        lambda data: services.member_add(rt=rt, changed_by=request.user, **data),
        _("Anggota ditambahkan."),
    )


@rule("sections.manage")
@require_POST
def training_add(request, code):
    rt = selectors.section_rt(request.user, "sections.manage", code)
    section = selectors.section_of(rt)
    members = list(section.members.all()) if section else []

    def save(data):
        member = next(m for m in members if m.pk == data["member"])
        services.training_add(
            member=member, title=data["title"], held_on=data["held_on"], changed_by=request.user
        )

    return _save_on_rt_page(
        request,
        rt,
        TrainingForm(request.POST, members=members),
        "training_form",
        save,
        _("Pelatihan dicatat."),
    )


@rule("sections.manage")
@require_POST
def member_active(request, pk):
    member = selectors.member_for(request.user, "sections.manage", pk)
    try:
        services.member_set_active(
            member=member, active=request.POST.get("active") == "1", changed_by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Status anggota diperbarui."))
    return redirect("sections:detail", code=member.section.rt.code)


@rule("sections.invite")
@require_POST
def member_invite(request, pk):
    member = selectors.member_for(request.user, "sections.invite", pk)
    try:
        person = services.member_invite(member=member, invited_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        request.session["sections_invitation"] = invitation_path(person)
        messages.success(request, _("Akun dibuat. Kirimkan tautan aktivasi kepada anggota."))
    return redirect("sections:detail", code=member.section.rt.code)


# --- Import --------------------------------------------------------------------------------


@rule("sections.manage")
@require_http_methods(["GET", "POST"])
def import_view(request):
    form = SectionUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_rows(upload.read(), upload.name, importer.REQUIRED_COLUMNS)
            summary = importer.sections_import(
                rows=rows,
                rts=selectors.rts_for(request.user, "sections.manage"),
                imported_by=request.user,
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request,
                _(
                    "Impor selesai: %(sc)s seksi baru, %(su)s seksi diubah, %(mc)s anggota baru, "
                    "%(mu)s anggota diubah, %(tc)s pelatihan baru."
                )
                % {
                    "sc": summary.sections_created,
                    "su": summary.sections_changed,
                    "mc": summary.members_created,
                    "mu": summary.members_changed,
                    "tc": summary.trainings_created,
                },
            )
            return redirect("sections:import")
    status = 400 if problems or form.errors else 200
    return render(
        request,
        "sections/import.html",
        {"form": form, "problems": problems, "columns": importer.COLUMNS},
        status=status,
    )


@rule("sections.manage")
@require_GET
def import_template(request):
    response = HttpResponse(importer.import_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-seksi-ppa.xlsx"'
    return response


# --- Monthly zero report -------------------------------------------------------------------


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
