"""Many rooms playing at once against the game service: the load test and the benchmark.

Each game has its own facilitator and one player per service role; every round, the
players of a game send their decisions at the same moment (one thread each), and the last
decision makes the service compute the round. Every request has a timeout and the whole run
a deadline, so it stops by itself. It returns what happened and how long the service took
from the last decision of a round to the round computed.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .client import RemoteGame, connect
from .roles import ROLES

SERVICE_ROLES = tuple(role.key for role in ROLES if role.service is not None)


def tokens_for(games: int, roles: int = len(SERVICE_ROLES)) -> tuple[dict[str, str], set[str]]:
    """Tokens and hub names for a facilitator per game and a player per role."""
    tokens = {f"token-fac{g}": f"fac{g}" for g in range(games)}
    tokens.update({f"token-p{g}-{r}": f"p{g}-{r}" for g in range(games) for r in range(roles)})
    return tokens, {f"fac{g}" for g in range(games)}


def decision(round_: int, index: int) -> dict[str, Any]:
    """A decision that changes from round to round and role to role (in range)."""
    threshold = round(0.2 + 0.05 * ((round_ + index) % 8), 2)
    direct = round(0.5 + 0.05 * ((round_ * 3 + index) % 5), 2)
    coordination = 0.1
    return {
        "threshold": threshold,
        "direct_help": direct,
        "assessment": round(1 - direct - coordination, 2),
        "coordination": coordination,
    }


@dataclass
class Report:
    games: list[str] = field(default_factory=list)
    decisions: int = 0
    rounds: int = 0
    #: seconds from sending the round's last decision to the answer with the round computed
    last_to_computed: list[float] = field(default_factory=list)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


def play(
    url: str,
    games: int = 8,
    roles: int = len(SERVICE_ROLES),
    rounds: int = 12,
    children: int = 200,
    weeks_per_round: int = 4,
    deadline: float = 600.0,
    prefix: str = "load",
) -> Report:
    """Play ``games`` games of ``rounds`` rounds with ``roles`` players each, at once."""
    tokens, _ = tokens_for(games, roles)
    by_name = {name: token for token, name in tokens.items()}
    report = Report()
    lock = threading.Lock()
    stop_at = time.monotonic() + deadline
    started = time.perf_counter()

    def one_game(g: int) -> None:
        room = f"{prefix}-{g}"
        RemoteGame.create(
            "silo",
            seed=g + 1,
            rounds=rounds,
            weeks_per_round=weeks_per_round,
            children=children,
            room=room,
            url=url,
            token=by_name[f"fac{g}"],
        )
        players = []
        for r in range(roles):
            game = connect(room, url=url, token=by_name[f"p{g}-{r}"])
            game.join(SERVICE_ROLES[r])
            players.append(game)
        with lock:
            report.games.append(players[0].id)
        gate = threading.Barrier(roles, timeout=120)
        with ThreadPoolExecutor(roles) as pool:
            for number in range(1, rounds + 1):
                if time.monotonic() > stop_at:
                    raise TimeoutError(f"the run took longer than {deadline} s")

                def submit(r: int, number: int = number) -> tuple[float, float, bool]:
                    role = SERVICE_ROLES[r]
                    players[r].view(role)
                    gate.wait()  # everybody decides at the same moment
                    sent = time.perf_counter()
                    answer = players[r]._post(
                        "decide", role=role, decision=decision(number, r), round=number
                    )
                    return sent, time.perf_counter(), answer["computed"] is not None

                answers = [pool.submit(submit, r) for r in range(roles)]
                results = [a.result(timeout=300) for a in answers]
                computing = [(sent, got) for sent, got, computed in results if computed]
                status = players[0].status()
                if len(computing) != 1 or status["computed"] != number:
                    raise AssertionError(f"{room}: round {number} not computed once: {status}")
                sent, got = computing[0]
                with lock:
                    report.decisions += roles
                    report.rounds += 1
                    report.last_to_computed.append(got - sent)

    with ThreadPoolExecutor(games) as pool:
        futures = [pool.submit(one_game, g) for g in range(games)]
        for future in futures:
            try:
                future.result(timeout=deadline + 60)
            except Exception as exc:  # reported, so the caller sees every failure
                report.errors.append(f"{type(exc).__name__}: {exc}")
    report.seconds = time.perf_counter() - started
    return report
