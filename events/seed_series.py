"""Demo recurring activities (the "årshjul"), generated into real occurrences. Idempotent.

Seeding again brings an existing demo database in line with the rules below (occurrences a
changed rule no longer has are removed, as when the coordinator edits a series).
"""

import datetime as dt

from django.utils import timezone

from network.models import Municipality

from .models import Audience, Category, EventSeries, MonthlyPosition
from .services_series import series_occurrences_sync


def _christmas_break(today: dt.date) -> tuple[dt.date, dt.date]:
    """The coming (or current) Christmas holidays, 20 December to 3 January."""
    year = today.year if today > dt.date(today.year, 1, 3) else today.year - 1
    return dt.date(year, 12, 20), dt.date(year + 1, 1, 3)


def _series() -> list[dict]:
    today = timezone.localdate()
    year = today.year
    christmas_from, christmas_to = _christmas_break(today)
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
            # Taught for beginners, explained in English where needed.
            "language": "nb-a1",
            "price_nok": 300,
            "capacity": 16,
            "childcare_offered": True,
            "childcare_capacity": 8,
            "frequency": EventSeries.Frequency.WEEKLY,
            "weekdays": "TU",
            "skip_public_holidays": True,
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
            "language": "nb-b1",
            "price_nok": 0,
            "capacity": 60,
            "childcare_offered": False,
            "childcare_capacity": None,
            # The second Tuesday of every third month: a fixed day of the month fell on weekends.
            "frequency": EventSeries.Frequency.MONTHLY,
            "interval": 3,
            "weekdays": "TU",
            "monthly_position": MonthlyPosition.SECOND,
            "skip_public_holidays": True,
            "start_date": dt.date(year, 2, 1),
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
            # The first Thursday of the month (without the position: every Thursday).
            "frequency": EventSeries.Frequency.MONTHLY,
            "weekdays": "TH",
            "monthly_position": MonthlyPosition.FIRST,
            "skip_public_holidays": True,
            "skip_from": christmas_from,
            "skip_to": christmas_to,
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
        created += series_occurrences_sync(series=series)["created"]
        count += 1
    if stdout:
        stdout.write(f"  events: {count} recurring activities, {created} new occurrences")
