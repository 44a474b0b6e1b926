from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def validate_organisation_number(value: str) -> None:
    """A Norwegian organisation number: nine digits, the last a MOD11 check digit."""
    digits = (value or "").replace(" ", "")
    if len(digits) != 9 or not digits.isdigit():
        raise ValidationError(_("An organisation number has exactly nine digits."), code="org_number_format")
    if organisation_number_complete(digits[:8]) != digits:
        raise ValidationError(
            _("%(value)s is not a valid organisation number (the check digit does not match)."),
            code="org_number_checksum",
            params={"value": value},
        )


# --- uploads: the type is decided by the file's first bytes, never by its name or the browser ---

MB = 1024 * 1024
_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    # Word/Excel/PowerPoint and OpenDocument files are ZIP containers.
    "office": (b"PK\x03\x04",),
}
_KIND_LABELS = {
    "pdf": "PDF",
    "png": "PNG",
    "jpeg": "JPEG",
    "office": "Word/Excel/PowerPoint/OpenDocument",
}


def sniff(file) -> str | None:
    """The kind of an uploaded file by its content, or None if it is none we accept."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    for kind, signatures in _SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


@deconstructible
class UploadValidator:
    """Checks an upload's size and, by its content, its type (a deconstructible class, so migrations can name it)."""

    def __init__(self, *, kinds: tuple[str, ...], max_mb: int):
        self.kinds = tuple(kinds)
        self.max_mb = max_mb

    def __call__(self, file) -> None:
        if file.size > self.max_mb * MB:
            raise ValidationError(
                _("The file is too large (%(size)s MB); the limit is %(max)s MB."),
                code="file_too_large",
                params={"size": round(file.size / MB, 1), "max": self.max_mb},
            )
        if sniff(file) not in self.kinds:
            raise ValidationError(
                _("This file type is not accepted. Upload one of: %(kinds)s."),
                code="file_type",
                params={"kinds": ", ".join(_KIND_LABELS[k] for k in self.kinds)},
            )

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.kinds, self.max_mb) == (other.kinds, other.max_mb)


validate_logo = UploadValidator(kinds=("png", "jpeg"), max_mb=2)
validate_document = UploadValidator(kinds=("pdf", "office"), max_mb=10)
validate_cv = UploadValidator(kinds=("pdf",), max_mb=5)


def organisation_number_complete(first_eight: str) -> str | None:
    """The nine-digit number with its MOD11 check digit, or None when no valid check digit exists."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, _WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return None if check == 10 else f"{first_eight}{check}"
