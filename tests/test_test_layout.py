"""The tests' layout: what tests share lives in the `testing` package, and no test module imports
another (issue 9, item 5).

A test module that imports another runs the other's module-level code and hides a dependency
between two files that look independent; a helper inside a test folder is found by nobody who
looks for helpers. So, read from the source (no module is imported):

- test folders hold only test modules (test_*.py), conftest.py and __init__.py;
- a test module, a conftest.py and the `testing` package import nothing from a test folder except
  the root conftest (the shared cast of users); in particular no test_*.py module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: The packages pytest collects tests from (pytest.ini testpaths) and the shared helpers.
TEST_ROOTS = ("hankehallinta", "budgets", "projects", "followup", "decisions", "opendata", "portal", "tests")
HELPERS = "testing"
ALLOWED_IN_TEST_FOLDERS = {"conftest.py", "__init__.py"}


def module_name(path: Path) -> str:
    """The dotted name of the module at `path` (a package's __init__ names the package)."""
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_test_folder_module(name: str) -> bool:
    """Whether the dotted module name lies in a test folder (`tests` or `<app>.tests`)."""
    parts = name.split(".")
    return parts[0] == "tests" or (len(parts) > 1 and parts[1] == "tests")


def is_test_module(name: str) -> bool:
    return name.rsplit(".", 1)[-1].startswith("test_")


def files_in_test_folders() -> Iterator[Path]:
    """Every Python file under the test folders."""
    yield from (REPO / "tests").rglob("*.py")
    for app in TEST_ROOTS[:-1]:
        yield from (REPO / app / "tests").rglob("*.py")


def checked_files() -> list[Path]:
    """The test folders' files and the shared helpers: the modules whose imports are checked."""
    return sorted({*files_in_test_folders(), *(REPO / HELPERS).rglob("*.py")})


def imported_names(source: str, module: str, *, is_package: bool = False) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of everything the module imports, at any depth (lazy imports too).

    `from package import name` gives package.name, since name may be a module."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            origin = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                yield node.lineno, f"{origin}.{alias.name}"


def violation(name: str) -> str:
    """What is wrong with importing the dotted `name` from a test module or helper ("" if nothing)."""
    parts = name.split(".")
    if parts[0] == "conftest":
        return ""
    if any(part.startswith("test_") for part in parts):
        return "imports a test module"
    if is_test_folder_module(name):
        return f"imports a helper from a test folder (move it to {HELPERS}/)"
    return ""


def layout_violations(path: Path) -> list[str]:
    """What is wrong with one file's imports."""
    source = path.read_text(encoding="utf-8")
    names = imported_names(source, module_name(path), is_package=path.name == "__init__.py")
    where = path.relative_to(REPO)
    return [f"{where}:{line} {problem}: {name}" for line, name in names if (problem := violation(name))]


def test_the_checked_files_are_found():
    files = checked_files()
    assert REPO / "tests" / "test_test_layout.py" in files
    assert REPO / HELPERS / "__init__.py" in files
    assert len(files) > 50


def test_test_folders_hold_only_test_modules():
    strays = [
        str(path.relative_to(REPO))
        for path in files_in_test_folders()
        if path.name not in ALLOWED_IN_TEST_FOLDERS and not path.name.startswith("test_")
    ]
    assert strays == [], f"move these helpers to {HELPERS}/"


@pytest.mark.parametrize("path", checked_files(), ids=lambda path: str(path.relative_to(REPO)))
def test_no_module_imports_a_test_module_or_a_helper_outside_testing(path):
    assert layout_violations(path) == []


def test_the_check_sees_planted_violations():
    """A lazy import of another test module, a helper in a test folder, relative imports of both."""
    source = (
        "from __future__ import annotations\n"
        "from conftest import PASSWORD\n"
        "from testing.factories import ProjectFactory\n"
        "def test_x():\n"
        "    from decisions.tests.test_views import confidential_item\n"
        "    from projects.tests import editor_data\n"
        "    from . import test_models\n"
        "    from .helpers import login\n"
    )
    names = imported_names(source, "decisions.tests.test_planted")
    assert [problem.split(" (")[0] for _line, name in names if (problem := violation(name))] == [
        "imports a test module",
        "imports a helper from a test folder",
        "imports a test module",
        "imports a helper from a test folder",
    ]
