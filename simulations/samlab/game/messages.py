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
    "paused": {
        "nb": "spillet {game} står på pause; kursleder må starte det igjen før det tar imot "
        "beslutninger eller runder",
        "en": "game {game} is paused; the facilitator must resume it before it takes decisions "
        "or rounds",
    },
    "timer": {
        "nb": "tidtakeren må være et antall sekunder fra {minimum} til {maximum} (eller ingen), "
        "fikk {value!r}",
        "en": "the timer must be a number of seconds from {minimum} to {maximum} (or none), "
        "got {value!r}",
    },
    "decision_conflict": {
        "nb": "en annen beslutning for rollen {role!r} i runde {round} kom først; din ble ikke "
        "lagret. Se på den og bestem på nytt",
        "en": "another decision for the role {role!r} in round {round} came first; yours was "
        "not saved. Look at it and decide again",
    },
    # --- the game service on the hub ---------------------------------------------------
    "login": {
        "nb": "logg inn på huben for å spille (spilltjenesten godtar bare brukere på huben "
        "som kullet har gitt tilgang til den)",
        "en": "log in to the hub to play (the game service takes only hub users the cohort "
        "gives access to it)",
    },
    "instructor_only": {
        "nb": "bare kursledere (gruppen {group} på huben) kan {action}",
        "en": "only facilitators (the hub group {group}) may {action}",
    },
    "not_your_role": {
        "nb": "du ({player}) har ikke rollen {role!r} i rom {room}; din rolle er {mine}",
        "en": "you ({player}) do not hold the role {role!r} in room {room}; your role is {mine}",
    },
    "one_role": {
        "nb": "du ({player}) har allerede rollen {mine!r} i rom {room}; én rolle per spiller",
        "en": "you ({player}) already hold the role {mine!r} in room {room}; one role per player",
    },
    "no_room": {
        "nb": "fant ikke noe rom {room!r}; rommene nå er: {known}",
        "en": "no room {room!r}; the rooms now are: {known}",
    },
    "no_room_ask": {
        "nb": "fant ikke noe rom {room!r}; spør kursleder om navnet på rommet",
        "en": "no room {room!r}; ask the facilitator for the room's name",
    },
    "room_name": {
        "nb": "et romnavn er 1 til 40 tegn: bokstaver a-z, sifre, - og _, fikk {value!r}",
        "en": "a room name is 1 to 40 characters: letters a-z, digits, - and _, got {value!r}",
    },
    "room_exists": {
        "nb": "rommet {room!r} finnes allerede; velg et annet navn",
        "en": "the room {room!r} exists already; choose another name",
    },
    "not_in_game": {
        "nb": "spillet {game!r} hører ikke til rom {room!r}",
        "en": "the game {game!r} does not belong to room {room!r}",
    },
    "not_over": {
        "nb": "oppsummeringen og eksporten åpnes for spillerne når spillet er ferdig",
        "en": "the debrief and the export open to the players when the game is over",
    },
    "bad_body": {
        "nb": "forespørselen må være et JSON-objekt; {detail}",
        "en": "the request must be a JSON object; {detail}",
    },
    "bad_field": {
        "nb": "{name} må være {what}, fikk {value!r}",
        "en": "{name} must be {what}, got {value!r}",
    },
    "unknown_fields": {
        "nb": "ukjente felt {names}; tillatt her: {known}",
        "en": "unknown fields {names}; allowed here: {known}",
    },
    "bad_format": {
        "nb": "eksportformatet må være json eller csv, fikk {value!r}",
        "en": "the export format must be json or csv, got {value!r}",
    },
    "no_path": {
        "nb": "spilltjenesten har ingen adresse {path!r}",
        "en": "the game service has no address {path!r}",
    },
}


def message(key: str, lang: str, **fields: Any) -> str:
    """A message in ``lang`` with ``{fields}`` filled in."""
    return TEXT[key][check_lang(lang)].format(**fields)


def error(key: str, lang: str, **fields: Any) -> SamlabValueError:
    """A :class:`SamlabValueError` with the message in ``lang``; its ``key`` names the
    message (the game service answers with an HTTP status that fits it)."""
    exc = SamlabValueError(message(key, lang, **fields))
    exc.key = key  # type: ignore[attr-defined]
    return exc
