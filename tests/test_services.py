"""The service catalogue is checked when it is imported: a service that does not fit it (a
typo in a key, a mandate or a transition, age limits that are not whole years) is refused
with an error naming every problem."""

from __future__ import annotations

import dataclasses

import pytest

from samlab.services import SERVICES, SERVICES_BY_KEY, check_services


def test_the_catalogue_passes_its_own_check():
    check_services(SERVICES)


def test_a_service_that_does_not_fit_the_catalogue_is_refused():
    school = SERVICES_BY_KEY["school"]
    bad = dataclasses.replace(
        school,
        mandate=frozenset({"learning", "homework"}),
        min_age=6.5,
        max_age=6,
        next_service={"learning": "college", "sport": "nav"},
    )
    with pytest.raises(ValueError) as error:
        check_services((*SERVICES, bad))
    message = str(error.value)
    assert message.startswith("the services do not fit the catalogue: ")
    assert "keys used more than once: ['school']" in message
    assert "school: unknown needs ['homework'] in its mandate" in message
    assert "school: age limits (6.5, 6) must be whole years" in message
    assert "school: ages (6.5, 6) must run from 0 or more to a higher limit" in message
    assert "school: transition to unknown service 'college'" in message
    assert "school: transition for unknown need 'sport'" in message


def test_a_wrong_referral_goes_to_a_specialised_service_that_cannot_help():
    from samlab.services import right_services, wrong_services

    for domain, age in (("mental_health", 10.0), ("learning", 8.0), ("care_safety", 19.0)):
        wrong = wrong_services(domain, age)
        assert wrong and not set(wrong) & set(right_services(domain, age))
        for key in wrong:
            spec = SERVICES_BY_KEY[key]
            assert not spec.universal and spec.serves_age(age) and domain not in spec.mandate
        assert "barnevern_aftercare" not in wrong
