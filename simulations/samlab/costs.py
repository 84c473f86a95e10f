"""What a configuration of levers costs: staff hours and Norwegian kroner (NOK).

The budget is known before a run: it is what the municipality pays for, whether the hours
become help, meetings or waiting-list work. What the hours *become* is an outcome of the
run (``direct_help_hours``, ``coordination_hours``).
"""

from __future__ import annotations

from typing import Any

from .assumptions import DEFAULT_ASSUMPTIONS, Assumptions
from .mechanisms import Mechanisms
from .services import SERVICES


def budget(
    levers: dict[str, Any],
    children: int,
    weeks: int,
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
) -> dict[str, float]:
    """Staff hours and cost of a configuration over a run.

    Args:
        levers: a full, validated set of levers.
        children: number of children with needs in the model.
        weeks: length of the run in weeks.
        assumptions: the costs per hour and of co-location, and the rules' coefficients.

    Returns:
        ``service_hours_per_week`` (capacity of the services), ``collaboration_hours_per_week``
        (system-level collaboration taken from that capacity), ``nao_hours_per_week`` (extra
        staff of a network administrative organisation), ``co_location_nok_per_week``, and
        ``cost_nok`` for the whole run.
    """
    mech = Mechanisms.from_levers(levers, assumptions)
    scale = children / 100.0
    service_hours = sum(s.capacity_per_100 for s in SERVICES) * scale * levers["capacity"]
    collaboration = mech.collaboration_overhead_per_100() * scale
    nao = mech.nao_staff_per_100() * scale
    co_location = (
        assumptions.co_location_nok_per_week_per_100 * scale if levers["co_location"] else 0.0
    )
    cost = ((service_hours + nao) * assumptions.hourly_cost_nok + co_location) * weeks
    return {
        "service_hours_per_week": service_hours,
        "collaboration_hours_per_week": collaboration,
        "nao_hours_per_week": nao,
        "co_location_nok_per_week": co_location,
        "cost_nok": cost,
    }
