"""Issue 17: stored records are checked in full once, not on every load. A page that opens
calls APStore.checkOnce(); APStore.lastCheck() says what that check did ({ran, reason,
setAside}). The full check runs on a first visit, after the site's version changed, and
whenever the records are not what they were after the last check plus this site's own
writes (a record changed by hand, another tool, an older version of the site). A device with
no records keeps no note, so the load after the first answers are typed checks them once.

Until the page scripts call checkOnce() (issue 17, part B), `opened` makes the call a page
makes when it opens; after that it reads what the page's own call did."""
from __future__ import annotations

import json

from storage_util import (PREFIX, add_participant, context, new_round, open_theme,  # noqa: F401
                          wait_saved)

Q1 = "mt-key-worker"


def opened(page) -> dict:
    """What the check did when this page opened: the page's own call to checkOnce() if it
    made one, or else the call a page makes when it opens."""
    return page.evaluate("() => APStore.lastCheck() || (APStore.checkOnce(), APStore.lastCheck())")


def reload_theme(page) -> dict:
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    return opened(page)


def answer_key(page) -> str:
    return page.evaluate(f"() => Object.keys(localStorage).find(k => k.startsWith({json.dumps(PREFIX + 'h:')})"
                         f" && k.endsWith(':{Q1}'))")


def test_a_record_damaged_by_hand_after_a_check_is_repaired_on_the_next_load(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.check(f"#q-{Q1}-rating-3")
    page.fill(f"#q-{Q1}--working-well", "Kept through the damage")
    wait_saved(page)
    reload_theme(page)  # checks the first records (the device had none when this page opened)
    assert reload_theme(page)["ran"] is False  # checked once already; nothing changed since
    key = answer_key(page)
    keys_before = page.evaluate("localStorage.length")
    # (a value this version does not know, such as "99", is kept as it is: it may be a newer
    # version's, issue 18; "9 9" cannot be a rating at all)
    damaged = json.dumps({"theme": "managing-transitions", "rating": "9 9",
                          "notes": {"working-well": "Kept through the damage"}})
    # changed in place, by hand: the number of keys stays the same
    page.evaluate(f"localStorage.setItem({json.dumps(key)}, {json.dumps(damaged)})")
    assert page.evaluate("localStorage.length") == keys_before

    check = reload_theme(page)
    assert check["ran"] is True and check["reason"] == "changed"
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})"))
    assert "rating" not in stored  # "9 9" is not a rating: repaired where it stands
    assert stored["notes"]["working-well"] == "Kept through the damage"
    aside = page.evaluate(f"localStorage.getItem({json.dumps(PREFIX + 'aside:' + key[len(PREFIX):])})")
    assert aside == damaged  # the original is kept aside, as it was
    # what a person sees: the note is there, no rating is chosen
    assert page.input_value(f"#q-{Q1}--working-well") == "Kept through the damage"
    assert page.locator(f"#ap-questions input[name^='q-{Q1}'][type=radio]:checked").count() == 0
    assert reload_theme(page)["ran"] is False  # and once repaired, it is not checked again


def test_a_second_load_with_nothing_changed_does_not_check_again(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.fill(f"#q-{Q1}--working-well", "First words")
    wait_saved(page)
    reload_theme(page)
    again = reload_theme(page)
    assert again == {"ran": False, "reason": "unchanged", "setAside": 0}

    # this site's own writes of every kind keep the note true
    add_participant(page, "Night staff")
    new_round(page, "Summer", "2031-07-01")
    page.fill(f"#q-{Q1}--working-well", "Summer words")
    page.fill("#theme--main-points", "Main points")
    page.fill("#action-1--what", "A plan")
    wait_saved(page)
    assert reload_theme(page)["ran"] is False

    # another tab of the same site writes too
    other = context.new_page()
    open_theme(other, base_url)
    other.fill(f"#q-{Q1}--working-well", "From the other tab")
    wait_saved(other)
    other.close()
    assert reload_theme(page)["ran"] is False
    assert page.input_value(f"#q-{Q1}--working-well") == "From the other tab"

    # a record added some other way (an older version of the site, another tool)
    home = page.evaluate(f"JSON.parse(localStorage.getItem({json.dumps(PREFIX + 'current')}))")
    page.evaluate(f"""localStorage.setItem({json.dumps(PREFIX + 'h:' + home + ':p:zz')},
                      JSON.stringify({{id: 'zz', name: 42}}))""")
    check = reload_theme(page)
    assert check["ran"] is True and check["reason"] == "changed"
    assert reload_theme(page)["ran"] is False


def test_a_new_version_of_the_site_checks_everything_once(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.fill(f"#q-{Q1}--working-well", "Before the update")
    wait_saved(page)
    reload_theme(page)
    assert reload_theme(page)["ran"] is False
    # the next version's question set (its hash changes with any change to the questions)
    page.add_init_script("""Object.defineProperty(window, 'ACTION_PLAN_QUESTIONS', {configurable: true,
      get() { return this.__q; }, set(v) { v.hash = 'next-version'; this.__q = v; }});""")
    check = reload_theme(page)
    assert check["ran"] is True and check["reason"] == "version"
    assert reload_theme(page)["ran"] is False
    assert page.input_value(f"#q-{Q1}--working-well") == "Before the update"
