"""Content-Security-Policy for the built pages (plain Python, no MkDocs).

The policy allows only the site's own origin. Material for MkDocs writes a few
small inline scripts into every page (``__md_scope``/``__md_get``, the
location-hash fix, ...), and so do our templates (the ``ap-js`` script in
``overrides/partials/ap-head.html``), so instead of ``'unsafe-inline'`` each
page gets the SHA-256 hashes of the inline scripts it contains that the
templates put there (issue 12). Which those are is derived from the templates
themselves (:func:`template_scripts`): an inline script written into a page's
text (by content, or in a hand-written page) is not hashed, so it does not
run. The ``<meta>`` tag must come before the first script it governs, so it is
inserted straight after ``<meta charset>`` once the page is finished
(``on_post_build``).

Opened from disk (``file://``), Material runs search through the
``iframe-worker`` shim, which writes one inline script into a hidden iframe;
that iframe inherits this policy, so its hash is added too (see
:func:`iframe_worker_script`).
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

#: Directives apart from script-src (which carries per-page hashes).
#: style-src has no 'unsafe-inline': Material sets styles through the CSSOM,
#: which CSP does not restrict, and our pages have no inline style.
BASE_POLICY = {
    "default-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],       # Material's CSS icons are data: SVGs
    "font-src": ["'self'"],
    "connect-src": ["'self'"],            # search index, precache
    "worker-src": ["'self'"],             # search worker, service worker
    "frame-src": ["'self'"],              # iframe-worker shim (file://)
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

META_RE = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)
CHARSET_RE = re.compile(r"<meta charset=[^>]*>", re.I)
# An inline script: a <script> without src, whose type (if any) runs as JavaScript.
SCRIPT_RE = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


def sha256_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _attr(attrs: str, name: str) -> str | None:
    m = re.search(r"\b" + name + r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", attrs, re.I)
    if not m:
        return None
    return html.unescape(next(g for g in m.groups() if g is not None))


def inline_scripts(page: str) -> list[str]:
    """The bodies of the executable inline scripts in ``page``, in order."""
    found = []
    for m in SCRIPT_RE.finditer(page):
        attrs = m.group("attrs") or ""
        if _attr(attrs, "src") is not None:
            continue
        if (_attr(attrs, "type") or "").strip().lower() not in JS_TYPES:
            continue  # data blocks such as Material's __config JSON do not run
        found.append(m.group("body"))
    return found


# ---------------------------------------------------------------- the allow-list

#: What a template expression inside a script may turn into: a path or URL
#: (``base_url`` is ".", ".." or "../.."), never a quote, backslash, "<" or space.
HOLE = r"[A-Za-z0-9_.~/:%+\-]*"
_JINJA_EXPR = re.compile(r"\{\{.*?\}\}", re.S)


def _holes_inside_strings(body: str) -> bool:
    """True when every ``{{ ... }}`` in a template script is inside a JS string literal."""
    quote = None
    i = 0
    while i < len(body):
        c = body[i]
        if body.startswith("{{", i) and quote not in ('"', "'"):
            return False
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'`":
            quote = c
        i += 1
    return True


class ScriptAllowList:
    """The inline scripts the templates write: exact texts, and texts with holes."""

    def __init__(self, exact: set[str] | None = None, patterns: list[re.Pattern] | None = None):
        self.exact = set(exact or ())
        self.patterns = list(patterns or ())

    def add(self, template_body: str) -> bool:
        """Add one ``<script>`` body from a template; False if it cannot be allowed safely."""
        if "{%" in template_body or "{#" in template_body:
            return False  # logic inside a script: what it prints cannot be known
        if "{{" not in template_body:
            self.exact.add(template_body)
            return True
        if not _holes_inside_strings(template_body):
            return False
        parts = _JINJA_EXPR.split(template_body)
        self.patterns.append(re.compile(HOLE.join(re.escape(p) for p in parts), re.S))
        return True

    def allows(self, body: str) -> bool:
        return body in self.exact or any(p.fullmatch(body) for p in self.patterns)

    def __len__(self) -> int:
        return len(self.exact) + len(self.patterns)


def template_scripts(template_dirs) -> ScriptAllowList:
    """Every inline script in the theme's templates (``config.theme.dirs``: our
    overrides and Material's), as an allow-list for :func:`add_csp`."""
    allow = ScriptAllowList()
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            text = path.read_text(encoding="utf-8", errors="replace")
            for m in SCRIPT_RE.finditer(text):
                attrs = m.group("attrs") or ""
                if _attr(attrs, "src") is not None or "{{" in attrs and "src" in attrs.lower():
                    continue
                if (_attr(attrs, "type") or "").strip().lower() not in JS_TYPES:
                    continue
                allow.add(m.group("body"))
    return allow


def material_config(page: str) -> dict:
    m = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(m.group(1)) if m else {}


def iframe_worker_script(shim_source: str, worker_url: str) -> str | None:
    """The inline script the iframe-worker shim writes into its iframe.

    The shim builds it from the source text of its own two helper functions
    (``Function.prototype.toString`` returns them verbatim) and the worker URL
    exactly as Material passes it (the relative ``search`` path of __config).
    """
    post = re.search(r"function c\(s,n\)\{.*?\}(?=function d)", shim_source)
    imp = re.search(r"function d\(\.\.\.s\)\{.*?\)\}(?=var o=)", shim_source)
    if not (post and imp):
        return None
    return (
        f"postMessage={post.group(0)};importScripts={imp.group(0)};"
        'addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",'
        f'{{filename:"{worker_url}",error}}))}})'
    )


def policy(script_hashes: list[str]) -> str:
    directives = dict(BASE_POLICY)
    directives["script-src"] = ["'self'", *sorted(set(script_hashes))]
    order = ["default-src", "script-src", *[k for k in BASE_POLICY if k != "default-src"]]
    return "; ".join(" ".join([name, *directives[name]]) for name in order)


def add_csp(page: str, shim_source: str | None = None, allowed: ScriptAllowList | None = None) -> str:
    """Return ``page`` with a CSP meta tag (any older one replaced).

    With ``allowed`` (the build always passes :func:`template_scripts`), only the
    inline scripts it allows are hashed; without it, every inline script is,
    which is only right for a page with no authored text in it.
    """
    page = META_RE.sub("", page)
    scripts = inline_scripts(page)
    if allowed is not None:
        scripts = [s for s in scripts if allowed.allows(s)]
    if shim_source:
        worker = material_config(page).get("search")
        extra = iframe_worker_script(shim_source, worker) if worker else None
        if extra:
            scripts.append(extra)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy([sha256_source(s) for s in scripts]), quote=False)}">'
    m = CHARSET_RE.search(page)
    if m:
        return page[: m.end()] + "\n    " + tag + page[m.end():]
    return re.sub(r"<head[^>]*>", lambda h: h.group(0) + tag, page, count=1, flags=re.I)
