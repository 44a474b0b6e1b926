"""The careers pages for the authorization matrix.

The matrix's cast has no partner (partners' own pages are tested in test_views.py): everyone else
is refused them. The pool is for HR of member companies (both companies of the world are members).
"""

from django.core.files.base import ContentFile

from careers.services import UNSUBSCRIBE_PURPOSE
from companies.services import link_token
from tests.companies.factories import PDF_BYTES, JobOpeningFactory

from .factories import partner_with_profile

ROLES = ("anonymous", "newcomer", "other_newcomer", "hr_a", "hr_b", "volunteer", "coordinator")
PARTNERS_ONLY = {**dict.fromkeys(ROLES, 403), "anonymous": 302}
MEMBER_HR = {**PARTNERS_ONLY, "hr_a": 200, "hr_b": 200}
COORDINATOR = {**PARTNERS_ONLY, "coordinator": 200}
# POST only: a GET is refused before anyone is asked who they are.
POST_ONLY = dict.fromkeys(ROLES, 405)


def setup(world) -> None:
    world.career_profile = partner_with_profile()
    world.career_profile.cv.save("cv.pdf", ContentFile(PDF_BYTES))
    world.career_hidden = partner_with_profile(shown_to_companies_at=None)
    world.career_opening = JobOpeningFactory(company=world.company_a)


URLS = {
    "careers:home": (lambda w: {}, PARTNERS_ONLY),
    "careers:profile": (lambda w: {}, PARTNERS_ONLY),
    "careers:consent_withdraw": (lambda w: {}, POST_ONLY),
    "careers:found_work": (lambda w: {}, POST_ONLY),
    "careers:own_cv": (lambda w: {}, PARTNERS_ONLY),
    "careers:interest": (lambda w: {"pk": w.career_opening.pk}, POST_ONLY),
    "careers:interest_withdraw": (lambda w: {"pk": w.career_opening.pk}, POST_ONLY),
    "careers:pool": (lambda w: {}, MEMBER_HR),
    "careers:pool_profile": (lambda w: {"pk": w.career_profile.pk}, MEMBER_HR),
    "careers:pool_cv": (lambda w: {"pk": w.career_profile.pk}, MEMBER_HR),
    "careers:pool_interest": (lambda w: {"pk": w.career_profile.pk}, POST_ONLY),
    # The weekly mail's link works without logging in, for whoever holds it.
    "careers:unsubscribe": (
        lambda w: {"token": link_token(purpose=UNSUBSCRIBE_PURPOSE, pk=w.career_profile.pk)},
        dict.fromkeys(ROLES, 200),
    ),
    "careers:overview": (lambda w: {}, COORDINATOR),
    "careers:overview_csv": (lambda w: {}, COORDINATOR),
    "careers:overview_municipalities_csv": (lambda w: {}, COORDINATOR),
}
