"""Rules for free text that people type: names, titles, prompts."""

from __future__ import annotations

import unicodedata


def clean_line(value: str) -> str:
    """Trim surrounding whitespace and refuse control characters (newlines, NUL, escapes)."""
    value = value.strip()
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200d" for ch in value):
        raise ValueError("must not contain control characters")
    return value


def clean_text(value: str) -> str:
    """Like clean_line, but line breaks and tabs are allowed (descriptions)."""
    value = value.strip()
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in value):
        raise ValueError("must not contain control characters")
    return value
