#!/usr/bin/env bash
# Run the test suite with pytest against the database DATABASE_URL (or .env) names.
# On PostgreSQL every test runs; elsewhere the tests marked `postgres`, `browser` or `hypothesis` are
# deselected (conftest.py).
# Extra arguments go to pytest, e.g. scripts/pytest.sh -k extract
# PYTEST_WORKERS (default: the cores, at most 4) sets how many pytest-xdist workers run the tests.
# EXPECT_DB_VENDOR=postgresql|sqlite makes it fail unless the settings name that database.
set -uo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-hankehallinta.settings}"

# Ask Django, so that a DATABASE_URL from .env counts as well as one from the environment.
vendor="$("$PY" -c '
import django
django.setup()
from django.db import connection
print(connection.vendor)
' 2>&1 | tail -n 1)" || { echo "Cannot load the settings: $vendor" >&2; exit 1; }

# .ci/run sets EXPECT_DB_VENDOR so that a DATABASE_URL in .env cannot turn a pass into the other one.
if [ -n "${EXPECT_DB_VENDOR:-}" ] && [ "$vendor" != "$EXPECT_DB_VENDOR" ]; then
    echo "Expected to test on $EXPECT_DB_VENDOR, but the settings give $vendor (DATABASE_URL in .env?)." >&2
    exit 1
fi

# In parallel (pytest-xdist): one worker per core, at most 4, each with its own test database;
# a module's tests stay on one worker (--dist loadfile), so module-scoped data is made once.
# PYTEST_WORKERS=0 runs everything in this process (for a debugger or -x on one failure).
cores="$(nproc 2>/dev/null || echo 2)"
workers="${PYTEST_WORKERS:-$(( cores < 4 ? cores : 4 ))}"
args=(--create-db -ra --durations=15)
if [ "$workers" != 0 ]; then
    args+=(-n "$workers" --dist loadfile)
fi
if [ "$vendor" = postgresql ]; then
    echo "== pytest on PostgreSQL: all tests"
else
    echo "== pytest on $vendor: tests marked 'postgres', 'browser' or 'hypothesis' deselected"
    args+=(-m "not postgres and not browser and not hypothesis")
fi

"$PY" -m pytest "${args[@]}" "$@"
status=$?
case "$status" in
    0) ;;
    5) echo "pytest collected no tests: that counts as a failure." >&2 ;;
    *) echo "pytest failed (exit status $status)." >&2 ;;
esac
exit "$status"
