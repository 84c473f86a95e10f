"""The service game on a JupyterHub: a hub service that holds the cohort's games.

``samlab game serve`` runs this as a JupyterHub service (started and managed by the hub,
see ``deploy/``), mounted at ``/services/samlab-game/``. People are known by their hub
login only (JupyterHub's OAuth, :class:`jupyterhub.services.auth.HubOAuth`); the service
never asks for a real name. The JSON API, under the service's prefix:

==========================================  ======  ==========================================
address                                     method  who, what
==========================================  ======  ==========================================
``api/me``                                  GET     anyone: hub name, facilitator or not
``api/rooms``                               GET     facilitators: every room and its game
``api/rooms``                               POST    facilitators: a new game in a new room
``api/rooms/<room>``                        GET     anyone: the room's game and my role
``api/games/<id>/status`` (``roles``)       GET     anyone; player names for facilitators
``api/games/<id>/fields?role=``             GET     anyone: what a role can decide
``api/games/<id>/my_role``                  GET     anyone: the role I hold
``api/games/<id>/view?role=``               GET     the role's player (and facilitators)
``api/games/<id>/policy?role=&round=``      GET     the role's player (and facilitators)
``api/games/<id>/join``                     POST    anyone: take a free role ``{role}``
``api/games/<id>/decide``                   POST    the role's player: ``{role, decision,
                                                    round?, replaces?}``
``api/games/<id>/compute``                  POST    facilitators: the next round now
``api/games/<id>/pause`` / ``resume``       POST    facilitators
``api/games/<id>/timer``                    POST    facilitators: ``{seconds}`` (null: none)
``api/games/<id>/reassign``                 POST    facilitators: ``{role, player}``
``api/games/<id>/close``                    POST    facilitators
``api/games/<id>/second_phase``             POST    facilitators: ``{changes}``
``api/games/<id>/measures``                 GET     facilitators; players when it is over
``api/games/<id>/debrief``                  GET     facilitators; players when it is over
``api/games/<id>/export?format=json|csv``   GET     facilitators; players when it is over
==========================================  ======  ==========================================

Every answer is JSON. A refusal is ``{"error": message}`` with a 4xx status, the message in
the caller's language (``lang`` in the query or the body; by default the game's). The round
is computed as soon as every role people play has decided, or when the facilitator's timer
runs out (a check every second); a role without a decision keeps the last one.
Facilitators are the members of one hub group (``--instructor-group``; the deploy configs
use nbgrader's ``formgrade-<course>``).
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
import re
import secrets
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import SamlabValueError
from ..labels import check_lang
from ..translation import DEFAULT_LANG
from . import export
from .engine import ANY, Game
from .messages import error, label
from .store import GameStore

log = logging.getLogger("samlab.game.service")

SERVICE_NAME = "samlab-game"
DEFAULT_PREFIX = f"/services/{SERVICE_NAME}/"
ROOM_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
GAME_ID = re.compile(r"^[0-9a-f]{1,32}$")

#: the HTTP status for each kind of refusal (everything else is 400, bad input)
STATUS = {
    "login": 403,
    "instructor_only": 403,
    "not_your_role": 403,
    "not_over": 403,
    "no_game": 404,
    "no_room": 404,
    "no_room_ask": 404,
    "no_path": 404,
    "not_in_game": 404,
    "decision_conflict": 409,
    "round_computed": 409,
    "all_computed": 409,
    "closed": 409,
    "paused": 409,
    "role_taken": 409,
    "one_role": 409,
    "room_exists": 409,
}


@dataclass(frozen=True)
class Caller:
    """Who calls: their hub name, and whether they are in the facilitators' group."""

    name: str
    instructor: bool


def plain(value: Any) -> Any:
    """``value`` as plain JSON data: tables as lists of records, the network as edges."""
    import networkx as nx
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return json.loads(value.to_json(orient="records", date_format="iso"))
    if isinstance(value, nx.Graph):
        return [{"source": a, "target": b, **plain(data)} for a, b, data in value.edges(data=True)]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


class GameService:
    """The games of one cohort, in a :class:`GameStore`, with the service's rules.

    Every method takes the :class:`Caller` and the caller's language and returns plain
    JSON data; a refusal is a :class:`SamlabValueError` whose ``key`` gives its kind.
    Calls on one game are taken one at a time (a lock per game); games run side by side.
    """

    def __init__(
        self,
        store: GameStore,
        instructors: Callable[[], set[str]],
        group: str,
        lang: str = DEFAULT_LANG,
        workers: int = 4,
    ):
        self.store = store
        self._instructors = instructors
        self.group = group
        self.lang = check_lang(lang)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="samlab-game")
        self._games: dict[str, Game] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()  # the dictionaries above, and making rooms

    # --- who may do what -------------------------------------------------------------------

    def caller(self, name: str) -> Caller:
        return Caller(name, name in self._instructors())

    def _facilitator(self, caller: Caller, action: str, lang: str) -> None:
        if not caller.instructor:
            raise error(
                "instructor_only", lang, group=self.group, action=label(f"may_{action}", lang)
            )

    def _holder(self, game: Game, caller: Caller, role: str, lang: str, *, facilitator=True):
        """Refuse unless ``caller`` holds ``role`` (facilitators may look at every role)."""
        if facilitator and caller.instructor:
            return
        if not isinstance(role, str) or game.players.get(role) != caller.name:
            mine = game.role_of(caller.name)
            raise error(
                "not_your_role",
                lang,
                player=caller.name,
                role=role,
                room=game.room or game.id,
                mine=repr(mine) if mine else label("none", lang),
            )

    def _after_the_game(self, game: Game, caller: Caller, lang: str) -> None:
        if not caller.instructor and not game.over:
            raise error("not_over", lang)

    # --- games in memory, one call at a time per game ---------------------------------------

    def _lock(self, game_id: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(game_id, threading.Lock())

    def _with_game(self, game_id: Any, lang: str, work: Callable[[Game], Any]) -> Any:
        if not isinstance(game_id, str) or not GAME_ID.match(game_id):
            raise error("no_game", lang, game=game_id)
        with self._lock(game_id):
            game = self._games.get(game_id)
            if game is None:
                game = Game.load(game_id, self.store, lang)
                self._games[game_id] = game
            return work(game)

    def _lang(self, lang: str | None, game: Game | None = None) -> str:
        return check_lang(lang or (game.lang if game is not None else self.lang))

    # --- rooms ------------------------------------------------------------------------------

    def me(self, caller: Caller, lang: str | None) -> dict[str, Any]:
        return {"name": caller.name, "instructor": caller.instructor, "group": self.group}

    def rooms(self, caller: Caller, lang: str | None) -> list[dict[str, Any]]:
        lang = self._lang(lang)
        self._facilitator(caller, "rooms", lang)
        out = []
        for room, game_id in self.store.rooms().items():
            status = self._with_game(game_id, lang, lambda g: g.status(lang))
            out.append({"room": room, **status})
        return out

    def create(self, caller: Caller, body: dict[str, Any], lang: str | None) -> dict[str, Any]:
        lang = self._lang(lang or body.get("lang"))
        self._facilitator(caller, "create", lang)
        _only(body, CREATE_FIELDS, lang)
        room = body.get("room")
        if not isinstance(body.get("levers", {}), dict):
            raise error("bad_field", lang, name="levers", what="an object", value=body["levers"])
        if not isinstance(body.get("personas", False), bool):
            value = body["personas"]
            raise error("bad_field", lang, name="personas", what="true or false", value=value)
        settings = {k: body[k] for k in CREATE_FIELDS if k in body and k not in ("room", "lang")}
        with self._guard:
            if room is None:
                room = f"rom-{len(self.store.rooms()) + 1}"
                while self.store.room(room) is not None:
                    room += "x"
            if not isinstance(room, str) or not ROOM_NAME.match(room):
                raise error("room_name", lang, value=room)
            if self.store.room(room) is not None:
                raise error("room_exists", lang, room=room)
            game = Game.new(**settings, store=self.store, lang=body.get("lang", lang), room=room)
            self.store.set_room(room, game.id, game.created)
        self._games[game.id] = game
        return self._room_entry(room, game, caller, lang)

    def room(self, caller: Caller, room: str, lang: str | None) -> dict[str, Any]:
        game_id = self.store.room(room)
        if game_id is None:
            lang = self._lang(lang)
            if not caller.instructor:
                raise error("no_room_ask", lang, room=room)
            known = ", ".join(self.store.rooms())
            raise error("no_room", lang, room=room, known=known or label("none", lang))
        return self._with_game(
            game_id, lang or self.lang, lambda g: self._room_entry(room, g, caller, lang)
        )

    def _room_entry(self, room: str, game: Game, caller: Caller, lang: str | None):
        return {
            "room": room,
            "game": game.id,
            "phase": game.phase,
            "lang": game.lang,
            "over": game.over,
            "my_role": game.role_of(caller.name),
            "instructor": caller.instructor,
        }

    # --- one game ---------------------------------------------------------------------------

    def call(self, caller: Caller, game_id: str, action: str, method: str, args: dict, lang) -> Any:
        """Do ``action`` on a game for ``caller`` (the arguments from the query or body)."""
        handler = GAME_ACTIONS.get((method, action))
        if handler is None:
            raise error("no_path", self._lang(lang), path=f"api/games/{game_id}/{action}")

        def work(game: Game) -> Any:
            glang = self._lang(lang, game)
            _only(args, list(inspect.signature(handler).parameters)[4:], glang)
            return handler(self, game, caller, glang, **args)

        return self._with_game(game_id, self._lang(lang), work)

    def _status(self, game, caller, lang):
        status = game.status(lang)
        if not caller.instructor:  # players' names are on the facilitator's screen only
            for entry in status["roles"]:
                if entry["player"] != caller.name:
                    entry["player"] = None
        return status

    def _roles(self, game, caller, lang):
        return self._status(game, caller, lang)["roles"]

    def _fields(self, game, caller, lang, role=None):
        return game.fields(role, lang)

    def _my_role(self, game, caller, lang):
        return {"role": game.role_of(caller.name)}

    def _view(self, game, caller, lang, role=None):
        self._holder(game, caller, role, lang)
        return plain(game.view(role, lang))

    def _policy(self, game, caller, lang, role=None, round=None):
        self._holder(game, caller, role, lang)
        if round is not None:
            round = _number(round, "round", lang)
        return plain(game.policy(role, round, lang))

    def _join(self, game, caller, lang, role=None):
        mine = game.role_of(caller.name)
        if mine is not None and mine != role:
            raise error("one_role", lang, player=caller.name, mine=mine, room=game.room)
        if game.closed:
            raise error("closed", lang, game=game.id)
        game.join(role, caller.name, lang)
        return {"role": role, "player": caller.name}

    def _decide(self, game, caller, lang, role=None, decision=None, round=None, replaces=ANY):
        self._holder(game, caller, role, lang, facilitator=False)
        if replaces is not ANY and replaces is not None and not isinstance(replaces, str):
            raise error("bad_field", lang, name="replaces", what="text or null", value=replaces)
        payload = game.decide(role, decision, round, lang, replaces=replaces)
        number = game.next_round if round is None else round
        stored = game.decision_times.get((number, role))
        computed = None
        if game.all_submitted() and not game.paused:
            computed = plain(game.compute_round(lang))
        return {"decision": plain(payload), "round": number, "time": stored, "computed": computed}

    def _compute(self, game, caller, lang, round=None):
        self._facilitator(caller, "compute", lang)
        if round is not None and round != game.next_round:
            raise error("round_computed", lang, round=round, next=game.next_round)
        return plain(game.compute_round(lang))

    def _measures(self, game, caller, lang):
        self._after_the_game(game, caller, lang)
        return plain(game.measures())

    def _pause(self, game, caller, lang):
        self._facilitator(caller, "pause", lang)
        game.pause(lang)
        return self._status(game, caller, lang)

    def _resume(self, game, caller, lang):
        self._facilitator(caller, "resume", lang)
        game.resume(lang)
        return self._status(game, caller, lang)

    def _timer(self, game, caller, lang, seconds=None):
        self._facilitator(caller, "timer", lang)
        game.set_timer(seconds, lang)
        return self._status(game, caller, lang)

    def _reassign(self, game, caller, lang, role=None, player=None):
        self._facilitator(caller, "reassign", lang)
        if player is not None:
            holds = game.role_of(player)
            if holds is not None and holds != role:
                raise error("one_role", lang, player=player, mine=holds, room=game.room)
        game.reassign(role, player, lang)
        return self._status(game, caller, lang)

    def _close(self, game, caller, lang):
        self._facilitator(caller, "close", lang)
        game.close()
        return self._status(game, caller, lang)

    def _second_phase(self, game, caller, lang, changes=None):
        self._facilitator(caller, "second_phase", lang)
        if changes is not None and not isinstance(changes, dict):
            raise error("bad_field", lang, name="changes", what="an object", value=changes)
        new = game.second_phase(**(changes or {}))
        self._games[new.id] = new
        if game.room is not None:
            self.store.set_room(game.room, new.id, new.created)
        return self._room_entry(game.room, new, caller, lang)

    def _debrief(self, game, caller, lang):
        self._after_the_game(game, caller, lang)
        return plain(game.debrief(lang))

    def _export(self, game, caller, lang, format="json"):
        self._after_the_game(game, caller, lang)
        if format not in ("json", "csv"):
            raise error("bad_format", lang, value=format)
        # players' names are on the facilitator's screen only: a player sees their own
        players = {
            role: name if caller.instructor or name == caller.name else None
            for role, name in game.players.items()
        }
        if format == "json":
            return plain({**game.record(), "players": players})
        import pandas as pd

        with tempfile.TemporaryDirectory() as folder:
            paths = export.write_csv(game, folder)
            settings = pd.read_csv(paths["game"], dtype=str, keep_default_na=False)
            settings["players"] = json.dumps(players)
            settings.to_csv(paths["game"], index=False)
            return {p.name: Path(p).read_text(encoding="utf-8") for p in paths.values()}

    # --- the facilitator's timer ------------------------------------------------------------

    def tick(self) -> list[str]:
        """Compute every round whose timer has run out; return the games computed."""
        now = datetime.now(UTC)
        done = []
        for game_id, deadline in self.store.timed_games():
            if datetime.fromisoformat(deadline) > now:
                continue

            def work(game: Game) -> bool:
                if not game.due():  # computed, paused or changed since the query
                    return False
                game.compute_round()
                return True

            try:
                if self._with_game(game_id, self.lang, work):
                    done.append(game_id)
            except SamlabValueError as exc:
                log.warning("the timer could not compute game %s: %s", game_id, exc)
        return done


CREATE_FIELDS = (
    "scenario",
    "seed",
    "rounds",
    "weeks_per_round",
    "children",
    "personas",
    "levers",
    "room",
    "lang",
)

GAME_ACTIONS: dict[tuple[str, str], Callable[..., Any]] = {
    ("GET", "status"): GameService._status,
    ("GET", "roles"): GameService._roles,
    ("GET", "fields"): GameService._fields,
    ("GET", "my_role"): GameService._my_role,
    ("GET", "view"): GameService._view,
    ("GET", "policy"): GameService._policy,
    ("GET", "measures"): GameService._measures,
    ("GET", "debrief"): GameService._debrief,
    ("GET", "export"): GameService._export,
    ("POST", "join"): GameService._join,
    ("POST", "decide"): GameService._decide,
    ("POST", "compute"): GameService._compute,
    ("POST", "pause"): GameService._pause,
    ("POST", "resume"): GameService._resume,
    ("POST", "timer"): GameService._timer,
    ("POST", "reassign"): GameService._reassign,
    ("POST", "close"): GameService._close,
    ("POST", "second_phase"): GameService._second_phase,
}


def _only(args: dict[str, Any], allowed, lang: str) -> None:
    unknown = sorted(set(args) - set(allowed))
    if unknown:
        raise error(
            "unknown_fields", lang, names=unknown, known=sorted(allowed) or label("none", lang)
        )


def _number(value: Any, name: str, lang: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise error("bad_field", lang, name=name, what="a whole number", value=value) from None


# --- the tornado application -----------------------------------------------------------------


def make_app(
    service: GameService,
    prefix: str = DEFAULT_PREFIX,
    authenticate: Callable[[Any], dict | None] | None = None,
    hub_auth: Any = None,
    tick: float | None = 1.0,
):
    """The tornado application of the service at ``prefix``.

    ``hub_auth``: a :class:`jupyterhub.services.auth.HubOAuth` (on the hub). For tests
    without a hub, ``authenticate(handler)`` gives the user model (``{"name": ...}``) or
    None instead. ``tick``: seconds between the timer checks (None: no timer checks).
    """
    from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
    from jupyterhub.utils import url_path_join
    from tornado import ioloop, web

    class ApiHandler(HubOAuthenticated, web.RequestHandler):
        def initialize(self, kind: str) -> None:
            self.kind = kind
            if hub_auth is not None:
                self.hub_auth = hub_auth

        def get_current_user(self):
            if authenticate is not None:
                return authenticate(self)
            return super().get_current_user()

        def check_xsrf_cookie(self) -> None:
            """The API is for programs with a hub token (checked in ``_handle``)."""

        def set_default_headers(self) -> None:
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.set_header("Cache-Control", "no-store")

        async def get(self, *path: str) -> None:
            await self._handle("GET", path)

        async def post(self, *path: str) -> None:
            await self._handle("POST", path)

        def _answer(self, status: int, value: Any) -> None:
            self.set_status(status)
            self.finish(json.dumps(value, ensure_ascii=False, allow_nan=False))

        def _body(self, lang: str) -> dict[str, Any]:
            if not self.request.body:
                return {}
            try:
                body = json.loads(self.request.body)
            except ValueError as exc:
                raise error("bad_body", lang, detail=str(exc)) from None
            if not isinstance(body, dict):
                raise error("bad_body", lang, detail=f"got {type(body).__name__}")
            return body

        async def _handle(self, method: str, path: tuple[str, ...]) -> None:
            lang = self.get_query_argument("lang", None)
            try:
                early = check_lang(lang or service.lang)
                args: dict[str, Any] = {
                    k: self.get_query_argument(k) for k in self.request.query_arguments
                }
                args.pop("lang", None)
                if method == "POST":
                    if "Authorization" not in self.request.headers:
                        # a browser's cookie alone may not change a game (no cross-site posts)
                        raise error("login", early)
                    body = self._body(early)
                    lang = body.pop("lang", None) or lang
                    args.update(body)
                model = self.get_current_user()
                if not model or model.get("kind", "user") != "user":
                    raise error("login", early)
                work = functools.partial(self._work, model["name"], method, path, args, lang)
                result = await ioloop.IOLoop.current().run_in_executor(service.pool, work)
                self._answer(201 if method == "POST" and self.kind == "rooms" else 200, result)
            except SamlabValueError as exc:
                self._answer(STATUS.get(getattr(exc, "key", ""), 400), {"error": str(exc)})
            except Exception:  # a fault in the service: logged, and said plainly
                log.exception("%s %s failed", method, self.request.path)
                self._answer(500, {"error": "the game service failed; see its log"})

        def _work(self, name: str, method: str, path, args: dict, lang: str | None):
            caller = service.caller(name)
            if self.kind == "me":
                return service.me(caller, lang)
            if self.kind == "rooms":
                if method == "POST":
                    return service.create(caller, args, lang)
                return service.rooms(caller, lang)
            if self.kind == "room":
                return service.room(caller, path[0], lang)
            if self.kind == "game":
                return service.call(caller, path[0], path[1], method, args, lang)
            raise error("no_path", check_lang(lang or service.lang), path=self.request.path)

    api = url_path_join(prefix, "api")
    app = web.Application(
        [
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
            (url_path_join(api, "me"), ApiHandler, {"kind": "me"}),
            (url_path_join(api, "rooms"), ApiHandler, {"kind": "rooms"}),
            (url_path_join(api, "rooms", "([^/]+)"), ApiHandler, {"kind": "room"}),
            (url_path_join(api, "games", "([^/]+)", "([^/]+)"), ApiHandler, {"kind": "game"}),
            (r".*", ApiHandler, {"kind": "none"}),
        ],
        cookie_secret=secrets.token_bytes(32),
        hub_auth=hub_auth,
    )
    if tick:
        loop_tick = _timer_loop(service)
        app.settings["samlab_timer"] = ioloop.PeriodicCallback(loop_tick, tick * 1000)
    return app


def _timer_loop(service: GameService):
    from tornado import ioloop

    busy = threading.Event()

    async def check() -> None:
        if busy.is_set():
            return
        busy.set()
        try:
            await ioloop.IOLoop.current().run_in_executor(service.pool, service.tick)
        except Exception:
            log.exception("the timer check failed")
        finally:
            busy.clear()

    return check


# --- running it ------------------------------------------------------------------------------


def hub_instructors(group: str, ttl: float = 15.0) -> Callable[[], set[str]]:
    """The members of hub group ``group``, asked of the hub with the service's own token
    (scope ``read:groups!group=<group>``) and kept for ``ttl`` seconds."""
    import os

    import requests

    url = os.environ["JUPYTERHUB_API_URL"].rstrip("/") + f"/groups/{group}"
    headers = {"Authorization": f"token {os.environ['JUPYTERHUB_API_TOKEN']}"}
    cache: dict[str, Any] = {"at": -1e9, "members": set()}
    guard = threading.Lock()

    def members() -> set[str]:
        with guard:
            if time.monotonic() - cache["at"] > ttl:
                response = requests.get(url, headers=headers, timeout=10)
                if response.status_code == 404:
                    log.warning("the hub has no group %s: no facilitators", group)
                    found: set[str] = set()
                else:
                    response.raise_for_status()
                    found = set(response.json().get("users", []))
                cache.update(at=time.monotonic(), members=found)
            return set(cache["members"])

    return members


def serve(
    db: str,
    ip: str,
    port: int,
    prefix: str,
    group: str,
    lang: str = DEFAULT_LANG,
) -> None:
    """Run the service on the hub until it is stopped (the hub starts and stops it)."""
    import asyncio
    import os

    try:
        from jupyterhub.services.auth import HubOAuth
    except ImportError:
        raise SamlabValueError(
            "samlab game serve needs the jupyterhub package (it runs beside a JupyterHub, "
            "which has it): pip install jupyterhub"
        ) from None

    store = open_store(db)
    if not os.environ.get("JUPYTERHUB_API_TOKEN"):
        raise SamlabValueError(
            "samlab game serve runs as a JupyterHub service: the hub starts it and gives it "
            "JUPYTERHUB_API_TOKEN (see deploy/README.md, 'The service game'); it is not set"
        )
    service = GameService(store, hub_instructors(group), group, lang)
    hub_auth = HubOAuth(api_token=os.environ["JUPYTERHUB_API_TOKEN"], cache_max_age=60)
    app = make_app(service, prefix, hub_auth=hub_auth)

    async def main() -> None:
        try:
            app.listen(port, ip)
        except OSError as exc:
            raise SamlabValueError(
                f"cannot listen on {ip}:{port} ({exc.strerror or exc}); is another "
                "program (or another game service) using the port? Choose another with --port"
            ) from None
        app.settings["samlab_timer"].start()
        log.info("the game service listens on %s:%s%s, database %s", ip, port, prefix, store.url)
        await asyncio.Event().wait()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(main())


def open_store(db: str) -> GameStore:
    """The store at ``db``, or a clear error naming what was wrong with the URL."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    example = "e.g. sqlite:///samlab_games.sqlite or postgresql://user:password@host/db"
    try:
        shown = make_url(db).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        raise SamlabValueError(
            f"--db {db!r} is not a database URL; give any SQLAlchemy URL, {example}"
        ) from None
    try:
        return GameStore(db)
    except NoSuchModuleError:
        raise SamlabValueError(
            f"--db {shown}: SQLAlchemy knows no database kind {db.split(':')[0]!r}; {example}"
        ) from None
    except (SQLAlchemyError, ImportError, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SamlabValueError(f"--db {shown}: cannot open the database ({first})") from None


class LocalServer:
    """The service on 127.0.0.1 in a thread of its own, without a hub: each token in
    ``tokens`` stands for a hub name (for the tests and the benchmark)::

        with LocalServer(GameStore(url), {"t1": "kari"}, instructors={"kari"}) as server:
            game = connect("bord1", url=server.url, token="t1")
    """

    def __init__(
        self,
        store: GameStore,
        tokens: dict[str, str],
        instructors: set[str],
        group: str = "formgrade-samlab",
        lang: str = DEFAULT_LANG,
        tick: float | None = 0.2,
        workers: int = 4,
    ):
        self.service = GameService(store, lambda: set(instructors), group, lang, workers)
        self.tokens, self.tick = dict(tokens), tick
        self.url = ""
        self._thread: threading.Thread | None = None

    def _authenticate(self, handler) -> dict | None:
        header = handler.request.headers.get("Authorization", "")
        name = self.tokens.get(header.removeprefix("token ").strip())
        return None if name is None else {"name": name, "kind": "user"}

    def __enter__(self) -> LocalServer:
        import asyncio
        import socket

        from tornado.httpserver import HTTPServer

        ready = threading.Event()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        sock.setblocking(False)
        port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}{DEFAULT_PREFIX}"

        def run() -> None:
            async def main() -> None:
                app = make_app(self.service, authenticate=self._authenticate, tick=self.tick)
                server = HTTPServer(app)
                server.add_sockets([sock])
                if self.tick:
                    app.settings["samlab_timer"].start()
                self._stop = asyncio.Event()
                self._loop = asyncio.get_running_loop()
                ready.set()
                await self._stop.wait()
                if self.tick:
                    app.settings["samlab_timer"].stop()
                server.stop()

            asyncio.run(main())

        self._thread = threading.Thread(target=run, name="samlab-game-server", daemon=True)
        self._thread.start()
        if not ready.wait(30):
            raise RuntimeError("the game service did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(30)
        self.service.pool.shutdown(wait=True)
