"""The structured answerers: one handler per intent, each running catalogue queries and composing a reply.

A handler gets the understood question (Context) and returns Composed, or None when it cannot answer. Handlers do
not decide whether their reply is the answer: the engine ranks every handler's reply against passage answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kennisgraaf.ask.answer import EntityRef, RouteStep, SourceRef
from kennisgraaf.ask.linker import EntityIndex, Link, Node, overlap_score
from kennisgraaf.ask.text import content_stems, fold
from kennisgraaf.index_cache import load_yaml
from kennisgraaf.schema import RELATIONSHIPS

PHRASES_FILE = Path(__file__).with_name("phrases.yaml")
MAX_ITEMS = 12
# A described situation gets at most three measures, those that fit it nearly as well as the best one.
SITUATION_MEASURES = 3
SITUATION_SHARE = 0.6
SITUATION_MINIMUM = 2.0
TOPIC_INTENTS = frozenset({"survey", "conclusions", "training", "tensions", "theme", "legal_basis", "chain"})
ACTOR_RELATIONS = ("DECIDES", "EXECUTES", "REQUESTS", "ENFORCES", "RESPONSIBLE_FOR")
_SUBINTENT = {
    "DECIDES": (
        "beslis",
        "besluit",
        "bevoegd",
        "bepaalt",
        "legt",
        "opleg",
        "decide",
        "impose",
        "declare",
        "mag besluiten",
    ),
    "EXECUTES": (
        "voert",
        "uitvoer",
        "uitvoering",
        "doet",
        "houdt aan",
        "aanhoud",
        "carries",
        "execut",
        "arrest",
        "runs",
    ),
    "REQUESTS": ("aanvra", "verzoek", "vraagt", "request", "apply", "ask"),
    "ENFORCES": ("toezicht", "handhaaf", "handhaving", "supervis", "enforce"),
    "RESPONSIBLE_FOR": ("verantwoordelijk", "responsible"),
}
_CONCLUSION_KINDS = {
    "Recommendation": ("aanbeveling", "recommendation"),
    "AttentionPoint": ("aandachtspunt", "attention point", "points of attention"),
    "GoodPractice": ("good practice", "best practice"),
}
# "de drie aandachtspunten", "the five recommendations": the question asks for the whole set, not the one that fits.
_COUNTED = re.compile(r"\b(\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|two|three|four|five|six|seven|eight|nine|"
                      r"ten) (\w+ )?(" + "|".join(k for keys in _CONCLUSION_KINDS.values() for k in keys) + ")")


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    return load_yaml(PHRASES_FILE)


@dataclass
class Context:
    """Everything a handler needs about one question."""

    question: str
    lang: str
    links: list[Link]
    index: EntityIndex
    secondary: list[Link]
    run: Callable[[str, dict[str, Any]], list[dict[str, Any]]]
    p: dict[str, Any]
    used: dict[str, Any] = field(default_factory=dict)

    def pick(self, *labels: str) -> Node | None:
        """The best linked node of the first label (in order of preference) that has one; names inside
        longer names count too ('bestuurlijke maatregelen' inside 'Tijdelijke wet bestuurlijke maatregelen …')."""
        for links in (self.links, self.secondary):
            for label in labels:
                for link in links:
                    if link.node.label == label:
                        return link.node
        return None

    def picks(self, *labels: str) -> list[Node]:
        seen: dict[str, Node] = {}
        for link in sorted(self.links, key=lambda lk: lk.start):
            if link.node.label in labels:
                seen.setdefault(link.node.id, link.node)
        return list(seen.values())

    def ranked(self, *labels: str, minimum: float = 2.0, coverage: float = 0.4) -> Node | None:
        """The node whose text fits the question best, when no name was linked; it must cover a fair share
        of the question's words, or it is no answer at all."""
        ranked = self.index.rank(self.question, set(labels), limit=1)
        if not ranked or ranked[0][1] < minimum:
            return None
        node = ranked[0][0]
        return node if self.index.coverage(self.question, node.id) >= coverage else None

    def rank_rows(self, rows: list[dict[str, Any]], *labels: str) -> list[tuple[float, dict[str, Any]]]:
        """Rows of a list query ordered by how well their node fits the question (BM25, plus linked nodes)."""
        scores = {n.id: s for n, s in self.index.rank(self.question, set(labels), limit=len(rows) or 1)}
        linked = {link.node.id for link in self.links}
        out = []
        for row in rows:
            related = {x["id"] for key in ("about", "concerns", "between", "offered_by") for x in row.get(key) or []}
            out.append((scores.get(row["id"], 0.0) + 1.5 * len(related & linked), row))
        return sorted(out, key=lambda sr: (-sr[0], str(sr[1].get("name"))))

    def query(self, query_id: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.used = {"query": query_id, "params": params}
        return self.run(query_id, params)


@dataclass
class Composed:
    """A handler's result before it becomes an Answer."""

    text: str
    entities: list[Node] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    route: list[RouteStep] = field(default_factory=list)


def _unique(nodes: Any) -> list[Node]:
    seen: dict[str, Node] = {}
    for node in nodes:
        seen.setdefault(node.id, node)
    return list(seen.values())


def _refs(nodes: list[Node]) -> list[EntityRef]:
    return [EntityRef(id=n.id, label=n.label, name=n.name) for n in _unique(nodes)][:MAX_ITEMS]


def _dedupe_sources(sources: list[SourceRef]) -> list[SourceRef]:
    seen: dict[tuple[str, str | None], SourceRef] = {}
    for source in sources:
        if source.section:
            seen.setdefault((source.section, source.quote), source)
    return list(seen.values())[:MAX_ITEMS]


def _src(row: dict[str, Any], section_key: str = "source", quote_key: str = "quote") -> SourceRef | None:
    section = row.get(section_key)
    if not section:
        return None
    external = section == "external"
    return SourceRef(section=section, quote=row.get(quote_key), external=external, url=row.get("source_url"))


def _sources(rows: list[dict[str, Any]], *keys: tuple[str, str]) -> list[SourceRef]:
    out = []
    for row in rows:
        for section_key, quote_key in keys or (("source", "quote"),):
            ref = _src(row, section_key, quote_key)
            if ref:
                out.append(ref)
    return out


def _label(item: dict[str, Any], p: dict[str, Any]) -> str:
    name = item.get("name") or item.get("id") or ""
    abbreviation = item.get("abbreviation")
    if abbreviation and abbreviation.lower() not in name.lower():
        name = f"{name} ({abbreviation})"
    if item.get("number") is not None and item.get("label") == "Measure":
        name = f"{name} ({p['measure_label'].format(number=item['number'])})"
    return name


def _join(items: list[str]) -> str:
    unique = list(dict.fromkeys(i for i in items if i))
    return "; ".join(unique[:MAX_ITEMS]) + ("; …" if len(unique) > MAX_ITEMS else "")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u00C0-\u00DD“\"'(])")


def _sentences(text: str) -> list[str]:
    """A text's sentences ('art. 3' and 'o.a.' do not end one: a sentence ends before a capital)."""
    return [t.strip() for t in _SENTENCE_END.split(text or "") if t.strip()]


def _first_sentence(text: str) -> tuple[str, str]:
    """The first sentence of a text, and the rest."""
    parts = _sentences(text)
    return (parts[0], " ".join(parts[1:])) if parts else ("", "")


def _names(items: list[str], p: dict[str, Any], conjunction: str = "and", limit: int = MAX_ITEMS) -> str:
    """'A, B en C' (or 'A, B of C'); at most `limit`."""
    unique = list(dict.fromkeys(i for i in items if i))[:limit]
    if len(unique) < 2:
        return "".join(unique)
    return f"{', '.join(unique[:-1])} {p['words'][conjunction]} {unique[-1]}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _measure_name(ctx: Context, item: dict[str, Any] | Node) -> str:
    """A measure as people say it, with its number: 'de paspoortmaatregel (maatregel 7)'. The short name is the
    seed's `short_name`; its article is read from the head words in phrases.yaml (grammar, not per measure)."""
    get = item.get if isinstance(item, dict) else lambda key, default=None: getattr(item, key, default)
    node = ctx.index.nodes.get(get("id") or "")
    short = (node.short_name if node else None) or get("short_name")
    number = get("number") if get("number") is not None else (node.number if node else None)
    label = ctx.p["measure_label"].format(number=number)
    if not short:
        return label if number is not None else str(get("name") or "")
    if ctx.lang != "nl":
        return ctx.p["measure_named"].format(short=short, label=label)
    return ctx.p["measure_named"].format(article=_article(short, ctx.p), short=short, label=label)


def _article(short: str, p: dict[str, Any]) -> str:
    """'de' or 'het' before a short name: 'het' when one of its first two words is (or ends in) a het-word."""
    words = [w for w in re.split(r"[\s-]+", short.lower()) if w][:2]
    het = p["het_words"]
    return "het" if any(w == h or (len(h) > 4 and w.endswith(h)) for w in words for h in het) else "de"


def _actor(item: dict[str, Any]) -> str:
    """An organisation, role or forum by name, with its abbreviation."""
    name = item.get("name") or item.get("id") or ""
    abbreviation = item.get("abbreviation")
    return f"{name} ({abbreviation})" if abbreviation and abbreviation.lower() not in name.lower() else name


def _plural(items: list[dict[str, Any]]) -> bool:
    """Whether a verb after these actors is plural: several, or one whose name starts with a plural ('Gemeenten')."""
    if len(items) != 1:
        return True
    first = (items[0].get("name") or "").split(" ")[0]
    return first.endswith("en") and first[:1].isupper() and len(first) > 4 and first.lower() != "openbaar"


def _mentions(sentence: str, item: dict[str, Any]) -> bool:
    """Whether a sentence names an actor or forum: its abbreviation as a word, or every word of its name."""
    abbreviation = item.get("abbreviation")
    if abbreviation and re.search(rf"\b{re.escape(abbreviation)}\b", sentence):
        return True
    name = re.sub(r"\(.*?\)", "", item.get("name") or "")
    wanted = set(content_stems(name))
    return bool(wanted) and wanted <= set(content_stems(sentence))


def _quote_lines(rows: list[dict[str, Any]], limit: int, text: str = "") -> list[str]:
    """'“quote” (source)' lines, without a quote that another one (or the answer's text) already holds."""
    quotes: list[tuple[str, str]] = []
    for row in rows:
        quote = (row.get("quote") or "").strip()
        if not quote or row.get("external") or row.get("source") == "external":
            continue
        folded = fold(quote)
        if any(folded in fold(q) for q, _ in quotes) or folded in fold(text):
            continue
        quotes = [(q, src) for q, src in quotes if fold(q) not in folded]
        quotes.append((quote, row.get("source") or ""))
    return [f"“{q}” ({src})" for q, src in quotes[:limit]]


def _external_notes(facts: list[dict[str, Any]], p: dict[str, Any]) -> tuple[list[str], list[SourceRef]]:
    lines, sources = [], []
    for fact in facts or []:
        lines.append(
            p["external_note"].format(
                checked=fact.get("checked"),
                confidence=fact.get("confidence"),
                text=fact.get("summary") or fact.get("name"),
            )
        )
        sources.append(SourceRef(section="external", quote=fact.get("name"), external=True, url=fact.get("source_url")))
    return lines, sources


# -- handlers: each returns Composed, or None when it cannot answer -------------------------------------


def _procedure(ctx: Context) -> Composed | None:
    target = ctx.pick("Procedure", "Measure") or ctx.ranked("Procedure", minimum=3.0)
    if target is None:
        return None
    rows = ctx.query("procedure.steps", {"id": target.id})
    if not rows:
        return None
    by_procedure: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_procedure.setdefault(row["procedure_id"], []).append(row)
    best_id = max(
        by_procedure,
        key=lambda pid: (
            pid == target.id,
            overlap_score(
                ctx.question, " ".join(str(by_procedure[pid][0].get(k) or "") for k in ("procedure", "summary"))
            ),
            pid,
        ),
    )
    steps = sorted(by_procedure[best_id], key=lambda r: r["order"])
    first = steps[0]
    p = ctx.p
    lead, summary = _route_lead(ctx, steps)
    lines = [lead, p["route_intro"].format(name=first["procedure"])]
    route: list[RouteStep] = []
    entities: list[Node] = []
    for step in steps:
        actors = [_label(a, p) for a in step.get("actors") or []]
        forums = [f["name"] for f in step.get("forums") or []]
        detail = ", ".join(
            filter(
                None,
                [
                    f"{p['by']} {', '.join(actors)}" if actors else "",
                    f"{p['in_forum']} {', '.join(forums)}" if forums else "",
                ],
            )
        )
        lines.append(f"{step['order']}. {step['action']}" + (f" ({detail})" if detail else ""))
        route.append(
            RouteStep(
                order=step["order"],
                action=step["action"],
                actor=", ".join(actors) or None,
                forum=", ".join(forums) or None,
            )
        )
        entities.extend(_nodes(ctx, step.get("actors") or []) + _nodes(ctx, step.get("forums") or []))
    if summary:
        lines.append(summary)
    notes, external_sources = _external_notes(first.get("external_facts") or [], p)
    lines.extend(notes)
    others = [by_procedure[pid][0]["procedure"] for pid in by_procedure if pid != best_id]
    if others:
        lines.append(p["also_procedures"].format(names=_join(others)))
    sources = _sources([first], ("procedure_source", "procedure_quote")) + _sources(steps) + external_sources
    return Composed("\n".join(lines), [_node(ctx, best_id), *entities], sources, route)


def _route_lead(ctx: Context, steps: list[dict[str, Any]]) -> tuple[str, str]:
    """The sentence that answers a route question, and what remains of the procedure's summary. In Dutch: the
    summary's sentence that names most of the route's actors and forums and fits the question best (the curated
    text, not a paraphrase), taken out of the summary so that it is not said twice; else, and in English, the route
    in one sentence: its steps, the actors in order and the forums."""
    first, p = steps[0], ctx.p
    actors = _unique_items([a for step in steps for a in step.get("actors") or []])
    forums = _unique_items([f for step in steps for f in step.get("forums") or []])
    sentences = _sentences(first.get("summary") or "")
    if ctx.lang == "nl" and sentences:
        scored = [
            (sum(_mentions(sentence, item) for item in actors + forums) + overlap_score(ctx.question, sentence), -i)
            for i, sentence in enumerate(sentences)
        ]
        best_score, best = max(scored)
        if best_score >= 2.0:
            chosen = sentences[-best]
            return chosen, " ".join(t for t in sentences if t is not chosen)
    names = _names([_actor(a) for a in actors], p)
    forum = p["route_lead_forum"].format(forums=_names([f["name"] for f in forums], p)) if forums else ""
    lead = p["route_lead"].format(name=first["procedure"], n=len(steps), actors=names or "—", forum=forum)
    return lead, first.get("summary") or ""


def _unique_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for item in items:
        seen.setdefault(item.get("id") or item.get("name") or "", item)
    return list(seen.values())


def _nodes(ctx: Context, items: list[dict[str, Any]]) -> list[Node]:
    return [ctx.index.nodes[i["id"]] for i in items if i.get("id") in ctx.index.nodes]


def _node(ctx: Context, node_id: str) -> Node:
    return ctx.index.nodes.get(node_id) or Node(node_id, "Procedure", node_id)


def _wanted_relations(question: str) -> list[str]:
    folded = fold(question)
    wanted = [rel for rel, keys in _SUBINTENT.items() if any(k in folded for k in keys)]
    return wanted + [r for r in ACTOR_RELATIONS if r not in wanted]


def _who(ctx: Context) -> Composed | None:
    """A 'who …' question that names no measure: the organisations, roles or forums whose description fits."""
    ranked = ctx.index.rank(ctx.question, {"Organisation", "Role", "Forum"}, limit=3)
    fitting = [n for n, score in ranked if score >= 3.0 and ctx.index.coverage(ctx.question, n.id) >= 0.45]
    if not fitting:
        return None
    best = fitting[0]
    close = [n for n, score in ranked[1:] if n in fitting and score >= ranked[0][1] * 0.8][:1]
    ids = [n.id for n in [best, *close]]
    rows = _in_order(ctx.query("entity.get", {"ids": ids}), ids)
    if not rows:
        return None
    first_props = rows[0]["properties"]
    first, rest = _first_sentence(first_props.get("summary") or first_props.get("decides") or "")
    lines = [ctx.p["definition"].format(name=_label({**first_props, "label": rows[0]["label"]}, ctx.p), text=first)]
    if rest:
        lines.append(rest)
    for row in rows[1:]:
        props = row["properties"]
        text = props.get("summary") or props.get("decides") or ""
        lines.append(f"- {_label({**props, 'label': row['label']}, ctx.p)}: {text}")
    sources = [s for s in (_src(r["properties"]) for r in rows) if s]
    return Composed("\n".join(lines), [best, *close], sources)


def _measure_actors(ctx: Context) -> Composed | None:
    target = ctx.pick("Measure", "Procedure")
    if target is None:
        who = _who(ctx)
        if who is not None:
            return who
        target = ctx.ranked("Measure", "Procedure", minimum=3.0)
    if target is None:
        return None
    rows = ctx.query("measure.actors", {"id": target.id})
    p = ctx.p
    if not rows:
        return None
    name = _measure_name(ctx, target) if target.label == "Measure" else target.name
    groups = [
        (relation, [r for r in rows if r["relation"] == relation]) for relation in _wanted_relations(ctx.question)
    ]
    groups = [(relation, group) for relation, group in groups if group]
    lines = [_actors_lead(ctx, name, groups), p["actors_intro"].format(name=name)]
    for relation, group in groups:
        names = [_label(r, p) + (" [extern]" if r.get("external") else "") for r in group]
        lines.append(f"- {p['relation'][relation]}: {_join(names)}")
    lines.extend(_quote_lines(rows, 2))
    return Composed("\n".join(lines), [target, *_nodes(ctx, rows)], _sources(rows))


def _actors_lead(ctx: Context, name: str, groups: list[tuple[str, list[dict[str, Any]]]]) -> str:
    """'De minister van VenJ beslist over de paspoortmaatregel (maatregel 7); Gemeenten kunnen deze maatregel
    aanvragen.': the relation the question asks about first, then the next one; from the report only (external
    actors are left to the details, where they are marked)."""
    p = ctx.p
    clauses = []
    for relation, group in groups:
        reported = [r for r in group if not r.get("external")]
        if not reported or len(clauses) == 2:
            continue
        verbs = p["actors_lead"][relation]
        subject = name if not clauses else p["this_measure"]
        actors = _names([_actor(r) for r in reported], p)
        clauses.append(verbs[1 if _plural(reported) else 0].format(actors=actors, measure=subject))
    if not clauses:
        return p["actors_lead_none"].format(name=name)
    return _capital("; ".join(clauses)) + "."


def _legal_basis(ctx: Context) -> Composed | None:
    p = ctx.p
    law = ctx.pick("LegalBasis")
    other = ctx.pick("Measure", "Procedure", "Forum", "Organisation", "Role")
    if law is None and other is None:
        law = ctx.ranked("LegalBasis", minimum=3.0)
    if law is not None:
        rows = ctx.query("legal.detail", {"id": law.id})
        if not rows:
            return None
        row = rows[0]
        law_name = row.get("law") if row.get("law") and row.get("law") != row["name"] else ""
        where = ", ".join(filter(None, [law_name, row.get("article")]))
        first, rest = _first_sentence(row.get("summary") or "")
        lines = [p["legal_detail"].format(name=row["name"], where=f" ({where})" if where else "", summary=first)]
        if rest:
            lines.append(rest)
        if row.get("articles"):
            lines.append(p["legal_articles"].format(items=_join([a["name"] for a in row["articles"]])))
        if row.get("part_of"):
            lines.append(p["org_parents"].format(items=_join([a["name"] for a in row["part_of"]])))
        if row.get("used_by"):
            used = [_measure_name(ctx, u) if u.get("label") == "Measure" else _label(u, p) for u in row["used_by"]]
            lines.append(p["legal_used_by"].format(items=_join(used)))
        if row.get("superseded_by"):
            lines.append(p["legal_superseded"].format(items=_join([s["name"] for s in row["superseded_by"]])))
        notes, ext = _external_notes(row.get("external_facts") or [], p)
        lines.extend(notes)
        return Composed("\n".join(lines), [law], _sources([row]) + _sources(row.get("used_by") or []) + ext)
    if other is None:
        return None
    if other.label in ("Measure",):
        rows = ctx.query("measure.detail", {"id": other.id})
        bases = rows[0]["legal_bases"] if rows else []
    elif other.label == "Forum":
        rows = ctx.query("forum.detail", {"id": other.id})
        bases = rows[0]["legal_bases"] if rows else []
    elif other.label in ("Organisation", "Role"):
        rows = ctx.query("organisation.detail", {"id": other.id})
        bases = rows[0]["legal_bases"] if rows else []
    else:
        rows = ctx.query("measure.by_legal_basis", {"id": other.id})
        bases = []
    if not bases:
        return None
    name = _measure_name(ctx, other) if other.label == "Measure" else other.name
    reported = [b["name"] for b in bases if not b.get("external")]
    lead_bases = reported or [b["name"] for b in bases]
    lead = p["legal_lead" if reported else "legal_lead_external"].format(name=name, bases=_names(lead_bases, p))
    lines = [_capital(lead), p["legal_intro"].format(name=name)]
    for base in bases:
        marker = " [extern]" if base.get("external") else ""
        detail = ", ".join(filter(None, [base.get("law"), base.get("article")]))
        lines.append(f"- {base['name']}{marker}" + (f" ({detail})" if detail and detail != base["name"] else ""))
    lines.extend(_quote_lines(bases, MAX_ITEMS))
    return Composed("\n".join(lines), [other, *_nodes(ctx, bases)], _sources(bases))


def _organisation(ctx: Context) -> Composed | None:
    target = ctx.pick("Organisation", "Role")
    if target is None:
        return None
    rows = ctx.query("organisation.detail", {"id": target.id})
    if not rows:
        return None
    row, p = rows[0], ctx.p
    wanted = _wanted_relations(ctx.question)
    measures = sorted(
        row.get("measures") or [],
        key=lambda m: (wanted.index(m["relation"]) if m["relation"] in wanted else 9, m.get("number") or 99),
    )
    lines = [_organisation_lead(ctx, row, measures), p["org_intro"].format(name=_label(row, p),
                                                                           summary=row.get("summary") or "")]
    if measures:
        lines.append(
            p["org_measures"].format(
                items=_join([f"{_item_name(ctx, m)} ({p['relation'][m['relation']].lower()})" for m in measures])
            )
        )
    for key, phrase in (
        ("forums", "org_forums"),
        ("sends_to", "org_sends"),
        ("receives_from", "org_receives"),
        ("parts", "org_parts"),
        ("parents", "org_parents"),
        ("legal_bases", "org_legal"),
    ):
        items = row.get(key) or []
        if items:
            lines.append(
                p[phrase].format(
                    items=_join(
                        [_label(i, p) + (f" ({i['instrument']})" if i.get("instrument") else "") for i in items]
                    )
                )
            )
    notes, ext = _external_notes(row.get("external_facts") or [], p)
    lines.extend(notes)
    sources = _sources([row]) + _sources(measures) + _sources(row.get("sends_to") or []) + ext
    return Composed("\n".join(lines), [target, *_nodes(ctx, measures)], sources)


def _item_name(ctx: Context, item: dict[str, Any]) -> str:
    return _measure_name(ctx, item) if item.get("label") == "Measure" else _label(item, ctx.p)


def _organisation_lead(ctx: Context, row: dict[str, Any], measures: list[dict[str, Any]]) -> str:
    """What the organisation does for the measures, by the relation the question asks about first ('Het OM beslist
    over …'); without measures, the first sentence of its description."""
    p = ctx.p
    name = _label(row, p)
    if measures:
        relation = measures[0]["relation"]
        group = [m for m in measures if m["relation"] == relation and m.get("label") == "Measure"]
        if group and relation in p["org_lead"]:
            shown = [_measure_name(ctx, m) for m in group[:4]]
            if len(group) > 4:
                shown.append(p["org_lead_more"].format(n=len(group) - 4))
            verb = p["org_lead"][relation][1 if _plural([row]) else 0]
            return _capital(verb.format(name=name, measures=_names(shown, p))) + "."
    first, _ = _first_sentence(row.get("summary") or "")
    return p["definition"].format(name=name, text=first) if first else name


def _forum(ctx: Context) -> Composed | None:
    target = ctx.pick("Forum")
    if target is None:
        return None
    rows = ctx.query("forum.detail", {"id": target.id})
    if not rows:
        return None
    row, p = rows[0], ctx.p
    participants = row.get("participants") or []
    structural = [_label(x, p) for x in participants if x.get("how") == "structureel"]
    incidental = [_label(x, p) for x in participants if x.get("how") == "incidenteel"]
    other = [_label(x, p) for x in participants if x.get("how") not in ("structureel", "incidenteel")]
    # The lead says who takes part (what the question almost always asks); the details the rest.
    parts = []
    if structural:
        parts.append(p["forum_lead_structural"].format(items=_names(structural, p)))
    if incidental:
        parts.append(p["forum_lead_incidental"].format(items=_names(incidental, p)))
    if other:
        parts.append(p["forum_lead_participants"].format(items=_names(other, p)))
    if parts:
        lead = p["forum_lead"].format(name=row["name"], parts="; ".join(parts))
    else:
        first, _ = _first_sentence(row.get("summary") or "")
        lead = p["definition"].format(name=row["name"], text=first or p["forum_no_participants"])
    lines = [lead, p["forum_intro"].format(name=row["name"], summary=row.get("summary") or "")]
    if row.get("decides"):
        lines.append(p["forum_decides"].format(decides=row["decides"]))
    for key, phrase in (
        ("hosted_at", "forum_hosted"),
        ("organisers", "forum_organisers"),
        ("coordinates", "forum_coordinates"),
        ("legal_bases", "forum_legal"),
    ):
        if row.get(key):
            lines.append(p[phrase].format(items=_join([_item_name(ctx, i) for i in row[key]])))
    if row.get("procedure_steps"):
        lines.append(
            p["forum_steps"].format(items=_join([f"{s['name']} (stap {s['step']})" for s in row["procedure_steps"]]))
        )
    sources = _sources([row]) + _sources(participants) + _sources(row.get("hosted_at") or [])
    return Composed("\n".join(lines), [target, *_nodes(ctx, participants)], sources)


DEFINITION_PREFERENCE = (
    "Term",
    "Measure",
    "Organisation",
    "Role",
    "Forum",
    "LegalBasis",
    "Procedure",
    "Theme",
    "Training",
    "Tension",
    "Programme",
    "GoodPractice",
    "AttentionPoint",
    "Recommendation",
)


def _definition(ctx: Context) -> Composed | None:
    # One node per span of the question (a term and the organisation it names share a span: the term wins).
    best_per_span: dict[tuple[int, int], Link] = {}
    for link in ctx.links:
        if link.node.label not in DEFINITION_PREFERENCE:
            continue
        span = (link.start, link.end)
        current = best_per_span.get(span)
        if current is None or DEFINITION_PREFERENCE.index(link.node.label) < DEFINITION_PREFERENCE.index(
            current.node.label
        ):
            best_per_span[span] = link
    nodes = _unique(best_per_span[span].node for span in sorted(best_per_span))
    if not nodes:
        return None
    # A term and the node it is about often share a name: keep the term's definition first, then the node.
    ids = [n.id for n in nodes][:4]
    rows = _in_order(ctx.query("entity.get", {"ids": ids}), ids)
    if not rows:
        return None
    p = ctx.p
    lines = []
    for row in rows:
        props = row["properties"]
        text = props.get("definition") or props.get("summary") or props.get("decides") or props.get("law") or ""
        name = _label({**props, "label": row["label"]}, p)
        if row["label"] == "Measure":
            name = _capital(_measure_name(ctx, {**props, "label": "Measure"}))
            text = f"{props.get('name')} {text}".strip()
        if not lines:
            # The first sentence is the answer; the rest of the description follows it.
            first, rest = _first_sentence(text)
            lines.append(p["definition"].format(name=name, text=first).rstrip(": "))
            if rest:
                lines.append(rest)
        else:
            lines.append(p["definition"].format(name=name, text=text).rstrip(": "))
        see = [
            link["name"]
            for link in row.get("links") or []
            if link.get("name") and fold(link["name"]) != fold(row["name"] or "")
        ]
        if see:
            lines.append(p["see_also"].format(items=_join(see)))
    sources = [s for s in (_src(r["properties"]) for r in rows) if s]
    return Composed("\n".join(lines), nodes, sources)


def _in_order(rows: list[dict[str, Any]], ids: list[str]) -> list[dict[str, Any]]:
    """Query rows in the order of the ids they were asked for (best first), not the query's own order."""
    order = {node_id: i for i, node_id in enumerate(ids)}
    return sorted(rows, key=lambda r: order.get(r["id"], len(order)))


def _describe(ctx: Context) -> Composed | None:
    return _definition(ctx)


def _theme(ctx: Context) -> Composed | None:
    p = ctx.p
    theme = ctx.pick("Theme")
    measure = ctx.pick("Measure")
    if theme is None and measure is not None:
        rows = ctx.query("measure.detail", {"id": measure.id})
        if not rows or not rows[0]["themes"]:
            return None
        parents = [t["name"] for t in rows[0].get("parent_themes") or []]
        themes = [" / ".join([*parents, t["name"]]) for t in rows[0]["themes"]]
        name = _capital(_measure_name(ctx, measure))
        lines = [p["measure_themes"].format(name=name, items=_join(themes)), rows[0]["title"]]
        return Composed("\n".join(lines), [measure], _sources(rows[0]["themes"]))
    theme = theme or ctx.ranked("Theme", minimum=3.0)
    if theme is None:
        return None
    rows = ctx.query("measure.by_theme", {"id": theme.id})
    if not rows:
        return None
    numbers = list(dict.fromkeys(str(r["number"]) for r in rows))
    lead = p["theme_lead"].format(name=rows[0]["theme"], n=len(numbers), numbers=_names(numbers, p, limit=50))
    lines = [lead, p["theme_intro"].format(name=rows[0]["theme"])]
    for row in rows:
        sub = f" [{row['subtheme']}]" if row["subtheme"] != row["theme"] else ""
        lines.append(f"- {row['number']}. {row['title']}{sub}")
    return Composed("\n".join(lines), [theme], [SourceRef(section="Bijlage I")])


def _tensions(ctx: Context) -> Composed | None:
    rows = ctx.query("tension.list", {})
    if not rows:
        return None
    linked = {link.node.id for link in ctx.links}
    p = ctx.p

    scored = ctx.rank_rows(rows, "Tension")
    scored = [(score + 3.0 * (row["id"] in linked), row) for score, row in scored]
    scored.sort(key=lambda sr: (-sr[0], sr[1]["name"]))
    best = scored[0][0]
    # A question that names no measure ("welke maatregelen bijten elkaar?") gets all tensions.
    general = best < 3.0 or not ctx.picks("Measure", "Procedure", "Tension", "Organisation")
    chosen = [row for _, row in scored] if general else [row for score, row in scored if score >= best * 0.6][:3]
    one = not general and len(chosen) == 1 and len(chosen[0].get("between") or []) >= 2
    if general:
        lead = p["tension_lead_all"].format(n=len(chosen))
    elif one:
        between = [_item_name(ctx, b) for b in chosen[0]["between"]]
        lead = p["tension_lead_one"].format(items=_names(between, p), name=chosen[0]["name"])
    else:
        lead = p["tension_lead_some"].format(n=len(chosen), name=chosen[0]["name"])
    lines = [lead, p["tension_intro"]]
    for row in chosen:
        lines.append(f"- {row['name']}: {row.get('summary') or ''}")
        if row.get("resolution") and not general:
            lines.append("  " + p["tension_resolution"].format(text=row["resolution"]))
        if row.get("between") and not one:
            lines.append("  " + p["tension_between"].format(items=_join([_item_name(ctx, b) for b in row["between"]])))
        if row.get("resolved_in") and not general:
            lines.append("  " + p["tension_resolved_in"].format(items=_join([b["name"] for b in row["resolved_in"]])))
    nodes = [n for r in chosen for n in _nodes(ctx, r.get("between") or [])]
    return Composed("\n".join(lines), nodes, _sources(chosen))


def _dominant(ranked: list[tuple[float, dict[str, Any]]]) -> bool:
    """True when one row clearly fits the question better than all others."""
    if not ranked or ranked[0][0] < 3.0:
        return False
    return len(ranked) == 1 or ranked[0][0] >= 1.5 * max(ranked[1][0], 0.1)


def _survey(ctx: Context) -> Composed | None:
    rows = ctx.query("finding.list", {"about": ""})
    ranked = ctx.rank_rows(rows, "Finding")
    if not ranked or ranked[0][0] < 3.0 or ctx.index.coverage(ctx.question, ranked[0][1]["id"]) < 0.34:
        return None
    best = ranked[0][0]
    chosen = [row for score, row in ranked if score >= best * 0.6][:3]
    top = chosen[0]
    first, rest = _first_sentence(top.get("summary") or top["name"])
    population = f" ({top['population']})" if top.get("population") else ""
    lines = [ctx.p["survey_lead"].format(text=first, population=population)]
    if rest:
        lines.append(rest)
    if top.get("note"):
        lines.append(ctx.p["curator_note"].format(note=top["note"]))
    if len(chosen) > 1:
        lines.append(ctx.p["survey_more"])
    for row in chosen[1:]:
        population = f" ({row['population']})" if row.get("population") else ""
        lines.append(f"- {row.get('summary') or row['name']}{population}")
        if row.get("note"):
            lines.append("  " + ctx.p["curator_note"].format(note=row["note"]))
    return Composed("\n".join(lines), [n for r in chosen for n in _nodes(ctx, r.get("about") or [])], _sources(chosen))


def _conclusions(ctx: Context) -> Composed | None:
    folded = fold(ctx.question)
    kinds = [kind for kind, keys in _CONCLUSION_KINDS.items() if any(k in folded for k in keys)]
    p = ctx.p
    if len(kinds) == 1:
        # "Wat zijn de aanbevelingen?": all of that kind, unless the question narrows it down.
        rows = ctx.query("conclusion.list", {"kind": kinds[0]})
        if not rows:
            return None
        ranked = ctx.rank_rows(rows, kinds[0])
        counted = bool(_COUNTED.search(folded))
        chosen = ([ranked[0][1]] if _dominant(ranked) and not counted
                  else sorted(rows, key=lambda r: (r.get("number") or 99, r["name"])))
        intro = p["conclusions_intro"][kinds[0]]
        if len(chosen) == 1:
            lead = p["conclusions_lead_one"][kinds[0]].format(name=chosen[0]["name"].rstrip("."))
        else:
            numbered = sum(1 for r in chosen if r.get("number"))
            lead = p["conclusions_lead"][kinds[0]].format(n=numbered or len(chosen))
            if numbered and numbered < len(chosen):  # the report's numbered set, then what it names elsewhere
                lead += " " + p["conclusions_also"].format(n=len(chosen) - numbered)
    else:
        rows = ctx.query("finding.statements", {})
        ranked = ctx.rank_rows(rows, "Finding", *_CONCLUSION_KINDS)
        if not ranked or ranked[0][0] < 3.0 or ctx.index.coverage(ctx.question, ranked[0][1]["id"]) < 0.34:
            return None
        chosen = [row for score, row in ranked if score >= ranked[0][0] * 0.7][:3]
        intro = p["conclusions_intro"]["all"]
        lead = p["conclusions_lead_one"]["all"].format(name=chosen[0]["name"].rstrip("."))
    lines = [lead, intro]
    for row in chosen:
        number = f"{row['number']}. " if row.get("number") else ""
        lines.append(f"- {number}{row['name']}: {row.get('summary') or ''}")
        if row.get("note") and len(chosen) == 1:
            lines.append("  " + p["curator_note"].format(note=row["note"]))
    return Composed(
        "\n".join(lines), [n for r in chosen for n in _nodes(ctx, r.get("concerns") or [])], _sources(chosen)
    )


def _training(ctx: Context) -> Composed | None:
    rows = ctx.query("training.list", {})
    if not rows:
        return None
    org = ctx.pick("Organisation")
    if org is not None:
        chosen = [r for r in rows if org.id in {o["id"] for o in r.get("offered_by") or []}]
    else:
        ranked = ctx.rank_rows(rows, "Training")
        if _dominant(ranked):
            chosen = [row for score, row in ranked if score >= ranked[0][0] * 0.6][:3]
        else:
            return _training_overview(ctx, rows)
    if not chosen:
        return None
    p = ctx.p
    names = _names([r["name"] for r in chosen], p)
    if org is not None:
        lead = p["training_lead_org"][1 if _plural([{"name": org.name}]) else 0].format(
            org=_actor({"name": org.name, "abbreviation": _abbreviation(chosen, org.id)}), n=len(chosen), names=names
        )
    else:
        providers = _names([_label(o, p) for r in chosen for o in r.get("offered_by") or []], p)
        lead = p["training_lead"].format(names=names, providers=providers or "—")
    lines = [lead, p["training_intro"]]
    for row in chosen:
        offered = [_label(o, p) for o in row.get("offered_by") or []]
        by = f" ({p['training_offered'].format(items=_join(offered))})" if offered else ""
        audience = f" Doelgroep: {row['audience']}." if row.get("audience") and ctx.lang == "nl" else ""
        lines.append(f"- {row['name']}{by}: {row.get('summary') or ''}{audience}")
    return Composed(
        "\n".join(lines), [n for r in chosen for n in _nodes(ctx, r.get("offered_by") or [])], _sources(chosen)
    )


def _abbreviation(rows: list[dict[str, Any]], org_id: str) -> str | None:
    return next((o.get("abbreviation") for r in rows for o in r.get("offered_by") or [] if o["id"] == org_id), None)


def _training_overview(ctx: Context, rows: list[dict[str, Any]]) -> Composed:
    """All trainings, grouped by who offers them."""
    by_provider: dict[str, list[str]] = {}
    for row in rows:
        providers = [_label(o, ctx.p) for o in row.get("offered_by") or []] or ["—"]
        for provider in providers:
            by_provider.setdefault(provider, []).append(row["name"])
    lead = ctx.p["training_lead_all"].format(n=len(rows), m=len([k for k in by_provider if k != "—"]))
    lines = [lead, ctx.p["training_intro"]]
    lines.extend(f"- {provider}: {_join(names)}" for provider, names in sorted(by_provider.items()))
    return Composed("\n".join(lines), [n for r in rows for n in _nodes(ctx, r.get("offered_by") or [])], _sources(rows))


def _chain(ctx: Context) -> Composed | None:
    ordered = _unique(link.node for link in sorted(ctx.links, key=lambda lk: lk.start))
    if len(ordered) < 2:
        return None
    routes = [n for n in ordered if n.label in ("Procedure", "Measure")]
    actors = [n for n in ordered if n.label in ("Organisation", "Role", "Forum")]
    if routes and (len(actors) >= 2 or len(ordered) >= 3):
        # "How do A, B and C work together in X": the chain through the actors is X's route.
        routed = _procedure(ctx)
        if routed is not None:
            return routed
    start, end = ordered[0], ordered[-1]
    ends = {"from": start.id, "to": end.id}
    rows = ctx.query("entity.chain", ends) or ctx.query("entity.long_chain", ends)  # best chains, else a longer one
    p = ctx.p
    if not rows:
        return Composed(p["chain_none"].format(start=start.name, end=end.name), [start, end])
    row = rows[0]
    names = {n["id"]: n["name"] for n in row["nodes"]}
    between = [n["name"] for n in row["nodes"][1:-1] if n["name"] not in (start.name, end.name)]
    if between:
        lead = p["chain_lead"].format(start=start.name, end=end.name, via=_names(list(dict.fromkeys(between)), p))
    else:
        lead = p["chain_lead_direct"].format(start=start.name, end=end.name)
    lines = [_capital(lead), p["chain_intro"].format(start=start.name, end=end.name, hops=row["hops"])]
    for i, rel in enumerate(row["relationships"], start=1):
        rule = RELATIONSHIPS.get(rel["type"])
        verb = rule.dutch if rule and ctx.lang == "nl" else rel["type"].lower().replace("_", " ")
        lines.append(f"{i}. {names.get(rel['start'], rel['start'])} — {verb} → {names.get(rel['end'], rel['end'])}")
    lines.extend(_quote_lines(row["relationships"], MAX_ITEMS))
    nodes = [ctx.index.nodes[n["id"]] for n in row["nodes"] if n["id"] in ctx.index.nodes]
    return Composed("\n".join(lines), nodes, _sources(row["relationships"]))


def _situation(ctx: Context) -> Composed | None:
    """The measures whose descriptions fit a described situation best ('een inwoner is vermoedelijk uitgereisd,
    wat kan de gemeente doen?'), each with what it does and who decides, carries out and may request it."""
    ranked = ctx.index.rank(ctx.question, {"Measure"}, limit=SITUATION_MEASURES * 2)
    if not ranked or ranked[0][1] < SITUATION_MINIMUM:
        return None
    best = ranked[0][1]
    ids = [node.id for node, score in ranked if score >= SITUATION_SHARE * best][:SITUATION_MEASURES]
    rows = _in_order(ctx.query("measure.for_situation", {"ids": ids}), ids)
    if not rows:
        return None
    p = ctx.p
    names = [_measure_name(ctx, row) for row in rows]
    lines = [p["situation_lead"].format(items=_names(names, p))]
    for name, row in zip(names, rows, strict=True):
        first, _ = _first_sentence(row.get("summary") or row.get("title") or "")
        reported = [a for a in row["actors"] if not a.get("external")]  # external actors are for the details
        actors = [
            f"{p['relation'][relation].lower()}: {_join([_actor(a) for a in reported if a['relation'] == relation])}"
            for relation in ("DECIDES", "EXECUTES", "REQUESTS")
            if any(a["relation"] == relation for a in reported)
        ]
        who = f" ({'; '.join(actors)})" if actors else ""
        lines.append(f"- {_capital(name)}: {first}{who}")
    return Composed("\n".join(lines), _nodes(ctx, rows), _sources(rows))


HANDLERS: dict[str, Callable[[Context], Composed | None]] = {
    "procedure": _procedure,
    "measure_actors": _measure_actors,
    "legal_basis": _legal_basis,
    "organisation_measures": _organisation,
    "forum": _forum,
    "definition": _definition,
    "describe": _describe,
    "theme": _theme,
    "tensions": _tensions,
    "survey": _survey,
    "conclusions": _conclusions,
    "training": _training,
    "chain": _chain,
    "situation": _situation,
}
