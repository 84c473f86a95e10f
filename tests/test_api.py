"""The Python API: simulate, results, scenarios, levers, replicate and compare."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import samlab
from samlab import SamlabValueError
from samlab.results import EXTRA_MEASURES, JOURNEY_COLUMNS, MEASURES

REQUIRED_MEASURES = {
    "weeks_to_right_help_median",
    "weeks_to_right_help_mean",
    "handoffs_per_child",
    "lost_between_services",
    "duplicate_assessments",
    "unmet_need_weeks",
    "continuity_breaks",
    "coordination_hours",
    "direct_help_hours",
    "cost_nok",
    "lost_at_transition",
}
REQUIRED_SCENARIOS = {
    "silo",
    "co_location",
    "coordinator_no_mandate",
    "bti_anchored",
    "duty_2022",
    "everything",
}
REQUIRED_LEVERS = {
    "coordinator_coverage",
    "knowledge_of_others",
    "shared_routines",
    "co_location",
    "leadership_anchoring",
    "consent_routines",
    "user_participation",
    "staff_turnover",
    "capacity",
    "duty_to_collaborate",
    "governance",
    "meeting_hours",
}


def test_summary_has_every_measure(silo_run):
    summary = silo_run.summary()
    assert set(summary) >= REQUIRED_MEASURES
    assert set(summary) == set(MEASURES) | set(EXTRA_MEASURES)
    assert summary["children"] == 600
    for key, value in summary.items():
        assert isinstance(value, int | float), key
        assert value >= 0, key
    assert summary["weeks_to_right_help_median"] <= 156
    assert 0 < summary["right_help_share"] <= 1


def test_summary_is_a_copy(silo_run):
    summary = silo_run.summary()
    summary["lost_between_services"] = -1
    assert silo_run.summary()["lost_between_services"] >= 0


def test_timeseries_one_row_per_week(silo_run):
    ts = silo_run.timeseries()
    assert isinstance(ts, pd.DataFrame)
    assert list(ts["week"]) == list(range(156))
    for column in ("waiting_list", "lost_between_services", "direct_help_hours", "referrals"):
        assert column in ts.columns
    # weekly help hours add up to the run total
    assert ts["direct_help_hours"].sum() == pytest.approx(
        silo_run.summary()["direct_help_hours"], abs=1
    )
    assert ts["coordination_hours"].sum() == pytest.approx(
        silo_run.summary()["coordination_hours"], abs=1
    )


def test_journeys_one_row_per_event(silo_run):
    journeys = silo_run.journeys()
    assert list(journeys.columns) == JOURNEY_COLUMNS
    assert journeys["child_id"].nunique() == 600
    first = journeys.groupby("child_id").head(1)
    assert set(first["event"]) == {"needs_begin"}
    assert journeys["week"].is_monotonic_increasing
    events = set(journeys["event"])
    for expected in ("concern_noticed", "referred", "assessed", "help_started", "bounced"):
        assert expected in events


def test_one_child_journey(silo_run):
    lost = silo_run.children().query("ever_lost")
    assert len(lost) > 0
    child_id = int(lost["child_id"].iloc[0])
    journey = silo_run.journey(child_id)
    assert set(journey["child_id"]) == {child_id}
    assert "lost_between_services" in set(journey["event"])
    with pytest.raises(KeyError):
        silo_run.journey(10**9)


def test_children_table_agrees_with_summary(silo_run):
    children = silo_run.children()
    summary = silo_run.summary()
    assert len(children) == summary["children"]
    assert children["ever_lost"].sum() == summary["lost_between_services"]
    assert children["lost_at_transition"].sum() == summary["lost_at_transition"]
    assert children["handoffs"].mean() == pytest.approx(summary["handoffs_per_child"], abs=1e-3)
    assert children["weeks_to_right_help"].median() == summary["weeks_to_right_help_median"]
    assert children["unmet_need_weeks"].mean() == pytest.approx(
        summary["unmet_need_weeks"], abs=1e-2
    )


def test_same_seed_same_numbers():
    a = samlab.simulate("silo", seed=11, children=200, weeks=80)
    b = samlab.simulate("silo", seed=11, children=200, weeks=80)
    assert a.summary() == b.summary()
    pd.testing.assert_frame_equal(a.journeys(), b.journeys())
    pd.testing.assert_frame_equal(a.timeseries(), b.timeseries())


def test_different_seeds_differ():
    a = samlab.simulate("silo", seed=1, children=200, weeks=80)
    b = samlab.simulate("silo", seed=2, children=200, weeks=80)
    assert a.summary() != b.summary()


def test_record_journeys_off_changes_nothing_else():
    a = samlab.simulate("silo", seed=4, children=200, weeks=60)
    b = samlab.simulate("silo", seed=4, children=200, weeks=60, record_journeys=False)
    assert a.summary() == b.summary()
    assert a.timeseries().equals(b.timeseries())
    assert len(a.journeys()) > 0 and a.kept_journeys and not b.kept_journeys
    with pytest.raises(samlab.SamlabValueError, match="kept no journeys"):
        b.journeys()  # not an empty table that reads as "nothing happened"


def test_scenarios_are_described_in_both_languages():
    items = samlab.scenarios()
    ids = {item["id"] for item in items}
    assert ids >= REQUIRED_SCENARIOS
    for item in items:
        for lang in ("nb", "en"):
            assert len(item["description"][lang]) > 100
            assert item["title"][lang]
        assert item["source"]
        assert set(item["levers"]) == REQUIRED_LEVERS


def test_levers_have_range_default_and_source():
    items = {item["name"]: item for item in samlab.levers()}
    assert set(items) == REQUIRED_LEVERS
    for item in items.values():
        assert item["source"]
        assert item["label"]["nb"] and item["label"]["en"]
        assert item["description"]["nb"] and item["description"]["en"]
        if item["type"] == "float":
            assert item["minimum"] <= item["default"] <= item["maximum"]
    assert items["governance"]["choices"] == ["shared", "lead_organisation", "nao"]


def test_scenario_levers_are_applied():
    result = samlab.simulate("coordinator_no_mandate", seed=3, children=100, weeks=30)
    assert result.levers["coordinator_coverage"] == 0.8
    assert result.levers["leadership_anchoring"] == 0.0
    override = samlab.simulate("everything", seed=3, children=100, weeks=30, meeting_hours=0.5)
    assert override.levers["meeting_hours"] == 0.5
    assert override.levers["governance"] == "nao"


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"scenario": "silos"}, ["scenario", "'silos'", "silo", "everything"]),
        ({"coordinator": 0.5}, ["lever", "'coordinator'", "coordinator_coverage"]),
        ({"capacity": 3.0}, ["capacity", "0.5 to 2", "3.0"]),
        ({"knowledge_of_others": -0.1}, ["knowledge_of_others", "0 to 1"]),
        ({"knowledge_of_others": "high"}, ["knowledge_of_others", "'high'"]),
        ({"knowledge_of_others": float("nan")}, ["knowledge_of_others"]),
        ({"knowledge_of_others": True}, ["knowledge_of_others", "bool"]),
        ({"co_location": "maybe"}, ["co_location", "true or false"]),
        ({"governance": "anarchy"}, ["governance", "'shared'", "'nao'"]),
        ({"children": -5}, ["children", "-5", "1 to"]),
        ({"children": 0}, ["children"]),
        ({"children": 10.5}, ["children", "whole number"]),
        ({"children": "600"}, ["children", "'600'"]),
        ({"weeks": 0}, ["weeks"]),
        ({"seed": -1}, ["seed"]),
        ({"seed": 1.5}, ["seed"]),
        ({"seed": True}, ["seed"]),
    ],
)
def test_bad_input_names_the_parameter_and_what_is_allowed(kwargs, words):
    with pytest.raises(SamlabValueError) as info:
        samlab.simulate(**kwargs)
    message = str(info.value)
    for word in words:
        assert word in message
    assert isinstance(info.value, ValueError)


def test_friendly_spellings_are_accepted():
    values = samlab.resolve(
        "silo", co_location="ja", duty_to_collaborate="true", governance="Lead organisation"
    )
    assert values["co_location"] is True
    assert values["duty_to_collaborate"] is True
    assert values["governance"] == "lead_organisation"
    assert samlab.resolve("silo", capacity=1)["capacity"] == 1.0


def test_budget_counts_capacity_nao_and_co_location():
    base = samlab.budget(samlab.resolve("silo"), 600, 156)
    more = samlab.budget(samlab.resolve("silo", capacity=1.5), 600, 156)
    assert more["cost_nok"] == pytest.approx(base["cost_nok"] * 1.5)
    nao = samlab.budget(samlab.resolve("silo", governance="nao"), 600, 156)
    assert nao["nao_hours_per_week"] > 0 and nao["cost_nok"] > base["cost_nok"]
    co = samlab.budget(samlab.resolve("silo", co_location=True), 600, 156)
    assert co["cost_nok"] > base["cost_nok"]
    result = samlab.simulate("silo", seed=2, children=600, weeks=20, capacity=1.5)
    assert result.summary()["cost_nok"] == round(samlab.budget(result.levers, 600, 20)["cost_nok"])


def test_replicate_gives_intervals():
    table = samlab.replicate("silo", seeds=4, children=150, weeks=60, processes=1)
    assert set(table["measure"]) == set(MEASURES)
    assert (table["n_seeds"] == 4).all()
    varying = table[table["sd"] > 0]
    assert len(varying) > 5
    assert (varying["ci_low"] < varying["mean"]).all()
    assert (varying["mean"] < varying["ci_high"]).all()


def test_compare_is_paired_against_the_first():
    table = samlab.compare(
        ["silo", "bti_anchored"],
        seeds=[3, 4, 5],
        children=150,
        weeks=60,
        measures=["lost_between_services", "cost_nok"],
        processes=1,
    )
    assert list(table["configuration"].unique()) == ["silo", "bti_anchored"]
    base = table[table["configuration"] == "silo"]
    assert (base["diff"] == 0).all()
    other = table[table["configuration"] == "bti_anchored"].set_index("measure")
    silo = base.set_index("measure")
    assert other.loc["lost_between_services", "diff"] == pytest.approx(
        other.loc["lost_between_services", "mean"] - silo.loc["lost_between_services", "mean"]
    )


def test_compare_with_named_configurations_and_processes():
    configs = {
        "few": {"scenario": "silo", "coordinator_coverage": 0.0},
        "many": {"scenario": "silo", "coordinator_coverage": 0.9},
    }
    serial = samlab.runs(configs, seeds=2, children=120, weeks=40, processes=1)
    parallel = samlab.runs(configs, seeds=2, children=120, weeks=40, processes=2)
    pd.testing.assert_frame_equal(serial, parallel)
    assert list(serial["configuration"]) == ["few", "few", "many", "many"]


def test_compare_rejects_bad_configurations_before_running():
    with pytest.raises(SamlabValueError, match="meeting_hours"):
        samlab.compare({"a": {"scenario": "silo"}, "b": {"meeting_hours": 99}}, seeds=2)
    with pytest.raises(SamlabValueError, match="unknown measure"):
        samlab.compare(["silo"], seeds=2, measures=["happiness"])
    with pytest.raises(SamlabValueError, match="seeds"):
        samlab.replicate("silo", seeds=0)


def test_mean_ci_matches_a_hand_computed_interval():
    from samlab.experiments import mean_ci

    mean, sd, _low, high = mean_ci([1.0, 2.0, 3.0, 4.0])
    assert mean == 2.5
    assert sd == pytest.approx(1.2909944)
    assert high - mean == pytest.approx(3.182 * 1.2909944 / 2)
    assert math.isnan(mean_ci([5.0])[2])


@pytest.mark.parametrize(("children", "weeks"), [(1, 1), (1, 60), (3, 27)])
def test_tiny_runs_work(children, weeks):
    result = samlab.simulate("everything", seed=1, children=children, weeks=weeks)
    # every child's needs begin inside the run (the last onsets leave room for follow-up)
    assert result.summary()["children"] == children
    assert len(result.children()) == children
    assert result.timeseries()["new_children"].sum() == children
    assert len(result.timeseries()) == weeks


def test_group_configurations_put_the_baseline_first_and_keep_each_groups_choices():
    from samlab.experiments import group_configurations

    configs = group_configurations(
        {"A": {"coordinator_coverage": 0.8}, "B": {"scenario": "duty_2022", "capacity": 1.1}}
    )
    assert list(configs) == ["silo", "A", "B"]
    assert configs["silo"] == {"scenario": "silo"}
    assert configs["A"] == {"scenario": "silo", "coordinator_coverage": 0.8}
    assert configs["B"] == {"scenario": "duty_2022", "capacity": 1.1}
    assert list(group_configurations({"A": {}}, baseline="bti_anchored")) == ["bti_anchored", "A"]


@pytest.mark.parametrize(
    ("groups", "words"),
    [
        ({"A": {"coordinator_coverag": 0.8}}, ["'A'", "unknown lever", "coordinator_coverage"]),
        ({"B": {"capacity": 5}}, ["'B'", "capacity", "0.5 to 2"]),
        ({"C": {"scenario": "silos"}}, ["'C'", "unknown scenario", "bti_anchored"]),
        ({"D": 0.8}, ["'D'", "dict"]),
        ({"silo": {}}, ["'silo'", "baseline"]),
        ({}, ["group"]),
    ],
)
def test_group_configurations_name_the_group_with_a_bad_choice(groups, words):
    from samlab.experiments import group_configurations

    with pytest.raises(SamlabValueError) as info:
        group_configurations(groups)
    assert info.value.__context__ is None or info.value.__suppress_context__
    for word in words:
        assert word in str(info.value)
