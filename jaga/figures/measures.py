"""The names of the rollups' measures (``FigureCell.measure`` / ``key``), shared by the
code that counts them (``rollups``) and the code that reads them (``selectors.rolled``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the selectors package reads these names: no import back at run time
    from jaga.figures.selectors.counts import Dimension

TOTAL, QUALITY, REFERRAL = "total", "quality", "referral"
QUALITY_KEYS = ("all", "closed", "closed_served", "reopened", "monitored")


def cases_measure(dimension: Dimension) -> str:
    return f"{dimension.value}.c"


def victims_measure(dimension: Dimension) -> str:
    return f"{dimension.value}.v"
