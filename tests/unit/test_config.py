"""Settings: defaults, validation, the secret key rule, sources, and that the README documents every setting."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable

import pytest

from fintrack import config
from fintrack.config import PROJECT_ROOT, Settings, normalize_database_url, settings
from fintrack.errors import ConfigurationError

SETTING_NAMES = [field.alias for field in Settings.model_fields.values()]


@pytest.fixture
def build(tmp_path, monkeypatch) -> Callable[..., Settings]:
    """Build settings from exactly the given environment variables (plus a private data folder), with no
    secrets.toml unless the test writes `tmp_path / 'secrets.toml'`."""
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(config, "SECRETS_FILE", tmp_path / "secrets.toml")

    def build_(**environment: str) -> Settings:
        for name, value in {"FINTRACK_DATA_DIR": str(tmp_path), **environment}.items():
            monkeypatch.setenv(name, value)
        return Settings()

    return build_


def test_defaults_use_embedded_sqlite_and_generate_a_kept_key(build, tmp_path):
    first = build()
    assert first.database_url == f"sqlite:///{PROJECT_ROOT / 'data' / 'fintrack.db'}"
    assert len(first.secret_key) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert build().secret_key == first.secret_key
    assert first.ai_model == "gpt-4.1" and first.demo_enabled


def test_production_refuses_to_start_without_a_strong_key(build):
    with pytest.raises(ConfigurationError, match="must be set in production"):
        build(FINTRACK_ENV="production")
    with pytest.raises(ConfigurationError, match="too weak"):
        build(FINTRACK_ENV="production", FINTRACK_SECRET_KEY="changeme")
    strong = "k" * 40
    production = build(FINTRACK_ENV="production", FINTRACK_SECRET_KEY=strong, DATABASE_URL="postgresql://u@h/db")
    assert production.is_production and production.secret_key == strong and not production.demo_enabled


def test_secrets_file_is_read_and_the_environment_wins(build, tmp_path):
    (tmp_path / "secrets.toml").write_text('OPENAI_API_KEY = "from-file"\nFINTRACK_AI_MODEL = "file-model"\n'
                                           'FINTRACK_AI_PER_DAY = 7\nFINTRACK_DEMO = false\n'
                                           '[connections.other]\nurl = "ignored"\n')
    read = build(FINTRACK_AI_MODEL="env-model", FINTRACK_AI_PER_DAY="")  # an empty variable is not a value
    assert read.openai_api_key == "from-file" and read.ai_model == "env-model"
    assert read.ai_per_day == 7 and not read.demo_enabled


def test_a_misspelt_boolean_is_refused_naming_the_setting(build):
    with pytest.raises(ConfigurationError, match="FINTRACK_DEMO must be 'true', 'false' or 'auto', not 'ture'"):
        build(FINTRACK_DEMO="ture")
    assert build(FINTRACK_DEMO=" True ").demo_enabled and not build(FINTRACK_DEMO="false").demo_enabled


def test_bad_numbers_are_refused_naming_the_setting(build):
    with pytest.raises(ConfigurationError, match="FINTRACK_AI_PER_MINUTE must be a whole number, not 'lots'"):
        build(FINTRACK_AI_PER_MINUTE="lots")
    with pytest.raises(ConfigurationError, match="FINTRACK_SESSION_DAYS must be a whole number, not '1.5'"):
        build(FINTRACK_SESSION_DAYS="1.5")
    with pytest.raises(ConfigurationError, match="FINTRACK_AI_TIMEOUT must be a number, not 'soon'"):
        build(FINTRACK_AI_TIMEOUT="soon")
    with pytest.raises(ConfigurationError, match="FINTRACK_ENV must be 'development' or 'production'"):
        build(FINTRACK_ENV="prod")


def test_trusted_proxies_default_to_none_and_may_not_be_negative(build):
    assert build().trusted_proxies == 0
    assert build(FINTRACK_TRUSTED_PROXIES="2").trusted_proxies == 2
    with pytest.raises(ConfigurationError, match="FINTRACK_TRUSTED_PROXIES must be at least 0"):
        build(FINTRACK_TRUSTED_PROXIES="-1")


def test_the_process_builds_its_settings_once(build, monkeypatch):
    build(FINTRACK_AI_MODEL="first")
    kept = settings()
    monkeypatch.setenv("FINTRACK_AI_MODEL", "second")
    assert settings() is kept and kept.ai_model == "first"


@pytest.mark.parametrize(
    ("url", "expected"),
    [("postgres://u@h/db", "postgresql+psycopg://u@h/db"), ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
     ("sqlite:////abs/x.db", "sqlite:////abs/x.db")],
)
def test_database_urls_are_normalised(url, expected):
    assert normalize_database_url(url) == expected


def _readme_table() -> dict[str, tuple[str, str]]:
    """The README's configuration table: variable -> (default as written, meaning)."""
    section = (PROJECT_ROOT / "README.md").read_text().split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z_]+)` \| (.+?) \| (.+) \|$", section, flags=re.MULTILINE)
    return {name: (default, meaning) for name, default, meaning in rows}


def _as_documented(default: object) -> str:
    return f"`{default}`" if str(default) else "(empty)"


def test_the_readme_table_is_the_settings_class():
    declared = {field.alias: (_as_documented(field.default), field.description)
                for field in Settings.model_fields.values()}
    assert _readme_table() == declared


def _free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


@pytest.mark.parametrize("command", [["-m", "fintrack.db.migrate"],
                                     ["-m", "streamlit", "run", "server.py", "--server.headless", "true"]],
                         ids=["migrate", "app-server"])
def test_a_production_process_without_a_key_stops_at_once_saying_why(tmp_path, command):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("FINTRACK_", "DATABASE_"))}
    env.update(FINTRACK_ENV="production", DATABASE_URL=f"sqlite:///{tmp_path / 'f.db'}",
               FINTRACK_DATA_DIR=str(tmp_path), STREAMLIT_SERVER_PORT=_free_port())
    done = subprocess.run([sys.executable, *command], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode != 0
    assert "FinTrack cannot start: FINTRACK_SECRET_KEY must be set in production" in done.stderr


def test_processes_starting_at_once_share_one_generated_key(build, tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setenv("FINTRACK_DATA_DIR", str(tmp_path))
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: Settings().secret_key, range(8)))
    assert len(keys) == 1 and len(keys.pop()) >= 32
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"]  # no temporary file left behind


def test_a_damaged_key_file_is_refused_with_a_way_out(build, tmp_path):
    (tmp_path / "secret_key").write_text("short")
    with pytest.raises(ConfigurationError, match="delete it"):
        build()
