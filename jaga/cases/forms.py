from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jaga.cases.models import CaseStatus, ConsentGiver, MemberRole, PersonKind, ShareField
from jaga.codes.selectors import code_choices
from jaga.core.checks import check_nik
from jaga.core.forms import DateInput, GroupedCheckboxes
from jaga.people.models import PARTNER_KINDS, Organisation, Person
from jaga.people.selectors import organisation_choices_by_kind
from jaga.reports.models import VictimKind


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Ubah status ke"), choices=[])
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # Any status passes the form, so a step the case cannot take is refused by the
        # service with its own message; the list offers only the steps it can take.
        field = self.fields["to_status"]
        field.choices = CaseStatus.choices
        field.widget.choices = [(s, CaseStatus(s).label) for s in case.allowed_statuses]
        self.fields["version"].initial = case.version


class CaseUpdateForm(forms.Form):
    violence_forms = forms.MultipleChoiceField(
        label=_("Bentuk kekerasan"), widget=forms.CheckboxSelectMultiple, choices=[]
    )
    place = forms.ChoiceField(label=_("Tempat kejadian"), choices=[])
    incident_date = forms.DateField(label=_("Tanggal kejadian"), required=False, widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["violence_forms"].choices = code_choices("violence_form")
        self.fields["place"].choices = code_choices("place")


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan perkembangan"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PersonForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Sebagai"), choices=PersonKind.choices, widget=forms.RadioSelect
    )
    victim_kind = forms.ChoiceField(
        label=_("Jenis korban"), choices=[("", "—"), *VictimKind.choices], required=False
    )
    name = forms.CharField(label=_("Nama"), required=False, max_length=160)
    nik = forms.CharField(label=_("NIK"), required=False, max_length=24)
    birth_date = forms.DateField(label=_("Tanggal lahir"), required=False, widget=DateInput())
    age = forms.IntegerField(label=_("Umur (tahun)"), required=False, min_value=0)
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=[], widget=forms.RadioSelect)
    education = forms.ChoiceField(label=_("Pendidikan"), choices=[], required=False)
    occupation = forms.ChoiceField(label=_("Pekerjaan"), choices=[], required=False)
    has_disability = forms.BooleanField(label=_("Penyandang disabilitas"), required=False)
    relationship = forms.ChoiceField(
        label=_("Hubungan dengan korban (pelaku)"), choices=[], required=False
    )
    address = forms.CharField(label=_("Alamat"), required=False, max_length=300)
    phone = forms.CharField(label=_("Nomor HP"), required=False, max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sex"].choices = code_choices("sex")
        self.fields["education"].choices = code_choices("education", blank=True)
        self.fields["occupation"].choices = code_choices("occupation", blank=True)
        self.fields["relationship"].choices = code_choices("relationship", blank=True)


class PersonEditForm(PersonForm):
    """A correction is based on the case as the editor saw it (refused when stale)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class ServiceForm(forms.Form):
    service = forms.ChoiceField(label=_("Layanan"), choices=[])
    organisation = forms.ModelChoiceField(
        label=_("Diberikan oleh (mitra)"), queryset=Organisation.objects.none(), required=False
    )
    started_on = forms.DateField(label=_("Mulai"), required=False, widget=DateInput())

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = code_choices("service")
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class MemberForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Orang"),
        queryset=Person.objects.filter(is_active=True),
        to_field_name="username",
        widget=forms.TextInput,
        help_text=_("Nama pengguna"),
    )
    role = forms.ChoiceField(label=_("Peran dalam tim"), choices=MemberRole.choices)


class ConsentForm(forms.Form):
    given_by = forms.ChoiceField(label=_("Diberikan oleh"), choices=ConsentGiver.choices)
    exception_reason = forms.CharField(label=_("Alasan pengecualian"), required=False)
    given_on = forms.DateField(label=_("Tanggal"), widget=DateInput())
    for_services = forms.BooleanField(label=_("Untuk layanan"), required=False)
    for_sharing = forms.BooleanField(label=_("Untuk berbagi data dengan mitra"), required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Mitra"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=GroupedCheckboxes(filter_label=_("Cari mitra")),
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Data yang boleh dibagikan"),
        help_text=_("Setiap mitra yang dicentang boleh menerima data ini, tidak lebih."),
        choices=ShareField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            # Data goes only to partners, the organisations a referral may go to.
            partners = organisations.filter(kind__in=PARTNER_KINDS)
            field = self.fields["organisations"]
            field.queryset = partners
            field.choices = organisation_choices_by_kind(partners)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Foto atau PDF (maks. 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan membuka identitas"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=300,
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Nomor kasus, NIK atau nama korban"), required=False, max_length=100
    )


class BreachLookupForm(forms.Form):
    """The person a breach notice is about: by NIK (sent in the body, never in an address
    that logs keep) or by case number (then one picks the victim)."""

    nik = forms.CharField(label=_("NIK korban"), required=False, max_length=30)
    number = forms.CharField(label=_("atau nomor kasus"), required=False, max_length=40)

    def clean_nik(self) -> str:
        try:
            return check_nik(self.cleaned_data["nik"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None

    def clean(self):
        cleaned = super().clean()
        given = cleaned.get("nik") or (cleaned.get("number") or "").strip()
        if not given and not self.errors:
            raise forms.ValidationError(_("Isi NIK korban atau nomor kasus."))
        return cleaned
