import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.languages import CEFR_ORDER
from network.models import Mailing, MailingRecipient

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
    VOLUNTEERS = "volunteers", _("Volunteers and mentors")
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


class MonthlyPosition(models.IntegerChoices):
    """Which of its weekdays in the month a monthly activity falls on: RRULE's BYSETPOS."""

    FIRST = 1, pgettext_lazy("weekday of the month", "First")
    SECOND = 2, pgettext_lazy("weekday of the month", "Second")
    THIRD = 3, pgettext_lazy("weekday of the month", "Third")
    FOURTH = 4, pgettext_lazy("weekday of the month", "Fourth")
    LAST = -1, pgettext_lazy("weekday of the month", "Last")


class EventLanguage(models.TextChoices):
    """The language an activity is held in, and for Norwegian the level one needs to follow it.

    An activity in easy Norwegian doubles as language practice; the level is the CEFR level of
    `network.languages.CEFR_LEVELS` a participant needs (B1+ is ordinary everyday Norwegian).
    """

    ENGLISH = "en", _("In English")
    NORWEGIAN_A1 = "nb-a1", _("Beginners' Norwegian (A1)")
    NORWEGIAN_A2 = "nb-a2", _("Easy Norwegian (A2)")
    NORWEGIAN_B1 = "nb-b1", _("Norwegian (B1+)")
    NORWEGIAN_B2 = "nb-b2", _("Norwegian at full pace (B2+)")
    BOTH = "both", _("Bilingual (Norwegian and English)")

    @classmethod
    def norwegian(cls) -> list[str]:
        return [code for code in cls.values if code.startswith("nb-")]

    @classmethod
    def for_practice(cls, level: str) -> list[str]:
        """Where someone at CEFR `level` can practise Norwegian: at most one level above theirs, or bilingual."""
        reach = CEFR_ORDER.get(level, 0) + 1
        return [code for code in cls.norwegian() if CEFR_ORDER[code[3:].upper()] <= reach] + [cls.BOTH]


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
        _("language"), max_length=8, choices=EventLanguage, default=EventLanguage.ENGLISH
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
    monthly_position = models.SmallIntegerField(
        _("which weekday of the month"),
        choices=MonthlyPosition,
        null=True,
        blank=True,
        help_text=_(
            "For a monthly activity on a weekday: “First” and Thursday means the first Thursday of "
            "every month. Without a weekday, the weekday of the start date is used. Leave empty to "
            "repeat on the start date's day of the month."
        ),
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
    skip_public_holidays = models.BooleanField(
        _("skip Norwegian public holidays"),
        default=False,
        help_text=_(
            "No occurrence on a public holiday, such as 17 May, Ascension Day or Christmas Day. "
            "Occurrences already planned on one are removed, or cancelled with a message to "
            "everyone signed up."
        ),
    )
    skip_from = models.DateField(
        _("break from"),
        null=True,
        blank=True,
        help_text=_("First day of a break with no occurrences, such as the Christmas holidays."),
    )
    skip_to = models.DateField(
        _("break until"),
        null=True,
        blank=True,
        help_text=_("Last day of the break (no occurrence on it either)."),
    )

    class Meta:
        verbose_name = _("recurring activity")
        verbose_name_plural = _("recurring activities")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(count__isnull=True), name="eventseries_until_or_count"
            ),
            models.CheckConstraint(condition=Q(interval__gte=1), name="eventseries_interval_positive"),
            models.CheckConstraint(
                condition=Q(monthly_position__isnull=True) | Q(monthly_position__in=MonthlyPosition.values),
                name="eventseries_monthly_position_valid",
            ),
            # BYSETPOS picks among the month's days: it means "the nth weekday" only with one
            # weekday in a monthly rule.
            models.CheckConstraint(
                condition=Q(monthly_position__isnull=True)
                | (Q(frequency="monthly") & ~Q(weekdays__contains=",")),
                name="eventseries_monthly_position_one_weekday",
            ),
            # Spelled out for NULLs: in SQL "NULL <= date" is unknown, which a CHECK lets through.
            models.CheckConstraint(
                condition=Q(skip_from__isnull=True, skip_to__isnull=True)
                | Q(skip_from__isnull=False, skip_to__isnull=False, skip_from__lte=F("skip_to")),
                name="eventseries_break_from_before_to",
            ),
        ]

    def clean(self):
        """The rule's parts that only make sense together; each error sits on a field of the admin form."""
        super().clean()
        errors = {}
        codes = [code for code in (self.weekdays or "").split(",") if code]
        if self.monthly_position is not None:
            if self.frequency != self.Frequency.MONTHLY:
                errors["monthly_position"] = _("A weekday of the month is only for monthly activities.")
            elif len(codes) > 1:
                errors["monthly_position"] = _(
                    "Choose one weekday for a monthly activity on a weekday of the month."
                )
        elif self.frequency == self.Frequency.MONTHLY and codes:
            # Without it, RRULE's BYDAY repeats on every such weekday: "monthly on Thursday" is weekly.
            errors["monthly_position"] = _(
                "Choose which of the month's weekdays the activity is on (first, second, third, "
                "fourth or last), or leave the weekdays empty to repeat on the start date's day."
            )
        if self.frequency == self.Frequency.YEARLY and codes:
            errors["frequency"] = _("A yearly activity repeats on its start date: leave the weekdays empty.")
        if (self.skip_from is None) != (self.skip_to is None):
            errors["skip_to" if self.skip_to is None else "skip_from"] = _(
                "Give both the first and the last day of the break, or neither."
            )
        elif self.skip_from and self.skip_to and self.skip_to < self.skip_from:
            errors["skip_to"] = _("The break ends before it begins.")
        if errors:
            raise ValidationError(errors)


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
            # Dashboards ask for the next few of one audience (HR: the company meetings): without the
            # audience first, PostgreSQL read every upcoming activity in date order to find four.
            models.Index(fields=["audience", "status", "starts_at"], name="events_event_audience_next"),
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

    @property
    def seats_left(self) -> int | None:
        """Free seats, for an event read with its seat counts (`selectors.event_annotate_seats`).
        Worked out here, not in SQL: an annotation built on `seats_taken` made the database run the
        seat-count subquery twice and Django compile it twice."""
        if self.capacity is None:
            return None
        return self.capacity - self.seats_taken


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


class EventReview(models.Model):
    """How an activity went, in the coordinator's words (after-action notes): for next year's plan and
    the yearly report. Participants come from the sign-ups' attendance."""

    event = models.OneToOneField(
        Event, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="review"
    )
    note = models.TextField(
        _("how it went"), blank=True, help_text=_("What worked, what to change next time.")
    )
    cost_nok = models.PositiveIntegerField(_("cost (NOK)"), null=True, blank=True)
    partners = models.CharField(
        _("partner organisations"),
        max_length=300,
        blank=True,
        help_text=_("Who helped run it, e.g. the library, a sports club, the Red Cross."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("after-action note")
        verbose_name_plural = _("after-action notes")

    def __str__(self):
        return str(self.event)


class EventMessage(Mailing):
    """The coordinator's message to the people of one or more activities (a change of place, what to
    bring), kept on the activities with who got it."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("Everyone with a confirmed seat")
        WAITING = "waiting", _("Everyone on the waiting list")
        ATTENDED = "attended", _("Everyone who attended")
        ALL = "all", _("Everyone signed up (confirmed and waiting list)")

    events = models.ManyToManyField(Event, verbose_name=_("activities"), related_name="messages")
    audience = models.CharField(_("sent to"), max_length=10, choices=Audience, default=Audience.CONFIRMED)

    mail_key_prefix = "events:message"

    class Meta(Mailing.Meta):
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")


class EventMessageRecipient(MailingRecipient):
    mailing = models.ForeignKey(
        EventMessage, verbose_name=_("message"), on_delete=models.CASCADE, related_name="recipients"
    )
    event = models.ForeignKey(
        Event, verbose_name=_("activity"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
