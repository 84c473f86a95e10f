"""``samlab cohort grade``: autograde every submission of an assignment, several at a time.

``nbgrader autograde`` grades one notebook after another. Here N worker processes each
keep nbgrader loaded and autograde one submission at a time with nbgrader's own API
(``NbGraderAPI.autograde``, what the formgrader's *autograde* button runs), each in its
own sandboxed kernel, so the cohort's gradebook ends up holding exactly what sequential
``nbgrader autograde`` would have written, and nbgrader's formgrader, ``generate_feedback``
and ``export`` read it as usual.

* Concurrent writes lose nothing: SQLite serialises the workers' transactions, and each
  worker waits for the lock instead of failing (a busy timeout).
* A worker that dies (killed, out of memory) takes only the submission it was grading:
  SQLite rolls back the unfinished transaction, that submission is reported ungraded with
  the reason, and a new worker takes over the rest.
* Progress is a bar: graded of all, with the failures named.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SamlabValueError

#: What starts a worker's answer line.
ANSWER = "samlab-graded: "
#: Seconds a worker waits for the gradebook's write lock before giving up.
BUSY_TIMEOUT = 120


@dataclass
class GradingReport:
    """What ``grade`` did: the students graded and those that failed, with the reason."""

    assignment: str
    graded: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.graded) + len(self.failed)

    def summary(self) -> str:
        text = f"{len(self.graded)} of {self.total} submission(s) of {self.assignment} graded"
        if self.failed:
            text += "; not graded: " + ", ".join(
                f"{student} ({reason})" for student, reason in sorted(self.failed.items())
            )
        return text


def submissions(root: Path, assignment: str) -> list[str]:
    """The students with a collected submission of ``assignment`` in the cohort ``root``."""
    submitted = root / "submitted"
    if not submitted.is_dir():
        return []
    return sorted(folder.name for folder in submitted.iterdir() if (folder / assignment).is_dir())


def _check(root: Path, assignment: str) -> list[str]:
    if not (root / "nbgrader_config.py").is_file():
        raise SamlabValueError(
            f"{str(root)!r} is not a cohort folder (run 'samlab cohort init' first)"
        )
    if not (root / "source" / assignment).is_dir():
        known = sorted(p.name for p in (root / "source").iterdir() if p.is_dir())
        raise SamlabValueError(
            f"no assignment {assignment!r} in this cohort; assignments: {', '.join(known)}"
        )
    students = submissions(root, assignment)
    if not students:
        raise SamlabValueError(
            f"no collected submissions of {assignment!r} in {str(root / 'submitted')!r} "
            "(run 'nbgrader collect' first)"
        )
    return students


def check_sandbox(root: Path) -> None:
    """Refuse (one line) before any grading starts when the cohort wants the sandbox and
    this machine cannot make it."""
    from traitlets.config.loader import PyFileConfigLoader

    from .sandbox import SandboxedKernelManager, check_sandbox

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    if "SandboxedKernelManager" not in str(config.Execute.get("kernel_manager_class", "")):
        return
    manager = SandboxedKernelManager(config=config)
    if manager._sandboxed():  # raises when bwrap is missing and the sandbox is required
        try:
            check_sandbox(manager.bwrap)
        except RuntimeError as exc:
            raise SamlabValueError(str(exc)) from None


def grade(
    directory: str | Path,
    assignment: str,
    workers: int | None = None,
    options: list[str] | None = None,
    progress: bool = True,
) -> GradingReport:
    """Autograde every collected submission of ``assignment`` in the cohort ``directory``
    with ``workers`` sandboxed kernels at a time (default: the number of cores).
    ``options`` are nbgrader settings as on its command line (``--Execute.timeout=60``)."""
    from .. import grading

    root = Path(directory).expanduser().resolve()
    students = _check(root, assignment)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise SamlabValueError(f"--workers must be at least 1, got {workers}")
    check_sandbox(root)
    for option in options or []:
        if not option.startswith("--") or "=" not in option:
            raise SamlabValueError(f"nbgrader option {option!r} must look like --Class.name=value")
    report = GradingReport(assignment)
    todo: queue.Queue[str] = queue.Queue()
    for student in students:
        todo.put(student)
    lock = threading.Lock()
    bar = _bar(len(students), assignment, progress)
    command = worker_command(assignment, options or [])
    env = grading.nbgrader_env(root)

    def work() -> None:
        worker = None
        while True:
            try:
                student = todo.get_nowait()
            except queue.Empty:
                break
            if worker is None or worker.poll() is not None:
                worker = subprocess.Popen(
                    command,
                    cwd=root,
                    env=env,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                )
            result = _ask(worker, student)
            with lock:
                if result["success"]:
                    report.graded.append(student)
                else:
                    report.failed[student] = result["reason"]
                bar.update(student, result["success"], result.get("reason"))
        if worker is not None and worker.poll() is None:
            worker.stdin.close()
            worker.wait()

    threads = [threading.Thread(target=work) for _ in range(min(workers, len(students)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    bar.close()
    report.graded.sort()
    return report


def worker_command(assignment: str, options: list[str]) -> list[str]:
    """The command of one grading worker (it runs in the cohort folder)."""
    return [sys.executable, "-m", "samlab.grading.parallel", assignment, *options]


def _ask(worker: subprocess.Popen, student: str) -> dict:
    """Send one student to a worker and read its answer; a dead worker is a failure."""
    try:
        worker.stdin.write(student + "\n")
        worker.stdin.flush()
        line = worker.stdout.readline()
        while line and not line.startswith(ANSWER):
            line = worker.stdout.readline()
    except (BrokenPipeError, OSError):
        line = ""
    if not line:
        code = worker.wait()
        return {"success": False, "reason": f"the grading worker stopped (exit status {code})"}
    return json.loads(line[len(ANSWER) :])


class _bar:
    """A progress bar on standard error: graded of all, failures named."""

    def __init__(self, total: int, assignment: str, show: bool):
        self.failed: list[str] = []
        self.tqdm = None
        if show:
            from tqdm import tqdm

            self.tqdm = tqdm(total=total, desc=f"grading {assignment}", unit="submission")

    def update(self, student: str, success: bool, reason: str | None) -> None:
        if not success:
            self.failed.append(student)
        if self.tqdm is not None:
            if self.failed:
                self.tqdm.set_postfix_str("not graded: " + ", ".join(self.failed))
            self.tqdm.update(1)

    def close(self) -> None:
        if self.tqdm is not None:
            self.tqdm.close()


# -- the worker ---------------------------------------------------------------------------


def _reason(result: dict) -> str:
    """One line saying why nbgrader could not grade a submission."""
    lines = ((result.get("log") or "") + "\n" + (result.get("error") or "")).splitlines()
    errors = [
        line.split("]", 1)[-1].strip()
        for line in lines
        if line.startswith("[ERROR]") and "see the" not in line and "above" not in line
    ]
    if errors:
        return errors[0][:300]
    last = [line.strip() for line in lines if line.strip()]
    return last[-1][:300] if last else "nbgrader could not grade it"


def _serve(assignment: str, options: list[str]) -> None:
    """Run in the cohort folder: read student ids from stdin, autograde each with nbgrader's
    API, answer each with one JSON line."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from traitlets.config.loader import KVArgParseConfigLoader, PyFileConfigLoader

    @event.listens_for(Engine, "connect")
    def _wait_for_the_lock(connection, _record) -> None:  # sqlite3 connections only
        if type(connection).__module__.startswith("sqlite3"):
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT * 1000}")

    config = PyFileConfigLoader("nbgrader_config.py", path=os.getcwd()).load_config()
    if options:
        config.merge(KVArgParseConfigLoader(argv=options).load_config())
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    # Answers go out on a copy of standard output; whatever else writes to standard output
    # (nbgrader, a library, a C extension) goes to standard error instead.
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    for line in sys.stdin:
        student = line.strip()
        if not student:
            continue
        result = api.autograde(assignment, student)
        answer = {"success": bool(result.get("success"))}
        if not answer["success"]:
            answer["reason"] = _reason(result)
        out.write(ANSWER + json.dumps(answer) + "\n")
        out.flush()


if __name__ == "__main__":
    _serve(sys.argv[1], sys.argv[2:])
