"""The rules of a decision: what a role may decide, and what is in force in a round.

A decision is a mapping of fields to values: for a service, fields of its policy
(``samlab.policies``); for the network leader, some of its levers. A decision may give only
some fields; what it leaves out, and every round without a decision, keeps what was in
force before. Before its first decision a role plays as the computer would.

A service's decision may also act on its waiting list, once, when the round begins:
``prioritise_referrals`` (child numbers whose referrals go to the front of the queue) and
``return_referrals`` (child numbers whose referrals are sent back, as a referral below the
threshold is; child welfare never sends a bekymringsmelding back, so for it the report is
closed after review, henlagt). These are not kept for later rounds.
"""

from __future__ import annotations

from typing import Any

from ..errors import SamlabValueError
from ..lever_catalogue import LEVERS_BY_NAME
from ..policies import ServicePolicy, describe_fields, validate_changes
from ..translation import DEFAULT_LANG
from .messages import error, label
from .roles import LEADER_LEVERS, Role

SHARES = ("direct_help", "assessment", "coordination")
#: One-round actions on a service's waiting list, applied in this order.
ACTIONS = ("prioritise_referrals", "return_referrals")
MAX_ACTIONS = 1000


def validate_decision(
    role: Role,
    decision: Any,
    levers: dict[str, Any],
    lang: str = DEFAULT_LANG,
    waiting: set[int] | None = None,
) -> dict[str, Any]:
    """Check a decision for ``role``; return it with its values converted.

    Args:
        role: the role deciding.
        decision: ``{field: value}``.
        levers: the levers the game started with (the computer's defaults follow them).
        lang: the language of the error messages.
        waiting: the child numbers on the service's waiting list now, to check actions on
            it against (``None``: a later round, not checked).
    """
    if not isinstance(decision, dict):
        raise error("decision_type", lang, value=decision)
    if role.service is None:
        return _leader_decision(decision, lang)
    decision = dict(decision)
    actions = {name: decision.pop(name) for name in ACTIONS if name in decision}
    payload = validate_changes(decision, role.service, lang)
    given = [name for name in SHARES if name in payload]
    if given and len(given) != len(SHARES):
        raise error("shares_together", lang)
    ServicePolicy.default(role.service, levers).updated(payload, role.service, lang)
    for name, children in actions.items():
        payload[name] = _child_list(name, children, role.service, waiting, lang)
    return payload


def _child_list(
    name: str, value: Any, service: str, waiting: set[int] | None, lang: str
) -> list[int]:
    ok = isinstance(value, list | tuple) and len(value) <= MAX_ACTIONS
    if not ok or not all(isinstance(c, int) and not isinstance(c, bool) for c in value):
        raise error("child_list", lang, name=name, value=value)
    for child in value:
        if waiting is not None and child not in waiting:
            raise error("not_waiting", lang, child=child, service=service)
    return list(dict.fromkeys(value))


def actions(payload: dict[str, Any]) -> list[tuple[str, int]]:
    """The one-round actions in a decision, in the order they are applied."""
    return [(name, child) for name in ACTIONS for child in payload.get(name, ())]


def _leader_decision(decision: dict, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in decision.items():
        if name not in LEADER_LEVERS:
            raise error("leader_lever", lang, known=", ".join(LEADER_LEVERS), name=name)
        lever = LEVERS_BY_NAME[name]
        try:
            out[name] = lever.validate(value)
        except SamlabValueError:
            if lever.kind == "float":
                raise error(
                    "lever_float",
                    lang,
                    name=name,
                    minimum=lever.minimum,
                    maximum=lever.maximum,
                    value=value,
                ) from None
            if lever.kind == "bool":
                raise error("lever_bool", lang, name=name, value=value) from None
            choices = ", ".join(repr(c) for c in lever.choices)
            raise error("lever_choice", lang, name=name, choices=choices, value=value) from None
    return out


def decision_fields(role: Role, levers: dict[str, Any], lang: str = DEFAULT_LANG) -> list[dict]:
    """What ``role`` can decide, for a form: each field's kind, range, default and text."""
    if role.service is not None:
        out = describe_fields(role.service, levers, lang)
        for name in ACTIONS:
            out.append(
                {
                    "name": name,
                    "kind": "children",
                    "label": label(name, lang),
                    "help": label(f"{name}_help", lang),
                    "default": [],
                }
            )
        return out
    out = []
    for name in LEADER_LEVERS:
        lever = LEVERS_BY_NAME[name]
        item = {
            "name": name,
            "kind": lever.kind,
            "label": lever.label[lang],
            "help": lever.description[lang],
            "default": levers[name],
        }
        if lever.kind == "float":
            item.update(minimum=lever.minimum, maximum=lever.maximum, step=lever.step)
        if lever.kind == "choice":
            item["choices"] = list(lever.choices)
        out.append(item)
    return out


def in_force(
    role: Role, decisions: dict[int, dict[str, dict]], round_: int, levers: dict[str, Any]
) -> ServicePolicy | dict[str, Any] | None:
    """What ``role`` has in force in round ``round_`` (1-based).

    A service: its :class:`ServicePolicy`, or ``None`` before its first decision (the
    computer's rules). The network leader: the levers it has changed (``{}`` before).
    """
    changes: dict[str, Any] = {}
    decided = False
    for number in sorted(decisions):
        if number > round_:
            break
        payload = decisions[number].get(role.key)
        if payload is not None:
            changes.update({k: v for k, v in payload.items() if k not in ACTIONS})
            decided = True
    if role.service is None:
        return changes
    if not decided:
        return None
    return ServicePolicy.default(role.service, levers).updated(changes, role.service)
