"""The meeting pages: the free times, booking one, and the person's own meetings (cancel, move)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from network.access import role_required

from . import selectors, services
from .forms import BookingForm, MoveForm, SlotFilterForm

FOR_HOUSEHOLDS = gettext_lazy("Meetings with the contact person are for newcomers and their partners.")
PAGE_SIZE = 20


def _household(view):
    return role_required(lambda roles: roles.household, FOR_HOUSEHOLDS)(view)


def _free_times(request):
    filters = SlotFilterForm(request.GET or None)
    page = Paginator(selectors.slots_free(**filters.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    return filters, page


def index(request):
    """Everyone sees the free times; booking is for households (the page says so to others)."""
    filters, page = _free_times(request)
    return render(
        request, "appointments/index.html", {"filters": filters, "page": page, "slots": page.object_list}
    )


def _errors(form, error) -> None:
    if isinstance(error, ValidationError):
        for message in error.messages:
            form.add_error(None, message)
    else:
        form.add_error(None, error.message)


@_household
def book(request, pk):
    slot = selectors.slot_get_offered(pk=pk)
    if slot is None:
        raise Http404
    form = BookingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_create(
                user=request.user,
                slot_id=slot.pk,
                topic=form.cleaned_data["topic"],
                note=form.cleaned_data["note"],
            )
        except (services.AppointmentError, ValidationError) as error:
            _errors(form, error)
        else:
            messages.success(request, _("Your meeting is booked. We have sent you a confirmation by e-mail."))
            return redirect("appointments:mine")
    free = selectors.slot_get_free(pk=slot.pk) is not None
    return render(request, "appointments/book.html", {"slot": slot, "form": form, "free": free})


@_household
def mine(request):
    return render(request, "appointments/mine.html", selectors.bookings_for_person(user=request.user))


@require_POST
@_household
def cancel(request, pk):
    booking = selectors.booking_get_for_person(user=request.user, pk=pk)
    if booking is None:
        raise Http404
    try:
        services.booking_cancel(user=request.user, booking_id=booking.pk)
    except services.AppointmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your meeting is cancelled. The time is free for someone else."))
    return redirect("appointments:mine")


@_household
def move(request, pk):
    """Another time for the same meeting: pick one of the free times; the old one is given up only
    when the new one is booked."""
    booking = selectors.booking_get_for_person(user=request.user, pk=pk)
    if booking is None:
        raise Http404
    if not booking.is_active or booking.slot.starts_at <= timezone.now():
        messages.info(request, _("Only a meeting to come can be given another time."))
        return redirect("appointments:mine")
    form = None
    if request.method == "POST":
        form = MoveForm(request.POST)
        if form.is_valid():
            try:
                services.booking_move(
                    user=request.user, booking_id=booking.pk, slot_id=form.cleaned_data["slot"]
                )
            except (services.AppointmentError, ValidationError) as error:
                _errors(form, error)
            else:
                messages.success(
                    request, _("Your meeting has a new time. We have sent you a confirmation by e-mail.")
                )
                return redirect("appointments:mine")
    filters, page = _free_times(request)
    return render(
        request,
        "appointments/move.html",
        {"booking": booking, "form": form, "filters": filters, "page": page, "slots": page.object_list},
    )
