"""Twenty concurrent app sessions asking questions against `kennisgraaf serve`: zero errors.

A short version of benchmarks/load_app.py (which runs a minute and reports p95); traffic stays on 127.0.0.1."""

from __future__ import annotations

from benchmarks.load_app import run


def test_twenty_sessions_ask_without_errors() -> None:
    result = run(sessions=20, seconds=15)
    assert result["errors"] == 0, result["error_examples"]
    assert result["answers"] >= 20
