"""The offline precache list and build hash (plain Python, no MkDocs).

After a build, :func:`write_precache` walks the site folder, lists every page
and asset the service worker must keep, hashes their contents into one build
hash, and writes both into the built ``sw.js`` in place of its placeholder
line. Putting them in ``sw.js`` itself matters: browsers look for a new
version by comparing ``sw.js`` byte for byte, so any change to any file gives a
new ``sw.js``, a new cache name and the "new version is ready" notice.

The list holds paths relative to the site root, with ``/`` separators, sorted.
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from pathlib import Path

SW_NAME = "sw.js"
#: Built files the service worker does not need: source maps, the sitemap, the
#: copy of the search index made only for file:// (written after us anyway)
#: and licence texts. Search language files are kept only when the search
#: index asks for their language (see :func:`unused_search_languages`).
EXCLUDE = (
    "sw.js",
    "*.map",
    "sitemap.xml",
    "sitemap.xml.gz",
    "search/search_index.js",
    "*.LICENSE.txt",
    "*-LICENSE.txt",
)
PLACEHOLDER_RE = re.compile(r"^self\.PRECACHE = .*;$", re.M)
SEARCH_INDEX = "search/search_index.json"
LUNR_DIR = "assets/javascripts/lunr"


def search_language_files(langs: list[str]) -> set[str]:
    """The lunr files Material's search worker loads for these languages.

    This mirrors the worker: English needs none; another language needs its
    own file plus the stemmer support; several languages need lunr.multi;
    Japanese needs tinyseg and Hindi or Thai need wordcut.
    """
    need = set()
    for lang in langs:
        if lang == "ja":
            need.add(f"{LUNR_DIR}/tinyseg.js")
        if lang in ("hi", "th"):
            need.add(f"{LUNR_DIR}/wordcut.js")
        if lang != "en":
            need.add(f"{LUNR_DIR}/min/lunr.{lang}.min.js")
    if len(langs) > 1:
        need.add(f"{LUNR_DIR}/min/lunr.multi.min.js")
    if need:
        need.add(f"{LUNR_DIR}/min/lunr.stemmer.support.min.js")
    return need


def unused_search_languages(site_dir: Path, files: list[str]) -> set[str]:
    """Search language files no visitor's browser will ask for.

    English-only search (ours) needs none of the 30 or so files Material ships
    (about 1 MB), so precaching them would only slow the first visit. When the
    index cannot be read, nothing is left out.
    """
    try:
        config = json.loads((Path(site_dir) / SEARCH_INDEX).read_text(encoding="utf-8"))["config"]
        langs = [str(lang) for lang in config["lang"]]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    need = search_language_files(langs)
    return {f for f in files if f.startswith(LUNR_DIR + "/") and f not in need}


def list_files(site_dir: Path, exclude=EXCLUDE) -> list[str]:
    """Every file under ``site_dir`` the service worker should precache."""
    site_dir = Path(site_dir)
    out = []
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        if any(fnmatch.fnmatch(rel, pattern) for pattern in exclude):
            continue
        out.append(rel)
    unused = unused_search_languages(site_dir, out)
    return sorted(f for f in out if f not in unused)


def build_hash(site_dir: Path, files: list[str], length: int = 16) -> str:
    """One hash over every listed file's name and contents."""
    total = hashlib.sha256()
    for rel in files:
        total.update(rel.encode("utf-8") + b"\0")
        total.update(hashlib.sha256((Path(site_dir) / rel).read_bytes()).digest())
    return total.hexdigest()[:length]


def manifest(site_dir: Path, sw_source: str = "") -> dict:
    """The list and the build hash; the hash covers the worker's own code too."""
    files = list_files(site_dir)
    version = build_hash(site_dir, files)
    if sw_source:
        version = hashlib.sha256((version + sw_source).encode("utf-8")).hexdigest()[: len(version)]
    return {"version": version, "files": files}


def inject(sw_source: str, data: dict) -> str:
    """Put ``data`` into the service worker source in place of its placeholder."""
    line = "self.PRECACHE = " + json.dumps(data, separators=(",", ":")) + ";"
    new, count = PLACEHOLDER_RE.subn(lambda _: line, sw_source, count=1)
    if count != 1:
        raise ValueError(f"{SW_NAME} has no 'self.PRECACHE = ...;' line to fill in")
    return new


def read(sw_source: str) -> dict:
    """The list and hash a built ``sw.js`` carries (what :func:`inject` wrote)."""
    match = PLACEHOLDER_RE.search(sw_source)
    if not match:
        raise ValueError(f"{SW_NAME} has no 'self.PRECACHE = ...;' line")
    return json.loads(match.group(0)[len("self.PRECACHE = "):-1])


def write_precache(site_dir: Path) -> dict:
    """List and hash the built site and write the result into its ``sw.js``."""
    site_dir = Path(site_dir)
    sw = site_dir / SW_NAME
    source = sw.read_text(encoding="utf-8")
    data = manifest(site_dir, source)
    sw.write_text(inject(source, data), encoding="utf-8")
    return data
