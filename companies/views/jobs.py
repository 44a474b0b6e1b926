"""Jobs: the public job list, an opening and a campaign, and the HR pages for the company's own
openings and its part in a campaign."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from network.access import hr_required

from .. import selectors, services
from ..forms import CampaignJoinForm, JobFilterForm, JobOpeningForm
from ._common import _own_object_edit, _page, _posted, _query_without_page

# --- public pages ------------------------------------------------------------------------------


def job_list(request):
    form = JobFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    openings = selectors.openings_filtered(filters=filters)
    return render(
        request,
        "companies/job_list.html",
        {
            "form": form,
            "page": _page(request, openings),
            "query": _query_without_page(request),
            "campaigns": selectors.campaigns_current(),
        },
    )


def job_detail(request, pk):
    opening = selectors.openings_public().filter(pk=pk).first()
    if opening is None:
        raise Http404
    return render(
        request,
        "companies/job_detail.html",
        {"opening": opening, "actions": selectors.opening_actions(opening=opening, request=request)},
    )


def campaign_detail(request, slug):
    campaign = selectors.campaign_get_public(slug=slug)
    if campaign is None:
        raise Http404
    return render(request, "companies/campaign_detail.html", {"campaign": campaign})


# --- HR workspace ------------------------------------------------------------------------------


@hr_required()
def openings(request, company):
    return render(
        request,
        "companies/openings.html",
        {
            "company": company,
            "openings": selectors.openings_for_company(company=company),
            "campaigns": selectors.campaigns_current(),
        },
    )


@hr_required(member=True)
def opening_edit(request, company, pk=None):
    return _own_object_edit(
        request,
        company,
        pk,
        get=selectors.opening_get_for_company,
        save=services.job_opening_save,
        form_class=JobOpeningForm,
        template="companies/opening_form.html",
        name="opening",
        success=_("The job opening has been saved."),
        redirect_to="companies:openings",
    )


@hr_required(member=True)
def campaign_join(request, company, slug):
    campaign = selectors.campaigns_current().filter(slug=slug).first()
    if campaign is None:
        raise Http404
    current = campaign.openings.filter(company=company)
    form = CampaignJoinForm(*_posted(request), company=company, initial={"openings": current})
    if request.method == "POST" and form.is_valid():
        services.campaign_openings_set(
            campaign=campaign, company=company, openings=form.cleaned_data["openings"]
        )
        messages.success(request, _("Your openings in the campaign have been saved."))
        return redirect("companies:openings")
    return render(request, "companies/campaign_join.html", {"form": form, "campaign": campaign})
