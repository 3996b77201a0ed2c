# Shared set-up for scripts/serve and scripts/test: a virtual environment in .venv with the
# project installed (editable). Safe to run again: it only installs what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> Skapar virtuell miljö i .venv"
  if ! "$PY" -m venv .venv 2>/dev/null; then
    # Debian's system Python ships venv separately.
    echo "==> Installerar python3-venv (apt-get)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
    rm -rf .venv && "$PY" -m venv .venv
  fi
fi
stamp=.venv/.trygg-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> Installerar trygg och beroenden (pip install -e .[test])"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
  touch "$stamp"
else
  echo "==> Beroendena är redan installerade"
fi
# WeasyPrint (the handbooks' PDF) needs Pango and at least one font from Debian.
if ! ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  echo "==> Installerar Pango och typsnittet DejaVu för handböckernas PDF (apt-get)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null
fi
