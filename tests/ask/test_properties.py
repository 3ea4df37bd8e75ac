"""Any input gives an answer object within a bounded time, and user text reaches the engine only as a parameter."""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.ask import Answer

FRAGMENTS = st.sampled_from(
    [
        "MATCH (n) DETACH DELETE n", "'}) DETACH DELETE n //", "$id", "\\u0000", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "CALL dbms.security.createUser('x','y',false)", "' OR 1=1 --", "{{7*7}}",
        "casusoverleg", "bevriezing", "OM", "wie", "hoe", "\x00", "\x1b[2J", "\u202e", "🙂", " AND ( ~ ",
    ]
)
QUESTIONS = st.one_of(
    st.text(max_size=300),
    st.lists(FRAGMENTS, max_size=12).map(" ".join),
    st.tuples(st.text(max_size=50), FRAGMENTS, st.text(max_size=50)).map("".join),
)
MAX_SECONDS = 5.0


class RecordingRunner:
    """Wraps the real API and records every catalogue call the engine makes."""

    def __init__(self, kg: Kennisgraaf) -> None:
        self.kg = kg
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def query(self, query_id: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self.calls.append((query_id, dict(params or {})))
        return self.kg.query(query_id, params)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=QUESTIONS)
def test_any_text_gets_an_answer_object_in_bounded_time(embedded_kg: Kennisgraaf, question: str) -> None:
    started = time.monotonic()
    answer = embedded_kg.ask(question)
    assert isinstance(answer, Answer)
    assert answer.answer
    assert answer.answered or answer.suggestions
    assert time.monotonic() - started < MAX_SECONDS


def test_very_long_and_empty_input(embedded_kg: Kennisgraaf) -> None:
    for question in ("", "   ", "x" * 10_000, "wie " * 3000, "\x00" * 100):
        started = time.monotonic()
        answer = embedded_kg.ask(question)
        assert isinstance(answer, Answer)
        assert time.monotonic() - started < MAX_SECONDS
    assert not embedded_kg.ask("").answered


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=QUESTIONS)
def test_user_text_only_travels_as_parameters(embedded_kg: Kennisgraaf, question: str) -> None:
    from kennisgraaf.ask.engine import AskEngine
    from kennisgraaf.catalogue import catalogue

    runner = RecordingRunner(embedded_kg)
    AskEngine(runner).ask(question)
    for query_id, params in runner.calls:
        assert query_id in catalogue()  # only named catalogue files, never text built from the question
        assert set(params) <= set(catalogue()[query_id].params)
