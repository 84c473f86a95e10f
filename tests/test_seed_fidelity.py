"""The course says what its source documents (the seeds) say, and says what kind of knowledge
each one is.

Each test pins a claim the course once got wrong, in both languages: the corrected wording is
there and the wrong wording is gone. The seed quotes the course relies on are kept here, so the
tests run without the seed files; where the seed files are present, they are checked against
them too.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import nbformat
import pytest

from samlab import mechanisms, sources
from samlab.labels import check_lang

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "course"
ODD = ROOT / "simulations" / "ODD.md"
SEEDS = ROOT.parent / "shared" / "seeds"
LANGS = ("nb", "en")

#: Sentences in the seeds the corrections rest on, as they stand there (whitespace aside).
SEED_QUOTES = {
    # BarnUnge21 §4.2: a call for sustained, broad coordination, against parallel initiatives
    "000_3147eb5266b1650a.txt": [
        "«På dette feltet trengs det langvarig, vedvarende og bred samordning for å sikre "
        "helhetlig oppfølging av den enkelte, og for å forebygge inflasjon i innsatser som "
        "svekker kraften i samarbeidet.»",
    ],
    "003_d1c8c4433470eccb.txt": [
        # RKBU §5.1: demanding, but good results
        "Tverrfaglige arbeidsgrupper, selv om det kan være en krevende arbeidsform, gir gode "
        "resultater",
        # RKBU's own summary of Holum 2013, not Holum's words
        "ofte er det slik at ingen vil påta seg koordinatorrollen (Holum 2013)",
        "Det er dessverre ofte slik at ingen vil påta seg koordinatorrollen.",
        "Totalt ble 108 studier, rapporter etc. inkludert i denne sammenstillingen.",
    ],
    "004_a75c093ad8f42c83.txt": [
        # Ledang & Horn rank samhandling with samarbeid, below samordning
        "samarbeid og samhandling rundt utsatte barn og unge krever samordning",
        "Samordning innebærer et strengere krav til forpliktelse og formalisering enn "
        "samhandling og samarbeid.",
    ],
}


def flat(text: str) -> str:
    """Text with every run of whitespace made one space, so line breaks do not matter."""
    return re.sub(r"\s+", " ", text).strip()


def cells(name: str, lang: str) -> dict[str, str]:
    """A course notebook's cells by id, each as flat text."""
    notebook = nbformat.read(COURSE / lang / name, as_version=4)
    return {cell.id: flat(cell.source) for cell in notebook.cells}


def prose(name: str, lang: str) -> str:
    notebook = nbformat.read(COURSE / lang / name, as_version=4)
    return flat(" ".join(c.source for c in notebook.cells if c.cell_type == "markdown"))


M1 = "01_why_children_fall_between.ipynb"
M2 = "02_words_that_matter.ipynb"
M5 = "05_levers_for_leaders.ipynb"
M8 = "08_knowledge_based_leadership.ipynb"


# --- the seeds ------------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not next to the repo")
@pytest.mark.parametrize("file", sorted(SEED_QUOTES))
def test_the_seed_quotes_are_in_the_seeds(file):
    seed = flat((SEEDS / file).read_text(encoding="utf-8"))
    for quote in SEED_QUOTES[file]:
        assert flat(quote) in seed, quote


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not next to the repo")
def test_every_seed_file_is_labelled():
    on_disk = {p.name for p in SEEDS.glob("*.txt")}
    assert {seed.file for seed in sources.SEEDS} == on_disk


# --- BarnUnge21 §4.2 and RKBU §5.1 in module 5 ----------------------------------------------

REVERSED = {
    "nb": ["Men de peker i samme retning", "vil forebygge «inflasjon i innsatser"],
    "en": ["But they point the same way", 'wants to prevent an "inflation of initiatives'],
}
SUSTAINED = {
    "nb": [
        "sier ikke at mer samordning er verre",
        flat(SEED_QUOTES["000_3147eb5266b1650a.txt"][0]),
        "Advarselen gjelder mange parallelle innsatser, ikke samordning.",
    ],
    "en": [
        "they do not say that more coordination is worse",
        "long-lasting, sustained and broad coordination",
        "The warning is against many parallel initiatives, not against coordination.",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_module_5_does_not_reverse_barnunge21(lang):
    text = prose(M5, lang)
    for wrong in REVERSED[lang]:
        assert wrong not in text, wrong
    caution = cells(M5, lang)["m5-21"]
    for right in SUSTAINED[lang]:
        assert right in caution, right


JOHANSEN = {
    "nb": (
        "krevende arbeidsform som trekker mange med i prosessen",
        "tverrfaglige arbeidsgrupper, selv om det kan være en krevende arbeidsform, gir gode "
        "resultater",
    ),
    "en": (
        "demanding way of working that draws many people into the process",
        "cross-disciplinary work groups, though they can be a demanding way of working, give "
        "good results",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_module_5_reports_rkbu_on_work_groups_as_good_results(lang):
    wrong, right = JOHANSEN[lang]
    text = prose(M5, lang)
    assert wrong not in text
    assert right in text
    assert "Overhalla" in text


@pytest.mark.parametrize("lang", LANGS)
def test_module_5_says_the_caution_is_from_the_american_studies(lang):
    caution = cells(M5, lang)["m5-21"]
    assert {
        "nb": "hviler altså på de to amerikanske studiene, ikke på de norske kildene",
        "en": "rests on the two American studies, not on the Norwegian sources",
    }[lang] in caution


def test_the_model_description_says_the_seeds_do_not_argue_against_coordination():
    odd = flat(ODD.read_text(encoding="utf-8"))
    assert "they do not argue that more coordination is worse" in odd
    assert "long-lasting, sustained and broad coordination" in odd
    assert "demanding but with good results" in odd


# --- samhandling in module 2 -----------------------------------------------------------------

CONVENTIONS = {
    "nb": (
        "Samhandling** er paraplyordet",
        "Samhandling er paraplyordet.",
        ["*Som paraplyord.*", "*Som en løsere form, ved siden av samarbeid og under samordning.*"],
    ),
    "en": (
        "Samhandling** is the umbrella word",
        "Samhandling is the umbrella word.",
        ["*As the umbrella word.*", "*As a looser form, beside samarbeid and below samordning.*"],
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_module_2_states_both_conventions_for_samhandling(lang):
    wrong_definition, wrong_summary, right = CONVENTIONS[lang]
    text = prose(M2, lang)
    assert wrong_definition not in text
    assert wrong_summary not in text
    continuum = cells(M2, lang)["words-04"]
    for convention in right:
        assert convention in continuum, convention
    assert "Ledang" in continuum
    assert "Ledang" in cells(M2, lang)["words-19"]


def test_module_2_quotes_ledang_and_horn_as_the_seed_has_it():
    continuum = cells(M2, "nb")["words-04"]
    assert "«samarbeid og samhandling rundt utsatte barn og unge krever samordning»" in continuum


# --- RKBU's summary of Holum 2013 ------------------------------------------------------------

HOLUM = {"nb": "ingen vil påta seg koordinatorrollen", "en": "nobody will take on the coordinator"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", [M1, M2, M5, M8])
def test_the_coordinator_role_line_is_rkbus_summary_not_holums_words(name, lang):
    for cell_id, text in cells(name, lang).items():
        for match in re.finditer(re.escape(HOLUM[lang]), text):
            after = text[match.end() : match.end() + 80]
            assert not re.match(r"\s*role\W*\s*\(Holum 2013", after), (cell_id, after)
            assert not re.match(r"\W*\s*\(Holum 2013", after), (cell_id, after)
            assert "(RKBU Nord 2017" in after, (cell_id, after)


def test_the_model_description_and_package_attribute_the_line_to_rkbu():
    odd = flat(ODD.read_text(encoding="utf-8"))
    assert "RKBU's summary of Holum 2013" in odd
    for path in (ROOT / "simulations" / "samlab").glob("*.py"):
        if path.name == "law.py":
            continue
        text = flat(path.read_text(encoding="utf-8"))
        for quote in ("ingen vil påta seg koordinatorrollen", "nobody will take on"):
            assert quote not in text or "RKBU" in text, path.name


# --- a circular "fits the sources" in module 5 -----------------------------------------------

CIRCULAR = {
    "nb": ("Det passer med kildene:", "modellen er bygd på de samme kildene"),
    "en": ("That fits the sources:", "the model was built from these sources"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_module_5_says_agreement_with_the_sources_is_circular(lang):
    wrong, right = CIRCULAR[lang]
    assert wrong not in prose(M5, lang)
    assert right in cells(M5, lang)["m5-13"]


# --- the hand-over at 18 ---------------------------------------------------------------------

HANDOVER = {
    "nb": {
        "wrong": "omtrent halvparten av gangene – et anslag modellen bygger på",
        "right": ["76 av 154", "Paul mfl. 2013", "0,45", "fra 0,3 til 0,6", "ettervern"],
    },
    "en": {
        "wrong": "about half of the time – an estimate the model bases on",
        "right": ["76 of 154", "Paul et al. 2013", "0.45", "of 0.3 to 0.6", "ettervern"],
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_module_1_gives_the_handover_rate_its_source_and_range(lang):
    claims = HANDOVER[lang]
    sara = cells(M1, lang)["m1-22"]
    assert claims["wrong"] not in sara
    for right in claims["right"]:
        assert right in sara, right
    references = cells(M1, lang)["m1-34"]
    assert "202(s54), s36–s40" in references
    assert "TRACK" in references and "Singh" in references


def test_the_model_description_gives_the_handover_rate_a_range():
    odd = flat(ODD.read_text(encoding="utf-8"))
    assert "(0.45 from Paul et al. 2013)" not in odd
    assert "about half (hence the base 0.45)" not in odd
    assert odd.count("plausible range 0.3–0.6") >= 3
    assert "not measured for ettervern" in odd


def test_the_handover_docstring_names_the_borrowing():
    doc = flat(inspect.getdoc(mechanisms.Mechanisms.transition_handover))
    for words in (
        "0.45",
        "plausible range 0.3–0.6",
        "CAMHS to AMHS",
        "Paul et al. 2013",
        "ettervern",
    ):
        assert words in doc, words


def test_the_borrowed_handover_rate_is_data_with_a_range():
    borrowed = sources.HANDOVER_AT_AGE_LIMIT
    low, high = borrowed.plausible
    assert low < borrowed.value < high
    transferred, cases = borrowed.observed
    assert low < transferred / cases < high
    assert "Paul" in borrowed.citation and "s36–s40" in borrowed.citation
    assert "ettervern" in borrowed.applied_to


# --- what kind of knowledge each seed is -----------------------------------------------------

KINDS = {
    "barnunge21_leadership": "expert_recommendation",
    "barnunge21_summary": "expert_recommendation",
    "fafo_2020": "self_report_and_cases",
    "rkbu_2017": "review_without_grading",
    "ledang_horn": "argued_view",
}


def test_each_seed_is_labelled_with_its_kind_of_knowledge():
    assert {seed.key: seed.kind for seed in sources.SEEDS} == KINDS
    assert len({seed.file for seed in sources.SEEDS}) == 5
    assert sources.KINDS["review_without_grading"]["en"] == "review without quality grading"
    assert sources.KINDS["self_report_and_cases"]["en"] == "municipal self-report plus four cases"
    assert sources.KINDS["expert_recommendation"]["en"] == "expert recommendation"
    assert sources.KINDS["argued_view"]["en"] == "an article arguing a view"
    for seed in sources.SEEDS:
        for lang in LANGS:
            assert seed.kind_label(lang)
            assert seed.basis[lang] and seed.cannot[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_the_seed_table_has_one_row_per_seed(lang):
    check_lang(lang)
    table = sources.seed_kinds(lang)
    assert len(table) == len(sources.SEEDS)
    assert table.iloc[:, 0].tolist() == [seed.kind_label(lang) for seed in sources.SEEDS]
    assert sources.kind_label("rkbu_2017", lang) == sources.KINDS["review_without_grading"][lang]


@pytest.mark.parametrize("lang", LANGS)
def test_module_8_shows_the_labels_from_the_package(lang):
    notebook = nbformat.read(COURSE / lang / M8, as_version=4)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "sources.seed_kinds(LANG)" in code
    text = prose(M8, lang).lower()
    for kind in sources.KINDS.values():
        assert kind[lang].lower() in text, kind[lang]
