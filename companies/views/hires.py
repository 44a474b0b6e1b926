"""Hires: accepting the invitation to the portal, and the HR pages for a company's hires (the
onboarding board, registering one, its details, arrival, departure and a fresh invitation)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.access import hr_required
from network.models import User
from network.page_cache import personal_page_cache

from .. import selectors, services
from ..forms import HireArrivedForm, HireForm, HireLeftForm
from ..models import INVITATION_REMINDER_AFTER, Hire
from ._common import _invitation, _posted


def hire_invitation(request, token):
    return _invitation(
        request,
        token,
        load=services.hire_from_token,
        accept=lambda invitation, user: services.hire_accept(hire=invitation, user=user),
        kind=User.Kind.NEWCOMER,
        template="companies/hire_invitation.html",
        success_url="newcomers:dashboard",
    )


@personal_page_cache
@hr_required()
def board(request, company):
    return render(
        request,
        "companies/board.html",
        {
            "company": company,
            "columns": selectors.hire_board(company=company),
            "reminder_days": INVITATION_REMINDER_AFTER.days,
        },
    )


@hr_required()
def hire_create(request, company):
    form = HireForm(*_posted(request), company=company)
    if request.method == "POST" and form.is_valid():
        hire = services.hire_register(company=company, registered_by=request.user, **form.cleaned_data)
        messages.success(
            request, _("%(name)s has been registered and invited to the portal.") % {"name": hire.name}
        )
        return redirect("companies:board")
    return render(request, "companies/hire_form.html", {"form": form, "company": company})


def _hire_or_404(company, pk) -> Hire:
    hire = selectors.hire_get_for_company(company=company, pk=pk)
    if hire is None:
        raise Http404
    return hire


@hr_required()
def hire_detail(request, company, pk):
    hire = _hire_or_404(company, pk)
    form = HireForm(*_posted(request), instance=hire, company=company)
    if request.method == "POST" and form.is_valid():
        services.hire_update(hire=hire, **form.cleaned_data)
        messages.success(request, _("The hire has been saved."))
        return redirect("companies:hire_detail", pk=hire.pk)
    return render(
        request,
        "companies/hire_detail.html",
        {
            "hire": hire,
            "form": form,
            "edit_form": form,
            "hire_actions": selectors.hire_actions(),
            "arrived_form": HireArrivedForm(initial={"arrived_on": hire.arrived_on or timezone.localdate()}),
            "left_form": HireLeftForm(
                initial={
                    "left_company_on": hire.left_company_on,
                    "left_region_on": hire.left_region_on,
                    "reason": hire.left_reason,
                }
            ),
        },
    )


def _hire_action(request, company, pk, *, form_class, act, success):
    hire = _hire_or_404(company, pk)
    form = form_class(request.POST)
    if form.is_valid():
        act(hire=hire, **form.cleaned_data)
        messages.success(request, success)
        return redirect("companies:hire_detail", pk=hire.pk)
    forms = {"arrived_form": HireArrivedForm(), "left_form": HireLeftForm()}
    forms["arrived_form" if form_class is HireArrivedForm else "left_form"] = form
    return render(
        request,
        "companies/hire_detail.html",
        # `form` is the form that was sent back with its errors; the details form is shown as it was.
        {
            "hire": hire,
            "form": form,
            "edit_form": HireForm(instance=hire, company=company),
            "hire_actions": selectors.hire_actions(),
            **forms,
        },
    )


@require_POST
@hr_required()
def hire_arrived(request, company, pk):
    return _hire_action(
        request,
        company,
        pk,
        form_class=HireArrivedForm,
        act=services.hire_arrival_mark,
        success=_("Arrival saved."),
    )


@require_POST
@hr_required()
def hire_left(request, company, pk):
    def act(*, hire, reason, **dates):
        services.hire_left_mark(hire=hire, reason=reason, **dates)

    return _hire_action(request, company, pk, form_class=HireLeftForm, act=act, success=_("Departure saved."))


@require_POST
@hr_required()
def hire_resend(request, company, pk):
    hire = _hire_or_404(company, pk)
    if services.hire_invite(hire=hire, resend=True):
        messages.success(request, _("A new invitation has been sent to %(email)s.") % {"email": hire.email})
    else:
        messages.error(request, _("This hire has already accepted the invitation or has left."))
    return redirect("companies:hire_detail", pk=hire.pk)
