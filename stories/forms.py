from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import MAX_PHOTOS
from .services import NewPhoto
from .validators import PHOTO_MAX_MB, validate_story_photo


class StoryForm(forms.Form):
    """A story, its consent and up to MAX_PHOTOS new photos, each with its description (alt text)."""

    title = forms.CharField(label=_("Title"), max_length=150)
    body = forms.CharField(
        label=_("Your story"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("A few paragraphs about your life in the region: what surprised you, what you enjoy."),
    )
    language = forms.ChoiceField(label=_("I wrote it in"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(
        label=_("I agree that the network may publish this story and its photos on its website"),
        help_text=_("You can unpublish it at any time: it is taken off the site at once."),
        required=False,
    )

    def __init__(self, *args, existing_photos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.photo_slots = photo_slots = MAX_PHOTOS - len(existing_photos)
        if existing_photos:
            self.fields["remove_photos"] = forms.TypedMultipleChoiceField(
                label=_("Remove these photos"),
                choices=[(photo.pk, photo.alt_text) for photo in existing_photos],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        for number in range(1, photo_slots + 1):
            self.fields[f"photo_{number}"] = forms.FileField(
                label=_("Photo %(number)s") % {"number": number},
                required=False,
                validators=[validate_story_photo],
                help_text=_("PNG or JPEG, at most %(max)s MB.") % {"max": PHOTO_MAX_MB},
                widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
            )
            self.fields[f"alt_{number}"] = forms.CharField(
                label=_("What photo %(number)s shows") % {"number": number},
                max_length=200,
                required=False,
                help_text=_("Required with a photo: read aloud to people who cannot see it."),
            )

    def clean(self):
        cleaned = super().clean()
        for number in range(1, self.photo_slots + 1):
            photo, alt = cleaned.get(f"photo_{number}"), (cleaned.get(f"alt_{number}") or "").strip()
            if photo and not alt:
                self.add_error(f"alt_{number}", _("Describe what the photo shows."))
        return cleaned

    def remove_photo_ids(self) -> list[int]:
        return list(self.cleaned_data.get("remove_photos") or [])

    def photos(self) -> list[NewPhoto]:
        return [
            NewPhoto(file=self.cleaned_data[f"photo_{n}"], alt_text=self.cleaned_data[f"alt_{n}"].strip())
            for n in range(1, self.photo_slots + 1)
            if self.cleaned_data.get(f"photo_{n}")
        ]
