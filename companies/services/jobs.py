"""Jobs: the openings member companies publish, and their contribution to the network's recruitment
campaigns."""

import datetime as dt
from typing import TypedDict, Unpack

from django.db import transaction

from network.models import Municipality

from ..models import Campaign, Company, JobOpening, ProfessionalField
from .registry import _company_object_save


class JobOpeningDetails(TypedDict, total=False):
    title_nb: str
    title_en: str
    professional_field: ProfessionalField | None
    description_nb: str
    description_en: str
    municipality: Municipality
    extent: str
    deadline: dt.date
    apply_url: str
    open_to_partners: bool
    published: bool


@transaction.atomic
def job_opening_save(
    *, company: Company, opening: JobOpening | None = None, **details: Unpack[JobOpeningDetails]
) -> JobOpening:
    """Create (without `opening`) or change one of the company's own job openings."""
    return _company_object_save(company=company, instance=opening, model=JobOpening, details=details)


@transaction.atomic
def campaign_openings_set(*, campaign: Campaign, company: Company, openings) -> None:
    """Make `openings` the company's contribution to the campaign (only its own openings count)."""
    own = set(JobOpening.objects.filter(company=company).values_list("pk", flat=True))
    chosen = {opening.pk for opening in openings} & own
    campaign.openings.remove(*(own - chosen))
    campaign.openings.add(*chosen)
