"""Load a whole region from one YAML file (`manage.py bootstrap_region FILE`, docs/regions/README.md).

The file is read with line numbers, checked completely before anything is written, and applied in
one transaction keyed on slugs and numbers: a bad file leaves nothing behind, and loading the same
file twice changes nothing. Apps above `network` add their own top-level keys (categories, checklist
items) through `region_section_register`, so that this module imports none of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from PIL import Image, UnidentifiedImageError

from .models import (
    REGION_LOGO_KINDS,
    REGION_LOGO_MAX_MB,
    ContactPerson,
    InfoPage,
    Municipality,
    Region,
    TravelTime,
)
from .selectors import region_cache_clear
from .uploads import UploadValidator


class RegionFileError(Exception):
    """A region file that cannot be loaded; the message names the line."""


class Node(dict):
    """A mapping from the file that remembers its own line and each key's line."""

    line: int = 0
    lines: dict


class Items(list):
    line: int = 0


class _Loader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = Node(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
        return mapping

    def construct_sequence(self, node, deep=False):
        items = Items(super().construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1
        return items


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Loader.construct_sequence)


@dataclass
class Report:
    """What a load did, for the command to print."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, label: str, created: bool, changed: bool = True) -> None:
        if created:
            self.created.append(label)
        elif changed:
            self.updated.append(label)


# key -> (loader(items, context) called inside the transaction, after the region's own parts).
_SECTIONS: dict[str, Callable[[object, LoadContext], None]] = {}


def region_section_register(key: str, loader: Callable[[object, LoadContext], None]) -> None:
    """Let an app above `network` load its own top-level key of a region file (in its `ready`)."""
    _SECTIONS[key] = loader


REGION_KEYS = {
    "name", "slug", "short_name", "tagline", "introduction", "sender", "colours", "logo",
    "municipalities", "neighbours", "travel_times", "contact_person", "practical_pages",
}  # fmt: skip
MUNICIPALITY_KEYS = {"name", "slug", "number", "population", "description", "website", "introduction",
                     *Municipality.PAGE_SECTIONS}  # fmt: skip
CONTACT_KEYS = {"name", "title", "email", "phone"}
PAGE_KEYS = {"slug", "topic", "municipality", "title", "summary", "body", "published", "last_reviewed"}


def fail(node, key: str | None, message: str) -> RegionFileError:
    line = node.lines.get(key, node.line) if key is not None and isinstance(node, Node) else node.line
    return RegionFileError(f"line {line}: {message}")


@dataclass
class LoadContext:
    region: Region
    municipalities: dict[str, Municipality]
    report: Report

    def translated(self, node: Node, key: str, *, required: bool = False) -> dict[str, str]:
        return translated(node, key, self.report, required=required)

    def municipality(self, node: Node, key: str) -> Municipality:
        slug = node[key]
        if slug not in self.municipalities:
            raise fail(node, key, f"unknown municipality {slug!r} (known: {', '.join(self.municipalities)})")
        return self.municipalities[slug]

    def save(self, obj, node: Node, label: str) -> None:
        save(obj, node, label)


def translated(node: Node, key: str, report: Report, *, required: bool = False) -> dict[str, str]:
    """`key: text` (the default language) or `key: {nb: …, en: …}` as modeltranslation's fields."""
    value = node.get(key)
    if value is None:
        if required:
            raise fail(node, None, f"{key!r} is required")
        return {}
    languages = [code for code, _ in settings.LANGUAGES]
    if isinstance(value, str):
        return {f"{key}_{settings.LANGUAGE_CODE}": value.strip()}
    if not isinstance(value, dict):
        raise fail(node, key, f"{key!r} must be a text or a mapping of languages to texts")
    fields = {}
    for language, text in value.items():
        if language not in languages:
            report.warnings.append(
                f"line {value.lines.get(language, value.line)}: language {language!r} is not configured "
                f"(LANGUAGES: {', '.join(languages)}); its text is ignored"
            )
            continue
        if not isinstance(text, str):
            raise fail(value, language, f"the {language!r} text of {key!r} must be a text")
        fields[f"{key}_{language}"] = text.strip()
    if required and not any(fields.values()):
        raise fail(node, key, f"{key!r} needs a text in at least one configured language")
    return fields


def save(obj, node: Node, label: str) -> None:
    try:
        obj.full_clean(validate_unique=False)
    except ValidationError as error:
        details = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
        raise fail(node, None, f"{label}: {details}") from error
    obj.save()


def mapping_checked(value, parent, key: str, known: set[str], required: tuple[str, ...] = ()) -> Node:
    if not isinstance(value, Node):
        raise fail(parent, key, f"{key!r} must be a mapping")
    for name in value:
        if name not in known:
            raise fail(value, name, f"unknown key {name!r} (allowed: {', '.join(sorted(known))})")
    for name in required:
        if value.get(name) in (None, ""):
            raise fail(value, None, f"{name!r} is required in {key!r}")
    return value


def _items(parent: Node, key: str) -> Items:
    value = parent.get(key, Items())
    if not isinstance(value, list):
        raise fail(parent, key, f"{key!r} must be a list")
    return value


def parse(text: str) -> Node:
    """The file as nodes with line numbers; a YAML syntax error becomes a RegionFileError."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise RegionFileError(f"line {mark.line + 1}: not valid YAML: {error.problem}") from error
    if not isinstance(data, Node):
        raise RegionFileError(
            "line 1: a region file is a mapping with at least name, slug and municipalities"
        )
    known = REGION_KEYS | set(_SECTIONS)
    return mapping_checked(data, data, "region", known, required=("name", "slug", "municipalities"))


def region_load(*, text: str, base_dir: Path | None = None) -> Report:
    """Check and apply a region file in one transaction; raises RegionFileError naming the line.

    `base_dir` is the file's folder: the logo is named relative to it (the current folder if None).
    """
    data = parse(text)
    logo = logo_read(data, base_dir or Path.cwd())
    report = Report()
    with transaction.atomic():
        ctx = _load_region(data, report)
        for key, loader in _SECTIONS.items():
            if key in data:
                loader(_items(data, key), ctx)
        # Last, so that a mistake further down the file leaves no stored file behind.
        if logo is not None:
            _logo_apply(ctx.region, logo, report)
    transaction.on_commit(region_cache_clear)
    region_cache_clear()
    return report


def _changed(obj, values: dict) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


def upsert(model, lookup: dict, values: dict, node: Node, label: str, report: Report):
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = created or _changed(obj, values)
    if changed:
        for name, value in values.items():
            setattr(obj, name, value)
        save(obj, node, label)
    report.count(label, created, changed)
    return obj


def _load_region(data: Node, report: Report) -> LoadContext:
    sender = mapping_checked(data.get("sender", Node()), data, "sender", {"name", "email"})
    colours = mapping_checked(data.get("colours", Node()), data, "colours", {"primary"})
    values = {
        "name": str(data["name"]),
        **translated(data, "short_name", report),
        **translated(data, "tagline", report),
        **translated(data, "introduction", report),
        "sender_name": str(sender.get("name", "")),
        "sender_email": str(sender.get("email", "")),
        "primary_colour": str(colours.get("primary", "")),
    }
    region = upsert(Region, {"slug": str(data["slug"])}, values, data, f"region {data['name']}", report)

    municipalities: dict[str, Municipality] = {}
    numbers: dict[str, int] = {}
    for position, item in enumerate(_items(data, "municipalities")):
        item = mapping_checked(
            item, data, "municipalities", MUNICIPALITY_KEYS, required=("name", "slug", "number")
        )
        if not isinstance(item["number"], str):
            # Unquoted, YAML reads 0301 as the octal number 193: the number must be quoted.
            raise fail(item, "number", f'quote the municipality number: number: "{item["number"]}"')
        slug, number = str(item["slug"]), item["number"]
        if slug in municipalities or number in numbers:
            raise fail(item, None, f"municipality {slug!r} or number {number} appears twice")
        numbers[number] = item.line
        other = Municipality.objects.filter(number=number).exclude(slug=slug).first()
        if other is not None:
            raise fail(item, "number", f"number {number} already belongs to {other.name}")
        values = {
            "region": region,
            "name": str(item["name"]),
            "number": number,
            "population": item.get("population"),
            "position": position,
        }
        for key in ("description", "website", "introduction", *Municipality.PAGE_SECTIONS):
            values.update(translated(item, key, report))
        municipalities[slug] = upsert(
            Municipality, {"slug": slug}, values, item, f"municipality {item['name']}", report
        )
    ctx = LoadContext(region=region, municipalities=municipalities, report=report)

    for pair in _items(data, "neighbours"):
        if not isinstance(pair, list) or len(pair) != 2:
            raise fail(data, "neighbours", "each neighbour entry is a pair: [slug, slug]")
        a, b = (_known(ctx, pair, slug) for slug in pair)
        if not a.neighbours.filter(pk=b.pk).exists():
            a.neighbours.add(b)  # symmetrical
            report.created.append(f"neighbours {a.name}–{b.name}")

    for item in _items(data, "travel_times"):
        item = mapping_checked(
            item, data, "travel_times", {"from", "to", "car", "transit"}, required=("from", "to", "car")
        )
        a, b = ctx.municipality(item, "from"), ctx.municipality(item, "to")
        TravelTime.objects.filter(origin=b, destination=a).delete()  # one row serves both ways
        upsert(
            TravelTime,
            {"origin": a, "destination": b},
            {"car_minutes": item["car"], "transit_minutes": item.get("transit")},
            item,
            f"travel time {a.name}–{b.name}",
            report,
        )

    if "contact_person" in data:
        item = mapping_checked(
            data["contact_person"], data, "contact_person", CONTACT_KEYS, ("name", "email", "phone")
        )
        values = {"name": item["name"], "email": item["email"], "phone": str(item["phone"])}
        values.update(translated(item, "title", report))
        upsert(ContactPerson, {"region": region}, values, item, f"contact person {item['name']}", report)

    for position, item in enumerate(_items(data, "practical_pages")):
        item = mapping_checked(
            item, data, "practical_pages", PAGE_KEYS, required=("slug", "topic", "title", "body")
        )
        if item["topic"] not in InfoPage.Topic.values:
            raise fail(
                item, "topic", f"unknown topic {item['topic']!r} (known: {', '.join(InfoPage.Topic.values)})"
            )
        values = {
            "topic": item["topic"],
            "municipality": ctx.municipality(item, "municipality") if item.get("municipality") else None,
            "published": bool(item.get("published", True)),
            "last_reviewed": item.get("last_reviewed") or timezone.localdate(),
            "position": position,
        }
        if not isinstance(values["last_reviewed"], dt.date):
            raise fail(item, "last_reviewed", "last_reviewed is a date such as 2026-01-31")
        for key in ("title", "summary", "body"):
            values.update(translated(item, key, report, required=key != "summary"))
        page = InfoPage.objects.filter(slug=item["slug"]).first()
        if page is not None and "last_reviewed" not in item:
            values["last_reviewed"] = page.last_reviewed  # not a change on a second run
        upsert(InfoPage, {"slug": str(item["slug"])}, values, item, f"practical page {item['slug']}", report)
    return ctx


def _known(ctx: LoadContext, pair: Items, slug: str) -> Municipality:
    if slug not in ctx.municipalities:
        raise RegionFileError(
            f"line {pair.line}: unknown municipality {slug!r} (known: {', '.join(ctx.municipalities)})"
        )
    return ctx.municipalities[slug]


@dataclass
class Logo:
    name: str
    data: bytes


def logo_read(data: Node, base_dir: Path) -> Logo | None:
    """The logo the file names, read and checked like an upload before anything is written."""
    if "logo" not in data or data["logo"] in (None, ""):
        return None
    if not isinstance(data["logo"], str):
        raise fail(data, "logo", "'logo' is the name of a PNG or JPEG file next to the region file")
    path = base_dir / data["logo"]
    try:
        content = path.read_bytes()
    except OSError as error:
        raise fail(
            data, "logo", f"logo file {data['logo']!r} cannot be read ({path}: {error.strerror})"
        ) from error
    upload = ContentFile(content, name=path.name)
    with translation.override("en"):  # the loader's messages are English, like the rest of them
        try:
            UploadValidator(kinds=REGION_LOGO_KINDS, max_mb=REGION_LOGO_MAX_MB)(upload)
            _image_verify(content)
        except ValidationError as error:
            raise fail(data, "logo", f"logo file {data['logo']!r}: {' '.join(error.messages)}") from error
    return Logo(name=path.name, data=content)


def _image_verify(content: bytes) -> None:
    # A PNG or JPEG signature followed by anything else is no image; Pillow reads the structure.
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError("The file is not a readable image.") from error


def _stored_digest(region: Region) -> str | None:
    if not region.logo:
        return None
    try:
        with region.logo.open("rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except FileNotFoundError:
        return None


def _logo_apply(region: Region, logo: Logo, report: Report) -> None:
    """Store the logo unless the region already has the same bytes (loading twice changes nothing)."""
    if _stored_digest(region) == hashlib.sha256(logo.data).hexdigest():
        return
    created = not region.logo
    region.logo.save(logo.name, ContentFile(logo.data, name=logo.name), save=False)
    region.save(update_fields=["logo"])
    report.count(f"logo of {region.name}", created)
