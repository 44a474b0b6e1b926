"""Calendar subscriptions: a public feed per filter and a personal feed behind a secret token."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.selectors import region_name

from . import selectors
from .forms import EventFilterForm
from .ics import calendar_ics_bytes
from .models import CalendarToken, Event, SignUp
from .services import calendar_token_regenerate, calendar_token_revoke
from .views import calendar_cache_key

# Subscribed calendars keep recent history visible; older entries are dropped from the feed.
FEED_PAST_DAYS = 30
FEED_MAX_EVENTS = 500
FEED_CACHE_SECONDS = 60 * 60


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def feed_public(request):
    """All published activities matching the calendar filters (?municipality=…&category=…)."""
    # Building the feed takes a quarter of a second, and calendar clients poll it: it is cached
    # until an activity or sign-up changes (the key's data version) or the day changes.
    key = calendar_cache_key("feed", request, timezone.localdate().isoformat())
    data = cache.get(key)
    if data is None:
        filters = EventFilterForm(request.GET).filters()
        filters.setdefault("date_from", timezone.localdate() - dt.timedelta(days=FEED_PAST_DAYS))
        events = selectors.event_list_filtered(filters=filters).filter(status=Event.Status.PUBLISHED)
        data = calendar_ics_bytes(
            events=events[:FEED_MAX_EVENTS], name=_("%(region)s activities") % {"region": region_name()}
        )
        cache.set(key, data, FEED_CACHE_SECONDS)
    return _ics_response(data, "activities.ics")


def feed_personal(request, token: str):
    """The activities one person signed up for; the token in the URL is the only credential."""
    owner = CalendarToken.objects.select_related("user").filter(token=token).first()
    if owner is None or not owner.user.is_active:
        raise Http404
    since = timezone.now() - dt.timedelta(days=FEED_PAST_DAYS)
    signups = {}
    # A cancelled sign-up stays in the feed as CANCELLED (subscribed calendars then remove it),
    # unless the person signed up again.
    for signup in (
        SignUp.objects.filter(user=owner.user, event__ends_at__gte=since)
        .select_related("event__category", "event__municipality")
        .order_by("event__starts_at", "created_at")
    ):
        if signup.event_id not in signups or signup.status != SignUp.Status.CANCELLED:
            signups[signup.event_id] = signup
    events = [signup.event for signup in signups.values()][:FEED_MAX_EVENTS]
    name = _("My activities – %(region)s") % {"region": region_name()}
    return _ics_response(
        calendar_ics_bytes(events=events, name=name, language=owner.user.language, signups=signups),
        "my-activities.ics",
    )


@login_required
@require_POST
def feed_token_regenerate(request):
    calendar_token_regenerate(user=request.user)
    messages.success(request, _("Your personal calendar link is ready. Any older link no longer works."))
    return redirect("events:my")


@login_required
@require_POST
def feed_token_revoke(request):
    calendar_token_revoke(user=request.user)
    messages.success(request, _("Your personal calendar link has been switched off."))
    return redirect("events:my")
