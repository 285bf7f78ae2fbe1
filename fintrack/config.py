"""The one place that reads configuration: one pydantic-settings class, built once per process.

Each setting is one field: its environment variable (the alias), default and description, which the README's
configuration table repeats (a test checks the table against the fields). Values come from the environment
first, then from `.streamlit/secrets.toml`, then the default. A value that does not fit its setting stops the
process with a `ConfigurationError` naming the setting (`FINTRACK_DEMO=ture` is refused, not read as false).
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from fintrack.errors import ConfigurationError
from fintrack.importing.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, DEFAULT_MAX_XLSX_EXPANDED

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
MIN_SECRET_KEY_LENGTH = 32
WEAK_SECRET_KEYS = frozenset({"changeme", "secret", "some_key"})


def _lowered(value: Any) -> Any:
    """A choice is read without regard to case or surrounding spaces (`True` in secrets.toml is 'true')."""
    return str(value).strip().lower() if isinstance(value, str | bool) else value


Environment = Annotated[Literal["development", "production"], BeforeValidator(_lowered)]
DemoChoice = Annotated[Literal["true", "false", "auto"], BeforeValidator(_lowered)]
LogLevel = Annotated[Literal["debug", "info", "warning", "error", "critical"], BeforeValidator(_lowered)]


class Settings(BaseSettings):
    """Validated, immutable settings for one process."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", case_sensitive=True, env_ignore_empty=True)

    database_url: str = Field(
        "sqlite:///data/fintrack.db", alias="DATABASE_URL",
        description="SQLAlchemy URL of the database; `postgresql://…` uses psycopg 3.")
    environment: Environment = Field(
        "development", alias="FINTRACK_ENV",
        description="`production` refuses to start without a strong FINTRACK_SECRET_KEY and marks cookies Secure.")
    data_dir: Path = Field(
        Path("data"), alias="FINTRACK_DATA_DIR",
        description="Folder for the embedded database and the generated secret key.")
    secret_key: str = Field(
        "", alias="FINTRACK_SECRET_KEY",
        description="Key (32+ characters) that signs session tokens; generated into the data folder when empty "
                    "outside production.")
    session_days: int = Field(
        14, ge=1, alias="FINTRACK_SESSION_DAYS",
        description="How long a sign-in lasts, in days (signing out or changing the password ends it sooner).")
    login_max_failures: int = Field(
        5, ge=1, alias="FINTRACK_LOGIN_MAX_FAILURES",
        description="Failed sign-ins allowed per email within the login window.")
    login_max_per_client: int = Field(
        30, ge=1, alias="FINTRACK_LOGIN_MAX_PER_CLIENT",
        description="Sign-in attempts allowed per client (IP address) within the login window.")
    login_window_minutes: int = Field(
        15, ge=1, alias="FINTRACK_LOGIN_WINDOW_MINUTES", description="The login throttling window, in minutes.")
    signup_max_per_client: int = Field(
        10, ge=1, alias="FINTRACK_SIGNUP_MAX_PER_CLIENT",
        description="Sign-up attempts (new accounts and taken emails alike) allowed per client within the "
                    "login window.")
    trusted_proxies: int = Field(
        0, ge=0, alias="FINTRACK_TRUSTED_PROXIES",
        description="How many reverse proxies in front of FinTrack append to X-Forwarded-For; the client address "
                    "for the per-client limits is the entry that many from the right. `0` ignores the header (it "
                    "is the client's to write) and uses the connection's address.")
    demo: DemoChoice = Field(
        "auto", alias="FINTRACK_DEMO",
        description="Show the 'Try the demo' button: `true`, `false`, or `auto` (only on the embedded SQLite).")
    openai_api_key: str = Field(
        "", alias="OPENAI_API_KEY", description="API key of the model server; empty runs the assistant offline.")
    openai_base_url: str = Field(
        "", alias="OPENAI_BASE_URL",
        description="Base URL of any OpenAI-compatible server (vLLM, Ollama, LM Studio); empty means OpenAI.")
    ai_model: str = Field("gpt-4.1", alias="FINTRACK_AI_MODEL", description="Chat model the assistant uses.")
    ai_timeout: float = Field(
        30, ge=1, alias="FINTRACK_AI_TIMEOUT", description="Seconds before a model call is given up.")
    ai_per_minute: int = Field(
        10, ge=1, alias="FINTRACK_AI_PER_MINUTE", description="Questions to the model allowed per owner per minute.")
    ai_per_day: int = Field(
        200, ge=1, alias="FINTRACK_AI_PER_DAY", description="Questions to the model allowed per owner per day.")
    offline_per_minute: int = Field(
        60, ge=1, alias="FINTRACK_OFFLINE_PER_MINUTE",
        description="Questions to the offline assistant (no model) allowed per owner per minute; only stops abuse.")
    offline_per_day: int = Field(
        2000, ge=1, alias="FINTRACK_OFFLINE_PER_DAY",
        description="Questions to the offline assistant (no model) allowed per owner per day; only stops abuse.")
    import_max_bytes: int = Field(
        DEFAULT_MAX_BYTES, ge=1, alias="FINTRACK_IMPORT_MAX_BYTES",
        description="Largest statement file an import accepts, in bytes (10 MB); Streamlit's own upload limit "
                    "`server.maxUploadSize` in `.streamlit/config.toml` (in MB) must be at least as large.")
    import_max_rows: int = Field(
        DEFAULT_MAX_ROWS, ge=1, alias="FINTRACK_IMPORT_MAX_ROWS",
        description="Most rows a statement may have; reading stops and refuses the file as soon as there are more.")
    import_max_xlsx_expanded: int = Field(
        DEFAULT_MAX_XLSX_EXPANDED, ge=1, alias="FINTRACK_IMPORT_MAX_XLSX_EXPANDED",
        description="Most bytes an Excel statement may unpack to (100 MB), checked in the archive's directory "
                    "before the sheet is read, so a zip bomb is refused at once.")
    log_level: LogLevel = Field(
        "info", alias="LOG_LEVEL",
        description="Least severe log lines written (JSON, one per line, on stdout): `debug`, `info`, `warning`, "
                    "`error` or `critical`.")
    metrics_token: str = Field(
        "", alias="FINTRACK_METRICS_TOKEN",
        description="Bearer token a Prometheus scraper sends to `/metrics`; empty turns `/metrics` off (404).")
    backup_dir: str = Field(
        "", alias="FINTRACK_BACKUP_DIR",
        description="Folder `fintrack backup` writes its dated files to; empty means `backups` in the data folder.")
    backup_keep: int = Field(
        14, ge=1, alias="FINTRACK_BACKUP_KEEP",
        description="How many backups `fintrack backup` keeps: after each new one, all but the newest are deleted.")

    def __init__(self, **values: Any) -> None:
        """Build from the sources; a value that does not fit becomes one `ConfigurationError` naming it."""
        try:
            super().__init__(**values)
        except ValidationError as error:
            raise ConfigurationError(" ".join(_explained(detail) for detail in error.errors())) from None

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments, then the environment, then `.streamlit/secrets.toml` (Streamlit's own secrets file)."""
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=SECRETS_FILE)

    @field_validator("database_url")
    @classmethod
    def _normalized_url(cls, url: str) -> str:
        return normalize_database_url(url)

    @field_validator("data_dir")
    @classmethod
    def _anchored_dir(cls, folder: Path) -> Path:
        return folder if folder.is_absolute() else PROJECT_ROOT / folder

    @field_validator("secret_key")
    @classmethod
    def _usable_key(cls, key: str, info: ValidationInfo) -> str:
        if "data_dir" not in info.data or "environment" not in info.data:
            return key  # an earlier setting is already wrong: that error is the one to read
        return _secret_key(key, info.data["data_dir"], production=info.data["environment"] == "production")

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def backups_folder(self) -> Path:
        """Where backups go: FINTRACK_BACKUP_DIR (a relative one from the project folder), else data/backups."""
        if not self.backup_dir:
            return self.data_dir / "backups"
        folder = Path(self.backup_dir)
        return folder if folder.is_absolute() else PROJECT_ROOT / folder

    @property
    def demo_enabled(self) -> bool:
        """`auto` offers the demo only on the embedded SQLite (a shared server is somebody's real books)."""
        return self.is_sqlite if self.demo == "auto" else self.demo == "true"


_EXPECTED = {
    "int_parsing": "a whole number", "int_from_float": "a whole number", "int_type": "a whole number",
    "float_parsing": "a number", "float_type": "a number", "bool_parsing": "true or false",
    "bool_type": "true or false", "string_type": "text",
}


def _explained(detail: ErrorDetails) -> str:
    """One validation error in the owner's words, named by its environment variable."""
    name, context = str(detail["loc"][0]), detail.get("ctx", {})
    if detail["type"] == "greater_than_equal":
        return f"{name} must be at least {context['ge']}, not {detail['input']}."
    if detail["type"] == "literal_error":
        return f"{name} must be {context['expected']}, not {detail['input']!r}."
    expected = _EXPECTED.get(detail["type"])
    if expected is None:
        return f"{name}: {detail['msg']}."
    return f"{name} must be {expected}, not {detail['input']!r}."


def normalize_database_url(url: str) -> str:
    """Route every PostgreSQL URL through psycopg 3 and anchor relative SQLite paths at the project."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////") and ":memory:" not in url:
        return "sqlite:///" + str(PROJECT_ROOT / url[len("sqlite:///"):])
    return url


def _secret_key(key: str, data_dir: Path, *, production: bool) -> str:
    if key:
        if len(key) < MIN_SECRET_KEY_LENGTH or key in WEAK_SECRET_KEYS:
            raise ConfigurationError(
                f"FINTRACK_SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters "
                "(python -c 'import secrets; print(secrets.token_urlsafe(48))')."
            )
        return key
    if production:
        raise ConfigurationError("FINTRACK_SECRET_KEY must be set in production (32+ random characters).")
    return _generated_key(data_dir / "secret_key")


def _generated_key(path: Path) -> str:
    """Create the embedded default's key once, readable only by its owner, and keep it.

    The key is written to a private temporary file, then linked into place: the file appears whole and
    only once, so a second process starting at the same moment reads the winner's key, never half of one.
    """
    if path.is_file():
        return _kept_key(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    try:
        os.link(temporary, path)
    except FileExistsError:
        return _kept_key(path)
    finally:
        temporary.unlink()
    return key


def _kept_key(path: Path) -> str:
    key = path.read_text().strip()
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigurationError(f"{path} holds no usable secret key; delete it and FinTrack makes a new one.")
    return key


def settings() -> Settings:
    """This process's settings, built on first use and kept (tests call `Settings.settings_clear_cache()`)."""
    return Settings.settings_cached()


def settings_or_exit() -> Settings:
    """The settings for a process that is starting (the app server, the migrations): a configuration that
    cannot work stops it at once with the reason (exit status 1), rather than serving errors later."""
    try:
        return settings()
    except ConfigurationError as error:
        sys.exit(f"FinTrack cannot start: {error}")
