"""The project files agree: pyproject.toml, environment.yml, constraints, README, licences."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def environment_requirements() -> tuple[dict[str, Requirement], list[str]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = [], []
    for item in env["dependencies"]:
        if isinstance(item, dict):
            pip.extend(item["pip"])
        else:
            conda.append(item)
    reqs = {}
    for line in pip:
        if line.startswith("-e"):
            continue
        req = Requirement(line)
        reqs[req.name.lower()] = req
    return reqs, conda


#: Test tools environment.yml installs too: pyproject.toml's per-test timeout needs pytest-timeout
#: wherever pytest runs.
TEST_TOOLS_IN_ENVIRONMENT = {"pytest", "pytest-timeout"}


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = pyproject()["project"]
    declared = {Requirement(d).name.lower(): Requirement(d) for d in project["dependencies"]}
    tests = {
        Requirement(d).name.lower(): Requirement(d)
        for d in project["optional-dependencies"]["test"]
    }
    listed, _ = environment_requirements()
    runtime = set(listed) - TEST_TOOLS_IN_ENVIRONMENT
    assert runtime == set(declared), (
        f"only in pyproject: {set(declared) - runtime}; "
        f"only in environment.yml: {runtime - set(declared)}"
    )
    for name, req in declared.items():
        assert listed[name].specifier == req.specifier, name
    for name in TEST_TOOLS_IN_ENVIRONMENT:
        assert name in tests, f"{name} is not in pyproject's test extras"
        assert name in listed, f"{name} is in pyproject's test extras but not in environment.yml"
        assert listed[name].specifier == tests[name].specifier, (
            f"{name}: {listed[name].specifier} in environment.yml, "
            f"{tests[name].specifier} in pyproject's test extras"
        )


def test_the_per_test_timeout_has_its_plugin():
    options = pyproject()["tool"]["pytest"]["ini_options"]
    assert "timeout" in options
    tests = {
        Requirement(d).name.lower() for d in pyproject()["project"]["optional-dependencies"]["test"]
    }
    assert "pytest-timeout" in tests


def test_environment_yml_python_and_package_install():
    _, conda = environment_requirements()
    python = [c for c in conda if c.startswith("python")]
    assert python, "environment.yml must pin python"
    # repo2docker/Binder read the Python version only from an exact "python=3.X" pin.
    pinned = re.fullmatch(r"python=(3\.\d+)", python[0])
    assert pinned, f"environment.yml must pin python as python=3.X, not {python[0]!r}"
    requires = SpecifierSet(pyproject()["project"]["requires-python"])
    assert requires.contains(pinned.group(1) + ".0"), f"{python[0]} breaks {requires}"
    classifiers = pyproject()["project"]["classifiers"]
    assert f"Programming Language :: Python :: {pinned.group(1)}" in classifiers
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(item["pip"] for item in env["dependencies"] if isinstance(item, dict))
    assert "-e ." in pip, "environment.yml must install the samlab package itself"


def test_constraints_pin_every_dependency_on_every_python():
    lines = [
        line.strip()
        for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    pins = [Requirement(line) for line in lines]
    project = pyproject()["project"]
    needed = [Requirement(d) for d in project["dependencies"]]
    needed += [Requirement(d) for d in project["optional-dependencies"]["test"]]
    for python in ("3.11", "3.12", "3.13"):
        env = {"python_version": python}
        active = {p.name.lower(): p for p in pins if p.marker is None or p.marker.evaluate(env)}
        for req in needed:
            pin = active.get(req.name.lower())
            assert pin is not None, f"{req.name} not pinned for Python {python}"
            (version,) = [s.version for s in pin.specifier]
            assert req.specifier.contains(version), f"{req.name}=={version} breaks {req}"
    mesa = {p.marker and str(p.marker): str(p.specifier) for p in pins if p.name.lower() == "mesa"}
    assert any("3.3" in v for v in mesa.values()) and any("3.5" in v for v in mesa.values())


def test_makefile_has_the_two_commands_and_ci_calls_make_test():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab:", "test:", "install:"):
        assert re.search(rf"^{target}", makefile, re.M), target
    assert "-m venv" in makefile
    assert "constraints.txt" in makefile
    assert "ruff check" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^test-fast:", makefile, re.M), "test-fast"
    assert '-m "not slow and not system"' in makefile


def test_readme_starts_with_the_two_commands_and_names_the_licences():
    readme = (ROOT / "README.md").read_text()
    first = readme.find("make lab")
    assert 0 <= first < readme.find("make test") < 1500
    assert "BSD-3-Clause" in readme and "CC BY 4.0" in readme
    assert (ROOT / "LICENSE").read_text().startswith("BSD 3-Clause")
    assert "CC BY 4.0" in (ROOT / "LICENSE-content").read_text()
