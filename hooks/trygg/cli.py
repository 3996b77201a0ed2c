"""The `trygg` command for writers and CI.

- `trygg check` validates content/ with the build's own loaders (pipeline.check_site) plus the
  writer's checks, and prints every problem as `fil:rad:kolumn: fel|varning: meddelande (tips)`,
  as JSON (`--format json`), and as GitHub annotations when run inside GitHub Actions;
- `trygg new <typ> "Titel"` writes a commented skeleton for a new page (trygg.writers.new);
- `trygg build` builds site/ atomically and reproducibly (trygg.publish.build), MkDocs' lines in
  Swedish, and ends with one line saying what was built and where;
- `trygg serve [--dev-addr A] [mkdocs serve flags]` starts the preview (what ./scripts/serve
  runs) after checking mkdocs.yml's paths, announcing the address it really serves on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from trygg.console import config_problems
from trygg.core.problems import Problem, Severity
from trygg.core.sv import format_date
from trygg.pipeline import CheckReport, check_site
from trygg.writers.writing import DEFAULT_MAX_LIX


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"] and not {"-h", "--help"} & set(argv):  # the rest is for mkdocs serve
        root, rest = _split_root(argv[1:])
        return serve_command(_find_root(root), rest)
    args = _parser().parse_args(argv)
    if args.command == "new":
        from trygg.writers.new import create_page

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
    from trygg.writers.new import skeletons

    new_cmd.add_argument("typ", help=f"vilken sorts sida: {', '.join(skeletons())}")
    new_cmd.add_argument("titel", help="sidans rubrik")
    new_cmd.add_argument("--mapp", default=None, help="filens eller mappens namn (annars bildat av titeln)")
    new_cmd.add_argument("--root", type=Path, default=None, help="projektets mapp (där mkdocs.yml ligger)")
    build_cmd = commands.add_parser("build", help="bygg webbplatsen till site/ (ersätter site/ bara om bygget lyckas)")
    build_cmd.add_argument("--site-dir", type=Path, default=None, help="vart webbplatsen byggs (standard: site/)")
    build_cmd.add_argument("--root", type=Path, default=None, help="projektets mapp (där mkdocs.yml ligger)")
    serve_cmd = commands.add_parser("serve", help="förhandsvisa webbplatsen (mkdocs serve), som ./scripts/serve gör")
    serve_cmd.add_argument("--root", type=Path, default=None, help="projektets mapp (där mkdocs.yml ligger)")
    serve_cmd.add_argument("--dev-addr", help="adress och port, standard 127.0.0.1:8000; andra flaggor går till mkdocs serve")
    return parser


def _description() -> str:
    """`trygg --help` names the site of the project it runs in (content/webbplats.yml), if any."""
    import yaml

    from trygg.core.identity import IDENTITY_FILE
    from trygg.core.texts import catalogue

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
    from trygg.publish.build import build, site_summary

    site = (site_dir or root / "site").resolve()
    code = _print_config_problems(root) or build(root, site)
    if code != 0:
        print(f"Bygget misslyckades. {site} är oförändrad.", file=sys.stderr)
    else:
        print(site_summary(site))
    return code


def serve_command(root: Path, mkdocs_args: list[str]) -> int:
    """The preview (`mkdocs serve`) after the checks MkDocs would otherwise make in English,
    announcing the address it will really use (--dev-addr, else mkdocs.yml's dev_addr)."""
    if _print_config_problems(root):
        return 1
    address = _dev_addr(root, mkdocs_args)
    print(f"==> Startar förhandsvisningen på http://{address}/ (avsluta med Ctrl+C)", flush=True)
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "--dev-addr", address,
               *_without_dev_addr(mkdocs_args)]
    os.chdir(root)
    os.execve(sys.executable, command, {**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return 1  # not reached


def _split_root(args: list[str]) -> tuple[Path | None, list[str]]:
    """`--root DIR` out of `trygg serve`'s arguments; the rest are mkdocs serve's."""
    if "--root" in args and args.index("--root") + 1 < len(args):
        at = args.index("--root")
        return Path(args[at + 1]), args[:at] + args[at + 2:]
    return None, args


def _dev_addr(root: Path, args: list[str]) -> str:
    for index, arg in enumerate(args):
        if arg in ("-a", "--dev-addr") and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--dev-addr="):
            return arg.split("=", 1)[1]
    return DEFAULT_DEV_ADDR


def _without_dev_addr(args: list[str]) -> list[str]:
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("-a", "--dev-addr"):
            skip = True
        elif not arg.startswith("--dev-addr="):
            kept.append(arg)
    return kept


DEFAULT_DEV_ADDR = "127.0.0.1:8000"


def _print_config_problems(root: Path) -> int:
    """Paths in mkdocs.yml that a writer deleted or renamed, in Swedish with the fix; 1 if any."""
    problems = config_problems(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _print_text(report: CheckReport) -> None:
    for problem in report.problems:
        print(problem)
    for source, day in report.scheduled:
        print(f"{source}: publiceras {format_date(day)} (visas i förhandsvisningen, på webbplatsen från den dagen)")
    if report.problems:
        print(f"Innehållet har {report.errors} fel och {report.warnings} varningar.")
    else:
        print("Inga fel eller varningar i content/.")


def _as_json(report: CheckReport) -> dict:
    return {"errors": report.errors, "warnings": report.warnings,
            "problems": [p.as_dict() for p in report.problems],
            "scheduled": [{"file": source, "published": day.isoformat()} for source, day in report.scheduled]}


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
