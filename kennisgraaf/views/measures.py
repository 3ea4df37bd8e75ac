"""The filter table of the 38 measures (rows of measure.list), without Streamlit."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

APPROACHES = ("persoonsgericht", "preventief", "overig")


def fold(text: str) -> str:
    """Lower case without accents, for forgiving free-text search ('casuïstiek' finds 'casuistiek')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def approach_of(row: Mapping[str, Any]) -> str:
    """persoonsgericht, preventief or overig (anything else, or none)."""
    value = (row.get("approach") or "").strip().lower()
    return value if value in APPROACHES[:2] else "overig"


def themes_of(row: Mapping[str, Any]) -> list[str]:
    """A measure's themes including the parents of its sub-themes."""
    return sorted({*(row.get("themes") or []), *(row.get("parent_themes") or [])})


def _unique(values: Iterable[Any]) -> list[str]:
    return sorted({str(v) for v in values if v}, key=fold)


def options(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The values each filter can take."""
    return {
        "themes": _unique(t for r in rows for t in themes_of(r)),
        "organisations": _unique(o for r in rows for o in r.get("organisations") or []),
        "forums": _unique(f for r in rows for f in r.get("forums") or []),
        "legal_bases": _unique(lb for r in rows for lb in r.get("legal_bases") or []),
    }


def _search_text(row: Mapping[str, Any]) -> str:
    parts: list[str] = [str(row.get(k) or "") for k in ("id", "title", "short_name", "summary")]
    parts.append(f"maatregel {row.get('number')}")
    for key in ("aliases", "themes", "parent_themes", "organisations", "forums", "legal_bases"):
        parts.extend(str(v) for v in row.get(key) or [])
    return fold(" | ".join(parts))


def filter_measures(
    rows: Sequence[Mapping[str, Any]],
    *,
    themes: Iterable[str] = (),
    organisations: Iterable[str] = (),
    forums: Iterable[str] = (),
    legal_bases: Iterable[str] = (),
    inspected: bool | None = None,
    approaches: Iterable[str] = (),
    text: str = "",
) -> list[Mapping[str, Any]]:
    """The rows that match every given filter; within one filter any chosen value matches."""
    themes, organisations, forums, legal_bases, approaches = (
        set(themes),
        set(organisations),
        set(forums),
        set(legal_bases),
        set(approaches),
    )
    words = fold(text).split()
    out = []
    for row in rows:
        if themes and not themes & set(themes_of(row)):
            continue
        if organisations and not organisations & set(row.get("organisations") or []):
            continue
        if forums and not forums & set(row.get("forums") or []):
            continue
        if legal_bases and not legal_bases & set(row.get("legal_bases") or []):
            continue
        if inspected is not None and bool(row.get("inspected")) != inspected:
            continue
        if approaches and approach_of(row) not in approaches:
            continue
        if words:
            haystack = _search_text(row)
            if not all(w in haystack for w in words):
                continue
        out.append(row)
    return out


def table_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Display rows with Dutch column names."""
    return [
        {
            "Nr": row.get("number"),
            "Maatregel": row.get("short_name") or row.get("title"),
            "Thema": ", ".join(themes_of(row)),
            "Onderzocht": "ja" if row.get("inspected") else "nee",
            "Aanpak": approach_of(row),
            "Organisaties": ", ".join(_unique(row.get("organisations") or [])),
            "Overleggen": ", ".join(_unique(row.get("forums") or [])),
            "Wettelijke grondslagen": ", ".join(_unique(row.get("legal_bases") or [])),
        }
        for row in rows
    ]
