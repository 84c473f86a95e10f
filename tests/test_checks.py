"""The exercise checks accept every correct form and explain a wrong answer."""

import pytest

from samlab import checks


def test_same_items_accepts_any_collection_and_spelling(capsys):
    for answer in (["ppt", "BUP"], {"PPT", "bup"}, ("Bup", " ppt ")):
        checks.same_items(answer, ["PPT", "BUP"], what="brokers", lang="en")
    assert capsys.readouterr().out.count("✓ Correct: brokers") == 3


def test_same_items_names_missing_and_extra_items_and_why():
    with pytest.raises(AssertionError) as error:
        checks.same_items(["PPT", "NAV"], ["PPT", "BUP"], what="Megleren", why="Flest veier.")
    message = str(error.value)
    assert "mangler: BUP" in message
    assert "skal ikke være med: NAV" in message
    assert "Hvorfor: Flest veier." in message


def test_single_string_is_one_item():
    checks.same_items("PPT", {"ppt"}, what="broker", lang="en")
    with pytest.raises(AssertionError, match="list or a set"):
        checks.same_items(42, {"ppt"}, what="broker", lang="en")


def test_same_category_aliases_and_allowed():
    aliases = {"delt styring": "shared", "ledende organisasjon": "lead_organisation"}
    checks.same_category("Ledende-organisasjon", "lead_organisation", "mode", aliases=aliases)
    checks.same_category("lead organisation", "lead_organisation", "mode", aliases=aliases)
    with pytest.raises(AssertionError, match="not one of the allowed answers: shared, nao"):
        checks.same_category("hierarchy", "nao", "mode", lang="en", allowed=["shared", "nao"])
    with pytest.raises(AssertionError, match="Expected 'nao', you answered 'shared'"):
        checks.same_category("shared", "nao", "mode", lang="en", allowed=["shared", "nao"])


def test_close_to_tolerance_and_decimal_comma():
    checks.close_to("0,42", 0.421, "density")
    checks.close_to(0.43, 0.421, "density", tolerance=0.01)
    with pytest.raises(AssertionError, match=r"within ±0\.01"):
        checks.close_to(0.45, 0.421, "density", lang="en")
    with pytest.raises(AssertionError, match="expected a number"):
        checks.close_to("many", 0.421, "density", lang="en")
    with pytest.raises(AssertionError, match="expected a number"):
        checks.close_to(True, 1.0, "density", lang="en")


def test_not_answered_is_friendly():
    for blank in (None, ..., "", [], {}):
        with pytest.raises(AssertionError, match="not answered yet"):
            checks.close_to(blank, 1.0, "Task 1", lang="en")


def test_same_mapping_lists_every_wrong_key():
    expected = {"emil": "duty_to_inform", "mia": "consent", "level": 2}
    checks.same_mapping({"Emil": "Duty to inform", "MIA": "consent", "level": "2"}, expected, "x")
    with pytest.raises(AssertionError) as error:
        checks.same_mapping({"emil": "consent", "mia": "consent", "level": 3}, expected, "routes")
    assert "emil" in str(error.value) and "level" in str(error.value)
    assert "mia" not in str(error.value)
    with pytest.raises(AssertionError, match="keys"):
        checks.same_mapping({"emil": "consent"}, expected, "routes", lang="en")


def test_is_true_and_language_check():
    checks.is_true(True, "budget", "over budget")
    with pytest.raises(AssertionError, match="budget: over budget"):
        checks.is_true(False, "budget", "over budget")
    with pytest.raises(ValueError, match="lang"):
        checks.is_true(True, "budget", "ok", lang="sv")
