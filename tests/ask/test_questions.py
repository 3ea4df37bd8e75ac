"""The question set of tests/questions/: at least 150 questions, at least 95% answered correctly."""

from __future__ import annotations

import collections

import pytest

from kennisgraaf.api import Kennisgraaf
from tests.ask.question_suite import judge, load_cases

CASES = load_cases()
THRESHOLD = 0.95
INTENTS = {
    "procedure", "measure_actors", "legal_basis", "organisation_measures", "forum", "definition", "theme",
    "tensions", "survey", "conclusions", "training", "chain", "privacy", "unknown",
}


def test_the_set_is_large_and_varied() -> None:
    assert len(CASES) >= 150
    assert {c.intent for c in CASES} == INTENTS
    per_intent = collections.Counter(c.intent for c in CASES)
    assert min(per_intent.values()) >= 3
    assert sum(c.lang == "en" for c in CASES) >= 30
    assert sum(not c.answered for c in CASES) >= 15


def test_at_least_95_percent_correct(embedded_kg: Kennisgraaf) -> None:
    failures = []
    for case in CASES:
        problems = judge(case, embedded_kg.ask(case.q))
        if problems:
            failures.append(f"{case.id}: {'; '.join(problems)}")
    share = 1 - len(failures) / len(CASES)
    report = "\n".join(failures)
    assert share >= THRESHOLD, f"{share:.1%} correct, below {THRESHOLD:.0%}; failures:\n{report}"


@pytest.mark.parametrize(
    "question",
    [
        "Bij wie moet ik zijn om een ontheffing van een bevriezing aan te vragen?",
        "Who do I contact to request an exemption from a freeze?",
    ],
)
def test_the_mission_example(embedded_kg: Kennisgraaf, question: str) -> None:
    answer = embedded_kg.ask(question)
    assert answer.answered
    assert "OM" in answer.answer
    assert "bevriezingsoverleg" in answer.answer.lower()
    assert "BZ" in answer.answer
    assert any(s.section.startswith("§4.4") for s in answer.sources)
    external = [s for s in answer.sources if s.external]
    assert external and external[0].url and external[0].url.startswith("https://")
    assert "Financiën" in answer.answer
    assert answer.route and answer.route[0].order == 1
    assert answer.query == "procedure.steps"


def test_english_questions_get_english_framing(embedded_kg: Kennisgraaf) -> None:
    answer = embedded_kg.ask("Who takes part in the casusoverleg?")
    assert answer.language == "en"
    assert answer.answered


def test_questions_about_persons_are_refused(embedded_kg: Kennisgraaf) -> None:
    answer = embedded_kg.ask("Staat Mohammed B. uit Zwolle op de terrorismelijst?")
    assert not answer.answered
    assert answer.intent == "privacy"
    assert "persoonsgegevens" in answer.answer


def test_answers_are_deterministic(embedded_kg: Kennisgraaf) -> None:
    question = "Wie beslist over de paspoortmaatregel?"
    assert embedded_kg.ask(question) == embedded_kg.ask(question)


def test_an_abstention_points_only_to_a_real_passage_and_privacy_to_none(embedded_kg: Kennisgraaf) -> None:
    """When the Vraagbaak does not answer, it may name the passage that came closest (a place to read, not an
    answer); that passage exists and the text names it. A refused question about persons never points anywhere."""
    passages = {row["id"]: row["name"] for row in embedded_kg.query("passage.all", {})}
    pointed = 0
    for case in CASES:
        answer = embedded_kg.ask(case.q)
        if answer.answered:
            continue
        if answer.intent == "privacy":
            assert not answer.sources, case.q
            continue
        assert len(answer.sources) <= 1, case.q
        for source in answer.sources:
            assert passages[source.passage] == source.section
            assert source.section in answer.answer
            pointed += 1
    assert pointed  # some abstention in the suite came close to a passage
