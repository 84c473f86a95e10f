"""What one role can see after a round: its own service only, never the others' internals.

A service sees its waiting list and caseload, the referrals it received, sent and returned
(and which of those it sent came back), the staff hours it used, and the children it knows
of: anonymous numbers with their age and the needs that reached this service. The network
leader sees what a municipality's reports show: the outcome measures, the waiting lists and
caseloads per service as numbers, and the levers in force.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..services import DOMAIN_LABELS, SERVICES_BY_KEY
from ..translation import DEFAULT_LANG

if TYPE_CHECKING:
    from ..agents import Service
    from ..model import MunicipalityModel

RETURNED = ("bounced", "rejected")


def service_counters(service: Service) -> dict[str, float]:
    """The running counters of a service, to take the difference over a round."""
    return {
        "referrals_received": service.referrals_received,
        "referrals_returned": service.referrals_returned,
        "assessments": service.assessments,
        "direct_help_hours": service.help_hours_given,
        "assessment_hours": service.assessment_hours_used,
        "coordination_hours": service.coordination_hours_used,
    }


def _waiting(service: Service, week: int, lang: str) -> list[dict[str, Any]]:
    rows = []
    for ref in service.waiting:
        child = ref.child
        if child.exited or child.pending.get(ref.domain) is not ref:
            continue
        rows.append(
            {
                "child": child.unique_id,
                "age": round(child.age, 1),
                "need": ref.domain,
                "need_label": DOMAIN_LABELS[ref.domain][lang],
                "referred_by": ref.source,
                "weeks_waiting": week - ref.week,
            }
        )
    return rows


def _caseload(service: Service, week: int) -> list[dict[str, Any]]:
    rows = []
    for child, case in service.cases.items():
        rows.append(
            {
                "child": child.unique_id,
                "age": round(child.age, 1),
                "needs": {
                    d: round(child.needs[d], 2) for d in sorted(case.domains) if d in child.needs
                },
                "since_week": case.started,
                "paused": case.paused_until > week,
            }
        )
    return rows


def _referrals(model: MunicipalityModel, key: str, first: int, end: int) -> dict[str, int]:
    counts = dict.fromkeys(
        (
            "received",
            "accepted",
            "returned",
            "dismissed",
            "sent",
            "sent_returned",
            "sent_accepted",
            "sent_dismissed",
        ),
        0,
    )
    for ref in model.referral_list:
        closed = ref.closed_week is not None and first <= ref.closed_week < end
        if ref.target.key == key:
            counts["received"] += first <= ref.week < end
            counts["accepted"] += closed and ref.outcome == "accepted"
            counts["returned"] += closed and ref.outcome in RETURNED
            # a bekymringsmelding child welfare closed after review (henlagt): never returned
            counts["dismissed"] += closed and ref.outcome == "dismissed"
        if ref.source == key:
            counts["sent"] += first <= ref.week < end
            counts["sent_accepted"] += closed and ref.outcome == "accepted"
            counts["sent_returned"] += closed and ref.outcome in RETURNED
            counts["sent_dismissed"] += closed and ref.outcome == "dismissed"
    return counts


def _known_children(model: MunicipalityModel, service: Service, lang: str) -> list[dict[str, Any]]:
    key = service.key
    needs: dict[Any, set[str]] = {}
    for ref in model.referral_list:
        if ref.target.key == key or ref.source == key:
            needs.setdefault(ref.child, set()).add(ref.domain)
    for child, case in service.cases.items():
        needs.setdefault(child, set()).update(case.domains)
    waiting = {ref.child for ref in service.waiting if ref.child.pending.get(ref.domain) is ref}
    rows = []
    for child in sorted(needs, key=lambda c: c.unique_id):
        if child in service.cases:
            status = "case"
        elif child in waiting and not child.exited:
            status = "waiting"
        elif child.exited:
            status = "left"
        else:
            status = "not_here"
        domains = sorted(needs[child])
        rows.append(
            {
                "child": child.unique_id,
                "age": round(child.age, 1),
                "needs": domains,
                "need_labels": [DOMAIN_LABELS[d][lang] for d in domains],
                "status": status,
            }
        )
    return rows


def service_view(
    model: MunicipalityModel,
    key: str,
    start: dict[str, float],
    first_week: int,
    lang: str = DEFAULT_LANG,
) -> dict[str, Any]:
    """What the leader of service ``key`` sees after the weeks from ``first_week`` to now.

    ``start``: the service's counters (``service_counters``) when those weeks began.
    """
    service = model.services[key]
    week = model.week
    now = service_counters(service)
    this_round = {name: now[name] - start[name] for name in now}
    hours = {
        name: round(this_round[name], 1)
        for name in ("direct_help_hours", "assessment_hours", "coordination_hours")
    }
    return {
        "service": key,
        "label": SERVICES_BY_KEY[key].label(lang),
        "week": week,
        "capacity_hours_per_week": round(service.capacity, 1),
        "hours_this_round": hours,
        "waiting": _waiting(service, week, lang),
        "caseload": _caseload(service, week),
        "referrals_this_round": _referrals(model, key, first_week, week),
        "referrals_total": _referrals(model, key, 0, week),
        "children_known": _known_children(model, service, lang),
    }


def leader_view(
    model: MunicipalityModel, levers: dict[str, Any], lang: str = DEFAULT_LANG
) -> dict[str, Any]:
    """What the network leader sees: the municipality's numbers, not any service's files."""
    services = {}
    for key, service in model.services.items():
        waiting = sum(
            1
            for ref in service.waiting
            if not ref.child.exited and ref.child.pending.get(ref.domain) is ref
        )
        services[key] = {
            "label": SERVICES_BY_KEY[key].label(lang),
            "caseload": len(service.cases),
            "waiting": waiting,
        }
    return {
        "week": model.week,
        "levers": dict(levers),
        "services": services,
        "coordination_hours": round(model.coordination_hours, 1),
        "direct_help_hours": round(model.direct_help_hours, 1),
    }
