"""Issue 20: the CQC quality statements in content/ and the words of the printed
reports. A theme naming a statement that is not on the list stops the build
with the file, the line and the fix."""
from __future__ import annotations

import re

import pytest

from actionplan import ContentErrors, load_toolkit

from conftest import ROOT, build_site

CONTENT = ROOT / "content"


def test_every_theme_gives_evidence_for_quality_statements_on_the_list():
    toolkit = load_toolkit(CONTENT)
    known = {s["id"] for s in toolkit.quality["statements"]}
    assert len(known) == 34  # CQC's single assessment framework: 8 + 6 + 5 + 7 + 8
    keys = {k["id"] for k in toolkit.quality["key_questions"]}
    assert keys == {"safe", "effective", "caring", "responsive", "well-led"}
    for theme in toolkit.themes:
        assert theme.quality_statements, theme.id
        assert set(theme.quality_statements) <= known


def test_an_unknown_quality_statement_fails_with_file_and_line(content_copy):
    path = content_copy / "themes" / "managing-transitions.yml"
    text = path.read_text()
    text = text.replace("quality_statements: [safe-systems-transitions,",
                        "quality_statements: [safe-teleporting,")
    path.write_text(text)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("quality_statements:"))
    with pytest.raises(ContentErrors) as err:
        load_toolkit(content_copy)
    message = str(err.value)
    assert f"managing-transitions.yml:{line}:" in message, message
    assert '"safe-teleporting" is not on the list' in message
    assert "safe-systems-transitions" in message  # the fix names the ids that exist


def test_the_build_stops_on_an_unknown_quality_statement(content_copy, tmp_path):
    path = content_copy / "themes" / "positive-culture.yml"
    path.write_text(path.read_text().replace("well-led-speak-up", "well-led-shouting"))
    result = build_site(tmp_path / "site", env={"ACTION_PLAN_CONTENT": str(content_copy)})
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "positive-culture.yml:" in out and '"well-led-shouting" is not on the list' in out, out
    assert "Traceback" not in out
