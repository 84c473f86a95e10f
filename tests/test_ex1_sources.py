"""Exercise 1 names the coordination ladder's source as it is today: Difi was closed in 2020
and its work is done by DFØ (Direktoratet for forvaltning og økonomistyring)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("folder", ["solutions", "exercises"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_difi_is_now_dfo(folder, lang):
    path = ROOT / folder / lang / "ex1_concepts" / "ex1_concepts.ipynb"
    text = " ".join(" ".join(c.source for c in nbformat.read(path, as_version=4).cells).split())
    assert "Difi" in text  # the ladder is still Difi's work
    assert {"nb": "lagt ned i 2020", "en": "closed in 2020"}[lang] in text
    assert "DFØ (Direktoratet for forvaltning og økonomistyring" in text or (
        "DFØ" in text and "(Direktoratet for forvaltning og økonomistyring)" in text
    )
