import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from network.languages import CEFR_LEVELS
from network.models import Mailing, MailingRecipient
from network.uploads import UploadPath

from .fields import HttpsURLField
from .validators import validate_cv, validate_document, validate_logo, validate_organisation_number


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


class CompanyQuerySet(models.QuerySet):
    def members(self):
        """The network's current members: listed in public, and the only ones using its services."""
        return self.filter(membership=Company.Membership.MEMBER)


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

    class Sector(models.TextChoices):
        PRIVATE = "private", _("Private")
        PUBLIC = "public", _("Public")
        RESEARCH = "research", _("Research and education")
        NONPROFIT = "nonprofit", _("Non-profit")

    class Size(models.TextChoices):
        SMALL = "small", _("Fewer than 50 employees")
        MEDIUM = "medium", _("50 to 249 employees")
        LARGE = "large", _("250 to 999 employees")
        VERY_LARGE = "xlarge", _("1,000 employees or more")

    membership = models.CharField(
        _("membership"), max_length=10, choices=Membership, default=Membership.MEMBER
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=10, choices=Sector, default=Sector.PRIVATE)
    size = models.CharField(_("size"), max_length=10, choices=Size, blank=True)
    website = HttpsURLField(_("website"), blank=True)
    logo = models.FileField(
        _("logo"), upload_to=UploadPath("companies/logos"), blank=True, validators=[validate_logo]
    )
    presentation = models.TextField(_("short presentation"), blank=True)
    fields = models.ManyToManyField(
        ProfessionalField, verbose_name=_("professional fields"), blank=True, related_name="companies"
    )

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_member(self) -> bool:
        """`Company.objects.members()` for one company already loaded."""
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


# A hire who has not accepted the portal invitation after this long is reminded, and flagged to HR.
INVITATION_REMINDER_AFTER = dt.timedelta(days=7)


class HRInvitation(models.Model):
    """An e-mailed, expiring invitation to join a company's HR staff on the portal."""

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="hr_invitations"
    )
    email = models.EmailField(_("e-mail address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("HR staff invitation")
        verbose_name_plural = _("HR staff invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.company}"

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "open"


class HireQuerySet(models.QuerySet):
    @staticmethod
    def _overdue(now: dt.datetime | None) -> Q:
        return Q(
            invited_at__lte=(now or timezone.now()) - INVITATION_REMINDER_AFTER,
            accepted_at__isnull=True,
            left_company_on__isnull=True,
            left_region_on__isnull=True,
        )

    def overdue(self, now: dt.datetime | None = None):
        """Hires who have not accepted the invitation in INVITATION_REMINDER_AFTER and have not left:
        the board flags them, the coordinator filters them, the daily task reminds them."""
        return self.filter(self._overdue(now))

    def annotate_overdue(self, now: dt.datetime | None = None):
        """Each hire with `not_accepted_in_time`, the same rule as `overdue`."""
        return self.annotate(
            not_accepted_in_time=Case(
                When(self._overdue(now), then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )


class Hire(models.Model):
    """An international hire registered by a company's HR staff, followed from invitation to staying."""

    class Stage(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        INVITED = "invited", _("Invited")
        ARRIVED = "arrived", _("Arrived")
        ONBOARDED = "onboarded", _("Onboarded")
        ONE_YEAR = "one_year", _("Still here after 1 year")
        LEFT = "left", _("Left")

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="hires"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    position = models.CharField(_("position"), max_length=200)
    professional_field = models.ForeignKey(
        ProfessionalField,
        verbose_name=_("professional field"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hires",
    )
    start_date = models.DateField(_("start date"))
    expected_arrival = models.DateField(_("expected arrival"), null=True, blank=True)
    country = CountryField(_("country they come from"), blank=True)
    with_partner = models.BooleanField(_("comes with a partner"), default=False)
    children = models.PositiveSmallIntegerField(_("number of children coming"), default=0)
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("municipality they will live in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hires",
    )
    language = models.CharField(
        _("language of the invitation"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hire",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("invitation accepted"), null=True, blank=True)
    onboarded_at = models.DateTimeField(
        _("onboarding completed"),
        null=True,
        blank=True,
        help_text=_("When the newcomer finished the portal's onboarding (recorded by the newcomers app)."),
    )
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    arrived_on = models.DateField(_("arrived"), null=True, blank=True)
    left_company_on = models.DateField(_("left the company"), null=True, blank=True)
    left_region_on = models.DateField(_("left the region"), null=True, blank=True)
    left_reason = models.CharField(_("reason for leaving"), max_length=300, blank=True)

    objects = HireQuerySet.as_manager()

    class Meta:
        verbose_name = _("hire")
        verbose_name_plural = _("hires")
        ordering = ["start_date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "email"], name="hire_once_per_company"),
            models.CheckConstraint(condition=Q(children__lte=20), name="hire_children_max_20"),
        ]

    def __str__(self):
        return f"{self.name} ({self.company})"

    @property
    def left_on(self) -> dt.date | None:
        dates = [d for d in (self.left_company_on, self.left_region_on) if d]
        return min(dates) if dates else None

    @property
    def stage_label(self) -> str:
        return self.Stage(self.stage()).label

    def stage(self, today: dt.date | None = None) -> str:
        """Where the hire is on the way to staying; computed from the dates, so it never drifts."""
        today = today or timezone.localdate()
        if self.left_on:
            return self.Stage.LEFT
        if self.arrived_on:
            if self.arrived_on <= today - dt.timedelta(days=365):
                return self.Stage.ONE_YEAR
            if self.onboarded_at:
                return self.Stage.ONBOARDED
            return self.Stage.ARRIVED
        if self.invited_at:
            return self.Stage.INVITED
        return self.Stage.REGISTERED


class WorkingGroup(models.Model):
    """A working group of the company network (recruitment, onboarding, spouse careers …)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="working_groups"
    )
    meetings = models.ManyToManyField(
        "events.Event", verbose_name=_("meetings"), blank=True, related_name="working_groups"
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class WorkingGroupDocument(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        MINUTES = "minutes", _("Minutes")
        OTHER = "other", _("Other")

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.OTHER)
    file = models.FileField(
        _("file"), upload_to=UploadPath("companies/documents"), validators=[validate_document]
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title


class ServiceOffer(models.Model):
    """A service a member company with spare capacity offers to the other members."""

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="service_offers"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("service offer")
        verbose_name_plural = _("service offers")
        ordering = ["title"]

    def __str__(self):
        return self.title


class ServiceRequest(models.Model):
    offer = models.ForeignKey(
        ServiceOffer, verbose_name=_("service"), on_delete=models.CASCADE, related_name="requests"
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("requesting company"),
        on_delete=models.CASCADE,
        related_name="service_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.company} → {self.offer}"


class JobOpeningQuerySet(models.QuerySet):
    def published(self, today: dt.date | None = None):
        """What the public job list shows: published, the deadline not passed, from a member company."""
        return self.filter(
            published=True,
            deadline__gte=today or timezone.localdate(),
            company__in=Company.objects.members(),
        )


class JobOpening(models.Model):
    class Extent(models.TextChoices):
        FULL_TIME = "full", _("Full time")
        PART_TIME = "part", _("Part time")

    class Kind(models.TextChoices):
        POSITION = "position", _("Position")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship (læreplass)")

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="openings"
    )
    title = models.CharField(_("title"), max_length=200)
    professional_field = models.ForeignKey(
        ProfessionalField,
        verbose_name=_("professional field"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="openings",
    )
    description = models.TextField(_("description"))
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        related_name="openings",
    )
    extent = models.CharField(_("extent"), max_length=4, choices=Extent, default=Extent.FULL_TIME)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind, default=Kind.POSITION)
    deadline = models.DateField(_("application deadline"))
    apply_url = HttpsURLField(_("link to apply"))
    open_to_partners = models.BooleanField(_("open to partners of newcomers"), default=False)
    norwegian_level_required = models.CharField(
        _("Norwegian required (CEFR level)"),
        max_length=2,
        choices=CEFR_LEVELS,
        blank=True,
        help_text=_("Leave empty if the position does not require Norwegian."),
    )
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = JobOpeningQuerySet.as_manager()

    class Meta:
        verbose_name = _("job opening")
        verbose_name_plural = _("job openings")
        ordering = ["deadline", "title"]

    def __str__(self):
        return self.title

    @property
    def is_apprenticeship(self) -> bool:
        return self.kind == self.Kind.APPRENTICESHIP


class CampaignQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Campaign(models.Model):
    """A joint recruitment campaign: a landing page with the region's pitch and the members' openings."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    pitch = models.TextField(_("the region's pitch"))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    published = models.BooleanField(_("published"), default=False)
    openings = models.ManyToManyField(
        JobOpening, verbose_name=_("openings"), blank=True, related_name="campaigns"
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title


class TalentCandidate(models.Model):
    """Someone outside the region who wants member companies to find them; removed on withdrawal."""

    class Education(models.TextChoices):
        VOCATIONAL = "vocational", _("Vocational / trade certificate")
        BACHELOR = "bachelor", _("Bachelor's degree")
        MASTER = "master", _("Master's degree")
        PHD = "phd", _("PhD")

    class Permit(models.TextChoices):
        EU_EEA = "eu", _("EU/EEA citizen: no work permit needed")
        NEEDS_PERMIT = "permit", _("Needs a work permit")
        HAS_PERMIT = "has", _("Already has a Norwegian work permit")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), unique=True)
    professional_field = models.ForeignKey(
        ProfessionalField,
        verbose_name=_("professional field"),
        on_delete=models.PROTECT,
        related_name="candidates",
    )
    education = models.CharField(_("education level"), max_length=10, choices=Education)
    years_experience = models.PositiveSmallIntegerField(_("years of experience"))
    languages = models.CharField(_("languages"), max_length=200)
    permit = models.CharField(_("work permit situation"), max_length=6, choices=Permit)
    cv = models.FileField(_("CV (PDF)"), upload_to=UploadPath("companies/cv"), validators=[validate_cv])
    language = models.CharField(_("language"), max_length=5, default="en")
    consent_at = models.DateTimeField(_("consented"))
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        verbose_name = _("talent candidate")
        verbose_name_plural = _("talent pool")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(years_experience__lte=60), name="candidate_experience_max_60")
        ]

    def __str__(self):
        return self.name


class TalentInterest(models.Model):
    candidate = models.ForeignKey(
        TalentCandidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="interests"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="talent_interests"
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("marked"), default=timezone.now)

    class Meta:
        verbose_name = _("interest in a candidate")
        verbose_name_plural = _("interest in candidates")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "company"], name="talentinterest_once_per_company")
        ]

    def __str__(self):
        return f"{self.company} → {self.candidate}"


class HRMessage(Mailing):
    """The coordinator's message to the HR staff of member companies (a network meeting moved, a
    joint campaign), kept with who got it."""

    companies = models.ManyToManyField(Company, verbose_name=_("companies"), related_name="messages")

    mail_key_prefix = "companies:message"

    class Meta(Mailing.Meta):
        verbose_name = _("message to HR staff")
        verbose_name_plural = _("messages to HR staff")


class HRMessageRecipient(MailingRecipient):
    mailing = models.ForeignKey(
        HRMessage, verbose_name=_("message"), on_delete=models.CASCADE, related_name="recipients"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
