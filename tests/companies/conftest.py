import pytest

from .factories import HRStaffFactory


@pytest.fixture
def hr(client):
    """An HR staff position at a member company, logged in."""
    position = HRStaffFactory()
    client.force_login(position.user)
    return position
