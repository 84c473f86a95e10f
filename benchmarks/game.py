"""Benchmark: the service game on 127.0.0.1, from the last decision to the round computed.

The game service (``samlab.game.service``, its JSON API over HTTP, a SQLite database) runs
in this process without a hub (tokens stand for hub users); the players are threads with
the real client. Two runs, each of 12 rounds of 4 weeks with 600 children and six people
(one per service) deciding at the same moment every round:

1. one game alone;
2. 8 games at once (a cohort of 48 at 8 tables), the load test's shape.

The time measured is, for each round, from sending the round's last decision to the
answer with the round computed (what the last player waits). Every decision and every
round must be in the database afterwards.

    python benchmarks/game.py [--children 600] [--update-readme]

Target: under 1 s for 600 children (the median of the 8-games run; the table shows the
slowest round too).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "simulations"))

from samlab.game import loadtest  # noqa: E402
from samlab.game.service import LocalServer  # noqa: E402
from samlab.game.store import GameStore  # noqa: E402

START, END = "<!-- game-benchmark:start -->", "<!-- game-benchmark:end -->"
ROLES, ROUNDS, TARGET = 6, 12, 1.0


def run(games: int, children: int, folder: Path) -> dict:
    path = folder / f"games-{games}.sqlite"
    tokens, instructors = loadtest.tokens_for(games, ROLES)
    with LocalServer(GameStore(f"sqlite:///{path}"), tokens, instructors) as server:
        report = loadtest.play(
            server.url, games, ROLES, ROUNDS, children=children, weeks_per_round=4, deadline=1200
        )
    if report.errors:
        raise RuntimeError(f"{games} games: {report.errors}")
    with sqlite3.connect(path) as database:
        decisions = database.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
        rounds = database.execute("SELECT COUNT(*) FROM rounds").fetchone()[0]
    if (decisions, rounds) != (games * ROLES * ROUNDS, games * ROUNDS):
        raise RuntimeError(f"lost: {decisions} decisions and {rounds} rounds stored")
    times = report.last_to_computed
    return {
        "median": statistics.median(times),
        "slowest": max(times),
        "seconds": report.seconds,
        "decisions": decisions,
        "rounds": rounds,
    }


def table(one: dict, many: dict, children: int) -> str:
    rows = [
        "| measurement | result | target |",
        "|---|---:|---:|",
        f"| One game, {children} children: last decision to round computed, median "
        f"| {one['median']:.2f} s | < 1 s |",
        f"| One game: the slowest of its 12 rounds | {one['slowest']:.2f} s |  |",
        f"| 8 games at once: last decision to round computed, median "
        f"| {many['median']:.2f} s | < 1 s |",
        f"| 8 games at once: the slowest of the 96 rounds | {many['slowest']:.2f} s |  |",
        f"| 8 games × 6 roles × 12 rounds, whole run | {many['seconds']:.0f} s |  |",
        f"| Stored: decisions, rounds (none lost) | {many['decisions']}, {many['rounds']} "
        f"| {8 * ROLES * ROUNDS}, {8 * ROUNDS} |",
    ]
    today = dt.date.today().isoformat()
    rows.append(
        f"\nMeasured {today} with Python {platform.python_version()}, SQLite, "
        f"the service and the players on the same 2 cores ({platform.machine()})."
    )
    return "\n".join(rows)


def update_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    before, rest = content.split(START, 1)
    _, after = rest.split(END, 1)
    readme.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=600)
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        one = run(1, args.children, Path(folder))
        many = run(8, args.children, Path(folder))
    text = table(one, many, args.children)
    print(text)
    if args.update_readme:
        update_readme(text)
    return 0 if many["median"] < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
