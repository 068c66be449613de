"""Importing chapters, activists and trainings from the XLSX/CSV template."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.core.import_page import import_page, template_download
from jaga.forum import importer, selectors
from jaga.forum.forms import ActivistUploadForm


@rule("forum.manage")
@require_http_methods(["GET", "POST"])
def import_view(request):
    def run(rows):
        summary = importer.forum_import(
            rows=rows,
            kelurahan=selectors.kelurahan_in_scope(request.user, "forum.manage"),
            imported_by=request.user,
        )
        return _(
            "Impor selesai: %(cc)s FP2ATBM baru, %(cu)s diubah, %(ac)s aktivis baru, "
            "%(au)s aktivis diubah, %(tc)s pelatihan baru."
        ) % {
            "cc": summary.chapters_created,
            "cu": summary.chapters_changed,
            "ac": summary.activists_created,
            "au": summary.activists_changed,
            "tc": summary.trainings_created,
        }

    return import_page(
        request,
        form=ActivistUploadForm(request.POST or None, request.FILES or None),
        required_columns=importer.REQUIRED_COLUMNS,
        columns=importer.COLUMNS,
        run=run,
        template="forum/import.html",
        done="forum:import",
    )


@rule("forum.manage")
@require_GET
def import_template(request):
    return template_download(importer.import_template(), "templat-fp2atbm.xlsx")
