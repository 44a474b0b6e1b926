from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .validators import validate_organisation_number


class ProfessionalField(models.Model):
    """A professional community (energy, ICT, health …) shared by companies, hires and newcomers."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("professional field")
        verbose_name_plural = _("professional fields")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Company(models.Model):
    class Membership(models.TextChoices):
        MEMBER = "member", _("Member")
        FORMER = "former", _("Former member")
        PROSPECT = "prospect", _("Prospect")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[validate_organisation_number],
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="companies",
    )
    membership = models.CharField(
        _("membership"), max_length=10, choices=Membership, default=Membership.MEMBER
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_member(self) -> bool:
        return self.membership == self.Membership.MEMBER


class HRStaff(models.Model):
    """A user working in a company's HR department; `left_at` ends it without losing history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="hr_positions",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="hr_staff"
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("HR staff member")
        verbose_name_plural = _("HR staff")
        constraints = [
            # One current company per HR user: selectors can then answer "which company?".
            models.UniqueConstraint(
                fields=["user"], condition=Q(left_at__isnull=True), name="hrstaff_one_active_company"
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.company}"
