from django import forms
from django.utils.translation import gettext_lazy as _

from network.forms import BoundedModelMultipleChoiceField
from network.languages import SpokenLanguagesField
from network.selectors import municipality_list
from newcomers.models import Interest

from .models import MAX_CAPACITY, FollowUp, Frequency, Hope, Scheme


class VolunteerForm(forms.Form):
    mentor = forms.BooleanField(
        label=_("Mentor (fadder)"),
        required=False,
        help_text=_(
            "Meet a newcomer or a newcomer family now and then, show them around and answer their questions."
        ),
    )
    grandparent = forms.BooleanField(
        label=_("Reserve grandparent"),
        required=False,
        help_text=_(
            "Be there for a family with young children far from their own grandparents. Needs a police certificate."
        ),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality where you live"), queryset=municipality_list()
    )
    languages = SpokenLanguagesField(label=_("Languages you speak"), required=False)
    interests = BoundedModelMultipleChoiceField(
        label=_("Interests"),
        queryset=Interest.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offers = forms.MultipleChoiceField(
        label=_("What you can offer"),
        choices=Hope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(label=_("How often you can meet"), choices=Frequency.choices)
    capacity = forms.IntegerField(
        label=_("How many newcomers or families you can take at once"),
        min_value=1,
        max_value=MAX_CAPACITY,
        initial=1,
    )
    child_age_min = forms.IntegerField(
        label=_("Reserve grandparents: children's age from"),
        min_value=0,
        max_value=17,
        initial=0,
        required=False,
    )
    child_age_max = forms.IntegerField(
        label=_("Reserve grandparents: children's age to"),
        min_value=0,
        max_value=17,
        initial=12,
        required=False,
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("Given to the newcomer only once you have both said yes to a match."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    presentation = forms.CharField(
        label=_("A few words about yourself"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown to the coordinator, and to a newcomer when you are proposed as their mentor."),
    )
    contact_consent = forms.BooleanField(
        label=_(
            "I agree that the coordinator stores these details and passes my name, presentation and, once a match is agreed, my contact details on to the newcomer."
        ),
        error_messages={"required": _("We can only match you with newcomers if you agree.")},
    )

    def clean(self):
        data = super().clean()
        if not (data.get("mentor") or data.get("grandparent")):
            raise forms.ValidationError(_("Choose at least one: mentor or reserve grandparent."))
        low, high = data.get("child_age_min"), data.get("child_age_max")
        if low is not None and high is not None and low > high:
            self.add_error("child_age_max", _("The oldest age cannot be below the youngest."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "mentor": data["mentor"],
            "grandparent": data["grandparent"],
            "municipality_id": data["municipality"].pk,
            "languages": data["languages"],
            "interest_ids": [i.pk for i in data["interests"]],
            "offers": data["offers"],
            "frequency": data["frequency"],
            "capacity": data["capacity"],
            "child_age_min": data["child_age_min"] if data["child_age_min"] is not None else 0,
            "child_age_max": data["child_age_max"] if data["child_age_max"] is not None else 12,
            "phone": data["phone"],
            "presentation": data["presentation"],
            "contact_consent": data["contact_consent"],
        }

    @classmethod
    def initial_from(cls, volunteer) -> dict:
        if volunteer is None:
            return {}
        return {
            "mentor": volunteer.mentor,
            "grandparent": volunteer.grandparent,
            "municipality": volunteer.municipality_id,
            "languages": volunteer.languages,
            "interests": [i.pk for i in volunteer.interests.all()],
            "offers": volunteer.offers,
            "frequency": volunteer.frequency,
            "capacity": volunteer.capacity,
            "child_age_min": volunteer.child_age_min,
            "child_age_max": volunteer.child_age_max,
            "phone": volunteer.phone,
            "presentation": volunteer.presentation,
            "contact_consent": True,
        }


class RequestForm(forms.Form):
    scheme = forms.ChoiceField(label=_("I would like"), choices=Scheme.choices, widget=forms.RadioSelect)
    hopes = forms.MultipleChoiceField(
        label=_("What I hope for"), choices=Hope.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = SpokenLanguagesField(
        label=_("Languages I speak"),
        required=False,
        help_text=_("A mentor who speaks one of your languages can make the start easier."),
    )
    message = forms.CharField(
        label=_("In your own words (optional)"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_consent = forms.BooleanField(
        label=_(
            "I agree that the coordinator shows my first name, municipality and what I write here to the "
            "volunteer they propose, and that the volunteer may contact me once we have both said yes."
        ),
        error_messages={"required": _("We can only find someone for you if you agree.")},
    )


class EndForm(forms.Form):
    feedback = forms.CharField(
        label=_("How was it? (optional, only the coordinator reads it)"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("How is it going?"), choices=FollowUp.Answer.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Anything you would like to tell the coordinator? (optional)"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
