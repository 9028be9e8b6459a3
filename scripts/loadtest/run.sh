#!/usr/bin/env bash
# The load test (`make loadtest`): locust, headless, against the server on this machine only.
#
# Start the server first, in another terminal: `make serve` (DEBUG off) on the database that holds
# the demo users (`make run` once, or `DEBUG=1 manage.py load_demo`) and, for the figures of issue
# 11, the full volume (`DEBUG=1 manage.py generate_volume --size full`), both with the same
# DATABASE_URL. REQUIRE_2FA must be off (its default while HTTPS is off): the demo users can write.
#
# Environment: PORT (default 8000), LOADTEST_USERS (default 50), LOADTEST_SECONDS (default 60),
# LOADTEST_SPAWN_RATE (users started per second, default 5). The CSV files stay in LOADTEST_OUT
# (default a new temporary directory). Exits 1 when any request failed. The measured time starts when
# every user has signed in (the sign-ins are not counted, see locustfile.py); --run-time is only a cap.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${PORT:-8000}"
USERS="${LOADTEST_USERS:-50}"
SECONDS_TO_RUN="${LOADTEST_SECONDS:-60}"
SPAWN_RATE="${LOADTEST_SPAWN_RATE:-5}"
OUT="${LOADTEST_OUT:-$(mktemp -d)}"
HOST="http://127.0.0.1:${PORT}"
mkdir -p "${OUT}"

if ! .venv/bin/python -c "import urllib.request; urllib.request.urlopen('${HOST}/accounts/login/', timeout=5)" 2>/dev/null; then
    echo "No server answers at ${HOST}: start it first with 'make serve' (PORT=${PORT})." >&2
    exit 1
fi

echo "Load test: ${USERS} signed-in users for ${SECONDS_TO_RUN} s against ${HOST} (CSV in ${OUT})"
status=0
LOADTEST_SECONDS="${SECONDS_TO_RUN}" .venv/bin/locust -f scripts/loadtest/locustfile.py --headless --only-summary \
    --users "${USERS}" --spawn-rate "${SPAWN_RATE}" --run-time "$((SECONDS_TO_RUN + 600))s" \
    --host "${HOST}" --csv "${OUT}/loadtest" --exit-code-on-error 0 >"${OUT}/locust.log" 2>&1 || status=$?
if [ "${status}" -ne 0 ]; then
    tail -n 30 "${OUT}/locust.log" >&2
    exit "${status}"
fi
grep '^LOADTEST:' "${OUT}/locust.log" | sed 's/^LOADTEST: //' || echo "Not every user signed in." >&2
echo
.venv/bin/python scripts/loadtest/report.py "${OUT}/loadtest"
