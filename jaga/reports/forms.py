"""Forms parse what was typed into Python values; the services judge it. Choices of code lists
come from the loaded SIMFONI-PPA codes."""

import secrets
import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from jaga.areas.models import Area, AreaKind
from jaga.codes.selectors import code_choices
from jaga.core.forms import DateInput, TypedFieldsForm
from jaga.reports.models import Channel, CloseReason, VictimKind

FORM_SALT = "jaga.reports.public-form"


def public_form_token(shown_at: float | None = None) -> str:
    """The public form's signed token: when it was shown (robots send at once) and a random
    part, so that each form shown can be sent once (``jaga.reports.views``)."""
    shown = int(time.time() if shown_at is None else shown_at)
    return signing.dumps([shown, secrets.token_urlsafe(9)], salt=FORM_SALT)


class ReportForm(TypedFieldsForm):
    """One screen, in the order a person tells it: what, to whom, where, when. ``mode`` is
    "rt" (RT officer: RT preset), "staff" (intake: channel, kelurahan + RT number) or
    "public" (no login: kelurahan + RT number, spam traps)."""

    channel = forms.ChoiceField(label=_("Saluran"), choices=[])
    is_urgent = forms.BooleanField(
        label=_("Ada yang dalam bahaya SEKARANG"),
        required=False,
        help_text=_(
            "Centang bila korban atau orang lain terancam saat ini: petugas segera dikabari."
        ),
    )
    violence_forms = forms.MultipleChoiceField(
        label=_("Bentuk kekerasan"), widget=forms.CheckboxSelectMultiple, choices=[]
    )
    victim_kind = forms.ChoiceField(
        label=_("Korban"), choices=VictimKind.choices, widget=forms.RadioSelect
    )
    victim_sex = forms.ChoiceField(
        label=_("Jenis kelamin korban"), widget=forms.RadioSelect, choices=[]
    )
    victim_age = forms.IntegerField(label=_("Umur korban (tahun)"), min_value=0, required=False)
    victim_birth_date = forms.DateField(
        label=_("Tanggal lahir korban (bila tahu)"), required=False, widget=DateInput()
    )
    victim_name = forms.CharField(
        label=_("Nama korban (bila tahu)"), required=False, max_length=160
    )
    victim_nik = forms.CharField(label=_("NIK korban (bila tahu)"), required=False, max_length=24)
    victim_address = forms.CharField(label=_("Alamat korban"), required=False, max_length=300)
    rt = forms.ModelChoiceField(label=_("RT"), queryset=Area.objects.none(), empty_label=None)
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"),
        queryset=Area.objects.none(),
        to_field_name="code",
    )
    rt_number = forms.IntegerField(label=_("Nomor RT"), min_value=1, max_value=999)
    place = forms.ChoiceField(label=_("Tempat kejadian"), choices=[])
    incident_date = forms.DateField(label=_("Tanggal kejadian"), required=False, widget=DateInput())
    description = forms.CharField(
        label=_("Apa yang terjadi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    reporter_name = forms.CharField(
        label=_("Nama pelapor (boleh dikosongkan)"), required=False, max_length=160
    )
    reporter_phone = forms.CharField(
        label=_("Nomor HP pelapor (boleh dikosongkan)"), required=False, max_length=20
    )
    attachment = forms.FileField(
        label=_("Foto atau PDF (opsional, maks. 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    # Spam traps on the public form: a field people never see, and the time the form was shown.
    website = forms.CharField(label=_("Jangan diisi"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, mode: str, rts=None, city_code: str = "64.71", **kwargs):
        super().__init__(*args, **kwargs)
        self.mode = mode
        choice = self.choice_field
        choice("violence_forms").choices = code_choices("violence_form")
        choice("victim_sex").choices = code_choices("sex")
        choice("place").choices = code_choices("place")
        choice("channel").choices = [c for c in Channel.choices if c[0] not in ("rt", "public")]
        kelurahan = Area.objects.filter(kind=AreaKind.KELURAHAN, code__startswith=city_code + ".")
        self.model_field("kelurahan").queryset = kelurahan.order_by("name")
        if mode == "rt":
            self.model_field("rt").queryset = rts
            for name in ("channel", "kelurahan", "rt_number", "website", "started"):
                del self.fields[name]
            if len(rts) == 1:
                self.fields["rt"].widget = forms.HiddenInput()
                self.fields["rt"].initial = rts[0].pk
        else:
            del self.fields["rt"]
        if mode == "staff":
            del self.fields["website"]
            del self.fields["started"]
        if mode == "public":
            del self.fields["channel"]
            # A resident knows their kelurahan; their RT number they often do not.
            self.fields["rt_number"].required = False
            self.fields["rt_number"].label = _("Nomor RT (bila tahu)")
            self.fields["rt_number"].help_text = _(
                "Boleh dikosongkan: petugas UPTD PPA akan menanyakannya."
            )
            self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
            if not self.is_bound:
                self.fields["started"].initial = public_form_token()

    def clean_victim_nik(self):
        return self.cleaned_data["victim_nik"].strip()


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Alasan"), choices=CloseReason.choices)
    forwarded_to = forms.CharField(
        label=_("Diteruskan ke (bila di luar wilayah)"), required=False, max_length=160
    )
    note = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    duplicate_of = forms.CharField(
        label=_("Kode lacak laporan yang sama (bila ganda)"), required=False
    )


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Kode lacak"), max_length=20)
