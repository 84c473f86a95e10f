"""The graded exercises: nbgrader masters in solutions/, student versions in exercises/.

For every assignment found under ``solutions/<lang>/`` (nb and en):

- the master passes ``nbgrader validate`` (model answers pass the visible and hidden tests);
- the generated blank student version passes ``nbgrader validate --invert``, i.e. not one of
  its test cells passes before the participant has answered;
- the committed ``exercises/`` is what ``solutions/generate_exercises.py`` gives now;
- no line of a model answer, hidden test or mark scheme reaches a file under ``exercises/``;
- the master runs top to bottom on a fresh kernel in under a minute;
- nb and en have the same files, cells, grade ids and points, and code that differs only in
  strings and comments;
- every test cell gives readable feedback through ``samlab.checks``, not a bare ``assert``.

The student versions are generated once per test run (shared by the pytest-xdist workers).
Note: ``nbgrader validate`` exits with status 0 whether or not the notebook passes, so the
tests read what it prints.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tokenize
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from samlab.grading import nbgrader_command, nbgrader_env, split_regions

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
GENERATOR = SOLUTIONS / "generate_exercises.py"
LANGS = ("nb", "en")
MAX_SECONDS = 60
SKIPPED = {".ipynb_checkpoints", "__pycache__"}
# regions nbgrader removes from the student version (nbgrader's default markers, which the
# generator also sets explicitly)
REGIONS = (
    ("BEGIN SOLUTION", "END SOLUTION"),
    ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"),
    ("BEGIN MARK SCHEME", "END MARK SCHEME"),
)
HIDDEN_TESTS = REGIONS[1]
# a visible test calls samlab.checks, or the exercise's one-line check from
# samlab.exercise_checks, named in the participant's language
ONE_LINE_CHECK = r"\bchecks\.\w+\s*\(|^(?:sjekk|check)\(\"\w+\"(?:, \w+)+\)$"
LOCALISED_NAMES = {"sjekk": "check"}  # the same identifier in nb and en code
# Leak check: a secret line of SHORTEST_LEAK+ characters must not appear as a line of a
# student file (shorter ones, like ``else:``, are too common); from LONG_LEAK characters on,
# not even inside a longer line (a model answer pasted into a sentence). Shorter pieces of
# code such as ``"scenario": "silo",`` are often part of a longer visible line by design.
SHORTEST_LEAK = 12
LONG_LEAK = 30
VALIDATE_PASSED = "Success! Your notebook passes all the tests."
INVERT_PASSED = "Success! The notebook does not pass any tests."


def assignments(lang: str) -> list[str]:
    """The assignment ids with a master folder in solutions/<lang>/ (as the generator sees)."""
    folder = SOLUTIONS / lang
    if not folder.is_dir():
        return []
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and p.name not in SKIPPED
    )


ASSIGNMENTS = sorted(set(assignments("nb")) | set(assignments("en")))
CASES = [pytest.param(lang, a, id=f"{lang}/{a}") for a in ASSIGNMENTS for lang in LANGS]


def files(folder: Path) -> list[Path]:
    """The files of an assignment folder, relative to it (no Jupyter or Python caches)."""
    if not folder.is_dir():
        return []
    return sorted(
        p.relative_to(folder)
        for p in folder.rglob("*")
        if p.is_file() and not SKIPPED & set(p.relative_to(folder).parts)
    )


def notebooks(folder: Path) -> list[Path]:
    """The notebooks nbgrader processes: the .ipynb files at the top of the folder."""
    return sorted(folder.glob("*.ipynb"))


def read(path: Path):
    return nbformat.read(path, as_version=4)


def grading(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def kind(cell) -> str:
    """What nbgrader does with a cell: plain, or its flags (grade+locked, solution, task...)."""
    meta = grading(cell)
    if not meta:
        return "plain"
    flags = [flag for flag in ("grade", "solution", "task", "locked") if meta.get(flag)]
    return "+".join(flags) or "unflagged"


def is_test(cell) -> bool:
    meta = grading(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def nbgrader(*args: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the real nbgrader command line of this Python's environment, isolated in ``cwd``."""
    return subprocess.run(
        [*nbgrader_command(), *args],
        cwd=cwd,
        env=nbgrader_env(cwd),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )


# --- the student versions, generated once per test run ------------------------------------


@dataclass
class Generation:
    out: Path
    returncode: int
    log: str

    def folder(self, lang: str, assignment: str) -> Path:
        """The freshly generated student version; fails with nbgrader's words if it is not."""
        folder = self.out / lang / assignment
        if not folder.is_dir():
            marker = f"FAILED    {lang}/{assignment}:"
            part = self.log.split(marker, 1)[-1].split("\nFAILED    ", 1)[0]
            pytest.fail(f"{lang}/{assignment} was not generated:\n{part[-6000:]}")
        return folder


@contextlib.contextmanager
def exclusive(lock: Path):
    import fcntl

    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def needed(session) -> tuple[list[str], list[str]]:
    """The languages and assignments whose student versions the selected tests use."""
    langs, chosen = set(), set()
    for item in session.items:
        spec = getattr(item, "callspec", None)
        if spec and "generated" in getattr(item, "fixturenames", ()):
            langs.add(spec.params["lang"])
            chosen.add(spec.params["assignment"])
    return sorted(langs), sorted(chosen)


@pytest.fixture(scope="session")
def generated(request, tmp_path_factory) -> Generation:
    """``generate_exercises.py --out`` into a temporary folder, once for all xdist workers.

    Only what the selected tests need is generated (``-k ex4`` generates ex4 alone).
    """
    base = tmp_path_factory.getbasetemp()
    try:
        import fcntl  # noqa: F401
    except ImportError:  # no file locks: every worker generates its own copy
        lock = contextlib.nullcontext()
    else:
        if os.environ.get("PYTEST_XDIST_WORKER"):
            base = base.parent  # this run's folder, shared by its workers
        lock = exclusive(base / "exercises-generated.lock")
    langs, chosen = needed(request.session)
    args = [f"--assignment={a}" for a in chosen]
    if len(langs) == 1:
        args.append(f"--lang={langs[0]}")
    key = hashlib.sha1(" ".join(args).encode()).hexdigest()[:10]
    out, done = base / f"exercises-{key}", base / f"exercises-{key}.json"
    with lock:
        if not done.exists():
            run = subprocess.run(
                [sys.executable, str(GENERATOR), "--out", str(out), *args],
                cwd=base,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=3600,
                check=False,
            )
            record = {"returncode": run.returncode, "log": run.stdout + run.stderr}
            done.write_text(json.dumps(record), encoding="utf-8")
    record = json.loads(done.read_text(encoding="utf-8"))
    return Generation(out, record["returncode"], record["log"])


# --- structure -----------------------------------------------------------------------------


def test_both_languages_have_the_same_assignments():
    nb, en = assignments("nb"), assignments("en")
    assert nb or en, f"no masters in {SOLUTIONS}/nb/ or {SOLUTIONS}/en/"
    assert nb == en, (
        f"only in nb: {sorted(set(nb) - set(en))}; only in en: {sorted(set(en) - set(nb))}"
    )


@pytest.mark.parametrize(("lang", "assignment"), CASES)
def test_master_is_laid_out_as_agreed(lang, assignment):
    folder = SOLUTIONS / lang / assignment
    main = folder / f"{assignment}.ipynb"
    assert main.is_file(), f"{lang}/{assignment}: the master must be {main.relative_to(ROOT)}"
    for path in notebooks(folder):
        notebook = read(path)
        ids = [cell.get("id") for cell in notebook.cells]
        assert None not in ids, f"{path.name}: give every cell a stable id"
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, (
                    f"{path.name}: commit the master without outputs: {cell.source[:60]!r}"
                )
        gids = [grading(cell)["grade_id"] for cell in notebook.cells if grading(cell)]
        assert len(gids) == len(set(gids)), f"{path.name}: grade_ids repeat: {gids}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_languages_are_in_parity(assignment):
    nb_folder, en_folder = SOLUTIONS / "nb" / assignment, SOLUTIONS / "en" / assignment
    assert files(nb_folder) == files(en_folder), "nb and en must have the same file names"
    for name in notebooks(nb_folder):
        nb, en = read(name), read(en_folder / name.name)
        shape_nb = [(c.cell_type, kind(c)) for c in nb.cells]
        shape_en = [(c.cell_type, kind(c)) for c in en.cells]
        if shape_nb != shape_en:
            pairs = list(zip(shape_nb, shape_en, strict=False))
            at = next((i for i, (x, y) in enumerate(pairs) if x != y), len(pairs))
            pytest.fail(
                f"{name.name}: nb has {len(shape_nb)} cells, en {len(shape_en)}; the first "
                f"difference is cell {at}: nb {shape_nb[at : at + 1]}, en {shape_en[at : at + 1]}"
            )
        for index, (a, b) in enumerate(zip(nb.cells, en.cells, strict=True)):
            for key in ("grade_id", "points"):
                assert grading(a).get(key) == grading(b).get(key), (
                    f"{name.name} cell {index}: {key} {grading(a).get(key)!r} (nb) "
                    f"!= {grading(b).get(key)!r} (en)"
                )
            if a.cell_type == "code":
                assert code_shape(a.source) == code_shape(b.source), (
                    f"{name.name} cell {index}: the code may differ only in strings and "
                    f"comments:\n--- nb\n{a.source}\n--- en\n{b.source}"
                )


def code_shape(source: str) -> list[tuple[int, str]] | str:
    """The code's tokens with strings blanked and comments dropped (for comparing languages)."""
    lines = [line for line in source.split("\n") if not line.lstrip().startswith(("%", "!"))]
    opens = {getattr(tokenize, n, -1) for n in ("FSTRING_START", "TSTRING_START")} - {-1}
    closes = {getattr(tokenize, n, -1) for n in ("FSTRING_END", "TSTRING_END")} - {-1}
    shape, depth = [], 0
    try:
        for token in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
            if token.type in opens:
                depth += 1
                if depth == 1:
                    shape.append((tokenize.STRING, ""))
            elif token.type in closes:
                depth -= 1
            elif depth or token.type in (tokenize.COMMENT, tokenize.NL):
                continue
            elif token.type == tokenize.STRING:
                if not shape or shape[-1] != (tokenize.STRING, ""):
                    shape.append((tokenize.STRING, ""))
            elif token.type == tokenize.NAME:
                shape.append((token.type, LOCALISED_NAMES.get(token.string, token.string)))
            else:
                shape.append((token.type, token.string))
    except (tokenize.TokenError, SyntaxError):
        return source.replace('"nb"', '"en"')
    return shape


@pytest.mark.parametrize(("lang", "assignment"), CASES)
def test_test_cells_give_readable_feedback(lang, assignment):
    for path in notebooks(SOLUTIONS / lang / assignment):
        for cell in read(path).cells:
            if not is_test(cell):
                continue
            gid = grading(cell)["grade_id"]
            _, visible = split_regions(cell.source, [HIDDEN_TESTS])
            assert re.search(ONE_LINE_CHECK, "\n".join(visible), flags=re.MULTILINE), (
                f"{path.name} {gid}: the visible part of a test cell must call samlab's "
                "checks (from samlab import checks; checks.same_items(...)) or the exercise's "
                "one-line check (sjekk(...) in nb, check(...) in en), so a participant sees "
                "what was expected and why"
            )
            try:
                asserts = [n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Assert)]
            except SyntaxError:
                asserts = re.findall(r"^\s*assert\b.*$", cell.source, flags=re.MULTILINE)
            assert not asserts, (
                f"{path.name} {gid}: a bare assert gives no readable feedback (also in hidden "
                "tests, whose failures reach the participant's graded feedback); use "
                "checks.is_true(condition, what=..., message=..., lang=LANG)"
            )


# --- nbgrader on the masters and on the student versions -----------------------------------


@pytest.mark.parametrize(("lang", "assignment"), CASES)
def test_master_passes_nbgrader_validate(lang, assignment, tmp_path):
    work = tmp_path / assignment
    shutil.copytree(SOLUTIONS / lang / assignment, work, ignore=shutil.ignore_patterns(*SKIPPED))
    for path in notebooks(work):
        run = nbgrader("validate", str(path), cwd=tmp_path)
        assert run.returncode == 0 and VALIDATE_PASSED in run.stdout, (
            f"{lang}/{assignment}/{path.name}: nbgrader validate on the master (with the model "
            f"answers) must pass every test:\n{run.stdout}\n{run.stderr[-3000:]}"
        )


@pytest.mark.parametrize(("lang", "assignment"), CASES)
def test_blank_version_passes_no_test(lang, assignment, generated, tmp_path):
    work = tmp_path / assignment
    shutil.copytree(generated.folder(lang, assignment), work)
    for path in notebooks(work):
        assert any(is_test(cell) for cell in read(path).cells), (
            f"{lang}/{assignment}/{path.name} has no autograded test cell"
        )
        run = nbgrader("validate", "--invert", str(path), cwd=tmp_path)
        assert run.returncode == 0 and INVERT_PASSED in run.stdout, (
            f"{lang}/{assignment}/{path.name}: a test cell passes on the blank student version, "
            f"so a participant would get points without answering (every test cell must use "
            f"the answer):\n{run.stdout}\n{run.stderr[-3000:]}"
        )


@pytest.mark.parametrize(("lang", "assignment"), CASES)
def test_blank_version_has_the_data_files(lang, assignment, generated):
    master, blank = SOLUTIONS / lang / assignment, generated.folder(lang, assignment)
    for name in files(master):
        if name.suffix == ".ipynb" and len(name.parts) == 1:
            continue
        assert (blank / name).is_file(), f"{lang}/{assignment}: {name} is not in the release"
        assert (blank / name).read_bytes() == (master / name).read_bytes(), name


@pytest.mark.parametrize(("lang", "assignment"), CASES)
def test_committed_exercises_are_up_to_date(lang, assignment, generated):
    fresh, committed = generated.folder(lang, assignment), EXERCISES / lang / assignment
    want, have = files(fresh), files(committed)
    problems = [f"missing: {p}" for p in sorted(set(want) - set(have))]
    problems += [f"not generated: {p}" for p in sorted(set(have) - set(want))]
    problems += [
        f"differs: {p}"
        for p in sorted(set(want) & set(have))
        if (fresh / p).read_bytes() != (committed / p).read_bytes()
    ]
    assert not problems, (
        f"exercises/{lang}/{assignment}/ is not what the master gives now "
        f"({'; '.join(problems)}); run: make exercises"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_no_exercise_without_a_master(lang):
    folder = EXERCISES / lang
    extra = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    extra = [name for name in extra if name not in assignments(lang)]
    assert not extra, f"exercises/{lang}/ has {extra} without a master; run: make exercises"


def plain(line: str) -> str:
    """A line without surrounding space, comment marks, quote or list marks and backticks."""
    return line.strip().lstrip("#>*-").strip().strip("`").strip()


@functools.cache
def master_view(lang: str, assignment: str) -> tuple[frozenset[str], str]:
    """A master's secret lines, and all that its student version shows by design.

    Secret: the lines of the model answers, hidden tests and mark scheme, except short ones
    and those that also appear outside those regions in the master, also where the master
    shows them as a comment or list item (the template above ``### BEGIN SOLUTION``, such as
    ``# legal_paths = {``); compared as :func:`plain` lines. Shown: the lines outside those
    regions and the data files.
    """
    inside, outside, shown_text = set(), set(), []
    folder = SOLUTIONS / lang / assignment
    for path in notebooks(folder):
        for cell in read(path).cells:
            secret, shown = split_regions(cell.source, REGIONS)
            inside |= {plain(line) for line in secret}
            outside |= {plain(line) for line in shown}
            shown_text += shown
    for name in files(folder):
        if name.suffix != ".ipynb":
            shown_text.append((folder / name).read_bytes().decode("utf-8", errors="replace"))
    secrets = {line for line in inside - outside if len(line) >= SHORTEST_LEAK}
    return frozenset(secrets), "\n".join(shown_text)


def student_text(path: Path) -> str:
    """What a participant can read in a file: a notebook's cells and outputs, or the text."""
    raw = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix != ".ipynb":
        return raw
    try:
        notebook = nbformat.reads(raw, as_version=4)
    except Exception:  # not a notebook after all: search its text
        return raw
    parts = [raw]
    for cell in notebook.cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.extend(str(value) for value in output.get("data", {}).values())
    return "\n".join(parts)


def as_lines(text: str) -> set[str]:
    """The lines of a text as compared for leaks (see :func:`plain`)."""
    return {plain(line) for line in text.splitlines()}


def leaked(secret: str, text: str, lines: set[str]) -> bool:
    return secret in lines or (len(secret) >= LONG_LEAK and secret in text)


def owner(path: Path) -> tuple[str, str] | None:
    """The (lang, assignment) of the master a file under exercises/ was generated from."""
    parts = path.relative_to(EXERCISES).parts
    if len(parts) > 2 and (SOLUTIONS / parts[0] / parts[1]).is_dir():
        return parts[0], parts[1]
    return None


@pytest.mark.parametrize(("lang", "assignment"), CASES)
def test_no_solution_reaches_the_students(lang, assignment, generated):
    """No secret line of this master is in any file under exercises/ (see LONG_LEAK).

    In the student version of another master, a line that master shows by design (a shared
    citation, say) is not a leak.
    """
    secrets, _ = master_view(lang, assignment)
    places = [
        (f"exercises/{p.relative_to(EXERCISES).as_posix()}", p, owner(p))
        for p in sorted(EXERCISES.rglob("*"))
        if p.is_file()
    ]
    fresh = generated.folder(lang, assignment)
    places += [
        (f"exercises/{lang}/{assignment}/{p.as_posix()} (as generated now)", fresh / p, None)
        for p in files(fresh)
    ]
    leaks = []
    for name, path, source in places:
        text = student_text(path)
        lines = as_lines(text)
        allowed = "" if source in (None, (lang, assignment)) else master_view(*source)[1]
        leaks += [
            f"{name}: {line}"
            for line in sorted(secrets)
            if leaked(line, text, lines) and line not in allowed
        ]
    assert not leaks, (
        f"lines from a solution, hidden test or mark scheme of {lang}/{assignment} are "
        "visible to students:\n" + "\n".join(leaks)
    )


# --- the masters run -----------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "assignment"), CASES)
def test_master_runs_top_to_bottom(lang, assignment, tmp_path):
    work = tmp_path / assignment
    shutil.copytree(SOLUTIONS / lang / assignment, work, ignore=shutil.ignore_patterns(*SKIPPED))
    for path in notebooks(work):
        notebook = read(path)
        client = NotebookClient(
            notebook,
            timeout=MAX_SECONDS,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(work)}},
        )
        start = time.perf_counter()
        client.execute()
        elapsed = time.perf_counter() - start
        errors = [
            f"{grading(cell).get('grade_id', index)}: {out.ename}: {out.evalue}"
            for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "code"
            for out in cell.outputs
            if out.output_type == "error"
        ]
        assert not errors, f"{lang}/{assignment}/{path.name} failed in: {errors}"
        assert elapsed < MAX_SECONDS, f"{lang}/{assignment}/{path.name} took {elapsed:.0f} s"
