"""Situational questions and typed questions: the measures-for-a-situation candidate, the answer-type features, and
amounts or durations the report does not state."""

from __future__ import annotations

import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.ask.candidates import Understood
from kennisgraaf.ask.engine import AskEngine
from kennisgraaf.ask.handlers import phrases


def _situation(engine: AskEngine, question: str) -> str:
    u = engine.understand(question, "nl")
    found = [c for c in engine.candidates(u, phrases()["nl"]) if c.kind == "situation"]
    assert len(found) == 1, [c.kind for c in engine.candidates(u, phrases()["nl"])]
    return found[0].composed.text


def test_a_described_situation_gets_the_measures_that_fit_it_with_who_does_what(loaded: Kennisgraaf) -> None:
    text = _situation(AskEngine(loaded), "Een minderjarige dreigt met zijn ouders uit te reizen. Wat kunnen we doen?")
    lead, *lines = text.splitlines()
    assert lead.startswith("Hiervoor heeft het actieprogramma deze maatregelen:")
    assert "kinderbeschermingsmaatregelen (maatregel 17)" in lead
    measure_lines = [line for line in lines if line.startswith("- ")]
    assert 1 <= len(measure_lines) <= 3
    child = next(line for line in measure_lines if "maatregel 17" in line)
    assert "ondertoezichtstelling" in child and "Raad voor de Kinderbescherming" in child and "Kinderrechter" in child


def test_the_situation_answer_is_the_same_on_both_engines(loaded_by_engine: dict[str, Kennisgraaf]) -> None:
    question = "Iemand uit onze gemeente is uitgereisd. Kunnen we zijn uitkering stopzetten?"
    texts = {engine: _situation(AskEngine(kg), question) for engine, kg in loaded_by_engine.items()}
    assert len(set(texts.values())) == 1, texts
    assert "maatregel 9" in next(iter(texts.values()))


def _understood(text: str) -> Understood:
    return Understood(text=text, lang="nl", search_text=text, links=[], scores={}, phrased=set(), intents=[],
                      stems=[], unknown_names=0)


@pytest.mark.parametrize(
    ("question", "answer_type"),
    [
        ("Hoeveel gemeenten hebben een casusoverleg?", "howmany"),
        ("How many municipalities took part?", "howmany"),
        ("Hoe lang mag een locatieverbod duren?", "howlong"),
        ("Wat kost een training bij het ROR?", "amount"),
        ("What was the total budget of the programme?", "amount"),
        ("Hoe vaak rapporteert de minister aan de Kamer?", "howoften"),
        ("Wanneer is het actieprogramma gepubliceerd?", "when"),
        ("Wie beslist over de paspoortmaatregel?", ""),
        ("Onze gemeente heeft weinig budget. Kunnen we geld krijgen?", ""),
    ],
)
def test_the_question_says_what_kind_of_answer_it_needs(question: str, answer_type: str) -> None:
    assert _understood(question).answer_type == answer_type


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("Wie neemt deel aan het casusoverleg?", "who"),
        ("Een moeder belt ons over haar dochter. Wie moeten we inschakelen?", "who"),
        ("To whom does the casusregisseur report?", "who"),
        ("Op welke manieren heeft de inspectie informatie verzameld?", "how"),
        ("In hoeverre kennen gemeenten de maatregelen?", "how"),
        ("Waarvoor dient de weegploeg?", "why"),
        ("Waar kan een school met vragen over radicalisering terecht?", "where"),
        ("Where can parents of a traveller find support?", "where"),
        ("Een man wil uit de beweging stappen. Welke voorziening kan hem begeleiden?", "which"),
        ("In welke gevangenissen zit een Terroristen Afdeling?", "which"),
        ("Welk dreigingsniveau gold in 2017?", "which"),
        ("Welk percentage van de gemeenten heeft beleid?", "howmany"),
        ("Uit hoeveel maatregelen bestaat het actieprogramma?", "howmany"),
        ("In welk jaar verscheen het actieprogramma?", "when"),
        ("Sinds wanneer bestaat het ROR?", "when"),
        ("Maakt het modelconvenant informatiedeling mogelijk?", "yesno"),
        ("weegploeg", "other"),
    ],
)
def test_the_question_type_is_read_from_the_question_itself(question: str, qtype: str) -> None:
    """The question words, also after a preposition ('Op welke manier', 'In welke'), and in the last sentence when a
    situation is told first: the kind of answer asked for is a feature of every candidate."""
    assert _understood(question).qtype == qtype


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Wat is een ambtsbericht?", True),
        ("Wat houdt de paspoortmaatregel in?", True),
        ("Wat betekent het dat een paspoort gesignaleerd staat?", True),
        ("What is the Exit facility?", True),
        ("What does CTER stand for?", True),
        ("Wat is de rol van de KMar bij terugkeerders?", False),
        ("What is an ambtsbericht and why does it not name its sources?", False),
        ("Which organisation is the only one to include radicalisation in its basic training?", False),
        ("Ik ben nieuw in het overleg. Wat is een casusregisseur?", True),
    ],
)
def test_a_question_asking_what_something_is_is_told_apart(question: str, asks: bool) -> None:
    """A definition card answers 'what is X', not every question that names X: a feature of every candidate."""
    assert _understood(question).asks_definition is asks


def test_an_amount_the_report_does_not_state_is_not_answered(embedded_kg: Kennisgraaf) -> None:
    answer = AskEngine(embedded_kg).ask("Wat kost een basistraining radicalisering bij het ROR per deelnemer?")
    assert not answer.answered
    assert answer.answer.startswith("Het rapport noemt hierbij geen bedrag. Dat weet ik niet")
    english = AskEngine(embedded_kg).ask("How long may a location ban under the temporary law last?")
    assert not english.answered and english.answer.startswith("The report gives no period or duration")


def test_a_number_the_report_states_is_still_answered(embedded_kg: Kennisgraaf) -> None:
    answer = AskEngine(embedded_kg).ask("Hoeveel gemeenten hebben de vragenlijst van de Inspectie ingevuld?")
    assert answer.answered and "196" in answer.answer
