"""The grading pieces on their own: sandbox command, output limits, feedback stripping."""

import os
import sys
from pathlib import Path

import nbformat
import pytest

from samlab import grading
from samlab.grading import limits, sandbox


def test_feedback_keeps_visible_tests_and_messages_only():
    test = nbformat.v4.new_code_cell(
        "checks.close_to(density, 0.5)\n### BEGIN HIDDEN TESTS\nkey = secret()\n"
        "### END HIDDEN TESTS"
    )
    test.outputs = [
        nbformat.v4.new_output(
            "error",
            ename="AssertionError",
            evalue="\x1b[0;31mThe trust density: expected 0.52",
            traceback=["Traceback", "key = secret()", "AssertionError: ..."],
        )
    ]
    task = nbformat.v4.new_markdown_cell(
        "Why this mode?\n=== BEGIN MARK SCHEME ===\n4: names all four\n=== END MARK SCHEME ==="
    )
    strip = grading.HideHiddenTests()
    cell, _ = strip.preprocess_cell(test, {}, 0)
    assert cell.source == "checks.close_to(density, 0.5)"
    assert cell.outputs[0]["traceback"] == ["AssertionError: The trust density: expected 0.52"]
    cell, _ = strip.preprocess_cell(task, {}, 1)
    assert cell.source == "Why this mode?"


def test_output_is_cut_by_characters():
    cell = nbformat.v4.new_code_cell("print('x' * 10**6)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * 10**6)]
    cell, _ = grading.LimitOutputSize(max_characters=1000).preprocess_cell(cell, {}, 0)
    assert len(cell.outputs[0]["text"]) < 1100
    assert cell.outputs[0]["text"].endswith("[output cut]\n")


def _command(tmp_path, monkeypatch, **settings):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: "/usr/bin/bwrap")
    monkeypatch.setattr(sandbox, "python_paths", lambda: ["/tmp/ci/.venv", "/root/.pyenv/3.11"])
    manager = grading.SandboxedKernelManager(**settings)
    work = tmp_path / "cohort" / "autograded" / "kari" / "ex1"
    work.mkdir(parents=True)
    private = str(tmp_path / "kernel")
    command = manager.sandbox_command(["python", "-m", "ipykernel_launcher"], str(work), private)
    return command, " ".join(command), work


def test_the_sandbox_binds_no_root_only_system_python_and_the_submission(tmp_path, monkeypatch):
    command, text, work = _command(tmp_path, monkeypatch)
    assert command[0] == "/usr/bin/bwrap"
    assert command[-3:-1] == ["python", "-c"] and "register_at_fork" in command[-1]
    assert "--ro-bind / /" not in text and "--bind / /" not in text
    assert "--ro-bind /usr /usr" in text
    assert "--ro-bind /tmp/ci/.venv /tmp/ci/.venv" in text
    assert "--ro-bind /root/.pyenv/3.11 /root/.pyenv/3.11" in text  # not the whole home
    sources = {command[i + 1] for i, arg in enumerate(command) if arg.startswith("--ro-bind")}
    allowed = {*sandbox.SYSTEM, *sandbox.ETC, "/tmp/ci/.venv", "/root/.pyenv/3.11"}
    assert sources <= allowed, sources - allowed  # no home, no cohort, no exchange
    # the one writable folder besides the private /tmp, and the kernel's socket folder
    binds = [command[i + 1] for i, arg in enumerate(command) if arg == "--bind"]
    assert binds == [str(tmp_path / "kernel"), str(work)]
    assert text.index("--tmpfs /tmp ") < text.index("--ro-bind /tmp/ci/.venv")
    assert f"--chdir {work}" in text


def test_the_sandbox_has_no_network_no_capabilities_and_limits(tmp_path, monkeypatch):
    command, text, _ = _command(
        tmp_path, monkeypatch, memory_limit=3 * 2**30, process_limit=64, cpu_limit=30
    )
    assert "--unshare-all" in command and "--share-net" not in command
    assert "--cap-drop ALL" in text and "--die-with-parent" in text
    assert "--unsetenv JPY_PARENT_PID" in text
    launcher = command.index("-I")
    assert command[launcher + 2].endswith("grading/limits.py")
    assert f"--memory={3 * 2**30}" in command and "--processes=64" in command
    assert "--cpu=30" in command and f"--file-size={100 * 2**20}" in command


def test_the_kernel_environment_is_an_allowlist():
    grader = {
        "JUPYTERHUB_API_TOKEN": "planted-hub-token",
        "JUPYTERHUB_USER": "instructor",
        "GITHUB_TOKEN": "t",
        "AWS_SECRET_ACCESS_KEY": "s",
        "MY_API_KEY": "k",
        "PASSWORD": "p",
        "HOME": "/home/instructor",
        "PATH": "/home/instructor/bin:/usr/bin",
        "LANG": "nb_NO.UTF-8",
        "JPY_SESSION_NAME": "ex1.ipynb",
        "OPENBLAS_CORETYPE": "Haswell",
    }
    env = sandbox.kernel_env(grader, "/opt/venv/bin/python")
    assert "planted-hub-token" not in str(env) and "/home/instructor" not in str(env)
    assert env["LANG"] == "nb_NO.UTF-8" and env["OPENBLAS_CORETYPE"] == "Haswell"
    assert env["HOME"].startswith("/tmp/") and env["JPY_SESSION_NAME"] == "ex1.ipynb"
    assert env["PATH"].split(":")[0] == "/opt/venv/bin"
    allowed = set(sandbox.ALLOWED_ENV) | set(sandbox.SANDBOX_ENV) | {"PATH"}
    assert set(env) <= allowed


def test_hidden_folders_inside_a_bound_folder_are_emptied(tmp_path, monkeypatch):
    inside = tmp_path / "venv" / "solutions"
    inside.mkdir(parents=True)
    args = sandbox.filesystem([str(tmp_path / "venv")], [str(inside), "/no/such"], [], None)
    assert ["--tmpfs", str(inside)] == args[args.index(str(inside)) - 1 :][:2]
    assert "/no/such" not in args


def test_without_bubblewrap_grading_refuses_to_start(monkeypatch):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="apt install bubblewrap"):
        grading.SandboxedKernelManager().sandbox_command(["python"], None)
    relaxed = grading.SandboxedKernelManager(required=False)
    assert relaxed.sandbox_command(["python"], None) == ["python"]


def test_a_sandbox_the_machine_cannot_make_is_refused_in_one_line(tmp_path, monkeypatch):
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    with pytest.raises(RuntimeError) as error:
        sandbox.check_sandbox(str(fake))
    message = str(error.value)
    assert "\n" not in message and "No permissions to create new namespace" in message
    assert "required = False" in message and "user namespaces" in message


def test_root_without_a_pids_cgroup_is_refused(monkeypatch):
    monkeypatch.setattr(sandbox, "_pids_root", lambda: (_ for _ in ()).throw(OSError("ro")))
    with pytest.raises(RuntimeError, match="fork bomb would not stop"):
        sandbox.make_pids_cgroup(100)


def test_limits_are_lowered_and_a_too_large_file_fails_softly(tmp_path):
    import subprocess
    import sys

    script = (
        "import resource, signal\n"
        "print(resource.getrlimit(resource.RLIMIT_DATA)[0], "
        "resource.getrlimit(resource.RLIMIT_FSIZE)[0], "
        "signal.getsignal(signal.SIGXFSZ) == signal.SIG_IGN)\n"
        "try:\n    with open('big', 'wb', buffering=0) as f:\n"
        "        for _ in range(10):\n            f.write(b'x' * 1000)\nexcept OSError as e:\n"
        "    print('refused', e.errno)\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            limits.__file__,
            "--memory=1073741824",
            "--file-size=4096",
            "--",
            sys.executable,
            "-c",
            script,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["1073741824", "4096", "True", "refused", "27"]


def test_grading_without_the_sandbox_says_so_in_the_log(tmp_path, monkeypatch, caplog):
    import asyncio
    import logging

    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    manager = grading.SandboxedKernelManager(required=False, kernel_name="python3")

    async def start_and_stop():
        await manager.start_kernel(cwd=str(tmp_path))
        await manager.shutdown_kernel(now=True)

    with caplog.at_level(logging.WARNING):
        manager.log = logging.getLogger("grading-test")
        asyncio.run(start_and_stop())
    assert sandbox.UNSANDBOXED in caplog.text
    assert manager.transport == "tcp"  # unsandboxed: jupyter_client's defaults, untouched


def _read_config(folder):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_cohort_and_the_exercise_generator_make_exercises_the_same_way(
    tmp_path, monkeypatch, lang
):
    import importlib.util

    from samlab import cohort

    spec = importlib.util.spec_from_file_location(
        "generate_exercises", Path(__file__).parents[1] / "solutions" / "generate_exercises.py"
    )
    generator = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "generate_exercises", generator)  # for its dataclasses
    spec.loader.exec_module(generator)
    (tmp_path / "cohort").mkdir()
    (tmp_path / "run").mkdir()
    cohort._config(tmp_path / "cohort", lang, "fjordvik-2027", ["/elsewhere"], None)
    generator.write_course_config(tmp_path / "run", lang)
    made, run = _read_config(tmp_path / "cohort"), _read_config(tmp_path / "run")
    for section, trait in [
        ("ClearSolutions", "code_stub"),
        ("ClearSolutions", "text_stub"),
        ("ClearSolutions", "begin_solution_delimeter"),
        ("ClearSolutions", "end_solution_delimeter"),
        ("ClearHiddenTests", "begin_test_delimeter"),
        ("CourseDirectory", "ignore"),
    ]:
        assert made[section][trait] == run[section][trait], (section, trait)
    stub = {"nb": "svaret ditt her", "en": "your answer here"}[lang]
    assert stub in made["ClearSolutions"]["text_stub"].lower()
    assert made["CourseDirectory"]["course_id"] == "fjordvik-2027"
    assert made["CourseDirectory"]["root"] == str(tmp_path / "cohort")
    assert made["SandboxedKernelManager"]["hidden_paths"][-1] == "/elsewhere"


def test_the_config_writer_refuses_an_unknown_language():
    from samlab.grading.config import generation_settings

    with pytest.raises(ValueError, match="nb, en"):
        generation_settings("sv")


def test_participants_are_imported_without_alembic_on_path_and_path_is_left_alone(
    tmp_path, monkeypatch
):
    """nbgrader stamps a new gradebook by running ``alembic`` by name; samlab makes the
    gradebook itself, the same as nbgrader's command line makes it, and changes no PATH."""
    import sqlite3
    import subprocess

    from samlab import cohort
    from samlab.grading import nbgrader_command, nbgrader_env

    root = cohort.init(tmp_path / "course", "en", course_id="autumn")
    people = tmp_path / "participants.csv"
    people.write_text("id,first_name,last_name,email\nkari,Kari,Nordmann,\nola,Ola,,\n")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # no venv scripts, so no `alembic` here
    seen = []
    monkeypatch.setattr(
        "nbgrader.api.get_alembic_version", lambda: seen.append("alembic by name") or "x"
    )
    assert cohort.import_students(root, people) == 2
    assert os.environ["PATH"] == "/usr/bin:/bin" and seen == []
    with sqlite3.connect(root / "gradebook.db") as db:
        ours = db.execute("SELECT version_num FROM alembic_version").fetchall()
        students = db.execute("SELECT id, first_name FROM student ORDER BY id").fetchall()
        courses = db.execute("SELECT id FROM course").fetchall()
    assert students == [("kari", "Kari"), ("ola", "Ola")] and courses == [("autumn",)]
    # the gradebook nbgrader's own command line makes carries the same schema version
    other = cohort.init(tmp_path / "other", "en", course_id="autumn")
    subprocess.run(
        [*nbgrader_command(), "db", "upgrade"],
        cwd=other,
        env=nbgrader_env(other),
        check=True,
        capture_output=True,
    )
    with sqlite3.connect(other / "gradebook.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == ours
    # a second import opens the same gradebook and updates it
    people.write_text("id,first_name,last_name,email\nkari,Kari Anne,Nordmann,\n")
    assert cohort.import_students(root, people) == 1
    with sqlite3.connect(root / "gradebook.db") as db:
        assert db.execute("SELECT first_name FROM student WHERE id='kari'").fetchone() == (
            "Kari Anne",
        )
