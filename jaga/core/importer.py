"""What every registry import shares (Seksi PPA, FP2ATBM): the XLSX template offered for
download, and a row checker that reads yes/no, dates and phone numbers the same way and
collects every problem by line and column, so a file is refused whole with all its problems
listed (see ``jaga.core.tabular``)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from jaga.core.tabular import ImportRejected, Row, RowProblem

YES = {"ya", "y", "1", "true", "yes"}
NO = {"tidak", "t", "0", "false", "no", "tdk"}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S")
TEMPLATE_ROWS = 2000


def import_template(
    *,
    title: str,
    columns: list[tuple[str, str]],
    example: list[str],
    note: str,
    rows: Sequence[list[str]] = (),
) -> bytes:
    """The XLSX template: the header row on the first sheet (text cells, so the leading 0 of
    phone numbers and codes like 64.71.01.1001 survive), guidance and an example on a second
    sheet (so the example is never imported by mistake). ``rows`` fill it for an export that is
    edited and imported back."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append([name for name, _help in columns])
    for values in rows:
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, (name, _help) in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(name) + 4)
        for row in range(2, TEMPLATE_ROWS + 1):
            sheet.cell(row=row, column=index).number_format = "@"
    guide = workbook.create_sheet("Petunjuk")
    guide.append(["kolom", "isi"])
    for name, help_text in columns:
        guide.append([name, help_text])
    guide.append([])
    guide.append([note])
    guide.append(["Contoh:"])
    guide.append([name for name, _help in columns])
    guide.append(example)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class RowChecker:
    """Collects the problems of every row; subclasses plan what a clean file will write."""

    def __init__(self) -> None:
        self.problems: list[RowProblem] = []

    def fail(self, row: Row, column: str, message: str) -> None:
        self.problems.append(RowProblem(row.line, column, message))

    def text(self, row: Row, column: str, limit: int = 160) -> str:
        return " ".join(row.values.get(column, "").split())[:limit]

    def yes_no(self, row: Row, column: str, *, empty: bool | None = None) -> bool | None:
        """ya/tidak (and their usual spellings); ``empty`` is the answer for an empty cell,
        None to require one. A bad cell is a problem and None."""
        text = row.values.get(column, "").strip().lower()
        if not text and empty is not None:
            return empty
        if text in YES:
            return True
        if text in NO:
            return False
        if empty is None:
            self.fail(row, column, _("Isi ya atau tidak."))
        else:
            self.fail(row, column, _("Isi ya atau tidak (kosong berarti ya)."))
        return None

    def date(self, row: Row, column: str, today: dt.date) -> dt.date | None | Literal[False]:
        """The date in ``column``; None when empty; False (problem recorded) when bad or in
        the future."""
        text = row.values.get(column, "").strip()
        if not text:
            return None
        for fmt in DATE_FORMATS:
            try:
                value = dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            if value > today:
                self.fail(row, column, _("Tanggal tidak boleh di masa depan."))
                return False
            return value
        self.fail(row, column, _("Tanggal tidak terbaca: tulis TTTT-BB-HH, mis. 2024-03-15."))
        return False

    def checked(self, row: Row, column: str, check: Callable[[str], str]) -> str:
        """``check`` of the cell (say, normalising a phone number); "" with the check's own
        message recorded when it raises a ValidationError."""
        try:
            return check(row.values.get(column, ""))
        except ValidationError as error:
            self.fail(row, column, " ".join(error.messages))
            return ""

    def check(self, rows: list[Row]) -> None:
        """Each row's problems, and the plan a clean file will write."""
        raise NotImplementedError

    def check_against_database(self) -> None:
        """Problems only the stored records show (run once the rows themselves are clean)."""

    def check_all(self, rows: list[Row]) -> None:
        """Every problem of the file, raised together: nothing is written from a bad file."""
        self.check(rows)
        if not self.problems:
            self.check_against_database()
        self.raise_any()

    def raise_any(self) -> None:
        if self.problems:
            raise ImportRejected(sorted(self.problems, key=lambda p: (p.line, p.column)))
