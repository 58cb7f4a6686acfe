"""Shared fixtures: the built site, a local web server, and real Chromium.

The site is built once per test session with ``mkdocs build --strict`` (a
warning fails it). Browser tests use Playwright with the system Chromium
(``CHROMIUM`` or the first of chromium / chromium-browser on PATH), a fresh
browser context per test, so localStorage starts empty.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def build_site(dest: Path, *, config: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build with --strict into ``dest``; return the finished process (check returncode)."""
    cmd = MKDOCS + ["build", "--strict", "--site-dir", str(dest)]
    if config:
        cmd += ["--config-file", str(config)]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=full_env)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return dest


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of the shipped content/ folder, for a test to change."""
    return Path(shutil.copytree(ROOT / "content", tmp_path / "content"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def end_headers(self):
        # like a real static host: revalidate, so tests see what was deployed
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class StaticServer:
    """Serve a folder on 127.0.0.1; ``root`` can be swapped to 'deploy' anew."""

    def __init__(self, root: Path, prefix: str = "/"):
        self.root = Path(root)
        self.prefix = prefix
        outer = self

        class Handler(_QuietHandler):
            def __init__(self, *a, **kw):
                super().__init__(*a, directory=str(outer.root), **kw)

            def translate_path(self, path):
                if outer.prefix != "/" and path.startswith(outer.prefix):
                    path = "/" + path[len(outer.prefix):]
                elif outer.prefix != "/":
                    path = "/__not_found__"
                return super().translate_path(path)

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def server(site_dir):
    srv = StaticServer(site_dir)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def base_url(server) -> str:
    return server.url


def chromium_path() -> str:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    pytest.fail("No Chromium found: run ./run.sh test, which installs Debian's chromium package")


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    b = playwright_instance.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
    yield b
    b.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1024, "height": 768})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.page_errors = errors  # tests can assert no uncaught error
    yield pg
