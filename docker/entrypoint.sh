#!/bin/sh
# Wait for the configured graph engine, load the seed on first start (an empty graph), then serve the app
# (default) or, with the argument `api`, the read-only HTTP API.
set -eu
tries=0
until kennisgraaf query meta.counts --json >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ]; then
        echo "kennisgraaf: the graph engine did not answer within 120 s" >&2
        kennisgraaf query meta.counts --json  # shows the clear error
        exit 1
    fi
    sleep 2
done
# `kennisgraaf query` already loads the seed when the graph is empty.
case "${1:-app}" in
    api) exec kennisgraaf api --port 8502 --address 0.0.0.0 ;;
    *) exec kennisgraaf serve --port 8501 --address 0.0.0.0 ;;
esac
