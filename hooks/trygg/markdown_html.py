"""A Python-Markdown extension that lets generated pages use accessible HTML tables.

With md_in_html, `<caption>` is not a block-level tag, so Python-Markdown wraps it in `<p>`
inside the table — invalid HTML that browsers move out of the table, losing the caption.
Declaring it block-level keeps it where it belongs.
"""

from __future__ import annotations

from markdown import Extension, Markdown


class TableCaptionExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        if "caption" not in md.block_level_elements:
            md.block_level_elements.append("caption")
