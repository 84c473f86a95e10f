"""Pictures of the simulation: each function returns a matplotlib Figure.

Figures take results or tables from the ``samlab`` API and never run widgets, so the same
pictures appear in a dashboard, in a notebook run headless, and in a test. Every figure
has its labels in the chosen language (``lang="nb"`` or ``"en"``), a colour-blind safe
palette (Okabe & Ito), fonts large enough for a projector, and a footnote saying it is a
thinking tool, not a forecast.
"""

from .base import FONT, PALETTE, SamlabFigure, footnote, new_figure, style_axes
from .journeys import find_child, journey_figure, journey_intervals, journey_pair_figure
from .network import network_figure, network_graph, network_map_figure
from .outcomes import (
    TimeseriesChart,
    comparison_figure,
    coordination_cost_figure,
    difference_figure,
    heatmap_figure,
    timeseries_figure,
)

__all__ = [
    "FONT",
    "PALETTE",
    "SamlabFigure",
    "TimeseriesChart",
    "comparison_figure",
    "coordination_cost_figure",
    "difference_figure",
    "find_child",
    "footnote",
    "heatmap_figure",
    "journey_figure",
    "journey_intervals",
    "journey_pair_figure",
    "network_figure",
    "network_graph",
    "network_map_figure",
    "new_figure",
    "style_axes",
    "timeseries_figure",
]
