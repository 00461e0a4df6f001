from __future__ import annotations

import stat
from pathlib import Path

import httpx

from tests.conftest import Api
from tests.servers import ADMIN, serve
from vocabquiz.settings import Settings, resolve_secret_key


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
    assert r.json() == {"detail": "Not Found", "code": "not_found"}


async def test_openapi_has_readable_operation_ids(api: Api) -> None:
    doc = (await api.client.get("/openapi.json")).json()
    ids = {op["operationId"] for path in doc["paths"].values() for op in path.values()}
    assert {"register", "login", "create_quiz", "submit_answer", "stream_events"} <= ids


def test_the_embedded_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """It holds password hashes: 0600 like the key file, its -wal and -shm files too, and an
    existing file left readable by others is tightened at start-up."""
    old = tmp_path / "old" / "vocabquiz.db"
    old.parent.mkdir()
    old.touch(mode=0o644)
    old.chmod(0o644)
    for folder, db in (("new", tmp_path / "new" / "vocabquiz.db"), ("old", old)):
        env = {
            "VOCABQUIZ_DATABASE_URL": f"sqlite:///{db}",
            "VOCABQUIZ_ADMIN_USERNAME": ADMIN[0],
            "VOCABQUIZ_ADMIN_PASSWORD": ADMIN[1],
        }
        with serve(env, tmp_path / f"{folder}.log") as url:
            assert httpx.post(f"{url}/api/auth/guest", json={"display_name": "Ann"}).is_success
            files = sorted(db.parent.glob("vocabquiz.db*"))
            assert {f.name for f in files} >= {"vocabquiz.db", "vocabquiz.db-wal"}
            modes = {f.name: oct(stat.S_IMODE(f.stat().st_mode)) for f in files}
            assert set(modes.values()) == {"0o600"}, modes
            assert oct(stat.S_IMODE((db.parent / "secret_key").stat().st_mode)) == "0o600"


def test_a_signing_key_is_generated_once_and_read_back_after(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/vocabquiz.db")
    key, generated = resolve_secret_key(settings)
    assert generated and len(key) >= 32
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    # Later starts read the same key back, and say nothing was generated (no warning logged).
    assert resolve_secret_key(settings) == (key, False)
