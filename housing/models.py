"""Start housing ("startboliger"): residences, their units, applications, bookings and rent.

A booking holds a unit for the nights from `starts_on` up to (not including) `ends_on`; an offer
is a booking waiting for the applicant's answer, and holds the unit too. That no unit is ever
double-booked is kept by the services (under a row lock on the unit) and, on PostgreSQL, by an
exclusion constraint over the unit and the date range (migration 0002).
"""

import calendar
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from companies.models import Hire
from network.uploads import UploadPath, UploadValidator

MAX_BEDS = 12
MAX_RENT_NOK = 100_000
MAX_PERSONS = 12


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or the month's last day, when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class HousingSettings(models.Model):
    """The coordinator's rules for applications (one row, edited in the admin)."""

    min_stay_months = models.PositiveSmallIntegerField(
        _("minimum stay (months)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    max_stay_months = models.PositiveSmallIntegerField(
        _("maximum stay (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    book_ahead_months = models.PositiveSmallIntegerField(
        _("how far ahead one may apply (months)"),
        default=18,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    offer_days = models.PositiveSmallIntegerField(
        _("days to answer an offer"), default=7, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("days before move-out to remind"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    class Meta:
        verbose_name = _("housing rules")
        verbose_name_plural = _("housing rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_stay_months__lte=F("max_stay_months")), name="housing_settings_min_le_max"
            )
        ]

    def __str__(self):
        return str(_("Rules for applications"))

    def clean(self):
        if self.min_stay_months and self.max_stay_months and self.min_stay_months > self.max_stay_months:
            raise ValidationError(
                {"max_stay_months": _("The maximum stay cannot be shorter than the minimum stay.")}
            )

    @classmethod
    def current(cls) -> "HousingSettings":
        return cls.objects.order_by("pk").first() or cls()


class ResidenceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Residence(models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    address = models.CharField(_("address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=4)
    postal_town = models.CharField(_("postal town"), max_length=60)
    municipality = models.ForeignKey(
        "network.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), validators=[MaxLengthValidator(4000)])
    house_rules = models.TextField(_("house rules"), blank=True, validators=[MaxLengthValidator(4000)])
    facilities = models.TextField(
        _("shared facilities"),
        blank=True,
        help_text=_("One per line, such as a laundry room, a shared kitchen or bicycle storage."),
        validators=[MaxLengthValidator(2000)],
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    published = models.BooleanField(_("published"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ResidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("residence")
        verbose_name_plural = _("residences")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def facility_list(self) -> list[str]:
        return [line.strip() for line in (self.facilities or "").splitlines() if line.strip()]


class ResidencePhoto(models.Model):
    residence = models.ForeignKey(
        Residence, verbose_name=_("residence"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(
        _("photo"),
        upload_to=UploadPath("housing/photos"),
        validators=[UploadValidator(kinds=("png", "jpeg"), max_mb=5)],
    )
    alt_text = models.CharField(
        _("description for screen readers"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text


class UnitKind(models.TextChoices):
    ROOM = "room", _("Room")
    FLAT = "flat", _("Flat")


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True, residence__published=True)

    def free_between(self, start: dt.date, end: dt.date):
        """Units with no booking or offer on any night from `start` up to `end`, available by `start`."""
        return self.filter(available_from__lte=start).exclude(
            Exists(Booking.objects.blocking().overlapping(start, end).filter(unit=OuterRef("pk")))
        )


class Unit(models.Model):
    residence = models.ForeignKey(
        Residence, verbose_name=_("residence"), on_delete=models.CASCADE, related_name="units"
    )
    label = models.CharField(_("number or letter"), max_length=20, help_text=_("Such as 101 or B."))
    kind = models.CharField(_("type"), max_length=5, choices=UnitKind, default=UnitKind.ROOM)
    beds = models.PositiveSmallIntegerField(
        _("beds"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_BEDS)]
    )
    size_m2 = models.PositiveSmallIntegerField(
        _("size (m²)"), validators=[MinValueValidator(5), MaxValueValidator(500)]
    )
    furnished = models.BooleanField(_("furnished"), default=True)
    rent_nok = models.PositiveIntegerField(
        _("monthly rent (NOK)"), validators=[MaxValueValidator(MAX_RENT_NOK)]
    )
    deposit_nok = models.PositiveIntegerField(
        _("deposit (NOK)"), default=0, validators=[MaxValueValidator(MAX_RENT_NOK * 6)]
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    pets_allowed = models.BooleanField(_("pets allowed"), default=False)
    available_from = models.DateField(_("available from"))
    active = models.BooleanField(
        _("let out"), default=True, help_text=_("Untick to stop taking applications for this unit.")
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["residence__position", "residence__name", "label"]
        constraints = [
            models.UniqueConstraint(fields=["residence", "label"], name="housing_unit_label_unique"),
            models.CheckConstraint(condition=Q(beds__gte=1, beds__lte=MAX_BEDS), name="housing_unit_beds"),
            models.CheckConstraint(condition=Q(rent_nok__lte=MAX_RENT_NOK), name="housing_unit_rent"),
        ]

    def __str__(self):
        return f"{self.residence.name} – {self.title}"

    @property
    def title(self) -> str:
        if self.kind == UnitKind.FLAT:
            return str(_("Flat %(label)s")) % {"label": self.label}
        return str(_("Room %(label)s")) % {"label": self.label}


class ApplicationQuerySet(models.QuerySet):
    def waiting(self):
        """Applications the coordinator still has to place, first come first served."""
        return self.filter(status=Application.Status.OPEN).order_by("created_at", "pk")

    def with_free_units(self):
        """Annotate `free_units`: units in the application's municipality (or the unit asked for)
        that are free for its whole period and have enough beds."""
        overlapping = Booking.objects.blocking().filter(
            unit=OuterRef("pk"),
            starts_on__lt=OuterRef(OuterRef("move_out")),
            ends_on__gt=OuterRef(OuterRef("move_in")),
        )
        free = (
            Unit.objects.active()
            .filter(
                residence__municipality=OuterRef("municipality"),
                beds__gte=OuterRef("persons"),
                available_from__lte=OuterRef("move_in"),
            )
            .exclude(Exists(overlapping))
            .order_by()
            .values("residence__municipality")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(free_units=Coalesce(Subquery(free), Value(0)))

    def with_hire_dates(self):
        """Annotate what HR registered for the applicant: start date, expected arrival, arrival."""
        hires = Hire.objects.filter(user=OuterRef("user"))
        return self.annotate(
            hire_start=Subquery(hires.values("start_date")[:1]),
            hire_expected_arrival=Subquery(hires.values("expected_arrival")[:1]),
            hire_arrived_on=Subquery(hires.values("arrived_on")[:1]),
        )


class Application(models.Model):
    """A household's wish for start housing: a unit, or any unit in a municipality, for a period."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting")
        OFFERED = "offered", _("Offer made")
        BOOKED = "booked", _("Booked")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    LIVE = (Status.OPEN, Status.OFFERED)

    # Emptied when the person is erased: the application stays as an anonymous count.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="housing_applications",
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("HR staff who applied on the newcomer's behalf."),
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("on behalf of the employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit asked for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        help_text=_("Empty: any unit in the municipality."),
    )
    municipality = models.ForeignKey(
        "network.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    move_in = models.DateField(_("move-in"))
    move_out = models.DateField(_("move-out"))
    persons = models.PositiveSmallIntegerField(
        _("persons"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_PERSONS)]
    )
    message = models.TextField(_("message"), blank=True, validators=[MaxLengthValidator(1500)])
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    decision_note = models.CharField(_("note to the applicant"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(move_out__gt=F("move_in")), name="housing_application_period"),
            models.CheckConstraint(
                condition=Q(persons__gte=1, persons__lte=MAX_PERSONS), name="housing_application_persons"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["open", "offered"]),
                name="housing_application_one_live_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.user or _('(erased)')} – {self.move_in:%Y-%m-%d}"

    @property
    def wanted(self) -> str:
        if self.unit_id:
            return str(self.unit)
        return str(_("Any unit in %(municipality)s")) % {"municipality": self.municipality.name}

    @property
    def nights(self) -> int:
        return (self.move_out - self.move_in).days


class BookingQuerySet(models.QuerySet):
    def blocking(self):
        """Bookings and offers that hold their unit's nights."""
        return self.filter(status__in=Booking.BLOCKING)

    def overlapping(self, start: dt.date, end: dt.date):
        return self.filter(starts_on__lt=end, ends_on__gt=start)


class Booking(models.Model):
    """A unit held for the nights from `starts_on` up to `ends_on` (the move-out day is free)."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered, waiting for an answer")
        CONFIRMED = "confirmed", _("Booked")
        DECLINED = "declined", _("Offer declined")
        EXPIRED = "expired", _("Offer expired")
        CANCELLED = "cancelled", _("Cancelled")

    BLOCKING = (Status.OFFERED, Status.CONFIRMED)

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="bookings")
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
    )
    # Emptied when the person is erased: the booking stays as anonymous occupancy.
    tenant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tenant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="housing_bookings",
    )
    starts_on = models.DateField(_("move-in"))
    ends_on = models.DateField(_("move-out"))
    persons = models.PositiveSmallIntegerField(_("persons"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CONFIRMED)
    rent_nok = models.PositiveIntegerField(_("monthly rent (NOK)"))
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    ended_early_at = models.DateTimeField(_("ended early"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("move-out reminder sent"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_on", "unit_id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="housing_booking_period"),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="housing_booking_offer_expires",
            ),
        ]
        indexes = [models.Index(fields=["unit", "starts_on", "ends_on"], name="housing_booking_unit_period")]

    def __str__(self):
        return f"{self.unit} {self.starts_on:%Y-%m-%d}–{self.ends_on:%Y-%m-%d}"

    @property
    def nights(self) -> int:
        return (self.ends_on - self.starts_on).days

    @property
    def last_night(self) -> dt.date:
        return self.ends_on - dt.timedelta(days=1)


class RentCharge(models.Model):
    """The rent for one booking and one month: what the coordinator marks paid (payment itself is
    outside the portal). Kept in step with the booking's period by the services."""

    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="rent_charges"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    nights = models.PositiveSmallIntegerField(_("nights"))
    amount_nok = models.PositiveIntegerField(_("amount (NOK)"))
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("rent due")
        verbose_name_plural = _("rent due")
        ordering = ["month", "booking__unit__residence__name", "booking__unit__label"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "month"], name="housing_rent_once_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="housing_rent_month_first_day"),
        ]

    def __str__(self):
        return f"{self.booking.unit} {self.month:%Y-%m}"

    @property
    def paid(self) -> bool:
        return self.paid_at is not None
