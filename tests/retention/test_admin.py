"""The coordinator edits surveys in the admin, in both languages, and reads answers and departures."""

import pytest

from retention.models import Question, Survey
from tests.network.factories import CoordinatorFactory

from .factories import DepartureFactory, InvitationFactory

pytestmark = pytest.mark.django_db


def test_the_admin_pages_open(client):
    client.force_login(CoordinatorFactory(is_superuser=True))
    survey = Survey.objects.get(slug="check-in")
    question = Question.objects.filter(survey=survey).first()
    InvitationFactory()
    DepartureFactory()
    for path in (
        "/nb/admin/retention/survey/",
        "/nb/admin/retention/survey/add/",
        f"/nb/admin/retention/survey/{survey.pk}/change/",
        f"/en/admin/retention/question/{question.pk}/change/",
        "/nb/admin/retention/invitation/",
        "/nb/admin/retention/response/",
        "/nb/admin/retention/departure/",
    ):
        assert client.get(path).status_code == 200, path


def test_the_coordinator_adds_a_survey_with_a_question_in_both_languages(client):
    client.force_login(CoordinatorFactory(is_superuser=True))
    response = client.post(
        "/en/admin/retention/survey/add/",
        {
            "name_nb": "Barnehage",
            "name_en": "Kindergarten",
            "slug": "kindergarten",
            "trigger": "manual",
            "active": "on",
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-0-position": "0",
            "questions-0-key": "place",
            "questions-0-text_nb": "Fikk dere plass?",
            "questions-0-text_en": "Did you get a place?",
            "questions-0-kind": "single",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get(survey__slug="kindergarten")
    assert (question.text_nb, question.text_en) == ("Fikk dere plass?", "Did you get a place?")


def test_the_coordinator_records_a_departure_through_the_service(client):
    import datetime as dt

    from django.utils import timezone

    from retention.models import Departure

    from .factories import ArrivedProfileFactory

    profile = ArrivedProfileFactory()
    client.force_login(CoordinatorFactory(is_superuser=True))
    day = timezone.localdate() - dt.timedelta(days=3)
    response = client.post(
        "/en/admin/retention/departure/add/",
        {"profile": profile.pk, "left_on": day.isoformat(), "reason": "family", "source": "coordinator"},
    )
    assert response.status_code == 302
    assert Departure.objects.get(profile=profile).left_on == day
