"""The newcomers' pages and the information pages for the authorization matrix."""

from .factories import ChecklistItemFactory, NewcomerProfileFactory

# Logged-in users without a newcomer profile are sent to the consent step (302), like anonymous
# visitors are sent to the login page; the owner sees the page.
OWN_PAGE = {
    "anonymous": 302,
    "newcomer": 200,
    "other_newcomer": 302,
    "hr_a": 302,
    "hr_b": 302,
    "volunteer": 302,
    "coordinator": 302,
}
ANY_LOGGED_IN = {**dict.fromkeys(OWN_PAGE, 200), "anonymous": 302}
PUBLIC = dict.fromkeys(OWN_PAGE, 200)
POST_ONLY = {**dict.fromkeys(OWN_PAGE, 405), "anonymous": 302}
# "My partner works here": for a newcomer's own account without a household yet (other_newcomer);
# one with a household is sent to it; HR staff, volunteers and the coordinator are refused.
WITHOUT_HOUSEHOLD = {**dict.fromkeys(OWN_PAGE, 403), "anonymous": 302, "newcomer": 302, "other_newcomer": 200}
WITHOUT_HOUSEHOLD_POST = {**WITHOUT_HOUSEHOLD, "newcomer": 405, "other_newcomer": 405}


def setup(world) -> None:
    from django.utils import timezone

    from network.models import InfoPage
    from newcomers.models import PartnerRequest
    from tests.network.factories import UserFactory

    profile = NewcomerProfileFactory(user=world.newcomer)
    world.checklist_item = ChecklistItemFactory()
    world.partner_request = PartnerRequest.objects.create(
        requester=UserFactory(), email=world.newcomer.email, profile=profile
    )

    world.info_page = InfoPage.objects.create(
        topic=InfoPage.Topic.HEALTH,
        title_en="GP",
        title_nb="Fastlege",
        slug="gp",
        body_en="Text",
        last_reviewed=timezone.localdate(),
    )


URLS = {
    "newcomers:dashboard": (lambda w: {}, OWN_PAGE),
    "newcomers:onboarding": (lambda w: {"step": 1}, ANY_LOGGED_IN),
    "newcomers:profile": (lambda w: {}, OWN_PAGE),
    "newcomers:checklist": (lambda w: {}, OWN_PAGE),
    "newcomers:checklist_tick": (lambda w: {"pk": w.checklist_item.pk}, POST_ONLY),
    "newcomers:partner_invite": (lambda w: {}, POST_ONLY),
    "newcomers:partner_request": (lambda w: {}, WITHOUT_HOUSEHOLD),
    "newcomers:partner_request_withdraw": (lambda w: {}, WITHOUT_HOUSEHOLD_POST),
    "newcomers:partner_request_confirm": (lambda w: {"pk": w.partner_request.pk}, POST_ONLY),
    "newcomers:partner_request_decline": (lambda w: {"pk": w.partner_request.pk}, POST_ONLY),
    "newcomers:contact": (lambda w: {}, ANY_LOGGED_IN),
    "newcomers:export": (lambda w: {}, ANY_LOGGED_IN),
    "newcomers:delete": (lambda w: {}, ANY_LOGGED_IN),
    "info:index": (lambda w: {}, PUBLIC),
    "info:search": (lambda w: {}, PUBLIC),
    "info:page": (lambda w: {"slug": w.info_page.slug}, PUBLIC),
}
