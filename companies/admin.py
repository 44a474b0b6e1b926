from django.contrib import admin

from .models import Company, HRStaff


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
