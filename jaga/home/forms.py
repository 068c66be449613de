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
