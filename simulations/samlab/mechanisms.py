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

# --- Needs --------------------------------------------------------------------------------

#: Weekly growth of an unmet need, as a share of what is left up to the maximum (1.0).
#: A need of 0.3 left alone reaches about 0.6 in two years (Skinner et al. 2023: waiting
#: makes problems progress).
NEED_GROWTH = 0.006
#: A need below this severity counts as resolved.
NEED_RESOLVED = 0.1
#: A universal service helps within its own service (BTI level 1) below this severity;
#: above it, it refers to a specialised service.
LEVEL1_LIMIT = 0.35

# --- Noticing concern ---------------------------------------------------------------------

#: Weekly probability that a universal service notices a need of severity 1.0 in a child
#: it meets (scaled by severity).
NOTICE_BASE = 0.2
#: A child known to services who has had no service and no referral for this many weeks,
#: while needs remain, counts as lost between services (a glippsone).
LOST_AFTER_WEEKS = 4
#: Weekly probability that a young adult with no universal service (from 20, when the
#: school health service ends) seeks help themselves, per unit of severity.
SELF_REFERRAL_BASE = 0.012

# --- Services -----------------------------------------------------------------------------

#: Share of each service's capacity kept for assessments of new referrals.
INTAKE_RESERVE = 0.15
#: Staff hours to screen and return a referral the service cannot take.
SCREENING_HOURS = 2.0
#: Weeks a case is paused after a change of caseworker.
BREAK_PAUSE_WEEKS = 3
#: Staff hours per week for the coordinator role itself (follow-up, plan, contact).
COORDINATOR_ROLE_HOURS = 0.25
#: Weeks from a bekymringsmelding to the end of barnevern's investigation (undersøkelse):
#: review within one week (barnevernsloven 2021 § 2-1), then the investigation within three
#: months (§ 2-2; up to six in special cases). When the deadline is reached, barnevern does
#: the investigation even without intake time, taking the hours from next week's work.
REPORT_DEADLINE_WEEKS = 14
#: Weeks from the moment a school, kindergarten, the health station and school health service,
#: NAV, a coordinator or the young person decides that a need calls for specialist health care
#: (BUP, habilitation and paediatrics, DPS) until the GP's (fastlege's) referral reaches that
#: service: the family books an appointment, sees the GP, and the GP writes the referral.
#: Only the GP, the specialist services, barnevern and PPT refer straight to specialist
#: health in the model (``services.GP_REFERRERS``). An assumption: 3 weeks, plausible range
#: 1-6; the seeds give no figure.
GP_DELAY_WEEKS = 3
#: The barnekoordinator (helse- og omsorgstjenesteloven § 7-2 a, from 1 August 2022) is a
#: right for children under 18 with serious illness, injury or disability who will need
#: long-term, coordinated health and care services and other welfare services. The right is
#: anchored in the health and care services: the municipality's koordinerende enhet appoints
#: the barnekoordinator, who then does the samordning of the services. The model
#: reads this as: under this age, needs in two or more areas, and a need in one of
#: ``BARNEKOORDINATOR_DOMAINS`` at or above ``BARNEKOORDINATOR_SEVERITY`` (beyond what a
#: universal service helps with: specialist health care). The reading is an assumption.
BARNEKOORDINATOR_AGE = 18.0
BARNEKOORDINATOR_DOMAINS = ("disability_somatic", "mental_health")
BARNEKOORDINATOR_SEVERITY = LEVEL1_LIMIT
#: Meetings between two services (a service's policy, ``samlab.policies``): how much of what
#: a referrer does not know about the other service's mandate regular meetings can teach at
#: most, and the meeting time (hours per week per 100 children) that teaches about two
#: thirds of that. Knowing each other's mandate is the most cited condition for referring
#: right (Fafo 2020; RKBU Nord 2017); the values are assumptions.
CONTACT_KNOWLEDGE_GAIN = 0.6
CONTACT_HOURS_SCALE = 1.0
#: Cost of one staff hour (NOK), salary and overhead. An assumption for budgeting.
HOURLY_COST_NOK = 1000
#: Co-location (rent and running a shared building), NOK per week per 100 children.
CO_LOCATION_NOK_PER_WEEK_PER_100 = 4000

#: Governance mode: (how well network-level coordination works, system meeting hours per
#: week per 100 children, extra staff hours of a network administrative organisation per
#: week per 100 children). Provan & Kenis (2008): with many participants and moderate
#: trust, shared governance is slow and costly; a lead organisation or an NAO coordinates
#: more effectively; an NAO costs staff of its own. The values are assumptions.
GOVERNANCE = {
    "shared": (0.7, 1.5, 0.0),
    "lead_organisation": (0.9, 1.0, 0.0),
    "nao": (1.0, 0.5, 3.0),
}


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

    @classmethod
    def from_levers(cls, levers: dict[str, Any]) -> Mechanisms:
        duty = 1.0 if levers["duty_to_collaborate"] else 0.0
        # Leadership anchoring: time and mandate set aside. The 2022 duty to collaborate
        # adds a little of it by law (BarnUnge21 2020; Prop. 100 L).
        anchoring = min(1.0, levers["leadership_anchoring"] + 0.15 * duty)
        # Structure without anchoring achieves little (Fafo 2020: structures without a
        # collaboration culture and practice; RKBU Nord 2017).
        routines = levers["shared_routines"] * (0.15 + 0.85 * anchoring)
        # Knowledge of each other's mandate. Co-location alone adds little; with shared
        # routines and anchoring, people who share a building learn what the others do
        # (Ledang & Horn; Fafo 2018).
        k = levers["knowledge_of_others"]
        co_loc = 1.0 if levers["co_location"] else 0.0
        knowledge = k + (1.0 - k) * co_loc * (0.04 + 0.5 * routines)
        governance_effect = GOVERNANCE[levers["governance"]][0]
        # What an active coordinator achieves: joint meetings help with diminishing
        # returns, and need mandate and time to work (RKBU Nord 2017; Glisson & Hemmelgarn
        # 1998: more coordination is not automatically better).
        meetings = 1.0 - math.exp(-levers["meeting_hours"] / 0.4)
        coordination = governance_effect * meetings * (0.35 + 0.65 * anchoring)
        # The coordinator role goes untaken when it brings work without resources
        # (RKBU Nord 2017). The right to a barnekoordinator (Prop. 100 L) helps only the
        # children it covers (``coordinator_uptake_for``).
        uptake = min(1.0, 0.25 + 0.65 * anchoring)
        return cls(
            levers=dict(levers),
            anchoring=anchoring,
            routines=routines,
            knowledge=knowledge,
            coordination=coordination,
            coordinator_uptake=uptake,
            governance_effect=governance_effect,
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
            return min(1.0, self.coordinator_uptake + 0.1)
        return self.coordinator_uptake

    def notice_probability(self, severity: float) -> float:
        """Weekly chance that a universal service notices and acts on a need.

        Routines for acting on concern raise it (IS-2826; BTI level 0).
        """
        return NOTICE_BASE * severity * (1.0 + 0.8 * self.routines)

    def report_to_child_welfare(self, consent: float | None = None) -> float:
        """Chance that a noticed care/safety concern is reported to child welfare.

        Staff report concern too rarely, and confidentiality is better understood than the
        duty to inform (RKBU Nord 2017); consent and information routines raise it.
        ``consent``: the noticing service's own practice (its policy), if it has one.
        """
        if consent is None:
            consent = self.levers["consent_routines"]
        return min(1.0, 0.35 + 0.5 * consent + 0.15 * self.routines)

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
        p = knowledge + (1.0 - knowledge) * 0.3 * self.routines
        if coordinated:
            p += (1.0 - p) * 0.8 * self.coordination
        return p

    def re_referral_after_bounce(self) -> float:
        """After a bounce, the returning service says where to go: knowledge improves."""
        return 0.5 + 0.5 * self.knowledge

    def give_up_after_bounce(self, coordinated: bool) -> float:
        """Chance that a family stops seeking help after a referral is returned."""
        p = 0.3 * (1.0 - 0.5 * self.levers["user_participation"])
        if coordinated:
            p *= 1.0 - self.coordination
        return p

    def drop_out_while_waiting(self, coordinated: bool) -> float:
        """Weekly chance that a family gives up while on a waiting list."""
        p = 0.006 * (1.0 - 0.5 * self.levers["user_participation"])
        if coordinated:
            p *= 1.0 - self.coordination
        return p

    def contact_knowledge(self, contact_hours: float) -> float:
        """Share of what a referrer did not know of another service that meetings teach."""
        return CONTACT_KNOWLEDGE_GAIN * (1.0 - math.exp(-contact_hours / CONTACT_HOURS_SCALE))

    def assessment_shared(self, coordinated: bool, consent: float | None = None) -> float:
        """Chance that an earlier assessment can be used (consent to share information).

        Without consent routines, confidentiality blocks the flow of information and the
        next service assesses again (RKBU Nord 2017; KS guide). An individual plan with an
        active coordinator carries the family's consent to share among the services in it.
        ``consent``: the assessing service's own practice (its policy), if it has one.
        """
        if consent is None:
            consent = self.levers["consent_routines"]
        p = 0.9 * consent
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
        p = 0.45 + 0.3 * self.routines + 0.1 * duty
        if coordinated:
            p += (1.0 - p) * self.coordination
        return min(1.0, p)

    def hand_on_at_discharge(self, coordinated: bool) -> float:
        """Chance that a service closing a case refers on a need it did not help with.

        Services pay little attention to needs outside their own mandate and are reluctant
        to take coordination responsibility (Fafo 2020); knowing the others and a
        stafettlogg make it likelier, and a coordinator sees to it.
        """
        p = 0.2 + 0.3 * self.knowledge + 0.3 * self.routines
        if coordinated:
            p += (1.0 - p) * self.coordination
        return min(1.0, p)

    def turnover_per_week(self, turnover_factor: float) -> float:
        """Weekly chance that a case changes caseworker (staff turnover, RKBU Nord 2017)."""
        return self.levers["staff_turnover"] * turnover_factor / 52.0

    def follow_up_lost_after_break(self, coordinated: bool) -> float:
        """Chance that a case is dropped when the caseworker changes.

        A stafettlogg that follows the child keeps the plan when people change; a
        coordinator notices the break.
        """
        p = 0.25 * (1.0 - 0.7 * self.routines)
        if coordinated:
            p *= 1.0 - self.coordination
        return p

    def coordinator_finds_gap(self) -> float:
        """Weekly chance that an active coordinator acts on a need nobody is helping."""
        return 0.6 * self.coordination

    def help_effect(self) -> float:
        """Multiplier on how fast the right help works: participation makes it fit better."""
        return 1.0 + 0.25 * self.levers["user_participation"]

    # --- hours ---------------------------------------------------------------------------

    def collaboration_overhead_per_100(self) -> float:
        """Staff hours per week per 100 children for system-level collaboration.

        Network meetings (more under shared governance), leaders' anchoring time, routines
        upkeep (BTI, stafettlogg training), consent routines, participation work, knowledge
        building beyond the baseline (hospitering, training) and the duty to collaborate.
        These hours come out of the services' capacity for direct help.
        """
        lv = self.levers
        system_meetings = GOVERNANCE[lv["governance"]][1] * (0.2 + self.anchoring)
        return (
            system_meetings
            + 1.0 * lv["leadership_anchoring"]
            + 1.5 * lv["shared_routines"]
            + 0.5 * lv["consent_routines"]
            + 1.0 * lv["user_participation"]
            + 4.0 * max(0.0, lv["knowledge_of_others"] - 0.5)
            + (0.75 if lv["duty_to_collaborate"] else 0.0)
        )

    def nao_staff_per_100(self) -> float:
        """Extra staff hours per week per 100 children for an NAO (paid, not from services)."""
        return GOVERNANCE[self.levers["governance"]][2]

    def coordinator_hours(self) -> float:
        """Staff hours per week for one child with an active coordinator (role + meetings)."""
        return COORDINATOR_ROLE_HOURS + self.levers["meeting_hours"]


def barnekoordinator_eligible(age: float, needs: dict[str, float]) -> bool:
    """Whether a child has the right to a barnekoordinator, as the model reads the law.

    Helse- og omsorgstjenesteloven § 7-2 a: a child under 18 with serious illness, injury or
    disability who will need long-term, coordinated health and care services and other welfare
    services. In the model: under ``BARNEKOORDINATOR_AGE``, needs in two or more areas, and a
    health need (``BARNEKOORDINATOR_DOMAINS``) of at least ``BARNEKOORDINATOR_SEVERITY``.
    """
    if age >= BARNEKOORDINATOR_AGE or len(needs) < 2:
        return False
    return any(needs.get(d, 0.0) >= BARNEKOORDINATOR_SEVERITY for d in BARNEKOORDINATOR_DOMAINS)
