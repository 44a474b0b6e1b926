"""The coordinator's screens for the mentor scheme: suggestions with reasons and Propose, decisions on
applications, messages to volunteers, the police certificate, ending matches and follow-ups."""

import datetime as dt
import html

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from mentors.models import FollowUp, Match, MentorRequest, Scheme, Volunteer, VolunteerMessage
from tests.network.factories import MunicipalityFactory, UserFactory
from tests.newcomers.factories import InterestFactory, NewcomerProfileFactory

from .factories import (
    ActiveMatchFactory,
    FollowUpFactory,
    GrandparentFactory,
    MatchFactory,
    MentorRequestFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


def url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def halden_request():
    """Marta in Halden likes hiking, speaks Polish, and asks for a mentor."""
    halden = MunicipalityFactory(name="Halden")
    hiking = InterestFactory(name_en="Hiking", name_nb="Fjelltur")
    profile = NewcomerProfileFactory(municipality=halden, user__first_name="Marta", user__last_name="Nowak")
    profile.interests.add(hiking)
    request = MentorRequestFactory(user=profile.user, languages=["pl", "en"], hopes=["outdoors"])
    return request, halden, hiking


def _volunteer(first_name, last_name, **kwargs):
    return VolunteerFactory(user__first_name=first_name, user__last_name=last_name, **kwargs)


def test_change_page_ranks_suggestions_with_reasons_and_a_propose_button(admin_client, halden_request):
    request, halden, hiking = halden_request
    best = _volunteer("Kari", "Nordby", municipality=halden, languages=["pl", "nb"], interests=[hiking])
    second = _volunteer("Ola", "Hansen", languages=["pl"], offers=["outdoors"])
    third = _volunteer("Per", "Berg")
    _volunteer("Anne", "Paused", municipality=halden, status=Volunteer.Status.PAUSED)

    response = admin_client.get(url("mentors_mentorrequest_change", request.pk))

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    suggestions = response.context["suggestions"]
    assert [s.volunteer for s in suggestions] == [best, second, third]
    assert page.index("Kari Nordby") < page.index("Ola Hansen") < page.index("Per Berg")
    assert "Anne Paused" not in page
    assert "same municipality (Halden) · both speak Polish · shared interests: Hiking" in page
    assert "both speak polish · can offer: outdoor life and walks" in page.lower()
    propose = url("mentors_mentorrequest_propose", request.pk)
    assert page.count(f'formaction="{propose}"') == 3
    assert f'name="volunteer" value="{best.pk}"' in page
    assert "csrfmiddlewaretoken" in page


def test_the_suggestion_list_costs_the_same_queries_however_many_volunteers(
    admin_client, halden_request, django_assert_max_num_queries
):
    request, halden, hiking = halden_request
    VolunteerFactory(municipality=halden, interests=[hiking])
    MatchFactory(request__user=UserFactory(), volunteer=VolunteerFactory(capacity=2))
    change = url("mentors_mentorrequest_change", request.pk)
    with django_assert_max_num_queries(40) as small:
        admin_client.get(change)
    for _ in range(8):
        VolunteerFactory(municipality=halden, interests=[hiking, InterestFactory()], languages=["pl"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = admin_client.get(change)
    assert len(response.context["suggestions"]) == 10


def test_propose_creates_the_match_and_asks_both_by_mail(
    admin_client, halden_request, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    request, halden, _hiking = halden_request
    kari = _volunteer("Kari", "Nordby", municipality=halden)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url("mentors_mentorrequest_propose", request.pk), {"volunteer": kari.pk})

    assert response.status_code == 302
    assert response["Location"] == url("mentors_mentorrequest_change", request.pk)
    match = Match.objects.get()
    assert (match.request, match.volunteer, match.status) == (request, kari, Match.Status.PROPOSED)
    assert any("same municipality" in reason for reason in match.reasons)
    request.refresh_from_db()
    assert request.status == MentorRequest.Status.PROPOSED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([request.user.email, kari.user.email])
    assert texts(response) == [
        "Kari Nordby has been proposed to Marta Nowak. Both have been asked by e-mail."
    ]
    # The request's page now lists the match instead of suggestions.
    page = html.unescape(admin_client.get(response["Location"]).content.decode())
    assert "This request is not waiting for a match" in page
    assert "Kari Nordby" in page and "same municipality (Halden)" in page


@pytest.mark.parametrize(
    "refused",
    [
        {"status": Volunteer.Status.PAUSED},
        {"status": Volunteer.Status.APPLIED},
        {"mentor": False, "grandparent": True},
    ],
    ids=["paused", "not-approved", "other-scheme"],
)
def test_proposing_a_refused_volunteer_says_why_and_creates_nothing(
    admin_client, halden_request, mailoutbox, django_capture_on_commit_callbacks, refused
):
    request, _halden, _hiking = halden_request
    volunteer = VolunteerFactory(**refused)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url("mentors_mentorrequest_propose", request.pk), {"volunteer": volunteer.pk}, follow=True
        )

    assert response.status_code == 200
    assert not Match.objects.exists() and not mailoutbox
    [message] = list(response.context["messages"])
    assert message.level_tag == "error"
    assert "proposed" in str(message) or "scheme" in str(message)


def test_a_grandparent_without_a_valid_certificate_cannot_be_proposed(admin_client):
    profile = NewcomerProfileFactory()
    profile.children.create(birth_year=timezone.localdate().year - 4)
    request = MentorRequestFactory(user=profile.user, scheme=Scheme.GRANDPARENT)
    expired = GrandparentFactory(police_certificate_date=timezone.localdate() - dt.timedelta(days=365 * 4))

    assert admin_client.get(url("mentors_mentorrequest_change", request.pk)).context["suggestions"] == []
    response = admin_client.post(url("mentors_mentorrequest_propose", request.pk), {"volunteer": expired.pk})
    assert texts(response) == ["A reserve grandparent needs a police certificate less than three years old."]
    assert not Match.objects.exists()


def test_propose_is_for_staff_only_and_only_by_post(client, admin_client, halden_request):
    request, _halden, _hiking = halden_request
    volunteer = VolunteerFactory()
    propose = url("mentors_mentorrequest_propose", request.pk)
    assert admin_client.get(propose).status_code == 405
    admin_client.logout()
    for user in (None, UserFactory(), volunteer.user):
        if user:
            client.force_login(user)
        response = client.post(propose, {"volunteer": volunteer.pk})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Match.objects.exists()


def test_propose_for_an_unknown_volunteer_is_a_404(admin_client, halden_request):
    request, _halden, _hiking = halden_request
    propose = url("mentors_mentorrequest_propose", request.pk)
    assert admin_client.post(propose, {"volunteer": "999999"}).status_code == 404
    assert admin_client.post(propose, {"volunteer": "x"}).status_code == 404


def _act(admin_client, changelist, action, objects, **data):
    return admin_client.post(
        url(changelist), {"action": action, "_selected_action": [o.pk for o in objects], **data}
    )


@pytest.mark.parametrize("approve", [True, False])
def test_approve_and_decline_tell_the_applicants_and_skip_the_others(
    admin_client, mailoutbox, django_capture_on_commit_callbacks, approve
):
    applied = [VolunteerFactory(status=Volunteer.Status.APPLIED) for _ in range(2)]
    already = VolunteerFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = _act(
            admin_client,
            "mentors_volunteer_changelist",
            "approve" if approve else "decline",
            [*applied, already],
        )

    status = Volunteer.Status.APPROVED if approve else Volunteer.Status.DECLINED
    assert [Volunteer.objects.get(pk=v.pk).status for v in applied] == [status, status]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(v.user.email for v in applied)
    done = "2 volunteers approved" if approve else "2 applications declined"
    assert texts(response)[0].startswith(done)
    assert texts(response)[1].startswith("1 volunteer was left as they were")


def test_message_action_asks_for_the_text_then_sends_one_mail_per_approved_volunteer(
    admin_client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    approved = VolunteerFactory.create_batch(3)
    waiting = VolunteerFactory(status=Volunteer.Status.APPLIED, user__first_name="Wenche")
    selected = [*approved, waiting]

    confirm = _act(admin_client, "mentors_volunteer_changelist", "send_message", selected)
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert 'name="subject_nb"' in page and 'name="subject_en"' in page
    # the people it goes to are named; the volunteer waiting for approval is not among them
    assert all(v.user.get_full_name() in page for v in approved) and "Wenche" not in page
    assert not VolunteerMessage.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = _act(
            admin_client,
            "mentors_volunteer_changelist",
            "send_message",
            selected,
            apply="1",
            subject_en="Volunteers' café on Thursday",
            body_en="Welcome to coffee and waffles at the library.",
        )

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == sorted(v.user.email for v in approved)
    assert all(len(m.to) == 1 and "waffles" in m.body for m in mailoutbox)
    message = VolunteerMessage.objects.get()
    assert (message.recipient_count, message.sent_by) == (3, coordinator)
    assert sorted(message.recipients.values_list("volunteer_id", flat=True)) == sorted(v.pk for v in approved)
    assert texts(response) == [
        "“Volunteers' café on Thursday” is being sent to 3 people, each in their own e-mail.",
        "1 selected volunteer did not get it: only approved or paused volunteers receive messages.",
    ]


def test_message_action_shows_the_form_again_when_it_is_empty(admin_client, mailoutbox):
    volunteer = VolunteerFactory()
    response = _act(
        admin_client, "mentors_volunteer_changelist", "send_message", [volunteer], apply="1", subject_nb=""
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not VolunteerMessage.objects.exists() and not mailoutbox


def test_all_active_mentors_at_once_through_the_filters(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    mentors = VolunteerFactory.create_batch(2)
    GrandparentFactory()
    VolunteerFactory(status=Volunteer.Status.DECLINED)
    changelist = url("mentors_volunteer_changelist") + "?status__exact=approved&role=mentor"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            changelist,
            {
                "action": "send_message",
                "select_across": "1",
                "_selected_action": [mentors[0].pk],
                "apply": "1",
                "subject_en": "Hello",
                "body_en": "A word to all mentors.",
            },
        )
    assert sorted(m.to[0] for m in mailoutbox) == sorted(v.user.email for v in mentors)


def _listed(admin_client, **params):
    response = admin_client.get(url("mentors_volunteer_changelist"), params)
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


def test_certificate_filter_and_column(admin_client):
    today = timezone.localdate()
    valid = GrandparentFactory(police_certificate_date=today - dt.timedelta(days=100))
    soon = GrandparentFactory(police_certificate_date=today - dt.timedelta(days=3 * 365 - 30))
    expired = GrandparentFactory(police_certificate_date=today - dt.timedelta(days=4 * 365))
    missing = GrandparentFactory(police_certificate_date=None)
    mentor = VolunteerFactory()

    assert _listed(admin_client, certificate="valid") == {valid, soon}
    assert _listed(admin_client, certificate="soon") == {soon}
    assert _listed(admin_client, certificate="expired") == {expired}
    assert _listed(admin_client, certificate="missing") == {missing}
    assert _listed(admin_client, role="grandparent") == {valid, soon, expired, missing}
    assert mentor in _listed(admin_client, role="mentor")

    page = admin_client.get(url("mentors_volunteer_changelist")).content.decode()
    until = valid.certificate_expires_on().strftime("%d.%m.%Y")
    assert f"valid until {until}" in page
    assert ">expired<" in page and ">missing<" in page


def test_search_by_name_and_list_shows_names_and_load(admin_client):
    kari = _volunteer("Kari", "Nordby", capacity=3)
    MatchFactory(volunteer=kari)
    ActiveMatchFactory(volunteer=kari)
    MatchFactory(volunteer=kari, status=Match.Status.DECLINED, request__status=MentorRequest.Status.OPEN)
    _volunteer("Ola", "Hansen")
    response = admin_client.get(url("mentors_volunteer_changelist"), {"q": "Nordby"})
    assert list(response.context["cl"].result_list) == [kari]
    by_email = admin_client.get(url("mentors_volunteer_changelist"), {"q": kari.user.email})
    assert list(by_email.context["cl"].result_list) == [kari]
    page = response.content.decode()
    assert "Kari Nordby" in page
    assert 'class="field-capacity_display">3<' in page
    assert 'class="field-load_display">2<' in page


def test_recording_the_police_certificate_goes_through_the_service(admin_client, coordinator):
    grandparent = GrandparentFactory(police_certificate_date=None)
    change = url("mentors_volunteer_change", grandparent.pk)
    page = admin_client.get(change).content.decode()
    assert 'name="police_certificate_date"' in page and 'name="capacity"' not in page

    issued = timezone.localdate() - dt.timedelta(days=10)
    response = admin_client.post(change, {"police_certificate_date": issued.isoformat()})

    assert response.status_code == 302
    grandparent.refresh_from_db()
    assert grandparent.police_certificate_date == issued
    assert grandparent.police_certificate_seen_by == coordinator
    assert grandparent.police_certificate_seen_at is not None
    assert any("recorded as seen by you" in text for text in texts(response))

    future = timezone.localdate() + dt.timedelta(days=1)
    response = admin_client.post(change, {"police_certificate_date": future.isoformat()})
    assert response.status_code == 200 and "cannot be issued in the future" in response.content.decode()
    grandparent.refresh_from_db()
    assert grandparent.police_certificate_date == issued


def test_end_action_ends_active_matches_only_and_tells_both(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    active = ActiveMatchFactory()
    proposed = MatchFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = _act(admin_client, "mentors_match_changelist", "end_matches", [active, proposed])

    active.refresh_from_db()
    proposed.refresh_from_db()
    assert (active.status, active.ended_by) == (Match.Status.ENDED, "coordinator")
    assert proposed.status == Match.Status.PROPOSED
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [active.request.user.email, active.volunteer.user.email]
    )
    assert texts(response) == [
        "1 match ended; both sides have been told.",
        "1 match was left as it was: only active matches can be ended.",
    ]


def test_flagged_follow_ups_filter_and_mark_handled(admin_client):
    now = timezone.now()
    flagged = FollowUpFactory(answer=FollowUp.Answer.NOT_WELL, answered_at=now)
    FollowUpFactory(answer=FollowUp.Answer.WELL, answered_at=now)
    FollowUpFactory(answer=FollowUp.Answer.NOT_WELL, answered_at=now, handled_at=now)
    FollowUpFactory()

    response = admin_client.get(url("mentors_followup_changelist"), {"flagged": "yes"})
    assert list(response.context["cl"].result_list) == [flagged]

    response = _act(admin_client, "mentors_followup_changelist", "mark_handled", [flagged])
    flagged.refresh_from_db()
    assert flagged.handled_at is not None
    assert texts(response) == ["1 follow-up marked as handled."]
    assert not list(
        admin_client.get(url("mentors_followup_changelist"), {"flagged": "yes"}).context["cl"].result_list
    )


def test_requests_list_oldest_waiting_first_with_overdue_marker_and_filter(admin_client):
    now = timezone.now()
    recent = MentorRequestFactory(opened_at=now - dt.timedelta(days=3))
    overdue = MentorRequestFactory(opened_at=now - dt.timedelta(days=40))
    matched = MentorRequestFactory(opened_at=now - dt.timedelta(days=90), status=MentorRequest.Status.MATCHED)

    response = admin_client.get(url("mentors_mentorrequest_changelist"))
    assert list(response.context["cl"].result_list) == [overdue, recent, matched]
    page = response.content.decode()
    assert 'class="field-waiting_days_display">40<' in page
    assert page.count("⚠ waiting more than 30 days") == 1  # the overdue marker

    response = admin_client.get(url("mentors_mentorrequest_changelist"), {"waiting": "overdue"})
    assert list(response.context["cl"].result_list) == [overdue]


def test_matches_and_follow_ups_are_made_by_the_scheme_not_added_by_hand(admin_client):
    for model in ("match", "followup", "mentorrequest", "volunteer", "volunteermessage"):
        assert admin_client.get(url(f"mentors_{model}_add")).status_code == 403


@pytest.mark.parametrize("model", ["volunteer", "mentorrequest", "match", "followup", "volunteermessage"])
def test_changelists_cost_the_same_queries_however_many_rows(
    admin_client, model, django_assert_max_num_queries
):
    def rows():
        match = ActiveMatchFactory(volunteer=VolunteerFactory(capacity=2))
        MatchFactory(volunteer=match.volunteer)
        FollowUpFactory(match=match, answer=FollowUp.Answer.NOT_WELL, answered_at=timezone.now())
        MentorRequestFactory()
        VolunteerMessage.objects.create(subject_nb="Hei", body_nb="Hei alle", recipient_count=2)

    rows()
    changelist = url(f"mentors_{model}_changelist")
    with django_assert_max_num_queries(30) as small:
        assert admin_client.get(changelist).status_code == 200
    for _ in range(6):
        rows()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = admin_client.get(changelist)
    assert response.context["cl"].result_count >= 7
