"""What the game's screens show, as HTML and figures, from the game's plain data.

The widgets (``samlab.game.widgets``) stay thin: they ask the game (a local ``Game`` or a
remote one following the same contract) for ``view``, ``status``, ``measures`` and
``debrief``, and this module turns the answers into tables and pictures. A remote game
answers with plain data (tables as lists of records, the network as an edge list); a local
one with pandas tables and a networkx graph: :func:`as_frame` and :func:`as_graph` take
either.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import pandas as pd
from matplotlib.figure import Figure

from ..labels import (
    OKABE_ITO,
    choice_label,
    domain_label,
    event_label,
    lever_label,
    measure_label,
    number,
    service_label,
)
from ..personas import PERSONAS
from .messages import label

#: The measures on the facilitator's screen, round by round.
ROUND_MEASURES = (
    "waiting_list_now",
    "with_right_help_now",
    "weeks_to_right_help_median",
    "lost_between_services",
    "lost_at_transition",
)
#: The measures drawn in the facilitator's chart.
CHART_MEASURES = ("waiting_list_now", "lost_between_services", "lost_at_transition")
#: The game's counts at the end of a round (labelled in ``messages.LABELS``).
NOW_MEASURES = ("waiting_list_now", "in_services_now", "with_right_help_now", "lost_now")


def escape(value: Any) -> str:
    return html.escape(str(value))


def folded_html(summary: str, body: str, open_: bool = False) -> str:
    """``body`` under a summary line the reader can open and close."""
    state = " open" if open_ else ""
    return f"<details{state}><summary><b>{escape(summary)}</b></summary>{body}</details>"


def table_html(headers: Sequence[str], rows: Iterable[Sequence[Any]], caption: str = "") -> str:
    """A plain HTML table; every cell is escaped unless it is already a ``Markup``."""
    head = "".join(f"<th style='text-align:left; padding:0 .6em'>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td style='padding:0 .6em'>{_cell(c)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    cap = f"<caption style='text-align:left'><b>{escape(caption)}</b></caption>" if caption else ""
    return f"<table>{cap}<tr>{head}</tr>{body}</table>"


class Markup(str):
    """HTML that a table cell keeps as it is."""


def _cell(value: Any) -> str:
    return value if isinstance(value, Markup) else escape(value)


def message_html(kind: str, body: str) -> str:
    """A message line: ``error`` in vermilion, ``info`` in blue (colour-blind safe)."""
    colour = {"error": "#D55E00", "info": "#0072B2"}[kind]
    return (
        f'<div class="samlab-game-{kind}" style="color:{colour}; font-weight:bold; '
        f'min-height:1.4em">{escape(body)}</div>'
    )


def measure_name(name: str, lang: str) -> str:
    """A measure's label: the game's counts at a round's end, or the model's measures."""
    return label(name, lang) if name in NOW_MEASURES else measure_label(name, lang)


def _num(value: Any, lang: str, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    return number(value, lang, digits)


# --- a participant's view -----------------------------------------------------------------


def view_html(view: dict[str, Any], lang: str) -> str:
    """What one role sees (``Game.view``): its own service, or the network leader's numbers."""
    if "service" in view and "waiting" in view:
        return service_view_html(view, lang)
    return leader_view_html(view, lang)


def service_view_html(view: dict[str, Any], lang: str) -> str:
    parts = [f"<h4>{escape(label('your_view', lang))}: {escape(view['label'])}</h4>"]
    capacity = _num(view["capacity_hours_per_week"], lang)
    parts.append(f"<p>{escape(label('capacity', lang, hours=capacity))}</p>")
    hours = view["hours_this_round"]
    parts.append(
        table_html(
            [label(k, lang) for k in hours],
            [[_num(v, lang) for v in hours.values()]],
            label("hours_used", lang),
        )
    )
    names = ("received", "accepted", "returned", "sent", "sent_accepted", "sent_returned")
    parts.append(
        table_html(
            ["", *(label(n, lang) for n in names)],
            [
                [label("this_round", lang), *(view["referrals_this_round"][n] for n in names)],
                [label("in_total", lang), *(view["referrals_total"][n] for n in names)],
            ],
            label("referrals", lang),
        )
    )
    waiting = view["waiting"]
    caption = f"{label('waiting_list', lang)} ({len(waiting)})"
    if waiting:
        parts.append(
            table_html(
                [label(k, lang) for k in ("child", "age", "need", "referred_by", "weeks_waiting")],
                [
                    [
                        row["child"],
                        _num(row["age"], lang),
                        row["need_label"],
                        service_label(row["referred_by"], lang, short=True),
                        row["weeks_waiting"],
                    ]
                    for row in waiting
                ],
                caption,
            )
        )
    else:
        parts.append(f"<p><b>{escape(caption)}</b>: {escape(label('waiting_none', lang))}</p>")
    cases = view["caseload"]
    parts.append(
        folded_html(
            f"{label('caseload', lang)} ({len(cases)})",
            table_html(
                [label(k, lang) for k in ("child", "age", "need", "since_week")],
                [
                    [
                        row["child"],
                        _num(row["age"], lang),
                        ", ".join(domain_label(d, lang) for d in row["needs"])
                        + (f" ({label('paused', lang)})" if row["paused"] else ""),
                        row["since_week"],
                    ]
                    for row in cases
                ],
            ),
        )
    )
    known = view["children_known"]
    parts.append(
        folded_html(
            f"{label('children_known', lang)} ({len(known)})",
            table_html(
                [label(k, lang) for k in ("child", "age", "need", "status")],
                [
                    [
                        row["child"],
                        _num(row["age"], lang),
                        ", ".join(row["need_labels"]),
                        label(f"status_{row['status']}", lang),
                    ]
                    for row in known
                ],
            ),
        )
    )
    return "".join(parts)


def leader_view_html(view: dict[str, Any], lang: str) -> str:
    parts = [f"<h4>{escape(label('municipality', lang))}</h4>"]
    parts.append(
        table_html(
            [label(k, lang) for k in ("service", "waiting", "cases")],
            [
                [entry["label"], entry["waiting"], entry["caseload"]]
                for entry in view["services"].values()
            ],
        )
    )
    measures = view.get("measures") or {}
    rows = [
        [measure_name(m, lang), _num(measures[m], lang)] for m in ROUND_MEASURES if m in measures
    ]
    if rows:
        parts.append(table_html([label("measure", lang), ""], rows))
    levers = view.get("levers") or {}
    parts.append(
        table_html(
            ["", ""],
            [[lever_label(k, lang), _lever_value(v, lang)] for k, v in levers.items()],
            label("levers_in_force", lang),
        )
    )
    return "".join(parts)


def _lever_value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return "✓" if value else "–"
    if isinstance(value, int | float):
        return _num(value, lang, 2)
    return choice_label(str(value), lang)


# --- the facilitator's screen -------------------------------------------------------------


def status_html(status: dict[str, Any], lang: str) -> str:
    """Who plays each role and who has submitted for the round being decided."""
    rows = []
    for entry in status["roles"]:
        played = (entry.get("player") or label("people", lang)) if entry["human"] else None
        rows.append(
            [
                entry["label"],
                played or label("computer", lang),
                ("✓" if entry["submitted"] else "…") if entry["human"] else "",
            ]
        )
    humans = [e for e in status["roles"] if e["human"]]
    done = sum(1 for e in humans if e["submitted"])
    head = ""
    if status.get("next_round") is not None:
        note = label(
            "submitted_count", lang, done=done, humans=len(humans), round=status["next_round"]
        )
        head = f"<p>{escape(note)}</p>"
    table = table_html([label(k, lang) for k in ("role", "played_by", "has_submitted")], rows, "")
    return head + table


def measures_frame(measures: Any) -> pd.DataFrame:
    return as_frame(measures)


def measures_html(measures: Any, lang: str) -> str:
    """The municipality's measures per round (``Game.measures``)."""
    table = as_frame(measures)
    if table.empty:
        return f"<p>{escape(label('no_rounds', lang))}</p>"
    shown = [m for m in ROUND_MEASURES if m in table.columns]
    rows = [
        [int(row["round"]), *(_num(row[m], lang) for m in shown)] for _, row in table.iterrows()
    ]
    return table_html(
        [label("round", lang), *(measure_name(m, lang) for m in shown)],
        rows,
        label("measures_per_round", lang),
    )


def measures_figure(measures: Any, lang: str):
    """A small chart of a few measures by round."""
    table = as_frame(measures)
    fig = Figure(figsize=(6, 2.8))
    ax = fig.subplots()
    colours = list(OKABE_ITO.values())
    for i, name in enumerate(m for m in CHART_MEASURES if m in table.columns):
        ax.plot(
            table["round"],
            table[name],
            marker="o",
            label=measure_name(name, lang),
            color=colours[(i + 1) % len(colours)],
        )
    ax.set_xlabel(label("round", lang))
    if not table.empty:
        ax.set_xticks(list(table["round"]))
        ax.legend(fontsize=8, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


# --- the debrief --------------------------------------------------------------------------


def as_frame(value: Any) -> pd.DataFrame:
    """A pandas table from a table, a list of records or a ``{column: values}`` mapping."""
    if isinstance(value, pd.DataFrame):
        return value
    if value is None:
        return pd.DataFrame()
    return pd.DataFrame(value)


def as_graph(value: Any) -> nx.DiGraph:
    """A directed graph from a graph, an edge list ``[{source, target, ...}]`` or a mapping
    ``{"nodes": [...], "edges": [...]}`` (networkx's node-link data works too)."""
    if isinstance(value, nx.Graph):
        return value
    graph = nx.DiGraph()
    nodes: list = []
    edges: list = value or []
    if isinstance(value, dict):
        nodes = value.get("nodes", [])
        edges = value.get("edges", value.get("links", []))
    for node in nodes:
        if isinstance(node, dict):
            attrs = {k: v for k, v in node.items() if k not in ("id", "name", "key")}
            graph.add_node(node.get("id", node.get("name", node.get("key"))), **attrs)
        else:
            graph.add_node(node)
    for edge in edges:
        if isinstance(edge, dict):
            attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
            graph.add_edge(edge["source"], edge["target"], **attrs)
        else:
            graph.add_edge(edge[0], edge[1], **(edge[2] if len(edge) > 2 else {}))
    return graph


def comparison_html(comparison: Any, lang: str) -> str:
    """The room's game beside the computer's silos and the best-coordinated scenario."""
    table = as_frame(comparison)
    if "measure" in table.columns:
        table = table.set_index("measure")
    runs = [c for c in table.columns if c != "label"]
    headers = [label("measure", lang)]
    for run in runs:
        headers.append(
            label("game_column", lang)
            if run == "game"
            else label("silo_column", lang)
            if run == "silo"
            else _scenario_title(run, lang)
        )
    # the label column is in the language the debrief was asked for; a table sent as
    # records from the hub has no index (the measure's name) left, only the label
    rows = [
        [row["label"] if "label" in table.columns else measure_name(str(m), lang)]
        + [_num(row[r], lang) for r in runs]
        for m, row in table.iterrows()
    ]
    return table_html(headers, rows, label("comparison", lang))


def _scenario_title(key: str, lang: str) -> str:
    from ..scenario_catalogue import SCENARIOS_BY_KEY

    scenario = SCENARIOS_BY_KEY.get(key)
    return scenario.title[lang] if scenario is not None else key


def lost_html(lost: Any, lang: str) -> str:
    """How many children were lost, how, and with which service last (each child once per
    row, though a child lost twice, e.g. between services and later at an age limit, is in
    two rows)."""
    table = as_frame(lost)
    caption = label("lost_title", lang)
    if table.empty:
        return f"<p><b>{escape(caption)}</b><br>{escape(label('nobody_lost', lang))}</p>"
    # children, not events: a child can be lost more than once
    counts = table.groupby(["kind", "last_service"])["child_id"].nunique().reset_index(name="n")
    rows = [
        [
            label(row.kind, lang),
            service_label(row.last_service, lang, short=True) if row.last_service else "–",
            row.n,
        ]
        for row in counts.itertuples(index=False)
    ]
    total = f"{caption} ({table['child_id'].nunique()})"
    return table_html(["", label("last_service", lang), "n"], rows, total)


def network_figure(network: Any, lang: str, people: set[str] | None = None):
    """The referral network of the whole game: blue arrows as wide as the referrals, a
    dashed vermilion arrow where at least a fifth were sent back, grey lines (with the
    number) for the children lost after each service in the glippsone. Services led by
    people (node attribute ``human``, or named in ``people``) are orange."""
    graph = as_graph(network)
    for node in people or ():
        if node in graph:
            graph.nodes[node]["human"] = True
    fig = Figure(figsize=(7, 5))
    ax = fig.subplots()
    services = [n for n in graph.nodes if n != "glippsone"]
    pos = nx.circular_layout(services)
    pos["glippsone"] = (0.0, 0.0)
    names = {n: service_label(n, lang, short=True) for n in services}
    names["glippsone"] = label("glippsone", lang)
    colours = [
        "#E69F00" if graph.nodes[n].get("human") else "#56B4E9" if n != "glippsone" else "#999999"
        for n in graph.nodes
    ]
    size = 900
    flows = [(u, v) for u, v in graph.edges if v != "glippsone"]
    lost = [(u, v) for u, v in graph.edges if v == "glippsone"]
    most = max((graph.edges[e].get("referrals", 1) for e in flows), default=1) or 1
    widths = [0.4 + 5.0 * graph.edges[e].get("referrals", 1) / most for e in flows]
    common = {"ax": ax, "arrows": True, "node_size": size, "arrowsize": 10}
    nx.draw_networkx_edges(
        graph,
        pos,
        edgelist=flows,
        width=widths,
        edge_color="#0072B2",
        alpha=0.7,
        connectionstyle="arc3,rad=0.1",
        **common,
    )
    returned = [
        e
        for e in flows
        if graph.edges[e].get("returned", 0) >= 0.2 * max(graph.edges[e].get("referrals", 1), 1)
    ]
    nx.draw_networkx_edges(
        graph,
        pos,
        edgelist=returned,
        width=1.2,
        edge_color="#D55E00",
        style="dashed",
        connectionstyle="arc3,rad=0.3",
        **common,
    )
    nx.draw_networkx_edges(
        graph, pos, edgelist=lost, width=1.2, edge_color="#999999", arrows=False, ax=ax
    )
    edge_labels = {e: graph.edges[e].get("lost", 0) for e in lost}
    nx.draw_networkx_edge_labels(
        graph, pos, edge_labels=edge_labels, font_size=8, label_pos=0.6, ax=ax
    )
    nx.draw_networkx_nodes(graph, pos, node_color=colours, node_size=size, ax=ax)
    for node, (x, y) in pos.items():
        ax.text(
            x * 1.17 if node != "glippsone" else x,
            y * 1.17 - (0.13 if node == "glippsone" else 0),
            names[node],
            ha="center",
            va="center",
            fontsize=8,
        )
    ax.set_title(label("network_title", lang), fontsize=10)
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.3)
    ax.axis("off")
    fig.tight_layout()
    return fig


def journeys_html(journeys: Any, lang: str) -> str:
    """Each Fjordvik child's journey through the game: week, event, service."""
    caption = label("journeys_title", lang)
    if not journeys:
        return f"<p><b>{escape(caption)}</b><br>{escape(label('no_personas', lang))}</p>"
    names = {p.key: p.name for p in PERSONAS}
    parts = [f"<p><b>{escape(caption)}</b></p>"]
    for key, events in journeys.items():
        table = as_frame(events)
        rows = [
            [
                row["week"],
                event_label(row["event"], lang),
                service_label(row["service"] or "", lang),
            ]
            for _, row in table.iterrows()
        ]
        parts.append(table_html([label("week", lang), "", ""], rows, names.get(key, key)))
    return "".join(parts)


def replay_html(entry: dict[str, Any], lang: str) -> str:
    """One round of the replay: the decisions people made, and the measures after it."""
    number_ = entry["round"]
    parts = [f"<h4>{escape(label('round', lang))} {number_}</h4>"]
    decisions = entry.get("decisions") or {}
    if decisions:
        rows = [
            [_role_label(role, lang), json.dumps(payload, ensure_ascii=False, sort_keys=True)]
            for role, payload in decisions.items()
        ]
        parts.append(table_html([label("role", lang), label("decisions", lang)], rows))
    else:
        parts.append(f"<p>{escape(label('no_decisions', lang))}</p>")
    measures = entry.get("measures") or {}
    rows = [
        [measure_name(m, lang), _num(measures[m], lang)] for m in ROUND_MEASURES if m in measures
    ]
    parts.append(table_html([label("measure", lang), ""], rows))
    services = entry.get("services") or {}
    parts.append(
        table_html(
            [label(k, lang) for k in ("service", "waiting", "cases")],
            [[service_label(k, lang), v["waiting"], v["caseload"]] for k, v in services.items()],
        )
    )
    return "".join(parts)


def _role_label(role: str, lang: str) -> str:
    from .roles import ROLES_BY_KEY

    spec = ROLES_BY_KEY.get(role)
    return spec.label[lang] if spec is not None else role


__all__ = [
    "as_frame",
    "as_graph",
    "comparison_html",
    "journeys_html",
    "lost_html",
    "measures_figure",
    "measures_html",
    "message_html",
    "network_figure",
    "replay_html",
    "status_html",
    "table_html",
    "view_html",
]
