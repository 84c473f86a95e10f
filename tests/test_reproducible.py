"""The same seed gives the same numbers on every supported Python and Mesa version.

``tests/data/reference_runs.json`` holds the summaries of a few runs. They were produced
by the model itself (``python tests/test_reproducible.py --write``) and must be written
again, in a commit of their own, whenever a change to the model is meant to change its
numbers. `make test PYTHON=python3.12` runs this file on Mesa 3.5 against the same data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import samlab

DATA = Path(__file__).with_name("data") / "reference_runs.json"
RUNS = [
    {"scenario": "silo", "seed": 7, "children": 300, "weeks": 104},
    {"scenario": "everything", "seed": 8, "children": 300, "weeks": 104},
    {"scenario": "bti_anchored", "seed": 9, "children": 300, "weeks": 104, "staff_turnover": 0.4},
]


def summaries() -> list[dict]:
    out = []
    for run in RUNS:
        run = dict(run)
        result = samlab.simulate(run.pop("scenario"), record_journeys=False, **run)
        out.append(result.summary())
    return out


@pytest.mark.parametrize("index", range(len(RUNS)))
def test_reference_runs_are_reproduced_exactly(index):
    expected = json.loads(DATA.read_text())["runs"][index]
    assert expected["config"] == RUNS[index]
    assert summaries()[index] == expected["summary"]


if __name__ == "__main__":
    if "--write" in sys.argv:
        payload = {
            "note": "Summaries of reference runs; regenerate with --write when the model changes.",
            "runs": [{"config": c, "summary": s} for c, s in zip(RUNS, summaries(), strict=True)],
        }
        DATA.parent.mkdir(exist_ok=True)
        DATA.write_text(json.dumps(payload, indent=1) + "\n")
        print(f"wrote {DATA}")
