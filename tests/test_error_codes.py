"""Every error has a stable code beside its English detail: each code is documented, raised
somewhere, and has English words in the web app (the app's own test checks the other languages)."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

from tests.conftest import Api
from vocabquiz.errors import ROW_REASONS, ErrorCode, RowCode

ROOT = Path(__file__).resolve().parents[1]


def _documented() -> set[str]:
    text = (ROOT / "docs" / "API.md").read_text()
    table = text.split("## Error codes", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", table, re.M))


def test_every_code_is_documented_and_only_those() -> None:
    assert _documented() == {code.value for code in ErrorCode}


def test_every_code_is_raised_somewhere() -> None:
    source = "\n".join(p.read_text() for p in (ROOT / "src" / "vocabquiz").rglob("*.py"))
    unused = [code.name for code in ErrorCode if f"ErrorCode.{code.name}" not in source]
    assert unused == []


def test_the_web_app_has_english_words_for_every_code() -> None:
    words = json.loads((ROOT / "frontend/src/i18n/locales/en/errors.json").read_text())
    assert set(words["api"]) == {code.value for code in ErrorCode}


async def test_an_error_body_carries_its_code(api: Api) -> None:
    admin = await api.admin()
    r = await api.client.get("/api/sessions/ZZZZZZ", headers=admin)
    assert r.status_code == 404
    assert r.json() == {"detail": "Session not found", "code": "session_not_found"}
    r = await api.client.post("/api/quizzes", json={"title": ""}, headers=admin)
    assert r.status_code == 422
    assert r.json()["code"] == "invalid_request"
    assert isinstance(r.json()["detail"], list)
    r = await api.client.get("/api/quizzes")
    assert (r.status_code, r.json()["code"]) == (401, "not_signed_in")


def _documented_row_codes() -> dict[str, set[str]]:
    text = (ROOT / "docs" / "API.md").read_text()
    table = text.split("## Word-list problem codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_0-9]+)` \|([^|]*)\|", table, re.M)
    return {code: set(re.findall(r"`([a-z_]+)`", params)) for code, params in rows}


def test_every_word_list_problem_code_is_documented_with_its_params() -> None:
    formatter = string.Formatter()
    params = {
        code.value: {name for _, name, _, _ in formatter.parse(ROW_REASONS[code]) if name}
        for code in RowCode
    }
    assert _documented_row_codes() == params


def test_every_word_list_problem_code_is_made_somewhere_and_has_english_words() -> None:
    # Outside errors.py, whose table of English sentences names every code.
    source = "\n".join(
        p.read_text() for p in (ROOT / "src" / "vocabquiz").rglob("*.py") if p.name != "errors.py"
    )
    assert [code.name for code in RowCode if f"RowCode.{code.name}" not in source] == []
    words = json.loads((ROOT / "frontend/src/i18n/locales/en/admin.json").read_text())
    assert set(words["wordListReason"]) == {code.value for code in RowCode}
