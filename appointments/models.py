"""Meetings with the region's contact person: the times they offer (slots) and the bookings.

A slot has at most one active booking: the services lock the slot's row before deciding, and a
partial unique index holds it for any writer (SQLite and PostgreSQL alike). A cancelled booking
frees its slot.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_MINUTES, MAX_MINUTES = 10, 240


class Mode(models.TextChoices):
    DESK = "desk", _("At the welcome desk")
    VIDEO = "video", _("By video")


class Topic(models.TextChoices):
    PERMITS = "permits", _("Residence permits and registration")
    TAX = "tax", _("Tax")
    HOUSING = "housing", _("Housing")
    PARTNER_JOB = "partner_job", _("A job for my partner")
    OTHER = "other", _("Something else")


class SlotQuerySet(models.QuerySet):
    def offered(self, now: dt.datetime):
        """Published times still to come (booked or not)."""
        return self.filter(published=True, starts_at__gt=now)

    def free(self):
        return self.exclude(Exists(Booking.objects.active().filter(slot=OuterRef("pk"))))

    def on_day(self, day: dt.date):
        start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
        return self.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))


class Slot(models.Model):
    """A time the contact person offers for a meeting, at a welcome desk or by video."""

    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length in minutes"),
        default=30,
        validators=[MinValueValidator(MIN_MINUTES), MaxValueValidator(MAX_MINUTES)],
    )
    mode = models.CharField(_("how"), max_length=8, choices=Mode, default=Mode.DESK)
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="appointment_slots",
    )
    # Translated (appointments/translation.py): "the library, 2nd floor" / "biblioteket, 2. etasje".
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Where to meet, for a meeting at the welcome desk."),
    )
    video_link = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("The address of the video meeting, sent with the confirmation."),
    )
    host = models.ForeignKey(
        "network.ContactPerson",
        verbose_name=_("contact person"),
        on_delete=models.PROTECT,
        related_name="appointment_slots",
    )
    published = models.BooleanField(_("offered"), default=True, help_text=_("Shown to newcomers to book."))
    note = models.TextField(_("note"), blank=True, help_text=_("Shown with the time, such as what to bring."))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting time")
        verbose_name_plural = _("meeting times")
        ordering = ["starts_at", "pk"]
        constraints = [
            # The contact person is in one meeting at a time.
            models.UniqueConstraint(
                fields=["host", "starts_at"], name="appointment_slot_host_once_at_a_time"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=MIN_MINUTES, duration_minutes__lte=MAX_MINUTES),
                name="appointment_slot_sensible_length",
            ),
            models.CheckConstraint(
                condition=~Q(mode=Mode.VIDEO) | ~Q(video_link=""), name="appointment_slot_video_has_link"
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{local:%d.%m.%Y %H:%M} {self.municipality.name} ({self.get_mode_display()})"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def is_video(self) -> bool:
        return self.mode == Mode.VIDEO

    def clean(self):
        if self.mode == Mode.VIDEO and not self.video_link:
            raise ValidationError({"video_link": _("A video meeting needs its link.")})
        if self.mode == Mode.DESK and not any(
            getattr(self, f"place_{code}", "") for code, _name in settings.LANGUAGES
        ):
            # On the default language's field: the forms (the admin's included) have one per language.
            raise ValidationError(
                {f"place_{settings.LANGUAGE_CODE}": _("Say where the meeting at the welcome desk is.")}
            )


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Booking.Status.BOOKED)


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    slot = models.ForeignKey(Slot, verbose_name=_("time"), on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.CASCADE,
        related_name="appointment_bookings",
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic)
    note = models.TextField(_("what I would like to talk about"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.BOOKED)
    created_at = models.DateTimeField(_("booked"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            # Never double-booked: at most one active booking per time (cancelled ones free it).
            models.UniqueConstraint(
                fields=["slot"], condition=Q(status="booked"), name="appointment_one_booking_per_slot"
            ),
            models.CheckConstraint(
                condition=Q(status="booked", cancelled_at__isnull=True)
                | Q(status="cancelled", cancelled_at__isnull=False),
                name="appointment_cancelled_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.slot} – {self.get_topic_display()}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.BOOKED
