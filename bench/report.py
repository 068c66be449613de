"""The stdout table and the plain statement of each target, met or missed."""

from collections import defaultdict

SERVER_PAGES = {
    "report_form_post",
    "report_api_post",
    "triage_queue",
    "case_list_first",
    "case_list_deep",
    "case_detail",
}


def print_table(rows: list[dict]) -> None:
    print(
        f"{'db':9} {'measurement':34} {'scale':>9} {'median ms':>10} {'p95 ms':>9} "
        f"{'queries':>8} {'value':>10}"
    )
    for row in rows:
        print(
            f"{row['db']:9} {row['name']:34} {row['scale']:>9,} "
            f"{_fmt(row.get('median_ms')):>10} {_fmt(row.get('p95_ms')):>9} "
            f"{_fmt(row.get('queries')):>8} {_fmt(row.get('value')):>10}"
        )


def _fmt(value) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    return f"{value:,}" if isinstance(value, int) else f"{value:.2f}"


# Issue 17: figures at national scale. (measurement, scale or None for any, limit in ms)
PAGE_LIMITS = [
    ("dashboard_page", 1_000_000, 500),
    ("coverage_city", 1_000_000, 200),
    ("national_dashboard_page", None, 1000),
]


def check_targets(rows: list[dict], previous: list[dict] | None = None) -> list[str]:
    """Each target as one line, MET or MISSED, with the same target's line from the previous
    results file beside it (or "new" when that file did not judge it)."""
    before = {key: text for key, text in _targets(previous or [])}
    return [
        f"{text}  [previous: {before.get(key, 'new')}]" if previous is not None else text
        for key, text in _targets(rows)
    ]


def _targets(rows: list[dict]) -> list[tuple[str, str]]:
    """(key, line) of each target of issues 7 and 17 that these rows judge; the key names the
    target and its scale, so that the previous run's line for it can be found."""
    by: dict[str, dict[int, dict]] = defaultdict(dict)
    for row in rows:
        by[row["name"]][row["scale"]] = row
    db = rows[0]["db"] if rows else ""
    lines: list[tuple[str, str]] = []
    for name in sorted(SERVER_PAGES & by.keys()):
        lines += _server_page(name, by[name], db)
    for name, at, limit in PAGE_LIMITS:
        for scale, row in sorted(by.get(name, {}).items()):
            if db == "postgres" and at in (None, scale):
                text = f"{name} at {scale:,}: p95 {row['p95_ms']:.1f} ms <= {limit:,} ms"
                lines.append((f"{name}@{scale}", _verdict(text, row["p95_ms"] <= limit)))
    dashboard = by.get("dashboard_page", {})
    if 10_000 in dashboard and 1_000_000 in dashboard:
        small, large = dashboard[10_000]["p95_ms"], dashboard[1_000_000]["p95_ms"]
        text = f"dashboard_page: p95 at 1M {large:.1f} ms <= 1.5 x p95 at 10k {small:.1f} ms"
        lines.append(("dashboard_page@growth", _verdict(text, large <= 1.5 * small)))
    for name in ("dashboard", "simfoni_export"):
        for scale, row in sorted(by.get(name, {}).items()):
            floor = by.get(f"{name}_sql_floor", {}).get(scale)
            if floor:
                ratio = row["median_ms"] / max(floor["median_ms"], 0.001)
                text = f"{name} at {scale:,}: {ratio:.2f} x the SQL floor <= 1.5"
                lines.append((f"{name}@{scale}:floor", _verdict(text, ratio <= 1.5)))
    # A breach notice is due within 3x24 hours: its report takes seconds on a big trail. The
    # trail's size, not the case count, says whether a run judges it (it is topped up).
    events = {scale: row["value"] for scale, row in by.get("audit_events", {}).items()}
    for name in ("breach_report", "breach_report_pdf"):
        for scale, row in sorted(by.get(name, {}).items()):
            if events.get(scale, 0) >= 1_000_000:
                text = (
                    f"{name} at {events[scale]:,} audit events ({scale:,} cases): "
                    f"p95 {row['p95_ms']:.0f} ms"
                )
                lines.append(
                    (f"{name}@{scale}", _verdict(text + " < 5,000 ms", row["p95_ms"] < 5000))
                )
    weights = [("report_form_bytes_first", 30 * 1024), ("report_form_bytes_repeat", 10 * 1024)]
    # Every page of the children's survey, whole, on the cheapest phone (issue 15).
    weights += [(n, 20 * 1024) for n in sorted(by) if n.startswith("suara_") and "_bytes_" in n]
    for name, limit in weights:
        for scale, row in sorted(by.get(name, {}).items()):
            text = f"{name} at {scale:,}: {row['value']:,} B < {limit:,} B"
            lines.append((f"{name}@{scale}", _verdict(text, row["value"] < limit)))
    for scale, row in sorted(by.get("export_peak_rss_mb", {}).items()):
        text = f"export worker peak at {scale:,}: {row['value']} MB < 200 MB"
        lines.append((f"export_peak_rss_mb@{scale}", _verdict(text, row["value"] < 200)))
    return lines


def _server_page(name: str, scales: dict[int, dict], db: str) -> list[tuple[str, str]]:
    """A page that must stay fast and flat: < 50 ms at 100k on PostgreSQL, and at 1M no more
    than 1.5 x its 10k figure (shown, not judged, short of 1M)."""
    lines = []
    if db == "postgres" and 100_000 in scales:
        p95 = scales[100_000]["p95_ms"]
        text = f"{name}: p95 {p95:.1f} ms at 100k on PostgreSQL < 50 ms"
        lines.append((f"{name}@100000", _verdict(text, p95 < 50)))
    if 10_000 in scales and 1_000_000 in scales:
        small, large = scales[10_000]["p95_ms"], scales[1_000_000]["p95_ms"]
        text = f"{name}: p95 at 1M {large:.1f} ms <= 1.5 x p95 at 10k {small:.1f} ms"
        lines.append((f"{name}@growth", _verdict(text, large <= 1.5 * small)))
    elif 10_000 in scales and max(scales) > 100_000:
        top = max(scales)
        small, large = scales[10_000]["p95_ms"], scales[top]["p95_ms"]
        lines.append(
            (
                f"{name}@growth",
                f"SHOWN  {name}: p95 at {top:,} {large:.1f} ms = {large / small:.2f} x p95 at "
                f"10k {small:.1f} ms (the target is judged at 1M, not measured)",
            )
        )
    return lines


def _verdict(text: str, ok: bool) -> str:
    return f"{'MET   ' if ok else 'MISSED'} {text}"
