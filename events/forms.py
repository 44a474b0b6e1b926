import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from network.selectors import municipality_list

from .models import Audience, Category, EventLanguage
from .services import signup_party_allowed
from .validators import MAX_EXTRA, parse_childcare_ages

# A filter date far outside these cannot become a time in the database (9999-12-31 plus a day
# overflows), and no activity lies there anyway.
FILTER_DATES = [MinValueValidator(dt.date(2000, 1, 1)), MaxValueValidator(dt.date(2100, 12, 31))]


class EventFilterForm(forms.Form):
    """The calendar filters, read from the query string so a filtered calendar is a shareable link."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=municipality_list(),
        to_field_name="slug",
        required=False,
        empty_label=_("All municipalities"),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All categories"),
    )
    audience = forms.ChoiceField(
        label=_("For"),
        choices=[("", _("All audiences")), *Audience.choices],
        required=False,
    )
    language = forms.ChoiceField(label=_("Language"), choices=(), required=False)
    free_only = forms.BooleanField(label=_("Free only"), required=False)
    childcare = forms.BooleanField(label=_("Childcare offered"), required=False)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        validators=FILTER_DATES,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        validators=FILTER_DATES,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, norwegian_level: str = "", **kwargs):
        """`norwegian_level`: the person's CEFR level, which offers "where I can practise at my level"."""
        super().__init__(*args, **kwargs)
        self.norwegian_level = norwegian_level
        self.fields["language"].choices = language_filter_choices(norwegian_level)

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self) -> dict:
        """The valid filters only: a bad value is reported on the form and otherwise ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()
        filters = {key: value for key, value in self.cleaned_data.items() if value not in (None, "", False)}
        if filters.get("language") == PRACTICE:
            del filters["language"]
            filters["practice_level"] = self.norwegian_level
        return filters


PRACTICE = "practice"


def language_filter_choices(norwegian_level: str = "") -> list[tuple[str, str]]:
    """Any language, English or Norwegian at any level, each level, bilingual; and with a level of
    one's own, where one can practise Norwegian at it (`EventLanguage.for_practice`)."""
    levels = [c for c in EventLanguage.choices if c[0] not in (EventLanguage.ENGLISH, EventLanguage.BOTH)]
    choices = [
        ("", _("Any language")),
        ("en", _("In English (or bilingual)")),
        ("nb", _("In Norwegian, any level (or bilingual)")),
        *levels,
        (EventLanguage.BOTH, EventLanguage.BOTH.label),
    ]
    if norwegian_level:
        label = _("Where I can practise Norwegian at my level (%(level)s)") % {"level": norwegian_level}
        choices.insert(1, (PRACTICE, label))
    return choices


class SignUpForm(forms.Form):
    for_user = forms.ModelChoiceField(
        label=_("Who is taking part?"), queryset=None, required=False, empty_label=None
    )
    extra_adults = forms.IntegerField(
        label=_("Other adults coming with you"), min_value=0, max_value=MAX_EXTRA, initial=0
    )
    extra_children = forms.IntegerField(
        label=_("Children coming with you"), min_value=0, max_value=MAX_EXTRA, initial=0
    )
    childcare_children = forms.IntegerField(
        label=_("Children who need childcare"), min_value=0, max_value=MAX_EXTRA, initial=0
    )
    childcare_ages = forms.CharField(
        label=_("Ages of the children who need childcare"),
        required=False,
        max_length=60,
        help_text=_("Separate the ages with commas, e.g. 2,5."),
    )

    def __init__(self, *args, event, colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if colleagues:
            self.fields["for_user"].queryset = colleagues
            self.fields["for_user"].help_text = _("Yourself or an HR colleague from your company.")
        else:
            del self.fields["for_user"]
        # Only what fits the audience: HR staff come to a company meeting one by one.
        party = signup_party_allowed(event=event)
        if not party:
            del self.fields["extra_adults"]
            del self.fields["extra_children"]
        if not (party and event.childcare_offered):
            del self.fields["childcare_children"]
            del self.fields["childcare_ages"]

    def clean_childcare_ages(self):
        return ",".join(str(age) for age in parse_childcare_ages(self.cleaned_data.get("childcare_ages", "")))

    def clean(self):
        data = super().clean()
        wanted = data.get("childcare_children") or 0
        ages = data.get("childcare_ages")
        if wanted and ages is not None and len(ages.split(",") if ages else []) != wanted:
            self.add_error("childcare_ages", _("Give one age for each child who needs childcare."))
        if not wanted and ages:
            self.add_error("childcare_children", _("Say how many children need childcare."))
        return data


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to everyone signed up)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def month_or_none(year: int, month: int) -> dt.date | None:
    try:
        return dt.date(year, month, 1)
    except (ValueError, OverflowError):
        return None
