"""Named scenarios drawn from the source documents.

Each scenario is the ``silo`` baseline with some levers changed. A scenario is a question a
leader might ask ("what if we only moved into one building?"), not a description of any
real municipality.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import SamlabValueError
from .lever_catalogue import lever_defaults, validate_levers


@dataclass(frozen=True)
class Scenario:
    key: str
    title: dict[str, str]
    description: dict[str, str]
    source: str
    changes: dict[str, Any]

    def levers(self) -> dict[str, Any]:
        """The full set of levers for this scenario."""
        values = lever_defaults()
        values.update(self.changes)
        return values

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.key,
            "title": dict(self.title),
            "description": dict(self.description),
            "source": self.source,
            "changes": dict(self.changes),
            "levers": self.levers(),
        }


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        key="silo",
        title={"nb": "Siloer (utgangspunkt)", "en": "Silos (baseline)"},
        description={
            "nb": "Hver tjeneste gjør jobben sin innenfor eget mandat. Få barn har koordinator, "
            "mange vet lite om hva de andre tjenestene kan bidra med, rutinene for samtykke og "
            "bekymring er svake, og lederne har satt av lite tid til samarbeid. Slik beskriver "
            "Flatø-utvalget og Fafo mange kommuner: fragmenterte tjenester og glippsoner.",
            "en": "Each service does its job within its own mandate. Few children have a "
            "coordinator, many staff know little of what the other services can contribute, "
            "routines for consent and concern are weak, and leaders have set aside little "
            "time for collaboration. This is how the Flatø committee and Fafo describe many "
            "municipalities: fragmented services and glippsoner.",
        },
        source="NOU 2009:22 (Flatø); Fafo (2020) Trøbbel i grenseflatene",
        changes={},
    ),
    Scenario(
        key="co_location",
        title={"nb": "Bare samlokalisering", "en": "Co-location only"},
        description={
            "nb": "Kommunen flytter helsestasjon, PPT, barnevern og andre tjenester inn i "
            "«Familiens hus», men endrer ingenting annet: ingen nye rutiner, ingen tid satt av, "
            "ingen koordinatorer. Kildene advarer om at samlokalisering alene ikke gir samordning.",
            "en": "The municipality moves the health station, PPT, child welfare and other "
            "services into a 'Familiens hus' but changes nothing else: no new routines, no "
            "time set aside, no coordinators. The sources warn that co-location alone does "
            "not bring coordination.",
        },
        source="Ledang & Horn; Fafo (2018) success factors; Fafo (2020)",
        changes={"co_location": True},
    ),
    Scenario(
        key="coordinator_no_mandate",
        title={"nb": "Koordinator uten mandat og tid", "en": "Coordinator without mandate or time"},
        description={
            "nb": "De fleste barn med sammensatte behov får en navngitt koordinator på papiret, "
            "men lederne setter ikke av tid og gir ikke mandat. Mange takker nei til rollen, "
            "og de som tar den, får lite gjort. Kunnskapssammenstillingen fra RKBU Nord viser "
            "at folk unngår koordinatorrollen når den gir arbeid uten ressurser.",
            "en": "Most children with composite needs get a named coordinator on paper, but "
            "leaders set aside no time and give no mandate. Many decline the role, and those "
            "who take it achieve little. The RKBU Nord review finds that people avoid the "
            "coordinator role when it brings work without resources.",
        },
        source="RKBU Nord (2017) Kunnskapssammenstilling; Fafo (2020)",
        changes={"coordinator_coverage": 0.8, "leadership_anchoring": 0.0},
    ),
    Scenario(
        key="bti_anchored",
        title={"nb": "BTI med ledelsesforankring", "en": "BTI anchored in leadership"},
        description={
            "nb": "Kommunen innfører BTI-modellen (Bedre tverrfaglig innsats) med nivåer for å "
            "handle på bekymring, stafettholder og stafettlogg, og lederne på alle nivåer setter "
            "av tid og følger opp. Samtykkerutiner og kjennskap til hverandre bygges som del av "
            "arbeidet, og stafettholderen fungerer som koordinator for mange barn.",
            "en": "The municipality introduces the BTI model (Bedre tverrfaglig innsats) with "
            "levels for acting on concern, a stafettholder and a stafettlogg, and leaders at "
            "every level set aside time and follow up. Consent routines and knowledge of each "
            "other are built as part of the work, and the stafettholder acts as coordinator "
            "for many children.",
        },
        source="Helsedirektoratet IS-2826 (2019); BarnUnge21 (2020); Fafo (2020)",
        changes={
            "shared_routines": 0.8,
            "leadership_anchoring": 0.8,
            "knowledge_of_others": 0.65,
            "consent_routines": 0.6,
            "coordinator_coverage": 0.5,
            "governance": "lead_organisation",
        },
    ),
    Scenario(
        key="duty_2022",
        title={"nb": "Samarbeidsplikten fra 2022", "en": "The 2022 duty to collaborate"},
        description={
            "nb": "Lovendringene fra 1. august 2022 gjelder: tjenestene har plikt til å "
            "samarbeide, kommunen har plikt til å samordne, og familier med barn under 18 år med "
            "alvorlig sykdom, skade eller nedsatt funksjonsevne har rett til barnekoordinator. "
            "Retten er forankret i helse- og omsorgstjenestene: kommunens koordinerende enhet "
            "oppnevner barnekoordinatoren, som så står for samordningen av tjenestene. Flere får "
            "koordinator og individuell plan, og overganger planlegges, men kommunen har "
            "ennå ikke bygd felles rutiner.",
            "en": "The law changes of 1 August 2022 apply: services have a duty to collaborate, "
            "the municipality a duty to coordinate, and families of a child under 18 with "
            "serious illness, injury or disability a right to a barnekoordinator. The right is "
            "anchored in the health and care services: the municipality's coordinating unit "
            "(koordinerende enhet) appoints the barnekoordinator, who then does the samordning "
            "of the services. More children get a coordinator and an individual plan, and "
            "transitions are planned, but the municipality has not yet built shared routines.",
        },
        source="Prop. 100 L (2020–2021); Samarbeid om tjenester til barn, unge og deres "
        "familier (2022)",
        changes={
            "duty_to_collaborate": True,
            "coordinator_coverage": 0.5,
            "consent_routines": 0.45,
            "leadership_anchoring": 0.3,
        },
    ),
    Scenario(
        key="everything",
        title={"nb": "Alt på en gang", "en": "Everything at once"},
        description={
            "nb": "Alle virkemidler i bruk samtidig: koordinator for alle, høy kjennskap, BTI, "
            "samlokalisering, full forankring, gode samtykkerutiner, brukermedvirkning, "
            "samarbeidsplikt, en egen nettverksenhet (NAO) og mye møtetid. Scenariet viser hva "
            "samordning koster: timer til møter og rutiner tas fra direkte hjelp.",
            "en": "Every lever pulled at once: a coordinator for everyone, high knowledge, BTI, "
            "co-location, full anchoring, good consent routines, user participation, the duty "
            "to collaborate, a network administrative organisation (NAO) and a lot of meeting "
            "time. The scenario shows what coordination costs: hours for meetings and routines "
            "are taken from direct help.",
        },
        source="Glisson & Hemmelgarn (1998); Bickman (1996); Fafo (2018)",
        changes={
            "coordinator_coverage": 1.0,
            "knowledge_of_others": 0.9,
            "shared_routines": 0.9,
            "co_location": True,
            "leadership_anchoring": 1.0,
            "consent_routines": 0.9,
            "user_participation": 0.9,
            "duty_to_collaborate": True,
            "governance": "nao",
            "meeting_hours": 1.5,
        },
    ),
)

SCENARIOS_BY_KEY: dict[str, Scenario] = {s.key: s for s in SCENARIOS}

# Every scenario must be a valid set of levers (checked at import, so a typo fails loudly).
for _scenario in SCENARIOS:
    validate_levers(_scenario.changes)


def get_scenario(key: str) -> Scenario:
    """Look up a scenario by id, with a clear error naming the known ones."""
    if not isinstance(key, str) or key not in SCENARIOS_BY_KEY:
        raise SamlabValueError(
            f"unknown scenario {key!r}; known scenarios: {', '.join(SCENARIOS_BY_KEY)}"
        )
    return SCENARIOS_BY_KEY[key]
