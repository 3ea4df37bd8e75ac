"""Typos in ordinary words are read as the report's word; names, short words and English are left alone."""

from __future__ import annotations

import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.ask.engine import AskEngine


@pytest.mark.parametrize(
    ("question", "read_as"),
    [
        ("Wat houdt de bevriezingsmaatregle in?", "bevriezingsmaatregel"),
        ("Wie zit er in het casusoverlag?", "casusoverleg"),
        ("Wat doet de marechausee op Schiphol?", "marechaussee"),
        ("Wat is een ambstbericht?", "ambtsbericht"),
    ],
)
def test_a_typo_in_an_ordinary_word_is_read_as_the_reports_word(
    embedded_kg: Kennisgraaf, question: str, read_as: str
) -> None:
    understood = AskEngine(embedded_kg).understand(question, "nl")
    assert read_as in understood.text.split(" ") or read_as + "?" in understood.text.split(" ")


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Wat zegt het rapport over Hilversum?", "nl"),  # a name the report does not know stays unknown
        ("Wie neemt deel aan het casusoverleg?", "nl"),  # known words stay as they are
        ("Wat doet de gemeente bij een uitreiziger?", "nl"),
        ("What does the marechausee do at Schiphol?", "en"),  # English is not corrected to Dutch
        ("Is de regel streng?", "nl"),  # short words have too many neighbours
        ("Een jongere wil naar Syrië vertrekken. Wat kunnen we doen?", "nl"),  # a synonym's word, not 'verstrekken'
    ],
)
def test_names_known_words_short_words_and_english_are_left_alone(
    embedded_kg: Kennisgraaf, question: str, lang: str
) -> None:
    assert AskEngine(embedded_kg).understand(question, lang).text == question


def test_a_typo_still_gets_the_answer(embedded_kg: Kennisgraaf) -> None:
    answer = embedded_kg.ask("Wat houdt de bevriezingsmaatregle in?")
    assert answer.answered and "maatregel 8" in answer.answer
