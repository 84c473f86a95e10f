"""Shared fixtures, and the test layout: which tests are slow or need system programs.

Small runs are cached per session so tests stay fast.

Markers (registered in pyproject.toml; tests/README.md says what each file checks):

``system``
    needs programs outside Python (Chromium, bubblewrap, configurable-http-proxy, git) or
    starts servers (JupyterLab, JupyterHub).
``slow``
    takes more than a few seconds: runs notebooks on a kernel, the nbgrader command line,
    or many seeds at the classroom size.

``make test-fast`` runs the rest (``-m "not slow and not system"``). The markers are given
here, by file and test name, so a test's place in the layout is read in one table;
tests/test_layout.py checks that every name in the table is a test that exists.

Timeouts (pytest-timeout): the global one in pyproject.toml is 600 s; a unit test gets 300 s;
tests whose fixtures run a whole cohort or generate every exercise get 3600 s, the longest
their own subprocess limits allow.
"""

from __future__ import annotations

import functools

import pytest

import samlab

#: Every test in the file (``ALL``) or the named test functions.
ALL = "*"
SYSTEM: dict[str, str | frozenset[str]] = {
    "test_browser.py": ALL,
    "test_cohort.py": ALL,
    "test_hub.py": ALL,
    "test_game_browser.py": ALL,
    "test_answer_grading.py": ALL,
    "test_hosting.py": frozenset(
        {
            "test_origin_url",
            "test_repo2docker_builds_conda_python312_and_runs_postbuild",
            "test_a_server_with_the_postbuild_config_opens_the_course",
        }
    ),
}
SLOW: dict[str, str | frozenset[str]] = {
    "test_browser.py": ALL,
    "test_cohort.py": ALL,
    "test_hub.py": ALL,
    "test_game_browser.py": ALL,
    "test_game_service.py": ALL,
    "test_answer_grading.py": ALL,
    "test_patterns.py": ALL,
    "test_notebooks.py": frozenset({"test_runs_top_to_bottom"}),
    "test_exercises.py": frozenset(
        {
            "test_master_passes_nbgrader_validate",
            "test_blank_version_passes_no_test",
            "test_blank_version_has_the_data_files",
            "test_committed_exercises_are_up_to_date",
            "test_no_solution_reaches_the_students",
            "test_master_runs_top_to_bottom",
        }
    ),
    "test_hosting.py": frozenset(
        {
            "test_repo2docker_builds_conda_python312_and_runs_postbuild",
            "test_a_server_with_the_postbuild_config_opens_the_course",
        }
    ),
}
#: Seconds. Files whose fixtures run a whole cohort or generate every exercise.
LONG_TIMEOUT = 3600
LONG: frozenset[str] = frozenset(
    {"test_cohort.py", "test_hub.py", "test_exercises.py", "test_answer_grading.py"}
)
UNIT_TIMEOUT = 300


def _listed(table: dict[str, str | frozenset[str]], file: str, function: str) -> bool:
    names = table.get(file)
    return names == ALL or (isinstance(names, frozenset) and function in names)


def pytest_collection_modifyitems(config, items):
    for item in items:
        file = item.path.name
        function = getattr(item, "originalname", item.name)
        slow, system = _listed(SLOW, file, function), _listed(SYSTEM, file, function)
        if system:
            item.add_marker(pytest.mark.system)
        if slow:
            item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("timeout") is None:
            if file in LONG and (slow or system):
                item.add_marker(pytest.mark.timeout(LONG_TIMEOUT))
            elif not (slow or system):
                item.add_marker(pytest.mark.timeout(UNIT_TIMEOUT))


@functools.cache
def cached_run(scenario: str = "silo", seed: int = 1, **levers):
    return samlab.simulate(scenario, seed=seed, **levers)


@pytest.fixture(scope="session")
def silo_run():
    return cached_run("silo", 1)
