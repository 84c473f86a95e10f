"""The service network of a run, week by week, and a network mapped from a CSV."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.ticker
import networkx as nx
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..errors import SamlabValueError
from ..labels import (
    OKABE_ITO,
    check_lang,
    number,
    service_label,
    text,
)
from ..results import SimulationResult
from ..services import SERVICES, SERVICES_BY_KEY
from ..translation import DEFAULT_LANG
from .base import FONT, footnote, new_figure

# --- the service network ------------------------------------------------------------------


def _label_node(ax, xy, label: str, size: float) -> None:
    """A node's name just below its circle (``size`` in points², as networkx draws it)."""
    ax.annotate(
        label,
        xy,
        xytext=(0, -(np.sqrt(size) / 2 + 3)),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=11,
        zorder=5,
        bbox={
            "boxstyle": "round,pad=0.15",
            "facecolor": "white",
            "alpha": 0.8,
            "edgecolor": "none",
        },
    )


#: Positions: children's services on the left, young adults' on the right, universal
#: services on top, specialised below, the glippsone at the bottom.
_POSITIONS = {
    "kindergarten": (0.0, 3.0),
    "school": (1.0, 3.0),
    "health_station": (2.0, 3.4),
    "upper_secondary": (3.0, 3.0),
    "ppt": (0.4, 1.8),
    "bup": (1.4, 1.6),
    "child_health": (0.0, 0.8),
    "barnevern": (2.2, 1.8),
    "barnevern_aftercare": (3.3, 1.5),
    "nav": (4.1, 2.4),
    "adult_health": (4.1, 1.0),
    "glippsone": (2.0, -0.2),
}
_SOURCES_OUTSIDE = {"coordinator", "self"}


def network_graph(result: SimulationResult, week: int | None = None) -> nx.DiGraph:
    """The services as a directed graph up to ``week``: referrals, bounces and losses.

    Node attribute ``caseload`` (open cases that week); edge attributes ``referrals``,
    ``bounced`` (returned by the receiving service) and ``lost`` (edges to ``glippsone``).
    """
    last = int(result.timeseries()["week"].max())
    week = last if week is None else week
    if not 0 <= week <= last:
        raise SamlabValueError(f"week must be from 0 to {last}, got {week!r}")
    graph = nx.DiGraph()
    load = result.service_load()
    load = load[load["week"] == week].set_index("service")
    for spec in SERVICES:
        graph.add_node(
            spec.key, caseload=int(load["caseload"].get(spec.key, 0)), universal=spec.universal
        )
    graph.add_node("glippsone", caseload=0, universal=False)
    refs = result.referrals()
    refs = refs[refs["week"] <= week]
    for row in refs.itertuples(index=False):
        source = row.source if row.source in SERVICES_BY_KEY else None
        if source is None or source == row.target:
            continue
        if not graph.has_edge(source, row.target):
            graph.add_edge(source, row.target, referrals=0, bounced=0, lost=0)
        edge = graph.edges[source, row.target]
        edge["referrals"] += 1
        if row.outcome == "bounced" and row.closed_week is not None and row.closed_week <= week:
            edge["bounced"] += 1
    # Children lost at an age limit, or whose follow-up was lost, flow into the glippsone.
    events = result.journeys()
    lost = events[
        (events["week"] <= week)
        & (
            (events["event"] == "lost_at_transition")
            | ((events["event"] == "case_closed") & (events["detail"] == "follow_up_lost"))
        )
    ]
    for service in lost["service"]:
        if not graph.has_edge(service, "glippsone"):
            graph.add_edge(service, "glippsone", referrals=0, bounced=0, lost=0)
        graph.edges[service, "glippsone"]["lost"] += 1
    graph.graph["week"] = week
    return graph


def network_figure(
    result: SimulationResult, week: int | None = None, lang: str = DEFAULT_LANG
) -> Figure:
    """The municipality's services as a network, so the glippsoner stand out.

    Circle size is the caseload that week. Blue arrows are referrals (width by number),
    orange dashed arrows the share of them that bounced, vermillion arrows children lost at
    age limits or when follow-up was lost, drawn into the glippsone.
    """
    check_lang(lang)
    graph = network_graph(result, week)
    with mpl.rc_context(FONT):
        fig = new_figure(12, 7.2)
        ax = fig.subplots()
        pos = _POSITIONS
        nodes = list(graph.nodes)
        lost_total = sum(d["lost"] for _, _, d in graph.edges(data=True))
        sizes = [
            300 + 18 * lost_total
            if n == "glippsone"
            else min(4000, 250 + 30 * graph.nodes[n]["caseload"])
            for n in nodes
        ]
        colours = [
            OKABE_ITO["vermillion"]
            if n == "glippsone"
            else (OKABE_ITO["sky_blue"] if graph.nodes[n]["universal"] else OKABE_ITO["blue"])
            for n in nodes
        ]
        nx.draw_networkx_nodes(
            graph, pos, nodelist=nodes, node_size=sizes, node_color=colours, alpha=0.85, ax=ax
        )

        def draw(edgelist, widths, colour, **style):
            if edgelist:
                nx.draw_networkx_edges(
                    graph,
                    pos,
                    edgelist=edgelist,
                    width=widths,
                    edge_color=colour,
                    arrows=True,
                    ax=ax,
                    node_size=sizes,
                    nodelist=nodes,
                    **style,
                )

        edges = [(u, v, d) for u, v, d in graph.edges(data=True) if v != "glippsone"]
        top = max([d["referrals"] for _, _, d in edges] or [1])
        # Only the larger flows, so the picture stays readable.
        shown = [(u, v) for u, v, d in edges if d["referrals"] >= max(3, 0.06 * top)]
        draw(
            shown,
            [0.6 + 7 * graph.edges[e]["referrals"] / top for e in shown],
            OKABE_ITO["blue"],
            alpha=0.4,
            arrowsize=14,
            connectionstyle="arc3,rad=0.1",
        )
        bounced = [(u, v) for u, v, d in edges if d["bounced"] >= max(3, 0.06 * top)]
        draw(
            [(v, u) for u, v in bounced],
            [0.8 + 7 * graph.edges[e]["bounced"] / top for e in bounced],
            OKABE_ITO["orange"],
            style="dashed",
            alpha=0.9,
            arrowsize=14,
            connectionstyle="arc3,rad=0.1",
        )
        lost = [(u, v) for u, v, d in graph.edges(data=True) if d["lost"] > 0]
        top_lost = max([graph.edges[e]["lost"] for e in lost] or [1])
        draw(
            lost,
            [1 + 6 * graph.edges[e]["lost"] / top_lost for e in lost],
            OKABE_ITO["vermillion"],
            alpha=0.75,
            arrowsize=16,
        )
        for node, size in zip(nodes, sizes, strict=True):
            label = (
                text("glippsone", lang)
                if node == "glippsone"
                else (f"{service_label(node, lang, short=True)}\n({graph.nodes[node]['caseload']})")
            )
            _label_node(ax, pos[node], label, size)
        ax.legend(
            handles=[
                Line2D(
                    [],
                    [],
                    color=OKABE_ITO["blue"],
                    linewidth=3,
                    alpha=0.6,
                    label=text("referrals", lang),
                ),
                Line2D(
                    [],
                    [],
                    color=OKABE_ITO["orange"],
                    linewidth=3,
                    linestyle="--",
                    label=text("bounced", lang),
                ),
                Line2D(
                    [], [], color=OKABE_ITO["vermillion"], linewidth=3, label=text("lost", lang)
                ),
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    color=OKABE_ITO["blue"],
                    markersize=10,
                    label=text("caseload", lang),
                ),
            ],
            loc="upper right",
            frameon=False,
        )
        ax.set_title(text("network_title", lang, week=graph.graph["week"]))
        ax.set_xlim(-0.6, 4.8)
        ax.set_ylim(-0.9, 3.9)
        ax.axis("off")
        footnote(fig, text("not_a_forecast", lang, seed=result.seed))
    return fig


# --- a mapped network (from a CSV) --------------------------------------------------------


def network_map_figure(graph: nx.DiGraph, lang: str = DEFAULT_LANG) -> Figure:
    """A mapped network: circle size by brokerage, arrow width by referrals, arrow colour by
    trust; single points of failure ringed, and the best new tie dashed.

    ``graph`` is what :func:`samlab.network_map.read_network` returns.
    """
    check_lang(lang)
    from .. import network_map

    table = network_map.service_table(graph).set_index("service")
    weak = network_map.single_points_of_failure(graph)
    try:
        new_tie = network_map.best_new_tie(graph)
    except SamlabValueError:
        new_tie = None
    # Kamada-Kawai spaces the services evenly (it needs scipy, which Mesa brings).
    pos = nx.kamada_kawai_layout(graph.to_undirected())
    nodes = sorted(graph.nodes)
    sizes = [500 + 5000 * table.loc[n, "betweenness"] for n in nodes]
    with mpl.rc_context(FONT):
        fig = new_figure(11, 7.5)
        ax = fig.subplots()
        edges = list(graph.edges)
        top = max([graph.edges[e]["referrals"] for e in edges] or [1]) or 1
        trust = [graph.edges[e].get("trust", np.nan) for e in edges]
        cmap = mpl.colormaps["cividis"]
        colours = [cmap((t - 1) / 3) if t == t else OKABE_ITO["grey"] for t in trust]
        nx.draw_networkx_edges(
            graph,
            pos,
            edgelist=edges,
            ax=ax,
            node_size=sizes,
            nodelist=nodes,
            width=[0.8 + 6 * graph.edges[e]["referrals"] / top for e in edges],
            edge_color=colours,
            arrows=True,
            arrowsize=14,
            connectionstyle="arc3,rad=0.08",
        )
        nx.draw_networkx_nodes(
            graph,
            pos,
            nodelist=nodes,
            node_size=sizes,
            node_color=OKABE_ITO["sky_blue"],
            edgecolors=[OKABE_ITO["vermillion"] if n in weak else "white" for n in nodes],
            linewidths=[4 if n in weak else 1 for n in nodes],
            ax=ax,
        )
        if new_tie:
            (x0, y0), (x1, y1) = pos[new_tie[0]], pos[new_tie[1]]
            ax.plot([x0, x1], [y0, y1], linestyle="--", color=OKABE_ITO["green"], linewidth=3)
        for node, size in zip(nodes, sizes, strict=True):
            _label_node(ax, pos[node], node, size)
        scalar = mpl.cm.ScalarMappable(cmap=cmap, norm=mpl.colors.Normalize(1, 4))
        fig.colorbar(scalar, ax=ax, label=text("map_trust", lang), shrink=0.6)
        fig.legend(
            handles=[
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=12,
                    color=OKABE_ITO["sky_blue"],
                    label=text("map_legend_size", lang),
                ),
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=12,
                    markerfacecolor="white",
                    markeredgecolor=OKABE_ITO["vermillion"],
                    markeredgewidth=3,
                    label=text("map_legend_weak", lang),
                ),
                Line2D(
                    [],
                    [],
                    linestyle="--",
                    color=OKABE_ITO["green"],
                    linewidth=3,
                    label=text("map_legend_tie", lang),
                ),
            ],
            loc="outside lower center",
            ncols=3,
            frameon=False,
        )
        ax.set_title(
            text(
                "map_title",
                lang,
                density=number(network_map.density(graph), lang, 2),
                broker=network_map.broker(graph),
            )
        )
        ax.axis("off")
    return fig
