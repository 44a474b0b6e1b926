import pytest

from network.models import User
from newcomers import services
from newcomers.models import ErasureRecord, NewcomerProfile

from .factories import NewcomerProfileFactory

pytestmark = pytest.mark.django_db


def test_account_erasure_start_closes_the_account_and_erases_only_after_commit(
    django_capture_on_commit_callbacks,
):
    profile = NewcomerProfileFactory()
    user = profile.user

    with django_capture_on_commit_callbacks() as callbacks:
        erasure = services.account_erasure_start(user=user)
        assert not User.objects.get(pk=user.pk).is_active
        assert NewcomerProfile.objects.filter(pk=profile.pk).exists()
        assert erasure.completed_at is None

    assert len(callbacks) == 1
    callbacks[0]()
    assert not User.objects.filter(pk=user.pk).exists()
    assert ErasureRecord.objects.get(pk=erasure.pk).completed_at is not None
