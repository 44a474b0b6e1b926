from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from network.admin_translation import TranslationStatusMixin

from . import services
from .models import Answer, Choice, ContactNote, Departure, Invitation, Question, Response, Survey


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0
    fields = ["position", "key", "text", "kind", "required"]
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["name", "trigger", "active"]
    list_filter = ["trigger", "active"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [QuestionInline]


class ChoiceInline(TranslationTabularInline):
    model = Choice
    extra = 0
    fields = ["position", "key", "text"]


@admin.register(Question)
class QuestionAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    list_display = ["text", "survey", "kind", "position"]
    list_filter = ["survey", "kind"]
    inlines = [ChoiceInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["profile", "survey", "year", "sent_at", "reminded_at", "responded_at"]
    list_filter = ["survey", "year"]
    raw_id_fields = ["profile"]
    search_fields = ["profile__user__email", "profile__user__first_name", "profile__user__last_name"]
    # Invitations are made by the daily task only, so each is sent once.
    readonly_fields = ["profile", "survey", "year", "sent_at", "reminded_at", "responded_at"]

    def has_add_permission(self, request):
        return False


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "scale", "choices", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["survey", "year", "arrival_year", "municipality", "company", "submitted_at"]
    list_filter = ["survey", "year", "arrival_year", "municipality"]
    readonly_fields = [
        "survey",
        "invitation",
        "year",
        "arrival_year",
        "municipality",
        "company",
        "submitted_at",
    ]
    inlines = [AnswerInline]

    def has_add_permission(self, request):
        return False


@admin.register(Departure)
class DepartureAdmin(admin.ModelAdmin):
    list_display = ["profile", "left_on", "reason", "source"]
    list_filter = ["reason", "source"]
    raw_id_fields = ["profile"]
    search_fields = ["profile__user__email", "profile__user__first_name", "profile__user__last_name"]
    date_hierarchy = "left_on"
    fields = ["profile", "left_on", "reason", "source"]

    def save_model(self, request, obj, form, change):
        # Through the service, like "I have moved away" and HR's "left the region".
        saved = services.departure_record(
            profile=obj.profile, left_on=obj.left_on, reason=obj.reason, source=obj.source
        )
        obj.pk = saved.pk
        self.message_user(
            request, _("%(person)s is counted as having left the region.") % {"person": obj.profile}
        )


@admin.register(ContactNote)
class ContactNoteAdmin(admin.ModelAdmin):
    """Notes are written on the signals page (through the service) and kept as they were written."""

    list_display = ["profile", "kind", "contacted_by", "contacted_at"]
    list_filter = ["kind"]
    list_select_related = ["profile__user", "contacted_by"]
    search_fields = ["profile__user__email", "note"]
    readonly_fields = ["profile", "kind", "note", "contacted_by", "contacted_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
