from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from .models import ContactPerson, Municipality, OutgoingMail, Region, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "kind", "language", "is_staff", "date_joined"]
    list_filter = ["kind", "language", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "kind", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "kind", "password1", "password2")}),)


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0
    fields = ["name", "slug", "number", "position", "population"]
    show_change_link = True


class ContactPersonInline(TranslationStackedInline):
    model = ContactPerson
    extra = 0


@admin.register(Region)
class RegionAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactPersonInline, MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(TabbedTranslationAdmin):
    list_display = ["name", "number", "region", "population", "position"]
    list_editable = ["position"]
    list_select_related = ["region"]
    search_fields = ["name", "number"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "language", "created_at", "sent_at", "attempts"]
    list_filter = ["language", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject", "key"]
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]

    def has_add_permission(self, request):
        return False
