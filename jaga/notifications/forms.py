from django import forms
from django.utils.translation import gettext_lazy as _

from jaga.notifications.channels import external_channels


class PreferenceForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=_("Terima juga lewat"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Notifikasi di aplikasi selalu aktif."),
    )
    quiet_start = forms.TimeField(
        label=_("Jam tenang mulai (WITA)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_end = forms.TimeField(
        label=_("Jam tenang selesai (WITA)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_(
            "Pesan biasa pada jam tenang dikirim saat jam tenang selesai; pesan mendesak "
            "selalu langsung dikirim. Contoh: 21:00 sampai 06:00."
        ),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = [
            (c.name, _channel_choice(c, person)) for c in external_channels()
        ]


def _channel_choice(channel, person) -> str:
    address = channel.address_for(person)
    return f"{channel.label} ({address})" if address else f"{channel.label} (—)"
