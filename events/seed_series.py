"""Demo recurring activities (the "årshjul"), generated into real occurrences. Idempotent."""

import datetime as dt

from django.utils import timezone

from network.models import Municipality

from .models import Audience, Category, EventSeries
from .recurrence import series_occurrences_generate


def _series() -> list[dict]:
    year = timezone.localdate().year
    return [
        {
            "key": ("Norskkurs for nybegynnere", "Norwegian for beginners"),
            "summary": (
                "Norsk etter jobb, tirsdager 18–20, med barnepass.",
                "Norwegian after work, Tuesdays 18–20, with childcare.",
            ),
            "category": "norwegian-course",
            "municipality": "fredrikstad",
            "audience": Audience.NEWCOMERS,
            "venue_name": "Fredrikstad bibliotek",
            "address": "Kirkegaten 9, 1607 Fredrikstad",
            "language": "both",
            "price_nok": 300,
            "capacity": 16,
            "childcare_offered": True,
            "childcare_capacity": 8,
            "frequency": EventSeries.Frequency.WEEKLY,
            "weekdays": "TU",
            "start_date": dt.date(year, 9, 1),
            "until": dt.date(year, 12, 15),
            "start_time": dt.time(18, 0),
            "end_time": dt.time(20, 0),
        },
        {
            "key": ("Bedriftsnettverksmøte", "Company network meeting"),
            "summary": (
                "Kvartalsvis møte for HR i medlemsbedriftene.",
                "Quarterly meeting for HR in the member companies.",
            ),
            "category": "company-network-meeting",
            "municipality": "sarpsborg",
            "audience": Audience.COMPANIES,
            "venue_name": "Sarpsborg rådhus",
            "address": "Glengsgata 14, 1706 Sarpsborg",
            "language": "nb",
            "price_nok": 0,
            "capacity": 60,
            "childcare_offered": False,
            "childcare_capacity": None,
            "frequency": EventSeries.Frequency.MONTHLY,
            "interval": 3,
            "weekdays": "",
            "start_date": dt.date(year, 2, 12),
            "until": None,
            "count": 8,
            "start_time": dt.time(9, 0),
            "end_time": dt.time(12, 0),
        },
        {
            "key": ("Sosialt treffpunkt", "Social meeting place"),
            "summary": (
                "Kaffe og prat første torsdag i måneden.",
                "Coffee and a chat, first Thursday of the month.",
            ),
            "category": "social",
            "municipality": "sarpsborg",
            "audience": Audience.EVERYONE,
            "venue_name": "Kulturhuset Sarpsborg",
            "address": "Jernbanegata 6, 1706 Sarpsborg",
            "language": "both",
            "price_nok": 0,
            "capacity": 40,
            "childcare_offered": False,
            "childcare_capacity": None,
            "frequency": EventSeries.Frequency.MONTHLY,
            "weekdays": "TH",
            "start_date": dt.date(year, 1, 1),
            "until": dt.date(year + 1, 12, 31),
            "start_time": dt.time(17, 30),
            "end_time": dt.time(19, 0),
        },
    ]


def seed_series(stdout=None) -> None:
    categories = {c.slug: c for c in Category.objects.all()}
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    created = 0
    count = 0
    for data in _series():
        data = dict(data)
        title_nb, title_en = data.pop("key")
        summary_nb, summary_en = data.pop("summary")
        category = categories.get(data.pop("category"))
        municipality = municipalities.get(data.pop("municipality"))
        if category is None or municipality is None:
            continue
        series, _ = EventSeries.objects.update_or_create(
            title_en=title_en,
            defaults={
                **data,
                "title_nb": title_nb,
                "summary_nb": summary_nb,
                "summary_en": summary_en,
                "category": category,
                "municipality": municipality,
                "horizon_days": 180,
                "registration_closes_hours_before": 24,
            },
        )
        created += series_occurrences_generate(series=series)
        count += 1
    if stdout:
        stdout.write(f"  events: {count} recurring activities, {created} new occurrences")
