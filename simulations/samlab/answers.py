"""Answer widgets for the graded exercises: answer with menus, tick boxes and text fields.

A leader who does not code answers here instead of editing a Python literal. Every widget
writes the same value the checks grade, under the same name (``levels``, ``steps``...):

- into the notebook's variables at once (``namespace``, normally ``globals()``), so the
  next ``sjekk()`` / ``check()`` line sees it without running anything else;
- into a small JSON file next to the notebook (``svar.json`` in bokmål, ``answers.json`` in
  English). nbgrader submits and collects every file of the exercise folder, and grading runs
  the notebook again from the top: the form is made again, reads the file and sets the same
  variables. That is what makes a menu answer survive saving, restarting and grading.

The answer cell of an exercise reads::

    levels = form["levels"]
    if not form.used("levels"):
        ### BEGIN SOLUTION
        levels = {...}          # the Python route: write the answer here
        ### END SOLUTION

so the menus win once they are used, and the Python literal is graded otherwise.

    form = answers.Form("nb", namespace=globals())
    form.dropdowns("levels", {"mia_plan": "D. Én plan for Mia"}, [("samordning", "coordination")])
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as w

from .labels import check_lang
from .translation import TextTable

#: The file the answers are saved in, in the notebook's folder.
FILE_NAME = {"nb": "svar.json", "en": "answers.json"}
_WORDS = TextTable(
    "samlab.answers._WORDS",
    {
        "choose": {"nb": "– velg –", "en": "– choose –"},
        "as_scenario": {"nb": "– som i scenarioet –", "en": "– as in the scenario –"},
        "scenario": {"nb": "Scenario", "en": "Scenario"},
        "saved": {
            "nb": "Lagret. Svaret rettes slik det står i menyene.",
            "en": "Saved. The answer is graded as it stands in the menus.",
        },
        "unreadable": {
            "nb": "Kunne ikke lese de lagrede svarene i {file} ({error}); velg på nytt.",
            "en": "Could not read the saved answers in {file} ({error}); choose again.",
        },
    },
)
#: The value of "choose" in a menu (not None: a menu set to None shows as blank).
_NOTHING = ""
#: Types a saved answer may have (what JSON gives back).
_PLAIN = (str, int, float, bool, list, dict, type(None))


def _lever_values(lever: Mapping[str, Any]) -> list[Any]:
    if lever["type"] == "bool":
        return [True, False]
    if lever["type"] == "choice":
        return list(lever["choices"])
    low, high, step = lever["minimum"], lever["maximum"], lever.get("step") or 0.05
    count = round((high - low) / step)
    return [round(low + i * step, 6) for i in range(count + 1)]


def _show_value(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _word(key: str, lang: str, **fields: Any) -> str:
    return _WORDS.text(key, lang, **fields)


def read_answers(path: str | os.PathLike) -> dict[str, Any]:
    """The saved answers in ``path``: {} if there is no file.

    Raises ``ValueError`` (with the reason) if the file is not a JSON object.
    """
    path = Path(path)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(str(error)) from None
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, found {type(data).__name__}")
    return data


def write_answers(path: str | os.PathLike, answers: Mapping[str, Any]) -> None:
    """Write ``answers`` to ``path`` atomically (a half-written file is never left behind)."""
    path = Path(path)
    text = json.dumps(dict(answers), ensure_ascii=False, indent=1, sort_keys=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".answers-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Form:
    """The answer widgets of one notebook, saved in one file next to it.

    ``form[name]`` is the answer as graded (``None`` while nothing is chosen);
    ``form.used(name)`` says whether the menus hold an answer for ``name``.
    """

    def __init__(
        self,
        lang: str = "nb",
        namespace: MutableMapping[str, Any] | None = None,
        folder: str | os.PathLike = ".",
    ):
        self.lang = check_lang(lang)
        self.namespace = namespace
        self.path = Path(folder) / FILE_NAME[self.lang]
        self.message = w.HTML()
        try:
            self._saved = read_answers(self.path)
        except ValueError as error:
            self._saved = {}
            self.message.value = _word("unreadable", self.lang, file=self.path.name, error=error)
        self._saved = {k: v for k, v in self._saved.items() if isinstance(v, _PLAIN)}
        self._names: list[str] = []

    # --- the answers --------------------------------------------------------------------

    def __getitem__(self, name: str) -> Any:
        return self._saved.get(name)

    def used(self, *names: str) -> bool:
        """True if the menus hold an answer for any of ``names`` (then they are graded)."""
        return any(self._saved.get(name) not in (None, "", [], {}) for name in names)

    def set(self, name: str, value: Any) -> None:
        """Record ``value`` as the answer ``name``: in the file and in the namespace."""
        if value in (None, "", [], {}):
            self._saved.pop(name, None)
        else:
            self._saved[name] = value
        write_answers(self.path, self._saved)
        if self.namespace is not None:
            self.namespace[name] = self[name]
        self.message.value = _word("saved", self.lang)

    def _publish(self, name: str) -> None:
        # a new form: the saved answer, else whatever the notebook already has (a literal)
        if self.namespace is not None and (self.used(name) or name not in self.namespace):
            self.namespace[name] = self[name]

    def _register(self, name: str) -> None:
        if name in self._names:
            raise ValueError(f"the answer {name!r} already has a widget in this form")
        self._names.append(name)
        self._publish(name)

    # --- the widgets --------------------------------------------------------------------

    def _options(self, options: Iterable[Any]) -> list[tuple[str, Any]]:
        pairs = [o if isinstance(o, tuple) else (str(o), o) for o in options]
        return [(_word("choose", self.lang), _NOTHING), *pairs]

    def dropdowns(
        self,
        name: str,
        items: Mapping[str, str],
        options: Sequence[Any],
        description: str = "",
    ) -> w.VBox:
        """One menu per item; the answer is a dict ``{item id: chosen value}``.

        ``options`` are values or ``(label, value)`` pairs; items left at "choose" are left
        out of the dict, so the check can say which are missing.
        """
        choices = self._options(options)
        values = [value for _, value in choices]
        saved = self[name] if isinstance(self[name], dict) else {}
        menus = {}
        for item, label in items.items():
            start = saved.get(item)
            menus[item] = w.Dropdown(
                options=choices,
                value=start if start in values else _NOTHING,
                description=label,
                style={"description_width": "initial"},
                layout=w.Layout(width="auto"),
            )

        def changed(_change=None) -> None:
            chosen = {k: m.value for k, m in menus.items() if m.value != _NOTHING}
            self.set(name, chosen)

        return self._watched(name, description, list(menus.values()), changed)

    def choice(self, name: str, options: Sequence[Any], description: str = "") -> w.VBox:
        """One menu; the answer is the chosen value."""
        choices = self._options(options)
        start = self[name] if self[name] in [v for _, v in choices] else _NOTHING
        menu = w.Dropdown(options=choices, value=start, layout=w.Layout(width="auto"))
        menu.observe(lambda change: self.set(name, change["new"]), names="value")
        self._register(name)
        return self._box(description, [menu])

    def checkboxes(self, name: str, options: Sequence[Any], description: str = "") -> w.VBox:
        """One tick box per option; the answer is the list of ticked values, in order."""
        pairs = [o if isinstance(o, tuple) else (str(o), o) for o in options]
        saved = self[name] if isinstance(self[name], list) else []
        boxes = [
            (w.Checkbox(value=value in saved, description=label, indent=False), value)
            for label, value in pairs
        ]

        def changed(_change=None) -> None:
            self.set(name, [value for box, value in boxes if box.value])

        return self._watched(name, description, [box for box, _ in boxes], changed)

    def text(self, name: str, description: str = "", rows: int = 6) -> w.VBox:
        """A text area; the answer is the text (saved as you type)."""
        start = self[name] if isinstance(self[name], str) else ""
        area = w.Textarea(value=start, rows=rows, layout=w.Layout(width="100%"))
        area.observe(lambda change: self.set(name, change["new"]), names="value")
        self._register(name)
        return self._box(description, [area])

    def package(
        self,
        name: str,
        levers: Sequence[Mapping[str, Any]],
        scenarios: Sequence[Mapping[str, Any]],
        description: str = "",
    ) -> w.VBox:
        """A lever package: one menu for the scenario and one per lever (``samlab.levers()``).

        The answer is ``{"scenario": id, lever: value, ...}`` with the levers whose menu is set;
        a lever left at "as in the scenario" keeps the scenario's value. Numbers are offered on
        the lever's own grid (minimum to maximum by its step).
        """
        same = _word("as_scenario", self.lang)
        saved = self[name] if isinstance(self[name], dict) else {}
        scenario_menu = w.Dropdown(
            options=self._options((s["title"][self.lang], s["id"]) for s in scenarios),
            description=_word("scenario", self.lang),
            style={"description_width": "initial"},
        )
        if saved.get("scenario") in [s["id"] for s in scenarios]:
            scenario_menu.value = saved["scenario"]
        menus = {}
        for lever in levers:
            options = [(same, _NOTHING), *[(_show_value(v), v) for v in _lever_values(lever)]]
            start = saved.get(lever["name"], _NOTHING)
            menus[lever["name"]] = w.Dropdown(
                options=options,
                value=start if start in [v for _, v in options] else _NOTHING,
                description=lever["label"][self.lang],
                style={"description_width": "initial"},
                layout=w.Layout(width="auto"),
            )

        def changed(_change=None) -> None:
            chosen = {k: m.value for k, m in menus.items() if m.value != _NOTHING}
            if scenario_menu.value != _NOTHING:
                chosen = {"scenario": scenario_menu.value, **chosen}
            self.set(name, chosen)

        return self._watched(name, description, [scenario_menu, *menus.values()], changed)

    def numbers(self, name: str, labels: Sequence[str], description: str = "") -> w.VBox:
        """One field per number; the answer is the list of what was written, in order
        (nothing while every field is empty)."""
        saved = self[name] if isinstance(self[name], list) else []
        fields = [
            _text_field(saved[i] if i < len(saved) else "", label) for i, label in enumerate(labels)
        ]

        def changed(_change=None) -> None:
            values = [field.value.strip() for field in fields]
            self.set(name, values if any(values) else [])

        return self._watched(name, description, fields, changed)

    def short_texts(
        self,
        name: str,
        items: Mapping[str, str],
        description: str = "",
        placeholder: str = "",
    ) -> w.VBox:
        """One one-line field per item; the answer is a dict ``{item id: text}`` with the
        fields that are filled in (for example the row numbers ``"5, 9"`` of each kind of
        break in a log)."""
        saved = self[name] if isinstance(self[name], dict) else {}
        fields = {
            item: _text_field(saved.get(item, ""), label, placeholder)
            for item, label in items.items()
        }

        def changed(_change=None) -> None:
            written = {k: f.value.strip() for k, f in fields.items() if f.value.strip()}
            self.set(name, written)

        return self._watched(name, description, list(fields.values()), changed)

    def short_text(self, name: str, description: str = "", placeholder: str = "") -> w.VBox:
        """A one-line field, for a word or a number (``"0,52"`` is checked as 0.52)."""
        start = self[name] if isinstance(self[name], (str, int, float)) else ""
        field = w.Text(value=str(start), placeholder=placeholder)
        field.observe(lambda change: self.set(name, change["new"].strip()), names="value")
        self._register(name)
        return self._box(description, [field])

    def _watched(
        self, name: str, description: str, widgets: list[w.Widget], changed: Callable[..., None]
    ) -> w.VBox:
        """``widgets`` that together give the answer ``name``: ``changed`` saves it whenever
        one of them changes."""
        for widget in widgets:
            widget.observe(changed, names="value")
        self._register(name)
        return self._box(description, widgets)

    def _box(self, description: str, children: list[w.Widget]) -> w.VBox:
        head = [w.HTML(f"<b>{description}</b>")] if description else []
        return w.VBox([*head, *children, self.message])


def _text_field(value: Any, label: str, placeholder: str = "") -> w.Text:
    """A one-line field with its label beside it, starting at ``value``."""
    return w.Text(
        value=str(value),
        description=label,
        placeholder=placeholder,
        style={"description_width": "initial"},
    )
