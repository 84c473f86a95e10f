"""The bokmål style sheet (course/stilark.md) holds: no avoided form appears in the nb texts.

The texts are the nb course notebooks, the nb facilitator guide, the nb exercise masters and the
exercises made from them, and the bokmål strings in samlab (every ``"nb": ...`` entry in its
label tables and catalogues, and its nb data files). A form is found as whole words, in upper or
lower case, across line breaks. The word *frø* (seed) may be used, but the first cell in a
notebook that uses it must explain it.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHEET = ROOT / "course" / "stilark.md"
PACKAGE = ROOT / "simulations" / "samlab"

SEED = re.compile(r"(?<!\w)frø\w*", re.IGNORECASE)
#: A cell explains *frø* if it says it is the seed or the random draws.
SEED_EXPLAINED = re.compile(r"seed|tilfeldig", re.IGNORECASE)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _sheet() -> list[dict[str, object]]:
    """One entry per row of the style sheet: the term to use and the forms to avoid."""
    lines = SHEET.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("|") and "Unngå" in line)
    names = _cells(lines[header])
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        row = dict(zip(names, _cells(line), strict=True))
        avoid = [form.strip() for form in row["Unngå"].split(",") if form.strip() not in ("", "–")]
        rows.append({"use": row["Bruk"], "avoid": avoid})
    return rows


def _pattern(form: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in form.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _notebook_texts(path: Path) -> list[tuple[str, str]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        (f"cell {i} ({cell.get('id', '')})", "".join(cell["source"]))
        for i, cell in enumerate(cells)
    ]


def _string(node: ast.AST) -> str | None:
    """The text of a string literal, an f-string (placeholders as {}) or a sum of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string(node.left), _string(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _package_texts(path: Path) -> list[tuple[str, str]]:
    """The bokmål strings of one samlab module: the values of its ``"nb"`` keys."""
    texts = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "nb":
                    text = _string(value)
                    if text is not None:
                        texts.append((f"line {value.lineno}", text))
    return texts


def _files() -> list[Path]:
    notebooks = [
        *sorted((ROOT / "course" / "nb").glob("*.ipynb")),
        *sorted((ROOT / "course" / "facilitator" / "nb").glob("*.ipynb")),
        *sorted((ROOT / "solutions" / "nb").rglob("*.ipynb")),
        *sorted((ROOT / "exercises" / "nb").rglob("*.ipynb")),
    ]
    other = [
        *sorted((ROOT / "course" / "facilitator" / "nb").glob("*.md")),
        *sorted((ROOT / "solutions" / "nb").rglob("*.csv")),
        *sorted((ROOT / "exercises" / "nb").rglob("*.csv")),
        *sorted((PACKAGE / "data").glob("*_nb.csv")),
        *sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts),
    ]
    return [p for p in notebooks + other if ".ipynb_checkpoints" not in p.parts]


def _texts(path: Path) -> list[tuple[str, str]]:
    if path.suffix == ".ipynb":
        return _notebook_texts(path)
    if path.suffix == ".py":
        return _package_texts(path)
    if path.suffix == ".md":
        paragraphs = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        return [(f"paragraph {i}", text) for i, text in enumerate(paragraphs)]
    return [("file", path.read_text(encoding="utf-8"))]


FILES = _files()


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _avoided(texts: list[tuple[str, str]]) -> list[str]:
    patterns = [(form, _pattern(form)) for row in _sheet() for form in row["avoid"]]
    found = []
    for where, text in texts:
        for form, pattern in patterns:
            for match in pattern.finditer(text):
                found.append(f"{where}: «{match.group(0)}» (avoid «{form}»)")
    return found


def test_the_style_sheet_has_the_terms_of_the_course():
    rows = _sheet()
    uses = " ".join(str(row["use"]) for row in rows)
    for term in (
        "virkemiddel",
        "kontrollpanel",
        "kjøring",
        "påta seg rollen",
        "mellomhet",
        "sårbart punkt",
        "samordningstrappen",
        "erfaringskompetanse",
        "samarbeidsgevinst",
        "Helsetjenester for voksne/DPS",
    ):
        assert term in uses, term
    assert all(row["avoid"] for row in rows), "every row names at least one form to avoid"
    for row in rows:
        for form in row["avoid"]:
            assert not _pattern(form).search(str(row["use"])), (form, row["use"])


def test_the_texts_are_found():
    names = {_id(p) for p in FILES}
    assert "course/nb/05_levers_for_leaders.ipynb" in names
    assert "course/facilitator/nb/README.md" in names
    assert "exercises/nb/ex5_simulation_experiment/ex5_simulation_experiment.ipynb" in names
    assert "simulations/samlab/labels.py" in names
    labels = dict(_package_texts(PACKAGE / "labels.py"))
    assert any("Helsetjenester for voksne/DPS" in text for text in labels.values())


def test_the_check_finds_an_avoided_form():
    """The check is not empty: it finds avoided forms across case and line breaks."""
    found = _avoided([("a", "Trekk i en Spak."), ("b", "ingen tar\nrollen"), ("c", "spakfri")])
    assert [f.split(":")[0] for f in found] == ["a", "b"]
    assert not _avoided([("d", "Vi endrer ett virkemiddel om gangen, over fem kjøringer.")])


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_no_avoided_form(path):
    found = _avoided(_texts(path))
    assert not found, f"{_id(path)} uses forms the style sheet avoids:\n" + "\n".join(found)


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".ipynb"], ids=_id)
def test_frø_is_explained_where_a_notebook_first_uses_it(path):
    first = next(
        ((where, text) for where, text in _notebook_texts(path) if SEED.search(text)), None
    )
    if first is not None:
        where, text = first
        assert SEED_EXPLAINED.search(text), (
            f"{_id(path)}, {where}: the first cell that says «frø» does not explain it "
            "(the seed: the number behind the random draws)"
        )
