"""The demo task force's composition: the Balikpapan agencies on it (a demo decree), their
clusters and focal people, and the demo accounts that speak for DP3AKB, Dinas Pendidikan and
Dinas Kesehatan."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from jaga.access.roles import Role
from jaga.areas.models import Area
from jaga.core.demo import DEMO_PASSWORD
from jaga.people.models import Membership, Organisation, OrganisationKind, Person
from jaga.taskforce.models import Member, MemberRole
from jaga.taskforce.services.composition import focal_person_add, member_add, taskforce_create

# (name, kind, cluster); existing demo organisations are found by name.
MEMBERS = [
    ("DP3AKB Kota Balikpapan", OrganisationKind.DP3AKB, "kelembagaan"),
    ("Bappeda Litbang Kota Balikpapan", OrganisationKind.OTHER, "kelembagaan"),
    ("Disdukcapil Kota Balikpapan", OrganisationKind.OTHER, "I"),
    ("Forum Anak Kota Balikpapan", OrganisationKind.FORUM_ANAK, "I"),
    ("Kantor Kementerian Agama Kota Balikpapan", OrganisationKind.RELIGIOUS, "II"),
    ("Dinas Sosial Kota Balikpapan", OrganisationKind.SOCIAL_SERVICE, "II"),
    ("Dinas Kesehatan Kota Balikpapan", OrganisationKind.OTHER, "III"),
    ("Dinas Pendidikan dan Kebudayaan Kota Balikpapan", OrganisationKind.OTHER, "IV"),
    ("Unit PPA Polresta Balikpapan", OrganisationKind.POLICE, "V"),
    ("UPTD PPA Kota Balikpapan", OrganisationKind.UPTD_PPA, "V"),
    ("FP2ATBM Kota Balikpapan", OrganisationKind.FP2ATBM_CITY, "V"),
    ("LSM Peduli Anak Balikpapan (demo)", OrganisationKind.OTHER, "kelembagaan"),
    ("Forum CSR Dunia Usaha Balikpapan (demo)", OrganisationKind.OTHER, "kelembagaan"),
    ("Media Mitra KLA Balikpapan (demo)", OrganisationKind.OTHER, "I"),
]
EDUCATION, HEALTH, FORUM = MEMBERS[7][0], MEMBERS[6][0], MEMBERS[3][0]


@dataclass
class City:
    area: Area
    members: dict[str, Member]
    secretary: Person
    education: Person
    health: Person

    def member(self, name: str) -> Member:
        return self.members[name]


def _organisation(name: str, kind: str, area: Area) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name=name, area=area, defaults={"kind": kind, "is_demo": True}
    )
    return organisation


def _account(username: str, full_name: str, organisation: Organisation, area: Area) -> Person:
    person = Person.objects.filter(username=username).first()
    if person is None:
        person = Person(username=username, full_name=f"{full_name} (demo)", is_demo=True)
        person.set_password(DEMO_PASSWORD)
        person.save()
    membership = Membership.objects.filter(person=person, role=Role.TASKFORCE_MEMBER).first()
    if membership is None:
        Membership.objects.create(
            person=person, role=Role.TASKFORCE_MEMBER, organisation=organisation, area=area
        )
    elif membership.organisation_id is None:
        # The core demo's Gugus Tugas account speaks for an agency here.
        membership.organisation = organisation
        membership.save(update_fields=["organisation"])
    return person


def composition(area: Area) -> City:
    today = timezone.localdate()
    orgs = {name: _organisation(name, kind, area) for name, kind, _ in MEMBERS}
    taskforce = taskforce_create(
        name="Gugus Tugas KLA Kota Balikpapan",
        area=area,
        secretariat=orgs[MEMBERS[0][0]],
        decree_number="188.45-DEMO/2024 (demo)",
        decree_date=datetime.date(2024, 1, 15),
        period_start=datetime.date(2024, 1, 15),
        period_end=max(datetime.date(2027, 12, 31), today + datetime.timedelta(days=365)),
        by=None,
        is_demo=True,
    )
    members = {
        name: member_add(taskforce=taskforce, organisation=orgs[name], cluster=cluster, by=None)
        for name, _, cluster in MEMBERS
    }
    secretary = _account("sekretaris.gt", "Sekretariat Gugus Tugas KLA", orgs[MEMBERS[0][0]], area)
    education = _account("gugus.tugas", "Narahubung Dinas Pendidikan", orgs[EDUCATION], area)
    health = _account("dinkes.gt", "Narahubung Dinas Kesehatan", orgs[HEALTH], area)
    focal = [
        (MEMBERS[1][0], MemberRole.CHAIR, None, "Kepala Bappeda Litbang (demo)"),
        (MEMBERS[0][0], MemberRole.SECRETARY, secretary, ""),
        (EDUCATION, MemberRole.CLUSTER_COORDINATOR, education, ""),
        (HEALTH, MemberRole.CLUSTER_COORDINATOR, health, ""),
        (FORUM, MemberRole.MEMBER, None, "Ketua Forum Anak Kota (demo)"),
        (MEMBERS[8][0], MemberRole.CLUSTER_COORDINATOR, None, "Kanit PPA Polresta (demo)"),
        (MEMBERS[9][0], MemberRole.MEMBER, None, "Kepala UPTD PPA (demo)"),
    ]
    for name, role, person, guest in focal:
        focal_person_add(member=members[name], role=role, person=person, guest_name=guest, by=None)
    return City(area, members, secretary, education, health)
