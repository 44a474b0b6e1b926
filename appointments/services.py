"""Booking, cancelling and moving a meeting with the contact person; the reminders; the
coordinator's copying of a week's times.

A time is never double-booked: every booking locks the slot's row first (`select_for_update`) and
then looks for an active booking of it, so two people booking the same time at once are served one
after the other and the second is told the time was taken. The partial unique index on the booking
(models.py) holds it for any writer; its refusal (an IntegrityError) gets the same message.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.models import OutgoingMail, User
from network.services import Attachment, absolute_url, mail_queue_template

from .ics import booking_ics_bytes
from .models import Booking, Slot, Topic

FOR_HOUSEHOLDS = _("Meetings with the contact person are for newcomers and their partners.")
FOR_COORDINATOR = _("Only the coordinator can do this.")
# How many meetings to come one person may hold at once: enough for a household's questions,
# few enough that one person cannot take a week's times.
MAX_UPCOMING = 3
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
CONFIRMATION, CANCELLATION, REMINDER = "confirmation", "cancellation", "reminder"


class AppointmentError(Exception):
    """Something the rules refuse; the message says why, in words the person understands."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


TAKEN = _("Someone has just booked this time. Please choose another.")


def _lock_slot(slot_id: int) -> Slot:
    slot = Slot.objects.select_for_update().filter(pk=slot_id).first()
    if slot is None or not slot.published:
        raise AppointmentError(_("This time is not offered. Please choose another."))
    return Slot.objects.select_related("municipality", "host").get(pk=slot.pk)


def _check_bookable(*, slot: Slot, user: User, now: dt.datetime, exclude_id: int | None = None) -> None:
    """Refuse unless `user` may take `slot` (whose row the caller holds locked)."""
    if slot.starts_at <= now:
        raise AppointmentError(_("This time has passed. Please choose a time to come."))
    if Booking.objects.active().filter(slot=slot).exists():
        raise AppointmentError(TAKEN)
    mine = Booking.objects.active().filter(person=user, slot__starts_at__gt=now).select_related("slot")
    if exclude_id:
        mine = mine.exclude(pk=exclude_id)
    mine = list(mine)
    if any(other.slot.starts_at < slot.ends_at and slot.starts_at < other.slot.ends_at for other in mine):
        raise AppointmentError(_("You already have a meeting at that time."))
    if len(mine) >= MAX_UPCOMING:
        raise AppointmentError(
            _("You have %(count)d meetings booked already. Cancel one to book another.")
            % {"count": MAX_UPCOMING}
        )


def _save(booking: Booking, *, update_fields=None) -> None:
    """Save under a savepoint: the database's unique index answers like the service's check."""
    booking.full_clean()
    try:
        with transaction.atomic():
            booking.save(update_fields=update_fields)
    except IntegrityError as error:
        if "appointment_one_booking_per_slot" in str(error) or "appointments_booking.slot_id" in str(error):
            raise AppointmentError(TAKEN) from None
        raise


@transaction.atomic
def booking_create(
    *, user: User, slot_id: int, topic: str, note: str = "", now: dt.datetime | None = None
) -> Booking:
    """Book a time for a newcomer or partner; they and the contact person get the confirmation."""
    require(roles_of(user).household, FOR_HOUSEHOLDS)
    now = now or timezone.now()
    if topic not in Topic.values:
        raise AppointmentError(_("Choose what you would like to talk about."))
    slot = _lock_slot(slot_id)
    _check_bookable(slot=slot, user=user, now=now)
    booking = Booking(slot=slot, person=user, topic=topic, note=note.strip(), created_at=now)
    _save(booking)
    booking_mails_send(booking=booking, kind=CONFIRMATION)
    return booking


def _lock_booking(*, user: User, booking_id: int) -> Booking:
    bookings = Booking.objects.select_for_update().filter(pk=booking_id)
    if not roles_of(user).coordinator:
        bookings = bookings.filter(person=user)
    booking = bookings.first()
    if booking is None:
        raise AppointmentError(_("This meeting is not yours, or no longer exists."))
    return Booking.objects.select_related("slot__municipality", "slot__host", "person").get(pk=booking.pk)


def _cancel(booking: Booking, *, now: dt.datetime) -> None:
    if not booking.is_active:
        raise AppointmentError(_("This meeting was cancelled already."))
    if booking.slot.starts_at <= now:
        raise AppointmentError(_("A meeting that has started or passed cannot be cancelled."))
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    _save(booking, update_fields=["status", "cancelled_at"])


@transaction.atomic
def booking_cancel(*, user: User, booking_id: int, now: dt.datetime | None = None) -> Booking:
    """The person (or the coordinator) cancels a meeting to come; the time is free again."""
    now = now or timezone.now()
    booking = _lock_booking(user=user, booking_id=booking_id)
    _cancel(booking, now=now)
    booking_mails_send(booking=booking, kind=CANCELLATION)
    return booking


@transaction.atomic
def booking_move(*, user: User, booking_id: int, slot_id: int, now: dt.datetime | None = None) -> Booking:
    """Change the time of a meeting: the old time is cancelled and the new one booked with the same
    topic and note, in one transaction (if the new time is taken, the old booking stays)."""
    require(roles_of(user).household, FOR_HOUSEHOLDS)
    now = now or timezone.now()
    old = _lock_booking(user=user, booking_id=booking_id)
    if not old.is_active:
        raise AppointmentError(_("This meeting was cancelled already."))
    if old.slot_id == slot_id:
        raise AppointmentError(_("This is already the time of your meeting."))
    slot = _lock_slot(slot_id)
    _check_bookable(slot=slot, user=user, now=now, exclude_id=old.pk)
    _cancel(old, now=now)
    booking = Booking(slot=slot, person=user, topic=old.topic, note=old.note, created_at=now)
    _save(booking)
    booking_mails_send(booking=old, kind=CANCELLATION)
    booking_mails_send(booking=booking, kind=CONFIRMATION)
    return booking


# --- mail ------------------------------------------------------------------------------------------


def _key(booking: Booking, kind: str, *, host: bool) -> str:
    return f"appointments:booking:{booking.pk}:{kind}:{'host' if host else 'person'}"


def booking_mails_send(*, booking: Booking, kind: str) -> int:
    """The mail of `kind` to the person (in their language) and to the contact person (in
    Norwegian, their working language), each once (the outbox key); returns how many were queued."""
    sent = 0
    person, host = booking.person, booking.slot.host
    recipients = []
    if person.is_active:
        recipients.append((False, {"user": person}, person.language))
    if host.email:
        recipients.append((True, {"to": host.email}, "nb"))
    for for_host, address, language in recipients:
        attachments = []
        if kind != REMINDER:
            attachments = [
                Attachment(
                    f"meeting-{booking.pk}.ics",
                    booking_ics_bytes(booking=booking, language=language, with_note=not for_host),
                    "text/calendar",
                )
            ]
        mail = mail_queue_template(
            key=_key(booking, kind, host=for_host),
            language=language,
            template_prefix=f"appointments/mail/{kind}",
            context={
                "booking": booking,
                "slot": booking.slot,
                "for_host": for_host,
                "person_name": person.get_full_name() or _("a newcomer"),
                "mine_url": absolute_url(reverse("appointments:mine"), language=language),
                "book_url": absolute_url(reverse("appointments:index"), language=language),
            },
            attachments=attachments,
            **address,
        )
        sent += mail is not None
    return sent


def bookings_due_reminder(*, now: dt.datetime | None = None):
    """Active bookings of meetings tomorrow (local time) whose person has not been reminded."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    # The person's reminder key, built in SQL: one query leaves out everyone reminded before.
    key = Concat(
        Value("appointments:booking:"),
        Cast(OuterRef("pk"), CharField()),
        Value(f":{REMINDER}:person"),
        output_field=CharField(),
    )
    due = (
        Booking.objects.active()
        .filter(slot__in=Slot.objects.on_day(tomorrow), slot__starts_at__gt=now)
        .exclude(Exists(OutgoingMail.objects.filter(key=key)))
    )
    return list(due.values_list("pk", flat=True))


def reminders_send_for(*, booking_ids: list[int], now: dt.datetime | None = None) -> int:
    """Remind the person and the contact person of these meetings tomorrow; a second run (or a
    retried task) sends nothing twice. Returns how many mails were queued."""
    now = now or timezone.now()
    bookings = (
        Booking.objects.active()
        .filter(pk__in=booking_ids, slot__starts_at__gt=now)
        .select_related("slot__municipality", "slot__host", "person")
    )
    return sum(booking_mails_send(booking=booking, kind=REMINDER) for booking in bookings)


def reminders_send(*, now: dt.datetime | None = None) -> int:
    return reminders_send_for(booking_ids=bookings_due_reminder(now=now), now=now)


# --- the coordinator -------------------------------------------------------------------------------


@transaction.atomic
def slots_publish(*, user: User, slot_ids: list[int], published: bool) -> int:
    """Offer times to newcomers, or stop offering them (a booked meeting stays booked). Returns how
    many changed."""
    require(roles_of(user).coordinator, FOR_COORDINATOR)
    return Slot.objects.filter(pk__in=slot_ids).exclude(published=published).update(published=published)


@transaction.atomic
def slots_copy_to_next_week(*, user: User, slot_ids: list[int]) -> int:
    """Offer the same times a week later (unbooked, published); a time the contact person already
    has is skipped. Returns how many were created."""
    require(roles_of(user).coordinator, FOR_COORDINATOR)
    created = 0
    for slot in Slot.objects.filter(pk__in=slot_ids).order_by("starts_at"):
        starts_at = slot.starts_at + dt.timedelta(days=7)
        if Slot.objects.filter(host_id=slot.host_id, starts_at=starts_at).exists():
            continue
        copy = Slot(
            starts_at=starts_at,
            duration_minutes=slot.duration_minutes,
            mode=slot.mode,
            municipality_id=slot.municipality_id,
            video_link=slot.video_link,
            host_id=slot.host_id,
            published=True,
        )
        for field in ("place", "note"):
            for code in LANGUAGE_CODES:
                setattr(copy, f"{field}_{code}", getattr(slot, f"{field}_{code}"))
        copy.full_clean()
        copy.save()
        created += 1
    return created
