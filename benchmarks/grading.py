"""Benchmark: autograding 30 submissions of one exercise, samlab cohort vs plain nbgrader.

Three course folders get the same 30 submissions of exercise 2 (the master's answers, as a
participant who got everything right would hand in). The plain course uses nbgrader's
defaults and ``nbgrader autograde``. The two cohorts made by ``samlab cohort init`` grade
each notebook in the least-privilege sandbox with the output and resource limits: one with
``nbgrader autograde`` (one notebook after another), one with ``samlab cohort grade`` (as
many at a time as there are cores). The time is the wall-clock time of the grading command.

    python benchmarks/grading.py [--submissions 30] [--update-readme]

Targets: sequential sandboxed grading at most 1.5 × plain nbgrader's time; parallel
sandboxed grading at most 0.6 × plain nbgrader's time.
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
from samlab.grading import nbgrader_command, nbgrader_env, parallel  # noqa: E402

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


def grade(root: Path, count: int, in_parallel: bool = False) -> float:
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    submit(root, count)
    start = time.perf_counter()
    if in_parallel:
        report = parallel.grade(root, ASSIGNMENT, progress=False)
        if report.failed:
            raise RuntimeError(report.summary())
    else:
        nbgrader("autograde", ASSIGNMENT, cwd=root)
    return time.perf_counter() - start


def measure(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        sandboxed = cohort.init(base / "cohort", LANG, course_id="bench")
        in_parallel = cohort.init(base / "parallel", LANG, course_id="bench")
        plain = plain_course(base / "plain")
        times = {
            "plain": grade(plain, count),
            "cohort": grade(sandboxed, count),
            "parallel": grade(in_parallel, count, in_parallel=True),
        }
    times["ratio"] = times["cohort"] / times["plain"]
    times["parallel_ratio"] = times["parallel"] / times["plain"]
    return times


def table(times: dict[str, float], count: int) -> str:
    lines = [
        "| measurement | result | target |",
        "|---|---:|---:|",
        f"| Plain nbgrader: autograde {count} submissions of exercise 2"
        f" | {times['plain']:.0f} s |  |",
        f"| `nbgrader autograde` in a cohort (sandboxed): the same {count}"
        f" | {times['cohort']:.0f} s |  |",
        f"| `samlab cohort grade` (sandboxed, {os.cpu_count()} at a time): the same {count}"
        f" | {times['parallel']:.0f} s |  |",
        f"| Ratio sandboxed / plain, one at a time | {times['ratio']:.2f}× | ≤ 1.5× |",
        f"| Ratio sandboxed in parallel / plain | {times['parallel_ratio']:.2f}× | ≤ 0.6× |",
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
    return 0 if times["ratio"] <= 1.5 and times["parallel_ratio"] <= 0.6 else 1


if __name__ == "__main__":
    sys.exit(main())
