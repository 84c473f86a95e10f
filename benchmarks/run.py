"""Performance benchmarks for the samlab model (run on demand: ``make benchmark``).

Measures, on this machine, in one run:

1. the classroom scenario (600 children, 156 weeks): must feel live behind a slider (< 1 s);
2. a large municipality (7,000 children, 260 weeks): < 60 s and < 1 GB peak memory;
3. 5 configurations x 20 seeds of the classroom scenario on all cores: < 30 s;
4. the cost per child-week against Mesa's own BoltzmannWealth example per agent-step,
   measured in the same process, as a ratio (aim: no more than 3x).

Timings follow Mesa's own benchmarks: warm-up runs first, garbage collection off while
timing, and the median of several repeats. Results are printed as a Markdown table and
written to ``benchmarks/results/latest.json``; ``--update-readme`` puts the table in the
README between its benchmark markers.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import mesa

import samlab

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGETS = {
    "classroom_seconds": 1.0,
    "dashboard_redraw_seconds": 1.2,
    "large_seconds": 60.0,
    "large_peak_mb": 1024.0,
    "batch_seconds": 30.0,
    "ratio_to_boltzmann": 3.0,
}
BATCH_CONFIGS = {
    "silo": {"scenario": "silo"},
    "co_location": {"scenario": "co_location"},
    "coordinator_no_mandate": {"scenario": "coordinator_no_mandate"},
    "bti_anchored": {"scenario": "bti_anchored"},
    "everything": {"scenario": "everything"},
}


def timed(fn, repeats: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return times


def classroom(repeats: int) -> dict:
    child_weeks = int(samlab.simulate("silo", seed=1).timeseries()["children_with_needs"].sum())
    times = timed(lambda: samlab.simulate("silo", seed=1), repeats)
    median = statistics.median(times)
    return {
        "classroom_seconds": median,
        "classroom_child_weeks": child_weeks,
        "seconds_per_child_week": median / child_weeks,
    }


def dashboard(repeats: int) -> dict:
    """Moving one lever in the dashboard: re-run the classroom scenario and redraw."""
    from samlab.widgets import Dashboard

    board = Dashboard("silo", lang="nb")
    slider = board.controls["coordinator_coverage"]
    values = iter([0.2, 0.3] * (repeats + 2))

    def move():
        slider.value = next(values)

    times = timed(move, repeats)
    return {"dashboard_redraw_seconds": statistics.median(times)}


def boltzmann(repeats: int, agents: int = 100, steps: int = 1000) -> dict:
    from mesa.examples import BoltzmannWealth

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the example's own seed= keyword
            model = BoltzmannWealth(n=agents, width=10, height=10, seed=42)
        for _ in range(steps):
            model.step()

    times = timed(run, repeats)
    median = statistics.median(times)
    return {
        "boltzmann_agent_steps": agents * steps,
        "boltzmann_seconds": median,
        "seconds_per_agent_step": median / (agents * steps),
    }


_LARGE = """
import json, resource, time, samlab
start = time.perf_counter()
result = samlab.simulate("silo", seed=1, children=7000, weeks=260)
elapsed = time.perf_counter() - start
events = len(result.journeys())
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"large_seconds": elapsed, "large_peak_mb": peak, "large_events": events}))
"""


def large() -> dict:
    """In a fresh process, so its peak memory is the model's alone (journeys included)."""
    out = subprocess.run([sys.executable, "-c", _LARGE], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def batch() -> dict:
    processes = os.cpu_count() or 1
    start = time.perf_counter()
    table = samlab.runs(BATCH_CONFIGS, seeds=20, processes=processes)
    elapsed = time.perf_counter() - start
    assert len(table) == 100
    return {"batch_seconds": elapsed, "batch_runs": len(table), "batch_processes": processes}


def table(results: dict) -> str:
    rows = [
        ("Classroom run (600 children, 156 weeks)", f"{results['classroom_seconds']:.2f} s",
         "< 1 s"),
        ("Dashboard: move a lever, re-run and redraw",
         f"{results['dashboard_redraw_seconds']:.2f} s", "about 1 s"),
        ("Large municipality (7,000 children, 260 weeks)", f"{results['large_seconds']:.1f} s",
         "< 60 s"),
        ("Large municipality, peak memory", f"{results['large_peak_mb']:.0f} MB", "< 1,024 MB"),
        (f"5 configurations × 20 seeds, {results['batch_processes']} processes",
         f"{results['batch_seconds']:.1f} s", "< 30 s"),
        ("Cost per child-week", f"{results['seconds_per_child_week'] * 1e6:.1f} µs", ""),
        ("Mesa BoltzmannWealth, cost per agent-step",
         f"{results['seconds_per_agent_step'] * 1e6:.1f} µs", ""),
        ("Ratio child-week / agent-step", f"{results['ratio_to_boltzmann']:.2f}×", "≤ 3×"),
    ]  # fmt: skip
    lines = ["| measurement | result | target |", "|---|---:|---:|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines.append("")
    lines.append(
        f"Measured {results['date']} with Python {results['python']}, Mesa {results['mesa']}, "
        f"on {results['cpus']} cores ({results['machine']})."
    )
    return "\n".join(lines)


def update_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text()
    pattern = re.compile(r"(<!-- benchmark:start -->\n).*?(\n<!-- benchmark:end -->)", re.S)
    if not pattern.search(content):
        raise SystemExit("README.md has no benchmark markers")
    readme.write_text(pattern.sub(lambda m: m.group(1) + text + m.group(2), content))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args()

    results: dict = {
        "date": time.strftime("%Y-%m-%d"),
        "python": platform.python_version(),
        "mesa": mesa.__version__,
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }
    results.update(classroom(args.repeats))
    results.update(dashboard(args.repeats))
    results.update(boltzmann(args.repeats))
    results["ratio_to_boltzmann"] = (
        results["seconds_per_child_week"] / results["seconds_per_agent_step"]
    )
    results.update(large())
    results.update(batch())
    met = {key: results[key] <= limit for key, limit in TARGETS.items()}
    results["targets_met"] = met

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    text = table(results)
    print(text)
    for key, ok in met.items():
        print(f"{'ok  ' if ok else 'MISS'} {key} = {results[key]:.3g} (target {TARGETS[key]})")
    if args.update_readme:
        update_readme(text)
    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
