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
    # A real password is never echoed into the logs; only the published demo one is printed.
    assert "pw-Long-enough-1" not in out and "the one you gave" in out
    user = User.objects.get()
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Coordinator").exists()
    assert user.check_password("pw-Long-enough-1")


def test_outside_demo_mode_the_coordinator_gets_no_password_but_a_one_time_link(capsys, settings, client):
    from network.models import User

    settings.DEMO_DATA = False
    call_command("ensure_coordinator", email="boss@example.com", password=None)
    out = capsys.readouterr().out
    user = User.objects.get()
    assert not user.has_usable_password() and not user.check_password("viken-demo-2026")
    assert "viken-demo-2026" not in out
    link = next(word for word in out.split() if "/accounts/password/reset/key/" in word)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(f"/{path}", follow=True)
    assert response.status_code == 200 and "password1" in response.content.decode()
    # Run again (every start of the web container): still no password, and none is invented.
    call_command("ensure_coordinator", email="boss@example.com", password=None)
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_in_demo_mode_the_coordinator_gets_the_readme_password(capsys, settings):
    from network.models import User

    settings.DEMO_DATA = True
    call_command("ensure_coordinator", email="demo@example.com", password=None)
    assert User.objects.get().check_password("viken-demo-2026")
    assert "viken-demo-2026" in capsys.readouterr().out
