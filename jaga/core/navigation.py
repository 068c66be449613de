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


@dataclass(frozen=True)
class HomePanel:
    """A template an app adds to the home page of those who hold ``rule`` (say, the top of
    a person's task list), above their starting points."""

    rule: str
    template: str


HOME_PANELS: list[HomePanel] = []


def add_home_panel(panel: HomePanel) -> None:
    HOME_PANELS.append(panel)


def home_panels() -> list[HomePanel]:
    return list(HOME_PANELS)
