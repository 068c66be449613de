"""Demo data of the children's voice for ``jaga load-demo``: a Forum Anak for the city and in
every kecamatan (and Manggar), members, consultations with proposals and answers over the
past 18 months, and three survey rounds with enough answers that public results show.
Answers are drawn from a seeded generator, so every load gives the same city; a round or a
forum already there is left as it is (loading twice adds nothing)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from jaga.areas.models import Area, AreaKind
from jaga.areas.services import BALIKPAPAN
from jaga.core.demo import register_demo
from jaga.people.models import Organisation, OrganisationKind, Person
from jaga.voice.models import (
    AgeBand,
    Answer,
    ChildForum,
    Facilitator,
    MemberRole,
    Questionnaire,
    Response,
    Round,
    Sex,
    SurveySession,
)
from jaga.voice.services.forums import consultation_record, proposal_answer, proposal_send
from jaga.voice.services.survey import round_create, session_open

NICKNAMES = ["Ayu", "Bima", "Cici", "Dimas", "Eka", "Fajar", "Gita", "Hana", "Iqbal", "Jihan"]
TOPICS = [
    (
        "Jalan ke sekolah yang aman",
        "Anak-anak merasa takut melewati jalan tanpa lampu dan lapangan kosong sepulang "
        "mengaji; mereka ingin lampu jalan dan teman berjalan bersama.",
        "Pasang lampu jalan di jalur pulang sekolah",
        "social",
        ("done", "Lampu jalan dipasang di dua ruas bersama kelurahan (demo)."),
    ),
    (
        "Perundungan di media sosial",
        "Banyak anak pernah melihat teman diejek di grup chat; mereka tidak tahu harus "
        "melapor ke siapa.",
        "Sosialisasi cara melapor perundungan online di sekolah",
        "school",
        ("in_progress", "Jadwal sosialisasi di 5 SD sedang disusun bersama guru BK (demo)."),
    ),
    (
        "Ruang bermain ramah anak",
        "Anak-anak ingin tempat bermain yang terang dan diawasi, bukan di pinggir jalan raya.",
        "Ruang bermain ramah anak di balai kelurahan",
        "dp3akb",
        ("declined", "Lahan belum tersedia tahun ini; diusulkan lagi di Musrenbang (demo)."),
    ),
    (
        "Tahu ke mana minta tolong",
        "Sebagian anak belum tahu nomor SAPA 129 dan belum kenal Seksi PPA di RT-nya.",
        "Poster SAPA 129 dan Seksi PPA di setiap sekolah",
        "police",
        None,
    ),
]
ROUNDS = [
    ("Semester 2 2025 (demo)", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
    ("Semester 1 2026 (demo)", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
    ("Semester 2 2026 (demo)", dt.date(2026, 7, 1), dt.date(2027, 1, 31)),
]


def _forum(area: Area, name: str) -> ChildForum:
    forum, _created = ChildForum.objects.get_or_create(
        area=area,
        defaults={
            "level": area.kind,
            "name": f"{name} (demo)",
            "decree": f"188.45-{100 + area.pk}/2024 (demo)",
            "formed_on": dt.date(2024, 7, 23),
            "is_demo": True,
        },
    )
    return forum


def _members(forum: ChildForum, recorded_by: Person, today: dt.date) -> None:
    if forum.members.exists():
        return
    roles = [MemberRole.CHAIR, MemberRole.BOARD, MemberRole.BOARD, *[MemberRole.MEMBER] * 5]
    for number, role in enumerate(roles):
        forum.members.create(
            nickname=f"{NICKNAMES[(forum.pk + number) % len(NICKNAMES)]} (demo)",
            birth_year=today.year - 10 - (forum.pk + number) % 7,
            school="",
            role=role,
            guardian_agreed_on=dt.date(2025, 1, 15),
            recorded_by=recorded_by,
            joined_on=dt.date(2025, 1, 20),
            is_demo=True,
        )


def _consultations(forum: ChildForum, by: Person, orgs: dict, today: dt.date, seed: int) -> None:
    if forum.consultations.exists():
        return
    generator = random.Random(seed)
    for number, (topic, summary, title, agency, answer) in enumerate(TOPICS):
        if generator.random() < 0.25:
            continue
        held_on = today - dt.timedelta(days=500 - number * 120 - generator.randint(0, 40))
        consultation = consultation_record(
            by=by,
            forum=forum,
            topic=f"{topic} (demo)",
            held_on=held_on,
            summary=summary,
            girls_younger=generator.randint(3, 9),
            boys_younger=generator.randint(3, 9),
            girls_older=generator.randint(2, 8),
            boys_older=generator.randint(2, 8),
            is_demo=True,
        )
        proposal = proposal_send(
            by=by,
            forum=forum,
            consultation=consultation,
            title=title,
            addressee=orgs[agency],
            sent_on=held_on + dt.timedelta(days=7),
            is_demo=True,
        )
        if answer and held_on < today - dt.timedelta(days=60):
            proposal_answer(by=by, proposal=proposal, status=answer[0], answer=answer[1])


# How likely each face (1..4) is, by place; kecamatan and later rounds shift it a little.
PLACE_WEIGHTS = {
    "home": [3, 7, 35, 55],
    "school": [5, 12, 43, 40],
    "way": [9, 20, 41, 30],
    "neighbourhood": [8, 18, 44, 30],
    "online": [14, 26, 38, 22],
}


def _value(question, generator: random.Random, better: int) -> int:
    if question.place:
        weights = list(PLACE_WEIGHTS[question.place])
        weights[3] += better
        weights[0] = max(1, weights[0] - better // 3)
        return generator.choices([1, 2, 3, 4], weights)[0]
    values = question.values
    # The first option is the reassuring one for every choice question but one.
    first = 0.55 + better / 100 if question.code != "hurt" else 0.93
    return values[0] if generator.random() < first else generator.choice(values[1:])


def _answers(session: SurveySession, questions: dict, generator: random.Random, better: int):
    responses, answers = [], []
    count = session.expected_answers - generator.randint(0, 4)
    for _number in range(count):
        band = AgeBand.OLDER if session.class_level in ("smp", "sma") else AgeBand.YOUNGER
        response = Response(
            session=session,
            age_band=band,
            sex=generator.choices([Sex.GIRL, Sex.BOY, Sex.UNSAID], [47, 45, 8])[0],
            answered_on=session.held_on,
        )
        responses.append(response)
        answers += [
            Answer(response=response, question=q, value=_value(q, generator, better))
            for q in questions[band]
        ]
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers, batch_size=2000)


def _round(name, opens_on, closes_on, admin, questionnaire, city, schools, today, number):
    if Round.objects.filter(city=city, name=name).exists():
        return
    survey_round = round_create(
        by=admin,
        city=city,
        name=name,
        questionnaire=questionnaire,
        opens_on=opens_on,
        closes_on=closes_on,
        is_demo=True,
    )
    questions = {
        band: list(questionnaire.questions.filter(age_band=band)) for band in AgeBand.values
    }
    generator = random.Random(f"voice-demo-{number}")
    kelurahan = list(Area.objects.filter(kind=AreaKind.KELURAHAN, code__startswith=city.code + "."))
    last_day = min(closes_on, today - dt.timedelta(days=1))
    for index, area in enumerate(kelurahan):
        if index % 2 != number % 2 and index % 5 != 0:
            continue  # about half the kelurahan each round
        held_on = opens_on + dt.timedelta(days=generator.randint(10, (last_day - opens_on).days))
        school = schools.get(area.code)
        level = generator.choice(["sd-5-6", "sd-5-6", "smp", "sma"])
        session = SurveySession.objects.create(
            round=survey_round,
            code=f"D{number}{index:02d}{generator.choice('ACDEFH')}{generator.choice('KMNPQR')}",
            kelurahan=area,
            school=school,
            place="" if school else f"Balai Kelurahan {area.name}",
            class_level=level,
            held_on=held_on,
            opens_at=timezone.make_aware(dt.datetime.combine(held_on, dt.time(8))),
            closes_at=timezone.make_aware(dt.datetime.combine(held_on, dt.time(11))),
            closed_at=timezone.make_aware(dt.datetime.combine(held_on, dt.time(10))),
            expected_answers=generator.randint(22, 32),
            helper_name="Kak Fasilitator (demo)",
            opened_by=admin,
            is_demo=True,
        )
        _answers(session, questions, generator, better=number * 4 + int(area.code[-1]))
    if closes_on >= today:
        # One session open now, so the facilitator's page and the children's pages can be tried.
        session_open(
            by=admin,
            survey_round=survey_round,
            kelurahan=Area.objects.get(code="64.71.01.1001"),
            place="Balai Kelurahan Manggar",
            class_level="sd-5-6",
            held_on=today,
            expected_answers=40,
            helper_name="Kak Rina (demo)",
            hours=12,
            is_demo=True,
        )


@register_demo
@transaction.atomic
def voice_demo() -> None:
    city = Area.objects.get(code=BALIKPAPAN)
    admin = Person.objects.get(username="admin.kota")
    activist = Person.objects.get(username="aktivis.manggar")
    today = timezone.localdate()
    orgs = {
        key: Organisation.objects.filter(kind=kind, area__code__startswith=BALIKPAPAN).first()
        for key, kind in {
            "social": OrganisationKind.SOCIAL_SERVICE,
            "school": OrganisationKind.SCHOOL,
            "dp3akb": OrganisationKind.DP3AKB,
            "police": OrganisationKind.POLICE,
        }.items()
    }
    forums = [_forum(city, "Forum Anak Kota Balikpapan")]
    for kecamatan in Area.objects.filter(kind=AreaKind.KECAMATAN, parent=city).order_by("code"):
        forums.append(_forum(kecamatan, f"Forum Anak Kecamatan {kecamatan.name}"))
    manggar = Area.objects.get(code="64.71.01.1001")
    forums.append(_forum(manggar, "Forum Anak Kelurahan Manggar"))
    for forum in forums:
        facilitator = activist if forum.area.code.startswith("64.71.01") else admin
        Facilitator.objects.get_or_create(forum=forum, person=facilitator)
        _members(forum, facilitator, today)
        _consultations(forum, facilitator, orgs, today, seed=forum.area.pk)
    questionnaire = Questionnaire.objects.get(code="aku-merasa-aman-draf-1")
    schools = {
        s.area.code: s
        for s in Organisation.objects.filter(kind=OrganisationKind.SCHOOL).select_related("area")
    }
    for number, (name, opens_on, closes_on) in enumerate(ROUNDS):
        _round(name, opens_on, closes_on, admin, questionnaire, city, schools, today, number)
