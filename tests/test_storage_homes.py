"""Issue 18: homes of their own. Every home has an id that travels with its export; an import
matches homes by that id, never by name or by the home chosen on the device. Before anything
changes, the summary names each home in the file and where it will go, and the person can
bring a home in as a new home or into a named home here (a second tablet of the same home)."""
from __future__ import annotations

import copy
import json

import pytest

from homes_util import (MT, Q1, Q2, answers, bring_into, choose_file, export_from, home_id, homes, import_summary,
                        make_home, merge, open_results, people, stored, where_it_goes)
from storage_util import context, open_theme  # noqa: F401
from test_storage_import import good_file

pytestmark = pytest.mark.browser


def _profile(browser):
    return browser.new_context(viewport={"width": 1024, "height": 768}, service_workers="block")


def test_a_file_with_one_home_comes_in_as_a_home_of_its_own(browser, base_url):
    one, two = _profile(browser), _profile(browser)
    try:
        a = one.new_page()
        make_home(a, base_url, "Elm Court", {"Night staff": {Q1: ("2", "Elm's own words")}}, "Elm's main points")
        file = export_from(a, base_url)

        b = two.new_page()
        make_home(b, base_url, "Oak House", {"Manager": {Q1: ("4", "Oak's own words")}}, "Oak's main points")
        oak = home_id(b, "Oak House")
        oak_before = stored(b, f"/ap:h:{oak}")
        choose_file(b, base_url, file)
        everything = stored(b)
        summary = import_summary(b)
        assert "Elm Court" in summary and "new home" in summary.lower(), summary
        assert "new home" in where_it_goes(b, "Elm Court").lower()
        assert stored(b) == everything  # nothing changed before the person chose
        merge(b)
        assert sorted(h["name"] for h in homes(b)) == ["Elm Court", "Oak House"]
        after = stored(b, f"/ap:h:{oak}")
        assert {k: v for k, v in after.items() if not k.endswith(":sel")} == \
            {k: v for k, v in oak_before.items() if not k.endswith(":sel")}  # Oak House, byte for byte
        elm = home_id(b, "Elm Court")
        assert "Night staff" in people(b, elm) and "Night staff" not in people(b, oak)
        assert "Elm's own words" in json.dumps(answers(b, elm)) and "Elm's own words" not in json.dumps(answers(b, oak))
    finally:
        one.close()
        two.close()


def test_two_homes_with_the_same_name_stay_two_homes(context, base_url):
    page = context.new_page()
    make_home(page, base_url, "Oak House", {"Manager": {Q1: ("4", "Ours")}})
    ours = home_id(page, "Oak House")
    file = good_file()
    file["homes"][0].update(id="another-oak", name="Oak House")
    choose_file(page, base_url, file)
    assert "new home" in where_it_goes(page, "Oak House").lower()
    merge(page)
    named = [h for h in homes(page) if h["name"] == "Oak House"]
    assert len(named) == 2, homes(page)
    assert "Night staff" not in people(page, ours)
    assert "From the other tablet" not in json.dumps(answers(page, ours))


def test_the_summary_names_every_home_and_where_it_goes_before_anything_changes(context, base_url):
    page = context.new_page()
    make_home(page, base_url, "Oak House", {"Manager": {Q1: ("4", "Ours")}})
    mine = export_from(page, base_url)["homes"][0]
    file = good_file()
    elm = file["homes"][0]
    ash = copy.deepcopy(elm)
    ash.update(id="ash-lodge", name="Ash Lodge")
    file["homes"] = [elm, ash, mine]  # Elm Court and Ash Lodge are new; Oak House is this device's own
    choose_file(page, base_url, file)
    before = stored(page)
    summary = import_summary(page)
    for name in ("Elm Court", "Ash Lodge", "Oak House"):
        assert name in summary, (name, summary)
    assert "new home" in where_it_goes(page, "Elm Court").lower()
    assert "new home" in where_it_goes(page, "Ash Lodge").lower()
    assert "Oak House" in where_it_goes(page, "Oak House") and "new home" not in where_it_goes(page, "Oak House").lower()
    assert stored(page) == before
    merge(page)
    assert sorted(h["name"] for h in homes(page)) == ["Ash Lodge", "Elm Court", "Oak House"]


def test_a_second_tablet_of_the_same_home_joins_it(browser, base_url):
    one, two = _profile(browser), _profile(browser)
    try:
        first = one.new_page()
        make_home(first, base_url, "Oak House", {"Manager": {Q1: ("4", "From the office tablet")}})
        second = two.new_page()
        make_home(second, base_url, "Oak House", {"Night staff": {Q1: ("2", "From the lounge tablet"),
                                                                 Q2: ("3", "")}})
        file = export_from(second, base_url)
        choose_file(first, base_url, file)
        # made on its own, the second tablet's home has an id of its own: it would come in as new
        assert "new home" in where_it_goes(first, "Oak House").lower()
        bring_into(first, "Oak House", "Oak House")
        merge(first)
        assert [h["name"] for h in homes(first)] == ["Oak House"]
        oak = homes(first)[0]["id"]
        assert "Manager" in people(first, oak) and "Night staff" in people(first, oak)
        got = answers(first, oak)
        assert got["Night staff/" + Q1]["notes"]["working-well"] == "From the lounge tablet"
        assert got["Night staff/" + Q2]["rating"] == "3"
        assert got["Manager/" + Q1]["notes"]["working-well"] == "From the office tablet"
        open_results(first, base_url)
        assert "Night staff" in first.inner_text('[data-ap-rs-fact="people"]')
    finally:
        one.close()
        two.close()


# three homes, each with its own people, answers and main points: name -> (people, main points, average for MT)
THREE = {
    "Elm Court": ({"Manager": {Q1: ("1", "Elm manager"), Q2: ("2", "")}, "Night staff": {Q1: ("2", "Elm night")}},
                  "Elm main points", "1.7"),
    "Ash Lodge": ({"Deputy manager": {Q1: ("4", "Ash deputy")}, "Relatives": {Q1: ("4", "Ash relatives")}},
                  "Ash main points", "4.0"),
    "Birch House": ({"Day staff": {Q1: ("3", "Birch day"), Q2: ("2", "Birch day again")}},
                    "Birch main points", "2.5"),
}


def _check_home(page, base_url, name, expected_people, main_points, average, answered):
    hid = home_id(page, name)
    assert people(page, hid) == sorted(expected_people), (name, people(page, hid))
    open_theme(page, base_url)
    page.select_option("#ap-home", label=name)
    page.wait_for_timeout(200)
    assert page.input_value("#theme--main-points") == main_points
    open_results(page, base_url)
    page.select_option("#ap-rs-home", label=name)
    page.wait_for_timeout(200)
    shown = page.inner_text('[data-ap-rs-fact="people"]')  # who took part: the people who answered
    assert sorted(shown.split(", ")) == sorted(answered), (name, shown)
    cell = page.locator(f'.ap-rs-glance tr[data-ap-theme="{MT}"] .ap-rs-cell--home .ap-rs-avg')
    assert cell.inner_text().strip() == average, (name, cell.inner_text())


def test_three_homes_made_on_three_devices_come_together_on_a_fourth(browser, base_url):
    profiles = [_profile(browser) for _ in range(4)]
    try:
        files = {}
        for (name, (who, main, _)), ctx in zip(THREE.items(), profiles):
            page = ctx.new_page()
            make_home(page, base_url, name, who, main)
            files[name] = export_from(page, base_url)
        office = profiles[3].new_page()
        make_home(office, base_url, "Oak House", {"Manager": {Q1: ("3", "Oak manager")}}, "Oak main points")
        for name, file in files.items():
            choose_file(office, base_url, file)
            before = stored(office)
            summary = import_summary(office)
            assert name in summary and "new home" in where_it_goes(office, name).lower(), summary
            assert stored(office) == before  # named before anything changed
            merge(office)
        assert sorted(h["name"] for h in homes(office)) == sorted(list(THREE) + ["Oak House"])
        for name, (who, main, average) in THREE.items():
            _check_home(office, base_url, name, ["Whole team", *who], main, average, list(who))
        _check_home(office, base_url, "Oak House", ["Whole team", "Manager"], "Oak main points", "3.0", ["Manager"])
    finally:
        for ctx in profiles:
            ctx.close()
