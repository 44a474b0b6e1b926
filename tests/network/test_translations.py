"""Every visible string reaches Norwegian users translated, and the committed .mo matches its .po."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR)
SKIP_DIRS = {".venv", "var", "staticfiles", "node_modules", ".git", "test-artifacts"}


def _project_files(pattern: str):
    for path in ROOT.rglob(pattern):
        if not SKIP_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


PO_FILES = sorted(_project_files("*.po"))


def test_the_project_has_a_norwegian_catalogue():
    assert ROOT / "locale" / "nb" / "LC_MESSAGES" / "django.po" in PO_FILES


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated_and_not_fuzzy(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {po_path}: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy in {po_path}: {fuzzy[:20]}"


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_mo_matches_the_po(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run compilemessages and commit it"
    po = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.pofile(str(po_path)).translated_entries()
    }
    mo = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(mo_path)) if e.msgid}
    assert po == mo, f"{mo_path} is out of date with {po_path}: run compilemessages and commit it"


# --- Templates: visible text must sit inside translation tags -------------------------------------

TEMPLATE_FILES = sorted(
    p for p in _project_files("*.html") if "templates" in p.parts and "static" not in p.parts
) + sorted(p for p in _project_files("*.txt") if "templates" in p.parts)

# Text that needs no translation: names, numbers, punctuation, symbols, HTML entities.
ALLOWED_LITERALS = {
    "Søndre Viken",
    "OpenStreetMap",
    "BankID",
    "NOK",
    "ICS",
    "iCal",
    "PDF",
    "CSV",
    "JSON",
    "E-mail",
}
_ENTITY = re.compile(r"&[#\w]+;")
_TAG = re.compile(r"<[^>]*>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_ATTR = re.compile(r'\b(alt|title|placeholder|aria-label|aria-description)="([^"{]*[A-Za-zÆØÅæøå][^"{]*)"')


def _visible_words(text: str) -> list[str]:
    text = _COMMENT.sub(" ", text)
    text = _SCRIPT_STYLE.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _ENTITY.sub(" ", text)
    for literal in ALLOWED_LITERALS:
        text = text.replace(literal, " ")
    return re.findall(r"[A-Za-zÆØÅæøå]{2,}", text)


def _untranslated(source: str) -> list[str]:
    problems = []
    inside_translation = 0
    inside_comment = 0
    blocks: list[str] = []  # names of open {% block %}s: those ending in "_class" hold CSS classes
    # Join the template text outside translation blocks, dropping template tags and variables.
    chunks = []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in {"blocktranslate", "blocktrans"}:
                inside_translation += 1
            elif name in {"endblocktranslate", "endblocktrans"}:
                inside_translation -= 1
            elif name == "block":
                blocks.append(token.contents.split()[1])
            elif name == "endblock" and blocks:
                blocks.pop()
            elif name == "comment":
                inside_comment += 1
            elif name == "endcomment":
                inside_comment -= 1
            chunks.append(" ")
        elif (
            token.token_type == TokenType.TEXT
            and not inside_translation
            and not inside_comment
            and not (blocks and blocks[-1].endswith("_class"))
        ):
            chunks.append(token.contents)
        else:
            chunks.append(" ")
    text = "".join(chunks)
    for _attr, value in _ATTR.findall(text):
        if _visible_words(value):
            problems.append(value.strip())
    text = _ATTR.sub(" ", text)
    words = _visible_words(text)
    if words:
        problems.append(" ".join(words)[:120])
    return problems


def test_the_checker_finds_untranslated_text():
    assert _untranslated("<p>Hello world</p>")
    assert _untranslated('<img alt="A photo">')
    assert not _untranslated("{% load i18n %}<p>{% translate 'Hello' %}</p><p>{{ name }} · 2026</p>")
    assert not _untranslated("{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}")
    assert not _untranslated("<img alt=\"{% translate 'A photo' %}\">")


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_untranslated_visible_text(path):
    problems = _untranslated(path.read_text())
    assert not problems, f"{path.relative_to(ROOT)} has text outside translate tags: {problems}"
