"""The five source documents the course is built on, and what kind of knowledge each one is.

The course and the model rest on five Norwegian documents (``shared/seeds/``). They are not
the same kind of knowledge, and a leader should not weigh them alike: a review of many studies,
a survey in which municipalities describe themselves, a working group's recommendations and an
article that argues a view answer different questions. Each document here carries a label for
its kind of knowledge, in bokmål and English, so the modules can show it beside the claim::

    from samlab import sources
    sources.seed_kinds("en")          # one row per document: kind, basis, what it cannot say
    sources.kind_label("rkbu_2017", "nb")

The labels describe the documents as they present themselves; they are not a quality grading.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .translation import DEFAULT_LANG, check_lang

#: The kinds of knowledge among the source documents, with a label in each language.
KINDS: dict[str, dict[str, str]] = {
    "review_without_grading": {
        "nb": "kunnskapssammenstilling uten kvalitetsvurdering",
        "en": "review without quality grading",
    },
    "self_report_and_cases": {
        "nb": "kommunenes egne svar pluss fire casekommuner",
        "en": "municipal self-report plus four cases",
    },
    "expert_recommendation": {
        "nb": "ekspertanbefaling",
        "en": "expert recommendation",
    },
    "argued_view": {
        "nb": "artikkel som argumenterer for et syn",
        "en": "an article arguing a view",
    },
}


@dataclass(frozen=True)
class Seed:
    """One source document: where it is, how to cite it, and what kind of knowledge it is."""

    key: str
    file: str
    citation: str
    kind: str
    basis: dict[str, str]
    cannot: dict[str, str]

    def kind_label(self, lang: str = DEFAULT_LANG) -> str:
        check_lang(lang)
        return KINDS[self.kind][lang]


SEEDS: tuple[Seed, ...] = (
    Seed(
        key="barnunge21_leadership",
        file="000_3147eb5266b1650a.txt",
        citation="BarnUnge21 (2020) Ledelse for kunnskapsbasert, samordnet og brukerrettet praksis",
        kind="expert_recommendation",
        basis={
            "nb": "En arbeidsgruppes vurderinger og anbefalinger, bygd på andre rapporter "
            "(blant annet NOU 2009:22 og Fafo). Ingen egen undersøkelse.",
            "en": "A working group's assessments and recommendations, built on other reports "
            "(among them NOU 2009:22 and Fafo). No study of its own.",
        },
        cannot={
            "nb": "Om anbefalingene virker når de blir tatt i bruk.",
            "en": "Whether the recommendations work when they are put into practice.",
        },
    ),
    Seed(
        key="barnunge21_summary",
        file="001_53c27f281a26514e.txt",
        citation="BarnUnge21 (2020) Anbefalinger fra arbeidsrapportene til BarnUnge21",
        kind="expert_recommendation",
        basis={
            "nb": "Et kort sammendrag av anbefalingene fra de fire arbeidsrapportene.",
            "en": "A short summary of the recommendations of the four working reports.",
        },
        cannot={
            "nb": "Om anbefalingene virker, og hva som ligger bak hver av dem.",
            "en": "Whether the recommendations work, and what lies behind each of them.",
        },
    ),
    Seed(
        key="fafo_2020",
        file="002_a057e3bc6566cc3c.txt",
        citation="Fafo (2020) Trøbbel i grenseflatene",
        kind="self_report_and_cases",
        basis={
            "nb": "En spørreundersøkelse der de 60 største kommunene og bydelene i Oslo svarer "
            "om seg selv, intervjuer i fire kommuner (Bodø, Trondheim, Klepp og Stange) og en "
            "gjennomgang av norsk litteratur som ikke er systematisk.",
            "en": "A survey in which the 60 largest municipalities and the districts of Oslo "
            "answer about themselves, interviews in four municipalities (Bodø, Trondheim, "
            "Klepp and Stange) and a review of Norwegian literature that is not systematic.",
        },
        cannot={
            "nb": "Hvor ofte barrierene faktisk rammer barna, eller om et tiltak virker.",
            "en": "How often the barriers actually affect the children, or whether a measure "
            "works.",
        },
    ),
    Seed(
        key="rkbu_2017",
        file="003_d1c8c4433470eccb.txt",
        citation="RKBU Nord (2017) Kunnskapssammenstilling om samhandling",
        kind="review_without_grading",
        basis={
            "nb": "108 norske studier, rapporter og offentlige dokumenter fra 2010 til januar "
            "2017, også grå litteratur, ordnet etter tema. Kvaliteten på hver studie er ikke "
            "vurdert eller gradert.",
            "en": "108 Norwegian studies, reports and public documents from 2010 to January "
            "2017, grey literature included, sorted by theme. The quality of each study is not "
            "assessed or graded.",
        },
        cannot={
            "nb": "Hvor sterkt hvert funn står: ett funn kan bygge på seks informanter, et "
            "annet på en stor undersøkelse.",
            "en": "How strong each finding is: one finding may rest on six informants, another "
            "on a large survey.",
        },
    ),
    Seed(
        key="ledang_horn",
        file="004_a75c093ad8f42c83.txt",
        citation="Ledang & Horn: Styrk innsatsen rundt utsatte barn og unge!",
        kind="argued_view",
        basis={
            "nb": "En kort artikkel der en seniorrådgiver hos Fylkesmannen i Trøndelag og "
            "generalsekretæren i Voksne for Barn argumenterer for sitt syn. Ingen egne data.",
            "en": "A short article in which a senior adviser at the County Governor of "
            "Trøndelag (Fylkesmannen) and the secretary general of Voksne for Barn argue for "
            "their view. No data of their own.",
        },
        cannot={
            "nb": "Om det de anbefaler virker, utover erfaringene og kildene de viser til.",
            "en": "Whether what they recommend works, beyond the experience and sources they "
            "point to.",
        },
    ),
)

SEEDS_BY_KEY: dict[str, Seed] = {seed.key: seed for seed in SEEDS}

_COLUMNS = {
    "nb": ("Kilde", "Slags kunnskap", "Bygger på", "Kan ikke si"),
    "en": ("Source", "Kind of knowledge", "Built on", "Cannot say"),
}


def kind_label(key: str, lang: str = DEFAULT_LANG) -> str:
    """The kind of knowledge of the source document ``key``, in ``lang``."""
    return SEEDS_BY_KEY[key].kind_label(lang)


def seed_kinds(lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """One row per source document: its citation, kind of knowledge, what it is built on and
    what it cannot say."""
    check_lang(lang)
    source, kind, basis, cannot = _COLUMNS[lang]
    return pd.DataFrame(
        [
            {
                source: seed.citation,
                kind: seed.kind_label(lang),
                basis: seed.basis[lang],
                cannot: seed.cannot[lang],
            }
            for seed in SEEDS
        ]
    ).set_index(source)


@dataclass(frozen=True)
class Borrowed:
    """A model number taken from a study of another setting: the value the model uses, the
    range it could plausibly take, and where the number was measured."""

    value: float
    plausible: tuple[float, float]
    observed: tuple[int, int]
    measured_in: str
    applied_to: str
    citation: str


#: The base chance that a case is handed over at a service's age limit
#: (``Mechanisms.transition_handover``, ODD §7.9). Measured for child to adult mental health
#: services in England, and applied in the model to every age limit, barnevern to ettervern
#: included, where it has not been measured.
HANDOVER_AT_AGE_LIMIT = Borrowed(
    value=0.45,
    plausible=(0.3, 0.6),
    observed=(76, 154),
    measured_in="child to adult mental health services (CAMHS to AMHS), six services in England",
    applied_to="every age limit in the model, barnevern to ettervern included",
    citation="Paul, Ford, Kramer, Islam, Harley & Singh (2013) Transfers and transitions "
    "between child and adult mental health services. Br J Psychiatry 202(s54):s36–s40 "
    "(a case-note survey from the TRACK study; main report Singh et al. 2010, "
    "Br J Psychiatry 197:305–312)",
)
