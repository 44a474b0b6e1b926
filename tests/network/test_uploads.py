"""Uploads are judged by their content and never trusted by their name (network/uploads.py)."""

import io
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from network.uploads import UploadPath, UploadValidator, pdf_has_active_content

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
documents = UploadValidator(kinds=("pdf", "office"), max_mb=10)


def _pdf_with_stream(content: bytes) -> bytes:
    stream = zlib.compress(content)
    return (
        b"%%PDF-1.7\n1 0 obj<</Length %d/Filter/FlateDecode>>stream\n" % len(stream)
        + stream
        + b"\nendstream\nendobj\ntrailer<<>>\n%%EOF\n"
    )


def _zip(names) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def _upload(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_plain_pdf_and_a_real_office_file_are_accepted():
    documents(_upload("minutes.pdf", PDF, "application/pdf"))
    documents(_upload("minutes.pdf", _pdf_with_stream(b"BT /F1 12 Tf (Hello) Tj ET"), "application/pdf"))
    docx = _zip(["[Content_Types].xml", "word/document.xml"])
    documents(
        _upload("plan.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    )
    documents(_upload("plan.odt", _zip(["mimetype", "content.xml"]), "application/octet-stream"))


@pytest.mark.parametrize(
    ("name", "content", "content_type", "code"),
    [
        ("minutes.html", PDF, "application/pdf", "file_type_mismatch"),
        ("minutes.pdf", PDF, "text/html", "file_type_mismatch"),
        ("minutes.pdf.exe", PDF, "application/pdf", "file_type_mismatch"),
        (
            "script.pdf",
            PDF.replace(b"<<>>", b"<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>"),
            "application/pdf",
            "pdf_active",
        ),
        ("hidden.pdf", _pdf_with_stream(b"<</S/Launch/F(cmd.exe)>>"), "application/pdf", "pdf_active"),
        ("archive.docx", _zip(["evil.exe"]), "application/zip", "office"),
        ("page.pdf", b"<html><script>alert(1)</script>", "application/pdf", "file_type"),
    ],
)
def test_hostile_uploads_are_refused_with_a_reason(name, content, content_type, code):
    with pytest.raises(ValidationError) as refused:
        documents(_upload(name, content, content_type))
    assert refused.value.code == code


def test_inflating_pdf_streams_stops_at_the_budget():
    bomb = _pdf_with_stream(b"\0" * (4 * 1024 * 1024))  # a few KB that inflate to 4 MB
    assert len(bomb) < 10_000
    assert pdf_has_active_content(bomb, budget=1024 * 1024)  # over budget: suspect, not inflated on
    assert not pdf_has_active_content(bomb, budget=8 * 1024 * 1024)


def test_stored_names_are_random_and_keep_only_a_known_extension():
    path = UploadPath("companies/cv")
    first, second = path(None, "../../etc/passwd.PDF"), path(None, "cv.pdf")
    assert first.startswith("companies/cv/") and first.endswith(".pdf") and ".." not in first
    assert first != second
    assert path(None, "evil.html").count(".") == 0
