"""Samhandlingslab: simulations of services for vulnerable children and youth.

The public API the course, the exercises and the tests use::

    import samlab
    result = samlab.simulate(scenario="silo", seed=1)
    result.summary()          # the outcome measures
    result.timeseries()       # one row per week
    result.journeys()         # one row per event in each child's journey
    samlab.compare(["silo", "bti_anchored"], seeds=10)
    samlab.scenarios(), samlab.levers()

The model is a thinking tool, not a forecast: see ``simulations/ODD.md``.
"""

from __future__ import annotations

from typing import Any

from .costs import budget
from .errors import SamlabValueError
from .experiments import (
    compare,
    coordination_curve,
    lever_grid,
    replicate,
    resolve,
    runs,
    simulate,
    sweep,
)
from .lever_catalogue import LEVERS, lever_defaults
from .personas import PERSONAS, get_persona
from .results import MEASURES, SimulationResult
from .scenario_catalogue import SCENARIOS, get_scenario
from .services import DOMAINS, SERVICES

__version__ = "0.1.0"

__all__ = [
    "DOMAINS",
    "MEASURES",
    "PERSONAS",
    "SERVICES",
    "SamlabValueError",
    "SimulationResult",
    "budget",
    "compare",
    "coordination_curve",
    "get_persona",
    "get_scenario",
    "lever_defaults",
    "lever_grid",
    "levers",
    "personas",
    "replicate",
    "resolve",
    "runs",
    "scenarios",
    "simulate",
    "sweep",
]


def scenarios() -> list[dict[str, Any]]:
    """Every named scenario: id, title and description (nb, en), source, lever changes."""
    return [s.describe() for s in SCENARIOS]


def levers() -> list[dict[str, Any]]:
    """Every lever: name, type, default, allowed range or choices, labels, source."""
    return [lever.describe() for lever in LEVERS]


def personas() -> list[dict[str, Any]]:
    """The children of Fjordvik: name, age, needs and story (nb, en)."""
    return [p.describe() for p in PERSONAS]
