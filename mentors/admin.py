"""The coordinator's screens for the mentor scheme: volunteers and their applications, what newcomers
ask for (with the ranked suggestions and a Propose button), matches, follow-ups and messages sent.

Every change goes through `mentors.services`, and every action says what it did. Rows are never
added here: volunteers apply and newcomers ask on the site, and matches are made by Propose.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import MessageForm
from .models import (
    WAITING_DAYS,
    FollowUp,
    Match,
    MentorRequest,
    Scheme,
    Volunteer,
    VolunteerMessage,
    certificate_valid_since,
)

ERASED = _("(erased)")


def _date(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _name(user) -> str:
    """A person as the coordinator knows them: their name (the e-mail only if they gave none)."""
    return str(user) if user is not None else str(ERASED)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the services: the coordinator looks, and acts through actions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- volunteers ---------------------------------------------------------------------------------


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return Scheme.choices

    def queryset(self, request, queryset):
        if self.value() in Scheme.values:
            return queryset.for_scheme(self.value())
        return queryset


class CertificateFilter(admin.SimpleListFilter):
    title = _("police certificate")
    parameter_name = "certificate"

    def lookups(self, request, model_admin):
        return [
            ("valid", _("Valid")),
            ("soon", _("Expires within 3 months")),
            ("expired", _("Expired")),
            ("missing", _("Missing (reserve grandparents)")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "valid":
            return queryset.certificate_valid(today)
        if self.value() == "soon":
            # Valid today, but no longer three months from now.
            in_three_months = certificate_valid_since(today + relativedelta(months=3))
            return queryset.certificate_valid(today).filter(police_certificate_date__lt=in_three_months)
        if self.value() == "expired":
            return queryset.certificate_expired(today)
        if self.value() == "missing":
            return queryset.filter(grandparent=True, police_certificate_date__isnull=True)
        return queryset


class VolunteerForm(forms.ModelForm):
    """Only the police certificate's date is written here (through the service, in `save_model`)."""

    class Meta:
        model = Volunteer
        fields = ["police_certificate_date"]

    def clean_police_certificate_date(self):
        issued = self.cleaned_data["police_certificate_date"]
        if issued and issued > timezone.localdate():
            raise forms.ValidationError(_("A police certificate cannot be issued in the future."))
        return issued


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    form = VolunteerForm
    list_display = (
        "name_display",
        "roles_display",
        "municipality",
        "status",
        "capacity_display",
        "load_display",
        "certificate_display",
    )
    list_filter = ("status", RoleFilter, "municipality", CertificateFilter)
    list_select_related = ("user", "municipality")
    search_fields = ("user__first_name", "user__last_name", "user__email")
    actions = ["approve", "decline", "send_message"]
    fieldsets = (
        (None, {"fields": ("user", "email_display", "roles_display", "status", "status_changed_at")}),
        (
            _("What they offer"),
            {
                "fields": (
                    "municipality",
                    "languages_display",
                    "interests",
                    "offers_display",
                    "frequency",
                    "capacity",
                    "load_display",
                    "child_age_min",
                    "child_age_max",
                )
            },
        ),
        (_("About them"), {"fields": ("presentation", "phone", "contact_consent_at", "decision_note")}),
        (
            _("Police certificate"),
            {
                "fields": (
                    "police_certificate_date",
                    "certificate_display",
                    "police_certificate_seen_at",
                    "police_certificate_seen_by",
                )
            },
        ),
        (_("Dates"), {"fields": ("created_at", "updated_at")}),
    )
    readonly_fields = tuple(
        name
        for _title, options in fieldsets
        for name in options["fields"]
        if name != "police_certificate_date"
    )

    def has_add_permission(self, request):
        return False  # people apply on the site

    def has_delete_permission(self, request, obj=None):
        return False  # a volunteer leaves by withdrawing, or is erased with their account

    def get_queryset(self, request):
        return super().get_queryset(request).with_load()

    @admin.display(description=_("name"), ordering="user__last_name")
    def name_display(self, obj):
        return _name(obj.user)

    @admin.display(description=_("e-mail address"), ordering="user__email")
    def email_display(self, obj):
        return obj.user.email

    @admin.display(description=_("roles"))
    def roles_display(self, obj):
        return obj.roles_display

    @admin.display(description=_("places"), ordering="capacity")
    def capacity_display(self, obj):
        return obj.capacity

    @admin.display(description=_("taken"), ordering="load")
    def load_display(self, obj):
        return obj.load

    @admin.display(description=_("languages spoken"))
    def languages_display(self, obj):
        return ", ".join(obj.language_names)

    @admin.display(description=_("can offer"))
    def offers_display(self, obj):
        return ", ".join(str(label) for label in obj.offer_labels)

    @admin.display(description=_("police certificate"), ordering="police_certificate_date")
    def certificate_display(self, obj):
        if obj.certificate_valid_on(timezone.localdate()):
            return _("valid until %(date)s") % {"date": _date(obj.certificate_expires_on())}
        if obj.police_certificate_date:
            return _("expired")
        return _("missing") if obj.grandparent else "–"

    def save_model(self, request, obj, form, change):
        if "police_certificate_date" not in form.changed_data:
            return
        try:
            saved = services.volunteer_certificate_record(
                volunteer_id=obj.pk, issued_on=form.cleaned_data["police_certificate_date"], by=request.user
            )
        except services.MentorError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        obj.police_certificate_seen_at = saved.police_certificate_seen_at
        obj.police_certificate_seen_by = saved.police_certificate_seen_by
        if saved.police_certificate_date:
            self.message_user(
                request,
                _("The police certificate of %(name)s, issued %(date)s, is recorded as seen by you.")
                % {"name": _name(obj.user), "date": _date(saved.police_certificate_date)},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("The police certificate of %(name)s has been removed.") % {"name": _name(obj.user)},
                messages.WARNING,
            )

    @admin.action(description=_("Approve the selected applications (the applicants are told by e-mail)"))
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Decline the selected applications (the applicants are told by e-mail)"))
    def decline(self, request, queryset):
        self._decide(request, queryset, approve=False)

    def _decide(self, request, queryset, *, approve: bool):
        done, skipped = 0, 0
        for volunteer in queryset.order_by("pk"):
            if volunteer.status != Volunteer.Status.APPLIED:
                skipped += 1
                continue
            try:
                services.volunteer_decide(volunteer_id=volunteer.pk, approve=approve, by=request.user)
            except services.MentorError:
                skipped += 1
            else:
                done += 1
        message = (
            ngettext(
                "%(count)d volunteer approved and told by e-mail.",
                "%(count)d volunteers approved and told by e-mail.",
                done,
            )
            if approve
            else ngettext(
                "%(count)d application declined and the applicant told by e-mail.",
                "%(count)d applications declined and the applicants told by e-mail.",
                done,
            )
        )
        self.message_user(request, message % {"count": done}, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d volunteer was left as they were: only applications waiting for approval "
                    "can be approved or declined.",
                    "%(count)d volunteers were left as they were: only applications waiting for approval "
                    "can be approved or declined.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Send a message to the selected volunteers"))
    def send_message(self, request, queryset):
        volunteers = list(queryset.order_by("user__first_name", "user__last_name", "pk"))
        if "apply" in request.POST:
            form = MessageForm(request.POST)
            if form.is_valid():
                message = services.volunteers_message(
                    volunteer_ids=[v.pk for v in volunteers],
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    by=request.user,
                )
                self.message_user(
                    request,
                    ngettext(
                        "“%(subject)s” was sent to %(count)d volunteer.",
                        "“%(subject)s” was sent to %(count)d volunteers.",
                        message.recipients,
                    )
                    % {"subject": message.subject, "count": message.recipients},
                    messages.SUCCESS,
                )
                left_out = len(volunteers) - message.recipients
                if left_out:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d selected volunteer did not get it: only approved or paused "
                            "volunteers receive messages.",
                            "%(count)d selected volunteers did not get it: only approved or paused "
                            "volunteers receive messages.",
                            left_out,
                        )
                        % {"count": left_out},
                        messages.WARNING,
                    )
                return None
        else:
            form = MessageForm()
        receiving = {Volunteer.Status.APPROVED, Volunteer.Status.PAUSED}
        return render(
            request,
            "admin/mentors/volunteer/message.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Send a message to volunteers"),
                "volunteers": volunteers,
                "receiving": [v for v in volunteers if v.status in receiving and v.user.is_active],
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


# --- requests -----------------------------------------------------------------------------------


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


def _int(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0


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


@admin.register(VolunteerMessage)
class VolunteerMessageAdmin(ReadOnlyAdmin):
    list_display = ("subject", "sent_by", "recipients", "created_at")
    list_select_related = ("sent_by",)
    search_fields = ("subject", "body")
    fields = ("subject", "body", "sent_by", "recipients", "created_at")
    readonly_fields = fields
