"""Cooperation between member companies: working groups with their shared documents, and the services
members offer one another and ask each other for."""

from typing import TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.models import User

from ..models import Company, ServiceOffer, ServiceRequest, WorkingGroup, WorkingGroupDocument
from .links import _mail_company_hr
from .registry import _company_object_save

# --- working groups ----------------------------------------------------------------------------


@transaction.atomic
def working_group_join(*, group: WorkingGroup, user: User) -> None:
    require(roles_of(user).member_hr, _("Working groups are for HR staff of the network's member companies."))
    group.members.add(user)


@transaction.atomic
def working_group_leave(*, group: WorkingGroup, user: User) -> None:
    group.members.remove(user)


@transaction.atomic
def document_upload(*, group: WorkingGroup, user: User, title: str, kind: str, file) -> WorkingGroupDocument:
    require(
        roles_of(user).member_hr and group.members.filter(pk=user.pk).exists(),
        _("Join the working group to share documents."),
    )
    document = WorkingGroupDocument(group=group, uploaded_by=user, title=title, kind=kind, file=file)
    document.full_clean()
    document.save()
    return document


# --- services between members ------------------------------------------------------------------


class ServiceOfferDetails(TypedDict, total=False):
    title_nb: str
    title_en: str
    description_nb: str
    description_en: str
    active: bool


@transaction.atomic
def service_offer_save(
    *, company: Company, offer: ServiceOffer | None = None, **details: Unpack[ServiceOfferDetails]
) -> ServiceOffer:
    """Create (without `offer`) or change a service the company offers the other members."""
    return _company_object_save(company=company, instance=offer, model=ServiceOffer, details=details)


@transaction.atomic
def service_request_send(
    *, offer: ServiceOffer, user: User, company: Company, message: str
) -> ServiceRequest:
    roles = roles_of(user)
    require(
        roles.member_hr and roles.hr_company == company,
        _("Only HR staff of a member company can ask for a service on its behalf."),
    )
    request = ServiceRequest(offer=offer, company=company, requested_by=user, message=message)
    request.full_clean()
    request.save()
    _mail_company_hr(
        company=offer.company,
        key=f"companies:service-request:{request.pk}",
        template_prefix="companies/mail/service_request",
        url_name="companies:services",
        context={"request": request, "offer": offer, "sender": user},
    )
    return request
