"""Flesch reading ease for plain-English checks.

A small, dependency-free implementation so the check runs offline. Syllables
are counted with the usual vowel-group heuristic, corrected for a silent final
"e" and common endings. The figures match published Flesch scores to within a
few points, which is all a "reading age about eleven" check needs.

Usage (report per file or built page):

    python -m actionplan.readability content docs
    python -m actionplan.readability site        # built HTML pages
"""
from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|[:;](?=\s*$)|\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")

# Words the heuristic gets wrong and that the toolkit uses often.
_KNOWN = {
    "area": 3, "being": 2, "business": 2, "care": 1, "cqc": 3, "every": 2,
    "everyone": 3, "everything": 3, "idea": 3, "ideas": 3, "people": 2,
    "create": 2, "creating": 3, "really": 2, "real": 1, "video": 3,
    "science": 2, "quiet": 2, "diet": 2, "via": 2, "toward": 2, "towards": 2,
    "queue": 1, "ok": 2, "tv": 2, "gp": 2, "gps": 2, "nhs": 3, "wifi": 2,
    "ipad": 2, "ipads": 2, "online": 2, "someone": 2, "sometimes": 2,
    "something": 2, "somewhere": 2, "themselves": 2, "yourself": 2,
    "whole": 1, "home": 1, "homes": 1, "lives": 1, "liked": 1, "likes": 1,
    "make": 1, "makes": 1, "made": 1, "time": 1, "times": 1,
}


def syllables(word: str) -> int:
    w = word.lower().strip("'")
    if w.endswith("'s"):
        w = w[:-2]
    if not w:
        return 0
    if w in _KNOWN:
        return _KNOWN[w]
    if len(w) <= 3:
        return 1
    groups = len(_VOWEL_GROUP.findall(w))
    # silent final e ("make", "home"), but not "-le" after a consonant ("table")
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    elif w.endswith("le") and len(w) > 2 and w[-3] not in "aeiouy" and groups == 1:
        groups += 1
    # "-ed" is usually silent unless after t or d ("wanted", "needed")
    if w.endswith("ed") and not w.endswith(("ted", "ded")) and groups > 1:
        groups -= 1
    # "-es" is silent after most letters ("homes", "makes"), not after s/x/z/ch/sh/g/c
    if w.endswith("es") and not re.search(r"(s|x|z|ch|sh|g|c)es$", w) and groups > 1:
        groups -= 1
    # vowel pairs that are two syllables ("ia" in "social" is one, "io" in "radio" two)
    groups += len(re.findall(r"[^aeiou](ia|io|eo|ua|uo)(?!u)", w)) if w.endswith(("ia", "io", "eo")) else 0
    return max(1, groups)


def stats(text: str) -> tuple[int, int, int]:
    """Return (sentences, words, syllables) for a block of prose."""
    pieces = [p for p in _SENTENCE_END.split(text) if _WORD.search(p or "")]
    words = _WORD.findall(text)
    return max(1, len(pieces)), len(words), sum(syllables(w) for w in words)


def flesch(text: str) -> float:
    """Flesch reading ease: 206.835 - 1.015 (words/sentence) - 84.6 (syllables/word)."""
    sentences, words, syll = stats(text)
    if not words:
        return 100.0
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syll / words)


def markdown_to_text(md: str) -> str:
    """Strip Markdown syntax, keeping one unit of prose per line or list item."""
    text = re.sub(r"```.*?```", "", md, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{[^}]*\}", "", text)
    text = re.sub(r"^\s*(#+|!!!|\?\?\?\+?)\s*", "\n\n", text, flags=re.M)
    text = re.sub(r"[*_`>|]", "", text)
    # every line is its own unit: headings, list items and table rows end sentences
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


_BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "label", "td", "th",
          "dt", "dd", "summary", "figcaption", "blockquote", "caption", "div", "section",
          "br", "option"}


class _ArticleText(HTMLParser):
    """Collect the prose of a page's main article, one unit per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 while inside <article>
        self.skip = 0   # >0 inside script/style/svg/buttons etc.
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if self.depth and tag in {"script", "style", "svg", "button", "template", "noscript", "nav", "select"}:
            self.skip += 1
        if self.depth and tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if self.depth and tag in {"script", "style", "svg", "button", "template", "noscript", "nav", "select"}:
            self.skip = max(0, self.skip - 1)
        if self.depth and tag in _BLOCK:
            self.parts.append("\n\n")
        if tag == "article":
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    parser = _ArticleText()
    parser.feed(page)
    text = html.unescape("".join(parser.parts)).replace("\u00b6", "")
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def yaml_text(data) -> str:
    """All the prose held in a content file's string values."""
    out: list[str] = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in {"id", "order", "themes", "case_studies", "type", "value"}:
                    walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            out.append(markdown_to_text(value))

    walk(data)
    return "\n\n".join(out)


def score_file(path: Path) -> float:
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".yml", ".yaml"}:
        import yaml
        return flesch(yaml_text(yaml.safe_load(text)))
    if path.suffix == ".html":
        return flesch(html_to_text(text))
    return flesch(markdown_to_text(re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)))


def main(argv: list[str]) -> int:
    paths: list[Path] = []
    for arg in argv or ["content", "docs"]:
        p = Path(arg)
        if p.is_dir():
            paths += sorted(q for q in p.rglob("*") if q.suffix in {".md", ".yml", ".yaml", ".html"}
                            and "assets" not in q.parts and "404" not in q.name)
        else:
            paths.append(p)
    for p in paths:
        print(f"{score_file(p):6.1f}  {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
