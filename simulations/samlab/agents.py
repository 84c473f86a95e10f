"""The agents: children with needs, and the services that can help them.

A ``Child`` has needs in one or more domains that grow when unmet and ease with the right
help; it ages, meets universal services that may notice its needs, reaches age limits and
keeps its own service journey (tjenestereise, ``log``). A ``Service`` has a mandate, age
limits, capacity (staff hours per week), a waiting list and a threshold; it helps, screens
and assesses referrals, loses caseworkers and closes cases. Referrals travel by
``referrals.py``. How likely each step is comes from ``mechanisms.py``; the numbers from the
run's ``Assumptions``.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import mesa

from .assumptions import DEFAULT_ASSUMPTIONS
from .mechanisms import barnekoordinator_eligible
from .referrals import (
    Referral,
    hand_over,
    next_service_for,
    refer,
    specialised_target,
)
from .services import (
    REPORT_SERVICES,
    SERVICES_BY_KEY,
    UNIVERSAL_CONTACTS_BY_YEAR,
    ServiceSpec,
    universal_contacts,
)

if TYPE_CHECKING:
    from .model import MunicipalityModel
    from .policies import ServicePolicy

__all__ = ["Case", "Child", "Referral", "Service", "next_service_for", "specialised_target"]

#: Above this severity, help within a universal service no longer counts as the right help:
#: the need calls for a specialised service (BTI level 2-3). The default assumption's value;
#: a run reads ``Assumptions.specialist_limit``.
SPECIALIST_LIMIT = DEFAULT_ASSUMPTIONS.specialist_limit


class Case:
    """A child being helped by a service with some of its needs."""

    __slots__ = ("domains", "paused_until", "started")

    def __init__(self, domains: set[str], week: int):
        self.domains = domains
        self.paused_until = week
        self.started = week


class Service(mesa.Agent):
    """A municipal or specialised service: mandate, ages, capacity, waiting list, threshold."""

    model: MunicipalityModel

    def __init__(self, model: MunicipalityModel, spec: ServiceSpec, capacity: float):
        super().__init__(model)
        self.spec = spec
        self.key = spec.key
        # read every week by every child: kept on the agent, not looked up through spec
        self.max_age = spec.max_age
        self.universal = spec.universal
        self.help_rate = spec.help_rate
        self.capacity = capacity
        self.overhead = 0.0  # system-level collaboration hours per week (set by the model)
        self.coordination_load = 0.0  # coordinator and meeting hours this week
        self.waiting: deque[Referral] = deque()
        self.cases: dict[Child, Case] = {}
        self.help_fraction = 1.0
        self.intake_credit = 0.0
        self.turnover_p = model.mechanisms.turnover_per_week(spec.turnover_factor)
        # A leader's policy for this service (``samlab.policies``); None: the levers' rules.
        self.policy: ServicePolicy | None = None
        self.spare_coordination = 0.0  # coordination hours set aside but not needed
        # hours taken from next week's work to investigate a report by its legal deadline
        self.borrowed_hours = 0.0
        # per-run counters
        self.referrals_received = 0
        self.referrals_returned = 0
        self.assessments = 0
        self.help_hours_given = 0.0
        self.assessment_hours_used = 0.0
        self.coordination_hours_used = 0.0

    def step(self) -> None:
        model = self.model
        self.coordination_hours_used += self.coordination_load
        if self.policy is None:
            available = max(0.0, self.capacity - self.overhead - self.coordination_load)
            reserve = model.assumptions.intake_reserve * available
        else:
            available, reserve = self._split_hours(self.policy)
        if self.borrowed_hours > 0.0:
            # an investigation kept to its deadline last week took these hours from this week
            share = max(0.0, available - self.borrowed_hours) / available if available else 0.0
            available *= share
            reserve *= share
            self.borrowed_hours = 0.0
        self.coordination_load = 0.0
        help_available = available - reserve
        needed = self._staff_turnover_and_hours_needed(model.week)
        if needed > 0.0:
            self.help_fraction = min(1.0, help_available / needed)
            used = min(help_available, needed)
        else:
            self.help_fraction = 1.0
            used = 0.0
        model.counters["direct_help_hours"] += used
        self.help_hours_given += used
        # Time not used for help goes to assessing new referrals. At most one assessment's
        # worth of unused time carries over to next week, so a small service can still
        # finish a long assessment, but idle weeks are not banked.
        carry = model.assumptions.intake_carry_over * self.spec.assessment_hours
        self.intake_credit = min(self.intake_credit, carry) + reserve + help_available - used
        self._intake()

    def _split_hours(self, policy: ServicePolicy) -> tuple[float, float]:
        """Hours for help and assessment, and the assessment reserve, under a policy.

        Coordination is paid from the share set aside for it first; what it needs beyond
        that comes out of help and assessment in the ratio of their shares. Set-aside hours
        coordination does not need are spent on being reachable (``spare_coordination``).
        """
        own = self.capacity - self.overhead
        set_aside = policy.coordination * own
        load = self.coordination_load
        spare = max(0.0, set_aside - load)
        self.spare_coordination = spare
        if spare > 0.0:
            self.coordination_hours_used += spare
            self.model.counters["coordination_hours"] += spare
            self.model.stat_coordination_hours += spare
        work = policy.direct_help + policy.assessment
        available = max(0.0, work * own - max(0.0, load - set_aside))
        reserve = (policy.assessment / work) * available if work > 0.0 else 0.0
        return available, reserve

    def _staff_turnover_and_hours_needed(self, week: int) -> float:
        """Caseworkers leave (``continuity_break``, one draw per case, in case order); then
        the help hours the cases not paused need this week."""
        hours = self.spec.help_hours
        cases = self.cases
        needed = 0.0
        p = self.turnover_p
        rnd = self.model.random.random
        for child, case in list(cases.items()):
            if p > 0.0 and rnd() < p:  # no draw when nobody leaves
                self.continuity_break(child, case)  # pauses the case, or closes it
                if child not in cases:
                    continue
            if case.paused_until <= week:
                needed += hours
        return needed

    def _intake(self) -> None:
        model = self.model
        spec = self.spec
        threshold = spec.threshold if self.policy is None else self.policy.threshold
        screening = model.assumptions.screening_hours
        deadline = model.assumptions.report_deadline_weeks
        if self.key in REPORT_SERVICES and self.waiting:
            self._review_reports(threshold)
        waiting = self.waiting
        while waiting:
            ref = waiting[0]
            child = ref.child
            if not ref.in_force or ref.domain not in child.needs:
                waiting.popleft()  # withdrawn, resolved or moved on: nothing to do
                if ref.outcome == "waiting":
                    ref.close("withdrawn", model.week)
                continue
            wrong = ref.domain not in spec.mandate or not spec.serves_age(child.age)
            below = not wrong and child.needs[ref.domain] < threshold
            if wrong or below:
                if self.intake_credit < screening:
                    return
                self.intake_credit -= screening
                model.counters["assessment_hours"] += screening
                self.assessment_hours_used += screening
                waiting.popleft()
                self.referrals_returned += 1
                if ref.report:  # e.g. the child turned 18 while waiting: closed, not returned
                    ref.close("dismissed", model.week)
                    child.report_dismissed(ref, self, wrong=wrong)
                    continue
                ref.close("rejected" if below else "bounced", model.week)
                child.referral_returned(ref, self, below_threshold=below)
                continue
            hours, duplicate = self.assessment_cost(child)
            if self.intake_credit < hours:
                if not (ref.report and model.week - ref.week >= deadline):
                    return
                # The investigation must be done by the deadline (barnevernsloven § 2-2): the
                # hours it lacks are taken from next week's help and intake.
                short = hours - max(0.0, self.intake_credit)
                self.borrowed_hours += short
                self.intake_credit = max(0.0, self.intake_credit) + short
            self.intake_credit -= hours
            model.counters["assessment_hours"] += hours
            self.assessment_hours_used += hours
            waiting.popleft()
            ref.close("accepted", model.week)
            self.assessments += 1
            if duplicate:
                model.counters["duplicate_assessments"] += 1
                child.log("duplicate_assessment", self.key, ref.domain)
            child.assessed_by.add(self.key)
            child.log("assessed", self.key, f"{ref.domain}; waited {model.week - ref.week} weeks")
            child.pending.pop(ref.domain, None)
            self.take_case(child, ref.domain)

    def _review_reports(self, threshold: float) -> None:
        """Review every new bekymringsmelding this week (barnevernsloven § 2-1: within a week).

        A report about a need outside the mandate, or below the threshold, is closed
        (henlagt); it is never sent back. The review takes screening hours even when intake
        time is short (a legal deadline), so investigations wait instead. A report that
        calls for it waits for an investigation (undersøkelse, § 2-2) in the queue.
        """
        model = self.model
        spec = self.spec
        incoming = self.waiting
        screening = model.assumptions.screening_hours
        # A report closed here may be referred on, even back here: it joins the new list.
        self.waiting = kept = deque()
        for ref in incoming:
            child = ref.child
            if ref.reviewed:
                kept.append(ref)
                continue
            if not ref.in_force or ref.domain not in child.needs:
                if ref.outcome == "waiting":
                    ref.close("withdrawn", model.week)
                continue
            self.intake_credit -= screening
            model.counters["assessment_hours"] += screening
            self.assessment_hours_used += screening
            wrong = ref.domain not in spec.mandate or not spec.serves_age(child.age)
            if wrong or child.needs[ref.domain] < threshold:
                ref.close("dismissed", model.week)
                self.referrals_returned += 1
                child.report_dismissed(ref, self, wrong=wrong)
                continue
            ref.reviewed = True
            child.log("report_investigated", self.key, ref.domain)
            kept.append(ref)

    def take_case(self, child: Child, domain: str) -> None:
        """Start (or widen) a case: this service now helps the child with ``domain`` and with
        any other of the child's needs in its mandate that nobody helps."""
        model = self.model
        case = self.cases.get(child)
        if case is None:
            case = self.cases[child] = Case(set(), model.week)
            child.services[self] = None
        domains = [domain] + [
            d
            for d in child.needs
            if d != domain and d in self.spec.mandate and d not in child.helped_by
        ]
        for d in domains:
            previous = child.helped_by.get(d)
            if previous is not None and previous is not self:
                previous.release(child, d, "stepped_up")  # on from a universal service
            other = child.pending.pop(d, None)
            if other is not None and other.outcome == "waiting":
                other.close("withdrawn", model.week)  # this service took the need on
            child.helped_by[d] = self
            case.domains.add(d)
        child.log("help_started", self.key, ",".join(sorted(case.domains)))
        if self.spec.universal:
            child.assessed_by.add(self.key)  # e.g. the school's pedagogical report
        child.known = True
        child.maybe_assign_coordinator(self)

    def release(self, child: Child, domain: str, reason: str) -> None:
        """Stop helping ``child`` with ``domain``; close the case if nothing is left."""
        case = self.cases.get(child)
        if case is None:
            return
        case.domains.discard(domain)
        if child.helped_by.get(domain) is self:
            del child.helped_by[domain]
        if not case.domains:
            del self.cases[child]
            child.services.pop(self, None)
            child.log("case_closed", self.key, reason)
            if reason == "needs_met":
                self.refer_on_at_discharge(child)

    def drop_case(self, child: Child, reason: str) -> Case | None:
        """Close the whole case; the child's needs in it are no longer helped here.

        ``reason`` is one of ``follow_up_lost``, ``age_limit`` or ``left_model``.
        """
        case = self.cases.pop(child, None)
        if case is not None:
            child.services.pop(self, None)
            for d in case.domains:
                if child.helped_by.get(d) is self:
                    del child.helped_by[d]
            child.log("case_closed", self.key, reason)
        return case

    def refer_on_at_discharge(self, child: Child) -> None:
        """Closing a case, the service refers on the child's needs that nobody helps, or not."""
        model = self.model
        for domain in list(child.needs):
            if domain in child.helped_by or domain in child.pending:
                continue
            if model.random.random() < model.mechanisms.hand_on_at_discharge(child.coordinated):
                refer(child, domain, self.key)
            else:
                child.log("closed_without_hand_on", self.key, domain)

    def continuity_break(self, child: Child, case: Case) -> None:
        """A caseworker leaves: the case pauses, and some lose their follow-up."""
        model = self.model
        model.counters["continuity_breaks"] += 1
        child.continuity_breaks += 1
        case.paused_until = model.week + model.assumptions.break_pause_weeks
        child.log("continuity_break", self.key, "new caseworker")
        if model.random.random() < model.mechanisms.follow_up_lost_after_break(child.coordinated):
            self.drop_case(child, "follow_up_lost")
            child.log("follow_up_lost", self.key, ",".join(sorted(case.domains)))

    def assessment_cost(self, child: Child) -> tuple[float, bool]:
        """Hours to assess the child, and whether it duplicates earlier work.

        If another service has already mapped the child's situation and consent lets it
        share what it found, the assessment is shorter. If not, the child and family go
        through the same mapping again: a duplicate assessment.
        """
        model = self.model
        hours = self.spec.assessment_hours
        if child.assessed_by - {self.key}:
            consent = None if self.policy is None else self.policy.consent
            if model.random.random() < model.mechanisms.assessment_shared(
                child.coordinated, consent
            ):
                return model.assumptions.shared_assessment_factor * hours, False
            return hours, True
        return hours, False

    # --- a leader's decisions on the waiting list (the service game) ---------------------

    def waiting_referrals(self, child_id: int) -> list[Referral]:
        """The referrals for child ``child_id`` on the waiting list still in force."""
        return [ref for ref in self.waiting if ref.child.unique_id == child_id and ref.in_force]

    def return_referrals(self, child_id: int) -> int:
        """Send the child's waiting referrals back, as a referral below the threshold is sent
        back (screening hours, the child's needs go back to where they came from). Returns how
        many were sent back."""
        model = self.model
        refs = self.waiting_referrals(child_id)
        for ref in refs:
            self.waiting.remove(ref)
            screening = model.assumptions.screening_hours
            self.intake_credit -= screening
            self.assessment_hours_used += screening
            model.counters["assessment_hours"] += screening
            self.referrals_returned += 1
            if ref.report:  # a bekymringsmelding is closed (henlagt), never sent back
                ref.close("dismissed", model.week)
                ref.child.report_dismissed(ref, self, wrong=False)
                continue
            ref.close("rejected", model.week)
            ref.child.referral_returned(ref, self, below_threshold=True)
        return len(refs)

    def prioritise_referrals(self, child_id: int) -> int:
        """Move the child's waiting referrals to the front of the queue, where a planned
        transition goes. Returns how many were moved."""
        refs = self.waiting_referrals(child_id)
        for ref in reversed(refs):
            self.waiting.remove(ref)
            self.waiting.appendleft(ref)
            ref.child.log("prioritised", self.key, ref.domain)
        return len(refs)


class Child(mesa.Agent):
    """A child or young person (0-24) with needs in one or more domains."""

    model: MunicipalityModel

    def __init__(
        self,
        model: MunicipalityModel,
        age: float,
        needs: dict[str, float],
        persona: str | None = None,
    ):
        super().__init__(model)
        model.children_in_model[self] = None
        self.age = age
        self.onset_age = age
        self.needs = needs
        self.onset_week = model.week
        self.persona = persona  # the key of a Fjordvik persona, if this is one
        self.composite = len(needs) >= 2
        self.helped_by: dict[str, Service] = {}
        self.pending: dict[str, Referral] = {}
        # Ordered containers (dicts, not sets), so runs do not depend on memory addresses.
        self.services: dict[Service, None] = {}
        self.assessed_by: set[str] = set()  # services that have mapped the child's situation
        # None (not decided: not yet known, or fewer than two needs), "none" (not offered),
        # "untaken" (offered, role not taken up) or "active"
        self.coordinator: str | None = None
        self.known = False
        self.lost = False
        self.ever_lost = False
        self.lost_weeks = 0
        self.weeks_without_service = 0
        self.lost_at_transition = False
        self.right_help_week: int | None = None
        self.right_help_now = False
        self.unmet_weeks = 0
        self.handoffs = 0
        self.continuity_breaks = 0
        self.bounces = 0
        self.exited = False
        self.exit_week: int | None = None
        self.exit_reason = ""

    @property
    def coordinated(self) -> bool:
        return self.coordinator == "active"

    # --- the weekly step -----------------------------------------------------------------

    def step(self) -> None:
        """One week: age (and age limits), needs, seeking help, status (``step_children``)."""
        step_children(self.model, (self,))

    def has_right_help(self) -> bool:
        """Every need has the right help: a service, specialised when the need calls for it."""
        return _help_status(self.needs, self.helped_by, self.model.assumptions.specialist_limit)[0]

    # --- events --------------------------------------------------------------------------

    def start_in_services(self, keys: tuple[str, ...]) -> None:
        """A persona whose story begins in the care of some services starts there."""
        for key in keys:
            service = self.model.services[key]
            domain = next(d for d in self.needs if d in service.spec.mandate)
            self.assessed_by.add(key)
            service.take_case(self, domain)

    def maybe_assign_coordinator(self, by: Service | None = None) -> None:
        """When a child with needs in two or more areas becomes known, a coordinator may be
        named; the role is taken up only with time and mandate (``coordinator_uptake``),
        and not if ``by``, the service asked to take it, has a policy of declining it."""
        if self.coordinator is not None or len(self.needs) < 2:
            return
        model = self.model
        rnd = model.random.random
        if rnd() >= model.levers["coordinator_coverage"]:
            self.coordinator = "none"
            return
        declined = by is not None and by.policy is not None
        declined = declined and not by.policy.takes_coordinator_roles
        eligible = barnekoordinator_eligible(self.age, self.needs, model.assumptions)
        if rnd() < model.mechanisms.coordinator_uptake_for(eligible) and not declined:
            self.coordinator = "active"
            model.coordinated_children[self] = None
            self.log("coordinator_assigned", "", "active")
        else:
            self.coordinator = "untaken"
            if declined:
                self.log("coordinator_assigned", by.key, "declined by the service")
            else:
                self.log("coordinator_assigned", "", "role not taken up")

    def log(self, event: str, service: str, detail: str) -> None:
        """Record one event in this child's service journey (tjenestereise)."""
        model = self.model
        if model.record_journeys:
            model.events.append(
                (model.week, self.unique_id, round(self.age, 2), event, service, detail)
            )

    def concern_noticed(self, domain: str, noticer: str) -> None:
        """A universal service notices a need: help within its own service, or refer on."""
        model = self.model
        self.log("concern_noticed", noticer, domain)
        severity = self.needs[domain]
        policy = model.services[noticer].policy
        limit = model.assumptions.level1_limit if policy is None else policy.threshold
        if severity < limit and self.help_in_universal_service(domain):
            return
        consent = None if policy is None else policy.consent
        if domain == "care_safety" and model.random.random() >= (
            model.mechanisms.report_to_child_welfare(consent)
        ):
            model.counters["concerns_not_reported"] += 1
            self.log("concern_not_reported", noticer, domain)
            return
        refer(self, domain, noticer)

    def help_in_universal_service(self, domain: str) -> bool:
        """Help within a universal service (BTI level 1), if one the child meets can."""
        services = self.model.services
        for key in self.model.assumptions.level1_services:
            service = services[key]
            if domain in service.spec.mandate and service.spec.serves_age(self.age):
                if self.helped_by.get(domain) is not service:
                    service.take_case(self, domain)
                return True
        return False

    def reach_age_limit(self, service: Service) -> None:
        """The child reaches ``service``'s age limit: the case is handed over, or lost."""
        case = service.drop_case(self, "age_limit")
        if case is None:
            return
        model = self.model
        mech = model.mechanisms
        for domain in sorted(case.domains):
            if domain not in self.needs:
                continue
            nxt = next_service_for(service.key, domain)
            eligible = nxt is not None and SERVICES_BY_KEY[nxt].serves_age(self.age)
            if eligible and model.random.random() < mech.transition_handover(self.coordinated):
                hand_over(self, domain, service, model.services[nxt])
                continue
            if nxt is not None and SERVICES_BY_KEY[nxt].universal:
                # The child meets the next school every week: the help and what was learnt
                # about the child are not passed on, but the child is not out of sight.
                self.log("transition_without_handover", service.key, domain)
                continue
            self.lost_at_transition = True
            model.counters["lost_at_transition_events"] += 1
            self.log("lost_at_transition", service.key, domain)

    def referral_returned(self, ref: Referral, service: Service, *, below_threshold: bool) -> None:
        """A service could not take the referral: wrong service, or need below its threshold."""
        model = self.model
        self.pending.pop(ref.domain, None)
        self.handoffs += 1
        if below_threshold:
            model.counters["rejected_referrals"] += 1
            self.log("rejected_below_threshold", service.key, ref.domain)
            # Mild needs go back to help within a universal service (BTI level 1).
            if self.needs[ref.domain] < model.assumptions.level1_limit:
                self.help_in_universal_service(ref.domain)
            return
        self.bounces += 1
        model.counters["bounced_referrals"] += 1
        self.log("bounced", service.key, ref.domain)
        mech = model.mechanisms
        if model.random.random() < mech.give_up_after_bounce(self.coordinated):
            self.log("gave_up_after_bounce", service.key, ref.domain)
            return
        refer(self, ref.domain, service.key, p_right=mech.re_referral_after_bounce())

    def report_dismissed(self, ref: Referral, service: Service, *, wrong: bool) -> None:
        """Barnevern closed a bekymringsmelding after review (henleggelse).

        It is not sent back, and the family does not give it up. If the concern is outside
        barnevern's mandate (``wrong``), the service that reported it learns that it was
        closed and refers the need on, as a service that returns a referral points the way
        (``re_referral_after_bounce``). A care concern below the threshold stays where it
        was; a service may notice it again.
        """
        model = self.model
        self.pending.pop(ref.domain, None)
        model.counters["reports_dismissed"] += 1
        self.log("report_dismissed", service.key, ref.domain)
        if not wrong:
            if self.needs[ref.domain] < model.assumptions.level1_limit:
                self.help_in_universal_service(ref.domain)
            return
        p_right = model.mechanisms.re_referral_after_bounce()
        refer(self, ref.domain, ref.source, p_right=p_right)

    def exit(self, reason: str) -> None:
        """Leave the model: needs resolved, or aged out at 25."""
        model = self.model
        for service in list(self.services):
            service.drop_case(self, "left_model")
        for ref in self.pending.values():
            ref.close("withdrawn", model.week)
        self.pending.clear()
        if self.needs:
            self.log("aged_out_with_needs", "", ",".join(sorted(self.needs)))
        else:
            self.log("needs_resolved", "", "")
        model.coordinated_children.pop(self, None)
        self.exited = True
        self.exit_week = model.week
        self.exit_reason = reason
        del model.children_in_model[self]
        self.remove()


def _help_status(
    needs: dict[str, float], helped_by: dict[str, Service], limit: float
) -> tuple[bool, bool]:
    """(every need has the right help, some need has nobody helping) for one child."""
    right = True
    for domain, severity in needs.items():
        service = helped_by.get(domain)
        if service is None:
            return False, True
        if right and service.universal and severity >= limit:
            right = False
    return right, False


def step_children(model: MunicipalityModel, children) -> tuple[int, int, int]:
    """One week of each of ``children`` in turn (``Child.step``): the model's hot path.

    Each child, as the ODD's process overview says (§3, stage 4):

    a. ages a week: leaves at the exit age, meets its services' age limits (§7.9);
    b. needs grow when unmet and ease with the right help; a resolved need is closed (§7.10);
    c. seeks help, need by need, if a need lacks the right help or a referral waits (§7.11);
    d. takes its status: right help, unmet-need weeks, weeks without a service, lost (§7.16).

    The chances come from ``mechanisms.py`` and the numbers from the run's ``Assumptions``,
    read once for all the children. Returns the week's counts of the children still in the
    model: in a service, with the right help for every need, and lost between services (a
    child's status changes only in its own step).
    """
    assumptions = model.assumptions
    week = model.week
    effect = model.help_effect
    age_step = 1.0 / assumptions.weeks_per_year
    exit_age = assumptions.exit_age
    limit = assumptions.specialist_limit
    growth = assumptions.need_growth
    resolved_below = assumptions.need_resolved
    universal_factor = assumptions.universal_help_factor
    self_referral_base = assumptions.self_referral_base
    lost_after = assumptions.lost_after_weeks
    lost_at_once = lost_after <= 0
    rnd = model.random.random
    mech = model.mechanisms
    drop_out = mech.drop_out_while_waiting
    finds_gap = mech.coordinator_finds_gap()
    notice_rate = mech.notice_rate  # mech.notice_probability(s) is s * notice_rate
    years = len(UNIVERSAL_CONTACTS_BY_YEAR)
    in_services = with_right_help = lost_children = 0
    for child in children:
        # (a) a week older: the exit age, and the age limits of the child's services
        child.age = age = child.age + age_step
        if age >= exit_age:
            child.exit("aged_out")
            continue
        services = child.services
        for service in services:
            if age >= service.max_age:  # ages only grow: the upper limit is the one
                for service in list(services):
                    if age >= service.max_age:
                        child.reach_age_limit(service)
                break

        # (b) needs grow when unmet and ease with the right help; the help status is taken
        # in the same pass (a need that resolves changes no other need's helper)
        needs = child.needs
        helped_by = child.helped_by
        right = True  # every need has the right help
        unmet = False  # some need has nobody helping
        todo = needs.items()
        while True:
            for domain, severity in todo:
                service = helped_by.get(domain)
                if service is not None and service.cases[child].paused_until <= week:
                    if service.universal and severity >= limit:
                        # beyond a universal service (BTI level 1)
                        severity -= severity * (
                            service.help_rate * service.help_fraction * effect * universal_factor
                        )
                    else:
                        severity -= severity * (service.help_rate * service.help_fraction * effect)
                else:
                    severity += growth * (1.0 - severity)
                if severity < resolved_below:
                    break
                needs[domain] = severity
                if service is None:
                    right = False
                    unmet = True
                elif service.universal and severity >= limit:
                    right = False
            else:
                break
            # ``domain`` is resolved: close it (its service may refer other needs on), then
            # go on with the needs after it
            after = list(needs)
            todo = [(d, needs[d]) for d in after[after.index(domain) + 1 :]]
            del needs[domain]
            ref = child.pending.pop(domain, None)  # a referral for it is no longer needed
            if ref is not None:
                ref.close("withdrawn", week)
            if service is not None:
                service.release(child, domain, "needs_met")
        if not needs:
            child.exit("needs_resolved")
            continue

        # (c) seeking help: a family waiting may give up; a coordinator, a universal service
        # or the young person acts on a need nobody helps. Needs do not change here.
        pending = child.pending
        if not right or pending:
            acted = False
            for domain, severity in needs.items():
                if domain in pending:
                    # A bekymringsmelding is barnevern's to follow up: a family cannot
                    # withdraw it.
                    if not pending[domain].report and rnd() < drop_out(
                        child.coordinator == "active"
                    ):
                        ref = pending.pop(domain)
                        ref.close("gave_up", week)
                        where = "fastlege" if ref.due_week > week else ref.target.key
                        child.log("gave_up_waiting", where, domain)
                    continue
                helper = helped_by.get(domain)
                if helper is not None and not (helper.universal and severity >= limit):
                    continue
                # Nobody helps (or only a universal service with a need beyond it). A
                # coordinator may have been named earlier in this loop.
                if child.coordinator == "active" and rnd() < finds_gap:
                    refer(child, domain, "coordinator")
                    acted = True
                    continue
                year = int(age)
                contacts = (
                    UNIVERSAL_CONTACTS_BY_YEAR[year] if year < years else universal_contacts(age)
                )
                if contacts:
                    if rnd() < severity * notice_rate:
                        noticer = contacts[0]
                        if len(contacts) > 1:
                            noticer = model.random.choice(contacts)
                        child.concern_noticed(domain, noticer)
                        acted = True
                elif rnd() < self_referral_base * severity:
                    child.log("sought_help", "", domain)
                    refer(child, domain, "self")
                    acted = True
            if acted:  # only then may a need have a new helper
                right, unmet = _help_status(needs, helped_by, limit)

        # (d) status
        if unmet:
            child.unmet_weeks += 1
        child.right_help_now = right
        if right:
            with_right_help += 1
            if child.right_help_week is None:
                child.right_help_week = week
                child.log("right_help", "", ",".join(sorted(needs)))
        if services:
            in_services += 1
        if child.known and not services and not pending:
            child.weeks_without_service = weeks = child.weeks_without_service + 1
            lost = weeks >= lost_after
        else:
            child.weeks_without_service = 0
            lost = lost_at_once
        if lost:
            lost_children += 1
            child.lost_weeks += 1
            if not child.lost:
                child.lost = child.ever_lost = True
                child.log("lost_between_services", "", ",".join(sorted(needs)))
        elif child.lost:
            child.lost = False
            child.log("found_again", "", "")
    return in_services, with_right_help, lost_children
