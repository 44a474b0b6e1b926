import datetime as dt

import pytest
from django.utils import translation

from events.models import EventSeries, MonthlyPosition
from events.recurrence_text import series_rule_description

from .factories_series import EventSeriesFactory

FIRST_THURSDAY = {
    "frequency": EventSeries.Frequency.MONTHLY,
    "weekdays": "TH",
    "monthly_position": MonthlyPosition.FIRST,
    "start_date": dt.date(2026, 1, 1),
}


@pytest.mark.parametrize(
    ("fields", "english", "norwegian"),
    [
        (
            {
                **FIRST_THURSDAY,
                "skip_public_holidays": True,
                "skip_from": dt.date(2026, 12, 20),
                "skip_to": dt.date(2027, 1, 2),
            },
            "First Thursday of every month, except Norwegian public holidays and 20 December 2026 – 2 January 2027",
            "Første torsdag i hver måned, unntatt norske helligdager og 20. desember 2026 – 2. januar 2027",
        ),
        (
            {**FIRST_THURSDAY, "weekdays": "", "monthly_position": MonthlyPosition.LAST, "interval": 3},
            "Last Thursday of every 3 months",
            "Siste torsdag hver 3. måned",
        ),
        ({"weekdays": "TU"}, "Every Tuesday", "Hver tirsdag"),
        (
            {"weekdays": "MO,WE", "interval": 2, "skip_public_holidays": True},
            "Every 2 weeks on Monday and Wednesday, except Norwegian public holidays",
            "Hver 2. uke på mandag og onsdag, unntatt norske helligdager",
        ),
        (
            {"frequency": EventSeries.Frequency.MONTHLY, "weekdays": "", "start_date": dt.date(2026, 2, 12)},
            "Every month on day 12",
            "Hver måned den 12.",
        ),
        (
            {"frequency": EventSeries.Frequency.YEARLY, "weekdays": "", "start_date": dt.date(2026, 5, 17)},
            "Every year on 17 May",
            "Hvert år den 17. mai",
        ),
    ],
)
def test_the_rule_in_words_in_both_languages(fields, english, norwegian):
    series = EventSeriesFactory.build(**fields)

    with translation.override("en"):
        assert series_rule_description(series=series) == english
    with translation.override("nb"):
        assert series_rule_description(series=series) == norwegian
