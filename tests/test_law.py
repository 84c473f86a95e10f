"""Law and BTI as data: routing rule, roles, stafettlogg reading and every break type."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from samlab import SamlabValueError, checks, law

TODAY = "2025-03-03"
HEADER = "date,service,entry,action,owner,goal,evaluation_date,consent_for,note\n"
CONSENT = "2025-01-06,School,consent,Consent,,,,School; School nurse,\n"
HOLDER = "2025-01-06,School,accepted,Baton holder,Form teacher,,,,\n"
GOOD_MEASURE = (
    "2025-01-13,School,measure,Daily follow-up,Form teacher,At school 4 of 5 days,{ev},,\n"
)


def log_of(*lines: str) -> law.Stafettlogg:
    return law.read_stafettlogg(HEADER + "".join(lines))


def kinds(log: law.Stafettlogg, today: str = TODAY) -> set[tuple[int, str]]:
    return law.break_set(log, today=today)


# --- data -----------------------------------------------------------------------------------


def test_every_path_level_and_role_has_both_languages():
    for path in law.LEGAL_PATHS.values():
        for field in ("name", "applies", "routine"):
            assert set(path[field]) == {"nb", "en"}
            assert all(path[field][lang] for lang in ("nb", "en"))
        assert len(path["routine"]["nb"]) == len(path["routine"]["en"]) >= 3
    assert list(law.LEGAL_PATHS) == [
        "duty_to_avert",
        "duty_to_inform",
        "consent",
        "right_to_share",
        "anonymous",
    ]
    assert sorted(law.BTI_LEVELS) == [0, 1, 2, 3]
    for level in law.BTI_LEVELS.values():
        assert set(level["name"]) == set(level["description"]) == {"nb", "en"}
    assert set(law.ROLES) == {
        "individuell_plan",
        "koordinator",
        "barnekoordinator",
        "stafettholder",
    }
    assert law.ROLES["stafettholder"]["legal_right"] is False
    for spec in law.BREAK_TYPES.values():
        assert set(spec["name"]) == set(spec["describe"]) == {"nb", "en"}


def _legal_texts():
    texts = []
    for path in law.LEGAL_PATHS.values():
        texts += [path["law"], *path["applies"].values()]
        texts += [p for lang in ("nb", "en") for p in path["routine"][lang]]
    for role in law.ROLES.values():
        texts += list(role["for_whom"].values())
    texts += [fact[lang] for fact in law.FACTS.values() for lang in ("nb", "en")]
    return texts


def test_only_checked_section_numbers_are_cited():
    checked = {re.search(r"§ [\d-]+( [a-z]\b)?", name).group(0) for name in law.SECTIONS}
    assert checked == {"§ 196", "§ 282", "§ 13 b", "§ 23", "§ 7-2", "§ 7-2 a", "§ 2-1", "§ 2-2"}
    cited = {m.group(0) for t in _legal_texts() for m in re.finditer(r"§ [\d-]+( [a-z]\b)?", t)}
    assert cited <= checked, cited - checked
    for spec in law.SECTIONS.values():
        assert spec["nb"] and spec["en"] and spec["last_checked"] == law.LAST_CHECKED
    assert "Prop. 100 L (2020–2021)" in law.ROLES["barnekoordinator"]["for_whom"]["en"]
    assert "1 August 2022" in law.ROLES["barnekoordinator"]["for_whom"]["en"]


#: The acts the course may cite by section; a citation "<act> § N" must be in law.SECTIONS.
ACTS = (
    "straffeloven",
    "forvaltningsloven",
    "helsepersonelloven",
    "helse- og omsorgstjenesteloven",
    "barnevernsloven",
    "barnevernloven",
    "opplæringslova",
    "opplæringsloven",
    "pasient- og brukerrettighetsloven",
    "sosialtjenesteloven",
    "barnehageloven",
)
CITATION = re.compile(
    r"(" + "|".join(map(re.escape, ACTS)) + r")(?: \(\d{4}\))?,? §§? ([\d-]+(?: [a-z]\b)?)"
    r"(?:(?:,| og| and) ([\d-]+(?: [a-z]\b)?))?",
    flags=re.IGNORECASE,
)


def _citations() -> dict[str, set[str]]:
    root = Path(__file__).resolve().parents[1]
    files = [
        *sorted((root / "course").rglob("*.ipynb")),
        *sorted((root / "solutions").rglob("*.ipynb")),
        root / "simulations" / "ODD.md",
        *sorted((root / "simulations" / "samlab").rglob("*.py")),
    ]
    found: dict[str, set[str]] = {}
    for path in files:
        for match in CITATION.finditer(path.read_text(encoding="utf-8")):
            act = match.group(1).lower()
            for number in filter(None, match.group(2, 3)):
                found.setdefault(f"{act} § {number}", set()).add(path.name)
    return found


def test_the_citation_finder_reads_both_forms():
    assert CITATION.search("barnevernsloven §§ 2-1 og 2-2").group(2, 3) == ("2-1", "2-2")
    assert CITATION.search("helse- og omsorgstjenesteloven § 7-2 a,").group(2) == "7-2 a"


def test_every_section_the_course_cites_was_checked():
    """A section number anywhere in the course, the exercises, the ODD or the package is one
    law.SECTIONS lists with its last-checked date; any other must be looked up, not cited."""
    found = _citations()
    assert "barnevernsloven § 2-2" in found and "straffeloven § 196" in found
    checked = {re.match(r"(.+? § [\d-]+(?: [a-z]\b)?)", name).group(1) for name in law.SECTIONS}
    unchecked = {cite: sorted(where) for cite, where in found.items() if cite not in checked}
    assert not unchecked, unchecked


def test_every_legal_statement_has_a_last_checked_date():
    assert law.LAST_CHECKED == "2026-12-05"
    for entry in [*law.LEGAL_PATHS.values(), *law.ROLES.values()]:
        assert entry["last_checked"] == law.LAST_CHECKED
    assert "Sist sjekket mot lovteksten: 2026-12-05." in law.explain({}, "nb")
    assert "Last checked against the law text: 2026-12-05." in law.explain({}, "en")


def test_duty_to_avert_covers_acts_being_committed_and_ongoing_abuse():
    avert = law.LEGAL_PATHS["duty_to_avert"]
    assert avert["law"] == "straffeloven § 196, jf. § 282"
    assert "vil bli eller er begått" in avert["applies"]["nb"]
    assert "will be or is being committed" in avert["applies"]["en"]
    for lang, words in (("nb", "mishandling i nære relasjoner"), ("en", "its consequences")):
        assert words in avert["applies"][lang]
    assert "ongoing abuse" in law.FACTS["serious_crime_imminent"]["en"]
    # not only a plan or a fresh threat: "planning or about to" was the old, too narrow wording
    assert "planning or about to" not in avert["applies"]["en"]
    # Nora: repeated violence from the father she lives with is ongoing abuse, so both duties
    nora = {"serious_crime_imminent": True, "serious_risk_to_child": True}
    assert law.applicable_paths(nora) == ["duty_to_avert", "duty_to_inform"]


def test_the_duty_to_inform_is_personal():
    inform = law.LEGAL_PATHS["duty_to_inform"]
    assert "Plikten er personlig" in inform["applies"]["nb"]
    assert "The duty is personal" in inform["applies"]["en"]
    assert any("personal" in point for point in inform["routine"]["en"])


def test_right_to_share_names_the_statutory_exceptions():
    share = law.LEGAL_PATHS["right_to_share"]
    assert share["term"] == "opplysningsrett"
    for words in ("forvaltningsloven § 13 b", "nr. 5", "nr. 6", "helsepersonelloven § 23 nr. 4"):
        assert words in share["applies"]["nb"]
    assert "sector laws" in share["applies"]["en"] and "not a duty" in share["applies"]["en"]
    assert law.parse_path("Opplysningsrett") == "right_to_share"
    assert law.route({"statutory_exception": True}).path == "right_to_share"
    # consent comes first, and the duties come before both
    assert law.applicable_paths({"statutory_exception": True, "consent_given": True}) == [
        "consent",
        "right_to_share",
    ]
    assert law.route({"statutory_exception": True, "serious_risk_to_child": True}).path == (
        "duty_to_inform"
    )


def test_coordinator_roles_follow_the_health_and_care_services_act():
    koordinator = law.ROLES["koordinator"]["for_whom"]
    assert "komplekse eller langvarige og koordinerte tjenester" in koordinator["nb"]
    assert "§ 7-2)" in koordinator["en"]
    child = law.ROLES["barnekoordinator"]["for_whom"]
    assert "under 18" in child["nb"] and "under 18" in child["en"]
    assert "koordinerende enhet" in child["nb"] and "koordinerende enhet" in child["en"]
    assert "§ 7-2 a" in child["nb"]


def test_disclaimer_names_the_two_guides():
    for lang in ("nb", "en"):
        assert "Samarbeid om tjenester til barn, unge og deres familier" in law.DISCLAIMER[lang]
        assert "KS" in law.DISCLAIMER[lang]


def test_aliases_accept_nb_en_and_key_forms():
    aliases = law.path_aliases()
    for word, key in [
        ("Opplysningsplikt", "duty_to_inform"),
        ("duty to inform child welfare", "duty_to_inform"),
        ("duty_to_inform", "duty_to_inform"),
        ("AVVERGEPLIKT", "duty_to_avert"),
        ("Samtykke", "consent"),
        ("consent-based sharing", "consent"),
        ("anonym drøfting", "anonymous"),
        ("Anonymous discussion (anonym drøfting)", "anonymous"),
    ]:
        assert aliases[checks.normalise(word)] == key
        assert law.parse_path(word) == key
    with pytest.raises(SamlabValueError, match="unknown legal path 'tell everyone'"):
        law.parse_path("tell everyone")
    assert law.role_aliases()[checks.normalise("IP")] == "individuell_plan"
    assert law.break_aliases()[checks.normalise("Uten mål")] == "no_goal"


def test_parse_level():
    assert [law.parse_level(v) for v in (0, "1", "Nivå 2", "level 3", 2.0)] == [0, 1, 2, 3, 2]
    for bad in (4, "nivå fem", True, 1.5, None, float("nan")):
        with pytest.raises(SamlabValueError, match="allowed: 0, 1, 2, 3"):
            law.parse_level(bad)


# --- routing --------------------------------------------------------------------------------


def test_route_follows_the_documented_order():
    base = {"measures_started": True, "services_involved": 2}
    assert law.route({**base, "serious_crime_imminent": True, "serious_risk_to_child": True}) == (
        "duty_to_avert",
        2,
    )
    # the duty to inform applies whether or not there is consent
    assert law.route({**base, "serious_risk_to_child": True, "consent_given": True}).path == (
        "duty_to_inform"
    )
    assert law.route({**base, "consent_given": True}).path == "consent"
    assert law.route(base).path == "anonymous"
    assert law.applicable_paths({"serious_risk_to_child": True, "consent_given": True}) == [
        "duty_to_inform",
        "consent",
    ]


def test_bti_level_by_measures_and_services():
    assert law.route({}) == ("anonymous", 0)
    assert law.bti_level({"services_involved": 4}) == 0  # nothing started yet
    for services, level in [(1, 1), (2, 2), (3, 3), (6, 3)]:
        assert law.bti_level({"measures_started": True, "services_involved": services}) == level
    path, level = law.route({"measures_started": "ja", "services_involved": 1})
    assert (path, level) == ("anonymous", 1)
    # the duty to inform does not wait for a level
    assert law.route({"serious_risk_to_child": True}) == ("duty_to_inform", 0)


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"consent": True}, "unknown fact.*'consent'.*allowed: serious_crime_imminent"),
        ({"consent_given": "maybe"}, "consent_given must be True or False"),
        ({"services_involved": 2.5}, "services_involved must be a whole number"),
        ({"services_involved": -1}, "services_involved must be a whole number"),
        ({"services_involved": True}, "services_involved must be a whole number"),
        ({"measures_started": True, "services_involved": 0}, "services_involved must be 1"),
    ],
)
def test_bad_facts_are_named(facts, message):
    with pytest.raises(SamlabValueError, match=message):
        law.route(facts)


def test_route_needs_a_dict():
    with pytest.raises(SamlabValueError, match="facts must be a dict"):
        law.route(["consent_given"])


def test_eligible_roles():
    long_term = {"needs_long_term_composite_services": True}
    assert law.eligible_roles({}) == set()
    assert law.eligible_roles(long_term) == {"individuell_plan"}
    assert law.eligible_roles({**long_term, "needs_health_and_care_services": True}) == {
        "individuell_plan",
        "koordinator",
    }
    health = {**long_term, "needs_health_and_care_services": True}
    assert law.eligible_roles({**health, "serious_illness_or_disability": True}) == {
        "individuell_plan",
        "koordinator",
        "barnekoordinator",
    }
    # the barnekoordinator belongs to the health and care services, and ends at 18
    assert law.eligible_roles({**long_term, "serious_illness_or_disability": True}) == {
        "individuell_plan"
    }
    grown_up = {**health, "serious_illness_or_disability": True, "under_18": False}
    assert "barnekoordinator" not in law.eligible_roles(grown_up)
    # a koordinator for complex, coordinated needs even when they are not long-term
    complex_needs = {"needs_complex_services": True, "needs_health_and_care_services": True}
    assert law.eligible_roles(complex_needs) == {"koordinator"}
    # a serious injury alone, without long-term composite needs, gives none of the rights
    assert law.eligible_roles({"serious_illness_or_disability": True}) == set()


def test_explain_is_readable_in_both_languages():
    facts = {
        "serious_risk_to_child": True,
        "consent_given": True,
        "measures_started": True,
        "services_involved": 2,
    }
    nb, en = law.explain(facts, "nb"), law.explain(facts, "en")
    assert nb.startswith("Opplysningsplikt til barnevernet") and "Nivå 2" in nb
    assert "Gjelder også: Deling med samtykke" in nb
    assert en.startswith("Duty to inform child welfare") and "not legal advice" in en
    with pytest.raises(SamlabValueError):
        law.explain(facts, "de")


# --- reading a stafettlogg ------------------------------------------------------------------


def test_reads_rows_numbered_as_in_a_spreadsheet():
    log = log_of(CONSENT, HOLDER, GOOD_MEASURE.format(ev="2025-02-10"))
    assert list(log.entries.index) == [2, 3, 4]
    assert log.entries.loc[2, "consent_for"] == ("School", "School nurse")
    assert log.entries.loc[4, "evaluation_date"] == dt.date(2025, 2, 10)
    assert log.entries.loc[4, "entry"] == "measure"
    table = log.table("nb")
    assert table.index.name == "rad" and "evalueringsdato" in table.columns
    assert table.loc[4, "type"] == "tiltak"


def test_norwegian_headers_kinds_and_dates(tmp_path):
    path = tmp_path / "logg.csv"
    path.write_text(
        "dato,tjeneste,type,hva,ansvarlig,mål,evalueringsdato,samtykke_for\n"
        "06.01.2025,Skole,samtykke,Samtykke,,,,Skole\n"
        "13.01.2025,Skole,tiltak,Leselærer,Kontaktlærer,Leser bedre,10.02.2025,\n",
        encoding="utf-8",
    )
    log = law.read_stafettlogg(path)
    assert log.entries.loc[3, "evaluation_date"] == dt.date(2025, 2, 10)
    assert kinds(log, today="2025-02-01") == set()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("2025-13-45,School,note,x,,,,,\n", r"row 3: bad date '2025-13-45'"),
        (",School,note,x,,,,,\n", "row 3: the date is empty"),
        ("2025-01-07,,note,x,,,,,\n", "row 3: 'service' is empty"),
        ("2025-01-07,School,party,x,,,,,\n", "row 3: unknown entry type 'party'"),
        ("2025-01-07,School,consent,x,,,,,\n", "row 3: a consent entry must list the services"),
        ("2025-01-07,School,handover,x,,,,,\n", "row 3: a handover or acceptance must name"),
        ("2025-01-07,School,evaluation,Swimming,,,,,\n", "row 3: the evaluation names 'Swimming'"),
        ("2025-01-07,School,measure,x,a,b,2025-01-01,,\n", "row 3: the evaluation date 2025-01-01"),
        ("2025-01-07,School,measure,x,a,b,soon,,\n", "row 3: bad evaluation date 'soon'"),
        ("2025-01-05,School,note,x,,,,,\n", "row 3: dated 2025-01-05, before row 2"),
        ("2025-01-07,School,note,x,,,,,,extra\n", "row 3: 10 cells but 9 columns"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_read(line, message):
    with pytest.raises(SamlabValueError, match=message) as error:
        log_of(CONSENT, line)
    assert "nothing read" in str(error.value)


def test_all_bad_rows_are_reported_together():
    with pytest.raises(SamlabValueError, match=r"2 bad row\(s\).*row 2.*row 3"):
        log_of("x,School,note,,,,,,\n", "2025-01-07,School,party,,,,,,\n")


def test_bad_files_and_headers():
    with pytest.raises(SamlabValueError, match="no stafettlogg file"):
        law.read_stafettlogg("/nowhere/logg.csv")
    with pytest.raises(SamlabValueError, match="empty"):
        law.read_stafettlogg(io.StringIO(""))
    with pytest.raises(SamlabValueError, match="lacks entry"):
        law.read_stafettlogg("date,service\n2025-01-01,School\n")
    with pytest.raises(SamlabValueError, match=r"unknown column.*'colour'"):
        law.read_stafettlogg("date,service,entry,colour\n2025-01-01,School,note,red\n")
    with pytest.raises(SamlabValueError, match="header but no rows"):
        law.read_stafettlogg(HEADER)
    with pytest.raises(SamlabValueError, match="needs a Stafettlogg"):
        law.breaks("not a log")
    with pytest.raises(SamlabValueError, match="today must be a date"):
        law.breaks(log_of(CONSENT), today="tomorrow")


# --- every break type fires, and does not fire when the rule is kept ----------------------------


def test_a_complete_log_has_no_breaks():
    log = log_of(
        CONSENT,
        HOLDER,
        GOOD_MEASURE.format(ev="2025-02-10"),
        "2025-02-10,School,evaluation,Daily follow-up,Form teacher,,,,Better\n",
        "2025-02-12,School,handover,Baton,School nurse,,,,\n",
        "2025-02-13,School nurse,accepted,Baton,School nurse,,,,\n",
    )
    assert kinds(log) == set()
    assert law.breaks(log, today=TODAY).empty


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025-01-13,School,measure,Reading,,Reads better,2025-06-01,,\n", {(4, "no_owner")}),
        ("2025-01-13,School,measure,Reading,Teacher,,2025-06-01,,\n", {(4, "no_goal")}),
        ("2025-01-13,School,measure,Reading,Teacher,Reads,,,\n", {(4, "no_evaluation_date")}),
        (
            "2025-01-13,School,measure,Reading,,,,,\n",
            {(4, "no_owner"), (4, "no_goal"), (4, "no_evaluation_date")},
        ),
    ],
)
def test_missing_owner_goal_or_evaluation_date(line, expected):
    assert kinds(log_of(CONSENT, HOLDER, line)) == expected


def test_missing_fields_on_other_entries_are_not_breaks():
    log = log_of(CONSENT, HOLDER, "2025-01-13,School,note,Meeting,,,,,\n")
    assert kinds(log) == set()


def test_evaluation_overdue_fires_only_when_past_and_not_followed():
    measure = GOOD_MEASURE.format(ev="2025-02-10")
    assert kinds(log_of(CONSENT, HOLDER, measure)) == {(4, "evaluation_overdue")}
    # due today or later: not yet overdue
    assert kinds(log_of(CONSENT, HOLDER, measure), today="2025-02-10") == set()
    # a later evaluation naming the measure (any capitalisation) keeps the rule
    evaluated = "2025-02-20,School,evaluation,daily FOLLOW-UP,Form teacher,,,,late but done\n"
    assert kinds(log_of(CONSENT, HOLDER, measure, evaluated)) == set()
    # an evaluation of a different measure does not count
    other = "2025-01-14,School,measure,Reading,Teacher,Reads,2025-06-01,,\n"
    wrong = "2025-02-20,School,evaluation,Reading,Teacher,,,,\n"
    assert kinds(log_of(CONSENT, HOLDER, measure, other, wrong)) == {(4, "evaluation_overdue")}


def test_an_evaluation_before_a_new_measure_of_the_same_name_does_not_count():
    first = GOOD_MEASURE.format(ev="2025-01-20")
    evaluation = "2025-01-20,School,evaluation,Daily follow-up,Form teacher,,,,\n"
    again = "2025-01-27,School,measure,Daily follow-up,Form teacher,At school,2025-02-24,,\n"
    assert kinds(log_of(CONSENT, HOLDER, first, evaluation, again)) == {(6, "evaluation_overdue")}


def test_a_service_joining_without_new_consent():
    ppt = "2025-01-20,PPT,measure,Assessment,Adviser,Know what to adapt,2025-06-01,,\n"
    ppt_again = "2025-01-27,PPT,note,Meeting,,,,,\n"
    assert kinds(log_of(CONSENT, HOLDER, ppt, ppt_again)) == {(4, "no_consent")}
    # consent obtained before the service joins: no break
    renewed = "2025-01-15,School,consent,New consent,,,,School; School nurse; PPT,\n"
    assert kinds(log_of(CONSENT, HOLDER, renewed, ppt, ppt_again)) == set()
    # consent on the service's own first entry also covers it
    with_consent = ppt.replace(",,\n", ",School; PPT,\n")
    assert kinds(log_of(CONSENT, HOLDER, with_consent)) == set()
    # a later consent that leaves a service out uncovers it again
    narrower = "2025-02-03,School,consent,Consent withdrawn for PPT,,,,School,\n"
    late = "2025-02-10,PPT,note,Call,,,,,\n"
    assert kinds(log_of(CONSENT, HOLDER, renewed, ppt, narrower, late)) == {(7, "no_consent")}
    # service names are compared without regard to case or spacing
    assert kinds(log_of(CONSENT, "2025-01-07, school nurse ,note,Talk,,,,,\n")) == set()


def test_a_log_without_any_consent_flags_each_service_once():
    log = log_of(HOLDER, "2025-01-07,School,note,x,,,,,\n", "2025-01-08,BUP,note,y,,,,,\n")
    assert kinds(log) == {(2, "no_consent"), (4, "no_consent")}


def test_baton_handover_must_be_accepted_by_the_successor():
    handover = "2025-02-01,School,handover,Baton,School nurse,,,,\n"
    accepted = "2025-02-03,School nurse,accepted,Baton,school nurse,,,,\n"
    assert kinds(log_of(CONSENT, HOLDER, handover)) == {(4, "baton_not_accepted")}
    assert kinds(log_of(CONSENT, HOLDER, handover, accepted)) == set()
    # accepted by somebody else than the successor named
    other = "2025-02-03,School,accepted,Baton,Headteacher,,,,\n"
    assert kinds(log_of(CONSENT, HOLDER, handover, other)) == {(4, "baton_not_accepted")}
    # handed on again before anyone accepted: the first handover is a gap
    again = "2025-02-02,School,handover,Baton,Headteacher,,,,\n"
    accept_again = "2025-02-03,School,accepted,Baton,Headteacher,,,,\n"
    assert kinds(log_of(CONSENT, HOLDER, handover, again, accept_again)) == {
        (4, "baton_not_accepted")
    }
    # other entries between the handover and the acceptance are fine
    note = "2025-02-02,School,note,Meeting,,,,,\n"
    assert kinds(log_of(CONSENT, HOLDER, handover, note, accepted)) == set()


def test_breaks_table_is_readable_in_both_languages():
    log = log_of(CONSENT, HOLDER, "2025-01-13,School,measure,Reading,,Reads,2025-06-01,,\n")
    nb, en = law.breaks(log, TODAY, "nb"), law.breaks(log, TODAY, "en")
    assert list(nb.columns) == ["row", "break", "name", "description"]
    assert nb.loc[0, "name"] == "tiltak uten ansvarlig"
    assert "«Reading» har ingen ansvarlig" in nb.loc[0, "description"]
    assert en.loc[0, "description"].startswith("The measure 'Reading' has no owner")
    assert law.describe_breaks({(4, "no_owner")}, "en") == ["row 4: measure without an owner"]


def test_today_defaults_to_the_real_date():
    log = log_of(CONSENT, HOLDER, GOOD_MEASURE.format(ev="2025-01-20"))
    assert (4, "evaluation_overdue") in law.break_set(log)  # 2025-01-20 is in the past
    assert kinds(log, today=dt.date(2025, 1, 20)) == set()


# --- parsing a participant's list of breaks -------------------------------------------------


def test_parse_breaks_accepts_the_equivalent_forms():
    want = {(5, "no_goal"), (9, "no_goal"), (8, "no_consent")}
    assert law.parse_breaks({"uten mål": [5, 9], "No consent": 8}) == want
    assert law.parse_breaks({"no_goal": {5, "9"}, "ny tjeneste uten samtykke": (8,)}) == want
    assert law.parse_breaks([(5, "no goal"), ("Tiltak uten mål", 9), (8, "no_consent")]) == want
    assert law.parse_breaks({}) == set()
    # rows written in an answer field: commas, semicolons or spaces between them
    assert law.parse_breaks({"uten mål": " 5, 9 ", "no consent": "8"}) == want
    assert law.parse_breaks({"no goal": "5;9", "no_consent": "8"}) == want


@pytest.mark.parametrize(
    ("answer", "lang", "message"),
    [
        ({"late": [5]}, "en", "'late' is not a type of break"),
        ({"sent": [5]}, "nb", "«sent» er ikke en type brudd"),
        ({"no goal": ["five"]}, "en", "'five' is not a row number"),
        ({"no goal": "5, five"}, "en", "'five' is not a row number.*commas between"),
        ({"uten mål": ""}, "nb", "'' er ikke et radnummer"),
        ("row 5", "en", "write a dict like"),
        ([5, 8], "nb", "skriv en ordbok"),
    ],
)
def test_parse_breaks_explains_a_wrong_form(answer, lang, message):
    with pytest.raises(AssertionError, match=message):
        law.parse_breaks(answer, lang=lang)
