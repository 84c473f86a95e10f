"""The course notebooks: committed without outputs, the same in nb and en, and they run.

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


NOTEBOOKS = notebooks(COURSE / "nb")
MAX_SECONDS = 60


def read(lang: str, name: Path):
    return nbformat.read(COURSE / lang / name, as_version=4)


def test_there_are_notebooks_in_both_languages():
    assert NOTEBOOKS
    assert notebooks(COURSE / "en") == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS, ids=str)
def test_languages_are_in_parity(name):
    nb, en = read("nb", name), read("en", name)
    assert [c.cell_type for c in nb.cells] == [c.cell_type for c in en.cells]
    for a, b in zip(nb.cells, en.cells, strict=True):
        if a.cell_type == "code":
            assert a.source.replace('"nb"', '"en"') == b.source, a.source


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NOTEBOOKS, ids=str)
def test_committed_without_outputs(lang, name):
    for cell in read(lang, name).cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NOTEBOOKS, ids=str)
def test_runs_top_to_bottom(lang, name, tmp_path):
    notebook = read(lang, name)
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
    assert elapsed < MAX_SECONDS, f"{lang}/{name} took {elapsed:.0f} s"
