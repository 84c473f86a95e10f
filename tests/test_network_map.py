"""Mapping a service network from a CSV: clear errors by row, and measures that are right."""

from __future__ import annotations

import math

import networkx as nx
import pytest

import samlab
from samlab import SamlabValueError
from samlab import network_map as nm

CHAIN = """from,to,referrals_per_year,trust,value
A,B,10,3,4
B,C,5,2,
C,D,2,,
B,E,1,4,4
"""


def test_reads_a_small_network_and_computes_measures():
    graph = nm.read_network(CHAIN, lang="en")
    assert set(graph.nodes) == {"A", "B", "C", "D", "E"}
    assert graph.edges["A", "B"] == {"referrals": 10.0, "trust": 3, "value": 4}
    assert "trust" not in graph.edges["C", "D"]
    assert nm.density(graph) == pytest.approx(2 * 4 / (5 * 4))
    assert nm.broker(graph) == "B"
    assert nm.single_points_of_failure(graph) == {"B", "C"}
    table = nm.service_table(graph).set_index("service")
    assert table.loc["B", "referrals_in"] == 10 and table.loc["B", "referrals_out"] == 6
    assert table.loc["B", "betweenness"] == pytest.approx(
        nx.betweenness_centrality(graph.to_undirected())["B"]
    )
    assert table.loc["B", "trust_in"] == 3
    assert math.isnan(table.loc["A", "trust_in"])


def test_best_new_tie_shortens_the_longest_paths():
    path = nx.path_graph(["a", "b", "c", "d", "e"], create_using=nx.DiGraph)
    for u, v in path.edges:
        path.edges[u, v]["referrals"] = 1
    tie = nm.best_new_tie(path)
    before = nx.global_efficiency(path.to_undirected())
    after_graph = nx.Graph(path.to_undirected())
    after_graph.add_edge(*tie)
    assert nx.global_efficiency(after_graph) > before
    # no other single tie does better
    for a in path.nodes:
        for b in path.nodes:
            if a < b and not path.to_undirected().has_edge(a, b):
                trial = nx.Graph(path.to_undirected())
                trial.add_edge(a, b)
                assert nx.global_efficiency(trial) <= nx.global_efficiency(after_graph) + 1e-12


def test_norwegian_headers_and_decimal_commas(tmp_path):
    path = tmp_path / "nett.csv"
    path.write_text('fra,til,henvisninger_per_år,tillit\nSkole,PPT,"12,5",3\n', encoding="utf-8")
    graph = nm.read_network(path, lang="en")
    assert graph.edges["Skole", "PPT"]["referrals"] == 12.5


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("from,to,referrals_per_year\nA,B,ten\n", ["row 2", "referrals_per_year", "'ten'"]),
        ("from,to,referrals_per_year\nA,B,-1\n", ["row 2", "0 or more"]),
        ("from,to,referrals_per_year\nA,A,3\n", ["row 2", "itself"]),
        ("from,to,referrals_per_year\n,B,3\n", ["row 2", "'from' and 'to'"]),
        ("from,to,referrals_per_year,trust\nA,B,3,7\n", ["row 2", "trust", "1 to 4", "'7'"]),
        ("from,to,referrals_per_year\nA,B,3\nA,B,4\n", ["row 3", "already on row 2"]),
        ("from,to,referrals_per_year\nA,B,3,9\n", ["row 2", "cells"]),
        ("from,to\nA,B\n", ["header", "referrals_per_year"]),
        ("from,to,referrals_per_year,mood\nA,B,3,ok\n", ["unknown column", "'mood'"]),
        ("from,to,referrals_per_year\n", ["no rows"]),
    ],
)
def test_bad_rows_are_named_and_nothing_is_imported(text, words):
    with pytest.raises(SamlabValueError) as info:
        nm.read_network(text, lang="en")
    for word in words:
        assert word in str(info.value)


def test_every_bad_row_is_reported_at_once():
    text = "from,to,referrals_per_year\nA,B,1\nA,A,2\nC,D,x\nE,F,3\n"
    with pytest.raises(SamlabValueError) as info:
        nm.read_network(text, lang="en")
    message = str(info.value)
    assert "2 bad row(s)" in message and "row 3" in message and "row 4" in message
    assert "row 2:" not in message and "row 5" not in message


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(SamlabValueError, match="no network file"):
        nm.read_network(tmp_path / "nope.csv", lang="en")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_fjordvik_network_ships_and_has_structure(lang):
    graph = nm.read_network(nm.data_path(f"fjordvik_network_{lang}.csv"), lang=lang)
    assert graph.number_of_nodes() >= 8
    assert 0.2 < nm.density(graph) < 0.8
    assert nm.single_points_of_failure(graph)
    a, b = nm.best_new_tie(graph)
    assert not graph.to_undirected().has_edge(a, b)


def test_fjordvik_network_comes_from_the_simulation():
    result = samlab.simulate("silo", seed=1)
    table = nm.referral_network(result, "en")
    shipped = nm.read_network(nm.data_path("fjordvik_network_en.csv"), lang="en")
    for (a, b), data in ((e[:2], e[2]) for e in shipped.edges(data=True)):
        row = table[(table["from"] == a) & (table["to"] == b)]
        assert float(row["referrals_per_year"].iloc[0]) == pytest.approx(data["referrals"])


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_template_copy_never_overwrites(tmp_path, lang):
    target = tmp_path / "my_network.csv"
    nm.copy_template(target, lang)
    with pytest.raises(
        SamlabValueError, match=r"6 bad row\(s\).*row 7: referrals_per_year is empty"
    ):
        nm.read_network(target, lang="en")  # not filled in yet: every row is reported
    target.write_text("my own work")
    with pytest.raises(SamlabValueError, match="already exists"):
        nm.copy_template(target, "en")
    with pytest.raises(SamlabValueError, match="finnes allerede"):
        nm.copy_template(target, "nb")
    assert target.read_text() == "my own work"


def test_errors_speak_the_participants_language(tmp_path):
    target = nm.copy_template(tmp_path / "mitt_nettverk.csv", "nb")
    with pytest.raises(
        SamlabValueError,
        match=r"6 rad\(er\) med feil.*rad 7: henvisninger_per_år er tom; fyll inn et tall",
    ):
        nm.read_network(target, lang="nb")
    bad = "fra,til,henvisninger_per_år,tillit\nPPT,PPT,3,9\nPPT,BUP,x,2\n"
    with pytest.raises(SamlabValueError) as error:
        nm.read_network(bad, lang="nb")
    message = str(error.value)
    assert "rad 2: en tjeneste kan ikke henvise til seg selv ('PPT'); tillit må være" in message
    assert "rad 3: henvisninger_per_år må være et tall, 0 eller mer, ikke 'x'" in message
    with pytest.raises(SamlabValueError, match="lang must be"):
        nm.read_network(bad, lang="se")
