"""Grading participant notebooks with nbgrader, safely.

Autograding runs code a participant wrote. nbgrader restores locked cells and test cells
from its gradebook, limits output lines and stops cells that run too long, but it runs the
participant's code as the instructor, with the instructor's files in reach. This module adds
what a cohort needs on top, and ``samlab cohort init`` switches it on in the cohort's
``nbgrader_config.py``:

* :class:`SandboxedKernelManager` starts each grading kernel inside bubblewrap (Debian package
  ``bubblewrap``): the whole file system read-only, the cohort folder (gradebook, masters in
  ``source/``, other participants' folders), the exchange and the repository's ``solutions/``
  hidden behind empty folders, only the submission's own folder writable, no capabilities,
  its own process namespace. A hostile notebook can then neither read the hidden tests and
  mark schemes nor write the gradebook or another participant's files.
* :class:`LimitOutputSize` caps the characters a cell may print (nbgrader's ``LimitOutput``
  counts lines, so one enormous line passes it).
* :class:`HideHiddenTests` is for the feedback step: nbgrader's feedback shows the graded
  notebook with the hidden tests and mark schemes in full. This removes those regions and
  replaces each traceback by its last line (the check's message), so feedback shows the
  score and the message of every test but never the hidden code or the mark scheme.

Residual risk (said in the instructor guide too): the kernel still shares the network and
the machine's CPU and memory with the grader; a hosting admin who grades untrusted code at
scale should run grading in its own container or virtual machine.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Integer, List, Unicode

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

BWRAP_MISSING = (
    "grading is set up to run each notebook in a bubblewrap sandbox, but the program 'bwrap' "
    "was not found; install it (Debian/Ubuntu: sudo apt install bubblewrap) or, only for "
    "trusted notebooks, set c.SandboxedKernelManager.required = False"
)


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


def bwrap_available(program: str = "bwrap") -> bool:
    return shutil.which(program) is not None


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that starts the grading kernel inside a bubblewrap sandbox."""

    hidden_paths = List(
        Unicode(),
        help="Folders the kernel must not see (they appear empty inside the sandbox).",
    ).tag(config=True)
    bwrap = Unicode("bwrap", help="The bubblewrap program.").tag(config=True)
    required = Bool(
        True, help="Refuse to start a kernel without the sandbox (True) or run unsandboxed."
    ).tag(config=True)

    def sandbox_command(self, kernel_cmd: list[str], cwd: str | None) -> list[str]:
        """The kernel command wrapped in bubblewrap, for a kernel working in ``cwd``."""
        program = shutil.which(self.bwrap)
        if program is None:
            if self.required:
                raise RuntimeError(BWRAP_MISSING)
            return list(kernel_cmd)
        command = [program, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
        command += ["--tmpfs", "/tmp"]  # scratch space of its own
        for path in _python_paths():  # a Python installed under /tmp must stay visible
            if path == "/tmp" or path.startswith("/tmp/"):
                command += ["--ro-bind", path, path]
        for path in self.hidden_paths:
            if os.path.isdir(path):
                command += ["--tmpfs", os.path.realpath(path)]
        if cwd:
            real = os.path.realpath(cwd)
            command += ["--bind", real, real, "--chdir", real]
        if self.connection_file:  # the kernel reads its ports and key from this one file
            path = os.path.realpath(self.connection_file)
            command += ["--ro-bind", path, path]
        # the home folder is read-only: IPython, matplotlib and caches write in /tmp instead
        for name, folder in (
            ("IPYTHONDIR", "/tmp/.ipython"),
            ("MPLCONFIGDIR", "/tmp/.matplotlib"),
            ("XDG_CACHE_HOME", "/tmp/.cache"),
            ("JUPYTER_RUNTIME_DIR", "/tmp/.jupyter-runtime"),
        ):
            command += ["--setenv", name, folder]
        # In its own process namespace the kernel's parent is the sandbox's init, so the
        # kernel's parent-polling would shut it down; --die-with-parent does that job.
        command += ["--unsetenv", "JPY_PARENT_PID"]
        command += [
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--die-with-parent",
            "--cap-drop",
            "ALL",
            "--",
        ]
        return command + list(kernel_cmd)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        # A signal to interrupt a cell that runs too long would reach bubblewrap and end the
        # sandbox with the kernel in it; ask the kernel itself over its control channel.
        self.kernel_spec.interrupt_mode = "message"
        wrapped = self.sandbox_command(kernel_cmd, kw.get("cwd"))
        await super()._async_launch_kernel(wrapped, **kw)

    _launch_kernel = _async_launch_kernel


class LimitOutputSize(Preprocessor):
    """Cap the characters of text a code cell may print (per cell, all outputs together)."""

    enabled = Bool(True).tag(config=True)
    max_characters = Integer(20_000, help="Characters kept per cell; -1 for no limit.").tag(
        config=True
    )

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or self.max_characters < 0:
            return cell, resources
        budget = self.max_characters
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                text = output.get("text", "")
                if len(text) > budget:
                    output["text"] = text[: max(budget, 0)] + "\n… [output cut]\n"
                budget -= len(text)
            elif output.get("output_type") in ("execute_result", "display_data"):
                data = output.get("data", {})
                for key, value in list(data.items()):
                    if isinstance(value, str) and len(value) > self.max_characters:
                        data[key] = value[: self.max_characters] + "\n… [output cut]"
            elif output.get("output_type") == "error":
                evalue = output.get("evalue", "")
                if len(evalue) > 2_000:
                    output["evalue"] = evalue[:2_000] + " … [cut]"
                output["traceback"] = [line[:2_000] for line in output.get("traceback", [])[-20:]]
        return cell, resources


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def split_regions(source: str, regions) -> tuple[list[str], list[str]]:
    """The lines inside the marked regions and the lines outside them (markers in neither).

    ``regions`` holds (begin, end) marker pairs, e.g. nbgrader's BEGIN/END HIDDEN TESTS.
    """
    inside, outside, end = [], [], None
    for line in source.split("\n"):
        if end is None:
            begins = [stop for start, stop in regions if start in line]
            if begins:
                end = begins[0]
            else:
                outside.append(line)
        elif end in line:
            end = None
        else:
            inside.append(line)
    return inside, outside


class HideHiddenTests(Preprocessor):
    """For feedback: drop hidden test regions and mark schemes, and show each error by its
    message only (a traceback would quote the hidden test's code)."""

    enabled = Bool(True).tag(config=True)
    regions = List(
        [["BEGIN HIDDEN TESTS", "END HIDDEN TESTS"], ["BEGIN MARK SCHEME", "END MARK SCHEME"]],
        help="Pairs of begin and end markers of the regions to remove.",
    ).tag(config=True)

    def _strip(self, source: str) -> str:
        _, kept = split_regions(source, self.regions)
        return "\n".join(kept).rstrip()

    def preprocess_cell(self, cell, resources, index):
        if any(begin in cell.source for begin, _ in self.regions):
            cell.source = self._strip(cell.source)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                name = output.get("ename", "Error")
                message = _ANSI.sub("", str(output.get("evalue", "")))
                output["traceback"] = [f"{name}: {message}"]
        return cell, resources


def _python_paths() -> list[str]:
    """The folders the kernel's Python needs: its environment and the samlab package."""
    import samlab

    paths = {sys.prefix, sys.base_prefix, str(Path(samlab.__file__).resolve().parents[1])}
    return sorted({os.path.realpath(p) for p in paths if os.path.isdir(p)})


def repository_solutions() -> Path | None:
    """The repository's ``solutions/`` folder when samlab runs from a clone, else None."""
    folder = Path(__file__).resolve().parents[2] / "solutions"
    return folder if folder.is_dir() else None
