"""Structured logs: JSON lines, or a console format when a terminal is attached."""

from __future__ import annotations

import logging
import sys

import orjson
import structlog

from vocabquiz.settings import Settings


def _json(event: object, **_: object) -> str:
    return orjson.dumps(event, default=str).decode()


def configure_logging(settings: Settings) -> None:
    console = settings.log_format == "console" or (
        settings.log_format == "auto" and sys.stderr.isatty()
    )
    renderer: structlog.types.Processor = (
        structlog.dev.ConsoleRenderer()
        if console
        else structlog.processors.JSONRenderer(serializer=_json)
    )
    level = logging.getLevelName(settings.log_level)
    processors: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
        renderer,
    ]
    structlog.configure(
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(level),
        # sys.stderr looked up per logger, not once: it may be replaced (e.g. by a test's capture).
        logger_factory=lambda *_: structlog.PrintLogger(sys.stderr),
        cache_logger_on_first_use=False,
    )
