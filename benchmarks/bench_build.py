"""Build and first-paint benchmark (issue 14), ours beside a stock Material site.

    .venv/bin/python benchmarks/bench_build.py      (or ./run.sh bench)

In one run it builds our site, and a stock Material for MkDocs site with the
same number of pages, each page with as much text as ours (made from our built
pages: same paths, same length of text), and prints:

- build time, ours / stock (aim: 1.3 or less); the median of a few builds each,
  wall clock and CPU time (the CPU time is steadier on a busy machine);
- the same with ten times the content (every theme copied nine times, and the
  stock site again made page for page from that build); aim: ten times the
  content in at most ten times the time;
- for the home, a theme, Your data, a worksheet (and the results page when it
  exists), opened in Chromium on a phone-sized screen from a local server with
  gzip: requests, render-blocking requests, bytes of our own and Material's CSS
  and JS (gzipped as sent / as stored), and the cumulative layout shift, ours
  beside the stock page of the same path.

The stock site uses Material's defaults, with `font: false` as ours (Google
Fonts cannot load here, and ours sends no request off the site). The service
worker is blocked while measuring, so only what the page itself asks for is
counted. It prints figures; it never fails on timing.
"""
from __future__ import annotations

import html
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from serve_gzip import Handler  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PAGES = ["index.html", "themes/managing-transitions.html", "your-data.html",
         "worksheets/managing-transitions.html", "results.html"]
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

WORDS = ("care home staff resident relative key worker plan talk choice day room meal visit family "
         "friend music garden walk story name time team meeting note rating action review month "
         "week good better small step kind calm safe own life home people").split()


# ---------------------------------------------------------------- building

def build(cmd_dir: Path, site: Path, config: Path | None = None, env: dict | None = None) -> tuple[float, float]:
    """Build once; return (wall seconds, CPU seconds of the build process)."""
    cmd = MKDOCS + ["-d", str(site)] + (["-f", str(config)] if config else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cmd_dir, capture_output=True, text=True, env={**ENV, **(env or {})})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"build failed: {' '.join(cmd)}\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed(ours: tuple, stock: tuple) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median wall and CPU time of RUNS builds of each, taken in turn."""
    o, s = [], []
    for _ in range(RUNS):
        o.append(build(*ours[:2], **ours[2]))
        s.append(build(*stock[:2], **stock[2]))
    med = lambda xs, i: statistics.median(x[i] for x in xs)  # noqa: E731
    return (med(o, 0), med(o, 1)), (med(s, 0), med(s, 1))


def article_text(page: Path) -> tuple[str, str]:
    """The title and the visible text of a built page's article."""
    text = page.read_text(encoding="utf-8")
    m = re.search(r"<article[^>]*>(.*?)</article>", text, re.S)
    body = m.group(1) if m else ""
    body = re.sub(r"<(script|template|style)\b.*?</\1>", " ", body, flags=re.S)
    words = html.unescape(re.sub(r"<[^>]+>", " ", body))
    t = re.search(r"<title>(.*?)</title>", text, re.S)
    return (html.unescape(t.group(1)).split(" - ")[0] if t else page.stem), re.sub(r"\s+", " ", words).strip()


def stock_site(our_site: Path, dest: Path) -> Path:
    """A stock Material project with a page for every page of ours, as long."""
    docs = dest / "docs"
    for page in our_site.rglob("*.html"):
        rel = page.relative_to(our_site)
        if rel.parts[0] in ("assets", "search") or rel.name == "404.html":
            continue
        title, text = article_text(page)
        out, n, i = [f"# {title}\n"], len(text), 0
        para: list[str] = []
        while n > 0:
            word = WORDS[i % len(WORDS)]
            para.append(word)
            n -= len(word) + 1
            i += 7
            if len(para) == 60:
                out.append(" ".join(para).capitalize() + ".\n")
                para = []
                if len(out) % 4 == 0:
                    out.append(f"## Part {len(out) // 4}\n")
        if para:
            out.append(" ".join(para).capitalize() + ".\n")
        target = docs / rel.with_suffix(".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(out), encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: Stock\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n",
        encoding="utf-8")
    return dest / "mkdocs.yml"


def tenfold_content(dest: Path) -> Path:
    """content/ with every theme nine more times (new ids, titles and order)."""
    shutil.copytree(ROOT / "content", dest)
    themes = sorted((ROOT / "content/themes").glob("*.yml"))
    for k in range(1, 10):
        for f in themes:
            text = f.read_text(encoding="utf-8")
            text = re.sub(r"^id: (\S+)", rf"id: \1-copy{k}", text, count=1, flags=re.M)
            text = re.sub(r"^(\s*- id: )(\S+)", rf"\1\2-copy{k}", text, flags=re.M)
            text = re.sub(r"^order: (\d+)", lambda m: f"order: {int(m.group(1)) + 100 * k}", text, count=1, flags=re.M)
            text = re.sub(r"^title: (.+)$", rf"title: \1 {k}", text, count=1, flags=re.M)
            # the good-practice stories list the themes they belong to: not the copies
            text = re.sub(r"^case_studies:.*\n(?:[ \t]+-.*\n)*", "", text, flags=re.M)
            (dest / "themes" / f"{f.stem}-copy{k}.yml").write_text(text, encoding="utf-8")
    return dest


# ---------------------------------------------------------------- in the browser

MEASURE = """() => new Promise(resolve => {
  let cls = 0;
  new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) cls += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  // Render-blocking: what the head makes the first paint wait for (stylesheets for
  // the screen, scripts without async or defer). Chromium also reports scripts at the
  // end of <body> as "blocking" when the parser found them itself (a CSP <meta> stops
  // its look-ahead), but the page above them is painted without waiting.
  const head = new Set([...document.head.querySelectorAll('link[rel=stylesheet][href], script[src]')]
    .filter(e => e.tagName === 'SCRIPT' ? !(e.async || e.defer) : !/print/.test(e.media || ''))
    .map(e => new URL(e.getAttribute(e.tagName === 'SCRIPT' ? 'src' : 'href'), location).href));
  setTimeout(() => resolve({cls,
    resources: performance.getEntriesByType('resource').map(r => ({
      url: r.name, blocking: r.renderBlockingStatus === 'blocking' && head.has(r.name),
      sent: r.transferSize, size: r.decodedBodySize, type: r.initiatorType})),
    fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime}), 300);
})"""


def serve(root: Path):
    import http.server
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def material(url: str) -> bool:
    return bool(re.search(r"assets/(stylesheets/(main|palette)\.|javascripts/(bundle\.|workers/|lunr/))", url))


def measure(browser, url: str) -> dict | None:
    ctx = browser.new_context(viewport={"width": 412, "height": 823}, service_workers="block")
    try:
        page = ctx.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        response = page.goto(url, wait_until="load")
        if response is None or response.status != 200:
            return None
        page.wait_for_timeout(700)
        data = page.evaluate(MEASURE)
    finally:
        ctx.close()
    out = {"requests": len(requests), "blocking": sum(r["blocking"] for r in data["resources"]),
           "cls": data["cls"], "fcp": data["fcp"]}
    for who in ("ours", "material"):
        for kind in ("css", "js"):
            rs = [r for r in data["resources"]
                  if (material(r["url"]) == (who == "material"))
                  and re.search(rf"\.{kind}(\?|$)", r["url"])]
            out[f"{who}_{kind}"] = (sum(r["sent"] for r in rs), sum(r["size"] for r in rs))
    return out


def kb(pair: tuple[int, int]) -> str:
    return f"{pair[0] / 1024:5.1f}/{pair[1] / 1024:5.1f}"


def browser_table(ours: Path, stock: Path) -> None:
    from playwright.sync_api import sync_playwright
    from conftest import CHROMIUM_ARGS, chromium_path

    s1, our_url = serve(ours)
    s2, stock_url = serve(stock)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            print("\nFirst load in Chromium, phone screen, gzip (KB sent/stored; service worker blocked;"
                  "\n'block': render-blocking requests in the head):")
            print(f"  {'page':<38} {'site':<5} {'req':>4} {'block':>5} {'our CSS':>11} {'our JS':>11} "
                  f"{'Mat. CSS':>11} {'Mat. JS':>11} {'CLS':>7}")
            for path in PAGES:
                if not (ours / path).is_file():
                    continue
                for name, base in (("ours", our_url), ("stock", stock_url)):
                    m = measure(browser, base + path)
                    if m is None:
                        print(f"  {path:<38} {name:<5} (no such page)")
                        continue
                    print(f"  {path:<38} {name:<5} {m['requests']:>4} {m['blocking']:>5} {kb(m['ours_css']):>11} "
                          f"{kb(m['ours_js']):>11} {kb(m['material_css']):>11} {kb(m['material_js']):>11} "
                          f"{m['cls']:>7.4f}")
            browser.close()
    finally:
        s1.shutdown()
        s2.shutdown()


# ---------------------------------------------------------------- main

def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ours = tmp / "ours"
        build(ROOT, ours)
        stock_cfg = stock_site(ours, tmp / "stock")
        n_pages = sum(1 for _ in (tmp / "stock/docs").rglob("*.md"))
        (ow, oc), (sw, sc) = timed((ROOT, tmp / "o1", {}), (stock_cfg.parent, tmp / "s1", {"config": stock_cfg}))
        print(f"Build ({n_pages} pages each, median of {RUNS}):  ours {ow:.2f} s wall / {oc:.2f} s CPU,"
              f"  stock {sw:.2f} s / {sc:.2f} s")
        print(f"  ours / stock: {ow / sw:.2f} wall, {oc / sc:.2f} CPU   (aim: 1.3 or less)")

        content10 = tenfold_content(tmp / "content10")
        env10 = {"ACTION_PLAN_CONTENT": str(content10)}
        ours10 = tmp / "ours10"
        build(ROOT, ours10, env=env10)
        stock10_cfg = stock_site(ours10, tmp / "stock10")
        n10 = sum(1 for _ in (tmp / "stock10/docs").rglob("*.md"))
        (ow10, oc10), (sw10, sc10) = timed((ROOT, tmp / "o10", {"env": env10}),
                                           (stock10_cfg.parent, tmp / "s10", {"config": stock10_cfg}))
        words = lambda site: sum(len(article_text(p)[1]) for p in site.rglob("*.html")  # noqa: E731
                                 if p.relative_to(site).parts[0] not in ("assets", "search"))
        grow = words(ours10) / words(ours)
        print(f"Ten times the themes ({n10} pages, {grow:.1f}x the text):  ours {ow10:.2f} s / {oc10:.2f} s CPU,"
              f"  stock {sw10:.2f} s / {sc10:.2f} s")
        print(f"  ours / stock: {ow10 / sw10:.2f} wall, {oc10 / sc10:.2f} CPU")
        print(f"  ours 10x / ours 1x: {ow10 / ow:.2f} wall, {oc10 / oc:.2f} CPU   (aim: at most 10)")

        browser_table(ours, tmp / "s1")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--stock-site"]:  # for lighthouse.sh: OUR_SITE DEST -> DEST/site
        our_site, dest = Path(sys.argv[2]), Path(sys.argv[3])
        config = stock_site(our_site, dest)
        build(dest, dest / "site", config=config)
    else:
        main()
