"""Every figure renders, has the expected labels in both languages, and draws real data."""

from __future__ import annotations

import functools

import matplotlib.colors
import pytest
from figure_checks import rendered, texts
from matplotlib.figure import Figure

import samlab
from samlab import SamlabValueError, figures
from samlab.labels import EVENTS, TEXT, service_label

LANGS = ("nb", "en")


@functools.cache
def run(scenario="silo", seed=1):
    return samlab.simulate(scenario, seed=seed, children=300, weeks=104)


def test_translations_cover_both_languages():
    for key, value in {**TEXT, **EVENTS}.items():
        assert set(value) == set(LANGS), key
        assert value["nb"] and value["en"], key


@pytest.mark.parametrize("lang", LANGS)
def test_timeseries_figure(lang):
    fig = figures.timeseries_figure(run(), lang)
    assert isinstance(fig, Figure)
    left, right = fig.axes
    assert len(left.lines) == 4 and all(len(line.get_xdata()) == 104 for line in left.lines)
    assert right.collections, "the stacked staff-time area is missing"
    words = texts(fig)
    assert TEXT["children_over_time"][lang] in words
    assert TEXT["lost_now"][lang] in words
    assert ("prognose" if lang == "nb" else "forecast") in words
    rendered(fig)


def test_the_dashboard_chart_is_drawn_once_and_updated_run_by_run():
    chart = figures.TimeseriesChart("nb")
    first, second = run(), run("everything", seed=2)
    fig = chart.update(first)
    assert chart.png().startswith(b"\x89PNG")
    assert chart.update(second) is fig  # the same figure, new data
    ts = second.timeseries()
    for column, line in chart.lines.items():
        assert list(line.get_ydata()) == list(ts[column]), column
    assert len(chart.right.collections) == 2  # the old staff-time areas are gone
    assert chart.title.get_text() and chart.note.get_text().endswith("2.")
    chart.png()
    chart.update(second)  # nothing that the layout depends on changed: it is kept
    assert fig.get_layout_engine() is None
    assert chart.png().startswith(b"\x89PNG")
    rendered(fig)


@pytest.mark.parametrize("lang", LANGS)
def test_network_figure_shows_referrals_bounces_and_losses(lang):
    result = run()
    graph = figures.network_graph(result)
    referrals = sum(d["referrals"] for _, _, d in graph.edges(data=True))
    bounced = sum(d["bounced"] for _, _, d in graph.edges(data=True))
    lost = sum(d["lost"] for _, _, d in graph.edges(data=True))
    table = result.referrals()
    between = table["source"].isin(samlab.services.SERVICES_BY_KEY) & (
        table["source"] != table["target"]
    )
    assert referrals == between.sum()
    assert bounced > 0 and lost > 0
    last = int(result.timeseries()["week"].max())
    load = result.service_load()
    load = load[load["week"] == last].set_index("service")["caseload"]
    assert graph.nodes["bup"]["caseload"] == load["bup"]
    fig = figures.network_figure(result, lang=lang)
    words = texts(fig)
    assert service_label("barnevern", lang, short=True) in words
    assert TEXT["bounced"][lang] in words
    assert "Glippsone" in words
    rendered(fig)


def test_network_steps_through_weeks():
    result = run()
    early = figures.network_graph(result, week=10)
    late = figures.network_graph(result, week=100)
    count = lambda g: sum(d["referrals"] for _, _, d in g.edges(data=True))  # noqa: E731
    assert count(early) < count(late)
    with pytest.raises(SamlabValueError, match="week"):
        figures.network_graph(result, week=500)


@pytest.mark.parametrize("lang", LANGS)
def test_journey_of_a_lost_child(lang):
    result = run()
    child = figures.find_child(result, "lost")
    assert result.children().set_index("child_id").loc[child, "ever_lost"]
    spans = figures.journey_intervals(result, child)
    assert set(spans["kind"]) <= {"waiting", "helped"}
    assert (spans["end"] >= spans["start"]).all()
    fig = figures.journey_figure(result, child, lang)
    words = texts(fig)
    assert EVENTS["lost_between_services"][lang] in words
    assert TEXT["child"][lang] in words
    rendered(fig)


def test_same_child_in_two_configurations():
    silo, bti = run("silo"), run("bti_anchored")
    child = figures.find_child(silo, "lost")
    # same seed and size: the same children with the same needs
    first = silo.journey(child).iloc[0]
    second = bti.journey(child).iloc[0]
    assert (first["week"], first["age"], first["detail"]) == (
        second["week"], second["age"], second["detail"]
    )  # fmt: skip
    fig = figures.journey_pair_figure(silo, bti, child, "nb")
    assert len(fig.axes) == 2
    rendered(fig)
    # the shared week axis shows the whole of both journeys, whichever is longer
    last_week = max(int(r.journey(child)["week"].max()) for r in (silo, bti))
    first_week = min(int(r.journey(child)["week"].min()) for r in (silo, bti))
    for ax in fig.axes:
        low, high = ax.get_xlim()
        assert low < first_week and high > last_week
    titles = [ax.get_title() for ax in fig.axes]
    assert all("(" in t for t in titles), titles  # the levers that differ are named
    low = samlab.simulate("silo", seed=1, children=300, weeks=104, user_participation=0.2)
    high = samlab.simulate("silo", seed=1, children=300, weeks=104, user_participation=0.9)
    pair = figures.journey_pair_figure(low, high, child, "nb")
    assert "Brukermedvirkning: 0,2" in pair.axes[0].get_title()
    assert "Brukermedvirkning: 0,9" in pair.axes[1].get_title()
    swapped = figures.journey_pair_figure(bti, silo, child, "nb")
    assert swapped.axes[0].get_xlim() == fig.axes[0].get_xlim()
    with pytest.raises(SamlabValueError, match="same seed"):
        figures.journey_pair_figure(silo, run("silo", seed=2), child)


def test_find_child_kinds():
    result = run()
    for kind in ("lost", "transition", "bounced", "helped"):
        assert figures.find_child(result, kind) in set(result.children()["child_id"])
    with pytest.raises(SamlabValueError, match="kind"):
        figures.find_child(result, "happy")


@pytest.fixture(scope="module")
def comparison():
    return samlab.compare(
        ["silo", "co_location", "bti_anchored"], seeds=3, children=200, weeks=80, processes=1
    )


@pytest.mark.parametrize("lang", LANGS)
def test_comparison_and_difference_figures(comparison, lang):
    fig = figures.comparison_figure(comparison, ["lost_between_services", "cost_nok"], lang)
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 2
    bars = fig.axes[0].patches
    assert len(bars) == 3
    means = comparison.query("measure == 'lost_between_services'")["mean"].tolist()
    assert [b.get_height() for b in bars] == pytest.approx(means)
    assert samlab.get_scenario("bti_anchored").title[lang] in texts(fig)
    rendered(fig)
    diff = figures.difference_figure(comparison, "bti_anchored", lang=lang)
    words = texts(diff)
    assert TEXT["better"][lang] in words
    rendered(diff)
    with pytest.raises(SamlabValueError, match="not in the table"):
        figures.difference_figure(comparison, "nope")


@pytest.mark.parametrize("lang", LANGS)
def test_heatmap_and_coordination_curve(lang):
    grid = samlab.lever_grid(
        "coordinator_coverage", [0.0, 0.8], "knowledge_of_others", [0.2, 0.8],
        seeds=2, children=150, weeks=60, processes=1,
    )  # fmt: skip
    assert len(grid) == 8
    fig = figures.heatmap_figure(grid, "bounced_referrals", lang)
    image = fig.axes[0].images[0].get_array()
    assert image.shape == (2, 2)
    words = texts(fig)
    assert samlab.lever_catalogue.LEVERS_BY_NAME["knowledge_of_others"].label[lang] in words
    rendered(fig)
    curve = samlab.coordination_curve([0.0, 1.0, 3.0], seeds=3, children=150, weeks=60,
                                      processes=1)  # fmt: skip
    assert sorted(curve["meeting_hours"].unique()) == [0.0, 1.0, 3.0]
    fig = figures.coordination_cost_figure(curve, lang)
    assert TEXT["coordination_curve"][lang] in texts(fig)
    rendered(fig)
    with pytest.raises(SamlabValueError, match="two different levers"):
        samlab.lever_grid("capacity", [1], "capacity", [1])


def test_figures_reject_unknown_language():
    with pytest.raises(SamlabValueError, match="lang"):
        figures.timeseries_figure(run(), "de")


@pytest.mark.parametrize("lang", LANGS)
def test_network_map_figure(lang):
    from samlab import network_map

    graph = network_map.read_network(network_map.data_path(f"fjordvik_network_{lang}.csv"))
    fig = figures.network_map_figure(graph, lang)
    words = texts(fig)
    assert network_map.broker(graph) in words
    assert TEXT["map_legend_weak"][lang] in words
    for node in graph.nodes:
        assert node in words
    rendered(fig)


def test_an_untaken_coordinator_role_is_not_drawn_as_a_coordinator():
    result = samlab.simulate("coordinator_no_mandate", seed=2, children=200, weeks=80)
    journeys = result.journeys()
    untaken = journeys[
        (journeys["event"] == "coordinator_assigned") & (journeys["detail"] != "active")
    ]
    child = int(untaken["child_id"].iloc[0])
    fig = figures.journey_figure(result, child, "en")
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert EVENTS["coordinator_untaken"]["en"] in labels
    assert EVENTS["coordinator_assigned"]["en"] not in labels


def test_differences_whose_interval_crosses_zero_are_grey(comparison):
    from samlab.labels import OKABE_ITO

    fig = figures.difference_figure(comparison, "bti_anchored", lang="en")
    table = comparison[comparison["configuration"] == "bti_anchored"].set_index("measure")
    bars = fig.axes[0].patches
    measures = [m for m in table.index if samlab.MEASURES.get(m, {}).get("better", 0) != 0]
    grey = matplotlib.colors.to_rgba(OKABE_ITO["grey"])
    kinds = set()
    for bar, measure in zip(bars, measures, strict=True):
        crosses = table.loc[measure, "diff_ci_low"] <= 0 <= table.loc[measure, "diff_ci_high"]
        assert (bar.get_facecolor() == grey) == bool(crosses), measure
        kinds.add(bool(crosses))
    assert kinds == {True, False}, "expected both clear and uncertain differences"
    assert "uncertain" in texts(fig)
