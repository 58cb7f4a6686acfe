"""The CSP lets only the templates' own inline scripts run (issue 12).

The content check stops script in ``content/``; this is the second line. A
site is built whose hand-written page holds an inline script, an event handler
and a ``javascript:`` link (hand-written pages are not content, so nothing
checks them): in real Chromium none of them runs, the policy reports each, and
the site's own scripts (Material's inline ones, ours in ap-head.html, and the
script files) still work. The same site has a theme summary with quotes in it,
which must stay inside the page description instead of adding a redirect.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

from actionplan import csp
from conftest import ROOT, StaticServer
from offline_helpers import CSP_LISTENER, build_or_fail, copy_repo, search

TEMPLATE_DIRS = [ROOT / "overrides", Path(material.__file__).parent / "templates"]
INJECTED_SCRIPT = 'document.documentElement.setAttribute("data-injected", "script")'
INJECTED = f"""

<script>{INJECTED_SCRIPT}</script>

<p><img src="no-such-image.png" alt="" onerror="document.documentElement.setAttribute('data-injected', 'handler')">
<a id="injected-link" href="javascript:document.documentElement.setAttribute('data-injected','link')">A test link</a></p>
"""
SUMMARY = 'Care that "fits" x" http-equiv="refresh" content="0;url=https://example.org/'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    repo = copy_repo(tmp_path_factory.mktemp("hostile") / "repo")
    page = repo / "docs/about/sources.md"
    page.write_text(page.read_text(encoding="utf-8") + INJECTED, encoding="utf-8")
    theme = repo / "content/themes/managing-transitions.yml"
    text = theme.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("summary:"))
    theme.write_text(text.replace(old, "summary: '" + SUMMARY + "'"), encoding="utf-8")
    return build_or_fail(tmp_path_factory.mktemp("hostile-site"), config=repo / "mkdocs.yml")


def _script_src(page_html: str) -> str:
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page_html).group(1)
    return re.search(r"script-src ([^;]*)", policy).group(1)


def test_the_allow_list_comes_from_the_templates():
    allowed = csp.template_scripts(TEMPLATE_DIRS)
    ours = re.search(r"<script(?:\s[^>]*)?>(.*?)</script>", (ROOT / "overrides/partials/ap-head.html").read_text()).group(1)
    assert allowed.allows(ours)
    scope = next(p for p in allowed.patterns if "__md_scope" in p.pattern)
    material_head = scope.pattern  # Material's head script, with base_url as a hole
    good = re.sub(r"\[A-Za-z0-9_\.~/:%\+\\-\]\*", "..", material_head).replace("\\", "")
    assert allowed.allows(good)
    assert not allowed.allows(good.replace('URL("..",', 'URL(""+alert(1)+"",'))
    assert not allowed.allows(INJECTED_SCRIPT)
    assert not allowed.allows("alert(1)")


def test_add_csp_hashes_only_allowed_scripts():
    allowed = csp.ScriptAllowList({"theirs()"})
    page = ('<html><head><meta charset="utf-8"><script>theirs()</script></head><body>'
            '<article class="md-content__inner md-typeset"><script>injected()</script></article></body></html>')
    out = csp.add_csp(page, allowed=allowed)
    assert csp.sha256_source("theirs()") in out
    assert csp.sha256_source("injected()") not in out


def test_the_built_policy_leaves_out_the_injected_script(hostile_site):
    text = (hostile_site / "about/sources.html").read_text(encoding="utf-8")
    assert f"<script>{INJECTED_SCRIPT}</script>" in text  # the page really holds it
    script_src = _script_src(text)
    assert csp.sha256_source(INJECTED_SCRIPT) not in script_src
    assert "unsafe" not in script_src
    for body in csp.inline_scripts(text):  # every other inline script is hashed
        assert (body == INJECTED_SCRIPT) != (csp.sha256_source(body) in script_src), body


class _Metas(HTMLParser):
    def __init__(self):
        super().__init__()
        self.metas: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            self.metas.append(dict(attrs))


def test_quotes_in_a_summary_stay_in_the_description(hostile_site):
    parser = _Metas()
    parser.feed((hostile_site / "themes/managing-transitions.html").read_text(encoding="utf-8"))
    description = [m for m in parser.metas if m.get("name") == "description"]
    assert [m["content"] for m in description] == [SUMMARY]
    assert not [m for m in parser.metas if m.get("http-equiv", "").lower() == "refresh"]


@pytest.mark.browser
def test_injected_script_does_not_run_and_the_site_still_works(context, hostile_site):
    server = StaticServer(hostile_site)
    try:
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server.url + "about/sources.html")
        page.click("#injected-link")
        page.wait_for_timeout(500)
        injected = page.evaluate("document.documentElement.getAttribute('data-injected')")
        assert injected is None, f"the injected {injected} ran"
        violations = page.evaluate("window.__cspViolations")
        assert sum("script-src" in v for v in violations) >= 3, violations  # the script, the handler, the link
        # the site's own scripts: ours before first paint, Material's inline ones, the script files
        assert page.evaluate("document.documentElement.classList.contains('ap-js')")
        assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL")
        # (a plain page loads no storage code since issue 17: APStore is checked on the theme page below)
        assert page.evaluate("typeof window.APCommon === 'object' && typeof window.APCommon.keyPrefix === 'string'")
        assert search(page, "transitions").count() >= 1  # Material's bundle and search worker
        assert errors == [], errors

        # a theme page works as before: a rating is saved, and the quoted summary did not redirect
        page.goto(server.url + "themes/managing-transitions.html")
        assert page.evaluate("typeof window.APStore === 'object' && typeof window.APPage === 'object'")
        page.locator("input[type=radio][data-ap-field=rating]").first.check()
        page.wait_for_timeout(300)
        assert page.url.endswith("themes/managing-transitions.html")
        assert page.evaluate("window.__cspViolations") == []
        keys = page.evaluate("Object.keys(localStorage).filter(k => k.includes('ap:'))")
        assert keys, "nothing was saved"
        assert page.evaluate("document.querySelector('meta[name=description]').content") == SUMMARY
    finally:
        server.close()
