"""Interactive views for JupyterLab (ipywidgets). They call the same ``samlab`` API as the
tests, and draw with :mod:`samlab.figures`.

    samlab.widgets.dashboard(scenario="silo", lang="nb")     # levers, budget, live charts
    samlab.widgets.network_view(result, lang="nb")           # the service network, by week
    samlab.widgets.journey_view(result, lang="nb")           # one child's journey, two ways

A callback never raises into the notebook: a bad value shows a readable message in the
view, the last good picture stays, and the view keeps working.
"""

from __future__ import annotations

import html
import io
from typing import Any

import ipywidgets as w

from . import figures
from .costs import budget
from .errors import SamlabValueError
from .experiments import CLASSROOM, compare, resolve, simulate
from .labels import (
    check_lang,
    choice_label,
    measure_label,
    nok,
    number,
    scenario_label,
    text,
)
from .lever_catalogue import LEVERS
from .results import SimulationResult
from .scenario_catalogue import SCENARIOS, get_scenario
from .translation import DEFAULT_LANG

#: Measures shown beside the charts in the dashboard.
KEY_MEASURES = (
    "weeks_to_right_help_median",
    "lost_between_services",
    "lost_at_transition",
    "handoffs_per_child",
    "duplicate_assessments",
    "unmet_need_weeks",
)


def png(fig, dpi: int = 80) -> bytes:
    """A figure as PNG bytes (what an ``ipywidgets.Image`` shows)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def message_html(kind: str, body: str) -> str:
    """A line of HTML under a view: ``kind`` is ``"error"`` (vermillion) or ``"info"`` (blue)."""
    colour = {"error": "#D55E00", "info": "#0072B2"}[kind]
    return f'<div style="color:{colour}; font-weight:bold; min-height:1.4em">{body}</div>'


class View:
    """What every view shares: it displays itself, and reports a problem without raising."""

    lang: str
    message: w.HTML
    widget: w.Widget

    def _attempt(self, action) -> bool:
        """Run ``action``; on failure show a readable message and keep the last picture.

        ``action`` may return a note to show when it succeeds (otherwise the message clears).
        """
        try:
            note = action()
        except Exception as exc:  # never leave a broken view; say what happened
            detail = (
                str(exc) if isinstance(exc, SamlabValueError) else f"{type(exc).__name__}: {exc}"
            )
            problem = text("problem", self.lang, message=detail)
            self.message.value = message_html("error", html.escape(problem))
            return False
        self.message.value = message_html("info", html.escape(note or ""))
        return True

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def _lever_control(lever, value, lang: str) -> w.Widget:
    style = {"description_width": "18em"}
    layout = w.Layout(width="38em")
    common = {
        "description": lever.label[lang],
        "tooltip": lever.description[lang],
        "style": style,
        "layout": layout,
    }
    if lever.kind == "float":
        return w.FloatSlider(
            value=value,
            min=lever.minimum,
            max=lever.maximum,
            step=lever.step,
            continuous_update=False,
            readout_format=".2f",
            **common,
        )
    if lever.kind == "bool":
        return w.Checkbox(value=value, indent=True, **common)
    options = [(choice_label(c, lang), c) for c in lever.choices]
    return w.Dropdown(options=options, value=value, **common)


class Dashboard(View):
    """Every lever as a slider or toggle, a budget meter, and live charts of the outcomes.

    Changing a lever re-runs the model (one seed) and redraws. "Compare with the silos"
    runs several seeds of this configuration and of ``silo`` and shows the difference with
    95 % intervals.
    """

    def __init__(
        self,
        scenario: str = "silo",
        lang: str = DEFAULT_LANG,
        seed: int = 1,
        children: int = CLASSROOM["children"],
        weeks: int = CLASSROOM["weeks"],
        compare_seeds: int = 5,
    ):
        self.lang = check_lang(lang)
        start = get_scenario(scenario)
        self.result: SimulationResult | None = None
        self.comparison = None
        self.runs = 0
        self._batch = False
        self.compare_seeds = compare_seeds
        values = start.levers()
        self.scenario = w.Dropdown(
            options=[(s.title[lang], s.key) for s in SCENARIOS],
            value=start.key,
            description=text("scenario", lang),
        )
        # says when the levers no longer match the scenario chosen above
        self.package_note = w.HTML()
        self.controls = {lv.name: _lever_control(lv, values[lv.name], lang) for lv in LEVERS}
        self.seed = w.IntText(value=seed, description=text("seed", lang))
        self.children = w.IntText(value=children, description=text("children", lang))
        self.weeks = w.IntText(value=weeks, description=text("weeks_label", lang))
        self.message = w.HTML(message_html("info", ""))
        self.budget = w.HTML()
        self.measures = w.HTML()
        self.chart = w.Image(format="png")
        self._chart: figures.TimeseriesChart | None = None
        self.compare_button = w.Button(
            description=text("compare_button", lang), layout=w.Layout(width="auto")
        )
        # hidden until there is a comparison to show (an empty image draws as a broken icon)
        self.compare_chart = w.Image(format="png", layout=w.Layout(display="none"))
        self.scenario.observe(self._on_scenario, names="value")
        for control in (*self.controls.values(), self.seed, self.children, self.weeks):
            control.observe(self._on_change, names="value")
        self.compare_button.on_click(lambda _: self.compare())
        left = w.VBox(
            [
                self.scenario,
                self.package_note,
                *self.controls.values(),
                w.HBox([self.seed, self.children, self.weeks]),
                self.budget,
            ]
        )
        right = w.VBox([self.message, self.measures])
        self.widget = w.VBox(
            [w.HBox([left, right]), self.chart, self.compare_button, self.compare_chart]
        )
        self.update()

    # --- state ---------------------------------------------------------------------------

    def levers(self) -> dict[str, Any]:
        return {name: control.value for name, control in self.controls.items()}

    def _on_scenario(self, change) -> None:
        values = get_scenario(change["new"]).levers()
        self._batch = True
        try:
            for name, control in self.controls.items():
                control.value = values[name]
        finally:
            self._batch = False
        self.update()

    def _on_change(self, _change) -> None:
        if not self._batch:
            self.update()

    # --- actions -------------------------------------------------------------------------

    def update(self) -> bool:
        """Re-run the model with the current levers and redraw. False if the input was bad."""
        return self._attempt(self._run)

    def _run(self) -> None:
        lang = self.lang
        levers = self.levers()
        values = resolve("silo", **levers)
        self.budget.value = budget_html(values, self.children.value, self.weeks.value, lang)
        result = simulate(
            "silo",
            seed=self.seed.value,
            children=self.children.value,
            weeks=self.weeks.value,
            record_journeys=False,  # the board shows measures and curves, not journeys
            **levers,
        )
        result.scenario = self._matching_scenario(values)
        self.package_note.value = "" if result.scenario else text("own_package", lang)
        if self._chart is None or self._chart.lang != lang:
            self._chart = figures.TimeseriesChart(lang)  # drawn once, then updated
        self._chart.update(result)
        self.chart.value = self._chart.png()
        self.result = result
        self.runs += 1
        self.measures.value = measures_html(result.summary(), lang)

    def _matching_scenario(self, values: dict[str, Any]) -> str | None:
        for scenario in SCENARIOS:
            if scenario.levers() == values:
                return scenario.key
        return None

    def compare(self) -> bool:
        """Several seeds of this configuration against ``silo``: differences with intervals."""
        self.message.value = message_html("info", text("running", self.lang))
        return self._attempt(self._compare)

    def _compare(self) -> None:
        name = text("chosen_package", self.lang)
        table = compare(
            {"silo": {"scenario": "silo"}, name: {"scenario": "silo", **self.levers()}},
            seeds=self.compare_seeds,
            children=self.children.value,
            weeks=self.weeks.value,
        )
        self.compare_chart.value = png(figures.difference_figure(table, name, lang=self.lang))
        self.compare_chart.layout.display = None
        self.comparison = table


def measures_html(summary: dict[str, Any], lang: str) -> str:
    """The key outcome measures of one run, numbers written for ``lang`` (decimal comma in nb)."""
    rows = "".join(
        f"<tr><td>{measure_label(m, lang)}</td><td style='text-align:right'>"
        f"<b>{number(summary[m], lang, 1)}</b></td></tr>"
        for m in KEY_MEASURES
    )
    return f"<table style='font-size:1.1em'>{rows}</table>"


def _percent_change(share: float, lang: str) -> str:
    """A change as a signed percentage: +50 % in bokmål, +50% in English."""
    sign = "+" if share >= 0 else "\u2212"
    value = number(abs(share) * 100, lang, 1)
    return f"{sign}{value}\u00a0%" if lang == "nb" else f"{sign}{value}%"


def budget_html(levers: dict[str, Any], children: int, weeks: int, lang: str) -> str:
    """The budget meter: what the chosen levers cost in staff hours and NOK per year."""
    chosen = budget(levers, children, weeks)
    silo = budget(resolve("silo"), children, weeks)
    per_year = chosen["cost_nok"] / weeks * 52
    change = chosen["cost_nok"] / silo["cost_nok"] - 1 if silo["cost_nok"] else 0.0
    unit = text("hours_unit", lang)

    def hours(key: str) -> str:
        return f"{number(chosen[key], lang, 0)} {unit}"

    rows = [
        (text("service_hours", lang), hours("service_hours_per_week")),
        (text("collaboration_hours", lang), hours("collaboration_hours_per_week")),
        (text("nao_hours", lang), hours("nao_hours_per_week")),
        (text("co_location_cost", lang), nok(chosen["co_location_nok_per_week"] * 52, lang)),
        (text("cost_per_year", lang), f"<b>{nok(per_year, lang)}</b>"),
        (text("change_from_silo", lang), _percent_change(change, lang)),
    ]
    body = "".join(f"<tr><td>{a}</td><td style='text-align:right'>{b}</td></tr>" for a, b in rows)
    return f"<b>{text('budget', lang)}</b> ({text('per_week_per_year', lang)})<table>{body}</table>"


def dashboard(scenario: str = "silo", lang: str = DEFAULT_LANG, **kwargs) -> Dashboard:
    """The lever dashboard; see :class:`Dashboard`."""
    return Dashboard(scenario=scenario, lang=lang, **kwargs)


class NetworkView(View):
    """The service network week by week: a week slider and a play button."""

    def __init__(self, result: SimulationResult, lang: str = DEFAULT_LANG, step: int = 4):
        self.lang = check_lang(lang)
        self.result = result
        last = int(result.timeseries()["week"].max())
        self.week = w.IntSlider(
            value=last,
            min=0,
            max=last,
            step=step,
            description=text("week", lang),
            continuous_update=False,
        )
        self.play = w.Play(value=last, min=0, max=last, step=step, interval=1200)
        w.jslink((self.play, "value"), (self.week, "value"))
        self.message = w.HTML()
        self.image = w.Image(format="png")
        self.week.observe(lambda change: self.show(change["new"]), names="value")
        self.widget = w.VBox([w.HBox([self.play, self.week]), self.message, self.image])
        self.show(last)

    def show(self, week: int) -> bool:
        def draw():
            self.image.value = png(figures.network_figure(self.result, week, self.lang))

        return self._attempt(draw)


def network_view(
    result: SimulationResult | None = None, lang: str = DEFAULT_LANG, **kwargs
) -> NetworkView:
    """The service network view; runs the ``silo`` scenario if no result is given."""
    return NetworkView(result if result is not None else simulate("silo", seed=1), lang, **kwargs)


class JourneyView(View):
    """One child's journey (tjenestereise), and the same child under another configuration."""

    def __init__(
        self, result: SimulationResult, lang: str = DEFAULT_LANG, other: str = "bti_anchored"
    ):
        self.lang = check_lang(lang)
        self.result = result
        self._others: dict[str, SimulationResult] = {}
        self.child = w.IntText(
            value=figures.find_child(result, "lost"), description=text("child", lang)
        )
        self.lost_button = w.Button(description=text("show_lost_child", lang))
        self.other = w.Dropdown(
            options=[("—", "")] + [(s.title[lang], s.key) for s in SCENARIOS],
            value=other,
            description=text("compare_with", lang),
            style={"description_width": "9em"},
        )
        self.message = w.HTML()
        self.image = w.Image(format="png")
        self.child.observe(lambda _: self.show(), names="value")
        self.other.observe(lambda _: self.show(), names="value")
        self.lost_button.on_click(lambda _: self.show_lost())
        self.widget = w.VBox(
            [w.HBox([self.child, self.lost_button, self.other]), self.message, self.image]
        )
        self.show()

    def _other_result(self, key: str) -> SimulationResult:
        if key not in self._others:
            self._others[key] = simulate(
                key,
                seed=self.result.seed,
                children=self.result.n_children,
                weeks=self.result.weeks,
            )
        return self._others[key]

    def show_lost(self) -> None:
        self.child.value = figures.find_child(self.result, "lost")

    def show(self) -> bool:
        return self._attempt(self._draw)

    def _draw(self) -> None:
        child_id = self.child.value
        known = set(self.result.children()["child_id"])
        if child_id not in known:
            raise SamlabValueError(
                f"no child with id {child_id}; ids run from {min(known)} to {max(known)}"
            )
        if self.other.value:
            other = self._other_result(self.other.value)
            fig = figures.journey_pair_figure(self.result, other, child_id, self.lang)
        else:
            fig = figures.journey_figure(self.result, child_id, self.lang)
        self.image.value = png(fig)


def journey_view(
    result: SimulationResult | None = None, lang: str = DEFAULT_LANG, **kwargs
) -> JourneyView:
    """A child's journey; runs the ``silo`` scenario if no result is given."""
    return JourneyView(result if result is not None else simulate("silo", seed=1), lang, **kwargs)


__all__ = [
    "Dashboard",
    "JourneyView",
    "NetworkView",
    "budget_html",
    "dashboard",
    "journey_view",
    "network_view",
    "scenario_label",
]
