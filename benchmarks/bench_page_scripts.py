"""Script size per kind of page (not a test): what each page loads (issue 17).

    .venv/bin/python benchmarks/bench_page_scripts.py            # builds the site first
    .venv/bin/python benchmarks/bench_page_scripts.py SITE_DIR   # an already built site

For one page of each kind, the scripts its HTML loads (<script src>), in bytes
as stored and gzipped (as a compressing server sends them): ours
(assets/javascripts/, apart from Material's) beside Material's own (its bundle;
its search worker comes later, when someone searches, and is not counted).
The templates choose our scripts by the page's kind
(overrides/partials/ap-scripts.html).
"""
from __future__ import annotations

import gzip
import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import build_site  # noqa: E402

PAGES = [
    ("home", "index.html"),
    ("guidance", "guidance/how-to-use.html"),
    ("case study", "case-studies/brunel-care.html"),
    ("themes index", "themes/index.html"),
    ("theme", "themes/managing-transitions.html"),
    ("Your data", "your-data.html"),
    ("Results", "results/index.html"),
    ("worksheets index", "worksheets/index.html"),
    ("worksheet", "worksheets/managing-transitions.html"),
    ("pack", "worksheets/pack.html"),
    ("about/sources", "about/sources.html"),
    ("offline", "offline.html"),
    ("404", "404.html"),
]
MATERIAL = re.compile(r"assets/javascripts/(bundle\.|workers/|lunr/|vendor/)")


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        src = dict(attrs).get("src")
        if tag == "script" and src and not re.match(r"[a-z]+:|//", src):
            self.srcs.append(src)


def scripts(site: Path, rel: str) -> list[Path]:
    parser = _Scripts()
    parser.feed((site / rel).read_text(encoding="utf-8"))
    base = (site / rel).parent
    # the 404 page is served anywhere, so its addresses start at the site's root
    return [((site if src.startswith("/") else base) / src.split("?")[0].lstrip("/")).resolve() for src in parser.srcs]


def sizes(files: list[Path]) -> tuple[int, int, int]:
    data = [f.read_bytes() for f in files]
    return len(files), sum(len(d) for d in data), sum(len(gzip.compress(d, 6)) for d in data)


def table(site: Path) -> None:
    print(f"{'page (kind)':<18} {'ours: files':>11} {'raw':>10} {'gzip':>9}   {'Material: raw':>13} {'gzip':>9}")
    for kind, rel in PAGES:
        if not (site / rel).is_file():
            print(f"{kind:<18} (no {rel})")
            continue
        files = scripts(site, rel)
        ours = [f for f in files if not MATERIAL.search(f.as_posix())]
        material = [f for f in files if MATERIAL.search(f.as_posix())]
        n, raw, gz = sizes(ours)
        _, mraw, mgz = sizes(material)
        print(f"{kind:<18} {n:>11} {raw:>10,} {gz:>9,}   {mraw:>13,} {mgz:>9,}")
        names = [f.relative_to(site / "assets/javascripts").as_posix() for f in ours]
        print(f"{'':<18}   {' '.join(names)}")


def main() -> None:
    if len(sys.argv) > 1:
        table(Path(sys.argv[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = build_site(site)
        if result.returncode != 0:
            sys.exit(result.stderr)
        table(site)


if __name__ == "__main__":
    main()
