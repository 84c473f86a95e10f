"""The debrief: the whole system the players could not see while they played.

Who was lost between services and at age limits (and which service had them last), the
referral network (who referred to whom, and who sent back), the journeys of the children
of Fjordvik (a game with ``personas=True``), and the room's game beside the computer's
silos and the best-coordinated scenario on the same seed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from ..experiments import resolve
from ..model import MunicipalityModel
from ..personas import PERSONAS
from ..results import MEASURES, summarise
from ..scenario_catalogue import SCENARIOS
from ..services import SERVICES, SERVICES_BY_KEY
from .messages import error

if TYPE_CHECKING:
    from .engine import Game

LOST_COLUMNS = ["child_id", "kind", "week", "age", "last_service", "needs"]
#: What a comparison ranks the scenarios by, to find the best-coordinated one.
RANK_BY = "weeks_to_right_help_mean"


def lost_children(game: Game) -> pd.DataFrame:
    """One row per loss: a child lost between services (``between_services``) or at a
    service's age limit (``age_limit``), when, and which service had the child last."""
    events = game.result().journeys()
    rows = []
    last_service: dict[int, str] = {}
    for row in events.itertuples(index=False):
        if row.event == "lost_between_services":
            last = last_service.get(row.child_id, "")
            rows.append((row.child_id, "between_services", row.week, row.age, last, row.detail))
        elif row.event == "lost_at_transition":
            rows.append((row.child_id, "age_limit", row.week, row.age, row.service, row.detail))
        if row.service in SERVICES_BY_KEY:
            last_service[row.child_id] = row.service
    return pd.DataFrame(rows, columns=LOST_COLUMNS)


def referral_network(game: Game) -> nx.DiGraph:
    """The services as a directed graph of the whole game.

    Edge attributes: ``referrals``, ``accepted``, ``dismissed`` (a bekymringsmelding child
    welfare closed after review), ``returned`` (``bounced``: wrong service,
    plus ``rejected``: below the threshold) and, on edges to the node ``glippsone``,
    ``lost`` (children lost at an age limit or between services after that service).
    Node attributes: ``human`` (a person led the service) and ``caseload`` at the end.
    """
    graph = nx.DiGraph()
    for spec in SERVICES:
        service = game.model.services[spec.key]
        graph.add_node(spec.key, human=spec.key in game.players, caseload=len(service.cases))
    graph.add_node("glippsone", human=False, caseload=0)
    counts = ("referrals", "accepted", "returned", "bounced", "rejected", "dismissed", "lost")
    for row in game.result().referrals().itertuples(index=False):
        if row.source not in SERVICES_BY_KEY or row.source == row.target:
            continue
        if not graph.has_edge(row.source, row.target):
            graph.add_edge(row.source, row.target, **dict.fromkeys(counts, 0))
        edge = graph.edges[row.source, row.target]
        edge["referrals"] += 1
        if row.outcome == "accepted":
            edge["accepted"] += 1
        elif row.outcome in ("bounced", "rejected"):
            edge["returned"] += 1
            edge[row.outcome] += 1
        elif row.outcome == "dismissed":  # a report closed by child welfare, not returned
            edge["dismissed"] += 1
    for service in lost_children(game)["last_service"]:
        if not service:
            continue
        if not graph.has_edge(service, "glippsone"):
            graph.add_edge(service, "glippsone", **dict.fromkeys(counts, 0))
        graph.edges[service, "glippsone"]["lost"] += 1
    return graph


def persona_journeys(game: Game) -> dict[str, pd.DataFrame]:
    """The journey of each child of Fjordvik in the game (``personas=True``), by key."""
    if not game.personas:
        return {}
    result = game.result()
    children = result.children()
    out = {}
    for persona in PERSONAS:
        if (children["persona"] == persona.key).any():
            out[persona.key] = result.journey(result.persona_id(persona.key))
    return out


def _computer_run(game: Game, scenario: str, weeks: int) -> dict[str, Any]:
    """The computer playing ``scenario`` on the game's seed, stopped where the game is."""
    model = MunicipalityModel(
        resolve(scenario),
        children=game.children,
        weeks=game.rounds * game.weeks_per_round,
        seed=game.seed,
        record_journeys=False,
        personas=game.personas,
    )
    for _ in range(weeks):
        model.step()
    return summarise(model)


def comparison(game: Game, lang: str | None = None) -> pd.DataFrame:
    """The room's game beside the computer's silos and the best-coordinated scenario.

    Every run has the game's seed and children and stops after the rounds computed. The
    best-coordinated scenario is the catalogue's scenario with the lowest
    ``weeks_to_right_help_mean`` on this seed. One row per outcome measure; columns
    ``game``, ``silo`` and the best scenario's id.
    """
    lang = lang or game.lang
    if not game.round_measures:
        raise error("not_yet", lang)
    weeks = game.computed * game.weeks_per_round
    runs = {s.key: _computer_run(game, s.key, weeks) for s in SCENARIOS}
    best = min((key for key in runs if key != "silo"), key=lambda key: runs[key][RANK_BY])
    played = game.round_measures[-1]
    table = pd.DataFrame(
        {
            "game": [played[m] for m in MEASURES],
            "silo": [runs["silo"][m] for m in MEASURES],
            best: [runs[best][m] for m in MEASURES],
        },
        index=list(MEASURES),
    )
    table.index.name = "measure"
    table["label"] = [MEASURES[m]["label"][lang] for m in MEASURES]
    return table


def debrief(game: Game, lang: str | None = None) -> dict[str, Any]:
    """Everything for the debrief: ``lost``, ``network``, ``journeys``, ``comparison``,
    ``rounds`` (the replay) and ``measures``."""
    return {
        "lost": lost_children(game),
        "network": referral_network(game),
        "journeys": persona_journeys(game),
        "comparison": comparison(game, lang),
        "rounds": list(game.replay()),
        "measures": game.measures(),
    }
