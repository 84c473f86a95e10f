"""A cohort from start to exported grades, with the real nbgrader command line.

`samlab cohort init` makes the course folder, `samlab cohort students` imports the list,
then nbgrader releases exercise 2 through an exchange, twelve participants fetch and submit
(blank, correct, correct in another form, partly right, wrong, and seven hostile notebooks),
the instructor collects, autogrades, makes feedback and exports the grades. Hostile notebooks
score zero on what they broke, never stop the grading of the others, never change another
grade, and cannot read the masters or write the gradebook (the grading kernel runs in a
bubblewrap sandbox).
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import nbformat
import pytest
from governance_answers import ASSIGNMENT, CORRECT, FULL, PARTLY, PARTLY_SCORE

from samlab import cli, cohort
from samlab.grading import nbgrader_command, nbgrader_env

ROOT = Path(__file__).resolve().parents[1]
COURSE = "fjordvik-test"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

if shutil.which("bwrap") is None:
    if IN_CI:
        raise RuntimeError("CI must install bubblewrap (.ci/run does: apt-get install bubblewrap)")
    pytest.skip(
        "grading runs in a bubblewrap sandbox; install it to run these tests "
        "(Debian/Ubuntu: sudo apt install bubblewrap)",
        allow_module_level=True,
    )


def answers(**changes: str) -> dict[str, str]:
    return {**CORRECT, **changes}


def first_broken(hostile: str) -> dict[str, str]:
    """Correct answers, with a hostile action before the first answer is set."""
    return answers(answer_density=hostile + "\n" + CORRECT["answer_density"])


# participant -> (answers by cell, expected autograded score)
SUBMISSIONS = {
    "blank": (None, 0),
    "correct": (answers(), FULL),
    "alternative": (
        answers(
            answer_density='density = "0,52"',
            answer_trust_level='trust_level = " Moderate "',
            answer_mode='mode = "network administrative organisation"',
            answer_tension='tension = "Internal vs. external legitimacy"',
        ),
        FULL,
    ),
    "partly": (PARTLY, PARTLY_SCORE),
    "wrong": (
        {
            "answer_density": "density = 0.9",
            "answer_trust_level": 'trust_level = "high"',
            "answer_mode": 'mode = "lead organisation"',
            "answer_tension": 'tension = "flexibility versus stability"',
        },
        0,
    ),
    "raises": (first_broken("import a_module_that_does_not_exist"), FULL - 3),
    "loops": (first_broken("while True:\n    pass"), FULL - 3),
    "exits": (first_broken("import sys\nsys.exit(0)"), FULL - 3),
    "shouts": (first_broken('print("x" * 5_000_000)'), FULL),
    "cheats": (
        {
            **{k: v for k, v in answers().items()},
            "answer_density": "import samlab.checks, samlab.governance\n"
            "samlab.checks.close_to = lambda *a, **k: None\n"
            "samlab.checks.same_category = lambda *a, **k: None\n"
            "samlab.governance.trust_density = lambda *a, **k: 0.9\n"
            "del checks\n"
            "density = 0.9",
            "answer_mode": 'mode = "shared governance"',
        },
        FULL - 3 - 3,
    ),
    "vandal": (
        first_broken(
            "import os, glob\n"
            "root = os.path.abspath('../../..')\n"
            "open(os.path.join(root, 'gradebook.db'), 'wb').write(b'gone')\n"
            "for path in glob.glob(os.path.join(root, '*', '*', '*', '*.ipynb')):\n"
            "    open(path, 'w').write('{}')\n"
            "open(os.path.join(root, 'submitted', 'correct', 'x.txt'), 'w').write('x')"
        ),
        FULL - 3,
    ),
    "spy": (
        first_broken(
            "import glob, os\n"
            "root = os.path.abspath('../../..')\n"
            f"masters = glob.glob(os.path.join(root, 'source', '*', '*.ipynb'))\n"
            f"masters += glob.glob({str(ROOT / 'solutions')!r} + '/*/*/*.ipynb')\n"
            "print(open(masters[0]).read())"
        ),
        FULL - 3,
    ),
}


def run(command: list[str], cwd: Path, user: str | None = None, timeout: int = 900):
    env = nbgrader_env(cwd)
    if user:
        env["USER"] = env["LOGNAME"] = user
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


def nbgrader(*args: str, cwd: Path, user: str | None = None):
    return run([*nbgrader_command(), *args], cwd, user)


def fill(notebook: Path, cells: dict[str, str]) -> None:
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in cells:
            cell.source = cells[grade_id]
        if grade_id and grade_id.startswith("test_") and "vandal" in str(notebook):
            cell.source = "pass  # a participant emptied the test"
    nbformat.write(nb, notebook)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("cohort")
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    root = cohort.init(base / "course", "en", course_id=COURSE, exchange=str(exchange))
    people = base / "participants.csv"
    people.write_text(
        "id,first_name,last_name,email\n"
        + "".join(f"{name},{name.title()},Fjordvik,\n" for name in SUBMISSIONS),
        encoding="utf-8",
    )
    assert cohort.import_students(root, people) == len(SUBMISSIONS)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    nbgrader("release_assignment", ASSIGNMENT, cwd=root)
    for name, (cells, _) in SUBMISSIONS.items():
        home = base / "home" / name
        home.mkdir(parents=True)
        flags = [f"--course={COURSE}", f"--Exchange.root={exchange}"]
        nbgrader("fetch_assignment", ASSIGNMENT, *flags, cwd=home, user=name)
        if cells is not None:
            fill(home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", cells)
        nbgrader("submit", ASSIGNMENT, *flags, f"--student={name}", cwd=home, user=name)
    nbgrader("collect", ASSIGNMENT, cwd=root)
    correct_before = (
        root / "submitted" / "correct" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    ).read_bytes()
    autograde = nbgrader("autograde", ASSIGNMENT, "--Execute.timeout=15", cwd=root)
    nbgrader("generate_feedback", ASSIGNMENT, cwd=root)
    nbgrader("export", "--to", str(base / "grades.csv"), cwd=root)
    with open(base / "grades.csv", encoding="utf-8") as handle:
        grades = {row["student_id"]: row for row in csv.DictReader(handle)}
    return {
        "root": root,
        "grades": grades,
        "log": autograde.stdout + autograde.stderr,
        "correct_before": correct_before,
    }


@pytest.mark.parametrize("name", list(SUBMISSIONS))
def test_each_submission_gets_the_right_score(graded, name):
    row = graded["grades"][name]
    assert float(row["max_score"]) > FULL  # the written part is graded by hand
    assert float(row["raw_score"]) == SUBMISSIONS[name][1], (name, row)


def test_hostile_code_cannot_write_the_gradebook_or_other_folders(graded):
    root = graded["root"]
    with sqlite3.connect(root / "gradebook.db") as db:  # still a working gradebook
        students = {row[0] for row in db.execute("select id from student")}
    assert students == set(SUBMISSIONS)
    submitted = root / "submitted" / "correct" / ASSIGNMENT
    assert not (submitted / "x.txt").exists()
    assert (submitted / f"{ASSIGNMENT}.ipynb").read_bytes() == graded["correct_before"]
    for master in (root / "source").rglob("*.ipynb"):
        assert master.read_text(encoding="utf-8") != "{}"


def test_feedback_shows_messages_but_never_hidden_tests(graded):
    root = graded["root"]
    feedback = sorted((root / "feedback").rglob("*.html"))
    assert len(feedback) == len(SUBMISSIONS)
    for page in feedback:
        html = page.read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in html and "key_density" not in html, page
        assert "MARK SCHEME" not in html, page
    wrong = (root / "feedback" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "The trust density" in wrong  # the hidden check's message, not its code


def test_the_spy_could_not_read_the_masters(graded):
    graded_nb = graded["root"] / "autograded" / "spy" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    text = graded_nb.read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in text.split('"outputs"', 1)[-1] or "IndexError" in text
    assert "IndexError" in text  # nothing found: the masters are hidden in the sandbox


def test_megabytes_of_output_are_cut(graded):
    shouts = graded["root"] / "autograded" / "shouts" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert shouts.stat().st_size < 500_000


def test_cohort_init_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "cohort"
    assert cli.main(["cohort", "init", str(target), "--lang", "nb"]) == 0
    config = (target / "nbgrader_config.py").read_text()
    assert "SandboxedKernelManager" in config and "HideHiddenTests" in config
    assert sorted(p.name for p in (target / "source").iterdir())[:2] == [
        "ex1_concepts",
        "ex2_governance_mode",
    ]
    capsys.readouterr()
    assert cli.main(["cohort", "init", str(target), "--lang", "nb"]) == 2
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and "never overwritten" in message
    assert (target / "nbgrader_config.py").read_text() == config
    with pytest.raises(SystemExit) as stop:  # argparse rejects the language itself
        cli.main(["cohort", "init", str(tmp_path / "x"), "--lang", "sv"])
    assert stop.value.code == 2
    assert "invalid choice: 'sv'" in capsys.readouterr().err


def test_a_bad_participant_list_imports_nobody(tmp_path, capsys):
    root = cohort.init(tmp_path / "cohort", "en")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "brukernavn,fornavn,etternavn,e-post\n"
        "kari,Kari,N,kari@example.no\n"
        "ola nordmann,Ola,N,\n"
        "kari,Kari,N,\n"
        "per,Per,N,not-an-address\n",
        encoding="utf-8",
    )
    assert cli.main(["cohort", "students", str(root), "--csv", str(bad)]) == 2
    message = capsys.readouterr().err
    assert "3 bad row(s)" in message and "nothing read" in message
    assert "row 3: id 'ola nordmann'" in message
    assert "row 4: id 'kari' is already on row 2" in message
    assert "row 5: email 'not-an-address'" in message
    assert not (root / "gradebook.db").exists()
    good = tmp_path / "good.csv"
    good.write_text("brukernavn,fornavn\nkari,Kari\nola,Ola\n", encoding="utf-8")
    assert cli.main(["cohort", "students", str(root), "--csv", str(good)]) == 0
    with sqlite3.connect(root / "gradebook.db") as db:
        assert {row[0] for row in db.execute("select id from student")} == {"kari", "ola"}
