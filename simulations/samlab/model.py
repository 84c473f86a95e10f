"""The municipality model: one week per step, children and services interacting.

Process order each week (see ``simulations/ODD.md``):

1. Children whose needs begin this week enter the model.
2. Coordinators and joint meetings take their hours from the services involved.
3. Services, in random order: staff turnover, help for ongoing cases (rationed by
   capacity), then assessment of referrals on the waiting list.
   (A service closing a case whose needs are met may refer the child's other needs on.)
4. Children, in random order: age one week (transitions at age limits), needs grow or
   ease, universal services or a coordinator notice needs nobody helps, families give up
   while waiting, and the child's status (right help, lost) is updated.
5. The week's numbers are collected.

All randomness comes from the model's own generator (``model.random``), seeded from the
``seed`` of the run, so the same seed gives the same numbers on every supported Python and
Mesa version.
"""

from __future__ import annotations

from typing import Any

import mesa
from mesa.datacollection import DataCollector

from .agents import Child, Referral, Service, next_service_for, specialised_target
from .assumptions import DEFAULT_ASSUMPTIONS, Assumptions
from .costs import budget
from .errors import SamlabValueError
from .lever_catalogue import validate_levers
from .mechanisms import Mechanisms
from .personas import PERSONAS, get_persona
from .policies import ServicePolicy
from .services import (
    DOMAINS,
    GP_REFERRERS,
    REPORT_SERVICES,
    SERVICES,
    SERVICES_BY_KEY,
    SPECIALIST_HEALTH,
)

#: The default assumptions' onset values under their earlier names (for reading); a run
#: reads its ``Assumptions``.
SHARE_AT_START = DEFAULT_ASSUMPTIONS.share_at_start
MIN_FOLLOW_UP_WEEKS = DEFAULT_ASSUMPTIONS.min_follow_up_weeks


class MunicipalityModel(mesa.Model):
    """Services for children and youth with composite needs in one municipality.

    Args:
        levers: a full, validated set of levers (see ``samlab.levers``).
        children: number of children and youth with needs over the period.
        weeks: number of weeks to run.
        seed: seed for the model's random number generator.
        record_journeys: keep every child's events (the tjenestereise).
        personas: add the children of Fjordvik (``samlab.personas``) to the random ones.
        assumptions: the model's coefficients (``samlab.assumptions``); the defaults if not
            given.
    """

    def __init__(
        self,
        levers: dict[str, Any],
        children: int = 600,
        weeks: int = 156,
        seed: int = 1,
        record_journeys: bool = True,
        personas: bool = False,
        assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
    ):
        super().__init__(rng=seed)
        self.assumptions = assumptions
        self.seed_value = seed
        self.levers = dict(levers)
        self.n_children = children
        self.n_weeks = weeks
        self.week = 0
        self.record_journeys = record_journeys
        self.mechanisms = Mechanisms.from_levers(self.levers, assumptions)
        self.help_effect = self.mechanisms.help_effect()
        self.events: list[tuple] = []
        self.referral_list: list[Referral] = []
        self.service_history: list[tuple] = []  # (week, service, caseload, waiting)
        self.children_all: list[Child] = []
        self.coordinated_children: dict[Child, None] = {}  # ordered, for reproducibility
        # run counters
        self.direct_help_hours = 0.0
        self.assessment_hours = 0.0
        self.coordination_hours = 0.0
        self.duplicate_assessments = 0
        self.bounced_referrals = 0
        self.rejected_referrals = 0
        self.referrals = 0
        self.continuity_breaks = 0
        self.lost_at_transition_events = 0
        self.concerns_not_reported = 0
        self.reports_dismissed = 0
        self.gp_referrals = 0
        # referrals on their way through the GP (fastlege) to specialist health, in order
        self.at_gp: list[Referral] = []

        self.budget = budget(self.levers, children, weeks, assumptions)
        scale = children / 100.0
        total_per_100 = sum(s.capacity_per_100 for s in SERVICES)
        overhead = self.mechanisms.collaboration_overhead_per_100() * scale
        self.nao_hours = self.mechanisms.nao_staff_per_100() * scale
        self.services: dict[str, Service] = {}
        self.policies: dict[str, ServicePolicy] = {}  # services with a leader's policy
        self.meetings: dict[tuple[str, str], float] = {}  # (caller, other): hours per 100
        for spec in SERVICES:
            service = Service(self, spec, spec.capacity_per_100 * scale * self.levers["capacity"])
            service.overhead = overhead * spec.capacity_per_100 / total_per_100
            self.services[spec.key] = service
        self.collaboration_overhead = overhead

        self._onsets = self._draw_onsets(children, weeks)
        if personas:
            # After the random draws, so the other children are the same as without them.
            for persona in PERSONAS:
                if persona.onset_week < weeks:
                    self._onsets.setdefault(persona.onset_week, []).append(
                        (persona.age, dict(persona.needs), persona.key)
                    )
        self.datacollector = DataCollector(
            model_reporters={
                "week": "week",
                "children_with_needs": "stat_children",
                "new_children": "stat_new",
                "waiting_list": "stat_waiting",
                "in_services": "stat_in_services",
                "with_right_help": "stat_right_help",
                "lost_between_services": "stat_lost",
                "with_coordinator": "stat_coordinated",
                "referrals": "stat_referrals",
                "bounced_referrals": "stat_bounced",
                "duplicate_assessments": "stat_duplicates",
                "continuity_breaks": "stat_breaks",
                "lost_at_transition": "stat_lost_transition",
                "direct_help_hours": "stat_help_hours",
                "coordination_hours": "stat_coordination_hours",
            }
        )
        self._reset_week_stats()

    # --- set-up --------------------------------------------------------------------------

    def _draw_onsets(self, children: int, weeks: int) -> dict[int, list]:
        rnd = self.random
        a = self.assumptions
        last = max(1, weeks - a.min_follow_up_weeks)
        onsets: dict[int, list] = {}
        n_start = round(a.share_at_start * children)
        age_lo, age_hi = a.onset_age_range
        sev_lo, sev_hi = a.onset_severity_range
        for i in range(children):
            week = 0 if i < n_start else rnd.randrange(last)
            age = rnd.uniform(age_lo, age_hi)
            k = _weighted_choice(rnd, a.number_of_needs)
            eligible = [(d, w) for d, lo, hi, w in a.domain_onset if lo <= age < hi]
            needs: dict[str, float] = {}
            while eligible and len(needs) < k:
                domain = _weighted_choice(rnd, eligible)
                eligible = [(d, w) for d, w in eligible if d != domain]
                needs[domain] = rnd.uniform(sev_lo, sev_hi)
            # keep the catalogue's domain order, so runs read the same way
            needs = {d: needs[d] for d in DOMAINS if d in needs}
            onsets.setdefault(week, []).append((age, needs, None))
        return onsets

    # --- the week ------------------------------------------------------------------------

    def step(self) -> None:
        self._reset_week_stats()
        for age, needs, persona in self._onsets.pop(self.week, ()):
            child = Child(self, age, dict(needs))
            child.persona = persona
            self.children_all.append(child)
            self.log(child, "needs_begin", "", ",".join(needs))
            self.stat_new += 1
            if persona is not None:
                self._start_persona_services(child, get_persona(persona).services_at_start)
        self._charge_coordination()
        self._gp_referrals_arrive()
        self.agents_by_type[Service].shuffle_do("step")
        if Child in self.agents_by_type:
            self.agents_by_type[Child].shuffle_do("step")
        self._collect_week()
        self.week += 1
        if self.week >= self.n_weeks:
            self.running = False

    def run(self) -> MunicipalityModel:
        """Run all weeks."""
        while self.running:
            self.step()
        return self

    def _gp_referrals_arrive(self) -> None:
        """The GP's (fastlege's) referrals due this week reach the specialist services."""
        if not self.at_gp:
            return
        due = [ref for ref in self.at_gp if ref.due_week <= self.week]
        if not due:
            return
        self.at_gp = [ref for ref in self.at_gp if ref.due_week > self.week]
        for ref in due:
            child = ref.child
            if child.exited or child.pending.get(ref.domain) is not ref:
                if ref.outcome == "waiting":
                    ref.close("withdrawn", self.week)
                continue
            target = ref.target
            if ref.first:
                target.waiting.appendleft(ref)
            else:
                target.waiting.append(ref)
            target.referrals_received += 1
            self.gp_referrals += 1
            self.log(child, "referred", target.key, f"{ref.domain} from fastlege")

    def _start_persona_services(self, child: Child, services: tuple[str, ...]) -> None:
        """A persona whose story begins in the care of some services starts there."""
        for key in services:
            service = self.services[key]
            domain = next(d for d in child.needs if d in service.spec.mandate)
            child.assessed_by.add(key)
            service.take_case(child, domain)

    def _charge_coordination(self) -> None:
        """Coordinators and joint meetings take hours from the services involved.

        The system-level collaboration overhead is already taken from each service's
        capacity; an NAO's own staff are paid on top (see ``costs.py``).
        """
        per_child = self.mechanisms.coordinator_hours()
        hours = self.collaboration_overhead + self.nao_hours
        for child in self.coordinated_children:
            services = child.services
            if not services:
                continue
            share = per_child / len(services)
            for service in services:
                service.coordination_load += share
            hours += per_child
        for (first, second), per_100 in self.meetings.items():
            meeting = per_100 * self.n_children / 100.0
            self.services[first].coordination_load += meeting
            self.services[second].coordination_load += meeting
            hours += 2.0 * meeting
        self.coordination_hours += hours
        self.stat_coordination_hours = hours

    # --- policies: a service's decisions, and the network leader's levers ---------------

    def set_policy(self, service: str, policy: ServicePolicy | None) -> None:
        """Give ``service`` a policy (``samlab.policies``) from this week on; ``None``: the
        rules the levers imply."""
        if service not in self.services:
            raise SamlabValueError(
                f"unknown service {service!r}; known services: {', '.join(self.services)}"
            )
        if policy is not None:
            policy.check(service)
        self.services[service].policy = policy
        if policy is None:
            self.services[service].spare_coordination = 0.0
        self.policies = {k: s.policy for k, s in self.services.items() if s.policy is not None}
        meetings: dict[tuple[str, str], float] = {}
        for key, pol in self.policies.items():
            for other, hours in pol.meetings.items():
                meetings[(key, other)] = hours
        self.meetings = meetings

    def contact_hours(self, source: str, target: str) -> float:
        """Meeting time per week per 100 children between a referrer and a service: their
        meetings, and a share of the target's coordination time left for being reachable."""
        hours = self.meetings.get((source, target), 0.0) + self.meetings.get((target, source), 0.0)
        spare = self.services[target].spare_coordination
        if spare > 0.0:
            hours += spare * 100.0 / self.n_children / (len(self.services) - 1)
        return hours

    def waiting_referrals(self, service: str, child_id: int) -> list[Referral]:
        """The referrals for child ``child_id`` on ``service``'s waiting list still in force."""
        return [
            ref
            for ref in self.services[service].waiting
            if ref.child.unique_id == child_id
            and not ref.child.exited
            and ref.child.pending.get(ref.domain) is ref
        ]

    def return_referrals(self, service: str, child_id: int) -> int:
        """The service's leader sends the child's waiting referrals back, as a referral below
        the threshold is sent back (screening hours, the child's needs go back to where they
        came from). Returns how many were sent back."""
        target = self.services[service]
        refs = self.waiting_referrals(service, child_id)
        for ref in refs:
            target.waiting.remove(ref)
            screening = self.assumptions.screening_hours
            target.intake_credit -= screening
            target.assessment_hours_used += screening
            self.assessment_hours += screening
            target.referrals_returned += 1
            if ref.report:  # a bekymringsmelding is closed (henlagt), never sent back
                ref.close("dismissed", self.week)
                ref.child.report_dismissed(ref, target, wrong=False)
                continue
            ref.close("rejected", self.week)
            ref.child.referral_returned(ref, target, below_threshold=True)
        return len(refs)

    def prioritise_referrals(self, service: str, child_id: int) -> int:
        """The service's leader moves the child's waiting referrals to the front of the
        queue, where a planned transition goes. Returns how many were moved."""
        target = self.services[service]
        refs = self.waiting_referrals(service, child_id)
        for ref in reversed(refs):
            target.waiting.remove(ref)
            target.waiting.appendleft(ref)
            self.log(ref.child, "prioritised", service, ref.domain)
        return len(refs)

    def set_levers(self, changes: dict[str, Any]) -> None:
        """Change some levers from this week on (the network leader's decisions).

        The rules, the common collaboration overhead and the NAO's staff follow the new
        levers; the cost of the run counts the weeks so far at the old levers' price.
        ``capacity`` and ``staff_turnover`` stay as they were set at the start.
        """
        changes = validate_levers(changes)
        fixed = [name for name in ("capacity", "staff_turnover") if name in changes]
        if fixed:
            raise SamlabValueError(f"levers {fixed} can only be set when a run starts")
        levers = {**self.levers, **changes}
        if levers == self.levers:
            return
        old_per_week = budget(self.levers, self.n_children, 1, self.assumptions)["cost_nok"]
        self.levers = levers
        self.mechanisms = Mechanisms.from_levers(levers, self.assumptions)
        self.help_effect = self.mechanisms.help_effect()
        weeks_left = self.n_weeks - self.week
        new = budget(levers, self.n_children, self.n_weeks, self.assumptions)
        new["cost_nok"] = old_per_week * self.week + new["cost_nok"] / self.n_weeks * weeks_left
        self.budget = new
        scale = self.n_children / 100.0
        total_per_100 = sum(s.capacity_per_100 for s in SERVICES)
        overhead = self.mechanisms.collaboration_overhead_per_100() * scale
        self.nao_hours = self.mechanisms.nao_staff_per_100() * scale
        for service in self.services.values():
            service.overhead = overhead * service.spec.capacity_per_100 / total_per_100
        self.collaboration_overhead = overhead

    def _reset_week_stats(self) -> None:
        self.stat_new = 0
        self._week_counters = (
            self.referrals,
            self.bounced_referrals,
            self.duplicate_assessments,
            self.continuity_breaks,
            self.lost_at_transition_events,
            self.direct_help_hours,
        )

    def _collect_week(self) -> None:
        children = self.agents_by_type.get(Child, ())
        self.stat_children = len(children)
        in_services = right = lost = 0
        for child in children:
            if child.services:
                in_services += 1
            if child.lost:
                lost += 1
            if child.right_help_now:
                right += 1
        self.stat_in_services = in_services
        self.stat_right_help = right
        self.stat_lost = lost
        self.stat_coordinated = len(self.coordinated_children)
        self.stat_waiting = sum(  # on their way to specialist health through the GP
            1
            for ref in self.at_gp
            if not ref.child.exited and ref.child.pending.get(ref.domain) is ref
        )
        for key, service in self.services.items():
            waiting = sum(
                1
                for ref in service.waiting
                if not ref.child.exited and ref.child.pending.get(ref.domain) is ref
            )
            self.stat_waiting += waiting
            self.service_history.append((self.week, key, len(service.cases), waiting))
        (ref0, bounce0, dup0, break0, lost0, help0) = self._week_counters
        self.stat_referrals = self.referrals - ref0
        self.stat_bounced = self.bounced_referrals - bounce0
        self.stat_duplicates = self.duplicate_assessments - dup0
        self.stat_breaks = self.continuity_breaks - break0
        self.stat_lost_transition = self.lost_at_transition_events - lost0
        self.stat_help_hours = self.direct_help_hours - help0
        self.datacollector.collect(self)

    # --- what happens to a child ---------------------------------------------------------

    def log(self, child: Child, event: str, service: str, detail: str) -> None:
        """Record one event in the child's service journey (tjenestereise)."""
        if self.record_journeys:
            self.events.append(
                (self.week, child.unique_id, round(child.age, 2), event, service, detail)
            )

    def concern_noticed(self, child: Child, domain: str, noticer: str) -> None:
        """A universal service notices a need: help within its own service, or refer on."""
        self.log(child, "concern_noticed", noticer, domain)
        severity = child.needs[domain]
        policy = self.services[noticer].policy
        limit = self.assumptions.level1_limit if policy is None else policy.threshold
        if severity < limit and self.help_in_universal_service(child, domain):
            return
        consent = None if policy is None else policy.consent
        if domain == "care_safety" and self.random.random() >= (
            self.mechanisms.report_to_child_welfare(consent)
        ):
            self.concerns_not_reported += 1
            self.log(child, "concern_not_reported", noticer, domain)
            return
        self.refer(child, domain, noticer)

    def help_in_universal_service(self, child: Child, domain: str) -> bool:
        """Help within a universal service (BTI level 1), if one the child meets can."""
        for key in self.assumptions.level1_services:
            service = self.services[key]
            if domain in service.spec.mandate and service.spec.serves_age(child.age):
                if child.helped_by.get(domain) is not service:
                    service.take_case(child, domain)
                return True
        return False

    def refer(self, child: Child, domain: str, source: str, p_right: float | None = None) -> None:
        """Send a referral for ``domain`` to a service's waiting list.

        The referrer picks the right service with probability ``p_right`` (by default from
        knowledge of others, routines and an active coordinator); otherwise a service that
        cannot help, which will return the referral.
        """
        target_key = specialised_target(domain, child.age)
        if target_key is None:
            # No service has this need in its mandate at this age: a glippsone by design.
            self.log(child, "no_service_for_need", source, domain)
            return
        if target_key in REPORT_SERVICES:
            # A concern for a child's care goes to barnevern as a bekymringsmelding: whoever
            # has decided to report it knows where (whether they report is ``concern_noticed``).
            p_right = 1.0
        elif p_right is None:
            contact = self.contact_hours(source, target_key) if self.policies else 0.0
            p_right = self.mechanisms.right_referral(child.coordinated, contact)
        direct = source in GP_REFERRERS
        if self.random.random() >= p_right:
            wrong = [
                s.key
                for s in SERVICES
                if not s.universal
                and s.serves_age(child.age)
                and domain not in s.mandate
                and s.key != "barnevern_aftercare"
            ]
            if wrong:
                target_key = self.random.choice(wrong)
        target = self.services[target_key]
        ref = Referral(child, domain, source, target, self.week)
        if self.record_journeys:
            self.referral_list.append(ref)
        child.pending[domain] = ref
        if target_key in SPECIALIST_HEALTH and not direct:
            # Right or wrong, the way to specialist health goes through the GP, who refers
            # as the family and the school or health station describe the need.
            self._via_gp(ref, source)
        else:
            target.waiting.append(ref)
            target.referrals_received += 1
        if source != "coordinator":
            # A coordinator (stafettholder) keeps the responsibility while bringing in a
            # service, so the child is not handed off; everyone else passes the child on.
            child.handoffs += 1
        child.known = True
        self.referrals += 1
        if ref.report:
            self.log(child, "reported", target_key, f"{domain} from {source}")
        elif not ref.via_gp:
            self.log(child, "referred", target_key, f"{domain} from {source}")
        child.maybe_assign_coordinator(self.services.get(source))

    def hand_on(self, child: Child, service: Service) -> None:
        """A service closing a case refers on the child's needs that nobody helps, or not."""
        for domain in list(child.needs):
            if domain in child.helped_by or domain in child.pending:
                continue
            if self.random.random() < self.mechanisms.hand_on_at_discharge(child.coordinated):
                self.refer(child, domain, service.key)
            else:
                self.log(child, "closed_without_hand_on", service.key, domain)

    def transition(self, child: Child, service: Service) -> None:
        """The child reaches the service's age limit: hand the case over, or lose it."""
        case = service.drop_case(child, "age_limit")
        if case is None:
            return
        mech = self.mechanisms
        for domain in sorted(case.domains):
            if domain not in child.needs:
                continue
            nxt = next_service_for(service.key, domain)
            eligible = nxt is not None and SERVICES_BY_KEY[nxt].serves_age(child.age)
            if eligible and self.random.random() < mech.transition_handover(child.coordinated):
                self._hand_over(child, domain, service, self.services[nxt])
                continue
            if nxt is not None and SERVICES_BY_KEY[nxt].universal:
                # The child meets the next school every week: the help and what was learnt
                # about the child are not passed on, but the child is not out of sight.
                self.log(child, "transition_without_handover", service.key, domain)
                continue
            child.lost_at_transition = True
            self.lost_at_transition_events += 1
            self.log(child, "lost_at_transition", service.key, domain)

    def _hand_over(self, child: Child, domain: str, source: Service, target: Service) -> None:
        """A planned transition: the next service takes over (it goes first in the queue)."""
        if target.spec.universal:
            target.take_case(child, domain)
        else:
            ref = Referral(child, domain, source.key, target, self.week)
            ref.first = True
            if self.record_journeys:
                self.referral_list.append(ref)
            child.pending[domain] = ref
            if target.key in SPECIALIST_HEALTH and source.key not in GP_REFERRERS:
                self._via_gp(ref, source.key)
            else:
                target.waiting.appendleft(ref)
                target.referrals_received += 1
            self.referrals += 1
        child.handoffs += 1
        self.log(child, "transition_handover", target.key, f"{domain} from {source.key}")

    def _via_gp(self, ref: Referral, source: str) -> None:
        """Specialist health takes referrals from the GP: the family is advised to see the
        fastlege, whose referral reaches the service ``gp_delay_weeks`` later."""
        ref.via_gp = True
        ref.due_week = self.week + self.assumptions.gp_delay_weeks
        self.at_gp.append(ref)
        self.log(ref.child, "advised_gp", "fastlege", f"{ref.domain} from {source}")

    def continuity_break(self, child: Child, service: Service, case) -> None:
        """A caseworker leaves: the case pauses, and some lose their follow-up."""
        self.continuity_breaks += 1
        child.continuity_breaks += 1
        case.paused_until = self.week + self.assumptions.break_pause_weeks
        self.log(child, "continuity_break", service.key, "new caseworker")
        if self.random.random() < self.mechanisms.follow_up_lost_after_break(child.coordinated):
            service.drop_case(child, "follow_up_lost")
            self.log(child, "follow_up_lost", service.key, ",".join(sorted(case.domains)))

    def assessment_cost(self, child: Child, domain: str, service: Service) -> tuple[float, bool]:
        """Hours to assess the child, and whether it duplicates earlier work.

        If another service has already mapped the child's situation and consent lets it
        share what it found, the assessment is shorter. If not, the child and family go
        through the same mapping again: a duplicate assessment.
        """
        hours = service.spec.assessment_hours
        if child.assessed_by - {service.key}:
            consent = None if service.policy is None else service.policy.consent
            if self.random.random() < self.mechanisms.assessment_shared(child.coordinated, consent):
                return self.assumptions.shared_assessment_factor * hours, False
            return hours, True
        return hours, False


def _weighted_choice(rnd, items):
    total = sum(w for _, w in items)
    x = rnd.random() * total
    for item, w in items:
        x -= w
        if x < 0:
            return item
    return items[-1][0]
