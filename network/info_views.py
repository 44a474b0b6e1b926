from django.db import connection
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from .access import roles_for
from .models import InfoPage


def _published():
    return InfoPage.objects.filter(published=True).select_related("municipality")


def info_index(request):
    pages = list(_published().order_by("topic", "municipality__position", "position", "title"))
    topics = []
    for value, label in InfoPage.Topic.choices:
        topic_pages = [page for page in pages if page.topic == value]
        if topic_pages:
            topics.append({"value": value, "label": label, "pages": topic_pages})
    return render(request, "network/info/index.html", {"topics": topics})


def info_page(request, slug: str):
    # Coordinators preview unpublished pages; everyone else sees published ones only.
    pages = (
        InfoPage.objects.select_related("municipality") if roles_for(request).coordinator else _published()
    )
    page = pages.filter(slug=slug).first()
    if page is None:
        raise Http404
    return render(request, "network/info/page.html", {"page": page})


def info_search(request):
    """Full-text search on PostgreSQL (ranked, stemmed per language); a simple match elsewhere."""
    query = (request.GET.get("q") or "").replace("\x00", "").strip()[:200]
    results = []
    if query:
        language = get_language() or "nb"
        fields = [f"title_{language}", f"summary_{language}", f"body_{language}"]
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

            config = "norwegian" if language == "nb" else "english"
            vector = SearchVector(*fields, config=config)
            search = SearchQuery(query, config=config, search_type="websearch")
            results = list(
                _published()
                .annotate(rank=SearchRank(vector, search))
                .filter(rank__gt=0)
                .order_by("-rank")[:50]
            )
        else:
            condition = Q()
            for word in query.split()[:10]:
                word_condition = Q()
                for field in fields:
                    word_condition |= Q(**{f"{field}__icontains": word})
                condition &= word_condition
            results = list(_published().filter(condition).order_by("topic", "title")[:50])
    return render(
        request,
        "network/info/search.html",
        {"query": query, "results": results},
    )
