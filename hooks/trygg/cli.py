"""The `trygg` command for writers and CI.

- `trygg check` validates content/ with the build's own loaders (pipeline.check_site) plus the
  writer's checks, and prints every problem as `fil:rad:kolumn: fel|varning: meddelande (tips)`,
  as JSON (`--format json`), and as GitHub annotations when run inside GitHub Actions;
- `trygg new <typ> "Titel"` writes a commented skeleton for a new page (trygg.skeletons);
- `trygg build` builds site/ atomically and reproducibly (trygg.publish).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .pipeline import CheckReport, check_site
from .problems import Problem, Severity
from .writing import DEFAULT_MAX_LIX


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "new":
        from .skeletons import create_page

        return create_page(_find_root(args.root), args.typ, args.titel, args.mapp)
    if args.command == "build":
        return build_command(_find_root(args.root), args.site_dir)
    return check(_find_root(args.root), strict=args.strict, output=args.format, spelling=not args.utan_stavning,
                 max_lix=args.lix)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="trygg", description=_description())
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="kontrollera allt innehåll i content/")
    check_cmd.add_argument("--root", type=Path, default=None, help="projektets mapp (där mkdocs.yml ligger)")
    check_cmd.add_argument("--strict", action="store_true", help="räkna varningar som fel")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text", help="utdata för människor eller verktyg")
    check_cmd.add_argument("--utan-stavning", action="store_true", help="hoppa över stavningskontrollen")
    check_cmd.add_argument("--lix", type=float, default=DEFAULT_MAX_LIX,
                           help=f"varna för texter med högre LIX än så här (standard {DEFAULT_MAX_LIX})")
    new_cmd = commands.add_parser("new", help="skapa en ny sida från en mall")
    from .skeletons import skeletons

    new_cmd.add_argument("typ", help=f"vilken sorts sida: {', '.join(skeletons())}")
    new_cmd.add_argument("titel", help="sidans rubrik")
    new_cmd.add_argument("--mapp", default=None, help="filens eller mappens namn (annars bildat av titeln)")
    new_cmd.add_argument("--root", type=Path, default=None, help="projektets mapp (där mkdocs.yml ligger)")
    build_cmd = commands.add_parser("build", help="bygg webbplatsen till site/ (ersätter site/ bara om bygget lyckas)")
    build_cmd.add_argument("--site-dir", type=Path, default=None, help="vart webbplatsen byggs (standard: site/)")
    build_cmd.add_argument("--root", type=Path, default=None, help="projektets mapp (där mkdocs.yml ligger)")
    return parser


def _description() -> str:
    """`trygg --help` names the site of the project it runs in (content/webbplats.yml), if any."""
    import yaml

    from .identity import IDENTITY_FILE
    from .texts import catalogue

    try:
        data = yaml.safe_load((_find_root(None) / "content" / IDENTITY_FILE).read_text("utf-8"))
        name = str(data["program"]["namn"])
    except (OSError, SystemExit, yaml.YAMLError, TypeError, KeyError):
        return "Verktyg för webbplatsen."
    return catalogue()["cli.beskrivning"].format(program=name)


def _find_root(given: Path | None) -> Path:
    """The project folder: --root, else the nearest folder upwards holding mkdocs.yml."""
    if given is not None:
        return given.resolve()
    here = Path.cwd().resolve()
    return next((p for p in (here, *here.parents) if (p / "mkdocs.yml").exists()), here)


def check(root: Path, *, strict: bool = False, output: str = "text", spelling: bool = True,
          max_lix: float = DEFAULT_MAX_LIX) -> int:
    report = check_site(root, spelling=spelling, max_lix=max_lix)
    if output == "json":
        print(json.dumps(_as_json(report), ensure_ascii=False, indent=2))
    else:
        _print_text(report)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in report.problems:
            print(github_annotation(problem))
    failed = report.errors or (strict and report.warnings)
    return 1 if failed else 0


def build_command(root: Path, site_dir: Path | None) -> int:
    from .publish import build

    site = (site_dir or root / "site").resolve()
    code = build(root, site)
    if code != 0:
        print(f"Bygget misslyckades. {site} är oförändrad.", file=sys.stderr)
    return code


def _print_text(report: CheckReport) -> None:
    for problem in report.problems:
        print(problem)
    if report.problems:
        print(f"Innehållet har {report.errors} fel och {report.warnings} varningar.")
    else:
        print("Inga fel eller varningar i content/.")


def _as_json(report: CheckReport) -> dict:
    return {"errors": report.errors, "warnings": report.warnings,
            "problems": [p.as_dict() for p in report.problems]}


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the problem on the pull request's file view."""
    level = "error" if problem.severity is Severity.ERROR else "warning"
    props = [f"file={_escape_property(problem.file)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
    if problem.column is not None:
        props.append(f"col={problem.column}")
    text = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    return f"::{level} {','.join(props)}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


if __name__ == "__main__":
    sys.exit(main())
