"""The precache list and build hash (hooks/actionplan/precache.py), without a browser."""
from __future__ import annotations

import json
import re

import pytest

from actionplan import precache


def _site(tmp_path):
    for rel, text in {
        "index.html": "<h1>Home</h1>",
        "themes/a.html": "<h1>A</h1>",
        "assets/app.js": "1",
        "assets/app.js.map": "{}",
        "sitemap.xml": "<urlset/>",
        "search/search_index.json": "{}",
        "search/search_index.js": "var __index = {}",
        "sw.js": "x\nself.PRECACHE = {\"version\": \"dev\", \"files\": []};\ny\n",
    }.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_lists_pages_and_assets_not_maps_sitemap_or_itself(tmp_path):
    site = _site(tmp_path)
    assert precache.list_files(site) == ["assets/app.js", "index.html", "search/search_index.json", "themes/a.html"]


def test_hash_changes_with_any_content_and_is_stable(tmp_path):
    site = _site(tmp_path)
    files = precache.list_files(site)
    first = precache.build_hash(site, files)
    assert first == precache.build_hash(site, files) and len(first) == 16
    (site / "themes/a.html").write_text("<h1>A, changed</h1>")
    assert precache.build_hash(site, files) != first


def test_written_into_the_built_sw_only(tmp_path):
    site = _site(tmp_path)
    data = precache.write_precache(site)
    text = (site / "sw.js").read_text()
    line = re.search(r"^self\.PRECACHE = (.*);$", text, re.M).group(1)
    assert json.loads(line) == data
    assert text.startswith("x\n") and text.endswith("y\n")
    with pytest.raises(ValueError):
        precache.inject("no placeholder here", data)


def test_the_source_sw_keeps_its_placeholder():
    from conftest import ROOT

    text = (ROOT / "docs/sw.js").read_text()
    assert re.search(r'^self\.PRECACHE = \{"version": "dev", "files": \[\]\};$', text, re.M)
