import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.forms import BoundedModelMultipleChoiceField
from network.selectors import municipality_list

from .models import (
    Company,
    Hire,
    JobOpening,
    ProfessionalField,
    ServiceOffer,
    TalentCandidate,
    WorkingGroupDocument,
)


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BilingualFormMixin:
    """Content typed in both languages: clear labels, and at least one language for each field."""

    bilingual: tuple[str, ...] = ()
    bilingual_required: tuple[str, ...] = ()
    LANGUAGE_NAMES = {"nb": _("Norwegian"), "en": _("English")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.bilingual:
            label = self._meta.model._meta.get_field(name).verbose_name
            for code, _name in settings.LANGUAGES:
                field = self.fields[f"{name}_{code}"]
                field.label = f"{str(label).capitalize()} ({self.LANGUAGE_NAMES[code]})"
                field.required = False

    def clean(self):
        cleaned = super().clean()
        for name in self.bilingual_required:
            codes = [code for code, _name in settings.LANGUAGES]
            if not any((cleaned.get(f"{name}_{code}") or "").strip() for code in codes):
                label = self._meta.model._meta.get_field(name).verbose_name
                self.add_error(
                    f"{name}_{codes[0]}",
                    _("Fill in the %(field)s in at least one language.") % {"field": label},
                )
        return cleaned


class CompanyProfileForm(BilingualFormMixin, forms.ModelForm):
    bilingual = ("presentation",)

    class Meta:
        model = Company
        fields = ["presentation_nb", "presentation_en", "website", "sector", "size", "fields", "logo"]
        widgets = {
            "fields": forms.CheckboxSelectMultiple,
            "presentation_nb": forms.Textarea(attrs={"rows": 4}),
            "presentation_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"logo": _("PNG or JPEG, at most 2 MB.")}
        field_classes = {"fields": BoundedModelMultipleChoiceField}


class HireForm(forms.ModelForm):
    class Meta:
        model = Hire
        fields = [
            "name",
            "email",
            "position",
            "professional_field",
            "start_date",
            "expected_arrival",
            "country",
            "with_partner",
            "children",
            "municipality",
            "language",
        ]
        widgets = {"start_date": _date_widget(), "expected_arrival": _date_widget()}
        help_texts = {
            "email": _("The invitation to the portal goes to this address."),
            "municipality": _("Leave empty if not known yet."),
        }

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        self.fields["children"].widget.attrs.update({"min": 0, "max": 20})
        self.fields["municipality"].queryset = municipality_list()

    def clean_children(self):
        children = self.cleaned_data["children"]
        if children is not None and children > 20:
            raise forms.ValidationError(_("Enter a number from 0 to 20."))
        return children

    def clean_email(self):
        email = self.cleaned_data["email"]
        others = Hire.objects.filter(company=self.company, email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Your company has already registered a hire with this e-mail address.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        for name in ("start_date", "expected_arrival"):
            value = cleaned.get(name)
            if value and not (
                dt.date(2000, 1, 1) <= value <= timezone.localdate() + dt.timedelta(days=3 * 365)
            ):
                self.add_error(name, _("Enter a date between 2000 and three years from now."))
        return cleaned


class HireArrivedForm(forms.Form):
    arrived_on = forms.DateField(label=_("Arrival date"), widget=_date_widget())

    def clean_arrived_on(self):
        value = self.cleaned_data["arrived_on"]
        if value > timezone.localdate() or value.year < 2000:
            raise forms.ValidationError(_("The arrival date cannot be in the future."))
        return value


class HireLeftForm(forms.Form):
    left_company_on = forms.DateField(label=_("Left the company on"), required=False, widget=_date_widget())
    left_region_on = forms.DateField(label=_("Left the region on"), required=False, widget=_date_widget())
    reason = forms.CharField(label=_("Reason (optional)"), max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        dates = [cleaned.get("left_company_on"), cleaned.get("left_region_on")]
        if not any(dates) and not self.errors:
            raise forms.ValidationError(_("Give the date they left the company, the region or both."))
        for name, value in zip(("left_company_on", "left_region_on"), dates, strict=True):
            if value and (value > timezone.localdate() or value.year < 2000):
                self.add_error(name, _("The date cannot be in the future."))
        return cleaned


class JobOpeningForm(BilingualFormMixin, forms.ModelForm):
    bilingual = ("title", "description")
    bilingual_required = ("title", "description")

    class Meta:
        model = JobOpening
        fields = [
            "title_nb",
            "title_en",
            "professional_field",
            "description_nb",
            "description_en",
            "municipality",
            "kind",
            "extent",
            "deadline",
            "apply_url",
            "open_to_partners",
            "norwegian_level_required",
            "published",
        ]
        widgets = {"deadline": _date_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipality_list()
        # Most openings are positions: a form that leaves the kind out keeps that default.
        self.fields["kind"].required = False

    def clean_kind(self):
        return self.cleaned_data.get("kind") or JobOpening.Kind.POSITION

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline.year > timezone.localdate().year + 2 or deadline.year < 2000:
            raise forms.ValidationError(_("Enter a deadline within the next two years."))
        return deadline


class ServiceOfferForm(BilingualFormMixin, forms.ModelForm):
    bilingual = ("title", "description")
    bilingual_required = ("title", "description")

    class Meta:
        model = ServiceOffer
        fields = ["title_nb", "title_en", "description_nb", "description_en", "active"]


class ServiceRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What do you need?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your message and your e-mail address go to the HR staff of the offering company."),
    )


class DocumentForm(forms.ModelForm):
    class Meta:
        model = WorkingGroupDocument
        fields = ["title", "kind", "file"]
        help_texts = {"file": _("PDF or Word/Excel/PowerPoint/OpenDocument, at most 10 MB.")}


class CampaignJoinForm(forms.Form):
    openings = BoundedModelMultipleChoiceField(
        label=_("Your openings in this campaign"),
        queryset=JobOpening.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["openings"].queryset = JobOpening.objects.filter(company=company).order_by("title")


class TalentRegisterForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that HR staff of the network's member companies may see my registration and CV, "
            "and contact me about jobs. I can withdraw at any time."
        ),
        error_messages={"required": _("We can only list you in the talent pool if you agree.")},
    )

    class Meta:
        model = TalentCandidate
        fields = [
            "name",
            "email",
            "professional_field",
            "education",
            "years_experience",
            "languages",
            "permit",
            "cv",
        ]
        help_texts = {
            "languages": _("For example: English (fluent), German (native), Norwegian (beginner)."),
            "cv": _("PDF, at most 5 MB."),
        }
        error_messages = {"email": {"unique": _("This e-mail address is already in the talent pool.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["years_experience"].widget.attrs.update({"min": 0, "max": 60})

    def clean_years_experience(self):
        years = self.cleaned_data["years_experience"]
        if years is not None and years > 60:
            raise forms.ValidationError(_("Enter a number from 0 to 60."))
        return years


class InvitationAccountForm(forms.Form):
    """Create an account when accepting an invitation: the link has proved the e-mail address."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", _("The two passwords are not the same."))
            else:
                try:
                    password_validation.validate_password(password1)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


def _choice(model_choices, label):
    return forms.ChoiceField(label=label, choices=[("", _("Any"))] + list(model_choices), required=False)


class DirectoryFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=municipality_list(),
        required=False,
        empty_label=_("All municipalities"),
    )
    field = forms.ModelChoiceField(
        label=_("Professional field"),
        queryset=ProfessionalField.objects.all(),
        required=False,
        empty_label=_("All fields"),
    )


class JobFilterForm(DirectoryFilterForm):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    extent = _choice(JobOpening.Extent.choices, _("Extent"))
    kind = _choice(JobOpening.Kind.choices, _("Kind"))
    public = forms.BooleanField(label=_("Public employers only"), required=False)
    partners = forms.BooleanField(label=_("Open to partners of newcomers"), required=False)
    # "Within 45 minutes of Halden by public transport": the labour market is the region.
    within_minutes = forms.IntegerField(
        label=_("Within (minutes)"), min_value=5, max_value=180, required=False
    )
    within_of = forms.ModelChoiceField(
        label=_("of"), queryset=municipality_list(), required=False, empty_label=_("Choose a municipality")
    )
    within_mode = forms.ChoiceField(
        label=_("by"),
        choices=[("car", _("car")), ("transit", _("public transport"))],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("within_minutes") and not cleaned.get("within_of"):
            self.add_error("within_of", _("Choose the municipality to travel from."))
        if not cleaned.get("within_mode"):
            cleaned["within_mode"] = "car"
        return cleaned


class TalentSearchForm(forms.Form):
    field = forms.ModelChoiceField(
        label=_("Professional field"),
        queryset=ProfessionalField.objects.all(),
        required=False,
        empty_label=_("All fields"),
    )
    education = _choice(TalentCandidate.Education.choices, _("Education level"))
    permit = _choice(TalentCandidate.Permit.choices, _("Work permit situation"))
    language = forms.CharField(label=_("Speaks"), max_length=50, required=False)
