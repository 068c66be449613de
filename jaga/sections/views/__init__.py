"""The Seksi PPA pages: coverage by area, one RT's section, the registry import and the
monthly zero report."""

from jaga.sections.views.coverage import (
    coverage,
    export_pdf,
    export_xlsx,
    index,
    silent,
    silent_index,
)
from jaga.sections.views.importing import import_template, import_view
from jaga.sections.views.rt import (
    detail,
    member_active,
    member_add,
    member_invite,
    section_edit,
    training_add,
)
from jaga.sections.views.zero import zero_report

__all__ = [
    "coverage",
    "detail",
    "export_pdf",
    "export_xlsx",
    "import_template",
    "import_view",
    "index",
    "member_active",
    "member_add",
    "member_invite",
    "section_edit",
    "silent",
    "silent_index",
    "training_add",
    "zero_report",
]
