"""The game in a database, so it can be resumed: games, roles, decisions, rounds computed.

Any SQLAlchemy URL works; by default a SQLite file. The store keeps what replaying needs
(the settings and every decision per round) and each round's measures, to check that the
replay comes out the same. Players are stored only by the name their hub login gives;
nothing about children or participants beyond that.

Two decisions for the same role and round: the database holds one row per game, round
and role (a unique constraint), and the later decision replaces the earlier one, also when
two arrive at the same moment. A caller that says which decision it means to replace
(``replaces``: the time of the decision it saw, or None for none) is refused when another
came first, atomically in the database: of two decisions sent at the same moment, one
wins and the other is told. Two computations of the same round: one wins, the other is
told the round is already computed.

Rooms: a room (a table in the gathering, e.g. ``bord1``) names the game its players join;
a second phase moves the room on to the new game.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    create_engine,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from ..translation import DEFAULT_LANG
from .messages import error

DEFAULT_URL = "sqlite:///samlab_games.sqlite"


class Base(DeclarativeBase):
    pass


class GameRow(Base):
    """One game: the settings its rounds are replayed on."""

    __tablename__ = "games"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    scenario: Mapped[str] = mapped_column(String(64))
    seed: Mapped[int] = mapped_column(BigInteger)
    rounds: Mapped[int] = mapped_column(Integer)
    weeks_per_round: Mapped[int] = mapped_column(Integer)
    children: Mapped[int] = mapped_column(Integer)
    personas: Mapped[bool] = mapped_column(Boolean, default=False)
    levers: Mapped[dict] = mapped_column(JSON, default=dict)
    phase: Mapped[int] = mapped_column(Integer, default=1)
    parent: Mapped[str | None] = mapped_column(String(32), nullable=True)
    lang: Mapped[str] = mapped_column(String(8), default=DEFAULT_LANG)
    created: Mapped[str] = mapped_column(String(40))
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    room: Mapped[str | None] = mapped_column(String(64), nullable=True)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    #: seconds each round may take (the facilitator's timer), or None
    timer: Mapped[float | None] = mapped_column(Float, nullable=True)
    #: when the round being decided is computed (UTC, ISO 8601), or None
    deadline: Mapped[str | None] = mapped_column(String(40), nullable=True)
    #: seconds that were left on the timer when the game was paused
    remaining: Mapped[float | None] = mapped_column(Float, nullable=True)


class RoomRow(Base):
    """A room: the name players join, and the game (phase) it holds now."""

    __tablename__ = "rooms"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    game_id: Mapped[str] = mapped_column(ForeignKey("games.id"))
    created: Mapped[str] = mapped_column(String(40))


#: the game's state that changes during play (pause and timer), as stored
STATE = ("paused", "timer", "deadline", "remaining")


class RoleRow(Base):
    """A role people play in a game, with the player's hub login (or none)."""

    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("game_id", "role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    game_id: Mapped[str] = mapped_column(ForeignKey("games.id"))
    role: Mapped[str] = mapped_column(String(32))
    player: Mapped[str | None] = mapped_column(String(100), nullable=True)


class DecisionRow(Base):
    """One role's decision for one round (a JSON mapping of fields to values)."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("game_id", "round", "role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    game_id: Mapped[str] = mapped_column(ForeignKey("games.id"))
    round: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict] = mapped_column(JSON)
    time: Mapped[str] = mapped_column(String(40))


#: ``replaces`` not given: the decision replaces whatever is stored
ANY = object()


class RoundRow(Base):
    """A round computed, with the municipality's measures after it."""

    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("game_id", "round"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    game_id: Mapped[str] = mapped_column(ForeignKey("games.id"))
    round: Mapped[int] = mapped_column(Integer)
    measures: Mapped[dict] = mapped_column(JSON)


class GameStore:
    """Games in a database at ``url`` (any SQLAlchemy URL; default a SQLite file)."""

    def __init__(self, url: str = DEFAULT_URL, **engine_options: Any):
        self.url = url
        self.engine = create_engine(url, **engine_options)
        Base.metadata.create_all(self.engine)

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def create_game(self, settings: dict[str, Any]) -> None:
        """Store a new game's settings."""
        with self._session() as session, session.begin():
            session.add(GameRow(**settings, closed=False))

    def set_player(self, game_id: str, role: str, player: str | None) -> None:
        """Record that people play ``role`` (``player``: their hub login, or None)."""
        with self._session() as session, session.begin():
            row = session.scalar(
                select(RoleRow).where(RoleRow.game_id == game_id, RoleRow.role == role)
            )
            if row is None:
                session.add(RoleRow(game_id=game_id, role=role, player=player))
            else:
                row.player = player

    def remove_player(self, game_id: str, role: str) -> None:
        """The role goes back to the computer (its decisions so far stay in force)."""
        with self._session() as session, session.begin():
            row = session.scalar(
                select(RoleRow).where(RoleRow.game_id == game_id, RoleRow.role == role)
            )
            if row is not None:
                session.delete(row)

    def set_state(self, game_id: str, **state: Any) -> None:
        """Store the pause and timer state (``paused``, ``timer``, ``deadline``,
        ``remaining``)."""
        unknown = set(state) - set(STATE)
        if unknown:
            raise ValueError(f"unknown game state {sorted(unknown)}; known: {STATE}")
        with self._session() as session, session.begin():
            row = session.get(GameRow, game_id)
            for name, value in state.items():
                setattr(row, name, value)

    def save_decision(
        self,
        game_id: str,
        round_: int,
        role: str,
        payload: dict[str, Any],
        time: str,
        lang: str = DEFAULT_LANG,
        replaces: Any = ANY,
    ) -> None:
        """Store a decision; a decision for the same role and round is replaced.

        ``replaces``: the time of the stored decision the caller means to replace (None: it
        saw none). If another decision is stored by then, nothing changes and the caller
        gets a ``SamlabValueError`` saying so.
        """
        where = (
            DecisionRow.game_id == game_id,
            DecisionRow.round == round_,
            DecisionRow.role == role,
        )
        for _attempt in range(3):
            try:
                with self._session() as session, session.begin():
                    if session.scalar(self._round_query(game_id, round_)) is not None:
                        raise error("round_computed", lang, round=round_, next=round_ + 1)
                    row = session.scalar(select(DecisionRow).where(*where))
                    if row is None and replaces in (ANY, None):
                        session.add(
                            DecisionRow(
                                game_id=game_id, round=round_, role=role, payload=payload, time=time
                            )
                        )
                    elif row is None:
                        raise self._conflict(role, round_, lang)
                    elif replaces is ANY:
                        row.payload, row.time = payload, time
                    else:
                        # compare and set in one statement: atomic in every database
                        changed = session.execute(
                            update(DecisionRow)
                            .where(*where, DecisionRow.time == replaces)
                            .values(payload=payload, time=time)
                            .execution_options(synchronize_session=False)
                        ).rowcount
                        if changed != 1:
                            raise self._conflict(role, round_, lang)
                return
            except IntegrityError:
                if replaces is not ANY:  # the same role decided at the same moment: it won
                    raise self._conflict(role, round_, lang) from None
                continue  # the same role decided at the same moment: try again, as an update

    @staticmethod
    def _conflict(role: str, round_: int, lang: str) -> Exception:
        return error("decision_conflict", lang, role=role, round=round_)

    @staticmethod
    def _round_query(game_id: str, round_: int):
        return select(RoundRow.id).where(RoundRow.game_id == game_id, RoundRow.round == round_)

    def save_round(
        self, game_id: str, round_: int, measures: dict[str, Any], lang: str = DEFAULT_LANG
    ) -> None:
        """Store a computed round; refuse if it was already computed."""
        try:
            with self._session() as session, session.begin():
                session.add(RoundRow(game_id=game_id, round=round_, measures=measures))
        except IntegrityError:
            raise error("round_computed", lang, round=round_, next=round_ + 1) from None

    def close_game(self, game_id: str) -> None:
        with self._session() as session, session.begin():
            session.get(GameRow, game_id).closed = True

    def set_room(self, name: str, game_id: str, created: str) -> None:
        """Let room ``name`` hold game ``game_id`` (a new room, or the next phase)."""
        with self._session() as session, session.begin():
            row = session.get(RoomRow, name)
            if row is None:
                session.add(RoomRow(name=name, game_id=game_id, created=created))
            else:
                row.game_id = game_id

    def room(self, name: str) -> str | None:
        """The id of the game room ``name`` holds now, or None if there is no such room."""
        with self._session() as session:
            row = session.get(RoomRow, name)
            return None if row is None else row.game_id

    def rooms(self) -> dict[str, str]:
        """Every room and the game it holds now, oldest room first."""
        with self._session() as session:
            rows = session.scalars(select(RoomRow).order_by(RoomRow.created, RoomRow.name))
            return {row.name: row.game_id for row in rows}

    def timed_games(self) -> list[tuple[str, str]]:
        """(id, deadline) of every open game whose round runs on the facilitator's timer."""
        with self._session() as session:
            rows = session.execute(
                select(GameRow.id, GameRow.deadline).where(
                    GameRow.deadline.is_not(None), GameRow.closed.is_(False)
                )
            )
            return [(row.id, row.deadline) for row in rows]

    def game_ids(self) -> list[str]:
        """The ids of the games stored, oldest first."""
        with self._session() as session:
            return list(session.scalars(select(GameRow.id).order_by(GameRow.created)))

    def load_game(self, game_id: str, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        """A game's record (as ``Game.record()`` gives it), to rebuild it by replaying."""
        with self._session() as session:
            game = session.get(GameRow, game_id)
            if game is None:
                raise error("no_game", lang, game=game_id)
            record = {
                column.name: getattr(game, column.name) for column in GameRow.__table__.columns
            }
            players = session.scalars(select(RoleRow).where(RoleRow.game_id == game_id))
            record["players"] = {row.role: row.player for row in players}
            decisions: dict[str, dict[str, dict]] = {}
            rows = session.scalars(
                select(DecisionRow).where(DecisionRow.game_id == game_id).order_by(DecisionRow.id)
            )
            for row in rows:
                decisions.setdefault(str(row.round), {})[row.role] = {
                    "payload": dict(row.payload),
                    "time": row.time,
                }
            record["decisions"] = decisions
            rounds = session.scalars(
                select(RoundRow).where(RoundRow.game_id == game_id).order_by(RoundRow.round)
            )
            record["computed"] = {str(row.round): dict(row.measures) for row in rounds}
        return record
