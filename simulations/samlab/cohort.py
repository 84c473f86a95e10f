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
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat

from . import grading
from .csv_rows import Rows
from .errors import SamlabValueError
from .labels import check_lang

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
STUDENT_COLUMNS = ("id", "first_name", "last_name", "email")
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
        "CourseDirectory.ignore": grading.IGNORE,
        "ClearSolutions.code_stub": {"python": grading.CODE_STUB[lang]},
        "ClearSolutions.text_stub": grading.TEXT_STUB[lang],
        "IncludeHeaderFooter.header": "source/header.ipynb",
        **grading.DELIMITERS,
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
    lines = [
        "# nbgrader settings for one Samhandlingslab cohort, written by `samlab cohort init`.",
        "# Run nbgrader's commands from this folder; see solutions/README.md in the course.",
        "import os",
        "",
        "c = get_config()  # noqa: F821",
        "HERE = os.path.dirname(os.path.abspath(__file__))",
        "c.CourseDirectory.root = HERE",
        'c.CourseDirectory.db_url = "sqlite:///" + os.path.join(HERE, "gradebook.db")',
    ]
    lines += [f"c.{key} = {value!r}" for key, value in settings.items()]
    lines += [
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
    (root / "nbgrader_config.py").write_text("\n".join(lines) + "\n", encoding="utf-8")


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
            folder, source / folder.name, ignore=shutil.ignore_patterns(*grading.IGNORE)
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
    ``brukernavn,fornavn,etternavn,e-post``). Every bad row is reported by its row number and
    reason; nothing is returned unless all rows are good."""
    rows = Rows(csv_text, "participant list", STUDENT_COLUMNS, ("id",), _COLUMN_ALIASES)
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
        students.append({k: row.get(k) or None for k in STUDENT_COLUMNS})
    rows.check(len(students))
    return students


def import_students(directory: str | Path, csv_file: str | Path) -> int:
    """Import the participant list into the cohort's gradebook: all rows, or none."""
    from nbgrader.api import Gradebook

    root = Path(directory).expanduser().resolve()
    if not (root / "nbgrader_config.py").is_file():
        raise SamlabValueError(f"{str(root)!r} is not a cohort folder (run 'samlab cohort init')")
    path = Path(csv_file)
    if not path.is_file():
        raise SamlabValueError(f"no participant list at {str(path)!r}")
    students = read_students(path.read_text(encoding="utf-8-sig"))
    db_url = "sqlite:///" + str(root / "gradebook.db")
    # nbgrader creates a new gradebook by running `alembic` by name: make the scripts of this
    # Python's environment findable even when the environment is not activated.
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")
    course_id = _course_id(root)
    with Gradebook(db_url, course_id=course_id) as gradebook:
        before = {s.id for s in gradebook.students}
        try:
            for student in students:
                gradebook.update_or_create_student(
                    student["id"], **{k: v for k, v in student.items() if k != "id"}
                )
        except Exception:
            gradebook.db.rollback()
            for student in students:  # all or nothing: take out the ones just added
                if student["id"] not in before:
                    with contextlib.suppress(Exception):  # it was never added
                        gradebook.remove_student(student["id"])
            raise
    return len(students)


def _course_id(root: Path) -> str:
    match = re.search(
        r"^c\.CourseDirectory\.course_id = '([^']+)'",
        (root / "nbgrader_config.py").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    return match.group(1) if match else "default_course"
