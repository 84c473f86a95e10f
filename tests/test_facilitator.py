"""The facilitator guide: the same in bokmål and English, a section for every module, and every
claim it makes about what a seed shows holds when the model runs.

The claims are written in ``course/facilitator/{nb,en}/README.md`` under "What the simulation
should show" and in the class experiment section; each test below names the one it checks.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import samlab
from samlab import network_map, tables
from samlab.experiments import group_configurations
from samlab.mechanisms import GOVERNANCE

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "course"
FACILITATOR = COURSE / "facilitator"
LANGS = ("nb", "en")


def guide(lang: str) -> str:
    return (FACILITATOR / lang / "README.md").read_text(encoding="utf-8")


def headings(text: str) -> list[int]:
    """The level of every heading, in order (lines inside code blocks are not headings)."""
    levels, in_code = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and (match := re.match(r"^(#{1,6}) ", line)):
            levels.append(len(match.group(1)))
    return levels


def table_rows(text: str) -> list[int]:
    """The number of lines in each table, in order."""
    rows, count = [], 0
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            count += 1
        elif count:
            rows.append(count)
            count = 0
    return rows


def cell(lang: str, cell_id: str) -> str:
    notebook = nbformat.read(FACILITATOR / lang / "class_experiment.ipynb", as_version=4)
    return next(c.source for c in notebook.cells if c.get("id") == cell_id)


def clear(table, configuration: str, measure: str) -> int:
    """+1 if clearly higher than the baseline, -1 if clearly lower, 0 if uncertain."""
    row = table[(table["configuration"] == configuration) & (table["measure"] == measure)].iloc[0]
    return 1 if row["diff_ci_low"] > 0 else -1 if row["diff_ci_high"] < 0 else 0


# --- the guide's form ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_and_the_class_experiment_exist(lang):
    assert (FACILITATOR / lang / "README.md").is_file()
    assert (FACILITATOR / lang / "class_experiment.ipynb").is_file()


def test_headings_are_in_parity():
    nb, en = headings(guide("nb")), headings(guide("en"))
    assert nb == en
    assert nb.count(1) == 1 and nb.count(2) == 9


def test_tables_are_in_parity():
    nb, en = table_rows(guide("nb")), table_rows(guide("en"))
    assert nb == en
    assert len(nb) >= 4


@pytest.mark.parametrize("lang", LANGS)
def test_every_module_and_the_simulation_lab_has_a_section(lang):
    text = guide(lang)
    names = sorted(p.name for p in (COURSE / "nb").glob("[0-9][0-9]_*.ipynb"))
    assert [name[:2] for name in names] == [f"{n:02d}" for n in range(10)]
    for name in [*names, "simulation_lab.ipynb"]:
        sections = [s for s in text.split("\n### ")[1:] if f"](../../{lang}/{name})" in s]
        assert sections, f"no section of the guide links {lang}/{name}"
    for number in range(10):
        assert re.search(rf"^### [^\n]*\b{number}\b", text, re.M), f"no heading for module {number}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_links_the_grading_walkthrough_and_its_tools(lang):
    text = guide(lang)
    assert "](../../../solutions/README.md)" in text
    assert "](class_experiment.ipynb)" in text
    for command in (
        "samlab cohort init",
        "samlab cohort students",
        "autograde",
        "release_feedback",
    ):
        assert command in text
    for number in range(1, 8):
        assert f"](../../../exercises/{lang}/ex{number}_" in text
    assert "4–6" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_service_game_section_and_its_notebook(lang):
    """The guide's section on the service game links its notebook, gives the timing, the
    debrief questions and the limits; the buttons it names are the widgets' own labels."""
    from samlab.game.messages import label

    text = guide(lang)
    section = text.split("\n## 6. ")[1].split("\n## 7. ")[0]
    assert "](service_game.ipynb)" in section
    assert "90" in section and "samlab.game.one_screen(game)" in section
    assert 'samlab.game.join("' in section
    assert len(re.findall(r"^\d\. ", section, re.M)) >= 6  # the debrief questions
    assert ("tankeverktøy" if lang == "nb" else "thinking tool") in section
    notebook = nbformat.read(FACILITATOR / lang / "service_game.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for key in ("submit", "compute", "debrief", "second_phase"):
        assert f"**{label(key, lang)}**" in markdown, key


def test_the_course_map_links_the_guide():
    text = (COURSE / "README.md").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f"](facilitator/{lang}/README.md)" in text


# --- the claims: modules 0, 1, 7 and 9 (silos, seed 1) -----------------------------------


@pytest.fixture(scope="module")
def silo_1():
    return samlab.simulate("silo", seed=1, personas=True)


def test_modules_0_children_are_lost_and_coordination_is_under_2_percent(silo_1):
    summary = silo_1.summary()
    assert summary["lost_between_services"] > 0
    assert summary["coordination_hours"] < 0.02 * summary["direct_help_hours"]


def test_module_1_sara_emil_and_ali_in_the_silos(silo_1):
    def events(name):
        return silo_1.journey(silo_1.persona_id(name))["event"].tolist()

    assert "lost_at_transition" in events("sara")
    assert "report_dismissed" in events("emil") and "bounced" not in events("emil")
    assert events("jonas").count("bounced") >= 2 and "gave_up_after_bounce" in events("jonas")
    assert "advised_gp" in events("ali") and "coordinator_assigned" in events("ali")


def test_modules_1_and_9_more_coordinator_roles_untaken_than_taken(silo_1):
    summary = silo_1.summary()
    assert summary["coordinators_untaken"] > summary["coordinators_active"]


def test_module_7_fewer_give_up_with_more_participation(silo_1):
    high = samlab.simulate("silo", seed=1, personas=True, user_participation=0.9)

    def gave_up(run):
        return int((run.journeys()["event"] == "gave_up_after_bounce").sum())

    assert samlab.get_scenario("silo").levers()["user_participation"] == 0.2
    assert gave_up(high) < gave_up(silo_1)


# --- module 3 (governance modes, seeds 1–5) and module 4 (the network file) ----------------


def test_module_3_most_differences_uncertain_and_the_nao_costs_more():
    configs = {mode: {"scenario": "bti_anchored", "governance": mode} for mode in GOVERNANCE}
    table = samlab.compare(configs, seeds=5, processes=1)
    verdicts = tables.verdicts(table, "en").to_numpy().ravel().tolist()
    assert sum(v.startswith("uncertain") for v in verdicts) > len(verdicts) / 2
    assert clear(table, "nao", "cost_nok") == 1


@pytest.mark.parametrize(
    ("lang", "broker", "tie"),
    [
        ("nb", "Fastlege", {"Barnevern", "Fastlege"}),
        ("en", "GP (fastlege)", {"Child welfare", "GP (fastlege)"}),
    ],
)
def test_module_4_broker_single_points_and_best_new_tie(lang, broker, tie):
    g = network_map.read_network(network_map.data_path(f"fjordvik_network_{lang}.csv"), lang=lang)
    assert network_map.broker(g) == broker
    assert set(network_map.single_points_of_failure(g)) == {broker}
    assert set(network_map.best_new_tie(g)) == tie


# --- module 5 (coordinators without mandate, seed 1; meeting time, seeds 1–3) -------------


def test_module_5_anchoring_gets_the_coordinator_role_taken():
    def summary(**levers):
        run = samlab.simulate("coordinator_no_mandate", seed=1, record_journeys=False, **levers)
        return run.summary()

    without, anchored = summary(), summary(leadership_anchoring=0.8)
    assert without["coordinators_untaken"] > without["coordinators_active"]
    assert anchored["coordinators_active"] > anchored["coordinators_untaken"]


def test_module_5_four_meeting_hours_wait_longer_than_one():
    curve = samlab.coordination_curve(
        [1, 4],
        seeds=3,
        children=300,
        weeks=104,
        processes=1,
        coordinator_coverage=0.9,
        leadership_anchoring=0.8,
    )
    wait = curve.groupby("meeting_hours")["weeks_to_right_help_mean"].mean()
    assert wait.loc[4.0] > wait.loc[1.0]


# --- module 6 (300 children, 78 weeks, seeds 1–4) ----------------------------------------


def test_module_6_consent_routines_clearly_fewer_duplicate_assessments():
    table = samlab.compare(
        {"silo": {"scenario": "silo"}, "consent": {"scenario": "silo", "consent_routines": 0.9}},
        seeds=4,
        children=300,
        weeks=78,
        measures=["duplicate_assessments"],
        processes=1,
    )
    assert clear(table, "consent", "duplicate_assessments") == -1


def test_module_6_coordinators_taken_rise_with_the_duty_and_with_anchoring():
    table = samlab.compare(
        {
            "no_duty": {"scenario": "duty_2022", "duty_to_collaborate": False},
            "duty": {"scenario": "duty_2022"},
            "duty_anchored": {"scenario": "duty_2022", "leadership_anchoring": 0.8},
        },
        seeds=4,
        children=300,
        weeks=78,
        measures=["coordinators_active"],
        processes=1,
    )
    active = table.set_index("configuration")["mean"]
    assert active["no_duty"] < active["duty"] < active["duty_anchored"]


# --- the simulation lab (seed 1; seeds 1–5) ----------------------------------------------


def test_simulation_lab_seed_1_bti_anchored_loses_fewer_than_the_silos(silo_1):
    bti = samlab.simulate("bti_anchored", seed=1, record_journeys=False).summary()
    assert bti["lost_between_services"] < silo_1.summary()["lost_between_services"]


def test_simulation_lab_scenarios_over_five_seeds():
    table = samlab.compare(
        ["silo", "co_location", "bti_anchored", "everything"],
        seeds=5,
        measures=["weeks_to_right_help_median", "lost_between_services", "coordination_hours"],
        processes=1,
    )
    assert clear(table, "bti_anchored", "lost_between_services") == -1
    assert clear(table, "bti_anchored", "weeks_to_right_help_median") == -1
    for measure in ("weeks_to_right_help_median", "lost_between_services", "coordination_hours"):
        assert clear(table, "co_location", measure) == 0, measure
    means = table.pivot_table(index="measure", columns="configuration", values="mean")
    assert means.loc["lost_between_services"].idxmin() == "everything"
    assert means.loc["coordination_hours"].idxmax() == "everything"
    assert (
        means.loc["weeks_to_right_help_median", "everything"]
        > means.loc["weeks_to_right_help_median", "bti_anchored"]
    )


# --- the class experiment (the notebook's example groups, seeds 1–4) ---------------------


def test_the_class_experiment_example_is_the_same_in_both_languages_and_uses_real_names():
    assert cell("nb", "class-groups-code") == cell("en", "class-groups-code")
    namespace: dict = {}
    exec(cell("en", "class-groups-code"), namespace)
    groups = namespace["GROUPS"]
    assert len(groups) == 4
    levers = {lever["name"] for lever in samlab.levers()}
    scenarios = {scenario["id"] for scenario in samlab.scenarios()}
    for choices in groups.values():
        assert set(choices) - {"scenario"} <= levers
        assert choices.get("scenario", "silo") in scenarios
    assert "SEEDS = 4" in cell("en", "class-setup-code")


def test_the_class_experiment_shows_what_nobody_chose():
    namespace: dict = {}
    exec(cell("en", "class-groups-code"), namespace)
    table = samlab.compare(
        group_configurations(namespace["GROUPS"]),
        seeds=4,
        measures=[
            "coordination_hours",
            "coordinators_untaken",
            "direct_help_hours",
            "lost_between_services",
        ],
        processes=1,
    )
    for group in "ABCD":
        assert clear(table, group, "coordination_hours") == 1, group
    assert clear(table, "A", "coordinators_untaken") == 1
    assert clear(table, "A", "direct_help_hours") == clear(table, "D", "direct_help_hours") == -1
    assert clear(table, "C", "lost_between_services") == -1
    assert clear(table, "D", "lost_between_services") == -1
