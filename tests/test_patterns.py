"""The eight patterns from the source documents, each checked over many seeds.

Each test compares configurations on the same seeds (paired) with the classroom size
(600 children, 156 weeks) and asserts a direction with a margin: the whole 95 % interval
of the difference must lie on the expected side, and the effect must be of a stated size.
One lucky seed cannot pass these tests. The patterns are listed in simulations/ODD.md, section 1.
"""

from __future__ import annotations

import pandas as pd
import pytest

import samlab

pytestmark = pytest.mark.patterns

SEEDS = list(range(101, 113))  # 12 seeds
AGE_LIMITS = (16.0, 18.0, 19.0, 20.0)


def paired(configs: dict[str, dict], measures: list[str]) -> pd.DataFrame:
    table = samlab.compare(configs, seeds=SEEDS, measures=measures, processes=1)
    return table.set_index(["configuration", "measure"])


def diff(table, name, measure):
    row = table.loc[(name, measure)]
    return row["diff"], row["diff_ci_low"], row["diff_ci_high"], row["mean"]


def assert_lower(table, name, measure, baseline_mean, at_least):
    """``name`` is lower than the baseline on ``measure`` by at least ``at_least`` (share)."""
    d, low, high, _ = diff(table, name, measure)
    assert high < 0, (
        f"{name}: {measure} not reliably lower (diff {d:.2f}, CI {low:.2f}..{high:.2f})"
    )
    assert -d >= at_least * baseline_mean, (
        f"{name}: {measure} fell by {-d:.2f}, less than {at_least:.0%} of {baseline_mean:.2f}"
    )


def base_mean(table, name, measure):
    return table.loc[(name, measure), "mean"]


def test_1_coordinator_reduces_handoffs_and_losses():
    anchored = {"leadership_anchoring": 0.6}
    table = paired(
        {
            "no_coordinator": {"coordinator_coverage": 0.0, **anchored},
            "coordinator": {"coordinator_coverage": 0.9, **anchored},
        },
        ["handoffs_per_child", "lost_between_services", "lost_composite_share"],
    )
    for measure, share in (
        ("handoffs_per_child", 0.03),
        ("lost_between_services", 0.3),
        ("lost_composite_share", 0.3),
    ):
        assert_lower(
            table, "coordinator", measure, base_mean(table, "no_coordinator", measure), share
        )


def test_2_not_knowing_others_bounces_referrals_and_delays_help():
    table = paired(
        {
            "knows_others": {"knowledge_of_others": 0.8},
            "does_not": {"knowledge_of_others": 0.2},
        },
        ["bounced_referrals", "weeks_to_right_help_mean", "handoffs_per_child"],
    )
    for measure, factor in (
        ("bounced_referrals", 2.0),
        ("weeks_to_right_help_mean", 0.1),
        ("handoffs_per_child", 0.3),
    ):
        d, low, _, _ = diff(table, "does_not", measure)
        assert low > 0, f"low knowledge: {measure} not reliably higher"
        assert d >= factor * base_mean(table, "knows_others", measure), measure


def test_3_co_location_alone_helps_little():
    routines = {"shared_routines": 0.8, "leadership_anchoring": 0.8}
    table = paired(
        {
            "silo": {},
            "co_location_alone": {"co_location": True},
            "routines": routines,
            "routines_and_co_location": {**routines, "co_location": True},
        },
        ["bounced_referrals", "weeks_to_right_help_mean", "lost_between_services"],
    )
    # Alone: at most a small change in time to help and losses (under 5 %).
    for measure in ("weeks_to_right_help_mean", "lost_between_services"):
        d, *_ = diff(table, "co_location_alone", measure)
        assert abs(d) < 0.05 * base_mean(table, "silo", measure), measure
    # With routines and anchoring, co-location removes far more bounced referrals.
    alone = -diff(table, "co_location_alone", "bounced_referrals")[0]
    with_routines = base_mean(table, "routines", "bounced_referrals") - base_mean(
        table, "routines_and_co_location", "bounced_referrals"
    )
    assert with_routines > 3 * max(alone, 1.0)


def test_4_structure_without_anchoring_achieves_little():
    structure = {"shared_routines": 0.8, "coordinator_coverage": 0.8}
    table = paired(
        {
            "silo": {},
            "structure_only": {**structure, "leadership_anchoring": 0.0},
            "structure_anchored": {**structure, "leadership_anchoring": 0.8},
        },
        [
            "weeks_to_right_help_mean",
            "lost_between_services",
            "coordinators_active",
            "coordinators_untaken",
        ],
    )
    for measure in ("weeks_to_right_help_mean", "lost_between_services"):
        only = -diff(table, "structure_only", measure)[0]
        anchored = -diff(table, "structure_anchored", measure)[0]
        assert anchored > 0
        assert only < 0.5 * anchored, (
            f"{measure}: unanchored structure did {only:.1f} of {anchored:.1f}"
        )
    # The coordinator role goes untaken when it brings work without resources.
    taken = base_mean(table, "structure_only", "coordinators_active")
    untaken = base_mean(table, "structure_only", "coordinators_untaken")
    assert untaken > 2 * taken
    assert base_mean(table, "structure_anchored", "coordinators_active") > 2 * taken


def test_5_turnover_breaks_continuity():
    table = paired(
        {"stable": {"staff_turnover": 0.05}, "turnover": {"staff_turnover": 0.45}},
        ["continuity_breaks", "lost_between_services", "unmet_need_weeks"],
    )
    d, low, _, _ = diff(table, "turnover", "continuity_breaks")
    assert low > 0 and d > 4 * base_mean(table, "stable", "continuity_breaks")
    for measure in ("lost_between_services", "unmet_need_weeks"):
        d, low, _, _ = diff(table, "turnover", measure)
        assert low > 0, f"more turnover: {measure} not reliably higher"


def _exposure_near_limits(result, window):
    near = total = 0.0
    end = result.weeks
    for child in result.model.children_all:
        last = child.exit_week if child.exit_week is not None else end
        start_age = child.onset_age
        stop_age = start_age + (last - child.onset_week) / 52
        inside = sum(
            max(0.0, min(stop_age, limit + window) - max(start_age, limit)) for limit in AGE_LIMITS
        )
        near += inside
        total += stop_age - start_age
    return near, total - near


def test_6_transitions_at_age_limits_lose_children():
    window = 0.25  # the first quarter-year after an age limit
    ratios = []
    for seed in SEEDS[:8]:
        result = samlab.simulate("silo", seed=seed)
        assert result.summary()["lost_at_transition"] > 0
        journeys = result.journeys()
        lost = journeys[journeys["event"] == "lost_between_services"]
        near = lost["age"].apply(
            lambda age: any(limit <= age < limit + window for limit in AGE_LIMITS)
        )
        exposure_near, exposure_rest = _exposure_near_limits(result, window)
        ratios.append((near.sum() / exposure_near) / ((~near).sum() / exposure_rest))
    # Children are lost far more often just after an age limit than at other ages.
    assert min(ratios) > 1.5, ratios
    assert sum(ratios) / len(ratios) > 2.5, ratios
    # Planned transitions (routines, duty to collaborate, coordinators) lose fewer.
    table = paired(
        {
            "silo": {},
            "planned": {
                "shared_routines": 0.8,
                "leadership_anchoring": 0.8,
                "duty_to_collaborate": True,
                "coordinator_coverage": 0.8,
            },
        },
        ["lost_at_transition"],
    )
    assert_lower(
        table, "planned", "lost_at_transition", base_mean(table, "silo", "lost_at_transition"), 0.25
    )


def test_7_too_much_coordination_costs_capacity():
    coordinated = {"coordinator_coverage": 0.9, "leadership_anchoring": 0.8}
    table = paired(
        {
            "no_meetings": {**coordinated, "meeting_hours": 0.0},
            "some_meetings": {**coordinated, "meeting_hours": 0.5},
            "many_meetings": {**coordinated, "meeting_hours": 4.0},
        },
        ["weeks_to_right_help_mean", "direct_help_hours", "coordination_hours"],
    )
    base = base_mean(table, "no_meetings", "weeks_to_right_help_mean")
    some = base_mean(table, "some_meetings", "weeks_to_right_help_mean")
    many = base_mean(table, "many_meetings", "weeks_to_right_help_mean")
    # First better ...
    assert_lower(table, "some_meetings", "weeks_to_right_help_mean", base, 0.05)
    # ... then worse than both: meetings eat direct help.
    assert many > base and many > 1.2 * some
    assert base_mean(table, "many_meetings", "direct_help_hours") < 0.7 * base_mean(
        table, "some_meetings", "direct_help_hours"
    )
    assert diff(table, "many_meetings", "coordination_hours")[1] > 0


def test_8_poor_consent_routines_duplicate_assessments_and_delay_help():
    table = paired(
        {"good_routines": {"consent_routines": 0.9}, "poor_routines": {"consent_routines": 0.0}},
        ["duplicate_assessments", "concerns_not_reported", "weeks_to_right_help_mean"],
    )
    for measure, factor in (
        ("duplicate_assessments", 2.0),
        ("concerns_not_reported", 2.0),
        ("weeks_to_right_help_mean", 0.1),
    ):
        d, low, _, _ = diff(table, "poor_routines", measure)
        assert low > 0, f"poor consent routines: {measure} not reliably higher"
        assert d >= factor * base_mean(table, "good_routines", measure), measure
