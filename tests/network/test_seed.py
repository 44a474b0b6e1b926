import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model._meta.label: model.objects.count()
        for app in settings.PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def test_seed_demo_twice_gives_the_same_rows():
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first
    assert first["network.Municipality"] == 6
    assert first["network.Region"] == 1
    assert first["network.ContactPerson"] == 1


def test_ensure_coordinator_twice_creates_one_coordinator_in_the_group(capsys):
    from network.models import User

    call_command("ensure_coordinator", email="boss@example.com", password="pw-Long-enough-1")
    call_command("ensure_coordinator", email="BOSS@example.com", password="another-one")
    out = capsys.readouterr().out
    assert "boss@example.com" in out
    assert "pw-Long-enough-1" in out
    user = User.objects.get()
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Coordinator").exists()
    assert user.check_password("pw-Long-enough-1")
