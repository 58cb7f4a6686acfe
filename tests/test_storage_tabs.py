"""Issue 12: tabs that agree. A tab learns at once when another tab deletes, replaces or
undoes data, says so, and never claims "Saved" for something it did not save; a field being
typed in keeps its text when another tab changes it, and the page says so."""
from __future__ import annotations

import json

from playwright.sync_api import expect

from storage_util import PREFIX, context, import_file, open_theme, open_your_data, wait_saved  # noqa: F401
from test_storage_import import good_file

Q1 = "mt-key-worker"


def notice(page):
    return page.locator("#ap-session [data-ap-other-tab]")


def test_delete_all_in_one_tab_is_noticed_in_another_and_typing_is_really_saved(context, base_url):
    theme = context.new_page()
    open_theme(theme, base_url)
    theme.fill(f"#q-{Q1}--working-well", "Before the delete")
    wait_saved(theme)
    data = context.new_page()
    open_your_data(data, base_url)
    data.click('[data-ap-do="delete-all"]')
    data.click('[data-ap-do="confirm-delete"]')
    notice(theme).wait_for(state="visible", timeout=3000)
    assert "deleted" in notice(theme).inner_text()
    theme.fill(f"#q-{Q1}--working-well", "After the delete")
    wait_saved(theme)
    status = theme.text_content("#ap-save-status")
    stored = theme.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith({json.dumps(PREFIX + 'h:')}) && k.includes(':a:'))"
                            ".map(k => JSON.parse(localStorage.getItem(k)).notes['working-well'])")
    if status == "Saved":
        assert stored == ["After the delete"]  # "Saved" only for what is really stored, where it shows
        theme.reload()
        theme.wait_for_selector("#ap-session:not([hidden])")
        assert theme.input_value(f"#q-{Q1}--working-well") == "After the delete"
    else:
        assert stored == []


def test_replace_and_undo_in_one_tab_are_noticed_in_another(context, base_url):
    theme = context.new_page()
    open_theme(theme, base_url)
    theme.fill(f"#q-{Q1}--working-well", "Ours")
    wait_saved(theme)
    data = context.new_page()
    open_your_data(data, base_url)
    import_file(data, json.dumps(good_file()))
    data.locator("[data-ap-import-choice]").wait_for(state="visible")
    data.click('[data-ap-do="import-replace"]')
    notice(theme).wait_for(state="visible", timeout=3000)
    assert "replaced" in notice(theme).inner_text()
    expect(theme.locator(f"#q-{Q1}--working-well")).to_have_value("From the other tablet")
    data.click('[data-ap-do="undo-import"]')
    expect(notice(theme)).to_contain_text("undid")
    expect(theme.locator(f"#q-{Q1}--working-well")).to_have_value("Ours")


def test_the_same_field_changed_in_another_tab_keeps_what_is_typed_here(context, base_url):
    a = context.new_page()
    open_theme(a, base_url)
    b = context.new_page()
    open_theme(b, base_url)
    b.click(f"#q-{Q1}--working-well")
    b.keyboard.type("Typed in tab B")
    wait_saved(b)
    b.focus(f"#q-{Q1}--working-well")  # still in the field
    a.fill(f"#q-{Q1}--working-well", "Typed in tab A")
    wait_saved(a)
    notice(b).wait_for(state="visible", timeout=3000)
    assert "another tab" in notice(b).inner_text()
    assert b.input_value(f"#q-{Q1}--working-well") == "Typed in tab B"  # not replaced under the cursor
    b.keyboard.type(", and more")
    wait_saved(b)
    assert b.text_content("#ap-save-status") == "Saved"
    a.reload()
    a.wait_for_selector("#ap-session:not([hidden])")
    assert a.input_value(f"#q-{Q1}--working-well") == "Typed in tab B, and more"


def test_a_field_not_being_typed_in_follows_the_other_tab(context, base_url):
    a = context.new_page()
    open_theme(a, base_url)
    b = context.new_page()
    open_theme(b, base_url)
    a.fill(f"#q-{Q1}--working-well", "From A")
    wait_saved(a)
    expect(b.locator(f"#q-{Q1}--working-well")).to_have_value("From A")
    assert not notice(b).is_visible()
