"""The registry of companies: the public directory, a member's page and logo, the competence map, and
the HR workspace's own pages (dashboard, the company's profile, leaving, accepting an HR invitation)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.access import hr_required
from network.models import User
from network.page_cache import personal_page_cache
from network.uploads import serve_upload

from .. import selectors, services
from ..forms import CompanyProfileForm, DirectoryFilterForm
from ..models import INVITATION_REMINDER_AFTER, Company
from ._common import _invitation, _page, _posted, _query_without_page

# --- public pages ------------------------------------------------------------------------------


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    companies = selectors.company_directory(
        municipality=filters.get("municipality"), field=filters.get("field")
    )
    return render(
        request,
        "companies/directory.html",
        {"form": form, "page": _page(request, companies), "query": _query_without_page(request)},
    )


def company_detail(request, slug):
    company = selectors.company_get_public(slug=slug)
    if company is None:
        raise Http404
    openings = selectors.openings_public().filter(company=company)
    return render(request, "companies/company_detail.html", {"company": company, "openings": openings})


def company_logo(request, pk):
    company = Company.objects.members().filter(pk=pk).first()
    if company is None:
        raise Http404
    return serve_upload(company.logo, download_name=f"{company.slug}-logo")


def competence_map(request):
    return render(request, "companies/competence_map.html", {"fields": selectors.competence_map()})


# --- the HR invitation -------------------------------------------------------------------------


def hr_invitation(request, token):
    return _invitation(
        request,
        token,
        load=services.hr_invitation_from_token,
        accept=services.hr_invitation_accept,
        kind=User.Kind.HR,
        template="companies/hr_invitation.html",
        success_url="companies:hr_dashboard",
    )


# --- HR workspace ------------------------------------------------------------------------------


@personal_page_cache
@hr_required()
def hr_dashboard(request, company):
    board = selectors.hire_stages(company=company)
    return render(
        request,
        "companies/hr_dashboard.html",
        {
            "company": company,
            "stage_counts": [(label, len(hires)) for _stage, label, hires in board],
            "overdue": sum(1 for _s, _l, hires in board for hire in hires if hire.not_accepted_in_time),
            "reminder_days": INVITATION_REMINDER_AFTER.days,
            "meetings": selectors.network_meetings_upcoming() if company.is_member else [],
            "groups": selectors.working_groups_with_membership(user=request.user).filter(
                members=request.user
            ),
            "campaigns": selectors.campaigns_current(),
        },
    )


@hr_required()
def company_edit(request, company):
    form = CompanyProfileForm(*_posted(request, files=True), instance=company)
    if request.method == "POST" and form.is_valid():
        services.company_update(company=company, **form.cleaned_data)
        messages.success(request, _("Your company's profile has been saved."))
        return redirect("companies:company_edit")
    return render(request, "companies/company_edit.html", {"form": form, "company": company})


@require_POST
@hr_required()
def hr_leave(request, company):
    services.hr_leave(user=request.user)
    messages.success(
        request, _("You are no longer registered as HR staff of %(company)s.") % {"company": company}
    )
    return redirect("home")
