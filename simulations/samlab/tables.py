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

#: Labels of the column and row names the API uses beyond the outcome measures.
COLUMN_LABELS: dict[str, dict[str, str]] = {
    # counts in a run's summary
    "children": {"nb": "Barn med behov", "en": "Children with needs"},
    "right_help_share": {"nb": "Andel som fikk rett hjelp", "en": "Share who got the right help"},
    "referrals": {"nb": "Henvisninger", "en": "Referrals"},
    "bounced_referrals": {"nb": "Henvisninger sendt i retur", "en": "Referrals bounced back"},
    "rejected_referrals": {
        "nb": "Henvisninger avvist (under terskel)",
        "en": "Referrals rejected (below threshold)",
    },
    "reports_dismissed": {
        "nb": "Bekymringsmeldinger henlagt etter gjennomgang",
        "en": "Reports to barnevern closed after review (henlagt)",
    },
    "concerns_not_reported": {"nb": "Bekymringer ikke meldt", "en": "Concerns not reported"},
    "assessment_hours": {"nb": "Timer til kartlegging", "en": "Hours spent on assessment"},
    "coordinators_active": {"nb": "Koordinatorer i rollen", "en": "Coordinators in the role"},
    "coordinators_untaken": {
        "nb": "Koordinatorroller som ingen påtok seg",
        "en": "Coordinator roles not taken up",
    },
    "lost_composite_share": {
        "nb": "Andel av de som falt ut med sammensatte behov",
        "en": "Share of lost children with composite needs",
    },
    "lost_single_need_share": {
        "nb": "Andel av de som falt ut med ett behov",
        "en": "Share of lost children with one need",
    },
    # samlab.budget
    "service_hours_per_week": {
        "nb": "Fagtimer i tjenestene per uke",
        "en": "Staff hours in the services per week",
    },
    "collaboration_hours_per_week": {
        "nb": "Av dem: timer til samarbeid per uke",
        "en": "Of these: hours for collaboration per week",
    },
    "nao_hours_per_week": {
        "nb": "Timer i nettverksenheten (NAO) per uke",
        "en": "Hours in the network unit (NAO) per week",
    },
    "co_location_nok_per_week": {
        "nb": "Samlokalisering, kroner per uke",
        "en": "Co-location, NOK per week",
    },
    # samlab.compare
    "configuration": {"nb": "Oppsett", "en": "Configuration"},
    "scenario": {"nb": "Scenario", "en": "Scenario"},
    "measure": {"nb": "Mål", "en": "Measure"},
    "mean": {"nb": "Snitt", "en": "Mean"},
    "sd": {"nb": "Standardavvik", "en": "Standard deviation"},
    "ci_low": {"nb": "95 %-intervall, fra", "en": "95% interval, from"},
    "ci_high": {"nb": "95 %-intervall, til", "en": "95% interval, to"},
    "diff": {"nb": "Forskjell", "en": "Difference"},
    "diff_ci_low": {"nb": "Forskjell, 95 %-intervall fra", "en": "Difference, 95% interval from"},
    "diff_ci_high": {"nb": "Forskjell, 95 %-intervall til", "en": "Difference, 95% interval to"},
    "n_seeds": {"nb": "Antall kjøringer", "en": "Number of seeds"},
    # samlab.levers and samlab.scenarios, as a facilitator types them
    "name_to_type": {"nb": "Navn å skrive", "en": "Name to type"},
    "minimum": {"nb": "Minst", "en": "Minimum"},
    "maximum": {"nb": "Størst", "en": "Maximum"},
    # samlab.network_map
    "service": {"nb": "Tjeneste", "en": "Service"},
    "referrals_out": {"nb": "Henviser ut", "en": "Referrals out"},
    "referrals_in": {"nb": "Henvist inn", "en": "Referrals in"},
    "partners": {"nb": "Samarbeidspartnere", "en": "Partners"},
    "degree_centrality": {"nb": "Gradsentralitet", "en": "Degree centrality"},
    "betweenness": {"nb": "Mellomhet (megler)", "en": "Betweenness (broker)"},
    "closeness": {"nb": "Nærhet", "en": "Closeness"},
    "trust_in": {"nb": "Tillit fra andre (1–4)", "en": "Trust from others (1–4)"},
    "trust": {"nb": "Tillit (1–4)", "en": "Trust (1–4)"},
    "value": {"nb": "Verdi (1–4)", "en": "Value (1–4)"},
    "from": {"nb": "Fra", "en": "From"},
    "to": {"nb": "Til", "en": "To"},
    "referrals_per_year": {"nb": "Henvisninger per år", "en": "Referrals per year"},
    "effective_size": {"nb": "Effektiv størrelse", "en": "Effective size"},
    "constraint": {"nb": "Begrensning (constraint)", "en": "Constraint"},
    "services": {"nb": "Tjenester", "en": "Services"},
    "ties": {"nb": "Bånd", "en": "Ties"},
    "density": {"nb": "Tetthet", "en": "Density"},
    "density_by_formula": {"nb": "Tetthet etter formelen", "en": "Density by the formula"},
    "efficiency_before": {"nb": "Effektivitet før", "en": "Efficiency before"},
    "efficiency_after": {"nb": "Effektivitet etter", "en": "Efficiency after"},
}


def label(name: Any, lang: str = "nb") -> Any:
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


def readable(table: pd.DataFrame | pd.Series, lang: str = "nb") -> pd.DataFrame:
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


def show(table: pd.DataFrame | pd.Series, lang: str = "nb", digits: int = 1):
    """A table to display in a notebook: plain labels, numbers written for ``lang`` with
    ``digits`` decimals. Returns a pandas ``Styler`` (it shows itself as HTML)."""
    out = readable(table, lang)
    return out.style.format(lambda v: number(v, lang, digits))


def verdicts(table: pd.DataFrame, lang: str = "nb") -> pd.DataFrame:
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
