"""The coordinator's form for recurring activities: the rule as plain choices, never raw RRULE text."""

from itertools import islice

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from network.admin_translation import TranslationStatusMixin

from .models import EventSeries, EventSeriesException, Weekday
from .recurrence import (
    series_dates_iter,
    series_occurrences_generate,
    series_rrule_text,
    series_weekdays,
)
from .recurrence_text import series_rule_description
from .services_series import series_create, series_occurrences_sync, series_update
from .translation import CONTENT_FIELDS


class EventSeriesForm(forms.ModelForm):
    weekday_choices = forms.MultipleChoiceField(
        label=_("On these weekdays"),
        choices=Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to repeat on the weekday of the start date."),
    )

    class Meta:
        model = EventSeries
        fields = (
            *(f"{name}_{code}" for name in CONTENT_FIELDS for code, _name in settings.LANGUAGES),
            "title",
            "summary",
            "description",
            "venue_notes",
            "what_to_bring",
            "category",
            "audience",
            "municipality",
            "venue_name",
            "address",
            "organiser",
            "language",
            "price_nok",
            "capacity",
            "childcare_offered",
            "childcare_capacity",
            "frequency",
            "interval",
            "monthly_position",
            "start_date",
            "start_time",
            "end_time",
            "until",
            "count",
            "horizon_days",
            "active",
            "skip_public_holidays",
            "skip_from",
            "skip_to",
            "registration_opens_days_before",
            "registration_closes_hours_before",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["weekday_choices"] = series_weekdays(self.instance)

    def clean(self):
        cleaned = super().clean()
        # The model's own checks (run after this) read the weekdays, which this form edits as choices.
        self.instance.weekdays = ",".join(cleaned.get("weekday_choices") or [])
        if cleaned.get("until") and cleaned.get("count"):
            raise forms.ValidationError(
                _("Give either an end date or a number of occurrences, not both."), code="until_and_count"
            )
        start_date, until = cleaned.get("start_date"), cleaned.get("until")
        if start_date and until and until < start_date:
            self.add_error("until", _("The end date is before the start date."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and start == end:
            self.add_error("end_time", _("The activity must end after it starts."))
        return cleaned

    def series_fields(self) -> dict:
        """The cleaned data by model field name, as the series services take it."""
        model_fields = {field.name for field in EventSeries._meta.concrete_fields}
        fields = {name: value for name, value in self.cleaned_data.items() if name in model_fields}
        fields["weekdays"] = ",".join(self.cleaned_data.get("weekday_choices") or [])
        return fields


class EventSeriesExceptionInline(TranslationTabularInline):
    model = EventSeriesException
    extra = 0
    fields = ("date", "reason")


@admin.register(EventSeries)
class EventSeriesAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    form = EventSeriesForm
    inlines = [EventSeriesExceptionInline]
    list_display = ("title", "category", "municipality", "frequency", "start_date", "until", "active")
    list_filter = ("active", "frequency", "category", "municipality", "audience", "language")
    list_select_related = ("category", "municipality")
    search_fields = ("title_nb", "title_en")
    readonly_fields = ("rule_description", "rule_text", "next_dates")
    actions = ["generate_now"]
    fieldsets = (
        (None, {"fields": ("title", "summary", "description", "category", "audience", "municipality")}),
        (
            _("Place"),
            {"fields": ("venue_name", "address", "venue_notes", "organiser", "what_to_bring", "language")},
        ),
        (
            _("Seats and price"),
            {"fields": ("capacity", "price_nok", "childcare_offered", "childcare_capacity")},
        ),
        (
            _("Repeats"),
            {
                "fields": (
                    "frequency",
                    "interval",
                    "weekday_choices",
                    "monthly_position",
                    "start_date",
                    "start_time",
                    "end_time",
                    "until",
                    "count",
                    "horizon_days",
                    "active",
                )
            },
        ),
        (
            _("Dates without the activity"),
            {
                "description": _(
                    "Single cancelled dates go in the list below. Changes reach the planned "
                    "occurrences when you save."
                ),
                "fields": ("skip_public_holidays", "skip_from", "skip_to"),
            },
        ),
        (_("The rule"), {"fields": ("rule_description", "rule_text", "next_dates")}),
        (
            _("Registration"),
            {"fields": ("registration_opens_days_before", "registration_closes_hours_before")},
        ),
    )

    @admin.display(description=_("In words"))
    def rule_description(self, obj):
        return series_rule_description(series=obj) if obj and obj.pk else "–"

    @admin.display(description=_("Rule (RFC 5545)"))
    def rule_text(self, obj):
        return series_rrule_text(series=obj) if obj and obj.pk else "–"

    @admin.display(description=_("Next dates"))
    def next_dates(self, obj):
        if not obj or not obj.pk:
            return "–"
        upcoming = [(day,) for day in islice(series_dates_iter(series=obj), 5)]
        return format_html_join(", ", "{}", upcoming) or "–"

    def save_model(self, request, obj, form, change):
        fields = form.series_fields()
        if change:
            changed = set(form.changed_data) | (
                {"weekdays"} if "weekday_choices" in form.changed_data else set()
            )
            counts = series_update(
                series=obj, changes={name: fields[name] for name in changed & fields.keys()}
            )
        else:
            series, counts = series_create(fields=fields)
            obj.pk, obj._state.adding, obj._state.db = series.pk, False, series._state.db
        obj._occurrence_counts = counts  # reported by save_related, once the cancelled dates are in

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        counts = form.instance._occurrence_counts
        if any(fs.new_objects or fs.changed_objects or fs.deleted_objects for fs in formsets):
            more = series_occurrences_sync(series=form.instance)
            counts = {key: counts[key] + more[key] for key in counts}
        messages.info(
            request,
            _("Occurrences: %(created)s created, %(updated)s updated, %(deleted)s removed.") % counts,
        )

    @admin.action(description=_("Generate occurrences now"))
    def generate_now(self, request, queryset):
        created = sum(series_occurrences_generate(series=series) for series in queryset)
        self.message_user(
            request,
            ngettext("%(count)d occurrence created.", "%(count)d occurrences created.", created)
            % {"count": created},
        )
