"""Pages of a year's instrument for DP3AKB: the XLSX to edit, and the edited file imported
back (refused whole, every problem by line and column)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.core.forms import TableUploadForm
from jaga.core.import_page import import_page, template_download
from jaga.kla import instrument_file, selectors
from jaga.kla.models import RoundStatus


@rule("kla.manage")
@require_GET
def instrument_xlsx(request, year):
    instrument = selectors.instrument_managed(request.user, year)
    content = instrument_file.instrument_export(instrument)
    return template_download(content, f"instrumen-kla-{instrument.year}.xlsx")


@rule("kla.manage")
@require_http_methods(["GET", "POST"])
def instrument_page(request, year):
    instrument = selectors.instrument_managed(request.user, year, to_change=True)
    submitted = instrument.rounds.exclude(status=RoundStatus.SELF_ASSESSMENT).exists()

    def run(rows):
        summary = instrument_file.instrument_import(
            instrument=instrument, rows=rows, by=request.user
        )
        return _(
            "Impor selesai: %(ind)s indikator, %(new)s butir baru, %(changed)s butir diubah, "
            "%(gone)s butir dihapus."
        ) % {
            "ind": summary.indicators,
            "new": summary.items_created,
            "changed": summary.items_changed,
            "gone": summary.items_removed,
        }

    return import_page(
        request,
        form=TableUploadForm(request.POST or None, request.FILES or None),
        required_columns=instrument_file.REQUIRED_COLUMNS,
        columns=instrument_file.COLUMNS,
        run=run,
        template="kla/instrument.html",
        done=reverse("kla:instrument", args=[instrument.year]),
        context={"instrument": instrument, "submitted": submitted},
    )
