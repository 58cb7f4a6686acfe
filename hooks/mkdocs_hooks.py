"""MkDocs hooks: thin event handlers over the ``actionplan`` package.

on_config  loads and validates content/ (a mistake stops the build with the
           file, the line and the fix) and fills the generated nav sections;
on_files   adds the generated theme and case-study pages and the question set.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from actionplan import ContentErrors, load_toolkit
from actionplan.render import Renderer, expand_nav

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
    _state["renderer"] = Renderer(toolkit, ROOT / "overrides")
    if config.nav:
        config.nav = expand_nav(config.nav, toolkit)
    return config


def on_files(files, config):
    renderer: Renderer = _state["renderer"]
    for uri, text in {**renderer.pages(), **renderer.assets()}.items():
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, uri, content=text))
    return files
