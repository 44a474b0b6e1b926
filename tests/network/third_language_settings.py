"""A throwaway settings module with a third language, for tests/network/test_third_language.py."""

from network.settings_test import *  # noqa: F403
from network.settings_test import LANGUAGES, MODELTRANSLATION_FALLBACK_LANGUAGES

LANGUAGES = [*LANGUAGES, ("pl", "Polski")]
MODELTRANSLATION_FALLBACK_LANGUAGES = {**MODELTRANSLATION_FALLBACK_LANGUAGES, "pl": ("en", "nb")}
