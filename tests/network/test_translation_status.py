"""Translated content shows in the admin which fields lack a language: a column, a filter and an overview."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.models import Category, Event
from network.admin_translation import (
    TranslationStatusMixin,
    admin_missing_q,
    is_translated,
    missing_translation_q,
    missing_translations,
    translated_fields,
    translated_inlines,
)
from network.models import Region
from newcomers.models import ChecklistItem
from tests.events.factories import CategoryFactory, EventFactory
from tests.newcomers.factories import ChecklistItemFactory

from .factories import ContactPersonFactory, CoordinatorFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _path(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def coordinator(client):
    user = CoordinatorFactory()
    client.force_login(user)
    return user


def _categories():
    """One complete, one without English, one without Norwegian."""
    return (
        CategoryFactory(name_nb="Tur", name_en="Walk"),
        CategoryFactory(name_nb="Konsert", name_en=""),
        CategoryFactory(name_nb=None, name_en="Social"),
    )


class TestEveryTranslatedModel:
    def test_every_admin_of_a_translated_model_uses_the_mixin(self):
        translated = {model for model in admin.site._registry if is_translated(model)}
        assert len(translated) >= 15
        without = [
            model._meta.label
            for model in translated
            if not isinstance(admin.site._registry[model], TranslationStatusMixin)
        ]
        assert not without, f"admins without TranslationStatusMixin: {without}"

    def test_only_translated_models_use_it(self):
        wrong = [
            model._meta.label
            for model, model_admin in admin.site._registry.items()
            if isinstance(model_admin, TranslationStatusMixin) and not is_translated(model)
        ]
        assert not wrong

    def test_the_fields_come_from_translation_py_with_whether_they_are_required(self):
        fields = {field.name: field.required for field in translated_fields(Event)}
        assert fields == {
            "title": True,
            "summary": False,
            "description": False,
            "venue_notes": False,
            "what_to_bring": False,
            "organiser": False,
        }


class TestWhatIsMissing:
    def test_a_required_field_is_missing_when_empty_or_null_in_a_language(self):
        complete, no_english, no_norwegian = _categories()
        missing = Category.objects.filter(missing_translation_q(Category))
        assert set(missing) == {no_english, no_norwegian}
        assert missing_translations(no_english) == [("name", "en")]
        assert missing_translations(no_norwegian) == [("name", "nb")]
        assert missing_translations(complete) == []

    def test_an_optional_field_is_missing_only_when_written_in_one_language(self):
        both = dict(organiser_nb="Nettverket", organiser_en="The network")
        unused = EventFactory(summary_nb="", summary_en="", **both)
        one_sided = EventFactory(summary_nb="En tur", summary_en="", **both)
        complete = EventFactory(**both)
        assert set(Event.objects.filter(missing_translation_q(Event))) == {one_sided}
        assert missing_translations(one_sided) == [("summary", "en")]
        assert missing_translations(unused) == missing_translations(complete) == []

    def test_yes_and_no_divide_the_list(self):
        _categories()
        condition = missing_translation_q(Category)
        assert Category.objects.filter(condition).count() == 2
        assert Category.objects.exclude(condition).count() == 1

    def test_an_admin_can_leave_out_a_field_that_falls_back_on_purpose(self, coordinator, client):
        item = ChecklistItemFactory(link_nb="https://www.skatteetaten.no/", link_en="")
        assert missing_translations(item) == [("link", "en")]
        html = client.get(_path("admin:newcomers_checklistitem_changelist"), {"missing_translation": "yes"})
        assert item.title_en not in html.content.decode()
        assert not ChecklistItem.objects.filter(missing_translation_q(ChecklistItem, exclude=("link",)))


class TestInlines:
    """A translated model edited on its parent's page (the region's contact person, a residence's
    photos) counts towards the parent: that is where the coordinator fixes it."""

    def test_the_parent_is_listed_and_names_the_inline(self, coordinator, client):
        complete = RegionFactory(slug="complete", name="Complete")
        ContactPersonFactory(region=complete)
        half = RegionFactory(slug="half", name="Half")
        ContactPersonFactory(region=half, title_nb="Kontaktperson", title_en="")
        region_admin = admin.site._registry[Region]
        assert set(Region.objects.filter(admin_missing_q(region_admin))) == {half}

        response = client.get(_path("admin:network_region_changelist"), {"missing_translation": "yes"})
        rows = list(response.context["cl"].result_list)
        assert rows == [half]
        assert "contact persons" in response.content.decode()
        nb = client.get(_path("admin:network_region_changelist", "nb"), {"missing_translation": "yes"})
        assert "kontaktpersoner" in nb.content.decode()

    def test_the_overview_counts_the_parent(self, coordinator, client):
        half = RegionFactory(slug="half", name="Half")
        ContactPersonFactory(region=half, title_nb="Kontaktperson", title_en="")
        rows = client.get(_path("admin_translation_status")).context["rows"]
        regions = next(row for row in rows if row.url.startswith(_path("admin:network_region_changelist")))
        assert (regions.total, regions.missing) == (1, 1)

    def test_an_inline_whose_fields_are_all_left_out_counts_nothing(self):
        checklist_admin = admin.site._registry[ChecklistItem]
        assert not translated_inlines(checklist_admin)
        ChecklistItemFactory(link_nb="https://www.skatteetaten.no/", link_en="")
        assert not ChecklistItem.objects.filter(admin_missing_q(checklist_admin)).exists()
        assert (
            ChecklistItem.objects.filter(
                missing_translation_q(ChecklistItem, exclude=("title", "explanation", "link"))
            ).count()
            == 0
        )


class TestChangelist:
    @pytest.mark.parametrize(
        ("lang", "column", "cell"),
        [("en", "Missing translations", "name (en)"), ("nb", "Manglende oversettelser", "navn (en)")],
    )
    def test_each_row_names_the_missing_fields_in_the_admins_language(
        self, coordinator, client, lang, column, cell
    ):
        _categories()
        html = client.get(_path("admin:events_category_changelist", lang)).content.decode()
        assert column in html
        assert cell in html
        assert "—" in html  # the complete one

    @pytest.mark.parametrize(
        ("lang", "title"), [("en", "missing a translation"), ("nb", "mangler en oversettelse")]
    )
    def test_the_filter_lists_only_what_lacks_a_language(self, coordinator, client, lang, title):
        _categories()
        path = _path("admin:events_category_changelist", lang)
        missing = client.get(path, {"missing_translation": "yes"}).content.decode()
        assert title in missing
        assert "Social" in missing
        assert "Walk" not in missing and ">Tur<" not in missing
        complete = client.get(path, {"missing_translation": "no"}).content.decode()
        assert ("Walk" if lang == "en" else "Tur") in complete
        assert "Konsert" not in complete

    def test_the_column_costs_no_query_per_row(self, coordinator, client, django_assert_max_num_queries):
        CategoryFactory.create_batch(3, name_en="")
        path = _path("admin:events_category_changelist")
        with CaptureQueriesContext(connection) as few:
            client.get(path)
        CategoryFactory.create_batch(20, name_en="")
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert client.get(path, {"missing_translation": "yes"}).status_code == 200


class TestOverview:
    def test_counts_per_model_with_links_to_the_filtered_lists(self, coordinator, client):
        _categories()
        response = client.get(_path("admin_translation_status"))
        assert response.status_code == 200
        rows = {row.url.split("?")[0]: row for row in response.context["rows"]}
        categories = rows[_path("admin:events_category_changelist")]
        assert (categories.total, categories.missing) == (3, 2)
        assert categories.url.endswith("?missing_translation=yes")
        assert f'href="{categories.url}"' in response.content.decode()
        assert response.context["missing_total"] >= 2

    @pytest.mark.parametrize(
        ("lang", "texts"),
        [
            ("en", ["Translation status", "2 missing", "Missing a translation"]),
            ("nb", ["Oversettelsesstatus", "2 mangler", "Mangler en oversettelse"]),
        ],
    )
    def test_in_both_languages(self, coordinator, client, lang, texts):
        _categories()
        html = client.get(_path("admin_translation_status", lang)).content.decode()
        for text in texts:
            assert text in html

    def test_the_admins_index_links_to_it(self, coordinator, client):
        html = client.get(_path("admin:index", "nb")).content.decode()
        assert f'href="{_path("admin_translation_status", "nb")}"' in html

    def test_one_query_per_model_however_many_items(self, coordinator, client):
        path = _path("admin_translation_status")
        _categories()
        client.get(path)  # the session and the permissions, cached after the first page
        with CaptureQueriesContext(connection) as few:
            rows = client.get(path).context["rows"]
        CategoryFactory.create_batch(30, name_en="")
        EventFactory.create_batch(5)
        client.get(path)  # new municipalities refresh the footer's cached region once
        with CaptureQueriesContext(connection) as many:
            client.get(path)
        assert len(many.captured_queries) == len(few.captured_queries)
        # One COUNT per model, plus the session, the user and the permissions.
        assert len(few.captured_queries) <= len(rows) + 5

    @pytest.mark.parametrize("user", [None, "newcomer"])
    def test_only_staff_may_see_it(self, client, user):
        if user:
            client.force_login(UserFactory())
        response = client.get(_path("admin_translation_status"))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
