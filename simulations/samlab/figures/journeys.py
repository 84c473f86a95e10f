"""One child's journey (tjenestereise): finding a child, its spans and its timeline."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.ticker
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..errors import SamlabValueError
from ..labels import (
    OKABE_ITO,
    check_lang,
    choice_label,
    domain_label,
    event_label,
    lever_label,
    number,
    scenario_label,
    service_label,
    text,
)
from ..personas import get_persona
from ..results import SimulationResult
from ..services import SERVICES, SERVICES_BY_KEY
from ..translation import DEFAULT_LANG
from .base import FONT, footnote, new_figure

# --- one child's journey ------------------------------------------------------------------

_MARKERS = {
    "concern_noticed": ("o", OKABE_ITO["sky_blue"]),
    "referred": (">", OKABE_ITO["blue"]),
    "advised_gp": ("<", OKABE_ITO["blue"]),
    "reported": ("^", OKABE_ITO["blue"]),
    "report_dismissed": ("x", OKABE_ITO["grey"]),
    "bounced": ("X", OKABE_ITO["orange"]),
    "rejected_below_threshold": ("x", OKABE_ITO["orange"]),
    "duplicate_assessment": ("D", OKABE_ITO["purple"]),
    "continuity_break": ("|", OKABE_ITO["black"]),
    "lost_at_transition": ("v", OKABE_ITO["vermillion"]),
    "lost_between_services": ("v", OKABE_ITO["vermillion"]),
    "gave_up_after_bounce": ("s", OKABE_ITO["vermillion"]),
    "gave_up_waiting": ("s", OKABE_ITO["vermillion"]),
    "right_help": ("*", OKABE_ITO["green"]),
    "coordinator_assigned": ("P", OKABE_ITO["green"]),
    "coordinator_untaken": ("P", OKABE_ITO["grey"]),
}


def find_child(result: SimulationResult, kind: str = "lost") -> int:
    """A child worth looking at: ``"lost"`` (lost between services, longest first),
    ``"transition"`` (lost at an age limit), ``"bounced"`` (most bounced referrals) or
    ``"helped"`` (reached the right help quickly)."""
    children = result.children()
    if kind == "lost":
        pick = children[children["ever_lost"]].sort_values(
            ["lost_weeks", "child_id"], ascending=[False, True]
        )
    elif kind == "transition":
        pick = children[children["lost_at_transition"]].sort_values("child_id")
    elif kind == "bounced":
        pick = children[children["bounces"] > 0].sort_values(
            ["bounces", "child_id"], ascending=[False, True]
        )
    elif kind == "helped":
        pick = children[children["right_help_week"].notna()].sort_values(
            ["weeks_to_right_help", "child_id"]
        )
    else:
        raise SamlabValueError(
            f"kind must be 'lost', 'transition', 'bounced' or 'helped', got {kind!r}"
        )
    if pick.empty:
        raise SamlabValueError(f"no child of kind {kind!r} in this run")
    return int(pick["child_id"].iloc[0])


def journey_intervals(result: SimulationResult, child_id: int) -> pd.DataFrame:
    """Waiting and help intervals of one child: service, kind (waiting/helped), start, end."""
    end_week = int(result.timeseries()["week"].max()) + 1
    rows = []
    refs = result.referrals()
    for row in refs[refs["child_id"] == child_id].itertuples(index=False):
        stop = end_week if pd.isna(row.closed_week) else int(row.closed_week)
        rows.append((row.target, "waiting", min(int(row.arrived_week), stop), stop))
    events = result.journey(child_id)
    open_cases: dict[str, int] = {}
    for row in events.itertuples(index=False):
        if row.event == "help_started" and row.service not in open_cases:
            open_cases[row.service] = row.week
        elif row.event == "case_closed" and row.service in open_cases:
            rows.append((row.service, "helped", open_cases.pop(row.service), row.week))
    last = int(events["week"].max()) + 1
    for service, start in open_cases.items():
        rows.append((service, "helped", start, min(last, end_week)))
    return pd.DataFrame(rows, columns=["service", "kind", "start", "end"])


def _journey_title(result: SimulationResult, child_id: int, lang: str) -> str:
    """ "Journey of child 123", or of the Fjordvik persona's name, and the scenario."""
    children = result.children().set_index("child_id")
    persona = children["persona"].get(child_id) if len(children) else None
    if isinstance(persona, str) and persona:  # other children have no persona (None/NaN)
        title = text("journey_title_named", lang, name=get_persona(persona).name)
    else:
        title = text("journey_title", lang, child=child_id)
    if result.scenario:
        title += f" – {scenario_label(result.scenario, lang)}"
    return title


def _lever_setting(name: str, result: SimulationResult, lang: str) -> str:
    """``Brukermedvirkning: 0,9`` – one lever's value in a run, for a title."""
    value = result.levers[name]
    if isinstance(value, bool):
        shown = {True: {"nb": "ja", "en": "yes"}, False: {"nb": "nei", "en": "no"}}[value][lang]
    elif isinstance(value, str):
        shown = choice_label(value, lang)
    else:
        shown = number(value, lang, 2)
    return f"{lever_label(name, lang)}: {shown}"


def _draw_journey(ax, result: SimulationResult, child_id: int, lang: str, title: str) -> None:
    events = result.journey(child_id)
    spans = journey_intervals(result, child_id)
    services = list(
        dict.fromkeys(
            [s for s in spans["service"]] + [s for s in events["service"] if s in SERVICES_BY_KEY]
        )
    )
    services = [s.key for s in SERVICES if s.key in services]
    rows = {s: i for i, s in enumerate(services)}
    child_row = len(services)
    for span in spans.itertuples(index=False):
        y = rows[span.service]
        if span.kind == "waiting":
            ax.broken_barh(
                [(span.start, max(0.6, span.end - span.start))],
                (y - 0.18, 0.36),
                facecolors="white",
                edgecolors=OKABE_ITO["orange"],
                hatch="///",
            )
        else:
            ax.broken_barh(
                [(span.start, max(0.6, span.end - span.start))],
                (y - 0.3, 0.6),
                facecolors=OKABE_ITO["sky_blue"],
                edgecolors=OKABE_ITO["blue"],
            )
    shown = set()
    for row in events.itertuples(index=False):
        event = row.event
        if event == "coordinator_assigned" and row.detail != "active":
            event = "coordinator_untaken"  # named, but nobody took the role
        if event not in _MARKERS:
            continue
        marker, colour = _MARKERS[event]
        y = rows.get(row.service, child_row)
        label = event_label(event, lang) if event not in shown else None
        shown.add(event)
        ax.scatter(
            [row.week + 0.3],
            [y],
            marker=marker,
            color=colour,
            s=90,
            zorder=3,
            label=label,
            edgecolors="black" if marker not in "|x" else None,
            linewidths=0.5,
        )
    ax.set_yticks(
        [*list(rows.values()), child_row],
        [service_label(s, lang, short=True) for s in services] + [text("child", lang)],
    )
    start = int(events["week"].min())
    stop = int(events["week"].max())
    ax.set_xlim(start - 2, max(stop + 4, start + 20))
    ax.set_ylim(-0.8, child_row + 0.8)
    ax.set_xlabel(text("week", lang))
    first = events.iloc[0]
    needs = ", ".join(domain_label(d, lang) for d in str(first["detail"]).split(",") if d)
    ax.set_title(f"{title}\n{text('age', lang)} {int(first['age'])}: {needs}", fontsize=12)
    ax.grid(axis="x", color="#eeeeee")
    ax.spines[["top", "right"]].set_visible(False)
    handles, _labels = ax.get_legend_handles_labels()
    handles += [
        Patch(
            facecolor=OKABE_ITO["sky_blue"], edgecolor=OKABE_ITO["blue"], label=text("helped", lang)
        ),
        Patch(
            facecolor="white",
            edgecolor=OKABE_ITO["orange"],
            hatch="///",
            label=text("waiting", lang),
        ),
    ]
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10
    )


def journey_figure(result: SimulationResult, child_id: int, lang: str = DEFAULT_LANG) -> Figure:
    """One child's service journey (tjenestereise): waits, help, hand-offs, losses."""
    check_lang(lang)
    with mpl.rc_context(FONT):
        fig = new_figure(12, 5)
        ax = fig.subplots()
        _draw_journey(ax, result, child_id, lang, _journey_title(result, child_id, lang))
        footnote(fig, text("not_a_forecast", lang, seed=result.seed))
    return fig


def journey_pair_figure(
    first: SimulationResult, second: SimulationResult, child_id: int, lang: str = DEFAULT_LANG
) -> Figure:
    """The same child under two configurations, one above the other.

    With the same seed and size, the same children with the same needs appear in every
    configuration, so the difference is what the services did.
    """
    check_lang(lang)
    if first.seed != second.seed or first.n_children != second.n_children:
        raise SamlabValueError(
            "to follow the same child, both runs need the same seed and number of children"
        )
    with mpl.rc_context(FONT):
        fig = new_figure(12, 9)
        top, bottom = fig.subplots(2, 1, sharex=True)
        changed = [k for k in first.levers if first.levers[k] != second.levers.get(k)]
        limits = []
        for ax, result in ((top, first), (bottom, second)):
            title = _journey_title(result, child_id, lang)
            if changed:  # name what differs, so two runs of one scenario can be told apart
                settings = [_lever_setting(k, result, lang) for k in changed]
                if len(settings) > 3:
                    settings = [*settings[:3], f"+{len(settings) - 3}"]
                title += "\n" + "; ".join(settings)
            _draw_journey(ax, result, child_id, lang, title)
            limits.append(ax.get_xlim())  # read before the shared axis is set again
        top.set_xlim(min(a for a, _ in limits), max(b for _, b in limits))
        footnote(fig, text("not_a_forecast", lang, seed=first.seed))
    return fig
