"""The widgets, driven as a participant would: set a value, check the re-run and the picture."""

from __future__ import annotations

import pytest

from samlab import widgets
from samlab.labels import TEXT


@pytest.fixture(scope="module")
def board():
    return widgets.dashboard("silo", lang="nb", children=200, weeks=60, compare_seeds=3)


def test_dashboard_has_a_control_for_every_lever(board):
    import samlab

    assert set(board.controls) == {lever["name"] for lever in samlab.levers()}
    slider = board.controls["capacity"]
    assert (slider.min, slider.max, slider.value) == (0.5, 2.0, 1.0)
    assert board.controls["capacity"].tooltip
    assert board.result is not None and board.chart.value.tobytes().startswith(b"\x89PNG")
    assert "Budsjett" in board.budget.value and "kr" in board.budget.value


def test_moving_a_lever_reruns_and_redraws(board):
    before_runs, before_png = board.runs, board.chart.value
    board.controls["coordinator_coverage"].value = 0.8
    assert board.runs == before_runs + 1
    assert board.result.levers["coordinator_coverage"] == 0.8
    assert board.chart.value != before_png
    assert board.message.value.count("Noe gikk galt") == 0


def test_budget_meter_follows_the_levers(board):
    board.controls["capacity"].value = 1.5
    assert "+50\u00a0%" in board.budget.value  # the board is in bokmål: +50 %
    board.controls["capacity"].value = 1.0


def test_choosing_a_scenario_sets_every_lever_and_runs_once(board):
    runs = board.runs
    board.scenario.value = "everything"
    assert board.runs == runs + 1
    assert board.controls["governance"].value == "nao"
    assert board.controls["co_location"].value is True
    assert board.result.scenario == "everything"
    board.scenario.value = "silo"


def test_bad_input_shows_a_message_and_keeps_working(board):
    good_png, runs = board.chart.value, board.runs
    board.children.value = -5
    assert "children" in board.message.value and "1 to" in board.message.value
    assert board.chart.value == good_png and board.runs == runs
    board.children.value = 200
    assert board.runs == runs + 1
    assert "Noe gikk galt" not in board.message.value


def test_compare_with_baseline_over_seeds(board):
    assert board.compare_chart.layout.display == "none"  # no empty picture before a comparison
    assert board.compare()
    assert board.compare_chart.layout.display is None
    table = board.comparison
    assert set(table["configuration"]) == {"silo", TEXT["chosen_package"]["nb"]}
    assert (table["n_seeds"] == 3).all()
    assert board.compare_chart.value.tobytes().startswith(b"\x89PNG")


def test_dashboard_in_english():
    board = widgets.dashboard("bti_anchored", lang="en", children=100, weeks=30)
    assert board.controls["shared_routines"].description == "Shared routines (BTI, stafettlogg)"
    assert "Budget" in board.budget.value
    assert board.result.scenario == "bti_anchored"


def test_network_view_steps_and_survives_a_bad_week():
    view = widgets.network_view(lang="en")
    first = view.image.value
    view.week.value = 20
    assert view.image.value != first
    assert not view.show(9999)
    assert "week" in view.message.value
    assert view.show(40)


def test_journey_view_picks_children_and_compares():
    view = widgets.journey_view(lang="nb")
    assert view.image.value.tobytes().startswith(b"\x89PNG")
    view.child.value = 10**6
    assert "no child with id" in view.message.value
    view.show_lost()
    assert "Noe gikk galt" not in view.message.value
    view.other.value = ""
    assert view.image.value.tobytes().startswith(b"\x89PNG")


def test_the_dashboard_says_when_the_levers_are_an_own_package():
    board = widgets.dashboard("bti_anchored", lang="en", children=100, weeks=30)
    assert board.package_note.value == ""  # the levers are the scenario's
    board.controls["coordinator_coverage"].value = 0.95
    assert "own package" in board.package_note.value
    assert board.result.scenario is None  # the chart no longer carries the scenario's title
    board.scenario.value = "silo"
    assert board.package_note.value == "" and board.result.scenario == "silo"


def test_the_measures_are_written_with_a_decimal_comma_in_bokmal():
    summary = dict.fromkeys(widgets.KEY_MEASURES, 30.5)
    assert "<b>30,5</b>" in widgets.measures_html(summary, "nb")
    assert "<b>30.5</b>" in widgets.measures_html(summary, "en")


def test_the_board_runs_without_journeys_and_says_so_when_asked_for_them(board):
    """The board shows measures and curves; it keeps no journeys, which makes each move of a
    lever faster, and asking its result for journeys names what to do instead."""
    import samlab

    assert board.result.kept_journeys is False
    with pytest.raises(samlab.SamlabValueError, match="record_journeys=True"):
        board.result.journeys()
    same = samlab.simulate("silo", seed=board.seed.value, children=200, weeks=60, **board.levers())
    assert same.summary() == board.result.summary()
    assert same.timeseries().equals(board.result.timeseries())
