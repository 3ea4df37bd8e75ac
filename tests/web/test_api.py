"""The read-only HTTP API over real HTTP on both engines: answers, catalogue, nodes, errors, safety."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.catalogue import catalogue
from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.settings import Neo4jSettings, Settings
from kennisgraaf.stores.neo4j_store import Neo4jStore
from kennisgraaf.web.config import ApiSettings
from kennisgraaf.web.server import start_in_thread
from tests.conftest import SEED_DIR
from tests.stores.test_contract import params_for
from tests.tcp_forwarder import free_port
from tests.web.conftest import MISSION, assert_problem

QUERY_IDS = sorted(catalogue())


def _query_string(params: dict[str, Any]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if isinstance(value, list):
            pairs.extend((key, str(v)) for v in value)
        else:
            pairs.append((key, str(value)))
    return pairs


def test_health(client: httpx.Client, loaded: Kennisgraaf, seed_knowledge: KnowledgeSet) -> None:
    body = client.get("/api/health").json()
    nodes = len(seed_knowledge.node_rows())
    assert body == {"status": "ok", "engine": loaded.engine, "nodes": nodes, "version": body["version"]}


def test_mission_question(client: httpx.Client, loaded: Kennisgraaf) -> None:
    response = client.get("/api/ask", params={"q": MISSION})
    assert response.status_code == 200
    answer = response.json()
    assert answer["answered"] is True
    assert "OM" in answer["answer"] and "bevriezingsoverleg" in answer["answer"].lower()
    assert answer["route"] and answer["route"][0]["order"] == 1
    assert any(s["section"].startswith("§4.4") for s in answer["sources"])
    assert any(s["external"] and s["url"].startswith("https://") for s in answer["sources"])
    assert set(answer) >= {"question", "answer", "entities", "route", "sources", "query", "suggestions"}
    assert answer == loaded.ask(MISSION).model_dump(mode="json")  # the API adds nothing and drops nothing


def test_unanswerable_question_is_not_an_error(client: httpx.Client) -> None:
    answer = client.get("/api/ask", params={"q": "Wat is het BSN van de burgemeester?"}).json()
    assert answer["answered"] is False


def test_catalogue_lists_every_query_with_typed_params(client: httpx.Client) -> None:
    listed = {q["id"]: q for q in client.get("/api/queries").json()}
    assert set(listed) == set(catalogue())
    neighbourhood = {p["name"]: p for p in listed["entity.neighbourhood"]["params"]}
    assert neighbourhood["id"] == {**neighbourhood["id"], "type": "text", "required": True}
    assert neighbourhood["depth"]["type"] == "integer" and neighbourhood["depth"]["maximum"] == 3
    assert neighbourhood["types"]["type"] == "list" and neighbourhood["types"]["default"] == []
    assert listed["measure.detail"]["url"] == "/api/queries/measure.detail"


@pytest.mark.parametrize("query_id", QUERY_IDS)
def test_every_catalogue_query_with_its_contract_params(
    query_id: str, client: httpx.Client, loaded: Kennisgraaf
) -> None:
    params = params_for(query_id)
    response = client.get(f"/api/queries/{query_id}", params=_query_string(params))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["query"] == query_id
    assert body["rows"], f"{query_id} gave no rows over HTTP"
    direct = json.loads(json.dumps(loaded.query(query_id, params), default=str))
    limit = ApiSettings().max_rows  # the full export queries are longer than one response may be
    assert body["truncated"] is (len(direct) > limit) and body["count"] == min(len(direct), limit)
    if query_id == "entity.chain":  # several shortest paths of equal length may exist
        assert [len(r["nodes"]) for r in body["rows"]] == [len(r["nodes"]) for r in direct]
    else:
        assert body["rows"] == direct[:limit]


def test_node_with_relationships_and_sources(client: httpx.Client) -> None:
    node = client.get("/api/nodes/m08").json()
    assert node["id"] == "m08" and node["label"] == "Measure"
    assert node["properties"]["number"] == 8 and "search_text" not in node["properties"]
    assert node["sources"][0]["section"] == node["properties"]["source"]
    types = {(r["type"], r["direction"]) for r in node["relationships"]}
    assert ("DECIDES", "in") in types and ("IN_THEME", "uit") in types
    decides = next(r for r in node["relationships"] if r["type"] == "DECIDES")
    assert decides["other"]["href"] == f"/api/nodes/{decides['other']['id']}" and decides["source"]
    assert len(node["sources"]) > 1


def test_external_node_names_its_url_and_date(client: httpx.Client) -> None:
    node = client.get("/api/nodes/ext-wjsg-in-werking").json()
    assert node["sources"][0] == {
        "section": "external",
        "quote": None,
        "external": True,
        "url": "https://wetten.overheid.nl/BWBR0014194",
        "checked": "2026-11-28",
    }


def test_passage_with_its_neighbours_and_the_nodes_it_names(client: httpx.Client, loaded: Kennisgraaf) -> None:
    passage = client.get("/api/passages/p-4.4-06").json()
    assert passage == {
        **passage,
        **{
            k: v
            for k, v in loaded.query("passage.get", {"id": "p-4.4-06"})[0].items()
            if k not in ("mentions", "sourced")
        },
    }
    assert passage["text"] and passage["section"] == "s-4.4"
    assert passage["prev_href"] == f"/api/passages/{passage['prev']}"
    assert passage["mentions"] and all(m["href"] == f"/api/nodes/{m['id']}" for m in passage["mentions"])
    neighbour = client.get(passage["next_href"]).json()
    assert neighbour["prev"] == "p-4.4-06"


BAD_REQUESTS = [
    ("/api/nodes/bestaat-niet", 404, "geen knoop met id 'bestaat-niet'"),
    ("/api/passages/p-9.9-99", 404, "geen passage met id 'p-9.9-99'"),
    ("/api/passages/P%204.4", 422, "passage_id"),
    ("/api/nodes/M08", 422, "node_id"),
    ("/api/nodes/" + "a" * 81, 422, "te lang"),
    ("/api/queries/bestaat.niet", 404, "Onbekende query 'bestaat.niet'"),
    ("/api/queries/DROP%20ALL", 422, "query_id"),
    ("/api/queries/measure.detail", 422, "id: ontbreekt"),
    ("/api/queries/measure.detail?id=m08&foo=1", 422, "kent geen parameter(s) foo"),
    ("/api/queries/measure.detail?id=m08%27%20OR%201=1", 422, "niet de juiste vorm"),
    ("/api/queries/measure.detail?id=m08&id=om", 422, "maar één keer"),
    ("/api/queries/entity.neighbourhood?id=m08&depth=9", 422, "depth: moet tussen 1 en 3"),
    ("/api/queries/entity.neighbourhood?id=m08&depth=twee", 422, "depth: moet een geheel getal zijn"),
    ("/api/queries/entity.neighbourhood?id=m08&types=decides", 422, "types"),
    ("/api/queries/entity.get?ids=" + ",".join(f"m{i:02d}" for i in range(1, 60)), 422, "te veel waarden"),
    ("/api/queries/entity.search?q=%28%29%2A", 422, "geen woorden"),
    ("/api/queries/entity.search?q=" + "x" * 201, 422, "te lang"),
    ("/api/queries/entity.search?q=bevriezing&limit=100000", 422, "limit"),
    ("/api/queries/conclusion.list?kind=Measure", 422, "kind"),
    ("/api/ask", 422, "q: ontbreekt"),
    ("/api/ask?q=", 422, "q: is te kort"),
    ("/api/ask?q=" + "a" * 501, 422, "q: is te lang"),
    ("/api/ask?q=%20%20", 422, "q: is leeg"),
    ("/api/export.xml", 404, "bestaat niet"),
    ("/api/cypher?q=MATCH%20(n)%20RETURN%20n", 404, "bestaat niet"),
]


@pytest.mark.parametrize(("path", "status", "fragment"), BAD_REQUESTS)
def test_bad_requests_get_clear_problems(client: httpx.Client, path: str, status: int, fragment: str) -> None:
    body = assert_problem(client.get(path), status)
    assert fragment in str(body["detail"])
    assert body["instance"] == path.split("?")[0].replace("%20", " ")


def test_an_unknown_node_id_that_looks_like_cypher_is_refused_as_such(client: httpx.Client) -> None:
    body = assert_problem(client.get("/api/nodes/m08}) DETACH DELETE n RETURN (n"), 422)
    assert "node_id" in str(body["detail"])
    assert_problem(client.get("/api/nodes/m08/../../x"), 404)
    assert client.get("/api/nodes/m08").status_code == 200  # still there


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_read_only_every_write_method_is_refused(client: httpx.Client, method: str) -> None:
    for path in ("/api/ask?q=x", "/api/queries/measure.detail?id=m08", "/api/nodes/m08", "/api/export.json"):
        body = assert_problem(client.request(method, path), 405)
        assert "alleen lezen" in str(body["detail"])


def test_console_is_not_exposed(client: httpx.Client) -> None:
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert paths == {
        "/api/health",
        "/api/ask",
        "/api/queries",
        "/api/queries/{query_id}",
        "/api/nodes/{node_id}",
        "/api/passages/{passage_id}",
        *(f"/api/export.{fmt}" for fmt in ("json", "graphml", "csv", "ttl", "jsonld")),
    }
    assert not [p for p in paths if "console" in p.lower() or "cypher" in p.lower()]


def test_no_cors_unless_configured(client: httpx.Client, loaded: Kennisgraaf) -> None:
    origin = {"Origin": "https://intranet.gemeente.example"}
    plain = client.get("/api/health", headers=origin)
    assert "access-control-allow-origin" not in plain.headers
    preflight = client.options("/api/health", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers
    server = start_in_thread(loaded, ApiSettings(cors_origins=["https://intranet.gemeente.example"]))
    try:
        allowed = httpx.get(f"{server.url}/api/health", headers=origin, timeout=30)
        assert allowed.headers["access-control-allow-origin"] == "https://intranet.gemeente.example"
        other = httpx.get(f"{server.url}/api/health", headers={"Origin": "https://elders.example"}, timeout=30)
        assert "access-control-allow-origin" not in other.headers
    finally:
        server.stop()


def test_rate_limit_per_client(loaded: Kennisgraaf) -> None:
    server = start_in_thread(loaded, ApiSettings(rate_per_minute=6, burst=5))
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            statuses = [http.get("/api/health").status_code for _ in range(8)]
            assert statuses[:5] == [200] * 5
            assert statuses[5:] == [429] * 3
            limited = http.get("/api/nodes/m08")
            body = assert_problem(limited, 429)
            assert "Te veel verzoeken" in str(body["detail"])
            assert 1 <= int(limited.headers["retry-after"]) <= 10
    finally:
        server.stop()


def test_responses_are_bounded(loaded: Kennisgraaf) -> None:
    server = start_in_thread(loaded, ApiSettings(rate_per_minute=0, max_rows=5, max_export_bytes=1000))
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            body = http.get("/api/queries/measure.list").json()
            assert body["truncated"] is True and body["count"] == 5 and len(body["rows"]) == 5
            problem = assert_problem(http.get("/api/export.json"), 503)
            assert "kennisgraaf export" in str(problem["detail"])
    finally:
        server.stop()


def test_docs_work_offline(client: httpx.Client) -> None:
    for page in ("/api/docs", "/api/redoc"):
        html = client.get(page)
        assert html.status_code == 200 and "text/html" in html.headers["content-type"]
        assets = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', html.text)
        assert assets, page
        assert not [a for a in assets if re.match(r"^(https?:)?//", a)], f"{page} loads from outside: {assets}"
        assert "fonts.googleapis" not in html.text and "cdn.jsdelivr" not in html.text
        for asset in assets:
            assert client.get(asset).status_code == 200, asset
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "Kennisgraaf API"


def test_engine_down_is_a_503_problem_on_every_route() -> None:
    """A real Neo4j driver pointed at a closed loopback port: the graph is unreachable, the API says so."""
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}", password=SecretStr("niet-gebruikt"))
    kg = Kennisgraaf(Neo4jStore(settings), Settings(seed_dir=SEED_DIR))
    server = start_in_thread(kg, ApiSettings(rate_per_minute=0))
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            for path in ("/api/health", f"/api/ask?q={MISSION}", "/api/nodes/m08", "/api/queries/measure.list"):
                body = assert_problem(http.get(path), 503)
                assert "niet bereikbaar" in str(body["detail"]), path
                assert "niet-gebruikt" not in json.dumps(body)
    finally:
        server.stop()
        kg.close()
