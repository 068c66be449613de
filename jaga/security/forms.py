from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        max_length=16,
        help_text=_("6 angka dari aplikasi autentikator, atau satu kode cadangan."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "off"}
        ),
    )


class PersonForm(forms.Form):
    username = forms.CharField(label=_("Nama pengguna"), max_length=150)
