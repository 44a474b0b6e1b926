from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import ProfessionalField
from network.forms import BoundedModelMultipleChoiceField
from network.languages import CEFR_LEVELS, SpokenLanguagesField
from network.selectors import municipality_list

from .models import MAX_COMMUTE_MINUTES, MAX_YEARS_EXPERIENCE, CareerProfile


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CareerProfileForm(forms.ModelForm):
    professional_fields = BoundedModelMultipleChoiceField(
        label=_("Professional fields"),
        queryset=ProfessionalField.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    years_experience = forms.IntegerField(
        label=_("Years of work experience"), min_value=0, max_value=MAX_YEARS_EXPERIENCE
    )
    max_commute_minutes = forms.IntegerField(
        label=_("Willing to commute (minutes each way)"), min_value=0, max_value=MAX_COMMUTE_MINUTES
    )
    other_languages = SpokenLanguagesField(label=_("Other languages you speak"), required=False)
    remove_cv = forms.BooleanField(label=_("Remove my CV"), required=False)
    show_to_companies = forms.BooleanField(
        label=_("Show my profile and CV to HR staff of the network's member companies"),
        help_text=_("You can withdraw this at any time; your profile is hidden from them at once."),
        required=False,
    )

    class Meta:
        model = CareerProfile
        fields = [
            "professional_fields",
            "education",
            "years_experience",
            "norwegian_level",
            "english_level",
            "other_languages",
            "driving_licence",
            "extent_wanted",
            "max_commute_minutes",
            "open_to_retraining",
            "looking_since",
            "weekly_mail",
            "cv",
        ]
        widgets = {"looking_since": _date_widget(), "cv": forms.FileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["norwegian_level"].choices = [("", _("None yet"))] + CEFR_LEVELS
        self.fields["english_level"].choices = [("", _("None"))] + CEFR_LEVELS
        self.fields["cv"].required = False
        if self.instance.pk:
            self.fields["show_to_companies"].initial = self.instance.shown_to_companies

    def clean_looking_since(self):
        value = self.cleaned_data["looking_since"]
        if value > timezone.localdate() or value.year < 2000:
            raise forms.ValidationError(_("Enter a date between 2000 and today."))
        return value

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "cv"}
        data["professional_fields"] = list(data["professional_fields"])
        data["show_to_companies"] = self.cleaned_data["show_to_companies"]
        data["remove_cv"] = self.cleaned_data["remove_cv"]
        upload = self.files.get("cv")
        data["cv"] = self.cleaned_data["cv"] if upload else None
        return data


class FoundWorkForm(forms.Form):
    found_work_on = forms.DateField(label=_("Date"), widget=_date_widget())
    how = forms.ChoiceField(label=_("How"), choices=CareerProfile.FoundHow.choices)

    def clean_found_work_on(self):
        value = self.cleaned_data["found_work_on"]
        if value > timezone.localdate() or value.year < 2000:
            raise forms.ValidationError(_("Enter a date between 2000 and today."))
        return value


class PoolFilterForm(forms.Form):
    field = forms.ModelChoiceField(
        label=_("Professional field"),
        queryset=ProfessionalField.objects.all(),
        required=False,
        empty_label=_("All fields"),
    )
    norwegian = forms.ChoiceField(
        label=_("Norwegian at least"), choices=[("", _("Any"))] + CEFR_LEVELS, required=False
    )
    commute_to = forms.ModelChoiceField(
        label=_("Can commute to"),
        queryset=municipality_list(),
        required=False,
        empty_label=_("Anywhere"),
    )
