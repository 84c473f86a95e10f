"""The children of Fjordvik: a handful of fictional personas who carry the course's story.

Each persona is a child or young person whose needs begin in a given week, at a given age,
with given needs. ``samlab.simulate(..., personas=True)`` puts them into the municipality
beside the randomly drawn children, so a participant can follow the same named child
through every scenario. The personas are invented; any likeness to real people is chance.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import SamlabValueError
from .services import DOMAINS, SERVICES_BY_KEY


@dataclass(frozen=True)
class Persona:
    key: str
    name: str
    age: float
    onset_week: int
    needs: dict[str, float]
    story: dict[str, str]
    #: services already helping when the persona's story begins (the child is known to them)
    services_at_start: tuple[str, ...] = ()

    def describe(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "age": self.age,
            "onset_week": self.onset_week,
            "needs": dict(self.needs),
            "services_at_start": list(self.services_at_start),
            "story": dict(self.story),
        }


PERSONAS: tuple[Persona, ...] = (
    Persona(
        key="mia",
        name="Mia",
        age=4.0,
        onset_week=4,
        needs={"learning": 0.35, "disability_somatic": 0.5},
        story={
            "nb": "Mia (4) har en medfødt funksjonsnedsettelse og går i barnehage. Foreldrene "
            "bruker mye tid på å koordinere habilitering, PPT og barnehagen selv.",
            "en": "Mia (4) has a congenital disability and goes to kindergarten. Her parents "
            "spend much time coordinating habilitation, PPT and the kindergarten themselves.",
        },
        services_at_start=("child_health", "ppt"),
    ),
    Persona(
        key="emil",
        name="Emil",
        age=8.0,
        onset_week=2,
        needs={"learning": 0.4, "care_safety": 0.45},
        story={
            "nb": "Emil (8) strever med lesing og er ofte sliten og sulten på skolen. Læreren "
            "er bekymret, men usikker på om hun kan si noe til barnevernet.",
            "en": "Emil (8) struggles with reading and is often tired and hungry at school. His "
            "teacher is worried, but unsure whether she may tell child welfare.",
        },
    ),
    Persona(
        key="jonas",
        name="Jonas",
        age=14.5,
        onset_week=6,
        needs={"mental_health": 0.45, "learning": 0.35},
        story={
            "nb": "Jonas (14) har sluttet å komme på skolen mange dager i måneden. "
            "Helsesykepleier tror han er deprimert; skolen tror han skulker.",
            "en": "Jonas (14) has stopped coming to school many days a month. The school nurse "
            "thinks he is depressed; the school thinks he is truanting.",
        },
    ),
    Persona(
        key="sara",
        name="Sara",
        age=17.3,
        onset_week=1,
        needs={"care_safety": 0.5, "mental_health": 0.45},
        story={
            "nb": "Sara (17) bor i fosterhjem og får hjelp fra barnevernet og BUP. Om noen "
            "måneder fyller hun 18, og begge tjenestene har aldersgrenser.",
            "en": "Sara (17) lives in foster care and gets help from child welfare and BUP. In a "
            "few months she turns 18, and both services have age limits.",
        },
        services_at_start=("barnevern", "bup"),
    ),
    Persona(
        key="ali",
        name="Ali",
        age=19.5,
        onset_week=3,
        needs={"school_work_transition": 0.5, "substance_use": 0.35},
        story={
            "nb": "Ali (19) sluttet på videregående i fjor, har ingen jobb og ruser seg "
            "stadig oftere. Han har ikke lenger kontakt med noen tjeneste.",
            "en": "Ali (19) left upper secondary school last year, has no job and uses drugs more "
            "and more often. He no longer has contact with any service.",
        },
    ),
)

PERSONAS_BY_KEY: dict[str, Persona] = {p.key: p for p in PERSONAS}


def check_personas(personas: tuple[Persona, ...]) -> None:
    """Raise a ValueError naming every persona whose needs, age, onset week or services do not
    fit the catalogues. Run at import, so a typo fails there and not in a classroom."""
    problems = []
    for persona in personas:
        unknown = sorted(set(persona.needs) - set(DOMAINS))
        if unknown:
            problems.append(f"{persona.key}: unknown needs {unknown}; known: {list(DOMAINS)}")
        if not 0 < persona.age < 25:
            problems.append(f"{persona.key}: age {persona.age} is not between 0 and 25")
        if persona.onset_week < 0:
            problems.append(f"{persona.key}: onset week {persona.onset_week} is before week 0")
        for key in persona.services_at_start:
            spec = SERVICES_BY_KEY.get(key)
            if spec is None:
                problems.append(f"{persona.key}: unknown service {key!r}")
            elif not spec.serves_age(persona.age):
                problems.append(f"{persona.key}: {key} does not serve age {persona.age}")
            elif not spec.mandate & set(persona.needs):
                problems.append(f"{persona.key}: {key} has none of the needs in its mandate")
    if problems:
        raise ValueError("the personas do not fit the catalogues: " + "; ".join(problems))


check_personas(PERSONAS)


def get_persona(key: str) -> Persona:
    if key not in PERSONAS_BY_KEY:
        raise SamlabValueError(
            f"unknown persona {key!r}; the children of Fjordvik are: {', '.join(PERSONAS_BY_KEY)}"
        )
    return PERSONAS_BY_KEY[key]
