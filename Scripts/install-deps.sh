#!/usr/bin/env bash
# Installs the system packages StaffGraph needs (Graphviz C library, pkg-config),
# poppler-utils, whose pdftotext lets the privacy tests read the text of PDF maps,
# and chromium, in which Scripts/browser_check.py opens the HTML report (headless, offline).
# As root: installs them with apt-get. Otherwise: prints the exact command and fails.
set -euo pipefail
packages=(libgraphviz-dev pkg-config fonts-dejavu-core poppler-utils chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v swift >/dev/null 2>&1; then
  echo "error: swift is not on PATH. Install Swift 6 (https://www.swift.org/install/linux/) and try again." >&2
  exit 1
fi
# The interoperability check in `make test` reads files with networkx.
if ! python3 -c "import networkx" >/dev/null 2>&1; then
  echo "Installing networkx for the interoperability check …" >&2
  python3 -m pip install --quiet "networkx>=3.4" >&2 || {
    echo "error: could not install networkx; run: python3 -m pip install networkx" >&2
    exit 1
  }
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing ${missing[*]} …" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update >/dev/null
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  }
else
  echo "StaffGraph needs these system packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
