"""One writer of ``nbgrader_config.py``, for a cohort and for the exercise generator.

Both make a course folder nbgrader reads: ``samlab cohort init`` a lasting one,
``solutions/generate_exercises.py`` one per run. They share how an exercise is made from a
master (the stubs that replace solutions in the participant's language, the delimiters,
the files to ignore) and the way the file is written, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from . import CODE_STUB, DELIMITERS, IGNORE, TEXT_STUB

FILE_NAME = "nbgrader_config.py"


def generation_settings(lang: str) -> dict[str, object]:
    """The settings that turn a master into an exercise in ``lang`` ("nb" or "en")."""
    if lang not in CODE_STUB:
        raise ValueError(f"unknown language {lang!r}; use one of: {', '.join(CODE_STUB)}")
    return {
        "CourseDirectory.ignore": list(IGNORE),
        "ClearSolutions.code_stub": {"python": CODE_STUB[lang]},
        "ClearSolutions.text_stub": TEXT_STUB[lang],
        **DELIMITERS,
    }


def write_config(
    folder: Path,
    settings: Mapping[str, object],
    *,
    comment: Iterable[str],
    preamble: Iterable[str] = (),
    tail: Iterable[str] = (),
) -> Path:
    """Write ``folder/nbgrader_config.py``: the comment lines, ``c = get_config()``, any
    preamble lines, one ``c.<Class>.<trait> = <value>`` line per setting, then ``tail``."""
    lines = [f"# {line}" if line else "#" for line in comment]
    lines += ["c = get_config()  # noqa: F821", *preamble]
    lines += [f"c.{key} = {value!r}" for key, value in settings.items()]
    lines += list(tail)
    path = Path(folder) / FILE_NAME
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
