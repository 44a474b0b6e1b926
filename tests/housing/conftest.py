import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(_default_language):
    """The services' messages are matched in English here; /nb/ pages are tested by URL."""
    with translation.override("en"):
        yield
