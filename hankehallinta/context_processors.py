from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    return {"ORGANISATION_NAME": settings.ORGANISATION_NAME}
