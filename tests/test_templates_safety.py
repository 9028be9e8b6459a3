"""No user value reaches CSS, and autoescape is never bypassed unreviewed (security.md rows 20, 23).

Django's autoescape makes a value safe as HTML text and inside a quoted attribute, but not as CSS:
`style="color: {{ c }}"` with `red; background: url(http://internal/)` makes WeasyPrint (and a
browser) fetch the URL (weasyprint.md §3, case 2). So no template of the project may put a template
variable or tag into a style attribute, a <style> block or a CSS url(); the stylesheets are static
files with no template syntax; and |safe, {% autoescape off %}, mark_safe and format_html appear
(of anything but a literal) only where REVIEWED_* lists them, with the reason.

The scan reads every template the project owns: templates/ and each project app's templates/
(not third-party packages, not the deliberately hostile test templates under */tests/templates).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template

BASE_DIR = Path(settings.BASE_DIR).resolve()
PROJECT_APPS = ("hankehallinta", "projects", "budgets", "decisions")

#: Escaping switched off on purpose: (template path, a fragment of the line) -> why it is safe.
REVIEWED_UNESCAPED: dict[tuple[str, str], str] = {}
#: Python code that marks HTML safe, reviewed: "path" -> why.
#: Python code that marks computed HTML safe, reviewed: "path" -> why. Empty today (format_html
#: with a literal format escapes its arguments and needs no review).
REVIEWED_MARK_SAFE: dict[str, str] = {}

_COMMENT_BLOCK = re.compile(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}", re.DOTALL)
_COMMENT_LINE = re.compile(r"{#.*?#}", re.DOTALL)
_TEMPLATE_SYNTAX = re.compile(r"{{|{%")
# A style attribute, quoted either way or unquoted, up to its end.
_STYLE_ATTRIBUTE = re.compile(
    r"""\bstyle\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>]+))""", re.IGNORECASE | re.DOTALL
)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(?P<css>.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_CSS_URL = re.compile(r"url\(\s*(?P<arg>[^)]*)\)", re.IGNORECASE)
_UNESCAPED = re.compile(r"\|\s*safe(seq)?\b|{%\s*autoescape\s+off\s*%}")


def template_dirs() -> list[Path]:
    dirs = [Path(directory).resolve() for engine in settings.TEMPLATES for directory in engine.get("DIRS", [])]
    dirs += [BASE_DIR / app / "templates" for app in PROJECT_APPS]
    return [
        directory
        for directory in dict.fromkeys(dirs)
        if directory.is_dir() and BASE_DIR in directory.parents and "tests" not in directory.parts
    ]


def project_templates() -> list[Path]:
    return sorted(path for directory in template_dirs() for path in directory.rglob("*") if path.is_file())


def _source(path: Path) -> str:
    """The template without its comments (which may mention <style> in prose)."""
    text = path.read_text(encoding="utf-8")
    return _COMMENT_LINE.sub("", _COMMENT_BLOCK.sub("", text))


def _where(path: Path, source: str, position: int) -> str:
    line = source.count("\n", 0, position) + 1
    return f"{path.relative_to(BASE_DIR)}:{line}"


def style_context_violations(path: Path, source: str) -> list[str]:
    found = []
    for match in _STYLE_ATTRIBUTE.finditer(source):
        value = match.group("dq") or match.group("sq") or match.group("uq") or ""
        if _TEMPLATE_SYNTAX.search(value):
            found.append(f"{_where(path, source, match.start())}: template syntax in a style attribute: {match[0]!r}")
    for match in _STYLE_BLOCK.finditer(source):
        if _TEMPLATE_SYNTAX.search(match.group("css")):
            found.append(f"{_where(path, source, match.start())}: template syntax in a <style> block")
    for match in _CSS_URL.finditer(source):
        if "{{" in match.group("arg") or re.search(r"{%(?!\s*static\s+['\"][^'\"]+['\"]\s*%})", match.group("arg")):
            found.append(f"{_where(path, source, match.start())}: template syntax in url(): {match[0]!r}")
    return found


def test_the_scan_finds_the_projects_templates():
    names = {str(path.relative_to(BASE_DIR)) for path in project_templates()}
    assert "templates/pdf/base.html" in names
    assert "templates/decisions/_agendaitem_content.html" in names
    assert "templates/projects/project_funding_pdf.html" in names
    assert not [name for name in names if name.startswith(".venv")]


@pytest.mark.parametrize(
    "snippet",
    [
        '<p style="color: {{ colour }}">',
        "<p style='width: {{ w }}%'>",
        "<p style={{ s }}>",
        '<p class="x" style="{% if a %}color: red{% endif %}">',
        "<style>p { color: {{ c }} }</style>",
        "<style media=print>{% if x %}p{}{% endif %}</style>",
        '<div data-x="url({{ u }})">',
        "background: url({% url 'x' %})",
    ],
)
def test_the_scan_catches_user_values_in_style_contexts(snippet):
    """The detector itself: each of these would let a value into CSS."""
    assert style_context_violations_for_text(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<p class="{{ css_class }}">{{ text }}</p>',
        "{% comment %}Never put values in <style>{{ x }}</style>{% endcomment %}",
        '{# style="{{ x }}" #}',
        "<style>p { color: red }</style>",
        '<link rel="stylesheet" href="{% static "css/app.css" %}">',
        "background: url({% static 'img/logo.svg' %})",
    ],
)
def test_the_scan_lets_safe_templates_pass(snippet):
    assert style_context_violations_for_text(snippet) == []


def style_context_violations_for_text(text: str) -> list[str]:
    source = _COMMENT_LINE.sub("", _COMMENT_BLOCK.sub("", text))
    return style_context_violations(BASE_DIR / "snippet.html", source)


def test_no_template_puts_a_value_into_a_style_context():
    violations = [
        violation for path in project_templates() for violation in style_context_violations(path, _source(path))
    ]
    assert violations == []


def test_no_template_switches_escaping_off_unreviewed():
    found = []
    for path in project_templates():
        source = _source(path)
        for match in _UNESCAPED.finditer(source):
            line = source.splitlines()[source.count("\n", 0, match.start())].strip()
            relative = str(path.relative_to(BASE_DIR))
            if not any(name == relative and fragment in line for name, fragment in REVIEWED_UNESCAPED):
                found.append(f"{_where(path, source, match.start())}: {line}")
    assert found == [], "escaping switched off; review it and list it in REVIEWED_UNESCAPED"


def unsafe_marking_calls(source: str) -> list[tuple[int, str]]:
    """Calls that mark a computed string safe: mark_safe / SafeString / SafeText of anything but a
    string literal, and format_html / format_html_join whose format is not a literal (format_html
    escapes its arguments, but not its format string)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        literal = bool(node.args) and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
        join_literal = (
            len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
        )
        if (name in ("mark_safe", "SafeString", "SafeText", "format_html") and not literal) or (
            name == "format_html_join" and not join_literal
        ):
            found.append((node.lineno, name))
    return found


@pytest.mark.parametrize(
    ("source", "unsafe"),
    [
        ("mark_safe(text)", True),
        ("mark_safe('')", False),
        ("SafeString(value)", True),
        ("format_html(template, x)", True),
        ("format_html('<b>{}</b>', x)", False),
        ("format_html_join('', '{}', rows)", False),
        ("format_html_join('', fmt, rows)", True),
    ],
)
def test_the_python_scan_tells_safe_from_unsafe_marking(source, unsafe):
    assert bool(unsafe_marking_calls(source)) is unsafe


def test_no_python_code_marks_computed_html_safe_unreviewed():
    found = []
    for app in PROJECT_APPS:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            relative = path.relative_to(BASE_DIR)
            if "tests" in relative.parts or "migrations" in relative.parts:
                continue
            for line, name in unsafe_marking_calls(path.read_text(encoding="utf-8")):
                if str(relative) not in REVIEWED_MARK_SAFE:
                    found.append(f"{relative}:{line}: {name}")
    assert found == [], "computed HTML marked safe; review it and list the file in REVIEWED_MARK_SAFE"


def test_stylesheets_are_static_files_without_template_syntax():
    """print.css (and every CSS of the project) is served as a file, never rendered with values."""
    stylesheets = [path for directory in settings.STATICFILES_DIRS for path in Path(directory).rglob("*.css")]
    stylesheets = [path for path in stylesheets if "vendor" not in path.parts]
    assert any(path.name == "print.css" for path in stylesheets)
    for path in stylesheets:
        assert not _TEMPLATE_SYNTAX.search(path.read_text(encoding="utf-8")), path
    assert not [path for path in project_templates() if path.suffix == ".css"], "a stylesheet rendered as a template"


def test_the_pdf_base_has_no_style_context_at_all():
    """The PDF layout gets its CSS only from print.css: no <style>, no style attribute, no <link>."""
    for name in ("pdf/base.html", "decisions/agendaitem_extract_pdf.html", "projects/project_funding_pdf.html"):
        source = _COMMENT_BLOCK.sub("", Path(get_template(name).origin.name).read_text(encoding="utf-8"))
        assert not _STYLE_BLOCK.search(source), name
        assert not _STYLE_ATTRIBUTE.search(source), name
        assert "<link" not in source, name
