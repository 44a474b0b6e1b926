"""The coordinator's screens: the contact person's times (with "copy to next week") and the
meetings, with today's at a click. Cancelling goes through the same service as the person's button,
so both get the cancellation mail."""

import datetime as dt

from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from network.admin_translation import TranslationStatusMixin

from . import selectors, services
from .models import Booking, Slot


class WhenFilter(admin.SimpleListFilter):
    """Today's meetings first: the coordinator's day at the welcome desk."""

    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("today", _("Today")),
            ("tomorrow", _("Tomorrow")),
            ("week", _("Next 7 days")),
            ("coming", _("To come")),
            ("past", _("Past")),
        ]

    def queryset(self, request, queryset):
        prefix = "slot__" if queryset.model is Booking else ""
        today = timezone.localdate()
        start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
        day = dt.timedelta(days=1)
        ranges = {
            "today": (start, start + day),
            "tomorrow": (start + day, start + 2 * day),
            "week": (timezone.now(), start + 8 * day),
            "coming": (timezone.now(), None),
            "past": (None, timezone.now()),
        }
        if self.value() not in ranges:
            return queryset
        low, high = ranges[self.value()]
        if low is not None:
            queryset = queryset.filter(**{f"{prefix}starts_at__gte": low})
        if high is not None:
            queryset = queryset.filter(**{f"{prefix}starts_at__lt": high})
        return queryset


@admin.register(Slot)
class SlotAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["starts_at", "duration_minutes", "mode", "municipality", "host", "published", "booked_by"]
    list_filter = [WhenFilter, "mode", "municipality", "published"]
    date_hierarchy = "starts_at"
    list_select_related = ["municipality", "host"]
    fields = [
        "starts_at",
        "duration_minutes",
        "mode",
        "municipality",
        "place",
        "video_link",
        "host",
        "published",
        "note",
    ]
    actions = ["copy_to_next_week", "publish", "unpublish"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    # A booked time keeps when and where it is: the person was told so, with an .ics.
    FIXED_WHEN_BOOKED = ("starts_at", "duration_minutes", "mode", "municipality", "host")

    def get_queryset(self, request):
        return selectors.slots_with_booking(super().get_queryset(request))

    def _booked(self, obj) -> bool:
        return obj is not None and obj.bookings.active().exists()

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if self._booked(obj):
            return (*fields, *self.FIXED_WHEN_BOOKED)
        return fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and self._booked(self.get_object(request, object_id)):
            self.message_user(
                request,
                _(
                    "This time is booked, so when and where it is cannot change here. To move it, cancel "
                    "the meeting under Meetings (both are told by e-mail) and offer a new time."
                ),
                messages.INFO,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("booked by"))
    def booked_by(self, obj):
        active = getattr(obj, "active", None)
        if not active:
            return "–"
        return active[0].person.get_full_name() or _("(no name)")

    @admin.action(description=_("Offer the same times a week later"))
    def copy_to_next_week(self, request, queryset):
        created = services.slots_copy_to_next_week(
            user=request.user, slot_ids=list(queryset.values_list("pk", flat=True))
        )
        skipped = queryset.count() - created
        self.message_user(
            request,
            ngettext("%(count)d time added a week later.", "%(count)d times added a week later.", created)
            % {"count": created},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d time was skipped: the contact person already has it.",
                    "%(count)d times were skipped: the contact person already has them.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Offer the selected times"))
    def publish(self, request, queryset):
        count = services.slots_publish(
            user=request.user, slot_ids=list(queryset.values_list("pk", flat=True)), published=True
        )
        self.message_user(
            request, ngettext("%(count)d time offered.", "%(count)d times offered.", count) % {"count": count}
        )

    @admin.action(description=_("Stop offering the selected times (booked meetings stay)"))
    def unpublish(self, request, queryset):
        count = services.slots_publish(
            user=request.user, slot_ids=list(queryset.values_list("pk", flat=True)), published=False
        )
        self.message_user(
            request, ngettext("%(count)d time hidden.", "%(count)d times hidden.", count) % {"count": count}
        )


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "person_name", "topic", "mode", "municipality", "status"]
    list_filter = [WhenFilter, "status", "topic", "slot__mode", "slot__municipality"]
    date_hierarchy = "slot__starts_at"
    list_select_related = ["slot__municipality", "person"]
    search_fields = ["person__first_name", "person__last_name"]
    raw_id_fields = ["slot", "person"]
    readonly_fields = ["slot", "person", "topic", "note", "status", "created_at", "cancelled_at"]
    actions = ["cancel"]

    def has_add_permission(self, request):
        # Bookings are made by newcomers and partners on the site, where the rules are checked.
        return False

    @admin.display(description=_("time"), ordering="slot__starts_at")
    def starts_at(self, obj):
        return timezone.localtime(obj.slot.starts_at).strftime("%d.%m.%Y %H:%M")

    @admin.display(description=_("name"), ordering="person__last_name")
    def person_name(self, obj):
        return obj.person.get_full_name() or _("(no name)")

    @admin.display(description=_("how"))
    def mode(self, obj):
        return obj.slot.get_mode_display()

    @admin.display(description=_("municipality"))
    def municipality(self, obj):
        return obj.slot.municipality.name

    @admin.action(description=_("Cancel the selected meetings (both are told by e-mail)"))
    def cancel(self, request, queryset):
        done, refused = 0, []
        for booking in queryset.filter(status=Booking.Status.BOOKED):
            try:
                services.booking_cancel(user=request.user, booking_id=booking.pk)
            except services.AppointmentError as error:
                refused.append(f"{booking}: {error.message}")
            else:
                done += 1
        self.message_user(
            request,
            ngettext("%(count)d meeting cancelled.", "%(count)d meetings cancelled.", done) % {"count": done},
            messages.SUCCESS,
        )
        for message in refused:
            self.message_user(request, message, messages.WARNING)
