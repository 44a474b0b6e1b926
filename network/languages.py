"""The languages people can say they speak: a fixed list of codes, shown by name in the page's language.

Stored as ISO 639 codes (a JSON list), so two people's languages can be compared; the names come from
Django's own list (already translated into Norwegian by Django) without its regional variants, plus
languages many newcomers to Norway speak that Django's list lacks.
"""

from django import forms
from django.conf import global_settings
from django.utils.translation import gettext, gettext_noop

_VARIANTS = {"ar-dz", "en-au", "en-gb", "es-ar", "es-co", "es-mx", "es-ni", "es-ve", "pt-br", "sr-latn"}
_REPLACED = {"zh-hans", "zh-hant", "ia", "io"}  # one "Chinese"; constructed languages nobody lists
_EXTRA = [
    ("am", gettext_noop("Amharic")),
    ("so", gettext_noop("Somali")),
    ("ti", gettext_noop("Tigrinya")),
    ("tl", gettext_noop("Tagalog")),
    ("zh", gettext_noop("Chinese")),
]

# (code, untranslated name): gettext() the name when showing it.
SPOKEN_LANGUAGES: list[tuple[str, str]] = [
    (code, name) for code, name in global_settings.LANGUAGES if code not in _VARIANTS | _REPLACED
] + _EXTRA
_NAMES = dict(SPOKEN_LANGUAGES)

ENGLISH = "en"
NORWEGIAN = {"nb", "nn"}


def language_name(code: str) -> str:
    """The language's name in the active language; an unknown code is shown as it is."""
    name = _NAMES.get(code)
    return gettext(name) if name else code


def language_choices() -> list[tuple[str, str]]:
    """The list for a form, sorted by name in the active language."""
    return sorted(((code, gettext(name)) for code, name in SPOKEN_LANGUAGES), key=lambda c: c[1].casefold())


class SpokenLanguagesField(forms.MultipleChoiceField):
    """Pick the languages one speaks from the list (a scrollable group of check boxes)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", language_choices)
        super().__init__(**kwargs)


# The Common European Framework's levels, for Norwegian (and other languages) spoken or required.
CEFR_LEVELS: list[tuple[str, str]] = [
    ("A1", "A1"),
    ("A2", "A2"),
    ("B1", "B1"),
    ("B2", "B2"),
    ("C1", "C1"),
    ("C2", "C2"),
]
CEFR_ORDER = {code: rank for rank, (code, _label) in enumerate(CEFR_LEVELS, start=1)}
