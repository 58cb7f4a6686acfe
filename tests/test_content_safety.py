"""Content that cannot run script, and a reader that cannot be knocked over (issue 12).

Content is edited by homes and commissioners, so every text field of every
content file is checked: unsafe HTML, event handlers and links that run script
stop the build with the file, the line and the fix. YAML that used to crash the
checker (exponential aliases, complex keys, deep nesting, link loops, huge or
odd files) gives a content error, never a traceback; ids that would replace a
page the build makes are refused with the list of reserved names.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from actionplan import ContentErrors, load_toolkit, pagenames, safety, yamlload
from actionplan.forms import load_forms

from conftest import ROOT, build_site

CONTENT = ROOT / "content"


@pytest.fixture
def content(content_copy) -> Path:
    return content_copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _load_all(content: Path) -> None:
    """Load the toolkit and the forms, as the build does."""
    load_forms(content, load_toolkit(content))


def _errors(content: Path) -> list:
    with pytest.raises(ContentErrors) as caught:
        _load_all(content)
    errors = caught.value.errors
    message = str(caught.value)
    assert "Traceback" not in message
    assert all(e.fix for e in errors), message
    return errors


# ---------------------------------------------------------------- unsafe HTML

MT = "themes/managing-transitions.yml"
BC = "case-studies/brunel-care.yml"

# (kind, file, old, new, the text on the line that must be reported, words in the message)
UNSAFE = [
    ("script in a Markdown block, on its own line inside the block", MT,
     "  A good move starts long before", "  Hello <script>alert(1)</script>\n\n  A good move starts long before",
     "Hello <script>", "<script>"),
    ("mixed-case SCRIPT in a case study story", BC,
     "  So they give each person", "  <ScRiPt >alert(1)</sCrIpT>\n  So they give each person",
     "<ScRiPt", "<script>"),
    ("iframe in why_it_matters", MT, "  The way a move is handled", "  <iframe src=\"https://example.org\"></iframe> The way a move is handled",
     "<iframe", "<iframe>"),
    ("object in a case study's learning", BC, "learning: |\n", "learning: |\n  <object data=\"x.swf\"></object>\n",
     "<object", "<object>"),
    ("embed in the forward-planning intro (toolkit.yml)", "toolkit.yml", "  intro: |\n", "  intro: |\n    <embed src=\"x.swf\">\n",
     "<embed", "<embed>"),
    ("meta refresh in a plain-text label", "toolkit.yml", "  introduction: About this theme",
     "  introduction: About <meta http-equiv=\"refresh\" content=\"0;url=https://example.org\"> this theme",
     "<meta http-equiv", "<meta>"),
    ("form in the worksheets intro (forms/index.yml)", "forms/index.yml", "intro: |\n",
     "intro: |\n  <form action=\"https://example.org\"><button>Send</button></form>\n", "<form action", "<form>"),
    ("base in a case study summary", BC, "summary: Each new resident",
     "summary: <base href=\"https://example.org/\"> Each new resident", "<base href", "<base>"),
    ("link in a form section's text", "forms/tracker.yml", "text: Copy each action here",
     "text: <link rel=\"stylesheet\" href=\"https://example.org/x.css\"> Copy each action here", "<link rel", "<link>"),
    ("style in a question prompt (a list item)", MT, "      - Do we visit the person where they live now",
     "      - <style>body{display:none}</style> Do we visit the person where they live now", "<style>body", "<style>"),
    ("event handler on an image, in a question", MT, "    question: How well do we get to know each person",
     "    question: <img src=\"x.png\" onerror=\"alert(1)\"> How well do we get to know each person", "onerror", "onerror="),
    ("svg onload in a theme title", MT, "title: Managing transitions", "title: Managing <svg onload=alert(1)> transitions",
     "<svg onload", "<svg>"),
    ("javascript: Markdown link in a theme summary", MT, "summary: Helping each person",
     "summary: [Helping](javascript:alert(1)) each person", "javascript:alert", "runs a program"),
    ("entity-encoded java&#115;cript: href in a rating description", "toolkit.yml", "      description: We do not do this yet.",
     "      description: <a href=\"java&#115;cript:alert(1)\">We</a> do not do this yet.", "java&#115;cript", "runs a program"),
    ("vbscript: reference link in a case study story", BC, "  That trust makes the move easier.",
     "  [t]: vbscript:msgbox(1)\n\n  That [trust][t] makes the move easier.", "vbscript:", "runs a program"),
    ("data: page behind a link in what good looks like", MT, "what_good_looks_like: |\n",
     "what_good_looks_like: |\n  - [A page](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n",
     "data:text/html", "data:"),
    ("onclick in a Markdown attribute list", MT, "  This theme is also about other changes.",
     "  This theme is also about [other](https://example.org){ onclick=\"alert(1)\" } changes.", "onclick", "onclick="),
    ("an unfinished tag the next field could close", BC, "organisation: Brunel Care",
     "organisation: Brunel Care <img src=x onerror=alert(1)", "organisation:", "never closed"),
    ("javascript: in a note hint, spread over quoted YAML escapes", "toolkit.yml",
     "    hint: For example residents, relatives, day staff, night staff.",
     "    hint: \"<a href='\\tjava\\nscript:alert(1)'>For example</a> residents\"", "hint: \"<a href", "runs a program"),
    ("an image from another website, in a field of the labels", "toolkit.yml", "  questions: Questions to",
     "  questions: Questions ![A logo](https://example.org/logo.png) to", "example.org/logo", "on another website"),
    ("a comment that never ends, in a form field's hint", "forms/session-record.yml", "        hint: A role, not a name.",
     "        hint: A role, <!-- not a name.", "<!-- not a name", "never closed"),
    ("a tag spelt with YAML escapes in a double-quoted title", "forms/cover.yml", "title: Cover and how to use the worksheets",
     "title: \"\\x3cscript\\x3ealert(1)\\x3c/script\\x3e Cover\"", "x3cscript", "<script>"),
    # issue 19
    ("a javascript: reference inside a blockquote", BC, "  That trust makes the move easier.",
     "  > [t]: javascript:alert(1)\n\n  That trust makes the move easier.", "> [t]: javascript", "runs a program"),
    ("a javascript: reference indented in a list item", MT, "what_good_looks_like: |\n",
     "what_good_looks_like: |\n  - An item\n\n      [t]: javascript:alert(1)\n\n      and [more][t]\n",
     "[t]: javascript", "runs a program"),
    ("a link whose text runs over two lines", BC, "  That trust makes the move easier.",
     "  That [trust\n  makes](javascript:alert(1)) the move easier.", "makes](javascript", "runs a program"),
    ("CDATA that a browser ends at the first >", BC, "  That trust makes the move easier.",
     "  <![CDATA[><img src=x onerror=alert(1)>\n\n  That trust makes the move easier.", "<![CDATA[", "<!"),
    ("a comment <!--> a browser ends at once", MT, "  A good move starts long before",
     "  <!--> <img src=x onerror=alert(1)> -->\n\n  A good move starts long before", "<!-->", "<!"),
    ("a comment a browser ends at --!>", "forms/index.yml", "intro: |\n",
     "intro: |\n  <!-- --!> <img src=x onerror=alert(1)> -->\n", "--!>", "<!"),
    ("a processing instruction", "toolkit.yml", "  introduction: About this theme",
     "  introduction: About <?php echo 1; ?> this theme", "<?php", "<?"),
    ("an image from another site written //host", MT, "what_good_looks_like: |\n",
     "what_good_looks_like: |\n  ![A logo](//example.org/logo.png)\n", "//example.org", "on another website"),
    ("an image from another site written /\\host, in HTML", BC, "  That trust makes the move easier.",
     "  <img src=\"/\\example.org/x.png\" alt=\"\"> That trust makes the move easier.", "example.org/x.png",
     "on another website"),
]


@pytest.mark.parametrize("kind,file,old,new,line_text,words", UNSAFE, ids=[u[0] for u in UNSAFE])
def test_unsafe_html_names_file_line_and_fix(content, kind, file, old, new, line_text, words):
    path = content / file
    _edit(path, old, new)
    if new.startswith("summary: ["):  # a plain YAML value cannot start with "[": quote it
        text = path.read_text(encoding="utf-8")
        line = next(x for x in text.splitlines() if x.startswith("summary: ["))
        path.write_text(text.replace(line, 'summary: "' + line[len("summary: "):] + '"'), encoding="utf-8")
    errors = _errors(content)
    mine = [e for e in errors if e.file.name == path.name and words in e.message]
    assert mine, "\n".join(map(str, errors))
    assert any(e.line == _line_of(path, line_text) for e in mine), \
        f"expected line {_line_of(path, line_text)}:\n" + "\n".join(map(str, errors))


def test_every_unsafe_kind_is_reported_at_once(content):
    """Unsafe text in several files and fields: every one is listed in one run
    (the forms are checked once the themes are right, as in the build)."""
    for kind, file, old, new, *_ in UNSAFE[:12]:
        if not file.startswith("forms/"):
            _edit(content / file, old, new)
    errors = _errors(content)
    assert {e.file.name for e in errors} == {"managing-transitions.yml", "brunel-care.yml", "toolkit.yml"}
    assert len(errors) >= 9, "\n".join(map(str, errors))


SAFE = [
    "Plain words, with a colon: and an ampersand & a less-than sign < 5.",
    "**Bold**, *italic*, `code`, and a [link](https://example.org/a?b=c&d=e \"title\").",
    "A [page of this site](../themes/managing-transitions.md#questions) and <https://example.org>.",
    "Write to <someone@example.org> or [call](tel:+441234567890) or [email](mailto:a@example.org).",
    "<b>bold</b>, <em>stressed</em>, <abbr title=\"Care Quality Commission\">CQC</abbr>, <br>",
    "![A chart](../assets/images/chart.png) and ![a dot](data:image/png;base64,iVBORw0KGgo=)",
    "<details open><summary>More</summary>Hidden words.</details>",
    "The worksheet for {theme}, and a heading {.note}",
    "Hints \"in quotes\" and 'single quotes' are fine.",
    # issue 19: what the rendered-HTML check must still let through
    "| Left | Right |\n|:-----|------:|\n| 1 | 2 |",
    "!!! note \"A note\"\n    Words in a box.",
    "??? note \"More\"\n    Hidden words.",
    "A link to [another site](//example.org/page) and <a href=\"https://example.org\">one more</a>.",
    "> A quote with a [link](https://example.org).\n>\n> [ref]: https://example.org/ref",
    "- A list\n\n    [ref]: https://example.org/ref\n\n    with a [reference][ref].",
    "Times like [9]: 10:30 and [note]: see below.",
    "A link whose text runs [over\ntwo lines](https://example.org).",
]


# More ways to write the same things, checked on the text alone
OBFUSCATED = [
    "<SCRIPT SRC=//example.org/x.js></SCRIPT>",
    "<<script>script>alert(1)<</script>/script>",
    "<a/onclick=alert(1)>x</a>",
    "<img src=\"x\" ONERROR=\"alert(1)\">",
    "<a href=\"  javascript:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"javascript&colon;alert(1)\">x</a>",
    "[x](<javascript:alert(1)>)",
    "[x](\nJAVASCRIPT:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2Zz4=)",
    "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
    "<details open ontoggle=alert(1)>x</details>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "Words</article><p>after the page's content</p>",
    "{: onmouseover=alert(1) }",
    # issue 19: kin of the forms the check let through
    "> [x]: javascript:alert(1)\n>\n> [a][x]",
    "> > [x]: javascript:alert(1)",
    "- item\n\n    [x]: javascript:alert(1)\n\n    [a][x]",
    "1. item\n   [x]: javascript:alert(1)",
    "[x]: <javascript:alert(1)> \"a title\"\n\n[a][x]",
    "[x]:\n  javascript:alert(1)\n  'a title'\n\n[a][x]",
    "[a\nb](javascript:alert(1))",
    "[a\nb\nc](JaVaScRiPt:alert(1))",
    "[a](java\nscript:alert(1))",
    "![a\nb](https://example.org/x.png)",
    "<![CDATA[><img src=x onerror=alert(1)>",
    "<!--> <img src=x onerror=alert(1)> -->",
    "<!---> <img src=x onerror=alert(1)> -->",
    "<!-- --!> <img src=x onerror=alert(1)> -->",
    "<!-- a comment that ends -->",
    "<?xml version=\"1.0\"?>",
    "<?php echo 1; ?>",
    "<!DOCTYPE html>",
    "<!ELEMENT x ANY>",
    "![x](//example.org/x.png)",
    "![x](/\\example.org/x.png)",
    "![x](\\\\example.org/x.png)",
    "![x](https://example.org/x.png \"title\")",
    "<img src=\"//example.org/x.png\">",
    "<img src=\"/\\example.org/x.png\">",
    "<img src=\"\\\\example.org\\x.png\">",
    "<img src=\"&#47;&#47;example.org/x.png\">",
    "<img src=\" \t//example.org/x.png\">",
    "<img src=\"https://example.org/x.png\">",
    "[x]: //example.org/x.png\n\n![a][x]",
    "[x]: https://example.org/x.png\n\n![a][x]",
    "> ![a][x]\n>\n> [x]: https://example.org/x.png",
    "![a](x.png){ src=\"//example.org/x.png\" }",
    "![x](<//example.org/x.png>)",
    "<img src='&#x2F;/example.org/x.png'>",
    "<img src=\"https:/\\example.org/x.png\">",
    "> - > [x]: javascript:alert(1)",
    "* [x]:\n  <javascript:alert(1)>",
    "# A heading {hidden}",
    "A paragraph\n{contenteditable}",
    "[a](https://example.org){ autofocus }",
]


@pytest.mark.parametrize("text", OBFUSCATED)
def test_obfuscated_script_is_found(text):
    assert safety.text_findings(text), text


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_formatting_is_allowed(text):
    assert safety.text_findings(text) == []


def test_shipped_content_passes():
    _load_all(CONTENT)


# ---------------------------------------------------------------- YAML that crashed the checker

LAUGHS = ("id: managing-transitions\n"
          "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
          + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
                    for p, n in zip("abcdefgh", "bcdefghi")))


def _crash_cases(content: Path) -> dict:
    themes = content / "themes"
    return {
        "exponential aliases": (themes / "managing-transitions.yml", LAUGHS, 3, "alias"),
        "complex key (a list)": (content / "toolkit.yml", None, None, "a field name here is a list"),
        "complex key (a mapping)": (themes / "positive-culture.yml", None, None, "a field name here is a set"),
        "10,000 nested [": (content / BC, "id: brunel-care\nstory: " + "[" * 10000 + "]" * 10000 + "\n", 2, "nested more than"),
        "10,000 nested -": (themes / "end-of-life-care.yml", "id: end-of-life-care\nquestions:\n  " + "- " * 10000 + "x\n", 3,
                            "nested more than"),
        "a whole number of 5,000 digits": (themes / "improving-health.yml", None, None, "cannot be read"),
        "an impossible date": (themes / "creating-community.yml", None, None, "cannot be read"),
    }


@pytest.mark.parametrize("name", ["exponential aliases", "complex key (a list)", "complex key (a mapping)",
                                  "10,000 nested [", "10,000 nested -", "a whole number of 5,000 digits",
                                  "an impossible date"])
def test_crashing_yaml_is_a_content_error(content, name):
    path, text, line, words = _crash_cases(content)[name]
    if name == "complex key (a list)":
        _edit(path, "review_months:", "? [a, b]\n: c\nreview_months:")
        line = _line_of(path, "? [a, b]")
    elif name == "complex key (a mapping)":
        _edit(path, "order:", "{a: 1}: c\norder:")
        line = _line_of(path, "{a: 1}: c")
    elif name == "a whole number of 5,000 digits":
        _edit(path, "order: ", "order: " + "9" * 5000 + "\nx_order: ")
        line = _line_of(path, "order: 999")
    elif name == "an impossible date":
        _edit(path, "order: ", "order: 2024-13-45\nx_order: ")
        line = _line_of(path, "order: 2024-13-45")
    else:
        path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    errors = _errors(content)
    assert time.perf_counter() - started < 20  # it ends (no exponential work), whatever the machine
    mine = [e for e in errors if e.file == path and words in e.message]
    assert mine, "\n".join(map(str, errors))
    assert mine[0].line == line, str(mine[0])


def test_symbolic_link_loop(content):
    loop = content / "themes" / "loop.yml"
    os.symlink(loop.name, loop)  # loop.yml -> loop.yml
    pair_a, pair_b = content / "case-studies" / "a.yml", content / "case-studies" / "b.yml"
    os.symlink(pair_b.name, pair_a)
    os.symlink(pair_a.name, pair_b)
    errors = _errors(content)
    looped = [e for e in errors if "link loop" in e.message]
    assert {e.file.name for e in looped} == {"loop.yml", "a.yml", "b.yml"}, "\n".join(map(str, errors))


def test_a_folder_that_is_a_link_loop(content):
    shutil.rmtree(content / "case-studies")
    os.symlink("case-studies", content / "case-studies")
    errors = _errors(content)
    assert any(e.file.name == "case-studies" and "link loop" in e.message for e in errors), "\n".join(map(str, errors))


def test_a_link_outside_the_content_folder(content, tmp_path):
    outside = tmp_path / "elsewhere.yml"
    shutil.copy(content / MT, outside)
    (content / MT).unlink()
    os.symlink(outside, content / MT)
    errors = _errors(content)
    assert any(e.file.name == "managing-transitions.yml" and "outside the content folder" in e.message
               for e in errors), "\n".join(map(str, errors))
    # a link inside the content folder is fine
    (content / MT).unlink()
    shutil.move(str(outside), content / "managing-transitions.txt")
    os.symlink("../managing-transitions.txt", content / MT)
    _load_all(content)


def test_a_pipe_or_a_folder_named_like_a_content_file(content):
    os.mkfifo(content / "themes" / "pipe.yml")  # reading it would wait for ever
    (content / "case-studies" / "folder.yml").mkdir()
    errors = _errors(content)
    odd = {e.file.name for e in errors if "not an ordinary file" in e.message}
    assert odd == {"pipe.yml", "folder.yml"}, "\n".join(map(str, errors))


def test_a_huge_file(content):
    path = content / "themes" / "huge.yml"
    path.write_text("id: huge\nintroduction: |\n" + ("  " + "word " * 20 + "\n") * 40000, encoding="utf-8")
    errors = _errors(content)
    assert any(e.file.name == "huge.yml" and "larger than" in e.message for e in errors), "\n".join(map(str, errors))


def test_a_huge_text(content):
    _edit(content / MT, "summary: Helping", "summary: " + "word " * 3000 + "Helping")
    errors = _errors(content)
    assert any(e.file.name == "managing-transitions.yml" and e.line == 4 and "characters long" in e.message
               for e in errors), "\n".join(map(str, errors))


# ---------------------------------------------------------------- reserved ids

def _rename_theme(content: Path, old: str, new: str) -> Path:
    path = content / "themes" / f"{old}.yml"
    _edit(path, f"id: {old}", f"id: {new}")
    target = path.with_name(f"{new}.yml")
    path.rename(target)
    for other in list((content / "case-studies").glob("*.yml")) + list((content / "themes").glob("*.yml")):
        other.write_text(other.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return target


@pytest.mark.parametrize("new_id,page", [("index", "themes/index.md"), ("pack", "worksheets/pack.md")])
def test_reserved_theme_ids(content, new_id, page):
    path = _rename_theme(content, "positive-culture", new_id)
    errors = _errors(content)
    mine = [e for e in errors if e.file == path and "a page the site makes itself" in e.message]
    assert mine, "\n".join(map(str, errors))
    assert mine[0].line == _line_of(path, f"id: {new_id}")
    assert page in mine[0].message
    assert "index, pack" in mine[0].fix  # the list of reserved names


def test_reserved_case_study_id(content):
    path = content / BC
    _edit(path, "id: brunel-care", "id: index")
    path.rename(path.with_name("index.yml"))
    for theme in (content / "themes").glob("*.yml"):
        theme.write_text(theme.read_text(encoding="utf-8").replace("brunel-care", "index"), encoding="utf-8")
    errors = _errors(content)
    mine = [e for e in errors if e.file.name == "index.yml" and "case-studies/index.md" in e.message]
    assert mine and mine[0].line == 1, "\n".join(map(str, errors))


def test_reserved_form_id(content):
    """A theme form called "theme" would print under the names of the theme pages."""
    path = content / "forms" / "theme-worksheet.yml"
    _edit(path, "id: theme-worksheet", "id: theme")
    path.rename(path.with_name("theme.yml"))
    with pytest.raises(ContentErrors) as caught:
        _load_all(content)
    assert any(e.file.name == "theme.yml" and "ap-theme--" in e.message and "index, pack, theme" in e.message
               for e in caught.value.errors), str(caught.value)


def test_a_new_generator_adds_its_names_in_one_place(content):
    """A generator that makes results/<theme-id> pages adds one Section; its own
    page names are then refused as theme ids, with no other change."""
    section = pagenames.add_section(pagenames.Section("results", ("theme",), {"summary": "the results summary"}))
    try:
        assert pagenames.reserved("theme").keys() == {"index", "pack", "summary"}
        path = _rename_theme(content, "positive-culture", "summary")
        errors = _errors(content)
        assert any(e.file == path and "results/summary.md" in e.message and "index, pack, summary" in e.fix
                   for e in errors), "\n".join(map(str, errors))
    finally:
        pagenames.SECTIONS.remove(section)


# ---------------------------------------------------------------- through mkdocs build --strict

def test_the_build_stops_with_file_line_and_fix(content, tmp_path):
    """One real build: unsafe HTML in a theme, aliases in a case study, a link
    loop and a reserved id all stop it, each named, with no traceback."""
    _edit(content / MT, "  A good move starts long before", "  Hello <script>alert(1)</script>\n\n  A good move starts long before")
    (content / BC).write_text(LAUGHS.replace("managing-transitions", "brunel-care"), encoding="utf-8")
    _rename_theme(content, "positive-culture", "index")
    os.symlink("loop.yml", content / "themes" / "loop.yml")
    result = build_site(tmp_path / "out", env={"ACTION_PLAN_CONTENT": str(content)})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert f"managing-transitions.yml:{_line_of(content / MT, 'Hello <script>')}: the HTML tag <script>" in output, output
    assert "brunel-care.yml:3: the alias" in output, output
    assert "loop.yml: the file is a symbolic link that leads back to itself" in output, output
    assert "index.yml:1: the theme id \"index\"" in output and "index, pack" in output, output
    assert output.count("How to fix:") >= 4


# ---------------------------------------------------------------- random damage

_PIECES = ["[", "]", "{", "}", "? ", ": ", "- ", "&a ", "*a", "!!binary ", "!!set ", "|", ">", "'", '"', "\n",
           "\n  ", "\t", "~", "<<: ", "---\n", "#", "\\", "!!timestamp ", "1e999", "<script>", "<a href=javascript:x>"]
_VALUES = ["[a, b]", "{a: 1}", "1", "true", "~", "''", "[[1]]", "{x: [1]}", "2024-01-01", "-5", "9" * 30,
           "!!binary aGk=", "!!set {a}", "[{id: x}]", "{value: 1, label: x, description: y}", "2024-02-30"]


def test_random_damage_is_a_content_error_or_fine(content):
    """Sixty seeded random edits to the shipped files (punctuation put in
    or cut out, values of the wrong kind): each loads, or stops with content
    errors that name the file; none raises anything else."""
    rng = __import__("random").Random(12)
    files = sorted(p for p in content.rglob("*.yml"))
    originals = {p: p.read_text(encoding="utf-8") for p in files}
    outcomes = {"fine": 0, "content errors": 0}
    for _ in range(60):
        path = rng.choice(files)
        lines = originals[path].split("\n")
        for _ in range(rng.randint(0, 3)):
            k = rng.randrange(len(lines))
            if ": " in lines[k]:
                lines[k] = lines[k].split(": ", 1)[0] + ": " + rng.choice(_VALUES)
        text = "\n".join(lines)
        for _ in range(rng.randint(0, 3)):
            i = rng.randrange(len(text) + 1)
            text = text[:i] + text[i + rng.randint(1, 30):] if rng.random() < 0.3 else \
                text[:i] + rng.choice(_PIECES) + text[i:]
        path.write_text(text, encoding="utf-8")
        try:
            _load_all(content)
            outcomes["fine"] += 1
        except ContentErrors as exc:
            assert exc.errors and all(e.file and e.message for e in exc.errors)
            outcomes["content errors"] += 1
        finally:
            path.write_text(originals[path], encoding="utf-8")
    print(f"random damage: {outcomes}")
    assert outcomes["content errors"] > 30


# ---------------------------------------------------------------- the slowest text the check can be given (issue 19)

def test_the_slowest_file_is_checked_in_seconds(content):
    """A file as large as content may be, every text at the longest a field may
    hold, with as many square brackets as it may hold, written in the ways that
    Python-Markdown is slowest on (measured while writing this): the check that
    renders each text ends in seconds (the time is printed). One more bracket is
    refused, with the line."""
    n, size = safety.MAX_BRACKETS, safety.MAX_TEXT - 2 * safety.MAX_BRACKETS - 10
    slow = ["[" * n + ("`a " * size)[:size] + "]" * n,
            "[" * n + ("<b>" * 100 + "a" * size)[:size] + "]" * n,
            "[" * n + ("a b " * size)[:size] + "]" * n]
    path = content / "case-studies" / "slow.yml"
    count = (yamlload.MAX_BYTES - 1024) // (len(slow[0]) + 12)
    path.write_text("".join(f"f{i}: |\n  {slow[i % len(slow)]}\n" for i in range(count)), encoding="utf-8")
    started = time.perf_counter()
    errors = _errors(content)
    print(f"{count} texts of {len(slow[0])} characters: {time.perf_counter() - started:.2f} s")
    assert any(e.file == path for e in errors)  # unknown fields
    assert not any(e.file == path and ("square brackets" in e.message or "larger than" in e.message) for e in errors)
    path.write_text("id: slow\n\nstory: |\n  " + "[x] " * (n + 1) + "\n", encoding="utf-8")
    errors = _errors(content)
    assert any(e.file == path and e.line == 3 and "square brackets" in e.message and e.fix for e in errors), \
        "\n".join(map(str, errors))


def test_the_markdown_extensions_are_the_sites():
    """The rendered-HTML check uses the Markdown extensions of mkdocs.yml that make HTML."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text.split("markdown_extensions:", 1)[1].split("\n\n", 1)[0]
    names = {line.strip()[2:].rstrip(":") for line in block.splitlines() if line.strip().startswith("- ")}
    assert names - {"toc"} == set(safety.MARKDOWN_EXTENSIONS)
