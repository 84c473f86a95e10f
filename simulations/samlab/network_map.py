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

import shutil
from importlib import resources
from pathlib import Path

import networkx as nx
import pandas as pd

from .csv_rows import Rows, read_text
from .errors import SamlabValueError
from .translation import DEFAULT_LANG, TextTable, check_lang

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

#: Column names as a participant writes them in the template of each language.
COLUMN_NAMES = {
    "nb": {
        "from": "fra",
        "to": "til",
        "referrals_per_year": "henvisninger_per_år",
        "trust": "tillit",
        "value": "verdi",
    },
    "en": {name: name for name in COLUMNS},
}

#: What the file is called in messages.
WHAT = {"nb": "nettverksfilen", "en": "network file"}

#: Messages for a bad network file, in each language.
MESSAGES = TextTable(
    "samlab.network_map.MESSAGES",
    {
        "from_to": {
            "nb": "'{a}' og '{b}' må begge være navnet på en tjeneste",
            "en": "'{a}' and '{b}' must both name a service",
        },
        "itself": {
            "nb": "en tjeneste kan ikke henvise til seg selv ({name!r})",
            "en": "a service cannot refer to itself ({name!r})",
        },
        "referrals_empty": {
            "nb": "{column} er tom; fyll inn et tall, 0 eller mer",
            "en": "{column} is empty; fill in a number 0 or more",
        },
        "referrals_bad": {
            "nb": "{column} må være et tall, 0 eller mer, ikke {raw!r}",
            "en": "{column} must be a number 0 or more, got {raw!r}",
        },
        "rating": {
            "nb": "{column} må være et helt tall fra 1 til 4, ikke {raw!r}",
            "en": "{column} must be a whole number from 1 to 4, got {raw!r}",
        },
        "duplicate": {
            "nb": "{a} → {b} står allerede på rad {row}",
            "en": "{a} → {b} is already on row {row}",
        },
        "exists": {
            "nb": "{path!r} finnes allerede; det kan være ditt eget arbeid, så filen ble ikke "
            "overskrevet. Velg et annet navn, eller åpne filen du har.",
            "en": "{path!r} already exists; it may be your own work, so it was not "
            "overwritten. Choose another name or open the file you have.",
        },
    },
)


def _message(key: str, lang: str, **fields) -> str:
    return MESSAGES.text(key, lang, **fields)


def read_network(source, lang: str = DEFAULT_LANG) -> nx.DiGraph:
    """Read a referral network from a CSV file (path, open file, or the CSV text itself).

    The header may use the English or the Norwegian column names; ``lang`` is the language
    of the error messages and of the column names they use.

    Raises:
        SamlabValueError: listing every bad row by its row number in the file and what is
            wrong with it; nothing is imported if any row is bad.
    """
    check_lang(lang)
    names = COLUMN_NAMES[lang]
    what = WHAT[lang]
    rows = Rows(read_text(source, what, lang), what, COLUMNS, REQUIRED, _ALIASES, names, lang)
    edges: dict[tuple[str, str], dict] = {}
    for row_number, row in rows:
        source_name, target = row["from"], row["to"]
        reasons = []
        if not source_name or not target:
            reasons.append(_message("from_to", lang, a=names["from"], b=names["to"]))
        elif source_name.lower() == target.lower():
            reasons.append(_message("itself", lang, name=source_name))
        raw_referrals = row["referrals_per_year"]
        try:
            if raw_referrals == "":
                raise ValueError
            referrals = float(raw_referrals.replace(",", "."))
            if referrals < 0 or referrals != referrals:
                raise ValueError
        except ValueError:
            referrals = None
            key = "referrals_empty" if raw_referrals == "" else "referrals_bad"
            column = names["referrals_per_year"]
            reasons.append(_message(key, lang, column=column, raw=raw_referrals))
        ratings = {}
        for name in ("trust", "value"):
            raw = row[name]
            if raw == "":
                continue
            try:
                rating = int(raw)
                if not RATING[0] <= rating <= RATING[1]:
                    raise ValueError
                ratings[name] = rating
            except ValueError:
                reasons.append(_message("rating", lang, column=names[name], raw=raw))
        pair = (source_name, target)
        if not reasons and pair in edges:
            reasons.append(
                _message("duplicate", lang, a=source_name, b=target, row=edges[pair]["row"])
            )
        if reasons:
            rows.reject(row_number, reasons)
            continue
        edges[pair] = {"referrals": referrals, "row": row_number, **ratings}
    rows.check(len(edges))
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


def referral_network(result, lang: str = DEFAULT_LANG, short: bool = True) -> pd.DataFrame:
    """A simulation run's referrals between services as a network table (per year).

    A referral to specialist health that went through the GP counts twice: from the service
    that advised the family to see the GP to the GP (``fastlege``), and from the GP on.
    """
    from .labels import service_label
    from .services import SERVICES_BY_KEY

    refs = result.referrals()
    refs = refs[refs["source"].isin(SERVICES_BY_KEY) & (refs["source"] != refs["target"])]
    via_gp = refs["arrived_week"] > refs["week"]
    arrived = refs["closed_week"].isna() | (refs["closed_week"] >= refs["arrived_week"])
    pairs = pd.concat(
        [
            refs.loc[~via_gp, ["source", "target"]],
            refs.loc[via_gp, ["source"]].assign(target="fastlege"),
            refs.loc[via_gp & arrived, ["target"]].assign(source="fastlege"),
        ]
    )
    years = result.weeks / 52
    table = pairs.groupby(["source", "target"]).size().reset_index(name="count")
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


def copy_template(destination, lang: str = DEFAULT_LANG) -> Path:
    """Copy the blank network template to ``destination`` for a participant to fill in.

    Never overwrites: if the file exists, it is the participant's work, so this raises.
    """
    check_lang(lang)
    destination = Path(destination)
    if destination.exists():
        raise SamlabValueError(_message("exists", lang, path=str(destination)))
    shutil.copyfile(data_path(f"network_template_{lang}.csv"), destination)
    return destination
