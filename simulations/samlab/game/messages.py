"""What the service game says to its players, in Norwegian bokmål (``nb``) and English."""

from __future__ import annotations

from typing import Any

from ..errors import SamlabValueError
from ..translation import TextTable

#: What the game says when something is wrong, in bokmål and English.
TEXT = TextTable(
    "samlab.game.messages.TEXT",
    {
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
        "scenario": {
            "nb": "ukjent scenario {value!r}; kjente scenarioer: {known}",
            "en": "unknown scenario {value!r}; known scenarios: {known}",
        },
        "lever": {
            "nb": "ukjent virkemiddel {value}; kjente virkemidler: {known}",
            "en": "unknown lever {value}; known levers: {known}",
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
            "en": "round {round} did not come out the same when the game was rebuilt from the "
            "database",
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
            "nb": "tidtakeren må være et antall sekunder fra {minimum} til {maximum} (eller "
            "ingen), "
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
            "en": "you ({player}) do not hold the role {role!r} in room {room}; your role is "
            "{mine}",
        },
        "one_role": {
            "nb": "du ({player}) har allerede rollen {mine!r} i rom {room}; én rolle per spiller",
            "en": "you ({player}) already hold the role {mine!r} in room {room}; one role per "
            "player",
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
        # --- the client in a participant's or facilitator's notebook ----------------------
        "unreachable": {
            "nb": "får ikke kontakt med spilltjenesten på {url} ({detail}); kjører huben den?",
            "en": "cannot reach the game service at {url} ({detail}); does the hub run it?",
        },
        "no_url": {
            "nb": "vet ikke hvor spilltjenesten er: gi url=..., eller sett SAMLAB_GAME_URL "
            "(hub-oppsettene i deploy/ gjør det)",
            "en": "do not know where the game service is: give url=..., or set SAMLAB_GAME_URL "
            "(the hub configs in deploy/ do)",
        },
        "no_token": {
            "nb": "ingen hub-nøkkel: gi token=..., eller kjør i en server på huben "
            "(JUPYTERHUB_API_TOKEN)",
            "en": "no hub token: give token=..., or run in a server on the hub "
            "(JUPYTERHUB_API_TOKEN)",
        },
    },
)


def message(key: str, lang: str, **fields: Any) -> str:
    """A message in ``lang`` with ``{fields}`` filled in."""
    return TEXT.text(key, lang, **fields)


def error(key: str, lang: str, **fields: Any) -> SamlabValueError:
    """A :class:`SamlabValueError` with the message in ``lang``; its ``key`` names the
    message (the game service answers with an HTTP status that fits it)."""
    exc = SamlabValueError(message(key, lang, **fields))
    exc.key = key  # type: ignore[attr-defined]
    return exc


#: What the game's screens say (the participant's form, the facilitator's screen, the
#: one-screen mode), in bokmål and English.
LABELS = TextTable(
    "samlab.game.messages.LABELS",
    {
        "you_lead": {"nb": "Du leder: {role}", "en": "You lead: {role}"},
        "round_of": {
            "nb": "Runde {round} av {rounds} regnet ut",
            "en": "Round {round} of {rounds} computed",
        },
        "deciding_for": {
            "nb": "Du bestemmer for runde {round}",
            "en": "You are deciding for round {round}",
        },
        "game_over": {"nb": "Spillet er ferdig.", "en": "The game is over."},
        "next_phase": {
            "nb": "Rommet har startet et nytt spill (fase {phase}) på samme frø: du har samme "
            "rolle.",
            "en": "The room has started a new game (phase {phase}) on the same seed: same role.",
        },
        "submit": {"nb": "Send inn", "en": "Submit"},
        "refresh": {"nb": "Oppdater", "en": "Refresh"},
        "submitted": {
            "nb": "Beslutningen for runde {round} er sendt inn. Du kan endre den til runden "
            "regnes ut.",
            "en": "Your decision for round {round} is submitted. You can change it until the "
            "round is computed.",
        },
        "not_submitted": {
            "nb": "Ikke sendt inn ennå: uten beslutning gjelder den forrige.",
            "en": "Not submitted yet: without a decision, the last one stays in force.",
        },
        "new_round": {
            "nb": "Runde {round} er regnet ut. Se hva tjenesten din ser nå.",
            "en": "Round {round} has been computed. See what your service sees now.",
        },
        "problem": {"nb": "Noe gikk galt: {message}", "en": "Something went wrong: {message}"},
        "no_role": {
            "nb": "Du har ingen rolle i dette spillet ennå. Velg en ledig rolle, eller spør "
            "kurslederen.",
            "en": "You have no role in this game yet. Choose a free role, or ask the facilitator.",
        },
        "take_role": {"nb": "Påta deg rollen", "en": "Take the role"},
        "role": {"nb": "Rolle", "en": "Role"},
        "shares_sum": {
            "nb": "Andelene er til sammen {total}; de må bli 1.",
            "en": "The shares add up to {total}; they must make 1.",
        },
        "meetings_with": {
            "nb": "Møter (timer per uke) med",
            "en": "Meetings (hours per week) with",
        },
        "waiting_none": {"nb": "Ingen på ventelisten.", "en": "Nobody on the waiting list."},
        "your_view": {"nb": "Det tjenesten din ser", "en": "What your service sees"},
        "your_decision": {"nb": "Beslutningen din", "en": "Your decision"},
        "waiting_list": {"nb": "Venteliste", "en": "Waiting list"},
        "caseload": {"nb": "Saker (caseload)", "en": "Caseload"},
        "referrals": {"nb": "Henvisninger", "en": "Referrals"},
        "this_round": {"nb": "denne runden", "en": "this round"},
        "in_total": {"nb": "i alt", "en": "in total"},
        "hours_used": {"nb": "Timer brukt denne runden", "en": "Hours used this round"},
        "capacity": {
            "nb": "Kapasitet: {hours} timer per uke",
            "en": "Capacity: {hours} hours per week",
        },
        "children_known": {
            "nb": "Barn tjenesten kjenner til",
            "en": "Children the service knows of",
        },
        "child": {"nb": "Barn nr.", "en": "Child no."},
        "age": {"nb": "Alder", "en": "Age"},
        "need": {"nb": "Behov", "en": "Need"},
        "referred_by": {"nb": "Henvist av", "en": "Referred by"},
        "weeks_waiting": {"nb": "Uker på vent", "en": "Weeks waiting"},
        "since_week": {"nb": "Siden uke", "en": "Since week"},
        "paused": {"nb": "på pause", "en": "paused"},
        "status": {"nb": "Status", "en": "Status"},
        "status_case": {"nb": "i saken hos oss", "en": "a case here"},
        "status_waiting": {"nb": "på ventelisten", "en": "waiting"},
        "status_left": {"nb": "ute av tjenestene", "en": "left the services"},
        "status_not_here": {"nb": "ikke hos oss nå", "en": "not here now"},
        "received": {"nb": "mottatt", "en": "received"},
        "accepted": {"nb": "tatt imot", "en": "accepted"},
        "returned": {"nb": "sendt tilbake", "en": "sent back"},
        "sent": {"nb": "sendt videre", "en": "sent on"},
        "sent_accepted": {"nb": "sendt og tatt imot", "en": "sent and accepted"},
        "sent_returned": {"nb": "sendt og kom tilbake", "en": "sent and came back"},
        "direct_help_hours": {"nb": "direkte hjelp", "en": "direct help"},
        "assessment_hours": {"nb": "utredning", "en": "assessment"},
        "coordination_hours": {"nb": "samordning", "en": "coordination"},
        "municipality": {"nb": "Kommunens tall", "en": "The municipality's numbers"},
        "service": {"nb": "Tjeneste", "en": "Service"},
        "waiting": {"nb": "På vent", "en": "Waiting"},
        "cases": {"nb": "Saker", "en": "Cases"},
        "levers_in_force": {"nb": "Virkemidler som gjelder", "en": "Levers in force"},
        # the facilitator's screen
        "facilitator_title": {
            "nb": "Tjenestespillet {game} · fase {phase} · {scenario}, frø {seed}",
            "en": "The service game {game} · phase {phase} · {scenario}, seed {seed}",
        },
        "player": {"nb": "Spiller", "en": "Player"},
        "computer": {"nb": "datamaskinen", "en": "the computer"},
        "people": {"nb": "folk", "en": "people"},
        "played_by": {"nb": "Spilt av", "en": "Played by"},
        "has_submitted": {"nb": "Sendt inn", "en": "Submitted"},
        "submitted_count": {
            "nb": "{done} av {humans} roller spilt av folk har sendt inn for runde {round}.",
            "en": "{done} of {humans} roles played by people have submitted for round {round}.",
        },
        "compute": {"nb": "Regn ut runden", "en": "Compute the round"},
        "computed_note": {"nb": "Runde {round} er regnet ut.", "en": "Round {round} computed."},
        "pause": {"nb": "Pause", "en": "Pause"},
        "resume": {"nb": "Fortsett", "en": "Resume"},
        "paused_note": {"nb": "Spillet står på pause.", "en": "The game is paused."},
        "resumed_note": {"nb": "Spillet går videre.", "en": "The game goes on."},
        "timer": {"nb": "Tidsfrist (sek.)", "en": "Timer (s)"},
        "set_timer": {"nb": "Sett tidsfrist", "en": "Set timer"},
        "timer_note": {
            "nb": "Runden regnes ut etter {seconds} sekunder.",
            "en": "The round is computed after {seconds} seconds.",
        },
        "timer_off": {"nb": "Ingen tidsfrist.", "en": "No timer."},
        "seconds_left": {
            "nb": "{seconds} sekunder igjen av runden",
            "en": "{seconds} seconds left in the round",
        },
        "close": {"nb": "Avslutt spillet", "en": "Close the game"},
        "closed_note": {"nb": "Spillet er avsluttet.", "en": "The game is closed."},
        "second_phase": {"nb": "Start fase 2", "en": "Start phase 2"},
        "second_phase_note": {
            "nb": "Fase 2 på samme frø: informasjonsdeling (samtykke) og en koordinator. Spill "
            "{game}.",
            "en": "Phase 2 on the same seed: information sharing (consent) and a coordinator. "
            "Game {game}.",
        },
        "debrief": {"nb": "Vis debrief", "en": "Show the debrief"},
        "measures_per_round": {
            "nb": "Kommunens utfallsmål per runde",
            "en": "The municipality's outcome measures per round",
        },
        "round": {"nb": "Runde", "en": "Round"},
        "waiting_list_now": {"nb": "På venteliste nå", "en": "On a waiting list now"},
        "in_services_now": {"nb": "I tjenestene nå", "en": "In the services now"},
        "with_right_help_now": {"nb": "Med rett hjelp nå", "en": "With the right help now"},
        "lost_now": {"nb": "Falt ut i alt", "en": "Lost in all"},
        "week": {"nb": "Uke", "en": "Week"},
        "no_rounds": {"nb": "Ingen runder er regnet ut ennå.", "en": "No rounds computed yet."},
        "export_csv": {"nb": "Eksporter CSV", "en": "Export CSV"},
        "export_json": {"nb": "Eksporter JSON", "en": "Export JSON"},
        "exported": {"nb": "Skrevet til {path}", "en": "Written to {path}"},
        # the debrief
        "comparison": {
            "nb": "Rommets spill, datamaskinens siloer og det best samordnede scenariet (samme "
            "frø)",
            "en": "The room's game, the computer's silos and the best-coordinated scenario (same "
            "seed)",
        },
        "measure": {"nb": "Utfallsmål", "en": "Measure"},
        "game_column": {"nb": "Rommets spill", "en": "The room's game"},
        "silo_column": {"nb": "Siloer (datamaskinen)", "en": "Silos (the computer)"},
        "lost_title": {
            "nb": "Barn som falt ut: i glippsonen mellom tjenester og ved aldersgrenser",
            "en": "Children lost: in the gap (glippsone) between services and at age limits",
        },
        "between_services": {"nb": "mellom tjenester", "en": "between services"},
        "age_limit": {"nb": "ved en aldersgrense", "en": "at an age limit"},
        "last_service": {"nb": "Sist hos", "en": "Last with"},
        "nobody_lost": {"nb": "Ingen barn falt ut.", "en": "No child was lost."},
        "network_title": {
            "nb": "Hvem henviste til hvem, og hvem sendte tilbake",
            "en": "Who referred to whom, and who sent back",
        },
        "journeys_title": {
            "nb": "Fjordvik-barnas reiser",
            "en": "The journeys of Fjordvik's children",
        },
        "no_personas": {
            "nb": "Spillet ble startet uten Fjordvik-barna (personas=True).",
            "en": "The game was started without Fjordvik's children (personas=True).",
        },
        "replay": {"nb": "Spill av runde", "en": "Replay round"},
        "decisions": {"nb": "Beslutninger", "en": "Decisions"},
        "no_decisions": {
            "nb": "Ingen beslutninger av folk denne runden.",
            "en": "No decisions by people this round.",
        },
        "glippsone": {"nb": "glippsonen", "en": "the gap (glippsone)"},
        # one-screen mode
        "one_screen_title": {
            "nb": "Én skjerm: hver gruppe legger inn tjenestens beslutninger etter tur",
            "en": "One screen: each group enters its service's decisions in turn",
        },
        "whose_turn": {"nb": "Hvem sin tur", "en": "Whose turn"},
        # words the game service and the forms put into sentences
        "none": {"nb": "ingen", "en": "none"},
        "prioritise_referrals": {"nb": "Prioriter", "en": "Prioritise"},
        "prioritise_referrals_help": {
            "nb": "Barn på ventelisten som går først i køen (denne runden).",
            "en": "Children on the waiting list who go to the front (this round).",
        },
        "return_referrals": {"nb": "Send tilbake", "en": "Send back"},
        "return_referrals_help": {
            "nb": "Barn på ventelisten som sendes tilbake (denne runden). Barnevernet sender "
            "ikke en bekymringsmelding tilbake, men henlegger den.",
            "en": "Children on the waiting list who are sent back (this round). Child welfare "
            "does not send a report of concern back; it closes it (henlegger).",
        },
        # what only the facilitators may do, named in the refusal to others
        "may_rooms": {"nb": "se alle rommene", "en": "see every room"},
        "may_create": {"nb": "åpne et spill", "en": "open a game"},
        "may_compute": {"nb": "regne ut en runde", "en": "compute a round"},
        "may_pause": {"nb": "sette et spill på pause", "en": "pause a game"},
        "may_resume": {"nb": "starte et spill igjen", "en": "resume a game"},
        "may_timer": {"nb": "stille tidtakeren", "en": "set the timer"},
        "may_reassign": {"nb": "flytte en rolle", "en": "reassign a role"},
        "may_close": {"nb": "avslutte et spill", "en": "close a game"},
        "may_second_phase": {"nb": "starte andre fase", "en": "start the second phase"},
    },
)


def label(key: str, lang: str, **fields: Any) -> str:
    """A piece of screen text in ``lang`` with ``{fields}`` filled in."""
    return LABELS.text(key, lang, **fields)
