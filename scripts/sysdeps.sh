#!/bin/sh
# Install the system packages reportdiff needs (Pango/HarfBuzz for PDF memos, a CJK font, poppler
# for the PDF tests, Chromium for the browser tests). As root it installs them with apt-get;
# otherwise it says what to install and lets the caller go on with what it can do. Quick when
# everything is already there.
set -u
missing=""
for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done
if [ -z "$missing" ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "reportdiff: not a Debian system; install these (or their equivalents) yourself:$missing" >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "reportdiff: missing system packages:$missing" >&2
    echo "reportdiff: run as root: apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    echo "reportdiff: going on without them; PDF memos and the browser tests need them" >&2
    exit 0
fi
echo "reportdiff: installing system packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
