"""The rules of the code's shape that a reviewer would otherwise have to remember.

- every URL of ours is served through the one view entry (hankehallinta.entry.view_entry), which
  fetches, checks the named permission, logs a refusal and records the authority;
- no view and no form writes to the database itself: writes live in the apps' services;
- the import layers hold (import-linter, run here and by `make test`).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent
APPS = ("hankehallinta", "budgets", "projects", "followup", "decisions", "opendata", "portal")
#: URL patterns that are not ours to wrap: the Django admin (its own permission system).
THIRD_PARTY_PREFIXES = ("admin/",)
#: Method names that write to the database when called on a model, a manager or a queryset. (A
#: dict's `update` looks the same to the scan: views and forms merge dicts with `{**a, **b}`.)
WRITES = {
    "save",
    "delete",
    "create",
    "update",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}


def url_patterns(resolver: URLResolver | None = None, prefix: str = ""):
    """(route, pattern) for every URL pattern below `resolver`, included ones too."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not route.startswith(THIRD_PARTY_PREFIXES):
                yield from url_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def test_the_walk_finds_the_url_map():
    routes = {route for route, _pattern in url_patterns()}

    assert {"", "projects/<int:pk>/", "items/<int:pk>/extract.pdf", "archive/", "accounts/login/"} <= routes


@pytest.mark.parametrize("route", sorted(route for route, _pattern in url_patterns()))
def test_every_url_goes_through_the_view_entry(route):
    pattern = dict(url_patterns())[route]

    assert hasattr(pattern.callback, "view_entry"), f"{route} ({pattern.lookup_str}) bypasses view_entry"


def source_modules(*names: str) -> list[Path]:
    """The app modules whose name (or package) is one of `names`, tests and migrations aside."""
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            if path.stem in names or any(part in names for part in parts[1:-1]):
                found.append(path)
    return found


def writes_in(path: Path) -> list[str]:
    """`obj.save()`, `Model.objects.create(...)` and the like in a module; save(commit=False) builds only."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WRITES:
            continue
        builds_only = any(
            keyword.arg == "commit" and isinstance(keyword.value, ast.Constant) and keyword.value.value is False
            for keyword in node.keywords
        )
        if not builds_only:
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
            found.append(f"{where}:{node.lineno} .{node.func.attr}()")
    return found


def test_the_write_scan_sees_a_write(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("def view(request, item):\n    item.save()\n    form.save(commit=False)\n")

    assert [line.split(" ", 1)[1] for line in writes_in(module)] == [".save()"]


def test_views_write_only_through_services():
    views = source_modules("views")

    assert views, "no view modules found"
    assert [write for path in views for write in writes_in(path)] == []


def test_forms_write_only_through_services():
    forms = source_modules("forms")

    assert forms, "no form modules found"
    assert [write for path in forms for write in writes_in(path)] == []


def test_import_layers_hold():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-4000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout
