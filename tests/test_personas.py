"""The children of Fjordvik: named personas a participant can follow through every scenario."""

from __future__ import annotations

import pandas as pd
import pytest

import samlab
from samlab import SamlabValueError, figures


def test_personas_are_described_in_both_languages():
    items = samlab.personas()
    assert len(items) >= 4
    for item in items:
        assert item["story"]["nb"] and item["story"]["en"]
        assert len(item["needs"]) >= 2, "a persona has composite needs"
        assert set(item["needs"]) <= set(samlab.DOMAINS)


def test_personas_join_without_changing_the_other_children():
    plain = samlab.simulate("silo", seed=3, children=200, weeks=80)
    with_personas = samlab.simulate("silo", seed=3, children=200, weeks=80, personas=True)
    children = with_personas.children()
    assert children["persona"].notna().sum() == len(samlab.PERSONAS)
    # the random children start the same: same ages, needs and onset weeks
    start = lambda r: r.journeys().query("event == 'needs_begin'")[["week", "age", "detail"]]  # noqa: E731
    mixed = start(with_personas)
    ids = set(children.loc[children["persona"].isna(), "child_id"])
    others = with_personas.journeys().query("event == 'needs_begin'")
    others = others[others["child_id"].isin(ids)][["week", "age", "detail"]]
    pd.testing.assert_frame_equal(
        others.reset_index(drop=True), start(plain).reset_index(drop=True)
    )
    assert len(mixed) == len(start(plain)) + len(samlab.PERSONAS)


def test_follow_a_persona_across_scenarios():
    silo = samlab.simulate("silo", seed=1, personas=True)
    bti = samlab.simulate("bti_anchored", seed=1, personas=True)
    sara = silo.persona_id("sara")
    assert bti.persona_id("sara") == sara
    persona = samlab.get_persona("sara")
    first = silo.journey(sara).iloc[0]
    assert first["event"] == "needs_begin" and first["week"] == persona.onset_week
    assert first["age"] == pytest.approx(persona.age, abs=0.02)
    fig = figures.journey_pair_figure(silo, bti, sara, "nb")
    titles = " ".join(ax.get_title() for ax in fig.axes)
    assert "Tjenestereisen til Sara" in titles


def test_unknown_or_absent_persona_is_a_clear_error():
    with pytest.raises(SamlabValueError, match="children of Fjordvik"):
        samlab.get_persona("bob")
    result = samlab.simulate("silo", seed=1, children=50, weeks=20)
    with pytest.raises(SamlabValueError, match="personas=True"):
        result.persona_id("mia")
    with pytest.raises(SamlabValueError, match="personas"):
        samlab.simulate("silo", personas="yes please")


def test_journeys_of_other_children_still_draw_when_personas_are_on():
    result = samlab.simulate("silo", seed=1, personas=True)
    child = figures.find_child(result, "lost")
    fig = figures.journey_figure(result, child, "en")
    assert f"Journey of child {child}" in fig.axes[0].get_title()


def test_kroner_are_written_the_norwegian_way():
    from samlab.labels import nok

    assert nok(194_688_000, "nb") == "194,7 mill. kr"
    assert nok(1_234_500_000, "nb") == "1\u00a0234,5 mill. kr"
    assert nok(194_688_000, "en") == "NOK 194.7 million"


def test_a_persona_in_care_starts_in_those_services():
    result = samlab.simulate("silo", seed=1, personas=True)
    journey = result.journey(result.persona_id("sara"))
    started = journey[(journey["week"] == 1) & (journey["event"] == "help_started")]
    assert set(started["service"]) == set(samlab.get_persona("sara").services_at_start)


def test_a_persona_that_does_not_fit_the_catalogues_is_refused():
    import dataclasses

    from samlab.personas import PERSONAS, check_personas

    check_personas(PERSONAS)
    sara = samlab.get_persona("sara")
    bad = dataclasses.replace(sara, needs={"homework": 0.3}, age=30.0)
    with pytest.raises(ValueError) as error:
        check_personas((bad,))
    message = str(error.value)
    assert "sara: unknown needs ['homework']" in message
    assert "sara: age 30.0 is not between 0 and 25" in message
