"""The `samlab` command, run as a participant or instructor would run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import samlab


def samlab_command() -> list[str]:
    script = Path(sys.executable).with_name("samlab")
    if script.exists():
        return [str(script)]
    found = shutil.which("samlab")
    assert found, "the samlab command is not installed (pip install -e .)"
    return [found]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*samlab_command(), *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_simulate_json_matches_the_python_api():
    proc = run(
        "simulate",
        "--scenario", "duty_2022",
        "--seed", "5",
        "--children", "150",
        "--weeks", "52",
        "--set", "meeting_hours=1.5",
        "--set", "co_location=yes",
        "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    printed = json.loads(proc.stdout)
    expected = samlab.simulate(
        "duty_2022", seed=5, children=150, weeks=52, meeting_hours=1.5, co_location=True
    ).summary()
    assert printed == expected


def test_simulate_table_output_is_readable():
    proc = run("simulate", "--children", "100", "--weeks", "30")
    assert proc.returncode == 0, proc.stderr
    assert "not a forecast" in proc.stdout
    assert "weeks_to_right_help_median" in proc.stdout


def test_scenarios_and_levers_json():
    scenarios = json.loads(run("scenarios", "--json").stdout)
    assert [s["id"] for s in scenarios] == [s["id"] for s in samlab.scenarios()]
    levers = json.loads(run("levers", "--json").stdout)
    by_name = {lever["name"]: lever for lever in levers}
    assert by_name["capacity"]["minimum"] == 0.5
    assert by_name["capacity"]["maximum"] == 2.0
    assert by_name["capacity"]["default"] == 1.0
    assert "nb" in by_name["governance"]["label"]
    text = run("levers", "--lang", "nb").stdout
    assert "Kjennskap til hverandres mandat" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["simulate", "--scenario", "nope"], ["unknown scenario", "'nope'", "silo"]),
        (["simulate", "--set", "foo=1"], ["unknown lever", "'foo'"]),
        (["simulate", "--set", "capacity=5"], ["capacity", "0.5 to 2"]),
        (["simulate", "--set", "capacity"], ["LEVER=VALUE"]),
        (["simulate", "--set", "governance=chaos"], ["governance", "'nao'"]),
        (["simulate", "--children", "-3"], ["children", "-3"]),
        (["simulate", "--weeks", "ten"], ["--weeks", "whole number", "'ten'"]),
        (["simulate", "--seed", "1.5"], ["--seed", "whole number"]),
        (["simulate", "--bogus"], ["unrecognized arguments"]),
        (["dance"], ["invalid choice"]),
        ([], ["required"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, words):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("samlab: error:")
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in proc.stderr
