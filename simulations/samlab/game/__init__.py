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
``screens``        what the screens show: tables and figures from the game's data
``widgets``        a participant's form, the facilitator's screen, the one-screen mode
=================  ==========================================================
"""

from __future__ import annotations

from .engine import PHASE_TWO, Game
from .roles import LEADER, LEADER_LEVERS, ROLES


def join(*args, **kwargs):
    """A participant's screen (``samlab.game.widgets.join``): ``join("ROOM")`` on the
    course hub, or ``join(game, role="bup")`` for a local game."""
    from .widgets import join as _join

    return _join(*args, **kwargs)


def facilitator(*args, **kwargs):
    """The facilitator's screen for the projector (``samlab.game.widgets.facilitator``)."""
    from .widgets import facilitator as _facilitator

    return _facilitator(*args, **kwargs)


def one_screen(*args, **kwargs):
    """One projector, no hub: each group in turn (``samlab.game.widgets.one_screen``)."""
    from .widgets import one_screen as _one_screen

    return _one_screen(*args, **kwargs)


__all__ = [
    "LEADER",
    "LEADER_LEVERS",
    "PHASE_TWO",
    "ROLES",
    "Game",
    "facilitator",
    "join",
    "one_screen",
]
