from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from .access import roles_for
from .models import InfoPage
from .selectors import info_page_get, info_pages_published, info_pages_search


def info_index(request):
    pages = list(info_pages_published().order_by("topic", "municipality__position", "position", "title"))
    topics = []
    for value, label in InfoPage.Topic.choices:
        topic_pages = [page for page in pages if page.topic == value]
        if topic_pages:
            topics.append({"value": value, "label": label, "pages": topic_pages})
    return render(request, "network/info/index.html", {"topics": topics})


def info_page(request, slug: str):
    # Coordinators preview unpublished pages; everyone else sees published ones only.
    page = info_page_get(slug=slug, preview=roles_for(request).coordinator)
    if page is None:
        raise Http404
    return render(request, "network/info/page.html", {"page": page})


def info_search(request):
    query = (request.GET.get("q") or "").strip()[:200]
    results = info_pages_search(query=query, language=get_language() or "nb") if query else []
    return render(
        request,
        "network/info/search.html",
        {"query": query, "results": results},
    )
