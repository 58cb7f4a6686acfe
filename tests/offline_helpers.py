"""Helpers shared by the offline, hosting and CSP browser tests (issue 6)."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, build_site

#: Collects Content-Security-Policy violations in every page and frame. Init
#: scripts come from the browser driver, so the policy itself does not block it.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
  try { if (window.top && window.top !== window) window.top.__cspViolations.push('frame: ' + e.violatedDirective + ' ' + e.blockedURI); } catch (err) {}
});
"""

#: Wait until the service worker is active (so its precache is complete: the
#: install step only finishes once every file is cached) and controls the page.
WAIT_FOR_SW = """
async () => {
  const reg = await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  }
  const names = await caches.keys();
  const mine = names.filter(n => n.startsWith('actionplan:' + reg.scope + ':'));
  const cache = await caches.open(mine[0]);
  return { scope: reg.scope, caches: mine, cached: (await cache.keys()).length };
}
"""


def html_pages(site: Path) -> list[str]:
    """Every built page, as a path relative to the site root."""
    return sorted(p.relative_to(site).as_posix() for p in Path(site).rglob("*.html"))


def precache_files(site: Path) -> list[str]:
    from actionplan import precache

    return precache.read((Path(site) / precache.SW_NAME).read_text(encoding="utf-8"))["files"]


def copy_repo(dest: Path) -> Path:
    """A copy of the project to build a changed version from (no .git, .venv, builds)."""
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", ".pytest_cache", "node_modules", "tmp")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def build_or_fail(dest: Path, **kw) -> Path:
    result = build_site(dest, **kw)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return dest


def search(page, term: str):
    """Open Material's search, type ``term`` and return the result items locator."""
    box = page.locator("input.md-search__input")
    box.click()
    # Material ignores what is typed before its search worker has the index
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/initiali[sz]ing/i.test(m.textContent); }", timeout=15000)
    box.fill(term)
    box.press("End")  # Material reads the query on keyup
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="visible", timeout=15000)
    return items
