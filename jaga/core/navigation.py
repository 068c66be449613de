"""What a person can do next: each app adds its starting points, the home page shows those
whose rule the person holds (the policy, a layer above, does that filtering)."""

from dataclasses import dataclass

from django.utils.functional import Promise


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


def actions() -> list[Action]:
    """Every starting point, in the order the home page lists them."""
    return sorted(ACTIONS, key=lambda a: a.order)
