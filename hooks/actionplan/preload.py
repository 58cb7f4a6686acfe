"""Let the browser fetch a page's scripts early, despite the CSP <meta> tag.

Chromium's look-ahead ("preload scanner") stops at any Content-Security-Policy
given in a <meta> tag (crbug.com/1458493), and a static site can only give its
policy that way (csp.py). The scripts at the end of <body> are then fetched one
after another, each only when the parser reaches it, and the page finishes
loading late. A ``<link rel="preload" as="script">`` for each of them, just
before the first, starts them all at once when the parser gets there: after
the page above them, so they do not compete with what the first paint needs.
Plain Python, no MkDocs: applied to each finished page after the build.
"""
from __future__ import annotations

import re

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)\bsrc=\"(?P<src>[^\"]+)\"(?P<more>[^>]*)>", re.I)
_MARK = "<!-- ap:preload -->"


def add_preloads(page: str) -> str:
    """Return ``page`` with a preload link, before the first of them, for each parser-blocking
    script of its <body> on this site (not async, not deferred, not a module)."""
    head_end = page.find("</head>")
    if head_end < 0 or _MARK in page:
        return page
    links, first = [], None
    for m in _SCRIPT.finditer(page, head_end):
        attrs = (m.group("attrs") + m.group("more")).lower()
        src = m.group("src")
        if re.search(r"\b(async|defer)\b|type=\"module\"", attrs) or re.match(r"[a-z]+:|//", src, re.I):
            continue
        links.append(f'<link rel="preload" as="script" href="{src}">')
        first = m.start() if first is None else first
    if len(links) < 2:  # one script needs no look-ahead
        return page
    return page[:first] + _MARK + "".join(links) + "\n" + page[first:]
