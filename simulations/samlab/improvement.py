"""Learning from a run chart, and reading levels of documented effect.

Run-chart rules of the Model for Improvement (Institute for Healthcare Improvement), as
set out by Perla, R.J., Provost, L.P. & Murray, S.K. (2011). The run chart: a simple
analytical tool for learning from variation in healthcare processes. *BMJ Quality & Safety*
20: 46–51. A run chart is the measure plotted in time order with its median as the centre
line. Four rules signal non-random variation:

* **Shift:** six or more consecutive points all above or all below the median. Points
  exactly on the median neither break a shift nor add to it (they are skipped).
* **Trend:** five or more consecutive points all going up or all going down. When
  neighbouring points have the same value, the repeats neither break the trend nor count
  towards it: only the first of the equal values is counted (the convention Perla et al.
  describe). The trend's span still covers the repeated points.
* **Too few or too many runs:** a run is one or more consecutive points on the same side
  of the median; points on the median are ignored ("useful observations" are the others).
  The number of runs is compared with limits from the Swed–Eisenhart distribution of the
  number of runs, which Perla et al.'s Table 1 is based on. Here the limits are *computed*
  exactly, not copied: for *n* useful observations split as evenly as possible above and
  below the median, the lower limit is the smallest count whose chance of being undershot
  is at most 2.5 %, the upper the largest whose chance of being exceeded is at most 2.5 %
  (about 5 % in all). The course applies the rule from 10 useful observations. The values
  were not checked against the printed table; compare with it before quoting a limit.
* **Astronomical point:** a point obviously different from all others, which anyone
  looking at the chart would agree is unusual. This is a *judgement*, so it is never
  automated here: :func:`signals` lists it as a question for the reader.

With a frozen baseline median (the median of the points before a change, extended over
the points after it), the runs limits are approximate, because the points after a real
change are no longer split evenly around that median.

Levels of documented effect: Ungsinn (Tidsskrift for virksomme tiltak for barn og unge)
classifies measures for children and youth by how well their effect is
documented, see :func:`evidence_levels`.
"""

from __future__ import annotations

import math
import numbers
import statistics
from collections.abc import Iterable, Sequence
from math import comb
from typing import Any

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .errors import SamlabValueError
from .labels import OKABE_ITO
from .translation import DEFAULT_LANG, TextTable, check_lang

SHIFT_LENGTH = 6
TREND_LENGTH = 5
RUNS_MIN_USEFUL = 10
RUNS_TAIL = 0.025

_TEXT = TextTable(
    "samlab.improvement._TEXT",
    {
        "rule": {"nb": "Regel", "en": "Rule"},
        "signal": {"nb": "Signal", "en": "Signal"},
        "first": {"nb": "Fra punkt", "en": "From point"},
        "last": {"nb": "Til punkt", "en": "To point"},
        "detail": {"nb": "Forklaring", "en": "Explanation"},
        "shift": {"nb": "Skift", "en": "Shift"},
        "trend": {"nb": "Trend", "en": "Trend"},
        "runs": {"nb": "For få eller for mange løp", "en": "Too few or too many runs"},
        "astronomical": {"nb": "Astronomisk punkt", "en": "Astronomical point"},
        "yes": {"nb": "ja", "en": "yes"},
        "no": {"nb": "nei", "en": "no"},
        "judge": {"nb": "vurder selv", "en": "your judgement"},
        "short": {"nb": "for kort serie", "en": "series too short"},
        "above": {"nb": "over", "en": "above"},
        "below": {"nb": "under", "en": "below"},
        "up": {"nb": "stigende", "en": "rising"},
        "down": {"nb": "fallende", "en": "falling"},
        "shift_found": {
            "nb": "{n} punkter på rad {side} medianen {median}",
            "en": "{n} points in a row {side} the median {median}",
        },
        "shift_none": {
            "nb": "ingen {k} punkter på rad på samme side av medianen {median} (lengste: "
            "{longest})",
            "en": "no {k} points in a row on one side of the median {median} (longest: {longest})",
        },
        "trend_found": {"nb": "{n} {way} punkter på rad", "en": "{n} points {way} in a row"},
        "trend_none": {
            "nb": "ingen {k} stigende eller fallende punkter på rad (lengste: {longest})",
            "en": "no {k} points rising or falling in a row (longest: {longest})",
        },
        "runs_text": {
            "nb": "{runs} løp blant {n} nyttige punkter; forventet {low}–{high} hvis variasjonen "
            "er tilfeldig",
            "en": "{runs} runs among {n} useful points; {low}–{high} expected if the variation is "
            "random",
        },
        "runs_short": {
            "nb": "{runs} løp blant {n} nyttige punkter; regelen brukes fra {k} punkter som ikke "
            "ligger på medianen",
            "en": "{runs} runs among {n} useful points; the rule is used from {k} points not on "
            "the median",
        },
        "astro_text": {
            "nb": "Ikke automatisert: finnes et punkt som alle ville se er helt ulikt de andre?",
            "en": "Not automated: is there a point everyone would agree is clearly unlike the "
            "rest?",
        },
        "title": {"nb": "Seriediagram", "en": "Run chart"},
        "point": {"nb": "Punkt (i tidsrekkefølge)", "en": "Point (in time order)"},
        "value": {"nb": "Verdi", "en": "Value"},
        "median_line": {"nb": "Median", "en": "Median"},
        "baseline_median": {"nb": "Median før endringen", "en": "Median before the change"},
        "extended": {"nb": "Forlenget median", "en": "Extended median"},
        "change": {"nb": "Endring", "en": "Change"},
        "shift_points": {"nb": "Skift", "en": "Shift"},
        "trend_points": {"nb": "Trend", "en": "Trend"},
        "footnote": {
            "nb": "Regler for seriediagram: Perla, Provost & Murray (2011). Astronomiske punkter "
            "er en vurdering og markeres ikke.",
            "en": "Run chart rules: Perla, Provost & Murray (2011). Astronomical points are a "
            "judgement and are not marked.",
        },
    },
)


def _t(key: str, lang: str, **fields: Any) -> str:
    return _TEXT.text(key, lang, **fields)


def _num(value: float, lang: str) -> str:
    """A number as people write it: 7.1 in English, 7,1 in Norwegian."""
    text = f"{value:g}"
    return text.replace(".", ",") if check_lang(lang) == "nb" else text


# --- input -------------------------------------------------------------------------------


def _values(values: Any) -> list[float]:
    if isinstance(values, (str, bytes)) or not isinstance(values, (Iterable, pd.Series)):
        raise SamlabValueError(
            f"values must be a list of numbers in time order, got {type(values).__name__}"
        )
    out = []
    for i, v in enumerate(list(values), start=1):
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or math.isnan(float(v)):
            raise SamlabValueError(f"point {i}: {v!r} is not a number; every point needs one")
        out.append(float(v))
    if not out:
        raise SamlabValueError("values is empty; a run chart needs points in time order")
    return out


def _median_value(median: Any) -> float:
    if isinstance(median, bool) or not isinstance(median, numbers.Real) or math.isnan(median):
        raise SamlabValueError(f"median must be a number, got {median!r}")
    return float(median)


def median_line(values: Sequence[float], baseline: int | None = None) -> float:
    """The centre line: the median of all points, or of the first ``baseline`` points.

    A baseline median is frozen before a change and extended over the points after it, so
    the new points are judged against the old level.
    """
    data = _values(values)
    if baseline is not None:
        if isinstance(baseline, bool) or not isinstance(baseline, numbers.Integral):
            raise SamlabValueError(f"baseline must be a whole number of points, got {baseline!r}")
        if not 1 <= baseline <= len(data):
            raise SamlabValueError(
                f"baseline must be between 1 and the number of points ({len(data)}), got {baseline}"
            )
        data = data[:baseline]
    return float(statistics.median(data))


# --- the rules ---------------------------------------------------------------------------


def _sides(data: list[float], median: float) -> list[int]:
    """+1 above, -1 below, 0 on the median, for each point."""
    return [(v > median) - (v < median) for v in data]


def shifts(values: Sequence[float], median: float, length: int = SHIFT_LENGTH) -> pd.DataFrame:
    """Every run of at least ``length`` points on one side of ``median`` (points on the
    median skipped: they neither break nor add).

    Returns one row per shift: ``first`` and ``last`` (1-based point numbers of the first
    and last point off the median), ``points`` (points counted, on the median excluded) and
    ``side`` (``"above"`` or ``"below"``). Empty when there is none.
    """
    data, centre = _values(values), _median_value(median)
    found = []
    for side, members in _runs_of(data, centre):
        if len(members) >= length:
            found.append(
                {
                    "first": members[0] + 1,
                    "last": members[-1] + 1,
                    "points": len(members),
                    "side": "above" if side > 0 else "below",
                }
            )
    return pd.DataFrame(found, columns=["first", "last", "points", "side"])


def _runs_of(data: list[float], median: float) -> list[tuple[int, list[int]]]:
    """The runs: (side, indices of the useful points in the run), median points skipped."""
    result: list[tuple[int, list[int]]] = []
    for i, side in enumerate(_sides(data, median)):
        if side == 0:
            continue
        if result and result[-1][0] == side:
            result[-1][1].append(i)
        else:
            result.append((side, [i]))
    return result


def longest_run(values: Sequence[float], median: float) -> int:
    """The most useful points in a row on one side of the median (0 if all are on it)."""
    return max((len(m) for _, m in _runs_of(_values(values), _median_value(median))), default=0)


def _trend_segments(data: list[float]) -> list[dict[str, Any]]:
    """Monotone stretches after collapsing repeated neighbours.

    Each segment: direction (+1/-1), first and last index in the original series (repeats
    at the end included), and ``points`` = number of distinct steps + 1.
    """
    # Collapse equal neighbours to (value, first index, last index).
    groups: list[list[float | int]] = []
    for i, v in enumerate(data):
        if groups and groups[-1][0] == v:
            groups[-1][2] = i
        else:
            groups.append([v, i, i])
    segments: list[dict[str, Any]] = []
    start = 0
    while start < len(groups) - 1:
        direction = 1 if groups[start + 1][0] > groups[start][0] else -1
        end = start + 1
        while end + 1 < len(groups) and (groups[end + 1][0] - groups[end][0]) * direction > 0:
            end += 1
        segments.append(
            {
                "direction": direction,
                "first": int(groups[start][1]),
                "last": int(groups[end][2]),
                "points": end - start + 1,
            }
        )
        start = end  # a peak or trough ends one trend and starts the next
    return segments


def trends(values: Sequence[float], length: int = TREND_LENGTH) -> pd.DataFrame:
    """Every stretch of at least ``length`` points all rising or all falling.

    Repeated neighbouring values neither break a trend nor count towards it (only the
    first of equal values counts); ``first``/``last`` are 1-based point numbers of the
    stretch, ``points`` the points counted, ``direction`` ``"up"`` or ``"down"``.
    """
    data = _values(values)
    rows = [
        {
            "first": s["first"] + 1,
            "last": s["last"] + 1,
            "points": s["points"],
            "direction": "up" if s["direction"] > 0 else "down",
        }
        for s in _trend_segments(data)
        if s["points"] >= length
    ]
    return pd.DataFrame(rows, columns=["first", "last", "points", "direction"])


def longest_trend(values: Sequence[float]) -> int:
    """The most points counted in one rising or falling stretch (1 for a flat series)."""
    return max((s["points"] for s in _trend_segments(_values(values))), default=1)


def _runs_pmf(above: int, below: int) -> dict[int, float]:
    """Exact distribution of the number of runs for ``above`` and ``below`` points in random
    order (Swed & Eisenhart 1943)."""

    def c(n: int, k: int) -> int:
        return comb(n, k) if 0 <= k <= n else 0

    if above == 0 or below == 0:
        return {1: 1.0}
    total = comb(above + below, above)
    pmf = {}
    for r in range(2, above + below + 1):
        k = r // 2
        if r % 2 == 0:
            ways = 2 * c(above - 1, k - 1) * c(below - 1, k - 1)
        else:
            ways = c(above - 1, k - 1) * c(below - 1, k) + c(above - 1, k) * c(below - 1, k - 1)
        if ways:
            pmf[r] = ways / total
    return pmf


def runs_limits(useful: int, tail: float = RUNS_TAIL) -> tuple[int, int]:
    """(lower, upper) limits for the number of runs among ``useful`` points off the median.

    Fewer runs than ``lower`` or more than ``upper`` is a signal. Computed from the exact
    runs distribution with the points split as evenly as possible (``useful // 2`` on one
    side): ``lower`` is the largest count with P(runs < lower) ≤ ``tail``, ``upper`` the
    smallest with P(runs > upper) ≤ ``tail``. See the module docstring.
    """
    if isinstance(useful, bool) or not isinstance(useful, numbers.Integral) or useful < 2:
        raise SamlabValueError(f"useful must be a whole number of points ≥ 2, got {useful!r}")
    if not 0 < tail < 0.5:
        raise SamlabValueError(f"tail must be between 0 and 0.5, got {tail!r}")
    pmf = _runs_pmf(useful // 2, useful - useful // 2)
    lower = 2
    while sum(p for r, p in pmf.items() if r < lower + 1) <= tail:
        lower += 1
    upper = useful
    while sum(p for r, p in pmf.items() if r > upper - 1) <= tail:
        upper -= 1
    return lower, upper


def runs(values: Sequence[float], median: float) -> dict[str, Any]:
    """The runs rule: number of runs, useful points, limits and whether it signals.

    Returns ``{"runs", "useful", "lower", "upper", "signal"}``; ``signal`` is ``"too_few"``,
    ``"too_many"``, ``None`` (within the limits) or ``"too_short"`` (fewer than 10 useful
    points; the limits are then ``None``).
    """
    data, centre = _values(values), _median_value(median)
    counted = _runs_of(data, centre)
    n_runs = len(counted)
    useful = sum(len(m) for _, m in counted)
    if useful < RUNS_MIN_USEFUL:
        return {
            "runs": n_runs,
            "useful": useful,
            "lower": None,
            "upper": None,
            "signal": "too_short",
        }
    lower, upper = runs_limits(useful)
    signal = "too_few" if n_runs < lower else "too_many" if n_runs > upper else None
    return {"runs": n_runs, "useful": useful, "lower": lower, "upper": upper, "signal": signal}


def signals(
    values: Sequence[float], baseline_points: int | None = None, lang: str = DEFAULT_LANG
) -> pd.DataFrame:
    """All four run-chart rules as a table with readable labels in ``lang``.

    The centre line is the median of the first ``baseline_points`` points (frozen and
    extended) or, if ``None``, of all points. One row per shift and per trend found (or one
    row saying none was found), one for the runs rule, and one for the astronomical point,
    which is left to the reader's judgement.
    """
    check_lang(lang)
    data = _values(values)
    centre = median_line(data, baseline_points)
    yes, no = _t("yes", lang), _t("no", lang)
    rows = []
    found = shifts(data, centre)
    for s in found.itertuples():
        rows.append(
            (
                _t("shift", lang),
                yes,
                s.first,
                s.last,
                _t(
                    "shift_found",
                    lang,
                    n=s.points,
                    side=_t(s.side, lang),
                    median=_num(centre, lang),
                ),
            )
        )
    if found.empty:
        rows.append(
            (
                _t("shift", lang),
                no,
                None,
                None,
                _t(
                    "shift_none",
                    lang,
                    k=SHIFT_LENGTH,
                    median=_num(centre, lang),
                    longest=longest_run(data, centre),
                ),
            )
        )
    found = trends(data)
    for s in found.itertuples():
        rows.append(
            (
                _t("trend", lang),
                yes,
                s.first,
                s.last,
                _t("trend_found", lang, n=s.points, way=_t(s.direction, lang)),
            )
        )
    if found.empty:
        rows.append(
            (
                _t("trend", lang),
                no,
                None,
                None,
                _t("trend_none", lang, k=TREND_LENGTH, longest=longest_trend(data)),
            )
        )
    counted = runs(data, centre)
    if counted["signal"] == "too_short":
        rows.append(
            (
                _t("runs", lang),
                _t("short", lang),
                None,
                None,
                _t(
                    "runs_short", lang, runs=counted["runs"], n=counted["useful"], k=RUNS_MIN_USEFUL
                ),
            )
        )
    else:
        rows.append(
            (
                _t("runs", lang),
                yes if counted["signal"] else no,
                None,
                None,
                _t(
                    "runs_text",
                    lang,
                    runs=counted["runs"],
                    n=counted["useful"],
                    low=counted["lower"],
                    high=counted["upper"],
                ),
            )
        )
    rows.append((_t("astronomical", lang), _t("judge", lang), None, None, _t("astro_text", lang)))
    columns = [_t(k, lang) for k in ("rule", "signal", "first", "last", "detail")]
    table = pd.DataFrame(rows, columns=columns)
    for column in columns[2:4]:
        table[column] = table[column].astype("Int64")
    return table


# --- was the change an improvement? ------------------------------------------------------

VERDICTS = ("yes", "no", "too_early")
VERDICT_LABELS = {
    "yes": {"nb": "ja", "en": "yes"},
    "no": {"nb": "nei", "en": "no"},
    "too_early": {"nb": "for tidlig", "en": "too early"},
}


def verdict_aliases() -> dict[str, str]:
    """Accepted words for the verdict (nb and en) → ``yes`` / ``no`` / ``too_early``."""
    aliases = {key: key for key in VERDICTS}
    for key, names in VERDICT_LABELS.items():
        for name in names.values():
            aliases[name] = key
    aliases.update(
        {
            "for tidlig å si": "too_early",
            "too early to tell": "too_early",
            "too early to say": "too_early",
        }
    )
    return aliases


def improvement_verdict(
    values: Sequence[float], baseline_points: int, lower_is_better: bool = True
) -> str:
    """``"yes"``, ``"no"`` or ``"too_early"``: did the change after the baseline improve things?

    The course's rule, built on Perla et al.'s rules (it is not theirs):

    1. ``"yes"`` if a shift (against the baseline median) or a trend in the better
       direction is made up only of points after the baseline;
    2. otherwise ``"too_early"`` if there are fewer than six points after the baseline
       (a shift cannot show yet);
    3. otherwise ``"no"``: the data do not (yet) show an improvement.
    """
    data = _values(values)
    centre = median_line(data, baseline_points)
    better_side = "below" if lower_is_better else "above"
    better_way = "down" if lower_is_better else "up"
    shift = shifts(data, centre)
    trend = trends(data)
    after = baseline_points + 1
    if ((shift["side"] == better_side) & (shift["first"] >= after)).any():
        return "yes"
    if ((trend["direction"] == better_way) & (trend["first"] >= after)).any():
        return "yes"
    if len(data) - baseline_points < SHIFT_LENGTH:
        return "too_early"
    return "no"


# --- levels of documented effect (Ungsinn) -----------------------------------------------

#: Ungsinn's evidence levels (criteria version 2, in use for articles published from November
#: 2015; level 0 was added in version 2.1). Names and meanings summarised from ungsinn.no
#: ("Ungsinns klassifiseringsstruktur"; "Oppdatert versjon av Ungsinn sine kriterier"). The
#: name of level 1 is not given here: read it in Ungsinn's criteria (Martinussen et al.,
#: "Kriterier og prosedyrer for vurdering og klassifisering av tiltak"). Articles published
#: before November 2015 use an older system with levels 1–4.
EVIDENCE_LEVELS: dict[int, dict[str, dict[str, str]]] = {
    5: {
        "name": {"nb": "Sterk dokumentasjon", "en": "Strong documentation"},
        "meaning": {
            "nb": "Minst to nordiske studier (eller én nordisk og en internasjonal "
            "kunnskapsoppsummering) med godt design (RCT eller kvasieksperiment med "
            "kontrollgruppe) og god kvalitet; effekter på hovedutfallene som varer, og "
            "systemer som sikrer kvaliteten i vanlig praksis.",
            "en": "At least two Nordic studies (or one Nordic study and an international "
            "review) with a good design (RCT or quasi-experiment with a control group) and good "
            "quality; lasting effects on the main outcomes, and systems that secure quality in "
            "ordinary practice.",
        },
    },
    4: {
        "name": {"nb": "Tilfredsstillende dokumentasjon", "en": "Satisfactory documentation"},
        "meaning": {
            "nb": "Minst én nordisk effektstudie med godt design (RCT eller kvasieksperiment "
            "med kontrollgruppe) og tilfredsstillende kvalitet, som fant effekter. Usikkert om "
            "effektene blir de samme i vanlig praksis.",
            "en": "At least one Nordic effect study with a good design (RCT or quasi-experiment "
            "with a control group) and satisfactory quality that found effects. Uncertain "
            "whether the effects hold in ordinary practice.",
        },
    },
    3: {
        "name": {"nb": "Noe dokumentasjon", "en": "Some documentation"},
        "meaning": {
            "nb": "Minst én nordisk effektstudie (eller internasjonale kunnskapsoppsummeringer) "
            "med et enklere design, for eksempel før–etter uten kontrollgruppe, som fant "
            "effekter på noen utfall. En indikasjon, men usikker.",
            "en": "At least one Nordic effect study (or international reviews) with a simpler "
            "design, for example before–after without a control group, that found effects on "
            "some outcomes. An indication, but uncertain.",
        },
    },
    2: {
        "name": {"nb": "Teoretisk begrunnet", "en": "Theoretically grounded"},
        "meaning": {
            "nb": "Tiltaket er beskrevet med en teoretisk begrunnelse for hvorfor det skal "
            "virke, men effektstudier som holder til nivå 3 mangler.",
            "en": "The measure is described with a theoretical rationale for why it should "
            "work, but effect studies that reach level 3 are lacking.",
        },
    },
    1: {
        "name": {"nb": "Under nivå 2", "en": "Below level 2"},
        "meaning": {
            "nb": "Dokumentasjonen holder ikke til nivå 2. Les Ungsinns kriterier for den "
            "nøyaktige definisjonen.",
            "en": "The documentation does not reach level 2. Read Ungsinn's criteria for the "
            "exact definition.",
        },
    },
    0: {
        "name": {"nb": "Uvirksomt tiltak", "en": "Ineffective measure"},
        "meaning": {
            "nb": "Studier viser ingen effekt eller negative effekter.",
            "en": "Studies show no effect or negative effects.",
        },
    },
}

DESIGNS = ("none", "pre_post", "controlled")
EFFECTS = ("yes", "no", "not_studied")


def evidence_levels(lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Ungsinn's levels of documented effect, highest first: level, name and meaning.

    Summarised in general terms from ungsinn.no; the full criteria also weigh methodological
    quality and implementation. Read Ungsinn's criteria for the exact definitions.
    """
    check_lang(lang)
    level, name, meaning = {
        "nb": ("Nivå", "Navn", "Hva det betyr"),
        "en": ("Level", "Name", "What it means"),
    }[lang]
    return pd.DataFrame(
        [
            {level: k, name: v["name"][lang], meaning: v["meaning"][lang]}
            for k, v in EVIDENCE_LEVELS.items()
        ]
    ).set_index(level)


def evidence_level(
    design: str,
    nordic_studies: int = 0,
    effect: str = "not_studied",
    theory: bool = True,
    lasting: bool = False,
    quality_assurance: bool = False,
) -> int:
    """A simplified reading of Ungsinn's levels from a few facts about a measure.

    ``design`` is the strongest effect-study design: ``"none"``, ``"pre_post"`` (simpler,
    e.g. before–after without a control group) or ``"controlled"`` (RCT or quasi-experiment
    with a control group); ``nordic_studies`` the number of Nordic effect studies;
    ``effect`` ``"yes"`` (effects found), ``"no"`` (no effect or harm found) or
    ``"not_studied"``; ``theory`` whether the measure is described with a theoretical
    rationale; ``lasting`` and ``quality_assurance`` the extra conditions of level 5.

    Rule: a controlled study finding no effect → 0; controlled, effects, two or more Nordic
    studies, lasting effects and quality assurance → 5; controlled, effects and at least one
    Nordic study → 4; any effect study with effects → 3; otherwise a theoretical rationale
    → 2, else 1. This is for practice with fictional measures: Ungsinn's real classification
    also weighs methodological quality and implementation, so use ungsinn.no for real ones.
    """
    if design not in DESIGNS:
        raise SamlabValueError(f"design must be one of {', '.join(DESIGNS)}, got {design!r}")
    if effect not in EFFECTS:
        raise SamlabValueError(f"effect must be one of {', '.join(EFFECTS)}, got {effect!r}")
    if isinstance(nordic_studies, bool) or not isinstance(nordic_studies, numbers.Integral):
        raise SamlabValueError(f"nordic_studies must be a whole number, got {nordic_studies!r}")
    if nordic_studies < 0:
        raise SamlabValueError(f"nordic_studies cannot be negative, got {nordic_studies}")
    if design == "none" and effect != "not_studied":
        raise SamlabValueError(
            f"effect {effect!r} needs an effect study: with design 'none' use 'not_studied'"
        )
    if design == "controlled" and effect == "no":
        return 0
    if design == "controlled" and effect == "yes" and nordic_studies >= 1:
        if nordic_studies >= 2 and lasting and quality_assurance:
            return 5
        return 4
    if design != "none" and effect == "yes":
        return 3
    return 2 if theory else 1


# --- the run chart as a figure -----------------------------------------------------------


def run_chart_figure(
    values: Sequence[float],
    baseline_points: int | None = None,
    lang: str = DEFAULT_LANG,
    title: str | None = None,
    ylabel: str | None = None,
    mark_signals: bool = True,
) -> Figure:
    """The run chart: points in time order, the median (frozen at the baseline and extended
    as a dashed line), a mark where the change came in, and the points of any shift
    (ringed) and trend (triangles). Astronomical points are left to the reader.

    ``mark_signals=False`` draws the chart without the marks, for finding them yourself.
    """
    check_lang(lang)
    from .figures import FONT, footnote, new_figure, style_axes

    data = _values(values)
    centre = median_line(data, baseline_points)
    x = list(range(1, len(data) + 1))
    with mpl.rc_context(FONT):
        fig = new_figure(11, 5)
        ax = fig.subplots()
        ax.plot(x, data, marker="o", color=OKABE_ITO["blue"], linewidth=2, markersize=6)
        handles = [
            Line2D([], [], marker="o", color=OKABE_ITO["blue"], label=ylabel or _t("value", lang))
        ]
        if baseline_points is None:
            ax.axhline(centre, color=OKABE_ITO["black"], linewidth=1.5)
            handles.append(Line2D([], [], color=OKABE_ITO["black"], label=_t("median_line", lang)))
        else:
            ax.plot(
                [0.6, baseline_points + 0.5],
                [centre, centre],
                color=OKABE_ITO["black"],
                linewidth=1.8,
            )
            if baseline_points < len(data):
                ax.plot(
                    [baseline_points + 0.5, len(data) + 0.4],
                    [centre, centre],
                    color=OKABE_ITO["black"],
                    linewidth=1.5,
                    linestyle="--",
                )
                ax.axvline(
                    baseline_points + 0.5, color=OKABE_ITO["grey"], linewidth=1, linestyle=":"
                )
                ax.annotate(
                    _t("change", lang),
                    (baseline_points + 0.6, max(data)),
                    color="#444444",
                    fontsize=11,
                    va="top",
                )
            handles.append(
                Line2D([], [], color=OKABE_ITO["black"], label=_t("baseline_median", lang))
            )
            handles.append(
                Line2D([], [], color=OKABE_ITO["black"], linestyle="--", label=_t("extended", lang))
            )
        sides = _sides(data, centre)
        shift_table = shifts(data, centre) if mark_signals else pd.DataFrame()
        if not shift_table.empty:
            idx = [
                i
                for s in shift_table.itertuples()
                for i in range(s.first - 1, s.last)
                if sides[i] != 0
            ]
            ax.scatter(
                [x[i] for i in idx],
                [data[i] for i in idx],
                s=220,
                facecolors="none",
                edgecolors=OKABE_ITO["vermillion"],
                linewidths=2.5,
                zorder=3,
            )
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=13,
                    markerfacecolor="none",
                    markeredgecolor=OKABE_ITO["vermillion"],
                    markeredgewidth=2.5,
                    label=_t("shift_points", lang),
                )
            )
        trend_table = trends(data) if mark_signals else pd.DataFrame()
        if not trend_table.empty:
            idx = [i for s in trend_table.itertuples() for i in range(s.first - 1, s.last)]
            ax.scatter(
                [x[i] for i in idx],
                [data[i] for i in idx],
                marker="^",
                s=90,
                color=OKABE_ITO["orange"],
                zorder=4,
            )
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="^",
                    linestyle="",
                    markersize=10,
                    color=OKABE_ITO["orange"],
                    label=_t("trend_points", lang),
                )
            )
        ax.set_xticks(x if len(x) <= 30 else x[:: max(1, len(x) // 15)])
        ax.set_xlabel(_t("point", lang))
        ax.set_ylabel(ylabel or _t("value", lang))
        ax.set_title(title or _t("title", lang))
        style_axes(ax)
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        footnote(fig, _t("footnote", lang))
    return fig
