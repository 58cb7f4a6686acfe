"""Content that cannot run script (issue 12).

Homes and commissioners edit ``content/``, and its text reaches the pages in
many ways: as Markdown, inside templates that do not escape it, in the page's
``<title>`` and ``<meta name="description">``. So every text value of every
content file is checked here, whatever field it is in and whatever renders it,
and the build stops on anything that could run script or change how the page
behaves, naming the file, the line and the fix:

- HTML tags other than a small list of harmless formatting tags
  (``ALLOWED_TAGS``): ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``,
  ``<meta>``, ``<form>``, ``<base>``, ``<link>``, ``<style>``, ``<svg>``, ...;
- attributes other than ``ALLOWED_ATTRIBUTES``: event handlers (``on...=``),
  ``style``, ``id``, ``srcdoc``, ...;
- links and images whose address runs script or is not a web page, in HTML or
  in Markdown (``[x](javascript:...)``, ``[x]: vbscript:...``,
  ``<a href="java&#115;cript:...">``, ``{ onclick=... }`` attribute lists);
  only ``https:``, ``http:``, ``mailto:``, ``tel:`` and addresses within the
  site are links, and images may also be PNG, JPEG, GIF or WebP ``data:``;
- images from other websites (the site loads nothing from elsewhere), however
  the address is written (``https://``, ``//host``, ``/\\host``, ``\\\\host``: a
  browser reads all of them as another site);
- a ``<`` that starts an HTML tag but never ends it (``<img src=x onerror=``),
  which the next field on the page could finish, and a ``<!--`` that never
  ends, which would hide the rest of the page;
- comments, ``<![CDATA[``, ``<!DOCTYPE`` and other ``<!`` declarations, and
  ``<?`` processing instructions: browsers end them in places a checker can
  misread (``<!-->``, ``--!>``, the first ``>`` of a CDATA section), so a tag
  could hide inside one (issue 19).

Two checks run on each text (issue 19). The first reads the source: every
Markdown link, image and reference definition wherever it is written (inside a
blockquote, indented in a list, its text or address over several lines), and
the HTML in it. The second closes the whole class rather than chasing
spellings: it renders the text with the site's own Markdown extensions
(``MARKDOWN_EXTENSIONS``, the same as mkdocs.yml) and reads the HTML that
Markdown actually makes against the same allow-lists of tags, attributes and
address schemes.

The HTML is read with Python's own HTML parser, which lowercases tag and
attribute names and decodes character references as a browser does, so
``<ScRiPt>`` and ``java&#x73;cript:`` are caught like the plain forms.

This is a check of the data, not of a renderer: ``load_yaml`` calls it for
every content file, so it holds whatever renders the text. The page's
Content-Security-Policy (``csp.py``) is a second line: it lets only the
theme's own inline scripts run.
"""
from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import ContentError

#: Tags a content writer may use: formatting only, nothing that loads, runs or submits.
ALLOWED_TAGS = frozenset("""
    a abbr b blockquote br caption cite code dd del details dfn div dl dt em figcaption figure
    h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup
    table tbody td tfoot th thead tr u ul
""".split())

#: Attributes a content writer may use on those tags.
ALLOWED_ATTRIBUTES = frozenset("""
    alt title href src width height lang dir class colspan rowspan scope start reversed
    cite datetime abbr open
""".split())

#: Attributes that hold an address.
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})

#: The longest text one field may hold (the longest shipped is under 1,000
#: characters); it also bounds the time the HTML check can take.
MAX_TEXT = 3000

#: The Markdown extensions of mkdocs.yml that change what HTML a text makes
#: (tests/test_content_safety.py checks this list against mkdocs.yml).
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "tables", "pymdownx.details")

#: The one ``style`` Markdown itself writes (the tables extension, for a column's alignment).
_TABLE_ALIGN = re.compile(r"text-align: (left|right|center);")

#: The most square brackets one text may hold (each link or image uses one; the
#: shipped texts hold none). Python-Markdown's time grows with brackets
#: times length, so this bounds the time the rendered-HTML check can take.
MAX_BRACKETS = 10

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
IMAGE_DATA = re.compile(r"data:image/(png|jpeg|jpg|gif|webp)[;,]", re.I)

_WHY = {
    "script": "it would run a program in the page of everyone who opens it",
    "iframe": "it would put another page or a program inside this one",
    "frame": "it would put another page or a program inside this one",
    "frameset": "it would put another page or a program inside this one",
    "object": "it would put another page or a program inside this one",
    "embed": "it would put another page or a program inside this one",
    "applet": "it would put another page or a program inside this one",
    "portal": "it would put another page or a program inside this one",
    "meta": "it would change how the whole page behaves (it can reload the page or send people elsewhere)",
    "base": "it would change where every link on the page goes",
    "link": "it would load something else into the page",
    "style": "it would change how the whole site looks, and can hide or fake parts of the page",
    "form": "it would add a form that could send or change people's answers",
    "input": "it would add a form control that could be mistaken for a real question",
    "button": "it would add a button that could be mistaken for one of the site's own",
    "select": "it would add a form control that could be mistaken for a real question",
    "textarea": "it would add a form control that could be mistaken for a real question",
    "svg": "it can carry script and links of its own",
    "math": "it can carry script and links of its own",
    "template": "it holds hidden markup that scripts can bring to life",
    "noscript": "it can hide markup from this check",
}

_FIX_TAG = ("take it out; for formatting use Markdown (**bold**, *italic*, lists, [a link](https://...)) "
            "or one of the HTML tags content may use: " + ", ".join(sorted(ALLOWED_TAGS)))
_FIX_LINK = ("link only to a web address starting https:// or http://, an email address (mailto:), "
             "a phone number (tel:), or a page of this site")


@dataclass(frozen=True)
class Text:
    """A text value of a content file and where it is written."""
    value: str
    line: int          # the line the value starts on (for a "|" or ">" block: the line of the "|")
    end_line: int
    style: str | None  # PyYAML's scalar style: None (plain), "'", '"', "|" or ">"


@dataclass(frozen=True)
class Finding:
    offset: int | None  # where in the value; None: found in the rendered HTML (the line is found by the needle)
    needle: str      # text to look for in the file, to find the line
    message: str
    fix: str


# ---------------------------------------------------------------- addresses

_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
# //host, /\host, \\host and \/host: a browser reads each as another site's address
_OTHER_HOST = re.compile(r"[/\\]{2}")


def url_problem(url: str, image: bool = False) -> str | None:
    """Why a link or image address is not allowed, or None.

    The address is decoded as a browser would (character references, Markdown
    backslash escapes, tabs and new lines inside it, spaces around it).
    """
    decoded = html.unescape(html.unescape(url))
    other_site = (f'the image "{_short(url)}" is on another website, and the site loads nothing from elsewhere '
                  "(it works offline, and its security policy would block it)")
    if image and _OTHER_HOST.match(_CONTROL.sub("", decoded)):  # as HTML reads it
        return other_site
    decoded = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", decoded)
    decoded = re.sub(r"[\t\n\r]", "", decoded).strip("\x00 \x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                     "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                                     "\x1c\x1d\x1e\x1f")
    squeezed = _CONTROL.sub("", decoded).lower()
    if image and _OTHER_HOST.match(squeezed):  # as Markdown reads it (backslash escapes taken out)
        return other_site
    for bad in ("javascript:", "vbscript:", "livescript:"):
        if squeezed.startswith(bad):
            return f'the address "{_short(url)}" runs a program when it is opened'
    m = _SCHEME.match(decoded)
    if not m:
        if squeezed.startswith("data:"):
            m = _SCHEME.match(squeezed)
        else:
            return None  # an address within the site, like ../themes/x.html or #part
    scheme = m.group(1).lower()
    if image and scheme in {"http", "https"}:
        return (f'the image "{_short(url)}" is on another website, and the site loads nothing from elsewhere '
                "(it works offline, and its security policy would block it)")
    if scheme in LINK_SCHEMES:
        return None
    if scheme == "data":
        if image and IMAGE_DATA.match(squeezed):
            return None
        return f'the address "{_short(url)}" holds a whole document in itself (a "data:" address)'
    return f'the address "{_short(url)}" starts with "{scheme}:", which is not a web address'


def _short(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 3] + "..."


# ---------------------------------------------------------------- HTML

class _Parser(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.findings: list[Finding] = []
        self.refused: set[str] = set()  # tags already reported: their closing tags are not reported again

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[min(line, len(self.line_starts)) - 1] + col

    def handle_starttag(self, tag, attrs):
        offset = self._offset()
        if tag not in ALLOWED_TAGS:
            why = _WHY.get(tag, "it is not one of the harmless formatting tags content may use")
            self.findings.append(Finding(offset, f"<{tag}", f"the HTML tag <{tag}> is not allowed in content: {why}",
                                         _FIX_TAG))
            self.refused.add(tag)
            return  # taking the tag out takes its attributes with it
        for name, value in attrs:
            self.findings.extend(attribute_findings(offset, tag, name, value))

    def handle_endtag(self, tag):
        # "</article>" or "</form>" would close a part of the page the site itself opened
        if tag not in ALLOWED_TAGS and tag not in self.refused:
            self.findings.append(Finding(self._offset(), f"</{tag}", f"the closing tag </{tag}> is not allowed in "
                                                                     "content: it would close part of the page itself",
                                         _FIX_TAG))


def attribute_findings(offset: int, tag: str | None, name: str, value: str | None) -> list[Finding]:
    """What is wrong with one attribute of a tag, or of a Markdown attribute list (``tag`` None)."""
    name = name.lower()
    where = f"on <{tag}>" if tag else "in a Markdown attribute list { }"
    if name.startswith("on"):
        return [Finding(offset, name, f'the HTML attribute {name}="..." {where} runs a program when '
                                      "something happens on the page, and is not allowed in content",
                        f'take out {name}="..."; content cannot run programs')]
    if name not in ALLOWED_ATTRIBUTES:
        why = {"style": "it can hide or fake parts of the page, and the site's security policy blocks it",
               "id": "it can clash with the ids the site's own forms and scripts use",
               "name": "it can clash with the names the site's own forms and scripts use",
               "srcdoc": "it holds a whole page of its own"}.get(
                   name, "it is not one of the attributes content may use")
        return [Finding(offset, name, f'the HTML attribute {name}="..." {where} is not allowed: {why}',
                        "take it out; the attributes content may use are: " + ", ".join(sorted(ALLOWED_ATTRIBUTES)))]
    if name in URL_ATTRIBUTES and value is not None:
        problem = url_problem(value, image=(tag == "img" and name == "src"))
        if problem:
            return [Finding(offset, name, f"{problem} ({where}, {name}=...)", _FIX_LINK)]
    return []


# ---------------------------------------------------------------- Markdown

# A link or image: its text may run over several lines, and so may the space before its address.
_INLINE_LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^)\s]*(?:\n[^)\s]*)*)")
# A reference definition wherever it is written: at the start of a line, inside a
# blockquote ("> [x]: ..."), indented in a list item, its address on the next line.
_REFERENCE = re.compile(r"\[[^\[\]]+\]:[ \t]*(?:\n[ \t>]*)?(<[^>\n]*>|\S+)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
# Markdown attribute lists ("attr_list" is on): { onclick="..." } after a link, heading or paragraph
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]+)\}")
_ATTR_TOKEN = re.compile(r"""([^\s=#.][^\s=]*)\s*=\s*("[^"]*"|'[^']*'|[^\s}]+)|#(\S+)|\.(\S+)|(\S+)""")


def _markdown_findings(text: str) -> tuple[list[Finding], str]:
    """Links, images and attribute lists written in Markdown; and the text with
    autolinks blanked out (so the HTML parser does not take them for tags)."""
    findings: list[Finding] = []
    for m in _INLINE_LINK.finditer(text):
        url = m.group(2).strip("<>")
        problem = url_problem(url, image=bool(m.group(1)))
        if problem:
            findings.append(Finding(m.start(2), m.group(2)[:12], f"{problem} (in a Markdown link)", _FIX_LINK))
    for m in _REFERENCE.finditer(text):
        url = m.group(1).strip("<>")
        problem = url_problem(url, image=True)  # a reference may be used by an image
        if problem and url_problem(url, image=False):
            findings.append(Finding(m.start(1), m.group(1)[:12], f"{problem} (in a Markdown link)", _FIX_LINK))
    blanked = text
    for m in _AUTOLINK.finditer(text):
        target = m.group(1)
        if "@" not in target or ":" in target.split("@")[0]:
            problem = url_problem(target)
            if problem:
                findings.append(Finding(m.start(1), target[:12], f"{problem} (in a Markdown link)", _FIX_LINK))
        blanked = blanked[: m.start()] + " " * (m.end() - m.start()) + blanked[m.end():]
    for m in _ATTR_LIST.finditer(text):
        for t in _ATTR_TOKEN.finditer(m.group(1)):
            key, value, anchor, bare = t.group(1), t.group(2), t.group(3), t.group(5)
            if key:
                findings.extend(attribute_findings(m.start(1) + t.start(), None, key, value.strip("\"'")))
            elif anchor:
                findings.extend(attribute_findings(m.start(1) + t.start(), None, "id", anchor))
            elif bare and bare.lower().startswith("on"):
                findings.extend(attribute_findings(m.start(1) + t.start(), None, bare, bare))
    return findings, blanked


def text_findings(value: str) -> list[Finding]:
    """Everything in one text value that could run script or change the page."""
    if not any(c in value for c in "<&:{[\\"):
        return []
    findings, blanked = _markdown_findings(value)
    findings.extend(_declaration_findings(blanked))
    if "<" in blanked:
        last = blanked.rfind(">") + 1  # no tag can end after the last ">": the tail is checked below
        if last:
            parser = _Parser(blanked[:last])
            parser.feed(blanked[:last])
            parser.close()
            findings.extend(parser.findings)
        # A "<" that starts a tag but has no ">" after it: the parser takes it for
        # text, but on the page the next field could finish the tag.
        m = re.compile(r"<[a-zA-Z/!?][^>]*").search(blanked, blanked.rfind(">") + 1)
        if m and m.group(0).startswith(("<!", "<?")):
            pass  # reported by _declaration_findings
        elif m:
            findings.append(Finding(
                m.start(), m.group(0)[:4], f'"{_short(m.group(0), 20)}" starts an HTML tag that is never closed with ">"',
                'write "less than" in words, or finish the tag (only the harmless formatting tags are allowed)'))
    if not findings and any(c in value for c in "<[{"):
        findings.extend(rendered_findings(value))
    return findings


_DECLARATION = re.compile(r"<[!?][^\n>]{0,12}")


def _declaration_findings(text: str) -> list[Finding]:
    """Comments, CDATA, <!DOCTYPE>-like declarations and <?...?> processing instructions."""
    m = _DECLARATION.search(text)  # the first is enough to say what to take out
    if not m:
        return []
    start = m.group(0)
    if start.startswith("<!--") and "-->" not in text[m.start() + 4:]:  # would hide the rest of the page
        return [Finding(m.start(), "<!--", 'a comment "<!--" is never closed with "-->", '
                                           "so it would hide the rest of the page",
                        "take it out (content may not hold comments)")]
    return [Finding(m.start(), start[:4], f'"{_short(start, 14)}" is not allowed in content: comments ("<!--"), '
                                          '"<![CDATA[", "<!DOCTYPE" and "<?" are ended by browsers in places '
                                          "this check could misread, so a tag could hide inside one",
                    'take it out; to show the characters themselves, write "less than" in words')]


# ---------------------------------------------------------------- the HTML Markdown makes

_md_local = threading.local()


def _render(text: str) -> str:
    md = getattr(_md_local, "md", None)
    if md is None:
        import markdown  # only when a text holds something Markdown can turn into a tag

        md = _md_local.md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
    return md.reset().convert(text)


class _RenderedParser(_Parser):
    """Reads the HTML that Markdown made of a text: the same allow-lists, and
    the line is found by what is wrong (the HTML has no lines of the file)."""

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            super().handle_starttag(tag, [])
            return
        for name, value in attrs:
            if name == "style" and tag in {"th", "td"} and _TABLE_ALIGN.fullmatch(value or ""):
                continue  # Markdown's own column alignment
            for f in attribute_findings(0, tag, name, value):
                needle = (value or "")[:12] if name in URL_ATTRIBUTES else name
                self.findings.append(Finding(None, needle, f.message, f.fix))

    def handle_endtag(self, tag):
        pass  # a closing tag Markdown writes closes a tag it opened


def rendered_findings(value: str) -> list[Finding]:
    """What is wrong in the HTML that the site's Markdown makes of a text."""
    try:
        rendered = _render(value)
    except Exception as exc:  # a Markdown extension that cannot read the text: say so, never a traceback
        return [Finding(None, "", f"this text cannot be read as Markdown ({type(exc).__name__})",
                        "simplify the formatting near here")]
    parser = _RenderedParser(rendered)
    parser.feed(rendered)
    parser.close()
    findings = [Finding(None, f.needle.lstrip("<"), f.message, f.fix) if f.offset is not None else f
                for f in parser.findings]
    for f in _declaration_findings(rendered):
        findings.append(Finding(None, f.needle, f.message, f.fix))
    return findings


# ---------------------------------------------------------------- lines

def _line(text: Text, finding: Finding, source_lines: list[str]) -> int:
    before = text.value[: finding.offset or 0]
    if text.style == "|" and finding.offset is not None:  # a literal block: one line in the file for each line
        return text.line + 1 + before.count("\n")
    needle = finding.needle.lower()
    first = text.line + (1 if text.style == ">" else 0)
    for number in range(first, min(text.end_line, len(source_lines)) + 1):
        if needle and needle in source_lines[number - 1].lower():
            return number
    return first


def check_texts(path: Path, source: str, texts: list[Text]) -> list[ContentError]:
    """A ContentError for each unsafe thing in the text values of one file."""
    problems: list[ContentError] = []
    lines = None
    for text in texts:
        if len(text.value) > MAX_TEXT:
            problems.append(ContentError(path, text.line, f"this text is {len(text.value):,} characters long, "
                                                          f"more than the {MAX_TEXT:,} a field may hold",
                                         "shorten it, or split it into several shorter texts"))
            continue
        brackets = text.value.count("[")
        if brackets > MAX_BRACKETS:
            problems.append(ContentError(path, text.line, f'this text holds {brackets} square brackets "[", more than '
                                                          f"the {MAX_BRACKETS} a field may hold (each link or image "
                                                          "uses one)",
                                         "take some links out, or split it into several shorter texts"))
            continue
        for finding in text_findings(text.value):
            if lines is None:
                lines = source.splitlines()
            problems.append(ContentError(path, _line(text, finding, lines), finding.message, finding.fix))
    return problems
