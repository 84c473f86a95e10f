"""Law and routines as levers: legal paths for sharing, BTI levels, coordination roles, stafettlogg.

Readable data and small checks a leader can use (course module 6 and exercise 4)::

    from samlab import law
    law.LEGAL_PATHS["duty_to_inform"]["name"]["nb"]     # 'Opplysningsplikt til barnevernet'
    law.route({"serious_risk_to_child": True, "measures_started": True, "services_involved": 2})
    # Route(path='duty_to_inform', level=2)
    law.eligible_roles({"needs_long_term_composite_services": True,
                        "needs_health_and_care_services": True,
                        "serious_illness_or_disability": True})
    log = law.read_stafettlogg("stafettlogg_jonas.csv")
    law.breaks(log, today="2025-03-03", lang="en")    # one row per break of the BTI rules

**A teaching simplification, not legal advice.** The rules here are the course's plain-language
summary of the sources below, written so that a leader can discuss routines. They leave out
conditions and exceptions, and the law changes. Before acting in a real case, read the current
law on Lovdata, the cross-sector guide *Samarbeid om tjenester til barn, unge og deres familier*
(2022), the Justice Ministry's guide *Taushetsplikt, opplysningsrett og opplysningsplikt i
forvaltningen* (2023) and the KS guide on confidentiality and collaboration (*taushetsplikt og
samhandling*, 2013), and ask your municipality's legal adviser. Section numbers are given only
where they were checked against the law text; :data:`SECTIONS` lists them, and every legal
statement carries the date it was last checked (:data:`LAST_CHECKED`). Look the rest up in the
current law.

Sources: the course reference (Norwegian law and tools: taushetsplikt as the default, consent
opening for sharing, opplysningsplikt overriding confidentiality when there is reason to believe
a child is at serious risk, avvergeplikt in straffeloven § 196 for everyone, BTI levels 0–3 and
the stafettlogg rules, barnekoordinator from Prop. 100 L (2020–2021), in force 1 August 2022);
the law texts on Lovdata for the section numbers in :data:`SECTIONS` (straffeloven §§ 196 and
282, forvaltningsloven § 13 b, helsepersonelloven § 23, helse- og omsorgstjenesteloven §§ 7-2
and 7-2 a, barnevernsloven (2021) §§ 2-1 and 2-2); Justis- og beredskapsdepartementet (2023)
*Taushetsplikt, opplysningsrett og opplysningsplikt i forvaltningen – en veileder*
(opplysningsrett; the duty to inform is personal);
RKBU Nord (2017) *Kunnskapssammenstilling om faktorer som påvirker samhandling mellom
velferdssektorene om utsatte barn og unge* (consent and anonymisation as exceptions,
opplysningsplikt less well known than taushetsplikt, missing training and routines behind
under-reporting, missing arenas to discuss concern, individual plans and the coordinator role);
BarnUnge21 (2020) *Ledelse for kunnskapsbasert, samordnet og brukerrettet praksis* (BTI:
coordinated effort "without breaks in the follow-up"; children involved in matters that concern
them); Ledang & Horn *Styrk innsatsen rundt utsatte barn og unge!* (correct handling of
confidentiality as a precondition for trust).
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import pandas as pd

from .checks import normalise
from .csv_rows import Rows, read_text
from .errors import SamlabValueError
from .translation import DEFAULT_LANG, TextTable, check_lang

DISCLAIMER = {
    "nb": "Dette er en forenkling for undervisning, ikke juridisk rådgivning. I en virkelig sak "
    "gjelder gjeldende lovtekst (Lovdata), veilederen «Samarbeid om tjenester til barn, unge og "
    "deres familier» (2022), Justis- og beredskapsdepartementets veileder «Taushetsplikt, "
    "opplysningsrett og opplysningsplikt i forvaltningen» (2023) og KS-veilederen om "
    "taushetsplikt og samhandling (2013) – og spør kommunens jurist.",
    "en": "This is a teaching simplification, not legal advice. In a real case, the current law "
    "(Lovdata), the guide 'Samarbeid om tjenester til barn, unge og deres familier' (2022), the "
    "Justice Ministry's guide 'Taushetsplikt, opplysningsrett og opplysningsplikt i "
    "forvaltningen' (2023) and the KS guide on confidentiality and collaboration (taushetsplikt "
    "og samhandling, 2013) apply – and ask your municipality's legal adviser.",
}

#: The date every legal statement in this module (and the course glossary's legal entries) was
#: last checked against the law text on Lovdata and the guides named in :data:`DISCLAIMER`.
LAST_CHECKED = "2026-12-05"

#: The course glossary's entries (course/{nb,en}/glossary.ipynb) that state the law; each one
#: ends with the date it was last checked, :data:`LAST_CHECKED`, labelled as in
#: :data:`CHECKED_LABEL`.
GLOSSARY_LEGAL_TERMS = (
    "samordning",
    "samarbeidsplikt",
    "koordinator",
    "Koordinerende enhet",
    "Individuell plan (IP)",
    "barnekoordinator",
    "taushetsplikt",
    "opplysningsplikt",
    "avvergeplikt",
    "opplysningsrett",
    "samtykke",
)
CHECKED_LABEL = {
    "nb": "*Sist sjekket mot lovteksten:*",
    "en": "*Last checked against the law text:*",
}

#: The section numbers the course cites, each checked against the law text on
#: :data:`LAST_CHECKED`. Any other section must be looked up in the current law.
SECTIONS: dict[str, dict[str, str]] = {
    "straffeloven § 196": {
        "nb": "avvergeplikten",
        "en": "the duty to avert (avvergeplikt)",
        "last_checked": LAST_CHECKED,
    },
    "straffeloven § 282": {
        "nb": "mishandling i nære relasjoner – en av handlingene § 196 gjelder",
        "en": "abuse in close relationships (mishandling i nære relasjoner) – one of the "
        "crimes § 196 covers",
        "last_checked": LAST_CHECKED,
    },
    "forvaltningsloven § 13 b første ledd nr. 5–7": {
        "nb": "opplysningsrett: til andre forvaltningsorganer for avgiverorganets egne oppgaver "
        "(nr. 5), om lovbrudd til politiet eller tilsynsmyndigheten (nr. 6), for å unngå fare "
        "for liv eller helse (nr. 7)",
        "en": "opplysningsrett (a right to share): to other public bodies for the disclosing "
        "body's own tasks (no. 5), about offences to the police or the supervisory authority "
        "(no. 6), to avoid danger to life or health (no. 7)",
        "last_checked": LAST_CHECKED,
    },
    "helsepersonelloven § 23 nr. 4": {
        "nb": "opplysningsrett for helsepersonell når tungtveiende private eller offentlige "
        "interesser gjør det rett å gi opplysningene videre",
        "en": "opplysningsrett for health personnel when weighty private or public interests "
        "make it right to pass the information on",
        "last_checked": LAST_CHECKED,
    },
    "helse- og omsorgstjenesteloven § 7-2": {
        "nb": "koordinator for pasienter og brukere med behov for komplekse eller langvarige og "
        "koordinerte tjenester",
        "en": "a coordinator (koordinator) for patients and users who need complex or long-term "
        "and coordinated services",
        "last_checked": LAST_CHECKED,
    },
    "helse- og omsorgstjenesteloven § 7-2 a": {
        "nb": "barnekoordinator",
        "en": "the child coordinator (barnekoordinator)",
        "last_checked": LAST_CHECKED,
    },
    "barnevernsloven § 2-1": {
        "nb": "barnevernstjenesten gjennomgår en bekymringsmelding snarest og senest innen en "
        "uke, og vurderer om den skal følges opp med undersøkelse",
        "en": "child welfare reviews a report of concern (bekymringsmelding) at once and within "
        "a week at the latest, and decides whether to investigate",
        "last_checked": LAST_CHECKED,
    },
    "barnevernsloven § 2-2": {
        "nb": "barnevernstjenestens undersøkelse, gjennomført snarest og senest innen tre "
        "måneder, i særlige tilfeller seks",
        "en": "child welfare's investigation (undersøkelse), finished at once and within three "
        "months at the latest, in special cases six",
        "last_checked": LAST_CHECKED,
    },
}

# --- (1) legal paths for information --------------------------------------------------------

#: The five ways a concern about a child can move between services, in the order
#: :func:`route` checks them. ``applies`` says when the path applies; ``routine`` lists what
#: the leader's routine must ensure; ``law`` names the checked sections (see :data:`SECTIONS`);
#: ``source`` names where the course takes it from; ``last_checked`` is the date the statement
#: was last checked against the law text.
LEGAL_PATHS: dict[str, dict[str, Any]] = {
    "duty_to_avert": {
        "term": "avvergeplikt",
        "name": {"nb": "Avvergeplikt", "en": "Duty to avert (avvergeplikt)"},
        "applies": {
            "nb": "Det fremstår som sikkert eller mest sannsynlig at en alvorlig straffbar "
            "handling som straffeloven § 196 lister opp, vil bli eller er begått – for eksempel "
            "alvorlig vold, seksuelle overgrep eller mishandling i nære relasjoner "
            "(straffeloven § 282) – og handlingen eller følgene av den fortsatt kan avverges. "
            "Det gjelder også vold som pågår: gjentatt vold fra en forelder barnet bor med, er "
            "mishandling som sannsynligvis fortsetter, selv uten en ny trussel. Plikten gjelder "
            "alle, ikke bare ansatte, og den gjelder uten hensyn til taushetsplikt.",
            "en": "It appears certain or most likely that a serious crime listed in straffeloven "
            "(the Penal Code) § 196 will be or is being committed – for example serious "
            "violence, sexual abuse or abuse in close relationships (mishandling i nære "
            "relasjoner, straffeloven § 282) – and the act or its consequences can still be "
            "averted. That covers violence that is going on: repeated violence from a parent "
            "the child lives with is abuse that is likely to continue, even without a new "
            "threat. The duty applies to everyone, not only staff, and regardless of "
            "confidentiality (taushetsplikt).",
        },
        "routine": {
            "nb": [
                "Alle ansatte vet at avvergeplikten gjelder dem personlig og går foran "
                "taushetsplikten.",
                "Rutinen sier at man varsler politiet straks (eller avverger på annen måte) – "
                "ikke venter på et møte eller på lederen.",
                "Ansatte vet at plikten også gjelder pågående mishandling i nære relasjoner "
                "(§ 282), ikke bare en ny, konkret trussel.",
                "Lederen følger opp den ansatte etterpå, og vurderer om opplysningsplikten til "
                "barnevernet også gjelder når et barn er berørt.",
            ],
            "en": [
                "All staff know that the duty to avert applies to them personally and overrides "
                "confidentiality.",
                "The routine says to alert the police at once (or avert the crime in another "
                "way) – not to wait for a meeting or for the leader.",
                "Staff know that the duty also covers ongoing abuse in close relationships "
                "(§ 282), not only a new, specific threat.",
                "The leader follows up the employee afterwards, and considers whether the duty "
                "to inform child welfare also applies when a child is affected.",
            ],
        },
        "law": "straffeloven § 196, jf. § 282",
        "source": "Straffeloven §§ 196 and 282 (Lovdata); Justis- og beredskapsdepartementet "
        "(2023); the course glossary (ordliste).",
        "last_checked": LAST_CHECKED,
    },
    "duty_to_inform": {
        "term": "opplysningsplikt",
        "name": {
            "nb": "Opplysningsplikt til barnevernet",
            "en": "Duty to inform child welfare (opplysningsplikt)",
        },
        "applies": {
            "nb": "Det er grunn til å tro at et barn blir utsatt for alvorlig omsorgssvikt, "
            "mishandling eller andre alvorlige forhold som loven lister opp. Du trenger ikke "
            "å være sikker. Plikten gjelder av eget tiltak, den går foran taushetsplikten, og den "
            "krever ikke samtykke. Plikten er personlig: den gjelder hver enkelt ansatt, og den "
            "faller ikke bort fordi lederen eller en annen har fått oppgaven med å sende "
            "meldingen.",
            "en": "There is reason to believe that a child is exposed to serious neglect, abuse "
            "or other serious circumstances listed in the law. You need not be certain. The duty "
            "applies on your own initiative, overrides confidentiality (taushetsplikt) and does "
            "not need consent. The duty is personal: it rests on each employee, and it is not "
            "lifted because the leader or someone else has been given the task of sending the "
            "report.",
        },
        "routine": {
            "nb": [
                "Ansatte kjenner opplysningsplikten og terskelen «grunn til å tro», og vet at "
                "den går foran taushetsplikten.",
                "En skriftlig rutine sier hvem som sender opplysninger til barnevernet, hvordan "
                "og hvor raskt – og at lederen støtter den ansatte. Rutinen sier også at den "
                "ansatte selv må forsikre seg om at meldingen er sendt: plikten er personlig.",
                "Opplæringen gjentas, også for nyansatte; tilsyn har funnet at manglende "
                "opplæring gir for få meldinger.",
                "Tjenesten ber om og følger opp tilbakemeldingen fra barnevernet.",
            ],
            "en": [
                "Staff know the duty to inform and its threshold, 'reason to believe', and know "
                "that it overrides confidentiality.",
                "A written routine says who sends information to child welfare, how and how "
                "quickly – and that the leader supports the employee. It also says that the "
                "employee must make sure the report has been sent: the duty is personal.",
                "Training is repeated, new staff included; inspections have found that missing "
                "training leads to too few reports.",
                "The service asks for and follows up the feedback from child welfare.",
            ],
        },
        "law": "",
        "source": "Course reference; Justis- og beredskapsdepartementet (2023); RKBU Nord "
        "(2017), incl. Helsetilsynet (2014) and NOVA 3/2013; IS-2826 (Helsedirektoratet 2019).",
        "last_checked": LAST_CHECKED,
    },
    "consent": {
        "term": "samtykke",
        "name": {"nb": "Deling med samtykke", "en": "Sharing with consent (samtykke)"},
        "applies": {
            "nb": "Den opplysningene gjelder – for barn gjerne foreldrene, og etter hvert den "
            "unge selv – har samtykket til at bestemte opplysninger deles med bestemte "
            "tjenester. Taushetsplikt er hovedregelen; samtykket åpner for deling innenfor det "
            "det gjelder. Hvem som kan samtykke for et barn, avhenger av alder og sak.",
            "en": "The person the information concerns – for children usually the parents, and "
            "in time the young person themselves – has consented to specific information being "
            "shared with specific services. Confidentiality (taushetsplikt) is the main rule; "
            "consent opens the way for sharing within what it covers. Who can consent for a "
            "child depends on age and the matter.",
        },
        "routine": {
            "nb": [
                "Samtykket er frivillig og informert og sier hvilke tjenester som får hvilke "
                "opplysninger, og hvorfor. Det dokumenteres, for eksempel i stafettloggen.",
                "Nytt samtykke hentes inn før en ny tjeneste kommer med.",
                "Barnet eller den unge er med i samtalen om hva som skal deles, så tidlig og så "
                "mye som mulig.",
                "Ansatte vet at samtykket kan trekkes tilbake, og hva de da gjør.",
            ],
            "en": [
                "Consent is voluntary and informed and says which services get which "
                "information, and why. It is documented, for example in the stafettlogg.",
                "New consent is obtained before a new service joins.",
                "The child or young person takes part in the conversation about what is shared, "
                "as early and as fully as possible.",
                "Staff know that consent can be withdrawn, and what to do then.",
            ],
        },
        "law": "",
        "source": "Course reference; RKBU Nord (2017), incl. NOVA 3/2013; the KS guide on "
        "confidentiality and collaboration; BTI material; BarnUnge21 (2020).",
        "last_checked": LAST_CHECKED,
    },
    "right_to_share": {
        "term": "opplysningsrett",
        "name": {
            "nb": "Opplysningsrett (lovbestemt unntak fra taushetsplikten)",
            "en": "Right to share (opplysningsrett: a statutory exception to confidentiality)",
        },
        "applies": {
            "nb": "Det er ikke samtykke, og verken avvergeplikten eller opplysningsplikten "
            "gjelder, men en lovbestemmelse gir *rett* – ikke plikt – til å dele akkurat disse "
            "opplysningene med akkurat denne mottakeren. Eksempler: forvaltningsloven § 13 b "
            "første ledd nr. 5 (til et annet forvaltningsorgan når det er nødvendig for "
            "avgiverorganets egne oppgaver), nr. 6 (om lovbrudd til politiet eller "
            "tilsynsmyndigheten) og nr. 7 (for å unngå fare for liv eller helse), "
            "helsepersonelloven § 23 nr. 4 (tungtveiende private eller offentlige interesser) og "
            "delingsbestemmelsene i sektorlovene. Den som deler, må vurdere konkret og dele "
            "bare det som er nødvendig.",
            "en": "There is no consent, and neither the duty to avert nor the duty to inform "
            "applies, but a provision in the law gives a *right* – not a duty – to share these "
            "particular details with this particular recipient. Examples: forvaltningsloven "
            "(the Public Administration Act) § 13 b first paragraph no. 5 (to another public "
            "body when necessary for the disclosing body's own tasks), no. 6 (about offences, to "
            "the police or the supervisory authority) and no. 7 (to avoid danger to life or "
            "health), helsepersonelloven (the Health Personnel Act) § 23 no. 4 (weighty private "
            "or public interests) and the sharing provisions in the sector laws. The person who "
            "shares must judge the case and share only what is necessary.",
        },
        "routine": {
            "nb": [
                "Rutinen nevner de unntakene fra taushetsplikten som gjelder for tjenesten, og "
                "hvem som kan hjelpe med å vurdere dem (for eksempel kommunens jurist).",
                "Ansatte vet at en opplysningsrett ikke er en plikt: de vurderer om deling er "
                "nødvendig, og deler bare det som trengs, med den som trenger det.",
                "Vurderingen og det som ble delt, dokumenteres.",
                "Barnet og familien får vite hva som er delt og hvorfor, når det ikke skader "
                "barnet; neste steg er fortsatt å arbeide for samtykke.",
            ],
            "en": [
                "The routine names the exceptions to confidentiality that apply to the service, "
                "and who can help judge them (for example the municipality's legal adviser).",
                "Staff know that a right to share is not a duty: they judge whether sharing is "
                "necessary, and share only what is needed, with whoever needs it.",
                "The judgement and what was shared are documented.",
                "The child and the family are told what was shared and why, when that does not "
                "harm the child; the next step is still to work towards consent.",
            ],
        },
        "law": "forvaltningsloven § 13 b første ledd nr. 5–7; helsepersonelloven § 23 nr. 4",
        "source": "Forvaltningsloven § 13 b and helsepersonelloven § 23 (Lovdata); Justis- og "
        "beredskapsdepartementet (2023) *Taushetsplikt, opplysningsrett og opplysningsplikt i "
        "forvaltningen – en veileder*; Prop. 166 L (2020–2021) (fvl. § 13 b nr. 7).",
        "last_checked": LAST_CHECKED,
    },
    "anonymous": {
        "term": "anonym drøfting",
        "name": {"nb": "Anonym drøfting", "en": "Anonymous discussion (anonym drøfting)"},
        "applies": {
            "nb": "Det er undring eller bekymring, men ikke samtykke til å dele, og verken "
            "opplysningsplikten, avvergeplikten eller en opplysningsrett gjelder. Da deles "
            "ingenting som kan "
            "identifisere barnet: saken kan drøftes uten navn og uten detaljer som gjør at "
            "barnet kan kjennes igjen, mens du arbeider for å få samtykke.",
            "en": "There is a concern, but no consent to share, and neither the duty to inform, "
            "the duty to avert nor a right to share (opplysningsrett) applies. Then nothing that "
            "identifies the child is shared: "
            "the case can be discussed without a name and without details that make the child "
            "recognisable, while you work towards consent.",
        },
        "routine": {
            "nb": [
                "Det finnes en fast arena – for eksempel et tverrfaglig konsultasjonsteam – der "
                "ansatte kan drøfte en bekymring anonymt.",
                "Ansatte vet hva som gjør en sak anonym: ikke navn, og heller ikke detaljer som "
                "gjør barnet gjenkjennelig.",
                "Neste steg er en samtale med barnet og foreldrene om samtykke.",
                "Blir bekymringen alvorlig, gjelder opplysningsplikten – drøftingen skal ikke "
                "forsinke en melding.",
            ],
            "en": [
                "There is a regular arena – for example a cross-service consultation team – "
                "where staff can discuss a concern anonymously.",
                "Staff know what makes a case anonymous: no name, and no details that make the "
                "child recognisable.",
                "The next step is a conversation with the child and the parents about consent.",
                "If the concern becomes serious, the duty to inform applies – discussion must "
                "not delay a report.",
            ],
        },
        "law": "",
        "source": "RKBU Nord (2017), incl. NOVA 3/2013 and Karlsson (2016); the KS guide on "
        "confidentiality and collaboration.",
        "last_checked": LAST_CHECKED,
    },
}

# the order route() checks the paths in: the first that applies is the answer
_ORDER = ("duty_to_avert", "duty_to_inform", "consent", "right_to_share", "anonymous")
LEGAL_PATHS = {key: LEGAL_PATHS[key] for key in _ORDER}

_PATH_WORDS = {
    "duty_to_avert": (
        "avvergeplikt",
        "avvergeplikten",
        "avverge",
        "duty to avert",
        "duty to avert serious crime",
        "avert",
    ),
    "duty_to_inform": (
        "opplysningsplikt",
        "opplysningsplikten",
        "opplysningsplikt til barnevernet",
        "meldeplikt",
        "melde til barnevernet",
        "duty to inform",
        "duty to inform child welfare",
        "report to child welfare",
    ),
    "right_to_share": (
        "opplysningsrett",
        "opplysningsretten",
        "rett til å dele",
        "lovbestemt unntak",
        "unntak fra taushetsplikten",
        "right to share",
        "right to disclose",
        "statutory exception",
        "statutory exception to confidentiality",
    ),
    "consent": (
        "samtykke",
        "deling med samtykke",
        "samtykkebasert deling",
        "consent",
        "sharing with consent",
        "consent based sharing",
        "consent-based sharing",
    ),
    "anonymous": (
        "anonym drøfting",
        "anonym",
        "anonymt",
        "drøfte anonymt",
        "anonymisert drøfting",
        "anonymous discussion",
        "anonymous",
        "anonymously",
        "talk anonymously",
        "discuss anonymously",
        "anonymous consultation",
    ),
}


def path_aliases() -> dict[str, str]:
    """Every accepted way to name a legal path (nb, en, key forms) → its key.

    Pass it as ``aliases`` to :func:`samlab.checks.same_mapping`.
    """
    aliases = {}
    for key, path in LEGAL_PATHS.items():
        for word in (key, path["term"], path["name"]["nb"], path["name"]["en"], *_PATH_WORDS[key]):
            aliases[normalise(word)] = key
    return aliases


def parse_path(value: Any) -> str:
    """The key of the legal path ``value`` names, in any accepted form."""
    key = path_aliases().get(normalise(value)) if isinstance(value, str) else None
    if key is None:
        allowed = ", ".join(f"{k} ({LEGAL_PATHS[k]['term']})" for k in LEGAL_PATHS)
        raise SamlabValueError(f"unknown legal path {value!r}; allowed: {allowed}")
    return key


# --- (2) BTI levels ---------------------------------------------------------------------------

BTI_LEVELS: dict[int, dict[str, dict[str, str]]] = {
    0: {
        "name": {"nb": "Nivå 0: Avklare bekymringen", "en": "Level 0: clarify the concern"},
        "description": {
            "nb": "Noen undrer seg eller er bekymret. Den som står barnet nærmest, observerer, "
            "noterer og avklarer om det er grunn til bekymring. Ingen tiltak er satt i gang.",
            "en": "Someone wonders or is worried. The person closest to the child observes, "
            "takes notes and clarifies whether there is reason for concern. No measure has been "
            "started.",
        },
    },
    1: {
        "name": {"nb": "Nivå 1: Innsats i egen tjeneste", "en": "Level 1: within own service"},
        "description": {
            "nb": "Én tjeneste setter i gang og følger opp tiltak innenfor egen tjeneste.",
            "en": "One service starts and follows up measures within its own service.",
        },
    },
    2: {
        "name": {
            "nb": "Nivå 2: Enkelt samarbeid mellom to tjenester",
            "en": "Level 2: simple cross-service work (two services)",
        },
        "description": {
            "nb": "To tjenester samarbeider om tiltakene rundt barnet.",
            "en": "Two services work together on the measures around the child.",
        },
    },
    3: {
        "name": {
            "nb": "Nivå 3: Omfattende samarbeid mellom flere tjenester",
            "en": "Level 3: extensive work across several services",
        },
        "description": {
            "nb": "Tre eller flere tjenester samarbeider om tiltakene rundt barnet.",
            "en": "Three or more services work together on the measures around the child.",
        },
    },
}


def parse_level(value: Any) -> int:
    """A BTI level from ``2``, ``"2"``, ``"nivå 2"`` or ``"level 2"``."""
    if (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value == int(value)
    ):
        level = int(value)
    elif isinstance(value, str) and re.fullmatch(
        r"(nivå|niva|level|bti)?\s*(\d)", normalise(value)
    ):
        level = int(normalise(value)[-1])
    else:
        level = -1
    if level not in BTI_LEVELS:
        raise SamlabValueError(f"unknown BTI level {value!r}; allowed: 0, 1, 2, 3")
    return level


# --- (3) coordination roles -----------------------------------------------------------------

#: The coordination roles, with who they are for, at the level of the course's sources.
ROLES: dict[str, dict[str, Any]] = {
    "individuell_plan": {
        "term": "Individuell plan (IP)",
        "name": {"nb": "Individuell plan (IP)", "en": "Individual plan (individuell plan, IP)"},
        "for_whom": {
            "nb": "Den som trenger langvarige og koordinerte tjenester. Fra 1. august 2022 er "
            "reglene om individuell plan gjort likere på tvers av velferdstjenestene. Planen "
            "lages sammen med barnet eller den unge og familien.",
            "en": "A person who needs long-term and coordinated services. Since 1 August 2022 "
            "the rules on the individual plan are more uniform across the welfare services. The "
            "plan is made together with the child or young person and the family.",
        },
        "legal_right": True,
        "source": "RKBU Nord (2017), incl. Kjellevold (2014); Prop. 100 L (2020–2021); the 2022 "
        "guide.",
        "last_checked": LAST_CHECKED,
    },
    "koordinator": {
        "term": "koordinator",
        "name": {"nb": "Koordinator", "en": "Coordinator (koordinator)"},
        "for_whom": {
            "nb": "I helse- og omsorgstjenestene: pasienter og brukere med behov for «komplekse "
            "eller langvarige og koordinerte tjenester» (helse- og omsorgstjenesteloven § 7-2). "
            "Koordinatoren følger opp, samordner tjenestetilbudet og sørger for framdrift i "
            "arbeidet med individuell plan.",
            "en": "In the health and care services: patients and users who need 'complex or "
            "long-term and coordinated services' (komplekse eller langvarige og koordinerte "
            "tjenester, helse- og omsorgstjenesteloven § 7-2). The coordinator follows up, "
            "coordinates the services and keeps the work on the individual plan moving.",
        },
        "legal_right": True,
        "source": "Helse- og omsorgstjenesteloven § 7-2 (Lovdata); RKBU Nord (2017); the 2022 "
        "guide.",
        "last_checked": LAST_CHECKED,
    },
    "barnekoordinator": {
        "term": "barnekoordinator",
        "name": {"nb": "Barnekoordinator", "en": "Child coordinator (barnekoordinator)"},
        "for_whom": {
            "nb": "Foreldre som har eller venter et barn under 18 år med alvorlig sykdom, skade "
            "eller nedsatt funksjonsevne, og som vil trenge langvarige og koordinerte helse- og "
            "omsorgstjenester og andre velferdstjenester. Retten hører til helse- og "
            "omsorgstjenestene (helse- og omsorgstjenesteloven § 7-2 a): kommunens koordinerende "
            "enhet oppnevner, lærer opp og veileder barnekoordinatoren, og barnekoordinatoren "
            "samordner så tjenestene, gir familien informasjon og veiledning og sørger for "
            "framdrift i arbeidet med individuell plan. Retten kom med Prop. 100 L (2020–2021) "
            "og gjelder fra 1. august 2022.",
            "en": "Parents who have or are expecting a child under 18 with serious illness, "
            "injury or disability, and who will need long-term and coordinated health and care "
            "services and other welfare services. The right belongs to the health and care "
            "services (helse- og omsorgstjenesteloven § 7-2 a): the municipality's coordinating "
            "unit (koordinerende enhet) appoints, trains and guides the barnekoordinator, and "
            "the barnekoordinator then coordinates the services (samordning), gives the family "
            "information and guidance and keeps the work on the individual plan moving. The "
            "right came with Prop. 100 L (2020–2021) and applies from 1 August 2022.",
        },
        "legal_right": True,
        "source": "Helse- og omsorgstjenesteloven § 7-2 a (Lovdata); Prop. 100 L (2020–2021); "
        "the 2022 guide.",
        "last_checked": LAST_CHECKED,
    },
    "stafettholder": {
        "term": "stafettholder",
        "name": {"nb": "Stafettholder (BTI)", "en": "Baton holder (stafettholder, BTI)"},
        "for_whom": {
            "nb": "Ikke en lovfestet rett, men en rolle i BTI-modellen i kommuner som bruker "
            "den: stafettholderen koordinerer innsatsen rundt barnet og fører stafettloggen, og "
            "beholder stafettpinnen til en ny stafettholder har tatt imot den.",
            "en": "Not a statutory right but a role in the BTI model, in municipalities that use "
            "it: the baton holder coordinates the effort around the child and keeps the "
            "stafettlogg, and holds the baton until a successor has accepted it.",
        },
        "legal_right": False,
        "source": "Course reference; BTI material.",
        "last_checked": LAST_CHECKED,
    },
}

_ROLE_WORDS = {
    "individuell_plan": ("ip", "individuell plan", "individual plan", "plan"),
    "koordinator": ("koordinator", "coordinator"),
    "barnekoordinator": ("barnekoordinator", "child coordinator"),
    "stafettholder": ("stafettholder", "baton holder"),
}


def role_aliases() -> dict[str, str]:
    """Every accepted way to name a coordination role → its key."""
    aliases = {}
    for key, role in ROLES.items():
        for word in (key, role["term"], role["name"]["nb"], role["name"]["en"], *_ROLE_WORDS[key]):
            aliases[normalise(word)] = key
    return aliases


# --- (4) facts and the routing rule ---------------------------------------------------------

#: The facts :func:`route` and :func:`eligible_roles` read, with their defaults and meaning.
FACTS: dict[str, dict[str, Any]] = {
    "serious_crime_imminent": {
        "default": False,
        "en": "It appears certain or most likely that a serious crime (straffeloven § 196) will be "
        "or is being committed – ongoing abuse in close relationships (§ 282) included – and it "
        "or its consequences can still be averted.",
        "nb": "Det fremstår som sikkert eller mest sannsynlig at en alvorlig straffbar handling "
        "(straffeloven § 196) vil bli eller er begått – også pågående mishandling i nære "
        "relasjoner (§ 282) – og den eller følgene av den fortsatt kan avverges.",
    },
    "serious_risk_to_child": {
        "default": False,
        "en": "There is reason to believe the child is exposed to serious neglect, abuse or "
        "other serious circumstances.",
        "nb": "Det er grunn til å tro at barnet blir utsatt for alvorlig omsorgssvikt, "
        "mishandling eller andre alvorlige forhold.",
    },
    "consent_given": {
        "default": False,
        "en": "Consent covers sharing this information with the service(s) in question.",
        "nb": "Samtykket dekker deling av disse opplysningene med den eller de aktuelle "
        "tjenestene.",
    },
    "statutory_exception": {
        "default": False,
        "en": "A provision in the law gives a right to share this information with this "
        "recipient without consent (opplysningsrett, for example forvaltningsloven § 13 b).",
        "nb": "En lovbestemmelse gir rett til å dele disse opplysningene med denne mottakeren "
        "uten samtykke (opplysningsrett, for eksempel forvaltningsloven § 13 b).",
    },
    "measures_started": {
        "default": False,
        "en": "A service has started a measure (beyond observing and clarifying the concern).",
        "nb": "En tjeneste har satt i gang et tiltak (mer enn å observere og avklare bekymringen).",
    },
    "services_involved": {
        "default": 1,
        "en": "How many services work on measures around the child (a whole number).",
        "nb": "Hvor mange tjenester som arbeider med tiltak rundt barnet (et helt tall).",
    },
    "needs_long_term_composite_services": {
        "default": False,
        "en": "The child needs long-term, composite and coordinated services.",
        "nb": "Barnet trenger langvarige, sammensatte og koordinerte tjenester.",
    },
    "needs_complex_services": {
        "default": False,
        "en": "The child needs complex and coordinated services, even if not long-term.",
        "nb": "Barnet trenger komplekse og koordinerte tjenester, selv om de ikke er langvarige.",
    },
    "needs_health_and_care_services": {
        "default": False,
        "en": "Health and care services are among the services the child needs.",
        "nb": "Helse- og omsorgstjenester er blant tjenestene barnet trenger.",
    },
    "serious_illness_or_disability": {
        "default": False,
        "en": "The child has a serious illness, injury or disability.",
        "nb": "Barnet har alvorlig sykdom, skade eller nedsatt funksjonsevne.",
    },
    "under_18": {
        "default": True,
        "en": "The child is under 18 (the right to a barnekoordinator ends at 18).",
        "nb": "Barnet er under 18 år (retten til barnekoordinator gjelder til barnet fyller 18).",
    },
}

_YES = {"true", "yes", "ja", "1", "y", "j"}
_NO = {"false", "no", "nei", "0", "n", ""}


def _facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(facts, Mapping):
        raise SamlabValueError(
            f"facts must be a dict like {{'consent_given': True}}, got {type(facts).__name__}"
        )
    unknown = [k for k in facts if k not in FACTS]
    if unknown:
        raise SamlabValueError(
            f"unknown fact(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(FACTS)}"
        )
    clean = {name: spec["default"] for name, spec in FACTS.items()}
    for name, value in facts.items():
        if name == "services_involved":
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
                raise SamlabValueError(
                    f"services_involved must be a whole number 0 or more, got {value!r}"
                )
            clean[name] = int(value)
        elif isinstance(value, bool):
            clean[name] = value
        elif isinstance(value, str) and normalise(value) in _YES | _NO:
            clean[name] = normalise(value) in _YES
        else:
            raise SamlabValueError(f"{name} must be True or False (yes/no), got {value!r}")
    if clean["measures_started"] and clean["services_involved"] < 1:
        raise SamlabValueError(
            "measures_started is True, so services_involved must be 1 or more (the service "
            "that started the measure counts)"
        )
    return clean


class Route(NamedTuple):
    """The legal path for the information and the BTI level: unpacks as ``path, level``."""

    path: str
    level: int


def applicable_paths(facts: Mapping[str, Any]) -> list[str]:
    """Every legal path that applies, most pressing first (more than one can apply at once:
    a crime against a child can trigger both the duty to avert and the duty to inform, and a
    duty to inform applies even where consent has been given for other sharing)."""
    f = _facts(facts)
    paths = []
    if f["serious_crime_imminent"]:
        paths.append("duty_to_avert")
    if f["serious_risk_to_child"]:
        paths.append("duty_to_inform")
    if f["consent_given"]:
        paths.append("consent")
    if f["statutory_exception"]:
        paths.append("right_to_share")
    if not paths:
        paths.append("anonymous")
    return paths


def bti_level(facts: Mapping[str, Any]) -> int:
    """The BTI level: 0 while no measure has started; otherwise 1, 2 or 3 by the number of
    services working on measures (1 → 1, 2 → 2, 3 or more → 3)."""
    f = _facts(facts)
    if not f["measures_started"]:
        return 0
    return min(f["services_involved"], 3)


def route(facts: Mapping[str, Any]) -> Route:
    """The legal path and the BTI level for a situation, by a transparent rule.

    Legal path – the first that applies, in this order:

    1. ``serious_crime_imminent`` → ``"duty_to_avert"`` (avvergeplikt: alert the police; the
       fact covers crimes that will be or are being committed, ongoing abuse included);
    2. ``serious_risk_to_child`` → ``"duty_to_inform"`` (opplysningsplikt to child welfare,
       whether or not there is consent);
    3. ``consent_given`` → ``"consent"`` (share within what the consent covers);
    4. ``statutory_exception`` → ``"right_to_share"`` (opplysningsrett: a provision in the law
       allows sharing this with this recipient; judge and share only what is necessary);
    5. otherwise → ``"anonymous"`` (share nothing that identifies the child; discuss
       anonymously and work towards consent).

    BTI level – :func:`bti_level`. The two answers are separate questions: the path says what
    may or must be shared, the level how many services work together. The duty to inform does
    not wait for a level; it applies at level 0 too. Missing facts take the defaults in
    :data:`FACTS`. A teaching simplification, not legal advice (see :data:`DISCLAIMER`).

    Raises:
        SamlabValueError: for an unknown fact or a value of the wrong kind.
    """
    return Route(applicable_paths(facts)[0], bti_level(facts))


def eligible_roles(facts: Mapping[str, Any]) -> set[str]:
    """The statutory coordination roles the facts point to, at the level of the sources.

    * ``individuell_plan``: needs long-term, composite (coordinated) services;
    * ``koordinator``: health and care services are among the services, and the child needs
      complex or long-term and coordinated services (helse- og omsorgstjenesteloven § 7-2);
    * ``barnekoordinator``: a child under 18 with serious illness, injury or disability who
      will need long-term, coordinated health and care services and other welfare services
      (helse- og omsorgstjenesteloven § 7-2 a).

    The stafettholder is not a legal right (see :data:`ROLES`), so it is never returned.
    """
    f = _facts(facts)
    roles = set()
    long_term = f["needs_long_term_composite_services"]
    health = f["needs_health_and_care_services"]
    if long_term:
        roles.add("individuell_plan")
    if health and (long_term or f["needs_complex_services"]):
        roles.add("koordinator")
    if long_term and health and f["serious_illness_or_disability"] and f["under_18"]:
        roles.add("barnekoordinator")
    return roles


def explain(facts: Mapping[str, Any], lang: str = DEFAULT_LANG) -> str:
    """A short readable account of :func:`route` for the facts: path, why, routine, level."""
    lang = check_lang(lang)
    path, level = route(facts)
    info = LEGAL_PATHS[path]
    heading = {"nb": "Rutinen må sikre:", "en": "The routine must ensure:"}[lang]
    lines = [info["name"][lang], info["applies"][lang], heading]
    lines += [f"  – {point}" for point in info["routine"][lang]]
    others = applicable_paths(facts)[1:]
    if others:
        also = {"nb": "Gjelder også:", "en": "Also applies:"}[lang]
        lines.append(f"{also} {', '.join(LEGAL_PATHS[p]['name'][lang] for p in others)}")
    lines.append(f"{BTI_LEVELS[level]['name'][lang]}. {BTI_LEVELS[level]['description'][lang]}")
    checked = {"nb": "Sist sjekket mot lovteksten:", "en": "Last checked against the law text:"}
    lines.append(f"{checked[lang]} {info['last_checked']}.")
    lines.append(DISCLAIMER[lang])
    return "\n".join(lines)


# --- (5) the stafettlogg ----------------------------------------------------------------------

COLUMNS = (
    "date",
    "service",
    "entry",
    "action",
    "owner",
    "goal",
    "evaluation_date",
    "consent_for",
    "note",
)
REQUIRED = ("date", "service", "entry")
_COLUMN_ALIASES = {
    "dato": "date",
    "tjeneste": "service",
    "type": "entry",
    "kind": "entry",
    "hva": "action",
    "measure": "action",
    "what": "action",
    "ansvarlig": "owner",
    "mål": "goal",
    "evalueringsdato": "evaluation_date",
    "evaluering_dato": "evaluation_date",
    "samtykke_for": "consent_for",
    "samtykke": "consent_for",
    "consent": "consent_for",
    "notat": "note",
    "merknad": "note",
    "notes": "note",
}

#: Kinds of entry in a stafettlogg (``entry`` column) and the words accepted for them.
ENTRY_KINDS: dict[str, dict[str, Any]] = {
    "measure": {"nb": "tiltak", "en": "measure", "words": ("tiltak", "measure", "action")},
    "evaluation": {
        "nb": "evaluering",
        "en": "evaluation",
        "words": ("evaluering", "evaluation", "evaluert"),
    },
    "consent": {"nb": "samtykke", "en": "consent", "words": ("samtykke", "consent")},
    "handover": {
        "nb": "overlevering",
        "en": "handover",
        "words": ("overlevering", "overlevert", "handover", "handed over", "gitt videre"),
    },
    "accepted": {
        "nb": "mottatt",
        "en": "accepted",
        "words": ("mottatt", "tatt imot", "accepted", "accept", "stafettholder", "baton holder"),
    },
    "note": {"nb": "notat", "en": "note", "words": ("notat", "note", "møte", "meeting")},
}
_ENTRY_LOOKUP = {normalise(w): k for k, spec in ENTRY_KINDS.items() for w in (k, *spec["words"])}

_HEADERS = {
    "nb": {
        "date": "dato",
        "service": "tjeneste",
        "entry": "type",
        "action": "hva",
        "owner": "ansvarlig",
        "goal": "mål",
        "evaluation_date": "evalueringsdato",
        "consent_for": "samtykke for",
        "note": "notat",
    },
    "en": {c: c.replace("_", " ") for c in COLUMNS},
}


def _date(text: str) -> dt.date:
    """A date as 2025-03-03 or 03.03.2025; raises ValueError otherwise."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


def _as_date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return _date(str(value))
    except ValueError:
        raise SamlabValueError(
            f"{what} must be a date like 2025-03-03 or 03.03.2025, got {value!r}"
        ) from None


def _services(text: str) -> tuple[str, ...]:
    parts = re.split(r"[;,]", text)
    return tuple(p.strip() for p in parts if p.strip())


class Stafettlogg:
    """A stafettlogg: one row per entry, in date order, indexed by its row in the file.

    The file's header is row 1, so the first entry is row 2 – the number a spreadsheet shows.
    ``entries`` is a DataFrame with the columns in :data:`COLUMNS` (``entry`` as a key from
    :data:`ENTRY_KINDS`, dates as :class:`datetime.date`, ``consent_for`` as a tuple).
    """

    def __init__(self, entries: pd.DataFrame):
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Stafettlogg({len(self)} entries)"

    def table(self, lang: str = DEFAULT_LANG) -> pd.DataFrame:
        """The log for reading, with headers and entry kinds in ``lang`` and dates as text."""
        lang = check_lang(lang)
        table = self.entries.copy()
        table["entry"] = [ENTRY_KINDS[k][lang] for k in table["entry"]]
        for column in ("date", "evaluation_date"):
            table[column] = [d.isoformat() if d else "" for d in table[column]]
        table["consent_for"] = ["; ".join(c) for c in table["consent_for"]]
        table.index.name = {"nb": "rad", "en": "row"}[lang]
        return table.rename(columns=_HEADERS[lang])

    def breaks(self, today: Any = None, lang: str = DEFAULT_LANG) -> pd.DataFrame:
        """The breaks of the BTI rules in this log; see :func:`breaks`."""
        return breaks(self, today=today, lang=lang)


def read_stafettlogg(source) -> Stafettlogg:
    """Read a stafettlogg from a CSV file (a path, an open file, or the CSV text itself).

    Columns (English or Norwegian headers): ``date`` (dato), ``service`` (tjeneste), ``entry``
    (type: measure/tiltak, evaluation/evaluering, consent/samtykke, handover/overlevering,
    accepted/mottatt, note/notat), ``action`` (hva: the measure's name; an evaluation names
    the measure it evaluates), ``owner`` (ansvarlig; for a handover the successor, for an
    acceptance the new holder), ``goal`` (mål), ``evaluation_date`` (evalueringsdato),
    ``consent_for`` (samtykke_for: the services a new consent covers, separated by ``;``),
    ``note`` (notat). Dates as 2025-03-03 or 03.03.2025.

    A measure without owner, goal or evaluation date is *not* a reading error: those are the
    breaks :func:`breaks` finds. Reading errors are rows that cannot be understood.

    Raises:
        SamlabValueError: naming every bad row by its row number and what is wrong; nothing
            is read if any row is bad.
    """
    rows = Rows(
        read_text(source, "stafettlogg file", "en"),
        "stafettlogg file",
        COLUMNS,
        REQUIRED,
        _COLUMN_ALIASES,
        lang="en",
    )
    entries: dict[int, dict[str, Any]] = {}
    measures: dict[str, int] = {}
    previous_date: tuple[int, dt.date] | None = None
    for row_number, raw in rows:
        reasons = []
        try:
            date = _date(raw["date"])
        except ValueError:
            date = None
            reasons.append("the date is empty" if not raw["date"] else f"bad date {raw['date']!r}")
            reasons[-1] += " (write it as 2025-03-03 or 03.03.2025)"
        evaluation_date = None
        if raw["evaluation_date"]:
            try:
                evaluation_date = _date(raw["evaluation_date"])
            except ValueError:
                reasons.append(
                    f"bad evaluation date {raw['evaluation_date']!r} "
                    "(write it as 2025-03-03 or 03.03.2025)"
                )
        if date and evaluation_date and evaluation_date < date:
            reasons.append(f"the evaluation date {evaluation_date} is before the entry's date")
        if not raw["service"]:
            reasons.append("'service' is empty; name the service that made the entry")
        kind = _ENTRY_LOOKUP.get(normalise(raw["entry"]))
        if kind is None:
            allowed = ", ".join(f"{k}/{v['nb']}" for k, v in ENTRY_KINDS.items())
            reasons.append(f"unknown entry type {raw['entry']!r}; allowed: {allowed}")
        consent_for = _services(raw["consent_for"])
        if kind == "consent" and not consent_for:
            reasons.append("a consent entry must list the services it covers in consent_for")
        if kind in ("handover", "accepted") and not raw["owner"]:
            reasons.append("a handover or acceptance must name the new baton holder in 'owner'")
        if kind == "measure" and not raw["action"]:
            reasons.append("a measure must have a name in 'action'")
        if kind == "evaluation":
            if not raw["action"]:
                reasons.append("an evaluation must name the measure it evaluates in 'action'")
            elif normalise(raw["action"]) not in measures:
                reasons.append(
                    f"the evaluation names {raw['action']!r}, but no earlier measure has that name"
                )
        if date and previous_date and date < previous_date[1]:
            reasons.append(
                f"dated {date}, before row {previous_date[0]} ({previous_date[1]}); keep the log "
                "in date order"
            )
        if reasons:
            rows.reject(row_number, reasons)
            continue
        if kind == "measure":
            measures[normalise(raw["action"])] = row_number
        previous_date = (row_number, date)
        entries[row_number] = {
            **raw,
            "date": date,
            "entry": kind,
            "evaluation_date": evaluation_date,
            "consent_for": consent_for,
        }
    rows.check(len(entries))
    table = pd.DataFrame.from_dict(entries, orient="index", columns=list(COLUMNS))
    table.index.name = "row"
    return Stafettlogg(table)


#: The kinds of break :func:`breaks` finds, with names and a template for the description.
BREAK_TYPES: dict[str, dict[str, Any]] = {
    "no_owner": {
        "name": {"nb": "tiltak uten ansvarlig", "en": "measure without an owner"},
        "describe": {
            "nb": "Tiltaket «{action}» har ingen ansvarlig. Da er det ingen som sørger for at "
            "det blir gjort og fulgt opp.",
            "en": "The measure '{action}' has no owner. Then nobody makes sure it is done and "
            "followed up.",
        },
        "words": (
            "uten ansvarlig",
            "mangler ansvarlig",
            "ingen ansvarlig",
            "ansvarlig mangler",
            "no owner",
            "without owner",
            "without an owner",
            "missing owner",
            "owner missing",
        ),
    },
    "no_goal": {
        "name": {"nb": "tiltak uten mål", "en": "measure without a goal"},
        "describe": {
            "nb": "Tiltaket «{action}» har ikke noe mål. Uten mål kan det ikke evalueres.",
            "en": "The measure '{action}' has no goal. Without a goal it cannot be evaluated.",
        },
        "words": (
            "uten mål",
            "mangler mål",
            "ingen mål",
            "mål mangler",
            "no goal",
            "without goal",
            "without a goal",
            "missing goal",
            "goal missing",
        ),
    },
    "no_evaluation_date": {
        "name": {"nb": "tiltak uten evalueringsdato", "en": "measure without an evaluation date"},
        "describe": {
            "nb": "Tiltaket «{action}» har ingen evalueringsdato. Da kan det fortsette uten at "
            "noen spør om det virker.",
            "en": "The measure '{action}' has no evaluation date. Then it can go on without "
            "anyone asking whether it works.",
        },
        "words": (
            "uten evalueringsdato",
            "mangler evalueringsdato",
            "ingen evalueringsdato",
            "evalueringsdato mangler",
            "no evaluation date",
            "without evaluation date",
            "without an evaluation date",
            "missing evaluation date",
            "evaluation date missing",
        ),
    },
    "evaluation_overdue": {
        "name": {"nb": "evaluering ikke gjort", "en": "evaluation overdue"},
        "describe": {
            "nb": "Tiltaket «{action}» skulle vært evaluert {evaluation_date}, men loggen viser "
            "ingen evaluering etterpå.",
            "en": "The measure '{action}' was due for evaluation on {evaluation_date}, but the "
            "log shows no evaluation since.",
        },
        "words": (
            "evaluering ikke gjort",
            "evaluering mangler",
            "manglende evaluering",
            "evaluering forsinket",
            "forsinket evaluering",
            "forfalt evaluering",
            "ikke evaluert",
            "evaluation overdue",
            "overdue evaluation",
            "overdue",
            "evaluation not done",
            "missed evaluation",
            "not evaluated",
            "evaluation missing",
            "missing evaluation",
        ),
    },
    "no_consent": {
        "name": {"nb": "ny tjeneste uten samtykke", "en": "service joined without consent"},
        "describe": {
            "nb": "{service} er med i loggen uten at samtykket dekker tjenesten. Nytt samtykke "
            "skal hentes inn før en ny tjeneste kommer med.",
            "en": "{service} takes part in the log although the consent does not cover it. New "
            "consent must be obtained before a new service joins.",
        },
        "words": (
            "uten samtykke",
            "mangler samtykke",
            "manglende samtykke",
            "samtykke mangler",
            "nytt samtykke mangler",
            "ny tjeneste uten samtykke",
            "tjeneste uten samtykke",
            "no consent",
            "without consent",
            "missing consent",
            "consent missing",
            "no new consent",
            "service without consent",
            "joined without consent",
        ),
    },
    "baton_not_accepted": {
        "name": {"nb": "stafetten ikke tatt imot", "en": "baton not accepted"},
        "describe": {
            "nb": "Stafetten ble gitt videre til {owner}, men loggen viser ikke at {owner} tok "
            "imot den. Da er det et brudd der ingen holder stafettpinnen.",
            "en": "The baton was handed over to {owner}, but the log does not show {owner} "
            "accepting it. That is a gap where nobody holds the baton.",
        },
        "words": (
            "stafett ikke mottatt",
            "stafetten ikke mottatt",
            "stafett ikke tatt imot",
            "stafettpinnen ikke tatt imot",
            "ikke tatt imot",
            "ingen stafettholder",
            "brudd i stafetten",
            "stafettbrudd",
            "baton not accepted",
            "baton gap",
            "no baton holder",
            "nobody holds the baton",
            "not accepted",
            "handover not accepted",
        ),
    },
}


def break_aliases() -> dict[str, str]:
    """Every accepted way to name a break type (nb, en, key forms) → its key."""
    aliases = {}
    for key, spec in BREAK_TYPES.items():
        for word in (key, spec["name"]["nb"], spec["name"]["en"], *spec["words"]):
            aliases[normalise(word)] = key
    return aliases


def breaks(log: Stafettlogg, today: Any = None, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Every break of the BTI stafettlogg rules, one row per break, in row order.

    The rules (course reference: goals, measures, owners, evaluation dates, consent; new
    consent when a service joins; the baton is held until a successor accepts it):

    * ``no_owner``, ``no_goal``, ``no_evaluation_date``: a measure without an owner, a goal or
      an evaluation date;
    * ``evaluation_overdue``: a measure whose evaluation date is before ``today`` and that no
      later evaluation entry names;
    * ``no_consent``: an entry from a service the latest consent does not cover (the row where
      the service appears uncovered; it is not repeated until a consent covers it);
    * ``baton_not_accepted``: a handover to someone who has not accepted the baton before the
      next handover or the end of the log.

    ``today`` is a date (or text like "2025-03-03"); it defaults to the real date today.
    Columns: ``row``, ``break`` (the key), ``name`` and ``description`` (in ``lang``).
    """
    lang = check_lang(lang)
    if not isinstance(log, Stafettlogg):
        raise SamlabValueError(
            f"breaks() needs a Stafettlogg from read_stafettlogg(), got {type(log).__name__}"
        )
    today = dt.date.today() if today is None else _as_date(today, "today")
    entries = log.entries
    found: list[tuple[int, str, dict[str, Any]]] = []
    consent: set[str] = set()
    flagged: set[str] = set()
    rows = list(entries.index)
    for position, row in enumerate(rows):
        e = entries.loc[row]
        if e["consent_for"]:
            consent = {normalise(s) for s in e["consent_for"]}
            flagged -= consent
        service = normalise(e["service"])
        if service not in consent and service not in flagged:
            found.append((row, "no_consent", {"service": e["service"]}))
            flagged.add(service)
        later = entries.loc[rows[position + 1 :]]
        if e["entry"] == "measure":
            fields = {"action": e["action"], "evaluation_date": e["evaluation_date"]}
            if not e["owner"]:
                found.append((row, "no_owner", fields))
            if not e["goal"]:
                found.append((row, "no_goal", fields))
            if e["evaluation_date"] is None:
                found.append((row, "no_evaluation_date", fields))
            elif e["evaluation_date"] < today:
                evaluated = (later["entry"] == "evaluation") & (
                    later["action"].map(normalise) == normalise(e["action"])
                )
                if not evaluated.any():
                    found.append((row, "evaluation_overdue", fields))
        if e["entry"] == "handover":
            accepted = False
            for _, nxt in later.iterrows():
                if nxt["entry"] == "accepted":
                    accepted = normalise(nxt["owner"]) == normalise(e["owner"])
                    break
                if nxt["entry"] == "handover":
                    break
            if not accepted:
                found.append((row, "baton_not_accepted", {"owner": e["owner"]}))
    order = list(BREAK_TYPES)
    found.sort(key=lambda item: (item[0], order.index(item[1])))
    records = [
        {
            "row": row,
            "break": key,
            "name": BREAK_TYPES[key]["name"][lang],
            "description": BREAK_TYPES[key]["describe"][lang].format(**fields),
        }
        for row, key, fields in found
    ]
    return pd.DataFrame(records, columns=["row", "break", "name", "description"])


def break_set(log: Stafettlogg, today: Any = None) -> set[tuple[int, str]]:
    """The breaks as a set of ``(row, break key)`` pairs."""
    table = breaks(log, today=today, lang="en")
    return {(int(r), str(b)) for r, b in zip(table["row"], table["break"], strict=True)}


_PARSE_WORDS = TextTable(
    "samlab.law._PARSE_WORDS",
    {
        "bad_type": {
            "nb": "{what}: «{got}» er ikke en type brudd. Bruk en av: {allowed}",
            "en": "{what}: '{got}' is not a type of break. Use one of: {allowed}",
        },
        "bad_row": {
            "nb": "{what}: {got!r} er ikke et radnummer (et helt tall, for eksempel 5; flere "
            "rader skriver du med komma mellom, for eksempel 5, 9)",
            "en": "{what}: {got!r} is not a row number (a whole number, for example 5; write "
            "several rows with commas between them, for example 5, 9)",
        },
        "bad_form": {
            "nb": '{what}: skriv en ordbok som {{"uten mål": [5], "uten samtykke": [8]}} – '
            "type brudd som nøkkel og radnumrene som liste; du svarte {got!r}",
            "en": '{what}: write a dict like {{"no goal": [5], "no consent": [8]}} – the type of '
            "break as key and the row numbers as a list; you answered {got!r}",
        },
    },
)


def _row_number(value: Any, what: str, lang: str) -> int:
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise AssertionError(_PARSE_WORDS.text("bad_row", lang, what=what, got=value))


def _break_key(value: Any, what: str, lang: str) -> str:
    key = break_aliases().get(normalise(value)) if isinstance(value, str) else None
    if key is None:
        allowed = ", ".join(f"{BREAK_TYPES[k]['name'][lang]} ({k})" for k in BREAK_TYPES)
        raise AssertionError(
            _PARSE_WORDS.text("bad_type", lang, what=what, got=value, allowed=allowed)
        )
    return key


def parse_breaks(answer: Any, what: str = "", lang: str = DEFAULT_LANG) -> set[tuple[int, str]]:
    """A participant's list of breaks as a set of ``(row, break key)`` pairs.

    Accepted forms: a dict from break type to row numbers (``{"no goal": [5, 9]}``; a single
    row may stand alone: ``{"no goal": 5}``, and rows may be written as text, as in an answer
    field: ``{"no goal": "5, 9"}``), or a list/set of ``(row, type)`` or
    ``(type, row)`` pairs. Types in nb or en, any capitalisation. Raises ``AssertionError``
    with a message in ``lang`` if the form is wrong, so an exercise check reads well.
    """
    lang = check_lang(lang)
    what = what or {"nb": "Bruddene", "en": "The breaks"}[lang]
    pairs: set[tuple[int, str]] = set()
    if isinstance(answer, Mapping):
        for kind, rows in answer.items():
            key = _break_key(kind, what, lang)
            if isinstance(rows, str):
                rows = [part for part in re.split(r"[,;\s]+", rows) if part] or [rows]
            elif isinstance(rows, bytes) or not isinstance(rows, Iterable):
                rows = [rows]
            pairs |= {(_row_number(r, what, lang), key) for r in rows}
        return pairs
    if isinstance(answer, Iterable) and not isinstance(answer, (str, bytes)):
        for item in answer:
            if not isinstance(item, (tuple, list)) or len(item) != 2:
                raise AssertionError(_PARSE_WORDS.text("bad_form", lang, what=what, got=answer))
            first, second = item
            if isinstance(first, str) and not first.strip().isdigit():
                first, second = second, first
            pairs.add((_row_number(first, what, lang), _break_key(second, what, lang)))
        return pairs
    raise AssertionError(_PARSE_WORDS.text("bad_form", lang, what=what, got=answer))


def describe_breaks(pairs: Iterable[tuple[int, str]], lang: str = DEFAULT_LANG) -> list[str]:
    """Readable labels like ``"rad 5: tiltak uten mål"`` for ``(row, key)`` pairs, sorted."""
    lang = check_lang(lang)
    word = {"nb": "rad", "en": "row"}[lang]
    return [f"{word} {r}: {BREAK_TYPES[k]['name'][lang]}" for r, k in sorted(pairs)]
