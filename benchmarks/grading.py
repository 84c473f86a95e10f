"""Benchmark: autograding 30 submissions of one exercise, samlab cohort vs plain nbgrader.

Both course folders get the same 30 submissions of exercise 2 (the master's answers, as a
participant who got everything right would hand in). The cohort made by ``samlab cohort init``
grades each notebook in a bubblewrap sandbox and with the output limits; the plain course uses
nbgrader's defaults. The time is the wall-clock time of ``nbgrader autograde`` alone.

    python benchmarks/grading.py [--submissions 30] [--update-readme]

Target: the cohort's grading takes at most 1.5 × plain nbgrader's time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "simulations"))

from samlab import cohort  # noqa: E402
from samlab.grading import nbgrader_command, nbgrader_env  # noqa: E402

ASSIGNMENT = "ex2_governance_mode"
LANG = "en"
START, END = "<!-- grading-benchmark:start -->", "<!-- grading-benchmark:end -->"


def nbgrader(*args: str, cwd: Path) -> None:
    command = [*nbgrader_command(), *args]
    result = subprocess.run(command, cwd=cwd, env=nbgrader_env(cwd), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{command} failed:\n{result.stdout}\n{result.stderr}")


def plain_course(root: Path) -> Path:
    """A course folder with nbgrader's defaults and the same master."""
    (root / "source").mkdir(parents=True)
    shutil.copytree(ROOT / "solutions" / LANG / ASSIGNMENT, root / "source" / ASSIGNMENT)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        "c.CourseDirectory.course_id = 'plain'\n",
        encoding="utf-8",
    )
    return root


def submit(root: Path, count: int) -> None:
    master = root / "source" / ASSIGNMENT
    for number in range(1, count + 1):
        folder = root / "submitted" / f"p{number:02d}" / ASSIGNMENT
        shutil.copytree(master, folder)


def grade(root: Path, count: int) -> float:
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    submit(root, count)
    start = time.perf_counter()
    nbgrader("autograde", ASSIGNMENT, cwd=root)
    return time.perf_counter() - start


def measure(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        sandboxed = cohort.init(base / "cohort", LANG, course_id="bench")
        plain = plain_course(base / "plain")
        # alternate the order so a warm disk cache favours neither
        times = {"plain": grade(plain, count), "cohort": grade(sandboxed, count)}
    times["ratio"] = times["cohort"] / times["plain"]
    return times


def table(times: dict[str, float], count: int) -> str:
    lines = [
        "| measurement | result | target |",
        "|---|---:|---:|",
        f"| Plain nbgrader: autograde {count} submissions of exercise 2"
        f" | {times['plain']:.0f} s |  |",
        f"| `samlab cohort` (sandboxed): the same {count} | {times['cohort']:.0f} s |  |",
        f"| Ratio cohort / plain | {times['ratio']:.2f}× | ≤ 1.5× |",
        "",
        f"Measured {dt.date.today().isoformat()} with Python {platform.python_version()}, "
        f"on {os.cpu_count()} cores ({platform.machine()}).",
    ]
    return "\n".join(lines)


def update_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    before, rest = content.split(START, 1)
    _, after = rest.split(END, 1)
    readme.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=30)
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args()
    times = measure(args.submissions)
    text = table(times, args.submissions)
    print(text)
    if args.update_readme:
        update_readme(text)
    return 0 if times["ratio"] <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
