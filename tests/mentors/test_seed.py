"""The mentor scheme's demo data: volunteers of both kinds in every municipality, requests whose
suggestions show real reasons, matches at each stage, and a second run that changes nothing."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.utils import timezone, translation

from mentors import seed as mentors_seed
from mentors import services
from mentors.models import FollowUp, Match, MentorRequest, Scheme, Volunteer
from network import seed as network_seed
from network.models import OutgoingMail, User
from newcomers import seed as newcomers_seed

pytestmark = pytest.mark.django_db


def _seed(stdout=None):
    network_seed.seed()
    newcomers_seed.seed()
    mentors_seed.seed(stdout=stdout or io.StringIO())


def _state():
    return {
        "volunteers": sorted(
            Volunteer.objects.values_list(
                "user__email", "status", "status_changed_at", "capacity", "police_certificate_date"
            )
        ),
        "interests": sorted(Volunteer.interests.through.objects.values_list("volunteer_id", "interest_id")),
        "requests": sorted(
            MentorRequest.objects.values_list("pk", "user_id", "scheme", "status", "opened_at")
        ),
        "matches": sorted(
            Match.objects.values_list("pk", "request_id", "volunteer_id", "status", "activated_at")
        ),
        "follow_ups": sorted(FollowUp.objects.values_list("pk", "match_id", "side", "month", "answer")),
        "users": User.objects.count(),
    }


def test_seed_demo_runs_the_mentors_seed_after_the_newcomers():
    apps = settings.PROJECT_APPS
    assert apps.index("mentors") > apps.index("newcomers") > apps.index("network")


def test_seed_twice_changes_nothing_and_sends_no_mail(mailoutbox):
    _seed()
    first = _state()
    _seed()
    assert _state() == first
    assert not OutgoingMail.objects.filter(key__startswith="mentors:").exists()
    assert not mailoutbox


def test_volunteers_of_both_kinds_across_the_region(settings):
    settings.DEBUG = True
    out = io.StringIO()
    _seed(out)

    volunteers = Volunteer.objects.select_related("user")
    assert 12 <= volunteers.count() <= 18
    assert volunteers.values("municipality").distinct().count() == 6
    assert volunteers.filter(mentor=True).exists() and volunteers.filter(grandparent=True).exists()
    statuses = [v.status for v in volunteers]
    assert statuses.count(Volunteer.Status.APPLIED) == 2 and statuses.count(Volunteer.Status.PAUSED) == 1
    assert statuses.count(Volunteer.Status.APPROVED) >= 10
    assert len({code for v in volunteers for code in v.languages} - {"nb", "en"}) >= 8
    for volunteer in volunteers:
        volunteer.full_clean()
        assert volunteer.user.kind == User.Kind.VOLUNTEER
        assert volunteer.user.email.endswith("@demo.sondreviken.example")
        assert volunteer.user.get_full_name() and volunteer.presentation
        assert volunteer.interests.exists() and volunteer.offers and 1 <= volunteer.capacity <= 3
    today = timezone.localdate()
    grandparents = volunteers.filter(grandparent=True, status=Volunteer.Status.APPROVED)
    assert grandparents.certificate_expired(today).count() == 1
    assert grandparents.filter(police_certificate_date__isnull=True).count() == 1
    assert grandparents.certificate_valid(today).count() >= 3

    login = mentors_seed._email(mentors_seed.VOLUNTEERS[0][0])
    assert f"Volunteer demo login: {login} / {mentors_seed.DEMO_VOLUNTEER_PASSWORD}" in out.getvalue()
    assert User.objects.get(email=login).check_password(mentors_seed.DEMO_VOLUNTEER_PASSWORD)
    assert Volunteer.objects.get(user__email=login).status == Volunteer.Status.APPROVED


def test_without_debug_the_volunteers_get_no_known_password(settings):
    settings.DEBUG = False
    out = io.StringIO()
    _seed(out)
    assert not any(v.user.has_usable_password() for v in Volunteer.objects.select_related("user"))
    assert mentors_seed.DEMO_VOLUNTEER_PASSWORD not in out.getvalue()


def test_requests_and_matches_at_every_stage():
    _seed()
    now = timezone.now()
    requests = MentorRequest.objects.all()
    assert requests.filter(scheme=Scheme.MENTOR).count() >= 3
    assert MentorRequest.objects.overdue(now).count() == 1
    grandparents = requests.filter(scheme=Scheme.GRANDPARENT, status=MentorRequest.Status.OPEN)
    assert grandparents.exists()
    assert all(r.user.newcomer_profile.children.exists() for r in grandparents)
    assert all(r.user.newcomer_profile.contact_by_mentors_at for r in requests)

    assert Match.objects.filter(status=Match.Status.PROPOSED, request__status="proposed").count() == 1
    active = Match.objects.filter(status=Match.Status.ACTIVE, request__status="matched")
    assert sorted((now - m.activated_at).days for m in active) == [35, 200]
    for match in Match.objects.all():
        match.full_clean()
        assert match.reasons
    for volunteer in Volunteer.objects.with_load():
        assert volunteer.load <= volunteer.capacity
    answered = FollowUp.objects.exclude(answered_at=None)
    assert answered.count() == 1 and answered.get().match.activated_at < now - dt.timedelta(days=180)


def test_the_suggestion_lists_show_real_reasons():
    _seed()
    reasons = []
    with translation.override("en"):
        for request in MentorRequest.objects.filter(status=MentorRequest.Status.OPEN):
            suggestions = services.suggestions_for_request(request=request)
            assert suggestions, request
            reasons += [reason for s in suggestions for reason in s.reasons]
    for kind in ("same municipality", "both speak", "shared interests"):
        assert any(reason.startswith(kind) for reason in reasons), kind
    assert any(reason.startswith("both speak Swedish") for reason in reasons)
