from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CareerProfile, CompanyInterest, OpeningInterest


class OpeningInterestInline(admin.TabularInline):
    model = OpeningInterest
    extra = 0
    raw_id_fields = ["opening"]


class CompanyInterestInline(admin.TabularInline):
    model = CompanyInterest
    extra = 0
    raw_id_fields = ["company", "marked_by"]


@admin.register(CareerProfile)
class CareerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "norwegian_level", "looking_since", "found_work_on", "found_work_how", "shown"]
    list_filter = ["norwegian_level", "found_work_how", "education", "professional_fields"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    raw_id_fields = ["user"]
    filter_horizontal = ["professional_fields"]
    inlines = [OpeningInterestInline, CompanyInterestInline]

    @admin.display(boolean=True, description=_("shown to companies"))
    def shown(self, obj):
        return obj.shown_to_companies
