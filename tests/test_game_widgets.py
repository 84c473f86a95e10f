"""The service game's widgets, driven as people in the room would: set values, click buttons.

A participant's form, the facilitator's screen and the one-screen mode call the same game API
as the tests of the rules (``tests/test_game.py``); a fake game on the hub (the contract of
``samlab.game.client``, answering with plain data) stands in for the service here.
"""

from __future__ import annotations

import json
import re
import string
import sys
import tempfile
import types

import pandas as pd
import pytest

import samlab.game
from samlab.game import Game, export
from samlab.game.messages import LABELS
from samlab.game.service import plain
from samlab.game.widgets import Facilitator, OneScreen, Participant

SMALL = {"seed": 2, "rounds": 3, "weeks_per_round": 4, "children": 200}


def new_game(lang: str = "nb", **changes) -> Game:
    return Game.new("silo", lang=lang, **{**SMALL, **changes})


def error_text(screen) -> str:
    """The problem a screen shows, or '' (an info line is not a problem)."""
    value = screen.message.value
    return re.sub("<[^>]+>", "", value) if "samlab-game-error" in value else ""


def plain_text(html: str) -> str:
    return re.sub("<[^>]+>", " ", html)


class FakeRemoteGame:
    """A game on the hub as ``samlab.game.client.RemoteGame`` offers it: the same calls, the
    debrief and the export as the service sends them (``service.plain``), and the
    facilitator's remote operations. It wraps a local game and records what it was asked."""

    def __init__(self, game: Game, player: str = "kari", rooms: dict | None = None):
        self._game = game
        self.player = player  # the hub user whose token this is
        self.rooms = rooms if rooms is not None else {}  # room -> the game it holds now
        self.calls: list[tuple] = []
        self.paused = False
        self.timer: int | None = None

    def __getattr__(self, name):
        return getattr(self._game, name)

    def my_role(self):
        return self._game.role_of(self.player)

    def join(self, role, player=None, lang=None):
        self.calls.append(("join", role))
        self._game.join(role, self.player, lang)

    def status(self, lang=None):
        return {**self._game.status(lang), "paused": self.paused}

    def pause(self):
        self.calls.append(("pause",))
        self.paused = True

    def resume(self):
        self.calls.append(("resume",))
        self.paused = False

    def set_timer(self, seconds):
        self.calls.append(("set_timer", seconds))
        self.timer = seconds

    def measures(self):
        self.calls.append(("measures",))
        return self._game.measures()

    def second_phase(self, **changes):
        new = FakeRemoteGame(self._game.second_phase(**changes), self.player, self.rooms)
        self.rooms["ROOM1"] = new._game  # the room moves on to the new game
        return new

    def debrief(self, lang=None):
        return json.loads(json.dumps(plain(self._game.debrief(lang))))

    def export(self, format="json"):
        if format == "json":
            return json.loads(json.dumps(plain(self._game.record())))
        with tempfile.TemporaryDirectory() as folder:
            paths = export.write_csv(self._game, folder)
            return {p.name: p.read_text(encoding="utf-8") for p in paths.values()}


# --- the participant ------------------------------------------------------------------------


def test_a_decision_through_the_form_is_stored_as_decide_stores_it():
    game, twin = new_game(), new_game()
    for g in (game, twin):
        g.compute_round()  # a waiting list to act on
    screen = samlab.game.join(game, role="bup", lang="nb")
    waiting = [row["child"] for row in screen.last_view["waiting"]]
    assert waiting, "the form needs children on the waiting list to test"
    form = screen.form.controls
    form["direct_help"].value = 0.6
    form["assessment"].value = 0.3
    form["coordination"].value = 0.1
    form["threshold"].value = 0.5
    form["takes_coordinator_roles"].value = False
    screen.form.meetings["ppt"].value = 2.0
    form["prioritise_referrals"].value = (waiting[0],)
    screen.submit_button.click()
    assert error_text(screen) == ""
    expected = twin.decide(
        "bup",
        {
            "direct_help": 0.6,
            "assessment": 0.3,
            "coordination": 0.1,
            "threshold": 0.5,
            "takes_coordinator_roles": False,
            "meetings": {"ppt": 2.0},
            "prioritise_referrals": [waiting[0]],
        },
    )
    assert game.decisions[2]["bup"] == expected
    assert "sendt inn" in screen.state.value
    # what the form left alone is not sent: it stays as it was in force
    assert "consent" not in game.decisions[2]["bup"]


def test_the_form_starts_from_what_is_in_force_and_shows_only_its_own_service():
    game = new_game("en")
    game.decide("ppt", {"threshold": 0.7})
    game.compute_round()
    screen = Participant(game, "ppt", "en")
    assert screen.form.controls["threshold"].value == 0.7
    assert screen.decision() == {}  # nothing changed: nothing sent
    shown = plain_text(screen.view_html.value)
    assert "Waiting list" in shown and "Caseload" in shown and "Children the service knows" in shown
    assert "Hours used this round" in shown and "sent back" in shown
    assert screen.last_view["service"] == "ppt"
    other = game.view("bup", "en")
    assert set(screen.last_view) == set(other)  # the same kind of view, another service's data
    assert screen.last_view["caseload"] != other["caseload"] or not other["caseload"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("nb", ["Noe gikk galt", "må til sammen bli 1"]), ("en", ["Something went wrong", "1"])],
)
def test_a_bad_value_shows_the_problem_and_keeps_the_form(lang, words):
    game = new_game(lang)
    screen = samlab.game.join(game, role="school", lang=lang)
    form = screen.form.controls
    form["direct_help"].value = 0.5
    form["assessment"].value = 0.2
    form["coordination"].value = 0.1
    form["threshold"].value = 0.45
    assert "0.80" in screen.form.shares_note.value  # the sum is shown while typing
    screen.submit_button.click()
    problem = error_text(screen)
    assert all(word in problem for word in words), problem
    assert game.decisions == {}
    assert [form[n].value for n in ("direct_help", "assessment", "coordination", "threshold")] == [
        0.5,
        0.2,
        0.1,
        0.45,
    ]
    form["direct_help"].value = 0.7
    screen.submit_button.click()
    assert error_text(screen) == ""
    assert game.decisions[1]["school"]["direct_help"] == 0.7
    assert game.decisions[1]["school"]["threshold"] == 0.45


def test_a_refresh_keeps_what_was_entered_until_the_round_is_computed():
    game = new_game("en")
    screen = Participant(game, "barnevern", "en")
    screen.form.controls["threshold"].value = 0.55
    screen.refresh_button.click()
    assert screen.form.controls["threshold"].value == 0.55
    game.compute_round()
    screen.refresh_button.click()
    assert "Round 1 has been computed" in screen.message.value
    assert screen.form.controls["threshold"].value != 0.55  # a fresh form: what is in force
    assert "Round 1 of 3 computed" in screen.title.value


def test_a_decision_for_a_closed_game_is_refused_in_the_participants_language():
    game = new_game("en")
    screen = Participant(game, "nav", "nb")
    game.close()
    screen.form.controls["threshold"].value = 0.5
    screen.submit_button.click()
    assert "avsluttet" in error_text(screen)
    assert screen.form.controls["threshold"].value == 0.5


def test_the_network_leader_decides_the_levers():
    game = new_game("en")
    screen = Participant(game, "network_leader", "en")
    screen.form.controls["coordinator_coverage"].value = 0.8
    screen.form.controls["governance"].value = "nao"
    screen.submit_button.click()
    assert game.decisions[1]["network_leader"] == {"coordinator_coverage": 0.8, "governance": "nao"}
    assert "Levers in force" in screen.view_html.value


# --- the facilitator ------------------------------------------------------------------------


def test_the_facilitators_screen_shows_who_has_submitted():
    game = new_game("en")
    screen = samlab.game.facilitator(game, lang="en")
    bup, ppt = Participant(game, "bup", "en"), Participant(game, "ppt", "en")
    screen.refresh_button.click()
    assert "0 of 2 roles played by people have submitted for round 1" in screen.status_html.value
    bup.submit_button.click()
    screen.refresh_button.click()
    assert "1 of 2 roles" in screen.status_html.value
    ppt.submit_button.click()
    screen.refresh_button.click()
    assert "2 of 2 roles" in screen.status_html.value
    assert screen.status_html.value.count("✓") == 2
    assert screen.remote_row.layout.display == "none"  # pause and timer only on the hub
    screen.compute_button.click()
    assert "Round 1 computed" in screen.message.value
    assert "0 of 2 roles" in screen.status_html.value and "for round 2" in screen.status_html.value
    assert screen.chart.value.tobytes().startswith(b"\x89PNG")
    shown = plain_text(screen.measures_html.value)
    assert "On a waiting list now" in shown and "Weeks to right help (median)" in shown
    waiting = int(game.measures()["waiting_list_now"].iloc[0])
    assert re.search(rf"<td[^>]*>1</td><td[^>]*>{waiting}</td>", screen.measures_html.value)


def test_the_debrief_replay_and_export(tmp_path):
    game = new_game("nb", personas=True)
    screen = Facilitator(game, "nb", export_folder=tmp_path)
    participant = Participant(game, "bup", "nb")
    screen.debrief_button.click()
    assert "ingen runder" in error_text(screen).lower()  # nothing to debrief yet
    participant.form.controls["threshold"].value = 0.6
    participant.submit_button.click()
    for _ in range(SMALL["rounds"]):
        screen.compute_button.click()
    assert screen.compute_button.disabled
    screen.debrief_button.click()
    assert error_text(screen) == ""
    assert screen.debrief_box.layout.display is None
    assert "Rommets spill" in screen.comparison_html.value
    assert "Siloer" in screen.comparison_html.value
    lost = samlab.game.debrief.lost_children(game)
    assert f"({lost['child_id'].nunique()})" in screen.lost_html.value  # children, not events
    assert "glippsonen" in screen.lost_html.value and not lost.empty
    assert screen.network.value.tobytes().startswith(b"\x89PNG")
    assert "Fjordvik" in screen.journeys_html.value
    assert screen.replay.max == SMALL["rounds"]
    screen.replay.value = 1
    assert "Runde 1" in screen.replay_html.value and "threshold" in screen.replay_html.value
    screen.replay.value = 2
    assert "Ingen beslutninger" in screen.replay_html.value
    screen.csv_button.click()
    assert (tmp_path / f"game_{game.id}" / "decisions.csv").is_file()
    screen.json_button.click()
    rebuilt = Game.from_record(export.read_json(tmp_path / f"game_{game.id}.json"))
    pd.testing.assert_frame_equal(rebuilt.measures(), game.measures())


def test_close_and_the_second_phase_on_the_same_seed():
    game = new_game("en")
    screen = Facilitator(game, "en")
    Participant(game, "bup", "en", player="kari")
    screen.compute_button.click()
    screen.phase_button.click()
    assert screen.game is not game and screen.previous == [game]
    assert screen.game.phase == 2 and screen.game.seed == game.seed
    assert screen.game.players == {"bup": "kari"}
    assert "phase 2" in screen.title.value
    screen.close_button.click()
    assert screen.game.closed and screen.close_button.disabled and screen.compute_button.disabled


# --- the hub's game, as the client offers it ----------------------------------------------


def test_on_the_hub_the_remote_buttons_are_shown_and_call_the_game():
    remote = FakeRemoteGame(new_game("en"))
    screen = samlab.game.facilitator(remote, lang="nb", poll=False)
    assert screen.remote_row.layout.display is None
    screen.pause_button.click()
    assert remote.paused and "pause" in screen.title.value
    screen.resume_button.click()
    screen.timer.value = 120
    screen.timer_button.click()
    screen.timer.value = 0
    screen.timer_button.click()
    asked = [call for call in remote.calls if call != ("measures",)]
    assert asked == [("pause",), ("resume",), ("set_timer", 120), ("set_timer", None)]
    assert "Ingen tidsfrist" in screen.message.value


def test_the_debrief_and_export_from_the_hub_plain_data_show_the_same(tmp_path):
    game = new_game("en", rounds=2)
    Participant(game, "bup", "en").submit_button.click()
    game.compute_round()
    game.compute_round()
    local = Facilitator(game, "en")
    remote = Facilitator(FakeRemoteGame(game), "en", export_folder=tmp_path)
    remote.csv_button.click()
    remote.json_button.click()
    assert error_text(remote) == ""
    folder = tmp_path / f"game_{game.id}"
    assert sorted(p.name for p in folder.iterdir()) == [
        "decisions.csv",
        "game.csv",
        "measures.csv",
    ]
    rebuilt = Game.from_record(export.read_csv(folder))
    pd.testing.assert_frame_equal(rebuilt.measures(), game.measures())
    record = export.read_json(tmp_path / f"game_{game.id}.json")
    assert Game.from_record(record).decisions == game.decisions
    local.debrief_button.click()
    remote.debrief_button.click()
    assert error_text(remote) == ""
    for name in ("comparison_html", "lost_html", "replay_html"):
        assert getattr(remote, name).value == getattr(local, name).value, name
    assert remote.network.value.tobytes().startswith(b"\x89PNG")


def test_join_a_room_connects_through_the_client(monkeypatch):
    rooms = {"ROOM1": new_game("en")}
    asked = []

    def connect(room, *, url=None, token=None, lang=None):
        asked.append((room, lang))
        return FakeRemoteGame(rooms[room], "kari", rooms)

    monkeypatch.setitem(sys.modules, "samlab.game.client", types.SimpleNamespace(connect=connect))
    screen = samlab.game.join("ROOM1", lang="nb", poll=False)
    assert asked == [("ROOM1", "nb")]
    # no role yet: a choice of the free roles
    assert screen.chooser.layout.display is None and screen.view_panel.layout.display == "none"
    assert "ingen rolle" in screen.chooser.children[0].value
    screen.role_choice.value = "ppt"
    screen.take_button.click()
    assert screen.game.calls == [("join", "ppt")] and screen.role == "ppt"
    assert rooms["ROOM1"].players == {"ppt": "kari"}
    assert screen.view_panel.layout.display is None
    screen.form.controls["threshold"].value = 0.5
    screen.submit_button.click()
    assert rooms["ROOM1"].decisions[1]["ppt"] == {"threshold": 0.5}
    # a participant who comes back gets the role they hold, without asking again
    again = samlab.game.join("ROOM1", lang="nb", poll=False)
    assert again.role == "ppt" and again.game.calls == []
    assert "sendt inn" in again.state.value


def test_a_participant_follows_the_room_to_the_second_phase(monkeypatch):
    rooms = {"ROOM1": new_game("en", rounds=1)}

    def connect(room, *, url=None, token=None, lang=None):
        return FakeRemoteGame(rooms[room], "kari", rooms)

    monkeypatch.setitem(sys.modules, "samlab.game.client", types.SimpleNamespace(connect=connect))
    screen = samlab.game.join("ROOM1", role="bup", lang="en", poll=False)
    first = screen.game.id
    desk = Facilitator(FakeRemoteGame(rooms["ROOM1"], "instructor", rooms), "en")
    desk.compute_button.click()
    screen.refresh_button.click()
    assert "The game is over" in screen.state.value and screen.game.id == first
    desk.phase_button.click()
    assert desk.game.phase == 2 and rooms["ROOM1"].id == desk.game.id
    screen.refresh_button.click()
    assert screen.game.id == desk.game.id != first
    assert "phase 2" in screen.message.value and screen.role == "bup"
    assert "Round 0 of 1 computed" in screen.title.value and not screen.submit_button.disabled


def test_the_facilitator_reads_the_measures_again_only_after_a_round():
    remote = FakeRemoteGame(new_game("en"), "instructor")
    screen = Facilitator(remote, "en")
    screen.refresh_button.click()
    screen.refresh_button.click()
    assert remote.calls.count(("measures",)) == 1
    screen.compute_button.click()
    screen.refresh_button.click()
    assert remote.calls.count(("measures",)) == 2


# --- one screen ---------------------------------------------------------------------------


def test_one_screen_plays_two_rounds_as_the_api_would():
    game, twin = new_game("nb", rounds=2), new_game("nb", rounds=2)
    room = samlab.game.one_screen(game)
    assert isinstance(room, OneScreen)
    for number in (1, 2):
        bup = room.choose("bup")
        bup.form.controls["threshold"].value = 0.4 + 0.1 * number
        bup.submit_button.click()
        leader = room.choose("network_leader")
        assert room.panel.children == (leader.widget,)
        leader.form.controls["coordinator_coverage"].value = 0.5
        leader.submit_button.click()
        assert f"2 av 2 roller spilt av folk har sendt inn for runde {number}" in (
            room.facilitator.status_html.value
        )
        room.facilitator.compute_button.click()
        assert f"Runde {number} av 2 regnet ut" in room.choose("bup").title.value
        twin.decide("bup", {"threshold": 0.4 + 0.1 * number})
        if number == 1:
            twin.decide("network_leader", {"coordinator_coverage": 0.5})
        twin.compute_round()
    assert game.over and room.facilitator.compute_button.disabled
    assert game.decisions[1] == twin.decisions[1]
    pd.testing.assert_frame_equal(game.measures(), twin.measures())
    assert "Spillet er ferdig" in room.participants["bup"].state.value
    # a group that never took its turn is played by the computer
    assert game.players.keys() == {"bup", "network_leader"}


# --- the labels ---------------------------------------------------------------------------


def test_every_label_is_in_both_languages_with_the_same_fields():
    def fields(text: str) -> set:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, texts in LABELS.items():
        assert set(texts) == {"nb", "en"}, key
        assert texts["nb"].strip() and texts["en"].strip(), key
        assert fields(texts["nb"]) == fields(texts["en"]), key


@pytest.mark.parametrize(
    ("lang", "submit", "compute", "role"),
    [("nb", "Send inn", "Regn ut runden", "BUP"), ("en", "Submit", "Compute the round", "BUP")],
)
def test_the_screens_speak_the_participants_language(lang, submit, compute, role):
    game = new_game("en" if lang == "nb" else "nb")  # the game's own language does not decide
    screen = Participant(game, "bup", lang)
    assert screen.submit_button.description == submit
    assert role in screen.title.value
    assert Facilitator(game, lang).compute_button.description == compute
    other = "Du leder" if lang == "en" else "You lead"
    assert other not in screen.title.value
