from modeltranslation.translator import TranslationOptions, register

from .models import Category, Event, EventSeries, EventSeriesException

CONTENT_FIELDS = ("title", "summary", "description", "venue_notes", "what_to_bring")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = CONTENT_FIELDS


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = CONTENT_FIELDS


@register(EventSeriesException)
class EventSeriesExceptionTranslation(TranslationOptions):
    fields = ("reason",)
