from django import forms
from django.utils.translation import gettext_lazy as _

from jaga.casework.models import (
    AgreedWith,
    ClosureOutcome,
    ClosureReason,
    ContactKind,
    ContactOutcome,
    FlagKind,
    GoalOutcome,
    NeedDomain,
    RiskLevel,
    Subject,
    ViewAnswer,
)
from jaga.casework.services.plan import GoalIn
from jaga.codes.selectors import code_choices
from jaga.core.forms import DateInput
from jaga.people.models import Organisation, Person

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


GOAL_ROWS = 3  # a plan is typed with up to three goals; more are added later


class GoalsForm(VersionForm):
    """Up to GOAL_ROWS goals (blank rows ignored): added to a plan later."""

    def __init__(self, *args, team, partners, rows=GOAL_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i in range(rows):
            n = {"n": i + 1}
            self.fields[f"goal{i}_text"] = forms.CharField(
                label=_("Tujuan %(n)s") % n, widget=forms.Textarea(attrs=TEXT), required=False
            )
            self.fields[f"goal{i}_services"] = forms.MultipleChoiceField(
                label=_("Layanan untuk tujuan %(n)s") % n,
                choices=code_choices("service"),
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
            self.fields[f"goal{i}_partner"] = forms.ModelChoiceField(
                label=_("Rujukan ke mitra (tujuan %(n)s)") % n, queryset=partners, required=False
            )
            self.fields[f"goal{i}_responsible"] = forms.ModelChoiceField(
                label=_("Penanggung jawab tujuan %(n)s") % n, queryset=team, required=False
            )
            self.fields[f"goal{i}_target_on"] = forms.DateField(
                label=_("Target tanggal tujuan %(n)s") % n, widget=DateInput(), required=False
            )
            self.fields[f"goal{i}_review_on"] = forms.DateField(
                label=_("Tanggal tinjauan tujuan %(n)s") % n, widget=DateInput(), required=False
            )

    def goals(self) -> list[GoalIn]:
        data = self.cleaned_data
        return [
            GoalIn(
                index=i,
                text=data[f"goal{i}_text"],
                responsible=data[f"goal{i}_responsible"],
                target_on=data[f"goal{i}_target_on"],
                review_on=data[f"goal{i}_review_on"],
                services=data[f"goal{i}_services"],
                partners=[data[f"goal{i}_partner"]] if data[f"goal{i}_partner"] else [],
            )
            for i in range(self.rows)
        ]


class PlanForm(GoalsForm):
    agreed_with = forms.ChoiceField(
        label=_("Disepakati dengan"), choices=AgreedWith.choices, widget=forms.RadioSelect
    )
    agreed_on = forms.DateField(label=_("Tanggal kesepakatan"), widget=DateInput(), required=False)
    review_on = forms.DateField(
        label=_("Tanggal tinjauan rencana"), widget=DateInput(), required=False
    )


class GoalOutcomeForm(VersionForm):
    outcome = forms.ChoiceField(label=_("Hasil"), choices=GoalOutcome.choices)
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs=TEXT), required=False)


class ReviewForm(VersionForm):
    note = forms.CharField(
        label=_("Hasil tinjauan"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    next_review_on = forms.DateField(
        label=_("Tinjauan berikutnya"), widget=DateInput(), required=False
    )


class ApprovalRequestForm(VersionForm):
    subject = forms.ChoiceField(label=_("Minta persetujuan untuk"), choices=Subject.choices)
    note = forms.CharField(
        label=_("Keterangan (untuk penutupan: alasannya)"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
    )


class DecisionForm(VersionForm):
    approve = forms.TypedChoiceField(
        label=_("Keputusan"),
        choices=[("1", _("Setujui")), ("0", _("Kembalikan dengan komentar"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Komentar"), widget=forms.Textarea(attrs=TEXT), required=False
    )


class ClosureForm(VersionForm):
    reason = forms.ChoiceField(label=_("Alasan penutupan"), choices=ClosureReason.choices)
    outcome = forms.ChoiceField(label=_("Hasil penanganan"), choices=ClosureOutcome.choices)
    note = forms.CharField(
        label=_("Catatan penutupan"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    view_consent = forms.BooleanField(
        label=_("Korban (atau wali) setuju pandangannya dicatat"), required=False
    )
    feels_safe = forms.ChoiceField(
        label=_("“Apakah kamu merasa aman sekarang?”"),
        choices=[("", "—"), *ViewAnswer.choices],
        required=False,
    )
    help_helped = forms.ChoiceField(
        label=_("“Apakah bantuan yang kamu terima menolongmu?”"),
        choices=[("", "—"), *ViewAnswer.choices],
        required=False,
    )
    view_words = forms.CharField(
        label=_("Kata-kata korban sendiri (boleh kosong)"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
    )


class FollowUpForm(VersionForm):
    kind = forms.ChoiceField(label=_("Cara"), choices=ContactKind.choices)
    due_on = forms.DateField(label=_("Tanggal"), widget=DateInput(), required=False)


class FollowUpDoneForm(VersionForm):
    outcome = forms.ChoiceField(label=_("Hasil"), choices=ContactOutcome.choices)
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs=TEXT), required=False)


class TransferForm(VersionForm):
    to_manager = forms.ModelChoiceField(
        label=_("Manajer kasus tujuan"), queryset=Person.objects.none(), required=False
    )
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs=TEXT), required=False)

    def __init__(self, *args, managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_manager"].queryset = managers


class TransferAnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Jawaban"),
        choices=[("1", _("Terima kasus ini")), ("0", _("Tolak"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    decline_reason = forms.CharField(
        label=_("Alasan menolak"), widget=forms.Textarea(attrs=TEXT), required=False
    )


class CityTransferForm(VersionForm):
    to_organisation = forms.ModelChoiceField(
        label=_("UPTD PPA kota tujuan"), queryset=Organisation.objects.none(), required=False
    )
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs=TEXT), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = organisations


class CityTransferAnswerForm(TransferAnswerForm):
    to_manager = forms.ModelChoiceField(
        label=_("Manajer kasus yang akan menangani (jika diterima)"),
        queryset=Person.objects.none(),
        required=False,
    )
    field_order = ["accept", "to_manager", "decline_reason"]

    def __init__(self, *args, managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_manager"].queryset = managers
