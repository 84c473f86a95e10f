"""The service game: a room of leaders plays Fjordvik's services in the course's own model.

Each person leads one service (or the network) and decides, round by round, what the
service does; the computer plays every role nobody takes, with the scenario's rules. A
round runs the model (``MunicipalityModel``) for ``weeks_per_round`` weeks with the
policies in force. The game is the seed, the settings and the decisions: replaying the
decisions from the seed rebuilds it exactly, which is how a stored game is resumed.

::

    game = Game.new(scenario="silo", seed=1, rounds=12, weeks_per_round=4)
    game.join("bup", player="kari")            # the hub login; never a real name
    game.view("bup")                           # what BUP can see
    game.decide("bup", {"threshold": 0.5})     # this round, or round=N
    game.compute_round()
    game.measures()                            # one row per round
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import SamlabValueError
from ..experiments import MAX_CHILDREN, MAX_WEEKS, resolve
from ..labels import check_lang
from ..lever_catalogue import LEVERS_BY_NAME
from ..model import MunicipalityModel
from ..policies import ServicePolicy
from ..results import SimulationResult, summarise
from ..scenario_catalogue import SCENARIOS_BY_KEY
from ..translation import DEFAULT_LANG
from .debrief import debrief
from .messages import error
from .roles import LEADER, LEADER_LEVERS, ROLES, get_role
from .rules import actions, decision_fields, in_force, validate_decision
from .views import leader_view, service_counters, service_view

if TYPE_CHECKING:
    from .store import GameStore

#: The second phase's changes: information sharing (consent routines) and a coordinator,
#: with the leadership time that makes the role taken up.
PHASE_TWO: dict[str, Any] = {
    "consent_routines": 0.8,
    "coordinator_coverage": 0.8,
    "leadership_anchoring": 0.6,
}
MAX_PLAYER_NAME = 100
MAX_GAME_CHILDREN = min(MAX_CHILDREN, 5000)
#: the facilitator's timer: seconds a round may take, from 1 s to a day
TIMER_RANGE = (1, 24 * 3600)
#: ``decide(replaces=...)`` not given: the decision replaces whatever was there
ANY: Any = object()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _stamp() -> str:
    """The time of a decision, precise enough to tell two decisions apart."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _whole(name: str, value: Any, minimum: int, maximum: int, lang: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise error("setting", lang, name=name, minimum=minimum, maximum=maximum, value=value)
    return value


class Game:
    """One game on one seed: settings, players, decisions per round, rounds computed.

    Make one with :meth:`Game.new`, resume one with :meth:`Game.load` (from a
    :class:`~samlab.game.store.GameStore`) or :meth:`Game.from_record` (from an export).
    """

    def __init__(self, record: dict[str, Any], store: GameStore | None = None):
        self.id: str = record["id"]
        self.scenario: str = record["scenario"]
        self.seed: int = record["seed"]
        self.rounds: int = record["rounds"]
        self.weeks_per_round: int = record["weeks_per_round"]
        self.children: int = record["children"]
        self.personas: bool = record.get("personas", False)
        self.lever_changes: dict[str, Any] = dict(record.get("levers", {}))
        self.phase: int = record.get("phase", 1)
        self.parent: str | None = record.get("parent")
        self.lang: str = check_lang(record.get("lang", DEFAULT_LANG))
        self.created: str = record.get("created") or _now()
        self.closed: bool = record.get("closed", False)
        self.players: dict[str, str | None] = dict(record.get("players", {}))
        self.room: str | None = record.get("room")
        self._read_state(record)
        self._read_decisions(record)
        self.levers = resolve(self.scenario, **self.lever_changes)
        self.store = store
        self._build()
        stored = record.get("computed", {})
        for number in sorted(int(n) for n in stored):
            measures = self._run_round()
            expected = stored[number] if number in stored else stored[str(number)]
            if measures != expected:
                raise error("replay_differs", self.lang, round=number)

    # --- making, loading -----------------------------------------------------------------

    @classmethod
    def new(
        cls,
        scenario: str = "silo",
        seed: int = 1,
        rounds: int = 12,
        weeks_per_round: int = 4,
        children: int = 600,
        *,
        personas: bool = False,
        levers: dict[str, Any] | None = None,
        store: GameStore | None = None,
        lang: str = DEFAULT_LANG,
        phase: int = 1,
        parent: str | None = None,
        room: str | None = None,
    ) -> Game:
        """Start a game. ``levers`` changes the scenario's levers for the whole game;
        ``room`` is the name players join it by (on the hub's game service)."""
        lang = check_lang(lang)
        if not isinstance(scenario, str) or scenario not in SCENARIOS_BY_KEY:
            raise error("scenario", lang, value=scenario, known=", ".join(SCENARIOS_BY_KEY))
        unknown = sorted(set(levers or {}) - set(LEVERS_BY_NAME))
        if unknown:
            raise error("lever", lang, value=", ".join(unknown), known=", ".join(LEVERS_BY_NAME))
        resolve(scenario, **(levers or {}))
        _whole("seed", seed, 0, 2**63 - 1, lang)
        _whole("rounds", rounds, 1, 52, lang)
        _whole("weeks_per_round", weeks_per_round, 1, 26, lang)
        _whole("rounds * weeks_per_round", rounds * weeks_per_round, 1, MAX_WEEKS, lang)
        _whole("children", children, 1, MAX_GAME_CHILDREN, lang)
        record = {
            "id": uuid.uuid4().hex[:12],
            "scenario": scenario,
            "seed": seed,
            "rounds": rounds,
            "weeks_per_round": weeks_per_round,
            "children": children,
            "personas": bool(personas),
            "levers": dict(levers or {}),
            "phase": phase,
            "parent": parent,
            "lang": lang,
            "created": _now(),
            "room": room,
        }
        game = cls(record, store)
        if store is not None:
            store.create_game(game.settings())
        return game

    @classmethod
    def load(cls, game_id: str, store: GameStore, lang: str = DEFAULT_LANG) -> Game:
        """Resume a stored game: rebuilt from its seed by replaying its decisions."""
        return cls(store.load_game(game_id, lang), store)

    @classmethod
    def from_record(cls, record: dict[str, Any], store: GameStore | None = None) -> Game:
        """Rebuild a game from :meth:`record` (e.g. read back from an export)."""
        return cls(record, store)

    def settings(self) -> dict[str, Any]:
        """The game's settings (what the seed and the decisions are replayed on)."""
        return {
            "id": self.id,
            "scenario": self.scenario,
            "seed": self.seed,
            "rounds": self.rounds,
            "weeks_per_round": self.weeks_per_round,
            "children": self.children,
            "personas": self.personas,
            "levers": dict(self.lever_changes),
            "phase": self.phase,
            "parent": self.parent,
            "lang": self.lang,
            "created": self.created,
            "room": self.room,
        }

    def record(self) -> dict[str, Any]:
        """Everything needed to rebuild the game, as plain data (JSON-friendly)."""
        decisions: dict[str, dict[str, dict]] = {}
        for number in sorted(self.decisions):
            decisions[str(number)] = {
                role: {"payload": payload, "time": self.decision_times.get((number, role), "")}
                for role, payload in self.decisions[number].items()
            }
        return {
            **self.settings(),
            "closed": self.closed,
            **{name: getattr(self, name) for name in ("paused", "timer", "deadline", "remaining")},
            "players": dict(self.players),
            "decisions": decisions,
            "computed": {str(m["round"]): m for m in self.round_measures},
        }

    def _build(self) -> None:
        self.model = MunicipalityModel(
            self.levers,
            children=self.children,
            weeks=self.rounds * self.weeks_per_round,
            seed=self.seed,
            record_journeys=True,
            personas=self.personas,
        )
        self.round_measures: list[dict[str, Any]] = []
        self._start = {k: service_counters(s) for k, s in self.model.services.items()}
        self._first_week = 0

    # --- the round -----------------------------------------------------------------------

    @property
    def computed(self) -> int:
        """Rounds computed so far."""
        return len(self.round_measures)

    @property
    def next_round(self) -> int:
        """The round decisions are made for now (1-based)."""
        return self.computed + 1

    @property
    def over(self) -> bool:
        return self.closed or self.computed >= self.rounds

    def join(self, role: str, player: str | None = None, lang: str | None = None) -> None:
        """Take a role for a player (their hub login; never a real name). From now on the
        role is played by people; a role nobody takes is played by the computer."""
        lang = check_lang(lang or self.lang)
        get_role(role, lang)
        if player is not None and (not isinstance(player, str) or len(player) > MAX_PLAYER_NAME):
            raise error("player", lang, maximum=MAX_PLAYER_NAME, value=player)
        taken = self.players.get(role)
        if taken is not None and player is not None and taken != player:
            raise error("role_taken", lang, role=role, player=taken)
        self.players[role] = player if player is not None else taken
        if self.store is not None:
            self.store.set_player(self.id, role, self.players[role])

    def reassign(self, role: str, player: str | None, lang: str | None = None) -> None:
        """Give ``role`` to another player (their hub login), or with ``player=None`` back
        to the computer from the next round (the role's decisions so far stay in force)."""
        lang = check_lang(lang or self.lang)
        get_role(role, lang)
        if player is None:
            self.players.pop(role, None)
            if self.store is not None:
                self.store.remove_player(self.id, role)
            return
        if not isinstance(player, str) or not player or len(player) > MAX_PLAYER_NAME:
            raise error("player", lang, maximum=MAX_PLAYER_NAME, value=player)
        self.players[role] = player
        if self.store is not None:
            self.store.set_player(self.id, role, player)

    def role_of(self, player: str) -> str | None:
        """The role ``player`` (a hub login) holds in this game, or None."""
        held = [role for role, name in self.players.items() if name == player]
        return held[0] if held else None

    def roles(self, lang: str | None = None) -> list[dict[str, Any]]:
        """Every role: its label, its player, and whether people or the computer play it."""
        lang = check_lang(lang or self.lang)
        return [
            {
                **role.describe(lang),
                "player": self.players.get(role.key),
                "human": role.key in self.players,
            }
            for role in ROLES
        ]

    def decide(
        self,
        role: str,
        decision: dict[str, Any],
        round: int | None = None,
        lang: str | None = None,
        *,
        replaces: Any = ANY,
    ) -> dict[str, Any]:
        """Record a role's decision for a round (by default the next one to compute).

        A decision may change only some fields; the rest, and every round without a
        decision, keep what was in force. Deciding again for the same round replaces the
        earlier decision (the later one wins). With ``replaces`` (the ``decision_time`` of
        the decision the caller saw in :meth:`view`, or None for none), a decision that
        another came before is refused instead: of two sent at the same moment, one wins
        and the other is told. Returns the decision as stored.

        Raises:
            SamlabValueError: unknown role, a bad field or value, a round out of range or
                already computed, a closed or paused game, or another decision came first;
                the message is in ``lang``.
        """
        lang = check_lang(lang or self.lang)
        if self.store is not None:
            self._sync()
        if self.closed:
            raise error("closed", lang, game=self.id)
        if self.paused:
            raise error("paused", lang, game=self.id)
        spec = get_role(role, lang)
        number = self.next_round if round is None else round
        if (
            isinstance(number, bool)
            or not isinstance(number, int)
            or not 1 <= number <= self.rounds
        ):
            raise error("round_range", lang, first=1, last=self.rounds, value=round)
        if number <= self.computed:
            if self.computed >= self.rounds:
                raise error("all_computed", lang, rounds=self.rounds)
            raise error("round_computed", lang, round=number, next=self.next_round)
        waiting = None
        if spec.service is not None and number == self.next_round:
            queue = self.model.services[spec.service].waiting
            waiting = {
                ref.child.unique_id
                for ref in queue
                if not ref.child.exited and ref.child.pending.get(ref.domain) is ref
            }
        payload = validate_decision(spec, decision, self.levers, lang, waiting)
        known = self.decision_times.get((number, role))
        if replaces is not ANY and self.store is None and known != replaces:
            raise error("decision_conflict", lang, role=role, round=number)
        if role not in self.players:
            self.join(role, None, lang)
        time = _stamp()
        if self.store is not None:
            given = {} if replaces is ANY else {"replaces": replaces}
            self.store.save_decision(self.id, number, role, payload, time, lang, **given)
        self.decisions.setdefault(number, {})[role] = payload
        self.decision_times[(number, role)] = time
        return payload

    def compute_round(self, lang: str | None = None) -> dict[str, Any]:
        """Run the next round with the policies in force; return its measures."""
        lang = check_lang(lang or self.lang)
        if self.store is not None:
            self._sync()
        if self.closed:
            raise error("closed", lang, game=self.id)
        if self.paused:
            raise error("paused", lang, game=self.id)
        if self.computed >= self.rounds:
            raise error("all_computed", lang, rounds=self.rounds)
        measures = self._run_round()
        if self.store is not None:
            try:
                self.store.save_round(self.id, measures["round"], measures, lang)
            except SamlabValueError:  # another process computed it first: take theirs
                self._reload()
                raise
        if self.deadline is not None or self.timer is not None:
            # the timer starts again for the next round (and stops when the game is over)
            self._set_state(deadline=self._deadline(self.timer) if not self.over else None)
        return dict(measures)

    def all_submitted(self) -> bool:
        """Whether every role people play has decided for the round being decided (False
        while nobody plays: the facilitator computes those rounds)."""
        decided = self.decisions.get(self.next_round, {})
        return bool(self.players) and all(role in decided for role in self.players)

    # --- pause and the facilitator's timer -----------------------------------------------

    def pause(self, lang: str | None = None) -> None:
        """Hold the game: no decisions, no rounds, and the timer stops until :meth:`resume`."""
        lang = check_lang(lang or self.lang)
        if self.closed:
            raise error("closed", lang, game=self.id)
        if not self.paused:
            self._set_state(paused=True, remaining=self.seconds_left(), deadline=None)

    def resume(self, lang: str | None = None) -> None:
        """Go on after :meth:`pause`; the timer goes on with the time that was left."""
        lang = check_lang(lang or self.lang)
        if self.closed:
            raise error("closed", lang, game=self.id)
        if self.paused:
            self._set_state(paused=False, deadline=self._deadline(self.remaining), remaining=None)

    def set_timer(self, seconds: float | None, lang: str | None = None) -> None:
        """Give each round ``seconds`` from now on (the round is computed when the time is
        up, with the decisions made by then); None takes the timer away."""
        lang = check_lang(lang or self.lang)
        if self.closed:
            raise error("closed", lang, game=self.id)
        low, high = TIMER_RANGE
        if seconds is not None and (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not low <= seconds <= high
        ):
            raise error("timer", lang, minimum=low, maximum=high, value=seconds)
        seconds = None if seconds is None else float(seconds)
        if self.paused:
            self._set_state(timer=seconds, remaining=seconds, deadline=None)
        else:
            self._set_state(timer=seconds, deadline=self._deadline(seconds), remaining=None)

    def seconds_left(self) -> float | None:
        """Seconds until the timer computes the round (None: no timer running)."""
        if self.paused:
            return self.remaining
        if self.deadline is None:
            return None
        left = datetime.fromisoformat(self.deadline) - datetime.now(UTC)
        return max(0.0, left.total_seconds())

    def due(self) -> bool:
        """Whether the facilitator's timer has run out for the round being decided."""
        left = self.seconds_left()
        return not self.over and not self.paused and left is not None and left <= 0

    def _deadline(self, seconds: float | None) -> str | None:
        if seconds is None or self.over:
            return None
        moment = datetime.now(UTC) + timedelta(seconds=seconds)
        return moment.isoformat(timespec="microseconds")

    def _set_state(self, **state: Any) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        if self.store is not None:
            self.store.set_state(self.id, **state)

    def _read_state(self, record: dict[str, Any]) -> None:
        self.paused: bool = bool(record.get("paused") or False)
        self.timer: float | None = record.get("timer")
        self.deadline: str | None = record.get("deadline")
        self.remaining: float | None = record.get("remaining")

    def _run_round(self) -> dict[str, Any]:
        model = self.model
        number = self.next_round
        for role in ROLES:
            force = in_force(role, self.decisions, number, self.levers)
            if role.service is None:
                model.set_levers(force)
            else:
                model.set_policy(role.service, force)
                payload = self.decisions.get(number, {}).get(role.key, {})
                for name, child in actions(payload):
                    if name == "return_referrals":
                        model.return_referrals(role.service, child)
                    else:
                        model.prioritise_referrals(role.service, child)
        self._start = {k: service_counters(s) for k, s in model.services.items()}
        self._first_week = model.week
        for _ in range(self.weeks_per_round):
            model.step()
        measures = {
            "round": number,
            "week": model.week,
            **summarise(model),
            "waiting_list_now": model.stat_waiting,
            "in_services_now": model.stat_in_services,
            "with_right_help_now": model.stat_right_help,
            "lost_now": model.stat_lost,
        }
        self.round_measures.append(measures)
        return measures

    def close(self) -> None:
        """End the game: no more decisions or rounds."""
        self.closed = True
        if self.store is not None:
            self.store.close_game(self.id)

    # --- the store -----------------------------------------------------------------------

    def _sync(self) -> None:
        """Take in what other processes wrote to the store (decisions, rounds, players)."""
        record = self.store.load_game(self.id, self.lang)
        if len(record["computed"]) != self.computed or record["closed"] != self.closed:
            self._reload(record)
            return
        self.players = dict(record["players"])
        self._read_state(record)
        self._read_decisions(record)

    def _read_decisions(self, record: dict[str, Any]) -> None:
        self.decisions: dict[int, dict[str, dict]] = {}
        self.decision_times: dict[tuple[int, str], str] = {}
        for number, by_role in record.get("decisions", {}).items():
            for role, entry in by_role.items():
                self.decisions.setdefault(int(number), {})[role] = dict(entry["payload"])
                self.decision_times[(int(number), role)] = entry.get("time", "")

    def _reload(self, record: dict[str, Any] | None = None) -> None:
        fresh = Game(record or self.store.load_game(self.id, self.lang), self.store)
        self.__dict__.update(fresh.__dict__)

    # --- what people see -----------------------------------------------------------------

    def status(self, lang: str | None = None) -> dict[str, Any]:
        """Where the game stands, for the facilitator's screen: the round being decided,
        and for each role whether people play it, who (hub name) and whether they have
        submitted a decision for that round. Holds no service's view."""
        lang = check_lang(lang or self.lang)
        if self.store is not None:
            self._sync()
        decided = self.decisions.get(self.next_round, {})
        return {
            "game": self.id,
            "scenario": self.scenario,
            "seed": self.seed,
            "phase": self.phase,
            "computed": self.computed,
            "rounds": self.rounds,
            "next_round": None if self.over else self.next_round,
            "closed": self.closed,
            "over": self.over,
            "room": self.room,
            "paused": self.paused,
            "timer": self.timer,
            "seconds_left": self.seconds_left(),
            "roles": [
                {**entry, "submitted": entry["role"] in decided} for entry in self.roles(lang)
            ],
        }

    def policy(
        self, role: str, round: int | None = None, lang: str | None = None
    ) -> dict[str, Any]:
        """What ``role`` has in force in a round (by default the next one), as a plain dict:
        a service's policy fields, or the network leader's levers."""
        lang = check_lang(lang or self.lang)
        spec = get_role(role, lang)
        number = self.next_round if round is None else round
        force = in_force(spec, self.decisions, number, self.levers)
        if spec.service is None:
            return {name: {**self.levers, **force}[name] for name in LEADER_LEVERS}
        if force is None:
            force = ServicePolicy.default(spec.service, self.levers)
        return force.to_dict()

    def fields(self, role: str, lang: str | None = None) -> list[dict[str, Any]]:
        """What ``role`` can decide, for a form: name, kind, range, the computer's default,
        label and help text in ``lang``."""
        lang = check_lang(lang or self.lang)
        return decision_fields(get_role(role, lang), self.levers, lang)

    def view(self, role: str, lang: str | None = None) -> dict[str, Any]:
        """What ``role`` can see after the last round computed (its own service only)."""
        lang = check_lang(lang or self.lang)
        spec = get_role(role, lang)
        head = {
            "game": self.id,
            "role": role,
            "player": self.players.get(role),
            "round": self.computed,
            "next_round": None if self.over else self.next_round,
            "rounds": self.rounds,
            "decided_for_next_round": role in self.decisions.get(self.next_round, {}),
            "decision_time": self.decision_times.get((self.next_round, role)),
            "paused": self.paused,
            "seconds_left": self.seconds_left(),
            "in_force": self.policy(role, lang=lang),
        }
        if spec.service is None:
            body = leader_view(self.model, self.policy(role, lang=lang), lang)
            body["measures"] = dict(self.round_measures[-1]) if self.round_measures else {}
            return {**head, **body}
        start = self._start[spec.service]
        return {**head, **service_view(self.model, spec.service, start, self._first_week, lang)}

    def measures(self) -> pd.DataFrame:
        """The municipality's outcome measures after each round (``samlab.MEASURES`` and
        more): one row per round computed."""
        return pd.DataFrame(self.round_measures)

    def result(self) -> SimulationResult:
        """The run so far as a :class:`SimulationResult` (journeys, referrals, children)."""
        return SimulationResult(self.model, self.scenario)

    def replay(self) -> Iterator[dict[str, Any]]:
        """The game round by round: the decisions made, what was in force, the measures,
        and every service's caseload and waiting list at the round's end."""
        history = pd.DataFrame(
            self.model.service_history, columns=["week", "service", "caseload", "waiting"]
        )
        for measures in self.round_measures:
            number = measures["round"]
            last_week = number * self.weeks_per_round - 1
            at_end = history[history["week"] == last_week].set_index("service")
            yield {
                "round": number,
                "weeks": (last_week + 1 - self.weeks_per_round, last_week),
                "decisions": {r: dict(p) for r, p in self.decisions.get(number, {}).items()},
                "in_force": {role.key: self.policy(role.key, round=number) for role in ROLES},
                "measures": dict(measures),
                "services": {
                    key: {"caseload": int(row.caseload), "waiting": int(row.waiting)}
                    for key, row in at_end.iterrows()
                },
            }

    def debrief(self, lang: str | None = None) -> dict[str, Any]:
        """The whole system (``samlab.game.debrief``): children lost between services and
        at age limits, the referral network, persona journeys, the comparison with the
        computer's silos and best-coordinated scenario, the replay and the measures."""
        return debrief(self, lang)

    def second_phase(self, **changes: Any) -> Game:
        """A new game on the same seed and settings, with the same players, and the levers
        changed (by default :data:`PHASE_TWO`: information sharing and a coordinator)."""
        levers = {**self.lever_changes, **(changes or PHASE_TWO)}
        game = Game.new(
            self.scenario,
            self.seed,
            self.rounds,
            self.weeks_per_round,
            self.children,
            personas=self.personas,
            levers=levers,
            store=self.store,
            lang=self.lang,
            phase=self.phase + 1,
            parent=self.id,
            room=self.room,
        )
        for role, player in self.players.items():
            game.join(role, player)
        return game

    def __repr__(self) -> str:
        return (
            f"Game(id={self.id!r}, scenario={self.scenario!r}, seed={self.seed}, "
            f"round {self.computed}/{self.rounds}, humans={sorted(self.players)})"
        )


__all__ = ["LEADER", "PHASE_TWO", "Game"]
