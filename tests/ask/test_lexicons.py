"""The answerer's data files load, and reject duplicate keys (a duplicate would silently drop a meaning)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from kennisgraaf.ask.text import expand

ASK_DIR = Path(__file__).resolve().parents[2] / "kennisgraaf" / "ask"


@pytest.mark.parametrize("name", ["intents.yaml", "phrases.yaml", "synonyms.yaml", "translations.yaml"])
def test_file_loads_without_duplicate_keys(name: str) -> None:
    yaml = YAML(typ="safe")
    yaml.allow_duplicate_keys = False
    assert yaml.load((ASK_DIR / name).read_text(encoding="utf-8"))


def test_expansion_adds_the_report_terms() -> None:
    assert "ontheffing" in expand("Can frozen assets be released?", "en")
    assert "bevriezing" in expand("de tegoeden zijn bevroren", "nl")
    assert expand("casusoverleg", "nl") == "casusoverleg"
