"""Every decision and every round's measures, to CSV and JSON, and back.

The JSON file is the game's record (``Game.record()``); the CSV export is three tables in a
folder: ``game.csv`` (the settings and players, one row), ``decisions.csv`` (one row per
round and role, the decision as JSON) and ``measures.csv`` (one row per round). Either can
be read back and the game rebuilt by replaying it from the seed
(``Game.from_record(read_json(path))``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..translation import DEFAULT_LANG
from .messages import error

if TYPE_CHECKING:
    from .engine import Game

DECISION_COLUMNS = ["game", "round", "role", "player", "time", "decision"]
SETTINGS = (
    "id",
    "scenario",
    "seed",
    "rounds",
    "weeks_per_round",
    "children",
    "personas",
    "levers",
    "phase",
    "parent",
    "lang",
    "created",
    "closed",
    "players",
)


def to_json(game: Game) -> str:
    """The game's record as JSON text."""
    return json.dumps(game.record(), indent=1, ensure_ascii=False)


def write_json(game: Game, path: str | Path) -> Path:
    """Write the game's record to ``path`` (JSON, UTF-8)."""
    path = Path(path)
    path.write_text(to_json(game) + "\n", encoding="utf-8")
    return path


def read_json(path: str | Path) -> dict[str, Any]:
    """Read a record written by :func:`write_json`."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def decisions_table(game: Game) -> pd.DataFrame:
    """One row per decision: round, role, player (hub login), time, the decision as JSON."""
    rows = []
    for number in sorted(game.decisions):
        for role, payload in game.decisions[number].items():
            rows.append(
                (
                    game.id,
                    number,
                    role,
                    game.players.get(role),
                    game.decision_times.get((number, role), ""),
                    json.dumps(payload, sort_keys=True),
                )
            )
    return pd.DataFrame(rows, columns=DECISION_COLUMNS)


def measures_table(game: Game) -> pd.DataFrame:
    """One row per round computed: the municipality's measures after it."""
    table = game.measures()
    table.insert(0, "game", game.id)
    return table


def write_csv(game: Game, folder: str | Path) -> dict[str, Path]:
    """Write ``game.csv``, ``decisions.csv`` and ``measures.csv`` into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    record = game.record()
    settings = {
        name: json.dumps(record[name]) if name in ("levers", "players") else record[name]
        for name in SETTINGS
    }
    paths = {
        "game": folder / "game.csv",
        "decisions": folder / "decisions.csv",
        "measures": folder / "measures.csv",
    }
    pd.DataFrame([settings]).to_csv(paths["game"], index=False)
    decisions_table(game).to_csv(paths["decisions"], index=False)
    measures_table(game).to_csv(paths["measures"], index=False)
    return paths


def read_csv(folder: str | Path, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Read a folder written by :func:`write_csv` back into a game record."""
    folder = Path(folder)
    for name in ("game.csv", "decisions.csv", "measures.csv"):
        if not (folder / name).is_file():
            raise error("bad_export", lang, what=str(folder / name))
    settings = pd.read_csv(folder / "game.csv", dtype=str, keep_default_na=False)
    row = settings.iloc[0].to_dict()
    record: dict[str, Any] = {
        "id": row["id"],
        "scenario": row["scenario"],
        "seed": int(row["seed"]),
        "rounds": int(row["rounds"]),
        "weeks_per_round": int(row["weeks_per_round"]),
        "children": int(row["children"]),
        "personas": row["personas"] == "True",
        "levers": json.loads(row["levers"]),
        "phase": int(row["phase"]),
        "parent": row["parent"] or None,
        "lang": row["lang"],
        "created": row["created"],
        "closed": row["closed"] == "True",
        "players": json.loads(row["players"]),
    }
    decisions = pd.read_csv(folder / "decisions.csv", dtype=str, keep_default_na=False)
    record["decisions"] = {}
    for item in decisions.itertuples(index=False):
        record["decisions"].setdefault(item.round, {})[item.role] = {
            "payload": json.loads(item.decision),
            "time": item.time,
        }
    measures = pd.read_csv(folder / "measures.csv", dtype=str, keep_default_na=False)
    record["computed"] = {
        row["round"]: {k: _number(v) for k, v in row.items() if k != "game"}
        for row in measures.to_dict(orient="records")
    }
    return record


def _number(text: str) -> int | float:
    """A number as CSV wrote it (Python reads floats back exactly as they were)."""
    try:
        return int(text)
    except ValueError:
        return float(text)
