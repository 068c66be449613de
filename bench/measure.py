"""Measurements at one scale, in one process (called by bench.run). Prints one JSON line per
measurement. Pages are requested through Django's test client with the production settings
(DEBUG off, the access policy, encryption, audit and middleware all on), so the time is the
server's time for the request, without the network."""

import argparse
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaga.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench import voice  # noqa: E402
from bench.harness import measure, page_bytes  # noqa: E402
from jaga.access.roles import Role  # noqa: E402
from jaga.areas.models import AreaKind  # noqa: E402
from jaga.audit.models import AuditEvent  # noqa: E402
from jaga.cases.models import Case, CaseMember  # noqa: E402
from jaga.people.models import Membership, Person  # noqa: E402
from jaga.security.testing import verify_test_logins  # noqa: E402

ASSETS = ("jaga/jaga.css", "vendor/htmx.min.js")


def client_for(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def rt_officer() -> Person:
    membership = (
        Membership.objects.active()
        .filter(role=Role.RT_OFFICER, area__kind=AreaKind.RT, person__username__startswith="syn.")
        .select_related("person", "area")
        .first()
    )
    return membership.person


def busiest_manager() -> Person:
    member = CaseMember.objects.values("person").order_by("person").first()
    return Person.objects.get(pk=member["person"])


def middle_case(person: Person) -> int:
    """The case halfway down the person's case list: its next page is the deep page."""
    from jaga.cases.selectors import case_list

    cases = case_list(person).values_list("pk", flat=True)
    return cases[cases.count() // 2]


def report_form_data(client: Client) -> dict:
    from jaga.codes.models import Code

    code = {lst: Code.objects.of(lst).first().code for lst in ("violence_form", "sex", "place")}
    return {
        "violence_forms": [code["violence_form"]],
        "victim_kind": "child",
        "victim_sex": code["sex"],
        "victim_age": "9",
        "place": code["place"],
        "description": "Uji beban sintetis",
        "rt": str(rt_officer().memberships.first().area_id),
    }


def expect(status: int, request):
    """The request, failing the benchmark loudly if it does not do what it should."""

    def checked():
        response = request()
        assert response.status_code == status, (
            status,
            response.status_code,
            response.content[:500],
        )

    return checked


def emit(row) -> None:
    print(json.dumps(row if isinstance(row, dict) else row.as_dict()), flush=True)


def page(name, scale, client, url, runs):
    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    emit(measure(name, scale, get, runs=runs))


def bytes_for(name: str, scale: int, client: Client, url: str, assets=ASSETS) -> None:
    first, repeat = page_bytes(client, url, assets)
    emit({"name": f"{name}_bytes_first", "scale": scale, "value": first})
    emit({"name": f"{name}_bytes_repeat", "scale": scale, "value": repeat})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--national", action="store_true", help="a national database: its figure pages only"
    )
    options = parser.parse_args()
    runs, scale = (5 if options.quick else 30), options.scale
    verify_test_logins()
    if options.national:
        from bench import figures  # the figures app is there: its national pages are asked

        for measured in figures.national_measurements(scale, runs):
            emit(measured)
        emit({"name": "db_vendor", "scale": scale, "value": connection.vendor})
        return

    rt = client_for(rt_officer())
    data = report_form_data(rt)
    emit(
        measure(
            "report_form_post", scale, lambda: rt.post("/laporan/baru/", data), runs=runs, warmup=2
        )
    )
    api_data = {**{k: v for k, v in data.items() if k != "rt"}, "victim_age": 9}
    emit(
        measure(
            "report_api_post",
            scale,
            lambda: rt.post("/api/laporan/", api_data, content_type="application/json"),
            runs=runs,
            warmup=2,
        )
    )
    bytes_for("report_form", scale, rt, "/laporan/baru/")

    manager_person = busiest_manager()
    manager = client_for(manager_person)
    page("triage_queue", scale, manager, "/laporan/antrean/", runs)
    bytes_for("triage_queue", scale, manager, "/laporan/antrean/")
    page("case_list_first", scale, manager, "/kasus/", runs)
    page("case_list_deep", scale, manager, f"/kasus/?setelah={middle_case(manager_person)}", runs)
    case = Case.objects.filter(members__person=manager_person).order_by("pk").first()
    page("case_detail", scale, manager, f"/kasus/{case.pk}/", runs)

    admin = client_for(Person.objects.get(username="syn.admin"))
    page("coverage_city", scale, admin, "/seksi-ppa/cakupan/64.71/", runs)
    breach_report(scale, admin, case, runs)
    child = Client()  # a child: no account, no cookie
    for name, url in voice.child_pages():
        bytes_for(name, scale, child, url, voice.CHILD_ASSETS)
    for measured in extra_measurements(scale, runs):
        emit(measured)
    emit({"name": "db_vendor", "scale": scale, "value": connection.vendor})


def breach_report(scale: int, admin: Client, case: Case, runs: int) -> None:
    """The breach-notice report for one victim, page and PDF, against the whole audit trail
    (topped up to 1M events by the generator in a full run, plus what the measurements add)."""
    victim = case.people.filter(kind="victim").order_by("pk").first()
    url = f"/kasus/{case.pk}/orang/{victim.pk}/kebocoran/"
    emit({"name": "audit_events", "scale": scale, "value": AuditEvent.objects.count()})
    page("breach_report", scale, admin, url, runs)
    page("breach_report_pdf", scale, admin, url + "?format=pdf", runs)


def extra_measurements(scale: int, runs: int):
    """Dashboard, export and their SQL floors, from bench.figures (present once the figures
    app is)."""
    try:
        from bench import figures
    except ImportError:
        return []
    return figures.measurements(scale, runs)


if __name__ == "__main__":
    sys.exit(main())
