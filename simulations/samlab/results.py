"""What a run leaves behind: the outcome measures, the weekly series, every child's journey.

The names of the outcome measures are part of the API; the course teaches them:

``weeks_to_right_help_median`` / ``weeks_to_right_help_mean``
    Weeks from the start of a child's needs until every need has the right help (a service
    with that need in its mandate; a specialised one when the need is serious). Children who
    never got there count with the weeks they waited until they left the model or the run
    ended, so the numbers are a lower bound and never reward losing children.
``handoffs_per_child``
    Times per child that responsibility passed from one service to another: each referral
    (also a young adult's own), each return of a referral that bounced or was below the
    service's threshold (so a bounce and the new referral after it count as two more), and
    each transfer at an age limit. Referrals an
    active coordinator makes do not count: the coordinator keeps the responsibility.
``lost_between_services``
    Children who at some point were known to services, still had needs, and had no service
    and no referral: the glippsone.
``lost_at_transition``
    Children whose help ended at a service's age limit without being handed over. A child
    moving on to the next school without a handover is not counted: the child still meets
    the school every week.
``duplicate_assessments``
    Assessments of a child whom another service had already mapped (assessed, or helped
    within a universal service) when what it found could not be shared for lack of consent:
    the family tells its story again.
``unmet_need_weeks``
    Mean number of weeks per child with at least one need nobody was helping.
``continuity_breaks``
    Changes of caseworker in ongoing cases.
``coordination_hours`` / ``direct_help_hours``
    Staff hours spent on coordination (meetings, coordinators, routines, network
    governance) and on direct help over the run.
``cost_nok``
    What the configuration costs over the run: staff hours paid plus co-location.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import SamlabValueError

if TYPE_CHECKING:
    from .model import MunicipalityModel

#: The outcome measures, in the order they are shown, with a short label and a direction
#: (``-1``: lower is better, ``+1``: higher is better, ``0``: neither).
MEASURES: dict[str, dict[str, Any]] = {
    "weeks_to_right_help_median": {
        "label": {"nb": "Uker til rett hjelp (median)", "en": "Weeks to right help (median)"},
        "better": -1,
    },
    "weeks_to_right_help_mean": {
        "label": {"nb": "Uker til rett hjelp (snitt)", "en": "Weeks to right help (mean)"},
        "better": -1,
    },
    "handoffs_per_child": {
        "label": {"nb": "Overføringer per barn", "en": "Hand-offs per child"},
        "better": -1,
    },
    "lost_between_services": {
        "label": {"nb": "Falt mellom tjenester", "en": "Lost between services"},
        "better": -1,
    },
    "lost_at_transition": {
        "label": {"nb": "Falt ut i overganger", "en": "Lost at transitions"},
        "better": -1,
    },
    "duplicate_assessments": {
        "label": {"nb": "Dobbeltkartlegginger", "en": "Duplicate assessments"},
        "better": -1,
    },
    "unmet_need_weeks": {
        "label": {"nb": "Uker med udekket behov (snitt)", "en": "Unmet need-weeks (mean)"},
        "better": -1,
    },
    "continuity_breaks": {
        "label": {"nb": "Brudd i kontinuitet", "en": "Continuity breaks"},
        "better": -1,
    },
    "coordination_hours": {
        "label": {"nb": "Timer til samordning", "en": "Coordination hours"},
        "better": 0,
    },
    "direct_help_hours": {
        "label": {"nb": "Timer til direkte hjelp", "en": "Direct help hours"},
        "better": 1,
    },
    "cost_nok": {"label": {"nb": "Kostnad (kr)", "en": "Cost (NOK)"}, "better": 0},
}

#: Further numbers in every summary, useful in the course.
EXTRA_MEASURES = (
    "children",
    "right_help_share",
    "bounced_referrals",
    "rejected_referrals",
    "reports_dismissed",
    "referrals",
    "concerns_not_reported",
    "assessment_hours",
    "coordinators_active",
    "coordinators_untaken",
    "lost_composite_share",
    "lost_single_need_share",
)

JOURNEY_COLUMNS = ["week", "child_id", "age", "event", "service", "detail"]
REFERRAL_COLUMNS = [
    "week",
    "child_id",
    "domain",
    "source",
    "target",
    "outcome",
    "closed_week",
    "kind",
    "arrived_week",
]


class SimulationResult:
    """The result of one run: ``summary()``, ``timeseries()``, ``journeys()``, ``children()``."""

    def __init__(self, model: MunicipalityModel, scenario: str | None):
        self.scenario = scenario
        self.seed = model.seed_value
        self.levers = dict(model.levers)
        self.n_children = model.n_children
        self.weeks = model.n_weeks
        self._summary = summarise(model)
        self._timeseries = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
        self._events = model.events
        self.kept_journeys = model.record_journeys
        self._children = _children_table(model)
        self._referrals = [
            (
                r.week,
                r.child.unique_id,
                r.domain,
                r.source,
                r.target.key,
                r.outcome,
                r.closed_week,
                "report" if r.report else "referral",
                r.due_week,
            )
            for r in model.referral_list
        ]
        self._model = model

    @property
    def model(self) -> MunicipalityModel:
        """The Mesa model after the run (for inspection)."""
        return self._model

    def summary(self) -> dict[str, Any]:
        """The outcome measures of the run, as a dict (a copy)."""
        return dict(self._summary)

    def timeseries(self) -> pd.DataFrame:
        """One row per week: children in the model, waiting, lost, hours, events that week."""
        return self._timeseries.copy()

    def journeys(self) -> pd.DataFrame:
        """One row per event in every child's service journey (tjenestereise).

        Raises:
            SamlabValueError: the run kept no journeys (``record_journeys=False``).
        """
        if not self.kept_journeys:
            raise SamlabValueError(
                "this run kept no journeys (it ran with record_journeys=False); run "
                "samlab.simulate(...) again with record_journeys=True to follow the children"
            )
        return pd.DataFrame(self._events, columns=JOURNEY_COLUMNS)

    def journey(self, child_id: int) -> pd.DataFrame:
        """The events of one child, in order."""
        df = self.journeys()
        if child_id not in set(df["child_id"]):
            raise KeyError(f"no child with id {child_id} in this run")
        return df[df["child_id"] == child_id].reset_index(drop=True)

    def referrals(self) -> pd.DataFrame:
        """One row per referral: when, which child and need, from where, to where, outcome.

        ``outcome`` is ``accepted``, ``bounced`` (wrong service), ``rejected`` (below the
        threshold), ``dismissed`` (a bekymringsmelding closed by barnevern after review,
        henlagt), ``withdrawn`` (no longer needed), ``gave_up`` or ``waiting`` (at the end).
        ``kind`` is ``referral`` (henvisning) or ``report`` (bekymringsmelding to barnevern).
        ``arrived_week`` is when it reached the service's list: later than ``week`` when it
        went through the GP (fastlege) to specialist health.
        """
        return pd.DataFrame(self._referrals, columns=REFERRAL_COLUMNS)

    def service_load(self) -> pd.DataFrame:
        """One row per week and service: open cases (caseload) and referrals waiting."""
        return pd.DataFrame(
            self._model.service_history, columns=["week", "service", "caseload", "waiting"]
        )

    def persona_id(self, key: str) -> int:
        """The child id of a Fjordvik persona (run with ``personas=True``)."""
        from .personas import get_persona

        get_persona(key)
        children = self._children
        match = children[children["persona"] == key] if len(children) else children
        if match.empty:
            raise SamlabValueError(
                f"persona {key!r} is not in this run; run samlab.simulate(..., personas=True) "
                "with enough weeks for the persona's needs to begin"
            )
        return int(match["child_id"].iloc[0])

    def children(self) -> pd.DataFrame:
        """One row per child: needs at the start, outcome, hand-offs, losses, coordinator."""
        return self._children.copy()

    def __repr__(self) -> str:
        s = self._summary
        return (
            f"SimulationResult(scenario={self.scenario!r}, seed={self.seed}, "
            f"children={self.n_children}, weeks={self.weeks}, "
            f"weeks_to_right_help_median={s['weeks_to_right_help_median']}, "
            f"lost_between_services={s['lost_between_services']})"
        )


def _weeks_to_right_help(child, end_week: int) -> int:
    if child.right_help_week is not None:
        return child.right_help_week - child.onset_week
    stop = child.exit_week if child.exit_week is not None else end_week
    return stop - child.onset_week


def summarise(model: MunicipalityModel) -> dict[str, Any]:
    """The outcome measures (the names above) of a model as it stands now, as a dict.

    :meth:`SimulationResult.summary` gives these at the end of a run; the service game
    reads them after every round."""
    children = model.children_all
    n = len(children)
    end_week = model.week
    waits = [_weeks_to_right_help(c, end_week) for c in children]
    composite = [c for c in children if c.composite]
    single = [c for c in children if not c.composite]
    lost = sum(1 for c in children if c.ever_lost)

    def share(group) -> float:
        return round(sum(1 for c in group if c.ever_lost) / len(group), 4) if group else 0.0

    summary: dict[str, Any] = {
        "weeks_to_right_help_median": float(statistics.median(waits)) if waits else 0.0,
        "weeks_to_right_help_mean": round(statistics.fmean(waits), 3) if waits else 0.0,
        "handoffs_per_child": round(sum(c.handoffs for c in children) / n, 4) if n else 0.0,
        "lost_between_services": lost,
        "lost_at_transition": sum(1 for c in children if c.lost_at_transition),
        "duplicate_assessments": model.duplicate_assessments,
        "unmet_need_weeks": round(sum(c.unmet_weeks for c in children) / n, 3) if n else 0.0,
        "continuity_breaks": model.continuity_breaks,
        "coordination_hours": round(model.coordination_hours, 1),
        "direct_help_hours": round(model.direct_help_hours, 1),
        "cost_nok": round(model.budget["cost_nok"]),
        "children": n,
        "right_help_share": (
            round(sum(1 for c in children if c.right_help_week is not None) / n, 4) if n else 0.0
        ),
        "bounced_referrals": model.bounced_referrals,
        "rejected_referrals": model.rejected_referrals,
        "reports_dismissed": model.reports_dismissed,
        "referrals": model.referrals,
        "concerns_not_reported": model.concerns_not_reported,
        "assessment_hours": round(model.assessment_hours, 1),
        "coordinators_active": sum(1 for c in children if c.coordinator == "active"),
        "coordinators_untaken": sum(1 for c in children if c.coordinator == "untaken"),
        "lost_composite_share": share(composite),
        "lost_single_need_share": share(single),
    }
    return summary


def _children_table(model: MunicipalityModel) -> pd.DataFrame:
    end_week = model.week
    rows = []
    for c in model.children_all:
        rows.append(
            {
                "child_id": c.unique_id,
                "persona": c.persona,
                "onset_week": c.onset_week,
                "onset_age": round(c.onset_age, 2),
                "composite": c.composite,
                "right_help_week": c.right_help_week,
                "weeks_to_right_help": _weeks_to_right_help(c, end_week),
                "handoffs": c.handoffs,
                "bounces": c.bounces,
                "continuity_breaks": c.continuity_breaks,
                "ever_lost": c.ever_lost,
                "lost_weeks": c.lost_weeks,
                "lost_at_transition": c.lost_at_transition,
                "unmet_need_weeks": c.unmet_weeks,
                "coordinator": c.coordinator or "none",
                "exit_reason": c.exit_reason or "in_model",
                "needs_left": ",".join(sorted(c.needs)),
            }
        )
    return pd.DataFrame(rows)
