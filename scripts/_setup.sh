# Shared set-up for scripts/demo and scripts/test: create or update .venv and install the project.
# Sourced, not run. Needs Python 3.11+ on PATH as python3 (or set PYTHON).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1))." >&2
    exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.installed-$(cat "$ROOT/pyproject.toml" | sha256sum | cut -c1-16)-$1"
if [ ! -f "$stamp" ]; then
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    if [ "$1" = dev ]; then
        "$VENV/bin/python" -m pip install --quiet -e "$ROOT[dev]"
    else
        "$VENV/bin/python" -m pip install --quiet -e "$ROOT"
    fi
    rm -f "$VENV"/.installed-*
    touch "$stamp"
fi
export PATH="$VENV/bin:$PATH"
export XLWINGS_LICENSE_KEY="${XLWINGS_LICENSE_KEY:-noncommercial}"
cd "$ROOT"
