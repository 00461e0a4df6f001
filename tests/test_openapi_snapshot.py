"""frontend/openapi.json feeds the generated client: it must be what the server serves."""

from __future__ import annotations

import json
from pathlib import Path

from vocabquiz.app import create_app
from vocabquiz.settings import Settings

SNAPSHOT = Path(__file__).resolve().parents[1] / "frontend" / "openapi.json"


def test_frontend_openapi_snapshot_matches_the_server(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path}/x.db", secret_key="s" * 40))
    served = json.loads(json.dumps(app.openapi()))
    assert json.loads(SNAPSHOT.read_text()) == served, (
        "frontend/openapi.json is stale: save /openapi.json there and run `npm run generate`"
    )
