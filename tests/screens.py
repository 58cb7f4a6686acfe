"""Screenshots of every page, and a list of what looks wrong on them (issue 19).

    ./run.sh screens                        # everything, into screens/
    ./run.sh screens --pages themes/ results --sizes 375x812 --text larger --states example

It builds the site, serves it on 127.0.0.1, and with one Chromium saves a full-page
PNG of every page, empty and with the example home loaded ("Load the example
home" on the Results page), at 768x1024, 1024x768 and 375x812, at normal and
"larger" text, into screens/<state>/<size>-<text>/. It prints the Results report
and a theme worksheet to PDF and turns their pages into PNGs (pdftoppm) in
screens/print/. Then it lists what it finds wrong on its own:

- a page wider than the screen, or a box that scrolls sideways without being a
  labelled region that shows it scrolls;
- an error or warning that shows where nothing is wrong;
- a button in the markup that no one can see (in a state where it is meant to
  show, or in none of the states visited: besides empty and the example home,
  the states of tests/screen_states.py, such as a form or a confirmation open);
- text under 12 px on screen.

It always exits 0: it prints "nothing wrong", or the list.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "hooks"))  # the generator, as pytest finds it (pythonpath)

from conftest import CHROMIUM_ARGS, ROOT, StaticServer, build_site, chromium_path  # noqa: E402
from screen_checks import NeverSeen, findings, hidden_buttons, load_example_home  # noqa: E402
from screen_states import SHOWN_ELSEWHERE, page_kind, visit_states  # noqa: E402

SIZES = ["768x1024", "1024x768", "375x812"]
TEXT = ["normal", "larger"]
STATES = ["empty", "example"]
TEXT_SIZE_KEY = "/ap:text-size"


def _args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", nargs="*", default=[], help="only pages whose path holds one of these")
    p.add_argument("--sizes", nargs="*", default=SIZES, help="WIDTHxHEIGHT (default: %(default)s)")
    p.add_argument("--text", nargs="*", default=TEXT, choices=["normal", "large", "larger"])
    p.add_argument("--states", nargs="*", default=STATES, choices=STATES)
    p.add_argument("--no-print", action="store_true", help="skip the printed PDFs")
    p.add_argument("--no-states", action="store_true",
                   help="skip the other states (forms and confirmations open, an import...) that show buttons")
    p.add_argument("--out", default=str(ROOT / "screens"))
    return p.parse_args(argv)


def _name(rel: str) -> str:
    return rel.removesuffix(".html").replace("/", "--")


def _print(browser, url, out: Path, wrong: list[str]):
    """The Results report (example home loaded) and a theme worksheet, as PDF and PNG pages."""
    out.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1024, "height": 768}, service_workers="block")
    page = ctx.new_page()
    try:
        load_example_home(page, url)
        page.wait_for_selector("[data-ap-rs-chart] svg")
        jobs = {"results-report": None, "worksheet-managing-transitions": "worksheets/managing-transitions.html"}
        for name, rel in jobs.items():
            if rel:
                page.goto(url + rel)
            page.emulate_media(media="print")
            pdf = out / f"{name}.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
            page.emulate_media(media="screen")
            if shutil.which("pdftoppm"):
                subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(out / name)], check=False)
            else:
                wrong.append(f"print: no pdftoppm, so {pdf.name} was not turned into pictures "
                             "(install poppler-utils; ./run.sh screens does)")
    finally:
        ctx.close()


def main(argv=None) -> int:
    a = _args(argv if argv is not None else sys.argv[1:])
    from playwright.sync_api import sync_playwright

    started = time.time()
    out = Path(a.out)
    shutil.rmtree(out, ignore_errors=True)
    wrong: list[str] = []
    shots = 0
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        res = build_site(site)
        if res.returncode:
            print("The site did not build:\n" + res.stdout + res.stderr)
            return 0
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
        if a.pages:
            pages = [p for p in pages if any(f in p for f in a.pages)]
        srv = StaticServer(site)
        never: dict[str, NeverSeen] = {}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                for state in a.states:
                    for size in a.sizes:
                        w, h = (int(n) for n in size.split("x"))
                        for text in a.text:
                            ctx = browser.new_context(viewport={"width": w, "height": h}, service_workers="block")
                            page = ctx.new_page()
                            try:
                                page.goto(srv.url + "index.html")
                                if text != "normal":
                                    page.evaluate(f"localStorage.setItem('{TEXT_SIZE_KEY}', JSON.stringify('{text}'))")
                                if state == "example":
                                    load_example_home(page, srv.url)
                                folder = out / state / f"{size}-{text}"
                                folder.mkdir(parents=True, exist_ok=True)
                                for rel in pages:
                                    page.goto(srv.url + rel)
                                    page.wait_for_timeout(50)
                                    page.screenshot(path=str(folder / f"{_name(rel)}.png"), full_page=True)
                                    shots += 1
                                    where = f"{rel} ({state}, {size}, {text})"
                                    wrong += [f"{where}: {f}" for f in findings(page)]
                                    never.setdefault(page_kind(rel), NeverSeen()).visit(page)
                            finally:
                                ctx.close()
                if not a.no_states:
                    def look(page, name, rel):
                        wrong.extend(f"{rel} ({name}): {f}" for f in hidden_buttons(page))
                        if page_kind(rel) in never:
                            never[page_kind(rel)].visit(page)
                    visit_states(browser, srv.url, look)
                if not a.no_print:
                    _print(browser, srv.url, out / "print", wrong)
                browser.close()
        finally:
            srv.close()
    for kind, seen in (never.items() if not a.no_states else ()):  # without the states, most panels stay shut
        wrong += [f"{kind}: {n}" for n in seen.never() if n.split(": in the markup")[0] not in SHOWN_ELSEWHERE]
    print(f"{shots} screenshots in {out} ({time.time() - started:.0f} s)")
    if wrong:
        print(f"{len(wrong)} things look wrong:")
        for w in wrong:
            print("  - " + w)
    else:
        print("nothing wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main())
