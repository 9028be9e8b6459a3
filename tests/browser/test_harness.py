"""The harness itself: Chromium starts, and the accessibility check both passes and fails."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from testing.browser import assert_accessible
from testing.pdf import fold_spaces

pytestmark = pytest.mark.browser

CLEAN = """<!doctype html><html lang="fi"><head><title>Testi</title></head>
<body><main><h1>Otsikko</h1><p>Teksti.</p></main></body></html>"""

BROKEN = """<!doctype html><html><head><title>Testi</title></head>
<body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>"""


def test_clean_page_passes(page: Page):
    page.set_content(CLEAN)
    assert_accessible(page)


def test_violations_fail_with_their_rules(page: Page):
    page.set_content(BROKEN)
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)
    message = str(failure.value)
    for rule in ("html-has-lang", "image-alt", "label"):
        assert rule in message, message


def test_fold_spaces():
    assert fold_spaces("379\u00a0904,00\u00a0€ 1\u202f000") == "379 904,00 € 1 000"
