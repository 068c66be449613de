"""A bar chart drawn as SVG on the server: no script, no inline style (the CSP forbids it);
SVG presentation attributes (fill, x, height) are not styles and are allowed."""

from dataclasses import dataclass

from django.utils.formats import date_format, number_format

from jaga.sections.selectors import TrendPoint

WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 600, 200, 16, 28, 32


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    label_x: float


def trend_bars(points: list[TrendPoint]) -> list[Bar]:
    """Bars of the monthly share of active RTs (0–100 %), placed in a 600×200 view box."""
    if not points:
        return []
    slot = (WIDTH - LEFT) / len(points)
    plot = HEIGHT - TOP - BOTTOM
    bars = []
    for index, point in enumerate(points):
        height = round(plot * point.pct_active / 100, 1)
        x = round(LEFT + index * slot + slot * 0.15, 1)
        bars.append(
            Bar(
                x=x,
                y=round(TOP + plot - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
                label=date_format(point.month, "M y"),
                value=f"{number_format(point.pct_active, 1)}%",
                label_x=round(x + slot * 0.35, 1),
            )
        )
    return bars


GRID = [  # (y, label) of the 0, 50 and 100 % lines
    (HEIGHT - BOTTOM, "0"),
    (TOP + (HEIGHT - TOP - BOTTOM) / 2, "50"),
    (TOP, "100"),
]
