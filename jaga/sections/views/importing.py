"""The registry of sections and members imported from a spreadsheet."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.core.import_page import import_page, template_download
from jaga.sections import importer, selectors
from jaga.sections.forms import (
    SectionUploadForm,
)


@rule("sections.manage")
@require_http_methods(["GET", "POST"])
def import_view(request):
    def run(rows):
        summary = importer.sections_import(
            rows=rows,
            rts=selectors.rts_for(request.user, "sections.manage"),
            imported_by=request.user,
        )
        return _(
            "Impor selesai: %(sc)s seksi baru, %(su)s seksi diubah, %(mc)s anggota baru, "
            "%(mu)s anggota diubah, %(tc)s pelatihan baru."
        ) % {
            "sc": summary.sections_created,
            "su": summary.sections_changed,
            "mc": summary.members_created,
            "mu": summary.members_changed,
            "tc": summary.trainings_created,
        }

    return import_page(
        request,
        form=SectionUploadForm(request.POST or None, request.FILES or None),
        required_columns=importer.REQUIRED_COLUMNS,
        columns=importer.COLUMNS,
        run=run,
        template="sections/import.html",
        done="sections:import",
    )


@rule("sections.manage")
@require_GET
def import_template(request):
    return template_download(importer.import_template(), "templat-seksi-ppa.xlsx")


# --- Monthly zero report -------------------------------------------------------------------
