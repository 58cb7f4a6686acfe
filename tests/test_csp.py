"""Content-Security-Policy (issue 6): only the site's own origin, no violation.

Every built page carries a CSP meta tag before its first script, with the
hashes of exactly its inline scripts. In real Chromium, every page (served,
and opened from disk with search through the iframe-worker shim) loads with
no violation reported by ``securitypolicyviolation`` or on the console.
"""
from __future__ import annotations

import re

import pytest

from actionplan import csp
from offline_helpers import CSP_LISTENER, html_pages, search


def _policy(page_html: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page_html)
    assert m, "no CSP meta tag"
    return m.group(1)


def test_every_page_has_a_strict_policy_before_any_script(site_dir):
    for rel in html_pages(site_dir):
        text = (site_dir / rel).read_text(encoding="utf-8")
        policy = _policy(text)
        assert text.count('http-equiv="Content-Security-Policy"') == 1, rel
        assert text.index("Content-Security-Policy") < text.index("<script"), rel
        assert "default-src 'self'" in policy
        assert "unsafe-eval" not in policy and "unsafe-inline" not in policy, rel
        assert "http" not in policy, f"{rel}: a host is allowed: {policy}"
        script_src = re.search(r"script-src ([^;]*)", policy).group(1)
        for body in csp.inline_scripts(text):
            assert csp.sha256_source(body) in script_src, rel


def test_inline_scripts_and_data_blocks():
    page = ('<html><head><meta charset="utf-8"><script>a()</script>'
            '<script id="__config" type="application/json">{"search": "w.js"}</script>'
            '<script src="x.js"></script></head><body><script>b()</script></body></html>')
    assert csp.inline_scripts(page) == ["a()", "b()"]
    out = csp.add_csp(page)
    assert out.index("Content-Security-Policy") < out.index("<script")
    assert csp.sha256_source("a()") in out and csp.sha256_source("b()") in out
    assert csp.add_csp(out).count("Content-Security-Policy") == 1  # idempotent


def test_iframe_worker_script_is_derived_from_the_vendored_shim(site_dir):
    shim = (site_dir / "assets/javascripts/vendor/iframe-worker-shim.js").read_text(encoding="utf-8")
    body = csp.iframe_worker_script(shim, "../w.js")
    assert body and body.startswith("postMessage=function c(") and 'filename:"../w.js"' in body


def _watch(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}")
            if m.type == "error" or "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda exc: messages.append(f"uncaught: {exc}"))
    return messages


@pytest.mark.browser
def test_no_violation_served(context, site_dir, base_url):
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    console = _watch(page)
    for rel in html_pages(site_dir):
        page.goto(base_url + rel)
        assert page.evaluate("window.__cspViolations") == [], rel
    page.goto(base_url + "themes/index.html")
    search(page, "culture")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cspViolations") == []
    assert console == [], console


@pytest.mark.browser
def test_no_violation_from_disk_and_search_works(context, site_dir):
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    console = _watch(page)
    root = site_dir.as_uri() + "/"
    for rel in ("index.html", "themes/managing-transitions.html", "about/index.html"):
        page.goto(root + rel)
        assert page.evaluate("window.__cspViolations") == [], rel
    items = search(page, "transitions")   # search worker runs in the shim's iframe
    assert items.count() >= 1
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cspViolations") == []
    assert console == [], console
