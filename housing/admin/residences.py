"""Residences with their units and photos, and the rules (one settings row)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from network.admin_translation import TranslationStatusMixin

from ..models import HousingSettings, Residence, ResidencePhoto, Unit


@admin.register(HousingSettings)
class HousingSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "min_stay_months", "max_stay_months", "book_ahead_months", "offer_days")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not HousingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fields = (
        "label",
        "kind",
        "beds",
        "size_m2",
        "furnished",
        "rent_nok",
        "deposit_nok",
        "step_free",
        "pets_allowed",
        "available_from",
        "active",
    )


class PhotoInline(TranslationTabularInline):
    model = ResidencePhoto
    extra = 0
    fields = ("image", "alt_text", "position")


@admin.register(Residence)
class ResidenceAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ("name", "municipality", "address", "published", "position")
    list_editable = ("published", "position")
    list_filter = ("municipality", "published")
    search_fields = ("name_nb", "name_en", "address")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [UnitInline, PhotoInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "published", "position")}),
        (_("Where"), {"fields": ("address", "postal_code", "postal_town", "municipality")}),
        (_("About"), {"fields": ("description", "house_rules", "facilities")}),
        (_("Contact"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
    )
