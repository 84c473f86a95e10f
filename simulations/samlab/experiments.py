"""Running the model: one run, many seeds, several configurations.

``simulate`` runs once. ``replicate`` runs one configuration over many seeds and reports
each measure with a 95 % confidence interval. ``compare`` runs several configurations on
the *same* seeds and reports each against the first (the baseline), so the differences
are paired and the intervals are narrower than for two separate sets of runs.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import statistics
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pandas as pd

from .errors import SamlabValueError
from .lever_catalogue import validate_levers
from .model import MunicipalityModel
from .results import MEASURES, SimulationResult
from .scenario_catalogue import get_scenario

#: Limits on run size: large enough for any Norwegian municipality's children with
#: composite needs, small enough that a typo cannot exhaust a shared JupyterHub.
MAX_CHILDREN = 100_000
MAX_WEEKS = 52 * 30
CLASSROOM = {"children": 600, "weeks": 156}


def _check_int(name: str, value: Any, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise SamlabValueError(
                f"{name} must be a whole number from {minimum} to {maximum}, got {value!r}"
            )
    if not (minimum <= value <= maximum):
        raise SamlabValueError(
            f"{name} must be a whole number from {minimum} to {maximum}, got {value!r}"
        )
    return value


def resolve(scenario: str = "silo", **levers: Any) -> dict[str, Any]:
    """The full, validated set of levers for a scenario with some levers changed."""
    values = get_scenario(scenario).levers()
    values.update(validate_levers(levers))
    return values


def simulate(
    scenario: str = "silo",
    seed: int = 1,
    children: int = CLASSROOM["children"],
    weeks: int = CLASSROOM["weeks"],
    *,
    record_journeys: bool = True,
    personas: bool = False,
    **levers: Any,
) -> SimulationResult:
    """Run the model once.

    Args:
        scenario: a scenario id (see :func:`samlab.scenarios`); ``"silo"`` is the baseline.
        seed: seed for the random numbers; the same seed gives the same result.
        children: number of children and youth with needs over the period.
        weeks: weeks to simulate (one step is one week).
        record_journeys: keep every child's events (turn off for many runs).
        personas: add the children of Fjordvik (``samlab.personas``), to follow by name.
        **levers: levers to change from the scenario (see :func:`samlab.levers`).

    Returns:
        A :class:`SimulationResult` with ``summary()``, ``timeseries()``, ``journeys()``.

    Raises:
        SamlabValueError: for an unknown scenario or lever, or a value out of range.
    """
    values = resolve(scenario, **levers)
    seed = _check_int("seed", seed, 0, 2**63 - 1)
    children = _check_int("children", children, 1, MAX_CHILDREN)
    weeks = _check_int("weeks", weeks, 1, MAX_WEEKS)
    if not isinstance(personas, bool):
        raise SamlabValueError(f"personas must be true or false, got {personas!r}")
    model = MunicipalityModel(
        values,
        children=children,
        weeks=weeks,
        seed=seed,
        record_journeys=record_journeys,
        personas=personas,
    )
    model.run()
    return SimulationResult(model, scenario)


def _run_summary(job: tuple[str, dict[str, Any], int, int, int]) -> dict[str, Any]:
    scenario, levers, seed, children, weeks = job
    result = simulate(
        scenario, seed=seed, children=children, weeks=weeks, record_journeys=False, **levers
    )
    return result.summary()


def _seed_list(seeds: int | Iterable[int]) -> list[int]:
    if isinstance(seeds, int) and not isinstance(seeds, bool):
        count = _check_int("seeds", seeds, 1, 10_000)
        return list(range(1, count + 1))
    try:
        values = [_check_int("seed", s, 0, 2**63 - 1) for s in seeds]
    except TypeError:
        raise SamlabValueError(
            f"seeds must be a number of seeds or a list of seeds, got {seeds!r}"
        ) from None
    if not values:
        raise SamlabValueError("seeds must not be empty")
    return values


def _map(jobs: list, processes: int | None) -> list[dict[str, Any]]:
    if processes is None:
        processes = min(os.cpu_count() or 1, len(jobs)) if len(jobs) >= 4 else 1
    processes = _check_int("processes", processes, 1, 256)
    if processes == 1:
        return [_run_summary(job) for job in jobs]
    ctx = _process_context()
    with ProcessPoolExecutor(max_workers=processes, mp_context=ctx) as pool:
        return list(pool.map(_run_summary, jobs, chunksize=max(1, len(jobs) // (4 * processes))))


def _process_context():
    """Fork where it is safe (a single-threaded process), else a fork server, else spawn.

    Forking a process that runs threads (a Jupyter kernel, a test runner) can deadlock, so
    there a fork server, started once with ``samlab`` imported, makes the workers. A script
    that runs experiments in parallel should then guard its work with
    ``if __name__ == "__main__":``, as for any use of ``multiprocessing``.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _single_threaded():
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["samlab"])
        return ctx
    return multiprocessing.get_context("spawn")


def _single_threaded() -> bool:
    """True if this process has one operating-system thread (Linux), else False."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def runs(
    configurations: Mapping[str, Mapping[str, Any]],
    seeds: int | Iterable[int] = 10,
    children: int = CLASSROOM["children"],
    weeks: int = CLASSROOM["weeks"],
    processes: int | None = None,
) -> pd.DataFrame:
    """Run every configuration on every seed; one row per run (tidy, wide in measures).

    ``configurations`` maps a name to ``{"scenario": ..., **levers}``.
    """
    if not configurations:
        raise SamlabValueError("configurations must name at least one configuration")
    seed_values = _seed_list(seeds)
    children = _check_int("children", children, 1, MAX_CHILDREN)
    weeks = _check_int("weeks", weeks, 1, MAX_WEEKS)
    jobs, labels = [], []
    for name, config in configurations.items():
        if not isinstance(config, Mapping):
            raise SamlabValueError(
                f"configuration {name!r} must be a dict of a scenario and levers, got {config!r}"
            )
        config = dict(config)
        scenario = config.pop("scenario", "silo")
        resolve(scenario, **config)  # fail early, before any process starts
        for seed in seed_values:
            jobs.append((scenario, config, seed, children, weeks))
            labels.append((name, scenario, seed))
    summaries = _map(jobs, processes)
    rows = []
    for (name, scenario, seed), summary in zip(labels, summaries, strict=True):
        rows.append({"configuration": name, "scenario": scenario, "seed": seed, **summary})
    return pd.DataFrame(rows)


# 97.5 % quantiles of Student's t for 1..30 degrees of freedom (two-sided 95 % intervals).
_T975 = (
    12.706,
    4.303,
    3.182,
    2.776,
    2.571,
    2.447,
    2.365,
    2.306,
    2.262,
    2.228,
    2.201,
    2.179,
    2.160,
    2.145,
    2.131,
    2.120,
    2.110,
    2.101,
    2.093,
    2.086,
    2.080,
    2.074,
    2.069,
    2.064,
    2.060,
    2.056,
    2.052,
    2.048,
    2.045,
    2.042,
)


def t_critical(df: int) -> float:
    """Two-sided 95 % critical value of Student's t with ``df`` degrees of freedom."""
    if df < 1:
        return math.nan
    if df <= len(_T975):
        return _T975[df - 1]
    return 1.96 + 2.4 / df  # close to the exact value beyond 30 degrees of freedom


def mean_ci(values: list[float]) -> tuple[float, float, float, float]:
    """Mean, standard deviation and a 95 % t-interval for the mean."""
    values = [float(v) for v in values]
    n = len(values)
    mean = statistics.fmean(values)
    if n < 2:
        return mean, math.nan, math.nan, math.nan
    sd = statistics.stdev(values)
    half = t_critical(n - 1) * sd / math.sqrt(n)
    return mean, sd, mean - half, mean + half


def _measure_list(measures: Iterable[str] | None) -> list[str]:
    if measures is None:
        return list(MEASURES)
    names = list(measures)
    from .results import EXTRA_MEASURES

    known = set(MEASURES) | set(EXTRA_MEASURES)
    for name in names:
        if name not in known:
            raise SamlabValueError(
                f"unknown measure {name!r}; known measures: {', '.join(list(MEASURES))}"
            )
    return names


def replicate(
    scenario: str = "silo",
    seeds: int | Iterable[int] = 10,
    children: int = CLASSROOM["children"],
    weeks: int = CLASSROOM["weeks"],
    *,
    measures: Iterable[str] | None = None,
    processes: int | None = None,
    **levers: Any,
) -> pd.DataFrame:
    """Run one configuration over many seeds.

    Returns:
        A tidy DataFrame, one row per measure: ``measure``, ``mean``, ``sd``, ``ci_low``,
        ``ci_high`` (95 % interval for the mean over seeds) and ``n_seeds``.
    """
    names = _measure_list(measures)
    table = runs({scenario: {"scenario": scenario, **levers}}, seeds, children, weeks, processes)
    rows = []
    for name in names:
        mean, sd, low, high = mean_ci(table[name].tolist())
        rows.append(
            {
                "scenario": scenario,
                "measure": name,
                "mean": mean,
                "sd": sd,
                "ci_low": low,
                "ci_high": high,
                "n_seeds": len(table),
            }
        )
    return pd.DataFrame(rows)


def compare(
    configurations: Iterable[str] | Mapping[str, Mapping[str, Any]] = ("silo",),
    seeds: int | Iterable[int] = 10,
    children: int = CLASSROOM["children"],
    weeks: int = CLASSROOM["weeks"],
    *,
    measures: Iterable[str] | None = None,
    processes: int | None = None,
) -> pd.DataFrame:
    """Compare configurations on the same seeds, each against the first.

    Args:
        configurations: scenario ids (``["silo", "bti_anchored"]``) or a dict from a name to
            ``{"scenario": ..., **levers}``. The first is the baseline.

    Returns:
        A tidy DataFrame, one row per configuration and measure: ``mean``, ``ci_low``,
        ``ci_high``, and the paired difference from the baseline ``diff``, ``diff_ci_low``,
        ``diff_ci_high`` (95 % intervals over seeds).
    """
    if isinstance(configurations, str):
        configurations = [configurations]
    if not isinstance(configurations, Mapping):
        configurations = {str(key): {"scenario": key} for key in configurations}
    names = _measure_list(measures)
    table = runs(configurations, seeds, children, weeks, processes)
    baseline_name = next(iter(configurations))
    base = table[table["configuration"] == baseline_name].set_index("seed")
    rows = []
    for name in configurations:
        part = table[table["configuration"] == name].set_index("seed")
        for measure in names:
            mean, sd, low, high = mean_ci(part[measure].tolist())
            diffs = (part[measure] - base.loc[part.index, measure]).tolist()
            dmean, _, dlow, dhigh = mean_ci(diffs)
            rows.append(
                {
                    "configuration": name,
                    "scenario": part["scenario"].iloc[0],
                    "measure": measure,
                    "mean": mean,
                    "sd": sd,
                    "ci_low": low,
                    "ci_high": high,
                    "diff": dmean,
                    "diff_ci_low": dlow,
                    "diff_ci_high": dhigh,
                    "n_seeds": len(part),
                }
            )
    return pd.DataFrame(rows)


def group_configurations(
    groups: Mapping[str, Mapping[str, Any]], baseline: str = "silo"
) -> dict[str, dict[str, Any]]:
    """Turn each group's choices in a class experiment into configurations for ``compare``.

    Args:
        groups: a dict from a group's name to its choices, ``{lever: value}``. The choices
            change the baseline scenario, unless the group names a scenario of its own with
            ``"scenario"``, as in
            ``{"A": {"coordinator_coverage": 0.8}, "B": {"scenario": "duty_2022"}}``.
        baseline: the scenario every group is compared with; it comes first, under its own id.

    Returns:
        ``{baseline: {"scenario": baseline}, group: {"scenario": ..., **levers}, ...}``, ready
        for ``compare``, so every group runs on the same seeds and is measured against the
        baseline.

    Raises:
        SamlabValueError: naming the group, with samlab's message about the lever, value or
            scenario that is not allowed.
    """
    get_scenario(baseline)
    if not isinstance(groups, Mapping) or not groups:
        raise SamlabValueError(
            f"give each group's choices as a dict {{group: {{lever: value}}}}, got {groups!r}"
        )
    configurations: dict[str, dict[str, Any]] = {baseline: {"scenario": baseline}}
    for name, choices in groups.items():
        if str(name) == baseline:
            raise SamlabValueError(f"group {name!r} has the baseline's name; choose another name")
        if not isinstance(choices, Mapping):
            raise SamlabValueError(
                f"group {name!r}: the choices must be a dict {{lever: value}}, got {choices!r}"
            )
        config = {"scenario": baseline, **choices}
        levers = {key: value for key, value in config.items() if key != "scenario"}
        try:
            resolve(config["scenario"], **levers)
        except SamlabValueError as error:
            raise SamlabValueError(f"group {name!r}: {error}") from None
        configurations[str(name)] = config
    return configurations


def sweep(
    settings: Sequence[Mapping[str, Any]],
    scenario: str = "silo",
    seeds: int | Iterable[int] = 3,
    children: int = CLASSROOM["children"],
    weeks: int = CLASSROOM["weeks"],
    *,
    processes: int | None = None,
    **levers: Any,
) -> pd.DataFrame:
    """Run each setting (some levers' values) over several seeds: one row per run, with a
    column for each lever the settings change."""
    settings = [dict(setting) for setting in settings]
    if not settings:
        raise SamlabValueError("give at least one setting of the levers")
    configs = {
        ", ".join(f"{k}={v}" for k, v in setting.items()): {
            "scenario": scenario,
            **levers,
            **setting,
        }
        for setting in settings
    }
    table = runs(configs, seeds, children, weeks, processes)
    by_name = dict(zip(configs, settings, strict=True))
    for lever in settings[0]:
        table[lever] = [by_name[name][lever] for name in table["configuration"]]
    table.attrs.update(scenario=scenario, weeks=weeks)
    return table


def lever_grid(
    lever_x: str,
    values_x: Sequence[Any],
    lever_y: str,
    values_y: Sequence[Any],
    scenario: str = "silo",
    seeds: int | Iterable[int] = 3,
    children: int = CLASSROOM["children"],
    weeks: int = CLASSROOM["weeks"],
    *,
    processes: int | None = None,
    **levers: Any,
) -> pd.DataFrame:
    """Every combination of two levers, over several seeds: one row per run.

    The table's ``attrs`` name the two levers, for :func:`samlab.figures.heatmap_figure`.
    """
    if lever_x == lever_y:
        raise SamlabValueError(f"choose two different levers, got {lever_x!r} twice")
    for name, values in ((lever_x, values_x), (lever_y, values_y)):
        if len(list(values)) == 0:
            raise SamlabValueError(f"give at least one value for {name!r}")
    settings = [{lever_x: x, lever_y: y} for x in values_x for y in values_y]
    table = sweep(settings, scenario, seeds, children, weeks, processes=processes, **levers)
    table.attrs.update(lever_x=lever_x, lever_y=lever_y)
    return table


def coordination_curve(
    meeting_hours: Sequence[float] = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0),
    scenario: str = "bti_anchored",
    seeds: int | Iterable[int] = 3,
    children: int = CLASSROOM["children"],
    weeks: int = CLASSROOM["weeks"],
    *,
    processes: int | None = None,
    **levers: Any,
) -> pd.DataFrame:
    """Runs over a range of meeting time per coordinated child: one row per run.

    For :func:`samlab.figures.coordination_cost_figure`.
    """
    settings = [{"meeting_hours": float(m)} for m in meeting_hours]
    return sweep(settings, scenario, seeds, children, weeks, processes=processes, **levers)
