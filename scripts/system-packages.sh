#!/usr/bin/env bash
# The system packages `make run` / `make test` need, installed when missing.
#
#   scripts/system-packages.sh run        Pango (the PDF export), a font, Python's venv
#   scripts/system-packages.sh test       the same, plus Chromium and poppler-utils
#   scripts/system-packages.sh test-fast  the same as test, without Chromium
#
# As root: `apt-get update` once, then `apt-get install` of what is missing. Otherwise it
# stops at once with one line naming the command to run. It installs nothing when all is
# there, so it costs a few dpkg queries on every run.
set -euo pipefail

profile="${1:-test}"
python="${PYTHON:-python3}"
apt_missing=()
other_missing=()

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
use_dpkg=false
command -v dpkg-query >/dev/null && command -v apt-get >/dev/null && use_dpkg=true

need_pkg() { # need_pkg PACKAGE [SONAME]: a Debian package, or (elsewhere) the library it ships
  if $use_dpkg; then
    installed "$1" || apt_missing+=("$1")
  elif [ -n "${2:-}" ] && ! have_lib "$2"; then
    other_missing+=("$1")
  fi
}

need_cmd() { # need_cmd COMMAND PACKAGE
  command -v "$1" >/dev/null && return 0
  if $use_dpkg; then apt_missing+=("$2"); else other_missing+=("$2"); fi
}

# WeasyPrint (the PDF report) loads Pango and HarfBuzz's subsetter through cffi; without a
# font it renders nothing legible.
need_pkg libpango-1.0-0 libpango-1.0.so.0
need_pkg libpangoft2-1.0-0 libpangoft2-1.0.so.0
need_pkg libharfbuzz-subset0 libharfbuzz-subset.so.0
need_pkg fonts-dejavu-core

# `python3 -m venv` needs ensurepip, which Debian's python3 ships in python3-venv.
if ! "$python" -c "import ensurepip, venv" 2>/dev/null; then
  if $use_dpkg && [ "$(command -v "$python")" = "/usr/bin/$python" ]; then
    apt_missing+=(python3-venv)
  else
    other_missing+=("the venv module for $python")
  fi
fi

case "$profile" in
  run) ;;
  test | test-fast)
    need_cmd pdftoppm poppler-utils
    if [ "$profile" = test ]; then
      # The browser tests use $CHROMIUM_PATH, else `chromium` on PATH (Debian's package).
      chromium="${CHROMIUM_PATH:-}"
      if [ -z "$chromium" ] || [ "$chromium" = /usr/bin/chromium ]; then
        need_cmd chromium chromium
      elif [ ! -x "$chromium" ]; then
        other_missing+=("Chromium (CHROMIUM_PATH=$chromium is not an executable)")
      fi
    fi
    ;;
  *)
    echo "usage: $0 run|test|test-fast" >&2
    exit 2
    ;;
esac

# Vite 7 needs Node 20.19+; Debian 12's own nodejs is 18, so Node is not apt-installed here.
node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);
  console.log(a>22||(a===22&&b>=12)||(a===20&&b>=19)?"yes":"no")' 2>/dev/null || echo no)
if [ "$node_ok" != yes ] || ! command -v npm >/dev/null; then
  echo "make: Node.js 20.19+ (or 22.12+) with npm is needed: install it (https://nodejs.org/en/download), then run make again." >&2
  exit 1
fi

if [ ${#other_missing[@]} -gt 0 ]; then
  echo "make: missing system packages: ${other_missing[*]}; install them with your package manager, then run make again." >&2
  exit 1
fi
[ ${#apt_missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "make: missing system packages; run: sudo apt-get update && sudo apt-get install -y ${apt_missing[*]}" >&2
  exit 1
fi
echo "make: installing ${apt_missing[*]} (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${apt_missing[@]}" >/dev/null
