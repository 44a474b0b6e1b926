"""Views of the company network: thin; rules live in services.py, queries in selectors.py."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.access import hr_required, role_required
from network.models import User
from network.ratelimit import ratelimit_post
from network.uploads import serve_upload

from . import selectors, services
from .forms import (
    CampaignJoinForm,
    CompanyProfileForm,
    DirectoryFilterForm,
    DocumentForm,
    HireArrivedForm,
    HireForm,
    HireLeftForm,
    InvitationAccountForm,
    JobFilterForm,
    JobOpeningForm,
    ServiceOfferForm,
    ServiceRequestForm,
    TalentRegisterForm,
    TalentSearchForm,
)
from .models import INVITATION_REMINDER_AFTER, Company, Hire, WorkingGroup

PER_PAGE = 25


def _posted(request, *, files: bool = False) -> tuple:
    """Form data when the request is a POST (an empty POST is still a submission), else nothing."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


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
    return render(request, "companies/job_detail.html", {"opening": opening})


def campaign_detail(request, slug):
    campaign = selectors.campaign_get_public(slug=slug)
    if campaign is None:
        raise Http404
    return render(request, "companies/campaign_detail.html", {"campaign": campaign})


def competence_map(request):
    return render(request, "companies/competence_map.html", {"fields": selectors.competence_map()})


# --- invitations -------------------------------------------------------------------------------


def _invitation(request, token, *, load, accept, kind, template, success_url):
    """Shared flow of the HR and the hire invitation: log in or create the account, then accept."""
    try:
        invitation = load(token=token)
    except services.InvitationError as error:
        return render(request, "companies/link_invalid.html", {"reason": error.message}, status=404)
    email = invitation.email
    account_exists = User.objects.filter(email__iexact=email).exists()
    form = None
    if not request.user.is_authenticated and not account_exists:
        form = InvitationAccountForm(*_posted(request), email=email)
    if request.method == "POST":
        user = request.user
        if not user.is_authenticated:
            if form is None or not form.is_valid():
                return render(request, template, {"invitation": invitation, "form": form}, status=200)
            user = services.account_create_for_invitation(
                email=email,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
                kind=kind,
                language=get_language(),
            )
            login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        try:
            accept(invitation=invitation, user=user)
        except services.InvitationError as error:
            messages.error(request, error.message)
            return render(request, template, {"invitation": invitation, "form": form})
        messages.success(request, _("Welcome! Your invitation has been accepted."))
        return redirect(success_url)
    login_url = f"{reverse('account_login')}?{urlencode({'next': request.path})}"
    return render(
        request,
        template,
        {"invitation": invitation, "form": form, "account_exists": account_exists, "login_url": login_url},
    )


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


# --- talent pool (candidates) ------------------------------------------------------------------


@ratelimit_post(scope="talent-register", limit=5, seconds=600)
def talent_register(request):
    form = TalentRegisterForm(*_posted(request, files=True))
    if request.method == "POST" and form.is_valid():
        services.candidate_register(language=get_language(), **form.cleaned_data)
        return render(request, "companies/talent_registered.html", {"email": form.cleaned_data["email"]})
    return render(request, "companies/talent_register.html", {"form": form})


def _candidate_link(request, token, *, purpose, template, act, done_message):
    try:
        candidate = services.candidate_from_token(token=token, purpose=purpose)
    except services.InvitationError as error:
        return render(request, "companies/link_invalid.html", {"reason": error.message}, status=404)
    if request.method == "POST":
        act(candidate=candidate)
        return render(request, "companies/talent_done.html", {"message": done_message})
    return render(request, template, {"candidate": candidate})


def talent_confirm(request, token):
    return _candidate_link(
        request,
        token,
        purpose="candidate-confirm",
        template="companies/talent_confirm.html",
        act=services.candidate_confirm,
        done_message=_("Thank you. Member companies can now find you in the talent pool."),
    )


def talent_withdraw(request, token):
    return _candidate_link(
        request,
        token,
        purpose="candidate-withdraw",
        template="companies/talent_withdraw.html",
        act=services.candidate_withdraw,
        done_message=_("You have been removed from the talent pool, together with your CV."),
    )


# --- HR workspace ------------------------------------------------------------------------------


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
        {"hire": hire, "form": form, "edit_form": HireForm(instance=hire, company=company), **forms},
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


def _own_object_edit(request, company, pk, *, get, save, form_class, template, name, success, redirect_to):
    """Create (pk None) or edit one of the company's own objects; another company's is a 404.

    `save` is the service; it takes the object under `name` (None to create one).
    """
    instance = None
    if pk is not None:
        instance = get(company=company, pk=pk)
        if instance is None:
            raise Http404
    form = form_class(*_posted(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        save(company=company, **{name: instance}, **form.cleaned_data)
        messages.success(request, success)
        return redirect(redirect_to)
    return render(request, template, {"form": form, name: instance})


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


@hr_required(member=True)
def talent_search(request, company):
    form = TalentSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    candidates = selectors.talent_search(filters=filters)
    page = _page(request, candidates)
    marked = set(
        company.talent_interests.filter(candidate__in=page.object_list).values_list("candidate_id", flat=True)
    )
    return render(
        request,
        "companies/talent_search.html",
        {"form": form, "page": page, "query": _query_without_page(request), "marked": marked},
    )


@require_POST
@hr_required(member=True)
def talent_interest(request, company, pk):
    candidate = selectors.talent_get(pk=pk)
    if candidate is None:
        raise Http404
    if services.talent_interest_mark(candidate=candidate, company=company, user=request.user):
        messages.success(
            request,
            _("%(name)s has been told that %(company)s is interested.")
            % {"name": candidate.name, "company": company},
        )
    else:
        messages.info(
            request, _("Your company has already shown interest in %(name)s.") % {"name": candidate.name}
        )
    return redirect(f"{reverse('companies:talent_search')}?{request.POST.get('query', '')}")


@role_required(
    lambda roles: roles.network_member, _("CVs in the talent pool are for HR staff of member companies.")
)
def talent_cv(request, pk):
    candidate = selectors.talent_get(pk=pk)
    if candidate is None:
        raise Http404
    return serve_upload(candidate.cv, download_name=f"cv-{candidate.pk}")
