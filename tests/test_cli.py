"""The CLI, run as a real process: clear output, clear errors, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kennisgraaf.stores.embedded_server import EmbeddedServer
from tests.conftest import SEED_DIR, short_tmp_dir

FIXTURES = Path(__file__).parent / "seed_fixtures"


@pytest.fixture(scope="module")
def cli_env() -> Iterator[dict[str, str]]:
    data_dir = short_tmp_dir("kg-cli-")
    env = {**os.environ, "KENNISGRAAF_DATA_DIR": str(data_dir), "KENNISGRAAF_BACKEND": "embedded"}
    env.pop("KENNISGRAAF_DEBUG", None)
    yield env
    EmbeddedServer(data_dir).stop()


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kennisgraaf", *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_validate_ok(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "validate")
    assert result.returncode == 0
    assert result.stdout.startswith("seed OK:")


def test_validate_errors_exit_1_with_file_line_field(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "validate", "--seed", str(FIXTURES / "unknown_reference"))
    assert result.returncode == 1
    assert result.stdout.strip() == "unknown_reference/seed.yaml:9: relations[0].to: no node with id 'm99'"
    assert "Traceback" not in result.stderr


def test_load_then_query_and_export(cli_env: dict[str, str]) -> None:
    loaded = run(cli_env, "load", "--seed", str(SEED_DIR))
    assert loaded.returncode == 0, loaded.stderr
    assert "Measure" in loaded.stdout and "38" in loaded.stdout
    rows = json.loads(run(cli_env, "query", "measure.actors", "-p", "id=m15", "--json").stdout)
    assert any(r["relation"] == "DECIDES" for r in rows)
    exported = json.loads(run(cli_env, "export", "--format", "json").stdout)
    assert len([n for n in exported["nodes"] if n["labels"] == ["Measure"]]) == 38


def test_failed_load_keeps_the_graph(cli_env: dict[str, str]) -> None:
    before = run(cli_env, "query", "meta.counts", "--json").stdout
    failed = run(cli_env, "load", "--seed", str(FIXTURES / "wrong_kind"))
    assert failed.returncode == 1
    assert "wrong_kind/seed.yaml:13" in failed.stdout
    assert run(cli_env, "query", "meta.counts", "--json").stdout == before


def test_queries_lists_the_catalogue(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "queries")
    assert "measure.detail" in result.stdout and "entity.chain" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("query", "does.not.exist"),
        ("query", "measure.detail", "-p", "nope=1"),
        ("query", "measure.detail", "-p", "zonder-gelijkteken"),
        ("export", "--format", "xml"),
        ("load", "--backend", "oracle"),
    ],
)
def test_bad_input_is_a_clear_error_not_a_traceback(cli_env: dict[str, str], args: tuple[str, ...]) -> None:
    result = run(cli_env, *args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip()


def test_ask_readable_and_json(cli_env: dict[str, str]) -> None:
    readable = run(cli_env, "ask", "Bij wie moet ik zijn om een ontheffing van een bevriezing aan te vragen?")
    assert readable.returncode == 0
    assert "OM" in readable.stdout and "bevriezingsoverleg" in readable.stdout.lower()
    answer = json.loads(run(cli_env, "ask", "--json", "Wat betekent RIEC?").stdout)
    assert answer["answered"] and answer["query"]


def test_an_unanswered_question_lists_each_suggestion_once(cli_env: dict[str, str]) -> None:
    readable = run(cli_env, "ask", "Wat is de kleur van de lucht?")
    assert readable.returncode == 0
    answer = json.loads(run(cli_env, "ask", "--json", "Wat is de kleur van de lucht?").stdout)
    assert not answer["answered"] and answer["suggestions"]
    for suggestion in answer["suggestions"]:
        assert readable.stdout.count(suggestion) == 1, suggestion


def test_ask_jsonl_answers_in_order_in_one_process(cli_env: dict[str, str]) -> None:
    questions = ["Wat betekent RIEC?", "", "x" * 5000, "Who takes part in the casusoverleg?", "\x00\x1b[2J"]
    result = run(cli_env, "ask", "--jsonl", stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(questions)
    assert answers[0]["answered"] and answers[3]["answered"]
    assert answers[3]["language"] == "en"
    assert not answers[1]["answered"]
