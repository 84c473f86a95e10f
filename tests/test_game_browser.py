"""The service game in a real browser: JupyterLab driven by Playwright with the system's Chromium.

The facilitator's notebook (``course/facilitator/en/service_game.ipynb``) runs in JupyterLab
as in a room with one projector: a group chooses its service, moves the threshold with the
keyboard and submits; the facilitator computes the round, and the service's screen shows the
round computed; after a second round the debrief is shown. The JupyterLab server, the browser
and the helpers are those of ``tests/test_browser.py``.

Screenshots go to pytest's temporary folder, and also to ``$SAMLAB_SCREENSHOTS`` when set
(``make screenshots`` writes them to docs/images/).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from test_browser import (  # noqa: F401 - the fixtures are used by name
    VIEWPORT,
    Lab,
    browser,
    error_outputs,
    kernel_idle,
    lab,
    open_notebook,
    step,
    wait_until,
)

from samlab.game.messages import label

pytestmark = pytest.mark.timeout(300)
NOTEBOOK = "course/facilitator/{lang}/service_game.ipynb"


def save_element(element, server: Lab, name: str) -> Path:
    """A screenshot of one element, in pytest's temporary folder and $SAMLAB_SCREENSHOTS."""
    path = server.shots / name
    element.screenshot(path=path)
    extra = os.environ.get("SAMLAB_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(extra) / name)
    return path


def button(page, text: str):
    return page.locator(".widget-button", has_text=re.compile(f"^{re.escape(text)}$")).first


def widget_box(page, text: str):
    """The innermost widget box that holds ``text``."""
    return page.locator(".widget-vbox").filter(has=page.get_by_text(text)).last


@pytest.mark.parametrize("lang", ["en"])
def test_one_screen_round_and_debrief_in_jupyterlab(browser, lab, lang):  # noqa: F811
    path = NOTEBOOK.format(lang=lang)
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        with step(page, lab, f"{lang}: open {path}"):
            open_notebook(page, lab, path, f"game-{lang}")
        with step(page, lab, f"{lang}: Run › Run All Cells"):
            page.locator(
                "#jp-menu-panel .lm-MenuBar-itemLabel", has_text=re.compile("^Run$")
            ).click()
            page.locator(
                ".lm-Menu .lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")
            ).click()
            button(page, label("compute", lang)).wait_for(timeout=60_000)
            wait_until(lambda: kernel_idle(lab, path), 60, "the kernel to be idle")
            assert not error_outputs(page)
        with step(page, lab, f"{lang}: the BUP group takes its turn"):
            page.locator(".widget-toggle-button", has_text=re.compile("^BUP")).first.click()
            you_lead = label("you_lead", lang, role="BUP")
            page.get_by_text(you_lead).first.wait_for()
            threshold = page.locator(".widget-hslider").filter(has_text="Threshold").first
            readout = threshold.locator(".widget-readout")
            before = readout.text_content().strip()
            handle = threshold.locator(".noUi-handle").first
            handle.scroll_into_view_if_needed()
            handle.focus()
            for _ in range(10):
                page.keyboard.press("ArrowRight")
            wait_until(lambda: readout.text_content().strip() != before, 10, "the threshold")
            chosen = readout.text_content().strip()
            button(page, label("submit", lang)).click()
            page.get_by_text(label("submitted", lang, round=1)).first.wait_for()
        with step(page, lab, f"{lang}: the facilitator sees the submission and computes"):
            page.get_by_text(
                label("submitted_count", lang, done=1, humans=1, round=1)
            ).first.wait_for()
            button(page, label("compute", lang)).click()
            page.get_by_text(label("computed_note", lang, round=1)).first.wait_for(timeout=60_000)
        with step(page, lab, f"{lang}: the group's screen shows the round computed"):
            page.get_by_text(label("round_of", lang, round=1, rounds=6)).first.wait_for()
            assert readout.text_content().strip() == chosen  # in force from round 1 on
            wait_until(lambda: kernel_idle(lab, path), 30, "the kernel to be idle")
            page.set_viewport_size({"width": VIEWPORT["width"], "height": 1600})
            save_element(widget_box(page, you_lead), lab, f"game_participant_{lang}.png")
            page.set_viewport_size(VIEWPORT)
        with step(page, lab, f"{lang}: a second round, then the debrief"):
            button(page, label("compute", lang)).click()
            page.get_by_text(label("computed_note", lang, round=2)).first.wait_for(timeout=60_000)
            button(page, label("debrief", lang)).click()
            comparison = page.get_by_text(label("comparison", lang)).first
            comparison.wait_for(timeout=120_000)
            network = page.locator(".widget-image").last
            wait_until(
                lambda: network.evaluate("img => img.complete && img.naturalWidth > 0"),
                30,
                "the network drawing to load",
            )
            wait_until(lambda: kernel_idle(lab, path), 30, "the kernel to be idle")
            assert not error_outputs(page)
            problem = label("problem", lang, message="").strip()
            assert problem not in page.locator(".jp-NotebookPanel").inner_text()
            page.set_viewport_size({"width": VIEWPORT["width"], "height": 1600})
            box = page.locator(".widget-hbox").filter(has=comparison).last
            save_element(box, lab, f"game_debrief_{lang}.png")
    finally:
        context.close()
