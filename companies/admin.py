import csv

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from network.admin_translation import TranslationStatusMixin
from network.exports import csv_cell

from . import services
from .admin_messages import message_hr_staff
from .models import (
    INVITATION_REMINDER_AFTER,
    Campaign,
    Company,
    Hire,
    HRInvitation,
    HRStaff,
    JobOpening,
    ProfessionalField,
    ServiceOffer,
    ServiceRequest,
    TalentCandidate,
    WorkingGroup,
    WorkingGroupDocument,
)

HIRE_CSV_COLUMNS = [
    ("company", _("company")),
    ("name", _("name")),
    ("email", _("e-mail address")),
    ("position", _("position")),
    ("professional_field", _("professional field")),
    ("start_date", _("start date")),
    ("expected_arrival", _("expected arrival")),
    ("country", _("country")),
    ("municipality", _("municipality")),
    ("stage_label", _("stage")),
    ("invited_at", _("invited")),
    ("accepted_at", _("invitation accepted")),
    ("arrived_on", _("arrived")),
    ("left_company_on", _("left the company")),
    ("left_region_on", _("left the region")),
    ("left_reason", _("reason for leaving")),
]


def hires_csv_response(hires, *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([str(label) for _name, label in HIRE_CSV_COLUMNS])
    for hire in hires.select_related(
        "company", "professional_field", "municipality", "user__newcomer_profile"
    ):
        writer.writerow([csv_cell(getattr(hire, name)) for name, _label in HIRE_CSV_COLUMNS])
    return response


class HRStaffInline(admin.TabularInline):
    model = HRStaff
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["joined_at"]
    fields = ["user", "joined_at", "left_at"]


class HireInline(admin.TabularInline):
    model = Hire
    extra = 0
    fields = [
        "name",
        "email",
        "position",
        "start_date",
        "invited_at",
        "accepted_at",
        "arrived_on",
        "left_company_on",
    ]
    readonly_fields = ["invited_at", "accepted_at"]
    show_change_link = True


@admin.register(Company)
class CompanyAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["name", "organisation_number", "municipality", "sector", "membership", "member_since"]
    list_filter = ["membership", "municipality", "sector", "fields"]
    list_select_related = ["municipality"]
    search_fields = ["name", "organisation_number"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["fields"]
    inlines = [HRStaffInline, HireInline]
    actions = ["export_hires", message_hr_staff]

    @admin.action(description=_("Export the hires of the selected companies to CSV"))
    def export_hires(self, request, queryset):
        hires = Hire.objects.filter(company__in=queryset).order_by("company__name", "start_date")
        return hires_csv_response(hires, filename=f"hires-{timezone.localdate():%Y-%m-%d}.csv")


class HRInvitationForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Language of the e-mail"), choices=[("nb", "Norsk"), ("en", "English")]
    )

    class Meta:
        model = HRInvitation
        fields = ["company", "email"]


@admin.register(HRInvitation)
class HRInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "company", "created_at", "expires_at", "status_display"]
    list_filter = [
        "company",
        ("accepted_at", admin.EmptyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["company"]
    search_fields = ["email", "company__name"]
    actions = ["revoke"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = HRInvitationForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["company", "email", "language"]
        return [
            "company",
            "email",
            "invited_by",
            "created_at",
            "expires_at",
            "accepted_at",
            "accepted_by",
            "revoked_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj) if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return
        invitation = services.hr_invitation_create(
            company=form.cleaned_data["company"],
            email=form.cleaned_data["email"],
            invited_by=request.user,
            language=form.cleaned_data["language"],
        )
        obj.pk = invitation.pk
        self.message_user(
            request, _("The invitation has been sent to %(email)s.") % {"email": invitation.email}
        )

    @admin.display(description=_("status"))
    def status_display(self, obj):
        return {
            "accepted": _("Accepted"),
            "revoked": _("Revoked"),
            "expired": _("Expired"),
            "open": _("Waiting"),
        }[obj.status()]

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request, queryset):
        count = sum(services.hr_invitation_revoke(invitation=invitation) for invitation in queryset)
        self.message_user(
            request,
            ngettext("%(count)d invitation revoked.", "%(count)d invitations revoked.", count)
            % {"count": count},
        )


class NotAcceptedFilter(admin.SimpleListFilter):
    title = _("invitation")
    parameter_name = "invitation"

    def lookups(self, request, model_admin):
        days = INVITATION_REMINDER_AFTER.days
        overdue = ngettext("Not accepted after %(days)s day", "Not accepted after %(days)s days", days)
        return [
            ("waiting", _("Not accepted")),
            ("overdue", overdue % {"days": days}),
            ("accepted", _("Accepted")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(accepted_at__isnull=True)
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "accepted":
            return queryset.filter(accepted_at__isnull=False)
        return queryset


@admin.register(Hire)
class HireAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "position", "start_date", "invited_at", "accepted_at", "stage_label"]
    list_filter = [NotAcceptedFilter, "company", "professional_field", "municipality"]
    list_select_related = ["company", "user__newcomer_profile"]
    search_fields = ["name", "email", "company__name"]
    autocomplete_fields = ["user"]
    readonly_fields = ["invited_at", "accepted_at", "reminded_at", "created_at"]
    actions = ["export_csv", "resend_invitation"]

    @admin.display(description=_("stage"))
    def stage_label(self, obj):
        return obj.stage_label

    @admin.action(description=_("Export the selected hires to CSV"))
    def export_csv(self, request, queryset):
        return hires_csv_response(queryset.order_by("company__name", "start_date"), filename="hires.csv")

    @admin.action(description=_("Send the invitation again"))
    def resend_invitation(self, request, queryset):
        count = sum(
            services.hire_invite(hire=hire, resend=True) for hire in queryset.select_related("company")
        )
        self.message_user(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", count) % {"count": count},
        )


@admin.register(ProfessionalField)
class ProfessionalFieldAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


class DocumentInline(admin.TabularInline):
    model = WorkingGroupDocument
    extra = 0
    fields = ["title", "kind", "file", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members", "meetings"]
    inlines = [DocumentInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "meetings":
            from events.models import Audience, Event

            kwargs["queryset"] = Event.objects.filter(audience=Audience.COMPANIES).order_by("-starts_at")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ServiceRequestInline(admin.TabularInline):
    model = ServiceRequest
    extra = 0
    readonly_fields = ["company", "requested_by", "message", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ServiceOffer)
class ServiceOfferAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["title", "company", "active"]
    list_filter = ["active", "company"]
    list_select_related = ["company"]
    inlines = [ServiceRequestInline]


@admin.register(JobOpening)
class JobOpeningAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["title", "company", "municipality", "deadline", "published", "open_to_partners"]
    list_filter = ["published", "open_to_partners", "company", "professional_field", "municipality"]
    list_select_related = ["company", "municipality"]
    search_fields = ["title", "company__name"]


@admin.register(Campaign)
class CampaignAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["title", "starts_on", "ends_on", "published"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["openings"]


@admin.register(TalentCandidate)
class TalentCandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "professional_field", "education", "permit", "confirmed_at", "created_at"]
    list_filter = ["professional_field", "education", "permit", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "email"]
    readonly_fields = ["consent_at", "confirmed_at", "created_at"]
    actions = ["withdraw"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # removal goes through the service, which deletes the CV too
        return actions

    def delete_model(self, request, obj):
        services.candidate_withdraw(candidate=obj)

    @admin.action(description=_("Remove the selected candidates and their CVs"), permissions=["delete"])
    def withdraw(self, request, queryset):
        count = 0
        for candidate in queryset:
            services.candidate_withdraw(candidate=candidate)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d candidate removed.", "%(count)d candidates removed.", count)
            % {"count": count},
            messages.SUCCESS,
        )
