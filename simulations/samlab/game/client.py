"""Play a game held by the hub's game service (``samlab game serve``) from a notebook.

:class:`RemoteGame` has the same methods, arguments and answers as the local
:class:`~samlab.game.Game` (plain data; ``measures()`` a pandas DataFrame; the debrief as
plain data: tables as lists of records, the network as a list of edges), plus what only a
shared game needs: :meth:`RemoteGame.my_role` and the facilitator's operations. The
service's refusals come back as :class:`~samlab.errors.SamlabValueError` with its message,
in the caller's language.

Inside a single-user server on the course hub, the service's address and the hub token come
from the environment (``SAMLAB_GAME_URL``, set by the hub configs in ``deploy/``, or the
hub's public address; ``JUPYTERHUB_API_TOKEN``)::

    from samlab.game.client import RemoteGame, connect

    game = RemoteGame.create("silo", seed=1, rounds=12, weeks_per_round=4, children=600,
                             room="bord1")                      # a facilitator
    game = connect("bord1")                                     # a participant
    game.join("bup"); game.view("bup"); game.decide("bup", {"threshold": 0.4})
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote, urlsplit

import pandas as pd
import requests

from ..errors import SamlabValueError
from ..translation import DEFAULT_LANG, LANGUAGES
from .messages import message

SERVICE_NAME = "samlab-game"
TIMEOUT = 60  # seconds: computing a round of a large game, or a debrief, takes a while


def _lang(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANG


def service_url(url: str | None = None, lang: str | None = None) -> str:
    """The game service's address: ``url``, ``SAMLAB_GAME_URL``, or derived from the hub's
    public address (``JUPYTERHUB_PUBLIC_HUB_URL``)."""
    url = url or os.environ.get("SAMLAB_GAME_URL")
    if not url:
        hub = os.environ.get("JUPYTERHUB_PUBLIC_HUB_URL")
        if hub:
            parts = urlsplit(hub)
            base = parts.path.rstrip("/")
            base = base[: -len("/hub")] if base.endswith("/hub") else base
            url = f"{parts.scheme}://{parts.netloc}{base}/services/{SERVICE_NAME}/"
    if not url:
        raise SamlabValueError(message("no_url", _lang(lang)))
    return url.rstrip("/") + "/"


class _Connection:
    """An HTTP session to the service with the caller's hub token."""

    def __init__(self, url: str | None, token: str | None, lang: str | None):
        self.url = service_url(url, lang)
        token = token or os.environ.get("JUPYTERHUB_API_TOKEN")
        if not token:
            raise SamlabValueError(message("no_token", _lang(lang)))
        self.lang = lang
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {token}"

    def request(self, method: str, path: str, lang: str | None = None, **fields: Any) -> Any:
        lang = lang or self.lang
        url = self.url + "api/" + path
        kwargs: dict[str, Any] = {"timeout": TIMEOUT}
        if method == "GET":
            params = {k: v for k, v in fields.items() if v is not None}
            if lang:
                params["lang"] = lang
            kwargs["params"] = params
        else:
            kwargs["json"] = {**fields, **({"lang": lang} if lang else {})}
        try:
            response = self.session.request(method, url, **kwargs)
        except requests.RequestException as exc:
            detail = type(exc).__name__
            text = message("unreachable", _lang(lang), url=self.url, detail=detail)
            raise SamlabValueError(text) from None
        try:
            body = response.json()
        except ValueError:
            body = None
        if not response.ok:
            if isinstance(body, dict) and "error" in body:
                raise SamlabValueError(body["error"])
            text = response.text.strip()[:200] or response.reason
            raise SamlabValueError(f"{self.url}: HTTP {response.status_code}: {text}")
        return body


def connect(
    room: str, *, url: str | None = None, token: str | None = None, lang: str | None = None
) -> RemoteGame:
    """The game room ``room`` holds now, on the hub's game service."""
    connection = _Connection(url, token, lang)
    entry = connection.request("GET", f"rooms/{quote(str(room), safe='')}")
    return RemoteGame(connection, entry)


class RemoteGame:
    """A game held by the game service, with the methods of the local ``Game``."""

    def __init__(self, connection: _Connection, entry: dict[str, Any]):
        self._connection = connection
        self.room: str | None = entry.get("room")
        self.id: str = entry["game"]
        self.phase: int = entry.get("phase", 1)
        self.lang: str = entry.get("lang", DEFAULT_LANG)
        self._seen: dict[tuple[int, str], str | None] = {}  # decisions seen, to replace
        self._next: dict[str, int] = {}  # per role: the round its last view was for
        self._rounds: int | None = None

    # --- making and finding games (facilitators) ---------------------------------------------

    @classmethod
    def create(
        cls,
        scenario: str = "silo",
        seed: int = 1,
        rounds: int = 12,
        weeks_per_round: int = 4,
        children: int = 600,
        *,
        room: str | None = None,
        levers: dict[str, Any] | None = None,
        lang: str | None = None,
        url: str | None = None,
        token: str | None = None,
    ) -> RemoteGame:
        """Open a new game in a new room (facilitators only)."""
        connection = _Connection(url, token, lang)
        settings = {
            "scenario": scenario,
            "seed": seed,
            "rounds": rounds,
            "weeks_per_round": weeks_per_round,
            "children": children,
            "levers": levers or {},
        }
        if room is not None:
            settings["room"] = room
        return cls(connection, connection.request("POST", "rooms", **settings))

    def games(self, lang: str | None = None) -> list[dict[str, Any]]:
        """Every room of the cohort with its game's status (facilitators only)."""
        return self._connection.request("GET", "rooms", lang)

    # --- the local Game's methods ---------------------------------------------------------

    def _get(self, action: str, lang: str | None = None, **fields: Any) -> Any:
        return self._connection.request("GET", f"games/{self.id}/{action}", lang, **fields)

    def _post(self, action: str, lang: str | None = None, **fields: Any) -> Any:
        return self._connection.request("POST", f"games/{self.id}/{action}", lang, **fields)

    def status(self, lang: str | None = None) -> dict[str, Any]:
        status = self._get("status", lang)
        self._rounds = status["rounds"]
        return status

    @property
    def rounds(self) -> int:
        if self._rounds is None:
            self.status()
        return self._rounds  # type: ignore[return-value]

    @property
    def computed(self) -> int:
        return self.status()["computed"]

    @property
    def next_round(self) -> int:
        status = self.status()
        return status["computed"] + 1

    @property
    def over(self) -> bool:
        return self.status()["over"]

    def roles(self, lang: str | None = None) -> list[dict[str, Any]]:
        return self._get("roles", lang)

    def fields(self, role: str, lang: str | None = None) -> list[dict[str, Any]]:
        return self._get("fields", lang, role=role)

    def policy(self, role: str, round: int | None = None, lang: str | None = None) -> dict:
        return self._get("policy", lang, role=role, round=round)

    def view(self, role: str, lang: str | None = None) -> dict[str, Any]:
        view = self._get("view", lang, role=role)
        if view.get("next_round") is not None:
            self._next[role] = view["next_round"]
            self._seen[(view["next_round"], role)] = view.get("decision_time")
        return view

    def my_role(self) -> str | None:
        """The role this hub user holds in the game, or None."""
        return self._get("my_role")["role"]

    def join(self, role: str, player: str | None = None, lang: str | None = None) -> None:
        """Take ``role`` (as the hub user whose token this is; ``player`` is not used: the
        service knows people by their hub login only)."""
        self._post("join", lang, role=role)

    def decide(
        self,
        role: str,
        decision: dict[str, Any],
        round: int | None = None,
        lang: str | None = None,
    ) -> dict[str, Any]:
        """Send the role's decision. If another decision for the role and round reached the
        service after the last :meth:`view` (a partner's, in another notebook), this one is
        refused with a message saying so, and nothing changes."""
        number = round if round is not None else self._next.get(role)
        answer = self._post(
            "decide",
            lang,
            role=role,
            decision=decision,
            round=number,
            replaces=self._seen.get((number, role)) if number is not None else None,
        )
        self._seen[(answer["round"], role)] = answer["time"]
        if answer.get("computed"):
            self._next[role] = answer["round"] + 1
        return answer["decision"]

    def compute_round(self, lang: str | None = None) -> dict[str, Any]:
        return self._post("compute", lang)

    def measures(self) -> pd.DataFrame:
        return pd.DataFrame(self._get("measures"))

    def close(self) -> None:
        self._post("close")

    def debrief(self, lang: str | None = None) -> dict[str, Any]:
        return self._get("debrief", lang)

    def export(self, format: str = "json") -> dict[str, Any]:
        """The game's record (``format="json"``), or ``{file name: CSV text}`` for
        ``game.csv``, ``decisions.csv`` and ``measures.csv`` (``format="csv"``)."""
        return self._get("export", format=format)

    def second_phase(self, **changes: Any) -> RemoteGame:
        """A new game on the same seed with the levers changed (by default information
        sharing and a coordinator); the room moves on to it (facilitators only)."""
        entry = self._post("second_phase", changes=changes or None)
        return RemoteGame(self._connection, entry)

    # --- the facilitator's operations -------------------------------------------------------

    def pause(self, lang: str | None = None) -> dict[str, Any]:
        return self._post("pause", lang)

    def resume(self, lang: str | None = None) -> dict[str, Any]:
        return self._post("resume", lang)

    def set_timer(self, seconds: float | None, lang: str | None = None) -> dict[str, Any]:
        """Give each round ``seconds`` from now on; None takes the timer away."""
        return self._post("timer", lang, seconds=seconds)

    def reassign(self, role: str, player: str | None, lang: str | None = None) -> dict:
        """Give ``role`` to hub user ``player``, or to the computer (None)."""
        return self._post("reassign", lang, role=role, player=player)

    def __repr__(self) -> str:
        return f"RemoteGame(room={self.room!r}, id={self.id!r}, url={self._connection.url!r})"
