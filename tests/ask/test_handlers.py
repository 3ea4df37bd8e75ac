"""The structured handlers' answers, read from their candidates (before ranking)."""

from __future__ import annotations

import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.ask.engine import AskEngine, _suggestions
from kennisgraaf.ask.handlers import phrases
from kennisgraaf.ask.text import language


def _candidate_text(kg: Kennisgraaf, question: str, kind: str) -> str:
    engine = AskEngine(kg)
    lang = language(question)
    candidates = engine.candidates(engine.understand(question, lang), phrases()[lang], score=False)
    return next(c.composed.text for c in candidates if c.kind == kind)


@pytest.mark.parametrize("question, lead", [
    ("Welke drie aandachtspunten benoemt de inspectie voor het actieprogramma?", "noemt 3 aandachtspunten"),
    ("What are the three points of attention of the inspectorate for the programme?", "names 3 attention points"),
])
def test_a_counted_set_of_attention_points_lists_them_all(embedded_kg: Kennisgraaf, question: str,
                                                          lead: str) -> None:
    text = _candidate_text(embedded_kg, question, "conclusions")
    assert lead in text
    for part in ("delen van informatie", "interferentie", "verantwoordingssystematiek"):
        assert part in text.lower()
    # the report's three numbered points first; the unnumbered one it names elsewhere is said to be apart
    assert text.index("3. Centrale") < text.index("opleidingen")


def test_one_attention_point_asked_by_its_subject_is_given_alone(embedded_kg: Kennisgraaf) -> None:
    text = _candidate_text(embedded_kg, "Welk aandachtspunt gaat over de verantwoording?", "conclusions")
    assert "verantwoordingssystematiek" in text
    assert "interferentie" not in text.lower()


@pytest.mark.parametrize("named, suggestion", [
    ("strafrechtelijk ingrijpen bij ronselen", "Wie beslist over het strafrechtelijk ingrijpen bij ronselen?"),
    ("de paspoortmaatregel", "Wie beslist over de paspoortmaatregel?"),
])
def test_suggestions_name_a_measure_with_its_article(embedded_kg: Kennisgraaf, named: str, suggestion: str) -> None:
    engine = AskEngine(embedded_kg)
    assert suggestion in _suggestions(phrases()["nl"], engine.understand(named, "nl").links)
