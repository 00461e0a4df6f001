from __future__ import annotations

from tests.conftest import Api


async def test_healthz_answers_ok(api: Api) -> None:
    r = await api.client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


async def test_readyz_answers_ok_when_backends_answer(api: Api) -> None:
    r = await api.client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


async def test_unknown_api_path_is_a_json_404(api: Api) -> None:
    r = await api.client.get("/api/no/such/thing")
    assert r.status_code == 404
    assert r.json() == {"detail": "Not Found"}


async def test_openapi_has_readable_operation_ids(api: Api) -> None:
    doc = (await api.client.get("/openapi.json")).json()
    ids = {op["operationId"] for path in doc["paths"].values() for op in path.values()}
    assert {"register", "login", "create_quiz", "submit_answer", "stream_events"} <= ids
