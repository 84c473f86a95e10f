"""The code's layout: the marker table in conftest names tests that exist, every module of
samlab is in simulations/README.md with its job, and the figures package keeps its public
names and its helpers public."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import conftest
import pytest

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
SAMLAB = ROOT / "simulations" / "samlab"


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    }


@pytest.mark.parametrize("table", ["SLOW", "SYSTEM"])
def test_the_marker_table_names_tests_that_exist(table):
    for file, names in getattr(conftest, table).items():
        path = TESTS / file
        assert path.is_file(), f"{table} names {file}, which is not in tests/"
        if names != conftest.ALL:
            missing = set(names) - functions_in(path)
            assert not missing, f"{table} names tests that are not in {file}: {sorted(missing)}"


def test_the_long_timeout_files_exist_and_are_slow():
    for file in conftest.LONG:
        assert (TESTS / file).is_file(), file
        assert file in conftest.SLOW, f"{file} has the long timeout but is not marked slow"


def test_the_tests_readme_lists_every_test_file():
    readme = (TESTS / "README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in TESTS.glob("test_*.py"))
    missing = [name for name in files if f"`{name}`" not in readme]
    assert not missing, f"tests/README.md does not say what these check: {missing}"


def test_pyproject_registers_the_markers_and_a_timeout():
    import tomllib

    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    registered = {m.split(":")[0] for m in options["markers"]}
    assert {"slow", "system"} <= registered
    assert int(options["timeout"]) >= 600
    assert '-m "not slow and not system"' in (ROOT / "Makefile").read_text()


def samlab_modules() -> list[str]:
    """Every module of samlab, as a path from the package folder (``figures/base.py``)."""
    return sorted(
        str(p.relative_to(SAMLAB))
        for p in SAMLAB.rglob("*.py")
        if "__pycache__" not in p.parts and p.name != "__init__.py"
    )


def test_the_simulations_readme_gives_every_module_its_job():
    readme = (ROOT / "simulations" / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([\w/.]+)` \| (.+?) \|$", readme, flags=re.MULTILINE))
    missing = [m for m in samlab_modules() if m not in rows]
    assert not missing, f"simulations/README.md has no row for {missing}"
    assert all(job.strip() for job in rows.values())
    gone = [m for m in rows if m.endswith(".py") and not (SAMLAB / m).is_file()]
    assert not gone, f"simulations/README.md lists modules that do not exist: {gone}"


#: Every name of samlab.figures the course, the exercises, the docs and the tests use.
FIGURE_NAMES = (
    "SamlabFigure",
    "FONT",
    "PALETTE",
    "comparison_figure",
    "coordination_cost_figure",
    "difference_figure",
    "find_child",
    "heatmap_figure",
    "journey_figure",
    "journey_intervals",
    "journey_pair_figure",
    "network_figure",
    "network_graph",
    "network_map_figure",
    "timeseries_figure",
    "new_figure",
    "footnote",
    "style_axes",
)


def test_the_figures_package_keeps_its_names():
    from samlab import figures

    missing = [name for name in FIGURE_NAMES if not hasattr(figures, name)]
    assert not missing, missing
    assert set(FIGURE_NAMES) <= set(figures.__all__)


def test_no_module_imports_a_private_name_from_another_samlab_module():
    offences = []
    for path in sorted(SAMLAB.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or "samlab" in (node.module or "")):
                private = [a.name for a in node.names if a.name.startswith("_")]
                if private:
                    where = path.relative_to(SAMLAB)
                    offences.append(f"{where}: from {'.' * node.level}{node.module} {private}")
    assert not offences, offences


def test_no_module_checks_its_catalogue_with_a_bare_assert_at_import():
    """``python -O`` drops asserts; a catalogue check at import raises a real error instead."""
    found = set()
    for path in sorted(SAMLAB.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if not isinstance(n, ast.FunctionDef | ast.ClassDef)]
        if any(isinstance(n, ast.Assert) for node in top for n in ast.walk(node)):
            found.add(str(path.relative_to(SAMLAB)))
    assert not found, sorted(found)
