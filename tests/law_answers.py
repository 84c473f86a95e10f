"""The answer key of exercise 4 (law and BTI) as a participant gives it in the menus, which
the answer-widget and grading tests use (solutions/*/ex4_law_and_bti)."""

from __future__ import annotations

ASSIGNMENT = "ex4_law_and_bti"
#: The legal path of each story (law.LEGAL_PATHS keys).
PATHS = {
    "A": "duty_to_inform",
    "B": "anonymous",
    "C": "consent",
    "D": "consent",
    "E": "duty_to_avert",
    "F": "anonymous",
}
#: The BTI level of each story.
LEVELS = {"A": 2, "B": 0, "C": 2, "D": 3, "E": 1, "F": 2}
#: The children with a right to an individual plan and coordinator, and to a barnekoordinator.
IP, BARNEKOORDINATOR = ["Mia", "Sara", "Ingrid"], ["Mia", "Ingrid"]
#: The rows of Jonas's stafettlogg with each kind of break, as typed in the fields.
BREAKS = {
    "no_goal": "5",
    "no_consent": "8",
    "no_evaluation_date": "10",
    "no_owner": "12",
    "evaluation_overdue": "15",
    "baton_not_accepted": "17",
}
#: The children of the case files, in the order the tick boxes show them.
CHILDREN = ["Mia", "Emil", "Sara", "Noah", "Ingrid"]
