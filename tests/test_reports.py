"""The printed reports (issue 20), in real Chromium: the summary report, the full
report and "You said, we did" for the example home (loaded with "Load the
example home" on the Results page), printed to A4 PDFs and read back."""
from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from actionplan.readability import flesch

from conftest import ROOT

pytestmark = pytest.mark.browser

SAMPLE = json.loads((ROOT / "content" / "sample-home.json").read_text())
A4_HEIGHT = 841.89
TOP, BOTTOM = 16 / 25.4 * 72, 15 / 25.4 * 72  # the page margins (print.css), in points


def words(text: str) -> str:
    text = text.replace("\u00ad", "").replace("-\n", "").replace("\u2019", "'")
    return " " + " ".join(re.findall(r"[a-z0-9']+", text.lower())) + " "


def has(printed: str, text: str) -> bool:
    return words(text) in printed


class Printed:
    def __init__(self, path):
        self.reader = PdfReader(str(path))
        self.pages = [p.extract_text() or "" for p in self.reader.pages]
        self.words = words("\n".join(self.pages))

    def used(self) -> list[float]:
        """How much of each page's printable height has text on it (0 to 1): from the top
        margin down to the lowest line of text above the footer."""
        out = []
        for page in self.reader.pages:
            ys = []

            def visit(text, cm, tm, font, size):
                y = tm[5] * cm[3] + cm[5] if cm else tm[5]
                if text.strip() and BOTTOM + 2 < y < A4_HEIGHT - TOP:
                    ys.append(y)
            page.extract_text(visitor_text=visit)
            lowest = min(ys) if ys else A4_HEIGHT - TOP
            out.append((A4_HEIGHT - TOP - lowest) / (A4_HEIGHT - TOP - BOTTOM))
        return out


def load_example(page, base_url):
    page.goto(base_url + "results/index.html")
    page.wait_for_selector("[data-ap-results][data-ap-ready]")
    page.click('[data-ap-rs-do="load-sample"]')
    page.wait_for_selector("[data-ap-rs-example-showing]", state="visible")


def open_report(page, base_url, name):
    page.goto(base_url + f"results/{name}.html")
    page.wait_for_selector("[data-ap-report][data-ap-ready]")


@pytest.fixture(scope="module")
def example(browser, base_url, tmp_path_factory):
    """The three reports of the example home as PDFs, and what the store holds."""
    out = tmp_path_factory.mktemp("reports")
    ctx = browser.new_context(viewport={"width": 1024, "height": 768}, service_workers="block")
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    load_example(page, base_url)
    # the Results page links to each report
    for name in ("summary", "full", "you-said-we-did"):
        assert page.locator(f'.ap-rs-reports a[href="{name}.html"]').is_visible()
    stored = page.evaluate("""() => {
        const St = window.APStore, C = window.APCommon, h = St.currentHome();
        const rounds = St.rounds(h.id), last = rounds[rounds.length - 1];
        return {name: h.name, round: last.title, actions: St.actions(h.id).map(a => ({
            what: a.fields.what, support: a.fields.support, measure: a.fields.measure,
            first: a.fields['first-step'], lead: a.fields.lead,
            review: C.fmtDate(a.fields['review-date']), byWhen: C.fmtDate(a.fields['by-when'])}))};
    }""")
    pdfs = {}
    for name in ("summary", "full", "you-said-we-did"):
        open_report(page, base_url, name)
        assert page.locator("[data-ap-report-doc]").is_visible()
        path = out / f"{name}.pdf"
        page.pdf(path=str(path), format="A4")
        pdfs[name] = Printed(path)
    ysd_screen = page.inner_text("[data-ap-report-doc]")
    assert not errors, errors
    ctx.close()
    return {"pdf": pdfs, "stored": stored, "ysd_screen": ysd_screen}


def test_summary_report_has_the_cover_findings_plan_and_sign_off(example):
    pdf, stored = example["pdf"]["summary"], example["stored"]
    first = words(pdf.pages[0])
    assert words(stored["name"]) in first and words(stored["round"]) in first
    assert has(first, "Summary report") and has(first, "Who took part")
    for group in ("Manager", "Day staff", "Night staff", "Residents' meeting", "Relatives"):
        assert has(first, group)
    for heading in ("What we found", "Our strongest themes", "Themes to work on",
                    "Where people see things differently", "What went up and down since the last round",
                    "Our actions", "The whole home at a glance", "Our action plan", "Evidence for inspection"):
        assert has(pdf.words, heading), heading
    assert has(pdf.words, "Promoting a positive culture: 3.1 (Mostly)")  # the strongest theme, from the figures
    for a in stored["actions"]:
        for text in (a["what"], a["first"], a["lead"], a["support"], a["measure"], a["review"], a["byWhen"]):
            assert text and has(pdf.words, text), text
    for label in ("Signed off", "Reviewed by", "Role", "Date", "Signature"):
        assert has(pdf.words, label), label
    assert has(pdf.words, "Safe systems, pathways and transitions")  # a CQC quality statement in the table


def test_summary_report_is_at_most_six_pages_none_nearly_blank(example):
    pdf = example["pdf"]["summary"]
    assert 1 <= len(pdf.pages) <= 6, len(pdf.pages)
    used = pdf.used()
    for i, u in enumerate(used[:-1]):
        assert u >= 0.25, f"page {i + 1} of the summary report is only {u:.0%} used"
    for i, text in enumerate(pdf.pages):
        assert f"Page {i + 1} of {len(pdf.pages)}" in text  # page numbers
    for site_word in ("Skip to content", "Load the example home", "Back to the results", "Which home and round"):
        assert not has(pdf.words, site_word), site_word


def test_full_report_has_every_main_point_and_note_of_the_round(example):
    pdf = example["pdf"]["full"]
    last = SAMPLE["rounds"][-1]
    for theme, notes in last["theme_notes"].items():
        for text in notes.values():
            assert has(pdf.words, text), (theme, text)
    count = 0
    for qid, answer in last["answers"].items():
        for person, notes in (answer.get("notes") or {}).items():
            for text in notes.values():
                assert has(pdf.words, text), (qid, person, text)
                count += 1
    assert count > 10
    assert has(pdf.words, "Our main points") and has(pdf.words, "Signed off")
    used = pdf.used()
    assert all(u >= 0.25 for u in used[:-1]), used


def test_you_said_we_did_is_one_plain_page(example):
    pdf = example["pdf"]["you-said-we-did"]
    assert len(pdf.pages) == 1, len(pdf.pages)
    text = words(pdf.pages[0])
    for heading in ("What you told us", "What we are doing about it", "What has changed since last time"):
        assert has(text, heading)
    # the actions with their lead and date, a main point, and what changed
    assert has(text, "Led by the deputy manager")
    assert has(text, "Done: Pair each new carer with an experienced buddy")
    body = re.sub(r"Page \d+ of \d+", "", pdf.pages[0])
    score = flesch(body)
    assert score >= 70, f"Flesch reading ease {score:.0f}"
    # it is shown on screen too
    assert "What we are doing about it" in example["ysd_screen"]


def test_a_first_round_says_there_is_no_progress_yet(page, base_url):
    page.goto(base_url + "results/index.html")
    page.evaluate("""() => {
        const St = window.APStore, C = window.APCommon;
        const h = St.createHome('Oak House'); St.setCurrentHome(h.id);
        const p = St.createParticipant(h.id, 'Manager'), q = St.createParticipant(h.id, 'Relatives');
        const r = St.createRound(h.id, {title: 'First round', date: C.today(), home: 'Oak House'});
        St.setAnswerField(h.id, r.id, p.id, 'mt-key-worker', 'managing-transitions', 'rating', '3');
        St.setAnswerField(h.id, r.id, q.id, 'mt-key-worker', 'managing-transitions', 'rating', '1');
    }""")
    open_report(page, base_url, "summary")
    found = page.locator("[data-ap-found-list='changes']")
    assert "This is the first round, so there is no progress to show yet" in found.inner_text()
    assert page.locator("svg").filter(has=page.locator(".ap-rs-line")).count() == 0  # no charts
    open_report(page, base_url, "you-said-we-did")
    assert "This is our first round" in page.inner_text("[data-ap-ysd-list='changed']")
    assert not page.page_errors


def test_reports_are_empty_and_say_so_with_nothing_saved(page, base_url):
    for name in ("summary", "full", "you-said-we-did"):
        open_report(page, base_url, name)
        assert page.locator("[data-ap-report-empty]").is_visible()
        assert not page.locator("[data-ap-report-doc]").is_visible()
        assert page.locator("[data-ap-print]").is_visible()
    assert not page.page_errors


def test_theme_page_prints_whose_answers_and_links_to_everyones(page, base_url, tmp_path):
    # Issue 18: a theme page never opens on the example home (it is for looking), so this
    # prints the home's own answers: a person is chosen and a main point written first.
    from storage_util import choose_person, wait_saved
    load_example(page, base_url)
    page.goto(base_url + "themes/managing-transitions.html")
    page.wait_for_selector("#ap-participant option", state="attached")
    choose_person(page, "Manager")
    main_point = "Everyone agreed the first day needs a named person."
    page.check("#q-mt-key-worker-rating-3")
    page.fill("#theme--main-points", main_point)
    wait_saved(page)
    for group in ("Day staff", "Night staff", "Relatives", "Manager"):  # everyone answers, then the manager prints
        page.select_option("#ap-strip-participant", label=group)
        page.check("#q-mt-key-worker-rating-2")
        wait_saved(page)
    person = page.eval_on_selector("#ap-participant", "s => s.options[s.selectedIndex].text")
    rnd = page.eval_on_selector("#ap-round", "s => s.options[s.selectedIndex].text")
    home = page.evaluate("() => window.APStore.currentHome().name")
    assert not page.locator("[data-ap-print-whose]").is_visible()  # on paper only
    path = tmp_path / "theme.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4")  # fires beforeprint
    first = words(PdfReader(str(path)).pages[0].extract_text())
    assert words(f"The answers of {person}, in {rnd}, at {home}.") in first, first[:400]
    page.emulate_media(media="screen")
    link = page.get_by_role("link", name="Print everyone's answers side by side")
    assert link.is_visible() and link.bounding_box()["height"] >= 44
    link.click()
    page.wait_for_selector("[data-ap-report][data-ap-ready]")
    assert page.locator('[data-ap-report-theme="managing-transitions"]').is_visible()
    assert not page.locator('[data-ap-report-theme="maintaining-identity"]').is_visible()
    text = page.inner_text('[data-ap-report-theme="managing-transitions"]')
    assert main_point in text
    for group in ("Manager", "Day staff", "Night staff", "Relatives"):
        assert group in text
    assert not page.page_errors


def test_the_findings_figures_on_their_own(page, base_url):
    page.goto(base_url + "index.html")
    got = page.evaluate("""() => {
        const F = window.APFigures, scale = F.scaleOf([{value: 1}, {value: 2}, {value: 3}, {value: 4}]);
        const ans = (p, q, r) => ({round: "r", participant: p, question: q, rating: r, notes: {}});
        const idx = F.byQuestion([ans("a", "q1", "4"), ans("b", "q1", "3"), ans("a", "q2", "1"), ans("b", "q2", "not-sure"),
                                  ans("a", "q3", "2")], "r", ["a", "b"]);
        const themes = [{id: "t1", questions: ["q1"]}, {id: "t2", questions: ["q2"]}, {id: "t3", questions: ["q3"]},
                        {id: "t4", questions: ["q4"]}];
        const g = F.glance(idx, themes, ["a", "b"], scale), sums = F.themeSums(idx, themes, ["a", "b"], scale);
        const sw = F.strongAndWeak(g, 3);
        const acts = [{id: "x", theme: "t1", fields: {status: "done", "by-when": "2025-01-01"}},
                      {id: "y", theme: "t2", fields: {status: "in-progress", "by-when": "2025-01-01"}},
                      {id: "z", theme: "t2", fields: {status: "not-started", "by-when": "2025-12-01"}}];
        const groups = F.actionGroups(acts, "2025-06-01", ["not-started", "in-progress", "done"]);
        return {
            strong: sw.strong.map(x => x.theme), work: sw.work.map(x => x.theme),
            overall: F.overall(sums),
            groups: [groups.open.map(x => x.action.id), groups.done.map(x => x.action.id), groups.late, groups.progress],
            evidence: F.evidence([{id: "s", themes: ["t1", "t2"]}, {id: "u", themes: ["t4"]}], sums, acts)
                .map(e => [e.avg, e.count, e.actions.map(a => a.id)]),
            movers: F.movers([{theme: "t1", kind: "up", by: 0.2}, {theme: "t2", kind: "up", by: 0.5},
                              {theme: "t3", kind: "down", by: -0.1}]),
        };
    }""")
    assert got["strong"] == ["t1"] and got["work"] == ["t2"]  # three rated themes: one each, never both
    assert got["overall"] == {"avg": 2.5, "count": 4, "themes": 3}  # (4 + 3 + 1 + 2) / 4; "not sure" left out
    assert got["groups"] == [["y", "z"], ["x"], 1, 1]
    assert got["evidence"] == [[2.7, 3, ["x", "y", "z"]], [None, 0, []]]
    assert [c["theme"] for c in got["movers"]["up"]] == ["t2", "t1"] and got["movers"]["down"][0]["theme"] == "t3"
