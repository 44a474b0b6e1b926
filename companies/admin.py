from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Company, HRStaff, ProfessionalField


class HRStaffInline(admin.TabularInline):
    model = HRStaff
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["joined_at"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_number", "municipality", "membership", "member_since"]
    list_filter = ["membership", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name", "organisation_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HRStaffInline]


@admin.register(ProfessionalField)
class ProfessionalFieldAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
