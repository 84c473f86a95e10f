"""The service game in a notebook (ipywidgets): a participant's form, the facilitator's screen
for the projector, and a one-screen mode for a room without a hub.

    samlab.game.join("ROOM", lang="nb")           # a participant on the course hub
    samlab.game.join(game, role="bup")            # the same form for a local game
    samlab.game.facilitator(game_or_room)         # who has submitted, measures, debrief
    samlab.game.one_screen(game)                  # each group in turn, then compute

The widgets call the same game API as the tests: a local :class:`~samlab.game.Game`, or a
remote game on the hub (``samlab.game.client``) that answers the same calls. A button never
raises into the notebook: a problem is shown in the widget, in the participant's language,
and what they entered stays in the form.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..errors import SamlabValueError
from ..labels import check_lang, choice_label
from ..translation import DEFAULT_LANG
from ..widgets import png
from . import screens
from .messages import error, label
from .rules import SHARES

#: Seconds between two looks at a game on the hub (a local game is refreshed by its buttons).
POLL_SECONDS = 4.0
WIDE = w.Layout(width="34em")
STYLE = {"description_width": "15em"}


def _is_remote(game: Any) -> bool:
    """A game held elsewhere (the hub's game service), not a local ``Game`` in this kernel."""
    from .engine import Game

    return not isinstance(game, Game)


class _Screen:
    """What every screen shares: it displays itself, reports a problem without raising, and
    can look at a game on the hub again every few seconds."""

    lang: str
    message: w.HTML
    widget: w.Widget
    _poll_task: asyncio.Task | None = None

    def _attempt(self, action, *args) -> bool:
        """Run ``action``; on a problem show it in the widget (nothing is cleared).

        ``action`` may return a note to show when it succeeds (otherwise the message clears).
        """
        try:
            note = action(*args)
        except Exception as exc:  # never leave a broken screen; say what happened
            detail = (
                str(exc) if isinstance(exc, SamlabValueError) else f"{type(exc).__name__}: {exc}"
            )
            self.message.value = screens.message_html(
                "error", label("problem", self.lang, message=detail)
            )
            return False
        self.message.value = screens.message_html("info", note or "")
        return True

    def refresh(self) -> str | None:  # pragma: no cover - every screen has its own
        raise NotImplementedError

    def start_polling(self, seconds: float = POLL_SECONDS) -> bool:
        """Refresh every ``seconds`` while the notebook's event loop runs (in Jupyter).

        Returns False where no event loop runs (a script, a test): refresh by hand there.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = asyncio.get_event_loop_policy().get_event_loop()
            if not loop.is_running():
                return False
        self.stop_polling()

        async def poll():
            while True:
                await asyncio.sleep(seconds)
                self._poll_once()

        self._poll_task = loop.create_task(poll())
        return True

    def _poll_once(self) -> None:
        before = self.message.value
        if self._attempt(self.refresh) and "samlab-game-error" in before:
            self.message.value = before  # a poll does not wipe a problem the person must see

    def stop_polling(self) -> None:
        if self._poll_task is not None:
            self._poll_task.cancel()
            self._poll_task = None

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


# --- the form ----------------------------------------------------------------------------


class DecisionForm:
    """The form for one role's decision, built from ``fields(role)`` and what is in force.

    :meth:`decision` gives what the person changed from what is in force (the three shares
    together when one of them moved), and the children chosen on the waiting list.
    """

    def __init__(
        self,
        fields: list[dict[str, Any]],
        in_force: dict[str, Any],
        waiting: list[dict[str, Any]],
        lang: str,
    ):
        self.lang = lang
        self.fields = {f["name"]: f for f in fields}
        self.in_force = dict(in_force)
        self.controls: dict[str, w.Widget] = {}
        self.meetings: dict[str, w.FloatSlider] = {}
        rows: list[w.Widget] = []
        for field in fields:
            name, kind = field["name"], field["kind"]
            value = in_force.get(name, field.get("default"))
            common = {"description": field["label"], "style": STYLE, "layout": WIDE}
            if kind == "share":
                control = w.FloatSlider(
                    value=value,
                    min=0.0,
                    max=1.0,
                    step=0.01,
                    readout_format=".2f",
                    continuous_update=False,
                    **common,
                )
            elif kind == "float":
                control = w.FloatSlider(
                    value=value,
                    min=field["minimum"],
                    max=field["maximum"],
                    step=field.get("step") or 0.05,
                    readout_format=".2f",
                    continuous_update=False,
                    **common,
                )
            elif kind == "bool":
                control = w.Checkbox(value=bool(value), indent=True, **common)
            elif kind == "choice":
                control = w.Dropdown(
                    options=[(choice_label(c, lang), c) for c in field["choices"]],
                    value=value,
                    **common,
                )
            elif kind == "meetings":
                control = self._meetings_box(field, value or {})
            elif kind == "children":
                control = w.SelectMultiple(
                    options=[(_child_option(row, lang), row["child"]) for row in waiting],
                    value=(),
                    rows=min(6, max(2, len(waiting))),
                    **common,
                )
            else:  # a kind this form does not know: leave it to the computer
                continue
            if kind != "meetings":  # a box has no tooltip of its own
                control.tooltip = field.get("help", "")
            self.controls[name] = control
            rows.append(control)
        self.shares_note = w.HTML()
        for name in SHARES:
            if name in self.controls:
                self.controls[name].observe(lambda _: self._show_sum(), names="value")
        self.widget = w.VBox([*rows, self.shares_note])

    def _meetings_box(self, field: dict[str, Any], meetings: dict[str, float]) -> w.Widget:
        from ..labels import service_label

        for other in field["services"]:
            self.meetings[other] = w.FloatSlider(
                value=float(meetings.get(other, 0.0)),
                min=0.0,
                max=field["maximum"],
                step=0.5,
                description=service_label(other, self.lang, short=True),
                readout_format=".1f",
                continuous_update=False,
                style=STYLE,
                layout=WIDE,
            )
        head = w.HTML(f"<b>{screens.escape(label('meetings_with', self.lang))}</b>")
        return w.VBox([head, *self.meetings.values()])

    def _show_sum(self) -> None:
        total = sum(self.controls[name].value for name in SHARES if name in self.controls)
        if abs(total - 1.0) > 1e-6:
            note = label("shares_sum", self.lang, total=f"{total:.2f}")
            self.shares_note.value = screens.message_html("error", note)
        else:
            self.shares_note.value = ""

    def values(self) -> dict[str, Any]:
        """Everything the form holds now."""
        out: dict[str, Any] = {}
        for name, control in self.controls.items():
            kind = self.fields[name]["kind"]
            if kind == "meetings":
                out[name] = {k: s.value for k, s in self.meetings.items()}
            elif kind == "children":
                out[name] = list(control.value)
            else:
                out[name] = control.value
        return out

    def decision(self) -> dict[str, Any]:
        """What the person changed from what is in force, as ``decide`` takes it."""
        values = self.values()
        out: dict[str, Any] = {}
        if any(n in values and values[n] != self.in_force.get(n) for n in SHARES):
            out.update({n: values[n] for n in SHARES if n in values})
        for name, value in values.items():
            kind = self.fields[name]["kind"]
            if name in SHARES:
                continue
            if kind == "meetings":
                hours = {k: v for k, v in value.items() if v > 0}
                if hours != {k: v for k, v in (self.in_force.get(name) or {}).items() if v > 0}:
                    out[name] = hours
            elif kind == "children":
                if value:
                    out[name] = value
            elif value != self.in_force.get(name):
                out[name] = value
        return out


def _child_option(row: dict[str, Any], lang: str) -> str:
    age = screens._num(row["age"], lang)
    return f"{label('child', lang)} {row['child']} · {age} · {row['need_label']}"


# --- the participant ---------------------------------------------------------------------


class Participant(_Screen):
    """One role's screen: only its own service's view, its form, Submit, and what happened.

    Args:
        game: a local ``Game`` or a remote game following the same contract.
        role: the role to play; ``None`` on the hub: the role this hub user holds (or a
            choice of the free roles).
        lang: the participant's language (``nb``/``en``); by default the game's.
        take: take the role for the player (``Game.join``) when the screen opens.
        reconnect: gives the room's game now (``join("ROOM")`` passes one): when the game
            is over and the room has moved on to a new game (phase 2), the screen follows.
    """

    def __init__(
        self,
        game: Any,
        role: str | None = None,
        lang: str | None = None,
        *,
        player: str | None = None,
        take: bool = True,
        reconnect: Callable[[], Any] | None = None,
    ):
        self.game = game
        #: the room's game now (on the hub: after phase 1 the room moves on to phase 2)
        self.reconnect = reconnect
        self.role_labels: dict[str, str] = {}
        self.lang = check_lang(lang or getattr(game, "lang", None) or DEFAULT_LANG)
        #: called after a decision is submitted (the one-screen mode refreshes the status)
        self.listeners: list = []
        self.role: str | None = None
        self.form: DecisionForm | None = None
        self.round_seen: int | None = None
        self.last_view: dict[str, Any] = {}
        self.title = w.HTML()
        self.message = w.HTML(screens.message_html("info", ""))
        self.state = w.HTML()
        self.view_html = w.HTML()
        self.form_box = w.VBox()
        self.submit_button = w.Button(
            description=label("submit", self.lang), button_style="primary"
        )
        self.refresh_button = w.Button(description=label("refresh", self.lang))
        self.submit_button.on_click(lambda _: self.submit())
        self.refresh_button.on_click(lambda _: self._attempt(self.refresh))
        self.role_choice = w.Dropdown(description=label("role", self.lang))
        self.take_button = w.Button(description=label("take_role", self.lang))
        self.take_button.on_click(lambda _: self._attempt(self._take, self.role_choice.value))
        self.chooser = w.VBox(
            [
                w.HTML(screens.escape(label("no_role", self.lang))),
                w.HBox([self.role_choice, self.take_button]),
            ],
            layout=w.Layout(display="none"),
        )
        self.view_panel = w.VBox(
            [
                w.HTML(f"<h4>{screens.escape(label('your_decision', self.lang))}</h4>"),
                self.form_box,
                w.HBox([self.submit_button, self.refresh_button]),
                self.state,
            ]
        )
        self.view_panel.layout.width = "36em"
        self.view_html.layout = w.Layout(margin="0 0 0 1.5em", flex="1 1 30em")
        self.widget = w.VBox(
            [
                self.title,
                self.message,
                self.chooser,
                # the view goes below the form where the notebook is narrow
                w.HBox([self.view_panel, self.view_html], layout=w.Layout(flex_flow="row wrap")),
            ]
        )
        if role is None and callable(getattr(game, "my_role", None)):
            role = game.my_role()
        if role is None:
            self._attempt(self._offer_roles)
        elif take:
            self._attempt(self._take, role, player)
        else:
            self._attempt(self._open, role)

    # --- the role --------------------------------------------------------------------------

    def _offer_roles(self) -> None:
        free = [(r["label"], r["role"]) for r in self.game.roles(self.lang) if not r["human"]]
        self.role_choice.options = free
        self.chooser.layout.display = None
        self.view_panel.layout.display = "none"

    def _take(self, role: str, player: str | None = None) -> None:
        holds = self.game.my_role() if callable(getattr(self.game, "my_role", None)) else None
        if holds != role:
            self.game.join(role, player, lang=self.lang)
        self._open(role)

    def _open(self, role: str) -> None:
        self.role = role
        self.role_labels = {r["role"]: r["label"] for r in self.game.roles(self.lang)}
        self.chooser.layout.display = "none"
        self.view_panel.layout.display = None
        self.round_seen = None
        self.refresh()

    # --- what the participant does ---------------------------------------------------------

    def refresh(self) -> str | None:
        """Look at the game again; when a round has been computed, show the new view and a
        fresh form (what is in force now). Otherwise the form keeps what was entered."""
        if self.role is None:
            return None
        view = self.game.view(self.role, lang=self.lang)
        if view["next_round"] is None and self.reconnect is not None:
            game = self.reconnect()
            if game.id != self.game.id:  # the room has moved on to a new game
                self.game = game
                self._open(game.my_role() or self.role)
                return label("next_phase", self.lang, phase=getattr(game, "phase", 2))
        self.last_view = view
        fresh = view["round"] != self.round_seen
        if fresh:
            self.view_html.value = screens.view_html(view, self.lang)
            self._build_form(view)
        self._show_state(view)
        note = None
        if fresh and self.round_seen is not None:
            note = label("new_round", self.lang, round=view["round"])
        self.round_seen = view["round"]
        return note

    def _build_form(self, view: dict[str, Any]) -> None:
        fields = self.game.fields(self.role, lang=self.lang)
        self.form = DecisionForm(fields, view["in_force"], view.get("waiting", []), self.lang)
        self.form_box.children = [self.form.widget]

    def _show_state(self, view: dict[str, Any]) -> None:
        head = label("you_lead", self.lang, role=self.role_labels.get(self.role, self.role))
        done = label("round_of", self.lang, round=view["round"], rounds=view["rounds"])
        self.title.value = f"<h3>{screens.escape(head)}</h3><p>{screens.escape(done)}</p>"
        over = view["next_round"] is None
        self.submit_button.disabled = over
        if over:
            state = label("game_over", self.lang)
        elif view["decided_for_next_round"]:
            state = label("submitted", self.lang, round=view["next_round"])
        else:
            state = label("deciding_for", self.lang, round=view["next_round"])
            state += ". " + label("not_submitted", self.lang)
        self.state.value = f"<p>{screens.escape(state)}</p>"

    def decision(self) -> dict[str, Any]:
        """What Submit would send now."""
        return self.form.decision() if self.form is not None else {}

    def submit(self) -> bool:
        """Send the form's decision for the round being decided. On a problem the message
        shows in the widget and the form keeps every value entered."""
        return self._attempt(self._submit)

    def _submit(self) -> str:
        stored = self.game.decide(self.role, self.decision(), lang=self.lang)
        self.last_decision = stored
        view = dict(self.last_view, decided_for_next_round=True)
        self._show_state(view)
        for listener in self.listeners:
            listener()
        return label("submitted", self.lang, round=view["next_round"])


# --- the facilitator ---------------------------------------------------------------------


class Facilitator(_Screen):
    """The facilitator's screen for the projector: who has submitted, the municipality's
    measures per round (table and chart), the round's buttons, and the debrief.

    Pause, resume and the timer are shown only for a game on the hub.
    """

    def __init__(self, game: Any, lang: str | None = None, *, export_folder: str | Path = "."):
        self.game = game
        self.previous: list[Any] = []
        self.lang = check_lang(lang or getattr(game, "lang", None) or DEFAULT_LANG)
        self.remote = _is_remote(game)
        self.listeners: list = []
        self.debrief_data: dict[str, Any] | None = None
        self._drawn: tuple | None = None
        lang_ = self.lang
        self.title = w.HTML()
        self.message = w.HTML(screens.message_html("info", ""))
        self.status_html = w.HTML()
        self.measures_html = w.HTML()
        self.chart = w.Image(format="png", layout=w.Layout(display="none"))

        def button(key: str, action, style: str = "") -> w.Button:
            b = w.Button(
                description=label(key, lang_), button_style=style, layout=w.Layout(width="auto")
            )
            b.on_click(lambda _: self._attempt(action))
            return b

        self.compute_button = button("compute", self.compute, "primary")
        self.close_button = button("close", self.close, "danger")
        self.phase_button = button("second_phase", self.second_phase)
        self.debrief_button = button("debrief", self.show_debrief, "info")
        self.refresh_button = button("refresh", self.refresh)
        self.pause_button = button("pause", self.pause)
        self.resume_button = button("resume", self.resume)
        self.timer = w.BoundedIntText(
            value=300, min=0, max=3600, step=30, description=label("timer", lang_)
        )
        self.timer_button = button("set_timer", self.set_timer)
        self.remote_row = w.HBox(
            [self.pause_button, self.resume_button, self.timer, self.timer_button],
            layout=w.Layout(display=None if self.remote else "none"),
        )
        self.folder = w.Text(value=str(export_folder), layout=w.Layout(width="20em"))
        self.csv_button = button("export_csv", self.export_csv)
        self.json_button = button("export_json", self.export_json)
        # the debrief, hidden until asked for
        self.comparison_html = w.HTML()
        self.lost_html = w.HTML()
        self.network = w.Image(
            format="png", layout=w.Layout(width="560px", height="auto", object_fit="contain")
        )
        self.journeys_html = w.HTML()
        self.replay = w.IntSlider(
            value=1, min=1, max=1, description=label("replay", lang_), continuous_update=False
        )
        self.replay_html = w.HTML()
        self.replay.observe(lambda change: self.show_round(change["new"]), names="value")
        self.debrief_box = w.VBox(
            [
                w.HBox(
                    [w.VBox([self.comparison_html, self.lost_html]), self.network],
                    layout=w.Layout(align_items="flex-start", flex_flow="row wrap"),
                ),
                self.journeys_html,
                self.replay,
                self.replay_html,
            ],
            layout=w.Layout(display="none"),
        )
        self.widget = w.VBox(
            [
                self.title,
                self.message,
                w.HBox(
                    [
                        self.compute_button,
                        self.refresh_button,
                        self.debrief_button,
                        self.phase_button,
                        self.close_button,
                    ]
                ),
                self.remote_row,
                w.HBox([self.status_html, self.chart]),
                self.measures_html,
                w.HBox([self.folder, self.csv_button, self.json_button]),
                self.debrief_box,
            ]
        )
        self._attempt(self.refresh)

    # --- the live screen -------------------------------------------------------------------

    def refresh(self) -> str | None:
        """Look at the game again: who has submitted, and the measures per round."""
        status = self.game.status(lang=self.lang)
        self.status = status
        title = label(
            "facilitator_title",
            self.lang,
            game=status["game"],
            phase=status["phase"],
            scenario=status["scenario"],
            seed=status["seed"],
        )
        done = label("round_of", self.lang, round=status["computed"], rounds=status["rounds"])
        extra = ""
        if status.get("paused"):
            extra = " · " + label("paused_note", self.lang)
        elif status.get("seconds_left") is not None and not status["over"]:
            extra = " · " + label("seconds_left", self.lang, seconds=round(status["seconds_left"]))
        if status["closed"]:
            extra += " · " + label("closed_note", self.lang)
        self.title.value = f"<h3>{screens.escape(title)}</h3><p>{screens.escape(done + extra)}</p>"
        self.status_html.value = screens.status_html(status, self.lang)
        drawn = (status["game"], status["computed"])
        if drawn != self._drawn:  # the measures change only when a round is computed
            measures = self.game.measures()
            self.measures_html.value = screens.measures_html(measures, self.lang)
            if len(screens.as_frame(measures)):
                self.chart.value = png(screens.measures_figure(measures, self.lang))
                self.chart.layout.display = None
            self._drawn = drawn
        self.compute_button.disabled = bool(status["over"])
        self.close_button.disabled = bool(status["closed"])
        return None

    def _changed(self) -> None:
        self.refresh()
        for listener in self.listeners:
            listener()

    def compute(self) -> str:
        """Compute the round being decided (a role without a decision keeps the last)."""
        measures = self.game.compute_round(lang=self.lang)
        self._changed()
        return label("computed_note", self.lang, round=measures["round"])

    def close(self) -> str:
        self.game.close()
        self._changed()
        return label("closed_note", self.lang)

    def pause(self) -> str:
        self.game.pause()
        self.refresh()
        return label("paused_note", self.lang)

    def resume(self) -> str:
        self.game.resume()
        self.refresh()
        return label("resumed_note", self.lang)

    def set_timer(self) -> str:
        seconds = self.timer.value or None
        self.game.set_timer(seconds)
        self.refresh()
        if seconds is None:
            return label("timer_off", self.lang)
        return label("timer_note", self.lang, seconds=seconds)

    def second_phase(self) -> str:
        """A second game on the same seed with information sharing and a coordinator."""
        new = self.game.second_phase()
        self.previous.append(self.game)
        self.game = new
        self.debrief_data = None
        self.debrief_box.layout.display = "none"
        self.chart.layout.display = "none"
        self._changed()
        return label("second_phase_note", self.lang, game=new.id)

    # --- the debrief -----------------------------------------------------------------------

    def show_debrief(self) -> None:
        """The whole system no player saw: losses, the network, journeys, the comparison
        with the computer's silos and best-coordinated scenario, and the replay."""
        self.status = self.game.status(lang=self.lang)
        if not self.status["computed"]:
            raise error("not_yet", self.lang)
        data = self.game.debrief(lang=self.lang)
        self.debrief_data = data
        self.comparison_html.value = screens.comparison_html(data["comparison"], self.lang)
        self.lost_html.value = screens.lost_html(data["lost"], self.lang)
        people = {r["service"] for r in self.status["roles"] if r["human"] and r["service"]}
        self.network.value = png(screens.network_figure(data["network"], self.lang, people))
        self.journeys_html.value = screens.journeys_html(data.get("journeys"), self.lang)
        rounds = data.get("rounds") or []
        if rounds:
            self.replay.max = len(rounds)
            self.replay.value = len(rounds)
            self.show_round(len(rounds))
        self.debrief_box.layout.display = None

    def show_round(self, number: int) -> None:
        """The replay: one round's decisions and measures."""
        rounds = (self.debrief_data or {}).get("rounds") or []
        if 1 <= number <= len(rounds):
            self.replay_html.value = screens.replay_html(rounds[number - 1], self.lang)

    # --- export ----------------------------------------------------------------------------

    def _target(self, suffix: str = "") -> Path:
        return Path(self.folder.value) / f"game_{self.game.id}{suffix}"

    def export_csv(self) -> str:
        """Every decision and every round's measures as CSV (``samlab.game.export``): the
        files ``game.csv``, ``decisions.csv`` and ``measures.csv`` in a folder."""
        from . import export

        folder = self._target()
        if _is_remote(self.game):
            folder.mkdir(parents=True, exist_ok=True)
            paths = {}
            for name, content in self.game.export("csv").items():
                paths[Path(name).stem] = folder / name
                paths[Path(name).stem].write_text(content, encoding="utf-8")
        else:
            paths = export.write_csv(self.game, folder)
        self.exported = paths
        return label("exported", self.lang, path=folder)

    def export_json(self) -> str:
        """The game's record as JSON (``samlab.game.export``): it rebuilds the game."""
        from . import export

        path = self._target(".json")
        if _is_remote(self.game):
            record = self.game.export("json")
            path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        else:
            export.write_json(self.game, path)
        self.exported = {"json": path}
        return label("exported", self.lang, path=path)


# --- one screen --------------------------------------------------------------------------


class OneScreen(_Screen):
    """A room with one projector and no hub: each group in turn chooses its role, enters its
    service's decisions in the same form as on the hub, and the facilitator computes."""

    def __init__(self, game: Any, lang: str | None = None, **kwargs: Any):
        self.game = game
        self.lang = check_lang(lang or getattr(game, "lang", None) or DEFAULT_LANG)
        self.message = w.HTML()
        self.facilitator = Facilitator(game, self.lang, **kwargs)
        self.facilitator.listeners.append(self._round_changed)
        self.participants: dict[str, Participant] = {}
        roles = game.roles(self.lang)
        self.role = w.ToggleButtons(
            options=[(r["label"], r["role"]) for r in roles],
            value=None,
            description=label("whose_turn", self.lang),
            style={"button_width": "auto"},
        )
        self.panel = w.VBox()
        self.role.observe(lambda change: self.choose(change["new"]), names="value")
        head = w.HTML(f"<h3>{screens.escape(label('one_screen_title', self.lang))}</h3>")
        self.widget = w.VBox([head, self.role, self.message, self.panel, self.facilitator.widget])

    def choose(self, role: str | None) -> Participant | None:
        """Show the form of ``role`` (the group whose turn it is)."""
        if role is None:
            self.panel.children = []
            return None
        if self.role.value != role:
            self.role.value = role  # observing calls back here
            return self.participants[role]
        if role not in self.participants:
            screen = Participant(self.game, role, self.lang, take=False)
            screen.listeners.append(self.facilitator.refresh)
            self.participants[role] = screen
        screen = self.participants[role]
        screen._attempt(screen.refresh)
        self.panel.children = [screen.widget]
        return screen

    def _round_changed(self) -> None:
        for screen in self.participants.values():
            screen._attempt(screen.refresh)

    def refresh(self) -> None:
        self.facilitator.refresh()
        self._round_changed()

    def compute(self) -> bool:
        """Compute the round (the facilitator's button)."""
        return self.facilitator._attempt(self.facilitator.compute)


# --- what the course calls -----------------------------------------------------------------


def join(
    game_or_room: Any,
    role: str | None = None,
    lang: str | None = None,
    *,
    player: str | None = None,
    poll: bool | None = None,
) -> Participant:
    """A participant's screen.

    ``join("ROOM")`` connects to the room on the course hub (``samlab.game.client``) and
    plays the role the hub user holds; ``join(game, role="bup")`` plays a role in a local
    game. ``poll``: look for a computed round every few seconds (default: on the hub).
    """
    game = game_or_room
    reconnect = None
    if isinstance(game_or_room, str):
        from .client import connect

        game = connect(game_or_room, lang=lang)

        def reconnect():
            return connect(game_or_room, lang=lang)

    screen = Participant(game, role, lang, player=player, reconnect=reconnect)
    if poll if poll is not None else _is_remote(game):
        screen.start_polling()
    return screen


def facilitator(
    game_or_room: Any, lang: str | None = None, *, poll: bool | None = None, **kwargs: Any
) -> Facilitator:
    """The facilitator's screen for a local game or a room on the hub."""
    game = game_or_room
    if isinstance(game_or_room, str):
        from .client import connect

        game = connect(game_or_room, lang=lang)
    screen = Facilitator(game, lang, **kwargs)
    if poll if poll is not None else _is_remote(game):
        screen.start_polling()
    return screen


def one_screen(game: Any, lang: str | None = None, **kwargs: Any) -> OneScreen:
    """The one-screen mode for a room with one projector and no hub."""
    return OneScreen(game, lang, **kwargs)


__all__ = [
    "DecisionForm",
    "Facilitator",
    "OneScreen",
    "Participant",
    "facilitator",
    "join",
    "one_screen",
]
