"""schemathesis against a real server's /openapi.json, signed in as an admin and as a player: no
5xx, every documented response matches its schema. A bounded number of examples per operation
and a fixed seed keep the run short and repeatable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.servers import ADMIN, serve

pytestmark = pytest.mark.server
SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))


@pytest.mark.parametrize("who", ["admin", "player"])
def test_the_api_holds_to_its_schema(
    who: str,
    production_env: dict[str, str],
    tmp_path: Path,
) -> None:
    with serve(production_env, tmp_path / "server.log") as url:
        if who == "admin":
            body, path = {"username": ADMIN[0], "password": ADMIN[1]}, "/api/auth/login"
        else:
            body, path = {"username": "fuzzer", "password": "fuzzer-password"}, "/api/auth/register"
        token = httpx.post(url + path, json=body, timeout=30).json()["access_token"]
        run = subprocess.run(
            [
                SCHEMATHESIS,
                "run",
                f"{url}/openapi.json",
                "--header",
                f"Authorization: Bearer {token}",
                "--checks",
                "not_a_server_error,response_schema_conformance",
                # The coverage phase trips over an internal error of schemathesis on Python 3.11.
                "--phases",
                "examples,fuzzing,stateful",
                "--max-examples",
                "6",
                "--seed",
                "20261127",
                # A stream never ends; tests/test_live_server.py covers it.
                "--exclude-path-regex",
                "/events$",
                "--request-timeout",
                "10",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
        )
        assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
        assert " passed" in run.stdout
        log = (tmp_path / "server.log").read_text()
        assert "unhandled_error" not in log, log[-4000:]
