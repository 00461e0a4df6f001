"""A rate as the settings write it, COUNT/SECONDS: a leaf, read by the settings and the limits."""

from __future__ import annotations

from dataclasses import dataclass

MICROS = 1_000_000


@dataclass(frozen=True)
class Rate:
    count: int
    period_s: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """`"10/60"`: ten requests per sixty seconds."""
        count, _, period = text.partition("/")
        try:
            rate = cls(int(count), int(period))
        except ValueError:
            raise ValueError(f"{text!r} is not COUNT/SECONDS, e.g. 10/60") from None
        if rate.count < 1 or rate.period_s < 1:
            raise ValueError(f"{text!r}: count and seconds must be at least 1")
        return rate

    @property
    def interval_us(self) -> int:
        return self.period_s * MICROS // self.count
