"""What newcomers ask for (ranked suggestions and Propose), matches, follow-ups and messages sent."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from network.admin_mailing import MailingAdmin, MailingRecipientInline

from .. import selectors, services
from ..models import (
    WAITING_DAYS,
    FollowUp,
    Match,
    MentorRequest,
    Volunteer,
    VolunteerMessage,
    VolunteerMessageRecipient,
)
from ._common import ReadOnlyAdmin, _int, _name


class WaitingFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("overdue", _("More than %(days)d days") % {"days": WAITING_DAYS})]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue(timezone.now())
        return queryset


@admin.register(MentorRequest)
class MentorRequestAdmin(ReadOnlyAdmin):
    list_display = (
        "newcomer_display",
        "scheme",
        "status",
        "opened_at",
        "waiting_days_display",
        "overdue_display",
        "suggested_by_company",
    )
    list_filter = ("status", "scheme", WaitingFilter)
    list_select_related = ("user", "suggested_by_company")
    search_fields = ("user__first_name", "user__last_name", "user__email")
    fields = (
        "user",
        "scheme",
        "status",
        "hopes_display",
        "languages_display",
        "message",
        "suggested_by_company",
        "created_at",
        "opened_at",
        "waiting_days_display",
        "closed_at",
    )
    readonly_fields = fields
    change_form_template = "admin/mentors/mentorrequest/change_form.html"

    def get_queryset(self, request):
        overdue = MentorRequest.objects.overdue(timezone.now()).filter(pk=OuterRef("pk"))
        return super().get_queryset(request).annotate(is_overdue=Exists(overdue))

    def get_ordering(self, request):
        # The requests waiting for a match first, the one waiting longest at the top.
        waiting_first = Case(
            When(status=MentorRequest.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [waiting_first.asc(), "opened_at", "created_at"]

    @admin.display(description=_("newcomer"), ordering="user__last_name")
    def newcomer_display(self, obj):
        return _name(obj.user)

    @admin.display(description=_("days waiting"))
    def waiting_days_display(self, obj):
        days = obj.waiting_days(timezone.now())
        return "–" if days is None else days

    @admin.display(description=_("overdue"), ordering="is_overdue")
    def overdue_display(self, obj):
        # Marked only where it matters, so the overdue requests stand out in the list.
        if not obj.is_overdue:
            return ""
        return format_html(
            "<strong>⚠ {}</strong>", _("waiting more than %(days)d days") % {"days": WAITING_DAYS}
        )

    @admin.display(description=_("hopes"))
    def hopes_display(self, obj):
        return ", ".join(str(label) for label in obj.hope_labels)

    @admin.display(description=_("languages spoken"))
    def languages_display(self, obj):
        return ", ".join(obj.language_names)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/propose/",
                self.admin_site.admin_view(self.propose_view),
                name="mentors_mentorrequest_propose",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        mentor_request = self.get_object(request, object_id)
        extra = {"suggestions": None, "matches": []}
        if mentor_request is not None:
            if mentor_request.status == MentorRequest.Status.OPEN:
                extra["suggestions"] = services.suggestions_for_request(request=mentor_request)
            extra["matches"] = (
                mentor_request.matches.select_related("volunteer__user", "volunteer__municipality")
                .order_by("-proposed_at")
                .all()
            )
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    @method_decorator(require_POST)
    def propose_view(self, request, object_id):
        """Propose one volunteer for a request (a button on its page): both sides are asked by e-mail."""
        mentor_request = self.get_object(request, object_id)
        if mentor_request is None:
            raise Http404
        if not self.has_view_permission(request, mentor_request):
            raise PermissionDenied
        back = reverse("admin:mentors_mentorrequest_change", args=[mentor_request.pk])
        volunteer = get_object_or_404(
            Volunteer.objects.select_related("user"), pk=_int(request.POST.get("volunteer"))
        )
        try:
            services.match_propose(request_id=mentor_request.pk, volunteer_id=volunteer.pk, by=request.user)
        except services.MentorError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(back)
        messages.success(
            request,
            _("%(volunteer)s has been proposed to %(newcomer)s. Both have been asked by e-mail.")
            % {"volunteer": _name(volunteer.user), "newcomer": _name(mentor_request.user)},
        )
        return HttpResponseRedirect(back)


# --- matches, follow-ups, messages --------------------------------------------------------------


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin):
    list_display = (
        "volunteer_display",
        "newcomer_display",
        "scheme_display",
        "status",
        "proposed_at",
        "activated_at",
        "ended_at",
    )
    list_filter = ("status", "request__scheme")
    list_select_related = ("volunteer__user", "request__user")
    search_fields = (
        "volunteer__user__first_name",
        "volunteer__user__last_name",
        "request__user__first_name",
        "request__user__last_name",
    )
    fields = (
        "request",
        "volunteer",
        "status",
        "score",
        "reasons_display",
        "proposed_at",
        "newcomer_accepted_at",
        "volunteer_accepted_at",
        "declined_by",
        "activated_at",
        "ended_at",
        "ended_by",
        "newcomer_feedback",
        "volunteer_feedback",
    )
    readonly_fields = fields
    actions = ["end_matches"]

    @admin.display(description=_("volunteer"), ordering="volunteer__user__last_name")
    def volunteer_display(self, obj):
        return _name(obj.volunteer.user if obj.volunteer_id else None)

    @admin.display(description=_("newcomer"), ordering="request__user__last_name")
    def newcomer_display(self, obj):
        return _name(obj.request.user)

    @admin.display(description=_("scheme"), ordering="request__scheme")
    def scheme_display(self, obj):
        return obj.request.get_scheme_display()

    @admin.display(description=_("reasons when proposed"))
    def reasons_display(self, obj):
        return " · ".join(obj.reasons or ())

    @admin.action(description=_("End the selected matches (both sides are told by e-mail)"))
    def end_matches(self, request, queryset):
        asked = queryset.count()
        ended = 0
        for match in queryset.filter(status=Match.Status.ACTIVE).order_by("pk"):
            try:
                services.match_end(match_id=match.pk, side="coordinator", by=request.user)
            except services.MentorError:
                continue
            ended += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d match ended; both sides have been told.",
                "%(count)d matches ended; both sides have been told.",
                ended,
            )
            % {"count": ended},
            messages.SUCCESS,
        )
        if asked > ended:
            self.message_user(
                request,
                ngettext(
                    "%(count)d match was left as it was: only active matches can be ended.",
                    "%(count)d matches were left as they were: only active matches can be ended.",
                    asked - ended,
                )
                % {"count": asked - ended},
                messages.WARNING,
            )


class FlaggedFilter(admin.SimpleListFilter):
    title = _("needs attention")
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("yes", _("Not well, not handled"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(pk__in=selectors.follow_ups_flagged().values("pk"))
        return queryset


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("match", "side", "month", "sent_at", "answer", "answered_at", "handled_display")
    list_filter = (FlaggedFilter, "answer", "side", "month")
    list_select_related = ("match__volunteer__user", "match__request__user")
    fields = ("match", "side", "month", "sent_at", "answer", "comment", "answered_at", "handled_at")
    readonly_fields = fields
    actions = ["mark_handled"]

    @admin.display(description=_("handled"), boolean=True, ordering="handled_at")
    def handled_display(self, obj):
        return obj.handled_at is not None

    @admin.action(description=_("Mark as handled"))
    def mark_handled(self, request, queryset):
        count = services.follow_ups_mark_handled(
            follow_up_ids=list(queryset.values_list("pk", flat=True)), by=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d follow-up marked as handled.", "%(count)d follow-ups marked as handled.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )


class VolunteerMessageRecipientInline(MailingRecipientInline):
    model = VolunteerMessageRecipient


@admin.register(VolunteerMessage)
class VolunteerMessageAdmin(MailingAdmin):
    fields = MailingAdmin.text_fields
    inlines = [VolunteerMessageRecipientInline]
