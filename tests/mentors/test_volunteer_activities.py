"""Volunteers are invited to activities as guests: the audience "volunteers" (or "everyone")."""

import pytest
from django.utils import translation

from events import services as event_services
from events.models import Audience, SignUp
from mentors.models import Volunteer
from network.models import User
from tests.events.factories import EventFactory
from tests.network.factories import CoordinatorFactory, UserFactory

from .factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("audience", [Audience.VOLUNTEERS, Audience.EVERYONE])
def test_an_approved_volunteer_can_sign_up_for_volunteer_and_everyone_activities(audience):
    volunteer = VolunteerFactory().user
    signup = event_services.signup_create(event=EventFactory(audience=audience), user=volunteer)
    assert signup.status == SignUp.Status.CONFIRMED


@pytest.mark.parametrize(
    "make",
    [
        lambda: UserFactory(kind=User.Kind.NEWCOMER),
        lambda: VolunteerFactory(status=Volunteer.Status.APPLIED).user,  # not approved yet
        lambda: VolunteerFactory(status=Volunteer.Status.WITHDRAWN).user,
        lambda: UserFactory(kind=User.Kind.VOLUNTEER),  # the label alone is not enough
    ],
)
def test_volunteer_gatherings_refuse_everyone_else(make):
    event = EventFactory(audience=Audience.VOLUNTEERS)
    with pytest.raises(event_services.SignUpError, match="volunteers and mentors"):
        event_services.signup_create(event=event, user=make())


def test_the_coordinator_can_sign_up_for_a_volunteer_gathering():
    event = EventFactory(audience=Audience.VOLUNTEERS)
    assert (
        event_services.signup_create(event=event, user=CoordinatorFactory()).status == SignUp.Status.CONFIRMED
    )


def test_a_volunteer_is_still_refused_activities_for_newcomers():
    event = EventFactory(audience=Audience.NEWCOMERS)
    with pytest.raises(event_services.SignUpError, match="newcomers and their families"):
        event_services.signup_create(event=event, user=VolunteerFactory().user)
