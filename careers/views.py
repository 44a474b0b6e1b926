"""The partner's careers page and profile, interest in openings, the companies' dual-career pool and
the coordinator's overview."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from network.access import hr_required, role_required
from network.exports import csv_cell
from network.languages import language_name
from network.uploads import serve_upload
from newcomers.privacy import partner_home_panels

from . import selectors, services
from .forms import CareerProfileForm, FoundWorkForm, PoolFilterForm

FOR_PARTNERS = gettext_lazy("This page is for partners of newcomers.")
FOR_COORDINATOR = gettext_lazy("This page is for the network's coordinator.")
POOL_PAGE_SIZE = 20


def _partner(view):
    return role_required(lambda roles: roles.partner, FOR_PARTNERS)(view)


@_partner
def home(request):
    profile = selectors.profile_for_user(request.user)
    household = selectors.household_for_user(request.user)
    # Other apps' panels for partners (the meetings with the contact person), through newcomers' hook.
    context = {"profile": profile, "household": household, "panels": partner_home_panels(user=request.user)}
    if profile is not None:
        context.update(
            suggestions=selectors.suggestions_for(profile=profile, household=household),
            interested=selectors.interest_opening_ids(profile=profile),
            interests=selectors.interests_for_profile(profile=profile),
            company_interests=selectors.company_interests_for_profile(profile=profile),
            other_languages=[language_name(code) for code in profile.other_languages],
            found_form=FoundWorkForm(initial={"found_work_on": timezone.localdate()}),
        )
    return render(request, "careers/home.html", context)


@_partner
def profile_edit(request):
    profile = selectors.profile_for_user(request.user)
    form = CareerProfileForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=profile,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(user=request.user, **form.service_data())
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your career profile has been saved."))
            return redirect("careers:home")
    return render(request, "careers/profile_form.html", {"form": form, "profile": profile})


@require_POST
@_partner
def consent_withdraw(request):
    services.profile_consent_withdraw(user=request.user)
    messages.success(request, _("Member companies can no longer see your profile or your CV."))
    return redirect("careers:home")


@require_POST
@_partner
def found_work(request):
    form = FoundWorkForm(request.POST)
    if form.is_valid():
        try:
            services.found_work_record(
                user=request.user,
                found_work_on=form.cleaned_data["found_work_on"],
                how=form.cleaned_data["how"],
            )
        except services.CareersError as error:
            messages.error(request, error.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Congratulations on your new job!"))
    else:
        messages.error(request, _("Give a valid date and say how you found work."))
    return redirect("careers:home")


@_partner
def own_cv(request):
    profile = selectors.profile_for_user(request.user)
    if profile is None:
        raise Http404
    return serve_upload(profile.cv, download_name="cv")


@require_POST
@_partner
def interest(request, pk):
    try:
        created = services.interest_add(user=request.user, opening_id=pk)
    except services.CareersError as error:
        messages.error(request, error.message)
    else:
        if created:
            messages.success(request, _("The company's HR staff have been told that you are interested."))
        else:
            messages.info(request, _("You have already said you are interested in this opening."))
    return redirect("careers:home")


@require_POST
@_partner
def interest_withdraw(request, pk):
    if services.interest_withdraw(user=request.user, opening_id=pk):
        messages.success(request, _("Your interest has been withdrawn."))
    return redirect("careers:home")


# --- the companies' dual-career pool --------------------------------------------------------------


@hr_required(member=True)
def pool(request, company):
    form = PoolFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.pool_search(filters=filters), POOL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "careers/pool.html",
        {
            "form": form,
            "page": page,
            "marked": selectors.pool_interest_marked(company=company, profiles=page.object_list),
            "interested_in_us": selectors.pool_interests_in_company(company=company),
        },
    )


def _pool_profile_or_404(pk):
    profile = selectors.pool_get(pk=pk)
    if profile is None:
        raise Http404
    return profile


@hr_required(member=True)
def pool_profile(request, company, pk):
    profile = _pool_profile_or_404(pk)
    return render(
        request,
        "careers/pool_profile.html",
        {
            "profile": profile,
            "other_languages": [language_name(code) for code in profile.other_languages],
            "interests": selectors.profile_interests_in_company(company=company, profile=profile),
            "marked": bool(selectors.pool_interest_marked(company=company, profiles=[profile])),
        },
    )


@hr_required(member=True)
def pool_cv(request, company, pk):
    profile = _pool_profile_or_404(pk)
    return serve_upload(profile.cv, download_name=f"cv-{profile.pk}")


@require_POST
@hr_required(member=True)
def pool_interest(request, company, pk):
    profile = _pool_profile_or_404(pk)
    try:
        created = services.company_interest_mark(user=request.user, company=company, profile=profile)
    except services.CareersError as error:
        messages.error(request, error.message)
    else:
        if created:
            messages.success(request, _("The partner has been told that your company is interested."))
        else:
            messages.info(request, _("Your company has already shown interest in this partner."))
    return redirect("careers:pool_profile", pk=profile.pk)


# No CSRF token: mail programs send the List-Unsubscribe one-click POST (RFC 8058) without cookies;
# the signed token is what authorises it.
@csrf_exempt
def unsubscribe(request, token):
    """The weekly mail's link: no login needed; a POST stops the mail (a GET only asks)."""
    try:
        profile = services.profile_from_unsubscribe_token(token=token)
    except services.InvitationError as error:
        return render(request, "careers/unsubscribe.html", {"reason": error.message}, status=404)
    if request.method == "POST":
        services.weekly_mail_stop(profile=profile)
        return render(request, "careers/unsubscribe.html", {"done": True})
    return render(request, "careers/unsubscribe.html", {})


# --- the coordinator --------------------------------------------------------------------------------


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
def overview(request):
    return render(request, "careers/overview.html", selectors.coordinator_overview())


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
def overview_csv(request):
    data = selectors.coordinator_overview()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="partners-looking-for-work.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("E-mail"), _("Municipality"), _("Looking since"), _("Months")])
    for profile in data["long_looking"]:
        writer.writerow(
            [
                csv_cell(profile.user.get_full_name()),
                csv_cell(profile.user.email),
                csv_cell(profile.home.name if profile.home else ""),
                csv_cell(profile.looking_since.isoformat()),
                csv_cell(profile.months),
            ]
        )
    return response


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
def overview_municipalities_csv(request):
    """The overview's table: partners per municipality by months looking, and those who found work."""
    data = selectors.coordinator_overview()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="partners-per-municipality.csv"'
    writer = csv.writer(response)
    months = [_("%(bucket)s months") % {"bucket": bucket} for bucket in data["buckets"]]
    writer.writerow([csv_cell(cell) for cell in [_("Municipality"), *months, _("Found work")]])
    for name, counts, found_work in data["table"]:
        writer.writerow([csv_cell(cell) for cell in [name, *counts, found_work]])
    return response
