import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from events import services
from events.models import Audience, Event, SignUp
from network.models import User
from tests.companies.factories import HRStaffFactory
from tests.network.factories import MunicipalityFactory, UserFactory

from .factories import CategoryFactory, EventFactory, SignUpFactory

pytestmark = pytest.mark.django_db


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(f"events:{name}", kwargs=kwargs or None)


def titles(response):
    return response.content.decode()


class TestCalendarList:
    def test_lists_upcoming_events_first_in_english_and_norwegian(self, client):
        later = EventFactory(
            title_en="Concert", title_nb="Konsert", starts_at=timezone.now() + dt.timedelta(days=20)
        )
        sooner = EventFactory(title_en="City walk", title_nb="Byvandring", price_nok=150)
        EventFactory(
            title_en="Old walk",
            starts_at=timezone.now() - dt.timedelta(days=3),
            ends_at=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=2),
        )

        en = client.get(url("list", "en")).content.decode()
        assert en.index(sooner.title_en) < en.index(later.title_en)
        assert "Old walk" not in en
        assert "NOK 150 (your share)" in en
        assert "2 activities" in en

        nb = client.get(url("list", "nb")).content.decode()
        assert "Byvandring" in nb and "Konsert" in nb
        assert "2 aktiviteter" in nb
        assert "150 kr (egenandel)" in nb

    def test_missing_translation_falls_back_to_the_other_language(self, client):
        EventFactory(title_en="Only in English", title_nb="", summary_nb="", summary_en="English summary")
        nb = client.get(url("list", "nb")).content.decode()
        assert "Only in English" in nb and "English summary" in nb

    def test_filters_combine_in_the_query_string(self, client):
        fredrikstad = MunicipalityFactory(slug="fredrikstad", name="Fredrikstad")
        halden = MunicipalityFactory(slug="halden", name="Halden")
        sports = CategoryFactory(slug="sports")
        match = EventFactory(
            title_en="Free football with childcare",
            municipality=fredrikstad,
            category=sports,
            childcare_offered=True,
            language="both",
            audience=Audience.NEWCOMERS,
        )
        EventFactory(
            title_en="Football in Halden", municipality=halden, category=sports, childcare_offered=True
        )
        EventFactory(title_en="Paid football", municipality=fredrikstad, category=sports, price_nok=100)
        EventFactory(
            title_en="Company football", municipality=fredrikstad, category=sports, audience="companies"
        )

        response = client.get(
            url("list"),
            {
                "municipality": "fredrikstad",
                "category": "sports",
                "free_only": "on",
                "childcare": "on",
                "language": "en",
                "audience": "newcomers",
            },
        )

        body = response.content.decode()
        assert match.title_en in body
        assert (
            "Football in Halden" not in body
            and "Paid football" not in body
            and "Company football" not in body
        )

        only_open_to_all = client.get(url("list"), {"audience": "everyone"}).content.decode()
        assert "Paid football" in only_open_to_all and match.title_en not in only_open_to_all

    def test_date_range_filter(self, client):
        now = timezone.now()
        EventFactory(title_en="Next week", starts_at=now + dt.timedelta(days=7))
        EventFactory(title_en="Next month", starts_at=now + dt.timedelta(days=40))
        date_from = (now + dt.timedelta(days=30)).date().isoformat()
        body = client.get(url("list"), {"date_from": date_from}).content.decode()
        assert "Next month" in body and "Next week" not in body

    @pytest.mark.parametrize(
        "query",
        [
            {"municipality": "atlantis"},
            {"date_from": "2024-13-45"},
            {"date_from": "2020-01-10", "date_to": "2020-01-01"},
            {"category": "<script>"},
            {"audience": "martians", "language": "xx"},
            {"page": "-3"},
            {"page": "abc"},
        ],
    )
    def test_invalid_filters_are_reported_and_ignored_not_500(self, client, query):
        EventFactory(title_en="Still listed")
        response = client.get(url("list"), query)
        assert response.status_code == 200
        assert "Still listed" in response.content.decode()

    def test_invalid_filter_shows_a_form_error(self, client):
        body = client.get(url("list"), {"municipality": "atlantis"}).content.decode()
        assert "Some filters could not be used and were ignored" in body

    def test_pagination_keeps_filters(self, client):
        municipality = MunicipalityFactory(slug="sarpsborg")
        EventFactory.create_batch(30, municipality=municipality)
        body = client.get(url("list"), {"municipality": "sarpsborg"}).content.decode()
        assert "?municipality=sarpsborg&amp;page=2" in body


class TestMonth:
    def test_month_view_shows_events_on_their_day(self, client):
        starts = timezone.now() + dt.timedelta(days=40)
        event = EventFactory(title_en="Museum visit", starts_at=starts)
        local = timezone.localtime(starts)
        response = client.get(url("month", year=local.year, month=local.month))
        body = response.content.decode()
        assert response.status_code == 200
        assert "Museum visit" in body
        assert reverse("events:detail", kwargs={"pk": event.pk}) in body

    def test_month_from_query_and_bad_values_fall_back(self, client):
        assert client.get(url("month"), {"year": "2030", "month": "5"}).status_code == 200
        assert client.get(url("month"), {"year": "abc", "month": "99"}).status_code == 200
        assert client.get(url("month", year=2030, month=13)).status_code == 404

    @pytest.mark.parametrize("lang", ["en", "nb"])
    def test_a_busy_day_shows_three_and_links_to_the_rest_and_the_list_is_paged(self, client, lang):
        day = (timezone.localtime() + dt.timedelta(days=40)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        municipality = MunicipalityFactory(slug="hvaler")
        for n in range(30):
            EventFactory(
                title_en=f"Busy {n:02d}",
                title_nb=f"Busy {n:02d}",
                starts_at=day + dt.timedelta(minutes=n),
                municipality=municipality,
            )
        month = url("month", lang, year=day.year, month=day.month)
        body = client.get(month, {"municipality": "hvaler"}).content.decode()
        grid = body.split("<table", 1)[1].split("</table>", 1)[0]
        assert grid.count("Busy ") == 3
        more = {"en": "+27 more", "nb": "+27 til"}[lang]
        assert more in grid
        iso = day.date().isoformat()
        assert f"events/?date_from={iso}&amp;date_to={iso}&amp;municipality=hvaler" in grid
        # The list under the grid holds one page (25) and links to the next, keeping the filter.
        listed = body.split('id="month-list"', 1)[1]
        assert listed.count("Busy ") == 25
        assert f"{month}?municipality=hvaler&amp;page=2" in listed
        second = client.get(month, {"municipality": "hvaler", "page": "2"}).content.decode()
        assert second.split('id="month-list"', 1)[1].count("Busy ") == 5
        # The day's link shows all 30 of that day.
        day_list = client.get(url("list", lang), {"date_from": iso, "date_to": iso, "municipality": "hvaler"})
        assert "30 " in day_list.content.decode()

    def test_month_in_norwegian(self, client):
        body = client.get(url("month", "nb", year=2030, month=5)).content.decode()
        assert "Aktiviteter i mai 2030" in body


class TestDetail:
    def test_detail_shows_practical_information_map_and_ics(self, client):
        event = EventFactory(
            title_en="Welcome to Norway",
            address="Torvet 1, 1606 Fredrikstad",
            what_to_bring_en="Your passport",
            organiser="NAV",
            childcare_offered=True,
            childcare_capacity=5,
        )
        body = client.get(url("detail", pk=event.pk)).content.decode()
        assert "https://www.openstreetmap.org/search?query=Torvet+1%2C+1606+Fredrikstad" in body
        assert "Your passport" in body and "Organised by NAV" in body
        assert reverse("events:ics", kwargs={"pk": event.pk}) in body
        assert "5 childcare places left" in body
        assert "Log in to sign up" in body

    def test_unknown_event_is_404(self, client):
        assert client.get(url("detail", pk=999999)).status_code == 404

    def test_non_hr_sees_why_they_cannot_sign_up_for_a_company_meeting(self, client):
        event = EventFactory(audience=Audience.COMPANIES)
        client.force_login(UserFactory())
        body = client.get(url("detail", pk=event.pk)).content.decode()
        assert "This meeting is for HR staff of the network&#x27;s member companies." in body
        assert 'name="extra_adults"' not in body

    def test_cancelled_event_says_so(self, client):
        event = EventFactory(status=Event.Status.CANCELLED, cancelled_reason="Storm")
        client.force_login(UserFactory())
        body = client.get(url("detail", "nb", pk=event.pk)).content.decode()
        assert "Denne aktiviteten er avlyst." in body and "Storm" in body

    def test_ics_download(self, client):
        event = EventFactory()
        response = client.get(url("ics", pk=event.pk))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert b"BEGIN:VCALENDAR" in response.content


class TestSignUp:
    def test_anonymous_is_sent_to_login(self, client):
        event = EventFactory()
        response = client.post(url("signup", pk=event.pk))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not SignUp.objects.exists()

    def test_sign_up_with_family_and_childcare(self, client, django_capture_on_commit_callbacks, mailoutbox):
        event = EventFactory(childcare_offered=True, capacity=10, price_nok=200)
        user = UserFactory()
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url("signup", pk=event.pk),
                {"extra_adults": 1, "extra_children": 2, "childcare_children": 2, "childcare_ages": "2, 5"},
            )
        assert response.status_code == 302
        signup = SignUp.objects.get(event=event, user=user)
        assert (signup.status, signup.seats, signup.childcare_ages, signup.price_nok) == (
            "confirmed",
            4,
            "2,5",
            200,
        )
        assert len(mailoutbox) == 1
        page = client.get(url("detail", pk=event.pk)).content.decode()
        assert "You are signed up." in page

    @pytest.mark.parametrize(
        "data",
        [
            {"extra_adults": -1, "extra_children": 0, "childcare_children": 0},
            {"extra_adults": 0, "extra_children": 0, "childcare_children": 1, "childcare_ages": "99"},
            {"extra_adults": 0, "extra_children": 0, "childcare_children": 2, "childcare_ages": "3"},
            {"extra_adults": "many", "extra_children": 0},
        ],
    )
    def test_bad_input_re_renders_the_form_with_errors(self, client, data):
        event = EventFactory(childcare_offered=True)
        client.force_login(UserFactory())
        response = client.post(url("signup", pk=event.pk), data)
        assert response.status_code == 200
        assert "is-invalid" in response.content.decode()
        assert not SignUp.objects.exists()

    def test_a_refusal_from_the_rules_is_shown_on_the_form(self, client):
        event = EventFactory(capacity=3)
        client.force_login(UserFactory())
        response = client.post(url("signup", pk=event.pk), {"extra_adults": 2, "extra_children": 2})
        assert response.status_code == 200
        assert "Your party of 5 is larger than the 3 seats of this activity." in response.content.decode()
        assert 'value="2"' in response.content.decode()  # what was typed is kept

    def test_full_event_goes_to_the_waiting_list_with_a_message(self, client):
        event = EventFactory(capacity=1)
        SignUpFactory(event=event)
        client.force_login(UserFactory())
        response = client.post(
            url("signup", pk=event.pk), {"extra_adults": 0, "extra_children": 0}, follow=True
        )
        assert "you are number 1 on the waiting list" in response.content.decode()

    def test_non_hr_posting_to_a_company_meeting_is_refused_with_the_reason(self, client):
        event = EventFactory(audience=Audience.COMPANIES)
        client.force_login(UserFactory(kind=User.Kind.NEWCOMER))
        response = client.post(
            url("signup", pk=event.pk), {"extra_adults": 0, "extra_children": 0}, follow=True
        )
        assert "for HR staff of the network" in response.content.decode()
        assert not SignUp.objects.exists()

    def test_closed_registration_is_refused_with_a_message(self, client):
        event = EventFactory(registration_closes_at=timezone.now() - dt.timedelta(hours=1))
        client.force_login(UserFactory())
        response = client.post(
            url("signup", pk=event.pk), {"extra_adults": 0, "extra_children": 0}, follow=True
        )
        assert "Registration for this activity has closed." in response.content.decode()
        assert not SignUp.objects.exists()

    def test_hr_signs_up_a_colleague(self, client):
        event = EventFactory(audience=Audience.COMPANIES)
        me = HRStaffFactory()
        colleague = HRStaffFactory(company=me.company).user
        other = HRStaffFactory().user
        client.force_login(me.user)

        page = client.get(url("signup", pk=event.pk)).content.decode()
        assert colleague.email in page or colleague.get_full_name() in page
        assert other.email not in page

        client.post(
            url("signup", pk=event.pk), {"for_user": colleague.pk, "extra_adults": 0, "extra_children": 0}
        )
        signup = SignUp.objects.get(event=event)
        assert (signup.user, signup.signed_up_by) == (colleague, me.user)

        response = client.post(
            url("signup", pk=event.pk), {"for_user": other.pk, "extra_adults": 0, "extra_children": 0}
        )
        assert response.status_code == 200
        assert SignUp.objects.filter(user=other).count() == 0


class TestSignUpPostIsLean:
    """Hundreds press "Sign up" at the same second: a sign-up that goes through reads no page context."""

    PARTY = {"extra_adults": 0, "extra_children": 0}

    def test_a_sign_up_that_goes_through_costs_a_fixed_number_of_queries(
        self, client, django_assert_max_num_queries
    ):
        event = EventFactory(capacity=1)
        SignUpFactory(event=event)  # full: the sign-up goes on the waiting list, the dearer case
        user = UserFactory()
        client.force_login(user)
        # The session, the user, the activity's row; then the transaction (a savepoint inside the
        # test's): the lock, the sign-up state (one statement), the insert. With Redis the session
        # comes from the cache. No seat counts, no sign-up box, no colleagues.
        with django_assert_max_num_queries(8) as queries:
            response = client.post(url("signup", pk=event.pk), self.PARTY)
        assert response.status_code == 302 and response["Location"] == url("detail", pk=event.pk)
        assert SignUp.objects.get(user=user).waitlist_position == 1
        sql = " ".join(query["sql"] for query in queries.captured_queries)
        assert "COALESCE((SELECT" not in sql  # no correlated seat-count subqueries
        page = client.get(response["Location"]).content.decode()
        assert "you are number 1 on the waiting list" in page  # the flash message, once
        assert (
            "you are number 1 on the waiting list"
            not in client.get(url("detail", pk=event.pk)).content.decode()
        )

    def test_the_confirmation_is_a_success_message_in_the_persons_language(self, client):
        event = EventFactory(capacity=5)
        client.force_login(UserFactory())
        response = client.post(url("signup", "nb", pk=event.pk), self.PARTY)
        assert response["Location"] == url("detail", "nb", pk=event.pk)
        page = client.get(response["Location"]).content.decode()
        assert "alert-success" in page
        with translation.override("nb"):
            assert str(services.signup_status_message(signup=SignUp.objects.get())) in page

    def test_someone_already_signed_up_is_told_so_whatever_they_post(self, client):
        event = EventFactory(capacity=2)
        signup = SignUpFactory(event=event)
        client.force_login(signup.user)
        for data in (self.PARTY, {"extra_adults": "many"}, {"extra_adults": 5, "extra_children": 0}):
            response = client.post(url("signup", pk=event.pk), data, follow=True)
            assert response.redirect_chain == [(url("detail", pk=event.pk), 302)]
            assert "You are already signed up for this activity." in response.content.decode()
        assert SignUp.objects.filter(event=event).count() == 1

    def test_a_form_shown_again_has_the_whole_page_with_the_seat_counts(self, client):
        event = EventFactory(capacity=1, childcare_offered=True)
        SignUpFactory(event=event)
        client.force_login(UserFactory())
        response = client.post(
            url("signup", pk=event.pk), {**self.PARTY, "childcare_children": 2, "childcare_ages": "3"}
        )
        body = response.content.decode()
        assert response.status_code == 200 and "is-invalid" in body
        assert "The activity is full." in body  # the sign-up box read the seat counts
        assert 'name="childcare_ages"' in body and 'value="3"' in body
        assert not SignUp.objects.exclude(pk=SignUp.objects.get(event=event).pk).exists()

    def test_unknown_activity_is_404(self, client):
        client.force_login(UserFactory())
        assert client.post(url("signup", pk=999999), self.PARTY).status_code == 404


class TestCompanyMeetingSignUp:
    """A company meeting asks HR staff only what fits: who of them comes, not who comes with them."""

    PARTY_FIELDS = ("extra_adults", "extra_children", "childcare_children", "childcare_ages")

    @pytest.mark.parametrize("lang", ["en", "nb"])
    def test_hr_is_asked_which_colleague_and_nothing_about_family_or_childcare(self, client, lang):
        event = EventFactory(audience=Audience.COMPANIES, childcare_offered=True, childcare_capacity=5)
        me = HRStaffFactory()
        HRStaffFactory(company=me.company)
        client.force_login(me.user)
        for name in ("detail", "signup"):
            body = client.get(url(name, lang, pk=event.pk)).content.decode()
            assert 'name="for_user"' in body
            assert {"en": "Yourself or an HR colleague", "nb": "Deg selv eller en HR-kollega"}[lang] in body
            for field in self.PARTY_FIELDS:
                assert f'name="{field}"' not in body
            for text in ("Childcare", "childcare", "Barnepass", "barnepass", "Children", "Other adults"):
                assert text not in body, (name, lang, text)

    def test_an_activity_for_families_still_asks_about_the_family(self, client):
        event = EventFactory(audience=Audience.FAMILIES, childcare_offered=True)
        client.force_login(UserFactory(kind=User.Kind.PARTNER))
        body = client.get(url("detail", pk=event.pk)).content.decode()
        for field in self.PARTY_FIELDS:
            assert f'name="{field}"' in body
        assert "Yes, childcare is offered" in body

    def test_hr_signing_up_takes_one_seat_whatever_is_posted(self, client):
        event = EventFactory(audience=Audience.COMPANIES, childcare_offered=True)
        me = HRStaffFactory()
        client.force_login(me.user)
        response = client.post(
            url("signup", pk=event.pk),
            {"extra_adults": 2, "extra_children": 1, "childcare_children": 1, "childcare_ages": "3"},
        )
        assert response.status_code == 302
        signup = SignUp.objects.get(event=event)
        assert (signup.user, signup.seats, signup.childcare_children) == (me.user, 1, 0)

    def test_the_calendar_does_not_tell_hr_about_childcare(self, client):
        EventFactory(audience=Audience.COMPANIES, title_en="HR breakfast")
        body = client.get(url("list"), {"audience": "companies"}).content.decode()
        assert "HR breakfast" in body
        assert "Yes, childcare is offered" not in body and '<dt class="col-sm-4">Childcare</dt>' not in body


class TestCancelAndMine:
    def test_my_activities_lists_upcoming_and_past_with_waiting_positions(self, client):
        user = UserFactory()
        event = EventFactory(title_en="Full walk", capacity=1)
        SignUpFactory(event=event)
        services.signup_create(event=event, user=user)
        past = EventFactory(
            title_en="Last year's concert",
            starts_at=timezone.now() - dt.timedelta(days=30),
            ends_at=timezone.now() - dt.timedelta(days=30) + dt.timedelta(hours=2),
        )
        SignUpFactory(event=past, user=user, attended=True)
        client.force_login(user)

        body = client.get(url("my")).content.decode()
        assert "Full walk" in body and "Waiting list, number 1" in body
        assert "Last year&#x27;s concert" in body and "attended" in body

    def test_cancel_own_signup(self, client):
        signup = SignUpFactory()
        client.force_login(signup.user)
        assert client.get(url("cancel", pk=signup.pk)).status_code == 200
        response = client.post(url("cancel", pk=signup.pk))
        assert response.status_code == 302
        signup.refresh_from_db()
        assert signup.status == SignUp.Status.CANCELLED

    def test_other_users_signup_is_404(self, client):
        signup = SignUpFactory()
        client.force_login(UserFactory())
        assert client.get(url("cancel", pk=signup.pk)).status_code == 404
        assert client.post(url("cancel", pk=signup.pk)).status_code == 404
        signup.refresh_from_db()
        assert signup.status == SignUp.Status.CONFIRMED

    def test_cancel_after_deadline_is_refused_with_a_message(self, client):
        signup = SignUpFactory()
        Event.objects.filter(pk=signup.event_id).update(
            registration_closes_at=timezone.now() - dt.timedelta(hours=1)
        )
        client.force_login(signup.user)
        detail = client.get(url("detail", pk=signup.event_id)).content.decode()
        assert "You are signed up." in detail and url("cancel", pk=signup.pk) not in detail
        response = client.post(url("cancel", pk=signup.pk), follow=True)
        assert "deadline has passed" in response.content.decode()
        signup.refresh_from_db()
        assert signup.status == SignUp.Status.CONFIRMED


class TestNav:
    def test_nav_links(self, client):
        body = client.get(url("list")).content.decode()
        assert url("list") in body and url("my") not in body
        client.force_login(UserFactory())
        assert url("my") in client.get(url("list")).content.decode()


class TestQueryBudget:
    # The list and the month also read the person's Norwegian level (one query, for "at my level").
    BUDGET = 11

    def _events(self, n):
        municipality = MunicipalityFactory()
        category = CategoryFactory()
        start = timezone.now() + dt.timedelta(days=1)
        events = Event.objects.bulk_create(
            [
                Event(
                    title_en=f"Event {i}",
                    title_nb=f"Aktivitet {i}",
                    category=category,
                    municipality=municipality,
                    starts_at=start + dt.timedelta(hours=i * 7),
                    ends_at=start + dt.timedelta(hours=i * 7 + 2),
                    capacity=5,
                )
                for i in range(n)
            ]
        )
        users = UserFactory.create_batch(3)
        SignUp.objects.bulk_create(
            [SignUp(event=event, user=user) for event in events[:200] for user in users]
        )
        return events

    @pytest.mark.parametrize("n", [10, 10_000])
    def test_list_month_and_detail_use_constant_queries(self, client, django_assert_max_num_queries, n):
        events = self._events(n)
        client.force_login(UserFactory())
        local = timezone.localtime(events[0].starts_at)
        with django_assert_max_num_queries(self.BUDGET):
            assert client.get(url("list")).status_code == 200
        with django_assert_max_num_queries(self.BUDGET):
            assert client.get(url("month", year=local.year, month=local.month)).status_code == 200
        with django_assert_max_num_queries(self.BUDGET):
            assert client.get(url("detail", pk=events[0].pk)).status_code == 200
        with django_assert_max_num_queries(self.BUDGET):
            assert client.get(url("my")).status_code == 200


class TestCache:
    def test_calendar_is_served_from_cache_until_an_event_changes(self, client):
        event = EventFactory(title_en="Original title")
        assert "Original title" in client.get(url("list")).content.decode()

        # A second read of the same page skips the event queries; another query string does not.
        cached_queries = self._queries(client, url("list"))
        fresh_queries = self._queries(client, url("list") + "?free_only=on")
        assert cached_queries < fresh_queries

        event.title_en = "Changed title"
        event.save()
        assert "Changed title" in client.get(url("list")).content.decode()

    @staticmethod
    def _queries(client, path):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        return len(ctx.captured_queries)

    def test_signup_invalidates_seats_left(self, client):
        event = EventFactory(capacity=2)
        assert "2 seats left" in client.get(url("list")).content.decode()
        services.signup_create(event=event, user=UserFactory())
        assert "1 seat left" in client.get(url("list")).content.decode()

    def test_a_signup_refreshes_only_the_pages_that_show_its_activity(
        self, client, django_assert_num_queries
    ):
        """One sign-up used to empty the whole calendar cache: every other activity's page and every
        month were rebuilt. Now it changes its activity's page, its month and the lists; an edit of
        an activity still refreshes everything."""
        now = timezone.localtime()
        here = EventFactory(capacity=5, starts_at=now + dt.timedelta(days=3))
        later = now + dt.timedelta(days=70)
        other = EventFactory(capacity=5, starts_at=later, title_en="Other")
        pages = {
            "here": url("detail", pk=here.pk),
            "other": url("detail", pk=other.pk),
            "other month": url("month", year=later.year, month=later.month),
            "list": url("list"),
        }
        for page in pages.values():
            assert "5 seats left" in client.get(page).content.decode()

        services.signup_create(event=here, user=UserFactory())

        for name in ("other", "other month"):
            with django_assert_num_queries(0):  # still the cached page
                assert client.get(pages[name]).status_code == 200, name
        assert "4 seats left" in client.get(pages["here"]).content.decode()
        assert "4 seats left" in client.get(pages["list"]).content.decode()
        here_month = url("month", year=here.starts_at.year, month=timezone.localtime(here.starts_at).month)
        assert "4 seats left" in client.get(here_month).content.decode()

        other.title_en = "Renamed"
        other.save()
        assert "Renamed" in client.get(pages["other"]).content.decode()
        assert "Renamed" in client.get(pages["other month"]).content.decode()

    def test_while_one_request_rebuilds_a_page_anonymous_readers_get_the_previous_copy(
        self, client, monkeypatch, django_assert_num_queries
    ):
        """No stampede after a sign-up: the other readers do not all rebuild the page at once. The
        person who signed up (logged in) always sees the page as it is now."""
        from events import views

        event = EventFactory(capacity=5)
        page = url("detail", pk=event.pk)
        assert "5 seats left" in client.get(page).content.decode()
        person = UserFactory()
        services.signup_create(event=event, user=person)

        monkeypatch.setattr(views, "_another_request_rebuilds", lambda key: True)
        with django_assert_num_queries(0):
            assert "5 seats left" in client.get(page).content.decode()
        client.force_login(person)
        assert "4 seats left" in client.get(page).content.decode()
        client.logout()

        monkeypatch.undo()
        assert "4 seats left" in client.get(page).content.decode()

    def test_cache_is_per_language_and_query(self, client):
        EventFactory(title_en="Walk", title_nb="Tur", price_nok=100)
        assert "Walk" in client.get(url("list", "en")).content.decode()
        assert "Tur" in client.get(url("list", "nb")).content.decode()
        assert "1 activity" in client.get(url("list", "en")).content.decode()
        assert "0 activities" in client.get(url("list", "en") + "?free_only=on").content.decode()

    def test_bulk_update_through_services_bumps_the_version(self):
        from events.selectors import calendar_cache_version

        cache.clear()
        before = calendar_cache_version()
        services.event_attendance_mark_all(events=[EventFactory()])
        assert calendar_cache_version() != before


def test_anonymous_pages_come_from_the_cache_until_the_calendar_changes(client, django_assert_num_queries):
    from events.services import calendar_changed

    event = EventFactory(title_en="Harbour walk", summary_en="Before")
    url = f"/en/events/{event.pk}/"
    assert "Before" in client.get(url).content.decode()
    with django_assert_num_queries(0):
        assert "Before" in client.get(url).content.decode()
    event.summary_en = "After"
    event.save()
    calendar_changed()
    assert "After" in client.get(url).content.decode()


def test_logged_in_visitors_and_pending_messages_bypass_the_page_cache(client):
    event = EventFactory(title_en="Harbour walk")
    url = f"/en/events/{event.pk}/"
    client.get(url)  # cached for anonymous visitors
    client.force_login(UserFactory())
    assert "Log out" in client.get(url).content.decode()
    client.post("/en/accounts/logout/")  # leaves "You have signed out." for the next page
    page = client.get(url).content.decode()
    assert "You have signed out." in page
    assert "You have signed out." not in client.get(url).content.decode()


def test_a_logged_in_activity_page_reads_the_activity_once_and_never_an_old_seat_count(client):
    """The public part of the activity page is built once per data version of the activity; the
    sign-up box is still the person's own, and a sign-up or an edit shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = EventFactory(capacity=5, title_en="Kayak taster")
    reader = UserFactory()
    client.force_login(reader)
    page = url("detail", pk=event.pk)
    assert "5 seats left" in client.get(page).content.decode()
    with CaptureQueriesContext(connection) as queries:
        body = client.get(page).content.decode()
    assert "5 seats left" in body and 'name="extra_adults"' in body
    assert not [q["sql"] for q in queries if 'FROM "events_event"' in q["sql"]]

    services.signup_create(event=event, user=UserFactory())
    assert "4 seats left" in client.get(page).content.decode()
    services.signup_create(event=event, user=reader)
    body = client.get(page).content.decode()
    assert "3 seats left" in body and "You are signed up" in body
    event.title_en = "Kayak taster, Hvaler"
    event.save()
    assert "Kayak taster, Hvaler" in client.get(page).content.decode()
