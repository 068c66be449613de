"""Figures other apps put beside the case figures on the dashboard (the children's voice
adds "children feel safe"): the figures app does not import the apps above it, they register
here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Card:
    value: str
    label: str | Promise
    link: str = ""


CARDS: list[Callable[[str], Card | None]] = []


def add_card(card_for: Callable[[str], Card | None]) -> None:
    """``card_for(area_code)`` returns the card for an area, or None to show nothing."""
    CARDS.append(card_for)


def cards_for(area_code: str) -> list[Card]:
    return [card for card_for in CARDS if (card := card_for(area_code)) is not None]
