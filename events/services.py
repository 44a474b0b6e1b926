"""Sign-up rules: capacity, waiting list, registration window and who may take part.

Who gets a seat:
- A sign-up is confirmed when its party (the person, extra adults and children) fits in the free
  seats and its childcare children fit in the free childcare places; otherwise it goes on the
  waiting list, at the end.
- A waiting party that does not fit does not block later parties that do: a family asking
  childcare for 8 children when 7 places are left waits, while the next person without children
  still gets one of the free seats.
- On every cancellation and every change of capacity, the waiting list is gone through in queue
  order and every party that now fits is confirmed (and told by mail); those that still do not
  fit keep their place in the queue. So nobody waits while their party would fit.
- A party larger than the whole activity (or its whole childcare) is refused outright: it could
  never get in.

Every change to an event's sign-ups first locks the event row (`select_for_update`), so
sign-ups, cancellations and capacity changes for one event run one after the other; that is
what keeps "30 seats" at 30 when hundreds of people press the button at the same second. The
lock is held for the decision only: the mails (and their calendar files) are rendered after
the transaction commits, by a task (`signup_mail_send_task`).
"""

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import roles_of
from network.services import mail_batch

from . import mail
from .models import Audience, CalendarToken, Event, SignUp
from .selectors import (
    CACHE_VERSION_KEY,
    EVENT_SIGNUP_FIELDS,
    calendar_scopes,
    new_calendar_version,
    signups_due_for_reminder,
)
from .validators import MAX_EXTRA, parse_childcare_ages


class SignUpError(Exception):
    """A sign-up or cancellation the rules refuse; the message is shown to the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


ALREADY_SIGNED_UP = _("You are already signed up for this activity.")
SIGNUP_CANCELLED = _("Your sign-up is cancelled.")


def signup_status_message(*, signup: SignUp) -> str:
    if signup.status == SignUp.Status.WAITING:
        return _(
            "There is no room for your party right now: you are number %(position)s on the waiting list."
        ) % {"position": signup.waitlist_position}
    return _("You are signed up. A confirmation is on its way to your e-mail.")


def calendar_cache_bump(scopes: tuple[str, ...] = ()) -> None:
    """Make cached calendar pages stale (their versions are part of their keys): with `scopes`, only
    the pages that show them (`selectors.calendar_scopes`), otherwise every page. A new version is a
    new random value, written, not an increment: a file cache's increment is a read and a write
    that two processes can interleave, and a lost key must not bring back an old number."""
    if scopes:
        cache.set_many({f"{CACHE_VERSION_KEY}:{scope}": new_calendar_version() for scope in scopes}, None)
    else:
        cache.set(CACHE_VERSION_KEY, new_calendar_version(), timeout=None)


def calendar_changed(*, signups_of: Event | None = None) -> None:
    """Invalidate now (this request reads fresh data) and again after commit (readers that cached
    the old state while the transaction was open are corrected). `signups_of`: only the sign-ups of
    this activity changed, so only the pages that show its seats and sign-ups go (not the other
    activities' pages, the other months or the feed)."""
    scopes = calendar_scopes(signups_of) if signups_of is not None else ()
    calendar_cache_bump(scopes)
    transaction.on_commit(lambda: calendar_cache_bump(scopes))


# --- who may take part -------------------------------------------------------------------------


def signup_refusal_reason(*, event: Event, user) -> str | None:
    """Why this user may not take part in this event (by audience), or None if they may."""
    roles = roles_of(user)
    if not roles.authenticated:
        return _("Log in to sign up.")
    if roles.coordinator or event.audience == Audience.EVERYONE:
        return None
    if event.audience == Audience.COMPANIES:
        if roles.member_hr:
            return None
        return _("This meeting is for HR staff of the network's member companies.")
    if event.audience == Audience.VOLUNTEERS:
        if roles.volunteer:
            return None
        return _("This gathering is for the network's volunteers and mentors.")
    if roles.household:
        return None
    return _("This activity is for newcomers and their families.")


def signup_party_allowed(*, event: Event) -> bool:
    """Whether a sign-up may bring other adults, children and childcare: not to the meetings for
    member companies, where each HR person (or a colleague signed up by one) takes one seat."""
    return event.audience != Audience.COMPANIES


def event_window_refusal(*, event: Event, now: dt.datetime | None = None) -> str | None:
    """Why nobody can sign up (or cancel) for this event now, or None."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return _("This activity has been cancelled.")
    if event.starts_at <= now:
        return _("This activity has already started or is over.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration has not opened yet.")
    if event.registration_closes_at and now >= event.registration_closes_at:
        return _("Registration for this activity has closed.")
    return None


def signup_cancel_refusal(*, event: Event, now: dt.datetime | None = None) -> str | None:
    """Why a participant can no longer cancel (the coordinator still can), or None."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return _("This activity has been cancelled.")
    if event.starts_at <= now:
        return _("This activity has already started or is over.")
    if event.registration_closes_at and now >= event.registration_closes_at:
        return _("The deadline has passed; please contact the organiser to cancel.")
    return None


def signup_colleagues(*, user):
    """Users an HR person may sign up for company meetings: the active HR staff of their company."""
    return roles_of(user).hr_colleagues().order_by("first_name", "last_name", "email")


def _may_sign_up_for(*, event: Event, signed_up_by, user) -> bool:
    if signed_up_by is None or signed_up_by.pk == user.pk:
        return True
    signer = roles_of(signed_up_by)
    if signer.coordinator:
        return True
    return event.audience == Audience.COMPANIES and signer.is_hr_colleague(user)


# --- capacity ----------------------------------------------------------------------------------


def _confirmed_totals(event: Event) -> tuple[int, int]:
    totals = SignUp.objects.filter(event=event, status=SignUp.Status.CONFIRMED).aggregate(
        seats=Sum(1 + F("extra_adults") + F("extra_children")), childcare=Sum("childcare_children")
    )
    return totals["seats"] or 0, totals["childcare"] or 0


def _fits(*, event: Event, seats: int, childcare: int, taken: tuple[int, int]) -> bool:
    seats_taken, childcare_taken = taken
    if event.capacity is not None and seats_taken + seats > event.capacity:
        return False
    if childcare and event.childcare_capacity is not None:
        return childcare_taken + childcare <= event.childcare_capacity
    return True


def _waitlist_renumber(event: Event) -> None:
    waiting = list(
        SignUp.objects.filter(event=event, status=SignUp.Status.WAITING).order_by("waitlist_position", "pk")
    )
    changed = []
    for position, signup in enumerate(waiting, start=1):
        if signup.waitlist_position != position:
            signup.waitlist_position = position
            changed.append(signup)
    SignUp.objects.bulk_update(changed, ["waitlist_position"])


def _waitlist_promote(event: Event) -> list[SignUp]:
    """Confirm, in queue order, every waiting party that now fits (see the module's rules).

    A party that still does not fit keeps its place and does not block the ones behind it.
    The event row is locked by the caller.
    """
    if event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        return []
    taken = _confirmed_totals(event)
    promoted = []
    for signup in SignUp.objects.filter(event=event, status=SignUp.Status.WAITING).order_by(
        "waitlist_position", "pk"
    ):
        if not _fits(event=event, seats=signup.seats, childcare=signup.childcare_children, taken=taken):
            continue
        signup.status = SignUp.Status.CONFIRMED
        signup.waitlist_position = None
        signup.save(update_fields=["status", "waitlist_position"])
        taken = (taken[0] + signup.seats, taken[1] + signup.childcare_children)
        promoted.append(signup)
    if promoted:
        _waitlist_renumber(event)
        for signup in promoted:
            _mail_after_commit(signup=signup, kind=mail.PROMOTED)
    return promoted


# Sign-up mails are rendered a few seconds after the decision: in a rush (hundreds of sign-ups in a
# second) the requests get the CPUs first and the worker renders the mails right after.
SIGNUP_MAIL_DELAY_SECONDS = 3


def _mail_after_commit(*, signup: SignUp, kind: str) -> None:
    """Queue a sign-up's mail once the decision is committed (and the event's lock released)."""
    from .tasks import signup_mail_send_task

    signup_id = signup.pk
    transaction.on_commit(
        lambda: signup_mail_send_task.apply_async((signup_id, kind), countdown=SIGNUP_MAIL_DELAY_SECONDS)
    )


def signup_mail_send(*, signup_id: int, kind: str) -> bool:
    """Render and queue one of a sign-up's mails in its recipient's language; False if sent before."""
    signup = (
        SignUp.objects.select_related("user", "event", "event__category", "event__municipality")
        .filter(pk=signup_id)
        .first()
    )
    if signup is None:
        return False  # erased since: nothing to tell
    return mail.signup_mail(signup=signup, kind=kind)


def _lock(event: Event, fields=None) -> Event:
    """The event's row, locked until the transaction ends; only `fields` of it, when given."""
    queryset = Event.objects.select_for_update()
    return (queryset.only(*fields) if fields else queryset).get(pk=event.pk)


def _signup_state(*, event: Event, user) -> tuple[bool, tuple[int, int], int | None]:
    """Under the event's lock, in one statement: whether `user` holds a place (confirmed or
    waiting), the confirmed seats and childcare places taken, and the last waiting-list position.

    Written by hand because every sign-up runs it while holding the event's lock: building the
    three ORM queries it replaces (`exists`, `_confirmed_totals`, the last position) took about
    4 ms of CPU on the bench machine, this one 0.3 ms. `_confirmed_totals` counts the same seats.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT
                COUNT(CASE WHEN user_id = %s THEN 1 END),
                COALESCE(SUM(CASE WHEN status = %s THEN 1 + extra_adults + extra_children END), 0),
                COALESCE(SUM(CASE WHEN status = %s THEN childcare_children END), 0),
                MAX(CASE WHEN status = %s THEN waitlist_position END)
            FROM {connection.ops.quote_name(SignUp._meta.db_table)}
            WHERE event_id = %s AND status <> %s
            """,  # noqa: S608 - the table's name is the model's, every value a parameter
            [
                user.pk,
                SignUp.Status.CONFIRMED,
                SignUp.Status.CONFIRMED,
                SignUp.Status.WAITING,
                event.pk,
                SignUp.Status.CANCELLED,
            ],
        )
        mine, seats, childcare, last = cursor.fetchone()
    return bool(mine), (seats, childcare), last


# Changing these can make room for people on the waiting list.
_SEAT_FIELDS = {"capacity", "childcare_capacity"}


# --- services ----------------------------------------------------------------------------------


@transaction.atomic
def signup_create(
    *,
    event: Event,
    user,
    signed_up_by=None,
    extra_adults: int = 0,
    extra_children: int = 0,
    childcare_children: int = 0,
    childcare_ages: str = "",
) -> SignUp:
    """Sign a person up: confirmed if their party fits and nobody waits, otherwise on the waiting list."""
    event = _lock(event, EVENT_SIGNUP_FIELDS)
    if reason := event_window_refusal(event=event):
        raise SignUpError(reason)
    if reason := signup_refusal_reason(event=event, user=user):
        raise SignUpError(reason)
    if signed_up_by is not None and not _may_sign_up_for(event=event, signed_up_by=signed_up_by, user=user):
        raise SignUpError(_("You can only sign up HR colleagues from your own company for company meetings."))
    if not signup_party_allowed(event=event) and (extra_adults or extra_children or childcare_children):
        raise SignUpError(
            _(
                "Company meetings take one person per sign-up, without guests or childcare: "
                "sign up each colleague on their own."
            )
        )
    if min(extra_adults, extra_children, childcare_children) < 0:
        raise SignUpError(_("The number of participants cannot be negative."))
    if max(extra_adults, extra_children, childcare_children) > MAX_EXTRA:
        raise SignUpError(
            _("For more than %(max)s extra people, please contact the organiser.") % {"max": MAX_EXTRA}
        )
    seats = 1 + extra_adults + extra_children
    # A party that can never fit would block the waiting list behind it for good.
    if event.capacity is not None and seats > event.capacity:
        raise SignUpError(
            _("Your party of %(seats)s is larger than the %(capacity)s seats of this activity.")
            % {"seats": seats, "capacity": event.capacity}
        )
    if event.childcare_capacity is not None and childcare_children > event.childcare_capacity:
        raise SignUpError(
            _("The childcare takes at most %(capacity)s children.") % {"capacity": event.childcare_capacity}
        )
    if childcare_children and not event.childcare_offered:
        raise SignUpError(_("This activity does not offer childcare."))
    try:
        ages = parse_childcare_ages(childcare_ages)
    except ValidationError as exc:
        raise SignUpError(exc.messages[0]) from exc
    if len(ages) != childcare_children:
        raise SignUpError(_("Give one age for each child who needs childcare."))
    already, taken, last_position = _signup_state(event=event, user=user)
    if already:
        raise SignUpError(ALREADY_SIGNED_UP)

    signup = SignUp(
        event=event,
        user=user,
        signed_up_by=signed_up_by if signed_up_by is not None and signed_up_by.pk != user.pk else None,
        extra_adults=extra_adults,
        extra_children=extra_children,
        childcare_children=childcare_children,
        childcare_ages=",".join(str(age) for age in ages),
        price_nok=event.price_nok,
    )
    # Nobody who waits fits (promotion sees to that), so a party that fits takes a free seat.
    if _fits(event=event, seats=signup.seats, childcare=childcare_children, taken=taken):
        signup.status = SignUp.Status.CONFIRMED
    else:
        signup.status = SignUp.Status.WAITING
        signup.waitlist_position = (last_position or 0) + 1
    # Without the checks that would each cost a query while the lock is held: the event row is
    # locked above and the user was just read; both constraints (one active sign-up per person, a
    # position exactly while waiting) are decided above under the lock, and the database enforces
    # them on insert all the same.
    signup.full_clean(exclude=["event", "user", "signed_up_by"], validate_constraints=False)
    signup.save()  # its post_save signal marks the calendar changed (events.signals), now and at commit
    _mail_after_commit(
        signup=signup, kind=mail.CONFIRMED if signup.status == SignUp.Status.CONFIRMED else mail.WAITING
    )
    return signup


@transaction.atomic
def signup_cancel(*, signup: SignUp, by_user, force: bool = False) -> SignUp:
    """Cancel a sign-up (the person, the colleague who made it, or a coordinator) and promote waiters."""
    event = _lock(signup.event)
    signup = SignUp.objects.select_for_update().get(pk=signup.pk)
    if signup.status == SignUp.Status.CANCELLED:
        return signup
    coordinator = roles_of(by_user).coordinator
    if not coordinator and by_user.pk not in (signup.user_id, signup.signed_up_by_id):
        raise SignUpError(_("You can only cancel your own sign-ups."))
    # `force`: the place is given up because the person is being erased, whatever the deadline.
    if not coordinator and not force and (reason := signup_cancel_refusal(event=event)):
        raise SignUpError(reason)
    was_confirmed = signup.status == SignUp.Status.CONFIRMED
    signup.status = SignUp.Status.CANCELLED
    signup.waitlist_position = None
    signup.cancelled_at = timezone.now()
    signup.full_clean()
    signup.save(update_fields=["status", "waitlist_position", "cancelled_at"])
    if was_confirmed:
        _waitlist_promote(event)
    else:
        _waitlist_renumber(event)
    calendar_changed(signups_of=event)
    return signup


@transaction.atomic
def event_create(*, fields: dict[str, Any]) -> Event:
    """A new activity from the coordinator's data (model field name → value)."""
    event = Event(**fields)
    event.full_clean()
    event.save()
    calendar_changed()
    return event


@transaction.atomic
def event_update(*, event: Event, changes: dict[str, Any]) -> list[SignUp]:
    """Change an activity under its row lock; more seats promote people from the waiting list.

    Only the changed fields are written, onto the row as it is now: a cancellation or a
    sign-up that committed while the coordinator had the form open stays as it is. Fewer
    seats never remove anyone already confirmed: the coordinator settles that in person.
    Returns the sign-ups promoted from the waiting list.
    """
    locked = _lock(event)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save(update_fields=[*changes, "updated_at"])
    for name in (*changes, "updated_at"):
        setattr(event, name, getattr(locked, name))
    promoted = _waitlist_promote(locked) if _SEAT_FIELDS & changes.keys() else []
    calendar_changed()
    return promoted


def event_capacity_update(*, event: Event, capacity: int | None) -> list[SignUp]:
    """Change the number of seats (see `event_update`); returns the sign-ups promoted."""
    return event_update(event=event, changes={"capacity": capacity})


@transaction.atomic
def event_cancel(*, event: Event, reason: str) -> Event:
    """Cancel an event and tell everybody signed up or waiting, each in their own language."""
    locked = _lock(event)
    if locked.status == Event.Status.CANCELLED:
        return locked
    locked.status = Event.Status.CANCELLED
    locked.cancelled_reason = reason
    locked.full_clean()
    locked.save(update_fields=["status", "cancelled_reason", "updated_at"])
    signups = (
        SignUp.objects.filter(event=locked)
        .exclude(status=SignUp.Status.CANCELLED)
        .select_related("user", "event")
    )
    for signup in signups:
        _mail_after_commit(signup=signup, kind=mail.EVENT_CANCELLED)
    event.status, event.cancelled_reason = locked.status, locked.cancelled_reason
    calendar_changed()
    return locked


@transaction.atomic
def event_duplicate(*, event: Event, shift: dt.timedelta = dt.timedelta(days=7)) -> Event:
    """A copy of an event one week later (by default), without sign-ups, for the coordinator to edit."""
    copy = Event.objects.get(pk=event.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.series = None
    copy.occurrence_date = None
    copy.status = Event.Status.PUBLISHED
    copy.cancelled_reason = ""
    copy.starts_at += shift
    copy.ends_at += shift
    if copy.registration_opens_at:
        copy.registration_opens_at += shift
    if copy.registration_closes_at:
        copy.registration_closes_at += shift
    copy.full_clean()
    copy.save()
    calendar_changed()
    return copy


@transaction.atomic
def signup_attendance_mark(*, signups, attended: bool | None, now: dt.datetime | None = None) -> int:
    """Record who came: only confirmed sign-ups, and only once the activity has started."""
    count = SignUp.objects.filter(
        pk__in=[s.pk for s in signups],
        status=SignUp.Status.CONFIRMED,
        event__starts_at__lte=now or timezone.now(),
    ).update(attended=attended)
    calendar_changed()
    return count


@transaction.atomic
def event_attendance_mark_all(*, events, now: dt.datetime | None = None) -> int:
    """Mark every confirmed participant of these events as attended (the usual case after the day);
    activities that have not started yet are left alone."""
    count = SignUp.objects.filter(
        event__in=list(events),
        event__starts_at__lte=now or timezone.now(),
        status=SignUp.Status.CONFIRMED,
        attended__isnull=True,
    ).update(attended=True)
    calendar_changed()
    return count


@transaction.atomic
def signup_paid_mark(*, signups, paid: bool) -> int:
    """Payment happens outside the portal; the coordinator records it."""
    return SignUp.objects.filter(pk__in=[s.pk for s in signups]).update(paid=paid)


@transaction.atomic
def calendar_token_regenerate(*, user) -> CalendarToken:
    """A new secret for the personal feed; the old URL stops working at once."""
    CalendarToken.objects.filter(user=user).delete()
    return CalendarToken.objects.create(user=user)


@transaction.atomic
def calendar_token_revoke(*, user) -> None:
    CalendarToken.objects.filter(user=user).delete()


# How many reminders one task renders: small enough that two workers share a large run, large
# enough that queueing the tasks costs little.
REMINDER_CHUNK = 200


def signup_reminder_chunks(*, now: dt.datetime | None = None) -> list[list[int]]:
    """The sign-ups due a reminder that have none recorded yet, in chunks for the workers. One query:
    an hourly run after everything was sent reads no sign-up and renders nothing."""
    ids = list(
        signups_due_for_reminder(now=now).exclude(mail.recorded(mail.REMINDER)).values_list("pk", flat=True)
    )
    return [ids[start : start + REMINDER_CHUNK] for start in range(0, len(ids), REMINDER_CHUNK)]


def signup_reminders_send_for(*, signup_ids: list[int], now: dt.datetime | None = None) -> int:
    """Remind these sign-ups if they are still due (one cancelled meanwhile is not); returns how many
    were queued. Each reminder is recorded under its sign-up's key, so a second run, a retried task or
    an overlapping window sends nothing twice."""
    due = signups_due_for_reminder(now=now).filter(pk__in=signup_ids).exclude(mail.recorded(mail.REMINDER))
    # A chunk is mostly one activity's sign-ups: its .ics and links are built once per language, not
    # per person, and the chunk's mails go to the worker as one task.
    # One transaction for the chunk: one commit instead of one per mail; a chunk that fails is retried
    # whole, and the mails' keys keep that harmless.
    shared: dict = {}
    with transaction.atomic(), mail_batch():
        return sum(1 for signup in due if mail.signup_reminder(signup=signup, shared=shared))


def signup_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind everyone due, here and now, chunk by chunk (the hourly task spreads the chunks over the
    workers instead); returns how many were queued."""
    return sum(
        signup_reminders_send_for(signup_ids=chunk, now=now) for chunk in signup_reminder_chunks(now=now)
    )


@transaction.atomic
def signups_erase(*, user) -> int:
    """Before a person is erased: give up their places in activities to come (the waiting list moves
    up), and keep their past attendance as an anonymous count on each activity, so that "3
    attended" stays 3 once their sign-ups are gone. Returns how many sign-ups were handled."""
    now = timezone.now()
    signups = list(SignUp.objects.filter(user=user).select_related("event"))
    for signup in signups:
        if signup.event.ends_at > now and signup.status != SignUp.Status.CANCELLED:
            signup_cancel(signup=signup, by_user=user, force=True)
    attended = [s.event_id for s in signups if s.attended]
    for event_id in set(attended):
        Event.objects.filter(pk=event_id).update(
            attended_erased=F("attended_erased") + attended.count(event_id)
        )
    return len(signups)
