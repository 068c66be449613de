from django import forms
from django.utils.translation import gettext_lazy as _

from jaga.codes.models import CodeList
from jaga.codes.selectors import code_choices
from jaga.core.forms import DateInput, TableUploadForm
from jaga.forum.models import Audience, Destination, MeetingPartner, PlaceKind, Position


class ChapterForm(forms.Form):
    formed_on = forms.DateField(label=_("Tanggal dibentuk"), widget=DateInput())
    decision_number = forms.CharField(label=_("Nomor SK"), max_length=80, required=False)
    decision_date = forms.DateField(label=_("Tanggal SK"), required=False, widget=DateInput())


class ActivistForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=160)
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, help_text=_("mis. 081234567890"))
    # Most activists added one by one are members; the import's empty position means the same.
    position = forms.ChoiceField(
        label=_("Jabatan"), choices=Position.choices, initial=Position.MEMBER
    )


class TrainingForm(forms.Form):
    activist = forms.TypedChoiceField(label=_("Aktivis"), coerce=int)
    title = forms.CharField(label=_("Pelatihan"), max_length=160)
    held_on = forms.DateField(label=_("Tanggal"), widget=DateInput())

    def __init__(self, *args, activists=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activist"].choices = [(a.pk, a.name) for a in activists if a.is_active]


class RtChoiceField(forms.TypedMultipleChoiceField):
    """RT checkboxes of the chapter's kelurahan that still pass any RT id on: the service
    answers one of another kelurahan with a message naming it, not "invalid choice"."""

    def valid_value(self, value) -> bool:
        return True


class SessionForm(forms.Form):
    """Parses what was typed; ``services.sessions.session_record`` judges it. Counts accept
    any integer so that a negative one gets the service's precise message."""

    held_on = forms.DateField(label=_("Tanggal"), widget=DateInput())
    place_kind = forms.ChoiceField(label=_("Tempat"), choices=PlaceKind.choices)
    rts = RtChoiceField(
        label=_("RT yang warganya hadir"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.MultipleChoiceField(
        label=_("Topik"), widget=forms.CheckboxSelectMultiple, choices=[]
    )
    audience = forms.ChoiceField(
        label=_("Sasaran"), choices=Audience.choices, widget=forms.RadioSelect
    )
    girls = forms.IntegerField(label=_("Anak perempuan"), initial=0)
    boys = forms.IntegerField(label=_("Anak laki-laki"), initial=0)
    women = forms.IntegerField(label=_("Perempuan dewasa"), initial=0)
    men = forms.IntegerField(label=_("Laki-laki dewasa"), initial=0)
    facilitators = forms.TypedMultipleChoiceField(
        label=_("Fasilitator (aktivis)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photo = forms.FileField(
        label=_("Foto kegiatan (boleh kosong)"),
        required=False,
        help_text=_(
            "Jangan memotret wajah anak. Foto saja (JPEG, PNG, WebP, GIF), paling besar 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def __init__(self, *args, rts=(), activists=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rts"].choices = [(rt.pk, rt.name) for rt in rts]
        self.fields["topics"].choices = code_choices(CodeList.EDUCATION_TOPIC)
        self.fields["facilitators"].choices = [(a.pk, a.name) for a in activists if a.is_active]
        for name in ("girls", "boys", "women", "men"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "min": "0"})


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Tanggal rapat"), widget=DateInput())
    partner = forms.ChoiceField(label=_("Bersama"), choices=MeetingPartner.choices)


class AccompanimentForm(forms.Form):
    visited_on = forms.DateField(label=_("Tanggal"), widget=DateInput())
    destination = forms.ChoiceField(
        label=_("Pendampingan"), choices=Destination.choices, widget=forms.RadioSelect
    )
    transport_cost = forms.IntegerField(
        label=_("Biaya transport (Rp)"),
        initial=0,
        help_text=_("Diganti dari anggaran DP3AKB; 0 bila tidak ada."),
    )
    note = forms.CharField(
        label=_("Catatan singkat (boleh kosong)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hanya yang perlu diketahui manajer kasus."),
    )


class ActivistUploadForm(TableUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Gunakan templat yang dapat diunduh di halaman ini.")
