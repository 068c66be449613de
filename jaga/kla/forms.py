import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.core.forms import DateInput
from jaga.kla.models import AnswerKind, Item, SiteMode
from jaga.people.models import Organisation, Person


class OpenRoundForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun evaluasi"), min_value=2020, max_value=2100)


YES_NO = [("yes", _("Ya")), ("no", _("Tidak"))]


class AnswerForm(forms.Form):
    """One item's answer, its field shaped by the item's kind."""

    note = forms.CharField(
        label=_("Keterangan (tanpa nama korban atau anak)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, item: Item, **kwargs):
        kwargs["prefix"] = f"butir-{item.pk}"
        super().__init__(*args, **kwargs)
        self.item = item
        label = _("Jawaban")
        if item.kind in (AnswerKind.YES_NO, AnswerKind.DOCUMENT):
            field: forms.Field = forms.ChoiceField(
                label=label, choices=YES_NO, widget=forms.RadioSelect
            )
        elif item.kind == AnswerKind.CHOICE:
            choices = [(str(i), c["label"]) for i, c in enumerate(item.choices)]
            field = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)
        else:
            suffix = " (%)" if item.kind == AnswerKind.PERCENT else ""
            field = forms.CharField(
                label=f"{label}{suffix}",
                max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
        self.fields = {"value": field, **self.fields}


class EvidenceForm(forms.Form):
    """A document for one item; the period it covers is optional (a decree has none)."""

    file = forms.FileField(label=_("Berkas bukti (PDF, XLSX, DOCX, PNG atau JPEG, maks. 10 MB)"))
    period_start = forms.DateField(
        label=_("Berlaku dari (pilihan)"), required=False, widget=DateInput()
    )
    period_end = forms.DateField(
        label=_("Berlaku sampai (pilihan)"), required=False, widget=DateInput()
    )

    def __init__(self, *args, item: Item, **kwargs):
        kwargs["prefix"] = f"bukti-{item.pk}"
        super().__init__(*args, **kwargs)
        self.item = item


class CommentForm(forms.Form):
    """A remark on one item (the verifier's question, DP3AKB's or the agency's answer)."""

    text = forms.CharField(
        label=_("Komentar (tanpa nama korban atau anak)"),
        max_length=2000,
        error_messages={"required": _("Tuliskan komentarnya.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, item: Item, **kwargs):
        kwargs["prefix"] = f"komentar-{item.pk}"
        super().__init__(*args, **kwargs)
        self.item = item


class DeadlineForm(forms.Form):
    due_on = forms.DateField(label=_("Tenggat jawaban semua indikator"), widget=DateInput())


class SiteForm(forms.Form):
    """A stop of the field verification day; its contact is chosen among the city's agency
    accounts, never typed."""

    name = forms.CharField(label=_("Lokasi"), max_length=160)
    day = forms.DateField(label=_("Tanggal"), widget=DateInput())
    start = forms.TimeField(label=_("Mulai (WITA)"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Selesai (WITA)"), widget=forms.TimeInput(attrs={"type": "time"}))
    mode = forms.ChoiceField(label=_("Cara"), choices=SiteMode.choices, widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        label=_("Penanggung jawab"), queryset=Organisation.objects.none(), required=False
    )
    contact = forms.ModelChoiceField(
        label=_("Narahubung"), queryset=Person.objects.none(), required=False
    )
    asks = forms.CharField(
        label=_("Yang akan ditanyakan verifikator"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, organisations, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["contact"].queryset = contacts

    def site_values(self) -> dict:
        data = dict(self.cleaned_data)
        day, start, end = data.pop("day"), data.pop("start"), data.pop("end")
        data["starts_at"] = timezone.make_aware(dt.datetime.combine(day, start))
        data["ends_at"] = timezone.make_aware(dt.datetime.combine(day, end))
        return data
