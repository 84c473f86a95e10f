"""Mapping a service network: who refers to whom, who brokers, where it breaks.

A network is a CSV file with one row per pair of services that refer children to each
other::

    from,to,referrals_per_year,trust,value
    Helsestasjon,BUP,40,3,4

``trust`` and ``value`` are optional PARTNER-style ratings from 1 (low) to 4 (high). Norwegian
headers work too: ``fra,til,henvisninger_per_år,tillit,verdi``. ``read_network`` checks every
row and reports *all* bad rows by row number and reason before anything is imported, so a
participant's file is never half-read. The measures use networkx.
"""

from __future__ import annotations

import csv
import io
import shutil
from importlib import resources
from pathlib import Path

import networkx as nx
import pandas as pd

from .errors import SamlabValueError

COLUMNS = ("from", "to", "referrals_per_year", "trust", "value")
REQUIRED = ("from", "to", "referrals_per_year")
_ALIASES = {
    "fra": "from",
    "til": "to",
    "henvisninger_per_år": "referrals_per_year",
    "henvisninger_per_ar": "referrals_per_year",
    "henvisninger": "referrals_per_year",
    "referrals": "referrals_per_year",
    "tillit": "trust",
    "verdi": "value",
}
RATING = (1, 4)


def _column(name: str) -> str:
    key = name.strip().lower().replace(" ", "_")
    return _ALIASES.get(key, key)


def _read_text(source) -> str:
    """CSV text from a path, an open file, or the text itself (anything with a newline)."""
    if hasattr(source, "read"):
        return source.read()
    if isinstance(source, str) and "\n" in source:
        return source
    path = Path(source)
    if not path.is_file():
        raise SamlabValueError(f"no network file at {str(path)!r}")
    return path.read_text(encoding="utf-8-sig")


def read_network(source) -> nx.DiGraph:
    """Read a referral network from a CSV file (path, open file, or the CSV text itself).

    Raises:
        SamlabValueError: listing every bad row by its row number in the file and what is
            wrong with it; nothing is imported if any row is bad.
    """
    text = _read_text(source)
    reader = csv.reader(io.StringIO(text))
    try:
        header = [_column(h) for h in next(reader)]
    except StopIteration:
        raise SamlabValueError("the network file is empty; it needs a header row") from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise SamlabValueError(
            f"the header row lacks {', '.join(missing)}; expected columns: {', '.join(COLUMNS)}"
        )
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise SamlabValueError(
            f"unknown column(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(COLUMNS)}"
        )
    problems: list[str] = []
    edges: dict[tuple[str, str], dict] = {}
    for row_number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines are fine
        if len(cells) > len(header):
            problems.append(f"row {row_number}: {len(cells)} cells but {len(header)} columns")
            continue
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        source_name, target = row.get("from", ""), row.get("to", "")
        reasons = []
        if not source_name or not target:
            reasons.append("'from' and 'to' must both name a service")
        elif source_name.lower() == target.lower():
            reasons.append(f"a service cannot refer to itself ({source_name!r})")
        raw_referrals = row.get("referrals_per_year", "")
        try:
            if raw_referrals == "":
                raise ValueError
            referrals = float(raw_referrals.replace(",", "."))
            if referrals < 0 or referrals != referrals:
                raise ValueError
        except ValueError:
            referrals = None
            reasons.append(
                "referrals_per_year is empty; fill in a number 0 or more"
                if raw_referrals == ""
                else f"referrals_per_year must be a number 0 or more, got {raw_referrals!r}"
            )
        ratings = {}
        for name in ("trust", "value"):
            raw = row.get(name, "")
            if raw == "":
                continue
            try:
                rating = int(raw)
                if not RATING[0] <= rating <= RATING[1]:
                    raise ValueError
                ratings[name] = rating
            except ValueError:
                reasons.append(f"{name} must be a whole number from 1 to 4, got {raw!r}")
        pair = (source_name, target)
        if not reasons and pair in edges:
            reasons.append(f"{source_name} → {target} is already on row {edges[pair]['row']}")
        if reasons:
            problems.append(f"row {row_number}: " + "; ".join(reasons))
            continue
        edges[pair] = {"referrals": referrals, "row": row_number, **ratings}
    if problems:
        raise SamlabValueError(
            f"{len(problems)} bad row(s) in the network file, nothing imported: "
            + " | ".join(problems)
        )
    if not edges:
        raise SamlabValueError("the network file has a header but no rows")
    graph = nx.DiGraph()
    for (a, b), data in edges.items():
        graph.add_edge(a, b, **{k: v for k, v in data.items() if k != "row"})
    return graph


def density(graph: nx.DiGraph) -> float:
    """Share of possible ties that exist, counting a tie in either direction once:
    2E / (n(n-1)) on the undirected network."""
    return nx.density(graph.to_undirected())


def service_table(graph: nx.DiGraph) -> pd.DataFrame:
    """One row per service: referrals in and out, degree, betweenness and closeness
    centrality (undirected), and the mean trust others report towards it."""
    undirected = graph.to_undirected()
    degree = nx.degree_centrality(undirected)
    betweenness = nx.betweenness_centrality(undirected)
    closeness = nx.closeness_centrality(undirected)
    rows = []
    for node in sorted(graph.nodes):
        trust = [d["trust"] for _, _, d in graph.in_edges(node, data=True) if "trust" in d]
        rows.append(
            {
                "service": node,
                "referrals_out": sum(
                    d["referrals"] for _, _, d in graph.out_edges(node, data=True)
                ),
                "referrals_in": sum(d["referrals"] for _, _, d in graph.in_edges(node, data=True)),
                "partners": undirected.degree(node),
                "degree_centrality": degree[node],
                "betweenness": betweenness[node],
                "closeness": closeness[node],
                "trust_in": sum(trust) / len(trust) if trust else float("nan"),
            }
        )
    return pd.DataFrame(rows).sort_values("betweenness", ascending=False, ignore_index=True)


def broker(graph: nx.DiGraph) -> str:
    """The service that lies on most shortest paths between others (highest betweenness)."""
    return str(service_table(graph)["service"].iloc[0])


def single_points_of_failure(graph: nx.DiGraph) -> set[str]:
    """Services whose loss would split the network (articulation points)."""
    return set(nx.articulation_points(graph.to_undirected()))


def best_new_tie(graph: nx.DiGraph) -> tuple[str, str]:
    """The one missing tie that most raises the network's global efficiency (how close,
    on average, every service is to every other). Ties are tried in name order, so the
    answer is the same every time."""
    undirected = nx.Graph(graph.to_undirected())
    nodes = sorted(undirected.nodes)
    best, best_gain = None, -1.0
    base = nx.global_efficiency(undirected)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if undirected.has_edge(a, b):
                continue
            undirected.add_edge(a, b)
            gain = nx.global_efficiency(undirected) - base
            undirected.remove_edge(a, b)
            if gain > best_gain + 1e-12:
                best, best_gain = (a, b), gain
    if best is None:
        raise SamlabValueError("every service is already tied to every other")
    return best


def referral_network(result, lang: str = "nb", short: bool = True) -> pd.DataFrame:
    """A simulation run's referrals between services as a network table (per year)."""
    from .labels import service_label
    from .services import SERVICES_BY_KEY

    refs = result.referrals()
    refs = refs[refs["source"].isin(SERVICES_BY_KEY) & (refs["source"] != refs["target"])]
    years = result.weeks / 52
    table = refs.groupby(["source", "target"]).size().reset_index(name="count")
    return pd.DataFrame(
        {
            "from": [service_label(s, lang, short=short) for s in table["source"]],
            "to": [service_label(t, lang, short=short) for t in table["target"]],
            "referrals_per_year": (table["count"] / years).round(1),
        }
    )


def data_path(name: str) -> Path:
    """A data file shipped with samlab (e.g. ``fjordvik_network_nb.csv``)."""
    path = resources.files("samlab") / "data" / name
    if not path.is_file():
        raise SamlabValueError(f"no data file {name!r} in samlab")
    return Path(str(path))


def copy_template(destination, lang: str = "nb") -> Path:
    """Copy the blank network template to ``destination`` for a participant to fill in.

    Never overwrites: if the file exists, it is the participant's work, so this raises.
    """
    destination = Path(destination)
    if destination.exists():
        raise SamlabValueError(
            f"{str(destination)!r} already exists; it may be your own work, so it was not "
            "overwritten. Choose another name or open the file you have."
        )
    shutil.copyfile(data_path(f"network_template_{lang}.csv"), destination)
    return destination
