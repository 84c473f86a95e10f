"""Words that matter: samarbeid, samordning and samhandling, on two scales.

Module 2 of the course asks leaders to place short situations from Fjordvik on

* the **continuum** cooperation → coordination → collaboration (Keast, Brown & Mandell
  2007: rising intensity and formality). Mapping the Norwegian words onto it is a reasonable
  reading, not an official one: *samarbeid* ≈ cooperation, *samordning* ≈ coordination;
  *samhandling* is used in two ways: as the umbrella word over all three (the health
  services, and mostly this course), and by Ledang & Horn as a looser form beside
  *samarbeid* and below *samordning*; the exercise does not place it on the continuum;
* the **coordination ladder** (*samordningstrappen*): Difi's four steps (Difi was closed
  in 2020; its work is now done by DFØ), and the fifth step
  Fafo (2020) adds, implementing new practice.

    from samlab import concepts
    concepts.check_placement("sara_joint_plan", level="Samordning", step=4, lang="nb")
    concepts.placement_widget(lang="nb")          # the exercise, one row per situation
    concepts.continuum_figure(lang="nb"); concepts.ladder_figure(lang="nb")

The suggested placements are suggestions, not a key: reasonable people may disagree, and
the discussion is the point of the exercise. The situations are invented.
"""

from __future__ import annotations

import html
import numbers
import re
import textwrap
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch

from .errors import SamlabValueError
from .figures import FONT, footnote, new_figure
from .labels import OKABE_ITO
from .translation import DEFAULT_LANG, LANGUAGES, TextTable, check_lang
from .widgets import View, message_html

# --- the two scales -----------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """A level on the cooperation–coordination–collaboration continuum."""

    key: str
    rank: int
    name: dict[str, str]
    description: dict[str, str]
    aliases: tuple[str, ...]

    def label(self, lang: str) -> str:
        return self.name[check_lang(lang)]


@dataclass(frozen=True)
class Step:
    """A step on the coordination ladder (samordningstrappen)."""

    number: int
    name: dict[str, str]
    description: dict[str, str]
    source: str
    aliases: tuple[str, ...]

    def label(self, lang: str) -> str:
        return f"{self.number}. {self.name[check_lang(lang)]}"


LEVELS: tuple[Level, ...] = (
    Level(
        key="cooperation",
        rank=1,
        name={"nb": "Samarbeid", "en": "Cooperation (samarbeid)"},
        description={
            "nb": "Tjenestene deler informasjon og hjelper hverandre når det passer, men hver "
            "beholder sine egne mål, planer og ressurser. Lite forpliktende, ofte uformelt.",
            "en": "The services share information and help each other when it suits them, but "
            "each keeps its own goals, plans and resources. Little commitment, often informal.",
        },
        aliases=("cooperation", "co-operation", "samarbeid", "samarbeide"),
    ),
    Level(
        key="coordination",
        rank=2,
        name={"nb": "Samordning", "en": "Coordination (samordning)"},
        description={
            "nb": "Tjenestene forplikter seg til å tilpasse arbeidet til hverandre: avtalte "
            "roller, felles planer, en koordinator, skriftlige rutiner. Mer formelt.",
            "en": "The services commit to fitting their work to each other: agreed roles, joint "
            "plans, a coordinator, written routines. More formal.",
        },
        aliases=("coordination", "co-ordination", "samordning", "koordinering"),
    ),
    Level(
        key="collaboration",
        rank=3,
        name={"nb": "Kollaborasjon (tett samarbeid)", "en": "Collaboration"},
        description={
            "nb": "Tjenestene blir gjensidig avhengige: felles mål, felles ressurser og felles "
            "ansvar, og de endrer hvordan de selv arbeider. Mest krevende.",
            "en": "The services become interdependent: shared goals, pooled resources and shared "
            "responsibility, and they change how they themselves work. Most demanding.",
        },
        aliases=("collaboration", "kollaborasjon", "tett samarbeid"),
    ),
)

STEPS: tuple[Step, ...] = (
    Step(
        number=1,
        name={"nb": "Dele informasjon", "en": "Share information"},
        description={
            "nb": "Tjenestene forteller hverandre hva de vet og gjør.",
            "en": "The services tell each other what they know and do.",
        },
        source="Difi",
        aliases=("dele informasjon", "share information", "informasjon", "information"),
    ),
    Step(
        number=2,
        name={
            "nb": "Felles forståelse av problemet",
            "en": "A common understanding of the problem",
        },
        description={
            "nb": "Tjenestene blir enige om hva problemet er.",
            "en": "The services agree on what the problem is.",
        },
        source="Difi",
        aliases=(
            "felles forståelse av problemet",
            "felles forståelse",
            "felles problemforståelse",
            "a common understanding of the problem",
            "common understanding of the problem",
            "common understanding",
        ),
    ),
    Step(
        number=3,
        name={
            "nb": "Unngå å undergrave hverandres mål",
            "en": "Avoid undermining each other's goals",
        },
        description={
            "nb": "Tjenestene passer på at det ene tiltaket ikke motarbeider det andre.",
            "en": "The services make sure one measure does not work against another.",
        },
        source="Difi",
        aliases=(
            "unngå å undergrave hverandres mål",
            "ikke undergrave hverandres mål",
            "ikke undergrave",
            "avoid undermining each other's goals",
            "avoid undermining each others goals",
            "avoid undermining",
        ),
    ),
    Step(
        number=4,
        name={"nb": "Felles planer og tiltak", "en": "Joint plans and measures"},
        description={
            "nb": "Tjenestene lager planer og tiltak sammen og fordeler ansvaret.",
            "en": "The services make plans and measures together and share out responsibility.",
        },
        source="Difi",
        aliases=(
            "felles planer og tiltak",
            "felles planer",
            "felles plan",
            "felles tiltak",
            "joint plans and measures",
            "joint plans",
            "joint plan",
            "joint measures",
        ),
    ),
    Step(
        number=5,
        name={"nb": "Implementere ny praksis", "en": "Implement new practice"},
        description={
            "nb": "Det de har blitt enige om, blir tatt i bruk og fulgt opp i hverdagen.",
            "en": "What they agreed is put into everyday use and followed up.",
        },
        source="Fafo 2020",
        aliases=(
            "implementere ny praksis",
            "implementering av ny praksis",
            "ta i bruk ny praksis",
            "ny praksis",
            "implement new practice",
            "implementing new practice",
            "new practice",
        ),
    ),
)

LEVELS_BY_KEY: dict[str, Level] = {level.key: level for level in LEVELS}
STEPS_BY_NUMBER: dict[int, Step] = {step.number: step for step in STEPS}

#: Words that name the whole continuum, not a level on it.
UMBRELLA_WORDS = ("samhandling", "interaction", "integration")


# --- the situations -----------------------------------------------------------------------


@dataclass(frozen=True)
class Vignette:
    """A short, invented situation from Fjordvik with a suggested placement and why."""

    key: str
    title: dict[str, str]
    text: dict[str, str]
    level: str
    step: int
    why: dict[str, str]

    def describe(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": dict(self.title),
            "text": dict(self.text),
            "level": self.level,
            "step": self.step,
            "why": dict(self.why),
        }


VIGNETTES: tuple[Vignette, ...] = (
    Vignette(
        key="nurse_school_termly",
        title={
            "nb": "Helsesykepleier og skolen møtes hvert semester",
            "en": "The school nurse and the school meet each term",
        },
        text={
            "nb": "Helsesykepleieren og ledelsen på Fjordvik skole møtes én gang i semesteret. "
            "De forteller hverandre generelt om hva de ser blant elevene, men snakker ikke om "
            "enkeltelever og lager ingen felles plan.",
            "en": "The school nurse (helsesykepleier) and the leaders of Fjordvik school meet "
            "once a term. They tell each other in general terms what they see among the pupils, "
            "but do not discuss individual pupils and make no joint plan.",
        },
        level="cooperation",
        step=1,
        why={
            "nb": "Møtet er nyttig, men lite forpliktende: hver tjeneste beholder sine egne mål "
            "og planer, og det som utveksles, er informasjon. Derfor samarbeid, trinn 1. Hvis "
            "møtene står i en skriftlig avtale med faste punkter, vil noen si at det nærmer seg "
            "samordning.",
            "en": "The meeting is useful but asks little commitment: each service keeps its own "
            "goals and plans, and what they exchange is information. Hence cooperation "
            "(samarbeid), step 1. If the meetings are part of a written agreement with a fixed "
            "agenda, some would say it is moving towards coordination (samordning).",
        },
    ),
    Vignette(
        key="jonas_two_views",
        title={
            "nb": "Skolen og helsesykepleieren ser ulikt på Jonas",
            "en": "The school and the school nurse see Jonas differently",
        },
        text={
            "nb": "Jonas (14) er borte fra skolen mange dager i måneden. Skolen tror han "
            "skulker, helsesykepleieren tror han er deprimert. Kontaktlæreren og "
            "helsesykepleieren setter seg ned med Jonas og foreldrene for å bli enige om hva "
            "som egentlig er problemet.",
            "en": "Jonas (14) misses school many days a month. The school thinks he is "
            "truanting; the school nurse thinks he is depressed. His form teacher and the "
            "school nurse sit down with Jonas and his parents to agree on what the problem "
            "really is.",
        },
        level="cooperation",
        step=2,
        why={
            "nb": "De prøver å komme fram til en felles forståelse av problemet – trinn 2. Det "
            "skjer fordi to fagfolk tar initiativ, ikke fordi en rutine krever det, og ingen "
            "har ennå forpliktet seg til en plan. Derfor samarbeid. Noen vil kalle det "
            "begynnende samordning – et godt spørsmål å diskutere.",
            "en": "They are trying to reach a common understanding of the problem – step 2. It "
            "happens because two professionals take the initiative, not because a routine "
            "requires it, and nobody has yet committed to a plan. Hence cooperation "
            "(samarbeid). Some would call it the start of coordination – a good question to "
            "discuss.",
        },
    ),
    Vignette(
        key="ppt_bup_same_child",
        title={
            "nb": "PPT og BUP utreder samme barn",
            "en": "PPT and BUP are assessing the same child",
        },
        text={
            "nb": "PPT og BUP oppdager at begge har satt i gang en utredning av den samme gutten "
            "på ni år. De avtaler hvem som utreder hva, og at de ikke skal gi familien "
            "motstridende råd mens utredningen pågår.",
            "en": "PPT (the educational-psychological service) and BUP (child and adolescent "
            "mental health services) find that both have started assessing the same "
            "nine-year-old boy. They agree who assesses what, and not to give the family "
            "conflicting advice while the assessment is under way.",
        },
        level="coordination",
        step=3,
        why={
            "nb": "De tilpasser arbeidet til hverandre og gjør en konkret avtale, så de ikke "
            "undergraver hverandre med dobbel utredning og motstridende råd – trinn 3. Avtalen "
            "gjør dette til samordning, men bare på ett punkt: de har ingen felles plan for "
            "gutten ennå. Noen vil derfor si samarbeid.",
            "en": "They fit their work to each other and make a concrete agreement, so they do "
            "not undermine each other with a double assessment and conflicting advice – step 3. "
            "The agreement makes this coordination (samordning), but on one point only: they "
            "have no joint plan for the boy yet. Some would therefore say cooperation.",
        },
    ),
    Vignette(
        key="sara_joint_plan",
        title={"nb": "Én felles plan for Sara", "en": "One joint plan for Sara"},
        text={
            "nb": "Sara (17) bor i fosterhjem og fyller snart 18. Barnevernet, BUP og skolen "
            "blir enige om én felles plan for henne, med mål, tiltak og hvem som gjør hva – og "
            "med én koordinator som følger opp planen.",
            "en": "Sara (17) lives in foster care and turns 18 soon. Child welfare (barnevern), "
            "BUP and her school agree on one joint plan for her, with goals, measures and who "
            "does what – and with one coordinator who follows up the plan.",
        },
        level="coordination",
        step=4,
        why={
            "nb": "En forpliktende, skriftlig plan med fordelt ansvar og en koordinator er "
            "samordning slik Ledang og Horn beskriver det: mer forpliktelse og mer "
            "formalisering enn samarbeid. Felles plan og felles tiltak er trinn 4. Det er ikke "
            "kollaborasjon så lenge hver tjeneste beholder sitt eget mandat og budsjett.",
            "en": "A binding, written plan with shared-out responsibility and a coordinator is "
            "coordination (samordning) as Ledang and Horn describe it: more commitment and more "
            "formality than cooperation. A joint plan and joint measures are step 4. It is not "
            "collaboration as long as each service keeps its own mandate and budget.",
        },
    ),
    Vignette(
        key="concern_routine",
        title={"nb": "En felles rutine for bekymring", "en": "A shared routine for concerns"},
        text={
            "nb": "Læreren til Emil (8) var usikker på om hun kunne si noe til barnevernet. "
            "Etterpå lager skolene og barnevernet i Fjordvik en felles rutine for å drøfte og "
            "melde bekymring. Alle lærere får opplæring, og rutinen blir fulgt opp hvert halvår.",
            "en": "Emil's teacher was unsure whether she could tell child welfare about Emil "
            "(8). Afterwards, the schools and child welfare in Fjordvik make a shared routine "
            "for discussing and reporting concern. All teachers are trained, and the routine is "
            "followed up every six months.",
        },
        level="coordination",
        step=5,
        why={
            "nb": "En felles rutine blir tatt i bruk og fulgt opp i hverdagen. Det er trinnet "
            "Fafo (2020) la til: implementering av ny praksis. Rutinen er formell og "
            "forpliktende, altså samordning. Tjenestene har ikke slått sammen mål eller "
            "ressurser, så det er ikke kollaborasjon.",
            "en": "A shared routine is put into everyday use and followed up. That is the step "
            "Fafo (2020) added: implementing new practice. The routine is formal and binding, "
            "so coordination (samordning). The services have not pooled goals or resources, so "
            "it is not collaboration.",
        },
    ),
    Vignette(
        key="family_house",
        title={"nb": "Under samme tak", "en": "Under one roof"},
        text={
            "nb": "Helsestasjonen, PPT og barnevernet i Fjordvik flytter inn i samme bygg, et "
            "familiens hus. De deler kantine og resepsjon, men har fortsatt egne møter, egne "
            "planer og egne ventelister.",
            "en": "The health centre (helsestasjon), PPT and child welfare in Fjordvik move "
            "into the same building, a family centre (familiens hus). They share a canteen and "
            "a reception, but still have their own meetings, their own plans and their own "
            "waiting lists.",
        },
        level="cooperation",
        step=1,
        why={
            "nb": "Å sitte i samme hus gjør det lettere å snakke sammen, men er ikke samordning "
            "i seg selv. Ledang og Horn skriver at fysisk nærhet kan bidra til å øke "
            "samordningen, «men ikke nødvendigvis». Samtaler i kantina er deling av informasjon "
            "– trinn 1. Et godt utgangspunkt, men ikke et mål.",
            "en": "Sitting in the same building makes it easier to talk, but is not "
            "coordination (samordning) in itself. Ledang and Horn write that physical proximity "
            "can help increase coordination, 'but not necessarily'. Talk in the canteen is "
            "sharing information – step 1. A good starting point, but not a goal.",
        },
    ),
    Vignette(
        key="youth_team",
        title={"nb": "Et felles ungdomsteam", "en": "A joint youth team"},
        text={
            "nb": "NAV og kommunens tjeneste for psykisk helse og rus i Fjordvik setter av deler "
            "av budsjettene sine til et felles ungdomsteam for unge som Ali (19), som har falt "
            "ut av skole og tjenester. Teamet har felles leder, felles mål og felles ansvar, og "
            "begge tjenestene har endret hvordan de jobber med unge voksne.",
            "en": "In Fjordvik, NAV and the municipal mental health and substance use service "
            "set aside parts of their budgets for a joint youth team for young people like Ali "
            "(19), who has dropped out of school and services. The team has one leader, shared "
            "goals and shared responsibility, and both services have changed how they work "
            "with young adults.",
        },
        level="collaboration",
        step=5,
        why={
            "nb": "Felles mål, felles ressurser og felles ansvar – og tjenestene har endret egen "
            "praksis. Det er det mest forpliktende nivået på kontinuumet (collaboration) og "
            "trinn 5 på trappen. Det krever mye tid og ledelse og er ikke svaret på alt: poenget "
            "er å velge det nivået oppgaven trenger.",
            "en": "Shared goals, pooled resources and shared responsibility – and the services "
            "have changed their own practice. That is the most binding level on the continuum "
            "(collaboration) and step 5 on the ladder. It takes much time and leadership and is "
            "not the answer to everything: the point is to choose the level the task needs.",
        },
    ),
    Vignette(
        key="mia_parents",
        title={"nb": "Foreldrene bærer beskjedene", "en": "The parents carry the messages"},
        text={
            "nb": "Foreldrene til Mia (4) bringer selv beskjeder mellom habiliteringstjenesten, "
            "PPT og barnehagen. Tjenestene snakker nesten ikke direkte med hverandre, og hver av "
            "dem har sin egen plan for Mia.",
            "en": "The parents of Mia (4) carry messages themselves between the habilitation "
            "service, PPT and the kindergarten. The services hardly talk to each other "
            "directly, and each has its own plan for Mia.",
        },
        level="cooperation",
        step=1,
        why={
            "nb": "Informasjonen blir delt, men det er familien som gjør jobben – tjenestene er "
            "knapt på trinn 1 seg imellom. Vi plasserer det som samarbeid, trinn 1, men man kan "
            "godt si at det ligger under trappen. Fra 2022 kan familier som Mias ha rett til en "
            "barnekoordinator.",
            "en": "The information is shared, but the family does the work – between "
            "themselves the services hardly reach step 1. We place it as cooperation "
            "(samarbeid), step 1, but one could well say it is below the ladder. Since 2022, "
            "families like Mia's may have a right to a child coordinator (barnekoordinator).",
        },
    ),
)

VIGNETTES_BY_KEY: dict[str, Vignette] = {v.key: v for v in VIGNETTES}


def check_vignettes(vignettes: tuple[Vignette, ...]) -> None:
    """Raise a ValueError naming every situation with an unknown level or step, or a text
    missing in a language. Run at import, so a typo fails there and not in a classroom."""
    problems = []
    for vignette in vignettes:
        if vignette.level not in LEVELS_BY_KEY:
            problems.append(
                f"{vignette.key}: level {vignette.level!r} is not one of {list(LEVELS_BY_KEY)}"
            )
        if vignette.step not in STEPS_BY_NUMBER:
            problems.append(
                f"{vignette.key}: step {vignette.step!r} is not one of {list(STEPS_BY_NUMBER)}"
            )
        for name in ("title", "text", "why"):
            field = getattr(vignette, name)
            if set(field) != set(LANGUAGES) or not all(field.values()):
                problems.append(f"{vignette.key}: {name} needs a text in each of {LANGUAGES}")
    if problems:
        raise ValueError("the situations do not fit the scales: " + "; ".join(problems))


check_vignettes(VIGNETTES)


# --- words on the screen ------------------------------------------------------------------

TEXT = TextTable(
    "samlab.concepts.TEXT",
    {
        "situation": {"nb": "Situasjon", "en": "Situation"},
        "level": {"nb": "Nivå", "en": "Level"},
        "step": {"nb": "Trinn", "en": "Step"},
        "why": {"nb": "Begrunnelse", "en": "Why"},
        "choose": {"nb": "— velg —", "en": "— choose —"},
        "check": {"nb": "Sjekk", "en": "Check"},
        "continuum": {"nb": "Kontinuum", "en": "Continuum"},
        "ladder": {"nb": "Samordningstrappen", "en": "Ladder (samordningstrappen)"},
        "you_chose": {"nb": "du valgte", "en": "you chose"},
        "suggestion": {"nb": "forslaget", "en": "the suggestion"},
        "suggested": {
            "nb": "Forslag: {level}, trinn {step}.",
            "en": "Suggestion: {level}, step {step}.",
        },
        "same": {"nb": "Samme som forslaget.", "en": "Same as the suggestion."},
        "disagree": {
            "nb": "Her kan fornuftige folk komme til ulike svar. Det viktige er at dere kan "
            "begrunne plasseringen og blir enige om hva ordene betyr hos dere.",
            "en": "Reasonable people may disagree. What matters is that you can give reasons for "
            "your placement and agree what the words mean where you work.",
        },
        "nothing_chosen": {
            "nb": "Velg et nivå eller et trinn for minst én situasjon, og trykk «Sjekk» igjen.",
            "en": "Choose a level or a step for at least one situation, then press 'Check' again.",
        },
        "score": {
            "nb": "Du har plassert {placed} av {total} situasjoner. Samme nivå som forslaget: "
            "{levels} av {n_levels}. Samme trinn som forslaget: {steps} av {n_steps}.",
            "en": "You have placed {placed} of {total} situations. Same level as the suggestion: "
            "{levels} of {n_levels}. Same step as the suggestion: {steps} of {n_steps}.",
        },
        "continuum_title": {
            "nb": "Fra samarbeid til kollaborasjon: et kontinuum (Keast, Brown & Mandell 2007)",
            "en": "From cooperation to collaboration: a continuum (Keast, Brown & Mandell 2007)",
        },
        "continuum_arrow": {
            "nb": "Mer intensitet, forpliktelse og formalisering →",
            "en": "More intensity, commitment and formality →",
        },
        "umbrella": {
            "nb": "Samhandling: paraplyord for alle tre i helsetjenestene – "
            "hos Ledang & Horn på linje med samarbeid",
            "en": "Samhandling: the health services' umbrella word for all three – "
            "for Ledang & Horn on a par with samarbeid",
        },
        "continuum_note": {
            "nb": "Koblingen til norske ord er en rimelig tolkning, ikke en offisiell "
            "oversettelse.",
            "en": "Mapping the Norwegian words onto the continuum is a reasonable reading, "
            "not an official translation.",
        },
        "ladder_title": {
            "nb": "Samordningstrappen: fem trinn",
            "en": "The coordination ladder (samordningstrappen): five steps",
        },
        "ladder_difi": {
            "nb": "Difis samordningstrapp (Difi er nå DFØ)",
            "en": "Difi's coordination ladder (Difi is now DFØ)",
        },
        "ladder_fafo": {"nb": "Trinnet Fafo (2020) legger til", "en": "The step Fafo (2020) adds"},
        "ladder_note": {
            "nb": "Trinn 1–4 i kort form. Samarbeid og samordning er en kontinuerlig prosess, "
            "ikke en lineær (Fafo 2020).",
            "en": "Steps 1–4 in short form. Cooperation and coordination are a continuous, "
            "not a linear, process (Fafo 2020).",
        },
        "placement_title": {
            "nb": "Situasjonene i Fjordvik: hvor ligger de?",
            "en": "The situations in Fjordvik: where do they sit?",
        },
        "legend_suggested": {"nb": "Forslag", "en": "Suggestion"},
        "legend_yours": {"nb": "Din plassering", "en": "Your placement"},
        "placement_note": {
            "nb": "Forslag, ikke fasit: fornuftige folk kan komme til ulike svar.",
            "en": "Suggestions, not a key: reasonable people may disagree.",
        },
    },
)

_COUNT_WORDS = {
    "nb": {1: "ett", 2: "to", 3: "tre", 4: "fire"},
    "en": {1: "one", 2: "two", 3: "three", 4: "four"},
}


def text(key: str, lang: str, **fields) -> str:
    """A piece of screen text from this module in ``lang``."""
    return TEXT.text(key, lang, **fields)


def _distance(kind: str, distance: int, lang: str) -> str:
    if distance == 0:
        return text("same", lang)
    count = _COUNT_WORDS[lang].get(distance, str(distance))
    if lang == "nb":
        unit = "nivå" if kind == "level" else "trinn"
        if kind == "level" and distance > 1:
            unit = "nivåer"
        return f"{count.capitalize()} {unit} unna forslaget."
    unit = "level" if kind == "level" else "step"
    plural = "" if distance == 1 else "s"
    return f"{count.capitalize()} {unit}{plural} away from the suggestion."


# --- reading what a participant typed -----------------------------------------------------


def _normalise(value: str) -> str:
    """Lower case, no parentheses, single spaces, no hyphens or trailing punctuation."""
    value = unicodedata.normalize("NFC", value).casefold()
    value = re.sub(r"\(.*?\)", " ", value)
    value = value.replace("’", "'").replace("-", "").replace("–", " ")
    value = re.sub(r"\s+", " ", value).strip(" .,:;!?")
    return value


_LEVEL_LOOKUP: dict[str, str] = {}
for _level in LEVELS:
    for _word in (_level.key, *_level.aliases, *_level.name.values()):
        _LEVEL_LOOKUP[_normalise(_word)] = _level.key

_STEP_LOOKUP: dict[str, int] = {}
for _step in STEPS:
    for _word in (*_step.aliases, *_step.name.values(), *(_step.label(x) for x in ("nb", "en"))):
        _STEP_LOOKUP[_normalise(_word)] = _step.number


def _allowed_levels(lang: str) -> str:
    if lang == "nb":
        return "samarbeid (cooperation), samordning (coordination), kollaborasjon (collaboration)"
    return "cooperation (samarbeid), coordination (samordning), collaboration (kollaborasjon)"


def parse_level(level: Any, lang: str = DEFAULT_LANG) -> str:
    """The key of a continuum level, from its key or its nb or en name in any capitalisation.

    ``"Samordning"``, ``"coordination"``, ``" samordning "`` and ``"Co-ordination"`` all give
    ``"coordination"``. Anything else raises :class:`SamlabValueError` naming what is allowed.
    """
    check_lang(lang)
    if isinstance(level, str):
        word = _normalise(level)
        if word in _LEVEL_LOOKUP:
            return _LEVEL_LOOKUP[word]
        if word in UMBRELLA_WORDS:
            if lang == "nb":
                raise SamlabValueError(
                    f"«{level.strip()}» brukes på to måter: som paraplyordet som dekker alle "
                    "tre nivåene (helsetjenestene, og stort sett dette kurset), og hos Ledang "
                    "og Horn som en løsere form på linje med samarbeid; velg ett av nivåene: "
                    f"{_allowed_levels(lang)}"
                )
            raise SamlabValueError(
                f"'{level.strip()}' is used in two ways: as the umbrella word that covers all "
                "three levels (the health services, and mostly this course), and by Ledang and "
                "Horn as a looser form on a par with samarbeid; choose one of the levels: "
                f"{_allowed_levels(lang)}"
            )
    if lang == "nb":
        raise SamlabValueError(f"ukjent nivå {level!r}; velg ett av: {_allowed_levels(lang)}")
    raise SamlabValueError(f"unknown level {level!r}; choose one of: {_allowed_levels(lang)}")


def parse_step(step: Any, lang: str = DEFAULT_LANG) -> int:
    """The number of a ladder step, from 1–5, ``"3"``, ``"trinn 3"``, ``"step 3"`` or its name."""
    check_lang(lang)
    number: int | None = None
    if isinstance(step, numbers.Real) and not isinstance(step, bool):
        if float(step).is_integer():
            number = int(step)
    elif isinstance(step, str):
        word = _normalise(step)
        if word in _STEP_LOOKUP:
            return _STEP_LOOKUP[word]
        match = re.fullmatch(r"(?:trinn|step)?\s*(\d+)", word)
        if match:
            number = int(match.group(1))
    if number in STEPS_BY_NUMBER:
        return number
    names = "; ".join(s.label(lang) for s in STEPS)
    if lang == "nb":
        raise SamlabValueError(f"ukjent trinn {step!r}; trinnene er 1 til 5 ({names})")
    raise SamlabValueError(f"unknown step {step!r}; the steps are 1 to 5 ({names})")


def get_vignette(vignette_id: str, lang: str = DEFAULT_LANG) -> Vignette:
    """One situation by its id; an unknown id raises an error that lists the ids."""
    check_lang(lang)
    if isinstance(vignette_id, str) and vignette_id.strip() in VIGNETTES_BY_KEY:
        return VIGNETTES_BY_KEY[vignette_id.strip()]
    ids = ", ".join(VIGNETTES_BY_KEY)
    if lang == "nb":
        raise SamlabValueError(f"ukjent situasjon {vignette_id!r}; situasjonene er: {ids}")
    raise SamlabValueError(f"unknown situation {vignette_id!r}; the situations are: {ids}")


# --- feedback -----------------------------------------------------------------------------


def check_placement(
    vignette_id: str, level: Any = None, step: Any = None, lang: str = DEFAULT_LANG
) -> str:
    """Feedback on a placement of one situation, with the suggested answer and why.

    ``level`` is a continuum level in nb or en, any capitalisation (``"Samordning"``,
    ``"coordination"``); ``step`` is a ladder step 1–5 (or ``"trinn 3"``, ``"step 3"``, its
    name). Either may be left out; with both left out the feedback just gives the
    suggestion. Unknown ids, levels or steps raise :class:`SamlabValueError`.
    """
    check_lang(lang)
    vignette = get_vignette(vignette_id, lang)
    suggested_level = LEVELS_BY_KEY[vignette.level]
    suggested_step = STEPS_BY_NUMBER[vignette.step]
    chosen_level = None if level is None else LEVELS_BY_KEY[parse_level(level, lang)]
    chosen_step = None if step is None else STEPS_BY_NUMBER[parse_step(step, lang)]
    number = VIGNETTES.index(vignette) + 1
    lines = [f"{text('situation', lang)} {number}: {vignette.title[lang]}"]
    if chosen_level is not None:
        distance = abs(chosen_level.rank - suggested_level.rank)
        lines.append(
            f"{text('level', lang)} – {text('you_chose', lang)}: {chosen_level.label(lang)}; "
            f"{text('suggestion', lang)}: {suggested_level.label(lang)}. "
            f"{_distance('level', distance, lang)}"
        )
    if chosen_step is not None:
        distance = abs(chosen_step.number - suggested_step.number)
        lines.append(
            f"{text('step', lang)} – {text('you_chose', lang)}: {chosen_step.label(lang)}; "
            f"{text('suggestion', lang)}: {suggested_step.label(lang)}. "
            f"{_distance('step', distance, lang)}"
        )
    if chosen_level is None and chosen_step is None:
        lines.append(
            text(
                "suggested",
                lang,
                level=suggested_level.label(lang),
                step=f"{suggested_step.number} ({suggested_step.name[lang]})",
            )
        )
    lines.append(f"{text('why', lang)}: {vignette.why[lang]}")
    lines.append(text("disagree", lang))
    return "\n".join(lines)


def suggestions(lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Every situation with its suggested level and step and why, as a table in ``lang``."""
    check_lang(lang)
    rows = [
        {
            "#": i,
            text("situation", lang): v.title[lang],
            text("level", lang): LEVELS_BY_KEY[v.level].label(lang),
            text("step", lang): STEPS_BY_NUMBER[v.step].label(lang),
            text("why", lang): v.why[lang],
        }
        for i, v in enumerate(VIGNETTES, start=1)
    ]
    return pd.DataFrame(rows).set_index("#")


def vignettes(lang: str = DEFAULT_LANG) -> list[dict[str, Any]]:
    """Every situation: id, title and text in ``lang`` (no suggested answer)."""
    check_lang(lang)
    return [{"id": v.key, "title": v.title[lang], "text": v.text[lang]} for v in VIGNETTES]


# --- the exercise as a widget -------------------------------------------------------------


def _as_html(feedback: str) -> str:
    first, *rest = html.escape(feedback).split("\n")
    return f"<p><b>{first}</b><br>" + "<br>".join(rest) + "</p>"


class PlacementWidget(View):
    """One row per situation, each with a level and a step dropdown, and a Check button.

    ``levels[id]`` and ``steps[id]`` are the dropdowns, ``button`` the Check button and
    ``feedback`` the HTML it writes. A callback never raises: a problem shows a message.
    """

    def __init__(self, lang: str = DEFAULT_LANG):
        self.lang = check_lang(lang)
        choose = text("choose", lang)
        level_options = [(choose, None)] + [(lv.label(lang), lv.key) for lv in LEVELS]
        step_options = [(choose, None)] + [(st.label(lang), st.number) for st in STEPS]
        self.levels: dict[str, w.Dropdown] = {}
        self.steps: dict[str, w.Dropdown] = {}
        rows = []
        for i, vignette in enumerate(VIGNETTES, start=1):
            self.levels[vignette.key] = w.Dropdown(
                options=level_options,
                value=None,
                description=text("level", lang),
                layout=w.Layout(width="22em"),
            )
            self.steps[vignette.key] = w.Dropdown(
                options=step_options,
                value=None,
                description=text("step", lang),
                layout=w.Layout(width="28em"),
            )
            story = w.HTML(
                f"<p><b>{i}. {html.escape(vignette.title[lang])}</b><br>"
                f"{html.escape(vignette.text[lang])}</p>"
            )
            rows.append(
                w.VBox([story, w.HBox([self.levels[vignette.key], self.steps[vignette.key]])])
            )
        self.button = w.Button(description=text("check", lang), button_style="primary")
        self.message = w.HTML(message_html("info", ""))
        self.feedback = w.HTML()
        self.button.on_click(self._on_click)
        self.widget = w.VBox([*rows, self.button, self.message, self.feedback])

    def placements(self) -> dict[str, tuple[str | None, int | None]]:
        """The situations placed so far: id → (level key or None, step or None)."""
        return {
            key: (self.levels[key].value, self.steps[key].value)
            for key in self.levels
            if self.levels[key].value is not None or self.steps[key].value is not None
        }

    def _on_click(self, _button=None) -> None:
        self.check()

    def check(self) -> bool:
        """Write feedback for every placed situation. False if nothing could be checked."""
        return self._attempt(self._check) and bool(self.feedback.value)

    def _check(self) -> str:
        chosen = self.placements()
        if not chosen:
            self.feedback.value = ""
            return text("nothing_chosen", self.lang)
        blocks = [
            _as_html(check_placement(key, level=level, step=step, lang=self.lang))
            for key, (level, step) in chosen.items()
        ]
        levels = [(k, lv) for k, (lv, _) in chosen.items() if lv is not None]
        steps = [(k, st) for k, (_, st) in chosen.items() if st is not None]
        self.feedback.value = "".join(blocks)
        return text(
            "score",
            self.lang,
            placed=len(chosen),
            total=len(VIGNETTES),
            levels=sum(VIGNETTES_BY_KEY[k].level == lv for k, lv in levels),
            n_levels=len(levels),
            steps=sum(VIGNETTES_BY_KEY[k].step == st for k, st in steps),
            n_steps=len(steps),
        )


def placement_widget(lang: str = DEFAULT_LANG) -> PlacementWidget:
    """The placement exercise; see :class:`PlacementWidget`."""
    return PlacementWidget(lang=lang)


# --- figures ------------------------------------------------------------------------------


_LEVEL_COLOURS = {
    "cooperation": "#cfe6f5",
    "coordination": OKABE_ITO["sky_blue"],
    "collaboration": OKABE_ITO["blue"],
}


def continuum_figure(lang: str = DEFAULT_LANG) -> Figure:
    """The three levels as boxes along an arrow of rising intensity and formality, with
    samhandling's two uses noted above them: the umbrella over all three, or (Ledang & Horn)
    a looser form on a par with samarbeid."""
    check_lang(lang)
    with mpl.rc_context(FONT):
        fig = new_figure(12, 5.2)
        ax = fig.subplots()
        ax.set_xlim(0, 12)
        ax.set_ylim(0, 6.3)
        ax.axis("off")
        for i, level in enumerate(LEVELS):
            x0, height = 0.25 + 4 * i, 3.0 + 0.5 * i
            colour = _LEVEL_COLOURS[level.key]
            ax.add_patch(
                FancyBboxPatch(
                    (x0, 1.1),
                    3.5,
                    height,
                    boxstyle="round,pad=0.05,rounding_size=0.2",
                    facecolor=colour,
                    edgecolor="#333333",
                )
            )
            dark = level.key == "collaboration"
            ink = "white" if dark else "black"
            ax.text(
                x0 + 1.75,
                1.1 + height - 0.3,
                level.label(lang),
                ha="center",
                va="top",
                fontsize=14,
                fontweight="bold",
                color=ink,
            )
            wrapped = textwrap.fill(level.description[lang], 34)
            ax.text(
                x0 + 1.75,
                1.1 + height - 0.85,
                wrapped,
                ha="center",
                va="top",
                fontsize=10.5,
                color=ink,
            )
        ax.annotate(
            "",
            xy=(11.9, 0.55),
            xytext=(0.1, 0.55),
            arrowprops={"arrowstyle": "-|>", "linewidth": 2.5, "color": "#333333"},
        )
        ax.text(6, 0.2, text("continuum_arrow", lang), ha="center", va="center", fontsize=12)
        ax.plot(
            [0.25, 0.25, 11.75, 11.75],
            [5.55, 5.8, 5.8, 5.55],
            color=OKABE_ITO["orange"],
            linewidth=3,
        )
        ax.text(
            6,
            5.95,
            text("umbrella", lang),
            ha="center",
            va="bottom",
            fontsize=12,
            color="#8a5a00",
            fontweight="bold",
        )
        ax.set_title(text("continuum_title", lang))
        footnote(fig, text("continuum_note", lang))
    return fig


def ladder_figure(lang: str = DEFAULT_LANG) -> Figure:
    """The coordination ladder as a staircase: Difi's four steps and Fafo's fifth."""
    check_lang(lang)
    with mpl.rc_context(FONT):
        fig = new_figure(12, 5.8)
        ax = fig.subplots()
        ax.set_xlim(0, 12.5)
        ax.set_ylim(0, 6.2)
        ax.axis("off")
        width = 2.4
        for step in STEPS:
            x0 = (step.number - 1) * width
            fafo = step.source.startswith("Fafo")
            colour = OKABE_ITO["orange"] if fafo else OKABE_ITO["sky_blue"]
            ax.add_patch(
                FancyBboxPatch(
                    (x0 + 0.05, 0.0),
                    width - 0.1,
                    step.number,
                    boxstyle="square,pad=0",
                    facecolor=colour,
                    edgecolor="white",
                    linewidth=2,
                    hatch="//" if fafo else None,
                )
            )
            ax.text(
                x0 + width / 2,
                step.number - 0.15,
                str(step.number),
                ha="center",
                va="top",
                fontsize=20,
                fontweight="bold",
            )
            ax.text(
                x0 + width / 2,
                step.number + 0.1,
                textwrap.fill(step.name[lang], 18),
                ha="center",
                va="bottom",
                fontsize=11.5,
                fontweight="bold",
            )
            if step.number >= 2:
                ax.text(
                    x0 + width / 2,
                    step.number - 0.85,
                    textwrap.fill(step.description[lang], 22),
                    ha="center",
                    va="top",
                    fontsize=9.5,
                )
        ax.legend(
            handles=[
                Patch(facecolor=OKABE_ITO["sky_blue"], label=text("ladder_difi", lang)),
                Patch(facecolor=OKABE_ITO["orange"], hatch="//", label=text("ladder_fafo", lang)),
            ],
            loc="upper left",
            frameon=False,
        )
        ax.set_title(text("ladder_title", lang))
        footnote(fig, text("ladder_note", lang))
    return fig


def _read_placement(value: Any, lang: str) -> tuple[str | None, int | None]:
    if isinstance(value, Mapping):
        level, step = value.get("level"), value.get("step")
    else:
        level, step = value
    return (
        None if level is None else parse_level(level, lang),
        None if step is None else parse_step(step, lang),
    )


def placement_figure(
    placements: Mapping[str, Any] | None = None, lang: str = DEFAULT_LANG
) -> Figure:
    """Every situation at its suggested place (level × step), numbered as in the exercise.

    ``placements`` (e.g. ``widget.placements()``: id → (level, step)) adds your own
    placements as squares, joined to the suggestion by a line. Only situations with both a
    level and a step are drawn.
    """
    check_lang(lang)
    yours = {}
    for key, value in (placements or {}).items():
        get_vignette(key, lang)
        level, step = _read_placement(value, lang)
        if level is not None and step is not None:
            yours[key] = (LEVELS_BY_KEY[level].rank, step)
    numbers_of = {v.key: i for i, v in enumerate(VIGNETTES, start=1)}

    def offsets(cells: dict[str, tuple[int, int]], shift: float) -> dict[str, tuple[float, float]]:
        shared: dict[tuple[int, int], list[str]] = {}
        for key, cell in cells.items():
            shared.setdefault(cell, []).append(key)
        spots = {}
        for (x, y), keys in shared.items():
            rows = -(-len(keys) // 3)  # up to three across, then another row
            for j, key in enumerate(keys):
                row, col = divmod(j, 3)
                across = min(len(keys) - 3 * row, 3)
                spots[key] = (
                    x + shift + 0.15 * (col - (across - 1) / 2),
                    y + 0.3 * (row - (rows - 1) / 2),
                )
        return spots

    suggested = offsets(
        {v.key: (LEVELS_BY_KEY[v.level].rank, v.step) for v in VIGNETTES}, -0.22 if yours else 0
    )
    mine = offsets(yours, 0.22)
    with mpl.rc_context(FONT):
        fig = new_figure(12.5, 6.4)
        ax, key_ax = fig.subplots(1, 2, width_ratios=[1.7, 1])
        for key, (x, y) in mine.items():
            sx, sy = suggested[key]
            ax.plot([sx, x], [sy, y], color="#888888", linewidth=1, zorder=1)
        for key, (x, y) in suggested.items():
            ax.scatter(x, y, s=520, color=OKABE_ITO["blue"], zorder=2)
            ax.text(
                x,
                y,
                str(numbers_of[key]),
                color="white",
                ha="center",
                va="center",
                fontsize=12,
                fontweight="bold",
                zorder=3,
            )
        for key, (x, y) in mine.items():
            ax.scatter(
                x,
                y,
                s=420,
                marker="s",
                facecolor="white",
                edgecolor=OKABE_ITO["vermillion"],
                linewidth=2.5,
                zorder=2,
            )
            ax.text(
                x,
                y,
                str(numbers_of[key]),
                color=OKABE_ITO["vermillion"],
                ha="center",
                va="center",
                fontsize=11,
                fontweight="bold",
                zorder=3,
            )
        ax.set_xlim(0.5, 3.5)
        ax.set_ylim(0.5, 5.5)
        ax.set_xticks([1, 2, 3], [textwrap.fill(lv.label(lang), 16) for lv in LEVELS])
        ax.set_yticks([s.number for s in STEPS], [textwrap.fill(s.label(lang), 22) for s in STEPS])
        ax.set_xlabel(text("continuum", lang))
        ax.set_ylabel(text("ladder", lang))
        ax.grid(color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.spines[["top", "right"]].set_visible(False)
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=14,
                color=OKABE_ITO["blue"],
                label=text("legend_suggested", lang),
            ),
        ]
        if mine:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="s",
                    linestyle="",
                    markersize=13,
                    markerfacecolor="white",
                    markeredgecolor=OKABE_ITO["vermillion"],
                    markeredgewidth=2.5,
                    label=text("legend_yours", lang),
                )
            )
        ax.legend(handles=handles, loc="upper left", frameon=True, framealpha=0.9)
        key_ax.axis("off")
        listing = "\n".join(
            textwrap.fill(f"{i}. {v.title[lang]}", 42, subsequent_indent="    ")
            for i, v in enumerate(VIGNETTES, start=1)
        )
        key_ax.text(
            0.0,
            1.0,
            listing,
            ha="left",
            va="top",
            fontsize=11.5,
            linespacing=1.6,
            transform=key_ax.transAxes,
        )
        fig.suptitle(text("placement_title", lang), fontsize=14)
        footnote(fig, text("placement_note", lang))
    return fig


__all__ = [
    "LEVELS",
    "STEPS",
    "VIGNETTES",
    "Level",
    "PlacementWidget",
    "Step",
    "Vignette",
    "check_placement",
    "continuum_figure",
    "get_vignette",
    "ladder_figure",
    "parse_level",
    "parse_step",
    "placement_figure",
    "placement_widget",
    "suggestions",
    "vignettes",
]
