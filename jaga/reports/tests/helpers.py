"""Building blocks for report and case tests: a valid report, overridable field by field."""

import datetime
import io

from PIL import Image
from pypdf import PdfWriter

from jaga.reports.models import Channel
from jaga.reports.services import report_submit

NIK = "6471010101900001"
NAME = "Siti Rahmawati Kusuma"
BIRTH = datetime.date(2014, 3, 9)


def report_values(test, **overrides) -> dict:
    values = {
        "by": test.rt_officer,
        "channel": Channel.RT,
        "rt": test.rt1,
        "violence_forms": ["fisik", "psikis"],
        "place": "rumah_tangga",
        "victim_kind": "child",
        "victim_sex": "P",
        "victim_birth_date": BIRTH,
        "victim_name": NAME,
        "victim_nik": NIK,
        "victim_address": "Jalan Mawar Melati No. 17",
        "incident_date": datetime.date(2025, 1, 5),
        "description": "Tetangga mendengar teriakan setiap malam.",
        "reporter_name": "Bu Wartini Lestari",
        "reporter_phone": "081234567890",
    }
    values.update(overrides)
    return values


def make_report(test, **overrides):
    return report_submit(**report_values(test, **overrides))


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _blank_pdf() -> bytes:
    """A small, well-formed PDF (one blank page): uploads are parsed and checked."""
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = _blank_pdf()
