"""Light charts drawn as SVG on the server (``core/chart.html``): no script and no inline
style (the CSP forbids both); SVG presentation attributes (x, width, fill) are not styles.
Every chart is shown with its table beside it, so the picture never carries a figure the table
does not."""

from __future__ import annotations

from dataclasses import dataclass, field

from jaga.core.numbers import number_text, percent_text

WIDTH = 320  # the view box; the SVG scales to the phone's width
# The narrowest a chart is drawn: a 360 px phone less the page's and the card's padding. Text
# is sized so that even there it is at least READABLE_PX tall.
NARROWEST_PX, READABLE_PX = 290, 12
CHAR_EM = 0.6  # the width of an average character, in font sizes
ROW = 22  # height of one horizontal bar row
LABEL = 140  # room for the labels left of horizontal bars
TREND_HEIGHT, TREND_BOTTOM, TREND_TOP = 160, 22, 10
COLOURS = ("#0b6e4f", "#9aa5b8")  # this period, the same period last year
INK, MUTED, RULE = "#2b3445", "#5b6577", "#d7dce5"
SHARE_WIDTH, SHARE_HEIGHT, SHARE_TOP, SHARE_BOTTOM, SHARE_LEFT = 600, 220, 20, 36, 56


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
    fill: str = INK


@dataclass(frozen=True)
class Line:
    """A horizontal guide line across the plot."""

    x1: float
    x2: float
    y: float


@dataclass(frozen=True)
class Chart:
    title: str
    height: float
    bars: list[Bar]
    texts: list[Text]
    width: int = WIDTH
    lines: list[Line] = field(default_factory=list)

    @property
    def font_size(self) -> int:
        return font_size(self.width)


def font_size(width: int) -> int:
    """The font size, in view-box units, that is READABLE_PX on the narrowest screen."""
    return -(-READABLE_PX * width // NARROWEST_PX)


def _fits(label: str, room: float, width: int) -> str:
    """``label`` cut to the characters that fit in ``room`` view-box units."""
    most = int(room / (CHAR_EM * font_size(width)))
    return label if len(label) <= most else label[: max(most - 1, 1)] + "…"


def _axis_labels(labels: list[str], slot: float, width: int) -> list[str]:
    """Every label where there is room, else every second (third …) so none overlap."""
    longest = max((len(label) for label in labels), default=0) * CHAR_EM * font_size(width)
    step = max(1, -(-int(longest + font_size(width) / 2) // max(int(slot), 1)))
    return [label if index % step == 0 else "" for index, label in enumerate(labels)]


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
        bars.append(Bar(LABEL, y, length, ROW - 8, COLOURS[0], f"{label}: {number_text(value)}"))
        texts.append(Text(LABEL - 4, y + ROW - 9, _fits(label, LABEL - 8, WIDTH), "end"))
        texts.append(Text(LABEL + length + 4, y + ROW - 9, number_text(value)))
    return Chart(title, len(rows) * ROW + 8, bars, texts)


def trend_bars(title: str, labels: list[str], now: list[float], before: list[float]) -> Chart:
    """Monthly bars of this period beside the same months a year earlier."""
    top = _scale([*now, *before])
    plot = TREND_HEIGHT - TREND_BOTTOM - TREND_TOP
    slot = WIDTH / max(len(labels), 1)
    bars, texts = [], []
    shown = _axis_labels(labels, slot, WIDTH)
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
                    f"{label}: {number_text(values[index])}",
                )
            )
        texts.append(
            Text(round(index * slot + slot / 2, 1), TREND_HEIGHT - 6, shown[index], "middle")
        )
    return Chart(title, TREND_HEIGHT, bars, texts)


def share_bars(title: str, rows: list[tuple[str, float]]) -> Chart:
    """One bar per row (label, share in %), on a 0–100 % scale with guides at 0, 50 and 100."""
    plot = SHARE_HEIGHT - SHARE_TOP - SHARE_BOTTOM
    lines, texts, bars = [], [], []
    for y, label in ((SHARE_TOP + plot, "0"), (SHARE_TOP + plot / 2, "50"), (SHARE_TOP, "100")):
        lines.append(Line(SHARE_LEFT, SHARE_WIDTH, y))
        texts.append(Text(SHARE_LEFT - 6, y + font_size(SHARE_WIDTH) / 3, label, "end", MUTED))
    slot = (SHARE_WIDTH - SHARE_LEFT) / max(len(rows), 1)
    shown = _axis_labels([label for label, _ in rows], slot, SHARE_WIDTH)
    for index, (label, share) in enumerate(rows):
        height = round(plot * share / 100, 1)
        x = round(SHARE_LEFT + index * slot + slot * 0.15, 1)
        value = percent_text(share)
        top = round(SHARE_TOP + plot - height, 1)
        bars.append(Bar(x, top, round(slot * 0.7, 1), height, COLOURS[0], f"{label}: {value}"))
        x_label = round(x + slot * 0.35, 1)
        texts.append(Text(x_label, SHARE_HEIGHT - 8, shown[index], "middle", MUTED))
    return Chart(title, SHARE_HEIGHT, bars, texts, SHARE_WIDTH, lines)
