"""Words on the screen, in Norwegian bokmål (``nb``) and English (``en``).

Figures and widgets take ``lang="nb"`` or ``lang="en"`` and look their text up here, so a
label is translated once and used everywhere. Measure, lever, service and scenario names
come from their own catalogues.
"""

from __future__ import annotations

import math
import numbers

from .errors import SamlabValueError
from .lever_catalogue import LEVERS_BY_NAME
from .results import MEASURES
from .scenario_catalogue import SCENARIOS_BY_KEY
from .services import DOMAIN_LABELS, SERVICES_BY_KEY

LANGUAGES = ("nb", "en")

#: Colour-blind safe palette (Okabe & Ito 2008).
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}

TEXT: dict[str, dict[str, str]] = {
    "week": {"nb": "Uke", "en": "Week"},
    "weeks": {"nb": "uker", "en": "weeks"},
    "children": {"nb": "Barn", "en": "Children"},
    "hours_per_week": {"nb": "Timer per uke", "en": "Hours per week"},
    "waiting_list": {"nb": "På venteliste", "en": "On a waiting list"},
    "in_services": {"nb": "Får hjelp i en tjeneste", "en": "Helped by a service"},
    "with_right_help": {"nb": "Har rett hjelp", "en": "Have the right help"},
    "lost_now": {"nb": "Falt mellom tjenester nå", "en": "Lost between services now"},
    "direct_help_hours": {"nb": "Direkte hjelp", "en": "Direct help"},
    "coordination_hours": {"nb": "Samordning", "en": "Coordination"},
    "children_over_time": {"nb": "Barna over tid", "en": "The children over time"},
    "staff_time": {"nb": "Hva fagfolkenes tid går til", "en": "What staff time is spent on"},
    "not_a_forecast": {
        "nb": "Et tankeverktøy, ikke en prognose. Frø {seed}.",
        "en": "A thinking tool, not a forecast. Seed {seed}.",
    },
    "not_a_forecast_seeds": {
        "nb": "Et tankeverktøy, ikke en prognose. {n} kjøringer; streker viser 95 % intervall.",
        "en": "A thinking tool, not a forecast. {n} seeds; bars show 95 % intervals.",
    },
    "mean_of_seeds": {
        "nb": "Et tankeverktøy, ikke en prognose. Snitt av {n} kjøringer.",
        "en": "A thinking tool, not a forecast. Mean of {n} seeds.",
    },
    "difference_from": {"nb": "Forskjell fra {base}", "en": "Difference from {base}"},
    "better": {"nb": "bedre", "en": "better"},
    "uncertain": {"nb": "usikkert (intervallet krysser 0)", "en": "uncertain (interval crosses 0)"},
    "cost_millions": {"nb": "Kostnad (mill. kr)", "en": "Cost (million NOK)"},
    "worse": {"nb": "verre", "en": "worse"},
    "glippsone": {"nb": "Glippsone\n(falt ut)", "en": "Glippsone\n(lost)"},
    "referrals": {"nb": "Henvisninger", "en": "Referrals"},
    "bounced": {"nb": "Sendt i retur", "en": "Bounced back"},
    "lost": {"nb": "Falt ut", "en": "Lost"},
    "caseload": {"nb": "Sirkelens størrelse: saker", "en": "Circle size: caseload"},
    "network_title": {
        "nb": "Tjenestenettverket, uke {week}",
        "en": "The service network, week {week}",
    },
    "journey_title": {"nb": "Tjenestereisen til barn {child}", "en": "Journey of child {child}"},
    "journey_title_named": {"nb": "Tjenestereisen til {name}", "en": "{name}'s journey"},
    "waiting": {"nb": "Venter", "en": "Waiting"},
    "helped": {"nb": "Får hjelp", "en": "Being helped"},
    "age": {"nb": "Alder", "en": "Age"},
    "no_events": {"nb": "Ingen hendelser", "en": "No events"},
    "coordination_curve": {
        "nb": "Samordning koster: møtetid mot tid til rett hjelp",
        "en": "Coordination costs: meeting time against time to right help",
    },
    "meeting_hours": {
        "nb": "Møtetid per koordinert barn (timer/uke)",
        "en": "Meeting time per coordinated child (hours/week)",
    },
    "budget": {"nb": "Budsjett", "en": "Budget"},
    "map_title": {
        "nb": "Nettverkskart: tetthet {density}, megler: {broker}",
        "en": "Network map: density {density}, broker: {broker}",
    },
    "map_legend_size": {
        "nb": "Sirkelens størrelse: mellomhet",
        "en": "Circle size: brokerage (betweenness)",
    },
    "map_legend_weak": {"nb": "Sårbart punkt", "en": "Single point of failure"},
    "map_legend_tie": {"nb": "Beste nye bånd", "en": "Best new tie"},
    "map_trust": {"nb": "Tillit (1–4)", "en": "Trust (1–4)"},
    "service_hours": {"nb": "Fagtimer i tjenestene", "en": "Staff hours in the services"},
    "collaboration_hours": {
        "nb": "… av dette til samarbeid på systemnivå",
        "en": "… of which system-level collaboration",
    },
    "nao_hours": {"nb": "Egen nettverksenhet (NAO)", "en": "Network administrative unit (NAO)"},
    "co_location_cost": {"nb": "Samlokalisering", "en": "Co-location"},
    "cost_per_year": {"nb": "Kostnad per år", "en": "Cost per year"},
    "change_from_silo": {"nb": "endring fra siloene", "en": "change from the silos"},
    "per_week": {"nb": "per uke", "en": "per week"},
    "running": {"nb": "Kjører modellen …", "en": "Running the model …"},
    "compare_button": {"nb": "Sammenlign med siloene", "en": "Compare with the silos"},
    "scenario": {"nb": "Scenario", "en": "Scenario"},
    "seeds": {"nb": "Frø", "en": "Seeds"},
    "seed": {"nb": "Frø", "en": "Seed"},
    "weeks_label": {"nb": "Uker", "en": "Weeks"},
    "hours_unit": {"nb": "t", "en": "h"},
    "per_week_per_year": {"nb": "per uke / per år", "en": "per week / per year"},
    "chosen_package": {"nb": "Valgt pakke", "en": "Chosen package"},
    "own_package": {
        "nb": "<i>Egen pakke: endret fra scenarioet over.</i>",
        "en": "<i>Your own package: changed from the scenario above.</i>",
    },
    "child": {"nb": "Barn", "en": "Child"},
    "show_lost_child": {"nb": "Vis et barn som falt ut", "en": "Show a child who was lost"},
    "compare_with": {"nb": "Sammenlign med", "en": "Compare with"},
    "problem": {"nb": "Noe gikk galt: {message}", "en": "Something went wrong: {message}"},
    "scenario_comparison": {"nb": "Scenarioer sammenlignet", "en": "Scenarios compared"},
}

#: Journey event names shown on a child's timeline.
EVENTS: dict[str, dict[str, str]] = {
    "needs_begin": {"nb": "Behov oppstår", "en": "Needs begin"},
    "concern_noticed": {"nb": "Bekymring fanget opp", "en": "Concern noticed"},
    "concern_not_reported": {"nb": "Bekymring ikke meldt", "en": "Concern not reported"},
    "referred": {"nb": "Henvist", "en": "Referred"},
    "advised_gp": {"nb": "Rådet til å gå til fastlegen", "en": "Advised to see the GP"},
    "reported": {
        "nb": "Bekymringsmelding til barnevernet",
        "en": "Report of concern to barnevern",
    },
    "report_investigated": {"nb": "Undersøkelse åpnet", "en": "Investigation opened"},
    "report_dismissed": {"nb": "Melding henlagt", "en": "Report closed (henlagt)"},
    "bounced": {"nb": "Sendt i retur", "en": "Bounced back"},
    "rejected_below_threshold": {"nb": "Under terskelen", "en": "Below the threshold"},
    "assessed": {"nb": "Kartlagt", "en": "Assessed"},
    "duplicate_assessment": {"nb": "Kartlagt på nytt", "en": "Assessed again"},
    "help_started": {"nb": "Hjelp starter", "en": "Help starts"},
    "right_help": {"nb": "Rett hjelp", "en": "Right help"},
    "continuity_break": {"nb": "Ny saksbehandler", "en": "New caseworker"},
    "follow_up_lost": {"nb": "Oppfølging mistet", "en": "Follow-up lost"},
    "transition_handover": {"nb": "Overført ved aldersgrense", "en": "Handed over at age limit"},
    "lost_at_transition": {"nb": "Falt ut ved aldersgrense", "en": "Lost at age limit"},
    "lost_between_services": {"nb": "Falt mellom tjenester", "en": "Lost between services"},
    "found_again": {"nb": "Fanget opp igjen", "en": "Found again"},
    "gave_up_after_bounce": {"nb": "Ga opp etter retur", "en": "Gave up after bounce"},
    "gave_up_waiting": {"nb": "Ga opp i køen", "en": "Gave up waiting"},
    "coordinator_assigned": {"nb": "Koordinator", "en": "Coordinator"},
    "coordinator_untaken": {
        "nb": "Koordinator oppnevnt, men påtok seg ikke rollen",
        "en": "Coordinator named, role not taken up",
    },
    "no_service_for_need": {"nb": "Ingen tjeneste har ansvar", "en": "No service responsible"},
    "sought_help": {"nb": "Søkte hjelp selv", "en": "Sought help"},
    "case_closed": {"nb": "Sak avsluttet", "en": "Case closed"},
    "closed_without_hand_on": {
        "nb": "Avsluttet uten å sende videre",
        "en": "Closed, not handed on",
    },
    "transition_without_handover": {
        "nb": "Ny skole uten overføring",
        "en": "New school, no handover",
    },
    "needs_resolved": {"nb": "Behov dekket", "en": "Needs met"},
    "aged_out_with_needs": {"nb": "Fylte 25 med behov", "en": "Turned 25 with needs"},
}


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise SamlabValueError(f"lang must be 'nb' or 'en', got {lang!r}")
    return lang


def text(key: str, lang: str, **fields) -> str:
    """A piece of screen text in ``lang``, with ``{fields}`` filled in."""
    return TEXT[key][check_lang(lang)].format(**fields)


def measure_label(name: str, lang: str) -> str:
    """The label of an outcome measure, or of another count a run reports."""
    from .tables import COLUMN_LABELS  # tables builds on this module

    if name in MEASURES:
        return MEASURES[name]["label"][check_lang(lang)]
    return COLUMN_LABELS.get(name, {}).get(check_lang(lang), name)


#: Names of a lever's choices (the network governance modes).
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "shared": {"nb": "Delt styring", "en": "Shared governance"},
    "lead_organisation": {"nb": "Ledende organisasjon", "en": "Lead organisation"},
    "nao": {"nb": "Nettverksenhet (NAO)", "en": "Network administrative organisation (NAO)"},
}


def choice_label(choice: str, lang: str) -> str:
    return CHOICE_LABELS.get(choice, {}).get(check_lang(lang), choice)


def lever_label(name: str, lang: str) -> str:
    return LEVERS_BY_NAME[name].label[check_lang(lang)]


#: Short service names for crowded figures.
SHORT_SERVICE_NAMES: dict[str, dict[str, str]] = {
    "kindergarten": {"nb": "Barnehage", "en": "Kindergarten"},
    "school": {"nb": "Skole", "en": "School"},
    "upper_secondary": {"nb": "Videregående", "en": "Upper secondary"},
    "health_station": {"nb": "Helsestasjon/skolehelse", "en": "Health station/school health"},
    "ppt": {"nb": "PPT", "en": "PPT"},
    "bup": {"nb": "BUP", "en": "BUP"},
    "child_health": {"nb": "Habilitering/barneavd.", "en": "Child specialist health"},
    "barnevern": {"nb": "Barnevern", "en": "Child welfare"},
    "barnevern_aftercare": {"nb": "Ettervern", "en": "Aftercare"},
    "nav": {"nb": "NAV", "en": "NAV"},
    "adult_health": {"nb": "Helsetjenester for voksne/DPS", "en": "Adult health"},
    "fastlege": {"nb": "Fastlege", "en": "GP (fastlege)"},
}

#: The GP (fastlege) is not a service agent in the model but a step on the way to specialist
#: health (``mechanisms.GP_DELAY_WEEKS``); it has a name all the same.
GP_NAME: dict[str, str] = {"nb": "Fastlege", "en": "GP (fastlege)"}


def service_label(key: str, lang: str, short: bool = False) -> str:
    check_lang(lang)
    if short and key in SHORT_SERVICE_NAMES:
        return SHORT_SERVICE_NAMES[key][lang]
    if key in SERVICES_BY_KEY:
        return SERVICES_BY_KEY[key].name[lang]
    if key == "fastlege":
        return GP_NAME[lang]
    return key


def scenario_label(key: str, lang: str) -> str:
    if key in SCENARIOS_BY_KEY:
        return SCENARIOS_BY_KEY[key].title[check_lang(lang)]
    return key


def domain_label(key: str, lang: str) -> str:
    return DOMAIN_LABELS.get(key, {}).get(check_lang(lang), key)


def event_label(key: str, lang: str) -> str:
    return EVENTS.get(key, {}).get(check_lang(lang), key)


def nok(value: float, lang: str) -> str:
    """Millions of kroner: ``194,7 mill. kr`` (nb) or ``NOK 194.7 million`` (en)."""
    millions = value / 1e6
    if check_lang(lang) == "nb":
        number = f"{millions:,.1f}".replace(",", "\u00a0").replace(".", ",")
        return f"{number} mill. kr"
    return f"NOK {millions:,.1f} million"


def number(value: object, lang: str = "nb", digits: int = 1) -> str:
    """A number as text: ``1 234,5`` in bokmål, ``1,234.5`` in English, rounded to ``digits``
    decimals without trailing zeros; a missing value as a dash; anything else as ``str``."""
    check_lang(lang)
    if value is None or type(value).__name__ == "NAType":  # pandas' missing value
        return "–"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if math.isnan(value):
        return "–"
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "nb":
        text = text.replace(",", "\u00a0").replace(".", ",").replace("-", "−")
    return text
