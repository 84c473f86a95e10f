"""Network governance modes (Provan & Kenis 2008) as data a leader can read and reason with.

Provan, K.G. & Kenis, P. (2008). Modes of network governance: structure, management, and
effectiveness. *Journal of Public Administration Research and Theory* 18(2): 229–252.

Provan and Kenis describe three modes of governing a network of organisations – shared
(participant-governed) governance, a lead organisation, and a network administrative
organisation (NAO) – and put forward *propositions* about when each mode is likely to be
effective, summarised in their Table 2 by four contingencies: how widely trust is shared
(trust density), the number of participants, goal consensus, and the need for network-level
competencies. They also describe three tensions every mode has to live with.

The propositions are expectations to be tested, not measured results and not a decision
rule. :func:`suggest_mode` turns them into a transparent count of matches so that a leader
can see *why* a mode fits better or worse; it is a thinking aid for a discussion, not an
answer key. The contingency values below are kept at the level of the course's curriculum
reference (low / moderate / high); check Provan & Kenis's Table 2 for the exact wording
before quoting it.

The mode keys are the same as the simulation's governance lever
(:data:`samlab.mechanisms.GOVERNANCE`) and :data:`samlab.labels.CHOICE_LABELS`::

    from samlab import governance
    governance.mode_table("nb")
    d = governance.trust_density(matrix)              # share of ordered pairs with trust >= 3
    governance.suggest_mode(d, 10, "high", "high")    # -> Suggestion(modes=('nao',), ...)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .errors import SamlabValueError
from .labels import CHOICE_LABELS, check_lang
from .translation import DEFAULT_LANG, LANGUAGES

#: The three modes, in the order Provan & Kenis present them (keys as the simulation lever).
MODES = ("shared", "lead_organisation", "nao")

#: The four contingencies of Provan & Kenis's Table 2.
CONTINGENCIES = ("trust_density", "participants", "goal_consensus", "competency_need")

#: The ordinal scale every contingency is judged on (for participants: few, moderate, many).
LEVELS = ("low", "moderate", "high")
PARTICIPANT_LEVELS = ("few", "moderate", "many")

#: What each mode fits, per contingency, as the set of levels on the three-point scale.
#: "moderately low" fits low or moderate; "moderately high" and "moderate to many" fit the
#: two upper levels. Source: Provan & Kenis (2008), Table 2, at the level of the course's
#: curriculum reference (verify the exact wording in the original).
FIT: dict[str, dict[str, tuple[str, ...]]] = {
    "shared": {
        "trust_density": ("high",),
        "participants": ("few",),
        "goal_consensus": ("high",),
        "competency_need": ("low",),
    },
    "lead_organisation": {
        "trust_density": ("low",),
        "participants": ("moderate",),
        "goal_consensus": ("low", "moderate"),
        "competency_need": ("moderate",),
    },
    "nao": {
        "trust_density": ("moderate",),
        "participants": ("moderate", "many"),
        "goal_consensus": ("moderate", "high"),
        "competency_need": ("high",),
    },
}

#: How each fit is worded in the table a leader reads.
FIT_TEXT: dict[str, dict[str, dict[str, str]]] = {
    "shared": {
        "trust_density": {"nb": "høy", "en": "high"},
        "participants": {"nb": "få", "en": "few"},
        "goal_consensus": {"nb": "høy", "en": "high"},
        "competency_need": {"nb": "lavt", "en": "low"},
    },
    "lead_organisation": {
        "trust_density": {
            "nb": "lav (og sterkt sentralisert rundt én aktør)",
            "en": "low (and highly centralised around one actor)",
        },
        "participants": {"nb": "moderat antall", "en": "moderate number"},
        "goal_consensus": {"nb": "moderat lav", "en": "moderately low"},
        "competency_need": {"nb": "moderat", "en": "moderate"},
    },
    "nao": {
        "trust_density": {
            "nb": "moderat (medlemmene følger med på nettverksenheten)",
            "en": "moderate (the members monitor the NAO)",
        },
        "participants": {"nb": "moderat til mange", "en": "moderate to many"},
        "goal_consensus": {"nb": "moderat høy", "en": "moderately high"},
        "competency_need": {"nb": "høyt", "en": "high"},
    },
}

CONTINGENCY_LABELS: dict[str, dict[str, str]] = {
    "trust_density": {"nb": "Tillitstetthet", "en": "Trust density"},
    "participants": {"nb": "Antall deltakere", "en": "Number of participants"},
    "goal_consensus": {"nb": "Målenighet", "en": "Goal consensus"},
    "competency_need": {
        "nb": "Behov for kompetanse på nettverksnivå",
        "en": "Need for network-level competencies",
    },
}

LEVEL_LABELS: dict[str, dict[str, str]] = {
    "low": {"nb": "lav", "en": "low"},
    "moderate": {"nb": "moderat", "en": "moderate"},
    "high": {"nb": "høy", "en": "high"},
    "few": {"nb": "få", "en": "few"},
    "many": {"nb": "mange", "en": "many"},
}

#: The three tensions (Provan & Kenis 2008). Every mode has to balance them; none is solved.
TENSIONS: dict[str, dict[str, dict[str, str]]] = {
    "efficiency_inclusiveness": {
        "name": {
            "nb": "Effektivitet mot inkludering",
            "en": "Efficiency versus inclusiveness",
        },
        "meaning": {
            "nb": "Alle skal ha en stemme, men jo flere som må bli enige, desto tregere går det.",
            "en": "Everyone should have a voice, but the more who must agree, the slower it goes.",
        },
    },
    "internal_external_legitimacy": {
        "name": {
            "nb": "Intern mot ekstern legitimitet",
            "en": "Internal versus external legitimacy",
        },
        "meaning": {
            "nb": "Nettverket trenger tillit både fra egne medlemmer og fra politikere, "
            "finansierere og brukere – og det som styrker den ene, kan svekke den andre.",
            "en": "The network needs the trust of its own members and of politicians, funders "
            "and users – and what strengthens one can weaken the other.",
        },
    },
    "flexibility_stability": {
        "name": {
            "nb": "Fleksibilitet mot stabilitet",
            "en": "Flexibility versus stability",
        },
        "meaning": {
            "nb": "Nettverket skal møte nye behov raskt, men også ha rutiner som overlever "
            "at ledere og ansatte slutter.",
            "en": "The network should meet new needs quickly, but also have routines that "
            "survive leaders and staff leaving.",
        },
    },
}

#: Teaching conventions (not from Provan & Kenis, who give no numbers): a trust density
#: below 0.40 is low, 0.40 up to 0.70 moderate, 0.70 or more high; up to 6 participants are
#: few, 7–12 moderate, 13 or more many.
DENSITY_CUTS = (0.40, 0.70)
PARTICIPANT_CUTS = (6, 12)

#: Trust scores are PARTNER-style ratings from 1 (low) to 4 (high).
TRUST_SCALE = (1, 4)


# --- names, in both languages ------------------------------------------------------------


def mode_name(mode: str, lang: str = DEFAULT_LANG) -> str:
    """The readable name of a mode, e.g. ``mode_name("nao", "nb")`` → "Nettverksenhet (NAO)"."""
    if mode not in MODES:
        raise SamlabValueError(f"unknown governance mode {mode!r}; allowed: {', '.join(MODES)}")
    return CHOICE_LABELS[mode][check_lang(lang)]


def mode_aliases() -> dict[str, str]:
    """Every accepted way to name a mode (nb and en, short and long) → its key.

    For :func:`samlab.checks.same_category`'s ``aliases``: capitalisation, spacing and
    hyphens are evened out by the check itself.
    """
    aliases = {mode: mode for mode in MODES}
    for mode in MODES:
        for lang in LANGUAGES:
            aliases[CHOICE_LABELS[mode][lang]] = mode
    aliases.update(
        {
            "shared governance": "shared",
            "delt": "shared",
            "delt styring": "shared",
            "participant-governed": "shared",
            "participant governed network": "shared",
            "deltakerstyrt": "shared",
            "deltakerstyrt nettverk": "shared",
            "lead organisation": "lead_organisation",
            "lead organization": "lead_organisation",
            "lead": "lead_organisation",
            "ledende organisasjon": "lead_organisation",
            "leder-organisasjon": "lead_organisation",
            "lederorganisasjon": "lead_organisation",
            "nettverksenhet": "nao",
            "nao": "nao",
            "network administrative organisation": "nao",
            "network administrative organization": "nao",
            "nettverksadministrativ organisasjon": "nao",
        }
    )
    return aliases


def level_aliases() -> dict[str, str]:
    """Accepted words for the levels (nb and en) → ``low`` / ``moderate`` / ``high``."""
    return {
        "low": "low",
        "lav": "low",
        "lavt": "low",
        "moderate": "moderate",
        "moderat": "moderate",
        "medium": "moderate",
        "middels": "moderate",
        "high": "high",
        "høy": "high",
        "høyt": "high",
        "hoy": "high",
    }


def tension_aliases() -> dict[str, str]:
    """Accepted names of the tensions (nb and en, with 'vs', 'versus', 'mot') → their key."""
    words = {
        "efficiency_inclusiveness": [
            ("efficiency", "inclusiveness"),
            ("effektivitet", "inkludering"),
        ],
        "internal_external_legitimacy": [
            ("internal", "external legitimacy"),
            ("internal legitimacy", "external legitimacy"),
            ("intern", "ekstern legitimitet"),
            ("intern legitimitet", "ekstern legitimitet"),
        ],
        "flexibility_stability": [("flexibility", "stability"), ("fleksibilitet", "stabilitet")],
    }
    aliases: dict[str, str] = {}
    for key, pairs in words.items():
        aliases[key] = key
        for lang in LANGUAGES:
            aliases[TENSIONS[key]["name"][lang]] = key
        for first, second in pairs:
            for joint in (" vs ", " vs. ", " versus ", " mot ", " og ", " and ", " / ", "/"):
                aliases[f"{first}{joint}{second}"] = key
    aliases.update(
        {
            "legitimacy": "internal_external_legitimacy",
            "legitimitet": "internal_external_legitimacy",
            "efficiency": "efficiency_inclusiveness",
            "inclusiveness": "efficiency_inclusiveness",
            "effektivitet": "efficiency_inclusiveness",
            "inkludering": "efficiency_inclusiveness",
            "flexibility": "flexibility_stability",
            "stability": "flexibility_stability",
            "fleksibilitet": "flexibility_stability",
            "stabilitet": "flexibility_stability",
        }
    )
    return aliases


# --- tables a leader reads ---------------------------------------------------------------


def mode_table(lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """One row per mode: its name and what Provan & Kenis expect it to fit (Table 2).

    The values are propositions, kept at the level low / moderate / high; see the module
    docstring.
    """
    check_lang(lang)
    mode_col = {"nb": "Styringsform", "en": "Governance mode"}[lang]
    rows = []
    for mode in MODES:
        row = {mode_col: mode_name(mode, lang)}
        for contingency in CONTINGENCIES:
            row[CONTINGENCY_LABELS[contingency][lang]] = FIT_TEXT[mode][contingency][lang]
        rows.append(row)
    return pd.DataFrame(rows).set_index(mode_col)


def tension_table(lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """The three tensions with a one-line meaning each."""
    check_lang(lang)
    name, meaning = {"nb": ("Spenning", "Hva den betyr"), "en": ("Tension", "What it means")}[lang]
    return pd.DataFrame(
        [{name: t["name"][lang], meaning: t["meaning"][lang]} for t in TENSIONS.values()]
    ).set_index(name)


# --- trust density -----------------------------------------------------------------------


def _as_frame(matrix: Any) -> pd.DataFrame:
    if isinstance(matrix, pd.DataFrame):
        return matrix.copy()
    if isinstance(matrix, Mapping):
        for row, inner in matrix.items():
            if not isinstance(inner, Mapping):
                raise SamlabValueError(
                    f"row {row!r} of the trust matrix is not a dict of scores; expected "
                    "{service: {other service: score 1–4, ...}, ...}"
                )
        return pd.DataFrame.from_dict({r: dict(v) for r, v in matrix.items()}, orient="index")
    raise SamlabValueError(
        "the trust matrix must be a pandas DataFrame or a dict of dicts (services × services), "
        f"got {type(matrix).__name__}"
    )


def _score(value: Any) -> float | None:
    """A score as a number, ``None`` if empty; raises ValueError if it is not a number."""
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        value = float(value.replace(",", ".").strip())
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError
    value = float(value)
    return None if math.isnan(value) else value


def check_trust_matrix(matrix: Any) -> pd.DataFrame:
    """The trust matrix as a float DataFrame with rows and columns in the same order.

    Rows are the services that give the score (who trusts), columns the services scored
    (whom they trust). It must be square with the same labels on both sides, and every
    off-diagonal cell must hold a score 1–4 (whole numbers). The diagonal (a service scoring
    itself) is not required and is ignored.

    Raises:
        SamlabValueError: naming the row/column that is wrong and what is allowed.
    """
    frame = _as_frame(matrix)
    rows = [str(r).strip() for r in frame.index]
    cols = [str(c).strip() for c in frame.columns]
    frame.index, frame.columns = rows, cols
    if len(rows) < 2:
        raise SamlabValueError("the trust matrix needs at least two services (rows)")
    for labels, side in ((rows, "row"), (cols, "column")):
        seen = set()
        for label in labels:
            if label in seen:
                raise SamlabValueError(
                    f"the {side} {label!r} appears twice; each service must appear once"
                )
            seen.add(label)
    if len(rows) != len(cols):
        raise SamlabValueError(
            f"the trust matrix must be square (services × services): it has {len(rows)} rows "
            f"and {len(cols)} columns"
        )
    if set(rows) != set(cols):
        only_rows = sorted(set(rows) - set(cols))
        only_cols = sorted(set(cols) - set(rows))
        parts = []
        if only_rows:
            parts.append(f"rows without a column: {', '.join(map(repr, only_rows))}")
        if only_cols:
            parts.append(f"columns without a row: {', '.join(map(repr, only_cols))}")
        raise SamlabValueError("rows and columns must name the same services; " + "; ".join(parts))
    frame = frame.loc[rows, rows]
    low, high = TRUST_SCALE
    clean = pd.DataFrame(float("nan"), index=rows, columns=rows)
    for r in rows:
        for c in rows:
            raw = frame.loc[r, c]
            try:
                value = _score(raw)
            except ValueError:
                raise SamlabValueError(
                    f"row {r!r}, column {c!r}: {raw!r} is not a score; allowed: whole numbers "
                    f"{low}–{high}"
                ) from None
            if r == c:
                continue  # a service's score of itself is not needed and not counted
            if value is None:
                raise SamlabValueError(
                    f"row {r!r}, column {c!r}: the score is missing; every pair of different "
                    f"services needs a score {low}–{high} (the diagonal may be empty)"
                )
            if value != int(value) or not low <= value <= high:
                raise SamlabValueError(
                    f"row {r!r}, column {c!r}: {raw!r} is not allowed; scores are whole numbers "
                    f"{low}–{high}"
                )
            clean.loc[r, c] = value
    return clean


def trust_density(matrix: Any, threshold: int = 3) -> float:
    """The share of ordered pairs of different services where one trusts the other enough.

    Definition: with *n* services, count the ordered pairs (i, j), i ≠ j, where service i's
    trust score for service j is at least ``threshold``, and divide by n(n − 1). Trust is
    directional (the school may trust BUP more than BUP trusts the school), so both
    directions count separately; the diagonal (self-scores) is ignored. With the default
    ``threshold=3`` on a 1–4 PARTNER-style scale, "trust" means a score of 3 or 4.

    ``matrix`` is a pandas DataFrame (rows: who scores, columns: who is scored, as
    ``pd.read_csv(path, index_col=0)`` gives it) or a dict of dicts ``{row: {column:
    score}}``. See :func:`check_trust_matrix` for what is allowed.

    Raises:
        SamlabValueError: for a malformed matrix, or a threshold outside 1–4.
    """
    low, high = TRUST_SCALE
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
        raise SamlabValueError(f"threshold must be a number {low}–{high}, got {threshold!r}")
    if not low <= threshold <= high:
        raise SamlabValueError(f"threshold must be between {low} and {high}, got {threshold!r}")
    clean = check_trust_matrix(matrix)
    n = len(clean)
    trusting = int((clean >= threshold).to_numpy().sum())  # NaN (diagonal) counts as False
    return trusting / (n * (n - 1))


# --- from numbers to levels --------------------------------------------------------------


def density_level(density: float) -> str:
    """``low`` below 0.40, ``moderate`` from 0.40 up to 0.70, ``high`` from 0.70.

    The cut-points are a teaching convention of the course; Provan & Kenis give none.
    """
    if isinstance(density, bool) or not isinstance(density, numbers.Real):
        raise SamlabValueError(f"trust density must be a number 0–1, got {density!r}")
    if not 0 <= density <= 1 or math.isnan(density):
        raise SamlabValueError(f"trust density must be between 0 and 1, got {density!r}")
    low_cut, high_cut = DENSITY_CUTS
    if density < low_cut:
        return "low"
    return "moderate" if density < high_cut else "high"


def participants_level(participants: int) -> str:
    """``few`` up to 6 services, ``moderate`` 7–12, ``many`` 13 or more (a course convention)."""
    if isinstance(participants, bool) or not isinstance(participants, numbers.Integral):
        raise SamlabValueError(
            f"participants must be a whole number of services, got {participants!r}"
        )
    if participants < 2:
        raise SamlabValueError(f"a network needs at least 2 participants, got {participants}")
    few, moderate = PARTICIPANT_CUTS
    if participants <= few:
        return "few"
    return "moderate" if participants <= moderate else "many"


def _level(value: Any, name: str, allowed: tuple[str, ...]) -> str:
    words = {**level_aliases(), "few": "few", "få": "few", "many": "many", "mange": "many"}
    if isinstance(value, str):
        key = words.get(value.strip().casefold(), value.strip().casefold())
        if key in allowed:
            return key
    raise SamlabValueError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")


@dataclass(frozen=True)
class Suggestion:
    """What :func:`suggest_mode` found.

    ``modes`` holds every mode with the top score (more than one if they tie), ``scores``
    the number of matching contingencies per mode (0–4), ``levels`` the inputs as levels.
    """

    modes: tuple[str, ...]
    scores: dict[str, int]
    levels: dict[str, str]
    matches: dict[str, dict[str, bool]] = field(repr=False)

    @property
    def tie(self) -> bool:
        """True when two or more modes share the top score."""
        return len(self.modes) > 1

    @property
    def mode(self) -> str | None:
        """The single best mode, or ``None`` when modes tie (look at ``modes``)."""
        return self.modes[0] if len(self.modes) == 1 else None

    def table(self, lang: str = DEFAULT_LANG) -> pd.DataFrame:
        """One row per mode: ✓ where a contingency fits, and the score."""
        check_lang(lang)
        score_col = {"nb": "Treff (av 4)", "en": "Matches (of 4)"}[lang]
        rows = {}
        for mode in MODES:
            row = {
                CONTINGENCY_LABELS[c][lang]: ("✓" if self.matches[mode][c] else "–")
                for c in CONTINGENCIES
            }
            row[score_col] = self.scores[mode]
            rows[mode_name(mode, lang)] = row
        return pd.DataFrame.from_dict(rows, orient="index")


def suggest_mode(
    trust_density: float | str,
    participants: int | str,
    goal_consensus: str,
    competency_need: str,
) -> Suggestion:
    """The governance mode(s) whose Provan & Kenis contingencies fit the network best.

    Scoring rule (transparent on purpose):

    1. Each input is put on a three-point ordinal scale: trust density, goal consensus and
       competency need as ``low`` / ``moderate`` / ``high``; participants as ``few`` /
       ``moderate`` / ``many``. Numbers are converted with :func:`density_level` and
       :func:`participants_level` (course conventions); words may be nb or en.
    2. For each mode, each contingency scores 1 if the network's level is among the levels
       that mode fits (:data:`FIT`), else 0. "Moderately low" fits low or moderate;
       "moderately high" and "moderate to many" fit moderate or the upper level.
    3. The mode(s) with the most matches (0–4) are returned; ties are reported, never broken.

    Provan & Kenis (2008) give propositions about when each mode is likely to be effective,
    not a decision rule: all four contingencies are weighted equally here only because the
    article gives no weights. Use the result to open a discussion, not to close it.
    """
    levels = {
        "trust_density": (
            density_level(trust_density)
            if isinstance(trust_density, numbers.Real) and not isinstance(trust_density, bool)
            else _level(trust_density, "trust_density", LEVELS)
        ),
        "participants": (
            participants_level(participants)
            if isinstance(participants, numbers.Integral) and not isinstance(participants, bool)
            else _level(participants, "participants", PARTICIPANT_LEVELS)
        ),
        "goal_consensus": _level(goal_consensus, "goal_consensus", LEVELS),
        "competency_need": _level(competency_need, "competency_need", LEVELS),
    }
    matches = {mode: {c: levels[c] in FIT[mode][c] for c in CONTINGENCIES} for mode in MODES}
    scores = {mode: sum(matches[mode].values()) for mode in MODES}
    top = max(scores.values())
    best = tuple(mode for mode in MODES if scores[mode] == top)
    return Suggestion(modes=best, scores=scores, levels=levels, matches=matches)
