"""Size benchmark (not a test): what a tablet downloads on its first visit.

    .venv/bin/python benchmarks/bench_size.py

Builds the site into a temporary folder and prints the number of files the
service worker precaches, their size as stored and gzipped (as a web server
would send them), the largest files, and the size of a theme page.
"""
from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))

from actionplan import precache  # noqa: E402
from conftest import build_site  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = build_site(site)
        if result.returncode != 0:
            sys.exit(result.stderr)
        files = precache.read((site / precache.SW_NAME).read_text(encoding="utf-8"))["files"]
        sizes = {f: (site / f).read_bytes() for f in files}
        packed = {f: len(gzip.compress(b, 6)) for f, b in sizes.items()}
        raw = sum(len(b) for b in sizes.values())
        built = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"built site:        {built:>10,} bytes")
        print(f"precached files:   {len(files):>10}")
        print(f"precached, raw:    {raw:>10,} bytes")
        print(f"precached, gzip:   {sum(packed.values()):>10,} bytes (first visit over a compressing server)")
        print("largest precached files (raw / gzip):")
        for f, b in sorted(sizes.items(), key=lambda kv: -len(kv[1]))[:6]:
            print(f"  {f:<52} {len(b):>9,} / {packed[f]:>8,}")
        page = (site / "themes/managing-transitions.html").read_bytes()
        print(f"theme page HTML:   {len(page):>10,} bytes raw, {len(gzip.compress(page, 6)):,} gzip")


if __name__ == "__main__":
    main()
