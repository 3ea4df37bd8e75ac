"""The responsibility chain of a measure, procedure or forum, read as a process from left to right.

Rows of the catalogue queries entity.process and entity.links_among become a :class:`Chain`: who requests
(or reports), via whom, in which forum, who decides, the measure or procedure itself, who carries it out, who
supervises, and on which legal basis — each node in one column (its *stage*), each relationship with its source.
Findings, terms, good practices, tensions and the like are not drawn: they are counted per kind (the context),
and the user may open them. Pure: no Streamlit, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kennisgraaf.views.labels import display_name, label_nl, relation_nl

# The stages of a chain, left to right: (key, Dutch heading).
STAGES: tuple[tuple[str, str], ...] = (
    ("verzoek", "Verzoekt of meldt"),
    ("via", "Via of aan tafel"),
    ("overleg", "Overleg en raadpleging"),
    ("beslist", "Beslist"),
    ("onderwerp", "Maatregel of procedure"),
    ("uitvoering", "Voert uit of houdt toezicht"),
    ("grondslag", "Wettelijke grondslag"),
)
STAGE_INDEX = {key: i for i, (key, _) in enumerate(STAGES)}
STAGE_NL = dict(STAGES)

# (relationship type, the subject is its end) -> (stage of the other node, its role in Dutch).
_ROLE_IN: dict[str, tuple[str, str]] = {
    "REQUESTS": ("verzoek", "kan verzoeken"),
    "SENDS_INFORMATION_TO": ("verzoek", "levert informatie"),
    "PARTICIPATES_IN": ("via", "neemt deel"),
    "CONSULTED_ON": ("overleg", "wordt geraadpleegd"),
    "DECIDES": ("beslist", "beslist"),
    "RESPONSIBLE_FOR": ("beslist", "is verantwoordelijk"),
    "ORGANISES": ("beslist", "organiseert"),
    "COORDINATED_IN": ("onderwerp", "wordt hier afgestemd"),
    "EXECUTES": ("uitvoering", "voert uit"),
    "ENFORCES": ("uitvoering", "houdt toezicht / handhaaft"),
}
# (relationship type, the subject is its start) -> (stage of the other node, its role in Dutch).
_ROLE_OUT: dict[str, tuple[str, str]] = {
    "COORDINATED_IN": ("overleg", "overleg"),
    "HOSTED_AT": ("uitvoering", "ondergebracht bij"),
    "BASED_ON": ("grondslag", "grondslag"),
    "SENDS_INFORMATION_TO": ("uitvoering", "ontvangt informatie"),
    "PART_OF": ("beslist", "is onderdeel van"),
    "CONCERNS": ("onderwerp", "betreft"),
}
# Kinds that are context of a chain: counted, listed on request, never drawn by default.
CONTEXT_KINDS: tuple[str, ...] = (
    "Finding",
    "Term",
    "GoodPractice",
    "AttentionPoint",
    "Recommendation",
    "Tension",
    "Training",
    "ExternalFact",
    "Theme",
    "Programme",
)
SUBJECT_KINDS = frozenset({"Measure", "Procedure", "Forum"})
# Links among the actors of a chain that belong to the process (drawn when they run forward, left to right).
LINK_TYPES: tuple[str, ...] = ("SENDS_INFORMATION_TO", "PARTICIPATES_IN", "ORGANISES", "UNDER_AUTHORITY_OF")
_LINK_PREFERENCE = {t: i for i, t in enumerate(("SENDS_INFORMATION_TO", *_ROLE_IN, *_ROLE_OUT, *LINK_TYPES))}
# Roles that fix a node's place in the chain even when it also takes a procedure step or executes something.
STRONG_TYPES = frozenset({"REQUESTS", "DECIDES", "RESPONSIBLE_FOR", "CONSULTED_ON", "ORGANISES", "ENFORCES"})
NO_EXECUTOR = "__geen_uitvoerder__"
NO_EXECUTOR_TEXT = "het rapport noemt geen uitvoerder"


@dataclass
class ChainNode:
    """A node of a chain: its stage (column), its roles in the chain and whether it is only known from outside."""

    id: str
    label: str
    name: str
    stage: str
    roles: list[str] = field(default_factory=list)
    external: bool = False
    subject: bool = False
    candidates: list[tuple[str, bool]] = field(default_factory=list, repr=False)

    def settle(self) -> None:
        """The node's column: the earliest stage among its strong roles (requests, decides, is consulted …),
        else the earliest among all (a procedure step, executes, takes part)."""
        if self.subject or not self.candidates:
            return
        strong = [stage for stage, is_strong in self.candidates if is_strong]
        pool = strong or [stage for stage, _ in self.candidates]
        self.stage = min(pool, key=STAGE_INDEX.__getitem__)

    @property
    def column(self) -> int:
        return STAGE_INDEX[self.stage]


@dataclass(frozen=True)
class ChainEdge:
    """A relationship of a chain, with its Dutch reading and source."""

    start: str
    type: str
    end: str
    source: str | None = None
    quote: str | None = None
    note: str | None = None
    instrument: str | None = None
    external: bool = False

    @property
    def reading(self) -> str:
        return relation_nl(self.type) if self.type != NO_EXECUTOR else ""


@dataclass
class ContextItem:
    """A finding, term, good practice, tension … about the chain."""

    id: str
    label: str
    name: str
    source: str | None


@dataclass
class Step:
    """A step of a procedure of the chain."""

    procedure: str
    order: int
    actor: str | None
    forum: str | None
    source: str | None


@dataclass
class Chain:
    """The responsibility chain of one subject (a measure, procedure or forum)."""

    subject: str
    nodes: dict[str, ChainNode] = field(default_factory=dict)
    edges: list[ChainEdge] = field(default_factory=list)
    context: dict[str, list[ContextItem]] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def columns(self) -> list[list[ChainNode]]:
        """The drawn nodes per used stage, left to right; inside a stage subjects first, external last, by name."""
        used = sorted({n.column for n in self.nodes.values()})
        out = []
        for column in used:
            members = [n for n in self.nodes.values() if n.column == column]
            members.sort(key=lambda n: (not n.subject, n.external, n.id == NO_EXECUTOR, n.name.lower()))
            out.append(members)
        return out

    def order(self) -> list[ChainNode]:
        """All drawn nodes in reading order (column by column)."""
        return [n for column in self.columns() for n in column]

    def context_counts(self) -> dict[str, int]:
        return {kind: len(items) for kind, items in self.context.items() if items}

    def actor_ids(self) -> list[str]:
        return [n.id for n in self.nodes.values() if not n.subject and n.id != NO_EXECUTOR]


def _name(row: Mapping[str, Any], end: str, names: Mapping[str, str]) -> str:
    node_id = str(row[end])
    if node_id in names:
        return names[node_id]
    node = {
        "label": row.get(f"{end}_label"),
        "name": row.get(f"{end}_name"),
        "number": row.get(f"{end}_number"),
        "short_name": row.get(f"{end}_short"),
        "id": node_id,
    }
    return display_name(node)


def build_chain(
    subject: Mapping[str, Any],
    rows: Iterable[Mapping[str, Any]],
    names: Mapping[str, str] | None = None,
) -> Chain:
    """A chain from entity.process rows of `subject` (a node row with id, label, name; see the module docstring)."""
    names = dict(names or {})
    subject_id = str(subject["id"])
    chain = Chain(subject_id)
    label = str(subject.get("label") or "")
    chain.nodes[subject_id] = ChainNode(
        subject_id,
        label,
        names.get(subject_id) or display_name(subject),
        "overleg" if label == "Forum" else "onderwerp",
        ["onderwerp"],
        subject=True,
    )
    subject = subject_id
    rows = list(rows)
    subjects = {subject} | {
        str(r["via"]) for r in rows if r.get("via_label") == "Procedure" and str(r["via"]) != subject
    }
    seen: set[tuple[str, str, str]] = set()

    def add(
        node_id: str, label: str, name: str, stage: str, role: str, external: bool, is_subject: bool, strong: bool
    ) -> None:
        node = chain.nodes.get(node_id)
        if node is None:
            node = chain.nodes[node_id] = ChainNode(node_id, label, name, stage, [], external, is_subject)
        elif role not in node.roles:
            node.external = node.external and external
        if role not in node.roles:
            node.roles.append(role)
        node.candidates.append((stage, strong))

    for row in rows:
        start, end, rel_type = str(row["start"]), str(row["end"]), str(row["type"])
        key = (start, rel_type, end)
        if key in seen:
            continue
        seen.add(key)
        start_label, end_label = str(row.get("start_label") or ""), str(row.get("end_label") or "")
        if rel_type == "HAS_STEP":
            continue
        if "Step" in (start_label, end_label):
            continue  # steps are read below (BY / IN)
        if start in subjects and end in subjects:
            for node_id, label in ((start, start_label), (end, end_label)):
                stage = "overleg" if label == "Forum" else "onderwerp"
                side = "start" if node_id == start else "end"
                add(node_id, label, _name(row, side, names), stage, "onderwerp", False, True, True)
            chain.edges.append(_edge(row))
            continue
        inward = end in subjects
        other, other_label = (start, start_label) if inward else (end, end_label)
        if other_label in CONTEXT_KINDS:
            chain.context.setdefault(other_label, [])
            if other not in {c.id for c in chain.context[other_label]}:
                side = "start" if inward else "end"
                chain.context[other_label].append(
                    ContextItem(other, other_label, _name(row, side, names), row.get("source"))
                )
            continue
        role = (_ROLE_IN if inward else _ROLE_OUT).get(rel_type)
        if role is None:
            continue
        stage, role_nl = role
        if other_label == "Forum" and stage != "grondslag":
            stage = "overleg"
        if other_label in ("Measure", "Procedure") and stage not in ("grondslag",):
            stage = "onderwerp"
        subject_id = end if inward else start
        subject_label = end_label if inward else start_label
        subject_stage = "overleg" if subject_label == "Forum" else "onderwerp"
        add(
            subject_id,
            subject_label,
            _name(row, "end" if inward else "start", names),
            subject_stage,
            "onderwerp",
            False,
            True,
            True,
        )
        add(
            other,
            other_label,
            _name(row, "start" if inward else "end", names),
            stage,
            role_nl,
            bool(row.get("external")),
            False,
            inward and rel_type in STRONG_TYPES,
        )
        chain.edges.append(_edge(row))

    _read_steps(chain, rows, names)
    for node in chain.nodes.values():
        node.settle()
        if label == "Forum" and node.stage == "verzoek":  # around a forum: who sits at the table or informs it
            node.stage = "via"
    _mark_missing(chain)
    for items in chain.context.values():
        items.sort(key=lambda c: c.name.lower())
    return chain


def _edge(row: Mapping[str, Any]) -> ChainEdge:
    return ChainEdge(
        str(row["start"]),
        str(row["type"]),
        str(row["end"]),
        row.get("source"),
        row.get("quote"),
        row.get("note"),
        row.get("instrument"),
        bool(row.get("external")),
    )


def _read_steps(chain: Chain, rows: list[Mapping[str, Any]], names: Mapping[str, str]) -> None:
    """Steps of the chain's procedures: the first step's actor reports or requests, later actors are 'via'."""
    orders: dict[str, tuple[str, int, str | None]] = {}
    for row in rows:
        if row["type"] == "HAS_STEP":
            orders[str(row["end"])] = (str(row["start"]), int(row.get("order") or 0), row.get("source"))
    by: dict[str, Mapping[str, Any]] = {}
    in_: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        if row["type"] == "BY":
            by[str(row["start"])] = row
        elif row["type"] == "IN":
            in_[str(row["start"])] = row
    for step_id, (procedure, order, source) in sorted(orders.items(), key=lambda kv: (kv[1][0], kv[1][1])):
        actor_row, forum_row = by.get(step_id), in_.get(step_id)
        chain.steps.append(
            Step(
                procedure,
                order,
                str(actor_row["end"]) if actor_row else None,
                str(forum_row["end"]) if forum_row else None,
                source,
            )
        )
        if actor_row is not None:
            stage = "verzoek" if order == 1 else "via"
            actor = str(actor_row["end"])
            node = chain.nodes.get(actor)
            if node is None:
                label = str(actor_row.get("end_label") or "")
                node = chain.nodes[actor] = ChainNode(actor, label, _name(actor_row, "end", names), stage)
            node.roles.append(f"stap {order}")
            node.candidates.append((stage, False))
        if forum_row is not None:
            forum = str(forum_row["end"])
            if forum not in chain.nodes:
                chain.nodes[forum] = ChainNode(
                    forum, "Forum", _name(forum_row, "end", names), "overleg", [f"stap {order}"]
                )
            elif f"stap {order}" not in chain.nodes[forum].roles:
                chain.nodes[forum].roles.append(f"stap {order}")


def _mark_missing(chain: Chain) -> None:
    """A measure or procedure for which the report names no executor says so, in the picture too."""
    subject = chain.nodes.get(chain.subject)
    if subject is None or subject.label not in ("Measure", "Procedure"):
        return
    executors = [e for e in chain.edges if e.type == "EXECUTES" and e.end == chain.subject]
    if executors:
        return
    chain.missing.append(NO_EXECUTOR_TEXT)
    chain.nodes[NO_EXECUTOR] = ChainNode(NO_EXECUTOR, "", NO_EXECUTOR_TEXT, "uitvoering", ["ontbreekt"])
    chain.edges.append(ChainEdge(chain.subject, NO_EXECUTOR, NO_EXECUTOR))


def add_links(chain: Chain, rows: Iterable[Mapping[str, Any]]) -> None:
    """Add entity.links_among rows between the chain's actors that run forward (left to right) in the process;
    between two nodes at most one relationship is drawn (the most process-like)."""
    present = {(e.start, e.end) for e in chain.edges} | {(e.end, e.start) for e in chain.edges}
    best: dict[tuple[str, str], Mapping[str, Any]] = {}
    for row in rows:
        start, end = str(row["start"]), str(row["end"])
        a, b = chain.nodes.get(start), chain.nodes.get(end)
        if a is None or b is None or a.subject or b.subject or a.column >= b.column:
            continue
        if (start, end) in present:
            continue
        pair = (start, end)
        rank = _LINK_PREFERENCE.get(str(row["type"]), 99)
        if pair not in best or rank < _LINK_PREFERENCE.get(str(best[pair]["type"]), 99):
            best[pair] = row
    chain.edges.extend(_edge(row) for _, row in sorted(best.items()))


def stage_lines(chain: Chain) -> list[tuple[str, list[ChainNode]]]:
    """The chain in words, stage by stage: [('Verzoekt of meldt', [Gemeenten]), ('Via', [OM]), …]."""
    out = []
    for column in chain.columns():
        out.append((STAGE_NL[column[0].stage], column))
    return out


def node_text(node: ChainNode) -> str:
    """How a node is written in lists and pictures: its name, marked when only known from outside the report."""
    return node.name + (" (extern)" if node.external else "")


def table_rows(chain: Chain) -> list[dict[str, str]]:
    """The chain as rows for a table and CSV, in reading order: Van, Relatie, Naar, Bron, Citaat, Extern."""
    position = {n.id: i for i, n in enumerate(chain.order())}

    def named(node_id: str) -> str:
        node = chain.nodes.get(node_id)
        if node is None:
            return node_id
        kind = label_nl(node.label) if node.label else ""
        return f"{node_text(node)} ({kind})" if kind else node_text(node)

    edges = sorted(
        chain.edges,
        key=lambda e: (
            min(position.get(e.start, 99), position.get(e.end, 99)),
            max(position.get(e.start, 99), position.get(e.end, 99)),
            e.type,
        ),
    )
    rows = []
    for e in edges:
        if e.type == NO_EXECUTOR:
            rows.append(
                {"Van": named(e.start), "Relatie": "", "Naar": NO_EXECUTOR_TEXT, "Bron": "", "Citaat": "", "Extern": ""}
            )
            continue
        reading = e.reading + (f" ({e.instrument})" if e.instrument else "")
        rows.append(
            {
                "Van": named(e.start),
                "Relatie": reading,
                "Naar": named(e.end),
                "Bron": "extern" if e.external else (e.source or ""),
                "Citaat": e.quote or "",
                "Extern": "ja" if e.external else "",
            }
        )
    return rows
