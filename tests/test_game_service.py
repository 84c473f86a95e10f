"""The game service's rules, in-process on 127.0.0.1 with tokens standing for hub users.

The service and its client are the real ones; only JupyterHub's OAuth is replaced by a
table token -> hub name (tests/test_hub.py plays the game on a real hub). Who may do what,
the refusals in the caller's language, the round computed when everybody has decided or
the timer runs out, the restart from the database, and the load test.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
import requests

from samlab.errors import SamlabValueError
from samlab.game import loadtest
from samlab.game.client import RemoteGame, connect
from samlab.game.service import LocalServer
from samlab.game.store import GameStore

TOKENS = {"t-fac": "kursleder", "t-kari": "kari", "t-ola": "ola", "t-per": "per", "t-x": "x"}
INSTRUCTORS = {"kursleder"}
SMALL = {"seed": 3, "rounds": 4, "weeks_per_round": 2, "children": 120}
CHOICE = {"threshold": 0.6}


@contextlib.contextmanager
def serving(db: str, tick: float | None = 0.2):
    store = GameStore(db)
    with LocalServer(store, TOKENS, INSTRUCTORS, group="formgrade-fjordvik", tick=tick) as s:
        yield s


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'games.sqlite'}"


@pytest.fixture
def server(db):
    with serving(db) as running:
        yield running


def as_(server, token: str, room: str = "bord1", lang: str | None = None) -> RemoteGame:
    return connect(room, url=server.url, token=token, lang=lang)


def open_room(server, room: str = "bord1", **settings) -> RemoteGame:
    return RemoteGame.create(
        "silo", **{**SMALL, **settings}, room=room, url=server.url, token="t-fac", lang="en"
    )


def refused(call, *words: str) -> str:
    with pytest.raises(SamlabValueError) as info:
        call()
    for word in words:
        assert word in str(info.value), str(info.value)
    return str(info.value)


def raw(server, method: str, path: str, token: str | None = "t-kari", **kwargs):
    headers = {"Authorization": f"token {token}"} if token else {}
    return requests.request(method, server.url + path, headers=headers, timeout=30, **kwargs)


def test_participants_act_only_for_their_own_role(server):
    facilitator = open_room(server)
    kari, ola = as_(server, "t-kari", lang="nb"), as_(server, "t-ola", lang="en")
    assert kari.my_role() is None
    kari.join("bup")
    ola.join("barnevern")
    assert (kari.my_role(), ola.my_role()) == ("bup", "barnevern")
    refused(lambda: ola.join("ppt"), "already hold the role 'barnevern'", "one role per player")
    refused(lambda: as_(server, "t-per").join("bup"), "already taken by 'kari'")

    assert kari.view("bup")["role"] == "bup"
    refused(lambda: kari.view("barnevern"), "du (kari) har ikke rollen 'barnevern'", "'bup'")
    refused(lambda: ola.view("bup"), "you (ola) do not hold the role 'bup'")
    refused(lambda: ola.policy("bup"), "do not hold the role 'bup'")
    refused(lambda: kari.decide("barnevern", CHOICE), "har ikke rollen 'barnevern'")
    refused(lambda: as_(server, "t-per").view("nav"), "your role is none")
    # facilitators see every role's view, but decide for no role they do not hold
    assert facilitator.view("barnevern")["role"] == "barnevern"
    refused(lambda: facilitator.decide("bup", CHOICE), "do not hold the role 'bup'")

    # the language is the caller's: per request, or the client's
    refused(lambda: kari.view("nav", lang="en"), "you (kari) do not hold the role 'nav'")
    # and nothing was decided by the refused calls
    assert facilitator.status()["roles"][3]["submitted"] is False


def test_only_facilitators_run_games(server):
    open_room(server)
    kari = as_(server, "t-kari", lang="nb")
    kari.join("bup")
    group = "gruppen formgrade-fjordvik"
    refused(kari.compute_round, "bare kursledere", group, "regne ut en runde")
    refused(kari.pause, group, "sette et spill på pause")
    refused(kari.resume, group)
    refused(lambda: kari.set_timer(60), group, "stille tidtakeren")
    refused(lambda: kari.reassign("bup", "ola"), group, "flytte en rolle")
    refused(kari.close, group, "avslutte")
    refused(kari.second_phase, group, "andre fase")
    refused(kari.games, group)
    refused(lambda: RemoteGame.create(url=server.url, token="t-ola", lang="en"), "only facil")
    # nothing changed: the game is still at round 1 and open
    status = as_(server, "t-fac").status()
    assert (status["computed"], status["closed"], status["paused"]) == (0, False, False)


def test_names_are_on_the_facilitators_screen_only(server):
    facilitator = open_room(server)
    as_(server, "t-kari").join("bup")
    as_(server, "t-ola").join("nav")
    players = {r["role"]: r["player"] for r in facilitator.status()["roles"]}
    assert (players["bup"], players["nav"]) == ("kari", "ola")
    seen = {r["role"]: r["player"] for r in as_(server, "t-kari").status()["roles"]}
    assert (seen["bup"], seen["nav"]) == ("kari", None)
    assert all(r["player"] in (None, "kari") for r in as_(server, "t-kari").roles())
    rooms = facilitator.games()
    assert [(r["room"], r["game"]) for r in rooms] == [("bord1", facilitator.id)]


def test_the_round_is_computed_when_every_human_role_has_decided(server):
    facilitator = open_room(server)
    kari, ola = as_(server, "t-kari"), as_(server, "t-ola")
    kari.join("bup")
    ola.join("nav")
    kari.view("bup")
    kari.decide("bup", CHOICE)
    assert facilitator.computed == 0
    assert [r["submitted"] for r in facilitator.status()["roles"] if r["human"]] == [True, False]
    ola.decide("nav", {"threshold": 0.3})
    assert facilitator.computed == 1
    assert kari.view("bup")["round"] == 1
    # round 2: ola decides nothing, the facilitator computes; ola's decision stays in force
    kari.decide("bup", {"threshold": 0.5})
    facilitator.compute_round()
    assert facilitator.computed == 2
    assert ola.policy("nav")["threshold"] == 0.3
    assert kari.policy("bup", round=2)["threshold"] == 0.5
    assert len(facilitator.measures()) == 2
    # a decision for a round already computed changes nothing
    refused(lambda: kari.decide("bup", CHOICE, round=1), "round 1 has already been computed")


def test_the_timer_computes_the_round_and_pause_holds_it(server):
    facilitator = open_room(server)
    kari = as_(server, "t-kari")
    kari.join("bup")
    as_(server, "t-ola").join("nav")
    kari.decide("bup", CHOICE)
    facilitator.set_timer(1)
    status = facilitator.status()
    assert status["timer"] == 1 and 0 <= status["seconds_left"] <= 1
    deadline = time.monotonic() + 20
    while facilitator.computed < 1:
        assert time.monotonic() < deadline, "the timer did not compute the round"
        time.sleep(0.2)
    # the timer runs again for round 2; a pause stops it and refuses decisions
    facilitator.pause()
    status = facilitator.status()
    assert status["paused"] and status["computed"] == 1
    time.sleep(1.5)
    assert facilitator.computed == 1
    refused(lambda: kari.decide("bup", CHOICE), "is paused", "resume")
    refused(facilitator.compute_round, "is paused")
    refused(lambda: facilitator.set_timer(0), "from 1 to 86400")
    refused(lambda: facilitator.set_timer("soon"), "'soon'")
    facilitator.set_timer(None)
    facilitator.resume()
    time.sleep(1.0)
    assert facilitator.computed == 1  # no timer any more
    kari.decide("bup", CHOICE)
    assert facilitator.computed == 1  # ola (nav) has not decided


def test_two_decisions_at_the_same_moment_one_wins_the_other_is_told(server):
    open_room(server)
    first = as_(server, "t-kari", lang="en")
    first.join("bup")
    as_(server, "t-ola").join("nav")  # so that kari's decision does not end the round
    second = as_(server, "t-kari", lang="nb")  # the same person, a second notebook
    first.view("bup")
    second.view("bup")
    gate = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def send(name: str, game: RemoteGame, threshold: float) -> None:
        gate.wait()
        try:
            outcomes[name] = game.decide("bup", {"threshold": threshold})
        except SamlabValueError as exc:
            outcomes[name] = exc

    threads = [
        threading.Thread(target=send, args=("first", first, 0.2)),
        threading.Thread(target=send, args=("second", second, 0.9)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    told = [v for v in outcomes.values() if isinstance(v, SamlabValueError)]
    won = [v for v in outcomes.values() if isinstance(v, dict)]
    assert len(told) == 1 and len(won) == 1, outcomes
    message = str(told[0])
    assert ("came first" in message) or ("kom først" in message), message
    assert first.view("bup")["in_force"]["threshold"] == won[0]["threshold"]
    # having looked again, the one who was told may decide
    loser = second if isinstance(outcomes["second"], SamlabValueError) else first
    loser.view("bup")
    assert loser.decide("bup", {"threshold": 0.4})["threshold"] == 0.4


def test_reassign_a_role_and_give_it_back_to_the_computer(server):
    facilitator = open_room(server)
    kari = as_(server, "t-kari")
    kari.join("bup")
    facilitator.reassign("bup", "per")
    assert kari.my_role() is None and as_(server, "t-per").my_role() == "bup"
    refused(lambda: kari.view("bup"), "do not hold the role 'bup'")
    as_(server, "t-ola").join("nav")
    refused(lambda: facilitator.reassign("bup", "ola"), "ola", "already hold the role 'nav'")
    facilitator.reassign("bup", None)
    roles = {r["role"]: r for r in facilitator.status()["roles"]}
    assert roles["bup"]["human"] is False and roles["bup"]["player"] is None


def test_bad_input_gets_a_clear_message_and_changes_nothing(server):
    facilitator = open_room(server)
    kari = as_(server, "t-kari", lang="nb")
    kari.join("bup")
    refused(lambda: kari.decide("bup", {"threshold": 2}), "fra 0 til 1")
    refused(lambda: kari.decide("bup", "high"), "en beslutning må være en tabell")
    refused(lambda: kari.decide("bup", CHOICE, round=99), "runde må være et heltall fra 1 til 4")
    refused(lambda: kari.decide("bup", CHOICE, round="two"), "'two'")
    refused(lambda: kari.view("mayor"), "rollen 'mayor'")
    refused(
        lambda: connect("bord9", url=server.url, token="t-kari", lang="en"),
        "no room 'bord9'",
        "ask the facilitator",
    )
    refused(lambda: connect("bord9", url=server.url, token="t-fac"), "rommene nå er: bord1")
    refused(lambda: open_room(server, room="Bord 1"), "a room name", "'Bord 1'")
    refused(lambda: open_room(server), "the room 'bord1' exists already")
    refused(lambda: open_room(server, room="b2", rounds=0), "rounds must be a whole number")
    refused(lambda: open_room(server, room="b3", levers=[1]), "levers must be an object")
    assert facilitator.status()["roles"][3]["submitted"] is False

    no_token = raw(server, "GET", "api/me", token=None)
    assert no_token.status_code == 403 and "log in to the hub" not in no_token.text
    assert "logg inn på huben" in no_token.json()["error"]  # the service's language: nb
    assert raw(server, "GET", "api/me", token="wrong").status_code == 403
    game = f"api/games/{facilitator.id}/"
    bad = raw(server, "POST", game + "decide?lang=en", data="{not json")
    assert bad.status_code == 400 and "must be a JSON object" in bad.json()["error"]
    extra = raw(server, "POST", game + "join", json={"role": "bup", "name": "Kari Nordmann"})
    assert extra.status_code == 400 and "unknown fields ['name']" in extra.json()["error"]
    assert raw(server, "GET", "api/games/nothere/status").status_code == 404
    assert raw(server, "GET", "api/games/abc123/status").status_code == 404
    assert raw(server, "GET", game + "teleport").status_code == 404
    assert raw(server, "GET", "api/nowhere").status_code == 404
    lang = raw(server, "GET", game + "status?lang=se")
    assert lang.status_code == 400 and "'nb' or 'en'" in lang.json()["error"]
    # a cookie alone may not change a game
    assert requests.post(server.url + game + "close", timeout=30).status_code == 403

    facilitator.close()
    refused(lambda: kari.decide("bup", CHOICE, lang="en"), "is closed")
    refused(facilitator.compute_round, "is closed")


def test_the_debrief_and_export_open_to_players_when_the_game_is_over(server):
    facilitator = open_room(server, rounds=2)
    kari = as_(server, "t-kari", lang="en")
    kari.join("bup")
    facilitator.reassign("nav", "ola")  # ola plays nav, but decides nothing (the timer would)
    refused(kari.debrief, "open to the players when the game is over")
    refused(kari.export, "when the game is over")
    refused(kari.measures, "when the game is over")
    kari.decide("bup", CHOICE)
    facilitator.compute_round()
    kari.view("bup")
    kari.decide("bup", {"threshold": 0.3})
    facilitator.compute_round()
    assert facilitator.over
    debrief = kari.debrief()
    assert set(debrief) >= {"lost", "network", "journeys", "comparison", "rounds", "measures"}
    assert isinstance(debrief["comparison"], list) and isinstance(debrief["network"], list)
    assert {"source", "target", "referrals"} <= set(debrief["network"][0])
    record = kari.export()
    assert record["decisions"]["2"]["bup"]["payload"] == {"threshold": 0.3}
    assert record["players"] == {"bup": "kari", "nav": None}  # names: the facilitator's
    assert facilitator.export()["players"] == {"bup": "kari", "nav": "ola"}
    assert "ola" not in kari.export("csv")["game.csv"]
    assert sorted(record["computed"]) == ["1", "2"]
    tables = facilitator.export("csv")
    assert sorted(tables) == ["decisions.csv", "game.csv", "measures.csv"]
    assert tables["decisions.csv"].count("\n") == 3  # header and two decisions
    refused(lambda: facilitator.export("xml"), "json or csv")


def test_the_service_restarts_and_the_game_goes_on(db):
    with serving(db) as first:
        facilitator = open_room(first)
        kari = as_(first, "t-kari")
        kari.join("bup")
        kari.decide("bup", CHOICE)  # round 1 computed (kari is the only player)
        kari.view("bup")
        kari.decide("bup", {"threshold": 0.25})  # round 2 computed
        before = facilitator.measures()
        view_before = kari.view("bup")
    with serving(db) as second:  # a new process would read the same database
        kari = as_(second, "t-kari")
        assert kari.my_role() == "bup"
        assert kari.view("bup") == view_before
        facilitator = as_(second, "t-fac")
        assert facilitator.measures().equals(before)
        kari.decide("bup", {"threshold": 0.5})
        assert facilitator.computed == 3


def test_second_phase_moves_the_room_on_with_the_same_players(server):
    facilitator = open_room(server, rounds=1)
    kari = as_(server, "t-kari")
    kari.join("bup")
    kari.decide("bup", CHOICE)
    second = facilitator.second_phase()
    assert second.phase == 2 and second.id != facilitator.id
    again = as_(server, "t-kari")
    assert again.id == second.id and again.my_role() == "bup"
    assert again.status()["phase"] == 2


def test_the_client_says_what_is_missing(monkeypatch):
    for name in ("SAMLAB_GAME_URL", "JUPYTERHUB_PUBLIC_HUB_URL", "JUPYTERHUB_API_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    refused(lambda: connect("bord1", token="t", lang="nb"), "vet ikke hvor spilltjenesten er")
    refused(lambda: connect("bord1", url="http://127.0.0.1:9/"), "ingen hub-nøkkel")
    refused(lambda: connect("bord1", url="http://127.0.0.1:9/", lang="en"), "no hub token")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused(
        lambda: connect("bord1", url=f"http://127.0.0.1:{port}/", token="t", lang="en"),
        "cannot reach the game service",
    )
    monkeypatch.setenv("JUPYTERHUB_PUBLIC_HUB_URL", "https://kurs.example.no/jupyter/hub/")
    from samlab.game.client import service_url

    assert service_url() == "https://kurs.example.no/jupyter/services/samlab-game/"


def _serve(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "samlab.cli", "game", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )


def test_serve_reports_a_bad_database_url_and_a_port_in_use(tmp_path):
    bad = _serve("--db", "nonsense")
    assert bad.returncode == 2 and "--db 'nonsense' is not a database URL" in bad.stderr
    unknown = _serve("--db", "mysteriedb://host/x")
    assert "knows no database kind 'mysteriedb'" in unknown.stderr
    secret = _serve("--db", f"sqlite:///{tmp_path}/no/such/folder/x.sqlite")
    assert "cannot open the database" in secret.stderr
    no_hub = _serve("--db", f"sqlite:///{tmp_path}/g.sqlite")
    assert no_hub.returncode == 2 and "runs as a JupyterHub service" in no_hub.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        env = {
            "JUPYTERHUB_API_TOKEN": "x",
            "JUPYTERHUB_API_URL": "http://127.0.0.1:9/hub/api",
            "JUPYTERHUB_SERVICE_URL": f"http://127.0.0.1:{port}",
        }
        taken = _serve("--db", f"sqlite:///{tmp_path}/g.sqlite", env=env)
    assert taken.returncode == 2, taken.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in taken.stderr and "--port" in taken.stderr


def test_load_eight_games_of_six_roles_lose_nothing(tmp_path):
    """8 games × 6 roles × 12 rounds at once on 127.0.0.1: every decision and round stored."""
    path = tmp_path / "load.sqlite"
    games, roles, rounds = 8, 6, 12
    tokens, instructors = loadtest.tokens_for(games, roles)
    with LocalServer(GameStore(f"sqlite:///{path}"), tokens, instructors) as server:
        report = loadtest.play(
            server.url, games, roles, rounds, children=200, weeks_per_round=4, deadline=300
        )
    assert report.errors == []
    assert (report.decisions, report.rounds) == (games * roles * rounds, games * rounds)
    with contextlib.closing(sqlite3.connect(path)) as database:
        count = database.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
        computed = database.execute("SELECT game_id, COUNT(*) FROM rounds GROUP BY game_id")
        per_game = dict(computed.fetchall())
    assert count == games * roles * rounds
    assert sorted(per_game) == sorted(report.games)
    assert set(per_game.values()) == {rounds}


# --- what the engine and the store add for the service (no service needed) ------------------


def test_pause_timer_and_reassign_in_the_local_game_are_stored(db):
    from samlab.game import Game

    store = GameStore(db)
    game = Game.new("silo", **SMALL, store=store, room="bord1", lang="en")
    game.join("bup", "kari")
    game.set_timer(30)
    assert 29 <= game.seconds_left() <= 30 and not game.due()
    game.pause()
    refused(lambda: game.decide("bup", CHOICE), "is paused")
    refused(game.compute_round, "is paused")
    again = Game.load(game.id, store)
    assert (again.paused, again.timer, again.room) == (True, 30.0, "bord1")
    assert 29 <= again.seconds_left() <= 30  # the clock stands still while paused
    game.resume()
    game.compute_round()  # the timer starts again for the next round
    assert game.deadline is not None and 29 <= game.seconds_left() <= 30
    game.set_timer(None)
    assert game.seconds_left() is None and Game.load(game.id, store).deadline is None
    game.reassign("bup", "ola")
    assert (game.role_of("kari"), game.role_of("ola")) == (None, "bup")
    game.reassign("bup", None)
    assert "bup" not in Game.load(game.id, store).players
    refused(lambda: game.reassign("bup", ""), "player name")


def test_replacing_a_decision_one_saw_and_not_one_that_came_first(db):
    from samlab.game import Game

    for store in (GameStore(db), None):
        game = Game.new("silo", **SMALL, store=store, lang="en")
        game.decide("bup", {"threshold": 0.3}, replaces=None)
        seen = game.decision_times[(1, "bup")]
        refused(lambda g=game: g.decide("bup", {"threshold": 0.9}, replaces=None), "came first")
        game.decide("bup", {"threshold": 0.5}, replaces=seen)
        refused(lambda g=game, s=seen: g.decide("bup", CHOICE, replaces=s), "came first")
        game.decide("bup", {"threshold": 0.6})  # without replaces: the later one wins
        assert game.policy("bup")["threshold"] == 0.6
        if store is not None:
            assert Game.load(game.id, store).decisions[1]["bup"] == {"threshold": 0.6}
