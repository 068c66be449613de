from django import forms
from django.utils.translation import gettext_lazy as _

from jaga.sections.models import Position, ReturnKind

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"


class SectionForm(forms.Form):
    is_formed = forms.BooleanField(label=_("Seksi PPA sudah dibentuk"), required=False)
    decision_number = forms.CharField(
        label=_("Nomor SK pengurus RT"), max_length=80, required=False
    )
    decision_date = forms.DateField(label=_("Tanggal SK"), required=False, widget=DateInput)
    is_active = forms.BooleanField(label=_("Seksi aktif"), required=False, initial=True)


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=160)
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, help_text=_("mis. 081234567890"))
    position = forms.ChoiceField(label=_("Jabatan"), choices=Position.choices)


class TrainingForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Anggota"), coerce=int)
    title = forms.CharField(label=_("Pelatihan"), max_length=160)
    held_on = forms.DateField(label=_("Tanggal"), widget=DateInput)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in members if m.is_active]


class SectionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas (XLSX atau CSV)"),
        help_text=_("Gunakan templat yang dapat diunduh di halaman ini."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (maksimal 5 MB)."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Jenis berkas tidak didukung: unggah .csv atau .xlsx."))
        return upload


class ReturnForm(forms.Form):
    kind = forms.ChoiceField(choices=ReturnKind.choices)
    month = forms.CharField(required=False)  # YYYY-MM; empty: this month
