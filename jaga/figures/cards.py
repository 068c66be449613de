"""Figures other apps put beside the case figures on the dashboard (the children's voice
adds "children feel safe"): the figures app does not import the apps above it, they register
here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.utils.functional import Promise

from jaga.access.links import may_open
from jaga.access.users import User


@dataclass(frozen=True)
class Card:
    value: str
    label: str | Promise
    link: str = ""


CARDS: list[Callable[[str], Card | None]] = []


def add_card(card_for: Callable[[str], Card | None]) -> None:
    """``card_for(area_code)`` returns the card for an area, or None to show nothing."""
    CARDS.append(card_for)


def cards_for(area_code: str, user: User) -> list[Card]:
    """The cards for an area, each linking only where ``user`` may go."""
    cards = [card for card_for in CARDS if (card := card_for(area_code)) is not None]
    return [card if may_open(user, card.link) else replace(card, link="") for card in cards]
