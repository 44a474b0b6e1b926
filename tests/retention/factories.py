import datetime as dt

import factory
from django.utils import timezone

from retention.models import Departure, Invitation, Survey
from tests.newcomers.factories import NewcomerProfileFactory


def survey(slug: str) -> Survey:
    """One of the two surveys migration 0002 creates ("move", "check-in")."""
    return Survey.objects.get(slug=slug)


class ArrivedProfileFactory(NewcomerProfileFactory):
    arrival_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=400))


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    profile = factory.SubFactory(ArrivedProfileFactory)
    survey = factory.LazyFunction(lambda: survey("check-in"))
    year = 1


class DepartureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departure

    profile = factory.SubFactory(ArrivedProfileFactory)
    left_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    reason = Departure.Reason.CLIMATE
    source = Departure.Source.PROFILE


def answers_for(survey_obj, **by_key) -> dict:
    """Answers keyed by question id from `key=value`, where a choice is given by its key."""
    answers = {}
    for question in survey_obj.questions.prefetch_related("choices"):
        if question.key not in by_key:
            continue
        value = by_key[question.key]
        if question.has_choices:
            keys = value if isinstance(value, list) else [value]
            ids = [c.pk for c in question.choices.all() if c.key in keys]
            value = ids if question.kind == "multiple" else ids[0]
        answers[question.pk] = value
    return answers
