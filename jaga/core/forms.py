from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Nama pengguna atau nomor HP"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("Nama pengguna/nomor HP atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif. Hubungi administrator DP3AKB."),
    }


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
