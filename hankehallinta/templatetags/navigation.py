"""The breadcrumb trail above a page's heading, written one way on every page.

    {% load navigation %}
    {% breadcrumbs _("Meetings") "decisions:meeting_list" meeting.full_label meeting _("Attendees") %}

The arguments are pairs of a label and where it leads, then the current page's label (no link,
marked aria-current="page"). A target is an object with get_absolute_url(), a path ("/...", e.g.
from `{% url ... as path %}` when the URL takes arguments) or the name of a URL without arguments.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse

register = template.Library()


@dataclass(frozen=True)
class Crumb:
    label: object
    href: str


def crumb_href(target: object) -> str:
    """Where a breadcrumb leads: the object's own URL, the path as given, or the named URL reversed."""
    get_absolute_url = getattr(target, "get_absolute_url", None)
    if callable(get_absolute_url):
        return str(get_absolute_url())
    target = str(target)
    return target if target.startswith("/") else reverse(target)


@register.inclusion_tag("hankehallinta/_breadcrumbs.html")
def breadcrumbs(*trail: object) -> dict[str, object]:
    """The context of the breadcrumb partial: the linked crumbs and the current page's label."""
    if len(trail) % 2 == 0:
        raise template.TemplateSyntaxError("breadcrumbs takes label-target pairs and then the current page's label")
    *pairs, here = trail
    links = [Crumb(label, crumb_href(target)) for label, target in zip(pairs[::2], pairs[1::2], strict=True)]
    return {"links": links, "here": here}
