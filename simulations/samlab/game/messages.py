"""What the service game says to its players, in Norwegian bokmål (``nb``) and English."""

from __future__ import annotations

from typing import Any

from ..errors import SamlabValueError
from ..labels import check_lang

TEXT: dict[str, dict[str, str]] = {
    "unknown_role": {
        "nb": "ukjent rolle {role!r}; rollene i spillet er: {known}",
        "en": "unknown role {role!r}; the roles in the game are: {known}",
    },
    "closed": {
        "nb": "spillet {game} er avsluttet; det tar ikke imot flere beslutninger eller runder",
        "en": "game {game} is closed; it takes no more decisions or rounds",
    },
    "round_range": {
        "nb": "runde må være et heltall fra {first} til {last}, fikk {value!r}",
        "en": "round must be a whole number from {first} to {last}, got {value!r}",
    },
    "round_computed": {
        "nb": "runde {round} er allerede regnet ut; neste runde å bestemme for er {next}",
        "en": "round {round} has already been computed; the next round to decide is {next}",
    },
    "all_computed": {
        "nb": "alle {rounds} rundene er regnet ut; spillet er ferdig",
        "en": "all {rounds} rounds have been computed; the game is over",
    },
    "decision_type": {
        "nb": "en beslutning må være en tabell felt -> verdi, fikk {value!r}",
        "en": "a decision must be a mapping field -> value, got {value!r}",
    },
    "shares_together": {
        "nb": "andelene direkte hjelp, utredning og samordning settes sammen: oppgi alle tre",
        "en": "the shares direct help, assessment and coordination go together: give all three",
    },
    "leader_lever": {
        "nb": "nettverkslederen bestemmer over {known}; ikke {name!r}",
        "en": "the network leader decides {known}; not {name!r}",
    },
    "lever_float": {
        "nb": "virkemiddelet {name!r} må være et tall fra {minimum:g} til {maximum:g}, "
        "fikk {value!r}",
        "en": "lever {name!r} must be a number from {minimum:g} to {maximum:g}, got {value!r}",
    },
    "lever_choice": {
        "nb": "virkemiddelet {name!r} må være en av {choices}, fikk {value!r}",
        "en": "lever {name!r} must be one of {choices}, got {value!r}",
    },
    "lever_bool": {
        "nb": "virkemiddelet {name!r} må være sann eller usann, fikk {value!r}",
        "en": "lever {name!r} must be true or false, got {value!r}",
    },
    "player": {
        "nb": "spillernavnet må være tekst på høyst {maximum} tegn (brukernavnet fra huben), "
        "fikk {value!r}",
        "en": "the player name must be text of at most {maximum} characters (the hub login), "
        "got {value!r}",
    },
    "role_taken": {
        "nb": "rollen {role!r} er allerede tatt av {player!r}",
        "en": "the role {role!r} is already taken by {player!r}",
    },
    "setting": {
        "nb": "{name} må være et heltall fra {minimum} til {maximum}, fikk {value!r}",
        "en": "{name} must be a whole number from {minimum} to {maximum}, got {value!r}",
    },
    "child_list": {
        "nb": "{name} må være en liste med barnenummer (heltall), fikk {value!r}",
        "en": "{name} must be a list of child numbers (whole numbers), got {value!r}",
    },
    "not_waiting": {
        "nb": "barn {child} står ikke på ventelisten til {service} nå",
        "en": "child {child} is not on the waiting list of {service} now",
    },
    "no_game": {
        "nb": "fant ikke noe spill med id {game!r} i databasen",
        "en": "no game with id {game!r} in the database",
    },
    "replay_differs": {
        "nb": "runde {round} ble ikke den samme da spillet ble bygd opp igjen fra databasen",
        "en": "round {round} did not come out the same when the game was rebuilt from the database",
    },
    "not_yet": {
        "nb": "ingen runder er regnet ut ennå",
        "en": "no rounds have been computed yet",
    },
    "bad_export": {
        "nb": "eksporten mangler {what}",
        "en": "the export lacks {what}",
    },
}


def message(key: str, lang: str, **fields: Any) -> str:
    """A message in ``lang`` with ``{fields}`` filled in."""
    return TEXT[key][check_lang(lang)].format(**fields)


def error(key: str, lang: str, **fields: Any) -> SamlabValueError:
    """A :class:`SamlabValueError` with the message in ``lang``."""
    return SamlabValueError(message(key, lang, **fields))
