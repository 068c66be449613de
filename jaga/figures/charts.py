"""Light charts drawn as SVG on the server: no script and no inline style (the CSP forbids
both); SVG presentation attributes (x, width, fill) are not styles. Every chart is shown with
its table beside it, so the picture never carries a figure the table does not."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 320  # the view box; the SVG scales to the phone's width
ROW = 22  # height of one horizontal bar row
LABEL = 120  # room for the labels left of horizontal bars
TREND_HEIGHT, TREND_BOTTOM, TREND_TOP = 160, 22, 10
COLOURS = ("#0b6e4f", "#9aa5b8")  # this period, the same period last year


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass(frozen=True)
class Chart:
    title: str
    height: float
    bars: list[Bar]
    texts: list[Text]
    width: int = WIDTH


def _scale(values: list[float]) -> float:
    top = max(values, default=0)
    return top if top > 0 else 1


def horizontal_bars(title: str, rows: list[tuple[str, float]]) -> Chart:
    """One bar per row (label, value), longest value across the full width."""
    top = _scale([value for _, value in rows])
    span = WIDTH - LABEL - 36
    bars, texts = [], []
    for index, (label, value) in enumerate(rows):
        y = index * ROW + 4
        length = round(span * value / top, 1)
        bars.append(Bar(LABEL, y, length, ROW - 8, COLOURS[0], f"{label}: {value:g}"))
        texts.append(Text(LABEL - 4, y + ROW - 11, label[:22], "end"))
        texts.append(Text(LABEL + length + 4, y + ROW - 11, f"{value:g}"))
    return Chart(title, len(rows) * ROW + 8, bars, texts)


def trend_bars(title: str, labels: list[str], now: list[float], before: list[float]) -> Chart:
    """Monthly bars of this period beside the same months a year earlier."""
    top = _scale([*now, *before])
    plot = TREND_HEIGHT - TREND_BOTTOM - TREND_TOP
    slot = WIDTH / max(len(labels), 1)
    bars, texts = [], []
    for index, label in enumerate(labels):
        left = index * slot + slot * 0.1
        for series, (values, colour) in enumerate(zip((now, before), COLOURS, strict=True)):
            height = round(plot * values[index] / top, 1)
            bars.append(
                Bar(
                    round(left + series * slot * 0.4, 1),
                    round(TREND_TOP + plot - height, 1),
                    round(slot * 0.38, 1),
                    height,
                    colour,
                    f"{label}: {values[index]:g}",
                )
            )
        texts.append(Text(round(index * slot + slot / 2, 1), TREND_HEIGHT - 6, label, "middle"))
    return Chart(title, TREND_HEIGHT, bars, texts)
