from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_component(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] is True
    assert body["cache"] is True
    assert body["broker"] is True


def test_healthz_is_503_when_the_database_is_down(client):
    from django.db import OperationalError

    with mock.patch("network.views.connections") as connections:
        connections.__getitem__.return_value.cursor.side_effect = OperationalError("down")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] is False
    assert response.json()["status"] == "error"


def test_healthz_is_503_when_the_broker_is_down(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch("network.celery.app.connection_for_write", side_effect=ConnectionError("no redis")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] is False
