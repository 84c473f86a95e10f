"""One nbgrader course folder per cohort, made from the masters in ``solutions/<lang>/``.

    samlab cohort init ~/cohorts/vaar-2027 --lang nb --course-id samlab-vaar-2027
    samlab cohort students ~/cohorts/vaar-2027 --csv deltakere.csv

``init`` writes the folder nbgrader expects (``nbgrader_config.py``, ``source/`` with one
folder per exercise, a header notebook with the course name) and never touches the
repository; ``students`` imports the participant list into the cohort's gradebook, all rows
or none. Everything else is nbgrader's own commands, run from inside the cohort folder
(``solutions/README.md`` walks through them).
"""

from __future__ import annotations

import contextlib
import csv
import re
import shutil
from pathlib import Path

import nbformat

from . import grading
from .csv_rows import Rows
from .errors import SamlabValueError
from .grading.config import generation_settings, write_config
from .translation import check_lang

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
STUDENT_COLUMNS = ("id", "first_name", "last_name", "email")
#: Identifiers for the learning platform (see samlab.grading.lms): Canvas's user ID (kept in
#: nbgrader's own lms_user_id), SIS user and login IDs and section, Moodle's username.
PLATFORM_COLUMNS = ("lms_user_id", "sis_user_id", "sis_login_id", "section", "lms_username")
PARTICIPANTS_FILE = "participants.csv"
_COLUMN_ALIASES = {
    "brukernavn": "id",
    "id": "id",
    "student_id": "id",
    "username": "id",
    "fornavn": "first_name",
    "first_name": "first_name",
    "etternavn": "last_name",
    "last_name": "last_name",
    "e-post": "email",
    "epost": "email",
    "email": "email",
    "lms_user_id": "lms_user_id",
    "canvas_id": "lms_user_id",
    "sis_user_id": "sis_user_id",
    "sis_login_id": "sis_login_id",
    "seksjon": "section",
    "section": "section",
    "lms_username": "lms_username",
    "moodle_brukernavn": "lms_username",
    "moodle_username": "lms_username",
}

HEADER_TEXT = {
    "nb": "# {course}\n\nSamhandlingslab – nettverksledelse for tjenester til utsatte barn og "
    "unge. Kurs-ID: `{course_id}`.\n\nSvar i cellene der det står «svaret ditt her», og kjør "
    "testcellen under hvert svar. Lagre før du leverer.",
    "en": "# {course}\n\nSamhandlingslab – network governance for services for vulnerable "
    "children and youth. Course id: `{course_id}`.\n\nAnswer in the cells that say 'your "
    "answer here' and run the test cell under each answer. Save before you submit.",
}


def default_solutions() -> Path:
    folder = grading.repository_solutions()
    if folder is None:
        raise SamlabValueError(
            "cannot find the masters (solutions/); run from a clone of the repository or "
            "pass --solutions PATH"
        )
    return folder


def _config(root: Path, lang: str, course_id: str, hidden: list[str], exchange: str | None):
    settings: dict[str, object] = {
        "CourseDirectory.course_id": course_id,
        **generation_settings(lang),
        "IncludeHeaderFooter.header": "source/header.ipynb",
        # grading: each kernel in a sandbox, bounded time and output
        "Execute.kernel_manager_class": "samlab.grading.SandboxedKernelManager",
        "Execute.timeout": 120,
        "Execute.interrupt_on_timeout": True,
        "LimitOutput.max_lines": 200,
        "LimitOutput.max_traceback": 40,
        "SandboxedKernelManager.required": True,
        # feedback: scores and messages, never the hidden tests
        "GenerateFeedback.preprocessors": [
            "nbgrader.preprocessors.GetGrades",
            "samlab.grading.HideHiddenTests",
            "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
        ],
    }
    if exchange:
        settings["Exchange.root"] = exchange
    preamble = [
        "import os",
        "",
        "HERE = os.path.dirname(os.path.abspath(__file__))",
        "c.CourseDirectory.root = HERE",
        'c.CourseDirectory.db_url = "sqlite:///" + os.path.join(HERE, "gradebook.db")',
    ]
    tail = [
        "# Autograding: the participant's code runs in bubblewrap and cannot see these folders.",
        "c.SandboxedKernelManager.hidden_paths = [HERE] + " + repr(hidden),
        "c.Autograde.autograde_preprocessors = [",
        '    "nbgrader.preprocessors.Execute",',
        '    "nbgrader.preprocessors.IgnorePattern",',
        '    "nbconvert.preprocessors.ClearMetadataPreprocessor",',
        '    "nbgrader.preprocessors.LimitOutput",',
        '    "samlab.grading.LimitOutputSize",',
        '    "nbgrader.preprocessors.SaveAutoGrades",',
        '    "nbgrader.preprocessors.AssignLatePenalties",',
        '    "nbgrader.preprocessors.CheckCellMetadata",',
        "]",
    ]
    write_config(
        root,
        settings,
        comment=[
            "nbgrader settings for one Samhandlingslab cohort, written by `samlab cohort init`.",
            "Run nbgrader's commands from this folder; see solutions/README.md in the course.",
        ],
        preamble=preamble,
        tail=tail,
    )


def init(
    directory: str | Path,
    lang: str,
    course_id: str | None = None,
    solutions: str | Path | None = None,
    exchange: str | None = None,
    course_name: str = "Samhandlingslab",
) -> Path:
    """Make a ready nbgrader course folder for one cohort; refuse if it already exists."""
    check_lang(lang)
    root = Path(directory).expanduser().resolve()
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise SamlabValueError(
            f"{str(root)!r} already exists and is not empty; a cohort is never overwritten "
            "(choose a new folder)"
        )
    course_id = course_id or f"samlab-{lang}"
    if not STUDENT_ID.match(course_id):
        raise SamlabValueError(
            f"course id {course_id!r} may hold letters, digits, '.', '_' and '-' only"
        )
    masters = Path(solutions).resolve() if solutions else default_solutions()
    source_lang = masters / lang
    assignments = sorted(
        p for p in source_lang.glob("*") if p.is_dir() and (p / f"{p.name}.ipynb").is_file()
    )
    if not assignments:
        raise SamlabValueError(f"no masters in {str(source_lang)!r}")
    inside = masters in root.parents or root == masters or root in masters.parents
    if inside:
        raise SamlabValueError("make the cohort outside the repository's solutions/ folder")
    source = root / "source"
    source.mkdir(parents=True)
    for folder in assignments:
        shutil.copytree(
            folder, source / folder.name, ignore=shutil.ignore_patterns(*grading.MASTER_IGNORE)
        )
    header = nbformat.v4.new_notebook()
    header.cells.append(
        nbformat.v4.new_markdown_cell(
            HEADER_TEXT[lang].format(course=course_name, course_id=course_id)
        )
    )
    header.cells[0].id = "header"
    nbformat.write(header, source / "header.ipynb")
    hidden = [str(masters)]
    if exchange:
        hidden.append(str(Path(exchange).resolve()))
    _config(root, lang, course_id, hidden, exchange)
    return root


def read_students(csv_text: str) -> list[dict[str, str]]:
    """Participants from CSV text (header ``id,first_name,last_name,email``, or the Norwegian
    ``brukernavn,fornavn,etternavn,e-post``, and optionally the learning platform's
    identifiers :data:`PLATFORM_COLUMNS`). Every bad row is reported by its row number and
    reason; nothing is returned unless all rows are good."""
    columns = STUDENT_COLUMNS + PLATFORM_COLUMNS
    rows = Rows(csv_text, "participant list", columns, ("id",), _COLUMN_ALIASES, lang="en")
    students, seen = [], {}
    for number, row in rows:
        reasons = []
        student_id = row["id"]
        if not STUDENT_ID.match(student_id):
            reasons.append(
                f"id {student_id!r} must start with a letter or digit and hold only letters, "
                "digits, '.', '_' and '-' (at most 64)"
            )
        elif student_id in seen:
            reasons.append(f"id {student_id!r} is already on row {seen[student_id]}")
        email = row["email"]
        if email and not EMAIL.match(email):
            reasons.append(f"email {email!r} is not an e-mail address")
        if reasons:
            rows.reject(number, reasons)
            continue
        seen[student_id] = number
        students.append({k: row.get(k) or None for k in columns})
    rows.check(len(students))
    return students


def import_students(directory: str | Path, csv_file: str | Path) -> int:
    """Import the participant list into the cohort's gradebook: all rows, or none."""
    root = Path(directory).expanduser().resolve()
    if not (root / "nbgrader_config.py").is_file():
        raise SamlabValueError(f"{str(root)!r} is not a cohort folder (run 'samlab cohort init')")
    path = Path(csv_file)
    if not path.is_file():
        raise SamlabValueError(f"no participant list at {str(path)!r}")
    students = read_students(path.read_text(encoding="utf-8-sig"))
    known = ("first_name", "last_name", "email", "lms_user_id")  # nbgrader's own fields
    with grading.open_gradebook(root) as gb:
        before = {s.id for s in gb.students}
        try:
            for student in students:
                gb.update_or_create_student(student["id"], **{k: student[k] for k in known})
        except Exception:
            gb.db.rollback()
            for student in students:  # all or nothing: take out the ones just added
                if student["id"] not in before:
                    with contextlib.suppress(Exception):  # it was never added
                        gb.remove_student(student["id"])
            raise
    _write_participants(root, students)
    return len(students)


def read_participants(root: Path) -> dict[str, dict[str, str]]:
    """The participant list as last imported into the cohort ``root``, by id."""
    path = Path(root) / PARTICIPANTS_FILE
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["id"]: {k: v for k, v in row.items() if v} for row in csv.DictReader(handle)}


def _write_participants(root: Path, students: list[dict[str, str | None]]) -> None:
    """Keep the imported list (with the platform identifiers nbgrader has no place for)
    beside the gradebook; a later import updates the people it names."""
    people = read_participants(root)
    for student in students:
        people[student["id"]] = {k: v for k, v in student.items() if v}
    columns = STUDENT_COLUMNS + PLATFORM_COLUMNS
    with open(root / PARTICIPANTS_FILE, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        for person_id in sorted(people):
            writer.writerow({k: people[person_id].get(k, "") for k in columns})
