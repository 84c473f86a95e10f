"""A cohort from start to grades in Canvas and Moodle, with the real nbgrader command line.

`samlab cohort init` makes the course folder, `samlab cohort students` imports the list,
then nbgrader releases exercise 2 through an exchange, twenty participants fetch and submit
(blank, correct, correct in another form, partly right, wrong, and fifteen hostile
notebooks), the instructor collects, autogrades, makes feedback and exports the grades.
Hostile notebooks score zero on what they broke, never stop the grading of the others, never
change another grade, and cannot read the masters, the grader's environment, home or other
cohorts, reach the network, or write the gradebook (the grading kernel runs in a
least-privilege bubblewrap sandbox). The same submissions are graded a second time with
`samlab cohort grade` (in parallel) and every score and comment must be the same.
"""

from __future__ import annotations

import csv
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pytest
from governance_answers import ASSIGNMENT, CORRECT, FULL, PARTLY, PARTLY_SCORE

from samlab import cli, cohort
from samlab.grading import nbgrader_command, nbgrader_env, parallel

# What a hostile notebook must never learn: planted in the grader's environment, home and
# in another cohort's folder (random, so no source code can contain them).
TOKEN = "planted-hub-token-" + secrets.token_hex(8)
HOME_SECRET = "instructor-secret-" + secrets.token_hex(8)
COHORT_SECRET = "other-cohort-secret-" + secrets.token_hex(8)
WON = "'won' + ':' + "  # a hostile cell prints won:<what> only if it succeeded


class Listener:
    """A service on 127.0.0.1 (as the hub's API and proxy are) that counts connections."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.5)
        self.port = self.socket.getsockname()[1]
        self.connections, self.open = 0, True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while self.open:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self.open = False
        self.thread.join()
        self.socket.close()


LISTENER = None  # opened by the fixture; its port is in the network submission

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
    # least privilege: each must learn nothing and reach nothing
    "environ": (
        answers(
            answer_density="import os\n"
            "print(dict(os.environ))\n"
            "for pid in os.listdir('/proc'):\n"
            "    try:\n"
            "        print(pid, open(f'/proc/{pid}/environ').read())\n"
            "    except OSError:\n"
            "        pass\n" + CORRECT["answer_density"]
        ),
        FULL,
    ),
    "homefile": (first_broken("print(open(HOME_FILE).read())"), FULL - 3),
    "othercohort": (first_broken("print(open(COHORT_FILE).read())"), FULL - 3),
    "network": (
        first_broken(
            "import socket\n"
            "socket.create_connection(('127.0.0.1', PORT), timeout=5)\n"
            f"print({WON}'net')"
        ),
        FULL - 3,
    ),
    "memory": (first_broken(f"block = bytearray(8 * 2**30)\nprint({WON}'memory')"), FULL - 3),
    "forkbomb": (first_broken("import os\nwhile True:\n    os.fork()"), FULL - 3),
    "bigfile": (
        first_broken(
            "with open('big.bin', 'wb') as f:\n"
            "    for _ in range(10_000):\n"
            "        f.write(b'x' * 2**20)\n"
            f"print({WON}'file')"
        ),
        FULL - 3,
    ),
    "sleeper": (first_broken("import time\ntime.sleep(10**9)"), FULL - 3),
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


def run(
    command: list[str],
    cwd: Path,
    user: str | None = None,
    timeout: int = 900,
    grader: dict[str, str] | None = None,
):
    env = nbgrader_env(cwd)
    if user:
        env["USER"] = env["LOGNAME"] = user
    env.update(grader or {})
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


def nbgrader(*args: str, cwd: Path, user: str | None = None, grader=None):
    return run([*nbgrader_command(), *args], cwd, user, grader=grader)


def fill(notebook: Path, cells: dict[str, str], places: dict[str, str]) -> None:
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in cells:
            source = cells[grade_id]
            for name, value in places.items():
                source = source.replace(name, value)
            cell.source = source
        if grade_id and grade_id.startswith("test_") and "vandal" in str(notebook):
            cell.source = "pass  # a participant emptied the test"
    nbformat.write(nb, notebook)


def participant_row(name: str) -> str:
    number = 1000 + sorted(SUBMISSIONS).index(name)
    return f"{name},{name.title()},Fjordvik,{name}@example.no,{number},s{number},{name}@uni.no,A\n"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("cohort")
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    # the grader's home and another cohort on the same machine, each with a secret
    home = base / "instructor"
    home.mkdir()
    (home / "private.txt").write_text(HOME_SECRET)
    other = cohort.init(base / "other-cohort", "en", course_id="other")
    (other / "gradebook-notes.txt").write_text(COHORT_SECRET)
    listener = Listener()
    places = {
        "HOME_FILE": repr(str(home / "private.txt")),
        "COHORT_FILE": repr(str(other / "gradebook-notes.txt")),
        "PORT": str(listener.port),
    }
    root = cohort.init(base / "course", "en", course_id=COURSE, exchange=str(exchange))
    people = base / "participants.csv"
    people.write_text(
        "id,first_name,last_name,email,lms_user_id,sis_user_id,sis_login_id,section\n"
        + "".join(participant_row(name) for name in SUBMISSIONS),
        encoding="utf-8",
    )
    assert cohort.import_students(root, people) == len(SUBMISSIONS)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    nbgrader("release_assignment", ASSIGNMENT, cwd=root)
    for name, (cells, _) in SUBMISSIONS.items():
        person = base / "home" / name
        person.mkdir(parents=True)
        flags = [f"--course={COURSE}", f"--Exchange.root={exchange}"]
        nbgrader("fetch_assignment", ASSIGNMENT, *flags, cwd=person, user=name)
        if cells is not None:
            fill(person / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", cells, places)
        nbgrader("submit", ASSIGNMENT, *flags, f"--student={name}", cwd=person, user=name)
    nbgrader("collect", ASSIGNMENT, cwd=root)
    correct_before = (
        root / "submitted" / "correct" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    ).read_bytes()
    # the same collected cohort, to be graded a second time in parallel
    twin = base / "course-parallel"
    shutil.copytree(root, twin)
    # the instructor grades with their hub token and cloud keys in the environment
    grader = {
        "JUPYTERHUB_API_TOKEN": TOKEN,
        "JUPYTERHUB_USER": "instructor",
        "AWS_SECRET_ACCESS_KEY": TOKEN,
        "HOME": str(home),
    }
    autograde = nbgrader("autograde", ASSIGNMENT, "--Execute.timeout=15", cwd=root, grader=grader)
    nbgrader("generate_feedback", ASSIGNMENT, cwd=root)
    nbgrader("export", "--to", str(base / "grades.csv"), cwd=root)
    workers = [sys.executable, "-m", "samlab.cli", "cohort", "grade", ASSIGNMENT]
    in_parallel = run(
        [*workers, "--cohort", str(twin), "--workers", "2", "--timeout", "15"],
        twin,
        grader=grader,
    )
    nbgrader("generate_feedback", ASSIGNMENT, cwd=twin)
    listener.close()
    with open(base / "grades.csv", encoding="utf-8") as handle:
        grades = {row["student_id"]: row for row in csv.DictReader(handle)}
    return {
        "base": base,
        "root": root,
        "twin": twin,
        "grades": grades,
        "log": autograde.stdout + autograde.stderr,
        "parallel_log": in_parallel.stdout + in_parallel.stderr,
        "correct_before": correct_before,
        "connections": listener.connections,
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


HOSTILE = ("environ", "homefile", "othercohort", "network", "memory", "forkbomb", "bigfile")
HOSTILE += ("sleeper",)


def _pages(root: Path, name: str) -> dict[str, str]:
    """The autograded notebook and the feedback page of one participant."""
    graded_nb = root / "autograded" / name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    feedback = root / "feedback" / name / ASSIGNMENT / f"{ASSIGNMENT}.html"
    return {
        str(page): page.read_text(encoding="utf-8", errors="replace")
        for page in (graded_nb, feedback)
    }


@pytest.mark.parametrize("cohort_folder", ["root", "twin"])
@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_notebook_learns_nothing_and_reaches_nothing(graded, name, cohort_folder):
    pages = _pages(graded[cohort_folder], name)
    for page, text in pages.items():
        assert TOKEN not in text, f"the grader's token reached {page}"
        assert HOME_SECRET not in text and COHORT_SECRET not in text, page
        assert "won:" not in text, f"a hostile cell succeeded in {page}"
        assert "JUPYTERHUB" not in text.split('"outputs"', 1)[-1], page
    assert graded["connections"] == 0  # nothing reached the service on 127.0.0.1
    if name == "environ":  # it ran, and printed the sandbox's environment only
        graded_nb = next(iter(pages.values()))
        assert "/tmp/home" in graded_nb and "participant" in graded_nb
    if name == "bigfile":
        written = graded[cohort_folder] / "autograded" / name / ASSIGNMENT / "big.bin"
        assert written.stat().st_size <= 100 * 2**20  # the file-size limit
        assert "File too large" in next(iter(pages.values()))
    if name == "memory":
        assert "MemoryError" in next(iter(pages.values()))


def test_the_honest_participants_keep_full_marks_next_to_the_hostile(graded):
    for name in ("correct", "alternative"):
        assert float(graded["grades"][name]["raw_score"]) == FULL


def _gradebook(root: Path) -> dict:
    """Every score and comment in a cohort's gradebook, by participant, cell and kind."""
    with sqlite3.connect(root / "gradebook.db") as db:
        grades = db.execute(
            "select s.student_id, gc.name, g.auto_score, g.manual_score, g.extra_credit, "
            "g.needs_manual_grade from grade g "
            "join submitted_notebook n on g.notebook_id = n.id "
            "join submitted_assignment s on n.assignment_id = s.id "
            "join base_cell gc on g.cell_id = gc.id"
        ).fetchall()
        comments = db.execute(
            "select s.student_id, c.name, m.auto_comment, m.manual_comment from comment m "
            "join submitted_notebook n on m.notebook_id = n.id "
            "join submitted_assignment s on n.assignment_id = s.id "
            "join base_cell c on m.cell_id = c.id"
        ).fetchall()
        submissions = db.execute(
            "select s.student_id, s.timestamp, n.flagged, n.late_submission_penalty "
            "from submitted_assignment s join submitted_notebook n on n.assignment_id = s.id"
        ).fetchall()
    return {"grades": sorted(grades), "comments": sorted(comments), "subs": sorted(submissions)}


def test_parallel_grading_records_exactly_what_nbgrader_autograde_does(graded):
    assert "20 of 20 submission(s)" in graded["parallel_log"], graded["parallel_log"]
    sequential, in_parallel = _gradebook(graded["root"]), _gradebook(graded["twin"])
    with sqlite3.connect(graded["root"] / "gradebook.db") as db:
        cells = sum(
            db.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("grade_cells", "task_cells")
        )
    assert cells >= 5 and len(sequential["grades"]) == len(SUBMISSIONS) * cells
    assert len(sequential["comments"]) >= len(SUBMISSIONS)
    assert len(sequential["subs"]) == len(SUBMISSIONS)
    assert sequential == in_parallel
    twin_export = graded["base"] / "twin-grades.csv"
    nbgrader("export", "--to", str(twin_export), cwd=graded["twin"])
    with open(twin_export, encoding="utf-8") as handle:
        assert {row["student_id"]: row for row in csv.DictReader(handle)} == graded["grades"]


def test_a_worker_that_dies_leaves_one_submission_ungraded(tmp_path, monkeypatch):
    root = tmp_path / "cohort"
    (root / "source" / "ex").mkdir(parents=True)
    (root / "nbgrader_config.py").write_text("c = get_config()  # noqa\n")
    for name in ("anna", "crash", "ola", "per"):
        (root / "submitted" / name / "ex").mkdir(parents=True)
    worker = tmp_path / "worker.py"
    worker.write_text(
        "import json, os, sys\n"
        "for line in sys.stdin:\n"
        "    if line.strip() == 'crash':\n"
        "        os._exit(9)\n"
        f"    print({parallel.ANSWER!r} + json.dumps({{'success': True}}), flush=True)\n"
    )
    monkeypatch.setattr(parallel, "worker_command", lambda *a: [sys.executable, str(worker)])
    report = parallel.grade(root, "ex", workers=1, progress=False)
    assert report.graded == ["anna", "ola", "per"]
    assert report.failed == {"crash": "the grading worker stopped (exit status 9)"}
    assert "3 of 4" in report.summary() and "crash (the grading worker stopped" in report.summary()


def test_the_sandbox_check_says_it_works_or_why_not(tmp_path, capsys):
    assert cli.main(["cohort", "check-sandbox"]) == 0
    assert "the grading sandbox works here" in capsys.readouterr().out
    assert cli.main(["cohort", "check-sandbox", "--bwrap", "no-such-bwrap"]) == 2
    assert "sudo apt install bubblewrap" in capsys.readouterr().err
    refusing = tmp_path / "bwrap"
    refusing.write_text(
        "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n"
    )
    refusing.chmod(0o755)
    assert cli.main(["cohort", "check-sandbox", "--bwrap", str(refusing)]) == 2
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and "uid map: Permission denied" in message


def test_cohort_grade_says_what_is_wrong(tmp_path, capsys):
    root = cohort.init(tmp_path / "cohort", "en")
    cases = {
        ("nope",): "no assignment 'nope' in this cohort; assignments: ex1_concepts",
        (ASSIGNMENT,): "no collected submissions of 'ex2_governance_mode'",
        (ASSIGNMENT, "--workers", "0"): "no collected submissions",
        ("x", "--cohort", str(tmp_path)): "is not a cohort folder",
    }
    for args, expected in cases.items():
        extra = [] if "--cohort" in args else ["--cohort", str(root)]
        assert cli.main(["cohort", "grade", *args, *extra]) == 2
        message = capsys.readouterr().err
        assert message.count("\n") == 1 and expected in message, message
    (root / "submitted" / "kari" / ASSIGNMENT).mkdir(parents=True)
    assert cli.main(["cohort", "grade", ASSIGNMENT, "--cohort", str(root), "--workers", "0"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err


# -- grades out to Canvas and Moodle ----------------------------------------------------


def _export(graded, platform: str) -> list[list[str]]:
    target = graded["base"] / f"{platform}.csv"
    assert cli.main(["cohort", "export", str(graded["root"]), "--to", platform, str(target)]) == 0
    with open(target, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _nbgrader_scores(graded) -> dict[str, float]:
    return {name: float(row["score"]) for name, row in graded["grades"].items()}


def test_canvas_gets_its_gradebook_csv(graded):
    rows = _export(graded, "canvas")
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert rows[0] == [*header, ASSIGNMENT, "Final Points"]
    points = f"{float(graded['grades']['correct']['max_score']):g}"
    assert rows[1] == ["Points Possible", "", "", "", "", points, points]
    by_login = {row[3]: row for row in rows[2:]}
    assert len(by_login) == len(SUBMISSIONS)
    for name, score in _nbgrader_scores(graded).items():
        row = by_login[f"{name}@uni.no"]
        assert row[0] == f"Fjordvik, {name.title()}" and row[4] == "A"
        assert row[1] == participant_row(name).split(",")[4]  # the Canvas user ID
        assert float(row[5]) == score and float(row[6]) == score  # one assignment: the total


def test_moodle_gets_the_csv_its_import_maps_by_username_or_email(graded):
    rows = _export(graded, "moodle")
    assert rows[0] == ["First name", "Last name", "Username", "Email address", ASSIGNMENT, "Total"]
    scores = _nbgrader_scores(graded)
    assert {row[3]: float(row[4]) for row in rows[1:]} == {
        f"{name}@example.no": score for name, score in scores.items()
    }


def test_plain_csv_has_the_same_numbers_as_nbgrader_export(graded):
    rows = _export(graded, "csv")
    assert rows[0] == [
        "student_id",
        "first_name",
        "last_name",
        "email",
        ASSIGNMENT,
        "total",
        "max_total",
    ]
    assert {row[0]: float(row[4]) for row in rows[1:]} == _nbgrader_scores(graded)


def test_an_export_without_identifiers_names_them_and_writes_nothing(tmp_path, capsys):
    root = cohort.init(tmp_path / "cohort", "nb")
    people = tmp_path / "deltakere.csv"
    people.write_text(
        "brukernavn,fornavn,etternavn,e-post,lms_user_id\n"
        "kari,Kari,N,kari@example.no,101\nola,Ola,N,,\nper,Per,N,,\n",
        encoding="utf-8",
    )
    assert cli.main(["cohort", "students", str(root), "--csv", str(people)]) == 0
    for platform, named in (("canvas", "ola, per"), ("moodle", "ola, per")):
        target = tmp_path / f"{platform}.csv"
        capsys.readouterr()
        assert cli.main(["cohort", "export", str(root), "--to", platform, str(target)]) == 2
        message = capsys.readouterr().err
        assert message.count("\n") == 1 and "2 participant(s) without" in message
        assert named in message and not target.exists()
    assert cli.main(["cohort", "export", str(root), "--to", "excel", str(tmp_path / "x")]) == 2
    assert "--to must be one of canvas, moodle, csv" in capsys.readouterr().err


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
