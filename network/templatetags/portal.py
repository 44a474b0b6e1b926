from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

from network import services

register = template.Library()


@register.simple_tag
def absolute_url(path: str, language: str | None = None) -> str:
    """The full address of a path, for copying out of the page (network.services.absolute_url)."""
    return services.absolute_url(path, language)


@register.inclusion_tag("network/_language_switch.html", takes_context=True)
def language_switch(context):
    """Links to the current page in each language, keeping the query string."""
    request = context.get("request")
    current = context.get("LANGUAGE_CODE")
    links = []
    for code, _name in settings.LANGUAGES:
        url = "/"
        if request is not None:
            url = translate_url(request.path, code)
            if request.META.get("QUERY_STRING"):
                url = f"{url}?{request.META['QUERY_STRING']}"
        info = get_language_info(code)
        # "norsk (bokmål)" → "norsk": short enough for the menu bar; the lang attribute says the rest.
        name = info["name_local"].split(" (")[0]
        links.append({"code": code, "name": name, "url": url, "active": code == current})
    return {"links": links}
