"""Uploaded files: accepted by their content, stored under names we make, served as downloads.

Every upload is hostile until shown otherwise:
- its type is decided by its first bytes (`sniff`), and the name and type the browser declared must
  agree with that (a PNG called `logo.html` is refused);
- PDFs are read for active content (JavaScript, launch actions, embedded files), inflating their
  compressed streams with a hard budget so that a small "zip bomb" cannot exhaust the server;
- office files must be real OOXML/OpenDocument containers, with a bounded number of entries;
- it is stored as `<folder>/<random>.<extension of the detected type>` (`UploadPath`), so nothing
  the client chose ever reaches the file system;
- it is served by permission-checked views through `serve_upload`: the detected type (or
  `application/octet-stream`), `Content-Disposition: attachment` with a safe name, and `nosniff`.
"""

import io
import os
import re
import uuid
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    # Word/Excel/PowerPoint and OpenDocument files are ZIP containers.
    "office": (b"PK\x03\x04",),
}
KIND_LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG", "office": "Word/Excel/PowerPoint/OpenDocument"}
# The file name endings each kind may be declared with; the first is used when storing it.
EXTENSIONS = {
    "pdf": (".pdf",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "office": (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "office": "application/octet-stream",
}
# What browsers declare for each kind; anything else that is not a generic type is a mismatch.
_DECLARED_TYPES = {
    "pdf": {"application/pdf", "application/x-pdf"},
    "png": {"image/png"},
    "jpeg": {"image/jpeg", "image/pjpeg"},
    "office": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/zip",
    },
}
_GENERIC_TYPES = {"", "application/octet-stream", "binary/octet-stream"}

# PDF inspection: how much inflated data all of a file's streams may produce together.
PDF_INFLATE_BUDGET = 32 * MB
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b")
_PDF_STREAM = re.compile(rb"stream\r?\n")
OFFICE_MAX_ENTRIES = 2000
_UNSAFE_IN_NAMES = re.compile(r"[^\w-]+")


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


def _read_all(file) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    data = file.read()
    file.seek(position)
    return data


def pdf_has_active_content(data: bytes, *, budget: int = PDF_INFLATE_BUDGET) -> bool:
    """Whether a PDF holds JavaScript, launch actions or embedded files, in plain or compressed objects.

    Compressed streams are inflated with at most `budget` bytes of output in all; a file that would
    need more is treated as suspect (True) rather than inflated further.
    """
    if _PDF_ACTIVE.search(data):
        return True
    for match in _PDF_STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        if end < 0:
            break
        inflater = zlib.decompressobj()
        try:
            chunk = inflater.decompress(data[match.end() : end], budget + 1)
        except zlib.error:
            continue  # not a Flate stream (images, fonts): nothing to read in it
        budget -= len(chunk)
        if budget < 0 or inflater.unconsumed_tail:
            return True
        if _PDF_ACTIVE.search(chunk):
            return True
    return False


def office_is_container(file) -> bool:
    """Whether a ZIP upload is an OOXML or OpenDocument file (read from its directory, not inflated)."""
    try:
        with zipfile.ZipFile(io.BytesIO(_read_all(file))) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    if len(names) > OFFICE_MAX_ENTRIES:
        return False
    return "[Content_Types].xml" in names or "mimetype" in names


def declared_kind_agrees(file, kind: str) -> bool:
    """Whether the name and type the browser declared fit the kind the content shows."""
    name = (getattr(file, "name", "") or "").lower()
    if not name.endswith(EXTENSIONS[kind]):
        return False
    # A model's FieldFile wraps the browser's upload (which carries the declared type) until saved.
    upload = file if hasattr(file, "content_type") else getattr(file, "file", None)
    declared = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    return declared in _GENERIC_TYPES or declared in _DECLARED_TYPES[kind]


@deconstructible
class UploadValidator:
    """Checks an upload's size, its type by content, the declared name and type, and what's inside."""

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
        kind = sniff(file)
        if kind not in self.kinds:
            raise ValidationError(
                _("This file type is not accepted. Upload one of: %(kinds)s."),
                code="file_type",
                params={"kinds": ", ".join(KIND_LABELS[k] for k in self.kinds)},
            )
        # A file already stored was checked when it came in; only a new upload carries a declaration.
        if not getattr(file, "_committed", False):
            if not declared_kind_agrees(file, kind):
                raise ValidationError(
                    _("The file's name or type does not match its content (%(kind)s)."),
                    code="file_type_mismatch",
                    params={"kind": KIND_LABELS[kind]},
                )
        if kind == "pdf" and pdf_has_active_content(_read_all(file)):
            raise ValidationError(
                _("PDFs with scripts, actions or embedded files are not accepted."), code="pdf_active"
            )
        if kind == "office" and not office_is_container(file):
            raise ValidationError(
                _("This is not a Word, Excel, PowerPoint or OpenDocument file."), code="office"
            )

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.kinds, self.max_mb) == (other.kinds, other.max_mb)


@deconstructible
class UploadPath:
    """`upload_to` that stores a file as `<folder>/<random hex><extension>`, ignoring the client's name.

    The extension is the validated one (the validator has made sure it fits the content).
    """

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = os.path.splitext(filename or "")[1].lower()
        known = {ext for extensions in EXTENSIONS.values() for ext in extensions}
        return f"{self.folder}/{uuid.uuid4().hex}{extension if extension in known else ''}"

    def __eq__(self, other):
        return isinstance(other, UploadPath) and self.folder == other.folder


def serve_upload(file_field, *, download_name: str) -> FileResponse:
    """Send a stored upload as a download: its detected type, a safe name, never rendered inline."""
    if not file_field:
        raise Http404
    try:
        handle = file_field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    kind = sniff(handle)
    extension = EXTENSIONS[kind][0] if kind in EXTENSIONS else ""
    if kind == "office":
        extension = os.path.splitext(file_field.name)[1].lower() or extension
    # Letters, digits and dashes only: no path, no second extension, no header injection.
    stem = _UNSAFE_IN_NAMES.sub("-", download_name).strip("-")[:80] or "file"
    name = f"{stem}{extension}"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
