"""Runs this app's part of the authorization matrix on its own (the quality suite runs all apps)."""

import pytest
from django.urls import reverse

from tests.quality.world import ROLES, build_world

from . import authz

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(authz.URLS))
def test_matrix(client, name):
    world = build_world()
    authz.setup(world)
    kwargs_for, expected = authz.URLS[name]
    path = reverse(name, kwargs=kwargs_for(world) or None)
    for role in ROLES:
        client.logout()
        if user := world.user(role):
            client.force_login(user)
        assert client.get(path).status_code == expected[role], (name, role)


def test_every_events_url_is_in_the_matrix():
    from events import urls

    names = {f"events:{p.name}" for p in urls.urlpatterns if getattr(p, "name", None)}
    assert names <= set(authz.URLS)
