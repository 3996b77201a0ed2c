"""The `trygg` command for writers and CI: `trygg check` validates content/ without a build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .pipeline import check_site
from .problems import ContentError, Severity, format_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trygg", description="Verktyg för webbplatsen Säker och trygg kommun.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="kontrollera allt innehåll i content/")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="projektets mapp (där mkdocs.yml ligger)")
    check.add_argument("--strict", action="store_true", help="räkna varningar som fel")
    args = parser.parse_args(argv)
    return _check(args.root.resolve(), args.strict)


def _check(root: Path, strict: bool) -> int:
    try:
        content = check_site(root)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    if content.warnings:
        print(format_problems(list(content.warnings)), file=sys.stderr)
        return 1 if strict and any(w.severity is Severity.WARNING for w in content.warnings) else 0
    print(f"Inga fel: {len(content.events)} möten, {len(content.articles)} nyheter, "
          f"{len(content.register.organisations)} organisationer.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
