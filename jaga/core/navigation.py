"""What a person can do next: each app adds its starting points, the home page shows those
whose rule the person holds."""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from jaga.access.policy import holds


@dataclass(frozen=True)
class Action:
    rule: str
    url_name: str
    label: str | Promise
    help: str | Promise
    order: int = 50


ACTIONS: list[Action] = []


def add_action(action: Action) -> None:
    ACTIONS.append(action)


def actions_for(user: Any) -> list[Action]:
    return sorted((a for a in ACTIONS if holds(user, a.rule)), key=lambda a: a.order)
