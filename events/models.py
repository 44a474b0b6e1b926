import secrets

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb."))


class Category(models.Model):
    """A kind of activity, managed by the coordinator (walks, social, Welcome to Norway …)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    colour = models.CharField(_("colour"), max_length=7, default="#1f6f8b", validators=[HEX_COLOUR])
    icon = models.CharField(
        _("icon"), max_length=40, blank=True, help_text=_("A short icon name or a single emoji.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Audience(models.TextChoices):
    NEWCOMERS = "newcomers", _("Newcomers")
    FAMILIES = "families", _("Partners and families")
    COMPANIES = "companies", _("Companies and HR")
    EVERYONE = "everyone", _("Everyone")


class Weekday(models.TextChoices):
    """RFC 5545's day codes, as stored in EventSeries.weekdays and used in RRULE's BYDAY."""

    MO = "MO", _("Monday")
    TU = "TU", _("Tuesday")
    WE = "WE", _("Wednesday")
    TH = "TH", _("Thursday")
    FR = "FR", _("Friday")
    SA = "SA", _("Saturday")
    SU = "SU", _("Sunday")


class EventLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    NORWEGIAN = "nb", _("Norwegian")
    BOTH = "both", _("English and Norwegian")


class EventContent(models.Model):
    """What an activity is; shared by a one-off event and the series that generates events."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("short description"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    audience = models.CharField(_("audience"), max_length=12, choices=Audience, default=Audience.EVERYONE)
    municipality = models.ForeignKey(
        "network.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    venue_notes = models.TextField(_("venue notes"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    language = models.CharField(
        _("language"), max_length=4, choices=EventLanguage, default=EventLanguage.ENGLISH
    )
    price_nok = models.PositiveIntegerField(
        _("price (NOK)"), default=0, help_text=_("The participant's share of the cost; 0 means free.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats in total; empty means unlimited.")
    )
    childcare_offered = models.BooleanField(_("childcare offered"), default=False)
    childcare_capacity = models.PositiveIntegerField(
        _("childcare capacity"),
        null=True,
        blank=True,
        help_text=_("Children the childcare can take; empty means unlimited."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


class EventSeries(EventContent):
    """A recurring activity in the yearly plan ("årshjul"); its occurrences are generated Events."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        YEARLY = "yearly", _("Yearly")

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="series"
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="event_series",
    )
    registration_opens_days_before = models.PositiveIntegerField(
        _("registration opens (days before)"), null=True, blank=True
    )
    registration_closes_hours_before = models.PositiveIntegerField(
        _("registration closes (hours before)"), null=True, blank=True
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency, default=Frequency.WEEKLY)
    interval = models.PositiveSmallIntegerField(_("interval"), default=1, validators=[MinValueValidator(1)])
    weekdays = models.CharField(
        _("weekdays"), max_length=30, blank=True, help_text=_('Comma-separated day codes, e.g. "MO,WE".')
    )
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    until = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveIntegerField(_("number of occurrences"), null=True, blank=True)
    horizon_days = models.PositiveIntegerField(
        _("horizon (days)"), default=120, help_text=_("How far ahead occurrences are generated.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("recurring activity")
        verbose_name_plural = _("recurring activities")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(count__isnull=True), name="eventseries_until_or_count"
            ),
            models.CheckConstraint(condition=Q(interval__gte=1), name="eventseries_interval_positive"),
        ]


class EventSeriesException(models.Model):
    """A date on which a recurring activity does not take place."""

    series = models.ForeignKey(
        EventSeries, verbose_name=_("recurring activity"), on_delete=models.CASCADE, related_name="exceptions"
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("cancelled date")
        verbose_name_plural = _("cancelled dates")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["series", "date"], name="eventseriesexception_unique_date"),
        ]

    def __str__(self):
        return f"{self.series} – {self.date}"


class Event(EventContent):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="events"
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PUBLISHED)
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True)
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("recurring activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occurrences",
    )
    occurrence_date = models.DateField(_("occurrence date"), null=True, blank=True)
    attended_erased = models.PositiveIntegerField(
        _("attended by people since erased"),
        default=0,
        help_text=_("Sign-ups that attended, of people who have since erased their account: still counted."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            # The calendar lists what has not ended yet.
            models.Index(fields=["ends_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
            models.UniqueConstraint(fields=["series", "occurrence_date"], name="event_unique_occurrence"),
        ]

    @property
    def is_free(self) -> bool:
        return self.price_nok == 0

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class SignUp(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="signups"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="signups",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CONFIRMED)
    waitlist_position = models.PositiveIntegerField(_("waiting list position"), null=True, blank=True)
    extra_adults = models.PositiveSmallIntegerField(_("extra adults"), default=0)
    extra_children = models.PositiveSmallIntegerField(_("extra children"), default=0)
    childcare_children = models.PositiveSmallIntegerField(_("children in childcare"), default=0)
    childcare_ages = models.CharField(
        _("ages of the children in childcare"), max_length=60, blank=True, help_text=_('For example "2,5".')
    )
    price_nok = models.PositiveIntegerField(_("price (NOK)"), default=0)
    paid = models.BooleanField(_("paid"), default=False)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed up by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="signup_one_active_per_user",
            ),
            models.CheckConstraint(
                condition=Q(status="waiting", waitlist_position__isnull=False)
                | (~Q(status="waiting") & Q(waitlist_position__isnull=True)),
                name="signup_waitlist_position_iff_waiting",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.user} – {self.event}"

    @property
    def seats(self) -> int:
        return 1 + self.extra_adults + self.extra_children


def calendar_token_new() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a person's calendar feed URL; regenerating it revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_token",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=calendar_token_new)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return str(self.user)
