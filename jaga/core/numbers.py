"""Numbers as text in the active language ("94,4 %" in Indonesian, "94.4%" in English), for
what Django's templates do not localise by themselves: chart labels, PDF cells, text built in
Python. Thousands are grouped as ``USE_THOUSAND_SEPARATOR`` says."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def number_text(value: int | float) -> str:
    """An integer as it is, a float with one decimal."""
    if isinstance(value, float):
        return number_format(value, 1, use_l10n=True)
    return number_format(value, use_l10n=True)


def percent_text(value: int | float) -> str:
    """A percentage with one decimal and the language's percent sign."""
    return _("%(number)s %%") % {"number": number_format(value, 1, use_l10n=True)}
