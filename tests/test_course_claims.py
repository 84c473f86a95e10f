"""Claims the course prose makes about simulation results (and messages it quotes) hold.

Module 3 (network governance) says, for seeds 1–5, 600 children over three years: most
differences between the governance modes are uncertain, any clear difference is small, and the
NAO's extra cost is certain.
"""

import re
from pathlib import Path

import nbformat
import pytest

import samlab
from samlab import network_map, tables
from samlab.errors import SamlabValueError
from samlab.mechanisms import GOVERNANCE


@pytest.fixture(scope="module")
def governance_table():
    configs = {mode: {"scenario": "bti_anchored", "governance": mode} for mode in GOVERNANCE}
    return samlab.compare(configs, seeds=5, processes=1)


def test_module_3_most_governance_differences_are_uncertain(governance_table):
    verdicts = tables.verdicts(governance_table, "en").to_numpy().ravel().tolist()
    uncertain = sum(v.startswith("uncertain") for v in verdicts)
    assert uncertain > len(verdicts) / 2, verdicts


def test_module_3_clear_differences_are_small(governance_table):
    table = governance_table
    base = table[table["configuration"] == "shared"].set_index("measure")["mean"]
    for _, row in table[table["configuration"] != "shared"].iterrows():
        clear = row["diff_ci_low"] > 0 or row["diff_ci_high"] < 0
        measure = row["measure"]
        if clear and samlab.MEASURES.get(measure, {}).get("better") and base[measure]:
            assert abs(row["diff"] / base[measure]) < 0.15, (row["configuration"], measure)


def test_module_3_the_nao_costs_more_for_certain(governance_table):
    cost = governance_table[governance_table["measure"] == "cost_nok"].set_index("configuration")
    assert cost.loc["nao", "diff_ci_low"] > 0
    assert cost.loc["lead_organisation", "diff"] == 0


def test_module_7_emils_story_matches_his_seed_1_journey():
    """Module 7 tells Emil's silo journey (seed 1) week by week in the first person."""
    run = samlab.simulate("silo", seed=1, personas=True)
    journey = run.journey(run.persona_id("emil"))
    weeks = {event: sorted(set(journey.loc[journey["event"] == event, "week"])) for event in (
        "needs_begin", "bounced", "gave_up_after_bounce", "concern_not_reported",
        "right_help", "continuity_break", "duplicate_assessment",
    )}  # fmt: skip
    assert weeks == {
        "needs_begin": [2],
        "bounced": [5, 26, 41, 57],
        "gave_up_after_bounce": [26, 57],
        "concern_not_reported": [59, 61],
        "right_help": [75],
        "continuity_break": [104, 140],
        "duplicate_assessment": [75],
    }


def test_module_9_more_coordinator_roles_untaken_than_taken_in_the_silos():
    summary = samlab.simulate("silo", seed=1, personas=True).summary()
    assert summary["coordinators_untaken"] > summary["coordinators_active"]


def test_module_4_quotes_the_network_file_message_it_shows():
    """Module 4 (bokmål) quotes the message a row without referrals gets; it must be samlab's."""
    path = Path(__file__).resolve().parents[1] / "course" / "nb" / "04_mapping_your_network.ipynb"
    prose = "\n".join(c.source for c in nbformat.read(path, 4).cells if c.cell_type == "markdown")
    (quoted,) = re.findall(r"\*(henvisninger_per_år[^*]*)\*", prose.replace("\n", " "))
    with pytest.raises(SamlabValueError) as error:
        network_map.read_network("fra,til,henvisninger_per_år\nA,B,\n", lang="nb")
    assert quoted in str(error.value)
