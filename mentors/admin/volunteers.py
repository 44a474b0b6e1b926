"""Volunteers: applications, decisions, police certificates and messages to volunteers."""

from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.admin_mailing import MailingForm, mailing_step

from .. import services
from ..models import (
    Scheme,
    Volunteer,
    VolunteerMessage,
    certificate_valid_since,
)
from ._common import _date, _name


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
        volunteer_ids = [volunteer.pk for volunteer in volunteers]

        def say_who_was_left_out(message):
            left_out = len(volunteers) - message.recipient_count
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

        return mailing_step(
            self,
            request,
            action="send_message",
            selected=volunteers,
            title=_("Send a message to volunteers"),
            intro=_(
                "Only approved or paused volunteers receive messages; those waiting for approval, declined "
                "or withdrawn among the selected are left out. Filter on “approved” and select all to "
                "write to every active volunteer."
            ),
            form_class=MailingForm,
            mailing_model=VolunteerMessage,
            audience=lambda data: [v.user for v in services.volunteers_audience(volunteer_ids=volunteer_ids)],
            send=lambda data, texts: services.volunteers_message(
                volunteer_ids=volunteer_ids,
                by=request.user,
                **texts,
            ),
            after_send=say_who_was_left_out,
        )


# --- requests -----------------------------------------------------------------------------------
