"""The visible checks of the graded exercises, one call per answer.

A test cell that a participant sees holds one line, ``sjekk("levels", levels)`` in bokmål or
``check("levels", levels)`` in English. The function runs the checks the cell used to spell
out (form first, then the worked example), through :mod:`samlab.checks`, so a failure says
what was expected, what was given and why, in the participant's language.

    sjekk = exercise_checks.checker("ex1_concepts", lang="nb")
    sjekk("levels", levels)

Hidden tests are not here: they stay in the masters, out of the participants' sight.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import checks, concepts
from .errors import SamlabValueError
from .labels import check_lang

#: Exercise 1: the six situations, by id (their titles are in the notebook).
EX1_SITUATIONS = (
    "agreement_in_drawer",
    "absence_workshop",
    "advice_agreement",
    "mia_plan",
    "absence_routine",
    "transition_team",
)

_EX1 = {
    "levels": {
        "what": {"nb": "Nivåene (levels)", "en": "The levels (levels)"},
        "keys": {"nb": "Situasjonene i levels", "en": "The situations in levels"},
        "valid": {
            "nb": "alle nivåene er gyldige navn på kontinuumet",
            "en": "every level is a valid name on the continuum",
        },
        "example": {"nb": "Nivå for D. Én plan for Mia", "en": "Level for D. One plan for Mia"},
        "why": {
            "nb": "En skriftlig, forpliktende plan med fordelt ansvar og en koordinator er "
            "samordning: mer forpliktelse og formalisering enn samarbeid (Ledang og Horn).",
            "en": "A written, binding plan with shared-out responsibility and a coordinator is "
            "coordination (samordning): more commitment and formality than cooperation "
            "(Ledang and Horn).",
        },
    },
    "steps": {
        "what": {"nb": "Trinnene (steps)", "en": "The steps (steps)"},
        "keys": {"nb": "Situasjonene i steps", "en": "The situations in steps"},
        "valid": {
            "nb": "alle trinnene er gyldige trinn på samordningstrappen",
            "en": "every step is a valid step on the coordination ladder",
        },
        "example": {"nb": "Trinn for D. Én plan for Mia", "en": "Step for D. One plan for Mia"},
        "why": {
            "nb": "Felles mål og fordelte tiltak er en felles plan: trinn 4. Planen er ikke "
            "prøvd i hverdagen ennå, så det er ikke trinn 5.",
            "en": "Shared goals and shared-out measures make a joint plan: step 4. The plan has "
            "not been tried in everyday work yet, so it is not step 5.",
        },
    },
}
_EX1_COMMON = {
    "dict": {
        "nb": "svaret skal være en ordbok (dict): velg i menyene, eller skriv den som i "
        "kommentaren i svarcellen.",
        "en": "the answer must be a dictionary (dict): choose in the menus, or write it as in "
        "the comment in the answer cell.",
    },
    "keys_why": {
        "nb": "Det skal være ett svar for hver av de seks situasjonene (i menyene, eller som "
        "id-en i parentes i oversikten over situasjonene).",
        "en": "There must be one answer for each of the six situations (in the menus, or as the "
        "id in brackets in the list of situations).",
    },
    "unknown": {
        "nb": "{what}: ukjent svar {name!r}; svarene er {allowed}",
        "en": "{what}: unknown answer {name!r}; the answers are {allowed}",
    },
}


def ex1_placements(name: str, answer: Any, lang: str = "nb") -> None:
    """Exercise 1, parts 1 and 2: ``levels`` or ``steps`` is a full, valid placement dict,
    and the worked example (D. One plan for Mia) is placed as the module teaches."""
    if name not in _EX1:
        allowed = ", ".join(_EX1)
        raise ValueError(
            _EX1_COMMON["unknown"][lang].format(what="ex1", name=name, allowed=allowed)
        )
    words = {key: text[lang] for key, text in _EX1[name].items()}
    checks.answered(answer, words["what"], lang=lang)
    checks.is_true(isinstance(answer, dict), words["what"], _EX1_COMMON["dict"][lang], lang=lang)
    checks.same_items(
        list(answer),
        list(EX1_SITUATIONS),
        what=words["keys"],
        why=_EX1_COMMON["keys_why"][lang],
        lang=lang,
    )
    parse = concepts.parse_level if name == "levels" else concepts.parse_step
    for item, value in answer.items():
        try:
            parse(value, lang)
        except SamlabValueError as error:
            raise AssertionError(f"{item}: {error}") from None
    checks.ok(words["valid"], lang)
    given = {checks.normalise(k): v for k, v in answer.items()}
    example = parse(given[checks.normalise("mia_plan")], lang)
    if name == "levels":
        checks.same_category(
            example, "coordination", what=words["example"], why=words["why"], lang=lang
        )
    else:
        checks.close_to(example, 4, what=words["example"], why=words["why"], lang=lang, tolerance=0)


#: Exercise 2: the answers a menu offers (value, as the checks accept it) and the checks.
EX2_CHOICES = {
    "trust_level": {"nb": ["lav", "moderat", "høy"], "en": ["low", "moderate", "high"]},
    "mode": {
        "nb": ["delt styring", "ledende organisasjon", "nettverksenhet"],
        "en": ["shared governance", "lead organisation", "NAO"],
    },
    "tension": {
        "nb": [
            "effektivitet mot inkludering",
            "intern mot ekstern legitimitet",
            "fleksibilitet mot stabilitet",
        ],
        "en": [
            "efficiency versus inclusiveness",
            "internal versus external legitimacy",
            "flexibility versus stability",
        ],
    },
}
_EX2 = {
    "density": {
        "nb": "Tillitstettheten er en andel (et tall fra 0 til 1)",
        "en": "The trust density is a share (a number from 0 to 1)",
    },
    "density_why": {
        "nb": "Tettheten er antall par med tillit 3 eller 4 delt på antall ordnede par.",
        "en": "The density is the number of pairs with trust 3 or 4 divided by the ordered pairs.",
    },
    "trust_level": {
        "nb": "Svaret er et av nivåene lav, moderat eller høy",
        "en": "The answer is one of the levels low, moderate or high",
    },
    "mode": {
        "nb": "Svaret er en av de tre styringsformene",
        "en": "The answer is one of the three governance modes",
    },
    "tension": {
        "nb": "Svaret er en av de tre spenningene",
        "en": "The answer is one of the three tensions",
    },
}


def ex2_governance(name: str, answer: Any, lang: str = "nb") -> None:
    """Exercise 2: the density is a share; the level, mode and tension are allowed words."""
    from . import governance

    if name == "density":
        checks.close_to(
            answer,
            0.5,
            tolerance=0.5,
            what=_EX2["density"][lang],
            why=_EX2["density_why"][lang],
            lang=lang,
        )
        return
    if name not in EX2_CHOICES:
        allowed = ", ".join(["density", *EX2_CHOICES])
        raise ValueError(f"ex2: unknown answer {name!r}; the answers are {allowed}")
    aliases = {
        "trust_level": governance.level_aliases,
        "mode": governance.mode_aliases,
        "tension": governance.tension_aliases,
    }[name]()
    checks.same_category(
        answer,
        answer,
        what=_EX2[name][lang],
        allowed=EX2_CHOICES[name][lang],
        aliases=aliases,
        lang=lang,
    )


_EX3 = {
    "n_services": {"nb": "Antall tjenester (n_services)", "en": "Number of services (n_services)"},
    "n_services_why": {
        "nb": "Hver tjeneste som står i fra- eller til-kolonnen, telles én gang.",
        "en": "Every service in the from or to column counts once.",
    },
    "n_ties": {"nb": "Antall bånd (n_ties)", "en": "Number of ties (n_ties)"},
    "a_number": {"nb": "skriv et tall, for eksempel 12.", "en": "write a number, for example 12."},
    "density": {
        "nb": "Tettheten regnet med dine tall",
        "en": "The density computed with your numbers",
    },
    "density_why": {
        "nb": "Tettheten er 2E / (n(n − 1)): to ganger antall bånd, delt på antall tjenester "
        "ganger antall tjenester minus én.",
        "en": "Density is 2E / (n(n − 1)): twice the number of ties, divided by the number of "
        "services times the number of services minus one.",
    },
    "unknown": {
        "nb": "{name!r} er ikke en tjeneste i nettverket. Tjenestene er: {known}.",
        "en": "{name!r} is not a service in the network. The services are: {known}.",
    },
    "most_partners": {
        "nb": "Tjenesten med flest partnere (most_partners)",
        "en": "The service with most partners (most_partners)",
    },
    "broker": {"nb": "Megleren (broker)", "en": "The broker (broker)"},
    "single_points_of_failure": {
        "nb": "De sårbare punktene (single_points_of_failure)",
        "en": "The single points of failure (single_points_of_failure)",
    },
    "a_list": {
        "nb": 'skriv en liste med navn, for eksempel ["A", "B"], eller kryss av.',
        "en": 'write a list of names, for example ["A", "B"], or tick the boxes.',
    },
    "new_tie": {"nb": "Det nye båndet (new_tie)", "en": "The new tie (new_tie)"},
    "a_pair": {
        "nb": 'skriv to ulike tjenester som et par, for eksempel ("A", "B"), eller kryss av to.',
        "en": 'write two different services as a pair, for example ("A", "B"), or tick two.',
    },
    "exists": {
        "nb": "{a} – {b} finnes allerede. Et nytt bånd må være mellom to tjenester som ikke har "
        "et bånd i dag.",
        "en": "{a} – {b} already exists. A new tie must be between two services that have no "
        "tie today.",
    },
    "ok_service": {
        "nb": "{name} er en tjeneste i nettverket",
        "en": "{name} is a service in the network",
    },
    "ok_services": {
        "nb": "single_points_of_failure er tjenester i nettverket",
        "en": "single_points_of_failure are services in the network",
    },
    "ok_tie": {
        "nb": "new_tie er et par av tjenester uten bånd i dag",
        "en": "new_tie is a pair of services with no tie today",
    },
}


def _ex3_network(folder: str, lang: str):
    """The exercise's network (in ``lang``) and every service name in nb or en -> its name
    in the key graph, read from the two CSV files in ``folder``."""
    import pandas as pd

    from . import network_map

    folder_path = Path(folder)
    graph = network_map.read_network(folder_path / f"fjordvik_youth_network_{lang}.csv", lang=lang)
    other = "en" if lang == "nb" else "nb"
    rows = {
        x: pd.read_csv(folder_path / f"fjordvik_youth_network_{x}.csv").iloc[:, :2]
        for x in (lang, other)
    }
    names = {
        checks.normalise(a): b
        for a, b in zip(rows[other].values.ravel(), rows[lang].values.ravel(), strict=True)
    }
    names.update({checks.normalise(b): b for b in rows[lang].values.ravel()})
    return graph, names


def ex3_network(name: str, *answer: Any, lang: str = "nb", folder: str = ".") -> None:
    """Exercise 3: the counts and density fit together; every name is a service; the new tie
    is two services with no tie today."""
    words = {key: text[lang] for key, text in _EX3.items()}
    graph, names = _ex3_network(folder, lang)

    def service(value: Any) -> str:
        if not (isinstance(value, str) and checks.normalise(value) in names):
            known = ", ".join(sorted(graph.nodes))
            raise AssertionError(_EX3["unknown"][lang].format(name=value, known=known))
        return names[checks.normalise(value)]

    if name == "density":
        n_services, n_ties, density = answer
        checks.close_to(
            n_services,
            graph.number_of_nodes(),
            what=words["n_services"],
            why=words["n_services_why"],
            lang=lang,
            tolerance=0,
        )
        checks.answered(n_ties, words["n_ties"], lang=lang)
        try:
            own_e = float(str(n_ties).replace(",", "."))
            own_n = float(str(n_services).replace(",", "."))
        except ValueError:
            raise AssertionError(f"{words['n_ties']}: {words['a_number']}") from None
        checks.close_to(
            density,
            2 * own_e / (own_n * (own_n - 1)),
            what=words["density"],
            why=words["density_why"],
            lang=lang,
            tolerance=0.005,
        )
    elif name in ("most_partners", "broker"):
        (value,) = answer
        checks.answered(value, words[name], lang=lang)
        for item in [value] if isinstance(value, str) else value:
            service(item)
        checks.ok(_EX3["ok_service"][lang].format(name=name), lang)
    elif name == "single_points_of_failure":
        (value,) = answer
        checks.answered(value, words[name], lang=lang)
        items = [value] if isinstance(value, str) else value
        checks.is_true(
            not isinstance(items, dict) and hasattr(items, "__iter__"),
            words[name],
            words["a_list"],
            lang=lang,
        )
        for item in items:
            service(item)
        checks.ok(words["ok_services"], lang)
    elif name == "new_tie":
        (value,) = answer
        checks.answered(value, words[name], lang=lang)
        pair = not isinstance(value, (str, dict)) and len(value) == 2
        checks.is_true(pair, words[name], words["a_pair"], lang=lang)
        tie_a, tie_b = (service(item) for item in value)
        checks.is_true(tie_a != tie_b, words[name], words["a_pair"], lang=lang)
        if graph.to_undirected().has_edge(tie_a, tie_b):
            exists = _EX3["exists"][lang].format(a=tie_a, b=tie_b)
            raise AssertionError(f"{words[name]}: {exists}")
        checks.ok(words["ok_tie"], lang)
    else:
        allowed = "density, most_partners, broker, single_points_of_failure, new_tie"
        raise ValueError(f"ex3: unknown answer {name!r}; the answers are {allowed}")


_EX4 = {
    "legal_paths": {"nb": "De lovlige veiene (legal_paths)", "en": "The legal paths (legal_paths)"},
    "bti_levels": {"nb": "BTI-nivåene (bti_levels)", "en": "The BTI levels (bti_levels)"},
    "dict": {
        "nb": "svaret skal være en ordbok (dict): velg i menyene, eller skriv den som i "
        "kommentaren i svarcellen.",
        "en": "the answer must be a dictionary (dict): choose in the menus, or write it as in "
        "the comment in the answer cell.",
    },
    "stories": {"nb": "Historiene i {name}", "en": "The stories in {name}"},
    "stories_why": {
        "nb": "Det skal være ett svar for hver av de seks historiene: A, B, C, D, E og F (én "
        "meny for hver, eller én nøkkel for hver i ordboken).",
        "en": "There must be one answer for each of the six stories: A, B, C, D, E and F (one "
        "menu each, or one key each in the dictionary).",
    },
    "path_names": {"nb": "Navnene på de lovlige veiene", "en": "The names of the legal paths"},
    "path_allowed": {
        "nb": "bruk en av: samtykke, opplysningsplikt, avvergeplikt, opplysningsrett, anonym "
        "drøfting (norsk eller engelsk navn). Ukjent: {unknown}",
        "en": "use one of: consent, duty to inform, duty to avert, right to share, anonymous "
        "discussion (English or Norwegian name). Unknown: {unknown}",
    },
    "ok_paths": {
        "nb": "alle svarene er navn på lovlige veier",
        "en": "all answers name legal paths",
    },
    "example_path": {"nb": "Lovlig vei for A (Emil)", "en": "Legal path for A (Emil)"},
    "example_path_why": {
        "nb": "Emil forteller at han ofte er alene hjemme i flere døgn uten mat. Da er det grunn "
        "til å tro at han blir utsatt for alvorlig omsorgssvikt, og opplysningsplikten gjelder: "
        "den går foran taushetsplikten, krever ikke samtykke, og læreren trenger ikke å være "
        "sikker.",
        "en": "Emil says he is often home alone for several days without food. Then there is "
        "reason to believe he is exposed to serious neglect, and the duty to inform "
        "(opplysningsplikt) applies: it overrides confidentiality, needs no consent, and the "
        "teacher need not be certain.",
    },
    "level_values": {"nb": "BTI-nivåene", "en": "The BTI levels"},
    "level_allowed": {
        "nb": "hvert nivå skal være et tall fra 0 til 3 (eller «nivå 2»). Ugyldig: {bad}",
        "en": "each level must be a number from 0 to 3 (or 'level 2'). Not valid: {bad}",
    },
    "ok_levels": {
        "nb": "alle nivåene er tall fra 0 til 3",
        "en": "all levels are numbers from 0 to 3",
    },
    "example_level": {
        "nb": "BTI-nivå for C (Jonas i november)",
        "en": "BTI level for C (Jonas in November)",
    },
    "example_level_why": {
        "nb": "Skolen og helsesykepleieren – to tjenester – samarbeider om tiltak for Jonas. "
        "Enkelt samarbeid mellom to tjenester er nivå 2.",
        "en": "The school and the school nurse – two services – work together on measures for "
        "Jonas. Simple cross-service work between two services is level 2.",
    },
    "ip_koordinator": {
        "nb": "Rett til IP og koordinator (ip_koordinator)",
        "en": "Right to an IP and a koordinator (ip_koordinator)",
    },
    "barnekoordinator": {
        "nb": "Rett til barnekoordinator (barnekoordinator)",
        "en": "Right to a barnekoordinator (barnekoordinator)",
    },
    "names_list": {
        "nb": 'svaret skal være en mengde eller liste med navn, for eksempel {"Mia"}, eller '
        "kryss av i boksene.",
        "en": 'the answer must be a set or a list of names, for example {"Mia"}, or tick the '
        "boxes.",
    },
    "names": {"nb": "Navnene i svaret", "en": "The names in the answer"},
    "names_allowed": {
        "nb": "bruk navnene fra saksmappene: {known}. Ukjent: {unknown}",
        "en": "use the names from the case files: {known}. Unknown: {unknown}",
    },
    "and": {"nb": " og ", "en": " and "},
    "ok_names": {
        "nb": "alle navnene er barn fra saksmappene",
        "en": "all names are children from the case files",
    },
    "mia": {"nb": "Mia og barnekoordinator", "en": "Mia and the barnekoordinator"},
    "mia_why": {
        "nb": "Mia mangler. Familien hennes oppfyller begge vilkårene: alvorlig sykdom, skade "
        "eller nedsatt funksjonsevne hos barnet, og behov for langvarige, sammensatte tjenester.",
        "en": "Mia is missing. Her family meets both conditions: a child with serious illness, "
        "injury or disability, and a need for long-term, composite services.",
    },
    "log_breaks": {
        "nb": "Bruddene i stafettloggen (log_breaks)",
        "en": "The breaks in the stafettlogg (log_breaks)",
    },
    "rows": {"nb": "Radnumrene i svaret", "en": "The row numbers in your answer"},
    "rows_allowed": {
        "nb": "bruk radnumrene i kolonnen «rad» i tabellen ({first}–{last}). Finnes ikke: "
        "{missing}",
        "en": "use the row numbers in the 'row' column of the table ({first}–{last}). Not "
        "found: {missing}",
    },
    "ok_rows": {
        "nb": "alle typene finnes, og alle radnumrene er rader i loggen",
        "en": "every type exists, and every row number is a row of the log",
    },
    "baton": {"nb": "Stafetten i rad 17", "en": "The baton in row 17"},
    "baton_why": {
        "nb": "se på rad 17 igjen. Stafetten gis videre, men står det noe sted i loggen at den "
        "nye stafettholderen har tatt imot den? Stafettholderen beholder stafettpinnen til en "
        "ny har tatt imot den.",
        "en": "look at row 17 again. The baton is passed on, but does the log show anywhere that "
        "the new baton holder accepted it? The stafettholder keeps the baton until a successor "
        "has accepted it.",
    },
}


def ex4_law(
    name: str,
    *answer: Any,
    lang: str = "nb",
    cases: dict[str, Any] | None = None,
    children: dict[str, Any] | None = None,
    log: Any = None,
) -> None:
    """Exercise 4: the legal paths and BTI levels name a path or a level for each story, and
    the worked example is right (``legal_paths``: A, ``bti_levels``: C); the children named
    for the roles are in the case files and Mia's family has a barnekoordinator (``roles``:
    ip_koordinator, barnekoordinator); the breaks are types and rows of the log, and the
    baton in row 17 is found (``log_breaks``). ``cases``, ``children`` and ``log`` are the
    notebook's stories, case files and stafettlogg."""
    from . import law

    if cases is None or children is None or log is None:
        raise ValueError(
            "ex4: the check needs the notebook's data: "
            'checker("ex4_law_and_bti", LANG, cases=CASES, children=CHILDREN, log=log)'
        )
    words = {key: text[lang] for key, text in _EX4.items()}
    if name in ("legal_paths", "bti_levels"):
        (value,) = answer
        what = words[name]
        checks.answered(value, what, lang=lang)
        checks.is_true(isinstance(value, dict), what, words["dict"], lang=lang)
        checks.same_items(
            list(value),
            list(cases),
            what=words["stories"].format(name=name),
            why=words["stories_why"],
            lang=lang,
        )
        given = {checks.normalise(k): v for k, v in value.items()}
        if name == "legal_paths":
            aliases = law.path_aliases()
            unknown = [v for v in value.values() if checks.normalise(str(v)) not in aliases]
            allowed = words["path_allowed"].format(unknown=", ".join(map(repr, unknown)))
            checks.is_true(not unknown, words["path_names"], allowed, lang=lang)
            checks.ok(words["ok_paths"], lang)

            def label(path: Any) -> Any:  # the path's name in the participant's language
                key = aliases.get(checks.normalise(str(path)))
                return law.LEGAL_PATHS[key]["name"][lang] if key else path

            checks.same_category(
                label(given["a"]),
                label(law.route(cases["A"]).path),
                what=words["example_path"],
                why=words["example_path_why"],
                lang=lang,
                aliases=aliases,
            )
            return
        levels, bad = {}, []
        for case, level in given.items():
            try:
                levels[case] = law.parse_level(level)
            except SamlabValueError:
                bad.append(level)
        allowed = words["level_allowed"].format(bad=", ".join(map(repr, bad)))
        checks.is_true(not bad, words["level_values"], allowed, lang=lang)
        checks.ok(words["ok_levels"], lang)
        checks.close_to(
            levels["c"],
            law.route(cases["C"]).level,
            what=words["example_level"],
            why=words["example_level_why"],
            lang=lang,
            tolerance=0,
        )
    elif name == "roles":
        known = list(children)
        for value, key in zip(answer, ("ip_koordinator", "barnekoordinator"), strict=True):
            checks.answered(value, words[key], lang=lang)
            is_list = isinstance(value, Iterable) and not isinstance(value, (str, dict))
            checks.is_true(is_list, words[key], words["names_list"], lang=lang)
        ip_koordinator, barnekoordinator = answer
        normal = {checks.normalise(child) for child in known}
        unknown = [
            n
            for n in [*ip_koordinator, *barnekoordinator]
            if checks.normalise(str(n)) not in normal
        ]
        names = ", ".join(known[:-1]) + words["and"] + known[-1]
        allowed = words["names_allowed"].format(known=names, unknown=", ".join(map(repr, unknown)))
        checks.is_true(not unknown, words["names"], allowed, lang=lang)
        checks.ok(words["ok_names"], lang)
        mia = "mia" in {checks.normalise(str(n)) for n in barnekoordinator}
        checks.is_true(mia, words["mia"], words["mia_why"], lang=lang)
    elif name == "log_breaks":
        (value,) = answer
        what = words["log_breaks"]
        checks.answered(value, what, lang=lang)
        found = law.parse_breaks(value, what=what, lang=lang)
        rows = sorted(log.entries.index)
        missing = sorted(row for row, _ in found if row not in set(rows))
        allowed = words["rows_allowed"].format(
            first=rows[0], last=rows[-1], missing=", ".join(map(str, missing))
        )
        checks.is_true(not missing, words["rows"], allowed, lang=lang)
        checks.ok(words["ok_rows"], lang)
        baton = (17, "baton_not_accepted") in found
        checks.is_true(baton, words["baton"], words["baton_why"], lang=lang)
    else:
        allowed = "legal_paths, bti_levels, roles, log_breaks"
        raise ValueError(f"ex4: unknown answer {name!r}; the answers are {allowed}")


_EX5 = {
    "package": {"nb": "Pakken (package)", "en": "The package (package)"},
    "dict": {
        "nb": 'skriv pakken som en ordbok (dict), for eksempel {"scenario": "silo", '
        '"co_location": True}, eller velg i menyene.',
        "en": 'write the package as a dictionary (dict), for example {"scenario": "silo", '
        '"co_location": True}, or choose in the menus.',
    },
    "no_scenario": {
        "nb": "scenarioet {value!r} finnes ikke; velg ett av {known}",
        "en": "there is no scenario {value!r}; choose one of {known}",
    },
    "no_lever": {
        "nb": "{key!r} er ikke navnet på et virkemiddel; virkemidlene heter {known}",
        "en": "{key!r} is not the name of a lever; the levers are {known}",
    },
    "bad_type": {
        "nb": "verdien for {key!r} må være et tall, True/False eller en tekst, ikke {value!r}",
        "en": "the value for {key!r} must be a number, True/False or a text, not {value!r}",
    },
    "bad_value": {
        "nb": "{key!r} kan ikke være {value!r}. Se kolonnen «tillatte verdier» i tabellen over "
        "virkemidlene, og skriv tall med punktum: 0.5, ikke 0,5 (samlab sier: {error})",
        "en": "{key!r} cannot be {value!r}. See the column 'allowed values' in the table of "
        "levers (samlab says: {error})",
    },
    "budget": {"nb": "Budsjettet", "en": "The budget"},
    "over": {
        "nb": "pakken koster {extra:.2f} mill. kr mer per år enn siloene, men rammen er 1,5 mill. "
        "kr. I modellen er det kapasitet (capacity), samlokalisering (co_location) og en egen "
        "nettverksenhet (governance nao) som koster kroner.",
        "en": "the package costs NOK {extra:.2f} million more per year than the silos, but the "
        "limit is NOK 1.5 million. In the model, capacity (capacity), co-location (co_location) "
        "and a network administrative unit (governance nao) cost money.",
    },
    "target": {
        "nb": "Pakken har riktig form. Ved rettingen kjøres modellen med pakken og frøene 1–4, og "
        "budsjettet og begge målene sjekkes.",
        "en": "The package has the right form. At grading the model is run with the package and "
        "the seeds 1–4, and the budget and both targets are checked.",
    },
    "diff": {
        "nb": "Forskjellen i barn som falt mellom tjenestene (diff_lost)",
        "en": "The difference in children lost between services (diff_lost)",
    },
    "a_number": {
        "nb": "skriv et tall, for eksempel -12.5",
        "en": "write a number, for example -12.5",
    },
    "interval": {
        "nb": "Intervallet for forskjellen (interval_lost)",
        "en": "The interval for the difference (interval_lost)",
    },
    "two": {
        "nb": "skriv intervallet som en liste med to tall, [nedre, øvre], for eksempel "
        "[-20.5, -8.0], eller fyll inn begge feltene",
        "en": "write the interval as a list of two numbers, [lower, upper], for example "
        "[-20.5, -8.0], or fill in both fields",
    },
    "numbers": {
        "nb": "Tallene (diff_lost og interval_lost): skriv ett tall i diff_lost og to tall i "
        "interval_lost; du skrev {diff!r} og {interval!r}",
        "en": "The numbers (diff_lost and interval_lost): write one number in diff_lost and two "
        "numbers in interval_lost; you wrote {diff!r} and {interval!r}",
    },
    "order": {
        "nb": "det første tallet (diff_ci_low) skal være det minste",
        "en": "the first number (diff_ci_low) must be the smaller one",
    },
    "inside": {
        "nb": "diff_lost skal ligge inne i intervallet; sjekk at alle tre tallene er fra samme "
        "rad (pakken din, lost_between_services)",
        "en": "diff_lost should lie inside the interval; check that all three numbers come from "
        "the same row (your package, lost_between_services)",
    },
}


def ex5_experiment(name: str, *answer: Any, lang: str = "nb") -> None:
    """Exercise 5: the package is valid and within budget (``package``), has the form the
    grading runs (``package_target``), and the numbers read from the table fit together
    (``read``: diff_lost, interval_lost)."""
    from .costs import budget
    from .experiments import resolve
    from .lever_catalogue import LEVERS
    from .scenario_catalogue import SCENARIOS

    words = {key: text[lang] for key, text in _EX5.items()}
    if name in ("package", "package_target"):
        (package,) = answer
        checks.answered(package, words["package"], lang=lang)
        checks.is_true(isinstance(package, dict), words["package"], words["dict"], lang=lang)
        if name == "package_target":
            print(words["target"])
            return
        known_levers = [lever.describe()["name"] for lever in LEVERS]
        known_scenarios = [scenario.describe()["id"] for scenario in SCENARIOS]
        problems = []
        for key, value in package.items():
            if key == "scenario":
                if value not in known_scenarios:
                    problems.append(words["no_scenario"].format(value=value, known=known_scenarios))
            elif key not in known_levers:
                problems.append(words["no_lever"].format(key=key, known=known_levers))
            elif not isinstance(value, (bool, int, float, str)):
                problems.append(words["bad_type"].format(key=key, value=value))
            else:
                try:
                    resolve("silo", **{key: value})
                except SamlabValueError as error:
                    problems.append(words["bad_value"].format(key=key, value=value, error=error))
        checks.is_true(not problems, words["package"], "; ".join(problems), lang=lang)
        changes = {key: value for key, value in package.items() if key != "scenario"}
        chosen = resolve(package.get("scenario", "silo"), **changes)
        extra = (
            budget(chosen, children=600, weeks=52)["cost_nok"]
            - budget(resolve("silo"), children=600, weeks=52)["cost_nok"]
        )
        over = words["over"].format(extra=extra / 1e6)
        checks.is_true(extra <= 1_500_000, words["budget"], over, lang=lang)
    elif name == "read":
        diff_lost, interval_lost = answer
        checks.answered(diff_lost, words["diff"], lang=lang)
        number = isinstance(diff_lost, (int, float, str)) and not isinstance(diff_lost, bool)
        checks.is_true(number, words["diff"], words["a_number"], lang=lang)
        checks.answered(interval_lost, words["interval"], lang=lang)
        pair = isinstance(interval_lost, (list, tuple)) and len(interval_lost) == 2
        checks.is_true(pair, words["interval"], words["two"], lang=lang)
        try:
            low, high = (float(str(end).replace(",", ".")) for end in interval_lost)
            middle = float(str(diff_lost).replace(",", "."))
        except ValueError:
            message = words["numbers"].format(diff=diff_lost, interval=interval_lost)
            raise AssertionError(message) from None
        checks.is_true(low <= high, words["interval"], words["order"], lang=lang)
        inside = low - 0.5 <= middle <= high + 0.5
        checks.is_true(inside, words["interval"], words["inside"], lang=lang)
    else:
        allowed = "package, package_target, read"
        raise ValueError(f"ex5: unknown answer {name!r}; the answers are {allowed}")


#: Exercise 6: the words a menu offers for question 5.
EX6_VERDICTS = {"nb": ["ja", "nei", "for tidlig"], "en": ["yes", "no", "too early"]}
_EX6 = {
    "median": (
        {
            "nb": "Medianen ligger mellom laveste og høyeste måling før endringen",
            "en": "The median lies between the lowest and highest measurement before the change",
        },
        {
            "nb": "medianen må ligge mellom den laveste og den høyeste av de 12 første målingene.",
            "en": "the median must lie between the lowest and the highest of the first 12 "
            "measurements.",
        },
    ),
    "shift": (
        {
            "nb": "Skiftet er minst seks punkter langt",
            "en": "The shift is at least six points long",
        },
        {
            "nb": "oppgi første og siste punkt (1–24), og et skift har minst seks punkter.",
            "en": "give the first and last point (1–24), and a shift has at least six points.",
        },
    ),
    "trend": (
        {"nb": "Trenden er minst fem punkter lang", "en": "The trend is at least five points long"},
        {
            "nb": "oppgi første og siste punkt (1–24), og en trend har minst fem punkter.",
            "en": "give the first and last point (1–24), and a trend has at least five points.",
        },
    ),
    "runs": (
        {
            "nb": "Antall løp er et helt tall mellom 1 og antall punkter",
            "en": "The number of runs is a whole number between 1 and the number of points",
        },
        {
            "nb": "et løp er ett eller flere punkter på rad på samme side av medianen.",
            "en": "a run is one or more points in a row on the same side of the median.",
        },
    ),
    "improved": (
        {"nb": "Svaret er ja, nei eller for tidlig", "en": "The answer is yes, no or too early"},
        {"nb": "", "en": ""},
    ),
    "levels": (
        {
            "nb": "Svaret har et nivå 0–5 for hvert av tiltakene A–D",
            "en": "The answer has a level 0–5 for each of the measures A–D",
        },
        {
            "nb": 'skriv en ordbok som {"A": 1, "B": 1, "C": 1, "D": 1} med tall fra 0 til 5, '
            "eller velg i menyene.",
            "en": 'write a dictionary like {"A": 1, "B": 1, "C": 1, "D": 1} with numbers from 0 '
            "to 5, or choose in the menus.",
        },
    ),
}


def _whole(value: Any, what: str, lang: str) -> int:
    checks.answered(value, what, lang=lang)
    number = checks._number(value, what, lang)
    if not number.is_integer():
        checks.is_true(False, what, _EX6["runs"][1][lang], lang=lang)
    return int(number)


def ex6_improvement(
    name: str, *answer: Any, lang: str = "nb", weeks: list[float] | None = None
) -> None:
    """Exercise 6: the run chart answers are in range, the verdict and levels are allowed."""
    from . import improvement

    if name not in _EX6:
        raise ValueError(f"ex6: unknown answer {name!r}; the answers are {', '.join(_EX6)}")
    what, why = (text[lang] for text in _EX6[name])
    weeks = list(weeks or [])
    if name == "median":
        (value,) = answer
        number = checks._number(value, what, lang)
        checks.is_true(min(weeks[:12]) <= number <= max(weeks[:12]), what, why, lang=lang)
    elif name in ("shift", "trend"):
        first, last = (_whole(v, what, lang) for v in answer)
        shortest = 6 if name == "shift" else 5
        ok = 1 <= first <= last <= len(weeks) and last - first + 1 >= shortest
        checks.is_true(ok, what, why, lang=lang)
    elif name == "runs":
        (value,) = answer
        checks.is_true(1 <= _whole(value, what, lang) <= len(weeks), what, why, lang=lang)
    elif name == "improved":
        (value,) = answer
        checks.same_category(
            value,
            value,
            what=what,
            allowed=EX6_VERDICTS[lang],
            aliases=improvement.verdict_aliases(),
            lang=lang,
        )
    else:
        (value,) = answer
        checks.answered(value, what, lang=lang)
        ok = (
            isinstance(value, dict)
            and {checks.normalise(k) for k in value} == {"a", "b", "c", "d"}
            and all(v in range(6) for v in value.values())
        )
        checks.is_true(ok, what, why, lang=lang)


_EX7 = {
    "what": {"nb": "Pakken (package)", "en": "The package (package)"},
    "dict": {
        "nb": 'pakken skal være en ordbok (dict), for eksempel {"scenario": "silo", '
        '"coordinator_coverage": 0.3}, eller velg i menyene.',
        "en": 'the package must be a dictionary (dict), for example {"scenario": "silo", '
        '"coordinator_coverage": 0.3}, or choose in the menus.',
    },
    "unusable": {
        "nb": "pakken kan ikke brukes i simuleringen: {error}",
        "en": "the package cannot be used in the simulation: {error}",
    },
    "changes": {"nb": "Pakken endrer noe", "en": "The package changes something"},
    "same": {
        "nb": "pakken er den samme som siloscenarioet. Velg et annet scenario eller endre minst "
        "ett virkemiddel.",
        "en": "the package is the same as the silo scenario. Choose another scenario or change "
        "at least one lever.",
    },
    "cost": {
        "nb": "Ekstra kostnad: {extra} kr i året; samarbeid på systemnivå: {hours} timer i uka; "
        "NAO: {nao} timer i uka.",
        "en": "Extra cost: {extra} kroner a year; system-level collaboration: {hours} hours a "
        "week; NAO: {nao} hours a week.",
    },
    "frame": {
        "nb": "Pakken er innenfor rammen på 1,5 millioner kroner i året",
        "en": "The package is within the frame of 1.5 million kroner a year",
    },
    "over": {
        "nb": "pakken koster {extra} kr i året mer enn siloscenarioet, og rammen er 1 500 000 kr. "
        "NAO, samlokalisering og økt kapasitet koster penger; de andre virkemidlene koster tid. "
        "Velg bort noe, eller skru ned.",
        "en": "the package costs {extra} kroner a year more than the silo scenario, and the frame "
        "is 1,500,000 kroner. The NAO, co-location and extra capacity cost money; the other "
        "levers cost time. Drop something, or turn it down.",
    },
}


def ex7_package(name: str, answer: Any, lang: str = "nb") -> None:
    """Exercise 7, part 3a: the package runs in the model, changes something and stays within
    the frame of NOK 1.5 million a year (the cost is printed)."""
    from .costs import budget
    from .experiments import resolve

    if name != "package":
        raise ValueError(f"ex7: unknown answer {name!r}; the answer is package")
    words = {key: text[lang] for key, text in _EX7.items()}
    checks.answered(answer, words["what"], lang=lang)
    checks.is_true(isinstance(answer, dict), words["what"], words["dict"], lang=lang)
    try:
        chosen = resolve(**answer)
    except (SamlabValueError, TypeError) as error:
        raise AssertionError(f"{words['what']}: {words['unusable'].format(error=error)}") from None
    silo = resolve("silo")
    changed = [lever for lever in silo if chosen[lever] != silo[lever]]
    checks.is_true(bool(changed), words["changes"], words["same"], lang=lang)
    cost = budget(chosen, children=600, weeks=52)
    extra = cost["cost_nok"] - budget(silo, children=600, weeks=52)["cost_nok"]
    comma, point = (" ", ",") if lang == "nb" else (",", ".")
    shown = {
        "extra": f"{extra:,.0f}".replace(",", comma),
        "hours": f"{cost['collaboration_hours_per_week']:.1f}".replace(".", point),
        "nao": f"{cost['nao_hours_per_week']:.1f}".replace(".", point),
    }
    print(words["cost"].format(**shown))
    checks.is_true(
        extra <= 1_500_000 + 0.5, words["frame"], words["over"].format(**shown), lang=lang
    )


_CHECKS: dict[str, Callable[..., None]] = {
    "ex1_concepts": ex1_placements,
    "ex2_governance_mode": ex2_governance,
    "ex3_network_mapping": ex3_network,
    "ex4_law_and_bti": ex4_law,
    "ex5_simulation_experiment": ex5_experiment,
    "ex6_improvement_and_evidence": ex6_improvement,
    "ex7_capstone_memo": ex7_package,
}


def checker(exercise: str, lang: str = "nb", **context: Any) -> Callable[..., None]:
    """The one-line check of an exercise: ``check(name, answer)`` for each of its answers
    (``check(name, first, last)`` where one question has two). ``context`` is the exercise's
    data the checks need (exercise 4: ``cases``, ``children`` and ``log``; exercise 6:
    ``weeks``)."""
    lang = check_lang(lang)
    if exercise not in _CHECKS:
        raise ValueError(
            f"no visible checks for {exercise!r}; the exercises with checks are "
            f"{', '.join(sorted(_CHECKS))}"
        )
    run = _CHECKS[exercise]

    def check(name: str, *answer: Any) -> None:
        run(name, *answer, lang=lang, **context)

    check.__doc__ = run.__doc__
    return check
