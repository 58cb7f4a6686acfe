"""MkDocs hooks: thin event handlers over the ``actionplan`` package.

on_config  loads and validates content/ (a mistake stops the build with the
           file, the line and the fix) and fills the generated nav sections;
on_files   adds the generated theme and case-study pages and the question set;
           a generated page is finished HTML (actionplan.render.HtmlPage), so
           MkDocs gets only a stub of its front matter and headings (for the
           table of contents) to convert, and
on_page_content  puts the finished HTML in place of what came of the stub.
on_page_markdown  puts the share section (issue 21) into docs/your-data.md.
on_page_context  escapes the page description, which Material writes into an
           attribute as it is (issue 12: a summary with a quote in it).
on_post_page  stops the build when a page's ap_kind is not one that
           overrides/partials/ap-scripts.html knows (issue 17).
on_post_build  (issue 6) adds each page's Content-Security-Policy (and, issue 14,
           preload links for its scripts) and writes the offline precache list
           and build hash into the built sw.js.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from actionplan import ContentErrors, load_toolkit
from actionplan.render import LOOK_BACK_PAGE, HtmlPage, Renderer, expand_nav
from actionplan import csp, precache, preload
from actionplan.forms import load_forms
from actionplan.results import load_results
from actionplan.sharing import load_sharing
from actionplan.worksheets import PRINT_PAGES_CSS, Worksheets
from actionplan.worksheets import expand_nav as worksheets_nav
from mkdocs.structure.files import InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
_state: dict = {}


def _content_dir(config) -> Path:
    extra = config.get("extra") or {}
    return (Path(config.config_file_path).parent / extra.get("content_dir", "content")).resolve()


def on_config(config):
    try:
        toolkit = load_toolkit(_content_dir(config))
    except ContentErrors as exc:
        raise PluginError(str(exc)) from None
    if "attr_list" not in config.markdown_extensions:  # the stubs' headings carry their ids
        raise PluginError("mkdocs.yml: the generated pages need the attr_list Markdown extension")
    _state["renderer"] = Renderer(toolkit, ROOT / "overrides", config.markdown_extensions, config.mdx_configs)
    _state["html"] = {}
    config.extra["ap_start"] = _state["renderer"].start_context()  # the home page's start (issue 22)
    try:  # the printable forms (content/forms/): optional, validated like the rest
        forms = load_forms(_content_dir(config), toolkit)
    except ContentErrors as exc:
        raise PluginError(str(exc)) from None
    _state["worksheets"] = Worksheets(_state["renderer"], forms) if forms else None
    try:  # the Results page (issue 11): its words and the example home, validated like the rest
        _state["results"] = load_results(_content_dir(config), _state["renderer"])
    except ContentErrors as exc:
        raise PluginError(str(exc)) from None
    if _state["results"] is not None:
        config.extra["ap_review"] = _state["results"].notice_words()
    try:  # issue 21: the Compare homes page and the share section of Your data
        _state["sharing"] = load_sharing(_content_dir(config), _state["renderer"])
    except ContentErrors as exc:
        raise PluginError(str(exc)) from None
    if config.nav:
        config.nav = expand_nav(config.nav, toolkit)
        config.nav = worksheets_nav(config.nav, _state["worksheets"])
        if _state["results"] is not None:
            config.nav = _state["results"].expand_nav(config.nav)
        if _state["sharing"] is not None:
            config.nav = _state["sharing"].expand_nav(config.nav)
    return config


def on_files(files, config):
    renderer: Renderer = _state["renderer"]
    _add(files, config, {**renderer.pages(), **renderer.assets()}, not_in_nav=[LOOK_BACK_PAGE])
    _add_worksheets(files, config)
    results = _state.get("results")
    if results is not None:
        _add(files, config, {**results.pages(), **results.assets()}, not_in_nav=results.not_in_nav)
    if _state.get("sharing") is not None:
        _add(files, config, _state["sharing"].pages())
    return files


def on_page_markdown(markdown, page, config, files):
    # issue 21: the share section of "Your data", in place of its marker
    sharing = _state.get("sharing")
    return sharing.your_data(markdown) if sharing is not None else markdown


def _add(files, config, generated: dict, not_in_nav=()):
    """Add generated pages and assets, each in place of any file with its name."""
    for uri, text in generated.items():
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        inclusion = InclusionLevel.NOT_IN_NAV if uri in not_in_nav else InclusionLevel.UNDEFINED
        files.append(File.generated(config, uri, content=_source(uri, text), inclusion=inclusion))


def on_page_context(context, page, config, nav):
    # Material: <meta name="description" content="{{ page.meta.description }}">, not escaped
    if page.meta.get("description"):
        page.meta["description"] = html.escape(str(page.meta["description"]))
    return context


def on_post_page(output, page, config):
    # partials/ap-scripts.html marks a page whose ap_kind it does not know
    m = re.search(r"<!-- ap:unknown-kind (.*?) -->", output)
    if m:
        raise PluginError(f'{page.file.src_uri}: "ap_kind: {html.unescape(m.group(1))}" is not a kind of page\n'
                          "    How to fix: use one of the kinds in overrides/partials/ap-scripts.html, or add it there")
    return output


def _source(uri: str, text: str) -> str:
    """What MkDocs reads: a generated page's stub (its HTML is kept for on_page_content)."""
    if isinstance(text, HtmlPage):
        _state["html"][uri] = text
        return text.stub()
    return text


def on_page_content(html, page, config, files):
    generated: HtmlPage | None = _state["html"].get(page.file.src_uri)
    if generated is None:
        return html
    # links into this page may point at any id in it, as with a Markdown page
    page.present_anchor_ids = set(re.findall(r'\s(?:id|name)="([^"]+)"', generated))
    return str(generated)


def _add_worksheets(files, config):
    """The worksheets (issue 5): the index is in the nav, the sheets are linked from it."""
    sheets: Worksheets | None = _state.get("worksheets")
    pages = sheets.pages() if sheets else {}
    assets = sheets.assets() if sheets else {PRINT_PAGES_CSS: "/* No printable forms in content/forms/. */\n"}
    _add(files, config, {**pages, **assets}, not_in_nav=[u for u in pages if u not in sheets.in_nav()])


# After the search plugin has written its index (priority 0) and before
# Material's offline plugin copies it for file:// (priority -100).
@event_priority(-50)
def on_post_build(config):
    site = Path(config.site_dir)
    shim = site / "assets/javascripts/vendor/iframe-worker-shim.js"
    shim_source = shim.read_text(encoding="utf-8") if shim.is_file() else None
    allowed = csp.template_scripts(config.theme.dirs)  # only the templates' own inline scripts run
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(csp.add_csp(preload.add_preloads(text), shim_source, allowed), encoding="utf-8")
    if (site / precache.SW_NAME).is_file():
        precache.write_precache(site)
