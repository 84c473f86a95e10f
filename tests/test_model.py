"""The model's mechanisms and bookkeeping, checked on single runs and unit by unit."""

from __future__ import annotations

import random
import warnings

import pytest

import samlab
from samlab.agents import Child, Referral
from samlab.mechanisms import (
    GP_DELAY_WEEKS,
    NEED_GROWTH,
    REPORT_DEADLINE_WEEKS,
    SCREENING_HOURS,
    Mechanisms,
    barnekoordinator_eligible,
)
from samlab.model import COUNTERS, MunicipalityModel, shuffle
from samlab.referrals import gp_referrals_arrive, refer
from samlab.services import DOMAINS, SERVICES, SERVICES_BY_KEY, SPECIALIST_HEALTH, right_services


def model_for(children=50, weeks=10, seed=1, **levers) -> MunicipalityModel:
    return MunicipalityModel(samlab.resolve("silo", **levers), children, weeks, seed)


def test_every_need_domain_has_a_service_for_children():
    for domain in DOMAINS:
        assert right_services(domain, 12.0) or domain == "school_work_transition", domain
    for spec in SERVICES:
        assert spec.mandate <= set(DOMAINS)
        assert spec.min_age < spec.max_age
        for target in (spec.next_service or {}).values():
            assert target in SERVICES_BY_KEY
            assert SERVICES_BY_KEY[target].serves_age(spec.max_age), (spec.key, target)


def nobody_notices(model: MunicipalityModel) -> None:
    """Every chance fails from now on: nobody notices, refers or gives up."""
    model.random.random = lambda: 0.999999


def test_unmet_need_grows_and_right_help_eases_it():
    model = model_for()
    nobody_notices(model)
    child = Child(model, age=10.0, needs={"mental_health": 0.4})
    child.step()
    assert child.needs["mental_health"] == pytest.approx(0.4 + NEED_GROWTH * 0.6)
    assert not child.right_help_now and child.unmet_weeks == 1
    bup = model.services["bup"]
    bup.take_case(child, "mental_health")
    before = child.needs["mental_health"]
    child.step()
    rate = bup.help_rate * model.help_effect  # a full help_fraction before BUP's first step
    assert child.needs["mental_health"] == pytest.approx(before * (1.0 - rate))
    assert child.has_right_help() and child.right_help_now and child.unmet_weeks == 1


def test_help_stops_while_a_case_is_paused_after_a_break():
    model = model_for(staff_turnover=0.0)
    child = Child(model, age=10.0, needs={"care_safety": 0.5})
    barnevern = model.services["barnevern"]
    barnevern.take_case(child, "care_safety")
    barnevern.cases[child].paused_until = 5
    child.step()
    assert child.needs["care_safety"] == pytest.approx(0.5 + NEED_GROWTH * 0.5)


def test_a_need_that_resolves_is_closed_and_the_needs_after_it_still_change():
    """A resolved need is closed in the middle of the needs update (its service may refer
    the others on); the needs after it change that same week, once."""
    model = model_for()
    nobody_notices(model)
    child = Child(model, age=10.0, needs={"mental_health": 0.1001, "learning": 0.5})
    bup = model.services["bup"]
    bup.take_case(child, "mental_health")
    child.step()
    assert "mental_health" not in child.needs and child not in bup.cases
    assert child.needs == {"learning": pytest.approx(0.5 + NEED_GROWTH * 0.5)}
    assert not child.exited and child.unmet_weeks == 1


def test_universal_help_is_not_right_help_for_a_serious_need():
    model = model_for()
    child = Child(model, age=10.0, needs={"mental_health": 0.7})
    model.services["health_station"].take_case(child, "mental_health")
    assert not child.has_right_help()


def test_transition_at_age_limit_hands_over_or_loses():
    outcomes = set()
    for seed in range(1, 30):
        model = model_for(seed=seed)
        child = Child(model, age=17.99, needs={"mental_health": 0.6})
        model.services["bup"].take_case(child, "mental_health")
        child.age = 18.0
        child.reach_age_limit(model.services["bup"])
        assert model.services["bup"] not in child.services
        if "mental_health" in child.pending:
            assert child.pending["mental_health"].target.key == "adult_health"
            outcomes.add("handed_over")
        else:
            assert child.lost_at_transition
            outcomes.add("lost")
    assert outcomes == {"handed_over", "lost"}


def test_wrong_referral_bounces_and_costs_screening_time():
    model = model_for(knowledge_of_others=0.0)
    child = Child(model, age=10.0, needs={"learning": 0.5})
    # PPT may refer straight on; a wrong referral from it goes to a service that returns it.
    for _ in range(50):
        refer(child, "learning", "ppt", p_right=0.0)
        ref = child.pending["learning"]
        if ref.target.key != "barnevern":
            break
        child.pending.clear()
    assert ref.target.key in {"bup", "child_health"} and not ref.via_gp
    target = ref.target
    target.waiting.clear()
    target.waiting.append(ref)
    target.intake_credit = 5.0
    target._intake()
    assert model.bounced_referrals == 1
    assert child.bounces == 1
    assert child.handoffs >= 2  # sent on, and sent back


def test_a_school_or_health_station_goes_to_specialist_health_through_the_gp():
    model = model_for()
    child = Child(model, age=10.0, needs={"mental_health": 0.5, "learning": 0.3})
    bup = model.services["bup"]
    refer(child, "mental_health", "health_station", p_right=1.0)
    ref = child.pending["mental_health"]
    assert ref.target is bup and ref.via_gp and ref not in bup.waiting
    assert ref.due_week == model.week + GP_DELAY_WEEKS
    events = [e[3] for e in model.events]
    assert "advised_gp" in events and "referred" not in events
    for week in range(1, GP_DELAY_WEEKS + 1):
        model.week = week
        gp_referrals_arrive(model)
        assert (ref in bup.waiting) == (week >= GP_DELAY_WEEKS)
    assert model.events[-1][3:] == ("referred", "bup", "mental_health from fastlege")


@pytest.mark.parametrize("source", ["fastlege", "barnevern", "ppt"])
def test_the_gp_barnevern_and_ppt_refer_straight_to_specialist_health(source):
    model = model_for()
    child = Child(model, age=10.0, needs={"mental_health": 0.5})
    refer(child, "mental_health", source, p_right=1.0)
    ref = child.pending["mental_health"]
    assert not ref.via_gp and ref in model.services["bup"].waiting


def test_a_wrong_referral_to_specialist_health_also_goes_through_the_gp():
    for seed in range(1, 40):
        model = model_for(seed=seed)
        child = Child(model, age=10.0, needs={"learning": 0.5})
        refer(child, "learning", "school", p_right=0.0)
        ref = child.pending["learning"]
        assert ref.via_gp == (ref.target.key in SPECIALIST_HEALTH)
        assert ref.report == (ref.target.key == "barnevern")


def test_a_care_concern_always_goes_to_barnevern_as_a_report():
    model = model_for(knowledge_of_others=0.0)
    for _ in range(20):
        child = Child(model, age=9.0, needs={"care_safety": 0.5})
        refer(child, "care_safety", "school")
        ref = child.pending["care_safety"]
        assert ref.target.key == "barnevern" and ref.report


def test_a_report_is_reviewed_within_a_week_even_without_intake_time():
    model = model_for()
    barnevern = model.services["barnevern"]
    child = Child(model, age=9.0, needs={"care_safety": 0.5})
    refer(child, "care_safety", "school")
    ref = child.pending["care_safety"]
    barnevern.intake_credit = 0.0
    barnevern._intake()
    assert ref.reviewed and ref.outcome == "waiting" and ref in barnevern.waiting
    assert barnevern.intake_credit == -SCREENING_HOURS


def test_a_report_outside_the_mandate_is_closed_not_sent_back_and_referred_on():
    model = model_for(knowledge_of_others=1.0)
    barnevern = model.services["barnevern"]
    child = Child(model, age=9.0, needs={"learning": 0.5})
    ref = Referral(child, "learning", "school", barnevern, model.week)
    barnevern.waiting.append(ref)
    child.pending["learning"] = ref
    barnevern._intake()
    assert ref.outcome == "dismissed" and model.reports_dismissed == 1
    assert model.bounced_referrals == 0 and child.bounces == 0
    events = [e[3] for e in model.events]
    assert "report_dismissed" in events and "gave_up_after_bounce" not in events
    assert child.pending["learning"].target.key == "ppt"  # the school learns where to go


def test_a_family_cannot_give_up_a_report_but_can_give_up_a_referral():
    model = model_for()
    model.random.random = lambda: 0.0  # every draw "happens": a family would give up at once
    child = Child(model, age=9.0, needs={"care_safety": 0.5, "learning": 0.5})
    report = Referral(child, "care_safety", "school", model.services["barnevern"], 0)
    referral = Referral(child, "learning", "school", model.services["ppt"], 0)
    child.pending.update(care_safety=report, learning=referral)
    child.step()
    assert child.pending == {"care_safety": report}
    assert report.outcome == "waiting" and referral.outcome == "gave_up"


def test_barnevern_investigates_by_the_deadline_and_takes_the_hours_from_next_week():
    model = model_for()
    barnevern = model.services["barnevern"]
    child = Child(model, age=9.0, needs={"care_safety": 0.5})
    ref = Referral(child, "care_safety", "school", barnevern, 0)
    ref.reviewed = True
    barnevern.waiting.append(ref)
    child.pending["care_safety"] = ref
    barnevern.intake_credit = 0.0
    model.week = REPORT_DEADLINE_WEEKS - 1
    barnevern._intake()
    assert ref.outcome == "waiting"
    model.week = REPORT_DEADLINE_WEEKS
    barnevern._intake()
    assert ref.outcome == "accepted" and barnevern.borrowed_hours > 0
    assert child.helped_by["care_safety"] is barnevern


def test_silo_runs_keep_the_investigation_deadline():
    result = samlab.simulate("silo", seed=3, children=300, weeks=104)
    refs = result.referrals()
    investigated = refs[(refs["target"] == "barnevern") & (refs["outcome"] == "accepted")]
    waited = investigated["closed_week"] - investigated["week"]
    assert len(investigated) > 50
    assert (waited <= REPORT_DEADLINE_WEEKS + 1).mean() > 0.97
    assert set(refs.loc[refs["kind"] == "report", "target"]) == {"barnevern"}
    assert not ((refs["kind"] == "report") & refs["outcome"].isin(["bounced", "gave_up"])).any()


def test_the_barnekoordinator_effect_of_the_2022_law_covers_only_eligible_children():
    assert barnekoordinator_eligible(10.0, {"disability_somatic": 0.5, "learning": 0.3})
    assert barnekoordinator_eligible(10.0, {"mental_health": 0.4, "care_safety": 0.3})
    assert not barnekoordinator_eligible(18.0, {"disability_somatic": 0.5, "learning": 0.3})
    assert not barnekoordinator_eligible(10.0, {"disability_somatic": 0.6})  # one need
    assert not barnekoordinator_eligible(10.0, {"disability_somatic": 0.2, "learning": 0.6})
    assert not barnekoordinator_eligible(10.0, {"care_safety": 0.6, "learning": 0.6})
    duty = Mechanisms.from_levers(samlab.resolve("duty_2022"))
    without = Mechanisms.from_levers(samlab.resolve("duty_2022", duty_to_collaborate=False))
    assert duty.coordinator_uptake_for(True) == pytest.approx(duty.coordinator_uptake + 0.1)
    assert duty.coordinator_uptake_for(False) == duty.coordinator_uptake
    assert without.coordinator_uptake_for(True) == without.coordinator_uptake


def test_no_service_serves_a_child_outside_its_ages():
    result = samlab.simulate("silo", seed=6, children=400, weeks=120)
    journeys = result.journeys()
    started = journeys[journeys["event"] == "help_started"]
    for row in started.itertuples():
        spec = SERVICES_BY_KEY[row.service]
        assert spec.min_age <= row.age < spec.max_age + 1 / 52, row


def test_help_never_exceeds_capacity():
    result = samlab.simulate("silo", seed=2, children=300, weeks=80, capacity=0.5)
    capacity = sum(s.capacity for s in result.model.services.values())
    assert result.timeseries()["direct_help_hours"].max() <= capacity + 1e-9


def test_more_capacity_gives_more_help_and_costs_more():
    low = samlab.simulate("silo", seed=3, capacity=0.6).summary()
    high = samlab.simulate("silo", seed=3, capacity=1.6).summary()
    assert high["cost_nok"] > low["cost_nok"]
    assert high["direct_help_hours"] > low["direct_help_hours"]
    assert high["weeks_to_right_help_mean"] < low["weeks_to_right_help_mean"]


def test_lost_children_have_needs_and_no_service():
    result = samlab.simulate("silo", seed=8, children=300, weeks=100)
    journeys = result.journeys()
    lost_ids = set(journeys.loc[journeys["event"] == "lost_between_services", "child_id"])
    assert lost_ids == set(result.children().query("ever_lost")["child_id"])
    for child in result.model.children_all:
        if child.lost:
            assert child.needs and not child.services and not child.pending


def test_mechanisms_move_in_the_documented_direction():
    base = samlab.resolve("silo")

    def mech(**changes):
        return Mechanisms.from_levers({**base, **changes})

    assert mech(knowledge_of_others=0.9).right_referral(False) > mech().right_referral(False)
    assert mech().right_referral(True) >= mech().right_referral(False)
    # structure without anchoring achieves little
    assert mech(shared_routines=1.0, leadership_anchoring=0.0).routines < 0.2
    assert mech(shared_routines=1.0, leadership_anchoring=1.0).routines == pytest.approx(1.0)
    # co-location alone adds little knowledge; with routines and anchoring it adds more
    alone = mech(co_location=True).knowledge - mech().knowledge
    together = (
        mech(co_location=True, shared_routines=0.9, leadership_anchoring=0.9).knowledge
        - mech().knowledge
    )
    assert 0 < alone < 0.05 < together
    assert mech(leadership_anchoring=0.0).coordinator_uptake < 0.3
    assert mech(leadership_anchoring=1.0).coordinator_uptake > 0.85
    assert mech(consent_routines=0.9).assessment_shared(False) > mech().assessment_shared(False)
    assert mech(consent_routines=0.9).report_to_child_welfare() > mech().report_to_child_welfare()
    assert mech(duty_to_collaborate=True).transition_handover(False) > mech().transition_handover(
        False
    )
    # meetings: diminishing returns
    c1 = mech(meeting_hours=1.0).coordination - mech(meeting_hours=0.0).coordination
    c2 = mech(meeting_hours=2.0).coordination - mech(meeting_hours=1.0).coordination
    assert c1 > 4 * c2 > 0
    assert mech(governance="nao").coordination > mech(governance="shared").coordination


def test_coordination_costs_staff_hours():
    low = samlab.simulate("silo", seed=4, coordinator_coverage=0.9, meeting_hours=0.5)
    high = samlab.simulate("silo", seed=4, coordinator_coverage=0.9, meeting_hours=4.0)
    assert high.summary()["coordination_hours"] > 3 * low.summary()["coordination_hours"]
    assert high.summary()["direct_help_hours"] < low.summary()["direct_help_hours"]


def test_large_municipality_scales():
    """Services grow with the number of children, so a municipality ten times larger gives
    the same outcomes per child (within the spread between seeds), and it still runs."""
    large = samlab.simulate("silo", seed=1, children=2000, weeks=104, record_journeys=False)
    small = [
        samlab.simulate("silo", seed=s, children=200, weeks=104, record_journeys=False).summary()
        for s in (1, 2, 3)
    ]
    big = large.summary()
    assert big["children"] == 2000

    def per_child(summary, measure):
        return summary[measure] / summary["children"]

    def mean(values):
        return sum(values) / len(values)

    assert abs(big["right_help_share"] - mean([s["right_help_share"] for s in small])) < 0.05
    for measure, tolerance in (("unmet_need_weeks", 0.10), ("handoffs_per_child", 0.10)):
        expected = mean([s[measure] for s in small])
        assert abs(big[measure] / expected - 1) < tolerance, (measure, big[measure], expected)
    for measure in ("direct_help_hours", "referrals", "lost_between_services"):
        expected = mean([per_child(s, measure) for s in small])
        ratio = per_child(big, measure) / expected
        assert abs(ratio - 1) < 0.2, (measure, per_child(big, measure), expected)


def test_no_deprecation_warnings_from_mesa():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        samlab.simulate("everything", seed=2, children=100, weeks=20)
    bad = [
        w
        for w in caught
        if issubclass(w.category, DeprecationWarning | FutureWarning | PendingDeprecationWarning)
    ]
    assert not bad, [f"{w.filename}:{w.lineno}: {w.message}" for w in bad]


def test_a_need_resolved_while_waiting_withdraws_its_referral():
    model = model_for()
    child = Child(model, age=10.0, needs={"mental_health": 0.12, "learning": 0.5})
    model.services["health_station"].take_case(child, "mental_health")
    refer(child, "mental_health", "health_station", p_right=1.0)
    ref = child.pending["mental_health"]
    nobody_notices(model)
    for _ in range(40):
        child.step()
    assert "mental_health" not in child.needs
    assert "mental_health" not in child.pending
    # the stale referral is skipped at intake, at no cost
    ref.target.intake_credit = 50.0
    ref.target._intake()
    assert ref not in ref.target.waiting
    assert ref.target.intake_credit == 50.0


def test_a_leader_sending_back_child_welfare_reports_closes_them_instead():
    """The game's 'send back' on child welfare's list closes the report (henlagt): a
    bekymringsmelding is never returned."""
    model = model_for()
    child = Child(model, age=9.0, needs={"care_safety": 0.5})
    refer(child, "care_safety", "school")
    ref = child.pending["care_safety"]
    assert model.return_referrals("barnevern", child.unique_id) == 1
    assert ref.outcome == "dismissed" and model.rejected_referrals == 0
    assert "care_safety" not in child.pending and child.bounces == 0


def test_the_run_counters_are_named_and_mesa_counts_the_weeks():
    model = model_for(children=80, weeks=20)
    assert model.run() is model
    assert tuple(model.counters) == COUNTERS
    assert model.referrals == model.counters["referrals"] > 0
    assert model.direct_help_hours == model.counters["direct_help_hours"] > 0.0
    assert model.steps == model.week == 20 and not model.running
    weekly = model.datacollector.get_model_vars_dataframe()
    assert weekly["referrals"].sum() == model.referrals  # the weekly changes add up


def test_one_path_creates_every_referral(monkeypatch):
    model = model_for(children=120, weeks=40, seed=3, knowledge_of_others=0.2)
    created = []
    original = Referral.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        created.append(self)

    monkeypatch.setattr(Referral, "__init__", spy)
    model.run()
    assert created and created == model.referral_list
    assert len(created) == model.referrals


@pytest.mark.parametrize("length", [0, 1, 2, 3, 17, 255, 256, 257, 600, 2000])
def test_the_childrens_shuffle_draws_as_pythons_own_shuffle(length):
    """The same order, and the generator left in the same state, as random.Random.shuffle."""
    for seed in range(20):
        ours, python = random.Random(seed), random.Random(seed)
        mine, theirs = list(range(length)), list(range(length))
        shuffle(mine, ours)
        python.shuffle(theirs)
        assert mine == theirs, (seed, length)
        assert ours.getstate() == python.getstate(), (seed, length)


@pytest.mark.parametrize(
    "scenario, levers",
    [("silo", {"staff_turnover": 0.5}), ("everything", {}), ("bti_anchored", {"capacity": 0.6})],
)
def test_the_weeks_counts_are_the_childrens_status_after_their_step(scenario, levers):
    """The children's step counts those in services, with the right help and lost as it
    goes: the counts must be what every child's status says once the week is over."""
    model = MunicipalityModel(samlab.resolve(scenario, **levers), 300, 104, seed=3, personas=True)
    most = {"in services": 0, "right help": 0, "lost": 0}
    for _ in range(104):
        model.step()
        children = list(model.children_in_model)
        counts = {
            "in services": sum(bool(c.services) for c in children),
            "right help": sum(c.right_help_now for c in children),
            "lost": sum(c.lost for c in children),
        }
        assert (model.stat_in_services, model.stat_right_help, model.stat_lost) == tuple(
            counts.values()
        )
        most = {k: max(most[k], counts[k]) for k in most}
    assert all(most.values()), most  # each count was above zero in some week


def test_a_universal_service_notices_in_proportion_to_the_need():
    mech = model_for(shared_routines=0.8).mechanisms
    a = mech.assumptions
    expected = a.notice_base * (1 + a.notice_routines * mech.routines)
    assert mech.notice_rate == pytest.approx(expected)
    assert mech.notice_probability(0.5) == pytest.approx(0.5 * mech.notice_rate)
    assert mech.routines > 0  # routines for acting on concern raise it (IS-2826)
    silo = model_for().mechanisms
    assert mech.notice_rate > silo.notice_rate
