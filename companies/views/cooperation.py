"""Cooperation between member companies: the services they offer one another and ask each other for,
and working groups with their shared documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.access import hr_required
from network.ratelimit import ratelimit_post
from network.uploads import serve_upload

from .. import selectors, services
from ..forms import DocumentForm, ServiceOfferForm, ServiceRequestForm
from ..models import WorkingGroup
from ._common import _own_object_edit, _posted

# --- services between members ------------------------------------------------------------------


@hr_required(member=True)
def services_view(request, company):
    return render(
        request,
        "companies/services.html",
        {
            "company": company,
            "offers": selectors.service_offers_for_network().exclude(company=company),
            "own_offers": company.service_offers.all(),
            "received": selectors.service_requests_received(company=company)[:50],
            "sent": selectors.service_requests_sent(company=company)[:50],
        },
    )


@hr_required(member=True)
def service_offer_edit(request, company, pk=None):
    return _own_object_edit(
        request,
        company,
        pk,
        get=selectors.service_offer_get_for_company,
        save=services.service_offer_save,
        form_class=ServiceOfferForm,
        template="companies/service_offer_form.html",
        name="offer",
        success=_("The service has been saved."),
        redirect_to="companies:services",
    )


@ratelimit_post(scope="service-request", limit=10, seconds=600)
@hr_required(member=True)
def service_request(request, company, pk):
    offer = selectors.service_offers_for_network().exclude(company=company).filter(pk=pk).first()
    if offer is None:
        raise Http404
    form = ServiceRequestForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        services.service_request_send(offer=offer, user=request.user, company=company, **form.cleaned_data)
        messages.success(
            request, _("Your request has been sent to %(company)s.") % {"company": offer.company}
        )
        return redirect("companies:services")
    return render(request, "companies/service_request.html", {"form": form, "offer": offer})


# --- working groups and their documents --------------------------------------------------------


@hr_required(member=True)
def working_groups(request, company):
    groups = selectors.working_groups_with_membership(user=request.user)
    return render(request, "companies/working_groups.html", {"groups": groups})


def _group_or_404(slug) -> WorkingGroup:
    group = selectors.working_group_detail(slug=slug)
    if group is None:
        raise Http404
    return group


@hr_required(member=True)
def working_group_detail(request, company, slug):
    group = _group_or_404(slug)
    form = DocumentForm(*_posted(request, files=True))
    is_member = any(member.pk == request.user.pk for member in group.members.all())
    if request.method == "POST":
        if not is_member:
            raise PermissionDenied(_("Join the working group to share documents."))
        if form.is_valid():
            services.document_upload(group=group, user=request.user, **form.cleaned_data)
            messages.success(request, _("The document has been shared with the group."))
            return redirect("companies:working_group", slug=group.slug)
    return render(
        request, "companies/working_group.html", {"group": group, "form": form, "is_member": is_member}
    )


@require_POST
@hr_required(member=True)
def working_group_membership(request, company, slug):
    group = _group_or_404(slug)
    if request.POST.get("action") == "leave":
        services.working_group_leave(group=group, user=request.user)
        messages.success(request, _("You have left the working group."))
    else:
        services.working_group_join(group=group, user=request.user)
        messages.success(request, _("You are now a member of the working group."))
    return redirect("companies:working_group", slug=group.slug)


@login_required
def document_download(request, pk):
    document = selectors.document_get_for_reader(user=request.user, pk=pk)
    if document is None:
        raise Http404
    return serve_upload(document.file, download_name=document.title)
