"""Newcomers' own stories about life in the region ("take-over"), with photos."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.uploads import UploadPath

from .validators import validate_story_photo

MAX_PHOTOS = 3


class StoryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Story.Status.PUBLISHED, author__is_active=True)


class Story(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for the coordinator")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="stories"
    )
    # Translated (stories/translation.py): the author writes in one language, the coordinator may
    # add the other.
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("story"))
    language = models.CharField(
        _("written in"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    consent_at = models.DateTimeField(
        _("author's consent to publish"),
        null=True,
        blank=True,
        help_text=_("When the author agreed that the story and its photos may be published."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "published_at"])]
        constraints = [
            # Nothing is published without the author's consent, and a published story has a date.
            models.CheckConstraint(
                condition=~Q(status="published") | Q(consent_at__isnull=False, published_at__isnull=False),
                name="story_published_with_consent_and_date",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def editable_by_author(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED)

    def clean(self):
        if self.status == self.Status.PUBLISHED and self.consent_at is None:
            raise ValidationError(_("A story is published only with its author's consent."))


class StoryPhoto(models.Model):
    story = models.ForeignKey(Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(
        _("photo"), upload_to=UploadPath("stories/photos"), validators=[validate_story_photo]
    )
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=200,
        help_text=_("What the photo shows, for people who cannot see it (read aloud by screen readers)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(alt_text=""), name="story_photo_has_alt_text")]

    def __str__(self):
        return self.alt_text
