from django.utils.deconstruct import deconstructible

from network.uploads import UploadValidator


@deconstructible
class NewUploadValidator(UploadValidator):
    """Checks a new upload only: a stored photo was checked when it came in, and is not reopened
    each time its story is saved in admin (which would leave the file open)."""

    def __call__(self, file) -> None:
        if getattr(file, "_committed", False):
            return
        super().__call__(file)


PHOTO_MAX_MB = 5
# A story's photo: PNG or JPEG, checked by content, at most 5 MB.
validate_story_photo = NewUploadValidator(kinds=("png", "jpeg"), max_mb=PHOTO_MAX_MB)
