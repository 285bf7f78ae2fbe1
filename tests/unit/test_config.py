"""Settings: defaults, validation, the secret key rule, and that the README documents every setting."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from fintrack.config import OPTIONS, PROJECT_ROOT, load_settings, normalize_database_url
from fintrack.errors import ConfigurationError


def test_defaults_use_embedded_sqlite_and_generate_a_kept_key(tmp_path):
    env = {"FINTRACK_DATA_DIR": str(tmp_path)}
    first = load_settings(env, secrets_file=tmp_path / "none.toml")
    assert first.database_url == f"sqlite:///{PROJECT_ROOT / 'data' / 'fintrack.db'}"
    assert len(first.secret_key) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert load_settings(env, secrets_file=tmp_path / "none.toml").secret_key == first.secret_key
    assert first.ai_model == "gpt-4.1" and first.demo_enabled


def test_production_refuses_to_start_without_a_strong_key(tmp_path):
    with pytest.raises(ConfigurationError, match="must be set in production"):
        load_settings({"FINTRACK_ENV": "production", "FINTRACK_DATA_DIR": str(tmp_path)},
                      secrets_file=tmp_path / "none.toml")
    with pytest.raises(ConfigurationError, match="too weak"):
        load_settings({"FINTRACK_ENV": "production", "FINTRACK_SECRET_KEY": "changeme"},
                      secrets_file=tmp_path / "none.toml")
    strong = "k" * 40
    settings = load_settings({"FINTRACK_ENV": "production", "FINTRACK_SECRET_KEY": strong,
                              "DATABASE_URL": "postgresql://u@h/db"}, secrets_file=tmp_path / "none.toml")
    assert settings.is_production and settings.secret_key == strong and not settings.demo_enabled


def test_secrets_file_is_read_and_the_environment_wins(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('OPENAI_API_KEY = "from-file"\nFINTRACK_AI_MODEL = "file-model"\n')
    settings = load_settings({"FINTRACK_AI_MODEL": "env-model", "FINTRACK_DATA_DIR": str(tmp_path)},
                             secrets_file=secrets)
    assert settings.openai_api_key == "from-file" and settings.ai_model == "env-model"


def test_bad_numbers_are_refused(tmp_path):
    with pytest.raises(ConfigurationError, match="FINTRACK_AI_PER_MINUTE must be a whole number"):
        load_settings({"FINTRACK_AI_PER_MINUTE": "lots", "FINTRACK_DATA_DIR": str(tmp_path)},
                      secrets_file=tmp_path / "none.toml")


def test_trusted_proxies_default_to_none_and_may_not_be_negative(tmp_path):
    env, no_file = {"FINTRACK_DATA_DIR": str(tmp_path)}, tmp_path / "none.toml"
    assert load_settings(env, secrets_file=no_file).trusted_proxies == 0
    assert load_settings({**env, "FINTRACK_TRUSTED_PROXIES": "2"}, secrets_file=no_file).trusted_proxies == 2
    with pytest.raises(ConfigurationError, match="FINTRACK_TRUSTED_PROXIES must be at least 0"):
        load_settings({**env, "FINTRACK_TRUSTED_PROXIES": "-1"}, secrets_file=no_file)


@pytest.mark.parametrize(
    ("url", "expected"),
    [("postgres://u@h/db", "postgresql+psycopg://u@h/db"), ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
     ("sqlite:////abs/x.db", "sqlite:////abs/x.db")],
)
def test_database_urls_are_normalised(url, expected):
    assert normalize_database_url(url) == expected


@pytest.mark.parametrize("option", OPTIONS, ids=lambda option: option.name)
def test_every_setting_is_documented_in_the_readme(option):
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert f"`{option.name}`" in readme


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


def test_processes_starting_at_once_share_one_generated_key(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: load_settings({"FINTRACK_DATA_DIR": str(tmp_path)},
                                                    secrets_file=tmp_path / "none.toml").secret_key, range(8)))
    assert len(keys) == 1 and len(keys.pop()) >= 32
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"]  # no temporary file left behind


def test_a_damaged_key_file_is_refused_with_a_way_out(tmp_path):
    (tmp_path / "secret_key").write_text("short")
    with pytest.raises(ConfigurationError, match="delete it"):
        load_settings({"FINTRACK_DATA_DIR": str(tmp_path)}, secrets_file=tmp_path / "none.toml")
