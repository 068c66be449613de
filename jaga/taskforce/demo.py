"""Demo Gugus Tugas KLA for ``jaga load-demo``: the Balikpapan task force (a demo decree) with
its agencies, six meetings over the past 18 months — the 7 November 2025 coordination meeting on
cross-sector synergy with education and health among them — and one coming up; decisions,
action items in every state (on time, due soon, overdue, under way, done on time, done late),
minutes final and in their correction window. Everything is flagged or named *demo*; loading
twice adds nothing (the demo task force is created once)."""

import datetime

from django.db import transaction
from django.utils import timezone

from jaga.areas.models import Area
from jaga.areas.services import BALIKPAPAN
from jaga.codes.models import Code, CodeList
from jaga.core.demo import DEMO_NOTES, register_demo
from jaga.people.models import Person
from jaga.taskforce.demo_composition import EDUCATION, FORUM, HEALTH, MEMBERS, City, composition
from jaga.taskforce.models import ActionItem, ActionProgress, Meeting, Minutes, Taskforce
from jaga.taskforce.services.actions import (
    action_item_close,
    action_item_create,
    action_progress_add,
)
from jaga.taskforce.services.meetings import (
    AgendaEntry,
    Mark,
    attendance_record,
    meeting_schedule,
    outcome_add,
)
from jaga.taskforce.services.minutes import (
    minutes_finalise,
    minutes_save,
    minutes_send_for_correction,
    minutes_suggest,
)

DEMO_NOTES.append(
    "Gugus Tugas KLA: sekretariat 'sekretaris.gt' (DP3AKB); 'gugus.tugas' adalah narahubung "
    "Dinas Pendidikan; 'dinkes.gt' narahubung Dinas Kesehatan."
)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _indicators(*numbers: int) -> list[Code]:
    return list(
        Code.objects.filter(list=CodeList.KLA_INDICATOR, code__in=[str(n) for n in numbers])
    )


def _meeting(
    city: City, day: datetime.date, kind: str, title: str, topics: list[tuple[str, str]], **extra
) -> Meeting:
    taskforce = next(iter(city.members.values())).taskforce
    return meeting_schedule(
        taskforce=taskforce,
        kind=kind,
        title=f"{title} (demo)",
        starts_at=_at(day),
        ends_at=_at(day, 12),
        place=extra.pop("place", "Ruang rapat DP3AKB Kota Balikpapan"),
        agenda=[
            AgendaEntry(
                t, city.member(p) if p in city.members else None, "" if p in city.members else p
            )
            for t, p in topics
        ],
        by=city.secretary,
        is_demo=True,
        **extra,
    )


def _attend(city: City, meeting: Meeting, absent: set[str], represented: set[str]) -> None:
    marks = []
    for name, member in city.members.items():
        status = (
            "absent" if name in absent else ("represented" if name in represented else "present")
        )
        who = "" if status == "absent" else "Utusan (demo)"
        marks.append(Mark(member.organisation_id, status, who))
    attendance_record(meeting=meeting, marks=marks, by=city.secretary)


def _action(
    city: City,
    meeting: Meeting,
    owner: str,
    title: str,
    due: datetime.date,
    evidence: str,
    *indicators: int,
    position: int = 2,
) -> ActionItem:
    return action_item_create(
        agenda_item=meeting.agenda_items.get(position=position),
        title=title,
        owner=city.member(owner),
        due_date=due,
        expected_evidence=evidence,
        indicators=_indicators(*indicators),
        by=city.secretary,
    )


def _progress(item: ActionItem, note: str, on: datetime.date, by: Person) -> None:
    step = action_progress_add(item=item, note=note, by=by)
    ActionProgress.objects.filter(pk=step.pk).update(recorded_at=_at(on, 14))


def _close(item: ActionItem, evidence: str, on: datetime.date, by: Person) -> None:
    action_item_close(item=item, evidence=evidence, by=by, at=_at(on, 15))


def _decide(meeting: Meeting, text: str, kind: str = "decision", position: int = 2) -> None:
    outcome_add(
        agenda_item=meeting.agenda_items.get(position=position), kind=kind, text=text, by=None
    )


def _final(meeting: Meeting, text: str, secretary: Person) -> None:
    minutes = minutes_save(meeting=meeting, text=text, by=secretary)
    minutes_finalise(minutes=minutes, by=secretary)
    # As if written and finalised in the days after the meeting.
    after = meeting.starts_at + datetime.timedelta(days=3)
    Minutes.objects.filter(pk=minutes.pk).update(updated_at=after, finalised_at=after)


@register_demo
@transaction.atomic
def taskforce_demo() -> None:
    if Taskforce.objects.filter(is_demo=True).exists():
        return
    city = composition(Area.objects.get(code=BALIKPAPAN))
    today = timezone.localdate()

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    m1 = _meeting(
        city,
        datetime.date(2025, 7, 15),
        "plenary",
        "Rapat pleno penyusunan RAD KLA",
        [("Rencana Aksi Daerah KLA 2025–2026", MEMBERS[1][0]), ("Suara Forum Anak", FORUM)],
    )
    _attend(city, m1, absent={MEMBERS[12][0], MEMBERS[13][0]}, represented={HEALTH})
    _decide(m1, "RAD KLA 2025–2026 disepakati; tiap klaster menyerahkan rencana kegiatan.")
    done_on_time = _action(
        city,
        m1,
        MEMBERS[1][0],
        "Menyusun dokumen RAD KLA 2025–2026",
        datetime.date(2025, 9, 30),
        "Dokumen RAD KLA yang ditandatangani",
        2,
    )
    _close(
        done_on_time,
        "RAD KLA ditetapkan dengan Keputusan Wali Kota (demo).",
        datetime.date(2025, 9, 22),
        city.secretary,
    )
    done_late = _action(
        city,
        m1,
        MEMBERS[2][0],
        "Jemput bola akta kelahiran di 6 kecamatan",
        datetime.date(2025, 10, 31),
        "Rekap akta terbit per kecamatan",
        4,
    )
    _final(
        m1,
        "Rapat dibuka Kepala DP3AKB. RAD KLA dibahas per klaster. "
        "Forum Anak menyampaikan usulan ruang bermain ramah anak.",
        city.secretary,
    )

    m2 = _meeting(
        city,
        datetime.date(2025, 11, 7),
        "coordination",
        "Rapat koordinasi Gugus Tugas KLA: sinergi lintas sektor",
        [
            (
                "Langkah memperkuat sinergi lintas sektor, dengan pendidikan dan kesehatan",
                EDUCATION,
            ),
            ("Persiapan evaluasi KLA 2026", MEMBERS[1][0]),
        ],
    )
    _attend(city, m2, absent={MEMBERS[13][0]}, represented={MEMBERS[8][0]})
    _close(
        done_late,
        "Pelayanan jemput bola selesai di 6 kecamatan (demo).",
        datetime.date(2025, 11, 20),
        city.secretary,
    )
    _decide(
        m2,
        "Sekolah ramah anak dan puskesmas ramah anak dijalankan bersama; "
        "Dinas Pendidikan dan Dinas Kesehatan berbagi data sasaran.",
    )
    _decide(m2, "Forum Anak dilibatkan dalam setiap rapat klaster.", kind="note")
    sra = _action(
        city,
        m2,
        EDUCATION,
        "Perluasan sekolah ramah anak ke 20 sekolah baru",
        ago(-25),
        "SK sekolah ramah anak dan foto deklarasi",
        19,
        6,
    )
    _progress(sra, "12 sekolah sudah deklarasi SRA (demo).", ago(60), city.education)
    puskesmas = _action(
        city,
        m2,
        HEALTH,
        "Pelatihan layanan ramah anak bagi petugas puskesmas",
        datetime.date(2026, 3, 31),
        "Daftar hadir pelatihan dan sertifikat",
        15,
    )
    _close(
        puskesmas,
        "27 petugas dari 27 puskesmas dilatih (demo).",
        datetime.date(2026, 3, 20),
        city.health,
    )
    _final(
        m2,
        "Rapat koordinasi dipimpin Kepala DP3AKB dan dihadiri dinas, Forum Anak dan "
        "masyarakat. Dibahas langkah memperkuat sinergi lintas sektor, terutama "
        "pendidikan dan kesehatan.",
        city.secretary,
    )

    m3 = _meeting(
        city,
        ago(200),
        "cluster",
        "Rapat klaster V: mekanisme rujukan",
        [("Mekanisme rujukan dan pemantauan pascalayanan", MEMBERS[9][0])],
        cluster="V",
    )
    _attend(
        city,
        m3,
        absent={MEMBERS[11][0], MEMBERS[12][0], MEMBERS[13][0], MEMBERS[4][0]},
        represented=set(),
    )
    overdue = _action(
        city,
        m3,
        MEMBERS[8][0],
        "SOP rujukan bersama Unit PPA dan UPTD PPA",
        ago(30),
        "SOP yang ditandatangani kedua pihak",
        21,
    )
    _progress(overdue, "Draf SOP dibahas bersama (demo).", ago(120), city.secretary)
    _final(
        m3,
        "Disepakati penyusunan SOP rujukan bersama dan pemantauan korban setelah layanan.",
        city.secretary,
    )

    m4 = _meeting(
        city,
        ago(110),
        "evaluation",
        "Rapat evaluasi pelaksanaan KLA",
        [("Capaian indikator KLA semester I", MEMBERS[1][0])],
    )
    _attend(city, m4, absent={MEMBERS[13][0]}, represented={FORUM})
    _action(
        city,
        m4,
        MEMBERS[5][0],
        "Pendataan anak di lembaga pengasuhan alternatif",
        ago(10),
        "Rekap data per lembaga",
        9,
    )
    _final(
        m4,
        "Capaian indikator dibahas; data yang belum lengkap ditindaklanjuti klaster.",
        city.secretary,
    )

    m5 = _meeting(
        city,
        ago(40),
        "coordination",
        "Rapat koordinasi suara anak dalam perencanaan",
        [("Kegiatan bersama Forum Anak", FORUM)],
    )
    _attend(city, m5, absent=set(), represented={MEMBERS[11][0]})
    _action(
        city,
        m5,
        FORUM,
        "Konsultasi anak tentang ruang bermain ramah anak",
        today + datetime.timedelta(days=3),
        "Notulen konsultasi anak",
        6,
        11,
    )
    _action(
        city,
        m5,
        EDUCATION,
        "Data sekolah untuk kawasan tanpa rokok",
        today + datetime.timedelta(days=45),
        "Daftar sekolah KTR",
        17,
    )
    _final(
        m5,
        "Forum Anak memimpin perencanaan kegiatan; dinas mendukung tempat dan sarana.",
        city.secretary,
    )

    m6 = _meeting(
        city,
        ago(5),
        "coordination",
        "Rapat koordinasi akhir tahun",
        [("Tindak lanjut evaluasi dan rencana tahun depan", MEMBERS[1][0])],
    )
    _attend(city, m6, absent={MEMBERS[12][0]}, represented=set())
    _decide(m6, "Rapat berikutnya membahas RAD KLA tahun depan.")
    minutes = minutes_save(
        meeting=m6,
        text="Draf notulen: capaian tahun ini dan rencana tahun depan dibahas (demo).",
        by=city.secretary,
    )
    minutes_send_for_correction(minutes=minutes, days=7, by=city.secretary)
    minutes_suggest(
        minutes=minutes,
        text="Mohon tambahkan usulan Forum Anak tentang taman bermain (demo).",
        by=city.education,
    )

    _meeting(
        city,
        today + datetime.timedelta(days=10),
        "plenary",
        "Rapat pleno RAD KLA tahun depan",
        [("Rancangan RAD KLA", MEMBERS[1][0])],
        online_link="https://meet.example.org/gugus-tugas-kla",
    )
