"""What nbgrader keeps of a graded notebook: output cut to size, feedback without hidden tests.

* :class:`LimitOutputSize` cuts what a cell printed to a number of characters (nbgrader's
  ``LimitOutput`` counts lines, so one enormous line passes it).
* :class:`HideHiddenTests` is for the feedback step: nbgrader's feedback shows the graded
  notebook with the hidden tests and mark schemes in full. This removes those regions and
  replaces each traceback by its last line (the check's message), so feedback shows the
  score and the message of every test but never the hidden code or the mark scheme.
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Integer, List


class LimitOutputSize(Preprocessor):
    """Cut a code cell's outputs to size, by characters.

    * Printed text (stream outputs) shares one budget of ``max_characters`` per cell: what is
      printed after the budget is spent is cut, with a note saying so.
    * Each value of a result or display (text, HTML, an image's base64 text) is cut to
      ``max_characters`` on its own; these do not draw on the printed text's budget.
    * An error keeps the last 20 lines of its traceback, each cut to 2,000 characters, and
      its message cut to 2,000 characters.
    """

    enabled = Bool(True).tag(config=True)
    max_characters = Integer(20_000, help="Characters kept per cell; -1 for no limit.").tag(
        config=True
    )

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or self.max_characters < 0:
            return cell, resources
        budget = self.max_characters
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                text = output.get("text", "")
                if len(text) > budget:
                    output["text"] = text[: max(budget, 0)] + "\n… [output cut]\n"
                budget -= len(text)
            elif output.get("output_type") in ("execute_result", "display_data"):
                data = output.get("data", {})
                for key, value in list(data.items()):
                    if isinstance(value, str) and len(value) > self.max_characters:
                        data[key] = value[: self.max_characters] + "\n… [output cut]"
            elif output.get("output_type") == "error":
                evalue = output.get("evalue", "")
                if len(evalue) > 2_000:
                    output["evalue"] = evalue[:2_000] + " … [cut]"
                output["traceback"] = [line[:2_000] for line in output.get("traceback", [])[-20:]]
        return cell, resources


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def split_regions(source: str, regions) -> tuple[list[str], list[str]]:
    """The lines inside the marked regions and the lines outside them (markers in neither).

    ``regions`` holds (begin, end) marker pairs, e.g. nbgrader's BEGIN/END HIDDEN TESTS.
    """
    inside, outside, end = [], [], None
    for line in source.split("\n"):
        if end is None:
            begins = [stop for start, stop in regions if start in line]
            if begins:
                end = begins[0]
            else:
                outside.append(line)
        elif end in line:
            end = None
        else:
            inside.append(line)
    return inside, outside


class HideHiddenTests(Preprocessor):
    """For feedback: drop hidden test regions and mark schemes, and show each error by its
    message only (a traceback would quote the hidden test's code)."""

    enabled = Bool(True).tag(config=True)
    regions = List(
        [["BEGIN HIDDEN TESTS", "END HIDDEN TESTS"], ["BEGIN MARK SCHEME", "END MARK SCHEME"]],
        help="Pairs of begin and end markers of the regions to remove.",
    ).tag(config=True)

    def _strip(self, source: str) -> str:
        _, kept = split_regions(source, self.regions)
        return "\n".join(kept).rstrip()

    def preprocess_cell(self, cell, resources, index):
        if any(begin in cell.source for begin, _ in self.regions):
            cell.source = self._strip(cell.source)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                name = output.get("ename", "Error")
                message = _ANSI.sub("", str(output.get("evalue", "")))
                output["traceback"] = [f"{name}: {message}"]
        return cell, resources
