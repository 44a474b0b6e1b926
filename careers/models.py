"""A partner's career profile, the openings they are interested in, and the companies interested in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.languages import CEFR_LEVELS
from network.uploads import UploadPath

from .validators import validate_career_cv

MAX_YEARS_EXPERIENCE = 50
MAX_COMMUTE_MINUTES = 180


class CareerProfileQuerySet(models.QuerySet):
    def shown(self):
        """The profiles member companies may see: consent holds, the account is active."""
        return self.filter(shown_to_companies_at__isnull=False, user__is_active=True)

    def looking(self):
        return self.filter(found_work_on__isnull=True)


class CareerProfile(models.Model):
    class Education(models.TextChoices):
        COMPULSORY = "compulsory", _("Compulsory school")
        UPPER_SECONDARY = "upper", _("Upper secondary school")
        VOCATIONAL = "vocational", _("Vocational or trade certificate")
        BACHELOR = "bachelor", _("Bachelor's degree")
        MASTER = "master", _("Master's degree")
        DOCTORATE = "doctorate", _("Doctorate")

    class Extent(models.TextChoices):
        FULL_TIME = "full", _("Full time")
        PART_TIME = "part", _("Part time")
        EITHER = "either", _("Full or part time")

    class FoundHow(models.TextChoices):
        NETWORK = "network", _("Through the network")
        ELSEWHERE = "elsewhere", _("Elsewhere")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="career_profile",
    )
    professional_fields = models.ManyToManyField(
        "companies.ProfessionalField", verbose_name=_("professional fields"), blank=True, related_name="+"
    )
    education = models.CharField(_("education level"), max_length=12, choices=Education)
    years_experience = models.PositiveSmallIntegerField(
        _("years of work experience"), default=0, validators=[MaxValueValidator(MAX_YEARS_EXPERIENCE)]
    )
    norwegian_level = models.CharField(
        _("Norwegian (CEFR level)"),
        max_length=2,
        choices=CEFR_LEVELS,
        blank=True,
        help_text=_("Leave empty if you do not speak Norwegian yet."),
    )
    english_level = models.CharField(_("English (CEFR level)"), max_length=2, choices=CEFR_LEVELS, blank=True)
    other_languages = models.JSONField(_("other languages"), default=list, blank=True)
    driving_licence = models.BooleanField(_("driving licence"), default=False)
    extent_wanted = models.CharField(_("work wanted"), max_length=6, choices=Extent, default=Extent.EITHER)
    max_commute_minutes = models.PositiveSmallIntegerField(
        _("willing to commute (minutes)"), default=45, validators=[MaxValueValidator(MAX_COMMUTE_MINUTES)]
    )
    open_to_retraining = models.BooleanField(_("open to retraining"), default=False)
    cv = models.FileField(
        _("CV (PDF or Word)"), upload_to=UploadPath("careers/cv"), validators=[validate_career_cv], blank=True
    )
    shown_to_companies_at = models.DateTimeField(_("shown to member companies since"), null=True, blank=True)
    looking_since = models.DateField(_("looking for work since"), default=timezone.localdate)
    found_work_on = models.DateField(_("found work on"), null=True, blank=True)
    found_work_how = models.CharField(_("found work"), max_length=10, choices=FoundHow, blank=True)
    weekly_mail = models.BooleanField(
        _("weekly mail with new openings"),
        default=True,
        help_text=_(
            "Once a week, the new openings that fit the profile (each mail has a link to stop them)."
        ),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = CareerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("career profile")
        verbose_name_plural = _("career profiles")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years_experience__lte=MAX_YEARS_EXPERIENCE), name="career_years_plausible"
            ),
            models.CheckConstraint(
                condition=models.Q(max_commute_minutes__lte=MAX_COMMUTE_MINUTES),
                name="career_commute_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(found_work_on__isnull=True, found_work_how="")
                | models.Q(found_work_on__isnull=False) & ~models.Q(found_work_how=""),
                name="career_found_work_with_how",
            ),
        ]

    def __str__(self):
        return str(self.user)

    @property
    def shown_to_companies(self) -> bool:
        return self.shown_to_companies_at is not None

    @property
    def travel_mode(self) -> str:
        """How the partner gets to work: by car with a driving licence, else by public transport."""
        return "car" if self.driving_licence else "transit"

    def clean(self):
        if self.found_work_on and not self.found_work_how:
            raise ValidationError({"found_work_how": _("Say how you found work.")})
        if self.found_work_how and not self.found_work_on:
            raise ValidationError({"found_work_on": _("Give the date you found work.")})
        if self.found_work_on and self.found_work_on > timezone.localdate():
            raise ValidationError({"found_work_on": _("The date cannot be in the future.")})
        if self.found_work_on and self.looking_since and self.found_work_on < self.looking_since:
            raise ValidationError({"found_work_on": _("The date cannot be before you started looking.")})
        if self.looking_since and self.looking_since > timezone.localdate():
            raise ValidationError({"looking_since": _("The date cannot be in the future.")})


class OpeningInterest(models.Model):
    """A partner's "I'm interested" in an opening: the company's HR staff are told and see the profile."""

    profile = models.ForeignKey(
        CareerProfile, verbose_name=_("career profile"), on_delete=models.CASCADE, related_name="interests"
    )
    opening = models.ForeignKey(
        "companies.JobOpening", verbose_name=_("job opening"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("interest in an opening")
        verbose_name_plural = _("interests in openings")
        constraints = [
            models.UniqueConstraint(fields=["profile", "opening"], name="career_interest_once_per_opening")
        ]

    def __str__(self):
        return f"{self.profile} → {self.opening}"


class CompanyInterest(models.Model):
    """A member company's interest in a partner from the dual-career pool (the partner is mailed)."""

    profile = models.ForeignKey(
        CareerProfile,
        verbose_name=_("career profile"),
        on_delete=models.CASCADE,
        related_name="company_interests",
    )
    company = models.ForeignKey(
        "companies.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="+"
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("company's interest")
        verbose_name_plural = _("companies' interest")
        constraints = [
            models.UniqueConstraint(fields=["profile", "company"], name="career_company_interest_once")
        ]

    def __str__(self):
        return f"{self.company} → {self.profile}"
