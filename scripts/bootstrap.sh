#!/usr/bin/env bash
# Install Briefing Book into ./.venv, with the system libraries Qt needs on a bare Debian/Ubuntu.
#   bash scripts/bootstrap.sh          # the application
#   bash scripts/bootstrap.sh --test   # the application and its test tools
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_install() {
  command -v apt-get >/dev/null || return 1
  echo "bootstrap: installing system packages: $*" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "bootstrap: Python 3.11 or newer is needed (found $("$PYTHON" --version 2>&1))" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    ver=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    apt_install "python${ver}-venv" || apt_install python3-venv || {
      echo "bootstrap: '$PYTHON -m venv' failed; install your distribution's python3-venv package" >&2; exit 1; }
    "$PYTHON" -m venv .venv
  fi
fi

.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}" 2>&1 | grep -v -E '^(WARNING: Location|  )' || true
.venv/bin/python -c 'import briefing, PySide6, reportlab, yaml' || { echo "bootstrap: the Python install failed" >&2; exit 1; }

bash scripts/install-qt-system-libs.sh
