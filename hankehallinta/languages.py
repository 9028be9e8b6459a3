"""The page's language: Finnish, Swedish or English (settings.LANGUAGES; README.md, "Languages").

Which language a request gets, first match wins:

1. the URL's language prefix: the public archive lives at /fi/archive/, /sv/arkiv/, /en/archive/;
2. Django's language cookie, set by the language switch on every page (`set_language`) and, at
   sign-in, from the user's preference;
3. the browser's Accept-Language; 4. Finnish (LANGUAGE_CODE).

A signed-in user's choice is also kept in their `UserPreference` (hankehallinta.services.
remember_language): signing in on another browser, or after the cookie is gone, brings it back
(`_use_preferred_language`). The cookie stays the one source a request reads, so there is no database
query on each page and the public, signed-in and just-signed-out pages all follow the same rule.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware import locale
from django.utils import translation
from django.views import i18n

from hankehallinta.entry import view_entry
from hankehallinta.models import UserPreference
from hankehallinta.permissions import PUBLIC
from hankehallinta.services import remember_language


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, which also writes the language cookie when the sign-in has brought
    back the user's own language (`_use_preferred_language`)."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        preferred = getattr(request, "preferred_language", None)
        if preferred:
            set_language_cookie(response, preferred)
        return super().process_response(request, response)


def set_language_cookie(response: HttpResponse, language: str) -> None:
    """Django's language cookie, as its set_language view writes it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def is_offered(language: str | None) -> bool:
    return language in dict(settings.LANGUAGES)


@view_entry(PUBLIC, methods=("POST",), public=True)
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch: Django's set_language (the cookie, and back to `next` in the new
    language: /fi/archive/ becomes /sv/arkiv/), and the signed-in user's preference."""
    # Django translates `next` into the new language (/fi/archive/ to /sv/arkiv/) by resolving it in
    # the active language, which must then be the one of its prefix, not the cookie's.
    next_language = translation.get_language_from_path(request.POST.get("next", ""))
    with translation.override(next_language or translation.get_language()):
        response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER)
    if is_offered(language) and request.user.is_authenticated:
        remember_language(request.user, language)
    return response


@receiver(user_logged_in)
def _use_preferred_language(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """At sign-in the user's own language wins over the cookie: this response already answers in it
    and LocaleMiddleware writes it into the cookie for the pages after."""
    if request is None:
        return
    language = UserPreference.objects.filter(user=user).values_list("language", flat=True).first()
    if is_offered(language):
        translation.activate(language)
        request.LANGUAGE_CODE = language
        request.preferred_language = language
