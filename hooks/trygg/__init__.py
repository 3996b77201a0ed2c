"""trygg — the domain core of a site generator for municipal safety programmes.

Loads `content/`, validates it into models and renders Markdown, ICS, Atom and JSON-LD.
It never imports MkDocs; `hooks/trygg_hooks.py` is the only MkDocs-facing glue.
"""

from trygg.core.problems import ContentError, Problem, Severity
from trygg.markdown.abbreviations import AbbreviationExtension
from trygg.pipeline import BuildResult, build_site, check_site

__all__ = ["AbbreviationExtension", "BuildResult", "ContentError", "Problem", "Severity", "build_site", "check_site"]
