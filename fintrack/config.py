"""The one place that reads configuration.

Settings are declared as data (name, default, help) so the README table can be checked against them by a
test; values come from the environment first, then from `.streamlit/secrets.toml`, then the default.
"""

from __future__ import annotations

import os
import secrets
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from fintrack.errors import ConfigurationError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
MIN_SECRET_KEY_LENGTH = 32


@dataclass(frozen=True)
class Option:
    """One setting: its environment variable, default and the help text the README repeats."""

    name: str
    default: str
    help: str


OPTIONS: tuple[Option, ...] = (
    Option("DATABASE_URL", "sqlite:///data/fintrack.db",
           "SQLAlchemy URL of the database; `postgresql://…` uses psycopg 3."),
    Option("FINTRACK_ENV", "development",
           "`production` refuses to start without a strong FINTRACK_SECRET_KEY and marks cookies Secure."),
    Option("FINTRACK_SECRET_KEY", "",
           "Key (32+ characters) that signs session tokens; generated into the data folder when empty "
           "outside production."),
    Option("FINTRACK_DATA_DIR", "data", "Folder for the embedded database and the generated secret key."),
    Option("FINTRACK_SESSION_DAYS", "14",
           "How long a sign-in lasts, in days (signing out or changing the password ends it sooner)."),
    Option("FINTRACK_LOGIN_MAX_FAILURES", "5",
           "Failed sign-ins allowed per email within the login window."),
    Option("FINTRACK_LOGIN_MAX_PER_CLIENT", "30",
           "Sign-in attempts allowed per client (IP address) within the login window."),
    Option("FINTRACK_LOGIN_WINDOW_MINUTES", "15", "The login throttling window, in minutes."),
    Option("FINTRACK_SIGNUP_MAX_PER_CLIENT", "10",
           "Sign-up attempts (new accounts and taken emails alike) allowed per client within the login window."),
    Option("FINTRACK_TRUSTED_PROXIES", "0",
           "How many reverse proxies in front of FinTrack append to X-Forwarded-For; the client address for the "
           "per-client limits is the entry that many from the right. `0` ignores the header (it is the "
           "client's to write) and uses the connection's address."),
    Option("FINTRACK_DEMO", "auto",
           "Show the 'Try the demo' button: `true`, `false`, or `auto` (only on the embedded SQLite)."),
    Option("OPENAI_API_KEY", "", "API key of the model server; empty runs the assistant offline."),
    Option("OPENAI_BASE_URL", "",
           "Base URL of any OpenAI-compatible server (vLLM, Ollama, LM Studio); empty means OpenAI."),
    Option("FINTRACK_AI_MODEL", "gpt-4.1", "Chat model the assistant uses."),
    Option("FINTRACK_AI_TIMEOUT", "30", "Seconds before a model call is given up."),
    Option("FINTRACK_AI_PER_MINUTE", "10", "Assistant questions allowed per owner per minute."),
    Option("FINTRACK_AI_PER_DAY", "200", "Assistant questions allowed per owner per day."),
)


@dataclass(frozen=True)
class Settings:
    """Validated, immutable settings for one process."""

    database_url: str
    environment: str
    secret_key: str
    data_dir: Path
    session_days: int
    login_max_failures: int
    login_max_per_client: int
    login_window_minutes: int
    signup_max_per_client: int
    trusted_proxies: int
    demo_enabled: bool
    openai_api_key: str
    openai_base_url: str
    ai_model: str
    ai_timeout: float
    ai_per_minute: int
    ai_per_day: int

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _read_secrets_file(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {key: str(value) for key, value in data.items() if not isinstance(value, dict)}


def _raw_values(environ: dict[str, str] | None, secrets_file: Path) -> dict[str, str]:
    environ = dict(os.environ if environ is None else environ)
    from_secrets = _read_secrets_file(secrets_file)
    return {
        option.name: environ.get(option.name) or from_secrets.get(option.name) or option.default
        for option in OPTIONS
    }


def normalize_database_url(url: str) -> str:
    """Route every PostgreSQL URL through psycopg 3 and anchor relative SQLite paths at the project."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////") and ":memory:" not in url:
        return "sqlite:///" + str(PROJECT_ROOT / url[len("sqlite:///"):])
    return url


def _integer(values: dict[str, str], name: str, minimum: int = 1) -> int:
    try:
        number = int(values[name])
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, not {values[name]!r}.") from exc
    if number < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {number}.")
    return number


def _secret_key(values: dict[str, str], data_dir: Path, production: bool) -> str:
    key = values["FINTRACK_SECRET_KEY"]
    if key:
        if len(key) < MIN_SECRET_KEY_LENGTH or key in {"changeme", "secret", "some_key"}:
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


def _flag(value: str, auto: bool) -> bool:
    lowered = value.strip().lower()
    if lowered == "auto":
        return auto
    return lowered in {"1", "true", "yes", "on"}


def load_settings(environ: dict[str, str] | None = None, secrets_file: Path = SECRETS_FILE) -> Settings:
    """Build the settings from the environment (or `environ`), then secrets.toml, then defaults."""
    values = _raw_values(environ, secrets_file)
    environment = values["FINTRACK_ENV"].strip().lower()
    if environment not in {"development", "production"}:
        raise ConfigurationError("FINTRACK_ENV must be 'development' or 'production'.")
    data_dir = Path(values["FINTRACK_DATA_DIR"])
    if not data_dir.is_absolute():
        data_dir = PROJECT_ROOT / data_dir
    database_url = normalize_database_url(values["DATABASE_URL"])
    return Settings(
        database_url=database_url,
        environment=environment,
        secret_key=_secret_key(values, data_dir, environment == "production"),
        data_dir=data_dir,
        session_days=_integer(values, "FINTRACK_SESSION_DAYS"),
        login_max_failures=_integer(values, "FINTRACK_LOGIN_MAX_FAILURES"),
        login_max_per_client=_integer(values, "FINTRACK_LOGIN_MAX_PER_CLIENT"),
        login_window_minutes=_integer(values, "FINTRACK_LOGIN_WINDOW_MINUTES"),
        signup_max_per_client=_integer(values, "FINTRACK_SIGNUP_MAX_PER_CLIENT"),
        trusted_proxies=_integer(values, "FINTRACK_TRUSTED_PROXIES", minimum=0),
        demo_enabled=_flag(values["FINTRACK_DEMO"], auto=database_url.startswith("sqlite")),
        openai_api_key=values["OPENAI_API_KEY"],
        openai_base_url=values["OPENAI_BASE_URL"],
        ai_model=values["FINTRACK_AI_MODEL"],
        ai_timeout=float(_integer(values, "FINTRACK_AI_TIMEOUT")),
        ai_per_minute=_integer(values, "FINTRACK_AI_PER_MINUTE"),
        ai_per_day=_integer(values, "FINTRACK_AI_PER_DAY"),
    )


def settings_or_exit() -> Settings:
    """The settings for a process that is starting (the app server, the migrations): a configuration that
    cannot work stops it at once with the reason (exit status 1), rather than serving errors later."""
    try:
        return load_settings()
    except ConfigurationError as error:
        sys.exit(f"FinTrack cannot start: {error}")
