"""Shared fixtures: small runs are cached per session so tests stay fast."""

from __future__ import annotations

import functools

import pytest

import samlab


@functools.cache
def cached_run(scenario: str = "silo", seed: int = 1, **levers):
    return samlab.simulate(scenario, seed=seed, **levers)


@pytest.fixture(scope="session")
def silo_run():
    return cached_run("silo", 1)
