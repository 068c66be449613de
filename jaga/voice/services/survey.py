"""Writes of the survey: the questionnaire from reference data, rounds, sessions and answers.

Every function validates everything before it saves anything and raises a ``ValidationError``
whose messages a child or a teacher understands."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.policy import visible
from jaga.areas.models import Area, AreaKind
from jaga.people.models import Organisation, OrganisationKind
from jaga.voice.models import (
    AgeBand,
    Answer,
    Question,
    Questionnaire,
    Response,
    Round,
    Sex,
    SurveySession,
)

REFERENCE = Path(settings.BASE_DIR) / "jaga" / "reference" / "voice_questionnaire.json"
# Letters and digits a child does not confuse (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
MAX_EXPECTED = 60
MAX_HOURS = 12
WEB_SESSION_START = dt.time(7, 0)


def _field_errors(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def normalise_code(code: str) -> str:
    return "".join(code.split()).upper()


@transaction.atomic
def questionnaire_load(
    *,
    path: Path = REFERENCE,
    questionnaire_model: Any = Questionnaire,
    question_model: Any = Question,
) -> Questionnaire:
    """The questionnaire of ``path`` (by default Jaga's draft) in the database; idempotent:
    questions already there are refreshed, none is deleted (answers point at them). The
    models may be a data migration's historical ones."""
    data = json.loads(path.read_text(encoding="utf-8"))
    questionnaire, _created = questionnaire_model.objects.update_or_create(
        code=data["code"],
        defaults={"name": data["name"], "is_draft": data["is_draft"], "note": data["note"]},
    )
    for age_band, questions in data["versions"].items():
        for number, item in enumerate(questions, start=1):
            options = data["scales"][item["scale"]] if "scale" in item else item["options"]
            question_model.objects.update_or_create(
                questionnaire=questionnaire,
                age_band=age_band,
                code=item["code"],
                defaults={
                    "number": number,
                    "text": item["text"],
                    "kind": item["kind"],
                    "place": item.get("place", ""),
                    "options": options,
                    "danger_values": item.get("danger_values", []),
                    "is_headline": item.get("headline", False),
                },
            )
    return questionnaire


@transaction.atomic
def round_create(
    *,
    by: Any,
    city: Area,
    name: str,
    questionnaire: Questionnaire,
    opens_on: dt.date,
    closes_on: dt.date,
    is_demo: bool = False,
) -> Round:
    """A survey round of DP3AKB for ``city``."""
    errors: dict[str, list[str]] = {}
    name = name.strip()
    if not name:
        errors["name"] = [_("Beri nama putaran, misalnya “Semester 1 2027”.")]
    elif Round.objects.filter(city=city, name=name).exists():
        errors["name"] = [_("Putaran dengan nama ini sudah ada.")]
    if closes_on < opens_on:
        errors["closes_on"] = [_("Tanggal selesai tidak boleh sebelum tanggal mulai.")]
    if city.kind != AreaKind.CITY:
        errors[NON_FIELD_ERRORS] = [_("Putaran survei dibuat untuk satu kota.")]
    _field_errors(errors)
    return Round.objects.create(
        name=name,
        city=city,
        questionnaire=questionnaire,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
        is_demo=is_demo,
    )


def _new_code() -> str:
    for _attempt in range(20):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not SurveySession.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free session code")  # 25^6 codes: never in practice


def _may_open(by: Any, kelurahan: Area, school: Organisation | None) -> bool:
    """Within the person's area for sessions, or a school they belong to (a teacher)."""
    if visible(by, "voice.session_open", Area.objects.filter(pk=kelurahan.pk)).exists():
        return True
    return school is not None and school.memberships.active().filter(person=by).exists()


@transaction.atomic
def session_open(
    *,
    by: Any,
    survey_round: Round,
    kelurahan: Area | None,
    class_level: str,
    held_on: dt.date,
    expected_answers: int,
    helper_name: str,
    school: Organisation | None = None,
    place: str = "",
    hours: int = 3,
    now: dt.datetime | None = None,
    is_demo: bool = False,
) -> SurveySession:
    """A session with a fresh short code. It opens now (a session for today) or at 07:00 WITA
    of its day and closes ``hours`` later; it also closes at ``expected_answers``."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    errors: dict[str, list[str]] = {}
    if kelurahan is None or kelurahan.kind != AreaKind.KELURAHAN:
        errors["kelurahan"] = [_("Pilih satu kelurahan.")]
    elif not kelurahan.code.startswith(survey_round.city.code + "."):
        errors["kelurahan"] = [
            _("Kelurahan ini berada di luar %(city)s.") % {"city": survey_round.city.name}
        ]
    elif not _may_open(by, kelurahan, school):
        errors["kelurahan"] = [_("Anda tidak dapat membuka sesi di kelurahan ini.")]
    if school is not None:
        if school.kind != OrganisationKind.SCHOOL:
            errors["school"] = [_("Pilih sebuah sekolah.")]
        elif kelurahan is not None and not (
            school.area.code == kelurahan.code or school.area.code.startswith(kelurahan.code + ".")
        ):
            errors["school"] = [_("Sekolah ini tidak berada di kelurahan yang dipilih.")]
    elif not place.strip():
        errors["place"] = [_("Pilih sekolah atau tuliskan tempatnya.")]
    if class_level not in dict(SurveySession._meta.get_field("class_level").choices or []):
        errors["class_level"] = [_("Pilih jenjang kelas.")]
    if not survey_round.opens_on <= held_on <= survey_round.closes_on:
        errors["held_on"] = [
            _("Tanggal sesi harus di dalam putaran (%(start)s – %(end)s).")
            % {"start": survey_round.opens_on, "end": survey_round.closes_on}
        ]
    elif held_on < today:
        errors["held_on"] = [_("Sesi tidak dapat dibuka untuk tanggal yang sudah lewat.")]
    if not 1 <= expected_answers <= MAX_EXPECTED:
        errors["expected_answers"] = [
            _("Jumlah anak harus antara 1 dan %(max)s.") % {"max": MAX_EXPECTED}
        ]
    if not helper_name.strip():
        errors["helper_name"] = [
            _("Tuliskan nama pendamping yang ada di ruangan (misalnya “Bu Rina, guru BK”).")
        ]
    if not 1 <= hours <= MAX_HOURS:
        errors["hours"] = [_("Lama sesi antara 1 dan %(max)s jam.") % {"max": MAX_HOURS}]
    _field_errors(errors)
    assert kelurahan is not None  # checked above
    opens_at = now
    if held_on > today:
        opens_at = timezone.make_aware(dt.datetime.combine(held_on, WEB_SESSION_START))
    return SurveySession.objects.create(
        round=survey_round,
        code=_new_code(),
        kelurahan=kelurahan,
        school=school,
        place="" if school else place.strip(),
        class_level=class_level,
        held_on=held_on,
        opens_at=opens_at,
        closes_at=opens_at + dt.timedelta(hours=hours),
        expected_answers=expected_answers,
        helper_name=helper_name.strip(),
        opened_by=by,
        is_demo=is_demo,
    )


@transaction.atomic
def session_close(*, by: Any, session: SurveySession, now: dt.datetime | None = None) -> None:
    """Close a session by hand before its window ends (idempotent)."""
    if session.closed_at is None:
        session.closed_at = now or timezone.now()
        session.save(update_fields=["closed_at"])


@dataclass(frozen=True)
class Submitted:
    needs_help: bool  # a danger answer: show the help screen at once


def _checked_answers(questions: list[Question], values: dict[str, Any]) -> dict[Question, int]:
    errors: dict[str, list[str]] = {}
    checked: dict[Question, int] = {}
    for question in questions:
        raw = values.get(question.code)
        if raw in (None, ""):
            errors[question.code] = [_("Pertanyaan ini belum dijawab.")]
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value not in question.values:
            errors[question.code] = [_("Pilih salah satu jawaban yang ada.")]
            continue
        checked[question] = value
    _field_errors(errors)
    return checked


@transaction.atomic
def response_submit(
    *,
    session: SurveySession,
    age_band: str,
    values: dict[str, Any],
    sex: str = "",
    on_paper: bool = False,
    now: dt.datetime | None = None,
) -> Submitted:
    """Store one child's answers: the session, age band, sex if given, the values and the
    date — nothing else. A web answer needs an open session; at its expected number of
    answers the session closes itself. Paper answers (typed in by the facilitator) are
    counted the same way, dated on the session's day."""
    now = now or timezone.now()
    # Lock the session row: two answers arriving together cannot both take the last place.
    session = SurveySession.objects.select_for_update().get(pk=session.pk)
    if not on_paper and not session.is_open(now):
        raise ValidationError(
            _("Sesi ini sudah ditutup. Tanyakan kode baru kepada kakak pendamping."),
            code="closed",
        )
    if session.responses.count() >= session.expected_answers:
        raise ValidationError(
            _("Sesi ini sudah penuh: semua jawaban yang diharapkan sudah masuk."), code="full"
        )
    errors: dict[str, list[str]] = {}
    if age_band not in AgeBand.values:
        errors["age_band"] = [_("Pilih umurmu: 8–12 atau 13–17 tahun.")]
    sex = sex or Sex.UNSAID
    if sex not in Sex.values:
        errors["sex"] = [_("Pilih salah satu, atau “Tidak mau menyebut”.")]
    _field_errors(errors)
    questions = list(session.round.questionnaire.questions.filter(age_band=age_band))
    checked = _checked_answers(questions, values)
    response = Response.objects.create(
        session=session,
        age_band=age_band,
        sex=sex,
        answered_on=session.held_on if on_paper else timezone.localdate(now),
        on_paper=on_paper,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question=question, value=value)
        for question, value in checked.items()
    )
    if session.closed_at is None and session.responses.count() >= session.expected_answers:
        session.closed_at = now
        session.save(update_fields=["closed_at"])
    return Submitted(needs_help=any(v in q.danger_values for q, v in checked.items()))
