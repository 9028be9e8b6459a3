"""The web process does not load the renderer: WeasyPrint is imported only by the render workers
(hankehallinta/pdf/render_process.py) and, when it renders itself, by the web process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROBE = (
    "import django; django.setup(); import hankehallinta.urls, hankehallinta.pdf, sys; "
    "print('weasyprint' in sys.modules, 'hankehallinta.pdf.layout' in sys.modules)"
)


def test_importing_the_urlconf_does_not_import_weasyprint():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hankehallinta.settings"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["False", "False"], result.stderr
