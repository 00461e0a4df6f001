"""Rules for free text that people type: names, titles, prompts."""

from __future__ import annotations

import unicodedata

# Format characters that are part of writing: the joiners of emoji sequences and Persian or Indic
# words, and the tags of subdivision flags. Bidi overrides and other invisible ones stay refused.
_WRITING_FORMAT = frozenset(["\u200c", "\u200d", *map(chr, range(0xE0020, 0xE0080))])


def clean_line(value: str) -> str:
    """Trim surrounding whitespace and refuse control characters (newlines, NUL, escapes)."""
    value = value.strip()
    # Zl and Zp are the Unicode line and paragraph separators: newlines too.
    refused = ("Cc", "Cf", "Zl", "Zp")
    if any(unicodedata.category(ch) in refused and ch not in _WRITING_FORMAT for ch in value):
        raise ValueError("must not contain control characters")
    return value


def clean_text(value: str) -> str:
    """Like clean_line, but line breaks and tabs are allowed (descriptions)."""
    value = value.strip()
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in value):
        raise ValueError("must not contain control characters")
    return value
