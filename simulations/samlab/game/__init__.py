"""The service game: leaders play Fjordvik's services together, each seeing only their own.

A participatory simulation in the spirit of the Beer Game: each person leads one service
(or the network) in the course's own model, and the debrief shows the whole system.

=================  ==========================================================
module             its one job
=================  ==========================================================
``roles``          the roles: six services and the network leader
``rules``          what a decision may contain, and what is in force in a round
``engine``         ``Game``: settings, decisions, rounds, replay, second phase
``views``          what one role can see after a round
``debrief``        the whole system afterwards: losses, network, journeys, comparison
``store``          the game in a database (SQLAlchemy), to resume it
``export``         every decision and every round's measures to CSV and JSON
``messages``       what the game says, in bokmål and English
``service``        the game service on a JupyterHub (``samlab game serve``)
``client``         ``RemoteGame``: a game on the service, with ``Game``'s methods
``loadtest``       many rooms at once against the service (load test, benchmark)
=================  ==========================================================
"""

from __future__ import annotations

from .engine import PHASE_TWO, Game
from .roles import LEADER, LEADER_LEVERS, ROLES

__all__ = ["LEADER", "LEADER_LEVERS", "PHASE_TWO", "ROLES", "Game"]
