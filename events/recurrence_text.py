"""A series' rule in words, in the reader's language ("First Thursday of every month, except …").

The coordinator reads this beside the RFC 5545 line, to check that the rule says what they meant.
"""

from django.utils import formats
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from .models import EventSeries, MonthlyPosition, Weekday
from .recurrence import series_monthly_weekday, series_weekdays


def _weekday_names(codes: list[str]) -> str:
    return str(get_text_list([str(Weekday(code).label) for code in codes], _("and")))


def _repeats(series: EventSeries) -> str:
    interval = series.interval or 1
    if series.frequency == EventSeries.Frequency.WEEKLY:
        codes = series_weekdays(series) or [Weekday.values[series.start_date.weekday()]]
        values = {"weekdays": _weekday_names(codes), "interval": interval}
        if interval == 1:
            return _("Every %(weekdays)s") % values
        return _("Every %(interval)s weeks on %(weekdays)s") % values
    if series.frequency == EventSeries.Frequency.MONTHLY:
        if series.monthly_position is not None:
            values = {
                "position": MonthlyPosition(series.monthly_position).label,
                "weekday": Weekday(series_monthly_weekday(series)).label,
                "interval": interval,
            }
            if interval == 1:
                return _("%(position)s %(weekday)s of every month") % values
            return _("%(position)s %(weekday)s of every %(interval)s months") % values
        values = {"day": series.start_date.day, "interval": interval}
        if interval == 1:
            return _("Every month on day %(day)s") % values
        return _("Every %(interval)s months on day %(day)s") % values
    values = {"date": formats.date_format(series.start_date, "MONTH_DAY_FORMAT"), "interval": interval}
    if interval == 1:
        return _("Every year on %(date)s") % values
    return _("Every %(interval)s years on %(date)s") % values


def series_rule_description(*, series: EventSeries) -> str:
    """The rule and the dates it skips, in the active language."""
    skipped = []
    if series.skip_public_holidays:
        skipped.append(_("Norwegian public holidays"))
    if series.skip_from and series.skip_to:
        skip_from = formats.date_format(series.skip_from, "DATE_FORMAT")
        skip_to = formats.date_format(series.skip_to, "DATE_FORMAT")
        skipped.append(f"{skip_from} – {skip_to}")
    repeats = _repeats(series)
    if not skipped:
        return repeats
    return _("%(repeats)s, except %(skipped)s") % {
        "repeats": repeats,
        "skipped": get_text_list(skipped, _("and")),
    }
