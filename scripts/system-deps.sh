#!/usr/bin/env bash
# Make sure the system packages the app needs are installed.
#
#   scripts/system-deps.sh            Pango (WeasyPrint renders the PDFs with it)
#   scripts/system-deps.sh --browser  the test run's too (make test): Pango, Chromium (the browser
#                                     tests drive it) and redis-server (the shared-cache tests start it)
#   scripts/system-deps.sh --check    only check: exit 0 when all is there, 1 and the list when not
#                                     (combine with --browser); never installs anything
#
# What is missing is installed with apt-get when we run as root on Debian or Ubuntu;
# otherwise the script stops and names the packages to install.
#
# Environment:
#   CHROMIUM=/usr/bin/chromium   the browser the tests drive (tests/browser/conftest.py reads it too)
#   REDIS_SERVER=/usr/bin/redis-server   the Redis the shared-cache tests start (testing/servers.py)
#   SYSTEM_DEPS_NO_INSTALL=1     never install, only report (as if not root)
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
REDIS_SERVER="${REDIS_SERVER:-/usr/bin/redis-server}"
want_browser=0
check_only=0
for arg in "$@"; do
    case "$arg" in
        --browser) want_browser=1 ;;
        --check) check_only=1 ;;
        *) echo "usage: $0 [--browser] [--check]" >&2; exit 2 ;;
    esac
done

# The shared-library cache, read once per check. Never pipe `ldconfig -p` into `grep -q`: under
# pipefail, grep stops reading at the first match, ldconfig dies of SIGPIPE, and the pipeline fails
# for a library that is installed (the false "missing" of issue 9). ldconfig lives in /sbin, which
# is not on every user's PATH.
library_cache=""
read_library_cache() {
    library_cache="$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null || true)"
}

have_lib() {
    [[ "$library_cache" == *"$1"* ]]
}

read_library_cache
missing=()
have_lib libpango-1.0.so.0 || missing+=(libpango-1.0-0)
have_lib libpangoft2-1.0.so.0 || missing+=(libpangoft2-1.0-0)
if [ "$want_browser" = 1 ] && [ ! -x "$CHROMIUM" ]; then
    missing+=(chromium)
fi
if [ "$want_browser" = 1 ] && [ ! -x "$REDIS_SERVER" ]; then
    missing+=(redis-server)
fi

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if [ "$check_only" = 1 ]; then
    echo "Missing system packages: ${missing[*]}" >&2
    exit 1
fi

can_install=1
[ "${SYSTEM_DEPS_NO_INSTALL:-}" = 1 ] && can_install=0
[ "$(id -u)" = 0 ] || can_install=0
command -v apt-get >/dev/null 2>&1 || can_install=0

if [ "$can_install" = 0 ]; then
    {
        echo
        echo "Missing system packages: ${missing[*]}"
        echo "  (Pango is needed by WeasyPrint for the PDFs; chromium by the browser tests at $CHROMIUM;"
        echo "  redis-server by the shared-cache tests at $REDIS_SERVER)"
        echo "Install them, for example on Debian or Ubuntu:"
        echo
        echo "    sudo apt-get install -y ${missing[*]}"
        echo
        echo "or run this command as root, which installs them with apt-get."
    } >&2
    exit 1
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"

# Check again: a package of that name may exist and still not provide what we need
# (on Ubuntu, "chromium" is a snap transition package that does not work in containers).
read_library_cache
still=()
have_lib libpango-1.0.so.0 || still+=(libpango-1.0-0)
have_lib libpangoft2-1.0.so.0 || still+=(libpangoft2-1.0-0)
if [ "$want_browser" = 1 ] && [ ! -x "$CHROMIUM" ]; then
    still+=("chromium (expected at $CHROMIUM; set CHROMIUM to its path)")
fi
if [ "$want_browser" = 1 ] && [ ! -x "$REDIS_SERVER" ]; then
    still+=("redis-server (expected at $REDIS_SERVER; set REDIS_SERVER to its path)")
fi
if [ "${#still[@]}" -gt 0 ]; then
    echo "Still missing after apt-get install: ${still[*]}" >&2
    exit 1
fi
