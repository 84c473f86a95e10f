"""Run-chart rules (Perla, Provost & Murray 2011), the verdict, evidence levels and the figure."""

from __future__ import annotations

from math import comb

import pytest
from figure_checks import rendered, texts
from matplotlib.figure import Figure

from samlab import SamlabValueError
from samlab import improvement as im

# 12 baseline points around 7.1, then a fall: a shift (15–24) and a trend (13–17).
FJORD = [7.4, 6.2, 8.1, 6.8, 7.9, 6.5, 7.7, 8.4, 6.9, 7.2, 6.4, 7.0]
FJORD += [8.0, 7.6, 6.9, 6.3, 5.8, 6.0, 5.5, 5.9, 5.2, 5.6, 5.0, 5.3]


def test_median_line_of_all_points_or_the_baseline():
    assert im.median_line([3, 1, 2]) == 2
    assert im.median_line([1, 2, 3, 4]) == 2.5
    assert im.median_line(FJORD, baseline=12) == pytest.approx(7.1)
    assert im.median_line([5, 1, 100, 100], baseline=2) == 3


@pytest.mark.parametrize(
    ("values", "baseline", "message"),
    [
        ([], None, "empty"),
        ([1, "x", 3], None, "point 2"),
        ([1, float("nan")], None, "point 2"),
        ([1, True], None, "point 2"),
        ("123", None, "list of numbers"),
        ([1, 2, 3], 0, "between 1 and"),
        ([1, 2, 3], 4, "between 1 and"),
        ([1, 2, 3], 1.5, "whole number"),
    ],
)
def test_bad_input_is_named(values, baseline, message):
    with pytest.raises(SamlabValueError, match=message):
        im.median_line(values, baseline)


def test_shift_of_six_fires_and_five_does_not():
    six_below = [5, 5, 5, 5, 5, 5, 9, 9]
    found = im.shifts(six_below, 7)
    assert found.to_dict("records") == [{"first": 1, "last": 6, "points": 6, "side": "below"}]
    assert im.shifts([5, 5, 5, 5, 5, 9, 9, 9], 7).empty
    assert im.longest_run([5, 5, 5, 5, 5, 9, 9, 9], 7) == 5


def test_points_on_the_median_neither_break_nor_add_to_a_shift():
    # five below, one on the median, one below: six counted, span 1–7.
    values = [5, 5, 5, 7, 5, 5, 5, 9]
    found = im.shifts(values, 7)
    assert found.to_dict("records") == [{"first": 1, "last": 7, "points": 6, "side": "below"}]
    # five below with a median point in between is still only five.
    assert im.shifts([5, 5, 7, 5, 5, 5, 9], 7).empty
    assert im.longest_run([7, 7, 7], 7) == 0


def test_two_shifts_on_either_side():
    values = [1] * 6 + [9] * 7
    found = im.shifts(values, 5)
    assert found["side"].tolist() == ["below", "above"]
    assert found["points"].tolist() == [6, 7]
    assert found["first"].tolist() == [1, 7]


def test_trend_of_five_fires_and_four_does_not():
    assert im.trends([1, 2, 3, 4, 5]).to_dict("records") == [
        {"first": 1, "last": 5, "points": 5, "direction": "up"}
    ]
    assert im.trends([1, 2, 3, 4, 3, 2]).empty
    assert im.longest_trend([1, 2, 3, 4, 3, 2]) == 4


def test_equal_neighbours_neither_break_nor_count_in_a_trend():
    # 9 8 8 7 6 5: the repeated 8 counts once, so five points fall; the span is 1–6.
    assert im.trends([9, 8, 8, 7, 6, 5]).to_dict("records") == [
        {"first": 1, "last": 6, "points": 5, "direction": "down"}
    ]
    # 9 8 8 7 6: only four distinct falling points, so no trend.
    assert im.trends([9, 8, 8, 7, 6]).empty
    assert im.longest_trend([4, 4, 4]) == 1


def test_a_peak_ends_one_trend_and_starts_the_next():
    found = im.trends([1, 2, 3, 4, 5, 4, 3, 2, 1])
    assert found[["first", "last", "direction"]].values.tolist() == [[1, 5, "up"], [5, 9, "down"]]


def test_runs_are_counted_without_median_points():
    result = im.runs([1, 9, 5, 9, 1, 1, 5, 1, 9, 9], 5)
    # useful: 1 9 9 1 1 1 9 9 -> runs: (1) (9 9) (1 1 1) (9 9) = 4, 8 useful -> too short.
    assert result == {"runs": 4, "useful": 8, "lower": None, "upper": None, "signal": "too_short"}


def test_runs_limits_come_from_the_exact_distribution():
    # For 10 points split 5/5: P(2 runs) = 2/252, P(<=3 runs) = 10/252 > 2.5 %.
    assert im.runs_limits(10) == (3, 9)
    pmf = im._runs_pmf(5, 5)
    assert sum(pmf.values()) == pytest.approx(1)
    assert pmf[2] == pytest.approx(2 / comb(10, 5))
    for n in range(10, 41):
        low, high = im.runs_limits(n)
        pmf = im._runs_pmf(n // 2, n - n // 2)
        assert sum(p for r, p in pmf.items() if r < low) <= 0.025
        assert sum(p for r, p in pmf.items() if r < low + 1) > 0.025
        assert sum(p for r, p in pmf.items() if r > high) <= 0.025
        assert sum(p for r, p in pmf.items() if r > high - 1) > 0.025
        assert 2 < low < high < n
    with pytest.raises(SamlabValueError):
        im.runs_limits(1)


def test_too_few_and_too_many_runs():
    few = [1] * 6 + [9] * 6
    assert im.runs(few, 5)["signal"] == "too_few"
    many = [1, 9] * 6
    result = im.runs(many, 5)
    assert result["runs"] == 12 and result["signal"] == "too_many"
    fine = [1, 1, 9, 1, 9, 9, 1, 9, 1, 1, 9, 9]
    assert im.runs(fine, 5)["signal"] is None


def test_the_fjordvik_series():
    median = im.median_line(FJORD, 12)
    assert im.shifts(FJORD, median)[["first", "last"]].values.tolist() == [[15, 24]]
    assert im.trends(FJORD)[["first", "last", "direction"]].values.tolist() == [[13, 17, "down"]]
    assert im.runs(FJORD, median)["runs"] == 12
    assert im.improvement_verdict(FJORD, 12) == "yes"


def test_verdict_yes_no_and_too_early():
    base = [7, 5, 8, 6, 7.5, 5.5, 6.5, 7.2, 5.8, 6.8]  # median 6.65
    assert im.improvement_verdict([*base, 4, 4.5, 4.2], 10) == "too_early"
    assert im.improvement_verdict([*base, 7, 6, 7.1, 6.2, 6.9, 6.1], 10) == "no"
    assert im.improvement_verdict([*base, 4, 4.5, 4.2, 4.4, 4.1, 4.3], 10) == "yes"
    # Higher is better: the same fall is not an improvement.
    assert im.improvement_verdict([*base, 4, 4.5, 4.2, 4.4, 4.1, 4.3], 10, False) == "no"
    # A falling trend after the change is enough even without a shift yet.
    assert im.improvement_verdict([*base, 7.0, 6.3, 6.0, 5.0, 4.0], 10) == "yes"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_signals_table_has_readable_labels(lang):
    table = im.signals(FJORD, baseline_points=12, lang=lang)
    rule, signal = {"nb": ("Regel", "Signal"), "en": ("Rule", "Signal")}[lang]
    yes = {"nb": "ja", "en": "yes"}[lang]
    assert len(table) == 4
    assert table[signal].tolist()[:3] == [yes, yes, {"nb": "nei", "en": "no"}[lang]]
    assert table.iloc[0, 2] == 15 and table.iloc[0, 3] == 24
    assert "7,1" in table.iloc[0, 4] if lang == "nb" else "7.1" in table.iloc[0, 4]
    astro = {"nb": "Astronomisk punkt", "en": "Astronomical point"}[lang]
    assert table[rule].tolist()[-1] == astro
    short = im.signals([1, 2, 3], lang=lang)
    assert {"nb": "for kort serie", "en": "series too short"}[lang] in short[signal].tolist()
    with pytest.raises(SamlabValueError):
        im.signals(FJORD, lang="de")


def test_evidence_levels_and_the_simplified_rule():
    table = im.evidence_levels("nb")
    assert table.index.tolist() == [5, 4, 3, 2, 1, 0]
    assert table.loc[3, "Navn"] == "Noe dokumentasjon"
    assert im.evidence_levels("en").loc[2, "Name"] == "Theoretically grounded"
    assert im.evidence_level("none") == 2
    assert im.evidence_level("none", theory=False) == 1
    assert im.evidence_level("pre_post", 1, "yes") == 3
    assert im.evidence_level("pre_post", 1, "no") == 2
    assert im.evidence_level("controlled", 1, "yes") == 4
    assert im.evidence_level("controlled", 0, "yes") == 3
    assert im.evidence_level("controlled", 2, "yes", lasting=True) == 4
    assert im.evidence_level("controlled", 2, "yes", lasting=True, quality_assurance=True) == 5
    assert im.evidence_level("controlled", 1, "no") == 0
    for bad in (("rct",), ("none", 0, "yes"), ("pre_post", -1, "yes"), ("pre_post", 1, "maybe")):
        with pytest.raises(SamlabValueError):
            im.evidence_level(*bad)


def test_verdict_aliases():
    aliases = im.verdict_aliases()
    assert aliases["for tidlig"] == "too_early" and aliases["ja"] == "yes"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_run_chart_figure(lang):
    fig = im.run_chart_figure(FJORD, baseline_points=12, lang=lang, ylabel="uker / weeks")
    assert isinstance(fig, Figure)
    drawn = texts(fig)
    assert {"nb": "Median før endringen", "en": "Median before the change"}[lang] in drawn
    assert {"nb": "Skift", "en": "Shift"}[lang] in drawn
    assert "Perla" in drawn
    rendered(fig)
    plain = im.run_chart_figure([3, 1, 2, 5, 4], lang=lang)
    assert {"nb": "Seriediagram", "en": "Run chart"}[lang] in texts(plain)
    assert fig._repr_png_().startswith(b"\x89PNG")
    bare = im.run_chart_figure(FJORD, baseline_points=12, lang=lang, mark_signals=False)
    assert {"nb": "Skift", "en": "Shift"}[lang] not in texts(bare)
