"""Answers to exercise 2 (governance mode) that the cohort and hub tests submit.

Grade id of the answer cell -> the code a participant writes, and the points each is worth
in the master (solutions/en/ex2_governance_mode).
"""

from __future__ import annotations

ASSIGNMENT = "ex2_governance_mode"
CORRECT = {
    "answer_density": "services = len(trust)\n"
    "density = (trust >= 3).sum().sum() / (services * (services - 1))",
    "answer_trust_level": 'trust_level = "moderate"',
    "answer_mode": 'mode = "NAO"',
    "answer_tension": 'tension = "internal versus external legitimacy"',
}
POINTS = {"answer_density": 3, "answer_trust_level": 2, "answer_mode": 3, "answer_tension": 2}
FULL = sum(POINTS.values())
# Right density and trust level, wrong mode and tension: 3 + 2 points.
PARTLY = {**CORRECT, "answer_mode": 'mode = "shared governance"', "answer_tension": 'tension = "x"'}
PARTLY_SCORE = POINTS["answer_density"] + POINTS["answer_trust_level"]
