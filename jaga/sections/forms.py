from django import forms
from django.utils.translation import gettext_lazy as _

from jaga.core.forms import DateInput, TableUploadForm
from jaga.sections.models import Position, ReturnKind


class SectionForm(forms.Form):
    is_formed = forms.BooleanField(label=_("Seksi PPA sudah dibentuk"), required=False)
    decision_number = forms.CharField(
        label=_("Nomor SK pengurus RT"), max_length=80, required=False
    )
    decision_date = forms.DateField(label=_("Tanggal SK"), required=False, widget=DateInput())
    is_active = forms.BooleanField(label=_("Seksi aktif"), required=False, initial=True)


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=160)
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, help_text=_("mis. 081234567890"))
    position = forms.ChoiceField(label=_("Jabatan"), choices=Position.choices)


class TrainingForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Anggota"), coerce=int)
    title = forms.CharField(label=_("Pelatihan"), max_length=160)
    held_on = forms.DateField(label=_("Tanggal"), widget=DateInput())

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in members if m.is_active]


class SectionUploadForm(TableUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Gunakan templat yang dapat diunduh di halaman ini.")


class ReturnForm(forms.Form):
    kind = forms.ChoiceField(choices=ReturnKind.choices)
    month = forms.CharField(required=False)  # YYYY-MM; empty: this month
