import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from events.selectors import signup_list_upcoming_for_user
from network.access import role_required, roles_for
from network.page_cache import personal_page_cache
from network.ratelimit import ratelimit_post
from network.selectors import region_get_current

from . import services
from .forms import (
    AboutForm,
    ConsentForm,
    ContactForm,
    DeleteAccountForm,
    HouseholdForm,
    InterestsForm,
    PartnerRequestForm,
)
from .models import NewcomerProfile, PartnerRequest
from .privacy import dashboard_panels, partner_home
from .selectors import (
    checklist_for_profile,
    checklist_progress,
    hire_for_user,
    partner_request_latest,
    partner_requests_waiting_for,
    profile_for_user,
    user_data_export,
)

# Lazy: the labels are translated when a page shows them, not once when the module is imported.
STEPS = [
    (NewcomerProfile.Step.CONSENT, gettext_lazy("Consent")),
    (NewcomerProfile.Step.ABOUT, gettext_lazy("About you")),
    (NewcomerProfile.Step.INTERESTS, gettext_lazy("Interests")),
    (NewcomerProfile.Step.HOUSEHOLD, gettext_lazy("Household")),
]


def _profile_or_onboarding(request):
    profile = profile_for_user(request.user)
    if profile is None:
        return None, redirect("newcomers:onboarding", step=NewcomerProfile.Step.CONSENT)
    return profile, None


@personal_page_cache
@login_required
def dashboard(request):
    profile, response = _profile_or_onboarding(request)
    if response:
        # A partner's household is their newcomer's; they start on their own page (careers).
        if roles_for(request).partner and partner_home():
            return redirect(partner_home())
        return response
    if not profile.is_complete:
        return redirect("newcomers:onboarding", step=profile.step)
    items = checklist_for_profile(profile=profile)
    done, total = checklist_progress(items=items)
    return render(
        request,
        "newcomers/dashboard.html",
        {
            "profile": profile,
            "done": done,
            "total": total,
            "percent": round(100 * done / total) if total else 100,
            "next_items": [item for item in items if not item.done_at][:3],
            "signups": signup_list_upcoming_for_user(user=request.user, limit=5),
            "contact_messages": request.user.contact_messages.all()[:5],
            "contact_form": ContactForm(),
            "panels": dashboard_panels(user=request.user),
            "partner_requests": partner_requests_waiting_for(profile=profile),
        },
    )


def _step_form(step: int, profile, request, data=None):
    if step == NewcomerProfile.Step.CONSENT:
        initial = {
            "accept": profile is not None,
            "contact_by_mentors": bool(profile and profile.contact_by_mentors_at),
            "contact_by_companies": bool(profile and profile.contact_by_companies_at),
        }
        return ConsentForm(data, initial=initial)
    if step == NewcomerProfile.Step.ABOUT:
        return AboutForm(data, instance=profile, initial={"preferred_language": request.user.language})
    if step == NewcomerProfile.Step.INTERESTS:
        return InterestsForm(
            data,
            initial={"interests": list(profile.interests.all()), "weekly_digest": profile.weekly_digest},
        )
    partner = getattr(profile, "partner", None)
    return HouseholdForm(
        data,
        initial={
            "partner_name": partner.name if partner else "",
            "partner_email": partner.email if partner else "",
            "partner_looking_for_work": partner.looking_for_work if partner else False,
            "children_birth_years": ", ".join(str(c.birth_year) for c in profile.children.all()),
            "share_progress_with_employer": profile.share_progress_with_employer,
        },
    )


def _save_step(step: int, form, profile, request):
    data = form.cleaned_data
    if step == NewcomerProfile.Step.CONSENT:
        return services.profile_consent_give(
            user=request.user,
            contact_by_mentors=data["contact_by_mentors"],
            contact_by_companies=data["contact_by_companies"],
        )
    if step == NewcomerProfile.Step.ABOUT:
        fields = {name: data[name] for name in AboutForm.Meta.fields}
        return services.profile_about_update(
            profile=profile, user_language=data["preferred_language"], **fields
        )
    if step == NewcomerProfile.Step.INTERESTS:
        return services.profile_interests_update(
            profile=profile, interests=data["interests"], weekly_digest=data["weekly_digest"]
        )
    return services.profile_household_update(profile=profile, **data)


@login_required
def onboarding(request, step: int):
    """One step of the onboarding; each step is saved when submitted, so it can be finished later."""
    if step not in {s for s, _label in STEPS}:
        raise Http404
    profile = profile_for_user(request.user)
    if profile is None and step != NewcomerProfile.Step.CONSENT:
        return redirect("newcomers:onboarding", step=NewcomerProfile.Step.CONSENT)
    if request.method == "POST":
        form = _step_form(step, profile, request, data=request.POST)
        if form.is_valid():
            profile = _save_step(step, form, profile, request)
            if "later" in request.POST:
                messages.success(request, _("Saved. You can continue where you left off at any time."))
                return redirect("home")
            if step < NewcomerProfile.Step.HOUSEHOLD:
                return redirect("newcomers:onboarding", step=step + 1)
            if not profile.is_complete:
                services.onboarding_complete(profile=profile)
                messages.success(request, _("Welcome! Your welcome pack is on its way to your e-mail."))
            else:
                messages.success(request, _("Your profile is saved."))
            return redirect("newcomers:dashboard")
    else:
        form = _step_form(step, profile, request)
    return render(
        request,
        "newcomers/onboarding.html",
        {
            "form": form,
            "step": step,
            "steps": STEPS,
            "profile": profile,
            "is_last": step == NewcomerProfile.Step.HOUSEHOLD,
            "hire": hire_for_user(user=request.user),
            # A fresh account may instead belong to the partner of a newcomer already here.
            "may_join_household": profile is None and roles_for(request).newcomer,
        },
    )


@login_required
def profile_view(request):
    profile, response = _profile_or_onboarding(request)
    if response:
        return response
    return render(
        request,
        "newcomers/profile.html",
        {
            "profile": profile,
            "partner": getattr(profile, "partner", None),
            "children": list(profile.children.all()),
            "interests": list(profile.interests.all()),
            "steps": STEPS,
        },
    )


@login_required
@require_POST
def partner_invite(request):
    profile, response = _profile_or_onboarding(request)
    if response:
        return response
    if services.partner_invite(profile=profile):
        messages.success(request, _("Your partner has been invited by e-mail."))
    else:
        messages.error(
            request, _("Add your partner's e-mail address first (or they have been invited already).")
        )
    return redirect("newcomers:profile")


@login_required
def checklist(request):
    profile, response = _profile_or_onboarding(request)
    if response:
        return response
    items = checklist_for_profile(profile=profile)
    done, total = checklist_progress(items=items)
    return render(
        request,
        "newcomers/checklist.html",
        {
            "items": items,
            "done": done,
            "total": total,
            "percent": round(100 * done / total) if total else 100,
        },
    )


@login_required
@require_POST
def checklist_tick(request, pk: int):
    _profile, response = _profile_or_onboarding(request)
    if response:
        return response
    try:
        services.checklist_tick_set(user=request.user, item_id=pk, done=request.POST.get("done") == "1")
    except services.ChecklistItemNotApplicable:
        raise Http404 from None  # only items that apply to this person can be ticked
    return redirect("newcomers:checklist")


@login_required
@ratelimit_post(scope="contact", limit=5, seconds=600)
def contact(request):
    region = region_get_current()
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            services.contact_message_send(user=request.user, **form.cleaned_data)
            messages.success(request, _("Thank you! Your message has been sent to your contact person."))
            return redirect("newcomers:contact")
    else:
        form = ContactForm()
    return render(
        request,
        "newcomers/contact.html",
        {"form": form, "contact": getattr(region, "contact_person", None) if region else None},
    )


@login_required
def data_export(request):
    data = user_data_export(user=request.user)
    data["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def account_delete(request):
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user, request=request)
        if form.is_valid():
            services.account_erasure_start(user=request.user)
            logout(request)
            messages.success(request, _("Your account is closed and your personal data is being erased."))
            return redirect("home")
    else:
        form = DeleteAccountForm(user=request.user, request=request)
    return render(request, "newcomers/account_delete.html", {"form": form})


# --- "my partner works here" ---------------------------------------------------------------------

FOR_OWN_ACCOUNT = gettext_lazy("This page is for people who signed up with their own account.")


@role_required(lambda roles: roles.newcomer, FOR_OWN_ACCOUNT)
@ratelimit_post(scope="partner-request", limit=5, seconds=3600)
def partner_request(request):
    """Someone without a household yet asks to join their partner's. Whatever the address, the
    answer is the same, so the form does not tell who has an account here."""
    if services.has_household(request.user):
        messages.info(request, _("You already have a household in the network."))
        return redirect("newcomers:dashboard")
    form = PartnerRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_request_create(requester=request.user, email=form.cleaned_data["email"])
        except services.PartnerRequestError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _(
                    "Thank you. If this address belongs to a newcomer in the network, they have been "
                    "asked to confirm that you are their partner. We will e-mail you when there is an answer."
                ),
            )
            return redirect("newcomers:partner_request")
    return render(
        request,
        "newcomers/partner_request.html",
        {
            "form": form,
            "latest": partner_request_latest(user=request.user),
            "pending": PartnerRequest.Status.PENDING,
        },
    )


@role_required(lambda roles: roles.newcomer, FOR_OWN_ACCOUNT)
@require_POST
def partner_request_withdraw(request):
    if services.partner_request_withdraw(requester=request.user):
        messages.success(request, _("Your request has been withdrawn."))
    return redirect("newcomers:partner_request")


def _answer(request, pk: int, answer):
    try:
        changed = answer(user=request.user, request_id=pk)
    except PartnerRequest.DoesNotExist:
        raise Http404 from None  # only requests addressed to this newcomer
    except services.PartnerRequestError as error:
        messages.error(request, error.message)
        return None
    if not changed:
        messages.info(request, _("This request has already been answered."))
    return changed


@login_required
@require_POST
def partner_request_confirm(request, pk: int):
    if _answer(request, pk, services.partner_request_confirm):
        messages.success(
            request, _("Your partner is now linked to your household and has been told by e-mail.")
        )
    return redirect("newcomers:dashboard")


@login_required
@require_POST
def partner_request_decline(request, pk: int):
    if _answer(request, pk, services.partner_request_decline):
        messages.success(
            request, _("The request has been declined. The person was told it was not confirmed.")
        )
    return redirect("newcomers:dashboard")
