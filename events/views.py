import calendar
import datetime as dt
import functools
import hashlib
from collections import defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from network.page_cache import personal_page_cache

from . import selectors, services
from .forms import EventFilterForm, SignUpForm, month_or_none
from .models import Audience

PAGE_SIZE = 25
# The month grid shows this many activities a day, then "+N more" linking to that day's list: a
# busy month (hundreds of activities) stays a page people, phones and screen readers can use.
MONTH_DAY_LIMIT = 3
CACHE_SECONDS = 60 * 60


def calendar_cache_key(kind: str, request, *parts, scopes: tuple[str, ...] = ()) -> str:
    """A cache key for a calendar view: its data version (the calendar's and that of the `scopes` the
    page shows: `selectors.calendar_scopes`), language, query string and `parts`."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha256("|".join([query, *map(str, parts)]).encode()).hexdigest()[:32]
    return f"events:{kind}:{_version(*scopes)}:{get_language()}:{digest}"


def _version(*scopes: str) -> str:
    """The data version of these scopes, short enough for a cache key."""
    return hashlib.sha256(selectors.calendar_cache_version(*scopes).encode()).hexdigest()[:16]


def _cached_fragment(key: str, build) -> str:
    """The calendar body from the cache; many people read it, and it only changes with the data."""
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own rendered template


PAGE_CACHE_SECONDS = 60
# How long one request may hold the right to rebuild a page before another one takes it over.
REBUILD_SECONDS = 10


def _previous_key(key: str) -> str:
    """The key of a page's last built copy, whatever its data version: `calendar_cache_key` without
    the version."""
    versioned, language, digest = key.rsplit(":", 2)
    return f"{versioned.rsplit(':', 1)[0]}:previous:{language}:{digest}"


def _another_request_rebuilds(previous_key: str) -> bool:
    """Whether another request is rebuilding this page now; if not, this one takes it on."""
    return not cache.add(f"{previous_key}:rebuilding", 1, REBUILD_SECONDS)


def anonymous_page_cache(kind: str, scopes=lambda request, **kwargs: ()):
    """Serve the whole page from the cache to visitors who are not logged in.

    Most readers of the calendar are anonymous and see the same page; it is cached under the
    calendar's data version (a sign-up or an edit changes it) for a minute at most, so that the
    registration windows stay right. Logged-in pages (sign-up boxes, menus) and pages that carry a
    one-time message are never cached or served from the cache.

    No stampede: when a change makes the page stale, one request rebuilds it while the others are
    served the copy built before the change (for the second or so that takes). Only anonymous
    visitors get that copy: the person who just signed up is logged in and sees their own change.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if (
                request.method != "GET"
                or request.user.is_authenticated
                or len(messages.get_messages(request))
            ):
                return view(request, *args, **kwargs)
            key = calendar_cache_key(
                f"page:{kind}", request, request.path, scopes=scopes(request, *args, **kwargs)
            )
            content = cache.get(key)
            if content is not None:
                return HttpResponse(content)
            previous_key = _previous_key(key)
            rebuilding_elsewhere = _another_request_rebuilds(previous_key)
            if rebuilding_elsewhere:
                previous = cache.get(previous_key)
                if previous is not None:
                    return HttpResponse(previous)
            try:
                response = view(request, *args, **kwargs)
                # A page that holds a CSRF token or sets a cookie belongs to this visitor only.
                if (
                    response.status_code == 200
                    and not response.cookies
                    and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                ):
                    cache.set_many(
                        {key: response.content, previous_key: response.content}, PAGE_CACHE_SECONDS
                    )
            finally:
                if not rebuilding_elsewhere:
                    cache.delete(f"{previous_key}:rebuilding")
            return response

        return wrapped

    return decorator


def _filter_query(request, drop=("page", "year", "month")) -> str:
    return urlencode([(k, v) for k, values in request.GET.lists() if k not in drop for v in values])


@personal_page_cache
@anonymous_page_cache("list", scopes=lambda request: ("lists",))
def event_list(request):
    level = selectors.norwegian_level_of(user=request.user)

    def build():
        form = EventFilterForm(request.GET, norwegian_level=level)
        events = selectors.event_list_filtered(filters=form.filters())
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        return render_to_string(
            "events/_list_body.html",
            {"form": form, "page": page, "events": page.object_list, "query": _filter_query(request)},
            request=request,
        )

    # The filters offer "at my level" to those with a level, so the body differs by level.
    body = _cached_fragment(calendar_cache_key("list", request, level, scopes=("lists",)), build)
    return render(request, "events/event_list.html", {"body": body})


def _month_from_request(request, year, month) -> dt.date:
    if year is None:
        year, month = request.GET.get("year"), request.GET.get("month")
    try:
        first = month_or_none(int(year), int(month))
    except (TypeError, ValueError):
        first = None
    if first is None or not 2000 <= first.year <= 2100:
        if year is not None and request.resolver_match.kwargs:
            raise Http404
        return timezone.localdate().replace(day=1)
    return first


def _month_scopes(request, year=None, month=None) -> tuple[str, ...]:
    try:
        return (f"month:{_month_from_request(request, year, month):%Y-%m}",)
    except Http404:
        return ()


@personal_page_cache
@anonymous_page_cache("month", scopes=_month_scopes)
def event_month(request, year=None, month=None):
    first = _month_from_request(request, year, month)
    level = selectors.norwegian_level_of(user=request.user)

    def build():
        form = EventFilterForm(request.GET, norwegian_level=level)
        events = list(
            selectors.event_list_for_month(year=first.year, month=first.month, filters=form.filters())
        )
        by_day = defaultdict(list)
        for event in events:
            by_day[timezone.localtime(event.starts_at).date()].append(event)
        query = _filter_query(request)
        day_query = _filter_query(request, drop=("page", "year", "month", "date_from", "date_to"))
        weeks = [
            [
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "events": by_day.get(day, [])[:MONTH_DAY_LIMIT],
                    "more": max(len(by_day.get(day, [])) - MONTH_DAY_LIMIT, 0),
                    "day_url": f"{reverse('events:list')}?"
                    + urlencode({"date_from": day.isoformat(), "date_to": day.isoformat()})
                    + (f"&{day_query}" if day_query else ""),
                }
                for day in week
            ]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        ]
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return render_to_string(
            "events/_month_body.html",
            {
                "form": form,
                "first": first,
                "weeks": weeks,
                "page": page,
                "events": page.object_list,
                "previous": previous,
                "following": following,
                "query": query,
                "today": timezone.localdate(),
            },
            request=request,
        )

    body = _cached_fragment(
        calendar_cache_key(
            "month", request, first.isoformat(), level, scopes=_month_scopes(request, year, month)
        ),
        build,
    )
    return render(request, "events/event_month.html", {"body": body, "first": first})


def _event_or_404(pk: int):
    """The activity as its pages show it (with its seat counts), cached under its own data version:
    an edit of it or a sign-up to it changes that, so the page never shows an old seat count, and
    the other requests read no activity from the database."""
    version = _version(f"event:{pk}")
    key = f"events:object:{version}:{pk}"
    event = cache.get(key)
    if event is None:
        event = selectors.event_get_public(pk=pk)
        if event is None:
            raise Http404
        cache.set(key, event, CACHE_SECONDS)
    event.cache_version = version
    return event


def _signup_context(request, event, form=None) -> dict:
    user = request.user
    signup = selectors.signup_active_for(event=event, user=user)
    refusal = services.signup_refusal_reason(event=event, user=user) if user.is_authenticated else None
    window = services.event_window_refusal(event=event)
    colleagues = None
    if user.is_authenticated and event.audience == Audience.COMPANIES and not refusal:
        colleagues = services.signup_colleagues(user=user)
    can_sign_up = bool(
        user.is_authenticated and not refusal and not window and (signup is None or colleagues)
    )
    if form is None and can_sign_up:
        form = SignUpForm(event=event, colleagues=colleagues, initial={"for_user": user.pk})
    return {
        "event": event,
        "colleagues": colleagues,
        "signup": signup,
        "refusal": refusal,
        "window_refusal": window,
        "cancel_refusal": services.signup_cancel_refusal(event=event) if signup else None,
        "can_sign_up": can_sign_up,
        "form": form,
        "childcare_left": (
            None
            if event.childcare_capacity is None
            else max(event.childcare_capacity - event.childcare_taken, 0)
        ),
        "map_url": "https://www.openstreetmap.org/search?" + urlencode({"query": event.address})
        if event.address
        else "",
    }


@personal_page_cache
@anonymous_page_cache("detail", scopes=lambda request, pk: (f"event:{pk}",))
def event_detail(request, pk: int):
    event = _event_or_404(pk)
    return render(request, "events/event_detail.html", _signup_context(request, event))


@login_required
@require_http_methods(["GET", "POST"])
def event_signup(request, pk: int):
    if request.method == "POST":
        return _signup_post(request, pk)
    event = _event_or_404(pk)
    return render(request, "events/event_signup.html", _signup_context(request, event))


def _signup_post(request, pk: int):
    """A sign-up: the activity's row and the form, then the service; nothing of the page.

    Hundreds of people press the button at the same second, so a sign-up that goes through reads
    no more than the rules need (no seat counts, no page context). The refusals and their order
    are those of `_signup_context`; whether the person already holds a place is asked only when
    the sign-up did not go through, as the service refuses it too (under the event's lock).
    """
    event = selectors.event_get_for_signup(pk=pk)
    if event is None:
        raise Http404
    user = request.user
    refusal = services.signup_refusal_reason(event=event, user=user) or services.event_window_refusal(
        event=event
    )
    if refusal:
        messages.error(request, refusal)
        return redirect("events:detail", pk=event.pk)
    colleagues = services.signup_colleagues(user=user) if event.audience == Audience.COMPANIES else None
    form = SignUpForm(request.POST, event=event, colleagues=colleagues)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            signup = services.signup_create(
                event=event,
                user=data.get("for_user") or user,
                signed_up_by=user,
                extra_adults=data.get("extra_adults") or 0,
                extra_children=data.get("extra_children") or 0,
                childcare_children=data.get("childcare_children") or 0,
                childcare_ages=data.get("childcare_ages") or "",
            )
        except services.SignUpError as exc:
            error = exc.message
        else:
            level = messages.SUCCESS if signup.status == signup.Status.CONFIRMED else messages.INFO
            messages.add_message(request, level, services.signup_status_message(signup=signup))
            return redirect("events:detail", pk=event.pk)
    # Someone who holds a place (and may sign up nobody else) is told so, whatever they posted.
    if not colleagues and selectors.signup_active_for(event=event, user=user) is not None:
        messages.error(request, services.ALREADY_SIGNED_UP)
        return redirect("events:detail", pk=event.pk)
    if error:
        form.add_error(None, error)
    context = _signup_context(request, _event_or_404(pk), form=form)
    return render(request, "events/event_signup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def signup_cancel(request, pk: int):
    signup = selectors.signup_get_for_user(pk=pk, user=request.user)
    if signup is None:
        raise Http404
    refusal = services.signup_cancel_refusal(event=signup.event)
    if request.method == "POST" and signup.status != signup.Status.CANCELLED:
        try:
            services.signup_cancel(signup=signup, by_user=request.user)
        except services.SignUpError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, services.SIGNUP_CANCELLED)
        return redirect("events:my")
    return render(request, "events/signup_cancel.html", {"signup": signup, "refusal": refusal})


@personal_page_cache
@login_required
def my_activities(request):
    upcoming = selectors.signup_list_upcoming_for_user(user=request.user)
    past = selectors.signup_list_past_for_user(user=request.user)
    for signup in upcoming:
        signup.cancel_refusal = services.signup_cancel_refusal(event=signup.event)
    return render(request, "events/my_activities.html", {"upcoming": upcoming, "past": past})


def event_ics(request, pk: int):
    from .ics import event_ics_bytes

    event = _event_or_404(pk)
    response = HttpResponse(event_ics_bytes(event=event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="activity-{event.pk}.ics"'
    return response
