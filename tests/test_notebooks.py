"""The course notebooks and the facilitator's: committed without outputs, the same in nb and en, and
they run.

Every notebook runs top to bottom on a fresh kernel, as a participant would run it.
"""

from __future__ import annotations

import ast
import time
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager
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
    assert not undisplayed_figures(notebook)
    assert elapsed < MAX_SECONDS, f"{folder / lang / name} took {elapsed:.0f} s"


# --- figures a cell draws must show as pictures ----------------------------------------------


def _is_figure_call(node: ast.AST) -> bool:
    """A call of a function whose name ends in ``_figure`` (``figures.x_figure(...)``,
    ``concepts.ladder_figure(...)``, ``improvement.run_chart_figure(...)``)."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name.endswith("_figure")


def figures_drawn(source: str) -> int:
    """How many pictures a cell must show at least: one for each ``display(...)`` of a figure
    outside an ``if``, and one when the cell ends with a figure (a call, or a name bound to one
    in the cell)."""
    tree = ast.parse(TransformerManager().transform_cell(source))
    figure_names = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _is_figure_call(node.value)
        for target in node.targets
        if isinstance(target, ast.Name)
    }

    def is_figure(node: ast.AST) -> bool:
        return _is_figure_call(node) or (isinstance(node, ast.Name) and node.id in figure_names)

    def unconditional(node: ast.AST):
        """Every node below ``node`` except those under an ``if``: a figure a participant
        asks for (``if MY_FILE:``) is not drawn when the notebook runs as it is."""
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If):
                continue
            yield child
            yield from unconditional(child)

    shown = sum(
        1
        for node in unconditional(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "display"
        and any(is_figure(arg) for arg in node.args)
    )
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and is_figure(last.value):
        shown += 1
    return shown


def undisplayed_figures(notebook) -> list[str]:
    """The code cells of an executed notebook that drew a figure but show fewer pictures than
    they draw, or show a figure as text (its repr) instead of as a picture."""
    problems = []
    for cell in notebook.cells:
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        pictures = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        as_text = [
            o
            for o in cell.outputs
            if "image/png" not in o.get("data", {})
            and "Figure" in str(o.get("data", {}).get("text/plain", ""))
        ]
        expected = figures_drawn(cell.source)
        if len(pictures) < expected or as_text:
            first = cell.source.strip().splitlines()[0]
            problems.append(f"{first[:60]!r}: {len(pictures)} of {expected} figure(s) shown")
    return problems


def _executed(source: str, outputs: list[dict]):
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return nbformat.v4.new_notebook(cells=[cell])


PNG = {"output_type": "execute_result", "execution_count": 1, "metadata": {}}
PICTURE = PNG | {"data": {"image/png": "iVBORw0K", "text/plain": "<SamlabFigure size 1200x500>"}}
AS_TEXT = PNG | {"data": {"text/plain": "<Figure size 1200x500 with 2 Axes>"}}


@pytest.mark.parametrize(
    "source",
    [
        "figures.timeseries_figure(result, lang=LANG)",
        "concepts.ladder_figure(lang=LANG)",
        "improvement.run_chart_figure(\n    weeks, baseline_points=8, lang=LANG\n)",
        "fig = figures.journey_pair_figure(a, b, 3, lang=LANG)\nfor ax in fig.axes:\n    pass\nfig",
        "for key in KEYS:\n    display(figures.journey_figure(result, key, lang=LANG))",
        "%matplotlib inline\nfigures.network_figure(result, lang=LANG)",
    ],
)
def test_a_figure_that_does_not_show_is_found(source):
    assert figures_drawn(source) == 1
    assert undisplayed_figures(_executed(source, []))
    assert undisplayed_figures(_executed(source, [AS_TEXT]))
    assert not undisplayed_figures(_executed(source, [PICTURE]))


def test_cells_that_draw_no_figure_need_no_picture():
    for source in ("x = figures.find_child(result)", "fig = figures.timeseries_figure(r)\nx = 1"):
        assert figures_drawn(source) == 0
        assert not undisplayed_figures(_executed(source, []))


def test_a_figure_drawn_only_when_a_participant_gives_a_file_is_not_required():
    source = (
        'MY_FILE = ""\nif MY_FILE:\n    mine = network_map.read_network(MY_FILE)\n'
        "    display(figures.network_map_figure(mine, lang=LANG))"
    )
    assert figures_drawn(source) == 0
    assert not undisplayed_figures(_executed(source, []))
    # the same display outside the if is required
    assert figures_drawn("display(figures.network_map_figure(mine, lang=LANG))") == 1
