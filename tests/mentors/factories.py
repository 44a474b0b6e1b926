import datetime as dt

import factory
from django.utils import timezone

from mentors.models import Match, MentorRequest, Scheme, Volunteer
from network.models import User
from tests.network.factories import MunicipalityFactory, UserFactory


class VolunteerFactory(factory.django.DjangoModelFactory):
    """An approved mentor (pass `status=`, `grandparent=True` … for others)."""

    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, kind=User.Kind.VOLUNTEER)
    mentor = True
    grandparent = False
    municipality = factory.SubFactory(MunicipalityFactory)
    languages = factory.LazyFunction(lambda: ["nb", "en"])
    offers = factory.LazyFunction(list)
    capacity = 1
    presentation = "Retired teacher, likes walks by the fjord."
    contact_consent_at = factory.LazyFunction(timezone.now)
    status = Volunteer.Status.APPROVED

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            self.interests.set(extracted)


class GrandparentFactory(VolunteerFactory):
    mentor = False
    grandparent = True
    police_certificate_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=100))


class MentorRequestFactory(factory.django.DjangoModelFactory):
    """An open request for a mentor by a newcomer with a profile (pass `user=` to reuse one)."""

    class Meta:
        model = MentorRequest

    user = factory.LazyFunction(lambda: _newcomer())
    scheme = Scheme.MENTOR
    status = MentorRequest.Status.OPEN
    opened_at = factory.LazyFunction(timezone.now)
    languages = factory.LazyFunction(list)
    hopes = factory.LazyFunction(list)


def _newcomer():
    from tests.newcomers.factories import NewcomerProfileFactory

    return NewcomerProfileFactory().user


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    request = factory.SubFactory(MentorRequestFactory, status=MentorRequest.Status.PROPOSED)
    volunteer = factory.SubFactory(VolunteerFactory)
    status = Match.Status.PROPOSED


class ActiveMatchFactory(MatchFactory):
    request = factory.SubFactory(MentorRequestFactory, status=MentorRequest.Status.MATCHED)
    status = Match.Status.ACTIVE
    newcomer_accepted_at = factory.LazyFunction(timezone.now)
    volunteer_accepted_at = factory.LazyFunction(timezone.now)
    activated_at = factory.LazyFunction(timezone.now)


class FollowUpFactory(factory.django.DjangoModelFactory):
    """A follow-up asked of the newcomer after one month (pass `answer=`, `answered_at=` to answer it)."""

    class Meta:
        model = "mentors.FollowUp"

    match = factory.SubFactory(ActiveMatchFactory)
    side = "newcomer"
    month = 1
