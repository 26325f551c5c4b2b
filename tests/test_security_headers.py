"""Every response carries a strict Content Security Policy (no inline script or style,
nothing from elsewhere, never framed), and plotly.js's styles come from our own file."""

import pytest

from config.plotly_css import maplibre_style_id, plotly_css
from tests import factories as f

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
PAGES = ["/accounts/login/", "/", "/risks/", "/exceptions/", "/account/", "/api/docs/", "/nowhere/"]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_strict_content_security_policy(client, path):
    user = f.UserFactory()
    f.assign(user, f.Role.PERFORMANCE_OFFICER)
    client.force_login(user)
    policy = _policy(client.get(path))
    assert "unsafe-inline" not in str(policy)
    assert "unsafe-eval" not in str(policy)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_the_policy_can_be_tried_report_only_first():
    import json
    import os
    import subprocess
    import sys

    probe = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([hasattr(s, 'CONTENT_SECURITY_POLICY'), "
        "hasattr(s, 'CONTENT_SECURITY_POLICY_REPORT_ONLY')]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe],
            cwd=ROOT,
            env={**env, "CSP_REPORT_ONLY": flag},
            capture_output=True,
            text=True,
        )
        for flag in ("0", "1")
    ]
    assert [json.loads(run.stdout) for run in runs] == [[True, False], [False, True]]


def test_the_plotly_stylesheet_matches_the_installed_plotly():
    """Regenerate with `python -m config.plotly_css > static/css/plotly.css` after an upgrade."""
    assert (ROOT / "static/css/plotly.css").read_text() == plotly_css()


def test_the_chart_scripts_stop_plotly_adding_maplibres_inline_styles():
    template = (ROOT / "templates/includes/chart_scripts.html").read_text()
    assert f'id="{maplibre_style_id()}"' in template
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in template


def test_reading_a_plotly_without_the_tables_says_so():
    with pytest.raises(ValueError, match="style rules"):
        plotly_css("var nothing = 1;")
    with pytest.raises(ValueError, match="maplibre"):
        maplibre_style_id("var nothing = 1;")
