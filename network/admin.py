from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from .admin_translation import TranslationStatusMixin
from .models import ContactPerson, InfoPage, Municipality, OutgoingMail, Region, TravelTime, User


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
class RegionAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactPersonInline, MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["name", "number", "region", "population", "position"]
    list_editable = ["position"]
    list_select_related = ["region"]
    search_fields = ["name", "number"]
    prepopulated_fields = {"slug": ["name"]}
    # The municipalities' websites are https; an address typed without a scheme gets it.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "language", "created_at", "sent_at", "attempts"]
    list_filter = ["language", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject", "key"]
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]

    def has_add_permission(self, request):
        return False


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Not reviewed for 12 months"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(last_reviewed__lt=info_review_due_before())
        return queryset


def info_review_due_before():
    import datetime as dt

    from django.utils import timezone

    return timezone.localdate() - dt.timedelta(days=365)


@admin.register(InfoPage)
class InfoPageAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["title", "topic", "municipality", "published", "last_reviewed", "review_due", "preview"]
    list_filter = [ReviewDueFilter, "topic", "municipality", "published"]
    list_select_related = ["municipality"]
    search_fields = ["title_nb", "title_en", "body_nb", "body_en"]
    prepopulated_fields = {"slug": ["title_en"]}

    @admin.display(description=_("needs review"), boolean=True)
    def review_due(self, obj):
        return obj.last_reviewed < info_review_due_before()

    @admin.display(description=_("preview"))
    def preview(self, obj):
        from django.urls import reverse
        from django.utils.html import format_html

        return format_html('<a href="{}">{}</a>', reverse("info:page", kwargs={"slug": obj.slug}), _("View"))

    def changelist_view(self, request, extra_context=None):
        due = InfoPage.objects.filter(last_reviewed__lt=info_review_due_before()).count()
        if due:
            from django.contrib import messages
            from django.utils.translation import ngettext

            messages.warning(
                request,
                ngettext(
                    "%(count)d page has not been reviewed for 12 months.",
                    "%(count)d pages have not been reviewed for 12 months.",
                    due,
                )
                % {"count": due},
            )
        return super().changelist_view(request, extra_context)


@admin.register(TravelTime)
class TravelTimeAdmin(admin.ModelAdmin):
    list_display = ["origin", "destination", "car_minutes", "transit_minutes"]
    list_editable = ["car_minutes", "transit_minutes"]
    list_filter = ["origin"]
    list_select_related = ["origin", "destination"]
