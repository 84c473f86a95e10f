"""Generate the student exercises from the nbgrader masters.

The masters (instructor versions, with model answers, hidden tests and mark schemes) live in
``solutions/<lang>/<assignment>/`` for ``lang`` in ``nb`` (bokmål) and ``en`` (English): one
notebook ``<assignment>.ipynb`` plus any data files it reads. The student versions in
``exercises/<lang>/<assignment>/`` are generated from them by nbgrader and committed; never
edit them by hand. After changing a master, run::

    make exercises                    # or: python solutions/generate_exercises.py

Options::

    --lang nb|en       only this language (default: both)
    --assignment ID    only this assignment (repeat for more; default: all)
    --out DIR          write DIR/<lang>/<assignment>/ instead of exercises/<lang>/<assignment>/
    --check            regenerate into a temporary folder and compare with exercises/ (or
                       --out); exit 1 and list the differing files if they differ
    --solutions DIR    take the masters from DIR/<lang>/ instead of the folder this script is
                       in (for trying the generator on other masters)

How it works. For each language the script makes a temporary nbgrader course folder (outside
the repository) with its own ``nbgrader_config.py`` and gradebook, copies
``solutions/<lang>/*/`` into its ``source/``, and runs the real command
``nbgrader generate_assignment <assignment> --force`` for every assignment, with the
``nbgrader`` that sits next to the running Python (whose folder is put first on PATH, because
nbgrader runs the ``alembic`` command by name when it creates a gradebook). nbgrader then

- replaces each ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` region with a stub that says
  where to write (``# svaret ditt her`` / ``# your answer here``) followed by
  ``raise NotImplementedError()``, so an unanswered cell fails;
- removes ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` regions from test cells and
  ``=== BEGIN MARK SCHEME ===`` ... ``=== END MARK SCHEME ===`` regions from task cells;
- clears outputs, locks the read-only cells and stores checksums in the cell metadata;
- copies the data files of the assignment folder.

The ``release/<assignment>/`` folder nbgrader writes is then copied to
``exercises/<lang>/<assignment>/``, replacing what was there. The languages are generated in
parallel (each has its own course folder).

Ownership. ``exercises/<lang>/`` belongs to this script: a folder there that holds a notebook
but has no master any more is removed; anything else that has no master is reported and left
alone (with ``--assignment`` only the named folders are written and nothing is removed).
Other files in the repository (including ``exercises/README.md`` or similar) are never
touched. If an assignment fails to generate, its old student version is kept, nbgrader's
error is printed, and the script exits with status 1 after writing the others.

Determinism. Generating twice gives byte-identical files: nbgrader writes no timestamps, and
its checksums depend only on the cell contents. The one source of randomness is a master in
nbformat 4.5 whose cells have no ``id``: nbformat then invents random ids on every run. Such
cells get a stable id derived from the notebook name and the cell's position (cell ids are
not part of nbgrader's checksums), and the script says which master should get ids.

Nothing is left in the repository: the course folder and its gradebook live in a temporary
folder that is removed afterwards. ``tests/test_exercises.py`` checks the masters and the
student versions (``nbgrader validate``, leaks, parity of nb and en, up to date).
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# The stubs, nbgrader's region markers and the ignored files are those `samlab cohort init`
# writes into a cohort's config (one writer, samlab.grading.config), so students get the same
# notebooks from both.
from samlab.grading import IGNORE, MASTER_IGNORE, nbgrader_command, nbgrader_env
from samlab.grading.config import generation_settings, write_config

SOLUTIONS = Path(__file__).resolve().parent
LANGS = ("nb", "en")

TIMEOUT = 600  # seconds for one nbgrader command


@dataclass
class Result:
    lang: str
    assignment: str
    ok: bool
    log: str = ""
    notes: tuple[str, ...] = ()


def masters(solutions: Path, lang: str) -> list[str]:
    """The assignment ids with a master folder in ``solutions/<lang>/``."""
    folder = solutions / lang
    if not folder.is_dir():
        return []
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and p.name not in IGNORE
    )


def write_course_config(course: Path, lang: str) -> None:
    settings = {
        "CourseDirectory.root": str(course),
        "CourseDirectory.db_url": "sqlite:///" + (course / "gradebook.db").as_posix(),
        **generation_settings(lang),
        "IncludeHeaderFooter.header": "",
        "IncludeHeaderFooter.footer": "",
    }
    write_config(
        course, settings, comment=["Written by solutions/generate_exercises.py for one run."]
    )


def stable_cell_ids(master: Path, release: Path) -> bool:
    """Give release cells the master's ids, or a stable one where the master has none.

    Returns whether the release notebook was rewritten. Cell ids are not part of nbgrader's
    checksums, so this does not upset ``nbgrader validate``.
    """
    source = json.loads(master.read_text(encoding="utf-8"))
    data = json.loads(release.read_text(encoding="utf-8"))
    if len(source["cells"]) != len(data["cells"]):
        return False
    changed = False
    taken = {c["id"] for c in source["cells"] if "id" in c}
    for index, (old, new) in enumerate(zip(source["cells"], data["cells"], strict=True)):
        if "id" not in new:
            continue
        want = old.get("id")
        if want is None:
            digest = hashlib.sha1(f"{master.stem}:{index}".encode()).hexdigest()
            want = f"{digest[:8]}-{index}"
            while want in taken:
                want += "x"
            taken.add(want)
        if new["id"] != want:
            new["id"] = want
            changed = True
    if changed:
        import nbformat  # only needed here; importing it is slow

        text = nbformat.writes(nbformat.from_dict(data))
        release.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    return changed


def generate_language(
    solutions: Path, lang: str, assignments: list[str], staging: Path
) -> list[Result]:
    """Generate assignments of one language into ``staging/<lang>/<assignment>/``."""
    results = []
    with tempfile.TemporaryDirectory(prefix=f"samlab-nbgrader-{lang}-") as tmp:
        course = Path(tmp)
        (course / ".jupyter").mkdir()
        write_course_config(course, lang)
        env = nbgrader_env(course)
        for assignment in assignments:  # copy all first: one snapshot of the masters
            shutil.copytree(
                solutions / lang / assignment,
                course / "source" / assignment,
                ignore=shutil.ignore_patterns(*MASTER_IGNORE),
            )
        for assignment in assignments:
            command = [*nbgrader_command(), "generate_assignment", assignment, "--force"]
            try:
                run = subprocess.run(
                    command,
                    cwd=course,
                    env=env,
                    capture_output=True,
                    text=True,
                    encoding="utf-8",
                    errors="replace",
                    timeout=TIMEOUT,
                    check=False,
                )
                log, code = run.stdout + run.stderr, run.returncode
            except subprocess.TimeoutExpired:
                log, code = f"nbgrader took longer than {TIMEOUT} s", -1
            release = course / "release" / assignment
            if code != 0 or not release.is_dir():
                results.append(Result(lang, assignment, False, log))
                continue
            notes = []
            for notebook in sorted(release.glob("*.ipynb")):
                if stable_cell_ids(course / "source" / assignment / notebook.name, notebook):
                    notes.append(
                        f"{lang}/{assignment}/{notebook.name}: the master has cells without an "
                        "id; they got stable ids (give every cell an id in the master)"
                    )
            shutil.copytree(release, staging / lang / assignment, copy_function=shutil.copyfile)
            results.append(Result(lang, assignment, True, log, tuple(notes)))
    return results


def generate(solutions: Path, plan: dict[str, list[str]], staging: Path) -> list[Result]:
    """Generate ``{lang: [assignment, ...]}``, the languages in parallel; results in order."""
    with ThreadPoolExecutor(max_workers=len(plan)) as pool:
        runs = [
            pool.submit(generate_language, solutions, lang, assignments, staging)
            for lang, assignments in plan.items()
        ]
        return [result for run in runs for result in run.result()]


def files(folder: Path) -> set[Path]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}


def differences(expected: Path, actual: Path, shown: Path, keep) -> list[str]:
    """Files that differ between two trees, named as under ``shown``.

    Only paths whose top folder passes ``keep(name)`` are compared.
    """
    want = {p for p in files(expected) if keep(p.parts[0])}
    have = {p for p in files(actual) if keep(p.parts[0])}
    lines = [f"missing   {shown / p}" for p in sorted(want - have)]
    lines += [f"extra     {shown / p}" for p in sorted(have - want)]
    lines += [
        f"differs   {shown / p}"
        for p in sorted(want & have)
        if not filecmp.cmp(expected / p, actual / p, shallow=False)
    ]
    return lines


def install(
    staging: Path, out: Path, lang: str, results: list[Result], known: list[str] | None
) -> None:
    """Copy the generated assignments of one language to ``out/<lang>/``.

    With ``known`` (every assignment that has a master), also remove what has none.
    """
    target = out / lang
    target.mkdir(parents=True, exist_ok=True)
    for result in results:
        if result.lang != lang or not result.ok:
            continue
        dest = target / result.assignment
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(staging / lang / result.assignment, dest, copy_function=shutil.copyfile)
        print(f"wrote     {dest}")
    for entry in sorted(target.iterdir()) if known is not None else []:
        if entry.name in known:
            continue
        if entry.is_dir() and any(entry.rglob("*.ipynb")):
            shutil.rmtree(entry)
            print(f"removed   {entry} (no master in solutions/{lang}/)")
        else:
            print(f"warning   {entry} has no master in solutions/{lang}/; left alone")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate exercises/<lang>/<assignment>/ from the nbgrader masters in "
        "solutions/<lang>/<assignment>/."
    )
    parser.add_argument("--lang", choices=LANGS, help="only this language (default: both)")
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="output folder instead of exercises/"
    )
    parser.add_argument(
        "--check", action="store_true", help="compare with exercises/ (or --out); change nothing"
    )
    parser.add_argument(
        "--assignment",
        action="append",
        metavar="ID",
        help="only this assignment (repeat for more; default: all)",
    )
    parser.add_argument(
        "--solutions",
        type=Path,
        default=SOLUTIONS,
        metavar="DIR",
        help="masters folder (default: the folder of this script)",
    )
    args = parser.parse_args(argv)

    solutions = args.solutions.resolve()
    out = (args.out or solutions.parent / "exercises").resolve()
    langs = [args.lang] if args.lang else list(LANGS)
    if out == solutions or solutions in out.parents:
        parser.error(f"--out {out} is inside the masters folder {solutions}")
    plan, errors = {}, []
    for lang in langs:
        found = masters(solutions, lang)
        wanted = sorted(set(args.assignment)) if args.assignment else found
        errors += [f"no master {solutions / lang / a}/" for a in wanted if a not in found]
        if not found:
            errors.append(f"no masters in {solutions / lang}/")
        plan[lang] = [a for a in wanted if a in found]
    if errors:
        print("\n".join(f"error: {e}" for e in errors), file=sys.stderr)
        return 1

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="samlab-exercises-") as tmp:
        staging = Path(tmp)
        results = generate(solutions, plan, staging)
        failed = [r for r in results if not r.ok]
        for result in failed:
            print(f"\nFAILED    {result.lang}/{result.assignment}: nbgrader said:", file=sys.stderr)
            print(result.log.rstrip(), file=sys.stderr)
        for result in results:
            for note in result.notes:
                print(f"note      {note}", file=sys.stderr)

        if args.check:
            diffs = []
            for lang in langs:
                shown = Path(os.path.relpath(out / lang))
                skip = {r.assignment for r in failed if r.lang == lang}
                chosen = set(plan[lang]) if args.assignment else None

                def keep(name, skip=skip, chosen=chosen):
                    return name not in skip and (chosen is None or name in chosen)

                diffs += differences(staging / lang, out / lang, shown, keep)
            seconds = time.perf_counter() - start
            if diffs or failed:
                if diffs:
                    print("The student versions differ from what the masters give:")
                    print("\n".join(f"  {line}" for line in diffs))
                    print("run: make exercises")
                return 1
            print(f"{out} is up to date ({len(results)} assignments, {seconds:.0f} s)")
            return 0

        for lang in langs:
            known = None if args.assignment else masters(solutions, lang)
            install(staging, out, lang, results, known)
    seconds = time.perf_counter() - start
    done = len(results) - len(failed)
    print(f"generated {done} of {len(results)} assignments in {seconds:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
