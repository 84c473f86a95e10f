"""The course's legal statements as the notebooks teach them, in both languages: the duty to avert
covers crimes that will be or are being committed (ongoing abuse included), the right to share
(opplysningsrett) is taught, the duty to inform is personal, the guideline says "should", the
newer guides and dates are used, and each legal entry in the glossary shows when it was last
checked (the date is data in samlab.law)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from samlab import law

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("nb", "en")


def markdown(path: Path) -> str:
    """The markdown cells, each with its whitespace runs made single spaces (paragraphs kept)."""
    notebook = nbformat.read(path, as_version=4)
    cells = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    return "\n\n".join(
        "\n\n".join(" ".join(p.split()) for p in cell.split("\n\n")) for cell in cells
    )


def course(lang: str, name: str) -> str:
    return markdown(ROOT / "course" / lang / name)


def exercise(lang: str) -> str:
    return markdown(ROOT / "solutions" / lang / "ex4_law_and_bti" / "ex4_law_and_bti.ipynb")


def glossary_entry(text: str, term: str) -> str:
    start = text.index(f"**{term}** ·")
    end = text.find("\n\n", start)
    return text[start : end if end > 0 else None]


@pytest.mark.parametrize("lang", LANGS)
def test_every_legal_glossary_entry_shows_the_last_checked_date(lang):
    text = course(lang, "glossary.ipynb")
    for term in law.GLOSSARY_LEGAL_TERMS:
        entry = glossary_entry(text, term)
        assert f"{law.CHECKED_LABEL[lang]} {law.LAST_CHECKED}" in entry, term


@pytest.mark.parametrize("lang", LANGS)
def test_the_duty_to_avert_is_not_taught_too_narrowly(lang):
    words = {"nb": "vil bli eller er", "en": "will be or is being"}[lang]
    for text in (course(lang, "06_law_and_routines.ipynb"), exercise(lang)):
        assert words in text and "§ 282" in text
    assert "§ 282" in glossary_entry(course(lang, "glossary.ipynb"), "avvergeplikt")
    module = course(lang, "06_law_and_routines.ipynb")
    # the Nora variant: repeated violence from the father she lives with is ongoing abuse
    nora = module[module.index("Nora (15)") :]
    assert '`"serious_crime_imminent"`' in nora and "`True`" in nora
    assert 'Sett `"serious_crime_imminent": False` – tenk deg at Nora' not in module
    assert 'Set `"serious_crime_imminent": False` – imagine that Nora' not in module
    for old in ("planlegger eller er i ferd med", "is planning or about to commit"):
        assert old not in exercise(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_right_to_share_and_the_personal_duty_are_taught(lang):
    for text in (
        course(lang, "06_law_and_routines.ipynb"),
        course(lang, "glossary.ipynb"),
        exercise(lang),
    ):
        assert "opplysningsrett" in text and "§ 13 b" in text
        assert "helsepersonelloven § 23" in text
    personal = {"nb": "personlig", "en": "personal"}[lang]
    assert personal in glossary_entry(course(lang, "glossary.ipynb"), "opplysningsplikt")
    assert personal in course(lang, "06_law_and_routines.ipynb")
    assert personal in exercise(lang)
    five = {"nb": "fem veier", "en": "five"}[lang]
    assert five in course(lang, "06_law_and_routines.ipynb").lower()


@pytest.mark.parametrize("lang", LANGS)
def test_coordinators_as_the_law_has_them(lang):
    gloss = course(lang, "glossary.ipynb")
    assert "komplekse eller langvarige og koordinerte" in glossary_entry(gloss, "koordinator")
    child = glossary_entry(gloss, "barnekoordinator")
    assert "under 18" in child and "koordinerende enhet" in child and "§ 7-2 a" in child
    for text in (course(lang, "06_law_and_routines.ipynb"), exercise(lang)):
        assert "under 18" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_guideline_says_should(lang):
    module = course(lang, "06_law_and_routines.ipynb")
    assert "Ansatte skal kjenne risikofaktorer" not in module
    assert "staff must know the risk factors" not in module
    should = {"nb": "*bør*", "en": "*should* (bør)"}[lang]
    assert should in module and should in exercise(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_councils_duties_and_the_new_education_act(lang):
    module = course(lang, "06_law_and_routines.ipynb")
    assert {"nb": "plan for kommunens forebyggende arbeid", "en": "preventive work"}[lang] in module
    assert "tilstandsrapport" in module
    for text in (module, course(lang, "resources.ipynb")):
        assert "opplæringslova" in text
        assert {"nb": "1. august 2024", "en": "1 August 2024"}[lang] in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "name",
    ["06_law_and_routines.ipynb", "glossary.ipynb", "resources.ipynb", "ex4"],
)
def test_the_2023_guide_comes_before_the_2013_ks_guide(lang, name):
    text = exercise(lang) if name == "ex4" else course(lang, name)
    sources = text[text.rindex("Justis- og beredskapsdepartementet (2023)") :]
    assert "KS (2013)" in sources


@pytest.mark.parametrize("lang", LANGS)
def test_dates_and_names_that_changed(lang):
    gloss, resources = course(lang, "glossary.ipynb"), course(lang, "resources.ipynb")
    for text in (gloss, resources, course(lang, "06_law_and_routines.ipynb")):
        assert "2015–2021" in text
    # Difi was closed in 2020: every mention in the glossary's text says where its work went
    assert "DFØ" in glossary_entry(gloss, "samordning")
    assert "DFØ" in glossary_entry(gloss, "samordningstrappen")
    for text in (gloss, resources):
        assert not re.search(r"rangerer barrierene|ranks the barriers", text)
    assert "Utdanningsdirektoratet for 0–24" not in resources
    assert "commissioned by the Directorate for Education" not in resources
    assert "Kunnskapsdepartementet" in resources or "Education and Research" in resources


@pytest.mark.parametrize("lang", LANGS)
def test_samhandling_is_given_both_conventions(lang):
    entry = glossary_entry(course(lang, "glossary.ipynb"), "samhandling")
    assert "Ledang & Horn" in entry and "RKBU Nord" in entry
    assert {"nb": "paraplyord", "en": "umbrella term"}[lang] in entry
    assert {"nb": "under samordning", "en": "below samordning"}[lang] in entry
