"""Every coefficient of the model, in one frozen object: ``Assumptions``.

The rules (``mechanisms.py``), the agents (``agents.py``), the referrals (``referrals.py``)
and the set-up (``model.py``) read their numbers from a run's ``Assumptions``; none is
written inline. Each field carries its unit, the range in which it is plausible (or
allowed), its source and its meaning in the field's metadata (``describe()``). The ODD's
table of assumptions (``simulations/ODD.md`` §8c) states the same values, and a test checks
that the two agree (``tests/test_assumptions.py``).

The numbers are assumptions chosen to give the directions reported in the sources, not
estimates (see ``mechanisms.py`` for the sources and ``simulations/ODD.md`` §10). To vary
one, pass ``MunicipalityModel(..., assumptions=DEFAULT_ASSUMPTIONS.replace(gp_delay_weeks=6))``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .errors import SamlabValueError
from .sources import HANDOVER_AT_AGE_LIMIT


def _a(default: Any, unit: str, range_: str, source: str, meaning: str) -> Any:
    """A field with its unit, plausible range, source and meaning as metadata."""
    meta = {"unit": unit, "range": range_, "source": source, "meaning": meaning}
    if isinstance(default, (dict, list)):
        raise TypeError("assumptions are immutable: use tuples")
    return field(default=default, metadata=meta)


_A = "Assumption"
_CAMHS = (
    "Assumption borrowed from CAMHS to AMHS transitions (Paul et al. 2013, TRACK: "
    f"{HANDOVER_AT_AGE_LIMIT.observed[0]} of {HANDOVER_AT_AGE_LIMIT.observed[1]} transferred); "
    "not measured for ettervern or other age limits (``sources.HANDOVER_AT_AGE_LIMIT``)"
)
_HANDOVER_RANGE = "plausible range {}–{}".format(*HANDOVER_AT_AGE_LIMIT.plausible)


@dataclass(frozen=True)
class Assumptions:
    """The model's coefficients. All are assumptions unless the source says otherwise."""

    # --- needs (§7.10) -------------------------------------------------------------------
    need_growth: float = _a(
        0.006, "share of (1 − s) per week", "0.002–0.02", _A + "; direction Skinner et al. 2023",
        "Weekly growth of an unmet need, as a share of what is left up to 1.0",
    )  # fmt: skip
    need_resolved: float = _a(
        0.1, "severity", "0.05–0.2", _A, "Below this severity a need is resolved"
    )
    level1_limit: float = _a(
        0.35, "severity", "0.2–0.5", _A + " (BTI reading, §4.1)",
        "Below this, a universal service helps within its own service (BTI level 1)",
    )  # fmt: skip
    specialist_limit: float = _a(
        0.5, "severity", "0.35–0.7", _A,
        "From this severity only a specialised service is the right help",
    )  # fmt: skip
    universal_help_factor: float = _a(
        0.3, "multiplier", "0–1", _A,
        "Help rate multiplier for a universal service with a need at or above specialist_limit",
    )  # fmt: skip
    weeks_per_year: float = _a(
        52.0, "weeks per year", "52", "Calendar",
        "Children age 1/weeks_per_year each week; annual turnover is divided by it",
    )  # fmt: skip
    exit_age: float = _a(
        25.0, "years", "25", "Target group 0–24 ([BU21-L] L60)", "Age at which a child leaves"
    )

    # --- onset (§5, §7.2) ----------------------------------------------------------------
    share_at_start: float = _a(
        0.3, "share of children", "0–1", _A, "Share of children whose needs exist at week 0"
    )
    min_follow_up_weeks: int = _a(
        26, "weeks", "0–52", "Design choice", "No onsets in the last weeks of a run"
    )
    onset_age_range: tuple[float, float] = _a(
        (1.0, 22.0), "years", "0–25", _A, "Age at onset, drawn uniformly in this range"
    )
    onset_severity_range: tuple[float, float] = _a(
        (0.15, 0.55), "severity", "0.1–1", _A, "Severity at onset, drawn uniformly in this range"
    )
    number_of_needs: tuple[tuple[int, float], ...] = _a(
        ((1, 0.15), (2, 0.55), (3, 0.30)), "(number, weight)", "weights ≥ 0", _A,
        "Relative weights of the number of needs a child has at onset",
    )  # fmt: skip
    domain_onset: tuple[tuple[str, float, float, float], ...] = _a(
        (
            ("learning", 3.0, 19.0, 1.0),
            ("mental_health", 4.0, 25.0, 1.2),
            ("care_safety", 0.0, 17.5, 1.0),
            ("disability_somatic", 0.0, 25.0, 0.5),
            ("substance_use", 13.0, 25.0, 0.6),
            ("school_work_transition", 16.0, 25.0, 1.0),
        ),
        "(domain, from age, to age, weight)", "weights ≥ 0",
        _A + " for a fictional municipality, not prevalence estimates",
        "Which needs can begin at which ages, and how common each is (relative weights)",
    )  # fmt: skip

    # --- noticing and seeking help (§7.11, §7.12) ----------------------------------------
    notice_base: float = _a(
        0.2, "probability per week", "0.05–0.5", _A + "; direction IS-2826",
        "Weekly chance that a universal service notices a need of severity 1.0",
    )  # fmt: skip
    notice_routines: float = _a(
        0.8, "multiplier per unit of R", "0–2", _A + "; direction IS-2826",
        "Noticing is multiplied by 1 + notice_routines × R",
    )  # fmt: skip
    lost_after_weeks: int = _a(
        4, "weeks", "2–12", _A + " (definition)",
        "Weeks known, with needs, without service or referral before a child counts as lost",
    )  # fmt: skip
    self_referral_base: float = _a(
        0.012, "probability per week per unit of severity", "0–0.05", _A,
        "Weekly self-referral chance of a young adult with no universal service",
    )  # fmt: skip
    coordinator_finds_gap: float = _a(
        0.6, "probability per week per unit of C", "0–1", _A,
        "Weekly chance that an active coordinator acts on a need nobody helps: this × C",
    )  # fmt: skip
    drop_out_base: float = _a(
        0.006, "probability per week", "0–0.02", _A,
        "Weekly chance that a family gives up while waiting (before participation)",
    )  # fmt: skip
    drop_out_participation: float = _a(
        0.5, "share", "0–1", _A, "Dropping out is multiplied by 1 − this × participation"
    )
    report_base: float = _a(
        0.35, "probability", "0.2–0.6", _A + "; direction RKBU Nord 2017",
        "Chance that a noticed care concern is reported, before consent and routines",
    )  # fmt: skip
    report_consent: float = _a(
        0.5, "probability per unit of consent", "0–0.65", _A,
        "Added to reporting per unit of consent routines",
    )  # fmt: skip
    report_routines: float = _a(
        0.15, "probability per unit of R", "0–0.3", _A, "Added to reporting per unit of R"
    )

    # --- referral (§7.13, §7.14) ---------------------------------------------------------
    right_referral_routines: float = _a(
        0.3, "share", "0–1", _A + "; direction Fafo 2020",
        "Share of what the referrer does not know that routines supply: × R",
    )  # fmt: skip
    right_referral_coordinated: float = _a(
        0.8, "share", "0–1", _A,
        "Share of the remaining wrong referrals a coordinator's meeting avoids: × C",
    )  # fmt: skip
    re_referral_base: float = _a(
        0.5, "probability", "0–1", _A,
        "Right referral after a bounce: this + re_referral_knowledge × K",
    )  # fmt: skip
    re_referral_knowledge: float = _a(
        0.5, "probability per unit of K", "0–0.5", _A, "See re_referral_base"
    )
    give_up_after_bounce: float = _a(
        0.3, "probability", "0–0.6", _A,
        "Chance that a family stops seeking help after a referral is returned",
    )  # fmt: skip
    give_up_participation: float = _a(
        0.5, "share", "0–1", _A, "Giving up is multiplied by 1 − this × participation"
    )
    gp_delay_weeks: int = _a(
        3, "weeks", "1–6", _A + "; the seeds give no figure",
        "Weeks from the advice to see the GP until the GP's referral reaches specialist health",
    )  # fmt: skip
    contact_knowledge_gain: float = _a(
        0.6, "share", "0–1", _A + "; direction Fafo 2020, RKBU Nord 2017",
        "Most of what a referrer does not know of a service that meetings with it can teach",
    )  # fmt: skip
    contact_hours_scale: float = _a(
        1.0, "hours per week per 100 children", "0.25–4", _A,
        "Meeting time that teaches about two thirds of contact_knowledge_gain",
    )  # fmt: skip

    # --- services' hours and intake (§7.4–§7.7) ------------------------------------------
    intake_reserve: float = _a(
        0.15, "share of available hours", "0–0.5", _A, "Share of available hours kept for intake"
    )
    intake_carry_over: float = _a(
        1.0, "× assessment_hours", "0–2", _A,
        "Most unused intake credit carried over to the next week",
    )  # fmt: skip
    screening_hours: float = _a(
        2.0, "staff hours", "0.5–4", _A, "Hours to screen and return a referral"
    )
    shared_assessment_factor: float = _a(
        0.5, "share of assessment_hours", "0–1", _A,
        "Share of the assessment hours when an earlier assessment can be used",
    )  # fmt: skip
    assessment_shared_consent: float = _a(
        0.9, "probability per unit of consent", "0–1", _A + "; direction RKBU Nord 2017",
        "Chance that an earlier assessment can be used: this × consent",
    )  # fmt: skip
    report_deadline_weeks: int = _a(
        14, "weeks", "14 (up to 27)", "Barnevernsloven §§ 2-1 (one week) and 2-2 (three months)",
        "Weeks from a bekymringsmelding to the end of barnevern's investigation",
    )  # fmt: skip
    break_pause_weeks: int = _a(
        3, "weeks", "1–8", _A, "Weeks a case is paused after a change of caseworker"
    )
    follow_up_lost_base: float = _a(
        0.25, "probability", "0–0.5", _A + "; direction RKBU Nord 2017",
        "Chance that a case is dropped when the caseworker changes (before routines)",
    )  # fmt: skip
    follow_up_lost_routines: float = _a(
        0.7, "share per unit of R", "0–1", _A, "Dropping is multiplied by 1 − this × R"
    )
    level1_services: tuple[str, ...] = _a(
        ("kindergarten", "school", "upper_secondary", "health_station"),
        "service keys", "universal services", "Design choice",
        "Which universal service gives level-1 help, first that can",
    )  # fmt: skip

    # --- transitions and hand-on (§7.9, §7.10) -------------------------------------------
    handover_base: float = _a(
        HANDOVER_AT_AGE_LIMIT.value, "probability", _HANDOVER_RANGE, _CAMHS,
        "Chance that a case is handed over at a service's age limit (before levers)",
    )  # fmt: skip
    handover_routines: float = _a(
        0.3, "probability per unit of R", "0–0.5", _A, "Added to the hand-over per unit of R"
    )
    handover_duty: float = _a(
        0.1, "probability", "0–0.3", _A + "; direction Prop. 100 L",
        "Added to the hand-over by the duty to collaborate",
    )  # fmt: skip
    hand_on_base: float = _a(
        0.2, "probability", "0–0.5", _A + "; direction Fafo 2020",
        "Chance that a service closing a case refers on a need it did not help with",
    )  # fmt: skip
    hand_on_knowledge: float = _a(
        0.3, "probability per unit of K", "0–0.5", _A, "Added to hand-on per unit of K"
    )
    hand_on_routines: float = _a(
        0.3, "probability per unit of R", "0–0.5", _A, "Added to hand-on per unit of R"
    )

    # --- derived lever effects (§7.1) ----------------------------------------------------
    duty_anchoring: float = _a(
        0.15, "share", "0–0.3", _A + "; direction BarnUnge21 2020, Prop. 100 L",
        "Anchoring the duty to collaborate adds (A capped at 1)",
    )  # fmt: skip
    routines_floor: float = _a(
        0.15, "share", "0–1", _A + "; direction Fafo 2020, RKBU Nord 2017",
        "R = shared_routines × (routines_floor + routines_anchoring × A)",
    )  # fmt: skip
    routines_anchoring: float = _a(0.85, "share per unit of A", "0–1", _A, "See routines_floor")
    co_location_knowledge_base: float = _a(
        0.04, "share", "0–0.2", _A + "; direction Ledang & Horn, Fafo 2018",
        "Co-location teaches (co_location_knowledge_base + co_location_knowledge_routines × R)"
        " of what is not known",
    )  # fmt: skip
    co_location_knowledge_routines: float = _a(
        0.5, "share per unit of R", "0–1", _A, "See co_location_knowledge_base"
    )
    meeting_hours_scale: float = _a(
        0.4, "hours per week", "0.1–2", _A + "; after Glisson & Hemmelgarn 1998, Bickman 1996",
        "M = 1 − exp(−meeting_hours / meeting_hours_scale)",
    )  # fmt: skip
    coordination_floor: float = _a(
        0.35, "share", "0–1", _A + "; direction RKBU Nord 2017",
        "C = G × M × (coordination_floor + coordination_anchoring × A)",
    )  # fmt: skip
    coordination_anchoring: float = _a(
        0.65, "share per unit of A", "0–1", _A, "See coordination_floor"
    )
    uptake_base: float = _a(
        0.25, "probability", "0–1", _A + "; direction RKBU Nord 2017",
        "U = min(1, uptake_base + uptake_anchoring × A)",
    )  # fmt: skip
    uptake_anchoring: float = _a(0.65, "probability per unit of A", "0–1", _A, "See uptake_base")
    uptake_eligible_bonus: float = _a(
        0.1, "probability", "0–0.3", _A + "; the right from hol. § 7-2 a",
        "Added to U by the duty to collaborate for a child eligible for a barnekoordinator",
    )  # fmt: skip
    help_effect_participation: float = _a(
        0.25, "multiplier per unit of participation", "0–0.5", _A + "; direction RKBU Nord 2017",
        "Help works 1 + this × user_participation times as fast",
    )  # fmt: skip
    governance_shared: tuple[float, float, float] = _a(
        (0.7, 1.5, 0.0), "(G, system meeting h, NAO staff h) per week per 100", "G 0–1",
        _A + " after Provan & Kenis 2008", "Shared governance",
    )  # fmt: skip
    governance_lead_organisation: tuple[float, float, float] = _a(
        (0.9, 1.0, 0.0), "(G, system meeting h, NAO staff h) per week per 100", "G 0–1",
        _A + " after Provan & Kenis 2008", "Governance by a lead organisation",
    )  # fmt: skip
    governance_nao: tuple[float, float, float] = _a(
        (1.0, 0.5, 3.0), "(G, system meeting h, NAO staff h) per week per 100", "G 0–1",
        _A + " after Provan & Kenis 2008", "A network administrative organisation (NAO)",
    )  # fmt: skip

    # --- coordinator (§7.3, §7.15) -------------------------------------------------------
    coordinator_role_hours: float = _a(
        0.25, "staff hours per week per child", "0–1", _A,
        "Weekly hours of the coordinator role per coordinated child (besides meetings)",
    )  # fmt: skip
    barnekoordinator_age: float = _a(
        18.0, "years", "18", "Helse- og omsorgstjenesteloven § 7-2 a",
        "The right to a barnekoordinator applies under this age",
    )  # fmt: skip
    barnekoordinator_domains: tuple[str, ...] = _a(
        ("disability_somatic", "mental_health"), "need domains", "health domains", _A,
        "A need in one of these domains can give the right to a barnekoordinator",
    )  # fmt: skip
    barnekoordinator_severity: float = _a(
        0.35, "severity", "0.2–0.6", _A + " (beyond level 1: specialist health care)",
        "Severity of that need from which the right applies",
    )  # fmt: skip

    # --- system-level collaboration hours (§7.18) ----------------------------------------
    overhead_system_meetings_floor: float = _a(
        0.2, "share", "0–1", _A,
        "System meetings: governance meeting hours × (this + A)",
    )  # fmt: skip
    overhead_anchoring: float = _a(
        1.0, "hours per week per 100 per unit", "0–3", _A, "Leaders' anchoring time"
    )
    overhead_routines: float = _a(
        1.5, "hours per week per 100 per unit", "0–3", _A, "Routines upkeep (BTI, stafettlogg)"
    )
    overhead_consent: float = _a(
        0.5, "hours per week per 100 per unit", "0–3", _A, "Consent routines"
    )
    overhead_participation: float = _a(
        1.0, "hours per week per 100 per unit", "0–3", _A, "Participation work"
    )
    overhead_knowledge: float = _a(
        4.0, "hours per week per 100 per unit", "0–8", _A,
        "Knowledge building above overhead_knowledge_baseline (hospitering, training)",
    )  # fmt: skip
    overhead_knowledge_baseline: float = _a(
        0.5, "lever value", "0–1", _A, "Knowledge of others up to this costs no extra hours"
    )
    overhead_duty: float = _a(0.75, "hours per week per 100", "0–2", _A, "The duty to collaborate")

    # --- costs (§7.19) -------------------------------------------------------------------
    hourly_cost_nok: float = _a(
        1000, "NOK per staff hour", "700–1300", _A, "Cost of one staff hour, salary and overhead"
    )
    co_location_nok_per_week_per_100: float = _a(
        4000, "NOK per week per 100 children", "0–10000", _A,
        "Rent and running of a shared building",
    )  # fmt: skip

    def governance(self, mode: str) -> tuple[float, float, float]:
        """(G, system meeting hours, NAO staff hours) per week per 100 children for ``mode``."""
        try:
            return getattr(self, f"governance_{mode}")
        except AttributeError:
            raise SamlabValueError(
                f"unknown governance mode {mode!r}; known: shared, lead_organisation, nao"
            ) from None

    def replace(self, **changes: Any) -> Assumptions:
        """A copy with some fields changed (unknown names are refused, naming the known)."""
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise SamlabValueError(
                f"unknown assumptions {unknown}; known: {', '.join(sorted(names))}"
            )
        return dataclasses.replace(self, **changes)


DEFAULT_ASSUMPTIONS = Assumptions()


def describe(assumptions: Assumptions = DEFAULT_ASSUMPTIONS) -> list[dict[str, Any]]:
    """One row per field: name, value, unit, range, source, meaning (for the ODD and notebooks)."""
    return [
        {"name": f.name, "value": getattr(assumptions, f.name), **f.metadata}
        for f in dataclasses.fields(assumptions)
    ]


def markdown_table(assumptions: Assumptions = DEFAULT_ASSUMPTIONS) -> str:
    """The ODD's table of assumptions (§8c): one row per field, values as Python literals."""
    lines = ["| Field | Value | Unit | Range | Meaning | Source |", "|---|---|---|---|---|---|"]
    for row in describe(assumptions):
        lines.append(
            f"| `{row['name']}` | `{row['value']!r}` | {row['unit']} | {row['range']} | "
            f"{row['meaning']} | {row['source']} |"
        )
    return "\n".join(lines)
