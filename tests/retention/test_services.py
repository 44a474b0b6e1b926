"""Sending the surveys once, the one reminder, answering once by the signed link, moving away."""

import datetime as dt

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from freezegun import freeze_time

from network.models import OutgoingMail
from retention import services
from retention.models import Answer, Departure, Invitation, Response
from tests.companies.factories import HireFactory

from .factories import ArrivedProfileFactory, DepartureFactory, InvitationFactory, answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _arrived(days_ago: int, **kwargs):
    return ArrivedProfileFactory(arrival_date=timezone.localdate() - dt.timedelta(days=days_ago), **kwargs)


def test_move_survey_three_months_after_arrival_and_check_in_on_the_anniversary_once():
    today = timezone.localdate()
    mover = _arrived(95)
    too_early = _arrived(60)
    too_old = _arrived(200)  # the move survey's day passed long ago: not sent late
    veteran = ArrivedProfileFactory(arrival_date=services.years_before(today, 3) - dt.timedelta(days=2))
    gone = ArrivedProfileFactory(arrival_date=services.years_before(today, 2))
    DepartureFactory(profile=gone)
    eleven = ArrivedProfileFactory(arrival_date=services.years_before(today, 11))

    result = services.surveys_send_due(today=today)

    invited = set(Invitation.objects.values_list("profile_id", "survey__slug", "year"))
    assert invited == {(mover.pk, "move", 0), (veteran.pk, "check-in", 3)}
    assert result == {"sent": 2, "reminded": 0}
    assert OutgoingMail.objects.filter(key__startswith="retention-invitation-").count() == 2
    assert not {too_early.pk, too_old.pk, gone.pk, eleven.pk} & {p for p, *_ in invited}
    # The next day's run sends nothing again.
    assert services.surveys_send_due(today=today + dt.timedelta(days=1))["sent"] == 0


def test_the_mail_links_to_the_survey_in_the_persons_language():
    profile = _arrived(92, user__language="en")
    services.surveys_send_due()
    mail = OutgoingMail.objects.get()
    assert mail.to == profile.user.email
    assert "/en/retention/survey/" in mail.body_text
    assert "How was your move?" in mail.subject


def test_one_reminder_after_a_week_while_unanswered():
    now = timezone.now()
    due = InvitationFactory(sent_at=now - dt.timedelta(days=8))
    fresh = InvitationFactory(sent_at=now - dt.timedelta(days=3))
    answered = InvitationFactory(sent_at=now - dt.timedelta(days=8), responded_at=now)
    assert services.reminders_send(now=now) == 1
    assert services.reminders_send(now=now + dt.timedelta(days=8)) == 1  # `fresh`, now due
    due.refresh_from_db()
    assert due.reminded_at == now
    assert OutgoingMail.objects.filter(key__startswith="retention-reminder-").count() == 2
    answered.refresh_from_db()
    fresh.refresh_from_db()
    assert answered.reminded_at is None and fresh.reminded_at is not None


def test_answers_are_stored_once_and_the_link_then_refused():
    invitation = InvitationFactory()
    check_in = invitation.survey
    answers = answers_for(check_in, still_in_region="yes", stay_five_years=4, comment="Fine")
    response = services.response_submit(invitation_id=invitation.pk, answers=answers)
    assert response.year == 1 and response.arrival_year == invitation.profile.arrival_date.year
    assert Answer.objects.filter(response=response).count() == 3
    token = services.link_token(invitation=invitation)
    with pytest.raises(services.LinkError, match="already been answered"):
        services.invitation_from_token(token=token)
    with pytest.raises(services.LinkError):
        services.response_submit(invitation_id=invitation.pk, answers=answers)
    assert Response.objects.count() == 1


def test_a_choice_of_another_question_is_ignored():
    invitation = InvitationFactory()
    check_in = invitation.survey
    other = answers_for(check_in, same_employer="yes")
    still = check_in.questions.get(key="still_in_region")
    response = services.response_submit(
        invitation_id=invitation.pk, answers={still.pk: next(iter(other.values()))}
    )
    assert not response.answers.get().choices.exists()


def test_forged_and_expired_links_are_refused():
    invitation = InvitationFactory()
    token = services.link_token(invitation=invitation)
    with pytest.raises(services.LinkError, match="not valid"):
        services.invitation_from_token(token=token[:-2] + "xx")
    with pytest.raises(services.LinkError, match="not valid"):
        services.invitation_from_token(token=signing.dumps({"i": invitation.pk}, salt="other"))
    stale = services.link_token(invitation=invitation)
    with freeze_time(timezone.now() + dt.timedelta(days=services.LINK_DAYS + 1)):
        with pytest.raises(services.LinkError, match="expired"):
            services.invitation_from_token(token=stale)


def test_no_in_the_check_in_records_the_departure_with_the_reason():
    invitation = InvitationFactory()
    answers = answers_for(invitation.survey, still_in_region="no", left_reason="climate")
    services.response_submit(invitation_id=invitation.pk, answers=answers)
    departure = Departure.objects.get(profile=invitation.profile)
    assert (departure.reason, departure.source, departure.left_on) == (
        "climate",
        "check_in",
        timezone.localdate(),
    )


def test_departure_can_be_corrected_and_undone():
    profile = _arrived(800)
    day = timezone.localdate() - dt.timedelta(days=10)
    services.departure_record(profile=profile, left_on=day, reason="", source="profile")
    services.departure_record(profile=profile, left_on=day, reason="family", source="profile")
    assert Departure.objects.get().reason == "family"
    with pytest.raises(ValidationError, match="future"):
        services.departure_record(
            profile=profile, left_on=timezone.localdate() + dt.timedelta(days=1), source="profile"
        )
    assert services.departure_undo(profile=profile)
    assert not Departure.objects.exists()


def test_hr_marking_a_hire_as_left_records_the_departure():
    profile = _arrived(800)
    hire = HireFactory(user=profile.user, left_reason="")
    day = timezone.localdate() - dt.timedelta(days=3)
    services.hire_left_region_mark(hire=hire, left_on=day, reason="partner_work")
    hire.refresh_from_db()
    assert hire.left_region_on == day and hire.left_reason
    assert Departure.objects.get(profile=profile).source == "hr"
    # A hire without an account: only the hire is marked.
    other = HireFactory(user=None)
    services.hire_left_region_mark(hire=other, left_on=day)
    assert Departure.objects.count() == 1


def test_no_reminder_to_people_who_left():
    invitation = InvitationFactory(sent_at=timezone.now() - dt.timedelta(days=8))
    DepartureFactory(profile=invitation.profile)
    assert services.reminders_send() == 0


def test_feb_29():
    assert services.years_before(dt.date(2028, 2, 29), 1) == dt.date(2027, 2, 28)


def test_the_daily_task_sends_what_is_due():
    from retention.tasks import surveys_send_due_task

    _arrived(93)
    assert surveys_send_due_task.delay().get() == {"sent": 1, "reminded": 0}
