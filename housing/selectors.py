"""Reads for start housing's pages, the admin, mails and tasks: a constant number of queries each."""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from network.models import Municipality

from .models import Application, Booking, Residence, ResidencePhoto, Unit, add_months

WINDOW_MONTHS = 12


def _int(pk) -> int | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError, OverflowError):
        return None
    return pk if 0 < pk < 2**63 else None


def municipalities_with_housing() -> QuerySet[Municipality]:
    return Municipality.objects.filter(
        pk__in=Unit.objects.active().values("residence__municipality")
    ).order_by("position", "name")


@dataclass
class Filters:
    municipality: Municipality | None = None
    kind: str = ""
    rent_min: int | None = None
    rent_max: int | None = None
    step_free: bool = False
    free_from: dt.date | None = None
    free_to: dt.date | None = None


def _units_matching(filters: Filters) -> QuerySet[Unit]:
    units = Unit.objects.active()
    if filters.municipality is not None:
        units = units.filter(residence__municipality=filters.municipality)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.rent_min is not None:
        units = units.filter(rent_nok__gte=filters.rent_min)
    if filters.rent_max is not None:
        units = units.filter(rent_nok__lte=filters.rent_max)
    if filters.step_free:
        units = units.filter(step_free=True)
    if filters.free_from or filters.free_to:
        start = filters.free_from or timezone.localdate()
        end = filters.free_to if filters.free_to and filters.free_to > start else start + dt.timedelta(days=1)
        units = units.free_between(start, end)
    return units


def residences_public(*, filters: Filters) -> list[Residence]:
    """Published residences with at least one unit that matches, each with `matching_units`."""
    units = _units_matching(filters).order_by("kind", "label")
    return list(
        Residence.objects.published()
        .filter(pk__in=units.values("residence"))
        .select_related("municipality")
        .prefetch_related(
            Prefetch("units", queryset=units, to_attr="matching_units"),
            Prefetch(
                "photos", queryset=ResidencePhoto.objects.order_by("position", "pk"), to_attr="photo_list"
            ),
        )
    )


def residence_get_public(*, slug: str) -> Residence | None:
    return (
        Residence.objects.published()
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "photos", queryset=ResidencePhoto.objects.order_by("position", "pk"), to_attr="photo_list"
            )
        )
        .filter(slug=slug)
        .first()
    )


def photo_get_public(*, pk) -> ResidencePhoto | None:
    pk = _int(pk)
    if pk is None:
        return None
    return ResidencePhoto.objects.filter(pk=pk, residence__published=True).first()


# --- availability ----------------------------------------------------------------------------


@dataclass
class Segment:
    state: str  # "free", "booked", "closed" (not yet available)
    start: dt.date
    end: dt.date  # exclusive
    x: float = 0.0  # percent of the bar
    width: float = 0.0

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


@dataclass
class UnitAvailability:
    unit: Unit
    segments: list[Segment] = field(default_factory=list)
    free_nights: int = 0

    @property
    def text(self) -> str:
        """The bar in words, for screen readers (and anyone who prefers to read)."""
        labels = {"free": _("free"), "booked": _("booked"), "closed": _("not yet available")}
        return "; ".join(
            _("%(state)s from %(start)s to %(end)s")
            % {
                "state": labels[s.state],
                "start": formats.date_format(s.start, "j M Y"),
                "end": formats.date_format(s.last_day, "j M Y"),
            }
            for s in self.segments
        )


def _segments(unit: Unit, bookings: list[Booking], start: dt.date, end: dt.date) -> list[Segment]:
    total = (end - start).days
    marks = []
    if unit.available_from > start:
        marks.append(("closed", start, min(unit.available_from, end)))
    for booking in bookings:
        s, e = max(booking.starts_on, start), min(booking.ends_on, end)
        if s < e:
            marks.append(("booked", s, e))
    marks.sort(key=lambda m: m[1])
    segments: list[Segment] = []
    cursor = start
    for state, s, e in marks:
        s = max(s, cursor)
        if s >= e:
            continue
        if s > cursor:
            segments.append(Segment("free", cursor, s))
        if segments and segments[-1].state == state and segments[-1].end == s:
            segments[-1].end = e
        else:
            segments.append(Segment(state, s, e))
        cursor = e
    if cursor < end:
        segments.append(Segment("free", cursor, end))
    for segment in segments:
        segment.x = round((segment.start - start).days * 100 / total, 3)
        segment.width = round((segment.end - segment.start).days * 100 / total, 3)
    return segments


def availability_for_residence(*, residence: Residence, today: dt.date | None = None) -> dict:
    """Each unit's next 12 months as segments (free, booked, not yet available), with month ticks."""
    start = today or timezone.localdate()
    end = add_months(start, WINDOW_MONTHS)
    window = Booking.objects.blocking().overlapping(start, end).order_by("starts_on")
    units = list(
        Unit.objects.active()
        .filter(residence=residence)
        .prefetch_related(Prefetch("bookings", queryset=window, to_attr="window_bookings"))
        .order_by("kind", "label")
    )
    total = (end - start).days
    rows = []
    for unit in units:
        segments = _segments(unit, unit.window_bookings, start, end)
        rows.append(
            UnitAvailability(
                unit=unit,
                segments=segments,
                free_nights=sum((s.end - s.start).days for s in segments if s.state == "free"),
            )
        )
    ticks = []
    month = add_months(start.replace(day=1), 1)
    while month < end:
        ticks.append({"date": month, "x": round((month - start).days * 100 / total, 3)})
        month = add_months(month, 1)
    return {"rows": rows, "start": start, "end": end, "ticks": ticks}


# --- the coordinator ---------------------------------------------------------------------------


def occupancy_by_residence(*, first_month: dt.date, months: int = 12) -> list[dict]:
    """Per residence and month: the share of unit-nights booked (confirmed stays), in percent.
    A unit counts from its `available_from`; three queries however many bookings there are."""
    first = first_month.replace(day=1)
    last = add_months(first, months)
    month_starts = [add_months(first, n) for n in range(months)]
    bookings = Booking.objects.filter(status=Booking.Status.CONFIRMED).overlapping(first, last)
    residences = Residence.objects.prefetch_related(
        Prefetch(
            "units",
            queryset=Unit.objects.filter(active=True).prefetch_related(
                Prefetch("bookings", queryset=bookings, to_attr="window_bookings")
            ),
            to_attr="unit_list",
        )
    ).order_by("position", "name")
    rows = []
    for residence in residences:
        cells = []
        for month in month_starts:
            following = add_months(month, 1)
            capacity = booked = 0
            for unit in residence.unit_list:
                open_from = max(month, unit.available_from)
                capacity += max(0, (following - open_from).days)
                for b in unit.window_bookings:
                    booked += max(0, (min(b.ends_on, following) - max(b.starts_on, month, open_from)).days)
            percent = round(booked * 100 / capacity, 1) if capacity else None
            cells.append({"month": month, "booked": booked, "capacity": capacity, "percent": percent})
        rows.append({"residence": residence, "months": cells})
    return rows


def moves_upcoming(*, today: dt.date | None = None, days: int = 60) -> dict:
    """Confirmed move-ins and move-outs in the coming `days` days, soonest first."""
    today = today or timezone.localdate()
    until = today + dt.timedelta(days=days)
    base = Booking.objects.filter(status=Booking.Status.CONFIRMED).select_related("unit__residence", "tenant")
    return {
        "move_ins": list(base.filter(starts_on__gte=today, starts_on__lte=until).order_by("starts_on")),
        "move_outs": list(base.filter(ends_on__gte=today, ends_on__lte=until).order_by("ends_on")),
        "today": today,
        "until": until,
    }


def free_units_for_application(*, application: Application) -> list[Unit]:
    """Units in the application's municipality free for its whole period, with enough beds."""
    return list(
        Unit.objects.active()
        .filter(residence__municipality_id=application.municipality_id, beds__gte=application.persons)
        .free_between(application.move_in, application.move_out)
        .select_related("residence")
    )


def units_for_offer() -> QuerySet[Unit]:
    return Unit.objects.active().select_related("residence").order_by("residence__name", "label")


# --- the applicant -----------------------------------------------------------------------------


def housing_for_user(*, user) -> dict:
    """The person's applications and bookings (offers first), for "My housing" and the dashboard."""
    applications = list(
        Application.objects.filter(user=user)
        .select_related("unit__residence", "municipality", "company")
        .order_by("-created_at")
    )
    bookings = list(
        Booking.objects.filter(tenant=user)
        .exclude(status__in=[Booking.Status.DECLINED, Booking.Status.EXPIRED])
        .select_related("unit__residence__municipality")
        .order_by("-starts_on")
    )
    today = timezone.localdate()
    return {
        "applications": applications,
        "live_applications": [a for a in applications if a.status in Application.LIVE],
        "offers": [b for b in bookings if b.status == Booking.Status.OFFERED],
        "stays": [b for b in bookings if b.status == Booking.Status.CONFIRMED and b.ends_on > today],
        "past": [b for b in bookings if b.status == Booking.Status.CONFIRMED and b.ends_on <= today],
        "today": today,
    }


def housing_for_dashboard(*, user) -> dict:
    return housing_for_user(user=user)


def booking_get_for_tenant(*, user, pk) -> Booking | None:
    pk = _int(pk)
    if pk is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        Booking.objects.select_related("unit__residence__municipality", "application")
        .filter(Q(tenant=user), pk=pk)
        .first()
    )


def application_get_for_user(*, user, pk) -> Application | None:
    pk = _int(pk)
    if pk is None or not getattr(user, "is_authenticated", False):
        return None
    return Application.objects.filter(user=user, pk=pk).first()


def month_days(month: dt.date) -> int:
    return calendar.monthrange(month.year, month.month)[1]
