"""The grading pieces on their own: sandbox command, output limits, feedback stripping."""

import nbformat
import pytest

from samlab import grading


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


def test_sandbox_hides_folders_and_binds_only_the_working_folder(tmp_path, monkeypatch):
    hidden = tmp_path / "cohort"
    hidden.mkdir()
    work = hidden / "autograded" / "kari" / "ex1"
    work.mkdir(parents=True)
    monkeypatch.setattr(grading.shutil, "which", lambda name: "/usr/bin/bwrap")
    monkeypatch.setattr(grading, "_python_paths", lambda: ["/tmp/ci/.venv", "/usr"])
    manager = grading.SandboxedKernelManager(hidden_paths=[str(hidden), "/no/such/folder"])
    command = manager.sandbox_command(["python", "-m", "ipykernel_launcher"], str(work))
    text = " ".join(command)
    assert command[0] == "/usr/bin/bwrap" and command[-3:] == ["python", "-m", "ipykernel_launcher"]
    assert f"--tmpfs {hidden}" in text and "/no/such/folder" not in text
    assert text.index(f"--tmpfs {hidden}") < text.index(f"--bind {work} {work}")
    assert "--ro-bind / /" in text and "--cap-drop ALL" in text
    assert "--unsetenv JPY_PARENT_PID" in text
    # /tmp is the sandbox's own, but a Python environment living under /tmp stays visible
    assert text.index("--tmpfs /tmp ") < text.index("--ro-bind /tmp/ci/.venv /tmp/ci/.venv")
    assert "--ro-bind /usr /usr" not in text


def test_without_bubblewrap_grading_refuses_to_start(monkeypatch):
    monkeypatch.setattr(grading.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="apt install bubblewrap"):
        grading.SandboxedKernelManager().sandbox_command(["python"], None)
    relaxed = grading.SandboxedKernelManager(required=False)
    assert relaxed.sandbox_command(["python"], None) == ["python"]
