"""Reads of reports, always through the access policy (the public status page excepted: it
shows nothing but the status of the one report whose tracking code is known)."""

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _

from jaga.access.policy import get_object, visible
from jaga.access.users import User
from jaga.areas.models import Area, AreaKind
from jaga.reports.models import Report, ReportStatus


def report_queue(user: User) -> QuerySet[Report]:
    """Untriaged reports the user may triage: urgent first, then oldest first. Related rows
    come in a fixed number of queries however long the queue."""
    reports = Report.objects.filter(status=ReportStatus.RECEIVED)
    return (
        visible(user, "reports.triage", reports)
        .select_related("rt__parent", "place", "victim_sex")
        .prefetch_related("violence_forms")
        .order_by("-is_urgent", "received_at", "pk")
    )


def _last_change() -> Greatest:
    """When the status the reporter sees last moved: sent, checked, closed, or the case
    behind it opened or closed (its times only; nothing else of the case)."""
    sent = F("received_at")
    return Greatest(
        sent,
        *(
            Coalesce(field, sent)
            for field in ("verified_at", "closed_at", "case__opened_at", "case__closed_at")
        ),
    )


def reports_own(user: User) -> QuerySet[Report]:
    """The reports the user made, newest first, each with ``changed_at`` (its last status
    change): status only, never the case behind them."""
    return (
        visible(user, "reports.own", Report.objects.all())
        .annotate(changed_at=_last_change())
        .select_related("rt__parent")
        .order_by("-received_at", "-pk")
    )


def report_own_for(user: User, pk: int) -> Report:
    """One report the user made (404 otherwise), with ``changed_at``."""
    return get_object(user, "reports.own", reports_own(user), pk=pk)


def report_for_triage(user: User, pk: int) -> Report:
    """One report the user may triage (404 otherwise), any status."""

    reports = Report.objects.select_related("rt__parent", "place", "victim_sex", "reported_by")
    return get_object(user, "reports.triage", reports, pk=pk)


def report_duplicates(report: Report) -> QuerySet[Report]:
    """Likely duplicates: another report with the same victim NIK, or with the same victim name
    and birth date in the same RT. Compared through blind indexes: nothing is decrypted."""
    same = Q()
    if report.victim_nik_index:
        same |= Q(victim_nik_index=report.victim_nik_index)
    if report.victim_name_birth_index:
        same |= Q(victim_name_birth_index=report.victim_name_birth_index, rt_id=report.rt_id)
    if not same:
        return Report.objects.none()
    return (
        Report.objects.filter(same)
        .exclude(pk=report.pk)
        .select_related("rt__parent")
        .order_by("received_at")
    )


def report_by_tracking_code(code: str) -> Report | None:
    """The report a tracking code names (any case, spaces ignored), for the public status."""
    code = "".join(code.split()).upper()
    if code and not code.startswith("LP-"):
        code = "LP-" + code
    return Report.objects.filter(tracking_code=code).only("tracking_code", "status").first()


def rt_resolve(*, kelurahan_code: str = "", number: int | None = None, rt_code: str = "") -> Area:
    """The RT named by its code, or by its kelurahan and number; a precise message otherwise."""
    if rt_code:
        rt = Area.objects.filter(kind=AreaKind.RT, code=rt_code).select_related("parent").first()
        if rt is None:
            raise ValidationError(
                {"rt": _("RT dengan kode %(code)s tidak terdaftar.") % {"code": rt_code}}
            )
        return rt
    kelurahan = Area.objects.filter(kind=AreaKind.KELURAHAN, code=kelurahan_code).first()
    if kelurahan is None:
        raise ValidationError({"rt": _("Pilih kelurahan yang terdaftar.")})
    rt = (
        Area.objects.filter(kind=AreaKind.RT, parent=kelurahan, number=number)
        .select_related("parent")
        .first()
    )
    if rt is None:
        raise ValidationError(
            {
                "rt": _("RT %(number)03d tidak terdaftar di %(kelurahan)s.")
                % {"number": number or 0, "kelurahan": kelurahan}
            }
        )
    return rt


def rts_of(user: User) -> QuerySet[Area]:
    """The RTs in which the user may submit reports (an RT officer: their own)."""
    return visible(user, "reports.submit", Area.objects.filter(kind=AreaKind.RT)).select_related(
        "parent"
    )
