"""Pictures of the simulation: each function returns a matplotlib Figure.

Figures take results or tables from the ``samlab`` API and never run widgets, so the same
pictures appear in a dashboard, in a notebook run headless, and in a test. Every figure
has its labels in the chosen language (``lang="nb"`` or ``"en"``), a colour-blind safe
palette (Okabe & Ito), fonts large enough for a projector, and a footnote saying it is a
thinking tool, not a forecast.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib as mpl
import matplotlib.ticker
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .errors import SamlabValueError
from .labels import (
    CHOICE_LABELS,
    OKABE_ITO,
    check_lang,
    choice_label,
    domain_label,
    event_label,
    lever_label,
    measure_label,
    number,
    scenario_label,
    service_label,
    text,
)
from .personas import get_persona
from .results import MEASURES, SimulationResult
from .services import SERVICES, SERVICES_BY_KEY

PALETTE = [
    OKABE_ITO[name]
    for name in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "yellow", "black")
]
FONT = {"font.size": 12, "axes.titlesize": 14, "axes.labelsize": 12, "legend.fontsize": 11}


class SamlabFigure(Figure):
    """A matplotlib Figure that shows itself as a picture in Jupyter.

    The figures are made without pyplot, so nothing is left open in a kernel that redraws
    often, and they display whether or not a matplotlib backend is active.
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=90)
        return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    return SamlabFigure(figsize=(width, height), layout="constrained")


def _footnote(fig: Figure, note: str) -> None:
    """The honesty note, in a strip of its own below the axes."""
    strip = 0.28 / fig.get_figheight()  # about a line of small text
    fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))
    fig.text(0.01, 0.01, note, fontsize=9, color="#444444", ha="left", va="bottom")


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)


# --- one run over time -------------------------------------------------------------------


def timeseries_figure(result: SimulationResult, lang: str = "en") -> Figure:
    """Two panels: where the children are each week, and what staff time goes to."""
    check_lang(lang)
    ts = result.timeseries()
    with mpl.rc_context(FONT):
        fig = _figure(12, 4.6)
        left, right = fig.subplots(1, 2)
        series = (
            ("in_services", "in_services", OKABE_ITO["blue"], "-"),
            ("with_right_help", "with_right_help", OKABE_ITO["green"], "-"),
            ("waiting_list", "waiting_list", OKABE_ITO["orange"], "--"),
            ("lost_between_services", "lost_now", OKABE_ITO["vermillion"], "-"),
        )
        for column, key, colour, style in series:
            left.plot(
                ts["week"],
                ts[column],
                color=colour,
                linestyle=style,
                linewidth=2.2,
                label=text(key, lang),
            )
        left.set_title(text("children_over_time", lang))
        left.set_xlabel(text("week", lang))
        left.set_ylabel(text("children", lang))
        left.legend(loc="upper left", frameon=False)
        _style(left)

        right.stackplot(
            ts["week"],
            ts["direct_help_hours"],
            ts["coordination_hours"],
            colors=[OKABE_ITO["sky_blue"], OKABE_ITO["purple"]],
            labels=[text("direct_help_hours", lang), text("coordination_hours", lang)],
            alpha=0.9,
        )
        right.set_title(text("staff_time", lang))
        right.set_xlabel(text("week", lang))
        right.set_ylabel(text("hours_per_week", lang))
        right.legend(loc="upper left", frameon=False)
        _style(right)
        if result.scenario:
            fig.suptitle(scenario_label(result.scenario, lang), fontsize=15)
        _footnote(fig, text("not_a_forecast", lang, seed=result.seed))
    return fig


# --- many seeds, several configurations --------------------------------------------------


def _config_label(name: str, lang: str) -> str:
    """A scenario's title, a governance mode's name, or the configuration's own name."""
    if name in CHOICE_LABELS:
        return choice_label(name, lang)
    return scenario_label(name, lang)


def comparison_figure(
    table: pd.DataFrame, measures: Sequence[str] | None = None, lang: str = "en"
) -> Figure:
    """Bars with 95 % intervals: one panel per measure, one bar per configuration.

    ``table`` is what :func:`samlab.compare` returns.
    """
    check_lang(lang)
    names = list(dict.fromkeys(table["configuration"]))
    measures = list(measures) if measures else list(dict.fromkeys(table["measure"]))
    if not measures:
        raise SamlabValueError("the comparison table has no measures to draw")
    cols = min(3, len(measures))
    rows = int(np.ceil(len(measures) / cols))
    with mpl.rc_context(FONT):
        fig = _figure(4.2 * cols, 3.4 * rows + 0.6)
        axes = np.atleast_1d(fig.subplots(rows, cols)).ravel()
        for ax, measure in zip(axes, measures, strict=False):
            part = table[table["measure"] == measure].set_index("configuration").loc[names]
            means = part["mean"].to_numpy(dtype=float)
            low = means - part["ci_low"].to_numpy(dtype=float)
            high = part["ci_high"].to_numpy(dtype=float) - means
            x = np.arange(len(names))
            ax.bar(x, means, color=[PALETTE[i % len(PALETTE)] for i in x], width=0.7)
            ax.errorbar(
                x,
                means,
                yerr=np.nan_to_num([low, high]),
                fmt="none",
                ecolor="black",
                capsize=4,
                linewidth=1.4,
            )
            ax.set_xticks(x, [_config_label(n, lang) for n in names], rotation=30, ha="right")
            ax.set_title(measure_label(measure, lang), fontsize=12)
            if means.size and np.nanmax(np.abs(means)) >= 1e6:
                ax.yaxis.set_major_formatter(
                    mpl.ticker.FuncFormatter(lambda v, _pos: f"{v / 1e6:g}")
                )
                title = text("cost_millions", lang) if measure == "cost_nok" else None
                ax.set_title(title or measure_label(measure, lang) + " (mill.)", fontsize=12)
            _style(ax)
        for ax in axes[len(measures) :]:
            ax.set_visible(False)
        n = int(table["n_seeds"].iloc[0])
        fig.suptitle(text("scenario_comparison", lang), fontsize=15)
        _footnote(fig, text("not_a_forecast_seeds", lang, n=n))
    return fig


def difference_figure(
    table: pd.DataFrame,
    configuration: str,
    measures: Sequence[str] | None = None,
    lang: str = "en",
) -> Figure:
    """How one configuration differs from the baseline, in % of the baseline, with 95 %
    intervals; green where it is better, vermillion where worse."""
    check_lang(lang)
    names = list(dict.fromkeys(table["configuration"]))
    if configuration not in names:
        raise SamlabValueError(
            f"configuration {configuration!r} is not in the table; it has {names}"
        )
    base_name = names[0]
    measures = (
        list(measures)
        if measures
        else [
            m for m in dict.fromkeys(table["measure"]) if MEASURES.get(m, {}).get("better", 0) != 0
        ]
    )
    part = table[table["configuration"] == configuration].set_index("measure").loc[measures]
    base = table[table["configuration"] == base_name].set_index("measure").loc[measures]
    scale = base["mean"].abs().replace(0, np.nan)
    pct = 100 * part["diff"] / scale
    low = 100 * part["diff_ci_low"] / scale
    high = 100 * part["diff_ci_high"] / scale
    direction = np.array([MEASURES.get(m, {}).get("better", 0) for m in measures])
    better = np.sign(pct.to_numpy()) == np.sign(direction)
    # Only where the whole interval lies on one side of zero is the difference clear.
    clear = ((low > 0) | (high < 0)).to_numpy()
    colours = [
        (OKABE_ITO["green"] if b else OKABE_ITO["vermillion"]) if c else OKABE_ITO["grey"]
        for b, c in zip(better, clear, strict=True)
    ]
    with mpl.rc_context(FONT):
        fig = _figure(9, 0.55 * len(measures) + 1.8)
        ax = fig.subplots()
        y = np.arange(len(measures))[::-1]
        ax.barh(y, pct.fillna(0), color=colours, height=0.6)
        ax.errorbar(
            pct.fillna(0),
            y,
            xerr=np.nan_to_num([pct - low, high - pct]),
            fmt="none",
            ecolor="black",
            capsize=3,
        )
        ax.axvline(0, color="black", linewidth=1)
        ax.set_yticks(y, [measure_label(m, lang) for m in measures])
        ax.set_xlabel(text("difference_from", lang, base=_config_label(base_name, lang)) + " (%)")
        ax.set_title(
            f"{_config_label(configuration, lang)} – "
            + text("difference_from", lang, base=_config_label(base_name, lang)).lower()
        )
        ax.legend(
            handles=[
                Patch(color=OKABE_ITO["green"], label=text("better", lang)),
                Patch(color=OKABE_ITO["vermillion"], label=text("worse", lang)),
                Patch(color=OKABE_ITO["grey"], label=text("uncertain", lang)),
            ],
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),  # beside the bars, never over them
            frameon=False,
        )
        ax.spines[["top", "right"]].set_visible(False)
        _footnote(fig, text("not_a_forecast_seeds", lang, n=int(part["n_seeds"].iloc[0])))
    return fig


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


def network_figure(result: SimulationResult, week: int | None = None, lang: str = "en") -> Figure:
    """The municipality's services as a network, so the glippsoner stand out.

    Circle size is the caseload that week. Blue arrows are referrals (width by number),
    orange dashed arrows the share of them that bounced, vermillion arrows children lost at
    age limits or when follow-up was lost, drawn into the glippsone.
    """
    check_lang(lang)
    graph = network_graph(result, week)
    with mpl.rc_context(FONT):
        fig = _figure(12, 7.2)
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
        _footnote(fig, text("not_a_forecast", lang, seed=result.seed))
    return fig


# --- one child's journey ------------------------------------------------------------------

_MARKERS = {
    "concern_noticed": ("o", OKABE_ITO["sky_blue"]),
    "referred": (">", OKABE_ITO["blue"]),
    "advised_gp": ("<", OKABE_ITO["blue"]),
    "reported": ("^", OKABE_ITO["blue"]),
    "report_dismissed": ("x", OKABE_ITO["grey"]),
    "bounced": ("X", OKABE_ITO["orange"]),
    "rejected_below_threshold": ("x", OKABE_ITO["orange"]),
    "duplicate_assessment": ("D", OKABE_ITO["purple"]),
    "continuity_break": ("|", OKABE_ITO["black"]),
    "lost_at_transition": ("v", OKABE_ITO["vermillion"]),
    "lost_between_services": ("v", OKABE_ITO["vermillion"]),
    "gave_up_after_bounce": ("s", OKABE_ITO["vermillion"]),
    "gave_up_waiting": ("s", OKABE_ITO["vermillion"]),
    "right_help": ("*", OKABE_ITO["green"]),
    "coordinator_assigned": ("P", OKABE_ITO["green"]),
    "coordinator_untaken": ("P", OKABE_ITO["grey"]),
}


def find_child(result: SimulationResult, kind: str = "lost") -> int:
    """A child worth looking at: ``"lost"`` (lost between services, longest first),
    ``"transition"`` (lost at an age limit), ``"bounced"`` (most bounced referrals) or
    ``"helped"`` (reached the right help quickly)."""
    children = result.children()
    if kind == "lost":
        pick = children[children["ever_lost"]].sort_values(
            ["lost_weeks", "child_id"], ascending=[False, True]
        )
    elif kind == "transition":
        pick = children[children["lost_at_transition"]].sort_values("child_id")
    elif kind == "bounced":
        pick = children[children["bounces"] > 0].sort_values(
            ["bounces", "child_id"], ascending=[False, True]
        )
    elif kind == "helped":
        pick = children[children["right_help_week"].notna()].sort_values(
            ["weeks_to_right_help", "child_id"]
        )
    else:
        raise SamlabValueError(
            f"kind must be 'lost', 'transition', 'bounced' or 'helped', got {kind!r}"
        )
    if pick.empty:
        raise SamlabValueError(f"no child of kind {kind!r} in this run")
    return int(pick["child_id"].iloc[0])


def journey_intervals(result: SimulationResult, child_id: int) -> pd.DataFrame:
    """Waiting and help intervals of one child: service, kind (waiting/helped), start, end."""
    end_week = int(result.timeseries()["week"].max()) + 1
    rows = []
    refs = result.referrals()
    for row in refs[refs["child_id"] == child_id].itertuples(index=False):
        stop = end_week if pd.isna(row.closed_week) else int(row.closed_week)
        rows.append((row.target, "waiting", min(int(row.arrived_week), stop), stop))
    events = result.journey(child_id)
    open_cases: dict[str, int] = {}
    for row in events.itertuples(index=False):
        if row.event == "help_started" and row.service not in open_cases:
            open_cases[row.service] = row.week
        elif row.event == "case_closed" and row.service in open_cases:
            rows.append((row.service, "helped", open_cases.pop(row.service), row.week))
    last = int(events["week"].max()) + 1
    for service, start in open_cases.items():
        rows.append((service, "helped", start, min(last, end_week)))
    return pd.DataFrame(rows, columns=["service", "kind", "start", "end"])


def _journey_title(result: SimulationResult, child_id: int, lang: str) -> str:
    """ "Journey of child 123", or of the Fjordvik persona's name, and the scenario."""
    children = result.children().set_index("child_id")
    persona = children["persona"].get(child_id) if len(children) else None
    if isinstance(persona, str) and persona:  # other children have no persona (None/NaN)
        title = text("journey_title_named", lang, name=get_persona(persona).name)
    else:
        title = text("journey_title", lang, child=child_id)
    if result.scenario:
        title += f" – {scenario_label(result.scenario, lang)}"
    return title


def _lever_setting(name: str, result: SimulationResult, lang: str) -> str:
    """``Brukermedvirkning: 0,9`` – one lever's value in a run, for a title."""
    value = result.levers[name]
    if isinstance(value, bool):
        shown = {True: {"nb": "ja", "en": "yes"}, False: {"nb": "nei", "en": "no"}}[value][lang]
    elif isinstance(value, str):
        shown = choice_label(value, lang)
    else:
        shown = number(value, lang, 2)
    return f"{lever_label(name, lang)}: {shown}"


def _draw_journey(ax, result: SimulationResult, child_id: int, lang: str, title: str) -> None:
    events = result.journey(child_id)
    spans = journey_intervals(result, child_id)
    services = list(
        dict.fromkeys(
            [s for s in spans["service"]] + [s for s in events["service"] if s in SERVICES_BY_KEY]
        )
    )
    services = [s.key for s in SERVICES if s.key in services]
    rows = {s: i for i, s in enumerate(services)}
    child_row = len(services)
    for span in spans.itertuples(index=False):
        y = rows[span.service]
        if span.kind == "waiting":
            ax.broken_barh(
                [(span.start, max(0.6, span.end - span.start))],
                (y - 0.18, 0.36),
                facecolors="white",
                edgecolors=OKABE_ITO["orange"],
                hatch="///",
            )
        else:
            ax.broken_barh(
                [(span.start, max(0.6, span.end - span.start))],
                (y - 0.3, 0.6),
                facecolors=OKABE_ITO["sky_blue"],
                edgecolors=OKABE_ITO["blue"],
            )
    shown = set()
    for row in events.itertuples(index=False):
        event = row.event
        if event == "coordinator_assigned" and row.detail != "active":
            event = "coordinator_untaken"  # named, but nobody took the role
        if event not in _MARKERS:
            continue
        marker, colour = _MARKERS[event]
        y = rows.get(row.service, child_row)
        label = event_label(event, lang) if event not in shown else None
        shown.add(event)
        ax.scatter(
            [row.week + 0.3],
            [y],
            marker=marker,
            color=colour,
            s=90,
            zorder=3,
            label=label,
            edgecolors="black" if marker not in "|x" else None,
            linewidths=0.5,
        )
    ax.set_yticks(
        [*list(rows.values()), child_row],
        [service_label(s, lang, short=True) for s in services] + [text("child", lang)],
    )
    start = int(events["week"].min())
    stop = int(events["week"].max())
    ax.set_xlim(start - 2, max(stop + 4, start + 20))
    ax.set_ylim(-0.8, child_row + 0.8)
    ax.set_xlabel(text("week", lang))
    first = events.iloc[0]
    needs = ", ".join(domain_label(d, lang) for d in str(first["detail"]).split(",") if d)
    ax.set_title(f"{title}\n{text('age', lang)} {int(first['age'])}: {needs}", fontsize=12)
    ax.grid(axis="x", color="#eeeeee")
    ax.spines[["top", "right"]].set_visible(False)
    handles, _labels = ax.get_legend_handles_labels()
    handles += [
        Patch(
            facecolor=OKABE_ITO["sky_blue"], edgecolor=OKABE_ITO["blue"], label=text("helped", lang)
        ),
        Patch(
            facecolor="white",
            edgecolor=OKABE_ITO["orange"],
            hatch="///",
            label=text("waiting", lang),
        ),
    ]
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10
    )


def journey_figure(result: SimulationResult, child_id: int, lang: str = "en") -> Figure:
    """One child's service journey (tjenestereise): waits, help, hand-offs, losses."""
    check_lang(lang)
    with mpl.rc_context(FONT):
        fig = _figure(12, 5)
        ax = fig.subplots()
        _draw_journey(ax, result, child_id, lang, _journey_title(result, child_id, lang))
        _footnote(fig, text("not_a_forecast", lang, seed=result.seed))
    return fig


def journey_pair_figure(
    first: SimulationResult, second: SimulationResult, child_id: int, lang: str = "en"
) -> Figure:
    """The same child under two configurations, one above the other.

    With the same seed and size, the same children with the same needs appear in every
    configuration, so the difference is what the services did.
    """
    check_lang(lang)
    if first.seed != second.seed or first.n_children != second.n_children:
        raise SamlabValueError(
            "to follow the same child, both runs need the same seed and number of children"
        )
    with mpl.rc_context(FONT):
        fig = _figure(12, 9)
        top, bottom = fig.subplots(2, 1, sharex=True)
        changed = [k for k in first.levers if first.levers[k] != second.levers.get(k)]
        limits = []
        for ax, result in ((top, first), (bottom, second)):
            title = _journey_title(result, child_id, lang)
            if changed:  # name what differs, so two runs of one scenario can be told apart
                settings = [_lever_setting(k, result, lang) for k in changed]
                if len(settings) > 3:
                    settings = [*settings[:3], f"+{len(settings) - 3}"]
                title += "\n" + "; ".join(settings)
            _draw_journey(ax, result, child_id, lang, title)
            limits.append(ax.get_xlim())  # read before the shared axis is set again
        top.set_xlim(min(a for a, _ in limits), max(b for _, b in limits))
        _footnote(fig, text("not_a_forecast", lang, seed=first.seed))
    return fig


# --- experiments --------------------------------------------------------------------------


def heatmap_figure(grid: pd.DataFrame, measure: str, lang: str = "en") -> Figure:
    """Two levers against each other: the mean of ``measure`` in each cell.

    ``grid`` is what :func:`samlab.lever_grid` returns.
    """
    check_lang(lang)
    lever_x, lever_y = grid.attrs["lever_x"], grid.attrs["lever_y"]
    table = grid.pivot_table(index=lever_y, columns=lever_x, values=measure, aggfunc="mean")
    table = table.sort_index(ascending=False)
    better = MEASURES.get(measure, {}).get("better", 0)
    cmap = "viridis_r" if better < 0 else "viridis"
    with mpl.rc_context(FONT):
        fig = _figure(8.5, 6.5)
        ax = fig.subplots()
        image = ax.imshow(table.to_numpy(dtype=float), cmap=cmap, aspect="auto")
        ax.set_xticks(range(len(table.columns)), [number(v, lang, 2) for v in table.columns])
        ax.set_yticks(range(len(table.index)), [number(v, lang, 2) for v in table.index])
        ax.set_xlabel(lever_label(lever_x, lang))
        ax.set_ylabel(lever_label(lever_y, lang))
        values = table.to_numpy(dtype=float)
        middle = np.nanmean(values)
        for (i, j), value in np.ndenumerate(values):
            ax.text(
                j,
                i,
                number(value, lang, 0 if abs(value) >= 10 else 2),
                ha="center",
                va="center",
                fontsize=11,
                color="white" if (value > middle) == (cmap == "viridis_r") else "black",
            )
        fig.colorbar(image, ax=ax, label=measure_label(measure, lang))
        ax.set_title(measure_label(measure, lang))
        _footnote(fig, text("mean_of_seeds", lang, n=grid["seed"].nunique()))
    return fig


def coordination_cost_figure(curve: pd.DataFrame, lang: str = "en") -> Figure:
    """More meeting time: time to right help first falls, then rises as direct help shrinks.

    ``curve`` is what :func:`samlab.coordination_curve` returns.
    """
    check_lang(lang)
    from .experiments import mean_ci

    groups = curve.groupby("meeting_hours")
    x = np.array(sorted(groups.groups))

    def band(measure):
        stats = [mean_ci(groups.get_group(v)[measure].tolist()) for v in x]
        return (
            np.array([s[0] for s in stats]),
            np.array([s[2] for s in stats]),
            np.array([s[3] for s in stats]),
        )

    with mpl.rc_context(FONT):
        fig = _figure(10, 5.2)
        ax = fig.subplots()
        twin = ax.twinx()
        mean, low, high = band("weeks_to_right_help_mean")
        ax.plot(
            x,
            mean,
            color=OKABE_ITO["vermillion"],
            marker="o",
            linewidth=2.5,
            label=measure_label("weeks_to_right_help_mean", lang),
        )
        seeds = curve["seed"].nunique()
        if seeds >= 3:  # with fewer seeds an interval says little
            ax.fill_between(x, low, high, color=OKABE_ITO["vermillion"], alpha=0.2)
        weeks = int(curve.attrs.get("weeks", 156))
        hmean, hlow, hhigh = band("direct_help_hours")
        twin.plot(
            x,
            hmean / weeks,
            color=OKABE_ITO["blue"],
            marker="s",
            linewidth=2,
            linestyle="--",
            label=text("direct_help_hours", lang),
        )
        if seeds >= 3:
            twin.fill_between(x, hlow / weeks, hhigh / weeks, color=OKABE_ITO["blue"], alpha=0.15)
        cmean, _, _ = band("coordination_hours")
        twin.plot(
            x,
            cmean / weeks,
            color=OKABE_ITO["purple"],
            marker="^",
            linewidth=2,
            linestyle=":",
            label=text("coordination_hours", lang),
        )
        ax.set_xlabel(text("meeting_hours", lang))
        ax.set_ylabel(
            measure_label("weeks_to_right_help_mean", lang), color=OKABE_ITO["vermillion"]
        )
        twin.set_ylabel(text("hours_per_week", lang), color=OKABE_ITO["blue"])
        best = x[int(np.argmin(mean))]
        ax.axvline(best, color="#888888", linestyle=":", linewidth=1)
        lines = ax.get_legend_handles_labels()
        lines2 = twin.get_legend_handles_labels()
        ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], loc="upper center", frameon=False)
        ax.set_title(text("coordination_curve", lang))
        ax.spines[["top"]].set_visible(False)
        twin.spines[["top"]].set_visible(False)
        _footnote(fig, text("not_a_forecast_seeds", lang, n=seeds))
    return fig


# --- a mapped network (from a CSV) --------------------------------------------------------


def network_map_figure(graph: nx.DiGraph, lang: str = "en") -> Figure:
    """A mapped network: circle size by brokerage, arrow width by referrals, arrow colour by
    trust; single points of failure ringed, and the best new tie dashed.

    ``graph`` is what :func:`samlab.network_map.read_network` returns.
    """
    check_lang(lang)
    from . import network_map

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
        fig = _figure(11, 7.5)
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
