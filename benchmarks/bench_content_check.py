"""How long loading and checking content/ takes, and the worst a hostile file can cost (issue 12).

Prints figures; never fails on time. Run: .venv/bin/python benchmarks/bench_content_check.py
"""
from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from actionplan import ContentErrors, load_toolkit, safety  # noqa: E402
from actionplan.forms import load_forms  # noqa: E402
from actionplan.yamlload import MAX_BYTES, load_yaml  # noqa: E402

CONTENT = ROOT / "content"


def _median_ms(fn, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _texts(k) + _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def shipped() -> None:
    full = _median_ms(lambda: load_forms(CONTENT, load_toolkit(CONTENT)))
    files = sorted(CONTENT.rglob("*.yml"))
    texts = [t for f in files for t in _texts(load_yaml(f, []))]
    check = _median_ms(lambda: [safety.text_findings(t) for t in texts])
    print(f"shipped content ({len(files)} files, {len(texts)} texts, {sum(map(len, texts)):,} characters): "
          f"load and check {full:.1f} ms, of which the script check {check:.1f} ms (medians of 15)")


_SLOW = safety.MAX_TEXT - 2 * safety.MAX_BRACKETS - 10


def hostile() -> None:
    laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    cases = {
        "9^9 aliases (billion laughs)": laughs,
        "10,000 nested [": "x: " + "[" * 10000 + "]" * 10000 + "\n",
        "10,000 nested -": "x:\n  " + "- " * 10000 + "y\n",
        f"a file just under {MAX_BYTES // 1024} KB of text": "x: |\n" + ("  " + "word " * 19 + "\n") * (MAX_BYTES // 100 - 10),
        f"{safety.MAX_TEXT:,} characters of '<a'": "x: '" + "<a" * (safety.MAX_TEXT // 2) + "'\n",
        f"{safety.MAX_TEXT:,} characters of '<!--' then '>'": "x: '" + "<!--" * (safety.MAX_TEXT // 4 - 1) + ">'\n",
        f"{MAX_BYTES // 1024} KB of fields each {safety.MAX_TEXT:,} characters of '<a'":
            "".join(f"x{i}: '" + "<a" * (safety.MAX_TEXT // 2 - 2) + "'\n" for i in range(MAX_BYTES // (safety.MAX_TEXT + 10))),
        # issue 19: the Markdown each text is rendered with is slowest on these (measured)
        f"{MAX_BYTES // 1024} KB of fields each {safety.MAX_TEXT:,} characters, {safety.MAX_BRACKETS} '[' and '`a '":
            "".join(f"x{i}: |\n  " + "[" * safety.MAX_BRACKETS + ("`a " * safety.MAX_TEXT)[:_SLOW] + "]" * safety.MAX_BRACKETS
                    + "\n" for i in range(MAX_BYTES // (safety.MAX_TEXT + 12))),
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.yml"
        for name, text in cases.items():
            path.write_text(text, encoding="utf-8")
            problems: list = []
            start = time.perf_counter()
            load_yaml(path, problems)
            took = (time.perf_counter() - start) * 1000
            first = str(problems[0]).splitlines()[0].split(": ", 1)[1][:70] if problems else "accepted"
            print(f"  {name}: {took:,.0f} ms, {len(problems)} problem(s): {first}")


if __name__ == "__main__":
    shipped()
    print("hostile files (each read once):")
    hostile()
