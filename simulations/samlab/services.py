"""The municipality's services for children and youth, and the needs they can help.

This module is the catalogue: which services exist, what each may help (its mandate),
for which ages, with how many staff hours, and from which severity it accepts a referral.
This module holds no behaviour: how a referral is made, waits and is taken up is the
model's (``agents.py`` and ``model.py``, with the rules and their sources in
``mechanisms.py``); the numbers here are the assumptions a facilitator may want to read.

Capacities are given in staff hours per week *per 100 children with needs* in
the model, so a small and a large municipality have the same load per child. They are
assumptions chosen so that the baseline (``silo``) has waiting lists of weeks to months,
as the source documents describe, not calibrated figures for any real municipality.
"""

from __future__ import annotations

from dataclasses import dataclass

from .translation import DEFAULT_LANG

#: Need domains (behovsområder). A child with composite needs (sammensatte behov) has needs
#: in two or more of them (NOU 2009:22's definition of utsatte barn og unge).
DOMAINS: tuple[str, ...] = (
    "learning",
    "mental_health",
    "care_safety",
    "disability_somatic",
    "substance_use",
    "school_work_transition",
)

DOMAIN_LABELS: dict[str, dict[str, str]] = {
    "learning": {"nb": "læring", "en": "learning"},
    "mental_health": {"nb": "psykisk helse", "en": "mental health"},
    "care_safety": {"nb": "omsorg og trygghet", "en": "care and safety"},
    "disability_somatic": {"nb": "funksjonsnedsettelse/somatikk", "en": "disability/somatic"},
    "substance_use": {"nb": "rus", "en": "substance use"},
    "school_work_transition": {
        "nb": "overgang skole–arbeid",
        "en": "school–work transition",
    },
}


@dataclass(frozen=True)
class ServiceSpec:
    """What one service is: its mandate, ages, capacity and threshold.

    Attributes:
        key: identifier used in the API (``"bup"``).
        name: display names, ``{"nb": ..., "en": ...}``.
        mandate: the need domains this service can help (its mandate).
        min_age, max_age: the ages (years) the service serves; a case ends at ``max_age``.
        universal: a universal service (kindergarten, school, upper secondary, health station)
            meets the children in its age range every week, may notice concern and can give
            low-threshold help within its own service (BTI level 1). Specialised services
            only see children who are referred.
        capacity_per_100: staff hours per week per 100 children with needs in the model.
        threshold: lowest severity (0-1) of a need the service accepts on referral.
        assessment_hours: staff hours for one assessment (utredning/kartlegging).
        help_hours: staff hours per week for one ongoing case.
        help_rate: how fast the right help reduces a need (share of the severity per week).
        next_service: where a case goes at the age limit (the transition), or ``None``.
        turnover_factor: staff turnover relative to the municipality's average.
    """

    key: str
    name: dict[str, str]
    mandate: frozenset[str]
    min_age: float
    max_age: float
    universal: bool
    capacity_per_100: float
    threshold: float
    assessment_hours: float
    help_hours: float
    help_rate: float
    next_service: dict[str, str] | None = None
    turnover_factor: float = 1.0

    def serves_age(self, age: float) -> bool:
        return self.min_age <= age < self.max_age

    def label(self, lang: str = DEFAULT_LANG) -> str:
        return self.name[lang]


def _spec(**kwargs) -> ServiceSpec:
    kwargs["mandate"] = frozenset(kwargs["mandate"])
    return ServiceSpec(**kwargs)


#: The services of the fictional municipality, in the order they are drawn.
SERVICES: tuple[ServiceSpec, ...] = (
    _spec(
        key="kindergarten",
        name={"nb": "Barnehage", "en": "Kindergarten"},
        mandate={"learning"},
        min_age=1,
        max_age=6,
        universal=True,
        capacity_per_100=6,
        threshold=0.0,
        assessment_hours=4,
        help_hours=4,
        help_rate=0.025,
        next_service={"learning": "school"},
    ),
    _spec(
        key="school",
        name={"nb": "Skole (grunnskole)", "en": "School (primary/lower secondary)"},
        mandate={"learning"},
        min_age=6,
        max_age=16,
        universal=True,
        capacity_per_100=20,
        threshold=0.0,
        assessment_hours=4,
        help_hours=6,
        help_rate=0.03,
        next_service={"learning": "upper_secondary"},
    ),
    _spec(
        key="upper_secondary",
        name={"nb": "Videregående skole", "en": "Upper secondary school"},
        mandate={"learning", "school_work_transition"},
        min_age=16,
        max_age=19,
        universal=True,
        capacity_per_100=10,
        threshold=0.0,
        assessment_hours=4,
        help_hours=6,
        help_rate=0.03,
        next_service={"school_work_transition": "nav", "learning": "nav"},
    ),
    _spec(
        key="health_station",
        name={
            "nb": "Helsestasjon og skolehelsetjeneste",
            "en": "Health station and school health service",
        },
        mandate={"mental_health", "disability_somatic"},
        min_age=0,
        max_age=20,
        universal=True,
        capacity_per_100=30,
        threshold=0.0,
        assessment_hours=4,
        help_hours=4,
        help_rate=0.03,
        next_service={"mental_health": "adult_health", "disability_somatic": "adult_health"},
    ),
    _spec(
        key="ppt",
        name={
            "nb": "PPT (pedagogisk-psykologisk tjeneste)",
            "en": "PPT (educational psychology service)",
        },
        mandate={"learning"},
        min_age=1,
        max_age=19,
        universal=False,
        capacity_per_100=22,
        threshold=0.25,
        assessment_hours=20,
        help_hours=4,
        help_rate=0.05,
        next_service={"learning": "nav"},
    ),
    _spec(
        key="bup",
        name={
            "nb": "BUP (psykisk helsevern for barn og unge)",
            "en": "BUP (child and adolescent mental health)",
        },
        mandate={"mental_health", "substance_use"},
        min_age=0,
        max_age=18,
        universal=False,
        capacity_per_100=28,
        threshold=0.35,
        assessment_hours=20,
        help_hours=8,
        help_rate=0.05,
        next_service={"mental_health": "adult_health", "substance_use": "adult_health"},
    ),
    _spec(
        key="child_health",
        name={
            "nb": "Spesialisthelsetjenesten for barn (habilitering, barneavdeling)",
            "en": "Specialist health services for children (habilitation, paediatrics)",
        },
        mandate={"disability_somatic"},
        min_age=0,
        max_age=18,
        universal=False,
        capacity_per_100=14,
        threshold=0.35,
        assessment_hours=16,
        help_hours=6,
        help_rate=0.04,
        next_service={"disability_somatic": "adult_health"},
    ),
    _spec(
        key="barnevern",
        name={"nb": "Barnevern", "en": "Child welfare (barnevern)"},
        mandate={"care_safety"},
        min_age=0,
        max_age=18,
        universal=False,
        capacity_per_100=40,
        threshold=0.3,
        assessment_hours=24,
        help_hours=8,
        help_rate=0.045,
        next_service={"care_safety": "barnevern_aftercare"},
        turnover_factor=1.5,
    ),
    _spec(
        key="barnevern_aftercare",
        name={"nb": "Barnevern – ettervern (18–25)", "en": "Child welfare aftercare (18–25)"},
        mandate={"care_safety", "school_work_transition"},
        min_age=18,
        max_age=25,
        universal=False,
        capacity_per_100=4,
        threshold=0.3,
        assessment_hours=8,
        help_hours=6,
        help_rate=0.04,
        next_service=None,
        turnover_factor=1.5,
    ),
    _spec(
        key="nav",
        name={
            "nb": "NAV (arbeid, kvalifisering, sosiale tjenester)",
            "en": "NAV (work, qualification, social services)",
        },
        mandate={"school_work_transition", "learning", "care_safety"},
        min_age=16,
        max_age=99,
        universal=False,
        capacity_per_100=16,
        threshold=0.2,
        assessment_hours=12,
        help_hours=6,
        help_rate=0.04,
        next_service=None,
        turnover_factor=1.2,
    ),
    _spec(
        key="adult_health",
        name={
            "nb": "Kommunal helse, psykisk helse og rus for voksne / DPS",
            "en": "Adult health, mental health and substance use services",
        },
        mandate={"mental_health", "substance_use", "disability_somatic"},
        min_age=18,
        max_age=99,
        universal=False,
        capacity_per_100=18,
        threshold=0.35,
        assessment_hours=16,
        help_hours=6,
        help_rate=0.045,
        next_service=None,
    ),
)

#: Specialist health services (spesialisthelsetjenesten: BUP, habilitation and paediatrics,
#: DPS and substance use treatment). They take a referral (henvisning) from a doctor, in
#: practice most often the child's GP (fastlege), who is the gatekeeper to them. A school,
#: kindergarten or the health station and school health service (helsesykepleier) does not
#: refer to them; it advises the family to see the GP (``GP_REFERRERS``).
SPECIALIST_HEALTH: frozenset[str] = frozenset({"bup", "child_health", "adult_health"})
#: Who refers straight to a specialist health service in the model: the GP (``"fastlege"``),
#: the specialist health services themselves, and barnevern (with aftercare) and PPT, which
#: may refer to BUP and habilitation under the health trusts' rules. An assumption: local
#: rules differ. Every other referrer goes through the GP (``mechanisms.GP_DELAY_WEEKS``).
GP_REFERRERS: frozenset[str] = frozenset(
    {"fastlege", "bup", "child_health", "adult_health", "barnevern", "barnevern_aftercare", "ppt"}
)
#: Services that receive a concern as a bekymringsmelding, not as a referral (henvisning):
#: barnevern reviews every report within a week (barnevernsloven 2021 § 2-1), never sends one
#: back and either closes it (henleggelse) or opens an investigation (undersøkelse, § 2-2).
REPORT_SERVICES: frozenset[str] = frozenset({"barnevern"})


def check_services(services: tuple[ServiceSpec, ...]) -> None:
    """Raise a ValueError naming every service that does not fit the catalogue: a key used
    twice, a mandate outside :data:`DOMAINS`, age limits that are not whole years (the
    universal services a child meets are looked up by year of age) or not in order, or a
    transition to a service or for a need the catalogue does not know. Run at import, so a
    typo fails there and not in a classroom."""
    problems = []
    keys = [spec.key for spec in services]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        problems.append(f"keys used more than once: {twice}")
    for spec in services:
        unknown = sorted(spec.mandate - set(DOMAINS))
        if unknown:
            problems.append(
                f"{spec.key}: unknown needs {unknown} in its mandate; known: {list(DOMAINS)}"
            )
        ages = (spec.min_age, spec.max_age)
        if not all(float(age).is_integer() for age in ages):
            problems.append(f"{spec.key}: age limits {ages} must be whole years")
        if not 0 <= spec.min_age < spec.max_age:
            problems.append(f"{spec.key}: ages {ages} must run from 0 or more to a higher limit")
        for domain, target in (spec.next_service or {}).items():
            if domain not in DOMAINS:
                problems.append(f"{spec.key}: transition for unknown need {domain!r}")
            if target not in keys:
                problems.append(
                    f"{spec.key}: transition to unknown service {target!r}; known: {keys}"
                )
    if problems:
        raise ValueError("the services do not fit the catalogue: " + "; ".join(problems))


check_services(SERVICES)

SERVICE_KEYS: tuple[str, ...] = tuple(s.key for s in SERVICES)
SERVICES_BY_KEY: dict[str, ServiceSpec] = {s.key: s for s in SERVICES}
UNIVERSAL_KEYS: tuple[str, ...] = tuple(s.key for s in SERVICES if s.universal)


def right_services(domain: str, age: float, *, specialised_only: bool = False) -> list[str]:
    """Services whose mandate covers ``domain`` for a child of ``age`` (years)."""
    return [
        s.key
        for s in SERVICES
        if domain in s.mandate
        and s.serves_age(age)
        and not (specialised_only and s.universal)
        and s.key != "barnevern_aftercare"  # aftercare only continues an existing case
    ]


def wrong_services(domain: str, age: float) -> list[str]:
    """Specialised services a child of ``age`` could be referred to by mistake for ``domain``:
    services that cannot help with it (the referrer lacks knowledge of others' mandates)."""
    return [
        s.key
        for s in SERVICES
        if not s.universal
        and s.serves_age(age)
        and domain not in s.mandate
        and s.key != "barnevern_aftercare"  # aftercare only continues an existing case
    ]


def universal_contacts(age: float) -> tuple[str, ...]:
    """Universal services a child of ``age`` meets in an ordinary week."""
    year = int(age)
    if 0 <= year < len(UNIVERSAL_CONTACTS_BY_YEAR):
        return UNIVERSAL_CONTACTS_BY_YEAR[year]
    return tuple(s.key for s in SERVICES if s.universal and s.serves_age(age))


#: The universal services a child meets, by whole year of age (0-25): they change only at
#: whole years of age (``check_services`` makes sure).
UNIVERSAL_CONTACTS_BY_YEAR: tuple[tuple[str, ...], ...] = tuple(
    tuple(s.key for s in SERVICES if s.universal and s.serves_age(year)) for year in range(26)
)
