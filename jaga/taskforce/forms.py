"""Forms parse what was typed; the services judge it (their messages land on these fields)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.codes.models import CodeList
from jaga.codes.selectors import codes_of
from jaga.core.forms import DateInput
from jaga.taskforce.models import MeetingKind, MemberRole, OutcomeKind


def cluster_choices(blank: bool = False) -> list[tuple[str, str]]:
    choices = [(c.code, f"{c.code} — {c}") for c in codes_of(CodeList.KLA_CLUSTER)]
    return [("", "—"), *choices] if blank else choices


class MemberForm(forms.Form):
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Organisasi"), queryset=None
    )
    cluster = forms.ChoiceField(label=_("Klaster KLA yang dilayani"), choices=[])

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["cluster"].choices = cluster_choices()


class FocalPersonForm(forms.Form):
    member: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Organisasi anggota"), queryset=None
    )
    role = forms.ChoiceField(label=_("Peran"), choices=MemberRole.choices)
    person: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Akun (bila punya)"), queryset=None, required=False
    )
    guest_name = forms.CharField(label=_("Atau nama tamu"), max_length=160, required=False)

    def __init__(self, *args, members, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["person"].queryset = people


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis rapat"), choices=MeetingKind.choices)
    cluster = forms.ChoiceField(label=_("Klaster (rapat klaster)"), choices=[], required=False)
    title = forms.CharField(label=_("Judul"), max_length=200)
    day = forms.DateField(label=_("Tanggal"), widget=DateInput())
    start = forms.TimeField(label=_("Mulai (WITA)"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Selesai (WITA)"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    online_link = forms.URLField(
        label=_("Tautan rapat daring"), max_length=300, required=False, assume_scheme="https"
    )
    agenda = forms.CharField(
        label=_("Acara (satu per baris; penyaji sesudah tanda |)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "Misal: Sinergi lintas sektor pendidikan dan kesehatan | Dinas Pendidikan. "
            "Tindak lanjut rapat sebelumnya selalu menjadi acara pertama."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = cluster_choices(blank=True)

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        day = self.cleaned_data["day"]
        return (
            timezone.make_aware(datetime.datetime.combine(day, self.cleaned_data["start"])),
            timezone.make_aware(datetime.datetime.combine(day, self.cleaned_data["end"])),
        )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Pokok bahasan"), max_length=200)
    presenter_name = forms.CharField(label=_("Penyaji"), max_length=160, required=False)


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=OutcomeKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Isi"), widget=forms.Textarea(attrs={"rows": 3}))


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Rencana aksi"), max_length=300)
    owner: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Organisasi penanggung jawab"), queryset=None, required=False
    )
    owner_person: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Orang yang ditunjuk (pilihan)"), queryset=None, required=False
    )
    due_date = forms.DateField(label=_("Tenggat"), widget=DateInput(), required=False)
    indicators: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Indikator KLA yang dilayani"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expected_evidence = forms.CharField(label=_("Bukti yang diharapkan"), max_length=300)

    def __init__(self, *args, members, focal_people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members
        self.fields["owner_person"].queryset = focal_people
        self.fields["indicators"].queryset = codes_of(CodeList.KLA_INDICATOR)
        self.fields["indicators"].label_from_instance = lambda c: f"{c.code}. {c} ({c.note})"


class ProgressForm(forms.Form):
    note = forms.CharField(label=_("Kemajuan"), widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.FileField(label=_("Dokumen PDF (pilihan)"), required=False)


class CloseForm(forms.Form):
    evidence = forms.CharField(
        label=_("Bukti penyelesaian"), widget=forms.Textarea(attrs={"rows": 3})
    )
    document = forms.FileField(label=_("Dokumen bukti PDF (pilihan)"), required=False)


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Isi notulen"), widget=forms.Textarea(attrs={"rows": 12}))


class SendMinutesForm(forms.Form):
    days = forms.IntegerField(label=_("Masa koreksi (hari)"), initial=5)


class SuggestForm(forms.Form):
    text = forms.CharField(label=_("Koreksi Anda"), widget=forms.Textarea(attrs={"rows": 3}))


class CorrectForm(forms.Form):
    text = forms.CharField(
        label=_("Isi notulen setelah koreksi"), widget=forms.Textarea(attrs={"rows": 12})
    )
    reason = forms.CharField(label=_("Alasan koreksi"), max_length=300)
