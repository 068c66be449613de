from django import forms
from django.utils.translation import gettext_lazy as _

from jaga.clocks.models import Unit
from jaga.core.forms import DateInput


class TargetForm(forms.Form):
    amount = forms.IntegerField(label=_("Batas waktu"), min_value=1, max_value=1000)
    unit = forms.ChoiceField(label=_("Satuan"), choices=Unit.choices)


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DateInput())
    name = forms.CharField(label=_("Nama hari libur"), max_length=120)


class QueueForm(forms.Form):
    per = forms.ChoiceField(
        choices=[("organisasi", _("organisasi")), ("kelurahan", _("kelurahan"))], required=False
    )
