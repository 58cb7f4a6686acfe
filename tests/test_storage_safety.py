"""Issue 12: never lose an answer. Undo can only restore; whatever the pages let someone
store, the importer accepts; names that are JavaScript's own words are plain data; a damaged
record is reported and kept; storage that recovers or cannot be read; scale limits."""
from __future__ import annotations

import json

from storage_util import (PREFIX, THEME, YOUR_DATA, add_participant, ap_keys, choose, context,  # noqa: F401
                          export_json, import_file, new_round, open_theme, open_your_data, snapshot,
                          wait_saved, without_stamp)
from test_storage_import import good_file

Q1, Q2 = "mt-key-worker", "mt-first-day"


def data_snapshot(page) -> list:
    """Every stored key that holds answers or choices (not the undo copy or the device notes)."""
    return [kv for kv in json.loads(snapshot(page))
            if kv[0].startswith(PREFIX) and not kv[0].startswith((PREFIX + "backup", PREFIX + "device"))]


def do_import(page, data, how="replace"):
    import_file(page, json.dumps(data) if not isinstance(data, (str, bytes)) else data)
    page.locator("[data-ap-import-choice]").wait_for(state="visible")
    page.click(f'[data-ap-do="import-{how}"]')


def reimport_in_fresh_profile(browser, base_url, data) -> dict:
    """Import an export into a new browser profile and export again."""
    ctx = browser.new_context(service_workers="block")
    try:
        page = ctx.new_page()
        open_your_data(page, base_url)
        import_file(page, json.dumps(data))
        page.wait_for_selector("[data-ap-import-choice]:not([hidden]), [data-ap-import-error]:not([hidden])")
        assert not page.is_visible("[data-ap-import-error]"), page.inner_text("[data-ap-import-error]")
        page.click('[data-ap-do="import-replace"]')
        return export_json(page)
    finally:
        ctx.close()


# ---- undo that can only restore --------------------------------------------------------

def test_undo_puts_back_every_key_and_the_chosen_round_and_person(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.fill(f"#q-{Q1}--working-well", "Round one, whole team")
    add_participant(page, "Night staff")
    new_round(page, "Summer", "2031-07-01")
    page.fill(f"#q-{Q1}--working-well", "Summer, night staff")
    page.select_option("#ap-round", index=0)  # "First round": the round chosen is not the newest one
    choose(page, "#ap-participant", "Whole team")
    wait_saved(page)
    open_your_data(page, base_url)
    before = data_snapshot(page)
    do_import(page, good_file())
    page.locator('[data-ap-do="undo-import"]').wait_for(state="visible")
    page.click('[data-ap-do="undo-import"]')
    assert "back as they were" in page.inner_text("[data-ap-import-done]")
    assert data_snapshot(page) == before
    open_theme(page, base_url)
    assert page.eval_on_selector("#ap-round", "s => s.options[s.selectedIndex].text").startswith("First round")
    assert page.eval_on_selector("#ap-participant", "s => s.options[s.selectedIndex].text") == "Whole team"


def test_undo_after_later_work_says_so_and_deletes_nothing_until_exported(context, base_url):
    page = context.new_page()
    open_your_data(page, base_url)  # a device with nothing on it
    do_import(page, good_file())
    page.locator('[data-ap-do="undo-import"]').wait_for(state="visible")
    open_theme(page, base_url)
    page.fill(f"#q-{Q2}--working-well", "Typed after the import")
    wait_saved(page)
    open_your_data(page, base_url)
    before = data_snapshot(page)
    page.click('[data-ap-do="undo-import"]')
    changed = page.locator("[data-ap-undo-changed]")
    changed.wait_for(state="visible")
    assert "changed since the import" in changed.inner_text()
    assert data_snapshot(page) == before  # nothing deleted yet
    assert not page.is_visible('[data-ap-do="undo-anyway"]')
    with page.expect_download():
        changed.locator('[data-ap-do="export-json"]').click()
    page.click('[data-ap-do="undo-anyway"]')
    assert "back as they were" in page.inner_text("[data-ap-import-done]")
    assert data_snapshot(page) == []  # exactly what was there before the import: nothing


def test_undo_is_offered_only_after_an_import(context, base_url):
    page = context.new_page()
    open_your_data(page, base_url)
    assert not page.is_visible('[data-ap-do="undo-import"]')
    do_import(page, good_file(), "merge")
    page.locator('[data-ap-do="undo-import"]').wait_for(state="visible")  # a merge can be undone too
    page.click('[data-ap-do="undo-import"]')
    assert data_snapshot(page) == []
    assert not page.is_visible('[data-ap-do="undo-import"]')


def test_a_backup_that_cannot_be_restored_says_so_and_changes_nothing(context, base_url):
    page = context.new_page()
    open_your_data(page, base_url)
    do_import(page, good_file())
    page.locator('[data-ap-do="undo-import"]').wait_for(state="visible")
    page.evaluate(f"localStorage.setItem({json.dumps(PREFIX + 'backup')}, '{{\"format\": \"nonsense\"')")
    before = snapshot(page)
    page.click('[data-ap-do="undo-import"]')
    err = page.locator("[data-ap-import-error]")
    err.wait_for(state="visible")
    assert "cannot undo" in err.inner_text()
    assert snapshot(page) == before
    assert page.locator("[data-ap-people-list] > li").count() == 1


# ---- one set of rules at entry and at import --------------------------------------------

def test_text_fields_hold_no_more_than_the_importer_allows(context, base_url, browser):
    page = context.new_page()
    open_theme(page, base_url)
    limit = page.evaluate("APRules.MAX_TEXT")
    name_limit = page.evaluate("APRules.MAX_NAME")
    sizes = page.eval_on_selector_all(
        "#ap-questions textarea, #ap-theme-notes textarea, #ap-actions textarea, #ap-actions input[type=text]",
        "es => es.map(e => e.maxLength)")
    assert sizes and set(sizes) == {limit}
    names = page.eval_on_selector_all("#ap-session input[type=text]", "es => es.map(e => e.maxLength)")
    assert set(names) == {name_limit}
    long = "é" * (limit + 500)
    page.fill(f"#q-{Q1}--working-well", long)
    page.fill("#action-1--lead", long)
    page.fill("#action-1--what", long)
    wait_saved(page)
    assert "holds up to" in page.inner_text("#ap-save-status")  # a clear message at the limit
    open_your_data(page, base_url)
    first = export_json(page)
    assert len(first["homes"][0]["answers"][0]["notes"]["working-well"]) == limit
    assert without_stamp(reimport_in_fresh_profile(browser, base_url, first)) == without_stamp(first)


def test_a_five_digit_year_is_refused_at_entry_with_a_message(context, base_url, browser):
    page = context.new_page()
    open_theme(page, base_url)
    page.fill("#action-1--what", "Plan the welcome")
    page.eval_on_selector("#action-1--review-date",
                          "e => { e.value = '20310-03-01'; e.dispatchEvent(new Event('change', {bubbles: true})); }")
    msg = page.locator("#action-1--review-date-error")
    msg.wait_for(state="visible")
    assert "four digits" in msg.inner_text()
    assert page.get_attribute("#action-1--review-date", "aria-invalid") == "true"
    assert page.get_attribute("#action-1--review-date", "max") == "9999-12-31"
    wait_saved(page)
    open_your_data(page, base_url)
    first = export_json(page)
    assert "review-date" not in first["homes"][0]["actions"][0]["fields"]
    reimport_in_fresh_profile(browser, base_url, first)


def test_a_new_round_with_an_impossible_date_gets_a_clear_message(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.click('[aria-controls="ap-new-round"]')
    page.fill("#ap-new-round-title", "Far future")
    page.eval_on_selector("#ap-new-round-date", "e => { e.value = '20310-01-01'; }")
    page.click('#ap-new-round button[type="submit"]')
    msg = page.locator("#ap-new-round-date-error")
    msg.wait_for(state="visible")
    assert "four digits" in msg.inner_text()
    assert page.evaluate("document.activeElement.id") == "ap-new-round-date"
    assert page.locator("#ap-round option").count() == 1


def test_version_1_data_is_cleaned_to_the_rules(context, base_url, browser):
    old = {
        "version": 1, "home": "H" * 900,
        "rounds": [{"id": "R 1!", "title": "T" * 900, "date": "20240-03-01"}],
        "participants": ["P" * 900, "constructor", 7],
        "answers": {"R 1!": {
            # (a rating such as 9 may be a newer version's and is kept, issue 18; "9/10" is not a rating)
            "P" * 900: {Q1: {"rating": "9/10", "notes": {"working-well": "w" * 30000, "Bad Key": "x"}}},
            "constructor": {Q2: {"rating": "not-sure", "notes": {"working-well": 5}}},
        }},
        "theme_notes": {"R 1!": {"managing-transitions": {"main-points": "m" * 30000, "odd": ["a"]}}},
        "actions": {"managing-transitions": [{"what": "a" * 30000, "status": "finished",
                                              "review-date": "20240-06-01", "Weird Field": {"x": 1}}],
                    "Not A Theme!": [{"what": "lost theme"}]},
    }
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');"
        f" localStorage.setItem('/actionplan', {json.dumps(json.dumps(old))}); }}")
    page = context.new_page()
    open_theme(page, base_url)
    open_your_data(page, base_url)
    first = export_json(page)
    home = first["homes"][0]
    assert len(home["name"]) == 200
    assert sorted(len(a["notes"].get("working-well", "")) for a in home["answers"]) == [1, 20000]
    assert not any(a.get("rating") == "9/10" for a in home["answers"])
    assert first["set_aside"]  # what could not be kept as it was travels with the export
    assert {p["name"] for p in home["participants"]} >= {"constructor", "7"}
    assert without_stamp(reimport_in_fresh_profile(browser, base_url, first)) == without_stamp(first)


def test_a_damaged_record_is_reported_kept_and_exported_in_a_form_the_importer_accepts(context, base_url, browser):
    page = context.new_page()
    open_theme(page, base_url)
    page.fill(f"#q-{Q1}--working-well", "A good answer")
    add_participant(page, "Night staff")
    wait_saved(page)
    keys = ap_keys(page)
    home_key = [k for k in keys if k.startswith(PREFIX + "h:") and k.count(":") == 2][0]
    person_key = [k for k in keys if ":p:" in k][0]
    answer_key = [k for k in keys if ":a:" in k][0]
    page.evaluate(f"""() => {{
      localStorage.setItem({json.dumps(home_key)}, '{{"id": "broken');
      localStorage.setItem({json.dumps(person_key)}, JSON.stringify({{id: 'zz', name: 42}}));
      localStorage.setItem({json.dumps(answer_key)}, JSON.stringify({{theme: 'managing-transitions', rating: '99!',
        notes: {{'working-well': 'A good answer'}}}}));
    }}""")
    open_your_data(page, base_url)
    report = page.locator("[data-ap-damaged]")
    report.wait_for(state="visible")
    assert "damaged" in report.inner_text() and "3" in report.inner_text()
    assert page.locator("#ap-yd-home option").count() == 1  # the home is shown, not hidden
    first = export_json(page)
    home = first["homes"][0]
    assert home["answers"][0]["notes"]["working-well"] == "A good answer"
    assert len(home["participants"]) == 2
    assert len(first["set_aside"]) == 3  # the damaged originals travel with the export
    assert '{"id": "broken' in [x["text"] for x in first["set_aside"]]
    assert without_stamp(reimport_in_fresh_profile(browser, base_url, first)) == without_stamp(first)


# ---- names that are JavaScript's own words ---------------------------------------------

WORDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"]


def test_javascript_words_as_names_and_ids_are_plain_data(context, base_url, browser):
    page = context.new_page()
    open_theme(page, base_url)
    add_participant(page, "constructor")
    page.fill(f"#q-{Q1}--working-well", "Mine")
    wait_saved(page)
    d = good_file()
    h = d["homes"][0]
    h["participants"] = [{"id": w.lower().replace("_", "x") if w != "constructor" else w, "name": w,
                          "created": "2031-01-01T09:00:00.000Z"} for w in WORDS]
    h["answers"] = [{"round": "round1", "participant": p["id"], "question": Q1, "theme": "managing-transitions",
                     "rating": "2", "notes": {"working-well": "From " + p["name"], "constructor": "kept"}}
                    for p in h["participants"]]
    h["actions"][0]["fields"]["constructor"] = "a field we do not know yet"
    h["id"] = "constructor"
    open_your_data(page, base_url)
    do_import(page, d, "merge")
    page.locator("[data-ap-import-done]").wait_for(state="visible")
    assert not page.is_visible("[data-ap-import-error]")
    assert page.evaluate("({}).polluted === undefined && typeof ({}).toString === 'function'")
    first = export_json(page)
    names = [p["name"] for hh in first["homes"] for p in hh["participants"]]
    for w in WORDS:
        assert w in names
    answers = [a for hh in first["homes"] for a in hh["answers"]]
    assert len(answers) == len(WORDS) + 1
    assert all(a["notes"].get("constructor") == "kept" for a in answers if a["notes"]["working-well"] != "Mine")
    assert not any(":undefined" in k or ":[object" in k for k in ap_keys(page))
    assert without_stamp(reimport_in_fresh_profile(browser, base_url, first)) == without_stamp(first)
    open_theme(page, base_url)
    # the file's home has an id of its own ("constructor"): it came in as a home of its own (issue 18)
    page.select_option("#ap-home", label="Elm Court")
    page.select_option("#ap-round", index=0)  # the round from the file
    choose(page, "#ap-participant", "__proto__")
    assert page.input_value(f"#q-{Q1}--working-well") == "From __proto__"


# ---- storage that recovers, or cannot be read --------------------------------------------

SWITCH_SCRIPT = """
(() => {
  window.__full = false;
  const real = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (window.__full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return real.call(this, k, v);
  };
})();
"""


def test_not_saved_clears_when_storage_recovers(context, base_url):
    context.add_init_script(SWITCH_SCRIPT)
    page = context.new_page()
    open_theme(page, base_url)
    page.evaluate("window.__full = true")
    page.fill(f"#q-{Q1}--working-well", "Typed while full")
    wait_saved(page)
    assert page.text_content("#ap-save-status") == "Not saved on this device"
    assert page.is_visible("#ap-storage-alert")
    page.evaluate("window.__full = false")
    page.fill(f"#q-{Q2}--working-well", "Typed after it recovered")
    wait_saved(page)
    assert page.text_content("#ap-save-status") == "Saved"
    assert not page.is_visible("#ap-storage-alert")
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    assert page.input_value(f"#q-{Q1}--working-well") == "Typed while full"  # kept, then saved
    assert page.input_value(f"#q-{Q2}--working-well") == "Typed after it recovered"


def test_reading_storage_that_throws_does_not_add_a_home_on_every_load(context, base_url):
    context.add_init_script("""
      window.__realGet = Storage.prototype.getItem; window.__realKey = Storage.prototype.key;
      Storage.prototype.getItem = function () { throw new DOMException('denied', 'SecurityError'); };
      Storage.prototype.key = function () { throw new DOMException('denied', 'SecurityError'); };
    """)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for _ in range(3):
        open_theme(page, base_url)
        assert page.is_visible("#ap-storage-alert")
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('/ap:h:'))")
    assert stored == []
    page.fill(f"#q-{Q1}--working-well", "Still works")
    wait_saved(page)
    assert errors == []


# ---- scale ---------------------------------------------------------------------------

def test_an_import_with_too_many_people_is_refused_with_a_plain_message(context, base_url):
    page = context.new_page()
    open_your_data(page, base_url)
    d = good_file()
    d["homes"][0]["participants"] = [{"id": f"p{i}", "name": f"Person {i}", "created": "2031-01-01T09:00:00.000Z"}
                                     for i in range(10000)]
    d["homes"][0]["answers"][0]["participant"] = "p1"
    before = snapshot(page)
    import_file(page, json.dumps(d))
    err = page.locator("[data-ap-import-error]")
    err.wait_for(state="visible")
    assert "too many people" in err.inner_text()
    assert snapshot(page) == before


def test_a_device_with_many_people_shows_them_in_pages(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.evaluate("""() => {
      const home = JSON.parse(localStorage.getItem('/ap:current'));
      for (let i = 0; i < 1200; i++) {
        const id = 'm' + String(i).padStart(5, '0');
        localStorage.setItem('/ap:h:' + home + ':p:' + id, JSON.stringify({id, name: 'Person ' + i, created: '2031-01-01T09:00:' + String(i % 60).padStart(2, '0') + '.000Z'}));
        localStorage.setItem('/ap:h:' + home + ':r:' + id, JSON.stringify({id, title: 'Round ' + i, date: '2031-01-01', home: '', reopened: false, created: '2031-01-01T09:00:00.000Z'}));
      }
    }""")
    open_your_data(page, base_url)
    assert page.locator("[data-ap-people-list] > li").count() <= 50
    assert page.locator("[data-ap-rounds-list] > li").count() <= 50
    note = page.locator("[data-ap-people-page] [data-ap-page-note]")
    assert "of 1201" in note.inner_text()
    page.locator('[data-ap-people-page] [data-ap-do="page-next"]').click()
    assert "51 to 100 of 1201" in note.inner_text()
    assert page.locator("[data-ap-people-list] > li").count() == 50


# ---- what people see is accessible ----------------------------------------------------

def test_axe_finds_nothing_on_the_new_messages_and_pagers(context, base_url):
    from test_storage_earlier import _violations
    page = context.new_page()
    open_theme(page, base_url)
    page.fill("#action-1--what", "Plan")
    page.eval_on_selector("#action-1--review-date",
                          "e => { e.value = '20310-03-01'; e.dispatchEvent(new Event('change', {bubbles: true})); }")
    page.evaluate("document.querySelector('#ap-session [data-ap-other-tab]').hidden = false;"
                  "document.querySelector('#ap-session [data-ap-other-tab]').textContent = 'Another tab changed this.'")
    page.click('[aria-controls="ap-new-round"]')
    page.fill("#ap-new-round-title", "Far future")
    page.eval_on_selector("#ap-new-round-date", "e => { e.value = '20310-01-01'; }")
    page.click('#ap-new-round button[type="submit"]')
    page.locator("#ap-new-round-date-error").wait_for(state="visible")
    assert _violations(page) == []
    home = page.evaluate("JSON.parse(localStorage.getItem('/ap:current'))")
    page.evaluate(f"""() => {{ for (let i = 0; i < 60; i++) {{ const id = 'm' + i;
      localStorage.setItem('/ap:h:{home}:p:' + id, JSON.stringify({{id, name: 'Person ' + i, created: ''}})); }}
      localStorage.setItem('/ap:h:{home}:p:bad', '{{broken'); }}""")
    open_your_data(page, base_url)
    do_import(page, good_file(), "merge")
    open_theme(page, base_url)
    page.fill(f"#q-{Q2}--working-well", "Changed since")
    wait_saved(page)
    open_your_data(page, base_url)
    page.click('[data-ap-do="undo-import"]')
    page.locator("[data-ap-undo-changed]").wait_for(state="visible")
    assert page.is_visible("[data-ap-damaged]") and page.is_visible("[data-ap-people-page]")
    assert _violations(page) == []
    small = page.evaluate("""() => [...document.querySelectorAll('.ap-yd button')]
      .filter(e => e.offsetParent).map(e => e.getBoundingClientRect()).filter(r => r.height < 44).length""")
    assert small == 0
