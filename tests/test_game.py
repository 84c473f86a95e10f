"""The service game: the course's own model, with some services' policies set by people."""

from __future__ import annotations

import json
import threading

import networkx as nx
import pytest

import samlab
from samlab.game import LEADER, LEADER_LEVERS, PHASE_TWO, ROLES, Game, export
from samlab.game.store import DecisionRow, GameStore
from samlab.policies import ServicePolicy

SMALL = {"seed": 2, "rounds": 5, "weeks_per_round": 4, "children": 200}


def play(game: Game, decisions: dict[int, dict[str, dict]] | None = None) -> Game:
    """Play every remaining round, with ``decisions`` {round: {role: decision}}."""
    decisions = decisions or {}
    while not game.over:
        for role, decision in decisions.get(game.next_round, {}).items():
            game.decide(role, decision)
        game.compute_round()
    return game


def plain(scenario="silo", **settings):
    weeks = settings["rounds"] * settings["weeks_per_round"]
    return samlab.simulate(
        scenario, seed=settings["seed"], children=settings["children"], weeks=weeks
    )


@pytest.mark.parametrize("scenario", ["silo", "bti_anchored"])
def test_a_game_the_computer_plays_alone_is_the_plain_run(scenario):
    game = play(Game.new(scenario, **SMALL))
    expected = plain(scenario, **SMALL).summary()
    assert game.result().summary() == expected
    last = game.measures().iloc[-1].to_dict()
    assert {k: last[k] for k in expected} == pytest.approx(expected)


def test_every_role_deciding_the_computers_policy_every_round_is_the_plain_run():
    game = Game.new("duty_2022", **SMALL)
    every_round = {}
    for role in ROLES:
        if role.service is None:
            every_round[role.key] = {name: game.levers[name] for name in LEADER_LEVERS}
        else:
            every_round[role.key] = ServicePolicy.default(role.service, game.levers).to_dict()
    play(game, {n: every_round for n in range(1, SMALL["rounds"] + 1)})
    assert game.result().summary() == plain("duty_2022", **SMALL).summary()


def dict_keys(value) -> set:
    """Every key of every mapping inside ``value``."""
    if isinstance(value, dict):
        return set(value).union(*(dict_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(dict_keys(v) for v in value))
    return set()


def returned_by(game: Game, service: str) -> int:
    return game.view(service)["referrals_total"]["returned"]


def test_a_stricter_threshold_returns_more_referrals_and_only_from_that_round():
    computer = play(Game.new("silo", **SMALL))
    strict = play(Game.new("silo", **SMALL), {3: {"bup": {"threshold": 0.7}}})
    rounds_before = strict.measures().iloc[:2]
    assert rounds_before.equals(computer.measures().iloc[:2])
    assert returned_by(strict, "bup") > returned_by(computer, "bup")
    assert strict.policy("bup", round=5)["threshold"] == 0.7  # no decision keeps the last
    assert strict.policy("bup", round=2)["threshold"] == 0.35


def test_the_network_leader_pulls_the_models_own_levers():
    game = play(Game.new("silo", **SMALL), {1: {LEADER: {"governance": "nao"}}})
    assert game.model.levers["governance"] == "nao"
    assert game.view(LEADER)["levers"]["governance"] == "nao"
    computer = play(Game.new("silo", **SMALL))
    assert game.measures()["cost_nok"].iloc[-1] > computer.measures()["cost_nok"].iloc[-1]


def test_a_view_shows_only_the_roles_own_service():
    game = play(Game.new("silo", **SMALL))
    view = game.view("ppt")
    assert view["service"] == "ppt" and view["role"] == "ppt"
    service = game.model.services["ppt"]
    cases = {child.unique_id for child in service.cases}
    assert {row["child"] for row in view["caseload"]} == cases
    waiting = {ref.child.unique_id for ref in service.waiting}
    assert {row["child"] for row in view["waiting"]} <= waiting
    involved = cases | {
        ref.child.unique_id
        for ref in game.model.referral_list
        if ref.source == "ppt" or ref.target.key == "ppt"
    }
    assert {row["child"] for row in view["children_known"]} <= involved
    # needs shown are only those that reached PPT: its mandate, or what it referred on
    for row in view["caseload"]:
        assert set(row["needs"]) <= {"learning"}
    # no table keyed by other services (as the network leader's view has)
    assert not dict_keys(view) & (set(game.model.services) - {"ppt"})
    assert set(dict_keys(game.view(LEADER))) & {"bup", "ppt"}
    assert set(view) >= {"hours_this_round", "referrals_this_round", "in_force", "waiting"}


@pytest.mark.parametrize(
    "lang, call, words",
    [
        ("en", lambda g: g.decide("mayor", {}, lang="en"), "unknown role 'mayor'"),
        ("nb", lambda g: g.decide("mayor", {}, lang="nb"), "ukjent rolle 'mayor'"),
        ("en", lambda g: g.decide("bup", {"threshold": 2}, lang="en"), "from 0 to 1"),
        ("nb", lambda g: g.decide("bup", {"threshold": 2}, lang="nb"), "fra 0 til 1"),
        ("en", lambda g: g.decide("bup", {"direct_help": 0.5}), "give all three"),
        ("nb", lambda g: g.decide("bup", {"direct_help": 0.5}, lang="nb"), "oppgi alle tre"),
        ("en", lambda g: g.decide("bup", {}, round=9), "from 1 to 5"),
        ("nb", lambda g: g.decide("bup", {}, round=0, lang="nb"), "fra 1 til 5"),
        ("en", lambda g: g.decide("bup", {}, round=1), "round 1 has already been computed"),
        ("nb", lambda g: g.decide("bup", {}, round=1, lang="nb"), "runde 1 er allerede"),
        ("en", lambda g: g.decide(LEADER, {"capacity": 2}), "network leader decides"),
        ("nb", lambda g: g.decide(LEADER, {"governance": "x"}, lang="nb"), "må være en av"),
        ("en", lambda g: g.decide("nav", "accept all"), "must be a mapping"),
        ("en", lambda g: g.join("bup", player="x" * 200), "at most 100 characters"),
    ],
)
def test_bad_decisions_get_a_clear_message_in_both_languages(lang, call, words):
    game = Game.new("silo", lang=lang, **SMALL)  # a call without lang speaks the game's
    game.compute_round()
    with pytest.raises(samlab.SamlabValueError, match=words):
        call(game)


def test_a_closed_or_finished_game_takes_no_more_decisions():
    game = Game.new("silo", lang="en", **SMALL)
    game.close()
    with pytest.raises(samlab.SamlabValueError, match="is closed"):
        game.decide("bup", {"threshold": 0.5})
    with pytest.raises(samlab.SamlabValueError, match="er avsluttet"):
        game.compute_round(lang="nb")
    finished = play(Game.new("silo", lang="en", **SMALL))
    with pytest.raises(samlab.SamlabValueError, match="alle 5 rundene"):
        finished.decide("bup", {"threshold": 0.5}, round=5, lang="nb")
    with pytest.raises(samlab.SamlabValueError, match="all 5 rounds"):
        finished.compute_round()


def test_roles_players_and_the_second_phase():
    game = Game.new("silo", lang="en", **SMALL)
    game.join("bup", player="kari")
    with pytest.raises(samlab.SamlabValueError, match="already taken by 'kari'"):
        game.join("bup", player="ola")
    roles = {row["role"]: row for row in game.roles()}
    assert roles["bup"]["human"] and roles["bup"]["player"] == "kari"
    assert not roles["ppt"]["human"]
    play(game)
    second = game.second_phase()
    assert (second.seed, second.phase, second.parent) == (game.seed, 2, game.id)
    assert second.players == {"bup": "kari"}
    for name, value in PHASE_TWO.items():
        assert second.levers[name] == value
    play(second)
    assert (
        second.measures()["coordinators_active"].iloc[-1]
        > (game.measures()["coordinators_active"].iloc[-1])
    )


def test_a_role_that_does_not_fit_the_catalogues_is_refused():
    from samlab.game.roles import Role, check_roles

    check_roles(ROLES, LEADER_LEVERS)
    bad = Role(key="bup", service="bupp", label={"nb": "BUP"})
    with pytest.raises(ValueError) as error:
        check_roles((*ROLES, bad), (*LEADER_LEVERS, "koordinator"))
    message = str(error.value)
    assert message.startswith("the game's roles do not fit the catalogues: ")
    assert "role keys used more than once: ['bup']" in message
    assert "bup: unknown service 'bupp'" in message
    assert "bup: label has ['nb'], needs ['nb', 'en']" in message
    assert "unknown leader's levers ['koordinator']" in message


def test_replay_and_debrief_show_the_whole_system():
    game = Game.new("silo", **{**SMALL, "weeks_per_round": 8}, personas=True)
    play(game, {2: {"bup": {"threshold": 0.6}}})
    rounds = list(game.replay())
    assert [r["round"] for r in rounds] == [1, 2, 3, 4, 5]
    assert rounds[1]["decisions"] == {"bup": {"threshold": 0.6}}
    assert rounds[3]["in_force"]["bup"]["threshold"] == 0.6
    assert set(rounds[0]["services"]) == set(game.model.services)
    debrief = game.debrief()
    lost = debrief["lost"]
    assert set(lost["kind"]) <= {"between_services", "age_limit"}
    summary = game.result().summary()
    between = lost[lost["kind"] == "between_services"]["child_id"].nunique()
    at_age_limit = lost[lost["kind"] == "age_limit"]["child_id"].nunique()
    assert (between, at_age_limit) == (
        summary["lost_between_services"],
        summary["lost_at_transition"],
    )
    assert between > 0
    network = debrief["network"]
    assert isinstance(network, nx.DiGraph)
    assert network.nodes["bup"]["human"] and not network.nodes["ppt"]["human"]
    assert sum(d["returned"] for _, t, d in network.edges(data=True) if t == "bup") > 0
    assert debrief["journeys"]  # the children of Fjordvik
    table = debrief["comparison"]
    assert list(table.columns[:2]) == ["game", "silo"] and len(table.columns) == 4
    assert (
        table.loc["lost_between_services", "game"]
        == game.measures().iloc[-1]["lost_between_services"]
    )


# --- the store ---------------------------------------------------------------------------


def test_a_stored_game_resumes_with_the_same_numbers(tmp_path):
    decisions = {
        1: {"bup": {"threshold": 0.5}, LEADER: {"coordinator_coverage": 0.6}},
        2: {"school": {"meetings": {"ppt": 2.0}, "consent": 0.9}},
        4: {"ppt": {"direct_help": 0.7, "assessment": 0.25, "coordination": 0.05}},
    }
    uninterrupted = play(Game.new("silo", **SMALL), decisions)

    store = GameStore(f"sqlite:///{tmp_path / 'games.sqlite'}")
    game = Game.new("silo", store=store, **SMALL)
    game.join("bup", player="kari")
    for number in (1, 2):
        for role, decision in decisions.get(number, {}).items():
            game.decide(role, decision)
        game.compute_round()
    game_id = game.id
    del game

    store = GameStore(f"sqlite:///{tmp_path / 'games.sqlite'}")
    resumed = Game.load(game_id, store)
    assert resumed.computed == 2 and resumed.players["bup"] == "kari"
    play(resumed, decisions)
    assert resumed.measures().equals(uninterrupted.measures())
    assert resumed.result().summary() == uninterrupted.result().summary()


def test_a_later_decision_for_the_same_role_and_round_replaces_the_earlier(tmp_path):
    store = GameStore(f"sqlite:///{tmp_path / 'games.sqlite'}")
    first = Game.new("silo", store=store, **SMALL)
    second = Game.load(first.id, store)  # another process serving the same game
    first.decide("bup", {"threshold": 0.4})
    second.decide("bup", {"threshold": 0.6})
    with store._session() as session:
        rows = session.query(DecisionRow).filter_by(game_id=first.id).all()
    assert [(r.round, r.role, r.payload) for r in rows] == [(1, "bup", {"threshold": 0.6})]
    first.compute_round()  # takes in the other process's decision first
    assert first.policy("bup", round=1)["threshold"] == 0.6


def test_decisions_at_the_same_moment_leave_one_row(tmp_path):
    store = GameStore(f"sqlite:///{tmp_path / 'games.sqlite'}")
    game = Game.new("silo", store=store, **SMALL)
    errors = []

    def decide(value):
        try:
            store.save_decision(game.id, 1, "nav", {"threshold": value}, "t")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=decide, args=(v,)) for v in (0.3, 0.4, 0.5, 0.6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    record = store.load_game(game.id)
    assert list(record["decisions"]["1"]) == ["nav"]


def test_a_round_is_computed_once(tmp_path):
    store = GameStore(f"sqlite:///{tmp_path / 'games.sqlite'}")
    game = Game.new("silo", store=store, lang="en", **SMALL)
    measures = game.compute_round()
    with pytest.raises(samlab.SamlabValueError, match="already been computed"):
        store.save_round(game.id, 1, measures, lang="en")
    with pytest.raises(samlab.SamlabValueError, match="allerede regnet ut"):
        store.save_round(game.id, 1, measures, lang="nb")
    with pytest.raises(samlab.SamlabValueError, match="already been computed"):
        store.save_decision(game.id, 1, "bup", {"threshold": 0.5}, "t", lang="en")
    stale = Game.load(game.id, store)
    game.compute_round()
    assert stale.compute_round()["round"] == 3  # it catches up with the store first
    racing = Game.load(game.id, store)
    game.compute_round()
    racing._sync = lambda: None  # as if both computed round 4 at the same moment
    with pytest.raises(samlab.SamlabValueError, match="round 4 has already been computed"):
        racing.compute_round()
    assert racing.computed == 4  # it took the stored round instead
    assert racing.measures().equals(game.measures())
    with pytest.raises(samlab.SamlabValueError, match="fant ikke noe spill"):
        Game.load("nope", store, lang="nb")


# --- export ------------------------------------------------------------------------------


def test_export_to_json_and_csv_and_back(tmp_path):
    game = Game.new("silo", **SMALL)
    game.join("bup", player="kari")
    game.decide("bup", {"threshold": 0.5})
    game.compute_round()
    waiting = [row["child"] for row in game.view("ppt")["waiting"]]
    game.decide("ppt", {"return_referrals": waiting[:2], "prioritise_referrals": waiting[-1:]})
    play(game, {3: {LEADER: {"shared_routines": 0.5}}})

    path = export.write_json(game, tmp_path / "game.json")
    again = Game.from_record(export.read_json(path))
    assert again.measures().equals(game.measures())
    assert again.decisions == game.decisions and again.players == game.players

    paths = export.write_csv(game, tmp_path / "csv")
    decisions = export.decisions_table(game)
    assert list(decisions["role"]) == ["bup", "ppt", LEADER]
    assert json.loads(decisions["decision"].iloc[0]) == {"threshold": 0.5}
    assert len(export.measures_table(game)) == SMALL["rounds"]
    record = export.read_csv(paths["game"].parent)
    again = Game.from_record(record)
    assert again.measures().equals(game.measures())
    assert again.decisions == game.decisions


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_form_for_each_role_offers_what_decide_accepts(lang):
    game = Game.new("silo", **SMALL)
    for role in ROLES:
        fields = game.fields(role.key, lang=lang)
        assert all(field["label"] and field["help"] for field in fields)
        defaults = {field["name"]: field["default"] for field in fields}
        assert game.decide(role.key, defaults, lang=lang) == defaults
        kept = {k: v for k, v in defaults.items() if not k.endswith("_referrals")}
        assert game.policy(role.key) == kept


def test_a_service_can_send_back_or_put_first_the_children_on_its_waiting_list():
    game = Game.new("silo", lang="en", **SMALL)
    game.compute_round()
    waiting = [row["child"] for row in game.view("ppt")["waiting"]]
    assert len(waiting) >= 2
    first, second = waiting[-1], waiting[0]
    with pytest.raises(samlab.SamlabValueError, match="står ikke på ventelisten"):
        game.decide("ppt", {"return_referrals": [99999]}, lang="nb")
    with pytest.raises(samlab.SamlabValueError, match="list of child numbers"):
        game.decide("ppt", {"prioritise_referrals": "all"})
    game.decide("ppt", {"prioritise_referrals": [first], "return_referrals": [second]})
    returned_before = game.view("ppt")["referrals_total"]["returned"]
    game.compute_round()
    assert game.view("ppt")["referrals_total"]["returned"] > returned_before
    events = game.result().journeys()
    assert ((events["event"] == "prioritised") & (events["child_id"] == first)).any()
    sent_back = events[(events["child_id"] == second) & (events["week"] == 4)]
    assert "rejected_below_threshold" in set(sent_back["event"])
    assert "return_referrals" not in game.policy("ppt")  # not kept for later rounds


def test_status_shows_who_has_submitted_for_the_round_being_decided():
    game = Game.new("silo", **SMALL)
    game.join("school", "ola")
    game.join("bup", "kari")
    game.decide("school", {"threshold": 0.5})
    status = game.status(lang="nb")
    by_role = {entry["role"]: entry for entry in status["roles"]}
    assert status["next_round"] == 1 and status["computed"] == 0
    assert by_role["school"]["submitted"] and by_role["school"]["player"] == "ola"
    assert not by_role["bup"]["submitted"] and by_role["bup"]["human"]
    assert not by_role["nav"]["human"] and not by_role["nav"]["submitted"]
    game.compute_round()
    assert not {e["role"] for e in game.status()["roles"] if e["submitted"]}
    assert game.status()["next_round"] == 2


@pytest.mark.parametrize(
    "lang, scenario_words, lever_words",
    [("nb", "ukjent scenario", "ukjent virkemiddel"), ("en", "unknown scenario", "unknown lever")],
)
def test_a_bad_scenario_or_lever_is_refused_in_the_facilitators_language(
    lang, scenario_words, lever_words
):
    with pytest.raises(samlab.SamlabValueError, match=scenario_words) as info:
        Game.new("siloer", lang=lang, **SMALL)
    assert "silo" in str(info.value) and "duty_2022" in str(info.value)
    with pytest.raises(samlab.SamlabValueError, match=lever_words) as info:
        Game.new("silo", levers={"koordinator": 1}, lang=lang, **SMALL)
    assert "koordinator" in str(info.value)


def test_a_game_made_without_a_language_speaks_the_course_language(tmp_path):
    from samlab.translation import DEFAULT_LANG

    store = GameStore(f"sqlite:///{tmp_path / 'games.sqlite'}")
    game = Game.new("silo", store=store, **SMALL)
    assert game.lang == DEFAULT_LANG == "nb"
    with pytest.raises(samlab.SamlabValueError, match="ukjent rolle 'mayor'"):
        game.decide("mayor", {})
    with pytest.raises(samlab.SamlabValueError, match="unknown role 'mayor'"):
        game.decide("mayor", {}, lang="en")
    assert Game.load(game.id, store).lang == "nb"
    with pytest.raises(samlab.SamlabValueError, match="fant ikke noe spill"):
        Game.load("nope", store)
