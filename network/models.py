from email.utils import formataddr

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .uploads import UploadPath, UploadValidator


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("kind", User.Kind.COORDINATOR)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with a login. The e-mail address is the login and is unique in any case."""

    class Kind(models.TextChoices):
        NEWCOMER = "newcomer", _("Newcomer")
        PARTNER = "partner", _("Partner of a newcomer")
        HR = "hr", _("HR staff")
        VOLUNTEER = "volunteer", _("Volunteer or mentor")
        COORDINATOR = "coordinator", _("Coordinator")

    username = None
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    kind = models.CharField(_("kind of user"), max_length=20, choices=Kind, default=Kind.NEWCOMER)
    language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails the portal sends to this person."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()


REGION_LOGO_KINDS = ("png", "jpeg")
REGION_LOGO_MAX_MB = 1


class Region(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    # Everything that names or shows the region is data here, never a literal in a template,
    # mail, feed or setting: the portal serves any region (docs/regions/README.md).
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("For mail subjects; the name if empty.")
    )
    sender_name = models.CharField(_("sender name"), max_length=100, blank=True)
    sender_email = models.EmailField(
        _("sender address"),
        blank=True,
        help_text=_("Outgoing mail comes from here; the server's default if empty."),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour such as #1d4e89."))],
    )
    # An upload like any other (checked by content, stored under a generated name), not a static
    # path: a region is loaded from its file or edited in the admin, never by a deploy.
    logo = models.ImageField(
        _("logo"),
        upload_to=UploadPath("region"),
        blank=True,
        validators=[UploadValidator(kinds=REGION_LOGO_KINDS, max_mb=REGION_LOGO_MAX_MB)],
        help_text=_("PNG or JPEG, at most 1 MB. Shown in the header of every page instead of the name."),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def from_email(self) -> str:
        if not self.sender_email:
            return settings.DEFAULT_FROM_EMAIL
        return formataddr((self.sender_name or self.name, self.sender_email))


class Municipality(models.Model):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    number = models.CharField(
        _("municipality number"),
        max_length=4,
        unique=True,
        help_text=_("Statistics Norway's four-digit number."),
    )
    description = models.TextField(_("description"), blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The municipality's page (/municipalities/<slug>/): each section in both languages, edited in admin.
    introduction = models.TextField(_("introduction"), blank=True)
    kindergartens = models.TextField(_("kindergartens"), blank=True)
    schools = models.TextField(
        _("schools"),
        blank=True,
        help_text=_("Including international classes and schools, where there are any."),
    )
    health_services = models.TextField(_("health services"), blank=True)
    leisure = models.TextField(_("leisure and sports clubs"), blank=True)
    public_transport = models.TextField(_("public transport"), blank=True)
    website = models.URLField(
        _("the municipality's website"),
        blank=True,
        help_text=_("In each language, the address of the municipality's own pages in that language."),
    )
    neighbours = models.ManyToManyField(
        "self",
        verbose_name=_("neighbouring municipalities"),
        blank=True,
        help_text=_("Municipalities that share a border with this one (used to suggest mentors nearby)."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    # The sections of the municipality's page, in the order shown.
    PAGE_SECTIONS = ("kindergartens", "schools", "health_services", "leisure", "public_transport")


class TravelTime(models.Model):
    """Minutes between two municipalities by car and by public transport (one row serves both ways).

    The labour market is the region, not the town: the job search and the partners' suggestions
    read this table (`network.selectors.travel_minutes`); the coordinator edits it in admin.
    """

    origin = models.ForeignKey(
        Municipality, verbose_name=_("from"), on_delete=models.CASCADE, related_name="travel_times_from"
    )
    destination = models.ForeignKey(
        Municipality, verbose_name=_("to"), on_delete=models.CASCADE, related_name="travel_times_to"
    )
    car_minutes = models.PositiveSmallIntegerField(
        _("minutes by car"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    transit_minutes = models.PositiveSmallIntegerField(
        _("minutes by public transport"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Leave empty where there is no usable public transport."),
    )

    class Meta:
        verbose_name = _("travel time")
        verbose_name_plural = _("travel times")
        ordering = ["origin__position", "destination__position"]
        constraints = [
            models.UniqueConstraint(fields=["origin", "destination"], name="travel_time_once_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(origin=models.F("destination")), name="travel_time_between_two_places"
            ),
        ]

    def __str__(self):
        return f"{self.origin} – {self.destination}"

    def clean(self):
        if self.origin_id and self.origin_id == self.destination_id:
            raise ValidationError(_("A travel time is between two different municipalities."))
        if (
            self.origin_id
            and self.destination_id
            and TravelTime.objects.filter(origin_id=self.destination_id, destination_id=self.origin_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(_("The travel time between these two municipalities is already recorded."))


class ContactPerson(models.Model):
    """The region's dedicated contact person, shown in the footer of every page."""

    region = models.OneToOneField(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="contact_person"
    )
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=30)
    photo = models.ImageField(
        _("photo"),
        upload_to=UploadPath("contact"),
        blank=True,
        validators=[UploadValidator(kinds=("png", "jpeg"), max_mb=2)],
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()


class OutgoingMail(models.Model):
    """One e-mail the portal sends, recorded before it is sent.

    The unique key is what makes sending idempotent: a service that would send the same
    message twice (a retried task, a double click) finds the row and does nothing.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    to = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # Extra headers such as List-Unsubscribe, as {name: value}.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class InfoPageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class InfoPage(models.Model):
    """Practical information for newcomers, by topic and optionally for one municipality."""

    class Topic(models.TextChoices):
        WORK = "work", _("Work and permits")
        HOUSING = "housing", _("Housing")
        SCHOOLS = "schools", _("Kindergartens and schools")
        HEALTH = "health", _("Health")
        TAX = "tax", _("Tax and bank")
        LEISURE = "leisure", _("Leisure")
        LANGUAGE = "language", _("Language courses")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="info_pages",
        help_text=_("Leave empty for pages about the whole region."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("text"))
    published = models.BooleanField(_("published"), default=True)
    last_reviewed = models.DateField(_("last reviewed"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InfoPageQuerySet.as_manager()

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        ordering = ["topic", "position", "title"]

    def __str__(self):
        return self.title


class Mailing(models.Model):
    """A message the coordinator writes once to many people (an activity's participants, the HR staff of
    member companies, the volunteers), in Norwegian and/or English. Each recipient gets it in their own
    language, or in the other with a note when it was written in one only. Concrete mailings live in the
    app that knows the audience (`events.EventMessage`, `companies.HRMessage`, `mentors.VolunteerMessage`),
    each with its recipients kept (`MailingRecipient`); `network.mailings` sends them once per person."""

    subject_nb = models.CharField(_("subject (Norwegian)"), max_length=200, blank=True)
    body_nb = models.TextField(_("message (Norwegian)"), blank=True, validators=[MaxLengthValidator(5000)])
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("message (English)"), blank=True, validators=[MaxLengthValidator(5000)])
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    # Each concrete mailing names its mail keys' prefix ("events:message").
    mail_key_prefix = ""

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject_nb or self.subject_en

    def written_languages(self) -> list[str]:
        return [
            code
            for code in ("nb", "en")
            if getattr(self, f"subject_{code}") and getattr(self, f"body_{code}")
        ]

    def version_for(self, language: str) -> tuple[str, str, str]:
        """(subject, body, the language it is written in) for a reader of `language`."""
        written = self.written_languages()
        chosen = language if language in written else written[0]
        return getattr(self, f"subject_{chosen}"), getattr(self, f"body_{chosen}"), chosen

    def clean(self):
        errors = {}
        for code in ("nb", "en"):
            subject, body = getattr(self, f"subject_{code}").strip(), getattr(self, f"body_{code}").strip()
            if subject and not body:
                errors[f"body_{code}"] = _(
                    "Write the message too, or leave out the subject in this language."
                )
            elif body and not subject:
                errors[f"subject_{code}"] = _("Give the message a subject in this language too.")
        if not errors and not self.written_languages():
            raise ValidationError(_("Write the message in Norwegian, in English or in both."))
        if errors:
            raise ValidationError(errors)


class MailingRecipient(models.Model):
    """One person a mailing went to: kept with the mailing, so the coordinator sees who got it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language of the mail"), max_length=5)
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)

    class Meta:
        abstract = True
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        # Each concrete recipient model has its `mailing`: one row per person and mailing.
        constraints = [
            models.UniqueConstraint(fields=["mailing", "user"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self):
        return str(self.user)
