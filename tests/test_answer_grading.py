"""Menu answers survive nbgrader: submit, collect and autograde exercises 1 and 4 for real.

A bokmål cohort made by `samlab cohort init` releases exercise 1 through an exchange. The
participants answer in the menus (the answer widgets save svar.json next to the notebook,
here set through the same widgets a participant clicks), in Python, in both, or not at all.
nbgrader submits and collects the whole exercise folder, and autograde runs the notebook
again in its sandbox: the form reads the saved answers and the tests grade them. Exercise 1
gives partial credit where module 2 calls the placements suggestions (forslag, ikke fasit).
Exercise 4 is answered with menus, tick boxes and a field per kind of break: all right, half
right (two of its four test cells), or not at all.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
from pathlib import Path

import law_answers
import nbformat
import pytest

from samlab import answers, cohort, concepts
from samlab.grading import nbgrader_command, nbgrader_env

ASSIGNMENT = "ex1_concepts"
COURSE = "fjordvik-menus"
KEY_LEVELS = {
    "agreement_in_drawer": "cooperation",
    "absence_workshop": "cooperation",
    "advice_agreement": "coordination",
    "mia_plan": "coordination",
    "absence_routine": "coordination",
    "transition_team": "collaboration",
}
KEY_STEPS = {
    "agreement_in_drawer": 1,
    "absence_workshop": 2,
    "advice_agreement": 3,
    "mia_plan": 4,
    "absence_routine": 5,
    "transition_team": 4,
}
# one level next to the suggestion (½), one two levels off (0): 4.5 of 6 -> 3 of 4 points;
# one step next to the suggestion (½): 5.5 of 6 -> 3.67, rounded down to 3.5 points
PARTLY_LEVELS = {
    **KEY_LEVELS,
    "agreement_in_drawer": "coordination",
    "absence_workshop": "kollaborasjon",
}
PARTLY_STEPS = {**KEY_STEPS, "absence_routine": 4}
PARTLY_SCORE = 3.0 + 3.5
LITERAL = f"levels = {KEY_LEVELS!r}\nsteps = {KEY_STEPS!r}"

if shutil.which("bwrap") is None:
    pytest.skip(
        "grading runs in a bubblewrap sandbox (sudo apt install bubblewrap)",
        allow_module_level=True,
    )


def choose(folder: Path, levels: dict, steps: dict) -> None:
    """Click through the menus as a participant would (the widgets save svar.json)."""
    form = answers.Form("nb", namespace={}, folder=folder)
    names = {k: k for k in KEY_LEVELS}
    level_options = [(level.label("nb"), level.key) for level in concepts.LEVELS]
    step_options = [(step.label("nb"), step.number) for step in concepts.STEPS]
    for name, chosen, options in (
        ("levels", levels, level_options),
        ("steps", steps, step_options),
    ):
        box = form.dropdowns(name, names, options)
        menus = {m.description: m for m in box.children if hasattr(m, "options")}
        for item, value in chosen.items():
            menus[item].value = concepts.parse_level(value) if name == "levels" else value


def write_literal(notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "answer_placements":
            assert "raise NotImplementedError()" in cell.source
            lines = [line for line in cell.source.split("\n") if "NotImplementedError" not in line]
            body = "\n".join("    " + line for line in LITERAL.split("\n"))
            cell.source = "\n".join(lines) + "\n" + body
    nbformat.write(nb, notebook)


def menus_partly(folder):
    choose(folder, PARTLY_LEVELS, PARTLY_STEPS)


def menus_right(folder):
    choose(folder, KEY_LEVELS, KEY_STEPS)


def python_right(folder):
    write_literal(folder / f"{ASSIGNMENT}.ipynb")


def both(folder):  # the menus are what is graded once they are used
    python_right(folder)
    menus_partly(folder)


def broken_file(folder):
    (folder / "svar.json").write_text('{"levels": [1, 2', encoding="utf-8")


# participant -> (what they do, the autograded score out of 8)
PARTICIPANTS = {
    "blank": (None, 0),
    "menus": (menus_right, 8),
    "menuspartly": (menus_partly, PARTLY_SCORE),
    "python": (python_right, 8),
    "both": (both, PARTLY_SCORE),
    "brokenfile": (broken_file, 0),
}


def nbgrader(*args: str, cwd: Path, user: str | None = None):
    env = nbgrader_env(cwd)
    if user:
        env["USER"] = env["LOGNAME"] = user
    result = subprocess.run(
        [*nbgrader_command(), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, f"nbgrader {args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def grade_cohort(base: Path, assignment: str, participants: dict) -> dict:
    """A bokmål cohort in ``base`` that releases ``assignment``; each participant fetches it,
    answers (or not) and submits; then collect, autograde and export the grades."""
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    root = cohort.init(base / "course", "nb", course_id=COURSE, exchange=str(exchange))
    people = base / "deltakere.csv"
    people.write_text(
        "id,first_name,last_name,email\n"
        + "".join(f"{name},{name.title()},Fjordvik,{name}@example.no\n" for name in participants),
        encoding="utf-8",
    )
    cohort.import_students(root, people)
    nbgrader("generate_assignment", assignment, cwd=root)
    nbgrader("release_assignment", assignment, cwd=root)
    flags = [f"--course={COURSE}", f"--Exchange.root={exchange}"]
    for name, (act, _) in participants.items():
        person = base / "home" / name
        person.mkdir(parents=True)
        nbgrader("fetch_assignment", assignment, *flags, cwd=person, user=name)
        if act is not None:
            act(person / assignment)
        nbgrader("submit", assignment, *flags, f"--student={name}", cwd=person, user=name)
    nbgrader("collect", assignment, cwd=root)
    nbgrader("autograde", assignment, "--Execute.timeout=60", cwd=root)
    nbgrader("export", "--to", str(base / "grades.csv"), cwd=root)
    with open(base / "grades.csv", encoding="utf-8") as handle:
        grades = {row["student_id"]: row for row in csv.DictReader(handle)}
    return {"root": root, "grades": grades}


def cell_scores(root: Path, student: str) -> dict[str, float]:
    """The autograded score of each test cell of ``student``'s submission."""
    with sqlite3.connect(root / "gradebook.db") as db:
        rows = db.execute(
            "select gc.name, g.auto_score from grade g "
            "join base_cell gc on g.cell_id = gc.id "
            "join submitted_notebook n on g.notebook_id = n.id "
            "join submitted_assignment s on n.assignment_id = s.id "
            "where s.student_id = ?",
            (student,),
        ).fetchall()
    return dict(rows)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_cohort(tmp_path_factory.mktemp("menus"), ASSIGNMENT, PARTICIPANTS)


@pytest.mark.parametrize("name", list(PARTICIPANTS))
def test_each_answer_route_gets_its_score(graded, name):
    assert float(graded["grades"][name]["raw_score"]) == PARTICIPANTS[name][1]


def test_the_saved_menu_answer_travels_with_the_submission(graded):
    folder = graded["root"] / "autograded" / "menus" / ASSIGNMENT
    assert answers.read_answers(folder / "svar.json")["steps"] == KEY_STEPS


def test_partial_credit_is_recorded_per_test_cell(graded):
    scores = cell_scores(graded["root"], "menuspartly")
    assert (scores["test_levels"], scores["test_steps"]) == (3.0, 3.5)


# --- exercise 4: menus, tick boxes and a field per kind of break ----------------------------

EX4 = law_answers.ASSIGNMENT
EX4_PATHS, EX4_LEVELS, EX4_BREAKS = law_answers.PATHS, law_answers.LEVELS, law_answers.BREAKS
EX4_IP, EX4_BK, EX4_CHILDREN = law_answers.IP, law_answers.BARNEKOORDINATOR, law_answers.CHILDREN


def choose_ex4(folder: Path, paths: dict, levels: dict, ip: list, bk: list, breaks: dict) -> None:
    """Answer exercise 4 through the widgets of its menu cells (they save svar.json)."""
    from samlab import law

    form = answers.Form("nb", namespace={}, folder=folder)
    stories = {key: key for key in EX4_PATHS}
    path_options = [(path["name"]["nb"], key) for key, path in law.LEGAL_PATHS.items()]
    level_options = [(level["name"]["nb"], number) for number, level in law.BTI_LEVELS.items()]
    for name, chosen, options in (
        ("legal_paths", paths, path_options),
        ("bti_levels", levels, level_options),
    ):
        box = form.dropdowns(name, stories, options)
        menus = {m.description: m for m in box.children if hasattr(m, "options")}
        for item, value in chosen.items():
            menus[item].value = value
    for name, ticked in (("ip_koordinator", ip), ("barnekoordinator", bk)):
        box = form.checkboxes(name, EX4_CHILDREN)
        for child in box.children:
            if hasattr(child, "indent"):
                child.value = child.description in ticked
    box = form.short_texts("log_breaks", {key: key for key in law.BREAK_TYPES})
    for field in box.children:
        if type(field).__name__ == "Text":
            field.value = breaks.get(field.description, "")


def ex4_right(folder):
    choose_ex4(folder, EX4_PATHS, EX4_LEVELS, EX4_IP, EX4_BK, EX4_BREAKS)


def ex4_half(folder):
    """Paths (3) and roles (3) right; one level off and one break missed: 6 of 12."""
    levels = {**EX4_LEVELS, "B": 1}
    breaks = {k: v for k, v in EX4_BREAKS.items() if k != "no_owner"}
    choose_ex4(folder, EX4_PATHS, levels, EX4_IP, EX4_BK, breaks)


EX4_PARTICIPANTS = {
    "tom": (None, 0),
    "meny": (ex4_right, 12),
    "halvt": (ex4_half, 6),
}


@pytest.fixture(scope="module")
def graded_ex4(tmp_path_factory):
    return grade_cohort(tmp_path_factory.mktemp("menus-ex4"), EX4, EX4_PARTICIPANTS)


@pytest.mark.parametrize("name", list(EX4_PARTICIPANTS))
def test_ex4_answered_in_the_menus_gets_its_score(graded_ex4, name):
    assert float(graded_ex4["grades"][name]["raw_score"]) == EX4_PARTICIPANTS[name][1]


def test_ex4_scores_each_part_on_its_own(graded_ex4):
    half = cell_scores(graded_ex4["root"], "halvt")
    tests = {name: score for name, score in half.items() if name.startswith("test_")}
    assert tests == {"test_paths": 3, "test_levels": 0, "test_roles": 3, "test_breaks": 0}
    saved = answers.read_answers(graded_ex4["root"] / "autograded" / "meny" / EX4 / "svar.json")
    assert saved["log_breaks"] == EX4_BREAKS and saved["barnekoordinator"] == EX4_BK
