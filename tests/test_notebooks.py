"""The course notebooks and the facilitator's: committed without outputs, the same in nb and en, and
they run.

Every notebook runs top to bottom on a fresh kernel, as a participant would run it.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "course"
LANGS = ("nb", "en")


def notebooks(folder: Path) -> list[Path]:
    """The course notebooks in a language folder (not JupyterLab's checkpoint copies)."""
    return sorted(
        p.relative_to(folder)
        for p in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


#: Folders that hold the same notebooks in nb/ and en/: the modules, and the facilitator's.
FOLDERS = (COURSE, COURSE / "facilitator")
#: Each notebook as (folder, name); the id is its path from the course folder without the
#: language, so the modules keep their plain names (``00_start_here.ipynb``) and the
#: facilitator's notebooks read ``facilitator/class_experiment.ipynb``.
NOTEBOOKS = [
    pytest.param(folder, name, id=str((folder / name).relative_to(COURSE)))
    for folder in FOLDERS
    for name in notebooks(folder / "nb")
]
MAX_SECONDS = 60


def read(folder: Path, lang: str, name: Path):
    return nbformat.read(folder / lang / name, as_version=4)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: str(f.relative_to(ROOT)))
def test_there_are_notebooks_in_both_languages(folder):
    assert notebooks(folder / "nb")
    assert notebooks(folder / "en") == notebooks(folder / "nb")


@pytest.mark.parametrize(("folder", "name"), NOTEBOOKS)
def test_languages_are_in_parity(folder, name):
    nb, en = read(folder, "nb", name), read(folder, "en", name)
    assert [c.cell_type for c in nb.cells] == [c.cell_type for c in en.cells]
    for a, b in zip(nb.cells, en.cells, strict=True):
        if a.cell_type == "code":
            assert a.source.replace('"nb"', '"en"') == b.source, a.source


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("folder", "name"), NOTEBOOKS)
def test_committed_without_outputs(folder, lang, name):
    for cell in read(folder, lang, name).cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("folder", "name"), NOTEBOOKS)
def test_runs_top_to_bottom(folder, lang, name, tmp_path):
    notebook = read(folder, lang, name)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    errors = [
        out
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert not errors
    # every cell that ends by drawing a figure shows it as a picture
    for cell in notebook.cells:
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        last = cell.source.strip().splitlines()[-1]
        if last.startswith("figures.") and last.rstrip().endswith(")"):
            shown = any("image/png" in out.get("data", {}) for out in cell.outputs)
            assert shown, f"the figure in this cell did not render: {last}"
    assert elapsed < MAX_SECONDS, f"{folder / lang / name} took {elapsed:.0f} s"
