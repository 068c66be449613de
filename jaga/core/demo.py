"""Clearly labelled demo data for trying Jaga. Each app registers its own step (its
``demo.py``, imported in ``AppConfig.ready``); ``demo_load`` runs them in the order of
``INSTALLED_APPS`` (areas, then people, then the apps that build on them). Every record is
flagged ``is_demo``; loading twice adds nothing. Never loaded by a production set-up: only
``jaga load-demo`` (``make run``) does.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from jaga.core.services import planner_statistics_refresh

DEMO_PASSWORD = "jaga-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str


DemoStep = Callable[[], list[DemoLogin] | None]
DEMO_STEPS: list[DemoStep] = []  # every app adds its own demo records here
DEMO_NOTES: list[str] = []  # and what a person trying the demo needs to know about them


def register_demo(step: DemoStep) -> DemoStep:
    DEMO_STEPS.append(step)
    return step


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    """Load (or top up) the demo and return the logins the steps made, one per role."""
    logins: list[DemoLogin] = []
    for step in DEMO_STEPS:
        logins.extend(step() or [])
    planner_statistics_refresh()
    return logins
