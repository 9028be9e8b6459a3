"""The language of an item's texts on a page: {% text_lang item %} prints ` lang="sv"` where the texts
are in another language than the page (its <html lang>), nothing where they are in the same one."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def text_language(obj: Any) -> str | None:
    """The language of the texts `obj` (an agenda item or its copy) prints, when known without a query."""
    shown = getattr(obj, "shown_language", None)
    if shown:
        return shown
    meta = getattr(obj, "_meta", None)
    if meta is None or not hasattr(obj, "original_language"):
        return None
    if meta.get_field("body").is_cached(obj):
        return obj.body.main_language
    if meta.get_field("meeting").is_cached(obj) and obj.meeting._meta.get_field("body").is_cached(obj.meeting):
        return obj.meeting.body.main_language
    return None


@register.simple_tag
def text_lang(obj: Any) -> str:
    language = text_language(obj)
    if language and language != get_language():
        return format_html(' lang="{}"', language)
    return ""
