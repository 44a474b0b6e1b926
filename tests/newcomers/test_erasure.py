"""Erasing a person leaves their name and e-mail address in no table, while anonymous counts survive."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.utils import timezone

from appointments import services as appointment_services
from appointments.models import Booking as AppointmentBooking
from careers.models import CareerProfile, CompanyInterest, OpeningInterest
from companies.models import Hire
from events.models import SignUp
from events.services import signup_create
from housing.models import Application as HousingApplication
from housing.models import Booking
from mentors.models import FollowUp, Match, MentorRequest, Side, Volunteer
from network.models import OutgoingMail
from network.services import mail_queue, outgoing_mail_bodies_purge
from newcomers import services
from newcomers.models import AnonymousStat, ChecklistTick, ContactMessage, Partner, PartnerRequest
from newcomers.selectors import user_data_export
from retention import services as retention_services
from retention.models import Answer, Departure, Invitation, Response, Survey
from stories.models import Story, StoryPhoto
from tests.appointments.factories import SlotFactory
from tests.careers.factories import CareerProfileFactory
from tests.companies.factories import HireFactory, JobOpeningFactory, TalentCandidateFactory
from tests.events.factories import CalendarTokenFactory, EventFactory, SignUpFactory
from tests.housing.factories import ApplicationFactory, BookingFactory
from tests.mentors.factories import ActiveMatchFactory, MentorRequestFactory, VolunteerFactory
from tests.network.factories import ContactPersonFactory, CoordinatorFactory, UserFactory
from tests.newcomers.factories import ChecklistItemFactory, NewcomerProfileFactory
from tests.retention.factories import answers_for
from tests.stories.factories import StoryFactory, StoryPhotoFactory

pytestmark = pytest.mark.django_db

NAME = ("Zbigniewa", "Quixotewska")
EMAIL = "zbigniewa.q@example.com"
PARTNER = "Teodor Quixotewski"


def _person_everywhere(django_capture_on_commit_callbacks):
    """A newcomer with data in every app: profile, household, checklist, messages, sign-ups past and
    to come, a calendar feed, a hire at their employer (with an admin history), the talent pool,
    and mail to them and about them."""
    ContactPersonFactory()  # contact messages are mailed to the region's contact person
    user = UserFactory(email=EMAIL, first_name=NAME[0], last_name=NAME[1], language="en")
    # Before their own profile, they asked to join a household ("my partner works here").
    services.partner_request_create(requester=user, email="teodor.q@example.com")
    profile = NewcomerProfileFactory(user=user, has_children=True)
    Partner.objects.create(profile=profile, name=PARTNER, email="teodor.q@example.com")
    # Someone asked to join theirs (mailed to them), and someone typed their address before then.
    services.partner_request_create(requester=UserFactory(), email=EMAIL)
    PartnerRequest.objects.create(
        requester=UserFactory(), email=EMAIL, status="declined", decided_at=timezone.now()
    )
    profile.children.create(birth_year=2020)
    ChecklistTick.objects.create(profile=profile, item=ChecklistItemFactory())
    hire = HireFactory(name=" ".join(NAME), email=EMAIL.upper(), user=user, accepted_at=timezone.now())
    LogEntry.objects.log_actions(
        user_id=CoordinatorFactory().pk,
        queryset=[hire],
        action_flag=CHANGE,
        change_message=f"Changed e-mail of {' '.join(NAME)}",
        single_object=True,
    )
    TalentCandidateFactory(name=" ".join(NAME), email=EMAIL)
    past = EventFactory(
        starts_at=timezone.now() - dt.timedelta(days=10),
        ends_at=timezone.now() - dt.timedelta(days=10, hours=-2),
    )
    SignUpFactory(event=past, user=user, attended=True)
    SignUpFactory(event=past, attended=True)
    upcoming = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(event=upcoming, user=user)
        waiting = signup_create(event=upcoming, user=UserFactory())
        services.contact_message_send(user=user, subject="Help with my D-number", message=f"I am {NAME[0]}.")
        services.partner_invite(profile=profile)
        mail_queue(
            key=f"hr-note:{EMAIL}",
            to="hr@example.com",
            language="en",
            subject=f"{' '.join(NAME)} has arrived",
            body_text=f"Say hello to {' '.join(NAME)} <{EMAIL}>.",
        )
    CalendarTokenFactory(user=user)
    _mentor_data(user)
    # Start housing: a stay that has ended, one to come, and a waiting application with a message.
    today = timezone.localdate()
    BookingFactory(
        tenant=user, starts_on=today - dt.timedelta(days=90), ends_on=today - dt.timedelta(days=30)
    )
    BookingFactory(
        tenant=user, starts_on=today + dt.timedelta(days=30), ends_on=today + dt.timedelta(days=90)
    )
    ApplicationFactory(user=user, message=f"I am {' '.join(NAME)} ({EMAIL}).")
    # Careers: a career profile with a CV, an interest in an opening and a company's interest.
    career = CareerProfileFactory(user=user, with_cv=True)
    OpeningInterest.objects.create(profile=career, opening=JobOpeningFactory())
    CompanyInterest.objects.create(profile=career, company=hire.company)
    # Who stays: a check-in answered "I have moved away" with a comment naming them.
    profile.arrival_date = today - dt.timedelta(days=400)
    profile.save(update_fields=["arrival_date"])
    check_in = Survey.objects.get(slug="check-in")
    invitation = Invitation.objects.create(profile=profile, survey=check_in, year=1)
    retention_services.response_submit(
        invitation_id=invitation.pk,
        answers=answers_for(
            check_in, still_in_region="no", left_reason="climate", comment=f"Bye from {NAME[1]}, {EMAIL}"
        ),
    )
    # Stories: a published one naming them, with a photo, and a draft.
    story = StoryFactory(author=user, body_en=f"I am {' '.join(NAME)}, write to {EMAIL}.")
    StoryPhotoFactory(story=story, alt_text=f"{NAME[0]} on the beach")
    StoryFactory(author=user, status=Story.Status.DRAFT, published_at=None, title_en=f"{NAME[1]}'s draft")
    # A meeting with the contact person booked (their host is mailed their name) and one cancelled.
    meeting = appointment_services.booking_create(
        user=user, slot_id=SlotFactory().pk, topic="tax", note=f"{NAME[1]}, {EMAIL}"
    )
    appointment_services.booking_cancel(user=user, booking_id=meeting.pk)
    appointment_services.booking_create(user=user, slot_id=SlotFactory().pk, topic="permits", note=NAME[1])
    return user, hire, past, upcoming, waiting


def _mentor_data(user) -> Match:
    """A mentor scheme's worth of the person as a newcomer: an active match whose request, feedback
    and follow-up comment name them, and a second request (reserve grandparents) still waiting."""
    request = MentorRequestFactory(
        user=user, status=MentorRequest.Status.MATCHED, message=f"{NAME[0]} {NAME[1]} likes walks."
    )
    MentorRequestFactory(user=user, scheme="grandparent", message=f"Write to {EMAIL}", languages=["pl"])
    match = ActiveMatchFactory(
        request=request,
        volunteer=VolunteerFactory(user__email="mentor.volunteer@example.com"),
        newcomer_feedback=f"{NAME[1]} is happy.",
    )
    FollowUp.objects.create(
        match=match, side=Side.NEWCOMER, month=1, answer="well", comment=f"Signed {NAME[1]}"
    )
    FollowUp.objects.create(
        match=match, side=Side.VOLUNTEER, month=1, answer="well", comment="Lovely family."
    )
    return match


def _text_columns():
    for model in apps.get_models():
        fields = [
            f.column
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField, models.EmailField))
        ]
        if fields:
            yield model, fields


def _mentions(needles) -> list[str]:
    found = []
    for model, columns in _text_columns():
        for row in model.objects.values_list(*columns):
            for column, value in zip(columns, row, strict=True):
                text = str(value or "").lower()
                found += [f"{model._meta.label}.{column}: {n}" for n in needles if n.lower() in text]
    return found


def test_erasing_a_person_leaves_their_name_and_address_in_no_table(django_capture_on_commit_callbacks, rf):
    user, hire, past, upcoming, waiting = _person_everywhere(django_capture_on_commit_callbacks)
    needles = [EMAIL, NAME[1], PARTNER, "teodor.q@example.com"]
    assert len(_mentions(needles)) > 10  # the scan sees them before

    cv = CareerProfile.objects.get(user=user).cv
    cv_storage, cv_name = cv.storage, cv.name
    assert cv_storage.exists(cv_name)
    photo = StoryPhoto.objects.get().image
    photo_storage, photo_name = photo.storage, photo.name
    assert photo_storage.exists(photo_name)
    assert len(user_data_export(user=user)["stories"]) == 2
    assert len(user_data_export(user=user)["appointments"]) == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.account_erasure_start(user=user)

    assert _mentions(needles) == []
    # The career profile, its interests and the CV file are gone.
    assert not CareerProfile.objects.exists() and not OpeningInterest.objects.exists()
    assert not CompanyInterest.objects.exists() and not cv_storage.exists(cv_name)
    # Their stories and the photos' files are gone.
    assert not Story.objects.exists() and not StoryPhoto.objects.exists()
    assert not photo_storage.exists(photo_name)
    # Their meetings are gone, and the time they held is free again.
    assert not AppointmentBooking.objects.exists()
    # What statistics need survives, without the person.
    hire.refresh_from_db()
    assert hire.user is None and hire.accepted_at is not None and NAME[1] not in hire.name
    assert AnonymousStat.objects.get().count == 1
    past.refresh_from_db()
    assert past.attended_erased == 1
    # The coordinator's "attended" column still says 2.
    from django.contrib import admin

    from events.models import Event

    request = rf.get("/")
    request.user = CoordinatorFactory(is_superuser=True)
    event_admin = admin.site._registry[Event]
    assert event_admin.attended_display(event_admin.get_queryset(request).get(pk=past.pk)) == 2
    # Their seat in an activity to come went to the waiting list.
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CONFIRMED
    assert not ContactMessage.objects.exists() and Hire.objects.count() == 1
    assert not PartnerRequest.objects.exists()  # made, received, or naming their address
    # Start housing keeps anonymous counts: the stays (the one to come cancelled, its nights free
    # again) and the application, without who or what they wrote.
    assert sorted(Booking.objects.filter(tenant__isnull=True).values_list("status", flat=True)) == [
        Booking.Status.CANCELLED,
        Booking.Status.CONFIRMED,
    ]
    assert HousingApplication.objects.get().message == "" and HousingApplication.objects.get().user is None
    # The mentor scheme keeps anonymous counts: the requests and the match, ended, without the person.
    assert MentorRequest.objects.count() == 2
    assert set(MentorRequest.objects.values_list("user", "status")) == {(None, MentorRequest.Status.CLOSED)}
    match = Match.objects.get()
    assert (match.status, match.ended_by, match.newcomer_feedback) == (Match.Status.ENDED, Side.NEWCOMER, "")
    assert match.volunteer is not None  # the volunteer's side is theirs, not erased
    assert FollowUp.objects.get(side=Side.VOLUNTEER).comment == "Lovely family."
    assert FollowUp.objects.get(side=Side.NEWCOMER).comment == ""
    # Who stays keeps the answers as anonymous counts: no invitation, no free text, no departure.
    response = Response.objects.get()
    assert response.invitation is None and response.arrival_year is not None
    assert Answer.objects.filter(response=response).count() == 3
    assert not Answer.objects.exclude(text="").exists()
    assert not Invitation.objects.exists() and not Departure.objects.exists()
    # The volunteer heard that the match has ended.
    [ended] = OutgoingMail.objects.filter(key__startswith="mentors:ended")
    assert ended.to == "mentor.volunteer@example.com" and ended.key.endswith(":volunteer")


def test_erasing_a_volunteer_ends_their_match_and_tells_the_newcomer(django_capture_on_commit_callbacks):
    ContactPersonFactory()
    user = UserFactory(email=EMAIL, first_name=NAME[0], last_name=NAME[1], language="en")
    volunteer = VolunteerFactory(
        user=user, capacity=2, phone="+47 987 65 432", presentation=f"I am {NAME[1]}, write to {EMAIL}."
    )
    newcomer = NewcomerProfileFactory(user__language="nb").user
    active = ActiveMatchFactory(
        volunteer=volunteer, request__user=newcomer, volunteer_feedback=f"Regards, {NAME[1]}"
    )
    FollowUp.objects.create(match=active, side=Side.VOLUNTEER, month=1, comment=f"{NAME[1]} here")
    needles = [EMAIL, NAME[1], "987 65 432"]
    assert len(_mentions(needles)) >= 4

    with django_capture_on_commit_callbacks(execute=True):
        services.account_erasure_start(user=user)

    assert _mentions(needles) == []
    assert not Volunteer.objects.exists()
    active.refresh_from_db()
    assert (active.status, active.volunteer, active.volunteer_feedback) == (Match.Status.ENDED, None, "")
    assert MentorRequest.objects.get().status == MentorRequest.Status.CLOSED
    assert MentorRequest.objects.get().user == newcomer  # the newcomer's own request stays theirs
    [ended] = OutgoingMail.objects.filter(key__startswith="mentors:ended")
    assert ended.to == newcomer.email and ended.language == "nb"


def test_the_export_holds_the_hire_and_the_mails_to_and_about_the_person(
    client, django_capture_on_commit_callbacks
):
    user, hire, *_ = _person_everywhere(django_capture_on_commit_callbacks)
    data = user_data_export(user=user)
    assert data["employment"] == [
        {
            "company": hire.company.name,
            "name": hire.name,
            "email": hire.email,
            "position": hire.position,
            "start_date": hire.start_date.isoformat() if hire.start_date else None,
            "arrived_on": None,
            "left_company_on": None,
            "left_region_on": None,
            "left_reason": hire.left_reason,
            "invitation_accepted_at": hire.accepted_at.isoformat(),
        }
    ]
    subjects = {mail["subject"] for mail in data["mails"]}
    assert f"{' '.join(NAME)} has arrived" in subjects  # about them, to HR
    assert data["careers"]["cv_uploaded"] is True and data["careers"]["norwegian_level"] == "B1"
    assert [i["company"] for i in data["careers"]["companies_interested"]] == [hire.company.name]
    assert any("D-number" in mail["subject"] for mail in data["mails"])  # to the contact person
    [check_in] = data["retention"]["surveys"]
    assert check_in["years_since_arrival"] == 1 and check_in["answered"]
    assert f"Bye from {NAME[1]}, {EMAIL}" in [a["text"] for a in check_in["answers"]]
    assert data["retention"]["left_the_region"]["reason"] == "climate"
    assert any(mail["to"] == EMAIL for mail in data["mails"])  # to them
    requests = data["partner_requests"]
    assert [r["email"] for r in requests["made"]] == ["teodor.q@example.com"]
    assert len(requests["received"]) == 1
    mentors = data["mentors"]
    assert mentors["volunteer"] is None
    assert sorted(r["scheme"] for r in mentors["requests"]) == ["grandparent", "mentor"]
    assert f"{NAME[0]} {NAME[1]} likes walks." in [r["message"] for r in mentors["requests"]]
    [match] = mentors["matches"]
    assert (match["as"], match["status"], match["my_feedback"]) == (
        "newcomer",
        "active",
        f"{NAME[1]} is happy.",
    )
    assert match["follow_ups"] == [
        {"after_months": 1, "answer": "well", "comment": f"Signed {NAME[1]}", "answered_at": None}
    ]  # their own answer, not the volunteer's


def test_the_export_holds_a_volunteers_details_and_matches():
    volunteer = VolunteerFactory(phone="+47 987 65 432", presentation="Retired.")
    match = ActiveMatchFactory(volunteer=volunteer, volunteer_feedback="Good.")
    data = user_data_export(user=volunteer.user)["mentors"]
    assert data["volunteer"]["phone"] == "+47 987 65 432" and data["volunteer"]["status"] == "approved"
    assert data["volunteer"]["presentation"] == "Retired."
    assert data["requests"] == []
    [exported] = data["matches"]
    assert (exported["as"], exported["my_feedback"]) == ("volunteer", "Good.")
    assert exported["with"] == str(match.request.user)


def test_sent_mail_bodies_are_purged_after_thirty_days(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(key="old", to="a@example.com", language="en", subject="Old", body_text="Body")
        mail_queue(key="new", to="a@example.com", language="en", subject="New", body_text="Body")
    OutgoingMail.objects.filter(key="old").update(sent_at=timezone.now() - dt.timedelta(days=31))
    assert outgoing_mail_bodies_purge() == 1
    old, new = OutgoingMail.objects.get(key="old"), OutgoingMail.objects.get(key="new")
    assert (old.body_text, old.attachments, old.subject) == ("", [], "Old")
    assert new.body_text == "Body"
    assert outgoing_mail_bodies_purge() == 0
