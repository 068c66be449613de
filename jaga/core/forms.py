from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

T = TypeVar("T")

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class TableUploadForm(forms.Form):
    """One CSV or XLSX file for an import; the import service then checks its rows. Apps
    subclass it to say which columns the file needs."""

    file = forms.FileField(label=_("Berkas (CSV atau XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (maksimal 5 MB)."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Jenis berkas tidak didukung: unggah .csv atau .xlsx."))
        return upload


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's problems on the form's fields (or above it)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TypedFieldsForm(forms.Form):
    """A form that fills its fields' choices or querysets in ``__init__``: ``self.fields[...]``
    is only known as a ``Field``, these say (and check) which kind it is."""

    def choice_field(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField), name
        return field

    def model_field(self, name: str) -> forms.ModelChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField), name
        return field


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """A long multiple choice as checkboxes in one ``<fieldset>`` per group (choices given as
    ``[(group, [(value, label), ...]), ...]``) with a text box that hides the options not
    matching what is typed. The box appears only when the script runs; without JavaScript the
    person scrolls the groups, and the form works the same."""

    template_name = "core/widgets/grouped_checkboxes.html"

    def __init__(self, *, filter_label: StrOrPromise, **kwargs):
        super().__init__(**kwargs)
        self.filter_label = filter_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["filter_label"] = self.filter_label
        return context


def form_saved(
    request: HttpRequest, form: forms.Form, save: Callable[[dict], object], done: StrOrPromise
) -> bool:
    """A form posted on a page of many forms: a valid one is handed to ``save`` (its cleaned
    data) and ``done`` said; a service's refusal goes onto the form's fields. Whether it was
    saved — if not, the caller shows the page again with the form (400)."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return False
    messages.success(request, done)
    return True


def change_told(request: HttpRequest, change: Callable[[], T], done: StrOrPromise) -> T | None:
    """A one-button change (end a membership, send an invitation): its refusal becomes an
    error message, else ``done`` a success message. The change's result, None if refused."""
    try:
        result = change()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(request, done)
    return result
