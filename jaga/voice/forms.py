"""Forms of the children's voice. They only parse input; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.core.forms import DateInput
from jaga.people.models import Organisation
from jaga.voice.models import ClassLevel, MemberRole, ProposalStatus, Question, Questionnaire, Sex
from jaga.voice.models.forums import ANSWERED
from jaga.voice.services.survey import MAX_EXPECTED, MAX_HOURS


def _date(**kwargs: Any) -> forms.DateField:
    return forms.DateField(widget=DateInput(), **kwargs)


class CodeForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode sesi"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "inputmode": "text"}
        ),
    )


class AnswerForm(forms.Form):
    """One radio group per question of one version, and the optional sex."""

    sex = forms.ChoiceField(
        label=_("Kamu anak…"),
        choices=Sex.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Boleh tidak dijawab."),
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, questions: list[Question], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            # Choices are not checked here: the service names a value outside the scale.
            self.fields[question.code] = forms.CharField(label=question.text, required=False)

    def values(self) -> dict[str, str]:
        return {q.code: self.data.get(q.code, "") for q in self.questions}

    def items(self) -> list[tuple[Question, str, Any]]:
        """(question, chosen value, errors) for the template."""
        chosen = self.data if self.is_bound else {}
        errors = self.errors if self.is_bound else {}
        return [(q, str(chosen.get(q.code, "")), errors.get(q.code, [])) for q in self.questions]


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Nama putaran"), max_length=80)
    questionnaire = forms.ModelChoiceField(
        label=_("Kuesioner"), queryset=Questionnaire.objects.all(), empty_label=None
    )
    opens_on = _date(label=_("Mulai"))
    closes_on = _date(label=_("Selesai"))


class SessionForm(forms.Form):
    survey_round: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Putaran"), queryset=None, empty_label=None
    )
    kelurahan: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Kelurahan"), queryset=None)
    school: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Sekolah"), queryset=None, required=False
    )
    place = forms.CharField(
        label=_("Atau tempat lain"),
        max_length=120,
        required=False,
        help_text=_("Misalnya “Balai kelurahan, pertemuan Forum Anak”."),
    )
    class_level = forms.ChoiceField(label=_("Jenjang kelas"), choices=ClassLevel.choices)
    held_on = _date(label=_("Tanggal"), initial=timezone.localdate)
    expected_answers = forms.IntegerField(
        label=_("Jumlah anak"), min_value=1, max_value=MAX_EXPECTED, initial=30
    )
    helper_name = forms.CharField(
        label=_("Pendamping di ruangan"),
        max_length=80,
        required=False,  # the service says precisely what is missing
        help_text=_("Ditampilkan kepada anak yang butuh bantuan, misalnya “Bu Rina, guru BK”."),
    )
    hours = forms.IntegerField(
        label=_("Lama sesi (jam)"), min_value=1, max_value=MAX_HOURS, initial=3
    )

    def __init__(self, *args: Any, rounds: Any, kelurahan: Any, schools: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["survey_round"].queryset = rounds  # type: ignore[attr-defined]
        self.fields["kelurahan"].queryset = kelurahan  # type: ignore[attr-defined]
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]


class ForumForm(forms.Form):
    area: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Wilayah"), queryset=None)
    name = forms.CharField(label=_("Nama forum"), max_length=120)
    decree = forms.CharField(label=_("Nomor SK"), max_length=120, required=False)
    formed_on = _date(label=_("Dibentuk"), required=False)

    def __init__(self, *args: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class MemberForm(forms.Form):
    nickname = forms.CharField(
        label=_("Nama depan atau panggilan"),
        max_length=40,
        help_text=_("Cukup nama panggilan; nama lengkap tidak dicatat."),
    )
    birth_year = forms.IntegerField(label=_("Tahun lahir"), min_value=1990, max_value=2100)
    school = forms.CharField(label=_("Sekolah"), max_length=120, required=False)
    role = forms.ChoiceField(label=_("Peran"), choices=MemberRole.choices)
    guardian_agreed_on = _date(
        label=_("Tanggal persetujuan orang tua/wali"),
        required=False,
        help_text=_("UU 27/2022 pasal 25: data anak hanya dengan persetujuan orang tua/wali."),
    )


class FacilitatorForm(forms.Form):
    username = forms.CharField(label=_("Nama pengguna fasilitator"), max_length=150)


class ConsultationForm(forms.Form):
    topic = forms.CharField(label=_("Topik"), max_length=160)
    held_on = _date(label=_("Tanggal"))
    girls_younger = forms.IntegerField(label=_("Perempuan 8–12"), min_value=0, initial=0)
    boys_younger = forms.IntegerField(label=_("Laki-laki 8–12"), min_value=0, initial=0)
    girls_older = forms.IntegerField(label=_("Perempuan 13–17"), min_value=0, initial=0)
    boys_older = forms.IntegerField(label=_("Laki-laki 13–17"), min_value=0, initial=0)
    summary = forms.CharField(
        label=_("Apa yang disampaikan anak-anak"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ringkasan fasilitator. Jangan tulis nama atau kutipan yang mengenali anak."),
    )


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Usulan"), max_length=200)
    detail = forms.CharField(
        label=_("Penjelasan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    addressee = forms.ModelChoiceField(
        label=_("Ditujukan kepada"),
        queryset=Organisation.objects.filter(is_active=True).select_related("area"),
        required=False,
    )
    consultation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Dari konsultasi"), queryset=None, required=False
    )

    def __init__(self, *args: Any, consultations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = consultations  # type: ignore[attr-defined]


class AnswerProposalForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[(s.value, s.label) for s in ProposalStatus if s in ANSWERED]
    )
    answer = forms.CharField(
        label=_("Jawaban untuk anak-anak"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Apa yang sudah atau akan dilakukan; ditampilkan di halaman publik."),
    )


class ActionLinkForm(forms.Form):
    number = forms.CharField(
        label=_("Nomor rencana aksi Gugus Tugas"),
        max_length=12,
        required=False,
        help_text=_("Misalnya RA-0012. Kosongkan untuk melepas tautan."),
    )
