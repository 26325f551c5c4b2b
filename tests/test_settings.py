"""The settings read every deployment value from the environment (docker-compose relies on it)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
    "'broker': s.CELERY_BROKER_URL, 'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
    "'email': s.EMAIL_BACKEND, 'email_path': s.EMAIL_FILE_PATH, 'from': s.DEFAULT_FROM_EMAIL, "
    "'tz': s.TIME_ZONE, 'lang': s.LANGUAGE_CODE, 'secure': getattr(s, 'SESSION_COOKIE_SECURE', "
    "False), 'smtp': [s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS]}))"
)
DEPLOYMENT_VARIABLES = (
    "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "EMAIL_BACKEND",
    "EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL",
)  # fmt: skip


def settings_with(**environment: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )


def read(**environment: str) -> dict:
    result = settings_with(**environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_development_defaults_need_no_service():
    s = read(DEBUG="1")
    assert s["engine"] == "django.db.backends.sqlite3"
    assert s["name"].endswith("db.sqlite3")
    assert s["eager"] is True
    assert s["email"] == "django.core.mail.backends.console.EmailBackend"
    assert (s["tz"], s["lang"]) == ("Europe/London", "en-gb")
    assert s["hosts"] == ["127.0.0.1", "localhost"]


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_with(DEBUG="0")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_a_deployment_is_configured_entirely_from_the_environment():
    s = read(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://pp:secret@db:5432/partnership",
        REDIS_URL="redis://redis:6379/0",
        ALLOWED_HOSTS="performance.anycity.example, localhost",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.anycity.example",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="performance@anycity.example",
    )
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["name"] == "partnership"
    assert s["eager"] is False
    assert s["broker"] == "redis://redis:6379/0"
    assert s["debug"] is False
    assert s["hosts"] == ["performance.anycity.example", "localhost"]
    assert s["smtp"] == ["smtp.anycity.example", 587, True]
    assert s["secure"] is True


def test_emails_can_be_written_to_files():
    s = read(
        DEBUG="1",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH="/tmp/pp-mail",
    )
    assert s["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert s["email_path"] == "/tmp/pp-mail"


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_mistyped_flag_is_refused_with_its_name(value):
    result = settings_with(DEBUG=value)
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_docker_compose_runs_every_service_on_the_same_settings():
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    environments = [services[name]["environment"] for name in ("web", "worker", "beat")]
    assert environments[0] == environments[1] == environments[2]
    assert "migrate --noinput" in services["web"]["command"]
    assert "gunicorn config.wsgi:application" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A config worker")
    assert "DatabaseScheduler" in services["beat"]["command"]
    # The settings accept the compose environment (placeholders filled as a deployer would).
    environment = {
        key: str(value).replace("${SECRET_KEY:?Set SECRET_KEY in .env}", "s" * 50)
        for key, value in environments[0].items()
    }
    environment = {k: _fill_default(v) for k, v in environment.items()}
    s = read(**environment)
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["broker"] == "redis://redis:6379/0"
    assert s["eager"] is False
    assert s["debug"] is False


def _fill_default(value: str) -> str:
    """Resolve ``${NAME:-default}`` the way docker compose does when NAME is unset."""
    import re

    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)


def _compose_environment() -> dict[str, str]:
    import secrets

    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    secret = secrets.token_urlsafe(50)
    return {
        key: _fill_default(str(value).replace("${SECRET_KEY:?Set SECRET_KEY in .env}", secret))
        for key, value in compose["services"]["web"]["environment"].items()
    }


def test_check_deploy_is_clean_with_the_compose_environment():
    # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE either: no deployment sets it.
    skipped = {*DEPLOYMENT_VARIABLES, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skipped}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(_compose_environment())
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_is_https_only_by_default():
    probe = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]))"
    )
    env = {k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="0", SECRET_KEY="k" * 60)
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert json.loads(result.stdout) == [True, 365 * 24 * 60 * 60, True, True, True]
    env.update(SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0")
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert json.loads(result.stdout)[:2] == [False, 0]
