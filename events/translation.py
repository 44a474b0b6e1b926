from modeltranslation.translator import TranslationOptions, register

from .models import Category, Event, EventSeries, EventSeriesException

CONTENT_FIELDS = ("title", "summary", "description", "venue_notes", "what_to_bring")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Event)
class EventTranslation(TranslationOptions):
    # The organiser is named in each language ("Søndre Viken tilflytternettverk" / "Søndre Viken
    # expat network"). Only on Event: a series keeps one organiser, which recurrence.py copies to
    # its occurrences as a plain value. It lands in the language active at the time and the other
    # language falls back to it; a later change made in the other language reaches only that one
    # (tests/events/test_organiser.py) until recurrence.py writes organiser_<lang> for each.
    fields = (*CONTENT_FIELDS, "organiser")


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = CONTENT_FIELDS


@register(EventSeriesException)
class EventSeriesExceptionTranslation(TranslationOptions):
    fields = ("reason",)
