#!/usr/bin/env bash
# The one test command: creates the project's virtual environment (.venv, once), installs what the tests need
# into it, starts a real Neo4j, runs ruff and every test.
#   bash scripts/test.sh [pytest args…]
# Outside CI, set KENNISGRAAF_NO_NEO4J=1 to run on the embedded engine only (it says so loudly); in CI
# (CI=true) Neo4j must start or the run fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\n== %s\n' "$*" >&2; }

. scripts/venv.sh test
echo "Python: $(python --version 2>&1) in $VIRTUAL_ENV" >&2

if ! command -v chromium >/dev/null 2>&1; then
    say "Installing Debian's chromium for the browser tests"
    if [ "$(id -u)" = 0 ]; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
            || { echo "chromium could not be installed" >&2; exit 1; }
    else
        echo "chromium is missing and this user cannot apt-get install it" >&2; exit 1
    fi
fi

neo4j_started=0
cleanup() { if [ "$neo4j_started" = 1 ]; then bash scripts/neo4j-server.sh stop >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT

if [ "${KENNISGRAAF_NO_NEO4J:-}" = 1 ] && [ -z "${CI:-}" ]; then
    say "KENNISGRAAF_NO_NEO4J=1: Neo4j is NOT tested in this run (embedded FalkorDB only)"
    unset NEO4J_URI
else
    say "Starting a real Neo4j 5.26 (Java, jars from Maven Central, cached in ~/.m2 and ~/.cache/kennisgraaf)"
    if env_line="$(bash scripts/neo4j-server.sh start)"; then
        eval "$env_line"
        neo4j_started=1
        echo "Neo4j ready at $NEO4J_URI" >&2
    else
        echo "Neo4j could not be started (see the log above)." >&2
        if [ -n "${CI:-}" ]; then exit 1; fi
        echo "Not in CI: set KENNISGRAAF_NO_NEO4J=1 to run the embedded-engine tests alone." >&2
        exit 1
    fi
fi

say "ruff"
ruff check .

say "pytest"
set +e
python -m pytest "$@"
status=$?
set -e
exit "$status"
