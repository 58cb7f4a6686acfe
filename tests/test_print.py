"""Printing in real Chromium: every worksheet and the complete pack print to A4
PDFs with every question and prompt, whole on one page, with the theme and a
page number on every page and none of the site around them; a theme page
prints with the answers filled in; the worksheet pages pass axe on screen."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from actionplan import load_toolkit
from actionplan.forms import load_forms

from conftest import ROOT
from storage_util import choose_person  # noqa: E402  (issue 22: choose who is answering)

pytestmark = pytest.mark.browser

TOOLKIT = load_toolkit(ROOT / "content")
FORMS = load_forms(ROOT / "content", TOOLKIT)
THEMES = TOOLKIT.themes
SHEETS = [f for f in FORMS.forms if f.kind == "sheet"]
A4 = (595.28, 841.89)

# How many pages each printed form may take.
THEME_PAGES = range(4, 9)
SHEET_PAGES = {"cover": range(1, 3), "tracker": range(1, 3), "session-record": range(1, 4)}

# The site around a page: none of it may print.
SITE_WORDS = ["Skip to content", "Search", "Get started", "Good practice", "Table of contents",
              TOOLKIT.settings["title"] + " Home", "Answers you type stay on this device",
              *(FORMS.labels[k] for k in ("print", "print_hint", "print_worksheet", "print_answers",
                                          "all_worksheets"))]


def words(text: str) -> str:
    """Text as a sequence of lowercase words, so PDF line breaks and hyphens don't matter."""
    text = text.replace("\u00ad", "").replace("-\n", "")
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


class Printed:
    def __init__(self, path):
        self.reader = PdfReader(str(path))
        self.pages = [p.extract_text() or "" for p in self.reader.pages]
        self.page_words = [words(t) for t in self.pages]
        self.all_words = words("\n".join(self.pages))

    def __len__(self):
        return len(self.pages)


@pytest.fixture(scope="module")
def printed(browser, base_url, tmp_path_factory):
    """Every worksheet page and the pack, printed once to PDF."""
    out = tmp_path_factory.mktemp("pdf")
    ctx = browser.new_context(viewport={"width": 1024, "height": 768})
    page = ctx.new_page()
    names = [t.id for t in THEMES] + [f.id for f in SHEETS] + ["pack"]
    pdfs = {}
    for name in names:
        page.goto(f"{base_url}worksheets/{name}.html")
        page.emulate_media(media="print")
        path = out / f"{name}.pdf"
        page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=True)
        pdfs[name] = Printed(path)
    ctx.close()
    return pdfs


def _check_a4_and_site_free(pdf: Printed, allowed=()):
    for i, p in enumerate(pdf.reader.pages):
        box = p.mediabox
        assert abs(float(box.width) - A4[0]) <= 2 and abs(float(box.height) - A4[1]) <= 2, f"page {i + 1}: {box}"
    for word in SITE_WORDS:
        if word in allowed:  # the theme page's own words, not the site's
            continue
        for i, text in enumerate(pdf.pages):
            assert word not in text, f"{word!r} printed on page {i + 1}"


def _check_page_numbers(pdf: Printed):
    total = len(pdf)
    of = TOOLKIT.labels["of"]
    for i, text in enumerate(pdf.pages):
        assert f"{FORMS.labels['page']} {i + 1} {of} {total}" in text, f"no page number on page {i + 1}"
        body = words(text).split()
        assert len(body) > 12, f"page {i + 1} is (nearly) blank"


def _check_theme(pdf: Printed, theme, pages: list[int]):
    """Every question and prompt of the theme, each question whole on one of ``pages``."""
    for q in theme.questions:
        whole = [i for i in pages if words(q.question) in pdf.page_words[i]]
        assert whole, f"{q.id}: the question is not whole on any one page (split, or missing)"
        block = words(q.question + " " + " ".join(q.prompts))
        # the question, its prompts and its tick boxes on the same page: never split
        assert any(all(words(p) in pdf.page_words[i] for p in q.prompts) for i in whole), f"{q.id} split"
        assert block.strip()
        for o in list(TOOLKIT.settings["rating"]["options"]) + [TOOLKIT.settings["rating"]["not_sure"]]:
            assert any(words(o["label"]) in pdf.page_words[i] for i in whole)
    for i in pages:
        assert theme.title in pdf.pages[i], f"the theme name is not on page {i + 1}"


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.id)
def test_theme_worksheet_prints_on_a4_with_every_question(printed, theme):
    pdf = printed[theme.id]
    assert len(pdf) in THEME_PAGES, f"{theme.id}: {len(pdf)} pages"
    _check_a4_and_site_free(pdf)
    _check_page_numbers(pdf)
    _check_theme(pdf, theme, list(range(len(pdf))))
    # the top of the sheet and the forward-planning table with room for three actions
    first = pdf.page_words[0]
    for label in ("Care home", "Date", "Who took part"):
        assert words(label) in first
    label = TOOLKIT.labels["action"]
    for n in (1, 2, 3):
        assert words(f"{label} {n}") in pdf.all_words
    for f in TOOLKIT.settings["actions"]["fields"]:
        assert words(f["label"]) in pdf.all_words


@pytest.mark.parametrize("form", SHEETS, ids=lambda f: f.id)
def test_other_sheets_print_on_a4(printed, form):
    pdf = printed[form.id]
    assert len(pdf) in SHEET_PAGES.get(form.id, range(1, 4)), f"{form.id}: {len(pdf)} pages"
    _check_a4_and_site_free(pdf)
    _check_page_numbers(pdf)
    for i, text in enumerate(pdf.pages):
        assert form.title in text, f"{form.id}: no title on page {i + 1}"
    for section in form.sections:
        for f in section.get("fields") or []:
            assert words(f["label"]) in pdf.all_words, f["label"]
        if section.get("heading"):
            assert words(section["heading"]) in pdf.all_words


def test_the_pack_prints_everything_in_one_document(printed):
    pack = printed["pack"]
    parts = [f.id for f in SHEETS if f.order < 2] + [t.id for t in THEMES] + [f.id for f in SHEETS if f.order > 2]
    # each form starts on a new page, so the pack is exactly the sheets one after the other
    assert len(pack) == sum(len(printed[p]) for p in parts)
    assert 30 <= len(pack) <= 70
    _check_a4_and_site_free(pack)
    _check_page_numbers(pack)
    start = 0
    for part in parts:
        n = len(printed[part])
        pages = list(range(start, start + n))
        theme = next((t for t in THEMES if t.id == part), None)
        if theme:
            _check_theme(pack, theme, pages)
        else:
            form = next(f for f in SHEETS if f.id == part)
            assert all(form.title in pack.pages[i] for i in pages)
        start += n


def test_worksheets_page_lists_every_form_and_the_pack(page, base_url):
    page.goto(f"{base_url}worksheets/index.html")
    links = page.locator("article a").evaluate_all("els => els.map(a => [a.textContent.trim(), a.href])")
    hrefs = {h.rsplit("/", 1)[-1] for _, h in links}
    assert {f"{t.id}.html" for t in THEMES} <= hrefs
    assert {f"{f.id}.html" for f in SHEETS} | {"pack.html"} <= hrefs
    assert FORMS.settings["pack_title"] in [t for t, _ in links]
    nav = page.locator(".md-nav--primary").inner_text()
    assert "Worksheets" in nav


def test_worksheet_has_a_print_button_that_prints(context, base_url):
    context.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page = context.new_page()
    page.goto(f"{base_url}worksheets/{THEMES[0].id}.html")
    button = page.get_by_role("button", name=FORMS.labels["print"])
    assert button.is_visible()
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    button.click()
    assert page.evaluate("window.__printed") == 1


def test_theme_page_links_to_the_blank_worksheet_without_javascript(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1024, "height": 768})
    page = ctx.new_page()
    theme = THEMES[1]
    page.goto(f"{base_url}themes/{theme.id}.html")
    link = page.get_by_role("link", name=FORMS.labels["print_worksheet"])
    assert link.is_visible()
    assert link.bounding_box()["height"] >= 44
    assert not page.get_by_role("button", name=FORMS.labels["print_answers"]).is_visible()
    link.click()
    assert page.url.endswith(f"worksheets/{theme.id}.html")
    assert theme.questions[0].question in page.inner_text("article")
    ctx.close()


def _ticks_left_of(reader: PdfReader, label: str) -> list[int]:
    """Pages where a tick mark is drawn just left of ``label``, on the same line."""
    found = []
    for n, pdf_page in enumerate(reader.pages):
        items = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                items.append((text.strip(), cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

        pdf_page.extract_text(visitor_text=visit)
        ticks = [(x, y) for t, x, y in items if t == "\u2713"]
        labels = [(x, y) for t, x, y in items if t == label]
        if any(0 < lx - tx < 30 and abs(ly - ty) < 5 for tx, ty in ticks for lx, ly in labels):
            found.append(n)
    return found


def test_theme_page_prints_with_our_answers(page, base_url, tmp_path):
    theme = THEMES[0]
    q = theme.questions[1]
    option = TOOLKIT.settings["rating"]["options"][2]
    note = TOOLKIT.settings["notes"][0]
    typed = "Our key workers visit every new resident at home first.\nThen they phone the family."
    page.goto(f"{base_url}themes/{theme.id}.html")
    button = page.get_by_role("button", name=FORMS.labels["print_answers"])
    choose_person(page)
    assert button.is_visible() and button.bounding_box()["height"] >= 44
    assert page.get_by_role("link", name=FORMS.labels["print_worksheet"]).is_visible()
    page.check(f"#q-{q.id}-rating-{option['value']}")
    page.fill(f"#q-{q.id}--{note['id']}", typed)
    page.emulate_media(media="print")
    path = tmp_path / "answers.pdf"
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)  # fires beforeprint / afterprint
    pdf = Printed(path)
    _check_a4_and_site_free(pdf, allowed=["Good practice"])
    _check_page_numbers(pdf)
    assert words(typed) in pdf.all_words, "the typed note is not printed in full"
    on = [i for i, w in enumerate(pdf.page_words) if words(q.question) in w]
    assert on and words(typed.splitlines()[0]) in pdf.page_words[on[0]]
    assert _ticks_left_of(pdf.reader, option["label"]) == on, "the chosen rating is not ticked"
    assert all(theme.title in t for t in pdf.pages)
    # after printing the page is as it was
    page.emulate_media(media="screen")
    assert page.locator(".ap-print-copy").count() == 0
    assert page.input_value(f"#q-{q.id}--{note['id']}") == typed
    assert page.page_errors == []


@pytest.mark.parametrize("name", ["index", THEMES[0].id, "cover", "tracker"])
def test_worksheet_pages_pass_axe(page, base_url, name):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{base_url}worksheets/{name}.html")
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                   "best-practice"]})
    assert results.violations_count == 0, results.generate_report()
