"""Reading uploaded tables (CSV or XLSX) into rows, and the error report every import gives:
all-or-nothing, every bad row named by line, column and reason."""

import contextlib
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # its media type

MAX_ROWS = 50_000


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Baris %(line)s, kolom %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column or "-",
            "message": self.message,
        }


class ImportRejected(Exception):
    """The whole file was refused; nothing was saved."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class Row:
    line: int  # as the person sees it in their spreadsheet: the header is line 1
    values: dict[str, str]


def read_rows(data: bytes, filename: str, required: list[str]) -> list[Row]:
    """Rows of a CSV (UTF-8, comma or semicolon) or XLSX file, keyed by lower-cased header."""
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _csv_rows(data)
    elif name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    else:
        raise ImportRejected(
            [RowProblem(0, "", _("Jenis berkas tidak didukung: unggah berkas .csv atau .xlsx."))]
        )
    try:
        header = [h.strip().lower() for h in next(rows)]
    except StopIteration:
        raise ImportRejected([RowProblem(1, "", _("Berkas kosong."))]) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportRejected(
            [RowProblem(1, c, _("Kolom wajib tidak ada di baris judul.")) for c in missing]
        )
    result, problems = [], []
    for offset, cells in enumerate(rows, start=2):
        if offset > MAX_ROWS:
            raise ImportRejected([RowProblem(offset, "", _("Berkas terlalu besar."))])
        values = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        # A NUL can be neither stored nor looked up (PostgreSQL refuses it): name the cell.
        problems += [
            RowProblem(offset, column, _("Berisi karakter yang tidak sah (NUL)."))
            for column, value in values.items()
            if "\x00" in value
        ]
        if any(values.values()):
            result.append(Row(offset, values))
    if problems:
        raise ImportRejected(problems)
    return result


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected([RowProblem(0, "", _("Berkas CSV harus berenkode UTF-8."))]) from None
    dialect: type[csv.Dialect] = csv.excel
    with contextlib.suppress(csv.Error):  # undecidable: take plain commas
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
    return iter(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRejected([RowProblem(0, "", _("Berkas bukan XLSX yang sah."))]) from None
    sheet = workbook.worksheets[0]
    return (
        ["" if v is None else _cell_text(v) for v in row]
        for row in sheet.iter_rows(values_only=True)
    )


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
