"""The talent pool: candidates register, confirm and withdraw by e-mailed link; HR staff of member
companies search it, show interest and read the CVs."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.access import hr_required, role_required
from network.ratelimit import ratelimit_post
from network.uploads import serve_upload

from .. import selectors, services
from ..forms import TalentRegisterForm, TalentSearchForm
from ._common import _page, _posted, _query_without_page

# --- candidates --------------------------------------------------------------------------------


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
