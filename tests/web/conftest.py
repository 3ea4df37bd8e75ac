"""The HTTP API served by real uvicorn on a free loopback port, over the real seed, on every engine under test."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.web.config import ApiSettings
from kennisgraaf.web.server import BackgroundServer, start_in_thread

MISSION = "Bij wie moet ik zijn om een ontheffing van een bevriezing aan te vragen?"


@pytest.fixture(scope="session")
def api_server(loaded: Kennisgraaf) -> Iterator[BackgroundServer]:
    """One API per engine, rate limit off (the rate-limit test starts its own)."""
    server = start_in_thread(loaded, ApiSettings(rate_per_minute=0))
    yield server
    server.stop()


@pytest.fixture()
def client(api_server: BackgroundServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_server.url, timeout=60) as http:
        yield http


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    """A clear RFC 9457 problem document in Dutch: the status, a type, a title, a detail; no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert str(body["type"]).startswith("urn:kennisgraaf:probleem:")
    assert body["title"] and body["detail"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body
