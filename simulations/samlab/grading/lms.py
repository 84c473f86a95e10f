"""Grades out to the learning platform: the CSV that Canvas or Moodle imports.

    samlab cohort export ~/cohorts/vaar-2027 --to canvas karakterer-canvas.csv
    samlab cohort export ~/cohorts/vaar-2027 --to moodle karakterer-moodle.csv
    samlab cohort export ~/cohorts/vaar-2027 --to csv karakterer.csv

The points come from the cohort's nbgrader gradebook, computed as nbgrader's own
``export`` computes them (score after any late penalty; a missing submission is 0), one
column per assignment and the total. The identifiers each platform matches people by come
from the participant list imported with ``samlab cohort students``:

* **Canvas** (Grades > Import): the gradebook CSV with ``Student``, ``ID``,
  ``SIS User ID``, ``SIS Login ID`` and ``Section``, a ``Points Possible`` row, one column
  per assignment and the read-only ``Final Points`` (Canvas ignores it on import). Canvas
  matches a row by its ID, SIS User ID or SIS Login ID, so every participant needs one.
* **Moodle** (Grades > Import > CSV file): a header row and one row per participant;
  map ``Username`` or ``Email address`` to the user field of the same name, and each
  assignment column to its grade item. Every participant needs a username or an e-mail.
* **csv**: the same table with nbgrader's names, for a spreadsheet.

If anybody lacks the identifier the platform needs, nothing is written and the error names
them all on one line.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from ..errors import SamlabValueError

PLATFORMS = ("canvas", "moodle", "csv")
CANVAS_IDS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_IDS = ("First name", "Last name", "Username", "Email address")
PLAIN_IDS = ("student_id", "first_name", "last_name", "email")


def gradebook_scores(root: Path) -> tuple[list[dict], list[tuple[str, float]], dict]:
    """Students, assignments (name, max score) and scores {(student, assignment): score}
    from the cohort's gradebook, as nbgrader's CSV export computes them."""
    from nbgrader.api import Gradebook, MissingEntry

    from . import course_id

    database = root / "gradebook.db"
    if not database.is_file():
        raise SamlabValueError(
            f"no gradebook in {str(root)!r}: import the participants and grade first"
        )
    with Gradebook("sqlite:///" + str(database), course_id=course_id(root)) as gradebook:
        students = [
            {
                "id": s.id,
                "first_name": s.first_name or "",
                "last_name": s.last_name or "",
                "email": s.email or "",
                "lms_user_id": s.lms_user_id or "",
            }
            for s in gradebook.students
        ]
        assignments = [(a.name, float(a.max_score)) for a in gradebook.assignments]
        scores = {}
        for student in students:
            for name, _ in assignments:
                try:
                    submission = gradebook.find_submission(name, student["id"])
                    scores[student["id"], name] = float(submission.score)
                except MissingEntry:
                    scores[student["id"], name] = 0.0
    return students, assignments, scores


def _number(value: float) -> str:
    return f"{value:g}"


def table(root: Path, platform: str) -> str:
    """The CSV text for ``platform`` (canvas, moodle or csv) from the cohort ``root``."""
    from ..cohort import read_participants

    if platform not in PLATFORMS:
        raise SamlabValueError(f"--to must be one of {', '.join(PLATFORMS)}, got {platform!r}")
    students, assignments, scores = gradebook_scores(root)
    if not students:
        raise SamlabValueError("the gradebook has no participants: nothing to export")
    extra = read_participants(root)
    people = [{**extra.get(s["id"], {}), **{k: v for k, v in s.items() if v}} for s in students]
    _check_identifiers(people, platform)
    names = [name for name, _ in assignments]
    total_max = sum(points for _, points in assignments)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if platform == "canvas":
        writer.writerow([*CANVAS_IDS, *names, "Final Points"])
        writer.writerow(
            ["Points Possible", "", "", "", ""]
            + [_number(points) for _, points in assignments]
            + [_number(total_max)]
        )
    elif platform == "moodle":
        writer.writerow([*MOODLE_IDS, *names, "Total"])
    else:
        writer.writerow([*PLAIN_IDS, *names, "total", "max_total"])
    for person in people:
        points = [scores[person["id"], name] for name in names]
        cells = [_number(p) for p in points] + [_number(sum(points))]
        if platform == "canvas":
            student = ", ".join(x for x in (person.get("last_name"), person.get("first_name")) if x)
            ids = [
                student or person["id"],
                person.get("lms_user_id", ""),
                person.get("sis_user_id", ""),
                person.get("sis_login_id", ""),
                person.get("section", ""),
            ]
        elif platform == "moodle":
            ids = [
                person.get("first_name", ""),
                person.get("last_name", ""),
                person.get("lms_username", ""),
                person.get("email", ""),
            ]
        else:
            ids = [person["id"], person.get("first_name", ""), person.get("last_name", "")]
            ids.append(person.get("email", ""))
            cells.append(_number(total_max))
        writer.writerow(ids + cells)
    return out.getvalue()


def _check_identifiers(people: list[dict], platform: str) -> None:
    if platform == "canvas":
        needed, what = ("lms_user_id", "sis_user_id", "sis_login_id"), "a Canvas ID"
        hint = "lms_user_id, sis_user_id or sis_login_id"
    elif platform == "moodle":
        needed, what = ("lms_username", "email"), "a Moodle username or e-mail"
        hint = "lms_username or email"
    else:
        return
    missing = [p["id"] for p in people if not any(p.get(k) for k in needed)]
    if missing:
        raise SamlabValueError(
            f"{len(missing)} participant(s) without {what}, nothing written: "
            f"{', '.join(missing)}; add a column {hint} to the participant list and run "
            "'samlab cohort students' again"
        )


def export(directory: str | Path, platform: str, destination: str | Path) -> int:
    """Write the grades of the cohort ``directory`` for ``platform`` to ``destination``;
    return the number of participants. Nothing is written if anything is wrong."""
    root = Path(directory).expanduser().resolve()
    if not (root / "nbgrader_config.py").is_file():
        raise SamlabValueError(f"{str(root)!r} is not a cohort folder (run 'samlab cohort init')")
    text = table(root, platform)
    target = Path(destination).expanduser()
    if not target.parent.is_dir():
        raise SamlabValueError(f"no folder {str(target.parent)!r} to write {target.name!r} in")
    # written whole or not at all: a temporary file beside it, then renamed
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".grades-", suffix=".csv")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
        file.write(text)
    os.replace(temporary, target)
    return text.count("\n") - (2 if platform == "canvas" else 1)
