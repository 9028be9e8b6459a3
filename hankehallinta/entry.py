"""The one way into every view: fetch the object, check the named permission, log a refusal, record
the authority, and hand the object to the view.

    @view_entry("decisions.edit_item", AgendaItem, methods=("GET", "POST"), lock=True)
    def item_edit(request, item): ...

- `permission` names a django-rules permission ("<app>.<action>", registered in the app's rules.py),
  or maps HTTP methods to names ({"GET": "decisions.download_extract", "POST": "decisions.issue_extract"}).
- With `model`, the object named by the URL's `pk` is fetched (404 when there is none) from
  `queryset` (a QuerySet, or a function returning one, for the page's select_related and prefetches)
  or the model's default manager, and passed to the view in place of `pk`. `lock=True` makes a POST
  fetch it with a row lock (PostgreSQL; a no-op on SQLite), so the permission check and the write
  see the same row. Without `model` the permission is asked without an object.
- Anonymous users go to the sign-in page unless the view is `public=True` (the public archive).
- Other methods than `methods` get 405.
- A refusal is logged as a DENIED audit event naming the permission and answered with the Finnish
  403 page; it is a response, not an exception, so ATOMIC_REQUESTS keeps the event.
- The permission is stored as `request.audit_authority`: every write the view makes is logged
  with the permission that allowed it.

The transaction comes from ATOMIC_REQUESTS: views carry no transaction decorator of their own.
Every URL pattern of the apps resolves to a view made by this decorator (tests/test_view_entry.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from hankehallinta import access_log
from hankehallinta.permissions import has_permission

if TYPE_CHECKING:
    from django.db import models
    from django.db.models import QuerySet
    from django.http import HttpRequest

DEFAULT_METHODS = ("GET", "HEAD")


def _options(allowed: tuple[str, ...]) -> HttpResponse:
    """OPTIONS names the methods the URL answers (no body, nothing read)."""
    response = HttpResponse()
    response["Allow"] = ", ".join((*allowed, "OPTIONS"))
    response["Content-Length"] = "0"
    return response


def view_entry(
    permission: str | Mapping[str, str],
    model: type[models.Model] | None = None,
    *,
    queryset: QuerySet | Callable[[], QuerySet] | None = None,
    methods: Iterable[str] = DEFAULT_METHODS,
    lock: bool = False,
    public: bool = False,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Wrap a view so that it is reached only through fetch, permission and audit (see the module)."""
    allowed = tuple(method.upper() for method in methods)
    if "GET" in allowed and "HEAD" not in allowed:
        allowed = (*allowed, "HEAD")

    def permission_for(method: str) -> str:
        if isinstance(permission, str):
            return permission
        return permission.get(method) or permission["GET" if method == "HEAD" else method]

    def fetch(request: HttpRequest, pk: Any) -> models.Model:
        source = queryset() if callable(queryset) else queryset
        if source is None:
            source = model._default_manager.all()
        if lock and request.method == "POST":
            source = source.select_for_update(of=("self",))
        return get_object_or_404(source, pk=pk)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def entry(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not public and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.method == "OPTIONS":
                return _options(allowed)
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            name = permission_for(request.method)
            obj = fetch(request, kwargs.pop("pk")) if model is not None else None
            if not has_permission(request.user, name, obj):
                return access_log.refuse(request, obj, authority=name)
            request.audit_authority = name
            if model is not None:
                return view(request, obj, *args, **kwargs)
            return view(request, *args, **kwargs)

        entry.view_entry = {"permission": permission, "model": model, "methods": allowed, "public": public}
        return entry

    return decorate
