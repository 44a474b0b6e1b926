from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Company
from network.selectors import municipality_list

from .models import NOTE_MAX, SCALE_MAX, SCALE_MIN, Departure, Question

TEXT_MAX = 2000


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SurveyForm(forms.Form):
    """One field per question of the survey (questions given with their choices prefetched)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = self._field(question)

    @staticmethod
    def _field(question: Question) -> forms.Field:
        common = {"label": question.text, "required": question.required}
        if question.kind == Question.Kind.SCALE:
            scale = [(str(v), str(v)) for v in range(SCALE_MIN, SCALE_MAX + 1)]
            return forms.TypedChoiceField(
                choices=scale,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 = not at all, 5 = very much"),
                **common,
            )
        if question.kind == Question.Kind.TEXT:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX, **common)
        choices = [(choice.pk, choice.text) for choice in question.choices.all()]
        if question.kind == Question.Kind.SINGLE:
            return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)
        return forms.TypedMultipleChoiceField(
            choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple, **common
        )

    def answers(self) -> dict[int, int | list[int] | str]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class DepartureForm(forms.Form):
    left_on = forms.DateField(label=_("I left the region on"), widget=_date_widget())
    reason = forms.ChoiceField(
        label=_("The main reason (optional)"),
        choices=[("", _("I'd rather not say")), *Departure.Reason.choices],
        required=False,
    )

    def clean_left_on(self):
        left_on = self.cleaned_data["left_on"]
        if left_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return left_on


class DashboardFilterForm(forms.Form):
    """The dashboard's filters; a value that makes no sense is dropped, never an error page."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=municipality_list(), required=False
    )
    company = forms.ModelChoiceField(
        label=_("Company"), queryset=Company.objects.order_by("name"), required=False
    )
    arrival_year = forms.IntegerField(label=_("Arrival year"), min_value=1990, max_value=2100, required=False)

    def values(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "municipality_id": data["municipality"].pk if data.get("municipality") else None,
            "company_id": data["company"].pk if data.get("company") else None,
            "arrival_year": data.get("arrival_year"),
        }


class SignalFilterForm(forms.Form):
    """The signals page's filters; a value that makes no sense is dropped, never an error page."""

    kind = forms.ChoiceField(label=_("Reason"), choices=[("", _("All reasons"))], required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=municipality_list(), required=False
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All reasons")), *((k.value, k.label) for k in kinds)]

    def values(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "kind": data.get("kind") or None,
            "municipality_id": data["municipality"].pk if data.get("municipality") else None,
        }


class ContactNoteForm(forms.Form):
    note = forms.CharField(
        label=_("What was said or agreed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NOTE_MAX,
        error_messages={"required": _("Write a short note, so the next person knows what happened.")},
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("Write a short note, so the next person knows what happened."))
        return note
