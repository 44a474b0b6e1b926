from django import template

from events.services import signup_party_allowed

register = template.Library()


@register.filter
def takes_party(event) -> bool:
    """Whether people bring others and childcare to this activity: the pages ask and tell about
    them only then (not for company meetings)."""
    return signup_party_allowed(event=event)
