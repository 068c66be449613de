from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jaga.access.policy import visible
from jaga.access.roles import Role
from jaga.areas.models import Area, AreaKind
from jaga.people.models import Organisation


class PlaceFields(forms.Form):
    """Role, organisation and area of a membership; the area is chosen down to kelurahan and an
    RT by its number, which keeps the page small however many RTs the city has."""

    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisasi"), queryset=Organisation.objects.none(), required=False
    )
    area = forms.ModelChoiceField(
        label=_("Wilayah"),
        queryset=Area.objects.none(),
        required=False,
        help_text=_("Untuk petugas RT pilih kelurahannya, lalu isi nomor RT."),
    )
    rt_number = forms.IntegerField(label=_("Nomor RT"), required=False, min_value=1, max_value=999)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = visible(
            user,
            "people.manage",
            Organisation.objects.filter(is_active=True).select_related("area"),
        )
        self.fields["area"].queryset = visible(
            user, "people.manage", Area.objects.exclude(kind=AreaKind.RT)
        )

    def clean(self):
        data = super().clean()
        number, area = data.get("rt_number"), data.get("area")
        if number:
            if area is None or area.kind != AreaKind.KELURAHAN:
                raise ValidationError({"area": _("Pilih kelurahan tempat RT itu berada.")})
            rt = Area.objects.filter(parent=area, kind=AreaKind.RT, number=number).first()
            if rt is None:
                raise ValidationError({"rt_number": _("RT ini belum terdaftar di kelurahan itu.")})
            data["area"] = rt
        return data


class InviteForm(PlaceFields):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=160)
    username = forms.RegexField(
        label=_("Nama pengguna"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Hanya huruf, angka dan . @ + - _ tanpa spasi.")},
    )
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)

    field_order = ["full_name", "username", "phone", "email", "role", "organisation", "area"]


class MembershipForm(PlaceFields):
    pass


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "area", "parent", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = visible(
            user, "organisations.manage", Area.objects.exclude(kind=AreaKind.RT)
        )
        self.fields["parent"].queryset = visible(
            user, "organisations.manage", Organisation.objects.select_related("area")
        )
