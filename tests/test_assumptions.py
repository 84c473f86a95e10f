"""Every coefficient lives in one ``Assumptions`` object, and the ODD states the same values."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

import samlab
from samlab.assumptions import DEFAULT_ASSUMPTIONS, Assumptions, describe
from samlab.errors import SamlabValueError
from samlab.model import MunicipalityModel
from samlab.results import SimulationResult

ROOT = Path(__file__).resolve().parents[1]
ODD = ROOT / "simulations" / "ODD.md"
PACKAGE = ROOT / "simulations" / "samlab"
ROW = re.compile(r"^\| `(?P<name>[a-z0-9_]+)` \| `(?P<value>[^`]+)` \| (?P<rest>.*) \|$")


def odd_rows() -> dict[str, tuple[object, list[str]]]:
    text = ODD.read_text(encoding="utf-8")
    block = text.split("<!-- assumptions:start -->")[1].split("<!-- assumptions:end -->")[0]
    rows = {}
    for line in block.strip().splitlines()[2:]:
        match = ROW.match(line)
        assert match, f"ODD §8c: a row that is not `field` | `value` | ...: {line!r}"
        name = match["name"]
        assert name not in rows, f"ODD §8c states {name} twice"
        rows[name] = (ast.literal_eval(match["value"]), match["rest"].split(" | "))
    return rows


def test_every_value_in_the_odd_equals_the_code():
    rows = odd_rows()
    fields = {f.name for f in dataclasses.fields(Assumptions)}
    assert set(rows) - fields == set(), "ODD §8c states assumptions the code does not have"
    assert fields - set(rows) == set(), "assumptions missing from ODD §8c"
    for name, (value, _) in rows.items():
        assert value == getattr(DEFAULT_ASSUMPTIONS, name), name


def test_the_odd_gives_each_assumption_its_unit_range_meaning_and_source():
    rows = odd_rows()
    for row in describe():
        unit, range_, meaning, source = rows[row["name"]][1]
        assert (unit, range_, meaning, source) == (
            row["unit"],
            row["range"],
            row["meaning"],
            row["source"],
        ), row["name"]
        assert all(row[k].strip() for k in ("unit", "range", "meaning", "source")), row["name"]


ALLOWED_LITERALS = {0, 1, 2}  # 0.0 and 1.0 compare equal to 0 and 1


@pytest.mark.parametrize("module", ["mechanisms.py", "agents.py", "referrals.py"])
def test_no_coefficient_is_written_inline_in_the_rules(module):
    path = PACKAGE / module
    if not path.exists():
        pytest.skip(f"{module} not present")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inline = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for sub in ast.walk(node):
                if (
                    isinstance(sub, ast.Constant)
                    and type(sub.value) in (int, float)
                    and sub.value not in ALLOWED_LITERALS
                ):
                    inline.append((node.name, sub.lineno, sub.value))
    assert inline == [], f"numbers inline in {module} (move them to Assumptions): {inline}"


def test_a_run_reads_its_assumptions():
    levers = samlab.resolve("silo")

    def summary(assumptions):
        model = MunicipalityModel(levers, 200, 60, 3, assumptions=assumptions)
        while model.running:
            model.step()
        return SimulationResult(model, None).summary()

    same = summary(DEFAULT_ASSUMPTIONS.replace())
    assert same == summary(DEFAULT_ASSUMPTIONS)
    slower = summary(DEFAULT_ASSUMPTIONS.replace(gp_delay_weeks=12, notice_base=0.05))
    assert slower != same


def test_an_unknown_assumption_is_refused_naming_the_known():
    with pytest.raises(SamlabValueError, match="gp_delay_weeks"):
        DEFAULT_ASSUMPTIONS.replace(gp_delay_week=4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_ASSUMPTIONS.gp_delay_weeks = 4  # type: ignore[misc]
