"""Reads of the code lists (public reference data: no access rule needed to read them)."""

from jaga.codes.models import Code


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
