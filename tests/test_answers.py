"""Answer widgets (samlab.answers) and the one-line checks (samlab.exercise_checks).

Setting a widget sets the graded variable at once and saves it next to the notebook; a new
form (a restarted kernel, or nbgrader running the notebook again) reads the same answer
back. The one-line check says what is wrong in the participant's language, and the partial
credit helper gives the points nbgrader records.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import law_answers
import pytest

from samlab import answers, checks, concepts, exercise_checks

ROOT = Path(__file__).resolve().parents[1]
SITUATIONS = {key: key.replace("_", " ") for key in exercise_checks.EX1_SITUATIONS}
LEVEL_OPTIONS = [(level.label("nb"), level.key) for level in concepts.LEVELS]
KEY = {
    "agreement_in_drawer": "cooperation",
    "absence_workshop": "cooperation",
    "advice_agreement": "coordination",
    "mia_plan": "coordination",
    "absence_routine": "coordination",
    "transition_team": "collaboration",
}


def menus(box):
    return {menu.description: menu for menu in box.children if hasattr(menu, "options")}


def test_a_menu_sets_the_graded_variable_and_the_file(tmp_path):
    namespace = {}
    form = answers.Form("nb", namespace=namespace, folder=tmp_path)
    box = form.dropdowns("levels", SITUATIONS, LEVEL_OPTIONS)
    assert namespace["levels"] is None and not form.used("levels")
    menus(box)["mia plan"].value = "coordination"
    assert namespace["levels"] == {"mia_plan": "coordination"}
    saved = json.loads((tmp_path / "svar.json").read_text(encoding="utf-8"))
    assert saved == {"levels": {"mia_plan": "coordination"}}
    assert form.used("levels") and form["levels"] == {"mia_plan": "coordination"}


def test_the_answer_survives_a_restart(tmp_path):
    first = answers.Form("en", namespace={}, folder=tmp_path)
    box = first.dropdowns("levels", SITUATIONS, LEVEL_OPTIONS)
    for item, level in KEY.items():
        menus(box)[SITUATIONS[item]].value = level
    assert (tmp_path / "answers.json").exists()
    namespace = {}
    again = answers.Form("en", namespace=namespace, folder=tmp_path)
    box = again.dropdowns("levels", SITUATIONS, LEVEL_OPTIONS)
    assert namespace["levels"] == KEY
    assert {m.description: m.value for m in menus(box).values()} == {
        SITUATIONS[k]: v for k, v in KEY.items()
    }
    exercise_checks.checker("ex1_concepts", "en")("levels", namespace["levels"])


def test_unused_menus_leave_a_python_answer_alone(tmp_path):
    namespace = {"levels": dict(KEY)}
    form = answers.Form("nb", namespace=namespace, folder=tmp_path)
    form.dropdowns("levels", SITUATIONS, LEVEL_OPTIONS)
    assert namespace["levels"] == KEY and not (tmp_path / "svar.json").exists()


def test_choosing_back_to_nothing_forgets_the_answer(tmp_path):
    namespace = {}
    form = answers.Form("nb", namespace=namespace, folder=tmp_path)
    box = form.dropdowns("levels", SITUATIONS, LEVEL_OPTIONS)
    menus(box)["mia plan"].value = "coordination"
    assert menus(box)["absence workshop"].value == ""  # shows "– velg –"
    assert menus(box)["absence workshop"].label == "– velg –"
    menus(box)["mia plan"].value = ""
    assert namespace["levels"] is None and not form.used("levels")
    assert json.loads((tmp_path / "svar.json").read_text(encoding="utf-8")) == {}


def test_tick_boxes_choice_and_text(tmp_path):
    namespace = {}
    form = answers.Form("en", namespace=namespace, folder=tmp_path)
    ticks = form.checkboxes("brokers", ["PPT", "NAV", ("The school", "school")])
    boxes = [c for c in ticks.children if hasattr(c, "indent")]
    boxes[2].value = True
    boxes[0].value = True
    assert namespace["brokers"] == ["PPT", "school"]
    menu = form.choice("mode", [("Shared", "shared"), ("NAO", "nao")])
    next(c for c in menu.children if hasattr(c, "options")).value = "nao"
    area = form.text("memo", rows=3)
    next(c for c in area.children if hasattr(c, "rows")).value = "Tre setninger."
    assert (namespace["mode"], namespace["memo"]) == ("nao", "Tre setninger.")
    field = form.short_text("density", placeholder="0,35")
    next(c for c in field.children if hasattr(c, "placeholder")).value = " 0,52 "
    assert namespace["density"] == "0,52"
    checks.close_to(namespace["density"], 0.52, what="density", lang="en")
    again = answers.Form("en", namespace={}, folder=tmp_path)
    assert again["brokers"] == ["PPT", "school"] and again["mode"] == "nao"
    with pytest.raises(ValueError, match="already has a widget"):
        form.text("memo")


def test_a_broken_file_is_said_and_ignored(tmp_path):
    (tmp_path / "svar.json").write_text("[1, 2", encoding="utf-8")
    form = answers.Form("nb", namespace={}, folder=tmp_path)
    assert "Kunne ikke lese" in form.message.value and not form.used("levels")
    (tmp_path / "svar.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="JSON object"):
        answers.read_answers(tmp_path / "svar.json")


def test_the_one_line_check_speaks_the_participants_language():
    sjekk = exercise_checks.checker("ex1_concepts", "nb")
    with pytest.raises(AssertionError, match="ikke besvart ennå"):
        sjekk("levels", None)
    with pytest.raises(AssertionError, match="mangler: absence_workshop"):
        sjekk("levels", {k: v for k, v in KEY.items() if k != "absence_workshop"})
    with pytest.raises(AssertionError, match="ukjent nivå"):
        sjekk("levels", {**KEY, "mia_plan": "litt"})
    with pytest.raises(AssertionError, match=r"Nivå for D\. Én plan for Mia"):
        sjekk("levels", {**KEY, "mia_plan": "collaboration"})
    sjekk("levels", KEY)
    check = exercise_checks.checker("ex1_concepts", "en")
    with pytest.raises(AssertionError, match=r"Step for D\. One plan for Mia"):
        check("steps", dict.fromkeys(KEY, 3))
    with pytest.raises(ValueError, match="ex1_concepts"):
        exercise_checks.checker("ex9", "nb")


def test_partial_credit_is_rounded_down_to_half_points(capsys):
    assert checks.partial_credit(dict.fromkeys("abcdef", 1.0), 4, "Nivå") == 4.0
    credits = {"a": 1, "b": 1, "c": 1, "d": 1, "e": 0.5, "f": 0}
    assert checks.partial_credit(credits, 4, "Nivå", {"f": "feil"}) == 3.0
    assert checks.partial_credit({**credits, "f": 1}, 4, "Nivå") == 3.5
    out = capsys.readouterr().out
    assert "f: feil" in out and "Nivå: 3.5 av 4 poeng" in out
    with pytest.raises(ValueError, match="between 0 and 1"):
        checks.partial_credit({"a": 2}, 4, "x")


def test_answer_files_left_in_a_master_never_reach_students(tmp_path):
    from samlab import cohort, grading

    assert sorted(answers.FILE_NAME.values()) == sorted(grading.ANSWER_FILES)
    assert not set(grading.ANSWER_FILES) & set(grading.IGNORE)  # submissions keep them
    masters = tmp_path / "solutions"
    shutil.copytree(ROOT / "solutions" / "nb" / "ex1_concepts", masters / "nb" / "ex1_concepts")
    (masters / "nb" / "ex1_concepts" / "svar.json").write_text('{"levels": {}}', encoding="utf-8")
    root = cohort.init(tmp_path / "course", "nb", solutions=masters)
    assert (root / "source" / "ex1_concepts" / "ex1_concepts.ipynb").exists()
    assert not (root / "source" / "ex1_concepts" / "svar.json").exists()


def test_exercise_6_checks_take_menu_values_and_two_part_answers():
    weeks = [8, 7, 9, 8, 7, 8, 9, 8, 7, 8, 9, 8, 9, 8, 7, 6, 5, 4, 4, 3, 3, 3, 4, 3]
    sjekk = exercise_checks.checker("ex6_improvement_and_evidence", "nb", weeks=weeks)
    sjekk("median", "8,0")
    sjekk("shift", 15, 24)
    sjekk("trend", 13, 17)
    sjekk("runs", 12)
    sjekk("improved", "ja")
    sjekk("levels", {"A": 2, "B": 3, "C": 4, "D": 0})
    with pytest.raises(AssertionError, match="ikke besvart ennå"):
        sjekk("shift", 15, None)
    with pytest.raises(AssertionError, match="minst seks punkter"):
        sjekk("shift", 20, 24)
    with pytest.raises(AssertionError, match="mellom laveste og høyeste"):
        sjekk("median", "2")
    with pytest.raises(AssertionError, match="ikke et av de tillatte svarene"):
        sjekk("improved", "kanskje")
    with pytest.raises(AssertionError, match="A–D"):
        sjekk("levels", {"A": 2, "B": 3, "C": 4})
    check = exercise_checks.checker("ex6_improvement_and_evidence", "en", weeks=weeks)
    with pytest.raises(AssertionError, match="whole number"):
        check("runs", 2.5)


def test_exercise_3_checks_take_ticked_boxes():
    from samlab import network_map

    folder = ROOT / "solutions" / "nb" / "ex3_network_mapping"
    g = network_map.read_network(folder / "fjordvik_youth_network_nb.csv", lang="nb")
    sjekk = exercise_checks.checker("ex3_network_mapping", "nb", folder=str(folder))
    n, e = g.number_of_nodes(), g.to_undirected().number_of_edges()
    sjekk("density", str(n), str(e), f"{2 * e / (n * (n - 1)):.3f}".replace(".", ","))
    sjekk("broker", "NAV")
    sjekk("single_points_of_failure", sorted(network_map.single_points_of_failure(g)))
    sjekk("new_tie", list(network_map.best_new_tie(g)))
    with pytest.raises(AssertionError, match="ikke en tjeneste i nettverket"):
        sjekk("most_partners", ["Rådhuset"])
    with pytest.raises(AssertionError, match="to ulike tjenester"):
        sjekk("new_tie", ["NAV"])
    a, b = next(iter(g.to_undirected().edges))
    with pytest.raises(AssertionError, match="finnes allerede"):
        sjekk("new_tie", [a, b])
    with pytest.raises(AssertionError, match="Antall tjenester"):
        sjekk("density", n + 1, e, 0.5)


def test_a_package_from_the_menus_runs_in_the_model_and_is_checked(tmp_path, capsys):
    import samlab

    namespace = {}
    form = answers.Form("en", namespace=namespace, folder=tmp_path)
    box = form.package("package", samlab.levers(), samlab.scenarios())
    menus = {m.description: m for m in box.children if hasattr(m, "options")}
    coverage = next(lever for lever in samlab.levers() if lever["name"] == "coordinator_coverage")
    assert menus[coverage["label"]["en"]].value == ""  # as in the scenario until chosen
    menus["Scenario"].value = "bti_anchored"
    menus[coverage["label"]["en"]].value = 0.6
    assert namespace["package"] == {"scenario": "bti_anchored", "coordinator_coverage": 0.6}
    assert samlab.resolve(**namespace["package"])["coordinator_coverage"] == 0.6
    check = exercise_checks.checker("ex7_capstone_memo", "en")
    check("package", namespace["package"])
    assert "Extra cost:" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="same as the silo scenario"):
        check("package", {"scenario": "silo"})
    with pytest.raises(AssertionError, match="1,500,000 kroner"):
        check("package", {"scenario": "everything", "capacity": 2.0})
    again = answers.Form("en", namespace={}, folder=tmp_path)
    assert again["package"] == namespace["package"]


def test_number_fields_give_a_list_and_exercise_5_reads_it(tmp_path):
    namespace = {}
    form = answers.Form("nb", namespace=namespace, folder=tmp_path)
    box = form.numbers("interval_lost", ["Nedre", "Øvre"])
    low, high = (c for c in box.children if type(c).__name__ == "Text")
    low.value = "-20,5"
    assert namespace["interval_lost"] == ["-20,5", ""]
    high.value = "-8"
    assert namespace["interval_lost"] == ["-20,5", "-8"]
    sjekk = exercise_checks.checker("ex5_simulation_experiment", "nb")
    sjekk("read", "-12,5", namespace["interval_lost"])
    with pytest.raises(AssertionError, match="det første tallet"):
        sjekk("read", "-12,5", list(reversed(namespace["interval_lost"])))
    low.value, high.value = "", ""
    assert namespace["interval_lost"] is None


def ex4_context(lang):
    """The stories, case files and stafettlogg of exercise 4, as its setup cell makes them."""
    import nbformat

    from samlab import law

    folder = ROOT / "solutions" / lang / "ex4_law_and_bti"
    setup = next(
        c.source
        for c in nbformat.read(folder / "ex4_law_and_bti.ipynb", as_version=4).cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == "setup"
    )
    data = setup[: setup.index("# Del 3 / Part 3")].replace("from samlab import", "import samlab #")
    namespace = {}
    exec(data, namespace)  # the exercise's own data: CASES and CHILDREN
    log = law.read_stafettlogg(folder / "stafettlogg_jonas.csv")
    return {"cases": namespace["CASES"], "children": namespace["CHILDREN"], "log": log}


EX4_PATHS, EX4_LEVELS = law_answers.PATHS, law_answers.LEVELS


def test_exercise_4_checks_take_menus_tick_boxes_and_fields(tmp_path, capsys):
    from samlab import law

    namespace = {}
    form = answers.Form("nb", namespace=namespace, folder=tmp_path)
    stories = {key: f"Historie {key}" for key in EX4_PATHS}
    paths = [(path["name"]["nb"], key) for key, path in law.LEGAL_PATHS.items()]
    for item, menu in menus(form.dropdowns("legal_paths", stories, paths)).items():
        menu.value = EX4_PATHS[item.split()[-1]]
    box = form.short_texts("log_breaks", {k: t["name"]["nb"] for k, t in law.BREAK_TYPES.items()})
    fields = {c.description: c for c in box.children if type(c).__name__ == "Text"}
    fields["tiltak uten mål"].value = "5, 9"
    fields["stafetten ikke tatt imot"].value = " 17 "
    assert namespace["log_breaks"] == {"no_goal": "5, 9", "baton_not_accepted": "17"}
    assert law.parse_breaks(namespace["log_breaks"]) == {
        (5, "no_goal"),
        (9, "no_goal"),
        (17, "baton_not_accepted"),
    }
    sjekk = exercise_checks.checker("ex4_law_and_bti", "nb", **ex4_context("nb"))
    sjekk("legal_paths", namespace["legal_paths"])
    sjekk("bti_levels", {**EX4_LEVELS, "E": "nivå 1"})
    sjekk("roles", ["Mia", "Sara", "Ingrid"], ["Mia", "Ingrid"])
    sjekk("log_breaks", namespace["log_breaks"])
    assert "alle svarene er navn på lovlige veier" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="ikke besvart ennå"):
        sjekk("legal_paths", None)
    with pytest.raises(AssertionError, match="mangler: F"):
        sjekk("legal_paths", {k: v for k, v in EX4_PATHS.items() if k != "F"})
    with pytest.raises(AssertionError, match="Ukjent: 'melde'"):
        sjekk("legal_paths", {**EX4_PATHS, "B": "melde"})
    with pytest.raises(AssertionError, match=r"Lovlig vei for A \(Emil\)"):
        sjekk("legal_paths", {**EX4_PATHS, "A": "consent"})
    with pytest.raises(AssertionError, match="Ugyldig: 4"):
        sjekk("bti_levels", {**EX4_LEVELS, "D": 4})
    with pytest.raises(AssertionError, match="Jonas i november"):
        sjekk("bti_levels", {**EX4_LEVELS, "C": 1})
    with pytest.raises(AssertionError, match=r"Mia, Emil, Sara, Noah og Ingrid\. Ukjent: 'Nora'"):
        sjekk("roles", ["Mia", "Nora"], ["Mia"])
    with pytest.raises(AssertionError, match="kryss av i boksene"):
        sjekk("roles", "Mia", ["Mia"])
    with pytest.raises(AssertionError, match="Mia mangler"):
        sjekk("roles", ["Mia"], ["Ingrid"])
    with pytest.raises(AssertionError, match="komma mellom"):
        sjekk("log_breaks", {"uten mål": "fem"})
    with pytest.raises(AssertionError, match=r"\(2–18\). Finnes ikke: 40"):
        sjekk("log_breaks", {"uten mål": "40", "stafetten ikke tatt imot": 17})
    with pytest.raises(AssertionError, match="se på rad 17 igjen"):
        sjekk("log_breaks", {"uten mål": [5]})
    check = exercise_checks.checker("ex4_law_and_bti", "en", **ex4_context("en"))
    with pytest.raises(AssertionError, match=r"BTI level for C \(Jonas in November\)"):
        check("bti_levels", {**EX4_LEVELS, "C": 3})
    with pytest.raises(AssertionError, match="look at row 17 again"):
        check("log_breaks", {"no goal": "5"})
    with pytest.raises(ValueError, match="needs the notebook's data"):
        exercise_checks.checker("ex4_law_and_bti", "en")("roles", ["Mia"], ["Mia"])


NO_CODE = [
    "ex1_concepts",
    "ex2_governance_mode",
    "ex3_network_mapping",
    "ex4_law_and_bti",
    "ex5_simulation_experiment",
    "ex6_improvement_and_evidence",
    "ex7_capstone_memo",
]


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("assignment", NO_CODE)
def test_the_student_version_has_menus_one_line_checks_and_hidden_tool_cells(lang, assignment):
    import nbformat

    from samlab.grading import split_regions

    path = ROOT / "exercises" / lang / assignment / f"{assignment}.ipynb"
    cells = nbformat.read(path, as_version=4).cells
    name = {"nb": "sjekk", "en": "check"}[lang]
    grading = [c.metadata.get("nbgrader", {}) for c in cells]
    tests = [
        c for c, g in zip(cells, grading, strict=True) if g.get("grade") and c.cell_type == "code"
    ]
    tests = [c for c in tests if not c.metadata["nbgrader"].get("solution")]
    assert tests
    for cell in tests:
        _, visible = split_regions(cell.source, [("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")])
        lines = [line for line in visible if line.strip()]
        assert len(lines) == 1 and lines[0].startswith(f'{name}("'), cell.source
    menus = [
        c for c, g in zip(cells, grading, strict=True) if g.get("grade_id", "").startswith("menu_")
    ]
    assert menus and all(c.metadata.get("jupyter", {}).get("source_hidden") for c in menus)
    setup = next(c for c, g in zip(cells, grading, strict=True) if g.get("grade_id") == "setup")
    assert setup.metadata.get("jupyter", {}).get("source_hidden")
    assert "answers.Form(LANG, namespace=globals())" in setup.source
    answers_cells = [c for c, g in zip(cells, grading, strict=True) if g.get("solution")]
    for cell in answers_cells:
        if cell.cell_type == "code":
            assert "form.used(" in cell.source and "raise NotImplementedError()" in cell.source
