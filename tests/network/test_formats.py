"""English is written the European way here: day-month-year and a 24-hour clock."""

import datetime as dt

import pytest
from django import forms
from django.utils import formats, translation

from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2026, 12, 14, 18, 30)


@pytest.mark.parametrize(
    ("language", "short", "time"), [("en", "14/12/2026", "18:30"), ("nb", "14.12.2026", "18:30")]
)
def test_dates_are_day_month_year_with_a_24_hour_clock(language, short, time):
    with translation.override(language):
        assert formats.date_format(WHEN.date(), "SHORT_DATE_FORMAT") == short
        assert formats.time_format(WHEN.time(), "TIME_FORMAT") == time
        assert "p.m." not in formats.date_format(WHEN, "DATETIME_FORMAT")


def test_english_date_input_reads_day_month_year():
    class Form(forms.Form):
        day = forms.DateField()

    with translation.override("en"):
        for text in ("14/12/2026", "2026-12-14", "14.12.2026"):
            form = Form({"day": text})
            assert form.is_valid() and form.cleaned_data["day"] == WHEN.date(), text
        assert not Form({"day": "12/14/2026"}).is_valid()


def test_english_pages_show_no_american_dates(client):
    from django.utils import timezone

    event = EventFactory(
        starts_at=timezone.make_aware(WHEN), ends_at=timezone.make_aware(WHEN + dt.timedelta(hours=2))
    )
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "12/14/2026" not in page and "p.m." not in page
    assert "18:30" in page
