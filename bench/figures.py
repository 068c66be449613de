"""Dashboard figures and the SIMFONI-PPA export, each beside the same work written as
hand-written SQL on the same database (the floor)."""

import csv
import io
import json
import subprocess
import sys

from django.db import connection
from django.test import Client
from django.utils import timezone

from bench.harness import measure
from jaga.core.periods import Period, current_month
from jaga.figures.selectors import Dimension, FigureFilter, report_to_acknowledgement, tally_by

CITY = "64.71"
DASHBOARD_DIMENSIONS = (Dimension.VIOLENCE_FORM, Dimension.AGE_GROUP, Dimension.PLACE)


def last_twelve_months() -> Period:
    last = current_month()
    return Period.months(last.replace(year=last.year - 1), last)


def dashboard(figure_filter: FigureFilter) -> None:
    for dimension in DASHBOARD_DIMENSIONS:
        tally_by(figure_filter, dimension)
    report_to_acknowledgement(figure_filter)


CASES_FROM = """
FROM cases_case c
JOIN areas_area a ON a.id = c.rt_id
{join}
WHERE (a.code = %s OR a.code LIKE %s) AND c.reported_at >= %s AND c.reported_at < %s
"""
VICTIM = "LEFT JOIN cases_caseperson v ON v.case_id = c.id AND v.kind = 'victim'"
FLOOR_TALLIES = {
    "violence_form": VICTIM + " JOIN cases_case_violence_forms f ON f.case_id = c.id "
    "JOIN codes_code k ON k.id = f.code_id",
    "age_group": VICTIM + " LEFT JOIN codes_code k ON k.id = v.age_group_id",
    "place": VICTIM + " JOIN codes_code k ON k.id = c.place_id",
}


def _seconds(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM ({later} - {earlier}))"
    return f"(julianday({later}) - julianday({earlier})) * 86400"


def dashboard_floor(figure_filter: FigureFilter) -> None:
    """The same figures as hand-written SQL: three GROUP BY queries, then the median and 90th
    percentile of the acknowledgement time (count, then two ordered picks)."""
    start, end = figure_filter.period.bounds()
    params = [CITY, CITY + ".%", start, end]
    with connection.cursor() as cursor:
        for join in FLOOR_TALLIES.values():
            cursor.execute(
                "SELECT k.code, COUNT(DISTINCT c.id), COUNT(DISTINCT v.id) "
                + CASES_FROM.format(join=join)
                + " GROUP BY k.code",
                params,
            )
            cursor.fetchall()
        ack = "COALESCE(r.verified_at, r.closed_at, c.opened_at)"
        measured = _seconds(ack, "r.received_at")
        base = f"""FROM reports_report r JOIN areas_area a ON a.id = r.rt_id
            LEFT JOIN cases_case c ON c.report_id = r.id
            WHERE (a.code = %s OR a.code LIKE %s) AND r.received_at >= %s AND r.received_at < %s
              AND {ack} IS NOT NULL"""
        cursor.execute(f"SELECT COUNT(*) {base}", params)
        count = cursor.fetchone()[0]
        for fraction in (0.5, 0.9):
            offset = int(fraction * max(count - 1, 0))
            cursor.execute(f"SELECT {measured} {base} ORDER BY 1 LIMIT 2 OFFSET {offset}", params)
            cursor.fetchall()


def export_floor(figure_filter: FigureFilter) -> int:
    """One year of victims in SIMFONI-PPA columns (de-identified), as one SQL query streamed
    into CSV: the rows Jaga's export writes, without its access checks and audit."""
    start, end = figure_filter.period.bounds()
    aggregate = "STRING_AGG" if connection.vendor == "postgresql" else "GROUP_CONCAT"
    codes = lambda table, column, key: (  # noqa: E731
        f"(SELECT {aggregate}(k.code, '|') FROM {table} t JOIN codes_code k ON k.id = t.{column}"
        f" WHERE t.{key} = c.id)"
    )
    sql = f"""SELECT c.number, c.reported_at, a.code, c.incident_date,
        {codes("cases_case_violence_forms", "code_id", "case_id")}, pl.code, v.victim_kind,
        sx.code, ag.code, ed.code, oc.code, v.has_disability,
        (SELECT COUNT(*) FROM cases_caseperson p WHERE p.case_id = c.id AND p.kind = 'perpetrator'),
        {codes("cases_caseperson", "relationship_id", "case_id")},
        {codes("cases_caseservice", "service_id", "case_id")}
        FROM cases_caseperson v JOIN cases_case c ON c.id = v.case_id
        JOIN areas_area a ON a.id = c.rt_id
        LEFT JOIN codes_code pl ON pl.id = c.place_id LEFT JOIN codes_code sx ON sx.id = v.sex_id
        LEFT JOIN codes_code ag ON ag.id = v.age_group_id
        LEFT JOIN codes_code ed ON ed.id = v.education_id
        LEFT JOIN codes_code oc ON oc.id = v.occupation_id
        WHERE v.kind = 'victim' AND (a.code = %s OR a.code LIKE %s)
          AND c.reported_at >= %s AND c.reported_at < %s
        ORDER BY c.number, v.id"""
    out = io.StringIO()
    writer = csv.writer(out)
    rows = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, [CITY, CITY + ".%", start, end])
        while chunk := cursor.fetchmany(500):
            writer.writerows(chunk)
            rows += len(chunk)
            out.seek(0)
            out.truncate()
    return rows


def export_jaga(admin, figure_filter: FigureFilter) -> None:
    from jaga.figures.models import SimfoniExport
    from jaga.figures.services import simfoni_export_build, simfoni_export_request

    export = simfoni_export_request(
        by=admin,
        area_code=CITY,
        period=figure_filter.period,
        file_format="csv",
        with_identity=False,
    )
    if SimfoniExport.objects.get(pk=export.pk).state == "pending":
        simfoni_export_build(export_id=export.pk)


def measurements(scale: int, runs: int):
    from jaga.people.models import Person

    admin = Person.objects.get(username="syn.admin")
    figure_filter = FigureFilter(CITY, last_twelve_months())
    yield measure("dashboard", scale, lambda: dashboard(figure_filter), runs=runs)
    yield measure("dashboard_sql_floor", scale, lambda: dashboard_floor(figure_filter), runs=runs)
    page = Client()
    page.force_login(admin)
    yield dashboard_page("dashboard_page", scale, page, runs)
    year = Period.year(timezone.localdate().year - 1)
    year_filter = FigureFilter(CITY, year)
    export_runs = max(3, runs // 5)
    yield measure(
        "simfoni_export", scale, lambda: export_jaga(admin, year_filter), runs=export_runs, warmup=1
    )
    yield measure(
        "simfoni_export_sql_floor",
        scale,
        lambda: export_floor(year_filter),
        runs=export_runs,
        warmup=1,
    )
    yield {"name": "export_peak_rss_mb", "scale": scale, "value": export_peak_mb()}


def dashboard_page(name: str, scale: int, page: Client, runs: int):
    """``/angka/`` as the signed-in ``page`` sees it by default: their widest area, the twelve
    months up to the last full one. Whole pages take seconds at large scales: fewer runs keep
    `make bench` in tens of minutes (the medians settle quickly; p95 over few runs is the
    slowest run)."""

    def get():
        response = page.get("/angka/")
        assert response.status_code == 200, (name, response.status_code)

    return measure(name, scale, get, runs=max(3, runs // 5), warmup=1)


def national_measurements(scale: int, runs: int):
    """The figure pages of a national database (`bench.run --national`): the dashboard of
    the whole country as the ministry's analyst opens it."""
    from jaga.people.models import Person

    page = Client()
    page.force_login(Person.objects.get(username="syn.national"))
    yield dashboard_page("national_dashboard_page", scale, page, runs)


def export_peak_mb() -> float:
    """Peak memory of a separate worker process that builds one year's export."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.peak", "--", sys.executable, "-m", "bench.export_once"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.splitlines()[-1])["peak_rss_mb"]
