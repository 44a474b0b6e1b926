"""The companies pages for the authorization matrix (see tests/quality/world.py).

HR staff see only their own company: company A's objects answer 404 to HR of company B. People
who are not HR staff get 403 on HR pages; coordinators work in the admin, so they do too.
"""

from django.core.files.base import ContentFile

from companies.services import link_token

from .factories import (
    PNG_BYTES,
    CampaignFactory,
    DocumentFactory,
    HireFactory,
    HRInvitationFactory,
    JobOpeningFactory,
    ServiceOfferFactory,
    TalentCandidateFactory,
    WorkingGroupFactory,
)

ROLES = ("anonymous", "newcomer", "other_newcomer", "hr_a", "hr_b", "volunteer", "coordinator")
EVERYONE = dict.fromkeys(ROLES, 200)
HR_ANY = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "hr_a": 200, "hr_b": 200}
HR_OWN_A = {**HR_ANY, "hr_b": 404}
HR_OTHER_THAN_A = {**HR_ANY, "hr_a": 404}
NETWORK_MEMBERS = {**HR_ANY, "coordinator": 200}
POST_ONLY = dict.fromkeys(ROLES, 405)


def setup(world) -> None:
    world.company_a.logo.save("logo.png", ContentFile(PNG_BYTES), save=True)
    world.hire = HireFactory(company=world.company_a)
    world.opening = JobOpeningFactory(company=world.company_a)
    world.campaign = CampaignFactory()
    world.offer = ServiceOfferFactory(company=world.company_a)
    world.group = WorkingGroupFactory()
    world.document = DocumentFactory(group=world.group)
    world.group.members.add(world.hr_a)
    world.candidate = TalentCandidateFactory()
    world.invitation = HRInvitationFactory(company=world.company_a)


URLS = {
    "companies:directory": (lambda w: {}, EVERYONE),
    "companies:detail": (lambda w: {"slug": w.company_a.slug}, EVERYONE),
    "companies:logo": (lambda w: {"pk": w.company_a.pk}, EVERYONE),
    "companies:jobs": (lambda w: {}, EVERYONE),
    "companies:job_detail": (lambda w: {"pk": w.opening.pk}, EVERYONE),
    "companies:campaign": (lambda w: {"slug": w.campaign.slug}, EVERYONE),
    "companies:competence_map": (lambda w: {}, EVERYONE),
    "companies:talent_register": (lambda w: {}, EVERYONE),
    "companies:talent_confirm": (
        lambda w: {"token": link_token(purpose="candidate-confirm", pk=w.candidate.pk)},
        EVERYONE,
    ),
    "companies:talent_withdraw": (
        lambda w: {"token": link_token(purpose="candidate-withdraw", pk=w.candidate.pk)},
        EVERYONE,
    ),
    "companies:hr_invitation": (lambda w: {"token": link_token(purpose="hr", pk=w.invitation.pk)}, EVERYONE),
    "companies:hire_invitation": (lambda w: {"token": link_token(purpose="hire", pk=w.hire.pk)}, EVERYONE),
    "companies:hr_dashboard": (lambda w: {}, HR_ANY),
    "companies:company_edit": (lambda w: {}, HR_ANY),
    "companies:hr_leave": (lambda w: {}, POST_ONLY),
    "companies:board": (lambda w: {}, HR_ANY),
    "companies:hire_create": (lambda w: {}, HR_ANY),
    "companies:hire_detail": (lambda w: {"pk": w.hire.pk}, HR_OWN_A),
    "companies:hire_arrived": (lambda w: {"pk": w.hire.pk}, POST_ONLY),
    "companies:hire_left": (lambda w: {"pk": w.hire.pk}, POST_ONLY),
    "companies:hire_resend": (lambda w: {"pk": w.hire.pk}, POST_ONLY),
    "companies:openings": (lambda w: {}, HR_ANY),
    "companies:opening_create": (lambda w: {}, HR_ANY),
    "companies:opening_edit": (lambda w: {"pk": w.opening.pk}, HR_OWN_A),
    "companies:campaign_join": (lambda w: {"slug": w.campaign.slug}, HR_ANY),
    "companies:services": (lambda w: {}, HR_ANY),
    "companies:service_offer_create": (lambda w: {}, HR_ANY),
    "companies:service_offer_edit": (lambda w: {"pk": w.offer.pk}, HR_OWN_A),
    # A company does not ask itself for its own service.
    "companies:service_request": (lambda w: {"pk": w.offer.pk}, HR_OTHER_THAN_A),
    "companies:working_groups": (lambda w: {}, HR_ANY),
    "companies:working_group": (lambda w: {"slug": w.group.slug}, HR_ANY),
    "companies:working_group_membership": (lambda w: {"slug": w.group.slug}, POST_ONLY),
    # Only the group's members (HR A is one) and the coordinator read its documents.
    "companies:document": (lambda w: {"pk": w.document.pk}, {**NETWORK_MEMBERS, "hr_b": 403}),
    "companies:talent_search": (lambda w: {}, HR_ANY),
    "companies:talent_interest": (lambda w: {"pk": w.candidate.pk}, POST_ONLY),
    "companies:talent_cv": (lambda w: {"pk": w.candidate.pk}, NETWORK_MEMBERS),
}
