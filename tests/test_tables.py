"""Tables a leader reads: plain labels and numbers written for the language."""

import math

import pandas as pd
import pytest

import samlab
from samlab import network_map, tables


@pytest.mark.parametrize(
    ("value", "lang", "digits", "expected"),
    [
        (1234567.25, "nb", 1, "1\u00a0234\u00a0567,2"),
        (1234567.25, "en", 1, "1,234,567.2"),
        (-0.5, "nb", 1, "−0,5"),
        (0.50, "nb", 2, "0,5"),
        (3.0, "en", 2, "3"),
        (201.6, "nb", 2, "201,6"),
        (math.nan, "nb", 1, "–"),
        (pd.NA, "nb", 1, "–"),
        (None, "en", 1, "–"),
        ("PPT", "nb", 1, "PPT"),
        (True, "en", 1, "True"),
    ],
)
def test_number_is_written_for_the_language(value, lang, digits, expected):
    assert tables.number(value, lang, digits) == expected


def test_labels_cover_measures_modes_scenarios_and_columns():
    assert tables.label("cost_nok", "nb") == samlab.MEASURES["cost_nok"]["label"]["nb"]
    assert tables.label("nao", "en") == "Network administrative organisation (NAO)"
    assert tables.label("silo", "nb") == samlab.get_scenario("silo").title["nb"]
    assert tables.label("betweenness", "nb") == "Mellomhet (megler)"
    assert tables.label("not_a_name", "en") == "not_a_name"
    # "co_location" is a lever and a scenario: as a name it is the lever, as a configuration
    # in a comparison it is the scenario
    assert tables.label("co_location", "en") == "Co-location (Familiens hus)"
    compared = pd.DataFrame({"configuration": ["co_location"], "measure": ["cost_nok"]})
    assert (
        tables.readable(compared, "en").iloc[0, 0] == samlab.get_scenario("co_location").title["en"]
    )
    assert tables.label(3, "en") == 3
    with pytest.raises(ValueError, match="lang"):
        tables.label("cost_nok", "de")


def test_readable_relabels_index_columns_and_multiindex_without_changing_numbers():
    budgets = {
        mode: samlab.budget(
            samlab.resolve(scenario="bti_anchored", governance=mode), children=600, weeks=156
        )
        for mode in ("shared", "nao")
    }
    table = pd.DataFrame(budgets)
    out = tables.readable(table, "en")
    assert list(out.columns) == ["Shared governance", "Network administrative organisation (NAO)"]
    assert "Hours in the network unit (NAO) per week" in out.index
    assert out.to_numpy().tolist() == table.to_numpy().tolist()
    wide = pd.DataFrame({("diff", "nao"): [1.0], ("diff_ci_low", "nao"): [0.5]}, index=["cost_nok"])
    wide.columns.names = [None, "configuration"]
    out = tables.readable(wide, "nb")
    assert out.columns.names == [None, "Oppsett"]
    assert ("Forskjell", "Nettverksenhet (NAO)") in out.columns
    with pytest.raises(TypeError, match="DataFrame or Series"):
        tables.readable([1, 2], "nb")


def test_show_writes_decimal_commas_in_bokmal():
    graph = network_map.read_network(network_map.data_path("fjordvik_network_nb.csv"))
    html = tables.show(network_map.service_table(graph).set_index("service"), "nb", 2).to_html()
    assert "Tillit fra andre (1–4)" in html
    assert ">0,83<" in html and ">0.83<" not in html
    assert ">–<" in html  # no one refers to the school: a dash, not NaN
    english = tables.show(network_map.service_table(graph).set_index("service"), "en", 2).to_html()
    assert ">0.83<" in english


def test_verdicts_follow_the_whole_interval():
    rows = []
    for config, diff, low, high in [
        ("base", 0.0, 0.0, 0.0),
        ("clear_better", -3.0, -5.0, -1.0),
        ("clear_worse", 3.0, 1.0, 5.0),
        ("crosses", -3.0, -5.0, 1.0),
    ]:
        rows.append(
            {
                "configuration": config,
                "measure": "weeks_to_right_help_median",
                "diff": diff,
                "diff_ci_low": low,
                "diff_ci_high": high,
            }
        )
    out = tables.verdicts(pd.DataFrame(rows), "en")
    assert out.loc["Weeks to right help (median)"].tolist() == [
        "better",
        "worse",
        "uncertain (interval crosses 0)",
    ]
