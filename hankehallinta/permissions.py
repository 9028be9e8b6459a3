"""The permission engine: named permissions, each a django-rules predicate registered by the app whose
objects it judges (`decisions/rules.py`, `projects/rules.py`).

The core knows no domain app. It holds what every app shares: the groups for roles outside bodies,
the predicates about the account itself, `has_permission` (the one question every view entry and
template asks), and two extension points the apps fill in: who counts as a writer (accounts that
must sign in with a second factor) and how a user's roles are described in the audit log.

`has_permission` asks django-rules' own rule set, never `user.has_perm`: Django's model backend
lets a superuser past every permission, and some rules hold for superusers too ("not after the
minutes are checked").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import rules

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

GROUP_DEVELOPMENT_DIRECTOR = "kehittamisjohtaja"
GROUP_STAFF = "henkilosto"
#: The county's administrator (hyvinvointialueen pääkäyttäjä): creates and edits bodies, names their
#: secretaries and presenters and sets their numbering, in the pages. Superusers count as one too.
GROUP_COUNTY_ADMIN = "hyvinvointialueen_paakayttaja"
#: The role groups an installation has from its first `migrate` on (hankehallinta.apps), so that its
#: superuser can give a role to someone without creating the group by hand.
ROLE_GROUPS = (GROUP_COUNTY_ADMIN, GROUP_DEVELOPMENT_DIRECTOR, GROUP_STAFF)

#: Whether the account can change anything: such accounts sign in with a second factor (REQUIRE_2FA).
WRITE = "hankehallinta.write"
#: Pages every signed-in person may open (the dashboard, lists, the staff search).
SIGNED_IN = "hankehallinta.signed_in"
#: The public archive: no sign-in.
PUBLIC = "hankehallinta.public"


def has_permission(user: User, name: str, obj: Any = None) -> bool:
    """Whether `user` holds the named permission on `obj` (None for permissions without an object)."""
    return rules.has_perm(name, user, obj)


def group_names(user: User) -> set[str]:
    """The user's group names, read once per request's user object (pages ask for many rows)."""
    if not user.is_authenticated:
        return set()
    names = getattr(user, "_group_names", None)
    if names is None:
        names = user._group_names = set(user.groups.values_list("name", flat=True))
    return names


@rules.predicate
def is_signed_in(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_superuser(user: User) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def is_admin_site_user(user: User) -> bool:
    return bool(user.is_authenticated and user.is_staff)


@rules.predicate
def is_development_director(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or GROUP_DEVELOPMENT_DIRECTOR in group_names(user)))


@rules.predicate
def is_county_admin(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or GROUP_COUNTY_ADMIN in group_names(user)))


# Who counts as a writer: the apps add their predicates (a body's secretary, a presenting official).
_writer_predicates: list[rules.Predicate] = [
    is_superuser,
    is_admin_site_user,
    is_development_director,
    is_county_admin,
]
# How a user's roles read in the audit log: the apps add describers (e.g. "sihteeri:<body>").
_role_describers: list[Callable[[User], list[str]]] = []


def add_writers(predicate: rules.Predicate) -> None:
    """Count the users `predicate` accepts as writers (they must use a second factor)."""
    _writer_predicates.append(predicate)


def add_role_describer(describe: Callable[[User], list[str]]) -> None:
    """Add roles to the audit log's description of a user."""
    _role_describers.append(describe)


@rules.predicate
def is_writer(user: User) -> bool:
    return bool(is_signed_in(user) and any(predicate(user) for predicate in _writer_predicates))


def roles_of(user: User) -> list[str]:
    """The roles a user acts in, for the audit log: superuser, groups, and what the apps add."""
    if not user.is_authenticated:
        return []
    roles = ["superuser"] if user.is_superuser else []
    roles += sorted(group_names(user))
    for describe in _role_describers:
        roles += describe(user)
    return roles


rules.add_perm(WRITE, is_writer)
rules.add_perm(SIGNED_IN, is_signed_in)
rules.add_perm(PUBLIC, rules.always_allow)
