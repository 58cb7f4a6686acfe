"""Keyboard only (issue 13): choose a group, answer a whole theme in conversation
mode, leave it, add an action on the page, and export, with Tab, Enter, Space
and the arrow keys alone; every stop shows where the focus is."""
from __future__ import annotations

import json

import pytest

from storage_util import context  # noqa: F401
from together_helpers import focus_indicator

pytestmark = pytest.mark.browser

THEME = "themes/managing-transitions.html"
QS = ["mt-before-the-move", "mt-key-worker", "mt-room-and-belongings", "mt-first-day",
      "mt-first-weeks", "mt-family-support", "mt-hospital-stays", "mt-moving-on"]


class Keys:
    """Presses keys and checks, at every stop, that the focus can be seen."""

    def __init__(self, page):
        self.page = page
        self.stops = 0
        self.hidden = []

    def check(self):
        f = focus_indicator(self.page)
        self.stops += 1
        if not f["visible"]:
            self.hidden.append(f)
        return f

    def press(self, key):
        self.page.keyboard.press(key)
        return self.check()

    def tab_to(self, test, limit=250):
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            f = self.check()
            if self.page.evaluate(f"() => {{ const e = document.activeElement; return !!e && e.matches({json.dumps(test)}); }}"):
                return f
        raise AssertionError(f"Tab never reached {test}")


def test_keyboard_only_from_group_to_export(context, base_url):
    page = context.new_page()
    page.goto(base_url + THEME)
    page.wait_for_selector("#ap-session:not([hidden])")
    k = Keys(page)

    # choose who is answering: open the chooser, pick "Relatives" with the arrow keys, start
    k.tab_to('[data-ap-conv-do="open"]')
    k.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ap-conv-who"
    assert page.input_value("#ap-conv-who") == "new:Residents' meeting"
    k.press("ArrowDown")
    assert page.input_value("#ap-conv-who") == "new:Relatives"
    k.tab_to('[data-ap-conv-do="begin"]')
    k.press("Enter")
    assert page.evaluate("document.documentElement.classList.contains('ap-conv')")
    assert page.locator("#ap-participant option:checked").inner_text() == "Relatives"

    # a whole theme, one question at a time
    for n, qid in enumerate(QS):
        assert page.evaluate("document.activeElement.getAttribute('data-ap-question')") == qid
        k.press("Tab")                       # the rating: the first button of the group
        assert page.evaluate("document.activeElement.name") == f"{qid}--rating"
        if n % 2 == 0:
            k.press("Space")                 # "Not yet"
        else:
            k.press("ArrowDown")             # move along the rating: "Starting to", then "Mostly"
            k.press("ArrowDown")
        k.press("Tab")                       # the first note box
        assert page.evaluate("document.activeElement.id") == f"q-{qid}--working-well"
        page.keyboard.type(f"Said about question {n + 1}")
        k.press("Tab")                       # the second: what could be better (issue 22)
        assert page.evaluate("document.activeElement.id") == f"q-{qid}--could-be-better"
        page.keyboard.type(f"Better for question {n + 1}")
        if n < len(QS) - 1:
            k.tab_to('[data-ap-conv-do="next"]', limit=3)
            k.press("Enter")
    # leave: lands on the same question in the page
    k.press("Escape")
    assert not page.evaluate("document.documentElement.classList.contains('ap-conv')")
    assert page.evaluate("document.activeElement.id") == f"q-{QS[-1]}"

    # add an action on the page
    k.tab_to("#action-1--what")
    page.keyboard.type("Give every new resident a named key worker before they move in.")
    k.tab_to("#action-1--lead")
    page.keyboard.type("Deputy manager")
    page.wait_for_timeout(800)  # text is saved a moment after typing

    # export, from the "Your data" page, reached by the link in the session bar
    k.tab_to('#ap-session a[href$="your-data.html"]', limit=400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("[data-ap-yd]:not([hidden])")
    k.tab_to('[data-ap-do="export-json"]')
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    data = json.load(open(info.value.path(), encoding="utf-8"))

    assert k.hidden == [], f"{len(k.hidden)} of {k.stops} stops had no visible focus: {k.hidden[:12]}"
    home = data["homes"][0]
    rel = [p["id"] for p in home["participants"] if p["name"] == "Relatives"][0]
    answers = {a["question"]: a for a in home["answers"] if a["participant"] == rel}
    assert sorted(answers) == sorted(QS)
    for n, qid in enumerate(QS):
        assert answers[qid]["rating"] == ("1" if n % 2 == 0 else "3")
        assert answers[qid]["notes"]["working-well"] == f"Said about question {n + 1}"
        assert answers[qid]["notes"]["could-be-better"] == f"Better for question {n + 1}"
    action = [a for a in home["actions"] if a["theme"] == "managing-transitions"]
    assert len(action) == 1 and action[0]["fields"]["lead"] == "Deputy manager"
    assert action[0]["fields"]["what"].startswith("Give every new resident")
