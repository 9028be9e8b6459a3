"""`scripts/system-deps.sh --check` never reports an installed library as missing.

The old check piped `ldconfig -p` into `grep -q` under `set -o pipefail`: grep stopped at the first
match, ldconfig died of SIGPIPE and the pipeline failed, so now and then `make test` stopped with
"Still missing after apt-get install: libpangoft2-1.0-0" on a machine that had it (issue 9). The
check is run many times here, on a machine that has everything, and must say so every time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "system-deps.sh"
LIBRARIES = ("libpango-1.0.so.0", "libpangoft2-1.0.so.0")
RUNS = 50


def library_cache() -> str:
    """The whole `ldconfig -p` listing, read to its end (so no SIGPIPE can cut it short)."""
    ldconfig = shutil.which("ldconfig", path=os.environ.get("PATH", "") + ":/sbin:/usr/sbin")
    if ldconfig is None:
        return ""
    return subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=False).stdout


def run_check() -> subprocess.CompletedProcess[str]:
    """One run of the check-only mode; it never installs anything."""
    return subprocess.run(
        ["bash", str(SCRIPT), "--check"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SYSTEM_DEPS_NO_INSTALL": "1"},
    )


def test_the_check_never_reports_an_installed_library_missing() -> None:
    cache = library_cache()
    absent = [name for name in LIBRARIES if name not in cache]
    assert absent == [], "make test installs every library the check names"
    false_reports = [result.stderr.strip() for result in (run_check() for _ in range(RUNS)) if result.returncode]
    assert false_reports == [], f"{len(false_reports)} false reports in {RUNS} runs: {false_reports[:3]}"


def test_the_check_names_what_is_missing() -> None:
    result = subprocess.run(
        ["bash", str(SCRIPT), "--check", "--browser"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CHROMIUM": "/nonexistent/chromium"},
    )
    assert result.returncode == 1
    assert "Missing system packages:" in result.stderr
    assert "chromium" in result.stderr


def test_the_test_run_needs_redis_server() -> None:
    result = subprocess.run(
        ["bash", str(SCRIPT), "--check", "--browser"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "REDIS_SERVER": "/nonexistent/redis-server"},
    )
    assert result.returncode == 1
    assert "redis-server" in result.stderr
