"""Every quote in the seed is verbatim from the report (white space and line breaks aside)."""

from __future__ import annotations

import re

from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.settings import PROJECT_ROOT

REPORT = PROJECT_ROOT / "source" / "evaluatie-actieprogramma-integrale-aanpak-jihadisme-2017.txt"


def _squash(text: str) -> str:
    text = text.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(\w)- (?=[a-z])", r"\1-", text)  # words split over a line break: "Exit- faciliteit"


def _body_text() -> str:
    """The report without footnotes and page numbers, which the text extraction put mid-sentence."""
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    kept, in_footnotes = [], False
    for line in lines:
        if re.fullmatch(r"\s{10,}", line):  # the rule above a page's footnotes
            in_footnotes = True
            continue
        if in_footnotes and (re.match(r"^\d{1,2} \S", line) or not line.strip() or not line.startswith(" ")):
            continue
        in_footnotes = False
        if re.fullmatch(r"\s*\d{1,3}\s*", line):
            continue
        kept.append(line)
    return "\n".join(kept)


def test_quotes_are_verbatim(seed_knowledge: KnowledgeSet) -> None:
    full = _squash(REPORT.read_text(encoding="utf-8"))
    body = _squash(_body_text())
    quotes = [(n.id, n.quote) for n in seed_knowledge.nodes.values() if n.quote and not n.is_external]
    quotes += [(s.action, s.quote) for _, s in seed_knowledge.steps.values() if s.quote]
    quotes += [(str(r.key()), r.quote) for r in seed_knowledge.relations if r.quote and not r.is_external]
    assert len(quotes) > 300
    missing = [(w, q) for w, q in quotes if _squash(q).rstrip(".…") not in full and _squash(q).rstrip(".…") not in body]
    assert not missing, "\n".join(f"{w}: {q}" for w, q in missing[:20])
