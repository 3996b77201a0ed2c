"""What the preview (`mkdocs serve`) shows when content has errors: a Swedish error banner.

Input: the errors of the preview build (`BuildResult.errors`). Output: an HTML fragment, escaped
by Jinja, that the hooks put at the top of every page and of the 404 page. Production builds
never get here: they stop with every problem listed.
"""

from __future__ import annotations

import re

import jinja2

from .problems import Problem

_BODY = re.compile(r"(<body\b[^>]*>)", re.I)


def error_banner(errors: tuple[Problem, ...] | list[Problem]) -> str:
    env = jinja2.Environment(loader=jinja2.PackageLoader("trygg", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, comment_start_string="{##",
                             comment_end_string="##}", undefined=jinja2.StrictUndefined)
    return env.get_template("preview_errors.html.j2").render(errors=list(errors))


def with_error_banner(page_html: str, errors: tuple[Problem, ...] | list[Problem]) -> str:
    """The page with the banner right after <body>, or the page unchanged when there are no errors."""
    if not errors:
        return page_html
    banner = error_banner(errors)
    if _BODY.search(page_html):
        return _BODY.sub(lambda m: m.group(1) + banner, page_html, count=1)
    return banner + page_html
