"""Tables a leader can read: plain labels instead of code names, and numbers written the
Norwegian way (decimal comma, space between thousands) when the language is bokmål.

    from samlab import tables
    tables.show(samlab.compare([...]), lang="nb")     # a styled table for the notebook
    tables.readable(network_map.service_table(g), lang="en")   # the same data, relabelled

Only labels and formatting change; the numbers are the ones the API returned.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .labels import (
    CHOICE_LABELS,
    COLUMN_LABELS,
    check_lang,
    lever_label,
    measure_label,
    number,
    scenario_label,
    service_label,
    text,
)
from .lever_catalogue import LEVERS_BY_NAME
from .results import MEASURES
from .scenario_catalogue import SCENARIOS_BY_KEY
from .services import SERVICES_BY_KEY
from .translation import DEFAULT_LANG


def label(name: Any, lang: str = DEFAULT_LANG) -> Any:
    """The plain label of a name the API uses (a measure, column, scenario, governance mode,
    lever or service); anything unknown is returned unchanged."""
    check_lang(lang)
    if not isinstance(name, str):
        return name
    if name in MEASURES:
        return measure_label(name, lang)
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name][lang]
    if name in CHOICE_LABELS:
        return CHOICE_LABELS[name][lang]
    if name in LEVERS_BY_NAME:  # before scenarios: "co_location" is both
        return lever_label(name, lang)
    if name in SCENARIOS_BY_KEY:
        return scenario_label(name, lang)
    if name in SERVICES_BY_KEY:
        return service_label(name, lang)
    return name


def _relabel_index(index: pd.Index, lang: str) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        levels = [[label(v, lang) for v in level] for level in index.levels]
        relabelled = index.set_levels(levels)
        return relabelled.set_names([label(n, lang) for n in index.names])
    return pd.Index([label(v, lang) for v in index], name=label(index.name, lang))


def readable(table: pd.DataFrame | pd.Series, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """The same table with plain labels on rows and columns, and on name-like cells
    (configuration, scenario, measure, service columns). A Series becomes one column."""
    check_lang(lang)
    if isinstance(table, pd.Series):
        table = table.to_frame()
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"readable() takes a pandas DataFrame or Series, got {type(table)}")
    out = table.copy()
    for column in out.columns:
        textual = not pd.api.types.is_numeric_dtype(out[column])
        if textual and column in {"configuration", "scenario"}:
            out[column] = [
                scenario_label(v, lang) if v in SCENARIOS_BY_KEY else label(v, lang)
                for v in out[column]
            ]
        elif textual and column == "measure":
            out[column] = [label(v, lang) for v in out[column]]
    out.index = _relabel_index(out.index, lang)
    out.columns = _relabel_index(out.columns, lang)
    return out


def show(table: pd.DataFrame | pd.Series, lang: str = DEFAULT_LANG, digits: int = 1):
    """A table to display in a notebook: plain labels, numbers written for ``lang`` with
    ``digits`` decimals. Returns a pandas ``Styler`` (it shows itself as HTML)."""
    out = readable(table, lang)
    return out.style.format(lambda v: number(v, lang, digits))


def verdicts(table: pd.DataFrame, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """How each configuration in a :func:`samlab.compare` table differs from the first one:
    one row per measure, one column per configuration, each cell *better*, *worse* or
    *uncertain*. A difference is clear only when the whole paired 95 % interval lies on one
    side of zero (the same rule the difference figure colours by); measures without a better
    direction (such as hours) are left out."""
    check_lang(lang)
    names = list(dict.fromkeys(table["configuration"]))
    measures = [m for m in dict.fromkeys(table["measure"]) if MEASURES.get(m, {}).get("better")]
    words = {
        "better": text("better", lang),
        "worse": text("worse", lang),
        "uncertain": text("uncertain", lang),
    }
    columns = {}
    for name in names[1:]:
        part = table[table["configuration"] == name].set_index("measure")
        column = {}
        for measure in measures:
            low, high = part.loc[measure, "diff_ci_low"], part.loc[measure, "diff_ci_high"]
            if low > 0 or high < 0:
                improves = (part.loc[measure, "diff"] * MEASURES[measure]["better"]) > 0
                column[measure] = words["better" if improves else "worse"]
            else:
                column[measure] = words["uncertain"]
        columns[name] = column
    out = pd.DataFrame(columns, index=pd.Index(measures, name="measure"))
    out.columns = pd.Index(
        [scenario_label(n, lang) if n in SCENARIOS_BY_KEY else label(n, lang) for n in names[1:]],
        name="configuration",
    )
    return readable(out, lang)
