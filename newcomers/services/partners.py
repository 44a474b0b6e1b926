"""A newcomer's partner gets an account of their own, from either side of the household.

- The newcomer names the partner and invites them (`partner_invite`); the household is linked when
  the partner confirms that address (`partner_account_link`, on allauth's `email_confirmed`).
- Someone who signed up on their own says "I moved here with my partner, who works here"
  (`partner_request_create`); the household is linked only when that newcomer confirms
  (`partner_request_confirm`) — never on the requester's word alone. The requester is told the same
  thing whether or not the address has an account here, so the form cannot be used to find out.
"""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.models import User
from network.services import absolute_url, mail_queue_template

from ..models import NewcomerProfile, Partner, PartnerRequest

FOR_NEWCOMERS = _("Only a newcomer's own account can ask to join a household.")


class PartnerRequestError(Exception):
    """A request that cannot be made or answered now; `message` says why, for the person asking."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@transaction.atomic
def partner_invite(*, profile: NewcomerProfile) -> bool:
    """Invite the partner to an account of their own; the link is made when they confirm the address."""
    partner = Partner.objects.select_for_update().filter(profile=profile).first()
    if partner is None or not partner.email or partner.user_id:
        return False
    inviter = profile.user
    signup_url = absolute_url(reverse("account_signup"), language=inviter.language)
    queued = mail_queue_template(
        key=f"newcomers:partner-invite:{partner.pk}:{partner.email.lower()}",
        to=partner.email,
        language=inviter.language,
        template_prefix="newcomers/mail/partner_invite",
        context={"partner": partner, "inviter": inviter, "signup_url": signup_url},
    )
    if queued is not None:
        partner.invited_at = timezone.now()
        partner.save(update_fields=["invited_at"])
    return queued is not None


@transaction.atomic
def partner_account_link(*, user: User, email: str) -> bool:
    """When someone confirms an address a newcomer gave for their partner, they become that partner."""
    partner = Partner.objects.select_for_update().filter(email__iexact=email, user__isnull=True).first()
    if partner is None or partner.profile.user_id == user.pk:
        return False
    partner.user = user
    partner.save(update_fields=["user"])
    if user.kind == User.Kind.NEWCOMER:
        user.kind = User.Kind.PARTNER
        user.save(update_fields=["kind"])
    return True


# --- "my partner works here": the request and the newcomer's answer -----------------------------


def has_household(user: User) -> bool:
    """A household profile of their own, or already the linked partner in one."""
    return NewcomerProfile.objects.filter(user=user).exists() or Partner.objects.filter(user=user).exists()


def _newcomer_who_can_answer(*, email: str, requester: User) -> NewcomerProfile | None:
    """The newcomer this address belongs to, if they could confirm: an active newcomer's own
    household, not the requester's, and without a partner account linked already."""
    return (
        NewcomerProfile.objects.select_related("user")
        .filter(user__email__iexact=email, user__is_active=True, user__kind=User.Kind.NEWCOMER)
        .exclude(user=requester)
        .exclude(partner__user__isnull=False)
        .exclude(partner_requests__requester=requester)
        .first()
    )


@transaction.atomic
def partner_request_create(*, requester: User, email: str) -> PartnerRequest:
    """Ask the newcomer with this address to confirm that the requester is their partner.

    The request is stored whether or not the address belongs to someone who can answer (then
    `profile` is None and nobody is mailed), so what the requester sees never tells them which.
    """
    require(roles_of(requester).newcomer, FOR_NEWCOMERS)
    User.objects.select_for_update().filter(pk=requester.pk).first()  # one request at a time per person
    if has_household(requester):
        raise PartnerRequestError(_("You already have a household in the network."))
    if PartnerRequest.objects.filter(requester=requester, status=PartnerRequest.Status.PENDING).exists():
        raise PartnerRequestError(
            _("You are already waiting for an answer. Withdraw that request to ask again.")
        )
    email = User.objects.normalize_email(email.strip()).lower()
    if PartnerRequest.objects.filter(requester=requester, email=email).exists():
        raise PartnerRequestError(_("You have already asked for this address."))
    profile = _newcomer_who_can_answer(email=email, requester=requester)
    request = PartnerRequest(requester=requester, email=email, profile=profile)
    request.full_clean()
    request.save()
    if profile is not None:
        newcomer = profile.user
        mail_queue_template(
            key=f"newcomers:partner-request:{request.pk}",
            user=newcomer,
            template_prefix="newcomers/mail/partner_request",
            context={
                "requester": requester,
                "newcomer": newcomer,
                "answer_url": absolute_url(reverse("newcomers:dashboard"), language=newcomer.language),
            },
        )
    return request


@transaction.atomic
def partner_request_withdraw(*, requester: User) -> bool:
    """The requester takes back the question still waiting (it leaves the newcomer's page)."""
    deleted, _rows = PartnerRequest.objects.filter(
        requester=requester, status=PartnerRequest.Status.PENDING
    ).delete()
    return bool(deleted)


def _answer_for_newcomer(*, user: User, request_id: int) -> PartnerRequest:
    """The request addressed to this newcomer, locked; DoesNotExist for anyone else's (a 404)."""
    return (
        PartnerRequest.objects.select_for_update(of=("self",))
        .select_related("requester", "profile__user")
        .get(pk=request_id, profile__user=user)
    )


def _close(request: PartnerRequest, status: str) -> None:
    request.status = status
    request.decided_at = timezone.now()
    request.full_clean()
    request.save(update_fields=["status", "decided_at"])


def _tell_requester(request: PartnerRequest) -> None:
    requester = request.requester
    confirmed = request.status == PartnerRequest.Status.CONFIRMED
    mail_queue_template(
        key=f"newcomers:partner-request:{request.pk}:answer",
        user=requester,
        template_prefix="newcomers/mail/partner_request_" + ("confirmed" if confirmed else "not_confirmed"),
        context={
            "newcomer": request.profile.user if confirmed else None,
            "start_url": absolute_url(reverse("newcomers:dashboard"), language=requester.language),
        },
    )


@transaction.atomic
def partner_request_confirm(*, user: User, request_id: int) -> bool:
    """The newcomer confirms: the requester becomes their partner, linked both ways (the household's
    Partner row, created or completed, points to the account; the account is a partner's). Returns
    False, changing nothing, when the request was answered already (a replayed confirm)."""
    request = _answer_for_newcomer(user=user, request_id=request_id)
    if request.status != PartnerRequest.Status.PENDING:
        return False
    profile = request.profile
    partner = Partner.objects.select_for_update().filter(profile=profile).first()
    if partner is not None and partner.user_id:
        raise PartnerRequestError(
            _("Your partner already has an account linked to your household. Decline this request.")
        )
    requester = User.objects.select_for_update().get(pk=request.requester_id)
    if not roles_of(requester).newcomer or has_household(requester):
        raise PartnerRequestError(_("This request can no longer be confirmed. Decline it."))
    name = requester.get_full_name().strip() or (partner.name if partner else "") or requester.email
    if partner is None:
        partner = Partner(profile=profile)
    partner.name, partner.email, partner.user = name[:150], requester.email, requester
    partner.full_clean()
    partner.save()
    requester.kind = User.Kind.PARTNER
    requester.save(update_fields=["kind"])
    _close(request, PartnerRequest.Status.CONFIRMED)
    _tell_requester(request)
    # Anyone else who claimed to be this newcomer's partner is answered too, as neutrally.
    others = PartnerRequest.objects.select_for_update(of=("self",)).select_related("requester")
    for other in others.filter(profile=profile, status=PartnerRequest.Status.PENDING):
        _close(other, PartnerRequest.Status.DECLINED)
        _tell_requester(other)
    return True


@transaction.atomic
def partner_request_decline(*, user: User, request_id: int) -> bool:
    """The newcomer declines; the requester hears that it was not confirmed, not who said no.
    Returns False, changing nothing, when the request was answered already."""
    request = _answer_for_newcomer(user=user, request_id=request_id)
    if request.status != PartnerRequest.Status.PENDING:
        return False
    _close(request, PartnerRequest.Status.DECLINED)
    _tell_requester(request)
    return True


def partner_requests_erase(*, user: User) -> None:
    """In the erasure: requests the person made, received, or that typed their address go.
    (Made and received ones go with the user and the profile too; typed ones only here.)"""
    PartnerRequest.objects.filter(
        Q(requester=user) | Q(profile__user=user) | Q(email__iexact=user.email)
    ).delete()
