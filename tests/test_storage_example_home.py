"""Issue 18: the example home is for looking, not for answering. Loading it on the Results
page leaves the theme pages on the home the user had; while it is chosen, the theme pages and
conversation mode say so and save nothing into it; removing it asks first and keeps anything
a person typed into it (by an earlier version of the site) in a home of its own."""
from __future__ import annotations

import json

import pytest

from homes_util import (MT, Q1, Q2, SAMPLE_ID, answers, homes, load_example, open_results, says, selected_text,
                        stored, try_to)
from storage_util import PREFIX, context, open_theme, open_your_data, wait_saved  # noqa: F401
from conftest import ROOT

pytestmark = pytest.mark.browser

SAMPLE = json.loads((ROOT / "content" / "sample-home.json").read_text(encoding="utf-8"))
EXAMPLE = PREFIX + "h:" + SAMPLE_ID
# words on a page that say the example home is only for looking
LOOK_ONLY = ("example", r"(not|nothing|never)\b.{0,60}\b(saved|kept)|choose your own|your own home")


def _own_home(page, base_url):
    open_theme(page, base_url)
    page.check(f"#q-{Q1}-rating-3")
    page.fill(f"#q-{Q1}--working-well", "Our own note")
    wait_saved(page)
    return homes(page)[0]


def _choose_example_on_theme_page(page, base_url):
    open_theme(page, base_url)
    page.select_option("#ap-home", label=SAMPLE["name"])
    page.wait_for_timeout(200)


def test_leaving_the_results_page_returns_the_theme_pages_to_the_users_own_home(context, base_url):
    page = context.new_page()
    own = _own_home(page, base_url)
    load_example(page, base_url)
    open_theme(page, base_url)
    # the theme page is still on the user's own home, with their own words
    assert selected_text(page, "#ap-home") == own["name"]
    assert page.input_value(f"#q-{Q1}--working-well") == "Our own note"
    assert page.is_checked(f"#q-{Q1}-rating-3")
    assert json.loads(stored(page)[PREFIX + "current"]) == own["id"]
    # and the Results page opened again shows the user's own home too
    open_results(page, base_url)
    assert page.inner_text('[data-ap-rs-fact="home"]') == own["name"]


def test_the_example_home_on_a_theme_page_says_so_and_saves_nothing(context, base_url):
    page = context.new_page()
    _own_home(page, base_url)
    load_example(page, base_url)
    _choose_example_on_theme_page(page, base_url)
    before = stored(page, EXAMPLE)
    assert before, "the example home is stored"
    assert says(page, *LOOK_ONLY), "the theme page says plainly that the example home is only for looking"
    try_to(lambda t: page.check(f"#q-{Q2}-rating-1", timeout=t))
    try_to(lambda t: page.fill(f"#q-{Q2}--could-be-better", "Typed into the example", timeout=t))
    try_to(lambda t: page.fill("#theme--main-points", "Main points typed into the example", timeout=t))
    wait_saved(page)
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")
    assert stored(page, EXAMPLE) == before, "nothing is saved into the example home"
    assert page.text_content("#ap-save-status") != "Saved"


def test_conversation_mode_on_the_example_home_says_so_and_saves_nothing(context, base_url):
    page = context.new_page()
    _own_home(page, base_url)
    load_example(page, base_url)
    _choose_example_on_theme_page(page, base_url)
    before = stored(page, EXAMPLE)
    try_to(lambda t: page.click('[data-ap-conv-do="open"]', timeout=t))
    try_to(lambda t: page.click('[data-ap-conv-do="begin"]', timeout=t))
    assert says(page, *LOOK_ONLY), "conversation mode says plainly that the example home is only for looking"
    try_to(lambda t: page.locator(".ap-conv-current .ap-radio").first.click(timeout=t))
    for box in (0, 1):  # both note boxes (issue 22): what is working well, what could be better
        try_to(lambda t, box=box: page.locator(".ap-conv-current .ap-conv-note textarea").nth(box).fill("Said in the meeting", timeout=t))
    wait_saved(page)
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")
    assert stored(page, EXAMPLE) == before


def test_removing_the_example_home_asks_first(context, base_url):
    page = context.new_page()
    _own_home(page, base_url)
    load_example(page, base_url)
    before = stored(page)
    page.click('[data-ap-rs-do="remove-sample"]')
    assert stored(page) == before, "nothing is removed before the person says yes"
    confirm = page.locator('[data-ap-rs-do="confirm-remove-sample"]')
    assert confirm.is_visible()
    page.click('[data-ap-rs-do="confirm-remove-sample"]', timeout=5000)
    assert not stored(page, EXAMPLE)
    assert [h["id"] for h in homes(page)] != [] and SAMPLE_ID not in [h["id"] for h in homes(page)]


def test_words_typed_into_the_example_home_by_an_earlier_version_are_kept_in_a_home_of_their_own(context, base_url):
    page = context.new_page()
    own = _own_home(page, base_url)
    own_before = stored(page, PREFIX + "h:" + own["id"])
    load_example(page, base_url)
    # an earlier version of the site let people type into the example home
    page.evaluate("""([prefix, q]) => {
      const key = Object.keys(localStorage).filter(k => k.startsWith(prefix + ':a:')).sort()[0];
      const a = JSON.parse(localStorage.getItem(key));
      a.notes['could-be-better'] = 'Typed by a real person';
      localStorage.setItem(key, JSON.stringify(a));
      const [, , , , , , round, person] = key.split(':');
      localStorage.setItem(prefix + ':a:' + round + ':' + person + ':' + q,
        JSON.stringify({theme: 'managing-transitions', rating: '2', notes: {'working-well': 'A real answer'}}));
    }""", [EXAMPLE, "mt-moving-on"])
    open_results(page, base_url)
    page.click('[data-ap-rs-do="remove-sample"]')
    page.click('[data-ap-rs-do="confirm-remove-sample"]', timeout=5000)
    assert not stored(page, EXAMPLE)
    kept = [h for h in homes(page) if h["id"] not in (own["id"], SAMPLE_ID)]
    assert len(kept) == 1, homes(page)
    texts = json.dumps(answers(page, kept[0]["id"]))
    assert "Typed by a real person" in texts and "A real answer" in texts
    assert stored(page, PREFIX + "h:" + own["id"]) == own_before  # the user's own home, byte for byte
    assert says(page, r"kept|moved", kept[0]["name"] or "home"), "the page says where the typed words went"
    # the words show where people look for them
    open_your_data(page, base_url)
    assert kept[0]["name"] in page.locator("#ap-yd-home").inner_text()


def test_a_theme_page_never_saves_into_the_example_home_in_another_tab(context, base_url):
    """The Results page in one tab loads the example; a theme page open in another tab keeps the user's home."""
    theme = context.new_page()
    own = _own_home(theme, base_url)
    results = context.new_page()
    load_example(results, base_url)
    theme.wait_for_timeout(300)
    theme.fill(f"#q-{Q2}--working-well", "Typed while the example was loaded")
    wait_saved(theme)
    assert "Typed while the example was loaded" in json.dumps(answers(theme, own["id"]))
    assert "Typed while the example was loaded" not in json.dumps(stored(theme, EXAMPLE))
    assert selected_text(theme, "#ap-home") == own["name"]
    assert MT  # the theme page stays on managing transitions
