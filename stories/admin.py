from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from network.admin_translation import TranslationStatusMixin

from . import services
from .models import Story, StoryPhoto
from .privacy import photo_files_delete_after_commit


class StoryPhotoInline(admin.TabularInline):
    model = StoryPhoto
    extra = 0
    fields = ["image", "alt_text", "position"]


@admin.register(Story)
class StoryAdmin(TranslationStatusMixin, TabbedTranslationAdmin):
    """The coordinator reads, edits and translates stories; publishing and unpublishing go through
    the actions (the same services as the author's buttons), so consent is always checked."""

    list_display = ["title", "author", "language", "status", "consent_given", "published_at"]
    list_filter = ["status", "language"]
    search_fields = ["title_nb", "title_en", "author__email", "author__first_name", "author__last_name"]
    raw_id_fields = ["author"]
    readonly_fields = ["status", "consent_at", "published_at", "created_at"]
    fields = ["author", "language", "title", "body", "status", "consent_at", "published_at", "created_at"]
    inlines = [StoryPhotoInline]
    actions = ["publish", "unpublish"]

    def save_formset(self, request, form, formset, change):
        # A photo the coordinator removes takes its file with it (once the change has committed).
        super().save_formset(request, form, formset, change)
        photo_files_delete_after_commit(getattr(formset, "deleted_objects", []))

    def delete_model(self, request, obj):
        photo_files_delete_after_commit(list(obj.photos.all()))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        photo_files_delete_after_commit(list(StoryPhoto.objects.filter(story__in=queryset)))
        super().delete_queryset(request, queryset)

    @admin.display(boolean=True, description=_("consent to publish"))
    def consent_given(self, obj):
        return obj.consent_at is not None

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The story's own language is what must be filled in, not Norwegian: the author wrote in
        one language and the coordinator may add the other (the admin would require the default one)."""
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class StoryAdminForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, field in self.fields.items():
                    if name.startswith(("title_", "body_")):
                        field.required = False

            def clean(self):
                cleaned = super().clean()
                language = cleaned.get("language")
                for name in ("title", "body"):
                    if language and not (cleaned.get(f"{name}_{language}") or "").strip():
                        self.add_error(
                            f"{name}_{language}", _("Fill in the language the story is written in.")
                        )
                return cleaned

        return StoryAdminForm

    @admin.action(description=_("Approve and publish the selected stories"))
    def publish(self, request, queryset):
        published, refused = 0, []
        for story in queryset:
            try:
                services.story_publish(user=request.user, story_id=story.pk)
            except services.StoryError as error:
                refused.append(f"“{story}”: {error.message}")
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(count)d story was published.", "%(count)d stories were published.", published)
                % {"count": published},
                messages.SUCCESS,
            )
        for reason in refused:
            self.message_user(request, _("Not published: %(reason)s") % {"reason": reason}, messages.WARNING)

    @admin.action(description=_("Unpublish the selected stories"))
    def unpublish(self, request, queryset):
        count = sum(services.story_unpublish(user=request.user, story_id=story.pk) for story in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d story was taken off the website.",
                "%(count)d stories were taken off the website.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
