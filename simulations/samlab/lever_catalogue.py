"""The levers a leader can pull: names, ranges, defaults, sources, and validation.

Every lever is a named parameter of :func:`samlab.simulate`. Its default is the value in
the ``silo`` baseline. ``validate_levers`` is the single place that checks user input, so
the Python API, the CLI and the widgets give the same clear error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .errors import SamlabValueError


@dataclass(frozen=True)
class Lever:
    """One lever: what it means, what values it takes, and where the mechanism comes from."""

    name: str
    kind: str  # "float", "bool" or "choice"
    default: Any
    label: dict[str, str]
    description: dict[str, str]
    source: str
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = field(default_factory=tuple)
    unit: str = ""

    def allowed(self) -> str:
        """Human-readable description of the allowed values."""
        if self.kind == "float":
            return f"a number from {self.minimum:g} to {self.maximum:g}"
        if self.kind == "bool":
            return "true or false"
        return "one of " + ", ".join(repr(c) for c in self.choices)

    def describe(self) -> dict[str, Any]:
        """A plain dict (JSON-friendly) describing the lever."""
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.kind,
            "default": self.default,
            "label": dict(self.label),
            "description": dict(self.description),
            "source": self.source,
            "allowed": self.allowed(),
        }
        if self.kind == "float":
            out.update(minimum=self.minimum, maximum=self.maximum, step=self.step, unit=self.unit)
        if self.kind == "choice":
            out["choices"] = list(self.choices)
        return out

    def validate(self, value: Any) -> Any:
        """Return ``value`` converted to the lever's type, or raise a clear error."""
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
                return value.strip().lower() in _TRUE
            if isinstance(value, int) and value in (0, 1):
                return bool(value)
            raise SamlabValueError(f"lever {self.name!r} must be {self.allowed()}, got {value!r}")
        if self.kind == "choice":
            if isinstance(value, str):
                key = value.strip().lower().replace("-", "_").replace(" ", "_")
                key = _CHOICE_ALIASES.get(key, key)
                if key in self.choices:
                    return key
            raise SamlabValueError(f"lever {self.name!r} must be {self.allowed()}, got {value!r}")
        # float
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise SamlabValueError(
                f"lever {self.name!r} must be {self.allowed()}, got {value!r} "
                f"({type(value).__name__})"
            )
        try:
            number = float(value)
        except ValueError:
            raise SamlabValueError(
                f"lever {self.name!r} must be {self.allowed()}, got {value!r}"
            ) from None
        if not math.isfinite(number) or not (self.minimum <= number <= self.maximum):
            raise SamlabValueError(f"lever {self.name!r} must be {self.allowed()}, got {value!r}")
        return number


_TRUE = {"true", "yes", "ja", "1", "on"}
_FALSE = {"false", "no", "nei", "0", "off"}
_CHOICE_ALIASES = {
    "lead": "lead_organisation",
    "lead_organization": "lead_organisation",
    "network_administrative_organisation": "nao",
    "network_administrative_organization": "nao",
    "participant_governed": "shared",
}

FAFO_2020 = "Fafo (2020) Trøbbel i grenseflatene"
RKBU_2017 = "RKBU Nord (2017) Kunnskapssammenstilling om samhandling"
BU21_2020 = "BarnUnge21 (2020) Ledelse for kunnskapsbasert, samordnet og brukerrettet praksis"

LEVERS: tuple[Lever, ...] = (
    Lever(
        name="coordinator_coverage",
        kind="float",
        default=0.1,
        minimum=0.0,
        maximum=1.0,
        step=0.05,
        unit="share of children with needs in two or more areas",
        label={"nb": "Koordinator / IP / barnekoordinator", "en": "Coordinator / IP coverage"},
        description={
            "nb": "Andelen barn med behov på to eller flere områder som får en navngitt "
            "koordinator: koordinator for individuell plan, stafettholder eller – for barn under "
            "18 år med alvorlig sykdom, skade eller nedsatt funksjonsevne – barnekoordinator, en "
            "rett forankret i helse- og omsorgstjenestene og oppnevnt gjennom kommunens "
            "koordinerende enhet. Koordinatoren står så for samordningen: henviser samlet, følger "
            "opp brudd og planlegger overganger – hvis koordinatoren faktisk påtar seg rollen.",
            "en": "Share of children with needs in two or more areas who are given a named "
            "coordinator: a coordinator for an individual plan, a stafettholder or – for "
            "children under 18 with serious illness, injury or disability – a barnekoordinator, "
            "a right anchored in the health and care services and appointed through the "
            "municipality's coordinating unit (koordinerende enhet). The coordinator then does "
            "the samordning: makes joint referrals, follows up breaks and plans transitions – if "
            "the role is taken up.",
        },
        source=f"Fafo (2018) success factor 'a coordinator'; {RKBU_2017}; Prop. 100 L (2020–2021)",
    ),
    Lever(
        name="knowledge_of_others",
        kind="float",
        default=0.5,
        minimum=0.0,
        maximum=1.0,
        step=0.05,
        unit="probability a referrer knows which service can help",
        label={"nb": "Kjennskap til hverandres mandat", "en": "Knowledge of other services"},
        description={
            "nb": "Sannsynligheten for at den som henviser vet hvilken tjeneste som kan hjelpe "
            "med et gitt behov. Lav kjennskap gir feilhenvisninger som sendes i retur.",
            "en": "Probability that the person referring knows which service can help with a "
            "given need. Low knowledge gives wrong referrals that bounce back.",
        },
        source=f"{FAFO_2020} (most cited barrier); {RKBU_2017}",
    ),
    Lever(
        name="shared_routines",
        kind="float",
        default=0.1,
        minimum=0.0,
        maximum=1.0,
        step=0.05,
        unit="how far BTI-like routines are in use",
        label={
            "nb": "Felles rutiner (BTI, stafettlogg)",
            "en": "Shared routines (BTI, stafettlogg)",
        },
        description={
            "nb": "Hvor langt felles rutiner er tatt i bruk: BTI-nivåer for å handle på "
            "bekymring, stafettholder og stafettlogg som følger barnet. Virker lite uten "
            "ledelsesforankring.",
            "en": "How far shared routines are in use: BTI levels for acting on concern, a "
            "stafettholder and a stafettlogg that follows the child. Achieves little without "
            "leadership anchoring.",
        },
        source=f"Helsedirektoratet IS-2826 (2019); {FAFO_2020}; {BU21_2020}",
    ),
    Lever(
        name="co_location",
        kind="bool",
        default=False,
        label={"nb": "Samlokalisering (Familiens hus)", "en": "Co-location (Familiens hus)"},
        description={
            "nb": "Tjenestene sitter i samme hus. Alene gir det lite; sammen med felles rutiner "
            "og forankring øker det kjennskapen til hverandre.",
            "en": "Services share a building. Alone it achieves little; with shared routines and "
            "anchoring it raises knowledge of each other.",
        },
        source="Fafo (2018) success factor 'co-location'; Ledang & Horn; " + FAFO_2020,
    ),
    Lever(
        name="leadership_anchoring",
        kind="float",
        default=0.1,
        minimum=0.0,
        maximum=1.0,
        step=0.05,
        unit="share of the needed leadership time and mandate in place",
        label={
            "nb": "Ledelsesforankring (tid satt av)",
            "en": "Leadership anchoring (time set aside)",
        },
        description={
            "nb": "Ledere på alle nivåer setter av tid og gir mandat til samarbeid. Gjør at "
            "rutiner virker og at koordinatorene påtar seg rollen. Koster ledertid og møtetid.",
            "en": "Leaders at every level set aside time and give a mandate for collaboration. "
            "Makes routines work and the coordinator role taken up. Costs leaders' and staff "
            "meeting time.",
        },
        source=f"Fafo (2018) success factors 'leadership anchoring', 'time and resources'; "
        f"{RKBU_2017}; {BU21_2020}",
    ),
    Lever(
        name="consent_routines",
        kind="float",
        default=0.3,
        minimum=0.0,
        maximum=1.0,
        step=0.05,
        unit="how well consent and information sharing are handled",
        label={"nb": "Samtykke og taushetsplikt-rutiner", "en": "Consent and information sharing"},
        description={
            "nb": "Hvor godt taushetsplikt, samtykke og opplysningsplikt håndteres. Dårlige "
            "rutiner gir dobbeltkartlegging og for få bekymringsmeldinger til barnevernet.",
            "en": "How well confidentiality (taushetsplikt), consent and the duty to inform are "
            "handled. Poor routines give duplicate assessments and too few reports of concern "
            "to child welfare.",
        },
        source=f"{RKBU_2017}; KS guide on confidentiality and collaboration; {FAFO_2020}",
    ),
    Lever(
        name="user_participation",
        kind="float",
        default=0.2,
        minimum=0.0,
        maximum=1.0,
        step=0.05,
        unit="how far children and families take part in planning their help",
        label={"nb": "Brukermedvirkning", "en": "User participation"},
        description={
            "nb": "Barn og familier deltar i å planlegge hjelpen. Færre gir opp underveis, og "
            "hjelpen treffer bedre. Koster litt tid.",
            "en": "Children and families take part in planning their help. Fewer give up along "
            "the way and the help fits better. Costs some time.",
        },
        source=f"Fafo (2018) success factor 'user participation'; {RKBU_2017}; {BU21_2020}",
    ),
    Lever(
        name="staff_turnover",
        kind="float",
        default=0.15,
        minimum=0.0,
        maximum=0.6,
        step=0.05,
        unit="share of staff replaced per year",
        label={"nb": "Turnover (utskifting av ansatte)", "en": "Staff turnover"},
        description={
            "nb": "Andelen ansatte som byttes ut per år (barnevernet høyere). Hvert bytte er "
            "et brudd i kontinuiteten, og noen saker mister oppfølgingen.",
            "en": "Share of staff replaced per year (higher in child welfare). Each change is a "
            "break in continuity, and some cases lose their follow-up.",
        },
        source=RKBU_2017,
    ),
    Lever(
        name="capacity",
        kind="float",
        default=1.0,
        minimum=0.5,
        maximum=2.0,
        step=0.05,
        unit="staff hours relative to the baseline budget",
        label={"nb": "Kapasitet / budsjett", "en": "Capacity / budget"},
        description={
            "nb": "Antall fagårsverk i tjenestene i forhold til utgangspunktet (1,0). Mer "
            "kapasitet gir kortere ventelister og koster penger.",
            "en": "Staff hours in the services relative to the baseline (1.0). More capacity "
            "shortens waiting lists and costs money.",
        },
        source=f"{RKBU_2017} (economy); Skinner et al. (2023) Int J Ment Health Syst 17:5",
    ),
    Lever(
        name="duty_to_collaborate",
        kind="bool",
        default=False,
        label={"nb": "Samarbeidsplikt (2022)", "en": "Duty to collaborate (2022)"},
        description={
            "nb": "Lovendringene fra 1. august 2022: plikt til å samarbeide, kommunal plikt til "
            "samordning, og rett til barnekoordinator for barn under 18 år med alvorlig sykdom, "
            "skade eller nedsatt funksjonsevne (i helse- og omsorgstjenestene, oppnevnt gjennom "
            "koordinerende enhet). Gir overganger som planlegges, og flere koordinatorer påtar "
            "seg rollen for barna med denne retten, men virker mest med forankring.",
            "en": "The law changes of 1 August 2022: a duty to collaborate, a municipal duty to "
            "coordinate, and a right to a barnekoordinator for children under 18 with serious "
            "illness, injury or disability (in the health and care services, appointed through "
            "the koordinerende enhet). Planned transitions, and more coordinators take up the "
            "role for the children with that right – most of all with anchoring.",
        },
        source="Prop. 100 L (2020–2021); BarnUnge21 (2020) recommendation of a statutory duty",
    ),
    Lever(
        name="governance",
        kind="choice",
        default="shared",
        choices=("shared", "lead_organisation", "nao"),
        label={"nb": "Styringsform for nettverket", "en": "Network governance mode"},
        description={
            "nb": "Hvordan nettverket av tjenester styres (Provan & Kenis 2008): delt styring, "
            "en ledende organisasjon, eller en egen nettverksadministrativ enhet (NAO). Med "
            "mange tjenester og moderat tillit virker samordningen best med en ledende "
            "organisasjon eller en NAO; en NAO koster egne årsverk.",
            "en": "How the network of services is governed (Provan & Kenis 2008): shared "
            "governance, a lead organisation, or a network administrative organisation (NAO). "
            "With many services and moderate trust, coordination works best with a lead "
            "organisation or an NAO; an NAO costs staff of its own.",
        },
        source="Provan & Kenis (2008) JPART 18:229–252",
    ),
    Lever(
        name="meeting_hours",
        kind="float",
        default=0.75,
        minimum=0.0,
        maximum=8.0,
        step=0.25,
        unit="staff hours per week per coordinated child",
        label={"nb": "Møtetid per koordinert barn", "en": "Meeting time per coordinated child"},
        description={
            "nb": "Fagtimer per uke i samarbeidsmøter for hvert barn med koordinator, tatt fra "
            "tiden til direkte hjelp. Effekten flater ut; for mye møtetid spiser kapasiteten.",
            "en": "Staff hours per week in joint meetings for each child with a coordinator, "
            "taken from direct help. The benefit levels off; too much meeting time eats "
            "capacity.",
        },
        source="Glisson & Hemmelgarn (1998); Bickman (1996); " + FAFO_2020,
    ),
)

LEVERS_BY_NAME: dict[str, Lever] = {lever.name: lever for lever in LEVERS}


def lever_defaults() -> dict[str, Any]:
    """The baseline (``silo``) value of every lever."""
    return {lever.name: lever.default for lever in LEVERS}


def validate_levers(values: dict[str, Any]) -> dict[str, Any]:
    """Check lever names and values; return them converted to their types.

    Raises:
        SamlabValueError: naming the unknown lever or the bad value and what is allowed.
    """
    out: dict[str, Any] = {}
    for name, value in values.items():
        lever = LEVERS_BY_NAME.get(name)
        if lever is None:
            raise SamlabValueError(
                f"unknown lever {name!r}; known levers: {', '.join(LEVERS_BY_NAME)}"
            )
        out[name] = lever.validate(value)
    return out
