from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from companies.selectors import hire_get_for_company
from network.access import hr_required, role_required, roles_for

from . import selectors, services
from .forms import EndForm, FollowUpForm, RequestForm, VolunteerForm
from .models import Scheme, Volunteer


def _posted(request):
    """The form's data on a POST, even an empty one (which must show its errors, not a blank form)."""
    return request.POST if request.method == "POST" else None


def about(request):
    """The public page about both schemes, with "Become a volunteer" and, for newcomers, "Ask"."""
    return render(
        request,
        "mentors/about.html",
        {"volunteer": selectors.volunteer_for_user(user=request.user)},
    )


@login_required
def volunteer_apply(request):
    volunteer = selectors.volunteer_for_user(user=request.user)
    form = VolunteerForm(_posted(request), initial=VolunteerForm.initial_from(volunteer))
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = services.volunteer_apply(user=request.user, **form.service_data())
        except services.MentorError as error:
            form.add_error(None, error.message)
        else:
            if volunteer.status == Volunteer.Status.APPLIED:
                messages.success(
                    request,
                    _("Thank you! The coordinator will look at your application and answer you by e-mail."),
                )
            else:
                messages.success(request, _("Your details have been saved."))
            return redirect("mentors:volunteer_home")
    return render(request, "mentors/volunteer_apply.html", {"form": form, "volunteer": volunteer})


@login_required
def volunteer_home(request):
    volunteer = selectors.volunteer_for_user(user=request.user)
    if volunteer is None:
        return redirect("mentors:volunteer_apply")
    return render(
        request,
        "mentors/volunteer_home.html",
        {
            "volunteer": volunteer,
            "matches": selectors.matches_for_volunteer(volunteer=volunteer),
            "end_form": EndForm(),
        },
    )


@login_required
@require_POST
def volunteer_status(request):
    action = request.POST.get("action")
    act = {
        "pause": (
            services.volunteer_pause,
            _("You are paused: the coordinator will not propose new matches."),
        ),
        "resume": (services.volunteer_resume, _("Welcome back! The coordinator may propose matches again.")),
        "withdraw": (
            services.volunteer_withdraw,
            _("You have withdrawn. Thank you for your time as a volunteer."),
        ),
    }.get(action)
    if act is None:
        messages.error(request, _("Choose what to do."))
        return redirect("mentors:volunteer_home")
    function, done = act
    try:
        function(user=request.user)
    except services.MentorError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("mentors:volunteer_home")


@role_required(
    lambda roles: roles.household, _("Mentors and reserve grandparents are for newcomers and their partners.")
)
def request_create(request):
    scheme = request.GET.get("scheme")
    initial = {"scheme": scheme if scheme in Scheme.values else Scheme.MENTOR}
    form = RequestForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_create(user=request.user, **form.cleaned_data)
        except services.MentorError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Thank you! The coordinator will look for someone who suits you and tell you by e-mail."),
            )
            return redirect("newcomers:dashboard")
    return render(request, "mentors/request_form.html", {"form": form})


@login_required
@require_POST
def request_withdraw(request, pk: int):
    mentor_request = selectors.request_get_for_user(user=request.user, pk=pk)
    if mentor_request is None:
        raise Http404
    try:
        services.request_withdraw(request_id=mentor_request.pk, user=request.user)
    except services.MentorError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect(roles_for(request).landing)


def _back(request, match):
    """After answering on the site: back to the page the person answered from."""
    side = services.side_of(match=match, user=request.user)
    return redirect("mentors:volunteer_home" if side == "volunteer" else "newcomers:dashboard")


@login_required
@require_POST
def match_answer(request, pk: int):
    match = selectors.match_get_for_party(user=request.user, pk=pk)
    if match is None:
        raise Http404
    accept = request.POST.get("accept") == "1"
    try:
        services.match_respond_as(match_id=match.pk, user=request.user, accept=accept)
    except services.MentorError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _answered_message(accept))
    return _back(request, match)


def _answered_message(accept: bool) -> str:
    if accept:
        return _(
            "Thank you for saying yes! When both of you have said yes, you get each other's contact details by e-mail."
        )
    return _("Thank you for your answer. The coordinator will look for someone else.")


@login_required
def match_end(request, pk: int):
    match = selectors.match_get_for_party(user=request.user, pk=pk)
    if match is None or match.status != match.Status.ACTIVE:
        raise Http404
    form = EndForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.match_end_as(
                match_id=match.pk, user=request.user, feedback=form.cleaned_data["feedback"]
            )
        except services.MentorError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The match has ended. Thank you for the time you spent together."))
            return _back(request, match)
    return render(
        request,
        "mentors/match_end.html",
        {"form": form, "match": match, "side": services.side_of(match=match, user=request.user)},
    )


def link_answer(request, token: str):
    """Answer a proposal from the e-mailed link (no login needed: the link is the person's).
    Opening the link shows the question; only pressing a button answers it."""
    try:
        match, side = services.match_link_read(token=token)
    except services.LinkError as error:
        return render(request, "mentors/link_invalid.html", {"reason": error.message}, status=404)
    if request.method == "POST":
        accept = request.POST.get("accept") == "1"
        try:
            services.match_respond_by_link(token=token, accept=accept)
        except services.MentorError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _answered_message(accept))
        return redirect("mentors:link_answer", token=token)
    return render(
        request,
        "mentors/link_answer.html",
        {"match": match, "side": side, "accepted": match.accepted_by(side)},
    )


def follow_up(request, token: str):
    try:
        follow_up = services.follow_up_link_read(token=token)
    except services.LinkError as error:
        return render(request, "mentors/link_invalid.html", {"reason": error.message}, status=404)
    form = FollowUpForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_answer(token=token, **form.cleaned_data)
        except services.MentorError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you for your answer!"))
        return redirect("mentors:follow_up", token=token)
    return render(request, "mentors/follow_up.html", {"form": form, "follow_up": follow_up})


@require_POST
@hr_required()
def hire_suggest(request, company, pk: int):
    hire = hire_get_for_company(company=company, pk=pk)
    if hire is None:
        raise Http404
    try:
        services.request_suggest_for_hire(hire=hire, by=request.user)
    except services.MentorError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The newcomer has been asked by e-mail whether they would like a mentor.")
        )
    return redirect("companies:hire_detail", pk=hire.pk)
