"""The lexical layer: the report's sections and passages as graph rows, linked to the curated knowledge.

- `Section` and `Passage` nodes (kennisgraaf.report), `PART_OF` (passage → section → parent section) and `NEXT`
  (passage → next passage in reading order; the footnotes form their own chain);
- `MENTIONED_IN` (entity → passage) for every name, short name, abbreviation, alias or 'maatregel N' of a measure,
  organisation, role, forum, law, theme, training, term or the programme that a passage contains. Matching is
  conservative: whole words, Dutch-stemmed as the question linker does (kennisgraaf.ask.text), abbreviations only
  as written (case-sensitive: 'OM', never 'om'), no typo tolerance, the forms in mention_stoplist.yaml never.
  Each relationship records `how` (naam | afkorting | maatregelnummer) and `form` (the words as the passage has them);
- `SOURCED_FROM` (node or step → passage) for every passage that holds the node's `quote`, and a `passages`
  property (ids) on every curated relationship that has a quote.

A quote that lies in no passage is a seed error (file:line), so a load never silently loses its sources.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from kennisgraaf.ask.text import STOPWORDS, fold, stem
from kennisgraaf.knowledge import KnowledgeSet, LexicalLayer, NodeRow, Origin, RelationRow
from kennisgraaf.models import Node
from kennisgraaf.report import FOOTNOTES, Report, read_report
from kennisgraaf.seed import SeedError, SeedInvalid, read_seed

LINKED_LABELS = frozenset(
    {"Programme", "Theme", "Measure", "Organisation", "Role", "Forum", "LegalBasis", "Training", "Term"}
)
STOPLIST_FILE = Path(__file__).with_name("mention_stoplist.yaml")
MAX_WORDS = 8
_TOKEN = re.compile(r"[0-9A-Za-zÀ-ÿ]+")


@dataclass(frozen=True)
class Mention:
    """An entity named in a passage."""

    entity: str
    passage: str
    how: str  # naam | afkorting | maatregelnummer
    form: str  # the words as the passage writes them


@dataclass(frozen=True)
class _Form:
    entity: str
    words: tuple[str, ...]  # folded
    how: str
    cased: tuple[bool, ...]  # per word: an abbreviation, to be matched exactly as written
    written: tuple[str, ...]


def _abbreviation_word(word: str) -> bool:
    """'OM', 'KMar', 'RvdK', 'VenJ', 'MI6': two or more capitals (or capitals and digits)."""
    return sum(c.isupper() for c in word) >= 2 or (word[:1].isupper() and any(c.isdigit() for c in word))


def surface_forms(props: dict[str, Any]) -> list[tuple[str, str]]:
    """(form, how) for the ways the report's text names a node: name, short name, abbreviation, the name without
    its parenthesis, 'maatregel N', and the aliases that are abbreviations or more than one word (a one-word alias
    such as 'zorg' or 'toezicht' is how people ask, not how the report names)."""
    forms: list[tuple[str, str]] = []
    name = props.get("name") or ""
    for value in [name, props.get("short_name")]:
        if isinstance(value, str) and value.strip():
            forms.append((value.strip(), "naam"))
    abbreviation = props.get("abbreviation")
    if isinstance(abbreviation, str) and abbreviation.strip():
        forms.append((abbreviation.strip(), "afkorting"))
    for alias in props.get("aliases") or []:
        words = str(alias).split()
        if len(words) > 1:
            forms.append((alias.strip(), "naam"))
        elif words and _abbreviation_word(words[0]):
            forms.append((alias.strip(), "afkorting"))
    if "(" in name:  # 'Bevriezingsoverleg (ministerie van BZ)' is also just 'Bevriezingsoverleg'
        forms.append((re.sub(r"\s*\([^)]*\)", "", name).strip(), "naam"))
    if props.get("label") == "Measure" and props.get("number") is not None:
        forms.append((f"maatregel {props['number']}", "maatregelnummer"))
    return forms


@lru_cache(maxsize=1)
def _stoplist() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Forms never linked (any entity), and (entity id, form) pairs never linked."""
    data = YAML(typ="safe").load(STOPLIST_FILE.read_text(encoding="utf-8")) or {}
    forms = frozenset(fold(f) for f in data.get("forms") or [])
    pairs = frozenset((p["id"], fold(p["form"])) for p in data.get("pairs") or [])
    return forms, pairs


def _forms(knowledge: KnowledgeSet) -> dict[tuple[str, ...], list[_Form]]:
    """Forms by the stems of their words."""
    stop_forms, stop_pairs = _stoplist()
    out: dict[tuple[str, ...], list[_Form]] = defaultdict(list)
    for node in knowledge.nodes.values():
        if node.label not in LINKED_LABELS:
            continue
        props = {**node.properties(), "label": node.label}
        seen: set[tuple[str, ...]] = set()
        for form, how in surface_forms(props):
            folded = fold(form)
            if not folded or folded in stop_forms or (node.id, folded) in stop_pairs:
                continue
            written = tuple(_TOKEN.findall(form))
            words = tuple(fold(w) for w in written)
            if len(words) > MAX_WORDS or len(words) != len(folded.split()):
                continue
            cased = tuple(_abbreviation_word(w) or (how == "afkorting" and len(written) == 1) for w in written)
            if len(words) == 1 and not cased[0] and (words[0] in STOPWORDS or len(words[0]) < 4):
                continue
            if written in seen:
                continue
            seen.add(written)
            key = tuple(stem(w) for w in words)
            if re.fullmatch(r"maatregel \d{1,2}", folded):
                how = "maatregelnummer"
            out[key].append(_Form(node.id, words, "afkorting" if any(cased) else how, cased, written))
    return out


def _word_matches(token: str, folded: str, word: str, written: str, cased: bool) -> bool:
    """Same word, or the same word inflected (gemeente → gemeenten, casusoverleg → casusoverleggen) — not a
    derivation (strafrecht ↛ strafrechtelijke, terrorisme ↛ terroristische); abbreviations only as written."""
    if cased:
        return token == written
    if folded == word:
        return True
    return folded.startswith(word[:-1]) and len(folded) - len(word) <= 3 and not folded.endswith(("lijk", "lijke"))


def find_mentions(report: Report, knowledge: KnowledgeSet) -> list[Mention]:
    """Every (entity, passage) where the passage names the entity; longest names win where they overlap."""
    forms = _forms(knowledge)
    found: dict[tuple[str, str], Mention] = {}
    for passage in report.passages:
        raw = _TOKEN.findall(passage.text)
        folded = [fold(t) for t in raw]
        keys = [stem(w) if w else "" for w in folded]
        taken = [False] * len(raw)
        for size in range(min(MAX_WORDS, len(raw)), 0, -1):
            for start in range(len(raw) - size + 1):
                end = start + size
                candidates = forms.get(tuple(keys[start:end]))
                if not candidates or any(taken[start:end]):
                    continue
                hits = [
                    f
                    for f in candidates
                    if all(
                        _word_matches(raw[start + i], folded[start + i], f.words[i], f.written[i], f.cased[i])
                        for i in range(size)
                    )
                ]
                if not hits:
                    continue
                for i in range(start, end):
                    taken[i] = True
                written = " ".join(raw[start:end])
                for form in hits:
                    found.setdefault((form.entity, passage.id), Mention(form.entity, passage.id, form.how, written))
    return sorted(found.values(), key=lambda m: (m.entity, m.passage))


def _quoted(knowledge: KnowledgeSet) -> list[tuple[str | tuple[str, str, str], Origin | None, str, str]]:
    """(owner, origin, source, quote) for every node, step and relationship quoting the report; the owner of a
    relationship is its (start, type, end)."""
    out: list[tuple[str | tuple[str, str, str], Origin | None, str, str]] = []
    for node in knowledge.nodes.values():
        if node.quote and not node.is_external:
            out.append((node.id, knowledge.origins.get(node.id), node.source, node.quote))
    for step_id, (_procedure, step) in knowledge.steps.items():
        if step.quote and not step.is_external:
            out.append((step_id, knowledge.origins.get(step_id), step.source, step.quote))
    for relation in knowledge.relations:
        if relation.quote and not relation.is_external:
            origin = knowledge.relation_origins.get(relation.key())
            out.append((relation.key(), origin, relation.source, relation.quote))
    return out


def build_layer(
    knowledge: KnowledgeSet, report: Report, seed_base: Path | None = None
) -> tuple[LexicalLayer, list[SeedError]]:
    """The lexical layer's rows for this knowledge, and an error for every quote that lies in no passage
    (at the quote's line when the seed files can be read from `seed_base`, the directory above seed/)."""
    nodes = [NodeRow(s.id, "Section", {**s.properties(), "label": "Section"}) for s in report.sections]
    nodes += [NodeRow(p.id, "Passage", {**p.properties(), "label": "Passage"}) for p in report.passages]
    rels: list[RelationRow] = []
    for section in report.sections:
        if section.parent:
            rels.append(RelationRow("PART_OF", section.id, section.parent, {"source": section.name}))
    for passage in report.passages:
        rels.append(RelationRow("PART_OF", passage.id, passage.section, {"source": passage.name}))
    for chain in (
        [p for p in report.passages if p.section != FOOTNOTES],
        [p for p in report.passages if p.section == FOOTNOTES],
    ):
        for a, b in itertools.pairwise(chain):
            rels.append(RelationRow("NEXT", a.id, b.id, {"source": a.name}))
    for mention in find_mentions(report, knowledge):
        passage = report.passage(mention.passage)
        props = {"how": mention.how, "form": mention.form, "source": passage.name}
        rels.append(RelationRow("MENTIONED_IN", mention.entity, mention.passage, props))

    errors: list[SeedError] = []
    relation_passages: dict[tuple[str, str, str], list[str]] = {}
    for owner, origin, source, quote in _quoted(knowledge):
        passages = report.find_quote(quote, report.sections_for_source(source))
        if not passages:
            label = " ".join(owner) if isinstance(owner, tuple) else owner
            file, line = _quote_line(origin, quote, seed_base)
            errors.append(SeedError(file, line, f"{label}.quote", "quote not found in any passage of the report"))
            continue
        if isinstance(owner, tuple):
            relation_passages[owner] = passages
        else:
            for passage_id in passages:
                props = {"how": "citaat", "source": report.passage(passage_id).name}
                rels.append(RelationRow("SOURCED_FROM", owner, passage_id, props))
    clashes = {row.id for row in nodes} & (set(knowledge.nodes) | set(knowledge.steps))
    for clash in sorted(clashes):
        origin = knowledge.origins.get(clash)
        errors.append(
            SeedError(
                origin.file if origin else "seed",
                origin.line if origin else 1,
                "id",
                f"id '{clash}' is reserved for the report's sections and passages",
            )
        )
    return LexicalLayer(nodes, rels, relation_passages), errors


def _quote_line(origin: Origin | None, quote: str, seed_base: Path | None) -> tuple[str, int]:
    """The file and line of a quote: the first line from its node or relationship on that holds the quote's start."""
    if origin is None:
        return "seed", 1
    if seed_base is not None:
        path = seed_base / origin.file
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        start = fold(quote)[:25]
        for number in range(origin.line, len(lines) + 1):
            if start and start in fold(lines[number - 1]):
                return origin.file, number
    return origin.file, origin.line


def add_lexical_layer(
    knowledge: KnowledgeSet, report: Report | None = None, seed_base: Path | None = None
) -> KnowledgeSet:
    """Attach the report's sections and passages to `knowledge` (in place, and returned); SeedInvalid on errors."""
    layer, errors = build_layer(knowledge, report or read_report(), seed_base)
    if errors:
        raise SeedInvalid(errors)
    knowledge.lexical = layer
    return knowledge


def read_knowledge(seed_dir: Path | str) -> KnowledgeSet:
    """The seed, validated, with the report's lexical layer: what a load writes."""
    seed_dir = Path(seed_dir)
    return add_lexical_layer(read_seed(seed_dir), seed_base=seed_dir.parent)


def node_passages(knowledge: KnowledgeSet) -> dict[str, list[str]]:
    """Passage ids per node (and step) id, from the SOURCED_FROM rows."""
    out: dict[str, list[str]] = defaultdict(list)
    if knowledge.lexical:
        for row in knowledge.lexical.relation_rows:
            if row.type == "SOURCED_FROM":
                out[row.start].append(row.end)
    return dict(out)


def is_lexical_node(node: Node | NodeRow) -> bool:
    return node.label in {"Section", "Passage"}
