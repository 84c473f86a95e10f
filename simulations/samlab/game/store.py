"""The game in a database, so it can be resumed: games, roles, decisions, rounds computed.

Any SQLAlchemy URL works; by default a SQLite file. The store keeps what replaying needs
(the settings and every decision per round) and each round's measures, to check that the
replay comes out the same. Players are stored only by the name their hub login gives;
nothing about children or participants beyond that.

Two decisions for the same role and round: the database holds one row per game, round
and role (a unique constraint), and the later decision replaces the earlier one, also when
two arrive at the same moment. Two computations of the same round: one wins, the other is
told the round is already computed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    create_engine,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

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
    lang: Mapped[str] = mapped_column(String(8), default="en")
    created: Mapped[str] = mapped_column(String(40))
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


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

    def save_decision(
        self,
        game_id: str,
        round_: int,
        role: str,
        payload: dict[str, Any],
        time: str,
        lang: str = "en",
    ) -> None:
        """Store a decision; a decision for the same role and round is replaced."""
        for _attempt in range(3):
            try:
                with self._session() as session, session.begin():
                    if session.scalar(self._round_query(game_id, round_)) is not None:
                        raise error("round_computed", lang, round=round_, next=round_ + 1)
                    row = session.scalar(
                        select(DecisionRow).where(
                            DecisionRow.game_id == game_id,
                            DecisionRow.round == round_,
                            DecisionRow.role == role,
                        )
                    )
                    if row is None:
                        session.add(
                            DecisionRow(
                                game_id=game_id, round=round_, role=role, payload=payload, time=time
                            )
                        )
                    else:
                        row.payload, row.time = payload, time
                return
            except IntegrityError:
                continue  # the same role decided at the same moment: try again, as an update

    @staticmethod
    def _round_query(game_id: str, round_: int):
        return select(RoundRow.id).where(RoundRow.game_id == game_id, RoundRow.round == round_)

    def save_round(
        self, game_id: str, round_: int, measures: dict[str, Any], lang: str = "en"
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

    def game_ids(self) -> list[str]:
        """The ids of the games stored, oldest first."""
        with self._session() as session:
            return list(session.scalars(select(GameRow.id).order_by(GameRow.created)))

    def load_game(self, game_id: str, lang: str = "en") -> dict[str, Any]:
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
