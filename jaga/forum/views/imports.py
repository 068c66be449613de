"""Importing chapters, activists and trainings from the XLSX/CSV template."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.core.tabular import ImportRejected, read_rows
from jaga.forum import importer, selectors
from jaga.forum.forms import ActivistUploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@rule("forum.manage")
@require_http_methods(["GET", "POST"])
def import_view(request):
    form = ActivistUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_rows(upload.read(), upload.name, importer.REQUIRED_COLUMNS)
            summary = importer.forum_import(
                rows=rows,
                kelurahan=selectors.kelurahan_in_scope(request.user, "forum.manage"),
                imported_by=request.user,
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request,
                _(
                    "Impor selesai: %(cc)s FP2ATBM baru, %(cu)s diubah, %(ac)s aktivis baru, "
                    "%(au)s aktivis diubah, %(tc)s pelatihan baru."
                )
                % {
                    "cc": summary.chapters_created,
                    "cu": summary.chapters_changed,
                    "ac": summary.activists_created,
                    "au": summary.activists_changed,
                    "tc": summary.trainings_created,
                },
            )
            return redirect("forum:import")
    status = 400 if problems or form.errors else 200
    context = {"form": form, "problems": problems, "columns": importer.COLUMNS}
    return render(request, "forum/import.html", context, status=status)


@rule("forum.manage")
@require_GET
def import_template(request):
    response = HttpResponse(importer.import_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-fp2atbm.xlsx"'
    return response
