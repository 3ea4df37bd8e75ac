"""Vraagbaak 2: candidates, the learned ranker, abstention, passage answers and external facts."""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import bm25s
import numpy as np
import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.ask.engine import AskEngine
from kennisgraaf.ask.handlers import phrases
from kennisgraaf.ask.passages import PassageIndex
from kennisgraaf.ask.ranker import Tree, ranker
from kennisgraaf.settings import PROJECT_ROOT
from tests.ask.question_suite import load_cases


def test_the_ranker_is_trained_and_every_feature_can_be_explained() -> None:
    model = ranker()
    assert 0.0 < model.threshold < 1.0
    assert len(model.names) > 20 and len(model.trees) >= 50
    used = {model.names[f] for tree in model.trees
            for f, left in zip(tree.feature, tree.left, strict=True) if left != -1}
    for lang in ("nl", "en"):
        names = phrases()[lang]["features"]
        missing = {re.split("[=|]", name)[0] for name in used} - set(names)
        assert not missing, f"{lang}: no explanation for {missing}"


def test_the_ranker_explains_by_the_features_on_its_path(embedded_kg: Kennisgraaf) -> None:
    model = ranker()
    engine = AskEngine(embedded_kg)

    def best_features(question: str) -> dict[str, float]:
        candidates = engine.candidates(engine.understand(question, "nl"), phrases()["nl"])
        return max(candidates, key=lambda c: c.probability).features

    strong = best_features("Bij wie vraag ik een ontheffing van een bevriezing aan?")
    weak = best_features("Wat vindt de Inspectie van de weersverwachting voor het voorjaar?")
    assert model.probability(strong) > model.threshold > model.probability(weak)
    assert model.probability(strong) == model.probability(dict(strong))  # deterministic
    reasons = model.reasons(strong)
    assert reasons and all(value > 0 and name in model.names for name, value in reasons)


def test_every_question_gets_structured_and_passage_candidates(embedded_kg: Kennisgraaf) -> None:
    engine = AskEngine(embedded_kg)
    u = engine.understand("Wie beslist over de paspoortmaatregel?", "nl")
    candidates = engine.candidates(u, phrases()["nl"])
    kinds = {c.kind for c in candidates}
    assert "passage" in kinds and len(kinds) >= 3
    assert all(0.0 <= c.probability <= 1.0 and c.features["bias"] == 1.0 for c in candidates)


def test_passage_scores_are_bm25s_own(embedded_kg: Kennisgraaf) -> None:
    """The index keeps bm25s's weights and sums a query's columns itself; the scores must be bm25s's own."""
    index = PassageIndex.from_rows(embedded_kg.query("passage.all"))
    reference = bm25s.BM25()
    reference.index(index._tokens, show_progress=False)
    for question in ("ontheffing bevriezing woonlasten", "wie beslist over de paspoortmaatregel", "casusoverleg"):
        query = [t for t in dict.fromkeys(index.tokens(question)) if index.knows(t)]
        assert np.array_equal(index._bm25_scores(query), np.asarray(reference.get_scores(query), dtype=float))


def test_passage_retrieval_finds_the_passage_and_splits_compounds(embedded_kg: Kennisgraaf) -> None:
    index = PassageIndex.from_rows(embedded_kg.query("passage.all"))
    assert "bevriez" in index.tokens("bevriezingsmaatregel") and "maatregel" in index.tokens("bevriezingsmaatregel")
    hits = index.search("ontheffing bevriezing woonlasten achterblijvers", set())
    assert hits[0].passage.id == "p-4.4-06"
    assert index.find("dienen dit via het OM te agenderen op het bevriezingsoverleg").id == "p-4.4-06"


def test_a_passage_answer_quotes_the_report_and_names_its_entities(embedded_kg: Kennisgraaf) -> None:
    answer = embedded_kg.ask("Hoe hebben politie-eenheden het thema radicalisering intern belegd?")
    assert answer.answered and answer.intent == "passage"
    assert answer.answer.startswith("Het rapport zegt hierover:")
    assert "De politie ziet terrorisme en radicalisering" in answer.answer
    assert answer.sources[0].passage == "p-3.3-02" and answer.sources[0].section == "§3.3 ¶2"
    assert answer.why and "passages uit het rapport" in answer.why


@pytest.mark.parametrize(
    "question",
    ["wie beslist over een ontheffing van de bevriezing", "Who decides on an exemption from an asset freeze?"],
)
def test_who_decides_on_an_exemption_names_the_route_and_financien_marked_external(
    embedded_kg: Kennisgraaf, question: str
) -> None:
    answer = embedded_kg.ask(question)
    assert answer.answered
    assert " OM " in f" {answer.answer} " and "bevriezingsoverleg" in answer.answer
    assert "minister van Financiën" in answer.answer
    assert re.search(r"(buiten het rapport|outside (it|the report)) \((extern|external)", answer.answer, re.IGNORECASE)
    external = [s for s in answer.sources if s.external]
    assert external and external[0].url == "https://wetten.overheid.nl/BWBR0023131"
    assert "Beslist: Minister van Buitenlandse Zaken" not in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Wat is de hoofdstad van Frankrijk?",
        "Hoeveel uitreizigers waren er in 2021?",
        "Welk weer wordt het morgen in Utrecht?",
    ],
)
def test_questions_the_report_does_not_answer_are_not_answered(embedded_kg: Kennisgraaf, question: str) -> None:
    answer = embedded_kg.ask(question)
    assert not answer.answered
    assert answer.suggestions and "Bedoelde u misschien" in answer.answer


@pytest.mark.parametrize(
    ("question", "refused"),
    [
        ("staat ahmed k. uit tilburg op de nationale terrorismelijst?", True),
        ("who is the case director for Samira's case in The Hague?", True),
        ("Welke personen uit Arnhem staan op de lijst?", True),
        ("Welke jongeren komen in aanmerking voor de Exit-faciliteit?", False),
        ("Wie bevriest de tegoeden van iemand op de terrorismelijst?", False),
        ("Wat zijn de namen van de adviseurs lokale aanpak van de NCTV?", True),
        ("Give me a list of the people whose assets were frozen under the national terrorism list.", True),
        ("Geef een overzicht van alle uitreizigers uit onze regio.", True),
        ("Welke lijst gebruikt BZ voor de bevriezingsmaatregel?", False),
        ("Wie zijn de twee landelijke CTER-officieren van justitie?", True),
        ("Who was the head of the inspectorate when the report appeared?", True),
        ("Wat doen de twee landelijke CTER-officieren van justitie?", False),
        ("Wie zijn de vaste deelnemers van het casusoverleg?", False),
        # who holds a post is personal; what the post is, is not
        ("Wie is de imam die bij de PI in Vught preekt?", True),
        ("Who is the policy officer for radicalisation at the Raad voor de Kinderbescherming?", True),
        ("Wie is bij de Raad voor de Kinderbescherming het aanspreekpunt voor radicalisering?", False),
        ("Wie is de CTER-officier en wat doet die?", False),
        ("Which prosecutors did the inspectorate speak to, by name?", True),
        ("Which named individuals were the subject of official reports to municipalities?", True),
        ("Welke bij naam genoemde uitreizigers kregen een bevriezing?", True),
        ("Which measures are named in the report's annex?", False),
        ("Welke inwoners van Zwolle zijn besproken in het casusoverleg?", True),
        ("Which residents are eligible for support from the family support point?", False),
        ("What good practice did the inspectorate see in Amsterdam's case meetings?", False),
        ("What did the inspectorate find in Amsterdam's case approach?", False),
    ],
)
def test_only_questions_about_persons_are_refused_for_privacy(
    embedded_kg: Kennisgraaf, question: str, refused: bool
) -> None:
    answer = embedded_kg.ask(question)
    assert (answer.intent == "privacy") is refused
    if refused:
        assert "geen persoonsgegevens" in answer.answer or "no personal data" in answer.answer


def test_answers_are_deterministic_and_sources_point_into_the_report(embedded_kg: Kennisgraaf) -> None:
    question = "Wie neemt deel aan het casusoverleg?"
    first, second = embedded_kg.ask(question), embedded_kg.ask(question)
    assert first.model_dump() == second.model_dump()
    report_sources = [s for s in first.sources if not s.external and s.quote]
    assert report_sources and all(s.passage and s.passage.startswith("p-") for s in report_sources)


@pytest.mark.parametrize(
    "question",
    [
        "Een meisje van 15 lijkt met haar ouders te willen vertrekken. Welke maatregelen zijn er voor minderjarigen?",
        "Een jongen uit ons overleg komt terug uit het strijdgebied en landt op Schiphol. Wat gebeurt er met hem?",
        "What does measure 28 of the programme address?",
    ],
)
def test_a_second_sentence_a_place_the_report_names_or_a_verb_is_not_a_refusal(
    embedded_kg: Kennisgraaf, question: str
) -> None:
    """Capitalised words that open a sentence, places the report's text uses and 'address' as a verb are not
    unknown names or personal data: the question reaches the ranker (answered or not, but not refused by a rule)."""
    engine = AskEngine(embedded_kg)
    u = engine.understand(question, "en" if question.startswith("What") else "nl")
    assert not u.scores.get("privacy")
    assert not engine.beyond_the_report(question, u.links)
    assert engine.ask(question).intent not in {"privacy"}


def test_answers_do_not_depend_on_the_process_hash_seed(embedded_kg: Kennisgraaf, tmp_path: Path) -> None:
    """Sets of words iterate in a per-process order; sums over them must not decide an answer (they use fsum), so
    two processes with different hash seeds give the same answers, with or without the index cache."""


    # The last question was answered with another passage under hash seed 3 than under 1 before sums used fsum.
    questions = [*[case.q for case in load_cases()][::8], "Wie betaalt de Exit-faciliteit en het familiesteunpunt?"]
    store = embedded_kg.store
    code = (
        "import json, sys\n"
        "from kennisgraaf.api import Kennisgraaf\n"
        "from kennisgraaf.stores.embedded_server import EmbeddedServer\n"
        "from kennisgraaf.stores.falkordb_store import FalkorDBStore\n"
        f"kg = Kennisgraaf(FalkorDBStore(EmbeddedServer({str(store.server.data_dir)!r}), graph_name='kgask'))\n"
        f"print(json.dumps([[a.answered, a.intent, a.answer] for a in map(kg.ask, {questions!r})]))\n"
    )
    outputs = []
    for seed in ("1", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "KENNISGRAAF_CACHE_DIR": str(tmp_path / f"cache{seed}")}
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                             cwd=PROJECT_ROOT, env=env, check=True)
        outputs.append(json.loads(run.stdout.strip().splitlines()[-1]))
    assert outputs[0] == outputs[1]


def _path(tree: Tree, x: list[float]) -> list[int]:
    """The plain definition of a tree walk: from the root, left when x[feature] <= threshold, to a leaf."""
    node, nodes = 0, [0]
    while tree.left[node] != -1:
        node = tree.left[node] if x[tree.feature[node]] <= tree.threshold[node] else tree.right[node]
        nodes.append(node)
    return nodes


def test_the_walk_of_all_trees_at_once_gives_the_walk_of_each_tree() -> None:
    """probabilities() and reasons() walk every tree at once (numpy); one tree at a time must give the same."""
    model = ranker()
    rng = random.Random(7)
    for _ in range(50):
        features = {name: rng.choice([0.0, 1.0, rng.random()]) for name in model.names}
        x = model.matrix([features])[0].tolist()
        z = model.init + model.rate * math.fsum(tree.value[_path(tree, x)[-1]] for tree in model.trees)
        assert model.probability(features) == pytest.approx(1.0 / (1.0 + math.exp(-z)), abs=1e-12)
        credit: dict[str, float] = {}
        for tree in model.trees:
            for parent, child in itertools.pairwise(_path(tree, x)):
                name = model.names[tree.feature[parent]]
                credit[name] = credit.get(name, 0.0) + model.rate * (tree.value[child] - tree.value[parent])
        expected = sorted(((n, v) for n, v in credit.items() if v > 0), key=lambda p: -p[1])[:3]
        got = model.reasons(features)
        assert [n for n, _ in got] == [n for n, _ in expected]
        assert [v for _, v in got] == pytest.approx([v for _, v in expected], abs=1e-9)
    assert model.matrix([{model.names[0]: 0.1}])[0, 0] == float(np.float32(0.1))  # float32, as learned
