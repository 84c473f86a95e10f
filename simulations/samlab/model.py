"""The municipality model: one week per step, children and services interacting.

Process order each week (see ``simulations/ODD.md``):

1. Children whose needs begin this week enter the model.
2. Coordinators and joint meetings take their hours from the services involved.
3. Services, in random order: staff turnover, help for ongoing cases (rationed by
   capacity), then assessment of referrals on the waiting list.
   (A service closing a case whose needs are met may refer the child's other needs on.)
   The GP's referrals due this week reach specialist health first (``referrals.py``).
4. Children, in random order: age one week (transitions at age limits), needs grow or
   ease, universal services or a coordinator notice needs nobody helps, families give up
   while waiting, and the child's status (right help, lost) is updated.
5. The week's numbers are collected.

The model keeps the set-up, this order and the data collection. What happens to a child
and in a service is the agents' own behaviour (``agents.py``); how a referral travels is
``referrals.py``; every coefficient is in the run's ``Assumptions`` (``assumptions.py``).
Mesa counts the weeks (``steps``) and runs them (``run_model``).

All randomness comes from the model's own generator (``model.random``), seeded from the
``seed`` of the run, so the same seed gives the same numbers on every supported Python and
Mesa version.
"""

from __future__ import annotations

from typing import Any

import mesa
from mesa.datacollection import DataCollector

from .agents import Child, Service, step_children
from .assumptions import DEFAULT_ASSUMPTIONS, Assumptions
from .costs import budget
from .errors import SamlabValueError
from .lever_catalogue import validate_levers
from .mechanisms import Mechanisms
from .personas import PERSONAS, get_persona
from .policies import ServicePolicy
from .referrals import Referral, gp_referrals_arrive
from .services import DOMAINS, SERVICES

#: The default assumptions' onset values under their earlier names (for reading); a run
#: reads its ``Assumptions``.
SHARE_AT_START = DEFAULT_ASSUMPTIONS.share_at_start
MIN_FOLLOW_UP_WEEKS = DEFAULT_ASSUMPTIONS.min_follow_up_weeks

#: The run's named counters (``model.counters``): totals over the run so far.
COUNTERS = (
    "direct_help_hours",
    "assessment_hours",
    "coordination_hours",
    "duplicate_assessments",
    "bounced_referrals",
    "rejected_referrals",
    "referrals",
    "continuity_breaks",
    "lost_at_transition_events",
    "concerns_not_reported",
    "reports_dismissed",
    "gp_referrals",
)
#: Weekly series taken as the week's change in a counter: (series name, counter).
_WEEKLY_CHANGES = (
    ("stat_referrals", "referrals"),
    ("stat_bounced", "bounced_referrals"),
    ("stat_duplicates", "duplicate_assessments"),
    ("stat_breaks", "continuity_breaks"),
    ("stat_lost_transition", "lost_at_transition_events"),
    ("stat_help_hours", "direct_help_hours"),
)


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
        # children in the model now, in the order they entered (as Mesa's agent set keeps them)
        self.children_in_model: dict[Child, None] = {}
        self.coordinated_children: dict[Child, None] = {}  # ordered, for reproducibility
        # run counters (hours are floats, counts integers)
        self.counters: dict[str, float] = {
            name: 0.0 if name.endswith("_hours") else 0 for name in COUNTERS
        }
        self._week_start: dict[str, float] = dict(self.counters)
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
        self.datacollector = _WeeklyCollector(
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
            child = Child(self, age, dict(needs), persona=persona)
            self.children_all.append(child)
            child.log("needs_begin", "", ",".join(needs))
            self.stat_new += 1
            if persona is not None:
                child.start_in_services(get_persona(persona).services_at_start)
        self._charge_coordination()
        gp_referrals_arrive(self)
        self.agents_by_type[Service].shuffle_do("step")
        # Children in random order: what ``agents_by_type[Child].shuffle_do("step")`` does
        # (the agents in the order they entered, shuffled by ``model.random``), without
        # looking each child up through a weak reference, in one loop (the hot path), which
        # counts the children in services, with the right help and lost as it goes.
        order = list(self.children_in_model)
        shuffle(order, self.random)
        self.stat_in_services, self.stat_right_help, self.stat_lost = step_children(self, order)
        self._collect_week()
        self.week = self.steps  # Mesa counts the steps taken; the next week is that number
        if self.steps >= self.n_weeks:
            self.running = False

    def run(self) -> MunicipalityModel:
        """Run all weeks (Mesa's ``run_model``); returns the model."""
        self.run_model()
        return self

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
        self.counters["coordination_hours"] += hours
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
        return self.services[service].waiting_referrals(child_id)

    def return_referrals(self, service: str, child_id: int) -> int:
        """The service's leader sends the child's waiting referrals back
        (``Service.return_referrals``). Returns how many were sent back."""
        return self.services[service].return_referrals(child_id)

    def prioritise_referrals(self, service: str, child_id: int) -> int:
        """The service's leader moves the child's waiting referrals to the front of the
        queue (``Service.prioritise_referrals``). Returns how many were moved."""
        return self.services[service].prioritise_referrals(child_id)

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
        self._week_start = dict(self.counters)

    def _collect_week(self) -> None:
        children = self.children_in_model
        self.stat_children = len(children)
        self.stat_coordinated = len(self.coordinated_children)
        # on their way to specialist health through the GP, then on the services' lists
        self.stat_waiting = _in_force(self.at_gp)
        for key, service in self.services.items():
            waiting = _in_force(service.waiting)
            self.stat_waiting += waiting
            self.service_history.append((self.week, key, len(service.cases), waiting))
        counters, start = self.counters, self._week_start
        for series, counter in _WEEKLY_CHANGES:
            setattr(self, series, counters[counter] - start[counter])
        self.datacollector.collect(self)


def _in_force(referrals) -> int:
    """How many of ``referrals`` are still in force (``Referral.in_force``)."""
    return sum(ref.in_force for ref in referrals)


class _WeeklyCollector(DataCollector):
    """Mesa's DataCollector for the week's numbers, which are model attributes holding
    plain numbers: they are read as they are, without the deep copy Mesa makes to guard
    mutable values."""

    def collect(self, model) -> None:
        model_vars = self.model_vars
        for var, attribute in self.model_reporters.items():
            model_vars[var].append(getattr(model, attribute))


def shuffle(items: list, rnd) -> None:
    """Shuffle ``items`` in place with the same draws as ``rnd.shuffle(items)``.

    Python's own shuffle, written out with ``getrandbits``: the Fisher-Yates shuffle that
    ``random.Random.shuffle`` does (with ``_randbelow``), without a method call per child.
    ``tests/test_model.py`` checks that the order and the generator's state afterwards are
    those of ``random.Random.shuffle`` on this Python.
    """
    getrandbits = rnd.getrandbits
    for i in range(len(items) - 1, 0, -1):
        n = i + 1
        bits = n.bit_length()
        j = getrandbits(bits)
        while j >= n:  # draw again until below n, as random.Random._randbelow does
            j = getrandbits(bits)
        items[i], items[j] = items[j], items[i]


def _weighted_choice(rnd, items):
    total = sum(w for _, w in items)
    x = rnd.random() * total
    for item, w in items:
        x -= w
        if x < 0:
            return item
    return items[-1][0]


def _counter(name: str) -> property:
    return property(lambda self: self.counters[name], doc=f"``counters[{name!r}]`` (read-only).")


# The counters under their own names, for reading (``model.referrals``, ...).
for _name in COUNTERS:
    setattr(MunicipalityModel, _name, _counter(_name))
del _name
