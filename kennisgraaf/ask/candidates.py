"""Candidate answers for one question, and the features the ranker scores them on.

Every question gets several candidates: the reply of each structured handler its wording or names make plausible
(intent × linked entities), and passage answers from retrieval over the report's text. Each candidate carries
features that say nothing about particular questions — how much of the question it covers, whether it names what
the question names, how strong the intent signal is, what kind of answer the question asks for — so that the
learned ranker generalises to questions it has never seen.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kennisgraaf.ask.association import association, pairs
from kennisgraaf.ask.handlers import Composed
from kennisgraaf.ask.linker import Link
from kennisgraaf.ask.passages import Hit, PassageIndex
from kennisgraaf.ask.text import fold

ACTOR_LABELS = frozenset({"Organisation", "Role", "Forum"})
ROUTE_KINDS = frozenset({"procedure", "chain"})
ACTOR_KINDS = frozenset({"measure_actors", "forum", "organisation_measures"})
LIST_KINDS = frozenset({"theme", "tensions", "conclusions", "training", "survey"})
KINDS = (
    "procedure", "measure_actors", "legal_basis", "organisation_measures", "forum", "definition", "describe",
    "theme", "tensions", "survey", "conclusions", "training", "chain", "passage", "situation",
)
_BEFORE = r"^((in|op|met|uit|van|voor|bij|aan|door|onder|over|tussen|naar|volgens|binnen|via|tot|on|with|from|for|by|"
_BEFORE += r"to|under|at|of|into|through|according to|sinds|vanaf|since|until) )?"
QUESTION_TYPES = (
    ("who", _BEFORE + r"(wie|who|whom|which organi[sz]ations?)\b|\bwie\b"),
    ("how", _BEFORE + r"(hoe|how|welke manier(en)?|wat (moet|kan|kunnen) (ik|we|wij)|what (can|should|must)|"
            r"in hoeverre|to what extent)\b"),
    ("why", r"^(waarom|why|wat is de reden|om welke reden|waarvoor|what for)\b|\bwaarom\b"),
    ("when", _BEFORE + r"(wanneer|when|in welk jaar)\b"),
    ("where", _BEFORE + r"(waar|where|welke (instantie|organisatie|plek|plaats)|what (agency|organi[sz]ation))\b"),
    ("which", _BEFORE + r"(welke|welk(?! (percentage|deel|aandeel)\b)|which|what measures|wat voor)\b"),
    ("yesno", r"^(is|zijn|heeft|hebben|kan|kun|kunnen|mag|mogen|moet|moeten|wordt|worden|bestaat|bestaan|klopt|speelt|"
              r"gaat|gaan|geldt|gelden|zit|zitten|noemt|zegt|maakt|maken|deelt|delen|valt|vallen|krijgt|krijgen|"
              r"biedt|bieden|werkt|werken|komt|komen|hoort|horen|blijft|blijven|voert|voeren|weet|weten|ziet|zien|"
              r"organiseert|organiseren|staat|staan|houdt|houden|doet|doen|"
              r"does|do|is|are|can|could|has|have|was|were|did|may|must|should|will|would)\b"),
    ("what", _BEFORE + r"(wat|what)\b"),
    ("howmany", r"\b(hoeveel|how many|how much|welk percentage|what share|what percentage|aantal|welk deel|"
                r"welk aandeel|hoe groot (is )?(het|een) (deel|aandeel)|what proportion|what part)\b"),
)
# What a quantity, duration, frequency or date question needs the answer to say, near the words it asks about.
TYPED_QUESTIONS = (
    ("amount", r"\b(hoeveel (geld|subsidie|euro)|hoe hoog (is|zijn|was|waren) (de|het)|wat (kost|kosten|kostte)|"
               r"jaarbudget|(totale|jaarlijkse|het) budget|budget (van|voor)|welk bedrag|how much (money|funding)|"
               r"what (does|did) .* cost|(total|annual|the) budget|budget (of|for))\b"),
    ("howlong", r"\b(hoe lang|how long|hoelang|welke (termijn|duur)|what (period|duration))\b"),
    ("howoften", r"\b(hoe vaak|how often|hoe dikwijls|how frequently)\b"),
    ("howmany", r"\b(hoeveel|how many|how much|welk percentage|what share|what percentage|welk deel|welk aandeel|"
                r"what proportion|hoe groot|how large|how big|aantal|number of)\b"),
    ("when", r"\b(wanneer|when|in welk jaar|in which year|sinds wanneer|since when|welke datum|what date)\b"),
)
_COUNT = (r"\b(een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|zestig|"
          r"zeventig|tachtig|negentig|honderd|duizend|half|halve)\b")
ANSWER_TYPES = {
    "amount": r"€|\b(euro|miljoen|mln|duizend)\b|\b\d+[.,]\d{3}\b",
    "howlong": _COUNT.replace(r")\b", r"|\d+)\s+(dag|dagen|week|weken|maand|maanden|jaar|jaren|uur|uren)\b")
    + r"|\b(termijn|maximaal|halfjaar)\b",
    "howoften": r"\b(jaarlijks|halfjaarlijks|maandelijks|wekelijks|per (jaar|maand|week|kwartaal)|keer|elke|iedere|"
                r"regelmatig|periodiek)\b",
    "howmany": r"(?<!maatregel )(?<!§ )\b(?!(19|20)\d\d\b)\d+\b|\b\d+(,\d+)? ?(%|procent)|"
               r"\b(twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|honderd|"
               r"duizend|helft|kwart|derde|meerderheid|minderheid|merendeel|meeste|enkele|aantal)\b",
    "when": r"\b(19|20)\d\d\b|\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
            r"december|sinds|vanaf)\b",
}
# A question that describes a situation ('Een inwoner is … Wat kan de gemeente doen?') and one that asks for the
# measures or interventions there are: signals for the measures-for-a-situation answer.
_NARRATIVE = re.compile(r"^(een|iemand|ons|onze|wij|we|ik|in (een|ons|onze)|bij (een|ons|onze)|als (een|iemand|we|wij)|"
                        r"stel|our|a|an|someone|we|i|in (a|our)|if (a|someone|we))\b")
_SECOND_SENTENCE = re.compile(r"[.?!]\s+\w")
_QUESTION_SPLIT = re.compile(r"(?<=[.!?])\s+")
_ASKS_MEASURES = re.compile(r"\b(maatregel|maatregelen|interventie|interventies|mogelijkheden|instrumenten|middelen|"
                            r"wat (kan|kunnen|moet|moeten) (de|het|we|wij|ik|ze|zij)|wat voorziet|welke stappen|"
                            r"measures?|interventions?|options|what (can|should|could) (we|i|the|a)|which steps)\b")
# A question that asks what something is or means: the one a definition card answers.
_ASKS_DEFINITION = re.compile(
    r"^((en|and|maar|but) )?((wat|what) (is|zijn|are) (een |de |het |a |an |the )?[\w'-]+( [\w'-]+)?( [\w'-]+)?\W*$|"
    r"wat (betekent|betekenen|houdt|houden|verstaat|verstaan|wordt (er )?(bedoeld|verstaan))|waar staat|"
    r"what does .* (mean|stand for)|what is meant|define|definitie|betekenis)"
)
_TYPED_QUESTIONS = tuple((name, re.compile(pattern)) for name, pattern in TYPED_QUESTIONS)
_ANSWER_TYPES = {name: re.compile(pattern) for name, pattern in ANSWER_TYPES.items()}
_NUMBER = re.compile(r"\b\d+(,\d+)?\s*(%|procent|percent)|\b\d{2,}\b")
_SENTENCES = re.compile(r"(?<=[.!?:;])\s+|\n")
_QUESTION_TYPES = tuple((name, re.compile(pattern)) for name, pattern in QUESTION_TYPES)


@dataclass
class Understood:
    """What the engine read from a question before any answer was tried."""

    text: str
    lang: str
    search_text: str
    links: list[Link]
    scores: dict[str, float]
    phrased: set[str]
    intents: list[str]
    stems: list[str]  # content stems (with compound parts) of the question and its expansion
    unknown_names: int  # capitalised words the knowledge base does not know
    named_stems: list[str] = field(default_factory=list)  # stems of the question's words inside linked names
    alias: dict[str, str] = field(default_factory=dict)  # a translation's alternative stems → the one counted

    def normalised(self, tokens: list[str]) -> set[str]:
        """An answer's stems as the question counts them (alternatives of one asked word as one)."""
        return {self.alias.get(t, t) for t in tokens}

    @property
    def linked_ids(self) -> set[str]:
        return {link.node.id for link in self.links}

    # Question-level signals: read once per question, used for every candidate.
    @cached_property
    def asked(self) -> str:
        """The question itself: the last sentence with a question mark (a situation may be told before it)."""
        sentences = [s for s in _QUESTION_SPLIT.split(self.text.strip()) if s.strip()]
        asked = [s for s in sentences if "?" in s]
        return (asked or sentences or [self.text])[-1]

    @cached_property
    def qtype(self) -> str:
        folded = fold(self.asked)
        for name, pattern in _QUESTION_TYPES:
            if pattern.search(folded):
                return name
        return "other"

    @cached_property
    def answer_type(self) -> str:
        """What the question needs the answer to say: a quantity, duration, frequency, date — or '' for anything."""
        folded = fold(self.asked)
        return next((name for name, pattern in _TYPED_QUESTIONS if pattern.search(folded)), "")

    @cached_property
    def narrative(self) -> bool:
        """Whether the question describes a situation ('Een inwoner is … Wat kan de gemeente doen?')."""
        return bool(_NARRATIVE.search(fold(self.text)) or _SECOND_SENTENCE.search(self.text))

    @cached_property
    def asks_definition(self) -> bool:
        """Whether the question asks what something is or means ('Wat is een ambtsbericht?')."""
        return bool(_ASKS_DEFINITION.search(fold(self.asked)))

    @cached_property
    def asks_measures(self) -> bool:
        """Whether the question asks for the measures or interventions there are."""
        return bool(_ASKS_MEASURES.search(fold(self.text)))


@dataclass
class Candidate:
    """One possible answer, with what produced it and its features."""

    kind: str  # an intent name, or "passage"
    composed: Composed
    query: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)  # the passages a passage answer quotes
    rank: int = 0  # the intent's place in the wording's order, or the passage's place in retrieval
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0


def describe_features(
    u: Understood, c: Candidate, passages: PassageIndex, top: list[Hit], labels: dict[str, str]
) -> dict[str, float]:
    """The features of one candidate (names are stable: the ranker's weights are keyed by them)."""
    text_stems = u.normalised(passages.tokens(c.composed.text))
    wanted = set(u.stems)
    coverage = len(wanted & text_stems) / len(wanted) if wanted else 0.0
    weight = math.fsum(passages.idf(t) for t in wanted)
    rare_coverage = math.fsum(passages.idf(t) for t in wanted & text_stems) / weight if weight else 0.0
    unknown = sum(1 for t in wanted if not passages.knows(t)) / len(wanted) if wanted else 0.0
    uncovered = sorted((passages.idf(t) for t in wanted - text_stems), reverse=True)
    has_number = bool(_NUMBER.search(c.composed.text))
    main = c.composed.entities[0].id if c.composed.entities and not c.hits else None
    generic = min(passages.spread(main) * 5, 1.0) if main else 0.0
    answer_ids = {n.id for n in c.composed.entities}
    if c.hits:
        answer_ids |= set().union(*(h.passage.mentions for h in c.hits))
    linked = u.linked_ids
    agreement = len(linked & answer_ids) / len(linked) if linked else 0.0
    actor_named = any(n.label in ACTOR_LABELS for n in c.composed.entities) or bool(
        c.hits and any(labels.get(m) in ACTOR_LABELS for h in c.hits for m in h.passage.mentions)
    )
    qtype = u.qtype
    group = _group(c.kind)
    best_link = max((link.score for link in u.links), default=0.0)
    named = len(set(u.named_stems) & wanted) / len(wanted) if wanted else 0.0
    residual = wanted - set(u.named_stems)  # what the question asks beyond the names it mentions
    residual_weight = math.fsum(passages.idf(t) for t in residual)
    residual_rare = (math.fsum(passages.idf(t) for t in residual & text_stems) / residual_weight
                     if residual_weight else 0.0)
    f: dict[str, float] = {
        "bias": 1.0,
        f"kind={c.kind}": 1.0,
        f"qtype={qtype}|{group}": 1.0,
        f"qtype={qtype}|kind={c.kind}": 1.0,
        f"asks_definition|{group}": float(u.asks_definition),
        "coverage": coverage,
        "coverage_sq": coverage * coverage,
        "rare_coverage": rare_coverage,
        "unknown_words": unknown,
        "unknown_words_nl": unknown * (u.lang == "nl"),
        "uncovered_max_idf": (uncovered[0] / passages.max_idf) if uncovered else 0.0,
        "uncovered_second_idf": (uncovered[1] / passages.max_idf) if len(uncovered) > 1 else 0.0,
        "uncovered_rare": sum(1 for v in uncovered if v >= 0.7 * passages.max_idf) / 3,
        "generic_subject": generic,
        f"generic|{qtype}": generic,
        "howmany_number": float(qtype == "howmany" and has_number),
        "howmany_no_number": float(qtype == "howmany" and not has_number),
        "agreement": agreement,
        "no_links": float(not linked),
        "links": min(len(linked), 3) / 3,
        "named_share": named,
        f"named_share|{group}": named,
        "best_link": min(best_link, 6.0) / 6,
        "intent_score": min(u.scores.get(c.kind, 0.0), 6.0) / 6,
        "phrased": float(c.kind in u.phrased),
        "any_phrased": float(bool(u.phrased)),
        "intent_rank": 1.0 / (1 + c.rank),
        "english": float(u.lang == "en"),
        "length": math.log1p(len(c.composed.text)) / 8,
        "actor_named": float(actor_named),
        "who_actor": float(qtype == "who" and actor_named),
        "route": float(bool(c.composed.route)),
        "how_route": float(qtype == "how" and bool(c.composed.route)),
        "unknown_names": min(u.unknown_names, 3) / 3,
        "question_words": min(len(wanted), 12) / 12,
        "residual_coverage": len(residual & text_stems) / len(residual) if residual else 0.0,
        "residual_rare": residual_rare,
        "window_rare": (window := _window_rare(c.composed.text, residual, residual_weight, passages, u)),
        **_typed_features(u, c.composed.text, residual, passages),
        f"window_rare|{group}": window,
        f"residual_rare|{group}": residual_rare,
        "no_residual": float(not residual),
        f"narrative|{group}": float(u.narrative),
        f"asks_measures|{group}": float(u.asks_measures),
        "assoc": association().probability(pairs(u, c.composed.text, passages)),
    }
    if top:
        best = top[0]
        f["top_passage_bm25"] = best.bm25 / (best.bm25 + 5.0)
        f["top_passage_coverage"] = best.coverage
    if c.hits:
        hit = c.hits[0]
        f["passage_bm25"] = hit.bm25 / (hit.bm25 + 5.0)
        f["passage_coverage"] = hit.coverage
        f["passage_entities"] = min(hit.entities, 3) / 3
        second = top[1].score if len(top) > 1 else 0.0
        f["passage_margin"] = (hit.score - second) / hit.score if hit.score else 0.0
        f["passage_rank"] = 1.0 / (1 + c.rank)
        f["passage_relative"] = hit.score / top[0].score if top[0].score else 0.0
    return f


COMPARED = ("residual_rare", "window_rare", "rare_coverage", "coverage")


def compare_features(candidates: list[Candidate]) -> None:
    """Add to each candidate how it compares with its best rival on the words the question asks: a card that only
    shares the question's names loses to a passage that holds what was asked."""
    for name in COMPARED:
        values = [c.features.get(name, 0.0) for c in candidates]
        for i, candidate in enumerate(candidates):
            rivals = values[:i] + values[i + 1 :]
            candidate.features[f"{name}_lead"] = values[i] - max(rivals, default=0.0)


def _window_rare(text: str, wanted: set[str], weight: float, passages: PassageIndex, u: Understood) -> float:
    """The best share of the question's rare words (beyond its names) that two neighbouring sentences of the answer
    hold together: an answer that says what was asked says it in one place, not scattered over a long card."""
    if not weight:
        return 0.0
    sentences = [u.normalised(passages.tokens(s)) for s in _SENTENCES.split(text) if s.strip()]
    best = 0.0
    for i in range(len(sentences)):
        window = wanted & sentences[i]
        if i + 1 < len(sentences):
            window |= wanted & sentences[i + 1]
        best = max(best, math.fsum(passages.idf(t) for t in window) / weight)
    return best


def _typed_features(u: Understood, text: str, wanted: set[str], passages: PassageIndex) -> dict[str, float]:
    """For a question asking how many / how long / how often / when / how much: whether the answer says such a
    thing, and whether it says it in a sentence that holds what was asked (a card with a number somewhere does not)."""
    answer_type = u.answer_type
    if not answer_type:
        return {}
    pattern = _ANSWER_TYPES[answer_type]
    anywhere = 0.0
    near = 0.0
    weight = math.fsum(passages.idf(t) for t in wanted)
    for sentence in _SENTENCES.split(text):
        if not pattern.search(fold(sentence)):
            continue
        anywhere = 1.0
        if weight:
            held = wanted & u.normalised(passages.tokens(sentence))
            near = max(near, math.fsum(passages.idf(t) for t in held) / weight)
        else:
            near = 1.0
    return {f"typed|{answer_type}": 1.0, "typed_anywhere": anywhere, "typed_near": near,
            "typed_missing": float(not anywhere)}


def _group(kind: str) -> str:
    if kind in ("passage", "situation"):
        return kind
    if kind in ROUTE_KINDS:
        return "route"
    if kind in ACTOR_KINDS:
        return "actors"
    if kind in LIST_KINDS:
        return "list"
    return "card"
