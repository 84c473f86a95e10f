"""Outcomes: one run over time, configurations compared over seeds, a lever grid and the
cost of coordination."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib as mpl
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from PIL import Image

from ..errors import SamlabValueError
from ..labels import (
    CHOICE_LABELS,
    OKABE_ITO,
    check_lang,
    choice_label,
    lever_label,
    measure_label,
    number,
    scenario_label,
    text,
)
from ..results import MEASURES, SimulationResult
from ..translation import DEFAULT_LANG
from .base import FONT, PALETTE, footnote, new_figure, style_axes

# --- one run over time -------------------------------------------------------------------


#: The left panel's series: (column, label key, colour, line style).
_TIMESERIES = (
    ("in_services", "in_services", OKABE_ITO["blue"], "-"),
    ("with_right_help", "with_right_help", OKABE_ITO["green"], "-"),
    ("waiting_list", "waiting_list", OKABE_ITO["orange"], "--"),
    ("lost_between_services", "lost_now", OKABE_ITO["vermillion"], "-"),
)
_STAFF_TIME = (
    ("direct_help_hours", OKABE_ITO["sky_blue"]),
    ("coordination_hours", OKABE_ITO["purple"]),
)


def timeseries_figure(result: SimulationResult, lang: str = DEFAULT_LANG) -> Figure:
    """Two panels: where the children are each week, and what staff time goes to."""
    return TimeseriesChart(lang).update(result)


class TimeseriesChart:
    """The figure of ``timeseries_figure``, drawn once and updated run by run.

    The dashboard redraws it every time a lever moves: the lines take the new data
    (``set_data``), the staff-time areas are replaced, and the layout is worked out again
    only when what it depends on changes (the number of digits on the axes, the title).
    """

    def __init__(self, lang: str = DEFAULT_LANG):
        check_lang(lang)
        self.lang = lang
        with mpl.rc_context(FONT):
            self.figure = fig = new_figure(12, 4.6)
            self.left, self.right = left, right = fig.subplots(1, 2)
            self.lines = {}
            for column, key, colour, style in _TIMESERIES:
                (self.lines[column],) = left.plot(
                    [], [], color=colour, linestyle=style, linewidth=2.2, label=text(key, lang)
                )
            left.set_title(text("children_over_time", lang))
            left.set_xlabel(text("week", lang))
            left.set_ylabel(text("children", lang))
            left.legend(loc="upper left", frameon=False)
            style_axes(left)
            self.areas: list = []
            right.set_title(text("staff_time", lang))
            right.set_xlabel(text("week", lang))
            right.set_ylabel(text("hours_per_week", lang))
            # the legend is made from the areas themselves (it keeps copies when they go)
            placeholder = right.stackplot(
                [0, 1],
                [0, 0],
                [0, 0],
                colors=[colour for _, colour in _STAFF_TIME],
                labels=[text(column, lang) for column, _ in _STAFF_TIME],
                alpha=0.9,
            )
            right.legend(loc="upper left", frameon=False)
            for area in placeholder:
                area.remove()
            style_axes(right)
            self.title = fig.suptitle("", fontsize=15)
            footnote(fig, "")
            self.note = fig.texts[-1]
        self._layout = fig.get_layout_engine().get()
        self._layout_key: tuple | None = None
        self._canvas = FigureCanvasAgg(fig)

    def update(self, result: SimulationResult) -> Figure:
        """Show ``result``; returns the figure."""
        ts = result.timeseries()
        lang = self.lang
        left, right = self.left, self.right
        with mpl.rc_context(FONT):
            weeks = ts["week"].to_numpy()
            for column, line in self.lines.items():
                line.set_data(weeks, ts[column].to_numpy())
            left.relim()
            left.autoscale_view()
            for area in self.areas:
                area.remove()
            right.ignore_existing_data_limits = True
            self.areas = right.stackplot(
                weeks,
                ts["direct_help_hours"].to_numpy(),
                ts["coordination_hours"].to_numpy(),
                colors=[colour for _, colour in _STAFF_TIME],
                alpha=0.9,
            )
            right.autoscale_view()
            title = scenario_label(result.scenario, lang) if result.scenario else ""
            self.title.set_text(title)
            self.title.set_visible(bool(title))
            self.title.set_in_layout(bool(title))
            self.note.set_text(text("not_a_forecast", lang, seed=result.seed))
        self._keep_layout()
        return self.figure

    def png(self, dpi: int = 80) -> bytes:
        """The figure as PNG bytes, drawn once (with the layout, when it is due) and encoded
        with light compression: what the dashboard shows after each run."""
        fig = self.figure
        if fig.dpi != dpi:
            fig.set_dpi(dpi)
            self._layout_key = None
            fig.set_layout_engine("constrained", **self._layout)
        canvas = self._canvas
        canvas.draw()
        image = Image.frombuffer(
            "RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1
        )
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _keep_layout(self) -> None:
        """Lay the figure out again (constrained layout, at the next draw) only if the tick
        labels' widths or the title changed; otherwise keep the positions it has."""
        key = (
            *(
                len(f"{abs(limit):.0f}")
                for ax in (self.left, self.right)
                for limit in ax.get_ylim()
            ),
            *(len(f"{abs(limit):.0f}") for limit in self.left.get_xlim()),
            bool(self.title.get_text()),
        )
        if key != self._layout_key:
            self.figure.set_layout_engine("constrained", **self._layout)
            self._layout_key = key
        elif self.figure.get_layout_engine() is not None:
            self.figure.set_layout_engine(None)


# --- many seeds, several configurations --------------------------------------------------


def _config_label(name: str, lang: str) -> str:
    """A scenario's title, a governance mode's name, or the configuration's own name."""
    if name in CHOICE_LABELS:
        return choice_label(name, lang)
    return scenario_label(name, lang)


def comparison_figure(
    table: pd.DataFrame, measures: Sequence[str] | None = None, lang: str = DEFAULT_LANG
) -> Figure:
    """Bars with 95 % intervals: one panel per measure, one bar per configuration.

    ``table`` is what :func:`samlab.compare` returns.
    """
    check_lang(lang)
    names = list(dict.fromkeys(table["configuration"]))
    measures = list(measures) if measures else list(dict.fromkeys(table["measure"]))
    if not measures:
        raise SamlabValueError("the comparison table has no measures to draw")
    cols = min(3, len(measures))
    rows = int(np.ceil(len(measures) / cols))
    with mpl.rc_context(FONT):
        fig = new_figure(4.2 * cols, 3.4 * rows + 0.6)
        axes = np.atleast_1d(fig.subplots(rows, cols)).ravel()
        for ax, measure in zip(axes, measures, strict=False):
            part = table[table["measure"] == measure].set_index("configuration").loc[names]
            means = part["mean"].to_numpy(dtype=float)
            low = means - part["ci_low"].to_numpy(dtype=float)
            high = part["ci_high"].to_numpy(dtype=float) - means
            x = np.arange(len(names))
            ax.bar(x, means, color=[PALETTE[i % len(PALETTE)] for i in x], width=0.7)
            ax.errorbar(
                x,
                means,
                yerr=np.nan_to_num([low, high]),
                fmt="none",
                ecolor="black",
                capsize=4,
                linewidth=1.4,
            )
            ax.set_xticks(x, [_config_label(n, lang) for n in names], rotation=30, ha="right")
            ax.set_title(measure_label(measure, lang), fontsize=12)
            if means.size and np.nanmax(np.abs(means)) >= 1e6:
                ax.yaxis.set_major_formatter(
                    mpl.ticker.FuncFormatter(lambda v, _pos: f"{v / 1e6:g}")
                )
                title = text("cost_millions", lang) if measure == "cost_nok" else None
                ax.set_title(title or measure_label(measure, lang) + " (mill.)", fontsize=12)
            style_axes(ax)
        for ax in axes[len(measures) :]:
            ax.set_visible(False)
        n = int(table["n_seeds"].iloc[0])
        fig.suptitle(text("scenario_comparison", lang), fontsize=15)
        footnote(fig, text("not_a_forecast_seeds", lang, n=n))
    return fig


def difference_figure(
    table: pd.DataFrame,
    configuration: str,
    measures: Sequence[str] | None = None,
    lang: str = DEFAULT_LANG,
) -> Figure:
    """How one configuration differs from the baseline, in % of the baseline, with 95 %
    intervals; green where it is better, vermillion where worse."""
    check_lang(lang)
    names = list(dict.fromkeys(table["configuration"]))
    if configuration not in names:
        raise SamlabValueError(
            f"configuration {configuration!r} is not in the table; it has {names}"
        )
    base_name = names[0]
    measures = (
        list(measures)
        if measures
        else [
            m for m in dict.fromkeys(table["measure"]) if MEASURES.get(m, {}).get("better", 0) != 0
        ]
    )
    part = table[table["configuration"] == configuration].set_index("measure").loc[measures]
    base = table[table["configuration"] == base_name].set_index("measure").loc[measures]
    scale = base["mean"].abs().replace(0, np.nan)
    pct = 100 * part["diff"] / scale
    low = 100 * part["diff_ci_low"] / scale
    high = 100 * part["diff_ci_high"] / scale
    direction = np.array([MEASURES.get(m, {}).get("better", 0) for m in measures])
    better = np.sign(pct.to_numpy()) == np.sign(direction)
    # Only where the whole interval lies on one side of zero is the difference clear.
    clear = ((low > 0) | (high < 0)).to_numpy()
    colours = [
        (OKABE_ITO["green"] if b else OKABE_ITO["vermillion"]) if c else OKABE_ITO["grey"]
        for b, c in zip(better, clear, strict=True)
    ]
    with mpl.rc_context(FONT):
        fig = new_figure(9, 0.55 * len(measures) + 1.8)
        ax = fig.subplots()
        y = np.arange(len(measures))[::-1]
        ax.barh(y, pct.fillna(0), color=colours, height=0.6)
        ax.errorbar(
            pct.fillna(0),
            y,
            xerr=np.nan_to_num([pct - low, high - pct]),
            fmt="none",
            ecolor="black",
            capsize=3,
        )
        ax.axvline(0, color="black", linewidth=1)
        ax.set_yticks(y, [measure_label(m, lang) for m in measures])
        ax.set_xlabel(text("difference_from", lang, base=_config_label(base_name, lang)) + " (%)")
        ax.set_title(
            f"{_config_label(configuration, lang)} – "
            + text("difference_from", lang, base=_config_label(base_name, lang)).lower()
        )
        ax.legend(
            handles=[
                Patch(color=OKABE_ITO["green"], label=text("better", lang)),
                Patch(color=OKABE_ITO["vermillion"], label=text("worse", lang)),
                Patch(color=OKABE_ITO["grey"], label=text("uncertain", lang)),
            ],
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),  # beside the bars, never over them
            frameon=False,
        )
        ax.spines[["top", "right"]].set_visible(False)
        footnote(fig, text("not_a_forecast_seeds", lang, n=int(part["n_seeds"].iloc[0])))
    return fig


# --- experiments --------------------------------------------------------------------------


def heatmap_figure(grid: pd.DataFrame, measure: str, lang: str = DEFAULT_LANG) -> Figure:
    """Two levers against each other: the mean of ``measure`` in each cell.

    ``grid`` is what :func:`samlab.lever_grid` returns.
    """
    check_lang(lang)
    lever_x, lever_y = grid.attrs["lever_x"], grid.attrs["lever_y"]
    table = grid.pivot_table(index=lever_y, columns=lever_x, values=measure, aggfunc="mean")
    table = table.sort_index(ascending=False)
    better = MEASURES.get(measure, {}).get("better", 0)
    cmap = "viridis_r" if better < 0 else "viridis"
    with mpl.rc_context(FONT):
        fig = new_figure(8.5, 6.5)
        ax = fig.subplots()
        image = ax.imshow(table.to_numpy(dtype=float), cmap=cmap, aspect="auto")
        ax.set_xticks(range(len(table.columns)), [number(v, lang, 2) for v in table.columns])
        ax.set_yticks(range(len(table.index)), [number(v, lang, 2) for v in table.index])
        ax.set_xlabel(lever_label(lever_x, lang))
        ax.set_ylabel(lever_label(lever_y, lang))
        values = table.to_numpy(dtype=float)
        middle = np.nanmean(values)
        for (i, j), value in np.ndenumerate(values):
            ax.text(
                j,
                i,
                number(value, lang, 0 if abs(value) >= 10 else 2),
                ha="center",
                va="center",
                fontsize=11,
                color="white" if (value > middle) == (cmap == "viridis_r") else "black",
            )
        fig.colorbar(image, ax=ax, label=measure_label(measure, lang))
        ax.set_title(measure_label(measure, lang))
        footnote(fig, text("mean_of_seeds", lang, n=grid["seed"].nunique()))
    return fig


def coordination_cost_figure(curve: pd.DataFrame, lang: str = DEFAULT_LANG) -> Figure:
    """More meeting time: time to right help first falls, then rises as direct help shrinks.

    ``curve`` is what :func:`samlab.coordination_curve` returns.
    """
    check_lang(lang)
    from ..experiments import mean_ci

    groups = curve.groupby("meeting_hours")
    x = np.array(sorted(groups.groups))

    def band(measure):
        stats = [mean_ci(groups.get_group(v)[measure].tolist()) for v in x]
        return (
            np.array([s[0] for s in stats]),
            np.array([s[2] for s in stats]),
            np.array([s[3] for s in stats]),
        )

    with mpl.rc_context(FONT):
        fig = new_figure(10, 5.2)
        ax = fig.subplots()
        twin = ax.twinx()
        mean, low, high = band("weeks_to_right_help_mean")
        ax.plot(
            x,
            mean,
            color=OKABE_ITO["vermillion"],
            marker="o",
            linewidth=2.5,
            label=measure_label("weeks_to_right_help_mean", lang),
        )
        seeds = curve["seed"].nunique()
        if seeds >= 3:  # with fewer seeds an interval says little
            ax.fill_between(x, low, high, color=OKABE_ITO["vermillion"], alpha=0.2)
        weeks = int(curve.attrs.get("weeks", 156))
        hmean, hlow, hhigh = band("direct_help_hours")
        twin.plot(
            x,
            hmean / weeks,
            color=OKABE_ITO["blue"],
            marker="s",
            linewidth=2,
            linestyle="--",
            label=text("direct_help_hours", lang),
        )
        if seeds >= 3:
            twin.fill_between(x, hlow / weeks, hhigh / weeks, color=OKABE_ITO["blue"], alpha=0.15)
        cmean, _, _ = band("coordination_hours")
        twin.plot(
            x,
            cmean / weeks,
            color=OKABE_ITO["purple"],
            marker="^",
            linewidth=2,
            linestyle=":",
            label=text("coordination_hours", lang),
        )
        ax.set_xlabel(text("meeting_hours", lang))
        ax.set_ylabel(
            measure_label("weeks_to_right_help_mean", lang), color=OKABE_ITO["vermillion"]
        )
        twin.set_ylabel(text("hours_per_week", lang), color=OKABE_ITO["blue"])
        best = x[int(np.argmin(mean))]
        ax.axvline(best, color="#888888", linestyle=":", linewidth=1)
        lines = ax.get_legend_handles_labels()
        lines2 = twin.get_legend_handles_labels()
        ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], loc="upper center", frameon=False)
        ax.set_title(text("coordination_curve", lang))
        ax.spines[["top"]].set_visible(False)
        twin.spines[["top"]].set_visible(False)
        footnote(fig, text("not_a_forecast_seeds", lang, n=seeds))
    return fig
