import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from companies.models import Company, ProfessionalField
from network.forms import BoundedModelMultipleChoiceField
from network.selectors import municipality_list

from .models import Interest, NewcomerProfile
from .services import arrival_date_bounds, birth_year_bounds


class ConsentForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I agree that the network stores the information I give, for the purposes described above."),
        required=True,
        error_messages={"required": _("We can only keep a profile for you if you agree.")},
    )
    contact_by_mentors = forms.BooleanField(label=_("Mentors and volunteers may contact me."), required=False)
    contact_by_companies = forms.BooleanField(
        label=_("Member companies may contact me about jobs (talent pool)."), required=False
    )


class AboutForm(forms.ModelForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality where you live (or will live)"),
        queryset=municipality_list(),
        required=False,
        empty_label=_("Not decided yet"),
    )
    employer = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=Company.objects.members().order_by("name"),
        required=False,
        empty_label=_("Other or none"),
    )
    professional_field = forms.ModelChoiceField(
        label=_("Professional field"), queryset=ProfessionalField.objects.all(), required=False
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for e-mails from the network"), choices=settings.LANGUAGES
    )

    class Meta:
        model = NewcomerProfile
        fields = [
            "citizenship",
            "arrival_date",
            "municipality",
            "employer",
            "employer_other",
            "professional_field",
            "languages",
            "norwegian_level",
        ]
        widgets = {"arrival_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "arrival_date": _("When you arrived in the region, or when you plan to."),
            "languages": _("For example: English, Polish, some Norwegian."),
            "norwegian_level": _(
                "A1 is a beginner, B1 gets by in everyday life. The calendar can show you activities"
                " where you can practise Norwegian at your level."
            ),
            "employer_other": _("Fill in if your employer is not in the list."),
        }

    def clean_arrival_date(self):
        value = self.cleaned_data.get("arrival_date")
        earliest, latest = arrival_date_bounds()
        if value and not earliest <= value <= latest:
            raise forms.ValidationError(
                _("Please give a date between %(earliest)s and %(latest)s."),
                params={"earliest": earliest.isoformat(), "latest": latest.isoformat()},
                code="arrival_out_of_range",
            )
        return value


class InterestsForm(forms.Form):
    interests = BoundedModelMultipleChoiceField(
        label=_("What would you like to do in your spare time?"),
        queryset=Interest.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weekly_digest = forms.BooleanField(
        label=_(
            "Send me a weekly e-mail with the activities that fit me, new stories and new practical pages"
        ),
        help_text=_("You can stop it at any time, here or with the link in every mail."),
        required=False,
    )


class HouseholdForm(forms.Form):
    partner_name = forms.CharField(label=_("Partner's name"), max_length=150, required=False)
    partner_email = forms.EmailField(
        label=_("Partner's e-mail address"),
        required=False,
        help_text=_("Optional. Your partner can get their own account later."),
    )
    partner_looking_for_work = forms.BooleanField(label=_("My partner is looking for work"), required=False)
    children_birth_years = forms.CharField(
        label=_("Children's years of birth"),
        required=False,
        max_length=100,
        help_text=_("Separated by commas, for example: 2018, 2021. Leave empty if none."),
    )
    share_progress_with_employer = forms.BooleanField(
        label=_("My employer's HR staff may see my checklist progress (not the details)."), required=False
    )

    def clean_children_birth_years(self):
        text = self.cleaned_data.get("children_birth_years", "")
        parts = [p for p in re.split(r"[,\s;]+", text.strip()) if p]
        earliest, latest = birth_year_bounds()
        years = []
        for part in parts:
            # isdecimal, not isdigit: int() refuses digits such as "²".
            if not part.isdecimal() or len(part) != 4:
                raise forms.ValidationError(
                    _("“%(value)s” is not a year. Write years like 2019."),
                    params={"value": part[:20]},
                    code="not_a_year",
                )
            year = int(part)
            if year > latest:
                raise forms.ValidationError(
                    _("%(year)s is in the future."), params={"year": year}, code="future_year"
                )
            if year < earliest:
                raise forms.ValidationError(
                    _("Children born before %(year)s are adults here; leave them out."),
                    params={"year": earliest},
                    code="too_old",
                )
            years.append(year)
        if len(years) > 12:
            raise forms.ValidationError(_("Please list at most 12 children."), code="too_many")
        return sorted(years)

    def clean(self):
        data = super().clean()
        if data.get("partner_email") and not data.get("partner_name"):
            self.add_error("partner_name", _("Please give your partner's name too."))
        return data


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password


class PartnerRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Your partner's e-mail address"),
        max_length=254,
        help_text=_("The address your partner uses for their account in the network."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
