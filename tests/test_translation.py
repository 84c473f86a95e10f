"""The translation module: the languages, the check of a language, numbers, and the bilingual
text tables, in one module that imports no other samlab module but ``samlab.errors``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from samlab import translation
from samlab.errors import SamlabValueError
from samlab.translation import LANGUAGES, TextTable, check_lang, nok, number

SAMLAB = Path(translation.__file__).parent


def samlab_imports(path: Path) -> set[str]:
    """The samlab modules a file imports (relative imports, and absolute ``samlab.x``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                names = [node.module] if node.module else [a.name for a in node.names]
                found.update(name.split(".")[0] for name in names)
            elif node.module and node.module.startswith("samlab"):
                found.add(node.module.split(".")[1] if "." in node.module else "samlab")
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("samlab."))
    return found


def test_translation_imports_only_the_errors_module():
    assert samlab_imports(SAMLAB / "translation.py") == {"errors"}
    assert samlab_imports(SAMLAB / "errors.py") == set()


def test_labels_and_tables_import_in_one_direction():
    assert "labels" in samlab_imports(SAMLAB / "tables.py")
    assert "tables" not in samlab_imports(SAMLAB / "labels.py")


def test_the_old_import_paths_still_work():
    from samlab import labels, tables

    assert labels.check_lang is check_lang
    assert labels.number is number and labels.nok is nok
    assert labels.LANGUAGES == LANGUAGES == ("nb", "en")
    assert tables.COLUMN_LABELS is labels.COLUMN_LABELS
    assert labels.measure_label("children", "en") == "Children with needs"


@pytest.mark.parametrize("bad", ["de", "NB", "", None, ["nb"]])
def test_check_lang_names_what_was_given_and_what_is_allowed(bad):
    with pytest.raises(SamlabValueError) as error:
        check_lang(bad)
    assert "'nb' or 'en'" in str(error.value) and repr(bad) in str(error.value)


def test_a_table_without_a_translation_is_refused_when_it_is_made():
    with pytest.raises(ValueError, match=r"demo: 'hello' has \['nb'\], needs \['nb', 'en'\]"):
        TextTable("demo", {"hello": {"nb": "hei"}})
    with pytest.raises(ValueError, match=r"'bye' has no text in \['en'\]"):
        TextTable("demo", {"bye": {"nb": "ha det", "en": ""}})


def test_a_table_fills_in_fields_and_reads_like_a_dict():
    table = TextTable("demo", {"seed": {"nb": "Frø {n}", "en": "Seed {n}"}})
    assert table.text("seed", "nb", n=3) == "Frø 3"
    assert table["seed"]["en"] == "Seed {n}"
    assert list(table) == ["seed"] and len(table) == 1
    assert table.label("seed", "en") == "Seed {n}"
    assert table.label("other", "en") == "other"
    with pytest.raises(KeyError, match="demo has no entry 'other'"):
        table.text("other", "nb")
    with pytest.raises(SamlabValueError):
        table.text("seed", "sv")


def test_numbers_are_written_for_the_language():
    assert number(1234.5, "nb") == "1\u00a0234,5"
    assert number(1234.5, "en") == "1,234.5"
    assert number(-2.0, "nb") == "−2"
    assert number(float("nan"), "en") == "–"
    assert nok(194_700_000, "nb") == "194,7 mill. kr"
    assert nok(194_700_000, "en") == "NOK 194.7 million"


def test_every_text_table_in_samlab_is_complete():
    """Each module's table of messages or screen text is a TextTable (checked when made)."""
    from samlab import (
        answers,
        checks,
        concepts,
        csv_rows,
        improvement,
        labels,
        law,
        network_map,
        policies,
    )
    from samlab.game import messages

    tables = [
        labels.TEXT,
        labels.EVENTS,
        labels.CHOICE_LABELS,
        labels.SHORT_SERVICE_NAMES,
        labels.COLUMN_LABELS,
        improvement._TEXT,
        csv_rows.TEXT,
        network_map.MESSAGES,
        policies.TEXT,
        concepts.TEXT,
        law._PARSE_WORDS,
        messages.TEXT,
        messages.LABELS,
        checks._WORDS,
        checks._CREDIT_WORDS,
        answers._WORDS,
    ]
    for table in tables:
        assert isinstance(table, TextTable), table
        assert all(set(entry) == set(LANGUAGES) for entry in table.values()), table


def test_every_lang_parameter_defaults_to_the_course_language():
    """``lang`` defaults to ``DEFAULT_LANG``, or to None where the language comes from the
    context (a game's own language, which is itself the course language unless the
    facilitator chose another); methods, class methods and static methods included."""
    import importlib
    import inspect
    import pkgutil

    import samlab

    wrong = []
    for info in pkgutil.walk_packages(samlab.__path__, "samlab."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if getattr(value, "__module__", None) != info.name:
                continue
            members = [(name, value)]
            if inspect.isclass(value):
                members += [
                    (f"{name}.{n}", getattr(v, "__func__", v))
                    for n, v in vars(value).items()
                    if callable(getattr(v, "__func__", v))
                ]
            for qualname, function in members:
                if not callable(function):
                    continue
                try:
                    parameter = inspect.signature(function).parameters.get("lang")
                except (TypeError, ValueError):
                    continue
                default = parameter.default if parameter else inspect.Parameter.empty
                if default not in (inspect.Parameter.empty, None, translation.DEFAULT_LANG):
                    wrong.append(f"{info.name}.{qualname}: lang={default!r}")
    assert translation.DEFAULT_LANG == "nb"
    assert not wrong, wrong
