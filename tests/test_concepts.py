"""Module 2, words that matter: the two scales, the Fjordvik situations, the feedback, the
placement widget driven as a participant would, and the figures."""

from __future__ import annotations

import pytest
from figure_checks import rendered, texts
from matplotlib.figure import Figure

from samlab import SamlabValueError, concepts

LANGS = ("nb", "en")
IDS = [v.key for v in concepts.VIGNETTES]


# --- the catalogue -------------------------------------------------------------------------


def test_scales_have_both_languages_and_the_right_shape():
    assert [lv.key for lv in concepts.LEVELS] == ["cooperation", "coordination", "collaboration"]
    assert [lv.rank for lv in concepts.LEVELS] == [1, 2, 3]
    assert [s.number for s in concepts.STEPS] == [1, 2, 3, 4, 5]
    assert concepts.STEPS[-1].source.startswith("Fafo")
    for item in (*concepts.LEVELS, *concepts.STEPS):
        for field in (item.name, item.description):
            assert set(field) == set(LANGS) and all(field.values())
    assert concepts.LEVELS[0].label("nb") == "Samarbeid"
    assert concepts.LEVELS[1].label("nb") == "Samordning"
    assert "samordning" in concepts.LEVELS[1].label("en")  # the Norwegian term kept in en


def test_between_six_and_eight_vignettes_with_unique_ids():
    assert 6 <= len(concepts.VIGNETTES) <= 8
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("vignette", concepts.VIGNETTES, ids=IDS)
def test_every_vignette_has_both_languages_and_a_valid_suggestion(vignette):
    for field in (vignette.title, vignette.text, vignette.why):
        assert set(field) == set(LANGS)
        assert all(value.strip() for value in field.values())
        assert field["nb"] != field["en"]
    assert vignette.level in concepts.LEVELS_BY_KEY
    assert vignette.step in concepts.STEPS_BY_NUMBER


def test_vignettes_span_both_scales():
    assert {v.level for v in concepts.VIGNETTES} == set(concepts.LEVELS_BY_KEY)
    assert {v.step for v in concepts.VIGNETTES} == set(concepts.STEPS_BY_NUMBER)


@pytest.mark.parametrize("lang", LANGS)
def test_tables_in_each_language(lang):
    table = concepts.suggestions(lang)
    assert len(table) == len(concepts.VIGNETTES)
    assert list(table.index) == list(range(1, len(concepts.VIGNETTES) + 1))
    listing = concepts.vignettes(lang)
    assert [row["id"] for row in listing] == IDS
    assert all(row["text"] == concepts.VIGNETTES_BY_KEY[row["id"]].text[lang] for row in listing)


# --- check_placement -----------------------------------------------------------------------

LEVEL_SPELLINGS = {
    "cooperation": [
        "samarbeid",
        "Samarbeid",
        " SAMARBEID ",
        "cooperation",
        "Co-operation",
        "Cooperation (samarbeid)",
        "cooperation",
    ],
    "coordination": [
        "samordning",
        "Samordning",
        "samordning ",
        "coordination",
        "Coordination",
        "co-ordination",
        "Coordination (samordning)",
        "koordinering",
    ],
    "collaboration": [
        "kollaborasjon",
        "Kollaborasjon",
        "tett samarbeid",
        "Kollaborasjon (tett samarbeid)",
        "collaboration",
        " Collaboration",
    ],
}


@pytest.mark.parametrize("key", list(LEVEL_SPELLINGS))
def test_every_spelling_of_a_level_is_understood(key):
    for spelling in LEVEL_SPELLINGS[key]:
        assert concepts.parse_level(spelling) == key, spelling


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_every_spelling_of_a_step_is_understood(number):
    step = concepts.STEPS_BY_NUMBER[number]
    spellings = [
        number,
        float(number),
        str(number),
        f" {number} ",
        f"trinn {number}",
        f"Trinn {number}",
        f"step {number}",
        f"Step{number}",
        step.name["nb"],
        step.name["en"].upper(),
        step.label("nb"),
        step.label("en"),
    ]
    for spelling in spellings:
        assert concepts.parse_step(spelling) == number, spelling


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("vignette", concepts.VIGNETTES, ids=IDS)
def test_the_suggested_answer_in_any_spelling_is_recognised(vignette, lang):
    same = concepts.TEXT["same"][lang]
    for spelling in LEVEL_SPELLINGS[vignette.level]:
        feedback = concepts.check_placement(vignette.key, level=spelling, lang=lang)
        assert same in feedback, spelling
        assert vignette.why[lang] in feedback
    feedback = concepts.check_placement(
        vignette.key, level=vignette.level, step=f"trinn {vignette.step}", lang=lang
    )
    assert feedback.count(same) == 2
    assert vignette.title[lang] in feedback


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("vignette", concepts.VIGNETTES, ids=IDS)
def test_a_different_answer_gets_the_suggestion_and_the_reason(vignette, lang):
    suggested_level = concepts.LEVELS_BY_KEY[vignette.level]
    other_level = next(lv for lv in concepts.LEVELS if lv.key != vignette.level)
    other_step = 5 if vignette.step != 5 else 1
    feedback = concepts.check_placement(
        vignette.key, level=other_level.name["nb"].upper(), step=other_step, lang=lang
    )
    assert concepts.TEXT["same"][lang] not in feedback
    assert suggested_level.label(lang) in feedback
    assert concepts.STEPS_BY_NUMBER[vignette.step].label(lang) in feedback
    assert vignette.why[lang] in feedback
    assert concepts.TEXT["disagree"][lang] in feedback  # a suggestion, not a key
    away = "unna forslaget" if lang == "nb" else "away from the suggestion"
    assert feedback.count(away) == 2


def test_distance_is_named():
    near = concepts.check_placement("sara_joint_plan", level="samarbeid", step=3, lang="nb")
    assert "Ett nivå unna forslaget" in near and "Ett trinn unna forslaget" in near
    far = concepts.check_placement("sara_joint_plan", step=1, lang="en")
    assert "Three steps away from the suggestion" in far


def test_without_a_placement_the_feedback_gives_the_suggestion():
    feedback = concepts.check_placement("family_house", lang="en")
    assert "Suggestion: Cooperation (samarbeid), step 1" in feedback
    assert "not necessarily" in feedback


def test_unknown_vignette_names_the_allowed_ids():
    with pytest.raises(SamlabValueError) as info:
        concepts.check_placement("sara_plan", level="samordning")
    message = str(info.value)
    assert "sara_plan" in message
    assert all(key in message for key in IDS)


@pytest.mark.parametrize("bad", ["collab", "", "3", 2, None, ["samordning"]])
def test_unknown_level_names_the_allowed_levels(bad):
    if bad is None:  # None means "not chosen" in check_placement, but is no level to parse
        with pytest.raises(SamlabValueError):
            concepts.parse_level(None)
        return
    for lang, allowed in (("nb", "samarbeid"), ("en", "cooperation")):
        with pytest.raises(SamlabValueError) as info:
            concepts.check_placement("sara_joint_plan", level=bad, lang=lang)
        message = str(info.value)
        assert allowed in message and "coordination" in message and "samordning" in message
        assert ("ukjent nivå" if lang == "nb" else "unknown level") in message


@pytest.mark.parametrize("word", ["samhandling", " Samhandling "])
def test_samhandling_is_not_a_level_and_the_message_gives_both_conventions(word):
    for lang, umbrella, beside in (
        ("nb", "paraplyordet", "på linje med samarbeid"),
        ("en", "umbrella word", "on a par with samarbeid"),
    ):
        with pytest.raises(SamlabValueError) as info:
            concepts.check_placement("sara_joint_plan", level=word, lang=lang)
        message = str(info.value)
        assert umbrella in message and beside in message and "Ledang" in message


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, True, "trinn 9", "step six", "", object()])
def test_unknown_step_says_one_to_five(bad):
    with pytest.raises(SamlabValueError, match="1 to 5"):
        concepts.check_placement("sara_joint_plan", step=bad, lang="en")
    with pytest.raises(SamlabValueError, match="1 til 5"):
        concepts.check_placement("sara_joint_plan", step=bad, lang="nb")


def test_unknown_language_is_refused():
    with pytest.raises(SamlabValueError, match="lang"):
        concepts.check_placement("sara_joint_plan", lang="sv")
    with pytest.raises(SamlabValueError, match="lang"):
        concepts.placement_widget(lang="de")


# --- the widget ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_widget_has_a_dropdown_pair_per_vignette_and_a_check_button(lang):
    board = concepts.placement_widget(lang=lang)
    assert list(board.levels) == IDS and list(board.steps) == IDS
    for key in IDS:
        assert board.levels[key].value is None and board.steps[key].value is None
        assert [v for _, v in board.levels[key].options][1:] == [lv.key for lv in concepts.LEVELS]
        assert [v for _, v in board.steps[key].options][1:] == [1, 2, 3, 4, 5]
    assert board.button.description == concepts.TEXT["check"][lang]
    assert board.button.description == ("Sjekk" if lang == "nb" else "Check")
    assert board.placements() == {}


def test_clicking_check_with_nothing_chosen_asks_for_a_choice():
    board = concepts.placement_widget(lang="nb")
    board.button.click()
    assert "Velg et nivå eller et trinn" in board.message.value
    assert board.feedback.value == ""


@pytest.mark.parametrize("lang", LANGS)
def test_clicking_check_shows_feedback_for_each_placement(lang):
    board = concepts.placement_widget(lang=lang)
    sara = concepts.VIGNETTES_BY_KEY["sara_joint_plan"]
    board.levels["sara_joint_plan"].value = sara.level
    board.steps["sara_joint_plan"].value = sara.step
    board.levels["family_house"].value = "collaboration"
    board.steps["youth_team"].value = 2
    board.button.click()
    html = board.feedback.value
    for key in ("sara_joint_plan", "family_house", "youth_team"):
        title = concepts.VIGNETTES_BY_KEY[key].title[lang]
        assert title in html or title.replace("'", "&#x27;") in html
    assert concepts.VIGNETTES_BY_KEY["mia_parents"].title[lang] not in html
    assert html.count("<p>") == 3
    placed = "Du har plassert 3 av 8" if lang == "nb" else "You have placed 3 of 8"
    assert placed in board.message.value
    levels = (
        "Samme nivå som forslaget: 1 av 2" if lang == "nb" else "level as the suggestion: 1 of 2"
    )
    assert levels in board.message.value
    assert board.placements() == {
        "sara_joint_plan": ("coordination", 4),
        "family_house": ("collaboration", None),
        "youth_team": (None, 2),
    }
    # change an answer and check again: the feedback follows
    board.levels["family_house"].value = "cooperation"
    board.button.click()
    assert "Same level as the suggestion: 2 of 2" in board.message.value or (
        "Samme nivå som forslaget: 2 av 2" in board.message.value
    )


def test_a_failing_callback_shows_a_message_instead_of_raising(monkeypatch):
    board = concepts.placement_widget(lang="en")
    board.levels["sara_joint_plan"].value = "coordination"

    def broken(*args, **kwargs):
        raise RuntimeError("the feedback could not be made")

    monkeypatch.setattr(concepts, "check_placement", broken)
    board.button.click()  # must not raise
    assert "Something went wrong" in board.message.value
    assert "the feedback could not be made" in board.message.value
    monkeypatch.undo()
    board.button.click()
    assert "Something went wrong" not in board.message.value
    assert "One joint plan for Sara" in board.feedback.value


# --- figures -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_continuum_figure(lang):
    fig = concepts.continuum_figure(lang=lang)
    assert isinstance(fig, Figure)
    words = texts(fig)
    for level in concepts.LEVELS:
        assert level.label(lang) in words
    assert "Samhandling" in words and "Keast" in words
    assert ("offisiell" if lang == "nb" else "official") in words
    rendered(fig)
    assert fig._repr_png_().startswith(b"\x89PNG")  # shows itself in a notebook


@pytest.mark.parametrize("lang", LANGS)
def test_ladder_figure(lang):
    fig = concepts.ladder_figure(lang=lang)
    words = texts(fig)
    for step in concepts.STEPS:
        assert step.name[lang].split()[0] in words
    assert "Fafo (2020)" in words and "Difi" in words
    rendered(fig)


@pytest.mark.parametrize("lang", LANGS)
def test_placement_figure_with_and_without_own_placements(lang):
    fig = concepts.placement_figure(lang=lang)
    words = texts(fig)
    assert all(v.title[lang][:15] in words for v in concepts.VIGNETTES)
    assert concepts.TEXT["legend_yours"][lang] not in words
    rendered(fig)
    board = concepts.placement_widget(lang=lang)
    board.levels["sara_joint_plan"].value = "cooperation"
    board.steps["sara_joint_plan"].value = 2
    board.levels["mia_parents"].value = "cooperation"  # no step: not drawn
    fig = concepts.placement_figure(board.placements(), lang=lang)
    assert concepts.TEXT["legend_yours"][lang] in texts(fig)
    rendered(fig)


def test_placement_figure_names_bad_placements():
    with pytest.raises(SamlabValueError, match="situations are"):
        concepts.placement_figure({"nobody": ("samarbeid", 1)}, lang="en")
    with pytest.raises(SamlabValueError, match="choose one of"):
        concepts.placement_figure({"sara_joint_plan": ("samhandlingx", 1)}, lang="en")


def test_a_situation_that_does_not_fit_the_scales_is_refused():
    import dataclasses

    first = concepts.VIGNETTES[0]
    concepts.check_vignettes(concepts.VIGNETTES)
    bad = dataclasses.replace(first, level="friendship", step=9, why={"nb": "fordi"})
    with pytest.raises(ValueError) as error:
        concepts.check_vignettes((bad,))
    message = str(error.value)
    assert f"{first.key}: level 'friendship'" in message
    assert f"{first.key}: step 9" in message
    assert f"{first.key}: why needs a text in each of ('nb', 'en')" in message
