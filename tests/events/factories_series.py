import datetime as dt

import factory

from events.models import Audience, EventSeries
from tests.network.factories import MunicipalityFactory

from .factories import CategoryFactory


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    title_nb = "Norskkurs"
    title_en = "Norwegian course"
    summary_nb = "Norsk for nybegynnere, med barnepass."
    summary_en = "Norwegian for beginners, with childcare."
    category = factory.SubFactory(CategoryFactory)
    audience = Audience.NEWCOMERS
    municipality = factory.SubFactory(MunicipalityFactory)
    venue_name = "Biblioteket"
    capacity = 12
    childcare_offered = True
    childcare_capacity = 6
    frequency = EventSeries.Frequency.WEEKLY
    interval = 1
    weekdays = "TU"
    start_date = dt.date(2026, 9, 1)
    start_time = dt.time(18, 0)
    end_time = dt.time(20, 0)
    until = dt.date(2026, 12, 15)
    horizon_days = 365
