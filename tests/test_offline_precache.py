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
    assert precache.read(text) == data
    assert text.startswith("x\n") and text.endswith("y\n")
    with pytest.raises(ValueError):
        precache.inject("no placeholder here", data)


def test_the_source_sw_keeps_its_placeholder():
    from conftest import ROOT

    text = (ROOT / "docs/sw.js").read_text()
    assert re.search(r'^self\.PRECACHE = \{"version": "dev", "files": \[\]\};$', text, re.M)


def _with_search(tmp_path, langs):
    site = _site(tmp_path)
    (site / "search/search_index.json").write_text(json.dumps({"config": {"lang": langs}, "docs": []}))
    lunr = site / "assets/javascripts/lunr"
    (lunr / "min").mkdir(parents=True)
    for name in ("tinyseg.js", "wordcut.js", "min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js",
                 "min/lunr.de.min.js", "min/lunr.ja.min.js", "min/lunr.fr.min.js"):
        (lunr / name).write_text("/* lunr */")
    return site


def _lunr(data):
    return sorted(f.rsplit("/", 1)[-1] for f in data["files"] if "/lunr/" in f)


def test_english_search_precaches_no_language_files(tmp_path):
    # About 1 MB a tablet on slow wifi would otherwise fetch and never use.
    assert _lunr(precache.manifest(_with_search(tmp_path, ["en"]))) == []


@pytest.mark.parametrize("langs,files", [
    (["de"], ["lunr.de.min.js", "lunr.stemmer.support.min.js"]),
    (["en", "de"], ["lunr.de.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"]),
    (["ja"], ["lunr.ja.min.js", "lunr.stemmer.support.min.js", "tinyseg.js"]),
])
def test_other_search_languages_keep_what_the_search_worker_loads(tmp_path, langs, files):
    assert _lunr(precache.manifest(_with_search(tmp_path, langs))) == files


def test_an_unreadable_search_index_leaves_nothing_out(tmp_path):
    site = _with_search(tmp_path, ["en"])
    (site / "search/search_index.json").write_text("{not json")
    assert len(_lunr(precache.manifest(site))) == 7


def test_the_built_worker_lists_every_page_and_no_unused_search_language(site_dir):
    from offline_helpers import html_pages, precache_files

    files = precache_files(site_dir)
    assert not [f for f in files if "/lunr/" in f]
    assert set(html_pages(site_dir)) <= set(files)
