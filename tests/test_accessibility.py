"""axe-core finds nothing on any page: WCAG 2.2 AA is a standing bar.

Every built page is checked, on a tablet-sized screen and on a phone-sized one
(Material moves the navigation into a drawer there), so a page added later is
checked without anyone remembering to add it here.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}


def _pages(site_dir):
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def _describe(results) -> str:
    lines = []
    for v in results.response["violations"]:
        for node in v["nodes"][:3]:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", [(820, 1180), (390, 844)], ids=["tablet", "phone"])
def test_axe_finds_nothing_on_any_page(browser, site_dir, base_url, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    failures = {}
    try:
        for rel in _pages(site_dir):
            page.goto(base_url + rel)
            results = AXE.run(page, options=OPTIONS)
            if results.violations_count:
                failures[rel] = _describe(results)
    finally:
        context.close()
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
