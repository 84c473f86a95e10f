"""A service's policy: the decisions one service's leader can make, week by week.

Without a policy a service follows the rules the scenario's levers imply (the model as the
course uses it). A :class:`ServicePolicy` set on a service (``model.set_policy``) changes
those rules for that service only, and every field acts through a mechanism the model
already has:

``direct_help``, ``assessment``, ``coordination``
    How the service splits its own staff hours (what is left after the municipality's
    common collaboration overhead), as shares summing to 1. ``assessment`` is the intake
    reserve (``Assumptions.intake_reserve`` without a policy); ``direct_help`` rations the ongoing
    cases. ``coordination`` is set aside for coordination: the coordinator roles and joint
    meetings about the service's children and the meetings it takes part in are paid from
    it first (what they need beyond it comes out of help and assessment, in the ratio of
    their shares, as all coordination does without a policy). What is left of it is spent
    on being reachable (advising those who refer): it raises the chance that a referral
    for this service's mandate reaches it (``Mechanisms.right_referral``).
``threshold``
    A specialised service accepts a referral from this severity (``ServiceSpec.threshold``
    without a policy). A universal service helps a need within its own walls (BTI level 1)
    below this severity and refers it on from it (``Assumptions.level1_limit`` without a
    policy).
``takes_coordinator_roles``
    Whether the service's staff take the coordinator role when a child it works with or
    refers is given one (``Child.maybe_assign_coordinator``). If not, the role is not
    taken up.
``consent``
    How consistently the service asks families for consent to share information (0-1; the
    ``consent_routines`` lever without a policy): whether an earlier assessment can be used
    when this service assesses, and whether concern it notices about care is reported to
    child welfare.
``meetings``
    Meetings the service calls with other services: ``{service: hours per week per 100
    children}``. Both services pay the hours; the two learn each other's mandate, so
    referrals between them reach the right service more often.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .assumptions import DEFAULT_ASSUMPTIONS, Assumptions
from .errors import SamlabValueError
from .services import SERVICES_BY_KEY
from .translation import DEFAULT_LANG, TextTable, check_lang

#: Most meeting time one service can call with another, hours per week per 100 children.
MAX_MEETING_HOURS = 10.0

FIELDS = (
    "direct_help",
    "assessment",
    "coordination",
    "threshold",
    "takes_coordinator_roles",
    "consent",
    "meetings",
)

TEXT = TextTable(
    "samlab.policies.TEXT",
    {
        "unknown_service": {
            "nb": "ukjent tjeneste {value!r}; kjente tjenester: {known}",
            "en": "unknown service {value!r}; known services: {known}",
        },
        "unknown_field": {
            "nb": "ukjent felt {value!r} i en tjenestes policy; kjente felt: {known}",
            "en": "unknown field {value!r} in a service policy; known fields: {known}",
        },
        "share": {
            "nb": "{name} må være et tall fra 0 til 1, fikk {value!r}",
            "en": "{name} must be a number from 0 to 1, got {value!r}",
        },
        "sum": {
            "nb": "andelene direkte hjelp, utredning og samordning må til sammen bli 1, ble "
            "{total:g}",
            "en": "the shares direct help, assessment and coordination must add up to 1, got "
            "{total:g}",
        },
        "bool": {
            "nb": "{name} må være sann eller usann, fikk {value!r}",
            "en": "{name} must be true or false, got {value!r}",
        },
        "meetings": {
            "nb": "møter må være en tabell tjeneste -> timer per uke per 100 barn, fikk {value!r}",
            "en": "meetings must be a mapping service -> hours per week per 100 children, "
            "got {value!r}",
        },
        "meeting_self": {
            "nb": "en tjeneste kan ikke kalle inn til møte med seg selv ({value!r})",
            "en": "a service cannot call a meeting with itself ({value!r})",
        },
        "meeting_hours": {
            "nb": "møtetid med {other!r} må være et tall fra 0 til {maximum:g} timer per uke per "
            "100 barn, fikk {value!r}",
            "en": "meeting time with {other!r} must be a number from 0 to {maximum:g} hours per "
            "week per 100 children, got {value!r}",
        },
    },
)


#: What each field is called and means, for a form (``describe_fields``).
FIELD_TEXT: dict[str, dict[str, tuple[str, str]]] = {
    "direct_help": {
        "nb": ("Andel til direkte hjelp", "Andelen av tjenestens egne timer til hjelp i sakene."),
        "en": ("Share for direct help", "Share of the service's own hours for help in cases."),
    },
    "assessment": {
        "nb": ("Andel til utredning", "Andelen til å vurdere og utrede nye henvisninger."),
        "en": ("Share for assessment", "Share for screening and assessing new referrals."),
    },
    "coordination": {
        "nb": (
            "Andel til samordning",
            "Satt av til koordinatorroller og møter; resten gjør tjenesten lett å nå for "
            "dem som henviser.",
        ),
        "en": (
            "Share for coordination",
            "Set aside for coordinator roles and meetings; the rest makes the service easy "
            "to reach for those who refer.",
        ),
    },
    "threshold": {
        "nb": (
            "Terskel",
            "Spesialisert tjeneste: laveste alvorlighet en henvisning tas imot fra. "
            "Universell tjeneste: under denne hjelper dere selv, fra den henviser dere videre.",
        ),
        "en": (
            "Threshold",
            "Specialised service: the lowest severity a referral is accepted from. Universal "
            "service: below it you help yourselves, from it you refer on.",
        ),
    },
    "takes_coordinator_roles": {
        "nb": (
            "Tar koordinatorroller",
            "Om deres ansatte tar koordinatorrollen når de blir spurt.",
        ),
        "en": (
            "Takes coordinator roles",
            "Whether your staff take the coordinator role when asked.",
        ),
    },
    "consent": {
        "nb": (
            "Ber om samtykke til å dele",
            "Hvor ofte dere ber familien om samtykke til å dele opplysninger (0–1).",
        ),
        "en": (
            "Asks for consent to share",
            "How often you ask the family for consent to share information (0–1).",
        ),
    },
    "meetings": {
        "nb": (
            "Faste møter",
            "Møter dere kaller inn til med en annen tjeneste: timer per uke per 100 barn, "
            "betalt av begge.",
        ),
        "en": (
            "Regular meetings",
            "Meetings you call with another service: hours per week per 100 children, paid "
            "by both.",
        ),
    },
}


def describe_fields(service: str, levers: dict[str, Any], lang: str = DEFAULT_LANG) -> list[dict]:
    """The fields of ``service``'s policy for a form: name, kind, range, default, text."""
    lang = check_lang(lang)
    default = ServicePolicy.default(service, levers).to_dict()
    out = []
    for name in FIELDS:
        label, help_text = FIELD_TEXT[name][lang]
        kind = {"takes_coordinator_roles": "bool", "meetings": "meetings"}.get(name, "share")
        item = {"name": name, "kind": kind, "label": label, "help": help_text}
        item["default"] = default[name]
        if kind == "share":
            item.update(minimum=0.0, maximum=1.0)
        if kind == "meetings":
            others = [key for key in SERVICES_BY_KEY if key != service]
            item.update(minimum=0.0, maximum=MAX_MEETING_HOURS, services=others)
        out.append(item)
    return out


def _error(key: str, lang: str, **fields: Any) -> SamlabValueError:
    return SamlabValueError(TEXT.text(key, lang, **fields))


@dataclass(frozen=True)
class ServicePolicy:
    """One service's policy; see the module docstring for what each field does."""

    direct_help: float
    assessment: float
    coordination: float
    threshold: float
    takes_coordinator_roles: bool = True
    consent: float = 0.3
    meetings: dict[str, float] = field(default_factory=dict)

    @classmethod
    def default(
        cls,
        service: str,
        levers: dict[str, Any],
        assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
    ) -> ServicePolicy:
        """What the computer does for ``service`` under ``levers``: the model's own rules
        (with the intake reserve and level-1 limit of ``assumptions``)."""
        spec = SERVICES_BY_KEY.get(service)
        if spec is None:
            raise _error("unknown_service", "en", value=service, known=", ".join(SERVICES_BY_KEY))
        return cls(
            direct_help=1.0 - assumptions.intake_reserve,
            assessment=assumptions.intake_reserve,
            coordination=0.0,
            threshold=assumptions.level1_limit if spec.universal else spec.threshold,
            takes_coordinator_roles=True,
            consent=float(levers["consent_routines"]),
            meetings={},
        )

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (JSON-friendly)."""
        out = asdict(self)
        out["meetings"] = dict(self.meetings)
        return out

    def updated(
        self, changes: dict[str, Any], service: str, lang: str = DEFAULT_LANG
    ) -> ServicePolicy:
        """This policy with some fields changed, validated (messages in ``lang``)."""
        lang = check_lang(lang)
        values = self.to_dict()
        values.update(validate_changes(changes, service, lang))
        policy = replace(self, **values)
        policy.check(service, lang)
        return policy

    def check(self, service: str, lang: str = DEFAULT_LANG) -> None:
        """Raise a :class:`SamlabValueError` if the policy is not allowed for ``service``."""
        lang = check_lang(lang)
        validate_changes(self.to_dict(), service, lang)
        total = self.direct_help + self.assessment + self.coordination
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            raise _error("sum", lang, total=total)


def validate_changes(
    changes: dict[str, Any], service: str, lang: str = DEFAULT_LANG
) -> dict[str, Any]:
    """Check the fields of a (partial) policy for ``service``; return them converted."""
    lang = check_lang(lang)
    if service not in SERVICES_BY_KEY:
        raise _error("unknown_service", lang, value=service, known=", ".join(SERVICES_BY_KEY))
    if not isinstance(changes, dict):
        raise _error("unknown_field", lang, value=changes, known=", ".join(FIELDS))
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in FIELDS:
            raise _error("unknown_field", lang, value=name, known=", ".join(FIELDS))
        if name == "takes_coordinator_roles":
            if not isinstance(value, bool):
                raise _error("bool", lang, name=name, value=value)
            out[name] = value
        elif name == "meetings":
            out[name] = _meetings(value, service, lang)
        else:
            out[name] = _share(name, value, lang)
    return out


def _share(name: str, value: Any, lang: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _error("share", lang, name=name, value=value)
    number = float(value)
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        raise _error("share", lang, name=name, value=value)
    return number


def _meetings(value: Any, service: str, lang: str) -> dict[str, float]:
    if not isinstance(value, dict):
        raise _error("meetings", lang, value=value)
    out: dict[str, float] = {}
    for other, hours in value.items():
        if other not in SERVICES_BY_KEY:
            raise _error("unknown_service", lang, value=other, known=", ".join(SERVICES_BY_KEY))
        if other == service:
            raise _error("meeting_self", lang, value=other)
        bad = isinstance(hours, bool) or not isinstance(hours, int | float)
        if bad or not math.isfinite(hours) or not 0.0 <= hours <= MAX_MEETING_HOURS:
            raise _error("meeting_hours", lang, other=other, maximum=MAX_MEETING_HOURS, value=hours)
        if hours > 0:
            out[other] = float(hours)
    return out
