"""How the levers work: every behavioural rule of the model, in one readable place.

The agents (``agents.py``) ask this module *how likely* something is; they never
hard-code an effect. Each rule below says what it assumes and where the idea comes from.
The numbers are assumptions chosen to give the directions reported in the sources, not
estimates: the model is a thinking tool, not a forecast (see ``simulations/ODD.md``).

Sources named here:
- Fafo (2018, 2020): seven success factors; barriers at the boundaries between services.
- RKBU Nord (2017): 108 studies of cross-sector collaboration (knowledge of each other,
  continuity, coordinators, confidentiality, reporting concern).
- BarnUnge21 (2020): leadership anchoring, time, user participation, a duty to collaborate.
- Helsedirektoratet IS-2826 (2019): routines for acting on concern (early detection).
- Provan & Kenis (2008): governance modes of networks.
- Paul et al. (2013), a case-note survey from the English TRACK study: 76 of 154 young
  people at the age limit of six child and adolescent mental health services (CAMHS) were
  transferred to adult mental health services (AMHS). The model borrows this for every age
  limit, barnevern to ettervern included; it was not measured there.
- Skinner et al. (2023): waiting makes problems progress.
- Glisson & Hemmelgarn (1998); Bickman (1996): coordination alone is not better outcomes.
- Barnevernsloven (2021, in force 1 January 2023) § 2-1 and § 2-2 (Prop. 133 L (2020-2021)):
  barnevern reviews a bekymringsmelding within a week and investigates within three months;
  helse- og omsorgstjenesteloven § 7-2 a: who has the right to a barnekoordinator.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .assumptions import DEFAULT_ASSUMPTIONS, Assumptions

# The default assumptions' values under their earlier names, for reading (documentation,
# notebooks, tests). The rules below read the run's ``Assumptions``, never these.
_D = DEFAULT_ASSUMPTIONS
NEED_GROWTH = _D.need_growth
NEED_RESOLVED = _D.need_resolved
LEVEL1_LIMIT = _D.level1_limit
NOTICE_BASE = _D.notice_base
LOST_AFTER_WEEKS = _D.lost_after_weeks
SELF_REFERRAL_BASE = _D.self_referral_base
INTAKE_RESERVE = _D.intake_reserve
SCREENING_HOURS = _D.screening_hours
BREAK_PAUSE_WEEKS = _D.break_pause_weeks
COORDINATOR_ROLE_HOURS = _D.coordinator_role_hours
REPORT_DEADLINE_WEEKS = _D.report_deadline_weeks
GP_DELAY_WEEKS = _D.gp_delay_weeks
BARNEKOORDINATOR_AGE = _D.barnekoordinator_age
BARNEKOORDINATOR_DOMAINS = _D.barnekoordinator_domains
BARNEKOORDINATOR_SEVERITY = _D.barnekoordinator_severity
CONTACT_KNOWLEDGE_GAIN = _D.contact_knowledge_gain
CONTACT_HOURS_SCALE = _D.contact_hours_scale
HOURLY_COST_NOK = _D.hourly_cost_nok
CO_LOCATION_NOK_PER_WEEK_PER_100 = _D.co_location_nok_per_week_per_100
#: Governance mode: (how well network-level coordination works, system meeting hours per
#: week per 100 children, extra staff hours of a network administrative organisation per
#: week per 100 children). Provan & Kenis (2008): with many participants and moderate
#: trust, shared governance is slow and costly; a lead organisation or an NAO coordinates
#: more effectively; an NAO costs staff of its own.
GOVERNANCE = {mode: _D.governance(mode) for mode in ("shared", "lead_organisation", "nao")}


@dataclass(frozen=True)
class Mechanisms:
    """The model's rules, derived once from the levers of a run."""

    levers: dict[str, Any]
    anchoring: float
    routines: float
    knowledge: float
    coordination: float
    coordinator_uptake: float
    governance_effect: float
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS

    @classmethod
    def from_levers(
        cls, levers: dict[str, Any], assumptions: Assumptions = DEFAULT_ASSUMPTIONS
    ) -> Mechanisms:
        a = assumptions
        duty = 1.0 if levers["duty_to_collaborate"] else 0.0
        # Leadership anchoring: time and mandate set aside. The 2022 duty to collaborate
        # adds a little of it by law (BarnUnge21 2020; Prop. 100 L).
        anchoring = min(1.0, levers["leadership_anchoring"] + a.duty_anchoring * duty)
        # Structure without anchoring achieves little (Fafo 2020: structures without a
        # collaboration culture and practice; RKBU Nord 2017).
        routines = levers["shared_routines"] * (a.routines_floor + a.routines_anchoring * anchoring)
        # Knowledge of each other's mandate. Co-location alone adds little; with shared
        # routines and anchoring, people who share a building learn what the others do
        # (Ledang & Horn; Fafo 2018).
        k = levers["knowledge_of_others"]
        co_loc = 1.0 if levers["co_location"] else 0.0
        coloc_gain = a.co_location_knowledge_base + a.co_location_knowledge_routines * routines
        knowledge = k + (1.0 - k) * co_loc * coloc_gain
        governance_effect = a.governance(levers["governance"])[0]
        # What an active coordinator achieves: joint meetings help with diminishing
        # returns, and need mandate and time to work (RKBU Nord 2017; Glisson & Hemmelgarn
        # 1998: more coordination is not automatically better).
        meetings = 1.0 - math.exp(-levers["meeting_hours"] / a.meeting_hours_scale)
        coordination = (
            governance_effect
            * meetings
            * (a.coordination_floor + a.coordination_anchoring * anchoring)
        )
        # The coordinator role goes untaken when it brings work without resources
        # (RKBU Nord 2017). The right to a barnekoordinator (Prop. 100 L) helps only the
        # children it covers (``coordinator_uptake_for``).
        uptake = min(1.0, a.uptake_base + a.uptake_anchoring * anchoring)
        return cls(
            levers=dict(levers),
            anchoring=anchoring,
            routines=routines,
            knowledge=knowledge,
            coordination=coordination,
            coordinator_uptake=uptake,
            governance_effect=governance_effect,
            assumptions=a,
        )

    # --- probabilities used by the agents ------------------------------------------------

    def coordinator_uptake_for(self, eligible_for_barnekoordinator: bool) -> float:
        """Chance that a named coordinator takes up the role for one child.

        ``coordinator_uptake`` for every child; with the 2022 law changes
        (``duty_to_collaborate``), 0.1 more for a child who has the right to a
        barnekoordinator (``barnekoordinator_eligible``). The right belongs to the health and
        care services: the municipality's koordinerende enhet appoints the barnekoordinator,
        who then does the samordning of the services around the child and family.
        """
        if eligible_for_barnekoordinator and self.levers["duty_to_collaborate"]:
            return min(1.0, self.coordinator_uptake + self.assumptions.uptake_eligible_bonus)
        return self.coordinator_uptake

    def notice_probability(self, severity: float) -> float:
        """Weekly chance that a universal service notices and acts on a need: the
        ``notice_rate`` times the need's severity."""
        return severity * self.notice_rate

    @property
    def notice_rate(self) -> float:
        """Chance per week and unit of severity that a universal service notices and acts on
        a need. Routines for acting on concern raise it (IS-2826; BTI level 0)."""
        a = self.assumptions
        return a.notice_base * (1.0 + a.notice_routines * self.routines)

    def report_to_child_welfare(self, consent: float | None = None) -> float:
        """Chance that a noticed care/safety concern is reported to child welfare.

        Staff report concern too rarely, and confidentiality is better understood than the
        duty to inform (RKBU Nord 2017); consent and information routines raise it.
        ``consent``: the noticing service's own practice (its policy), if it has one.
        """
        if consent is None:
            consent = self.levers["consent_routines"]
        a = self.assumptions
        return min(
            1.0, a.report_base + a.report_consent * consent + a.report_routines * self.routines
        )

    def right_referral(self, coordinated: bool, contact_hours: float = 0.0) -> float:
        """Chance that a referral goes to a service that can help (not a wrong one).

        Not knowing what other services do is the most cited barrier (Fafo 2020). BTI
        levels give a shared map of where to go; an active coordinator's joint meeting
        finds the right service more often. ``contact_hours``: meeting time per week per
        100 children between the referrer and the right service (services' policies).
        """
        knowledge = self.knowledge
        if contact_hours > 0.0:
            knowledge += (1.0 - knowledge) * self.contact_knowledge(contact_hours)
        a = self.assumptions
        p = knowledge + (1.0 - knowledge) * a.right_referral_routines * self.routines
        if coordinated:
            p += (1.0 - p) * a.right_referral_coordinated * self.coordination
        return p

    def re_referral_after_bounce(self) -> float:
        """After a bounce, the returning service says where to go: knowledge improves."""
        a = self.assumptions
        return a.re_referral_base + a.re_referral_knowledge * self.knowledge

    def give_up_after_bounce(self, coordinated: bool) -> float:
        """Chance that a family stops seeking help after a referral is returned."""
        a = self.assumptions
        p = a.give_up_after_bounce * (
            1.0 - a.give_up_participation * self.levers["user_participation"]
        )
        if coordinated:
            p *= 1.0 - self.coordination
        return p

    def drop_out_while_waiting(self, coordinated: bool) -> float:
        """Weekly chance that a family gives up while on a waiting list."""
        a = self.assumptions
        p = a.drop_out_base * (1.0 - a.drop_out_participation * self.levers["user_participation"])
        if coordinated:
            p *= 1.0 - self.coordination
        return p

    def contact_knowledge(self, contact_hours: float) -> float:
        """Share of what a referrer did not know of another service that meetings teach."""
        a = self.assumptions
        return a.contact_knowledge_gain * (1.0 - math.exp(-contact_hours / a.contact_hours_scale))

    def assessment_shared(self, coordinated: bool, consent: float | None = None) -> float:
        """Chance that an earlier assessment can be used (consent to share information).

        Without consent routines, confidentiality blocks the flow of information and the
        next service assesses again (RKBU Nord 2017; KS guide). An individual plan with an
        active coordinator carries the family's consent to share among the services in it.
        ``consent``: the assessing service's own practice (its policy), if it has one.
        """
        if consent is None:
            consent = self.levers["consent_routines"]
        p = self.assumptions.assessment_shared_consent * consent
        if coordinated:
            p += (1.0 - p) * self.coordination
        return p

    def transition_handover(self, coordinated: bool) -> float:
        """Chance that a case is handed over when the child reaches a service's age limit.

        The base 0.45 (plausible range 0.3–0.6) is an assumption borrowed from transitions
        from child to adult mental health services (CAMHS to AMHS) in England: in a case-note
        survey from the TRACK study, 76 of 154 young people at the age limit were transferred
        (Paul et al. 2013, Br J Psychiatry 202(s54):s36–s40; the study's main report is Singh
        et al. 2010, Br J Psychiatry 197:305–312). It is applied to every age limit, barnevern
        to ettervern included, where it has not been measured. Stafettlogg routines, the duty
        to collaborate and a coordinator who plans the transition raise it.
        """
        duty = 1.0 if self.levers["duty_to_collaborate"] else 0.0
        a = self.assumptions
        p = a.handover_base + a.handover_routines * self.routines + a.handover_duty * duty
        if coordinated:
            p += (1.0 - p) * self.coordination
        return min(1.0, p)

    def hand_on_at_discharge(self, coordinated: bool) -> float:
        """Chance that a service closing a case refers on a need it did not help with.

        Services pay little attention to needs outside their own mandate and are reluctant
        to take coordination responsibility (Fafo 2020); knowing the others and a
        stafettlogg make it likelier, and a coordinator sees to it.
        """
        a = self.assumptions
        p = (
            a.hand_on_base
            + a.hand_on_knowledge * self.knowledge
            + a.hand_on_routines * self.routines
        )
        if coordinated:
            p += (1.0 - p) * self.coordination
        return min(1.0, p)

    def turnover_per_week(self, turnover_factor: float) -> float:
        """Weekly chance that a case changes caseworker (staff turnover, RKBU Nord 2017)."""
        return self.levers["staff_turnover"] * turnover_factor / self.assumptions.weeks_per_year

    def follow_up_lost_after_break(self, coordinated: bool) -> float:
        """Chance that a case is dropped when the caseworker changes.

        A stafettlogg that follows the child keeps the plan when people change; a
        coordinator notices the break.
        """
        a = self.assumptions
        p = a.follow_up_lost_base * (1.0 - a.follow_up_lost_routines * self.routines)
        if coordinated:
            p *= 1.0 - self.coordination
        return p

    def coordinator_finds_gap(self) -> float:
        """Weekly chance that an active coordinator acts on a need nobody is helping."""
        return self.assumptions.coordinator_finds_gap * self.coordination

    def help_effect(self) -> float:
        """Multiplier on how fast the right help works: participation makes it fit better."""
        return 1.0 + self.assumptions.help_effect_participation * self.levers["user_participation"]

    # --- hours ---------------------------------------------------------------------------

    def collaboration_overhead_per_100(self) -> float:
        """Staff hours per week per 100 children for system-level collaboration.

        Network meetings (more under shared governance), leaders' anchoring time, routines
        upkeep (BTI, stafettlogg training), consent routines, participation work, knowledge
        building beyond the baseline (hospitering, training) and the duty to collaborate.
        These hours come out of the services' capacity for direct help.
        """
        lv = self.levers
        a = self.assumptions
        meeting_hours = a.governance(lv["governance"])[1]
        system_meetings = meeting_hours * (a.overhead_system_meetings_floor + self.anchoring)
        knowledge_above = max(0.0, lv["knowledge_of_others"] - a.overhead_knowledge_baseline)
        return (
            system_meetings
            + a.overhead_anchoring * lv["leadership_anchoring"]
            + a.overhead_routines * lv["shared_routines"]
            + a.overhead_consent * lv["consent_routines"]
            + a.overhead_participation * lv["user_participation"]
            + a.overhead_knowledge * knowledge_above
            + (a.overhead_duty if lv["duty_to_collaborate"] else 0.0)
        )

    def nao_staff_per_100(self) -> float:
        """Extra staff hours per week per 100 children for an NAO (paid, not from services)."""
        return self.assumptions.governance(self.levers["governance"])[2]

    def coordinator_hours(self) -> float:
        """Staff hours per week for one child with an active coordinator (role + meetings)."""
        return self.assumptions.coordinator_role_hours + self.levers["meeting_hours"]


def barnekoordinator_eligible(
    age: float, needs: dict[str, float], assumptions: Assumptions = DEFAULT_ASSUMPTIONS
) -> bool:
    """Whether a child has the right to a barnekoordinator, as the model reads the law.

    Helse- og omsorgstjenesteloven § 7-2 a: a child under 18 with serious illness, injury or
    disability who will need long-term, coordinated health and care services and other welfare
    services. In the model: under ``BARNEKOORDINATOR_AGE``, needs in two or more areas, and a
    health need (``BARNEKOORDINATOR_DOMAINS``) of at least ``BARNEKOORDINATOR_SEVERITY``.
    """
    a = assumptions
    if age >= a.barnekoordinator_age or len(needs) < 2:
        return False
    severity = a.barnekoordinator_severity
    return any(needs.get(d, 0.0) >= severity for d in a.barnekoordinator_domains)
