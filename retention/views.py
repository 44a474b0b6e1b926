"""The survey answered by a signed link, "I have moved away", HR's "left the region" for a hire, and
the coordinator's dashboard."""

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from companies.selectors import hire_get_for_company
from network.access import hr_required, role_required
from network.exports import csv_cell

from . import charts, selectors, services
from .forms import ContactNoteForm, DashboardFilterForm, DepartureForm, SignalFilterForm, SurveyForm
from .models import Departure, SignalKind

FOR_NEWCOMERS = gettext_lazy("This page is for newcomers with a profile.")
FOR_COORDINATOR = gettext_lazy("This page is for the network's coordinator.")


# --- the survey, without logging in ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def survey(request, token):
    try:
        invitation = services.invitation_from_token(token=token)
    except services.LinkError as error:
        return render(request, "retention/link_refused.html", {"message": error.message}, status=410)
    questions = selectors.survey_questions(survey=invitation.survey)
    form = SurveyForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(invitation_id=invitation.pk, answers=form.answers())
        except services.LinkError as error:
            return render(request, "retention/link_refused.html", {"message": error.message}, status=410)
        # Post/redirect/get: reloading the thank-you page sends nothing again.
        return redirect("retention:survey_thanks")
    return render(request, "retention/survey.html", {"invitation": invitation, "form": form})


def survey_thanks(request):
    return render(request, "retention/survey_thanks.html")


# --- "I have moved away" --------------------------------------------------------------------------


@role_required(lambda roles: roles.newcomer, FOR_NEWCOMERS)
@require_http_methods(["GET", "POST"])
def moved_away(request):
    profile = selectors.profile_for_user(request.user)
    if profile is None:
        raise Http404
    departure = getattr(profile, "departure", None)
    if request.method == "POST" and request.POST.get("undo"):
        services.departure_undo(profile=profile)
        messages.success(request, _("Thank you: we count you as living in the region again."))
        return redirect("newcomers:dashboard")
    initial = {"left_on": departure.left_on, "reason": departure.reason} if departure else {}
    form = DepartureForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.departure_record(
            profile=profile,
            left_on=form.cleaned_data["left_on"],
            reason=form.cleaned_data["reason"],
            source=Departure.Source.PROFILE,
        )
        messages.success(
            request, _("Thank you for telling us, and all the best! We will send no more check-ins.")
        )
        return redirect("newcomers:dashboard")
    return render(request, "retention/moved_away.html", {"form": form, "departure": departure})


@hr_required(member=False)
@require_http_methods(["GET", "POST"])
def hire_left(request, pk, company):
    hire = hire_get_for_company(company=company, pk=pk)
    if hire is None:
        raise Http404
    form = DepartureForm(
        request.POST if request.method == "POST" else None, initial={"left_on": hire.left_region_on}
    )
    if request.method == "POST" and form.is_valid():
        services.hire_left_region_mark(
            hire=hire, left_on=form.cleaned_data["left_on"], reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("%(name)s is marked as having left the region.") % {"name": hire.name})
        return redirect("companies:hire_detail", pk=hire.pk)
    return render(request, "retention/hire_left.html", {"form": form, "hire": hire})


# --- the coordinator's dashboard ------------------------------------------------------------------


def _filters(request) -> tuple[DashboardFilterForm, selectors.Filters]:
    form = DashboardFilterForm(request.GET or None)
    return form, selectors.Filters(**form.values())


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
def dashboard(request):
    form, filters = _filters(request)
    data = selectors.dashboard(filters=filters)
    drawn = [(chart, charts.render_data(chart)) for chart in data["charts"]]
    return render(
        request,
        "retention/dashboard.html",
        {"form": form, "charts": drawn, "query": request.GET.urlencode()},
    )


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
def dashboard_csv(request, key):
    _form, filters = _filters(request)
    chart = selectors.dashboard_chart(filters=filters, key=key)
    if chart is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="who-stays-{chart.key}.csv"'
    writer = csv.writer(response)
    writer.writerow([csv_cell(h) for h in chart.headers])
    for row in chart.rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response


# --- at-risk signals ------------------------------------------------------------------------------


def _signal_page(request, *, company=None, template):
    kinds = list(selectors.EMPLOYER_KINDS) if company is not None else list(SignalKind)
    form = SignalFilterForm(request.GET or None, kinds=kinds)
    data = selectors.signal_list(**form.values(), company=company, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, template, {"form": form, "query": query.urlencode(), **data})


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
def signals(request):
    return _signal_page(request, template="retention/signals.html")


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
@require_http_methods(["GET", "POST"])
def signal_contacted(request, pk, kind):
    signal = selectors.signal_for_profile(profile_id=pk, kind=kind)
    if signal is None:
        raise Http404
    form = ContactNoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_note_add(
                profile_id=pk, kind=kind, note=form.cleaned_data["note"], by=request.user
            )
        except services.RetentionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Marked as contacted: %(name)s.") % {"name": signal.profile.user})
            return redirect(_next_or(request, "retention:signals"))
    return render(
        request,
        "retention/signal_contacted.html",
        {"signal": signal, "form": form, "next": request.GET.get("next", "")},
    )


def _next_or(request, fallback: str) -> str:
    # Back to the household's page when the note was written from there; never to another site.
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(fallback)


@hr_required(member=False)
def hr_signals(request, company):
    return _signal_page(request, company=company, template="retention/hr_signals.html")


# --- the household's case -------------------------------------------------------------------------


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
def household(request, pk):
    profile = selectors.household_get(pk=pk)
    if profile is None:
        raise Http404
    case = selectors.household_case(profile=profile)
    return render(request, "retention/household.html", {**case, "for_employer": False})


@hr_required(member=False)
def hire_case(request, pk, company):
    hire = hire_get_for_company(company=company, pk=pk)
    profile = selectors.household_for_hire(hire=hire) if hire is not None else None
    if profile is None:
        raise Http404
    case = selectors.household_case(profile=profile, company=company)
    return render(request, "retention/household.html", {**case, "for_employer": True})
