"""When the browser will not keep anything, or fills up part-way: the page says so plainly,
keeps working, export still works, and nothing already stored is damaged."""
from __future__ import annotations

import json

from storage_util import QUOTA_SCRIPT, context, open_theme, snapshot, wait_saved  # noqa: F401

Q1, Q2, Q3 = "mt-key-worker", "mt-first-day", "mt-first-weeks"


def test_storage_that_throws_on_every_write(context, base_url):
    context.add_init_script(QUOTA_SCRIPT % 0)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_theme(page, base_url)
    alert = page.locator("#ap-storage-alert")
    assert alert.is_visible()
    assert alert.get_attribute("role") == "alert"
    assert "not being kept" in alert.inner_text()
    # the form still works
    page.check(f"#q-{Q1}-rating-4")
    page.fill(f"#q-{Q1}--working-well", "Kept in the page only")
    wait_saved(page)
    assert page.is_checked(f"#q-{Q1}-rating-4")
    assert page.text_content("#ap-save-status") == "Not saved on this device"
    # export still has everything typed
    with page.expect_download() as info:
        alert.locator('[data-ap-do="export-json"]').click()
    data = json.load(open(info.value.path(), encoding="utf-8"))
    answers = data["homes"][0]["answers"]
    assert answers[0]["question"] == Q1 and answers[0]["rating"] == "4"
    assert answers[0]["notes"]["working-well"] == "Kept in the page only"
    assert errors == []


def test_storage_that_cannot_be_reached_at_all(context, base_url):
    # as when a browser blocks site data: even reading localStorage throws
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_theme(page, base_url)
    assert page.locator("#ap-storage-alert").is_visible()
    page.check(f"#q-{Q1}-rating-2")
    page.fill(f"#q-{Q1}--working-well", "Still works")
    wait_saved(page)
    assert errors == []


def test_storage_full_part_way_keeps_earlier_data(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.check(f"#q-{Q1}-rating-3")
    page.fill(f"#q-{Q1}--working-well", "Saved before the disk filled")
    wait_saved(page)
    before = snapshot(page)
    page.close()

    full = context.new_page()
    errors = []
    full.on("pageerror", lambda e: errors.append(str(e)))
    full.add_init_script(QUOTA_SCRIPT % 2)  # the probe and one more write, then full
    open_theme(full, base_url)
    assert not full.locator("#ap-storage-alert").is_visible()
    full.check(f"#q-{Q2}-rating-1")  # fits
    full.fill(f"#q-{Q1}--working-well", "This change will not fit")
    full.check(f"#q-{Q1}-rating-1")
    full.fill(f"#q-{Q3}--working-well", "Nor will this")
    wait_saved(full)
    assert full.locator("#ap-storage-alert").is_visible()
    assert full.input_value(f"#q-{Q1}--working-well") == "This change will not fit"  # the page keeps working
    assert errors == []
    full.close()

    again = context.new_page()
    open_theme(again, base_url)
    # what was stored before is intact: the failed writes changed nothing
    assert again.input_value(f"#q-{Q1}--working-well") == "Saved before the disk filled"
    assert again.is_checked(f"#q-{Q1}-rating-3")
    assert again.is_checked(f"#q-{Q2}-rating-1")
    assert again.input_value(f"#q-{Q3}--working-well") == ""
    after = json.loads(snapshot(again))
    for key, value in json.loads(before):
        if key.endswith(Q1):
            assert dict(after)[key] == value
