from django.utils.deconstruct import deconstructible

from network.uploads import UploadValidator


@deconstructible
class NewUploadValidator(UploadValidator):
    """Checks a new upload only: a stored CV was checked when it came in, and is not reopened each
    time the profile is saved (which would leave the file open)."""

    def __call__(self, file) -> None:
        if getattr(file, "_committed", False):
            return
        super().__call__(file)


# A partner's CV: a PDF or a Word/OpenDocument file, checked by content, at most 5 MB.
validate_career_cv = NewUploadValidator(kinds=("pdf", "office"), max_mb=5)
