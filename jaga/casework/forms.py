from django import forms
from django.utils.translation import gettext_lazy as _

from jaga.casework.models import FlagKind, NeedDomain, RiskLevel

TEXT = {"rows": 2}


class VersionForm(forms.Form):
    """Every change carries the case version the form was opened with (stale forms are
    refused by the service)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class AssessmentForm(VersionForm):
    risk_level = forms.ChoiceField(
        label=_("Tingkat risiko"), choices=RiskLevel.choices, widget=forms.RadioSelect
    )
    risk_reasons = forms.CharField(
        label=_("Alasan tingkat risiko"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    wishes = forms.CharField(
        label=_("Keinginan korban sendiri"),
        help_text=_("Untuk anak: ringkas dengan kata-kata yang dipakai anak."),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
    )
    safety_contacts = forms.CharField(
        label=_("Rencana keselamatan: siapa yang dihubungi"),
        help_text=_("Wajib bila risiko tinggi atau bahaya segera."),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
    )
    safety_places = forms.CharField(
        label=_("Rencana keselamatan: ke mana pergi"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
    )
    safety_rt = forms.CharField(
        label=_("Yang dilakukan Seksi PPA RT"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    safety_companion = forms.CharField(
        label=_("Yang dilakukan pendamping FP2ATBM"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One description per domain, first: a domain has a need when it is described.
        fields = list(self.fields.items())
        described = {
            f"need_{value}": forms.CharField(
                label=_("Kebutuhan: %(domain)s") % {"domain": label},
                help_text=_("Kosongkan bila tidak ada kebutuhan di bidang ini.")
                if value == NeedDomain.SAFETY
                else "",
                widget=forms.Textarea(attrs={"rows": 1}),
                required=False,
            )
            for value, label in NeedDomain.choices
        }
        self.fields = dict(fields[:1] + list(described.items()) + fields[1:])

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "version": data["version"],
            "needs": {d: data[f"need_{d}"] for d in NeedDomain.values},
            "risk_level": data["risk_level"],
            **{f: data[f] for f in ("risk_reasons", "wishes")},
            **{f: data[f] for f in ("safety_contacts", "safety_places", "safety_rt")},
            "safety_companion": data["safety_companion"],
        }


class FlagForm(VersionForm):
    kind = forms.ChoiceField(label=_("Tanda"), choices=FlagKind.choices)
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs=TEXT), required=False)
