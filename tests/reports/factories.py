import factory

from events.models import EventReview
from tests.events.factories import EventFactory


class EventReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventReview

    event = factory.SubFactory(EventFactory)
    note = "Good turnout; start half an hour later next time."
    cost_nok = 1500
    partners = "Fredrikstad library"
