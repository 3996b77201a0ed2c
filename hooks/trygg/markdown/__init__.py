"""Markdown extensions every page goes through: abbreviations, the HTML allowlist, table captions."""
