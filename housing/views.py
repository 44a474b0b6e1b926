from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from companies.selectors import hire_get_for_company
from network.access import hr_required, role_required
from network.uploads import serve_upload

from . import selectors, services
from .forms import ApplicationForm, FilterForm, StayChangeForm
from .models import Booking

FOR_HOUSEHOLDS = gettext_lazy("Start housing is for newcomers and their partners.")


def residence_list(request):
    form = FilterForm(request.GET or None)
    return render(
        request,
        "housing/residence_list.html",
        {"form": form, "residences": selectors.residences_public(filters=form.filters())},
    )


def residence_detail(request, slug: str):
    residence = selectors.residence_get_public(slug=slug)
    if residence is None:
        raise Http404
    return render(
        request,
        "housing/residence_detail.html",
        {"residence": residence, "availability": selectors.availability_for_residence(residence=residence)},
    )


def photo(request, pk):
    found = selectors.photo_get_public(pk=pk)
    if found is None:
        raise Http404
    return serve_upload(found.image, download_name=f"photo-{found.pk}")


def _initial_wish(request) -> dict:
    unit, municipality = request.GET.get("unit", ""), request.GET.get("municipality", "")
    if unit.isascii() and unit.isdigit():
        return {"wish": f"u:{unit}"}
    if municipality.isascii() and municipality.isdigit():
        return {"wish": f"m:{municipality}"}
    return {}


@role_required(lambda roles: roles.household, FOR_HOUSEHOLDS)
def apply(request):
    form = ApplicationForm(request.POST if request.method == "POST" else None, initial=_initial_wish(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.application_create(user=request.user, **form.service_data())
        except services.HousingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Thank you! The coordinator will look at your application and answer you by e-mail."),
            )
            return redirect("housing:mine")
    return render(request, "housing/apply.html", {"form": form, "hire": None})


@role_required(lambda roles: roles.household, FOR_HOUSEHOLDS)
def mine(request):
    return render(request, "housing/mine.html", selectors.housing_for_user(user=request.user))


def _not_found(request, reason: str):
    return render(request, "housing/not_found.html", {"reason": reason}, status=404)


@role_required(lambda roles: roles.household, FOR_HOUSEHOLDS)
def offer(request, pk):
    """An offer from the coordinator: the applicant reads it and accepts or declines it."""
    booking = selectors.booking_get_for_tenant(user=request.user, pk=pk)
    if booking is None:
        return _not_found(
            request,
            _("This offer does not exist, or it was made to someone else. Check that you are logged in."),
        )
    if request.method == "POST":
        accept = request.POST.get("accept") == "1"
        try:
            services.offer_answer(booking_id=booking.pk, user=request.user, accept=accept)
        except services.HousingError as error:
            messages.error(request, error.message)
            return redirect("housing:offer", pk=booking.pk)
        messages.success(
            request,
            _("Welcome! The unit is booked for you.")
            if accept
            else _("You declined the offer. Your application is still on the waiting list."),
        )
        return redirect("housing:mine")
    return render(request, "housing/offer.html", {"booking": booking})


@role_required(lambda roles: roles.household, FOR_HOUSEHOLDS)
def booking(request, pk):
    """The tenant's stay: stay longer, move out earlier, or cancel before it begins."""
    found = selectors.booking_get_for_tenant(user=request.user, pk=pk)
    if found is None or found.status != Booking.Status.CONFIRMED:
        raise Http404
    form = StayChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        action, ends_on = form.cleaned_data["action"], form.cleaned_data["ends_on"]
        try:
            if action == "extend":
                services.booking_extend(booking_id=found.pk, ends_on=ends_on, by=request.user)
                done = _("Your stay is extended.")
            elif action == "end":
                services.booking_end_early(booking_id=found.pk, ends_on=ends_on, by=request.user)
                done = _("Your new move-out date is saved.")
            else:
                services.booking_cancel(booking_id=found.pk, by=request.user)
                done = _("Your stay is cancelled.")
        except services.HousingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            return redirect("housing:mine")
    return render(request, "housing/booking.html", {"booking": found, "form": form})


@role_required(lambda roles: roles.household, FOR_HOUSEHOLDS)
@require_POST
def application_withdraw(request, pk):
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    if application is None:
        raise Http404
    try:
        services.application_withdraw(application_id=application.pk, user=request.user)
    except services.HousingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("housing:mine")


@hr_required()
def hire_apply(request, company, pk):
    """HR applies for start housing on behalf of a hire of their company."""
    hire = hire_get_for_company(company=company, pk=pk)
    if hire is None:
        raise Http404
    initial = {"persons": 1 + int(hire.with_partner) + hire.children}
    if hire.municipality_id:
        initial["wish"] = f"m:{hire.municipality_id}"
    if hire.start_date:
        initial["move_in"] = hire.expected_arrival or hire.start_date
    form = ApplicationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_create_for_hire(hire_id=hire.pk, by=request.user, **form.service_data())
        except services.HousingError as error:
            form.add_error(None, error.message)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                _(
                    "The application is sent. The newcomer has been told by e-mail and can follow it on the portal."
                ),
            )
            return redirect("companies:hire_detail", pk=hire.pk)
    return render(request, "housing/apply.html", {"form": form, "hire": hire})
