"""The care home action plan generator.

A plain Python package: it loads and validates the YAML in ``content/``, and
renders theme pages, case-study pages and forms with Jinja2. It does not import
MkDocs; the MkDocs hooks in ``hooks/mkdocs_hooks.py`` are thin callers.
"""
from .errors import ContentError, ContentErrors
from .load import load_toolkit

__all__ = ["ContentError", "ContentErrors", "load_toolkit"]
