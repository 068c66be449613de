"""Forms parse what was typed; the referral services judge it (consent included)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jaga.cases.models import ShareField
from jaga.codes.selectors import code_choices
from jaga.core.forms import DateInput
from jaga.people.models import PARTNER_KINDS, Organisation


class ReferralForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Mitra tujuan"), queryset=Organisation.objects.none()
    )
    service = forms.ChoiceField(label=_("Layanan yang diminta"), choices=[])
    is_urgent = forms.BooleanField(label=_("Mendesak (ada yang dalam bahaya)"), required=False)
    shared_fields = forms.MultipleChoiceField(
        label=_("Data yang dibagikan"),
        choices=ShareField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Hanya yang diizinkan persetujuan korban atau wali untuk mitra ini."),
    )
    due_date = forms.DateField(label=_("Layanan selesai paling lambat"), widget=DateInput())
    note = forms.CharField(
        label=_("Keterangan untuk mitra"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations.filter(kind__in=PARTNER_KINDS)
        self.fields["service"].choices = code_choices("service", blank=True)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 2}))


class ServiceRecordForm(forms.Form):
    served_on = forms.DateField(label=_("Tanggal layanan"), widget=DateInput())
    note = forms.CharField(
        label=_("Layanan yang diberikan"), widget=forms.Textarea(attrs={"rows": 3})
    )
