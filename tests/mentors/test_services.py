"""The mentor scheme's services: the whole lifecycle, and every refusal with its message.

Refusals are `MentorError` (a rule of the scheme, shown to the person) or `PermissionDenied` (not
theirs to do); either way nothing is stored. Mail goes to each person in their own language.
"""

import datetime as dt

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext
from freezegun import freeze_time

from mentors import services
from mentors.models import FollowUp, Match, MentorRequest, Scheme, Side, Volunteer, VolunteerMessage
from mentors.services._common import link_token
from network.models import OutgoingMail, User
from tests.companies.factories import CompanyFactory, HireFactory, HRStaffFactory
from tests.network.factories import ContactPersonFactory, CoordinatorFactory, MunicipalityFactory, UserFactory
from tests.newcomers.factories import InterestFactory, NewcomerProfileFactory

from .factories import (
    ActiveMatchFactory,
    GrandparentFactory,
    MatchFactory,
    MentorRequestFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db

CONTACT = "kontakt@example.com"  # ContactPersonFactory's: the coordinator's inbox


@pytest.fixture(autouse=True)
def _english_and_a_contact_person():
    ContactPersonFactory()
    with translation.override("en"):
        yield


def mails(prefix: str, to: str | None = None) -> list[OutgoingMail]:
    queryset = OutgoingMail.objects.filter(key__startswith=prefix).order_by("pk")
    return list(queryset.filter(to=to) if to else queryset)


def in_language(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def refused(function, expected: str | None = None, *, error=services.MentorError, **kwargs):
    """Call a service that must refuse; check its message (in English here)."""
    with pytest.raises(error) as caught:
        function(**kwargs)
    if expected is not None:
        text = caught.value.message if isinstance(caught.value, services.MentorError) else str(caught.value)
        assert str(text) == expected
    return caught.value


def newcomer(**kwargs) -> User:
    return NewcomerProfileFactory(**{f"user__{k}": v for k, v in kwargs.items()}).user


# --- applying to volunteer ------------------------------------------------------------------------


def application(**overrides) -> dict:
    return {
        "mentor": True,
        "grandparent": False,
        "municipality_id": MunicipalityFactory().pk,
        "languages": ["pl", "en", "xx-not-a-language"],
        "interest_ids": [InterestFactory().pk, 10**6],
        "offers": ["outdoors", "not-a-hope"],
        "frequency": "fortnightly",
        "capacity": 2,
        "presentation": "  Retired nurse, likes to walk.  ",
        "contact_consent": True,
        **overrides,
    }


def test_a_plain_account_applies_becomes_a_volunteer_and_the_coordinator_is_told(
    django_capture_on_commit_callbacks, mailoutbox
):
    user = UserFactory(first_name="Kari", last_name="Nordby", kind=User.Kind.NEWCOMER)
    with django_capture_on_commit_callbacks(execute=True):
        volunteer = services.volunteer_apply(user=user, **application())
    assert volunteer.status == Volunteer.Status.APPLIED
    assert volunteer.languages == ["en", "pl"] and volunteer.offers == ["outdoors"]
    assert volunteer.interests.count() == 1
    assert volunteer.presentation == "Retired nurse, likes to walk."
    assert volunteer.contact_consent_at is not None
    user.refresh_from_db()
    assert user.kind == User.Kind.VOLUNTEER  # their start page is the volunteer's page
    [mail] = mails("mentors:applied")
    assert mail.to == CONTACT and mail.language == "nb"
    assert "Kari Nordby" in mail.subject
    assert [m.to for m in mailoutbox] == [[CONTACT]]


def test_a_newcomer_with_a_profile_who_volunteers_stays_a_newcomer():
    user = newcomer()
    services.volunteer_apply(user=user, **application())
    user.refresh_from_db()
    assert user.kind == User.Kind.NEWCOMER


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"contact_consent": False},
            "We can only pass your details on to newcomers if you agree to be contacted.",
        ),
        ({"mentor": False, "grandparent": False}, "Choose at least one: mentor or reserve grandparent."),
        ({"municipality_id": 10**6}, "Choose the municipality where you live."),
        (
            {"grandparent": True, "child_age_min": 10, "child_age_max": 3},
            "The youngest age cannot be above the oldest.",
        ),
    ],
)
def test_an_application_is_refused_with_a_reason_and_nothing_stored(overrides, message):
    user = UserFactory()
    refused(services.volunteer_apply, message, user=user, **application(**overrides))
    assert not Volunteer.objects.exists() and not OutgoingMail.objects.exists()


@pytest.mark.parametrize("capacity", [0, 11])
def test_a_capacity_out_of_range_is_refused(capacity):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.volunteer_apply(user=UserFactory(), **application(capacity=capacity))
    assert not Volunteer.objects.exists()


def test_an_inactive_account_cannot_apply():
    refused(
        services.volunteer_apply, error=PermissionDenied, user=UserFactory(is_active=False), **application()
    )


def test_reapplying_after_a_decline_waits_for_the_coordinator_again(coordinator):
    user = UserFactory()
    with freeze_time("2025-03-01 10:00"):
        volunteer = services.volunteer_apply(user=user, **application())
        services.volunteer_decide(volunteer_id=volunteer.pk, approve=False, by=coordinator, note="Too far.")
    with freeze_time("2025-04-01 10:00"):
        volunteer = services.volunteer_apply(user=user, **application(capacity=1))
    assert volunteer.status == Volunteer.Status.APPLIED and volunteer.decision_note == ""
    assert volunteer.capacity == 1
    assert len(mails("mentors:applied")) == 2  # the coordinator hears of the new application


def test_an_approved_volunteer_changing_details_stays_approved_and_nobody_is_mailed():
    volunteer = VolunteerFactory(capacity=1)
    services.volunteer_apply(user=volunteer.user, **application(capacity=3, presentation="New text"))
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.APPROVED
    assert (volunteer.capacity, volunteer.presentation) == (3, "New text")
    assert not mails("mentors:applied")


def test_capacity_below_the_current_matches_is_refused():
    volunteer = VolunteerFactory(capacity=2)
    ActiveMatchFactory(volunteer=volunteer)
    MatchFactory(volunteer=volunteer)
    refused(
        services.volunteer_apply,
        "You have 2 matches now: you cannot take fewer than that at once.",
        user=volunteer.user,
        **application(capacity=1, presentation="Changed"),
    )
    volunteer.refresh_from_db()
    assert (volunteer.capacity, volunteer.presentation) == (2, "Retired teacher, likes walks by the fjord.")


# --- the coordinator's decision and the police certificate -----------------------------------------


@pytest.mark.parametrize("language", ["en", "nb"])
def test_approval_is_mailed_in_the_applicants_language(coordinator, language):
    volunteer = VolunteerFactory(status=Volunteer.Status.APPLIED, user__language=language)
    services.volunteer_decide(volunteer_id=volunteer.pk, approve=True, by=coordinator)
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.APPROVED
    [mail] = mails("mentors:decision", to=volunteer.user.email)
    assert mail.language == volunteer.user.language == language
    assert mail.subject == in_language(language, "Welcome as a volunteer in the expat network")
    assert f"/{language}/mentors/volunteer/" in mail.body_text


@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_decline_is_mailed_with_the_note_in_the_applicants_language(coordinator, language):
    volunteer = VolunteerFactory(status=Volunteer.Status.APPLIED, user__language=language)
    services.volunteer_decide(volunteer_id=volunteer.pk, approve=False, by=coordinator, note=" We are full. ")
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.DECLINED and volunteer.decision_note == "We are full."
    [mail] = mails("mentors:decision")
    assert mail.language == language
    assert mail.subject == in_language(language, "Your application to volunteer")
    assert "We are full." in mail.body_text


def test_an_approved_grandparent_without_a_certificate_is_asked_for_one(coordinator):
    volunteer = GrandparentFactory(status=Volunteer.Status.APPLIED, police_certificate_date=None)
    services.volunteer_decide(volunteer_id=volunteer.pk, approve=True, by=coordinator)
    [mail] = mails("mentors:decision")
    assert "police certificate" in mail.body_text


def test_only_the_coordinator_decides_and_only_once(coordinator):
    volunteer = VolunteerFactory(status=Volunteer.Status.APPLIED)
    refused(
        services.volunteer_decide,
        "Only the coordinator may do this.",
        error=PermissionDenied,
        volunteer_id=volunteer.pk,
        approve=True,
        by=volunteer.user,
    )
    services.volunteer_decide(volunteer_id=volunteer.pk, approve=True, by=coordinator)
    refused(
        services.volunteer_decide,
        "Only applications waiting for approval can be approved or declined.",
        volunteer_id=volunteer.pk,
        approve=False,
        by=coordinator,
    )
    assert Volunteer.objects.get().status == Volunteer.Status.APPROVED
    assert len(mails("mentors:decision")) == 1


def test_the_coordinator_records_the_police_certificate(coordinator):
    volunteer = GrandparentFactory(police_certificate_date=None)
    issued = timezone.localdate() - dt.timedelta(days=10)
    services.volunteer_certificate_record(volunteer_id=volunteer.pk, issued_on=issued, by=coordinator)
    volunteer.refresh_from_db()
    assert volunteer.police_certificate_date == issued
    assert volunteer.police_certificate_seen_by == coordinator and volunteer.police_certificate_seen_at
    assert volunteer.certificate_valid_on(timezone.localdate())

    refused(
        services.volunteer_certificate_record,
        "A police certificate cannot be issued in the future.",
        volunteer_id=volunteer.pk,
        issued_on=timezone.localdate() + dt.timedelta(days=1),
        by=coordinator,
    )
    refused(
        services.volunteer_certificate_record,
        error=PermissionDenied,
        volunteer_id=volunteer.pk,
        issued_on=issued,
        by=volunteer.user,
    )
    volunteer.refresh_from_db()
    assert volunteer.police_certificate_date == issued
    # Clearing it takes away who saw it too.
    services.volunteer_certificate_record(volunteer_id=volunteer.pk, issued_on=None, by=coordinator)
    volunteer.refresh_from_db()
    assert (volunteer.police_certificate_date, volunteer.police_certificate_seen_by) == (None, None)


# --- pausing, resuming, withdrawing ----------------------------------------------------------------


def test_pausing_declines_unanswered_proposals_and_keeps_active_matches():
    volunteer = VolunteerFactory(capacity=3)
    active = ActiveMatchFactory(volunteer=volunteer)
    unanswered = MatchFactory(volunteer=volunteer)
    accepted = MatchFactory(volunteer=volunteer, volunteer_accepted_at=timezone.now())
    services.volunteer_pause(user=volunteer.user)
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PAUSED
    statuses = {m.pk: m.status for m in Match.objects.all()}
    assert statuses == {
        active.pk: Match.Status.ACTIVE,
        unanswered.pk: Match.Status.DECLINED,
        accepted.pk: Match.Status.PROPOSED,
    }
    unanswered.request.refresh_from_db()
    assert unanswered.request.status == MentorRequest.Status.OPEN
    refused(services.volunteer_pause, "Only an approved volunteer can pause.", user=volunteer.user)

    services.volunteer_resume(user=volunteer.user)
    assert Volunteer.objects.get().status == Volunteer.Status.APPROVED
    refused(services.volunteer_resume, "Only a paused volunteer can resume.", user=volunteer.user)


def test_someone_who_never_applied_cannot_pause_or_withdraw():
    user = UserFactory()
    for function in (services.volunteer_pause, services.volunteer_resume, services.volunteer_withdraw):
        refused(function, "You have not applied to volunteer.", user=user)


def test_withdrawing_declines_proposals_ends_matches_and_tells_the_newcomer(
    django_capture_on_commit_callbacks, mailoutbox
):
    volunteer = VolunteerFactory(capacity=2)
    active = ActiveMatchFactory(volunteer=volunteer, request__user=newcomer(language="nb"))
    proposed = MatchFactory(volunteer=volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        services.volunteer_withdraw(user=volunteer.user)
    volunteer.refresh_from_db()
    active.refresh_from_db()
    proposed.refresh_from_db()
    assert volunteer.status == Volunteer.Status.WITHDRAWN
    assert (active.status, active.ended_by) == (Match.Status.ENDED, Side.VOLUNTEER)
    assert (proposed.status, proposed.declined_by) == (Match.Status.DECLINED, Side.VOLUNTEER)
    assert MentorRequest.objects.get(pk=active.request_id).status == MentorRequest.Status.CLOSED
    assert MentorRequest.objects.get(pk=proposed.request_id).status == MentorRequest.Status.OPEN
    [ended] = mails("mentors:ended")
    assert ended.to == active.request.user.email and ended.language == "nb"
    assert ended.subject == in_language("nb", "Your match has ended")
    assert active.request.user.email in [m.to[0] for m in mailoutbox]
    refused(services.volunteer_withdraw, "You have already withdrawn.", user=volunteer.user)


# --- requests -----------------------------------------------------------------------------------


def test_asking_without_agreeing_to_be_contacted_is_refused():
    user = newcomer()
    with pytest.raises(services.MentorError, match="if you agree"):
        services.request_create(
            user=user, scheme=Scheme.MENTOR, hopes=[], message="", languages=[], contact_consent=False
        )
    assert not MentorRequest.objects.exists()


def test_a_newcomer_asks_for_a_mentor():
    user = newcomer()
    request = services.request_create(
        user=user,
        scheme=Scheme.MENTOR,
        hopes=["outdoors", "outdoors", "bogus"],
        message="  We like walks. ",
        languages=["pl", "zz"],
        contact_consent=True,
    )
    assert request.status == MentorRequest.Status.OPEN and request.opened_at is not None
    # Asking is agreeing that the proposed mentor may contact them: the profile records it.
    assert user.newcomer_profile.__class__.objects.get(user=user).contact_by_mentors_at is not None
    assert (request.hopes, request.languages, request.message) == (["outdoors"], ["pl"], "We like walks.")


@pytest.mark.parametrize("who", ["hr", "volunteer", "coordinator", "anonymous-ish account"])
def test_only_households_may_ask(who):
    user = {
        "hr": lambda: HRStaffFactory().user,
        "volunteer": lambda: VolunteerFactory().user,
        "coordinator": CoordinatorFactory,
        "anonymous-ish account": lambda: UserFactory(kind=User.Kind.VOLUNTEER),
    }[who]()
    refused(
        services.request_create,
        "Mentors and reserve grandparents are for newcomers and their partners.",
        error=PermissionDenied,
        user=user,
        scheme=Scheme.MENTOR,
        hopes=[],
        message="",
        languages=[],
        contact_consent=True,
    )
    assert not MentorRequest.objects.exists()


def test_a_partner_may_ask_for_a_mentor():
    partner = UserFactory(kind=User.Kind.PARTNER)
    request = services.request_create(
        user=partner, scheme=Scheme.MENTOR, hopes=[], message="", languages=[], contact_consent=True
    )
    assert request.user == partner


def test_an_unknown_scheme_is_refused():
    refused(
        services.request_create,
        "Choose a mentor or reserve grandparents.",
        user=newcomer(),
        scheme="uncle",
        hopes=[],
        message="",
        languages=[],
        contact_consent=True,
    )


def test_reserve_grandparents_need_children_under_eighteen():
    profile = NewcomerProfileFactory()
    year = timezone.localdate().year
    profile.children.create(birth_year=year - 19)
    ask = {
        "user": profile.user,
        "scheme": Scheme.GRANDPARENT,
        "hopes": [],
        "message": "",
        "languages": [],
        "contact_consent": True,
    }
    refused(
        services.request_create,
        "Reserve grandparents are for families with children under 18: add your children to your profile first.",
        **ask,
    )
    profile.children.create(birth_year=year - 5)
    assert services.request_create(**ask).scheme == Scheme.GRANDPARENT


def test_asking_twice_is_refused_until_the_request_is_closed():
    user = newcomer()
    ask = {
        "user": user,
        "scheme": Scheme.MENTOR,
        "hopes": [],
        "message": "",
        "languages": [],
        "contact_consent": True,
    }
    first = services.request_create(**ask)
    refused(
        services.request_create,
        "You have already asked for this. The coordinator is looking for someone for you.",
        **ask,
    )
    services.request_withdraw(request_id=first.pk, user=user)
    second = services.request_create(**ask)
    assert second.pk != first.pk and MentorRequest.objects.count() == 2


def test_asking_confirms_the_employers_suggestion():
    user = newcomer()
    suggested = MentorRequestFactory(
        user=user,
        status=MentorRequest.Status.SUGGESTED,
        opened_at=None,
        suggested_by_company=CompanyFactory(),
    )
    request = services.request_create(
        user=user, scheme=Scheme.MENTOR, hopes=["social"], message="", languages=[], contact_consent=True
    )
    assert request.pk == suggested.pk
    assert request.status == MentorRequest.Status.OPEN and request.opened_at and request.hopes == ["social"]


def test_withdrawing_a_request_declines_its_proposal_or_ends_its_match():
    proposed = MatchFactory()
    services.request_withdraw(request_id=proposed.request_id, user=proposed.request.user)
    proposed.refresh_from_db()
    assert proposed.status == Match.Status.DECLINED and proposed.declined_by == Side.NEWCOMER
    assert MentorRequest.objects.get(pk=proposed.request_id).status == MentorRequest.Status.CLOSED

    active = ActiveMatchFactory()
    services.request_withdraw(request_id=active.request_id, user=active.request.user)
    active.refresh_from_db()
    assert active.status == Match.Status.ENDED
    assert mails(f"mentors:ended:{active.pk}:volunteer")
    refused(
        services.request_withdraw,
        "This request is already closed.",
        request_id=active.request_id,
        user=active.request.user,
    )
    refused(
        services.request_withdraw,
        "This request is not yours or no longer exists.",
        request_id=active.request_id,
        user=newcomer(),
    )


# --- HR's suggestion ------------------------------------------------------------------------------


@pytest.fixture
def hire():
    user = newcomer(language="nb")
    return HireFactory(user=user, accepted_at=timezone.now())


def test_hr_suggests_a_mentor_and_the_newcomer_is_asked_in_their_language(hire):
    hr = HRStaffFactory(company=hire.company).user
    request = services.request_suggest_for_hire(hire=hire, by=hr)
    assert request.status == MentorRequest.Status.SUGGESTED and request.user == hire.user
    assert request.suggested_by_company == hire.company and request.opened_at is None
    [mail] = mails("mentors:suggested")
    assert mail.to == hire.user.email and mail.language == "nb"
    assert mail.subject == in_language("nb", "Would you like a mentor?")
    refused(
        services.request_suggest_for_hire,
        "A mentor has already been asked for or suggested for this person.",
        hire=hire,
        by=hr,
    )


@pytest.mark.parametrize("who", ["other company's HR", "the newcomer", "coordinator"])
def test_only_hr_of_the_hires_company_may_suggest(hire, who):
    by = {
        "other company's HR": lambda: HRStaffFactory().user,
        "the newcomer": lambda: hire.user,
        "coordinator": CoordinatorFactory,
    }[who]()
    refused(
        services.request_suggest_for_hire,
        "Only HR staff of the hire's company may suggest a mentor.",
        error=PermissionDenied,
        hire=hire,
        by=by,
    )
    assert not MentorRequest.objects.exists()


def test_a_mentor_is_suggested_only_once_the_hire_has_accepted():
    hire = HireFactory()
    refused(
        services.request_suggest_for_hire,
        "The newcomer has not accepted the invitation yet: suggest a mentor once they have.",
        hire=hire,
        by=HRStaffFactory(company=hire.company).user,
    )
    assert not MentorRequest.objects.exists()


# --- proposing ------------------------------------------------------------------------------------


@pytest.fixture
def open_request():
    return MentorRequestFactory(user=newcomer(first_name="Marta", language="nb"))


def test_the_coordinator_proposes_and_both_are_asked_without_contact_details(coordinator, open_request):
    volunteer = VolunteerFactory(
        user__first_name="Kari",
        user__language="en",
        phone="+47 900 00 000",
        municipality=MunicipalityFactory(),
    )
    match = services.match_propose(request_id=open_request.pk, volunteer_id=volunteer.pk, by=coordinator)
    assert match.status == Match.Status.PROPOSED and match.reasons == ["has room for 1 more"]
    open_request.refresh_from_db()
    assert open_request.status == MentorRequest.Status.PROPOSED
    to_newcomer = mails("mentors:proposed", to=open_request.user.email)[0]
    to_volunteer = mails("mentors:proposed", to=volunteer.user.email)[0]
    assert (to_newcomer.language, to_volunteer.language) == ("nb", "en")
    assert to_newcomer.subject == in_language("nb", "We have found someone for you")
    assert to_volunteer.subject == "A newcomer who could suit you"
    assert "/nb/mentors/answer/" in to_newcomer.body_text and "/en/mentors/answer/" in to_volunteer.body_text
    assert "Kari" in to_newcomer.body_text and "Marta" in to_volunteer.body_text
    # No contact details before both have said yes.
    assert volunteer.user.email not in to_newcomer.body_text and "900 00 000" not in to_newcomer.body_text
    assert open_request.user.email not in to_volunteer.body_text


def test_only_the_coordinator_proposes(open_request):
    volunteer = VolunteerFactory()
    refused(
        services.match_propose,
        "Only the coordinator may do this.",
        error=PermissionDenied,
        request_id=open_request.pk,
        volunteer_id=volunteer.pk,
        by=volunteer.user,
    )
    assert not Match.objects.exists()


def _expired():
    today = timezone.localdate()
    return today.replace(year=today.year - 3) - dt.timedelta(days=1)


REFUSALS = {
    "self": ("A person cannot be their own mentor.", lambda r: VolunteerFactory(user=r.user)),
    "unapproved": (
        "Only approved volunteers who are not paused can be proposed.",
        lambda r: VolunteerFactory(status=Volunteer.Status.APPLIED),
    ),
    "paused": (
        "Only approved volunteers who are not paused can be proposed.",
        lambda r: VolunteerFactory(status=Volunteer.Status.PAUSED),
    ),
    "withdrawn": (
        "Only approved volunteers who are not paused can be proposed.",
        lambda r: VolunteerFactory(status=Volunteer.Status.WITHDRAWN),
    ),
    "inactive account": (
        "Only approved volunteers who are not paused can be proposed.",
        lambda r: VolunteerFactory(user__is_active=False),
    ),
    "other scheme": (
        "This volunteer has not offered to take part in this scheme.",
        lambda r: GrandparentFactory(),
    ),
    "beyond capacity": (
        "This volunteer has no free place.",
        lambda r: ActiveMatchFactory(volunteer=VolunteerFactory(capacity=1)).volunteer,
    ),
    "a proposal takes a place too": (
        "This volunteer has no free place.",
        lambda r: MatchFactory(volunteer=VolunteerFactory(capacity=1)).volunteer,
    ),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_a_proposal_is_refused_with_a_reason_and_nothing_changes(coordinator, open_request, case):
    message, make = REFUSALS[case]
    volunteer = make(open_request)
    before = Match.objects.count()
    refused(
        services.match_propose, message, request_id=open_request.pk, volunteer_id=volunteer.pk, by=coordinator
    )
    assert Match.objects.count() == before
    open_request.refresh_from_db()
    assert open_request.status == MentorRequest.Status.OPEN
    assert not mails("mentors:proposed")


@pytest.mark.parametrize("certificate", ["none", "expired"])
def test_a_grandparent_needs_a_valid_certificate_to_be_proposed(coordinator, certificate):
    profile = NewcomerProfileFactory()
    profile.children.create(birth_year=timezone.localdate().year - 2)
    request = MentorRequestFactory(user=profile.user, scheme=Scheme.GRANDPARENT)
    grandparent = GrandparentFactory(police_certificate_date=None if certificate == "none" else _expired())
    refused(
        services.match_propose,
        "A reserve grandparent needs a police certificate less than three years old.",
        request_id=request.pk,
        volunteer_id=grandparent.pk,
        by=coordinator,
    )
    assert not Match.objects.exists()
    services.volunteer_certificate_record(
        volunteer_id=grandparent.pk, issued_on=timezone.localdate(), by=coordinator
    )
    assert services.match_propose(request_id=request.pk, volunteer_id=grandparent.pk, by=coordinator).pk


def test_a_volunteer_is_never_proposed_twice_for_the_same_request(coordinator, open_request):
    volunteer = VolunteerFactory()
    match = services.match_propose(request_id=open_request.pk, volunteer_id=volunteer.pk, by=coordinator)
    # While the proposal is pending the request is not waiting for anyone.
    refused(
        services.match_propose,
        "This request is not waiting for a match.",
        request_id=open_request.pk,
        volunteer_id=VolunteerFactory().pk,
        by=coordinator,
    )
    services.match_respond(match_id=match.pk, side=Side.VOLUNTEER, accept=False)
    refused(
        services.match_propose,
        "This volunteer has been proposed for this request before.",
        request_id=open_request.pk,
        volunteer_id=volunteer.pk,
        by=coordinator,
    )
    assert Match.objects.count() == 1


def test_capacity_is_checked_across_requests(coordinator):
    """One place: a proposal for one request takes it; a decline frees it; an active match takes it."""
    volunteer = VolunteerFactory(capacity=1)
    first, second = MentorRequestFactory(), MentorRequestFactory()
    match = services.match_propose(request_id=first.pk, volunteer_id=volunteer.pk, by=coordinator)
    refused(
        services.match_propose,
        "This volunteer has no free place.",
        request_id=second.pk,
        volunteer_id=volunteer.pk,
        by=coordinator,
    )
    assert [s.volunteer for s in services.suggestions_for_request(request=second)] == []
    services.match_respond(match_id=match.pk, side=Side.NEWCOMER, accept=False)
    again = services.match_propose(request_id=second.pk, volunteer_id=volunteer.pk, by=coordinator)
    services.match_respond(match_id=again.pk, side=Side.NEWCOMER, accept=True)
    services.match_respond(match_id=again.pk, side=Side.VOLUNTEER, accept=True)
    third = MentorRequestFactory()
    refused(
        services.match_propose,
        "This volunteer has no free place.",
        request_id=third.pk,
        volunteer_id=volunteer.pk,
        by=coordinator,
    )
    assert volunteer.matches.filter(status__in=Match.LIVE).count() == 1


# --- answering ------------------------------------------------------------------------------------


@pytest.fixture
def proposal(coordinator, open_request):
    volunteer = VolunteerFactory(user__first_name="Kari", user__language="en", phone="+47 900 00 000")
    return services.match_propose(request_id=open_request.pk, volunteer_id=volunteer.pk, by=coordinator)


def test_when_both_accept_the_match_is_active_and_both_get_contact_details(
    proposal, django_capture_on_commit_callbacks, mailoutbox
):
    newcomer_user, volunteer_user = proposal.request.user, proposal.volunteer.user
    with django_capture_on_commit_callbacks(execute=True):
        services.match_respond(match_id=proposal.pk, side=Side.VOLUNTEER, accept=True)
    assert not mails("mentors:active")
    assert Match.objects.get().status == Match.Status.PROPOSED
    with django_capture_on_commit_callbacks(execute=True):
        match = services.match_respond(match_id=proposal.pk, side=Side.NEWCOMER, accept=True)
    assert match.status == Match.Status.ACTIVE and match.activated_at
    assert MentorRequest.objects.get().status == MentorRequest.Status.MATCHED
    to_newcomer = mails("mentors:active", to=newcomer_user.email)[0]
    to_volunteer = mails("mentors:active", to=volunteer_user.email)[0]
    assert volunteer_user.email in to_newcomer.body_text and "+47 900 00 000" in to_newcomer.body_text
    assert newcomer_user.email in to_volunteer.body_text
    assert (to_newcomer.language, to_volunteer.language) == ("nb", "en")
    assert to_newcomer.subject == in_language("nb", "You have a match: here is how to get in touch")
    assert {m.to[0] for m in mailoutbox} >= {newcomer_user.email, volunteer_user.email}


def test_answering_twice_is_refused(proposal):
    services.match_respond(match_id=proposal.pk, side=Side.NEWCOMER, accept=True)
    refused(
        services.match_respond,
        "You have already accepted. We are waiting for the other side.",
        match_id=proposal.pk,
        side=Side.NEWCOMER,
        accept=False,
    )
    assert Match.objects.get().status == Match.Status.PROPOSED
    services.match_respond(match_id=proposal.pk, side=Side.VOLUNTEER, accept=False)
    refused(
        services.match_respond,
        "This proposal has already been answered.",
        match_id=proposal.pk,
        side=Side.VOLUNTEER,
        accept=True,
    )
    assert Match.objects.get().status == Match.Status.DECLINED


def test_a_decline_returns_the_request_and_leaves_the_volunteer_out(proposal, coordinator):
    other = VolunteerFactory()
    services.match_respond(match_id=proposal.pk, side=Side.NEWCOMER, accept=False)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.declined_by) == (Match.Status.DECLINED, Side.NEWCOMER)
    request = MentorRequest.objects.get()
    assert request.status == MentorRequest.Status.OPEN
    [told] = mails("mentors:declined")
    assert told.to == CONTACT and told.language == "nb"
    suggested = [s.volunteer for s in services.suggestions_for_request(request=request)]
    assert proposal.volunteer not in suggested and other in suggested


def test_a_side_that_is_neither_is_refused(proposal):
    refused(services.match_respond, match_id=proposal.pk, side=Side.COORDINATOR, accept=True)
    assert Match.objects.get().newcomer_accepted_at is None


def test_answering_on_the_site_only_for_ones_own_side(proposal):
    refused(
        services.match_respond_as,
        "This match is not yours.",
        error=PermissionDenied,
        match_id=proposal.pk,
        user=newcomer(),
        accept=True,
    )
    services.match_respond_as(match_id=proposal.pk, user=proposal.volunteer.user, accept=True)
    assert Match.objects.get().volunteer_accepted_at is not None


# --- answering by the mailed link ----------------------------------------------------------------


def _token(match, side=Side.NEWCOMER, *, purpose="match", user_id=None):
    user_id = user_id or (match.request.user_id if side == Side.NEWCOMER else match.volunteer.user_id)
    return link_token(purpose=purpose, pk=match.pk, side=side, user_id=user_id)


def test_the_link_in_the_mail_answers_for_its_side(proposal):
    link = mails("mentors:proposed", to=proposal.volunteer.user.email)[0].body_text
    token = link.split("/mentors/answer/")[1].split("/")[0]
    match, side = services.match_link_read(token=token)
    assert (match, side) == (proposal, Side.VOLUNTEER)
    services.match_respond_by_link(token=token, accept=True)
    assert Match.objects.get().volunteer_accepted_at is not None


NOT_VALID = "This link is not valid. Check that you copied all of it."


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda m: "not-a-token", id="garbage"),
        pytest.param(lambda m: _token(m)[:-3] + "abc", id="forged signature"),
        pytest.param(lambda m: signing.dumps({"p": "match", "id": m.pk, "s": "newcomer"}), id="other salt"),
        pytest.param(lambda m: _token(m, purpose="follow-up"), id="other purpose"),
        pytest.param(lambda m: _token(m, user_id=m.volunteer.user_id), id="user does not match"),
        pytest.param(
            lambda m: _token(m, side=Side.COORDINATOR, user_id=m.request.user_id), id="no such side"
        ),
    ],
)
def test_a_bad_link_is_refused_clearly(proposal, make):
    refused(
        services.match_respond_by_link, NOT_VALID, error=services.LinkError, token=make(proposal), accept=True
    )
    match = Match.objects.get()
    assert match.newcomer_accepted_at is None and match.status == Match.Status.PROPOSED


def test_a_link_for_a_match_that_is_gone_is_refused(proposal):
    token = _token(proposal)
    Match.objects.all().delete()
    refused(
        services.match_respond_by_link,
        "This proposal no longer exists.",
        error=services.LinkError,
        token=token,
        accept=True,
    )


def test_an_expired_link_is_refused(proposal):
    token = _token(proposal)
    with freeze_time(timezone.now() + dt.timedelta(days=31)):
        refused(
            services.match_respond_by_link,
            "This link has expired. Log in to the portal to answer there.",
            error=services.LinkError,
            token=token,
            accept=True,
        )
    assert Match.objects.get().newcomer_accepted_at is None


def test_a_replayed_link_is_refused(proposal):
    newcomer_token, volunteer_token = _token(proposal), _token(proposal, Side.VOLUNTEER)
    services.match_respond_by_link(token=newcomer_token, accept=True)
    refused(
        services.match_respond_by_link,
        "You have already accepted. We are waiting for the other side.",
        token=newcomer_token,
        accept=False,
    )
    services.match_respond_by_link(token=volunteer_token, accept=True)
    for token in (newcomer_token, volunteer_token):
        refused(
            services.match_respond_by_link,
            "This proposal has already been answered.",
            token=token,
            accept=False,
        )
    assert Match.objects.get().status == Match.Status.ACTIVE


def test_a_link_of_a_volunteer_who_was_replaced_no_longer_works(proposal):
    """The link carries the user it was sent to: a match whose volunteer is gone refuses it."""
    token = _token(proposal, Side.VOLUNTEER)
    Match.objects.filter(pk=proposal.pk).update(volunteer=None)
    refused(services.match_respond_by_link, NOT_VALID, error=services.LinkError, token=token, accept=True)


# --- ending ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("side", "told"), [(Side.NEWCOMER, Side.VOLUNTEER), (Side.VOLUNTEER, Side.NEWCOMER)])
def test_either_side_ends_with_feedback_and_the_other_is_told(side, told):
    match = ActiveMatchFactory(request__user=newcomer(language="nb"))
    user = match.request.user if side == Side.NEWCOMER else match.volunteer.user
    services.match_end_as(match_id=match.pk, user=user, feedback="  It was lovely. ")
    match.refresh_from_db()
    assert (match.status, match.ended_by) == (Match.Status.ENDED, side)
    feedback = match.newcomer_feedback if side == Side.NEWCOMER else match.volunteer_feedback
    other_feedback = match.volunteer_feedback if side == Side.NEWCOMER else match.newcomer_feedback
    assert (feedback, other_feedback) == ("It was lovely.", "")
    request = MentorRequest.objects.get()
    assert request.status == MentorRequest.Status.CLOSED and request.closed_at == match.ended_at
    [mail] = mails("mentors:ended")
    other = match.volunteer.user if told == Side.VOLUNTEER else match.request.user
    assert mail.key == f"mentors:ended:{match.pk}:{told}" and mail.to == other.email
    assert mail.language == other.language
    assert "It was lovely" not in mail.body_text  # feedback is for the coordinator only


def test_the_coordinator_ends_a_match_and_both_are_told(coordinator):
    match = ActiveMatchFactory()
    services.match_end(match_id=match.pk, side=Side.COORDINATOR, by=coordinator)
    assert Match.objects.get().ended_by == Side.COORDINATOR
    assert {m.to for m in mails("mentors:ended")} == {match.request.user.email, match.volunteer.user.email}


def test_only_the_coordinator_ends_as_the_coordinator_and_only_parties_end_as_themselves():
    match = ActiveMatchFactory()
    for by in (None, match.volunteer.user):
        refused(services.match_end, error=PermissionDenied, match_id=match.pk, side=Side.COORDINATOR, by=by)
    refused(
        services.match_end_as,
        "This match is not yours.",
        error=PermissionDenied,
        match_id=match.pk,
        user=newcomer(),
    )
    assert Match.objects.get().status == Match.Status.ACTIVE and not mails("mentors:ended")


def test_only_an_active_match_can_be_ended_once():
    proposed = MatchFactory()
    refused(
        services.match_end, "Only an active match can be ended.", match_id=proposed.pk, side=Side.NEWCOMER
    )
    active = ActiveMatchFactory()
    services.match_end(match_id=active.pk, side=Side.NEWCOMER)
    refused(services.match_end, "Only an active match can be ended.", match_id=active.pk, side=Side.VOLUNTEER)
    assert len(mails("mentors:ended")) == 1


def test_an_ended_match_frees_the_volunteers_place(coordinator):
    match = ActiveMatchFactory(volunteer=VolunteerFactory(capacity=1))
    request = MentorRequestFactory()
    assert not services.suggestions_for_request(request=request)
    services.match_end(match_id=match.pk, side=Side.NEWCOMER)
    assert services.match_propose(request_id=request.pk, volunteer_id=match.volunteer_id, by=coordinator).pk


# --- follow-ups -----------------------------------------------------------------------------------


def _active_since(days: int, **kwargs) -> Match:
    return ActiveMatchFactory(activated_at=timezone.now() - dt.timedelta(days=days), **kwargs)


def test_after_a_month_both_sides_are_asked_once(django_capture_on_commit_callbacks, mailoutbox):
    match = _active_since(31, request__user=newcomer(language="nb"))
    _active_since(29)  # not yet
    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_ups_send_due() == 2
    asked = FollowUp.objects.order_by("side")
    assert [(f.match_id, f.side, f.month) for f in asked] == [
        (match.pk, Side.NEWCOMER, 1),
        (match.pk, Side.VOLUNTEER, 1),
    ]
    to_newcomer = mails("mentors:follow-up", to=match.request.user.email)[0]
    assert to_newcomer.language == "nb" and to_newcomer.subject == in_language("nb", "How is it going?")
    assert "/nb/mentors/how-is-it-going/" in to_newcomer.body_text
    assert len(mailoutbox) == 2
    # A second run (or a retried task) asks nothing.
    assert services.follow_ups_send_due() == 0
    assert FollowUp.objects.count() == 2 and len(mails("mentors:follow-up")) == 2


def test_after_six_months_they_are_asked_again():
    match = _active_since(31)
    services.follow_ups_send_due()
    later = timezone.now() + dt.timedelta(days=150)
    assert services.follow_ups_send_due(now=later) == 2
    assert sorted(FollowUp.objects.values_list("month", flat=True)) == [1, 1, 6, 6]
    assert services.follow_ups_send_due(now=later) == 0
    assert services.follow_ups_send_due(now=later + dt.timedelta(days=400)) == 0
    assert match.follow_ups.count() == 4


def test_ended_matches_are_not_asked():
    match = _active_since(40)
    services.match_end(match_id=match.pk, side=Side.NEWCOMER)
    assert services.follow_ups_send_due() == 0
    assert not FollowUp.objects.exists()


def test_an_erased_volunteers_side_is_not_asked():
    match = _active_since(40)
    Match.objects.filter(pk=match.pk).update(volunteer=None)
    assert services.follow_ups_send_due() == 1
    assert FollowUp.objects.get().side == Side.NEWCOMER


def _follow_up_token(follow_up, *, user_id=None, side=None):
    match = follow_up.match
    user_id = user_id or (
        match.request.user_id if follow_up.side == Side.NEWCOMER else match.volunteer.user_id
    )
    return link_token(purpose="follow-up", pk=follow_up.pk, side=side or follow_up.side, user_id=user_id)


@pytest.fixture
def follow_up():
    match = _active_since(31)
    services.follow_ups_send_due()
    return FollowUp.objects.get(match=match, side=Side.NEWCOMER)


def test_not_well_is_passed_on_to_the_coordinator_and_answering_twice_is_refused(follow_up):
    token = _follow_up_token(follow_up)
    answered = services.follow_up_answer(token=token, answer="not_well", comment=" We never meet. ")
    assert (answered.answer, answered.comment) == ("not_well", "We never meet.") and answered.answered_at
    [flag] = mails("mentors:flagged")
    assert flag.to == CONTACT and flag.language == "nb" and "We never meet." in flag.body_text
    refused(
        services.follow_up_answer,
        "You have already answered this question. Thank you!",
        token=token,
        answer="well",
    )
    assert FollowUp.objects.get(pk=follow_up.pk).answer == "not_well"


def test_a_good_answer_is_not_flagged(follow_up):
    services.follow_up_answer(token=_follow_up_token(follow_up), answer="well")
    assert not mails("mentors:flagged")


def test_a_follow_up_answer_must_be_one_of_the_choices(follow_up):
    refused(
        services.follow_up_answer,
        "Choose one of the answers.",
        token=_follow_up_token(follow_up),
        answer="meh",
    )
    assert FollowUp.objects.get(pk=follow_up.pk).answered_at is None


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda f: _follow_up_token(f, user_id=f.match.volunteer.user_id), id="other user"),
        pytest.param(lambda f: _follow_up_token(f, side=Side.VOLUNTEER), id="other side"),
        pytest.param(
            lambda f: link_token(purpose="match", pk=f.pk, side=f.side, user_id=f.match.request.user_id),
            id="other purpose",
        ),
        pytest.param(lambda f: "garbage", id="garbage"),
    ],
)
def test_a_bad_follow_up_link_is_refused(follow_up, make):
    refused(
        services.follow_up_answer, NOT_VALID, error=services.LinkError, token=make(follow_up), answer="well"
    )
    assert FollowUp.objects.get(pk=follow_up.pk).answered_at is None


def test_a_follow_up_link_lasts_sixty_days(follow_up):
    token = _follow_up_token(follow_up)
    with freeze_time(timezone.now() + dt.timedelta(days=59)):
        assert services.follow_up_link_read(token=token) == follow_up
    with freeze_time(timezone.now() + dt.timedelta(days=61)):
        refused(services.follow_up_link_read, error=services.LinkError, token=token)


def test_the_coordinator_marks_flagged_answers_handled(follow_up, coordinator):
    services.follow_up_answer(token=_follow_up_token(follow_up), answer="not_well")
    refused(
        services.follow_ups_mark_handled, error=PermissionDenied, follow_up_ids=[follow_up.pk], by=newcomer()
    )
    assert services.follow_ups_mark_handled(follow_up_ids=[follow_up.pk], by=coordinator) == 1
    assert services.follow_ups_mark_handled(follow_up_ids=[follow_up.pk], by=coordinator) == 0


# --- messages to volunteers -----------------------------------------------------------------------


def test_the_coordinator_writes_to_approved_and_paused_volunteers_only(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    approved = VolunteerFactory(user__language="nb")
    paused = VolunteerFactory(status=Volunteer.Status.PAUSED)
    others = [
        VolunteerFactory(status=Volunteer.Status.APPLIED),
        VolunteerFactory(status=Volunteer.Status.DECLINED),
        VolunteerFactory(status=Volunteer.Status.WITHDRAWN),
        VolunteerFactory(user__is_active=False),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        message = services.volunteers_message(
            volunteer_ids=[v.pk for v in (approved, paused, *others)],
            subject_en=" Café on Friday ",
            body_en="Welcome to the volunteers' café.",
            by=coordinator,
        )
    assert message.recipient_count == 2 and message.subject_en == "Café on Friday"
    assert sorted(m.to[0] for m in mailoutbox) == sorted([approved.user.email, paused.user.email])
    assert all(len(m.to) == 1 for m in mailoutbox)  # one mail each, never a list of addresses
    assert mails("mentors:message", to=approved.user.email)[0].language == "nb"
    refused(
        services.volunteers_message,
        error=PermissionDenied,
        volunteer_ids=[approved.pk],
        subject_nb="x",
        body_nb="y",
        by=approved.user,
    )
    assert VolunteerMessage.objects.count() == 1


def test_a_partner_may_ask_for_reserve_grandparents_for_the_households_children():
    """The children are on the newcomer's profile; the partner asks for the same household."""
    from newcomers.models import Partner

    profile = NewcomerProfileFactory()
    profile.children.create(birth_year=timezone.localdate().year - 3)
    partner = UserFactory(kind=User.Kind.PARTNER)
    Partner.objects.create(profile=profile, name="Partner", user=partner)
    request = services.request_create(
        user=partner, scheme=Scheme.GRANDPARENT, hopes=[], message="", languages=[], contact_consent=True
    )
    # The suggestions read the household's municipality and children too.
    near = GrandparentFactory(municipality=profile.municipality, child_age_min=0, child_age_max=5)
    [suggestion] = services.suggestions_for_request(request=request)
    assert suggestion.volunteer == near
    assert suggestion.reasons[:2] == [
        f"same municipality ({profile.municipality.name})",
        "a child of the age they prefer (3)",
    ]
