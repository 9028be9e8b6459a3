#!/usr/bin/env bash
# Create the virtualenv .venv with Python 3.11 or newer.
#   PYTHON=python3.12 scripts/make-venv.sh    use another interpreter (default python3)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "No '$PYTHON' found. Install Python 3.11 or newer (Debian/Ubuntu: apt-get install python3 python3-venv)," >&2
    echo "or name one with PYTHON=/path/to/python3.11 make ..." >&2
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "$PYTHON is Python $("$PYTHON" -c 'import platform; print(platform.python_version())'); Hankehallinta needs 3.11 or newer." >&2
    echo "Install a newer one and name it with PYTHON=/path/to/python3.11 make ..." >&2
    exit 1
fi

rm -rf .venv
if ! "$PYTHON" -m venv .venv; then
    rm -rf .venv
    # Debian and Ubuntu ship the venv module (ensurepip) separately.
    version="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    echo >&2
    echo "Could not create a virtualenv with $PYTHON. On Debian or Ubuntu install the venv module:" >&2
    echo "    sudo apt-get install -y python$version-venv" >&2
    exit 1
fi
echo "Created .venv with $(.venv/bin/python --version)."
