"""The Cypher page: a query that is too heavy is ended with a clear Dutch message, and the next one works."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import run_app
from tests.stores.heavy_queries import RUNAWAY_QUERIES


@pytest.fixture(autouse=True)
def _isolated(app_data_dir: Path) -> None:
    """Every test here runs against the session's own data dir."""


def _run(at: AppTest, cypher: str) -> None:
    at.text_area(key="cypher_tekst").input(cypher)
    at.text_area(key="cypher_params").input("{}")
    next(b for b in at.button if b.label == "Uitvoeren").click()
    at.run()


def test_too_heavy_query_is_ended_and_the_console_works_again() -> None:
    at = run_app(page="app_pages/cypher.py")
    _run(at, RUNAWAY_QUERIES[0][1])
    assert not at.exception
    assert len(at.error) == 1 and "Deze query was te zwaar en is afgebroken" in at.error[0].value
    _run(at, "MATCH (m:Measure) RETURN count(m) AS maatregelen")
    assert not at.exception and not at.error
    assert at.success[0].value == "1 rij(en)"
    assert at.dataframe[-1].value["maatregelen"].tolist() == [38]
