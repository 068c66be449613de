"""A task force on top of the usual personas: DP3AKB as secretariat, Dinas Pendidikan, Dinas
Kesehatan and the Forum Anak as members, each with a focal person who has an account.

- ``secretary``  Gugus Tugas member working at DP3AKB (the secretariat), role sekretaris
- ``chair``      Gugus Tugas member at DP3AKB, role ketua
- ``education``  Gugus Tugas member at Dinas Pendidikan
- ``health``     Gugus Tugas member at Dinas Kesehatan
- ``taskforce``  (from JagaTestCase) Gugus Tugas member with no organisation
"""

import datetime

from django.utils import timezone

from jaga.access.roles import Role
from jaga.codes.models import Code, CodeList
from jaga.people.models import Organisation, OrganisationKind, Person
from jaga.taskforce.models import AgendaItem, Meeting, Member, MemberRole, Taskforce
from jaga.taskforce.services.actions import action_item_create
from jaga.taskforce.services.composition import focal_person_add, member_add, taskforce_create
from jaga.taskforce.services.meetings import AgendaEntry, meeting_schedule
from jaga.testing import JagaTestCase, make_person


def wita(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def indicator(number: int) -> Code:
    return Code.objects.get(list=CodeList.KLA_INDICATOR, code=str(number))


def build_taskforce(cls) -> None:
    """The task force and its people on ``cls`` (a test class with JagaTestCase's city)."""

    def org(name, kind=OrganisationKind.OTHER):
        return Organisation.objects.create(name=name, kind=kind, area=cls.city)

    cls.education_org = org("Dinas Pendidikan")
    cls.health_org = org("Dinas Kesehatan")
    cls.forum_org = org("Forum Anak Balikpapan", OrganisationKind.FORUM_ANAK)
    cls.tf = taskforce_create(
        name="Gugus Tugas KLA Kota Balikpapan",
        area=cls.city,
        secretariat=cls.dp3akb,
        decree_number="188.45-100/2024",
        decree_date=datetime.date(2024, 1, 10),
        period_start=datetime.date(2024, 1, 10),
        period_end=datetime.date(2027, 12, 31),
        by=cls.admin,
    )
    cls.m_dp3akb = member_add(
        taskforce=cls.tf, organisation=cls.dp3akb, cluster="kelembagaan", by=cls.admin
    )
    cls.m_education = member_add(
        taskforce=cls.tf, organisation=cls.education_org, cluster="IV", by=cls.admin
    )
    cls.m_health = member_add(
        taskforce=cls.tf, organisation=cls.health_org, cluster="III", by=cls.admin
    )
    cls.m_forum = member_add(
        taskforce=cls.tf, organisation=cls.forum_org, cluster="I", by=cls.admin
    )

    def focal(username, organisation, member, role):
        person = make_person(
            username, Role.TASKFORCE_MEMBER, organisation=organisation, area=cls.city
        )
        focal_person_add(member=member, role=role, person=person, by=cls.admin)
        return person

    cls.secretary = focal("secretary", cls.dp3akb, cls.m_dp3akb, MemberRole.SECRETARY)
    cls.chair = focal("chair", cls.dp3akb, cls.m_dp3akb, MemberRole.CHAIR)
    cls.education = focal("education", cls.education_org, cls.m_education, MemberRole.MEMBER)
    cls.health = focal("health", cls.health_org, cls.m_health, MemberRole.CLUSTER_COORDINATOR)
    focal_person_add(
        member=cls.m_forum, role=MemberRole.MEMBER, guest_name="Ketua Forum Anak", by=cls.admin
    )


class TaskforceTestCase(JagaTestCase):
    tf: Taskforce
    education_org: Organisation
    health_org: Organisation
    forum_org: Organisation
    m_dp3akb: Member
    m_education: Member
    m_health: Member
    m_forum: Member
    secretary: Person
    chair: Person
    education: Person
    health: Person

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_taskforce(cls)

    def meeting(self, start: datetime.datetime, **values) -> Meeting:
        values = {
            "kind": "coordination",
            "title": "Rapat koordinasi",
            "place": "Aula DP3AKB",
            "agenda": [AgendaEntry("Sinergi lintas sektor", self.m_education)],
            **values,
        }
        return meeting_schedule(
            taskforce=self.tf,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            by=self.secretary,
            **values,
        )

    def topic(self, meeting: Meeting) -> AgendaItem:
        return meeting.agenda_items.get(position=2)

    def action(self, meeting: Meeting, due: datetime.date, **values):
        values = {
            "title": "Sosialisasi sekolah ramah anak",
            "owner": self.m_education,
            "expected_evidence": "Daftar sekolah dan foto kegiatan",
            "indicators": [indicator(19)],
            **values,
        }
        return action_item_create(
            agenda_item=self.topic(meeting), due_date=due, by=self.secretary, **values
        )
