from django.contrib import admin
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from network.admin_translation import TranslationStatusMixin

from .households import household_page
from .models import (
    AnonymousStat,
    ChecklistItem,
    ChecklistItemMunicipalLink,
    ChecklistTick,
    Child,
    ContactMessage,
    ErasureRecord,
    Interest,
    NewcomerProfile,
    Partner,
    PartnerRequest,
)
from .selectors import checklist_stuck_items
from .services import welcome_pack_send


class PartnerInline(admin.StackedInline):
    model = Partner
    extra = 0


class ChildInline(admin.TabularInline):
    model = Child
    extra = 0


class ChecklistTickInline(admin.TabularInline):
    model = ChecklistTick
    extra = 0
    readonly_fields = ("item", "done_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NewcomerProfile)
class NewcomerProfileAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "citizenship",
        "municipality",
        "employer",
        "arrival_date",
        "data_consent_at",
        "completed_at",
        "welcome_pack_sent_at",
        "ticks_done",
    )
    list_filter = (
        "municipality",
        "employer",
        ("completed_at", admin.EmptyFieldListFilter),
        "share_progress_with_employer",
    )
    list_select_related = ("user", "municipality", "employer")
    search_fields = ("user__email", "user__first_name", "user__last_name")
    readonly_fields = (
        "data_consent_at",
        "data_consent_version",
        "contact_by_mentors_at",
        "contact_by_companies_at",
        "completed_at",
        "welcome_pack_sent_at",
        "created_at",
        "updated_at",
        "household_case",
    )
    inlines = [PartnerInline, ChildInline, ChecklistTickInline]
    actions = ["resend_welcome_pack"]

    def get_queryset(self, request):
        # The newcomer's own count: ticks on retired items or items that no longer apply do not count.
        return super().get_queryset(request).with_checklist_progress()

    @admin.display(description=_("the household's case"))
    def household_case(self, obj):
        url_name = household_page()
        if not url_name or obj.pk is None:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse(url_name, args=[obj.pk]), _("Open the timeline"))

    @admin.display(description=_("checklist items done"), ordering="checklist_done")
    def ticks_done(self, obj):
        return obj.checklist_done

    @admin.action(description=_("Send the welcome pack again"))
    def resend_welcome_pack(self, request, queryset):
        sent = sum(
            1
            for profile in queryset.select_related("user")
            if welcome_pack_send(user=profile.user, force=True)
        )
        self.message_user(
            request,
            ngettext("%(count)d welcome pack sent.", "%(count)d welcome packs sent.", sent) % {"count": sent},
        )


@admin.register(Interest)
class InterestAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name_en",)}


# A link typed without a scheme becomes https://, as Django 6 will do (and without its warning).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class ChecklistItemMunicipalLinkInline(TranslationTabularInline):
    model = ChecklistItemMunicipalLink
    extra = 0
    formfield_overrides = HTTPS_LINKS
    # Like the item's own link: the municipality's English page where there is one.
    translation_status_exclude = ("link",)


@admin.register(ChecklistItem)
class ChecklistItemAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    inlines = [ChecklistItemMunicipalLinkInline]
    # The agency's page in the reader's language where it has one; otherwise the Norwegian page.
    translation_status_exclude = ("link",)
    formfield_overrides = HTTPS_LINKS
    list_display = (
        "title",
        "position",
        "for_nordic",
        "for_eu",
        "for_other",
        "only_with_children",
        "only_with_partner",
        "active",
    )
    list_editable = ("position", "active")
    list_filter = ("active", "for_nordic", "for_eu", "for_other", "only_with_children", "only_with_partner")
    search_fields = ("title_nb", "title_en")
    change_list_template = "admin/newcomers/checklistitem/change_list.html"

    def get_urls(self):
        return [
            path("stuck/", self.admin_site.admin_view(self.stuck_view), name="newcomers_checklist_stuck"),
            *super().get_urls(),
        ]

    def stuck_view(self, request):
        """Where people get stuck: items that stay open longest after onboarding."""
        context = {
            **self.admin_site.each_context(request),
            "rows": checklist_stuck_items(),
            "title": _("Where newcomers get stuck"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/newcomers/checklistitem/stuck.html", context)


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """The coordinator's inbox."""

    list_display = ("subject", "user", "created_at", "handled")
    list_filter = ("handled",)
    list_editable = ("handled",)
    list_select_related = ("user",)
    search_fields = ("subject", "message", "user__email")
    readonly_fields = ("user", "subject", "message", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    """Erasures done — deliberately without who."""

    list_display = ("requested_at", "completed_at")
    readonly_fields = ("requested_at", "completed_at")

    def has_add_permission(self, request):
        return False


@admin.register(AnonymousStat)
class AnonymousStatAdmin(admin.ModelAdmin):
    list_display = ("year", "municipality", "country_group", "citizenship", "arrival_year", "count")
    list_filter = ("year", "municipality", "country_group")
    readonly_fields = ("year", "municipality", "country_group", "citizenship", "arrival_year", "count")

    def has_add_permission(self, request):
        return False


@admin.register(PartnerRequest)
class PartnerRequestAdmin(admin.ModelAdmin):
    """People asking to join a household: for helping them. Only the newcomer asked decides."""

    list_display = ("requester", "email", "profile", "status", "created_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("requester", "profile__user")
    search_fields = ("email", "requester__email")
    readonly_fields = ("requester", "email", "profile", "status", "created_at", "decided_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
