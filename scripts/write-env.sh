#!/usr/bin/env bash
# Write a local, git-ignored .env with a generated SECRET_KEY, unless one exists already.
# An existing .env is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -e .env ]; then
    exit 0
fi
# token_urlsafe: letters, digits, - and _ only, so nothing in it means anything to the .env parser.
key="$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
umask 077
cat > .env <<ENV
# Local settings for this checkout, written by scripts/write-env.sh (make run / make test).
# Not in git. See README.md, "Configuration", for the other variables.
SECRET_KEY=$key
ENV
echo "Wrote .env with a generated SECRET_KEY."
