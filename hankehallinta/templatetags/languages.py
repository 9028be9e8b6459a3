"""The page in the other languages: {% language_alternates as alternates %} for <link rel="alternate">.

Only a page whose address has a language prefix (the public archive: /fi/archive/, /sv/arkiv/,
/en/archive/) has alternates; every other page has one address for every language.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_from_path

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context: template.Context) -> list[tuple[str, str]]:
    """[(language, absolute URL of this page in it)], the default language's also as "x-default"."""
    request = context.get("request")
    if request is None or not get_language_from_path(request.path_info):
        return []
    path = request.get_full_path()
    alternates = [(code, request.build_absolute_uri(translate_url(path, code))) for code, _name in settings.LANGUAGES]
    default = dict(alternates)[settings.LANGUAGE_CODE]
    return [*alternates, ("x-default", default)]
