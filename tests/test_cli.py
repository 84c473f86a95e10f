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


def _query(link: str) -> dict[str, str]:
    from urllib.parse import parse_qs, urlsplit

    parsed = parse_qs(urlsplit(link).query, strict_parsing=True)
    assert all(len(v) == 1 for v in parsed.values()), parsed
    return {k: v[0] for k, v in parsed.items()}


def test_link_prints_the_nbgitpuller_link():
    proc = run(
        "link",
        "--hub", "https://kurs.example.no/",
        "--repo", "https://github.com/example/samlab.git",
        "--branch", "vaar-2027",
        "--lang", "en",
        "--target", "exercises",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    link = proc.stdout.strip()
    assert link.startswith("https://kurs.example.no/hub/user-redirect/git-pull?")
    assert _query(link) == {
        "repo": "https://github.com/example/samlab.git",
        "branch": "vaar-2027",
        "targetpath": "samlab",
        "urlpath": "lab/tree/samlab/exercises/en/",
    }
    from samlab import hosting

    assert link == hosting.nbgitpuller_link(
        "https://kurs.example.no/",
        "https://github.com/example/samlab.git",
        branch="vaar-2027",
        lang="en",
        target="exercises",
    )


def test_link_defaults_to_the_course_in_bokmal_on_main():
    proc = run("link", "--hub", "http://localhost:8000", "--repo", "https://example.org/o/kurs")
    assert proc.returncode == 0, proc.stderr
    query = _query(proc.stdout.strip())
    assert query["branch"] == "main"
    assert query["urlpath"] == "lab/tree/kurs/course/nb/00_start_here.ipynb"


def test_link_without_repo_uses_origin_or_says_to_pass_repo():
    from samlab import hosting

    proc = run("link", "--hub", "https://kurs.example.no")
    try:
        origin = hosting.origin_url()
    except ValueError:
        origin = None
    if origin is None:  # a clone without an http(s) origin
        assert proc.returncode == 2
        assert proc.stderr.startswith("samlab: error:") and "--repo" in proc.stderr
    else:
        assert proc.returncode == 0, proc.stderr
        assert _query(proc.stdout.strip())["repo"] == origin


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["link"], ["--hub", "required"]),
        (["link", "--hub", "kurs.example.no"], ["hub URL", "'kurs.example.no'", "https://"]),
        (["link", "--hub", "https://h.no", "--lang", "de"], ["lang", "'de'", "nb, en"]),
        (
            ["link", "--hub", "https://h.no", "--target", "all"],
            ["target", "'all'", "course, exercises, facilitator"],
        ),
        (["link", "--hub", "https://h.no", "--branch", "a b"], ["branch", "'a b'", "spaces"]),
        (
            ["link", "--hub", "https://h.no", "--repo", "git@github.com:o/samlab.git"],
            ["repository URL", "git@github.com:o/samlab.git", "https://"],
        ),
    ],
)
def test_link_bad_input_is_one_line_and_exit_2(args, words):
    test_bad_input_is_one_line_and_exit_2(args, words)
