"""Demo: the 2025 round final (the ministry's 891 would be 2023's; Balikpapan kept Utama in
2025 — the demo enters 878, labelled as demo) and the next round half filled, its computed
items answered from the demo's own records."""

from django.utils import timezone

from jaga.areas.models import Area
from jaga.core.demo import DEMO_NOTES, register_demo
from jaga.core.services import planner_statistics_refresh
from jaga.kla.models import Answer, AnswerKind, Item, Round, RoundStatus
from jaga.kla.services import computed_refresh, round_open

FINAL_YEAR = 2025
DEMO_FINAL_SCORE = 878


def _answer_half(kla_round: Round, share: float) -> None:
    items = list(
        Item.objects.filter(indicator__instrument=kla_round.instrument, computation="").order_by(
            "indicator__number", "pk"
        )
    )
    answered = items[: round(len(items) * share)]
    Answer.objects.bulk_create(
        Answer(round=kla_round, item=item, value=_demo_value(item, i))
        for i, item in enumerate(answered)
    )


def _demo_value(item: Item, index: int) -> str:
    if item.kind in (AnswerKind.YES_NO, AnswerKind.DOCUMENT):
        return "no" if index % 7 == 3 else "yes"
    if item.kind == AnswerKind.CHOICE:
        return "1" if index % 3 == 1 else "0"
    return str(70 + index % 25)


@register_demo
def demo_kla():
    city = Area.objects.filter(code="64.71").first()
    if city is None or Round.objects.filter(city=city, is_demo=True).exists():
        return None
    # The computed items read the months the steps before just wrote in bulk: without fresh
    # statistics PostgreSQL plans the coverage query as a nested loop taking many minutes.
    planner_statistics_refresh()
    final = round_open(city=city, year=FINAL_YEAR, is_demo=True)
    _answer_half(final, 1.0)
    computed_refresh(kla_round=final)
    final.status, final.submitted_at = RoundStatus.FINAL, timezone.now()
    final.final_score = DEMO_FINAL_SCORE
    final.save(update_fields=["status", "submitted_at", "final_score"])
    current = round_open(city=city, year=timezone.localdate().year + 1, is_demo=True)
    _answer_half(current, 0.5)
    computed_refresh(kla_round=current)
    return None


DEMO_NOTES.append(
    "Evaluasi KLA (/kla/): putaran 2025 final (nilai DEMO) dan putaran tahun depan setengah "
    "terisi; narahubung Gugus Tugas menjawab indikator klaster organisasinya."
)
