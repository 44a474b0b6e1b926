"""Who someone is in the network: the one place where roles are decided.

Views use the decorators (`role_required`, `hr_required`), services ask `roles_of(user)` before they
change anything on someone's behalf, templates read `roles` (put there by the context processor
`network.context_processors.roles`), and the authorization matrix (tests/quality) tests the result.
Nothing else looks at `User.kind` or `is_staff` to decide what a person may do.

Roles come from data, not from a label: the coordinator is active staff; HR staff are people with a
current position at a company (someone who left their company is no longer HR, whatever their
`kind` says). The apps that own that data tell this module how to read it (`provide`), because
`network` is the base every app builds on and imports none of them.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .models import User

# What the apps above `network` supply, by name: "hr_company" (user -> the company the user is
# HR staff of now, or None), "hr_colleagues" (company -> queryset of its current HR users) and
# "volunteer" (user -> whether they are an approved volunteer).
_providers: dict[str, Callable[..., Any]] = {}


def provide(name: str, function: Callable[..., Any]) -> None:
    """Register how a role is read from an app's data (called from that app's AppConfig.ready)."""
    _providers[name] = function


class Roles:
    """The roles of one user, each read once (a page asks several questions about the same person)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    @cached_property
    def coordinator(self) -> bool:
        return self.authenticated and self.user.is_active and self.user.is_staff

    @cached_property
    def newcomer(self) -> bool:
        return self.authenticated and not self.coordinator and self.user.kind == User.Kind.NEWCOMER

    @cached_property
    def partner(self) -> bool:
        return self.authenticated and not self.coordinator and self.user.kind == User.Kind.PARTNER

    @cached_property
    def household(self) -> bool:
        """A newcomer or a newcomer's partner: the people the calendar and onboarding are for."""
        return self.newcomer or self.partner

    @cached_property
    def volunteer(self) -> bool:
        """A volunteer the coordinator approved (paused ones too), as the mentors app reads it."""
        lookup = _providers.get("volunteer")
        return self.authenticated and not self.coordinator and lookup is not None and lookup(self.user)

    @cached_property
    def hr_company(self):
        """The company this person is HR staff of now, or None."""
        lookup = _providers.get("hr_company")
        if not self.authenticated or lookup is None:
            return None
        return lookup(self.user)

    @cached_property
    def hr(self) -> bool:
        return self.hr_company is not None

    @cached_property
    def member_hr(self) -> bool:
        """HR staff of a member company (network meetings, working groups, the talent pool)."""
        return self.hr and self.hr_company.is_member

    @cached_property
    def network_member(self) -> bool:
        """Who may read what the company network shares: member companies' HR and the coordinator."""
        return self.coordinator or self.member_hr

    def is_hr_colleague(self, other) -> bool:
        """Whether `other` is HR staff of the same member company as this person."""
        return self.member_hr and roles_of(other).hr_company == self.hr_company

    def hr_colleagues(self):
        """The active HR users of this person's member company (for signing colleagues up)."""
        if not self.member_hr:
            return User.objects.none()
        return _providers["hr_colleagues"](self.hr_company).filter(is_active=True)

    @cached_property
    def landing(self) -> str:
        """The URL name of the page this person starts from after logging in."""
        if self.coordinator:
            return "admin:index"
        if self.household:
            return "newcomers:dashboard"
        if self.hr:
            return "companies:hr_dashboard"
        if self.volunteer:
            return "mentors:volunteer_home"
        return "home"


def roles_of(user) -> Roles:
    """The roles of a user, read fresh (services call this; a role may have changed since the request)."""
    return Roles(user)


def roles_for(request) -> Roles:
    """The roles of the person making the request, read once per request."""
    # An error page rendered before the authentication middleware ran has no `user`: anonymous.
    user = getattr(request, "user", None) or AnonymousUser()
    roles = getattr(request, "_network_roles", None)
    if roles is None or roles.user is not user:
        roles = request._network_roles = Roles(user)
    return roles


def require(allowed: bool, message) -> None:
    """In a service: refuse (PermissionDenied, answered 403 with `message`) unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message)


def role_required(test: Callable[[Roles], bool], message):
    """Log the visitor in first, then refuse (403 with `message`) anyone whose roles fail `test`."""

    def decorator(view):
        @login_required
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not test(roles_for(request)):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def hr_required(*, member: bool = False):
    """HR pages: the view gets the HR person's own company (`company=`); everyone else gets a 403."""

    def decorator(view):
        @role_required(
            (lambda roles: roles.member_hr) if member else (lambda roles: roles.hr),
            _("This page is for HR staff of the network's member companies.")
            if member
            else _("This page is for HR staff of the network's companies."),
        )
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            return view(request, *args, company=roles_for(request).hr_company, **kwargs)

        return wrapped

    return decorator
