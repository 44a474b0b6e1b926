import csv

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from network.admin_translation import TranslationStatusMixin
from network.exports import csv_cell

from . import services
from .admin_messages import EventMessageInline, message_participants
from .forms import EventCancelForm
from .models import CalendarToken, Category, Event, EventReview, SignUp
from .selectors import event_annotate_seats

_EVENT_FIELDS = {field.name for field in Event._meta.concrete_fields}


@admin.register(Category)
class CategoryAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ("name", "slug", "colour", "icon", "position")
    list_editable = ("position",)
    search_fields = ("name_nb", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


class SignUpInline(admin.TabularInline):
    """Sign-ups are made and cancelled through the rules (services); here the coordinator records
    who paid and who came."""

    model = SignUp
    extra = 0
    can_delete = False
    fields = (
        "user",
        "status",
        "waitlist_position",
        "extra_adults",
        "extra_children",
        "childcare_children",
        "childcare_ages",
        "price_nok",
        "paid",
        "attended",
    )
    readonly_fields = (
        "user",
        "status",
        "waitlist_position",
        "extra_adults",
        "extra_children",
        "childcare_children",
        "childcare_ages",
        "price_nok",
    )
    ordering = ("status", "waitlist_position", "created_at")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class WhenFilter(admin.SimpleListFilter):
    """The list opens on activities to come, soonest first; past ones are one click away."""

    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))]

    def choices(self, changelist):
        # "Upcoming" is what no choice means, so the default entry is not offered twice.
        for lookup, title in self.lookup_choices:
            selected = self.value() == lookup or (self.value() is None and lookup == "upcoming")
            yield {
                "selected": selected,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        # Today's activities count as upcoming all day, so attendance is marked from the default list.
        start_of_today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        if self.value() == "past":
            return queryset.filter(ends_at__lt=start_of_today).order_by("-starts_at")
        if self.value() == "all":
            return queryset
        return queryset.filter(ends_at__gte=start_of_today).order_by("starts_at")


def _skipped_message(request, model_admin, *, asked: int, done: int) -> None:
    if asked > done:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d sign-up was left as it was: only confirmed sign-ups of activities that have "
                "started can be marked.",
                "%(count)d sign-ups were left as they were: only confirmed sign-ups of activities that have "
                "started can be marked.",
                asked - done,
            )
            % {"count": asked - done},
            messages.WARNING,
        )


class EventReviewInline(admin.StackedInline):
    """After-action notes: how it went, what it cost, who helped (for the yearly report)."""

    model = EventReview
    extra = 1
    max_num = 1
    can_delete = False
    fields = ("note", "cost_nok", "partners")
    verbose_name = verbose_name_plural = _("After the activity: how it went")


@admin.register(Event)
class EventAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = (
        "title",
        "starts_at",
        "municipality",
        "category",
        "audience",
        "language",
        "status",
        "capacity",
        "confirmed_display",
        "waiting_display",
        "attended_display",
    )
    list_filter = (WhenFilter, "municipality", "category", "audience", "status", "language")
    search_fields = ("title_nb", "title_en", "venue_name", "organiser_nb", "organiser_en")
    date_hierarchy = "starts_at"
    list_select_related = ("municipality", "category")
    readonly_fields = ("status", "cancelled_reason", "series", "occurrence_date", "created_at", "updated_at")
    inlines = [SignUpInline, EventReviewInline, EventMessageInline]
    actions = [
        "export_participants",
        "mark_attended",
        message_participants,
        "cancel_events",
        "duplicate_events",
    ]
    fieldsets = (
        (None, {"fields": ("title", "summary", "description", "category", "audience", "organiser")}),
        (
            _("Time and place"),
            {"fields": ("starts_at", "ends_at", "municipality", "venue_name", "address", "venue_notes")},
        ),
        (
            _("Participation"),
            {
                "fields": (
                    "language",
                    "price_nok",
                    "capacity",
                    "childcare_offered",
                    "childcare_capacity",
                    "registration_opens_at",
                    "registration_closes_at",
                    "what_to_bring",
                )
            },
        ),
        (
            _("Status"),
            {
                "fields": (
                    "status",
                    "cancelled_reason",
                    "series",
                    "occurrence_date",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return event_annotate_seats(super().get_queryset(request)).annotate(
            confirmed_count=Count(
                "signups", filter=Q(signups__status=SignUp.Status.CONFIRMED), distinct=True
            ),
            attended_count=Count("signups", filter=Q(signups__attended=True), distinct=True),
        )

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed_display(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting_display(self, obj):
        return obj.waiting_count

    @admin.display(description=_("attended"), ordering="attended_count")
    def attended_display(self, obj):
        return obj.attended_count + obj.attended_erased

    def save_model(self, request, obj, form, change):
        # Through the services: the changed fields are written under the event's row lock, and
        # more seats go to the people waiting, by the same rules as a cancellation.
        fields = {name: form.cleaned_data[name] for name in form.fields if name in _EVENT_FIELDS}
        if not change:
            event = services.event_create(fields=fields)
            obj.pk, obj._state.adding, obj._state.db = event.pk, False, event._state.db
            return
        changes = {name: fields[name] for name in form.changed_data if name in fields}
        if not changes:
            return
        promoted = services.event_update(event=obj, changes=changes)
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person was moved from the waiting list and notified.",
                    "%(count)d people were moved from the waiting list and notified.",
                    len(promoted),
                )
                % {"count": len(promoted)},
                messages.SUCCESS,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not SignUp:
            return super().save_formset(request, form, formset, change)
        # The inline's sign-ups are as they were when the page was loaded: saved whole, they
        # would undo a promotion `save_model` just made. Only payment and attendance are written.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for signup_form in formset.forms:
            changed = [name for name in ("paid", "attended") if name in signup_form.changed_data]
            signup = signup_form.instance
            if "paid" in changed:
                services.signup_paid_mark(signups=[signup], paid=signup_form.cleaned_data["paid"])
            if "attended" in changed:
                services.signup_attendance_mark(
                    signups=[signup], attended=signup_form.cleaned_data["attended"]
                )
            if changed:
                formset.changed_objects.append((signup, changed))
        return None

    @admin.action(description=_("Export participants (CSV)"))
    def export_participants(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="participants.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Activity"),
                _("Starts"),
                _("Name"),
                _("E-mail"),
                _("Status"),
                _("Waiting list position"),
                _("Extra adults"),
                _("Extra children"),
                _("Children in childcare"),
                _("Ages in childcare"),
                _("Price (NOK)"),
                _("Paid"),
                _("Attended"),
            ]
        )
        signups = (
            SignUp.objects.filter(event__in=queryset)
            .exclude(status=SignUp.Status.CANCELLED)
            .select_related("event", "user")
            .order_by("event__starts_at", "event_id", "status", "waitlist_position", "created_at")
        )
        yes, no = str(_("yes")), str(_("no"))
        for signup in signups:
            row = [
                signup.event.title,
                timezone.localtime(signup.event.starts_at).strftime("%Y-%m-%d %H:%M"),
                signup.user.get_full_name(),
                signup.user.email,
                signup.get_status_display(),
                signup.waitlist_position or "",
                signup.extra_adults,
                signup.extra_children,
                signup.childcare_children,
                signup.childcare_ages,
                signup.price_nok,
                yes if signup.paid else no,
                "" if signup.attended is None else (yes if signup.attended else no),
            ]
            writer.writerow([csv_cell(cell) for cell in row])
        return response

    @admin.action(description=_("Mark all confirmed participants as attended"))
    def mark_attended(self, request, queryset):
        not_started = queryset.filter(starts_at__gt=timezone.now()).count()
        if not_started:
            self.message_user(
                request,
                ngettext(
                    "%(count)d activity has not started yet: attendance is marked once it has.",
                    "%(count)d activities have not started yet: attendance is marked once they have.",
                    not_started,
                )
                % {"count": not_started},
                messages.WARNING,
            )
        count = services.event_attendance_mark_all(events=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d participant marked as attended.",
                "%(count)d participants marked as attended.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Cancel the activities and notify everyone signed up"))
    def cancel_events(self, request, queryset):
        if "apply" in request.POST:
            form = EventCancelForm(request.POST)
            if form.is_valid():
                for event in queryset:
                    services.event_cancel(event=event, reason=form.cleaned_data["reason"])
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d activity cancelled.", "%(count)d activities cancelled.", queryset.count()
                    )
                    % {"count": queryset.count()},
                    messages.SUCCESS,
                )
                return None
        else:
            form = EventCancelForm()
        return render(
            request,
            "admin/events/event/cancel_confirm.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Cancel activities"),
                "events": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Duplicate (one week later)"))
    def duplicate_events(self, request, queryset):
        copies = [services.event_duplicate(event=event) for event in queryset]
        self.message_user(
            request,
            ngettext(
                "%(count)d copy made one week later; edit its date and details.",
                "%(count)d copies made one week later; edit their dates and details.",
                len(copies),
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    list_display = ("user", "event", "status", "waitlist_position", "seats", "price_nok", "paid", "attended")
    list_filter = ("status", "paid", "attended", "event__municipality", "event__category")
    search_fields = (
        "user__email",
        "user__first_name",
        "user__last_name",
        "event__title_nb",
        "event__title_en",
    )
    list_select_related = ("user", "event")
    raw_id_fields = ("event", "user", "signed_up_by")
    readonly_fields = (
        "event",
        "user",
        "status",
        "waitlist_position",
        "signed_up_by",
        "created_at",
        "cancelled_at",
    )
    actions = ["mark_attended", "mark_absent", "mark_paid", "mark_unpaid", "cancel_signups"]

    def has_add_permission(self, request):
        # Sign-ups go through the capacity rules: made on the site, or by a coordinator there.
        return False

    @admin.action(description=_("Mark as attended"))
    def mark_attended(self, request, queryset):
        self._mark_attendance(request, queryset, attended=True)

    @admin.action(description=_("Mark as not attended"))
    def mark_absent(self, request, queryset):
        self._mark_attendance(request, queryset, attended=False)

    def _mark_attendance(self, request, queryset, *, attended: bool):
        asked = queryset.count()
        count = services.signup_attendance_mark(signups=queryset, attended=attended)
        message = (
            ngettext("%(count)d sign-up marked as attended.", "%(count)d sign-ups marked as attended.", count)
            if attended
            else ngettext(
                "%(count)d sign-up marked as not attended.",
                "%(count)d sign-ups marked as not attended.",
                count,
            )
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
        _skipped_message(request, self, asked=asked, done=count)

    @admin.action(description=_("Mark as paid"))
    def mark_paid(self, request, queryset):
        self._mark_paid(request, queryset, paid=True)

    @admin.action(description=_("Mark as unpaid"))
    def mark_unpaid(self, request, queryset):
        self._mark_paid(request, queryset, paid=False)

    def _mark_paid(self, request, queryset, *, paid: bool):
        count = services.signup_paid_mark(signups=queryset, paid=paid)
        message = (
            ngettext("%(count)d sign-up marked as paid.", "%(count)d sign-ups marked as paid.", count)
            if paid
            else ngettext(
                "%(count)d sign-up marked as unpaid.", "%(count)d sign-ups marked as unpaid.", count
            )
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Cancel the sign-ups (moves up the waiting list)"))
    def cancel_signups(self, request, queryset):
        cancelled = 0
        for signup in queryset.select_related("event").exclude(status=SignUp.Status.CANCELLED):
            services.signup_cancel(signup=signup, by_user=request.user)
            cancelled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d sign-up cancelled; the waiting list has moved up where seats came free.",
                "%(count)d sign-ups cancelled; the waiting list has moved up where seats came free.",
                cancelled,
            )
            % {"count": cancelled},
            messages.SUCCESS,
        )


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
    readonly_fields = ("token", "created_at")


from . import admin_series  # noqa: E402,F401  (registers EventSeriesAdmin; kept in its own module)
