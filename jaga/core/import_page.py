"""The upload page every registry import shares (Seksi PPA, FP2ATBM): a file is read whole,
refused whole with every problem listed by line and column (400), or imported in one go with
a summary; and the template download."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django_stubs_ext import StrOrPromise

from jaga.core.tabular import XLSX, ImportRejected, Row, read_rows


def import_page(
    request,
    *,
    form,
    required_columns: list[str],
    columns: list,
    run: Callable[[list[Row]], StrOrPromise],
    template: str,
    done: str,
    context: dict | None = None,
) -> HttpResponse:
    """GET shows ``form``; a valid POST reads its file's rows and ``run``s the import, which
    returns the summary to show, then goes to ``done`` (a URL name or path). ``context`` adds
    to the page's own."""
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = run(read_rows(upload.read(), upload.name, required_columns))
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, summary)
            return redirect(done)
    context = {**(context or {}), "form": form, "problems": problems, "columns": columns}
    return render(request, template, context, status=400 if problems or form.errors else 200)


def template_download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
