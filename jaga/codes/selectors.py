"""Reads of the code lists (public reference data: no access rule needed to read them)."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from jaga.codes.models import Code
from jaga.core.checks import Problems


def codes_of(code_list: str):
    """The codes of one list, in reference order."""
    return Code.objects.of(code_list).order_by("position")


def age_group_for(age: int) -> Code | None:
    """The SIMFONI-PPA age band holding ``age`` (bands are read from the codes, e.g. "6-12",
    "60+"), or None if no band does."""
    for code in codes_of("age_group"):
        low, _, high = code.code.partition("-")
        low = low.rstrip("+")
        if not low.isdigit():
            continue
        if code.code.endswith("+") and age >= int(low):
            return code
        if high.isdigit() and int(low) <= age <= int(high):
            return code
    return None


def code_choices(code_list: str, *, blank: bool = False) -> list[tuple[str, str]]:
    """The choices of a form field picking a code of ``code_list``."""
    choices = [(c.code, str(c)) for c in codes_of(code_list)]
    return [("", "—"), *choices] if blank else choices


def codes_resolve(
    problems: Problems, field: str, code_list: str, values: Iterable[str]
) -> list[Code]:
    """The codes of ``code_list`` named by ``values``; an unknown one is a field problem."""
    wanted = [v for v in dict.fromkeys(values) if v]
    found = {c.code: c for c in Code.objects.of(code_list).filter(code__in=wanted)}
    unknown = [v for v in wanted if v not in found]
    if unknown:
        problems.add(field, _("Kode tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)})
    return [found[v] for v in wanted if v in found]
