"""Configuration: one class, read from VOCABQUIZ_* environment variables."""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from vocabquiz.rates import Rate

# COUNT/SECONDS in the environment ("10/60"), read by the settings' own validator.
RateSetting = Annotated[Rate, NoDecode]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/vocabquiz.db"
MIN_SECRET_BYTES = 32


class SettingsError(Exception):
    """A setting is wrong; the message names it in one line."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VOCABQUIZ_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    database_read_url: str | None = None
    redis_url: str | None = None
    # Prefix of every Redis key and channel, so that several deployments can share one Redis.
    redis_namespace: str = Field(default="vq", pattern=r"^[A-Za-z0-9_.-]{1,40}$")
    # VOCABQUIZ_REDIS_URL names any node of a Redis Cluster, which the client then discovers.
    redis_cluster: bool = False
    secret_key: str | None = None
    token_ttl_minutes: int = Field(default=7 * 24 * 60, ge=1, le=365 * 24 * 60)
    admin_username: str | None = None
    admin_password: str | None = None
    # How long Redis keeps a closed session's standings (rebuilt from the database after that).
    closed_session_kept_s: int = Field(default=86_400, ge=60, le=90 * 86_400)
    broadcast_interval_ms: int = Field(default=100, ge=10, le=10_000)
    ping_interval_s: float = Field(default=15.0, gt=0, le=60)
    # A client's time to send each request's head (line and headers), from connecting or from the
    # previous response, and the most bytes the head may take; `vocabquiz serve` applies both.
    request_head_timeout_s: int = Field(default=5, ge=1, le=300)
    max_request_head_kib: int = Field(default=32, ge=4, le=1024)
    # Event streams open at once per account and per client address, in each process (a
    # classroom behind one address needs a stream per learner and the projector's).
    streams_per_user: int = Field(default=5, ge=1, le=1_000_000)
    streams_per_address: int = Field(default=2000, ge=1, le=1_000_000)
    # Connections kept by each PostgreSQL pool (the ORM's and the playing path's); each opens up
    # to twice as many under load.
    db_pool_size: int = Field(default=10, ge=1, le=200)
    # Redis connections of each process; commands past it wait for one.
    redis_pool_size: int = Field(default=64, ge=1, le=1000)
    # Background jobs. `vocabquiz serve` runs them too unless told not to (where `vocabquiz
    # worker` processes run them); the periodic ones run once per interval across all of them.
    serve_runs_jobs: bool = True
    housekeeping_interval_s: int = Field(default=60, ge=1, le=86_400)
    # An open session with no join or answer for this long is closed.
    idle_session_close_s: int = Field(default=4 * 3600, ge=60, le=90 * 86_400)
    # A guest account that has joined no session is deleted after this long.
    guest_kept_s: int = Field(default=7 * 86_400, ge=60, le=365 * 86_400)
    # Word lists with more rows than this are imported by a job (202 and a job to poll).
    import_background_rows: int = Field(default=500, ge=1, le=4000)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["auto", "json", "console"] = "auto"
    sentry_dsn: str | None = None
    environment: str = "production"
    web_dir: Path | None = None
    # argon2id cost of new password hashes (the argon2 reference defaults).
    password_hash_time_cost: int = Field(default=3, ge=1, le=20)
    password_hash_memory_kib: int = Field(default=65536, ge=64, le=4 * 1024 * 1024)
    # Passwords hashed at once per process (each holds the memory above), and how long a
    # sign-in waits for a turn before it gets a 503.
    # How long each process trusts what it read of an account (role, existence, token version).
    account_check_interval_s: float = Field(default=5.0, ge=0, le=60)
    password_hash_slots: int = Field(default=2, ge=1, le=64)
    password_hash_wait_s: float = Field(default=2.0, gt=0, le=60)
    # Where learners open the app (the join link and QR code), e.g. https://quiz.example.org;
    # unset: the machine's local network address when serving on all interfaces.
    public_url: str | None = None
    # The address `vocabquiz serve --host` listens on (it sets this for the app).
    listen_host: str = "127.0.0.1"
    cors_origins: str = ""  # comma-separated origins allowed to call the API from a browser
    # Proxies (comma-separated networks) whose X-Forwarded-For is believed; none by default.
    trusted_proxies: str = ""
    rate_limits: bool = True
    # Clients never limited, comma-separated networks (none by default). Behind a proxy the
    # client address comes from X-Forwarded-For, believed only from `trusted_proxies`.
    rate_limit_exempt: str = ""
    # COUNT/SECONDS per bucket. Failed sign-ins of one username are counted from each address
    # (login_user_ip) and from everywhere (login_user, a higher ceiling: see docs/SECURITY.md).
    rate_limit_login_ip: RateSetting = Rate(60, 60)
    rate_limit_login_user_ip: RateSetting = Rate(10, 300)
    rate_limit_login_user: RateSetting = Rate(100, 300)
    rate_limit_register_ip: RateSetting = Rate(30, 600)
    rate_limit_guest_ip: RateSetting = Rate(300, 60)
    rate_limit_join_ip: RateSetting = Rate(600, 60)
    # Requests naming a session code that does not exist, per address in each process.
    rate_limit_code_lookup_ip: RateSetting = Rate(60, 60)
    rate_limit_answers: RateSetting = Rate(600, 60)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("database_url", "database_read_url")
    @classmethod
    def _known_database(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            value = "postgresql+asyncpg://" + value.split("://", 1)[1]
        if value.startswith("sqlite://") and not value.startswith("sqlite+aiosqlite://"):
            value = "sqlite+aiosqlite://" + value.split("://", 1)[1]
        if not (
            value.startswith("postgresql+asyncpg://") or value.startswith("sqlite+aiosqlite://")
        ):
            raise ValueError("must be a postgresql:// or sqlite:// URL")
        return value

    @field_validator("redis_url")
    @classmethod
    def _known_redis(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must be a redis:// or rediss:// URL")
        return value

    @field_validator("secret_key")
    @classmethod
    def _long_secret(cls, value: str | None) -> str | None:
        if value is not None and len(value.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"must be at least {MIN_SECRET_BYTES} bytes long")
        return value

    @field_validator(
        "rate_limit_login_ip",
        "rate_limit_login_user_ip",
        "rate_limit_login_user",
        "rate_limit_register_ip",
        "rate_limit_guest_ip",
        "rate_limit_join_ip",
        "rate_limit_code_lookup_ip",
        "rate_limit_answers",
        mode="before",
    )
    @classmethod
    def _rate(cls, value: object) -> object:
        return Rate.parse(value) if isinstance(value, str) else value

    @field_validator("rate_limit_exempt", "trusted_proxies")
    @classmethod
    def _networks(cls, value: str) -> str:
        for part in filter(None, (p.strip() for p in value.split(","))):
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError:
                raise ValueError(f"{part!r} is not a network like 10.0.0.0/8") from None
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def sqlite_path(self) -> Path | None:
        """The SQLite database file, or None for PostgreSQL or an in-memory database."""
        if not self.is_sqlite:
            return None
        path = self.database_url.split(":///", 1)[1] if ":///" in self.database_url else ""
        return Path(path) if path and path != ":memory:" else None


def load_settings(**overrides: object) -> Settings:
    """Read the settings; turn pydantic's report into one line naming the setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "VOCABQUIZ_" + str(first["loc"][0]).upper() if first["loc"] else "settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{name}: {message}") from None


def resolve_secret_key(settings: Settings) -> tuple[str, bool]:
    """The signing key, and whether it was generated just now (and stored beside the SQLite
    database, readable by its owner only; later starts read it back).

    Production (PostgreSQL) must set it: instances behind a load balancer share it.
    """
    if settings.secret_key:
        return settings.secret_key, False
    db_file = settings.sqlite_path()
    if db_file is None:
        raise SettingsError(
            "VOCABQUIZ_SECRET_KEY: must be set when the database is not a SQLite file"
        )
    key_file = db_file.parent / "secret_key"
    if key_file.exists():
        key = key_file.read_text().strip()
        if len(key.encode()) >= MIN_SECRET_BYTES:
            return key, False
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(key + "\n")
    key_file.chmod(0o600)  # an older, readable file is tightened too
    return key, True
