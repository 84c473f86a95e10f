"""A service's policy (samlab.policies) acts through the model's own mechanisms, and the
computer's default policy is exactly the model without policies."""

from __future__ import annotations

import pytest

import samlab
from samlab.experiments import resolve
from samlab.model import MunicipalityModel
from samlab.policies import ServicePolicy
from samlab.results import SimulationResult
from samlab.services import SERVICE_KEYS


def run_with_policies(scenario, seed, children, weeks, policies_for_week, **levers):
    """Run the model, setting policies before every fourth week."""
    values = resolve(scenario, **levers)
    model = MunicipalityModel(values, children=children, weeks=weeks, seed=seed)
    while model.running:
        if model.week % 4 == 0:
            for key, policy in policies_for_week(model).items():
                model.set_policy(key, policy)
        model.step()
    return SimulationResult(model, scenario)


@pytest.mark.parametrize(
    "scenario, seed, levers",
    [("silo", 7, {}), ("everything", 8, {}), ("bti_anchored", 9, {"staff_turnover": 0.4})],
)
def test_the_default_policy_set_every_round_is_the_plain_run(scenario, seed, levers):
    def defaults(model):
        return {key: ServicePolicy.default(key, model.levers) for key in SERVICE_KEYS}

    plain = samlab.simulate(scenario, seed=seed, children=300, weeks=104, **levers)
    played = run_with_policies(scenario, seed, 300, 104, defaults, **levers)
    assert played.summary() == plain.summary()
    assert played.journeys().equals(plain.journeys())


def test_a_higher_threshold_returns_more_referrals_from_that_service():
    def strict_bup(model):
        policy = ServicePolicy.default("bup", model.levers).updated({"threshold": 0.6}, "bup")
        return {"bup": policy}

    plain = samlab.simulate("silo", seed=3, children=300, weeks=104)
    strict = run_with_policies("silo", 3, 300, 104, strict_bup)
    before = plain.referrals()
    after = strict.referrals()
    rejected = {
        name: (refs[(refs["target"] == "bup") & (refs["outcome"] == "rejected")].shape[0])
        for name, refs in (("plain", before), ("strict", after))
    }
    assert rejected["strict"] > rejected["plain"]


def test_meetings_cost_hours_in_both_services_and_raise_right_referrals():
    def meetings(model):
        policy = ServicePolicy.default("school", model.levers)
        return {"school": policy.updated({"meetings": {"ppt": 3.0}}, "school")}

    plain = samlab.simulate("silo", seed=4, children=300, weeks=104)
    met = run_with_policies("silo", 4, 300, 104, meetings)
    assert met.summary()["coordination_hours"] > plain.summary()["coordination_hours"]
    assert met.model.services["school"].coordination_hours_used > 0
    assert met.model.services["ppt"].coordination_hours_used > 0

    def wrong_share(result):
        refs = result.referrals()
        school = refs[(refs["source"] == "school") & (refs["domain"] == "learning")]
        return (school["target"] != "ppt").mean()

    assert wrong_share(met) < wrong_share(plain)


def test_declining_coordinator_roles_leaves_roles_untaken():
    def decline(model):
        return {
            key: ServicePolicy.default(key, model.levers).updated(
                {"takes_coordinator_roles": False}, key
            )
            for key in SERVICE_KEYS
        }

    plain = samlab.simulate("bti_anchored", seed=5, children=300, weeks=104)
    declined = run_with_policies("bti_anchored", 5, 300, 104, decline)
    assert declined.summary()["coordinators_active"] < plain.summary()["coordinators_active"]


@pytest.mark.parametrize(
    "changes, lang, words",
    [
        ({"threshold": 1.5}, "en", "threshold must be a number from 0 to 1"),
        ({"threshold": 1.5}, "nb", "threshold må være et tall fra 0 til 1"),
        ({"direct_help": 0.9}, "en", "must add up to 1"),
        ({"direct_help": 0.9}, "nb", "må til sammen bli 1"),
        ({"meetings": {"bup": 2}}, "en", "cannot call a meeting with itself"),
        ({"meetings": {"mars": 2}}, "nb", "ukjent tjeneste 'mars'"),
        ({"colour": "red"}, "en", "unknown field 'colour'"),
        ({"takes_coordinator_roles": "maybe"}, "nb", "må være sann eller usann"),
    ],
)
def test_bad_policies_are_refused_with_a_clear_message(changes, lang, words):
    policy = ServicePolicy.default("bup", samlab.lever_defaults())
    with pytest.raises(samlab.SamlabValueError, match=words):
        policy.updated(changes, "bup", lang=lang)


def test_coordination_time_set_aside_makes_a_service_easier_to_reach():
    def reachable(model):
        if model.week >= 52:
            return {"ppt": None}  # back to the computer's rules for the second year
        policy = ServicePolicy.default("ppt", model.levers).updated(
            {"direct_help": 0.6, "assessment": 0.15, "coordination": 0.25}, "ppt"
        )
        return {"ppt": policy}

    plain = samlab.simulate("silo", seed=6, children=300, weeks=104)
    played = run_with_policies("silo", 6, 300, 104, reachable)
    assert played.model.services["ppt"].spare_coordination == 0.0
    assert played.summary()["coordination_hours"] > plain.summary()["coordination_hours"]
    assert played.summary()["direct_help_hours"] < plain.summary()["direct_help_hours"]


def test_coordination_time_set_aside_brings_more_referrals_to_the_right_service():
    def reachable(model):
        policy = ServicePolicy.default("ppt", model.levers).updated(
            {"direct_help": 0.6, "assessment": 0.15, "coordination": 0.25}, "ppt"
        )
        return {"ppt": policy}

    def right_share(result):
        refs = result.referrals()
        learning = refs[(refs["domain"] == "learning") & (refs["source"] != "self")]
        return (learning["target"] == "ppt").mean()

    plain = samlab.simulate("silo", seed=7, children=300, weeks=104)
    played = run_with_policies("silo", 7, 300, 104, reachable)
    assert right_share(played) > right_share(plain)
