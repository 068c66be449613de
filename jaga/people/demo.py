"""Demo organisations of Balikpapan and one account per role (all flagged demo, one shared
password); and Samarinda's UPTD PPA, where a case goes when its victim moves."""

from jaga.access.roles import Role
from jaga.areas.models import Area, AreaKind
from jaga.areas.services import BALIKPAPAN, areas_import_reference, national_area_ensure, rt_code
from jaga.core.demo import DEMO_PASSWORD, DemoLogin, register_demo
from jaga.people.models import Membership, Organisation, OrganisationKind, Person


def _organisation(name: str, kind: str, area: Area) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name=name, area=area, defaults={"kind": kind, "is_demo": True}
    )
    return organisation


def _organisations(city: Area) -> dict[str, Organisation]:
    manggar = Area.objects.get(code="64.71.01.1001")
    orgs = {
        "dp3akb": _organisation("DP3AKB Kota Balikpapan", OrganisationKind.DP3AKB, city),
        "uptd": _organisation("UPTD PPA Kota Balikpapan", OrganisationKind.UPTD_PPA, city),
        "fp2atbm": _organisation("FP2ATBM Kota Balikpapan", OrganisationKind.FP2ATBM_CITY, city),
        "forum_anak": _organisation(
            "Forum Anak Kota Balikpapan", OrganisationKind.FORUM_ANAK, city
        ),
        "puskesmas": _organisation("Puskesmas Manggar", OrganisationKind.PUSKESMAS, manggar),
        "hospital": _organisation("RSUD Beriman Balikpapan", OrganisationKind.HOSPITAL, city),
        "school": _organisation("SD Negeri 001 Balikpapan Timur", OrganisationKind.SCHOOL, manggar),
        "police": _organisation("Unit PPA Polresta Balikpapan", OrganisationKind.POLICE, city),
        "social": _organisation(
            "Dinas Sosial Kota Balikpapan", OrganisationKind.SOCIAL_SERVICE, city
        ),
        "legal": _organisation("Pos Bantuan Hukum Balikpapan", OrganisationKind.LEGAL_AID, city),
        "shelter": _organisation("Rumah Aman Balikpapan", OrganisationKind.SHELTER, city),
    }
    for area in Area.objects.filter(code__startswith=city.code + ".").exclude(kind=AreaKind.RT):
        if area.kind == AreaKind.KECAMATAN:
            _organisation(f"Kantor Kecamatan {area.name}", OrganisationKind.KECAMATAN_OFFICE, area)
        else:
            _organisation(f"Kantor Kelurahan {area.name}", OrganisationKind.KELURAHAN_OFFICE, area)
            chapter = _organisation(
                f"FP2ATBM Kelurahan {area.name}", OrganisationKind.FP2ATBM_CHAPTER, area
            )
            orgs.setdefault(f"fp2atbm:{area.code}", chapter)
    return orgs


def _person(username: str, full_name: str, role: str, *, organisation=None, area=None) -> DemoLogin:
    person = Person.objects.filter(username=username).first()
    if person is None:
        person = Person(username=username, full_name=f"{full_name} (demo)", is_demo=True)
        person.set_password(DEMO_PASSWORD)
        person.save()
        Membership.objects.create(person=person, role=role, organisation=organisation, area=area)
    where = str(area) if area else organisation.name
    return DemoLogin(username, str(Role(role).label), where)


SAMARINDA = "64.72"


def _other_city() -> list[DemoLogin]:
    areas_import_reference(prefix=SAMARINDA)
    uptd = _organisation(
        "UPTD PPA Kota Samarinda", OrganisationKind.UPTD_PPA, Area.objects.get(code=SAMARINDA)
    )
    return [
        _person("kepala.uptd.smd", "Kepala UPTD PPA Samarinda", Role.UPTD_HEAD, organisation=uptd),
        _person("manajer.kasus.smd", "Manajer Kasus Rina", Role.CASE_MANAGER, organisation=uptd),
    ]


@register_demo
def people_demo() -> list[DemoLogin]:
    city = Area.objects.get(code=BALIKPAPAN)
    orgs = _organisations(city)
    manggar = Area.objects.get(code="64.71.01.1001")
    prapatan = Area.objects.get(code="64.71.06.1001")
    return [
        _person("admin.kota", "Admin DP3AKB", Role.CITY_ADMIN, organisation=orgs["dp3akb"]),
        _person("kepala.uptd", "Kepala UPTD PPA", Role.UPTD_HEAD, organisation=orgs["uptd"]),
        _person(
            "manajer.kasus", "Manajer Kasus Sari", Role.CASE_MANAGER, organisation=orgs["uptd"]
        ),
        _person(
            "manajer.kasus2", "Manajer Kasus Dewi", Role.CASE_MANAGER, organisation=orgs["uptd"]
        ),
        _person(
            "petugas.kecamatan",
            "Petugas Kecamatan Balikpapan Timur",
            Role.KECAMATAN_OFFICER,
            area=manggar.parent,
        ),
        _person(
            "petugas.kelurahan", "Petugas Kelurahan Manggar", Role.KELURAHAN_OFFICER, area=manggar
        ),
        _person(
            "rt.manggar.001",
            "Seksi PPA RT 001 Manggar",
            Role.RT_OFFICER,
            area=Area.objects.get(code=rt_code(manggar, 1)),
        ),
        _person(
            "rt.prapatan.001",
            "Seksi PPA RT 001 Prapatan",
            Role.RT_OFFICER,
            area=Area.objects.get(code=rt_code(prapatan, 1)),
        ),
        _person(
            "aktivis.manggar",
            "Aktivis FP2ATBM Manggar",
            Role.ACTIVIST,
            organisation=orgs[f"fp2atbm:{manggar.code}"],
        ),
        _person(
            "mitra.puskesmas",
            "Petugas Puskesmas Manggar",
            Role.PARTNER_OFFICER,
            organisation=orgs["puskesmas"],
        ),
        _person(
            "mitra.polisi",
            "Petugas Unit PPA Polresta",
            Role.PARTNER_OFFICER,
            organisation=orgs["police"],
        ),
        _person("gugus.tugas", "Anggota Gugus Tugas KLA", Role.TASKFORCE_MEMBER, area=city),
        _person("analis", "Analis Data DP3AKB", Role.ANALYST, area=city),
        _person(
            "verifikator.prov", "Verifikator KLA Provinsi Kaltim", Role.KLA_VERIFIER, area=city
        ),
        _person(
            "analis.nasional",
            "Analis Kementerian PPPA",
            Role.NATIONAL_ANALYST,
            area=national_area_ensure(),
        ),
        *_other_city(),
    ]
