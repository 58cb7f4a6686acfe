"""The written content: eight full themes, the case studies, every guidance
page, plain English (Flesch reading ease), and nothing copied from the sources."""
from __future__ import annotations

import re
import subprocess

import pytest

from actionplan import load_toolkit
from actionplan.readability import flesch, html_to_text, markdown_to_text

from conftest import ROOT

TOOLKIT = load_toolkit(ROOT / "content")

THEME_ORDER = [
    "managing-transitions", "maintaining-identity", "creating-community", "shared-decision-making",
    "improving-health", "end-of-life-care", "keeping-workforce-fit", "positive-culture",
]
GUIDANCE = [
    "guidance/personalisation.md", "guidance/helps-and-hinders.md", "guidance/how-to-use.md",
    "guidance/questions-for-managers.md", "guidance/facilitators-guide.md",
    "about/sources.md", "about/index.md", "index.md",
]
FLESCH_FLOOR = 50


def test_eight_themes_in_the_my_home_life_order():
    assert [t.id for t in TOOLKIT.themes] == THEME_ORDER


@pytest.mark.parametrize("theme", TOOLKIT.themes, ids=[t.id for t in TOOLKIT.themes])
def test_each_theme_has_six_to_ten_questions_with_two_to_four_prompts(theme):
    assert 6 <= len(theme.questions) <= 10
    for q in theme.questions:
        assert 2 <= len(q.prompts) <= 4, q.id
    for text in (theme.introduction, theme.why_it_matters, theme.what_good_looks_like):
        assert len(text.split()) >= 25


def test_case_studies_link_both_ways():
    expected = {"brunel-care": "managing-transitions", "st-monica-trust": "maintaining-identity",
                "order-of-st-john": "improving-health"}
    for study_id, theme_id in expected.items():
        study = TOOLKIT.case_study(study_id)
        assert theme_id in study.themes
        assert study_id in TOOLKIT.theme(theme_id).case_studies


def test_st_monica_story_has_both_examples():
    story = TOOLKIT.case_study("st-monica-trust").story.lower()
    assert "make-up" in story or "make up" in story
    assert "eat" in story


@pytest.mark.parametrize("page", GUIDANCE)
def test_guidance_page_exists_and_is_in_the_nav(page):
    assert (ROOT / "docs" / page).is_file()
    assert page in (ROOT / "mkdocs.yml").read_text()


def test_home_page_says_what_and_who_in_under_200_words():
    text = (ROOT / "docs" / "index.md").read_text()
    before = text.split("\n## ", 1)[0]
    words = re.findall(r"[A-Za-z0-9']+", markdown_to_text(before))
    assert 40 <= len(words) < 200, len(words)


def _built_pages(site_dir):
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel == "404.html":
            continue
        yield rel, path


def test_every_page_reads_easily(site_dir):
    """Flesch reading ease of each page's prose; the report command prints the same figures:
    ./run.sh build && .venv/bin/python hooks/actionplan/readability.py site"""
    low = {}
    for rel, path in _built_pages(site_dir):
        score = flesch(html_to_text(path.read_text()))
        if score < FLESCH_FLOOR:
            low[rel] = round(score, 1)
    assert not low, f"pages below Flesch {FLESCH_FLOOR}: {low}"


def test_readability_counts_match_known_examples():
    easy = "The cat sat on the mat. It was warm. The sun was out."
    hard = ("Personalisation necessitates organisational transformation, encompassing "
            "comprehensive reconsideration of institutional responsibilities.")
    assert flesch(easy) > 90
    assert flesch(hard) < 0


def test_no_passage_repeats_a_source_document():
    tool = ROOT.parent / "shared" / "tools" / "copycheck"
    if not tool.exists():
        pytest.skip("the shared copycheck tool is not beside this checkout")
    result = subprocess.run([str(tool), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout


def test_no_personal_details():
    """No email addresses or phone numbers anywhere in the content."""
    for path in list((ROOT / "content").rglob("*.yml")) + list((ROOT / "docs").rglob("*.md")):
        text = path.read_text()
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), path
        assert not re.search(r"\b0\d{3,4}[ -]?\d{3}[ -]?\d{3,4}\b", text), path
