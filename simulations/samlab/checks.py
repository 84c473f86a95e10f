"""Checks for the graded exercises: readable feedback instead of a bare ``AssertionError``.

Every test cell in ``solutions/`` calls these. A check passes quietly (it prints one line
saying what was right, so a self-study learner sees progress) or raises ``AssertionError``
whose message says what was expected, what was given and why, in the participant's
language. Answers are accepted in every correct form: a list, tuple or set; any
capitalisation, spacing or hyphenation of a category; a number within a tolerance.

    from samlab import checks
    checks.same_items(my_brokers, {"PPT"}, what="the broker", why="...", lang="en")
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from .labels import check_lang
from .translation import DEFAULT_LANG, TextTable

_WORDS = TextTable(
    "samlab.checks._WORDS",
    {
        "expected": {"nb": "Forventet", "en": "Expected"},
        "got": {"nb": "du svarte", "en": "you answered"},
        "why": {"nb": "Hvorfor", "en": "Why"},
        "ok": {"nb": "Riktig", "en": "Correct"},
        "missing": {"nb": "mangler", "en": "missing"},
        "extra": {"nb": "skal ikke være med", "en": "should not be there"},
        "not_answered": {
            "nb": "{what}: ikke besvart ennå. Skriv svaret ditt der det står «svaret ditt her».",
            "en": "{what}: not answered yet. Write your answer where it says 'your answer here'.",
        },
        "not_number": {
            "nb": "{what}: forventet et tall, du svarte {got!r}",
            "en": "{what}: expected a number, you answered {got!r}",
        },
        "not_collection": {
            "nb": '{what}: forventet en liste eller mengde, for eksempel ["A", "B"]; du svarte '
            "{got!r}",
            "en": '{what}: expected a list or a set, for example ["A", "B"]; you answered {got!r}',
        },
        "not_mapping": {
            "nb": '{what}: forventet en ordbok (dict) som {{"nøkkel": verdi}}; du svarte {got!r}',
            "en": '{what}: expected a dictionary (dict) like {{"key": value}}; you answered '
            "{got!r}",
        },
        "not_allowed": {
            "nb": "{what}: {got!r} er ikke et av de tillatte svarene: {allowed}",
            "en": "{what}: {got!r} is not one of the allowed answers: {allowed}",
        },
        "within": {"nb": "innenfor ±{tol}", "en": "within ±{tol}"},
        "keys": {"nb": "nøkler", "en": "keys"},
    },
)


def _word(key: str, lang: str, **fields: Any) -> str:
    return _WORDS.text(key, lang, **fields)


def normalise(value: Any) -> Any:
    """A category as compared: case-folded, accents kept, spaces, hyphens and quotes evened out.

    ``" Lead-organisation "``, ``"lead organisation"`` and ``"Lead_Organisation"`` are the
    same. Anything that is not a string is returned unchanged.
    """
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", value).casefold()
    value = value.replace("_", " ").replace("-", " ").replace("–", " ")
    value = value.replace("’", "'").replace("«", "").replace("»", "").replace('"', "")
    return re.sub(r"\s+", " ", value).strip(" .,:;!?'")


def _fail(what: str, expected: Any, got: Any, why: str, lang: str, detail: str = "") -> None:
    message = f"{what}: {_word('expected', lang)} {expected}, {_word('got', lang)} {got}."
    if detail:
        message += f" {detail}"
    if why:
        message += f"\n{_word('why', lang)}: {why}"
    raise AssertionError(message)


def ok(what: str, lang: str = DEFAULT_LANG) -> None:
    """Say that ``what`` passed: "✓ Riktig: ..." / "✓ Correct: ..."."""
    print(f"✓ {_word('ok', lang)}: {what}")


def _show(value: Any) -> str:
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def answered(value: Any, what: str, lang: str = DEFAULT_LANG) -> None:
    """Fail with a friendly message while the answer is still ``None``, ``...`` or empty."""
    if (
        value is None
        or value is Ellipsis
        or (isinstance(value, (str, list, set, dict, tuple)) and not value)
    ):
        raise AssertionError(_word("not_answered", lang, what=what))


def _as_category(value: Any, aliases: Mapping[str, str] | None) -> Any:
    key = normalise(value)
    if aliases:
        lookup = {normalise(k): normalise(v) for k, v in aliases.items()}
        return lookup.get(key, key)
    return key


def same_category(
    answer: Any,
    expected: str,
    what: str,
    why: str = "",
    lang: str = DEFAULT_LANG,
    allowed: Iterable[str] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> None:
    """The answer names the expected category, in any capitalisation or spelling variant.

    ``aliases`` maps other accepted words (for example the Norwegian name) to the canonical
    one; ``allowed`` lists the answers that make sense, so an answer outside them is told so.
    """
    answered(answer, what, lang)
    got = _as_category(answer, aliases)
    want = _as_category(expected, aliases)
    if allowed is not None:
        allowed = list(allowed)
        canonical = {_as_category(a, aliases) for a in allowed}
        if got not in canonical:
            raise AssertionError(
                _word("not_allowed", lang, what=what, got=answer, allowed=", ".join(allowed))
            )
    if got != want:
        _fail(what, repr(expected), repr(answer), why, lang)
    ok(what, lang)


def same_items(
    answer: Any,
    expected: Iterable[Any],
    what: str,
    why: str = "",
    lang: str = DEFAULT_LANG,
    aliases: Mapping[str, str] | None = None,
) -> None:
    """The answer holds exactly the expected items, in any order, as a list, tuple or set.

    A single string answer is taken as one item. Items are compared as categories (see
    :func:`normalise`). The message names what is missing and what should not be there.
    """
    answered(answer, what, lang)
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, Iterable) or isinstance(answer, Mapping):
        raise AssertionError(_word("not_collection", lang, what=what, got=answer))
    answer = list(answer)
    want_items = list(expected)
    got = {_as_category(a, aliases): a for a in answer}
    want = {_as_category(e, aliases): e for e in want_items}
    if set(got) != set(want):
        parts = []
        missing = sorted(str(want[w]) for w in set(want) - set(got))
        extra = sorted(str(got[g]) for g in set(got) - set(want))
        if missing:
            parts.append(f"{_word('missing', lang)}: {', '.join(missing)}")
        if extra:
            parts.append(f"{_word('extra', lang)}: {', '.join(extra)}")
        _fail(what, _show(want_items), _show(answer), why, lang, detail="; ".join(parts) + ".")
    ok(what, lang)


def _number(value: Any, what: str, lang: str) -> float:
    answered(value, what, lang)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        try:
            return float(str(value).replace(",", ".").strip())
        except ValueError:
            raise AssertionError(_word("not_number", lang, what=what, got=value)) from None
    return float(value)


def close_to(
    answer: Any,
    expected: float,
    what: str,
    why: str = "",
    lang: str = DEFAULT_LANG,
    tolerance: float = 0.01,
) -> None:
    """The answer is a number within ``tolerance`` of the expected value.

    A string like ``"0,42"`` or ``"0.42"`` is accepted as the number it spells.
    """
    got = _number(answer, what, lang)
    if math.isnan(got) or abs(got - float(expected)) > tolerance:
        _fail(
            what,
            f"{expected:g} ({_word('within', lang, tol=f'{tolerance:g}')})",
            _show(answer),
            why,
            lang,
        )
    ok(what, lang)


def same_mapping(
    answer: Any,
    expected: Mapping[str, Any],
    what: str,
    why: str = "",
    lang: str = DEFAULT_LANG,
    aliases: Mapping[str, str] | None = None,
    tolerance: float = 0.01,
) -> None:
    """The answer is a dict with the expected keys; each value matches as a category or number.

    Keys and category values are compared after :func:`normalise`; numbers within
    ``tolerance``. The message lists every key whose value is wrong.
    """
    answered(answer, what, lang)
    if not isinstance(answer, Mapping):
        raise AssertionError(_word("not_mapping", lang, what=what, got=answer))
    given = {normalise(k): v for k, v in answer.items()}
    want = {normalise(k): v for k, v in expected.items()}
    if set(given) != set(want):
        _fail(
            f"{what} ({_word('keys', lang)})",
            _show(sorted(expected)),
            _show(sorted(answer)),
            why,
            lang,
        )
    wrong = []
    for key, value in want.items():
        got = given[key]
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            try:
                right = abs(_number(got, what, lang) - float(value)) <= tolerance
            except AssertionError:
                right = False
        else:
            right = _as_category(got, aliases) == _as_category(value, aliases)
        if not right:
            expected_word = _word("expected", lang).lower()
            wrong.append(
                f"{key}: {expected_word} {_show(value)}, {_word('got', lang)} {_show(got)}"
            )
    if wrong:
        message = f"{what}: " + "; ".join(wrong) + "."
        if why:
            message += f"\n{_word('why', lang)}: {why}"
        raise AssertionError(message)
    ok(what, lang)


def is_true(condition: bool, what: str, message: str, lang: str = DEFAULT_LANG) -> None:
    """A free-form check: ``message`` (in the participant's language) explains a failure."""
    check_lang(lang)
    if not condition:
        raise AssertionError(f"{what}: {message}")
    ok(what, lang)


_CREDIT_WORDS = TextTable(
    "samlab.checks._CREDIT_WORDS",
    {
        "score": {
            "nb": "{what}: {score:g} av {points:g} poeng",
            "en": "{what}: {score:g} of {points:g} points",
        },
        "half": {
            "nb": "halv uttelling: {answer} kan forsvares, men {wanted} passer bedre. {why}",
            "en": "half credit: {answer} can be defended, but {wanted} fits better. {why}",
        },
        "none": {
            "nb": "forventet {wanted}, du svarte {answer}. {why}",
            "en": "expected {wanted}, you answered {answer}. {why}",
        },
    },
)


def partial_credit(
    credits: Mapping[str, float],
    points: float,
    what: str,
    notes: Mapping[str, str] | None = None,
    lang: str = DEFAULT_LANG,
) -> float:
    """The points for a set of items each worth 0, ½ or 1, rounded down to half points.

    Prints one line per item that did not get full credit (``notes`` says why) and the
    score. Return the score as a test cell's last expression: nbgrader then records it as
    the cell's partial credit.
    """
    check_lang(lang)
    if not credits:
        raise ValueError("partial_credit needs at least one item")
    bad = {k: v for k, v in credits.items() if not 0 <= v <= 1}
    if bad:
        raise ValueError(f"each item's credit must be between 0 and 1, got {bad}")
    for item, credit in credits.items():
        if credit < 1 and notes and item in notes:
            print(f"{item}: {notes[item]}")
    share = sum(credits.values()) / len(credits)
    score = math.floor(share * points * 2 + 1e-9) / 2
    print(_CREDIT_WORDS.text("score", lang, what=what, score=score, points=points))
    return float(score)


def credit_note(answer: Any, wanted: str, why: str, half: bool, lang: str = DEFAULT_LANG) -> str:
    """The feedback for an item that got half or no credit (see :func:`partial_credit`)."""
    key = "half" if half else "none"
    return _CREDIT_WORDS.text(key, lang, answer=_show(answer), wanted=wanted, why=why)
