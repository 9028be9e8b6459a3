#!/usr/bin/env bash
# The production configuration on this machine (`make serve`): gunicorn with gunicorn.conf.py, and
# next to it the processes a server runs in production, each started in the background and stopped
# when this script ends (Ctrl-C, TERM, or gunicorn exiting).
#
# The caller has migrated the database and set DEBUG=0 (the Makefile's serve target does both).
# Environment: PORT (default 8000) and everything gunicorn.conf.py and the settings read.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
export DEBUG="${DEBUG:-0}"
export PORT="${PORT:-8000}"

# The ids of the background processes, stopped on exit.
background=()

stop_background() {
    local pid
    for pid in "${background[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${background[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
trap stop_background EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_background NAME COMMAND...: run COMMAND in the background and remember it for the exit.
start_background() {
    local name="$1"
    shift
    echo "Starting $name: $*"
    "$@" &
    background+=("$!")
}

# background worker and scheduler (docs/background-tasks.md): one worker runs the queued tasks (the
# minutes PDFs rendered ahead, the daily personal-data removal); one scheduler enqueues the daily
# tasks. TERM lets the worker finish the task it is running.
start_background worker "$BIN/python" manage.py db_worker --no-reload
start_background scheduler "$BIN/python" manage.py run_scheduler

# gunicorn in the foreground of this script, but as a child, so that the traps above run when it
# stops. Its own TERM handling (graceful_timeout) applies when this script passes the signal on.
"$BIN/gunicorn" -c gunicorn.conf.py hankehallinta.wsgi &
gunicorn_pid=$!
background+=("$gunicorn_pid")
wait "$gunicorn_pid"
