"""The mentor scheme's pages in both languages: who sees what, forms that re-render their errors,
answers on the site and by the mailed link, and query budgets that do not grow with the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from mentors.models import FollowUp, Match, MentorRequest, Scheme, Side, Volunteer
from mentors.services._common import link_token
from network import page_cache
from network.models import User
from tests.companies.factories import HireFactory, HRStaffFactory
from tests.network.factories import ContactPersonFactory, MunicipalityFactory, UserFactory
from tests.newcomers.factories import InterestFactory, NewcomerProfileFactory

from .factories import ActiveMatchFactory, MatchFactory, MentorRequestFactory, VolunteerFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "nb"]


@pytest.fixture(autouse=True)
def _contact_person():
    ContactPersonFactory()


def t(language: str, msgid: str) -> str:
    """The text as the page shows it in `language` (Norwegian may lag behind until translated)."""
    with translation.override(language):
        return gettext(msgid)


def page(response) -> str:
    return response.content.decode()


def newcomer(**kwargs) -> User:
    return NewcomerProfileFactory(**{f"user__{k}": v for k, v in kwargs.items()}).user


# --- the about page ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_about_page_is_public_and_invites_volunteers(client, language):
    response = client.get(f"/{language}/mentors/")
    assert response.status_code == 200
    html = page(response)
    assert t(language, "Become a volunteer") in html
    assert f'href="/{language}/mentors/volunteer/apply/"' in html
    assert f"/{language}/mentors/ask/" not in html  # asking is for newcomers


def test_the_about_page_offers_newcomers_to_ask_and_volunteers_their_page(client):
    client.force_login(newcomer())
    assert 'href="/en/mentors/ask/"' in page(client.get("/en/mentors/"))
    client.force_login(VolunteerFactory().user)
    html = page(client.get("/en/mentors/"))
    assert "My volunteering" in html and "Become a volunteer" not in html


# --- applying -----------------------------------------------------------------------------------


def _application(**overrides) -> dict:
    return {
        "mentor": "on",
        "municipality": MunicipalityFactory().pk,
        "languages": ["pl", "en"],
        "interests": [InterestFactory().pk],
        "offers": ["outdoors"],
        "frequency": "monthly",
        "capacity": "2",
        "child_age_min": "0",
        "child_age_max": "12",
        "phone": "+47 911 11 111",
        "presentation": "I know every trail around here.",
        "contact_consent": "on",
        **overrides,
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_applying_to_volunteer(client, language):
    user = UserFactory(language=language)
    client.force_login(user)
    form = client.get(f"/{language}/mentors/volunteer/apply/")
    assert form.status_code == 200 and t(language, "Send my application") in page(form)
    response = client.post(f"/{language}/mentors/volunteer/apply/", _application())
    assert response.status_code == 302 and response["Location"] == f"/{language}/mentors/volunteer/"
    volunteer = Volunteer.objects.get(user=user)
    assert volunteer.status == Volunteer.Status.APPLIED and volunteer.capacity == 2
    home = client.get(response["Location"])
    assert t(language, "The coordinator has your application and will answer you by e-mail.") in page(home)


def test_applying_needs_an_account(client):
    response = client.get("/en/mentors/volunteer/apply/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"contact_consent": ""}, "We can only match you with newcomers if you agree."),
        ({"mentor": ""}, "Choose at least one: mentor or reserve grandparent."),
        ({"child_age_min": "9", "child_age_max": "3"}, "The oldest age cannot be below the youngest."),
        ({"capacity": "11"}, None),
        ({"capacity": "abc", "municipality": str(10**30), "languages": ["zz"], "interests": ["x"]}, None),
        ({"presentation": "x\u202e" * 1000, "frequency": ["a", "b"]}, None),
    ],
)
def test_a_rejected_application_is_shown_again_with_its_errors(client, overrides, error):
    client.force_login(UserFactory())
    response = client.post("/en/mentors/volunteer/apply/", _application(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Please correct the marked fields." in page(response)
    if error:
        assert error in page(response)
    assert not Volunteer.objects.exists()


def test_a_refusal_of_the_service_is_shown_on_the_form(client):
    volunteer = VolunteerFactory(capacity=2)
    ActiveMatchFactory(volunteer=volunteer)
    MatchFactory(volunteer=volunteer)
    client.force_login(volunteer.user)
    response = client.post("/en/mentors/volunteer/apply/", _application(capacity="1"))
    assert response.status_code == 200
    assert "You have 2 matches now: you cannot take fewer than that at once." in page(response)
    assert Volunteer.objects.get().capacity == 2


def test_the_form_shows_a_volunteers_details_to_change(client):
    volunteer = VolunteerFactory(presentation="Likes the fjord.")
    client.force_login(volunteer.user)
    html = page(client.get("/en/mentors/volunteer/apply/"))
    assert "My details as a volunteer" in html and "Likes the fjord." in html


# --- the volunteer's page -----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_volunteers_page_shows_the_newcomers_contact_only_once_active(client, language):
    volunteer = VolunteerFactory(capacity=2, user__language=language)
    proposed = MatchFactory(volunteer=volunteer, request__user=newcomer(first_name="Marta"))
    active = ActiveMatchFactory(volunteer=volunteer, request__user=newcomer(first_name="Ahmed"))
    client.force_login(volunteer.user)
    html = page(client.get(f"/{language}/mentors/volunteer/"))
    assert t(language, "My volunteering") in html
    assert "Marta" in html and proposed.request.user.email not in html
    assert active.request.user.email in html
    assert f'action="/{language}/mentors/matches/{proposed.pk}/answer/"' in html
    assert f'href="/{language}/mentors/matches/{active.pk}/end/"' in html


def test_someone_without_an_application_is_sent_to_the_form(client):
    client.force_login(UserFactory())
    response = client.get("/en/mentors/volunteer/")
    assert response.status_code == 302 and response["Location"] == "/en/mentors/volunteer/apply/"


def test_pausing_resuming_and_withdrawing_from_the_page(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    for action, status in (("pause", "paused"), ("resume", "approved"), ("withdraw", "withdrawn")):
        response = client.post("/en/mentors/volunteer/status/", {"action": action}, follow=True)
        assert response.status_code == 200
        assert Volunteer.objects.get().status == status
    # What cannot be done is said, not a 500.
    response = client.post("/en/mentors/volunteer/status/", {"action": "withdraw"}, follow=True)
    assert "You have already withdrawn." in page(response)
    response = client.post("/en/mentors/volunteer/status/", {"action": "\x01"}, follow=True)
    assert "Choose what to do." in page(response)


def test_status_for_someone_who_never_applied_says_so(client):
    client.force_login(UserFactory())
    response = client.post("/en/mentors/volunteer/status/", {"action": "pause"})
    assert response.status_code == 302


# --- asking for a mentor ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_newcomer_asks_for_a_mentor(client, language):
    user = newcomer(language=language)
    client.force_login(user)
    form = client.get(f"/{language}/mentors/ask/?scheme=grandparent")
    assert form.status_code == 200
    assert form.context["form"].initial["scheme"] == Scheme.GRANDPARENT
    assert t(language, "Ask for a mentor or reserve grandparents") in page(form)
    response = client.post(
        f"/{language}/mentors/ask/",
        {
            "scheme": "mentor",
            "hopes": ["social"],
            "languages": ["uk"],
            "message": "Hi",
            "contact_consent": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/{language}/newcomers/"
    request = MentorRequest.objects.get(user=user)
    assert (request.status, request.hopes, request.languages) == ("open", ["social"], ["uk"])


def test_asking_errors_are_shown_on_the_form(client):
    user = newcomer()
    client.force_login(user)
    no_children = client.post("/en/mentors/ask/", {"scheme": "grandparent", "contact_consent": "on"})
    assert no_children.status_code == 200
    assert "add your children to your profile first" in page(no_children)
    client.post("/en/mentors/ask/", {"scheme": "mentor", "contact_consent": "on"})
    twice = client.post("/en/mentors/ask/", {"scheme": "mentor", "contact_consent": "on"})
    assert twice.status_code == 200 and "You have already asked for this." in page(twice)
    garbage = client.post("/en/mentors/ask/", {"scheme": "\u202e", "hopes": "x" * 5000, "languages": [""]})
    assert garbage.status_code == 200 and garbage.context["form"].errors
    assert MentorRequest.objects.count() == 1


@pytest.mark.parametrize("who", ["hr", "volunteer", "coordinator"])
def test_only_households_see_the_request_form(client, who):
    from tests.network.factories import CoordinatorFactory

    user = {"hr": lambda: HRStaffFactory().user, "volunteer": lambda: VolunteerFactory().user}.get(
        who, CoordinatorFactory
    )()
    client.force_login(user)
    assert client.get("/en/mentors/ask/").status_code == 403
    assert client.post("/en/mentors/ask/", {"scheme": "mentor", "contact_consent": "on"}).status_code == 403
    assert not MentorRequest.objects.exists()


# --- answering on the site ----------------------------------------------------------------------


def test_a_party_answers_on_the_site(client):
    match = MatchFactory()
    client.force_login(match.request.user)
    response = client.post(f"/en/mentors/matches/{match.pk}/answer/", {"accept": "1"})
    assert response.status_code == 302 and response["Location"] == "/en/newcomers/"
    assert Match.objects.get().newcomer_accepted_at is not None
    client.force_login(match.volunteer.user)
    response = client.post(f"/nb/mentors/matches/{match.pk}/answer/", {"accept": "1"})
    assert response["Location"] == "/nb/mentors/volunteer/"
    assert Match.objects.get().status == Match.Status.ACTIVE
    # Answering again is refused with a message, not an error page.
    again = client.post(f"/en/mentors/matches/{match.pk}/answer/", {"accept": "0"}, follow=True)
    assert again.status_code == 200 and "This proposal has already been answered." in page(again)


def test_another_newcomers_match_is_not_found(client):
    match = MatchFactory()
    client.force_login(newcomer())
    assert client.post(f"/en/mentors/matches/{match.pk}/answer/", {"accept": "1"}).status_code == 404
    assert client.post("/en/mentors/matches/99999999/answer/", {"accept": "1"}).status_code == 404
    assert client.get(f"/en/mentors/matches/{match.pk}/end/").status_code == 404
    assert Match.objects.get().newcomer_accepted_at is None


# --- answering by the mailed link ---------------------------------------------------------------


def _answer_link(match, side=Side.NEWCOMER, language="en") -> str:
    user = match.request.user if side == Side.NEWCOMER else match.volunteer.user
    token = link_token(purpose="match", pk=match.pk, side=side, user_id=user.pk)
    return f"/{language}/mentors/answer/{token}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_link_shows_the_question_and_only_the_button_answers(client, language):
    match = MatchFactory(volunteer__user__first_name="Kari", volunteer__presentation="Loves skiing.")
    link = _answer_link(match, language=language)
    for _ in range(2):  # a mail scanner opening the link twice changes nothing
        response = client.get(link)
        assert response.status_code == 200
        assert "Kari" in page(response) and "Loves skiing." in page(response)
        assert t(language, "Yes, I would like to") in page(response)
    assert Match.objects.get().newcomer_accepted_at is None
    response = client.post(link, {"accept": "1"})
    assert response.status_code == 302 and response["Location"] == link
    assert Match.objects.get().newcomer_accepted_at is not None
    after = client.get(link)
    assert t(language, "You have said yes. We are waiting for the other side.") in page(after)


def test_the_volunteers_link_shows_the_newcomers_wish_without_contact_details(client):
    match = MatchFactory(request__message="We would love walks.", request__hopes=["outdoors"])
    html = page(client.get(_answer_link(match, Side.VOLUNTEER)))
    assert "We would love walks." in html and "Outdoor life and walks" in html
    assert match.request.user.email not in html


def test_declining_by_the_link(client):
    match = MatchFactory()
    client.post(_answer_link(match, Side.VOLUNTEER), {"accept": "0"})
    assert Match.objects.get().status == Match.Status.DECLINED
    assert MentorRequest.objects.get().status == MentorRequest.Status.OPEN


def test_a_replayed_link_says_it_was_answered(client):
    match = MatchFactory()
    link = _answer_link(match)
    client.post(link, {"accept": "0"})
    response = client.post(link, {"accept": "1"}, follow=True)
    assert response.status_code == 200 and "This proposal has already been answered." in page(response)
    assert Match.objects.get().status == Match.Status.DECLINED


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_forged_link_answers_404_with_the_reason(client, language):
    match = MatchFactory()
    forged = _answer_link(match, language=language)[:-4] + "xyz/"
    for response in (client.get(forged), client.post(forged, {"accept": "1"})):
        assert response.status_code == 404
        assert t(language, "This link is not valid. Check that you copied all of it.") in page(response)
    assert Match.objects.get().newcomer_accepted_at is None


def test_an_expired_link_says_so(client):
    from freezegun import freeze_time

    link = _answer_link(MatchFactory())
    with freeze_time(timezone.now() + dt.timedelta(days=31)):
        response = client.get(link)
    assert response.status_code == 404 and "This link has expired." in page(response)


# --- follow-ups ---------------------------------------------------------------------------------


def _follow_up_link(language="en"):
    match = ActiveMatchFactory()
    follow_up = FollowUp.objects.create(match=match, side=Side.VOLUNTEER, month=6)
    token = link_token(
        purpose="follow-up", pk=follow_up.pk, side=Side.VOLUNTEER, user_id=match.volunteer.user_id
    )
    return follow_up, f"/{language}/mentors/how-is-it-going/{token}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_follow_up_page_asks_once(client, language):
    follow_up, link = _follow_up_link(language)
    form = client.get(link)
    assert form.status_code == 200 and t(language, "How is it going?") in page(form)
    assert FollowUp.objects.get().answered_at is None
    rejected = client.post(link, {"answer": "great!"})
    assert rejected.status_code == 200 and rejected.context["form"].errors
    response = client.post(link, {"answer": "mixed", "comment": "Busy autumn."})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.answer, follow_up.comment) == ("mixed", "Busy autumn.")
    assert t(language, "You have answered this question. Thank you!") in page(client.get(link))
    again = client.post(link, {"answer": "well"}, follow=True)
    assert t(language, "You have already answered this question. Thank you!") in page(again)
    assert FollowUp.objects.get().answer == "mixed"


def test_a_forged_follow_up_link_answers_404(client):
    _follow_up, link = _follow_up_link()
    response = client.get(link.replace("/how-is-it-going/", "/how-is-it-going/x"))
    assert response.status_code == 404 and "This link is not valid." in page(response)


# --- ending -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_party_ends_the_match_with_feedback(client, language):
    match = ActiveMatchFactory()
    client.force_login(match.volunteer.user)
    form = client.get(f"/{language}/mentors/matches/{match.pk}/end/")
    assert form.status_code == 200 and t(language, "End the match") in page(form)
    too_long = client.post(f"/{language}/mentors/matches/{match.pk}/end/", {"feedback": "x" * 1501})
    assert too_long.status_code == 200 and too_long.context["form"].errors
    assert Match.objects.get().status == Match.Status.ACTIVE
    response = client.post(f"/{language}/mentors/matches/{match.pk}/end/", {"feedback": "Thanks for all."})
    assert response.status_code == 302 and response["Location"] == f"/{language}/mentors/volunteer/"
    match.refresh_from_db()
    assert (match.status, match.ended_by, match.volunteer_feedback) == (
        "ended",
        "volunteer",
        "Thanks for all.",
    )
    # The page of an ended match is gone.
    assert client.get(f"/{language}/mentors/matches/{match.pk}/end/").status_code == 404


def test_a_proposed_match_has_no_end_page(client):
    match = MatchFactory()
    client.force_login(match.request.user)
    assert client.get(f"/en/mentors/matches/{match.pk}/end/").status_code == 404


def test_withdrawing_a_request_from_the_dashboard(client):
    request = MentorRequestFactory(user=newcomer())
    client.force_login(newcomer())
    assert client.post(f"/en/mentors/requests/{request.pk}/withdraw/").status_code == 404
    client.force_login(request.user)
    response = client.post(f"/en/mentors/requests/{request.pk}/withdraw/")
    assert response.status_code == 302 and response["Location"] == "/en/newcomers/"
    assert MentorRequest.objects.get().status == MentorRequest.Status.CLOSED


# --- HR suggests a mentor -----------------------------------------------------------------------


def test_hr_suggests_a_mentor_for_their_own_hire_only(client):
    hire = HireFactory(user=newcomer(), accepted_at=timezone.now())
    other_hire = HireFactory(user=newcomer(), accepted_at=timezone.now())
    client.force_login(HRStaffFactory(company=hire.company).user)
    detail = page(client.get(f"/en/companies/hr/hires/{hire.pk}/"))
    assert f'action="/en/mentors/hires/{hire.pk}/suggest/"' in detail
    response = client.post(f"/en/mentors/hires/{hire.pk}/suggest/")
    assert response.status_code == 302 and response["Location"] == f"/en/companies/hr/hires/{hire.pk}/"
    assert MentorRequest.objects.get().status == MentorRequest.Status.SUGGESTED
    assert client.post(f"/en/mentors/hires/{other_hire.pk}/suggest/").status_code == 404
    again = client.post(f"/en/mentors/hires/{hire.pk}/suggest/", follow=True)
    assert "A mentor has already been asked for or suggested for this person." in page(again)
    assert MentorRequest.objects.count() == 1


def test_people_who_are_not_hr_cannot_suggest(client):
    hire = HireFactory(user=newcomer(), accepted_at=timezone.now())
    client.force_login(hire.user)
    assert client.post(f"/en/mentors/hires/{hire.pk}/suggest/").status_code == 403
    assert not MentorRequest.objects.exists()


# --- the newcomer's dashboard -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dashboard_shows_a_proposal_without_contact_details(client, language):
    volunteer = VolunteerFactory(user__first_name="Kari", phone="+47 922 22 222")
    match = MatchFactory(volunteer=volunteer, request__user=newcomer(language=language))
    client.force_login(match.request.user)
    html = page(client.get(f"/{language}/newcomers/"))
    assert t(language, "My mentor") in html
    assert "Kari" in html and volunteer.presentation in html
    assert volunteer.user.email not in html and "922 22 222" not in html
    assert f'action="/{language}/mentors/matches/{match.pk}/answer/"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dashboard_shows_the_active_mentors_contact_details(client, language):
    volunteer = VolunteerFactory(phone="+47 922 22 222")
    match = ActiveMatchFactory(volunteer=volunteer, request__user=newcomer(language=language))
    client.force_login(match.request.user)
    html = page(client.get(f"/{language}/newcomers/"))
    assert volunteer.user.get_full_name() in html
    assert volunteer.user.email in html and "+47 922 22 222" in html
    assert f'href="/{language}/mentors/matches/{match.pk}/end/"' in html


def test_the_dashboard_offers_to_confirm_the_employers_suggestion(client):
    request = MentorRequestFactory(user=newcomer(), status=MentorRequest.Status.SUGGESTED, opened_at=None)
    client.force_login(request.user)
    html = page(client.get("/en/newcomers/"))
    assert "Your employer suggested a mentor for you." in html
    assert 'href="/en/mentors/ask/?scheme=mentor"' in html


# --- query budgets ------------------------------------------------------------------------------


def _queries(client, url) -> int:
    client.get(url)  # the first request fills caches (the region, the session): measure the next
    page_cache.version_bump()  # ... as it renders, not as the logged-in page cache serves it again
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_volunteers_page_takes_the_same_queries_however_many_matches(
    client, django_assert_max_num_queries
):
    volunteer = VolunteerFactory(capacity=10)
    ActiveMatchFactory(volunteer=volunteer)
    client.force_login(volunteer.user)
    few = _queries(client, "/en/mentors/volunteer/")
    for _ in range(4):
        ActiveMatchFactory(volunteer=volunteer)
        MatchFactory(volunteer=volunteer)
    for _ in range(3):
        ActiveMatchFactory(volunteer=volunteer, status=Match.Status.ENDED, ended_at=timezone.now())
    assert _queries(client, "/en/mentors/volunteer/") == few
    with django_assert_max_num_queries(few):
        client.get("/en/mentors/volunteer/")


def test_the_dashboard_takes_the_same_queries_however_many_requests_and_matches(
    client, django_assert_max_num_queries
):
    user = newcomer()
    ActiveMatchFactory(request__user=user)
    client.force_login(user)
    few = _queries(client, "/en/newcomers/")
    profile = user.newcomer_profile
    profile.children.create(birth_year=timezone.localdate().year - 3)
    grandparents = MentorRequestFactory(
        user=user, scheme=Scheme.GRANDPARENT, status=MentorRequest.Status.PROPOSED
    )
    for _ in range(3):
        MatchFactory(request=grandparents, status=Match.Status.DECLINED)
    MatchFactory(request=grandparents)
    for _ in range(3):
        old = MentorRequestFactory(user=user, status=MentorRequest.Status.CLOSED)
        ActiveMatchFactory(request=old, status=Match.Status.ENDED, ended_at=timezone.now())
    html = page(client.get("/en/newcomers/"))
    assert html.count('action="/en/mentors/matches/') == 1  # the one pending proposal
    assert _queries(client, "/en/newcomers/") == few
    with django_assert_max_num_queries(few):
        client.get("/en/newcomers/")


def test_the_about_page_takes_the_same_queries_however_many_matches(client, django_assert_max_num_queries):
    volunteer = VolunteerFactory(capacity=10)
    client.force_login(volunteer.user)
    few = _queries(client, "/en/mentors/")
    for _ in range(5):
        ActiveMatchFactory(volunteer=volunteer)
    MentorRequestFactory.create_batch(5)
    assert _queries(client, "/en/mentors/") == few
    with django_assert_max_num_queries(few):
        client.get("/en/mentors/")


def test_an_empty_post_shows_the_forms_errors(client):
    """A POST without fields is a submission: the form answers with its errors, not as a fresh form."""
    client.force_login(UserFactory())
    response = client.post("/en/mentors/volunteer/apply/", {})
    assert response.status_code == 200 and response.context["form"].errors
    _follow_up, link = _follow_up_link()
    response = client.post(link, {})
    assert response.status_code == 200 and response.context["form"].errors
    assert FollowUp.objects.get().answered_at is None
