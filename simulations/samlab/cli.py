"""The ``samlab`` command line.

    samlab simulate --scenario silo --seed 1 [--children N] [--weeks N]
                    [--set LEVER=VALUE ...] [--json]
    samlab scenarios --json
    samlab levers --json
    samlab cohort init DIR --lang nb|en [--course-id ID] [--solutions PATH] [--exchange PATH]
    samlab cohort students DIR --csv FILE
    samlab cohort grade ASSIGNMENT [--cohort DIR] [--workers N] [--timeout SECONDS]
    samlab cohort export DIR --to canvas|moodle|csv FILE
    samlab cohort check-sandbox [--bwrap PROGRAM]
    samlab link --hub URL [--repo URL] [--branch main] [--lang nb|en]
                [--target course|exercises|facilitator]
    samlab game serve [--db URL] [--ip IP] [--port N] [--prefix PATH]
                      [--instructor-group GROUP] [--lang nb|en]

Bad input prints one line, ``samlab: error: ...``, and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .errors import SamlabValueError
from .experiments import CLASSROOM, simulate
from .lever_catalogue import LEVERS
from .results import MEASURES
from .scenario_catalogue import SCENARIOS
from .translation import DEFAULT_LANG, LANGUAGES

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors on one line and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"samlab: error: {message}\n")


def _parse_set(items: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise SamlabValueError(f"--set expects LEVER=VALUE, got {item!r}")
        values[name.strip()] = _coerce(value.strip())
    return values


def _coerce(text: str) -> Any:
    """Numbers become numbers; everything else stays text (levers validate their own type)."""
    try:
        return float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        return text


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="samlab",
        description="Simulate services for vulnerable children and youth (utsatte barn og "
        "unge). A thinking tool, not a forecast.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    sim = sub.add_parser("simulate", help="run the model once and print the outcome measures")
    sim.add_argument("--scenario", default="silo", help="scenario id (see 'samlab scenarios')")
    sim.add_argument("--seed", default="1", help="random seed (whole number)")
    sim.add_argument("--children", default=str(CLASSROOM["children"]), help="children with needs")
    sim.add_argument("--weeks", default=str(CLASSROOM["weeks"]), help="weeks to simulate")
    sim.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="LEVER=VALUE",
        help="change a lever (repeatable), e.g. --set coordinator_coverage=0.8",
    )
    sim.add_argument(
        "--personas", action="store_true", help="add the children of Fjordvik (Mia, Emil, ...)"
    )
    sim.add_argument("--json", action="store_true", help="print the summary as JSON")

    for name, text in (("scenarios", "list the named scenarios"), ("levers", "list the levers")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--json", action="store_true", help="print as JSON")
        p.add_argument(
            "--lang",
            choices=LANGUAGES,
            default=DEFAULT_LANG,
            help=f"language (default {DEFAULT_LANG})",
        )

    cohort = sub.add_parser("cohort", help="set up and fill an nbgrader course for one cohort")
    steps = cohort.add_subparsers(dest="step", required=True, parser_class=_Parser)
    init = steps.add_parser("init", help="make a new nbgrader course folder for a cohort")
    init.add_argument("directory", help="the new cohort folder (must not exist or be empty)")
    init.add_argument("--lang", required=True, choices=LANGUAGES, help="course language")
    init.add_argument("--course-id", default=None, help="nbgrader course id (default samlab-LANG)")
    init.add_argument("--solutions", default=None, help="folder with the masters (nb/, en/)")
    init.add_argument("--exchange", default=None, help="nbgrader exchange folder, if not default")
    students = steps.add_parser("students", help="import the participant list (CSV)")
    students.add_argument("directory", help="the cohort folder")
    students.add_argument(
        "--csv",
        required=True,
        help="CSV: id,first_name,last_name,email and, for Canvas or Moodle, lms_user_id, "
        "sis_user_id, sis_login_id, section, lms_username",
    )
    grade = steps.add_parser(
        "grade", help="autograde every collected submission of an assignment, in parallel"
    )
    grade.add_argument("assignment", help="the assignment, e.g. ex2_governance_mode")
    grade.add_argument("--cohort", default=".", help="the cohort folder (default: here)")
    grade.add_argument(
        "--workers", default=None, help="notebooks graded at a time (default: the cores)"
    )
    grade.add_argument(
        "--timeout", default=None, help="seconds a cell may run (default: the cohort's)"
    )
    export = steps.add_parser(
        "export", help="write the grades as the CSV Canvas or Moodle imports, or plain CSV"
    )
    export.add_argument("directory", help="the cohort folder")
    export.add_argument("--to", required=True, help="canvas, moodle or csv")
    export.add_argument("file", help="the CSV file to write")
    check = steps.add_parser(
        "check-sandbox", help="check that this machine can make the grading sandbox"
    )
    check.add_argument("--bwrap", default="bwrap", help="the bubblewrap program (default bwrap)")

    link = sub.add_parser(
        "link", help="print the nbgitpuller link that opens the course on a JupyterHub"
    )
    link.add_argument(
        "--hub", required=True, help="the hub's address, e.g. https://kurs.example.no"
    )
    link.add_argument(
        "--repo", default=None, help="the course repository's http(s) address (default: origin)"
    )
    link.add_argument("--branch", default="main", help="the branch to pull (default main)")
    link.add_argument("--lang", default=DEFAULT_LANG, help=f"nb or en (default {DEFAULT_LANG})")
    link.add_argument(
        "--target",
        default="course",
        help="what opens: course, exercises or facilitator (default course)",
    )
    game = sub.add_parser("game", help="the service game on a JupyterHub")
    game_steps = game.add_subparsers(dest="step", required=True, parser_class=_Parser)
    serve = game_steps.add_parser(
        "serve", help="run the game service (the hub starts it: see deploy/README.md)"
    )
    serve.add_argument(
        "--db",
        default=None,
        help="the database, any SQLAlchemy URL (default: SAMLAB_GAME_DB, or "
        "sqlite:///samlab_games.sqlite in the working folder; PostgreSQL on Zero to JupyterHub)",
    )
    serve.add_argument(
        "--ip", default=None, help="address to listen on (default: from JUPYTERHUB_SERVICE_URL)"
    )
    serve.add_argument(
        "--port", default=None, help="port to listen on (default: from JUPYTERHUB_SERVICE_URL)"
    )
    serve.add_argument(
        "--prefix",
        default=None,
        help="URL prefix (default: JUPYTERHUB_SERVICE_PREFIX, or /services/samlab-game/)",
    )
    serve.add_argument(
        "--instructor-group",
        default=None,
        help="the hub group of the facilitators (default: SAMLAB_GAME_INSTRUCTOR_GROUP, or "
        "formgrade-samlab: nbgrader's instructor group formgrade-<course>)",
    )
    serve.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=DEFAULT_LANG,
        help=f"language of the service's messages (default {DEFAULT_LANG})",
    )
    return parser


def _game(args: argparse.Namespace) -> int:
    import os
    from urllib.parse import urlsplit

    from .game import service

    url = urlsplit(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    port = _whole("--port", args.port) if args.port is not None else url.port or 80
    if not 0 < port < 65536:
        raise SamlabValueError(f"--port must be from 1 to 65535, got {port}")
    group = args.instructor_group or os.environ.get(
        "SAMLAB_GAME_INSTRUCTOR_GROUP", "formgrade-samlab"
    )
    service.serve(
        db=args.db or os.environ.get("SAMLAB_GAME_DB") or "sqlite:///samlab_games.sqlite",
        ip=args.ip or url.hostname or "127.0.0.1",
        port=port,
        prefix=args.prefix or os.environ.get("JUPYTERHUB_SERVICE_PREFIX", service.DEFAULT_PREFIX),
        group=group,
        lang=args.lang,
    )
    return 0


def _whole(name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise SamlabValueError(f"{name} must be a whole number, got {text!r}") from None


def _print_summary(summary: dict[str, Any]) -> None:
    for key, value in summary.items():
        label = MEASURES.get(key, {}).get("label", {}).get("en", key)
        print(f"{key:30s} {value!s:>14}  {label if key in MEASURES else ''}".rstrip())


def _cohort(args: argparse.Namespace) -> int:
    from . import cohort

    if args.step == "init":
        root = cohort.init(args.directory, args.lang, args.course_id, args.solutions, args.exchange)
        print(f"cohort ready in {root}; next: cd {root} && nbgrader generate_assignment --all")
    elif args.step == "students":
        count = cohort.import_students(args.directory, args.csv)
        print(f"{count} participant(s) imported")
    elif args.step == "check-sandbox":
        import shutil

        from .grading import sandbox

        program = shutil.which(args.bwrap)
        if program is None:
            raise SamlabValueError(sandbox.BWRAP_MISSING)
        try:
            sandbox.check_sandbox(program)
        except RuntimeError as exc:
            raise SamlabValueError(str(exc)) from None
        print(f"the grading sandbox works here ({program})")
    elif args.step == "grade":
        from .grading import parallel

        workers = None if args.workers is None else _whole("--workers", args.workers)
        options = []
        if args.timeout is not None:
            options.append(f"--Execute.timeout={_whole('--timeout', args.timeout)}")
        report = parallel.grade(args.cohort, args.assignment, workers, options)
        print(report.summary())
        return 1 if report.failed else 0
    else:
        from .grading import lms

        count = lms.export(args.directory, args.to, args.file)
        print(f"grades of {count} participant(s) written to {args.file} for {args.to}")
    return 0


def _link(args: argparse.Namespace) -> int:
    from . import hosting

    hosting.check_options(args.hub, args.branch, args.lang, args.target)
    repo = args.repo if args.repo is not None else hosting.origin_url()
    print(hosting.nbgitpuller_link(args.hub, repo, args.branch, args.lang, args.target))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "cohort":
            return _cohort(args)
        if args.command == "link":
            return _link(args)
        if args.command == "game":
            return _game(args)
        if args.command == "simulate":
            result = simulate(
                args.scenario,
                seed=_whole("--seed", args.seed),
                children=_whole("--children", args.children),
                weeks=_whole("--weeks", args.weeks),
                record_journeys=False,
                personas=args.personas,
                **_parse_set(args.set),
            )
            summary = result.summary()
            if args.json:
                print(json.dumps(summary, indent=2, ensure_ascii=False))
            else:
                print(
                    f"scenario {args.scenario}, seed {result.seed}, {result.n_children} "
                    f"children, {result.weeks} weeks (a thinking tool, not a forecast)"
                )
                _print_summary(summary)
        elif args.command == "scenarios":
            items = [s.describe() for s in SCENARIOS]
            if args.json:
                print(json.dumps(items, indent=2, ensure_ascii=False))
            else:
                for item in items:
                    print(f"{item['id']:24s} {item['title'][args.lang]}")
        else:
            items = [lever.describe() for lever in LEVERS]
            if args.json:
                print(json.dumps(items, indent=2, ensure_ascii=False))
            else:
                for item in items:
                    print(
                        f"{item['name']:22s} {item['label'][args.lang]} "
                        f"(default {item['default']}; {item['allowed']})"
                    )
    except SamlabValueError as exc:
        print(f"samlab: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `samlab levers | head`
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
