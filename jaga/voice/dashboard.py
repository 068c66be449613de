"""The "children feel safe" figure on the case dashboard (/angka/), through the figures
app's card registry."""

from django.urls import reverse
from django.utils.translation import gettext as _

from jaga.core.numbers import percent_text
from jaga.figures.cards import Card, add_card
from jaga.voice.selectors.results import feels_safe, latest_round


def _feels_safe_card(area_code: str) -> Card | None:
    """The dashboard's "children feel safe" beside cases and speed of response."""
    city_code = ".".join(area_code.split(".")[:2])
    survey_round = latest_round(city_code) if city_code.count(".") == 1 else None
    if survey_round is None:
        return None
    figure = feels_safe(survey_round, area_code)
    value = percent_text(figure.percent) if figure.percent is not None else "—"
    label = _("jawaban anak berkata “merasa aman” (%(round)s)") % {"round": survey_round.name}
    return Card(value, label, reverse("voice:results") + f"?wilayah={area_code}")


add_card(_feels_safe_card)
