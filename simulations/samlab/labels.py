"""Words on the screen, in Norwegian bokmål (``nb``) and English (``en``).

Figures and widgets take ``lang="nb"`` or ``lang="en"`` and look their text up here, so a
label is translated once and used everywhere. Measure, lever, service and scenario names
come from their own catalogues.
"""

from __future__ import annotations

from .lever_catalogue import LEVERS_BY_NAME
from .results import MEASURES
from .scenario_catalogue import SCENARIOS_BY_KEY
from .services import DOMAIN_LABELS, SERVICES_BY_KEY
from .translation import DEFAULT_LANG, LANGUAGES, TextTable, check_lang, nok, number

__all__ = [
    "CHOICE_LABELS",
    "COLUMN_LABELS",
    "DEFAULT_LANG",
    "EVENTS",
    "LANGUAGES",
    "OKABE_ITO",
    "SHORT_SERVICE_NAMES",
    "TEXT",
    "TextTable",
    "check_lang",
    "choice_label",
    "domain_label",
    "event_label",
    "lever_label",
    "measure_label",
    "nok",
    "number",
    "scenario_label",
    "service_label",
    "text",
]

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

TEXT = TextTable(
    "TEXT",
    {
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
        "uncertain": {
            "nb": "usikkert (intervallet krysser 0)",
            "en": "uncertain (interval crosses 0)",
        },
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
        "journey_title": {
            "nb": "Tjenestereisen til barn {child}",
            "en": "Journey of child {child}",
        },
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
    },
)

#: Journey event names shown on a child's timeline.
EVENTS = TextTable(
    "EVENTS",
    {
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
        "transition_handover": {
            "nb": "Overført ved aldersgrense",
            "en": "Handed over at age limit",
        },
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
    },
)


def text(key: str, lang: str, **fields) -> str:
    """A piece of screen text in ``lang``, with ``{fields}`` filled in."""
    return TEXT.text(key, lang, **fields)


#: Labels of the column and row names the API uses beyond the outcome measures.
COLUMN_LABELS = TextTable(
    "COLUMN_LABELS",
    {
        # counts in a run's summary
        "children": {"nb": "Barn med behov", "en": "Children with needs"},
        "right_help_share": {
            "nb": "Andel som fikk rett hjelp",
            "en": "Share who got the right help",
        },
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
        "diff_ci_low": {
            "nb": "Forskjell, 95 %-intervall fra",
            "en": "Difference, 95% interval from",
        },
        "diff_ci_high": {
            "nb": "Forskjell, 95 %-intervall til",
            "en": "Difference, 95% interval to",
        },
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
    },
)


def measure_label(name: str, lang: str) -> str:
    """The label of an outcome measure, or of another count a run reports."""
    if name in MEASURES:
        return MEASURES[name]["label"][check_lang(lang)]
    return COLUMN_LABELS.label(name, lang)


#: Names of a lever's choices (the network governance modes).
CHOICE_LABELS = TextTable(
    "CHOICE_LABELS",
    {
        "shared": {"nb": "Delt styring", "en": "Shared governance"},
        "lead_organisation": {"nb": "Ledende organisasjon", "en": "Lead organisation"},
        "nao": {"nb": "Nettverksenhet (NAO)", "en": "Network administrative organisation (NAO)"},
    },
)


def choice_label(choice: str, lang: str) -> str:
    return CHOICE_LABELS.label(choice, lang)


def lever_label(name: str, lang: str) -> str:
    return LEVERS_BY_NAME[name].label[check_lang(lang)]


#: Short service names for crowded figures.
SHORT_SERVICE_NAMES = TextTable(
    "SHORT_SERVICE_NAMES",
    {
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
    },
)

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
    return EVENTS.label(key, lang)
