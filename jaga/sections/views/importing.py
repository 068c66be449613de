"""The registry of sections and members imported from a spreadsheet."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.core.tabular import ImportRejected, read_rows
from jaga.sections import importer, selectors
from jaga.sections.forms import (
    SectionUploadForm,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@rule("sections.manage")
@require_http_methods(["GET", "POST"])
def import_view(request):
    form = SectionUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_rows(upload.read(), upload.name, importer.REQUIRED_COLUMNS)
            summary = importer.sections_import(
                rows=rows,
                rts=selectors.rts_for(request.user, "sections.manage"),
                imported_by=request.user,
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request,
                _(
                    "Impor selesai: %(sc)s seksi baru, %(su)s seksi diubah, %(mc)s anggota baru, "
                    "%(mu)s anggota diubah, %(tc)s pelatihan baru."
                )
                % {
                    "sc": summary.sections_created,
                    "su": summary.sections_changed,
                    "mc": summary.members_created,
                    "mu": summary.members_changed,
                    "tc": summary.trainings_created,
                },
            )
            return redirect("sections:import")
    status = 400 if problems or form.errors else 200
    return render(
        request,
        "sections/import.html",
        {"form": form, "problems": problems, "columns": importer.COLUMNS},
        status=status,
    )


@rule("sections.manage")
@require_GET
def import_template(request):
    response = HttpResponse(importer.import_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-seksi-ppa.xlsx"'
    return response


# --- Monthly zero report -------------------------------------------------------------------
