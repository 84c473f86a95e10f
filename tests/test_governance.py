"""Provan & Kenis governance modes: trust density, suggested mode, tables and errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from samlab import SamlabValueError, checks, governance
from samlab.labels import CHOICE_LABELS
from samlab.mechanisms import GOVERNANCE

THREE = {
    "A": {"B": 4, "C": 1},
    "B": {"A": 3, "C": 2},
    "C": {"A": 4, "B": 3},
}


def test_modes_are_the_simulation_levers():
    assert set(governance.MODES) == set(GOVERNANCE) == set(governance.FIT)
    for mode in governance.MODES:
        assert set(governance.FIT[mode]) == set(governance.CONTINGENCIES)
        assert governance.mode_name(mode, "nb") == CHOICE_LABELS[mode]["nb"]


def test_trust_density_counts_ordered_pairs_at_or_above_the_threshold():
    # Ordered pairs with trust >= 3: A->B, B->A, C->A, C->B = 4 of 3*2 = 6.
    assert governance.trust_density(THREE) == pytest.approx(4 / 6)
    assert governance.trust_density(THREE, threshold=4) == pytest.approx(2 / 6)
    assert governance.trust_density(THREE, threshold=1) == 1.0


def test_trust_density_reads_a_dataframe_with_an_empty_or_filled_diagonal():
    frame = pd.DataFrame(THREE).T  # rows score columns
    frame = frame.loc[["A", "B", "C"], ["C", "A", "B"]]  # column order does not matter
    assert governance.trust_density(frame) == pytest.approx(4 / 6)
    frame.loc["A", "A"] = 4  # a self-score is allowed and ignored
    assert governance.trust_density(frame) == pytest.approx(4 / 6)
    csv = "service,A,B,C\nA,,4,1\nB,3,,2\nC,4,3,\n"
    from io import StringIO

    assert governance.trust_density(pd.read_csv(StringIO(csv), index_col=0)) == pytest.approx(4 / 6)


def test_direction_matters():
    one_way = {"A": {"B": 4}, "B": {"A": 1}}
    assert governance.trust_density(one_way) == 0.5


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ({"A": {"B": 3, "C": 3}, "B": {"A": 3, "C": 3}}, "square"),
        ({"A": {"B": 3}, "X": {"A": 3}}, "same services"),
        ({"A": {"B": 5}, "B": {"A": 3}}, "row 'A', column 'B'"),
        ({"A": {"B": 0}, "B": {"A": 3}}, "whole numbers 1–4"),
        ({"A": {"B": 2.5}, "B": {"A": 3}}, "row 'A', column 'B'"),
        ({"A": {"B": "high"}, "B": {"A": 3}}, "is not a score"),
        ({"A": {"B": None}, "B": {"A": 3}}, "missing"),
        ({"A": {"A": 3}}, "at least two"),
        ({"A": [3, 4]}, "row 'A'"),
        ([[1, 2], [3, 4]], "DataFrame or a dict"),
    ],
)
def test_bad_matrices_are_named(matrix, message):
    with pytest.raises(SamlabValueError, match=message):
        governance.trust_density(matrix)


def test_missing_cell_in_a_dataframe_names_row_and_column():
    frame = pd.DataFrame(THREE).T.loc[["A", "B", "C"], ["A", "B", "C"]]
    frame.loc["B", "C"] = np.nan
    with pytest.raises(SamlabValueError, match=r"row 'B', column 'C'.*missing"):
        governance.trust_density(frame)


@pytest.mark.parametrize("threshold", [0, 5, "3", True])
def test_bad_threshold(threshold):
    with pytest.raises(SamlabValueError, match="threshold"):
        governance.trust_density(THREE, threshold=threshold)


def test_levels_from_numbers():
    assert governance.density_level(0.39) == "low"
    assert governance.density_level(0.40) == "moderate"
    assert governance.density_level(0.699) == "moderate"
    assert governance.density_level(0.70) == "high"
    assert governance.participants_level(6) == "few"
    assert governance.participants_level(7) == "moderate"
    assert governance.participants_level(13) == "many"
    for bad in (-0.1, 1.2, math.nan, "0.5"):
        with pytest.raises(SamlabValueError, match="trust density"):
            governance.density_level(bad)
    with pytest.raises(SamlabValueError, match="participants"):
        governance.participants_level(1)


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        ((0.9, 5, "high", "low"), "shared"),
        ((0.2, 9, "low", "moderate"), "lead_organisation"),
        ((0.55, 10, "high", "high"), "nao"),
        (("moderat", "mange", "høy", "høy"), "nao"),
    ],
)
def test_suggest_mode_picks_the_mode_that_fits(inputs, expected):
    suggestion = governance.suggest_mode(*inputs)
    assert suggestion.modes == (expected,)
    assert suggestion.mode == expected and not suggestion.tie
    assert suggestion.scores[expected] == 4


def test_suggest_mode_scores_are_counts_and_ties_are_reported():
    suggestion = governance.suggest_mode("moderate", "moderate", "moderate", "low")
    # shared: need = 1; lead: participants, consensus = 2; nao: trust, participants, consensus = 3
    assert suggestion.scores == {"shared": 1, "lead_organisation": 2, "nao": 3}
    tie = governance.suggest_mode("high", "moderate", "moderate", "moderate")
    # shared: trust; lead: participants, consensus, need = 3; nao: participants, consensus = 2
    assert tie.scores == {"shared": 1, "lead_organisation": 3, "nao": 2}
    tied = governance.suggest_mode("high", "few", "moderate", "high")
    assert tied.scores == {"shared": 2, "lead_organisation": 1, "nao": 2}
    assert tied.tie and tied.mode is None and tied.modes == ("shared", "nao")
    table = tied.table("nb")
    assert list(table.index) == [governance.mode_name(m, "nb") for m in governance.MODES]
    assert table["Treff (av 4)"].tolist() == [2, 1, 2]


@pytest.mark.parametrize(
    "args",
    [
        ("very high", 5, "high", "low"),
        (0.5, "lots", "high", "low"),
        (0.5, 5, "enormous", "low"),
        (0.5, 5, "high", 3),
        (1.5, 5, "high", "low"),
        (0.5, 1, "high", "low"),
    ],
)
def test_suggest_mode_rejects_bad_levels(args):
    with pytest.raises(SamlabValueError):
        governance.suggest_mode(*args)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_tables_have_readable_labels(lang):
    table = governance.mode_table(lang)
    assert table.shape == (3, 4)
    assert list(table.index) == [CHOICE_LABELS[m][lang] for m in governance.MODES]
    assert governance.CONTINGENCY_LABELS["trust_density"][lang] in table.columns
    tensions = governance.tension_table(lang)
    assert len(tensions) == 3
    with pytest.raises(SamlabValueError):
        governance.mode_table("de")


def test_aliases_accept_both_languages_in_the_checks():
    modes = governance.mode_aliases()
    for answer in ("Nettverksenhet", "NAO", "network administrative organization", "nao"):
        checks.same_category(answer, "nao", "mode", lang="en", aliases=modes)
    checks.same_category("Lead-Organisation", "lead_organisation", "mode", aliases=modes)
    checks.same_category("Delt styring", "shared", "mode", aliases=modes)
    with pytest.raises(AssertionError):
        checks.same_category("Delt styring", "nao", "mode", aliases=modes)
    tensions = governance.tension_aliases()
    for answer in (
        "Intern mot ekstern legitimitet",
        "internal vs external legitimacy",
        "legitimitet",
    ):
        checks.same_category(answer, "internal_external_legitimacy", "t", aliases=tensions)
    checks.same_category("høy", "high", "level", aliases=governance.level_aliases())
    with pytest.raises(SamlabValueError):
        governance.mode_name("network", "en")
