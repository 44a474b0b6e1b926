import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation

from events.models import Category, SignUp

from .factories import CategoryFactory, EventFactory, SignUpFactory

pytestmark = pytest.mark.django_db


def test_event_must_end_after_it_starts():
    now = timezone.now()
    with pytest.raises(IntegrityError):
        EventFactory(starts_at=now, ends_at=now - dt.timedelta(hours=1))


def test_one_active_signup_per_person_and_event_in_the_database():
    signup = SignUpFactory()
    with pytest.raises(IntegrityError):
        SignUpFactory(event=signup.event, user=signup.user)


def test_a_cancelled_signup_does_not_block_a_new_one():
    signup = SignUpFactory(status=SignUp.Status.CANCELLED)
    assert SignUpFactory(event=signup.event, user=signup.user).pk


def test_waiting_list_position_only_when_waiting():
    with pytest.raises(IntegrityError):
        SignUpFactory(status=SignUp.Status.WAITING, waitlist_position=None)


def test_seats_counts_the_whole_party():
    assert SignUp(extra_adults=1, extra_children=2).seats == 4


def test_category_colour_is_validated():
    category = Category(name="X", slug="x", colour="red")
    with pytest.raises(ValidationError) as excinfo:
        category.full_clean()
    assert "colour" in excinfo.value.message_dict


def test_translated_name_falls_back_to_the_other_language():
    category = CategoryFactory(name_nb="", name_en="Culture")
    with translation.override("nb"):
        assert Category.objects.get(pk=category.pk).name == "Culture"
