from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.access.policy import get_object
from jaga.areas.models import Area, AreaKind
from jaga.core import periods
from jaga.sections import selectors, services
from jaga.sections.models import ReturnKind

router = JagaRouter(tags=["seksi-ppa"])


class SectionFiguresOut(Schema):
    code: str
    name: str
    rts: int
    formed: int
    trained: int
    reported: int
    confirmed: int
    silent: int  # no answer once the month's deadline (the 5th of the next month) is over
    awaited: int  # no answer yet, before the deadline
    pct_formed: float
    pct_trained: float
    pct_active: float


class CoverageOut(SectionFiguresOut):
    month: str
    rows: list[SectionFiguresOut]


def bad_month() -> str:
    return _("Bulan harus berbentuk TTTT-BB, mis. 2026-01.")


def _figures(area: Area, figures: selectors.Figures) -> dict:
    return {
        "code": area.code,
        "name": area.name,
        "rts": figures.rts,
        "formed": figures.formed,
        "trained": figures.trained,
        "reported": figures.reported,
        "confirmed": figures.confirmed,
        "silent": figures.silent,
        "awaited": figures.awaited,
        "pct_formed": figures.pct_formed,
        "pct_trained": figures.pct_trained,
        "pct_active": figures.pct_active,
    }


@router.get("/cakupan/{code}", response=CoverageOut, summary="Cakupan Seksi PPA satu wilayah")
@api_rule("sections.coverage")
def coverage(request, code: str, bulan: str = ""):
    area = get_object(
        request.user, "sections.coverage", Area.objects.exclude(kind=AreaKind.RT), code=code
    )
    month = periods.parse_month(bulan) if bulan else periods.last_closed_month()
    if month is None:
        raise HttpError(400, bad_month())
    level = selectors.child_level(area)
    rows = selectors.coverage_by_level(area, month, level) if level else []
    return {
        **_figures(area, selectors.coverage_figures(area, month)),
        "month": f"{month:%Y-%m}",
        "rows": [_figures(row.area, row.figures) for row in rows],
    }


class ReturnIn(Schema):
    kind: ReturnKind = ReturnKind.NIL
    month: str = Field(
        "",
        # The service answers a month it cannot read with its own message (400).
        json_schema_extra={"pattern": r"^([1-9]\d{3}-(0[1-9]|1[0-2]))?$"},
        description="TTTT-BB, bulan yang masih boleh dijawab; kosong: bulan ini.",
    )
    # Needed only by someone serving more than one RT.
    rt_code: str = Field("", max_length=40)


class ReturnOut(Schema):
    rt_code: str
    month: str
    kind: str
    state: str
    changed: bool


@router.post("/nihil", response=ReturnOut, summary="Laporan nihil bulanan RT")
@api_rule("sections.zero_report")
def zero_report(request, payload: ReturnIn):
    if payload.rt_code:
        rt = selectors.section_rt(request.user, "sections.zero_report", payload.rt_code)
    else:
        rts = list(selectors.rts_for(request.user, "sections.zero_report")[:2])
        if len(rts) != 1:
            raise HttpError(400, _("Sebutkan kode RT (rt_code)."))
        rt = rts[0]
    month = periods.parse_month(payload.month)
    if payload.month and month is None:
        raise HttpError(400, bad_month())
    try:
        result = services.monthly_return_submit(
            rt=rt, kind=payload.kind, month=month, submitted_by=request.user
        )
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from None
    record = result.monthly_return
    return {
        "rt_code": rt.code,
        "month": f"{record.month:%Y-%m}",
        "kind": record.kind,
        "state": selectors.state_for(rt, record.month),
        "changed": result.changed,
    }
