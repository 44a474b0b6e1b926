"""What the company network's views share: reading a submitted form, paging a list, the invitation
flow (log in or create the account, then accept) and creating or editing one of the company's own
objects."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from network.models import User

from .. import services
from ..forms import InvitationAccountForm

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
