"""What the browser benchmarks share: the site built into a temporary folder,
served on 127.0.0.1, and the system Chromium (as the tests use it).

    with built_site() as (site, url, browser):
        page = browser.new_context(service_workers="block").new_page()
        page.goto(url + "index.html")
"""
from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM_ARGS, StaticServer, build_site, chromium_path  # noqa: E402


@contextlib.contextmanager
def built_site():
    """Yield (site folder, its address, a Chromium browser); all closed afterwards."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        res = build_site(site)
        if res.returncode:
            sys.exit(res.stderr)
        srv = StaticServer(site)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                try:
                    yield site, srv.url, browser
                finally:
                    browser.close()
        finally:
            srv.close()
