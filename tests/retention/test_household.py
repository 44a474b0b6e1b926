"""The household's case: one timeline from every app for the coordinator; for the employer's HR only
what the newcomer agreed to share, and nothing at all without that consent."""

import datetime as dt

import pytest
from django.utils import timezone

from mentors.models import Match
from retention import services
from retention.models import SignalKind
from tests.careers.factories import CareerProfileFactory, PartnerFactory
from tests.companies.factories import HireFactory, HRStaffFactory
from tests.events.factories import EventFactory, SignUpFactory
from tests.mentors.factories import ActiveMatchFactory, MatchFactory
from tests.network.factories import CoordinatorFactory
from tests.newcomers.factories import ChecklistItemFactory, NewcomerProfileFactory

from .factories import InvitationFactory, answers_for, survey

pytestmark = pytest.mark.django_db


def _household(*, share=True, extra=0):
    """A household with something from every app (`extra` adds more of each, for the query budget)."""
    hr = HRStaffFactory()
    profile = NewcomerProfileFactory(
        arrival_date=timezone.localdate() - dt.timedelta(days=400),
        completed_at=timezone.now() - dt.timedelta(days=390),
        welcome_pack_sent_at=timezone.now() - dt.timedelta(days=390),
        share_progress_with_employer=share,
    )
    hire = HireFactory(company=hr.company, user=profile.user, position="Process engineer")
    partner = PartnerFactory(profile=profile, looking_for_work=True)
    CareerProfileFactory(user=partner.user, looking_since=timezone.localdate() - dt.timedelta(days=300))
    for n in range(1 + extra):
        item = ChecklistItemFactory(title_en=f"Get an ID number {n}")
        profile.ticks.create(item=item)
        event = EventFactory(
            title_en=f"Quiz night {n}", starts_at=timezone.now() - dt.timedelta(days=250 + n)
        )
        SignUpFactory(event=event, user=profile.user, attended=True)
        if n == 0:
            match = ActiveMatchFactory(request__user=profile.user)
        else:
            MatchFactory(request=match.request, status=Match.Status.DECLINED)
        invitation = InvitationFactory(profile=profile, year=1 + n)
        services.response_submit(
            invitation_id=invitation.pk,
            answers=answers_for(
                survey("check-in"), still_in_region="yes", stay_five_years=2, making_friends=5
            ),
        )
    ChecklistItemFactory(title_en="Register with a GP")  # still open
    coordinator = CoordinatorFactory(first_name="Kari", last_name="Koordinator")
    services.contact_note_add(
        profile_id=profile.pk,
        kind=SignalKind.UNLIKELY_TO_STAY,
        note="Talked about the winter.",
        by=coordinator,
    )
    return hr, hire, profile, coordinator


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Registered as a hire by", "Finished onboarding", "Welcome pack sent", "Checklist: Get an ID",
                "Attended: Quiz night", "match began", "The partner started looking for work",
                "Answered: Yearly check-in", "Signal: Answered that they are unlikely", "Talked about the winter"]),
        ("nb", ["Registrert som ansatt hos", "Fullførte", "Velkomstpakke sendt", "Sjekkliste:",
                "Deltok: ", "startet", "Partneren begynte å søke jobb", "Svarte: ",
                "Signal: ", "Talked about the winter"]),
    ],
)  # fmt: skip
def test_the_coordinator_sees_the_whole_timeline(client, lang, words):
    _hr, _hire, profile, coordinator = _household()
    client.force_login(coordinator)
    page = client.get(f"/{lang}/retention/households/{profile.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    missing = [word for word in words if word not in text]
    assert not missing
    assert "Kari Koordinator" in text


def test_the_timeline_is_in_order():
    from retention.selectors import household_case, household_get

    _hr, _hire, profile, _coordinator = _household()
    entries = household_case(profile=household_get(pk=profile.pk))["entries"]
    moments = [entry.moment for entry in entries]
    assert moments == sorted(moments)
    assert {"hire", "onboarding", "welcome", "checklist", "activity", "mentor", "career", "survey"} <= {
        entry.section for entry in entries
    } | {"signal", "contact"}


@pytest.mark.parametrize("extra", [0, 3])
def test_the_case_takes_the_same_queries_however_much_happened(client, django_assert_max_num_queries, extra):
    _hr, _hire, profile, coordinator = _household(extra=extra)
    client.force_login(coordinator)
    with django_assert_max_num_queries(26):
        assert client.get(f"/en/retention/households/{profile.pk}/").status_code == 200


@pytest.mark.parametrize(("lang", "word"), [("en", "Only what the newcomer agreed"), ("nb", "Bare det")])
def test_hr_sees_the_shared_parts_of_their_own_hire(client, lang, word):
    hr, hire, _profile, _coordinator = _household()
    client.force_login(hr.user)
    page = client.get(f"/{lang}/retention/hires/{hire.pk}/case/")
    text = page.content.decode()
    assert page.status_code == 200 and word in text
    assert "Process engineer" in text
    for private in (
        "Talked about the winter",
        "Quiz night",
        "Get an ID number",
        "looking for work",
        "check-in",
    ):
        assert private not in text


def test_hr_without_consent_another_company_and_a_newcomer_are_refused(client):
    hr, hire, profile, _coordinator = _household(share=False)
    client.force_login(hr.user)
    assert client.get(f"/en/retention/hires/{hire.pk}/case/").status_code == 404
    sharing_hr, sharing_hire, sharing_profile, _c = _household()
    client.force_login(hr.user)
    assert client.get(f"/en/retention/hires/{sharing_hire.pk}/case/").status_code == 404
    client.force_login(sharing_profile.user)
    assert client.get(f"/en/retention/hires/{sharing_hire.pk}/case/").status_code == 403
    assert client.get(f"/en/retention/households/{sharing_profile.pk}/").status_code == 403
    client.force_login(sharing_hr.user)
    assert client.get(f"/en/retention/households/{sharing_profile.pk}/").status_code == 403


def test_the_newcomer_profile_admin_links_to_the_case(client):
    _hr, _hire, profile, coordinator = _household()
    coordinator.is_superuser = True
    coordinator.save()
    client.force_login(coordinator)
    page = client.get(f"/en/admin/newcomers/newcomerprofile/{profile.pk}/change/")
    assert f"/en/retention/households/{profile.pk}/" in page.content.decode()
