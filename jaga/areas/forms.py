from django import forms
from django.utils.translation import gettext_lazy as _

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class TableUploadForm(forms.Form):
    """One CSV or XLSX file; the import service checks its rows."""

    file = forms.FileField(
        label=_("Berkas (CSV atau XLSX)"),
        help_text=_("Kolom: kode_kelurahan, nomor_rt, nama (boleh kosong)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (maksimal 5 MB)."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Jenis berkas tidak didukung: unggah .csv atau .xlsx."))
        return upload
