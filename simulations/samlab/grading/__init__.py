"""Grading participant notebooks with nbgrader, safely and fast.

Autograding runs code a participant wrote. nbgrader restores locked cells and test cells
from its gradebook, limits output lines and stops cells that run too long, but it runs the
participant's code as the instructor, with the instructor's files, environment and network
in reach. This package adds what a cohort needs on top; ``samlab cohort init`` switches it
on in the cohort's ``nbgrader_config.py``:

* :mod:`.sandbox` -- :class:`SandboxedKernelManager` runs each grading kernel with least
  privilege in bubblewrap: an environment built from an allowlist, no file system but the
  system and Python folders (read-only) and the submission (writable), no network, and
  limits on memory, processes, file size and CPU time.
* :mod:`.feedback` -- output cut to size, feedback without hidden tests or mark schemes.
* :mod:`.parallel` -- ``samlab cohort grade``: every submission of an assignment, several
  sandboxed kernels at a time, into nbgrader's own gradebook.
* :mod:`.lms` -- ``samlab cohort export``: grades as the CSV Canvas or Moodle imports.

What remains after the sandbox (said in the guides): the kernel shares the machine's CPU
and its Linux kernel with the grader; a host that grades untrusted code at scale grades in
a container or virtual machine of its own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .feedback import HideHiddenTests, LimitOutputSize, split_regions
from .sandbox import BWRAP_MISSING, Limits, SandboxedKernelManager

__all__ = [
    "ANSWER_FILES",
    "BWRAP_MISSING",
    "CODE_STUB",
    "DELIMITERS",
    "IGNORE",
    "MASTER_IGNORE",
    "TEXT_STUB",
    "HideHiddenTests",
    "LimitOutputSize",
    "Limits",
    "SandboxedKernelManager",
    "course_id",
    "nbgrader_command",
    "nbgrader_env",
    "open_gradebook",
    "repository_solutions",
    "split_regions",
]

#: nbgrader's markers, fixed so a personal nbgrader config cannot change them.
DELIMITERS = {
    "ClearSolutions.begin_solution_delimeter": "BEGIN SOLUTION",
    "ClearSolutions.end_solution_delimeter": "END SOLUTION",
    "ClearHiddenTests.begin_test_delimeter": "BEGIN HIDDEN TESTS",
    "ClearHiddenTests.end_test_delimeter": "END HIDDEN TESTS",
    "ClearMarkScheme.begin_mark_scheme_delimeter": "BEGIN MARK SCHEME",
    "ClearMarkScheme.end_mark_scheme_delimeter": "END MARK SCHEME",
}

#: What replaces a solution region in the student version, per language.
CODE_STUB = {
    "nb": "# svaret ditt her (og slett linja under)\nraise NotImplementedError()",
    "en": "# your answer here (and delete the line below)\nraise NotImplementedError()",
}
#: What replaces a written solution cell.
TEXT_STUB = {"nb": "*Skriv svaret ditt her.*", "en": "*Write your answer here.*"}

#: Files in a master folder that are never copied to students.
IGNORE = [".ipynb_checkpoints", "__pycache__", "*.pyc", ".DS_Store", ".nbgrader.log"]
#: Answers saved by the answer widgets (samlab.answers.FILE_NAME). A participant's file must
#: travel with the submission, so nbgrader itself never ignores them; but one left in a master
#: folder by an instructor trying the menus must not reach the students or the cohort's source.
ANSWER_FILES = ["svar.json", "answers.json"]
MASTER_IGNORE = IGNORE + ANSWER_FILES


def nbgrader_command() -> list[str]:
    """nbgrader's command line next to the running Python (the project's venv), else
    ``python -m nbgrader``."""
    here = Path(sys.executable).parent
    for name in ("nbgrader", "nbgrader.exe"):
        if (here / name).is_file():
            return [str(here / name)]
    return [sys.executable, "-m", "nbgrader"]


def nbgrader_env(course: Path) -> dict[str, str]:
    """The environment to run nbgrader's command line in for the course folder ``course``."""
    env = dict(os.environ)
    # nbgrader's gradebook runs the `alembic` script by name when it creates a database, so
    # the venv's scripts must be on PATH even when the venv is not activated.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    # keep a personal ~/.jupyter/nbgrader_config.py out of the course
    env["JUPYTER_CONFIG_DIR"] = str(Path(course) / ".jupyter")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def course_id(root: str | Path) -> str:
    """The nbgrader course id of the cohort folder ``root``, as its config sets it."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    return str(config.CourseDirectory.get("course_id") or "default_course")


def open_gradebook(root: str | Path):
    """nbgrader's :class:`~nbgrader.api.Gradebook` of the cohort folder ``root``, created
    first when it does not exist yet.

    nbgrader stamps a new gradebook with its schema version by running the ``alembic`` script
    by name, which fails when the venv is not activated. Here the new gradebook gets its
    tables and the version from alembic's Python API instead, so no ``PATH`` is needed and
    none is changed; the gradebook is then the same as the one ``nbgrader db upgrade`` makes.
    """
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from nbgrader import dbutil
    from nbgrader.api import Base, Gradebook
    from sqlalchemy import create_engine, inspect, text

    root = Path(root)
    db_url = "sqlite:///" + str(root / "gradebook.db")
    engine = create_engine(db_url, future=True)
    try:
        if not inspect(engine).get_table_names():
            config = Config()
            config.set_main_option("script_location", dbutil.ALEMBIC_DIR)
            head = ScriptDirectory.from_config(config).get_current_head()
            with engine.begin() as connection:
                Base.metadata.create_all(bind=connection)
                connection.execute(
                    text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
                )
                connection.execute(
                    text("INSERT INTO alembic_version (version_num) VALUES (:head)"),
                    {"head": head},
                )
    finally:
        engine.dispose()
    return Gradebook(db_url, course_id=course_id(root))


def repository_solutions() -> Path | None:
    """The repository's ``solutions/`` folder when samlab runs from a clone, else None."""
    folder = Path(__file__).resolve().parents[3] / "solutions"
    return folder if folder.is_dir() else None
