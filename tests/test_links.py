"""Every relative link in the course, the READMEs and the exercises points to a file that
exists, so a participant who clicks one in JupyterLab never meets a missing page."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _documents():
    yield from ROOT.glob("*.md")
    for folder in ("course", "simulations", "solutions", "exercises", "deploy"):
        yield from (ROOT / folder).rglob("*.md")
        yield from (ROOT / folder).rglob("*.ipynb")


def _markdown(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


DOCUMENTS = sorted(
    p for p in set(_documents()) if ".ipynb_checkpoints" not in p.parts and ".venv" not in str(p)
)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(document):
    broken = []
    for target in LINK.findall(_markdown(document)):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue  # web addresses, mail and anchors in the same page
        path = target.split("#", 1)[0]
        if path and not (document.parent / path).exists():
            broken.append(target)
    assert not broken, f"{document.relative_to(ROOT)} links to missing files: {broken}"


def test_the_course_links_to_the_model_description_and_exercises():
    text = "\n".join(_markdown(p) for p in (ROOT / "course").rglob("*.ipynb"))
    assert "](../../simulations/ODD.md)" in text
    for exercise in ("ex1_concepts", "ex2_governance_mode", "ex3_network_mapping"):
        for lang in ("nb", "en"):
            assert f"](../../exercises/{lang}/{exercise}/{exercise}.ipynb)" in text
