"""Where apps that build on case files plug into them. ``cases`` never imports those apps
(layers go down); they register here, in their ``AppConfig.ready``:

- a *transition guard* says why a case may not take a step now (a case is "assessed" only
  with a completed assessment, closed only with the head's approval …);
- a *transition listener* acts inside the step's transaction once it is taken (follow-ups
  are scheduled when a case closes …);
- a *case panel* is a template included in the case page (its links and summaries); the
  access rules it asks of the case are registered too, so that the page asks them all in
  its one query of the person's rights on the case;
- an *identity source* names the app's records whose reads show a victim's identity (the
  referrals naming them), for the breach-notice report.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jaga.audit.breach import Watch
    from jaga.cases.models import Case, CasePerson

# (case, to_status) -> {field: message} of the problems; empty when the step may be taken.
TransitionGuard = Callable[["Case", str], dict[str, str]]
# (case after the step, from_status, by) -> None
TransitionListener = Callable[["Case", str, Any], None]

# (the victims a breach notice is about) -> the app's records to watch in the audit trail
IdentitySource = Callable[[list["CasePerson"]], list["Watch"]]

TRANSITION_GUARDS: list[TransitionGuard] = []
TRANSITION_LISTENERS: list[TransitionListener] = []
CASE_PANELS: list[str] = []
CASE_PANEL_RULES: list[str] = []
IDENTITY_SOURCES: list[IdentitySource] = []


def register_transition_guard(guard: TransitionGuard) -> TransitionGuard:
    TRANSITION_GUARDS.append(guard)
    return guard


def register_transition_listener(listener: TransitionListener) -> TransitionListener:
    TRANSITION_LISTENERS.append(listener)
    return listener


def register_case_panel(template_name: str | None, rules: tuple[str, ...] = ()) -> None:
    """A panel of the case page (None: a panel the page includes by name) and the access
    rules it asks of the case."""
    if template_name and template_name not in CASE_PANELS:
        CASE_PANELS.append(template_name)
    CASE_PANEL_RULES.extend(r for r in rules if r not in CASE_PANEL_RULES)


def register_identity_source(source: IdentitySource) -> IdentitySource:
    if source not in IDENTITY_SOURCES:
        IDENTITY_SOURCES.append(source)
    return source


def transition_problems(case: "Case", to_status: str) -> dict[str, str]:
    """Every registered guard's problems with the step, merged."""
    problems: dict[str, str] = {}
    for guard in TRANSITION_GUARDS:
        problems.update(guard(case, to_status))
    return problems


@contextmanager
def guards_suspended() -> Iterator[None]:
    """For tests of the case workflow itself (its table of steps), whose cases carry none of
    the records the guards of higher apps ask for; those apps prove their guards in their own
    tests."""
    saved = TRANSITION_GUARDS[:]
    TRANSITION_GUARDS.clear()
    try:
        yield
    finally:
        TRANSITION_GUARDS[:] = saved
