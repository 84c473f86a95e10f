"""Referrals: how a child's need travels from one service to another.

One creation path (``send``) for every referral, whoever makes it:

- ``refer``: a service, a coordinator or the young person refers a need (henvisning; to
  barnevern a bekymringsmelding), to the right service or, for lack of knowledge, a wrong one;
- ``hand_over``: a planned transition at a service's age limit (it goes first in the queue);
- the GP (fastlege): specialist health takes referrals from the GP, so other referrers'
  referrals wait ``Assumptions.gp_delay_weeks`` at the GP (``gp_referrals_arrive``).

How likely each step is comes from ``mechanisms.py``; the numbers from ``assumptions.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .services import (
    GP_REFERRERS,
    REPORT_SERVICES,
    SERVICES_BY_KEY,
    SPECIALIST_HEALTH,
    right_services,
    wrong_services,
)

if TYPE_CHECKING:
    from .agents import Child, Service
    from .model import MunicipalityModel


class Referral:
    """A child's need sent to a service's waiting list.

    To barnevern it is a bekymringsmelding (``report``): reviewed within a week, never sent
    back, closed (``dismissed``, henlagt) or investigated. To a specialist health service from
    a referrer without the right to refer there, it goes through the GP first (``via_gp``): it
    reaches the service's list in week ``due_week``.
    """

    __slots__ = (
        "child",
        "closed_week",
        "domain",
        "due_week",
        "first",
        "outcome",
        "report",
        "reviewed",
        "source",
        "target",
        "via_gp",
        "week",
    )

    def __init__(self, child: Child, domain: str, source: str, target: Service, week: int):
        self.child = child
        self.domain = domain
        self.source = source
        self.target = target
        self.week = week
        # then: accepted, bounced, rejected, dismissed (a report closed), withdrawn or gave_up
        self.outcome = "waiting"
        self.closed_week: int | None = None
        self.report = target.key in REPORT_SERVICES
        self.reviewed = False
        self.via_gp = False
        self.due_week = week
        self.first = False  # a planned hand-over goes first in the queue

    def close(self, outcome: str, week: int) -> None:
        self.outcome = outcome
        self.closed_week = week

    @property
    def in_force(self) -> bool:
        """Still the child's referral for its need (not withdrawn, resolved or moved on)."""
        child = self.child
        return not child.exited and child.pending.get(self.domain) is self


def send(child: Child, domain: str, source: str, target: Service, *, first: bool = False):
    """Create a referral and put it on its way: the one path every referral takes.

    It goes to the target's waiting list (at the front if ``first``: a planned hand-over), or,
    to specialist health from a referrer without the right to refer there, to the GP.
    """
    model = child.model
    ref = Referral(child, domain, source, target, model.week)
    ref.first = first
    if model.record_journeys:
        model.referral_list.append(ref)
    child.pending[domain] = ref
    if target.key in SPECIALIST_HEALTH and source not in GP_REFERRERS:
        # Right or wrong, the way to specialist health goes through the GP, who refers
        # as the family and the school or health station describe the need.
        _via_gp(ref, source)
    else:
        _to_waiting_list(ref)
    model.counters["referrals"] += 1
    return ref


def _to_waiting_list(ref: Referral) -> None:
    """Put ``ref`` on its service's waiting list: at the front if it is a planned hand-over."""
    target = ref.target
    if ref.first:
        target.waiting.appendleft(ref)
    else:
        target.waiting.append(ref)
    target.referrals_received += 1


def refer(child: Child, domain: str, source: str, p_right: float | None = None) -> None:
    """Send a referral for ``domain`` from ``source`` (a service key, ``coordinator`` or
    ``self``).

    The referrer picks the right service with probability ``p_right`` (by default from
    knowledge of others, routines and an active coordinator); otherwise a service that
    cannot help, which will return the referral.
    """
    model = child.model
    target_key = specialised_target(domain, child.age)
    if target_key is None:
        # No service has this need in its mandate at this age: a glippsone by design.
        child.log("no_service_for_need", source, domain)
        return
    if target_key in REPORT_SERVICES:
        # A concern for a child's care goes to barnevern as a bekymringsmelding: whoever
        # has decided to report it knows where (whether they report is ``concern_noticed``).
        p_right = 1.0
    elif p_right is None:
        contact = model.contact_hours(source, target_key) if model.policies else 0.0
        p_right = model.mechanisms.right_referral(child.coordinated, contact)
    if model.random.random() >= p_right:
        wrong = wrong_services(domain, child.age)
        if wrong:
            target_key = model.random.choice(wrong)
    ref = send(child, domain, source, model.services[target_key])
    if source != "coordinator":
        # A coordinator (stafettholder) keeps the responsibility while bringing in a
        # service, so the child is not handed off; everyone else passes the child on.
        child.handoffs += 1
    child.known = True
    if ref.report:
        child.log("reported", target_key, f"{domain} from {source}")
    elif not ref.via_gp:
        child.log("referred", target_key, f"{domain} from {source}")
    child.maybe_assign_coordinator(model.services.get(source))


def hand_over(child: Child, domain: str, source: Service, target: Service) -> None:
    """A planned transition at an age limit: the next service takes over (it goes first in
    the queue; a universal service takes the case at once)."""
    if target.spec.universal:
        target.take_case(child, domain)
    else:
        send(child, domain, source.key, target, first=True)
    child.handoffs += 1
    child.log("transition_handover", target.key, f"{domain} from {source.key}")


def _via_gp(ref: Referral, source: str) -> None:
    """Specialist health takes referrals from the GP: the family is advised to see the
    fastlege, whose referral reaches the service ``gp_delay_weeks`` later."""
    model = ref.child.model
    ref.via_gp = True
    ref.due_week = model.week + model.assumptions.gp_delay_weeks
    model.at_gp.append(ref)
    ref.child.log("advised_gp", "fastlege", f"{ref.domain} from {source}")


def gp_referrals_arrive(model: MunicipalityModel) -> None:
    """The GP's (fastlege's) referrals due this week reach the specialist services."""
    if not model.at_gp:
        return
    week = model.week
    due = [ref for ref in model.at_gp if ref.due_week <= week]
    if not due:
        return
    model.at_gp = [ref for ref in model.at_gp if ref.due_week > week]
    for ref in due:
        if not ref.in_force:
            if ref.outcome == "waiting":
                ref.close("withdrawn", week)
            continue
        _to_waiting_list(ref)
        model.counters["gp_referrals"] += 1
        ref.child.log("referred", ref.target.key, f"{ref.domain} from fastlege")


def specialised_target(domain: str, age: float) -> str | None:
    """The specialised service that can help ``domain`` at ``age`` (first in the catalogue)."""
    keys = right_services(domain, age, specialised_only=True)
    return keys[0] if keys else None


def next_service_for(service_key: str, domain: str) -> str | None:
    """The service that takes ``domain`` over at ``service_key``'s age limit, if any."""
    spec = SERVICES_BY_KEY[service_key]
    if spec.next_service is None:
        return None
    return spec.next_service.get(domain)
