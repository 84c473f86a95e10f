"""Draw the example figures shown in simulations/README.md (run from the repository root).

    .venv/bin/python simulations/docs/make_figures.py

Every picture comes from running the model with the seed named here.
"""

from __future__ import annotations

from pathlib import Path

import samlab
from samlab import figures

HERE = Path(__file__).resolve().parent
SEED = 1


def save(fig, name: str) -> None:
    fig.savefig(HERE / name, dpi=70)
    print(f"wrote {name}")


def main() -> None:
    silo = samlab.simulate("silo", seed=SEED)
    bti = samlab.simulate("bti_anchored", seed=SEED)
    save(figures.timeseries_figure(silo, lang="en"), "timeseries_en.png")
    save(figures.network_figure(silo, lang="nb"), "network_nb.png")
    # a child lost between services in the silos but not with BTI anchored in leadership
    lost = silo.children().set_index("child_id")["ever_lost"]
    kept = bti.children().set_index("child_id")["ever_lost"]
    child = int(lost[lost & ~kept].index[0])
    save(figures.journey_pair_figure(silo, bti, child, lang="en"), "journey_pair_en.png")
    table = samlab.compare(
        [
            "silo",
            "co_location",
            "coordinator_no_mandate",
            "bti_anchored",
            "duty_2022",
            "everything",
        ],
        seeds=10,
        measures=[
            "weeks_to_right_help_median",
            "lost_between_services",
            "handoffs_per_child",
            "duplicate_assessments",
            "coordination_hours",
            "direct_help_hours",
        ],
    )
    save(figures.comparison_figure(table, lang="en"), "scenarios_en.png")
    grid = samlab.lever_grid(
        "coordinator_coverage",
        [0.0, 0.25, 0.5, 0.75, 1.0],
        "knowledge_of_others",
        [0.2, 0.4, 0.6, 0.8],
        seeds=4,
        leadership_anchoring=0.6,
    )
    save(figures.heatmap_figure(grid, "weeks_to_right_help_mean", lang="en"), "heatmap_en.png")
    curve = samlab.coordination_curve(
        [0.0, 0.25, 0.5, 1.0, 2.0, 3.0, 4.0],
        seeds=6,
        coordinator_coverage=0.9,
        leadership_anchoring=0.8,
    )
    save(figures.coordination_cost_figure(curve, lang="en"), "coordination_cost_en.png")


if __name__ == "__main__":
    main()
