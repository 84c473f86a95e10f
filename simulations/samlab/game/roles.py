"""The roles in the service game: the services a leader can run, and the network leader.

Each service role leads one service of the model (``samlab.services``) and decides its
policy (``samlab.policies.ServicePolicy``). The network leader (oppvekstsjef or
kommunalsjef) holds the levers no single service holds: how the network is governed, the
coordinator function, the meeting structure, leadership time and shared routines
(``samlab.lever_catalogue``). Roles nobody takes are played by the computer: the scenario's
own rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lever_catalogue import LEVERS_BY_NAME
from ..services import SERVICES_BY_KEY
from ..translation import DEFAULT_LANG, LANGUAGES
from .messages import error

#: The role that holds the network's levers.
LEADER = "network_leader"

#: The levers the network leader decides (existing levers of the model).
LEADER_LEVERS: tuple[str, ...] = (
    "governance",
    "coordinator_coverage",
    "meeting_hours",
    "leadership_anchoring",
    "shared_routines",
)


@dataclass(frozen=True)
class Role:
    """A role a person can take: one service, or the network leader (``service`` None)."""

    key: str
    service: str | None
    label: dict[str, str]

    def describe(self, lang: str = DEFAULT_LANG) -> dict:
        decides = "levers" if self.service is None else "policy"
        return {
            "role": self.key,
            "service": self.service,
            "label": self.label[lang],
            "decides": decides,
        }


def _service_role(key: str) -> Role:
    return Role(key=key, service=key, label=dict(SERVICES_BY_KEY[key].name))


#: The roles, in the order they are shown.
ROLES: tuple[Role, ...] = (
    _service_role("health_station"),
    _service_role("school"),
    _service_role("ppt"),
    _service_role("bup"),
    _service_role("barnevern"),
    _service_role("nav"),
    Role(
        key=LEADER,
        service=None,
        label={"nb": "Nettverksleder (oppvekstsjef/kommunalsjef)", "en": "Network leader"},
    ),
)
ROLES_BY_KEY: dict[str, Role] = {role.key: role for role in ROLES}


def check_roles(roles: tuple[Role, ...], leader_levers: tuple[str, ...]) -> None:
    """Raise a ValueError naming every role or leader's lever that does not fit the
    catalogues: a key used twice, a service role for a service the model does not have, a
    label missing a language, or a leader's lever the lever catalogue does not know. Run at
    import, so a typo fails there and not in a classroom."""
    problems = []
    keys = [role.key for role in roles]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        problems.append(f"role keys used more than once: {twice}")
    for role in roles:
        if role.service is not None and role.service not in SERVICES_BY_KEY:
            problems.append(
                f"{role.key}: unknown service {role.service!r}; known: {list(SERVICES_BY_KEY)}"
            )
        if set(role.label) != set(LANGUAGES):
            problems.append(f"{role.key}: label has {sorted(role.label)}, needs {list(LANGUAGES)}")
    unknown = [name for name in leader_levers if name not in LEVERS_BY_NAME]
    if unknown:
        problems.append(f"unknown leader's levers {unknown}; known: {list(LEVERS_BY_NAME)}")
    if problems:
        raise ValueError("the game's roles do not fit the catalogues: " + "; ".join(problems))


check_roles(ROLES, LEADER_LEVERS)


def get_role(key: str, lang: str = DEFAULT_LANG) -> Role:
    """Look up a role, with a clear error (in ``lang``) naming the known ones."""
    if not isinstance(key, str) or key not in ROLES_BY_KEY:
        raise error("unknown_role", lang, role=key, known=", ".join(ROLES_BY_KEY))
    return ROLES_BY_KEY[key]
