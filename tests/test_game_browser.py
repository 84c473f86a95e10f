"""The service game in a real browser: JupyterLab driven by Playwright with the system's Chromium.

On the course hub (the JupyterHub of ``tests/test_hub.py``, with the game service): the
facilitator and two participants each log in in a browser context of their own and open a
notebook in their own server. The participants join the room in the widget, choose their
role, move the threshold and submit; the service computes the round when both have
submitted, and the facilitator's screen shows who submitted and the round computed. The
facilitator computes a round more and shows the debrief.

Without a hub: the facilitator's notebook (``course/facilitator/en/service_game.ipynb``) in
JupyterLab as in a room with one projector, with the JupyterLab server of
``tests/test_browser.py``.

Screenshots go to pytest's temporary folder, and those of the hub (a participant's screen,
the debrief) also to ``$SAMLAB_SCREENSHOTS`` when set (``make screenshots`` writes them to
docs/images/).
"""

from __future__ import annotations

import json
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


def save_element(element, server: Lab, name: str, publish: bool = True) -> Path:
    """A screenshot of one element, in pytest's temporary folder and $SAMLAB_SCREENSHOTS
    (unless ``publish`` is false)."""
    path = server.shots / name
    element.screenshot(path=path)
    extra = os.environ.get("SAMLAB_SCREENSHOTS")
    if extra and publish:
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
            save_element(
                widget_box(page, you_lead), lab, f"game_one_screen_{lang}.png", publish=False
            )
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
            save_element(box, lab, f"game_one_screen_debrief_{lang}.png", publish=False)
    finally:
        context.close()


# --- on the course hub ------------------------------------------------------------------------

ROOM = "bord1"
WIDE = {"width": 1440, "height": 900}
#: who plays, the role they choose in the widget, and the language of their notebook
PEOPLE = {"kari": ("bup", "en"), "ola": ("barnevern", "nb")}


def _notebook(path: Path, source: str) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    nbformat.write(notebook, path)


def _log_in(browser, hub, name: str):  # noqa: F811
    """A browser context of ``name``'s own, logged in to the hub."""
    # no news or update checks in the person's JupyterLab
    settings = hub.root / "home" / name / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
    (settings / "apputils-extension").mkdir(parents=True, exist_ok=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{hub.url}/hub/login")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(hub.password)
    page.locator("#login_submit").click()
    page.wait_for_url(re.compile(r".*/(hub/home|hub/spawn-pending/.*|user/.*)$"), timeout=60_000)
    return context, page


def _run_all(page, server: Lab, path: str) -> None:
    page.goto(f"{server.url}/lab/workspaces/game/tree/{path}?reset")
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    wait_until(lambda: kernel_idle(server, path), 60, f"the kernel of {path} to be idle")
    page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for()
    # hide the file browser so the notebook has the width
    if page.locator("#jp-left-stack").is_visible():
        page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+b")
        page.locator("#jp-left-stack").wait_for(state="hidden")
    page.locator("#jp-menu-panel .lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu .lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()


def test_the_game_on_the_hub_facilitator_and_two_participants(browser, tmp_path):  # noqa: F811
    test_hub = pytest.importorskip("test_hub", reason="the game on the hub needs the hub test")
    from samlab.game.client import RemoteGame, connect

    shots = tmp_path / "screenshots"
    shots.mkdir()
    with test_hub.running_hub() as hub:
        url = f"{hub.url}/services/samlab-game/"
        names = (test_hub.INSTRUCTOR, *PEOPLE)
        people = {name: hub.start_server(name) for name in names}
        servers = {
            name: Lab(
                f"{hub.url}/user/{name}",
                person.session.headers["Authorization"][6:],
                hub.root / "home" / name,
                shots,
            )
            for name, person in people.items()
        }
        token = people[test_hub.INSTRUCTOR].session.headers["Authorization"][6:]
        test_hub._wait_for_service(url, token, None, hub.root)
        RemoteGame.create("silo", 1, 3, 4, 200, room=ROOM, url=url, token=token, lang="en")
        _notebook(
            servers[test_hub.INSTRUCTOR].root / "game.ipynb",
            f'import samlab.game\n\nsamlab.game.facilitator("{ROOM}", lang="en")',
        )
        for name, (_, lang) in PEOPLE.items():
            _notebook(
                servers[name].root / "game.ipynb",
                f'import samlab.game\n\nsamlab.game.join("{ROOM}", lang="{lang}")',
            )
        contexts = []
        try:
            pages = {}
            for name in names:
                context, page = _log_in(browser, hub, name)
                contexts.append(context)
                pages[name] = page
            facilitator = pages[test_hub.INSTRUCTOR]
            with step(facilitator, servers[test_hub.INSTRUCTOR], "the facilitator's screen"):
                _run_all(facilitator, servers[test_hub.INSTRUCTOR], "game.ipynb")
                button(facilitator, label("compute", "en")).wait_for(timeout=60_000)
                assert button(facilitator, label("pause", "en")).is_visible()  # on the hub
            for name, (role, lang) in PEOPLE.items():
                page, server = pages[name], servers[name]
                with step(page, server, f"{name} joins the room and takes the role {role}"):
                    _run_all(page, server, "game.ipynb")
                    choice = page.locator(".widget-dropdown select").first
                    choice.wait_for(timeout=60_000)
                    labels = choice.evaluate("s => Array.from(s.options, o => o.text)")
                    wanted = _role_label(role, lang)
                    shown = wanted.replace(" ", "\xa0")  # a drop-down shows no-break spaces
                    assert shown in labels, labels
                    choice.select_option(label=shown)
                    button(page, label("take_role", lang)).click()
                    page.get_by_text(label("you_lead", lang, role=wanted)).first.wait_for()
            with step(facilitator, servers[test_hub.INSTRUCTOR], "both players on the screen"):
                for name in PEOPLE:
                    facilitator.locator(
                        ".widget-html td", has_text=re.compile(f"^{name}$")
                    ).wait_for()
            thresholds = {}
            for number, (name, (role, lang)) in enumerate(PEOPLE.items(), start=1):
                page, server = pages[name], servers[name]
                with step(page, server, f"{name} decides and submits"):
                    slider = (
                        page.locator(".widget-hslider")
                        .filter(has_text=re.compile("^(Threshold|Terskel)"))
                        .first
                    )
                    readout = slider.locator(".widget-readout")
                    before = readout.text_content().strip()
                    handle = slider.locator(".noUi-handle").first
                    handle.scroll_into_view_if_needed()
                    handle.focus()
                    for _ in range(5 * number):
                        page.keyboard.press("ArrowRight")
                    wait_until(
                        lambda r=readout, b=before: r.text_content().strip() != b, 10, "threshold"
                    )
                    thresholds[role] = readout.text_content().strip()
                    button(page, label("submit", lang)).click()
                    problem = label("problem", lang, message="").strip()
                    assert problem not in page.locator(".jp-NotebookPanel").inner_text()
                if number == 1:
                    with step(facilitator, servers[test_hub.INSTRUCTOR], "one of two submitted"):
                        facilitator.get_by_text(
                            label("submitted_count", "en", done=1, humans=2, round=1)
                        ).first.wait_for()
            with step(facilitator, servers[test_hub.INSTRUCTOR], "the round is computed"):
                # the service computes the round when every role people play has decided
                facilitator.get_by_text(label("round_of", "en", round=1, rounds=3)).first.wait_for(
                    timeout=60_000
                )
            kari = pages["kari"]
            with step(kari, servers["kari"], "kari's screen shows the round computed"):
                kari.get_by_text(label("new_round", "en", round=1)).first.wait_for(timeout=60_000)
                shown = kari.locator(".jp-NotebookPanel").inner_text()
                assert "ola" not in shown.split()  # players' names: the facilitator's only
                assert label("your_view", "en") + ": BUP" in shown
                assert label("your_view", "en") + ": Child welfare" not in shown
                wait_until(lambda: kernel_idle(servers["kari"], "game.ipynb"), 30, "idle")
                kari.set_viewport_size({"width": WIDE["width"], "height": 1600})
                you_lead = label("you_lead", "en", role=_role_label("bup", "en"))
                save_element(widget_box(kari, you_lead), servers["kari"], "game_participant_en.png")
            with step(facilitator, servers[test_hub.INSTRUCTOR], "compute and the debrief"):
                button(facilitator, label("compute", "en")).click()
                facilitator.get_by_text(label("round_of", "en", round=2, rounds=3)).first.wait_for(
                    timeout=60_000
                )
                button(facilitator, label("debrief", "en")).click()
                comparison = facilitator.get_by_text(label("comparison", "en")).first
                comparison.wait_for(timeout=120_000)
                network = facilitator.locator(".widget-image").last
                wait_until(
                    lambda: network.evaluate("img => img.complete && img.naturalWidth > 0"),
                    30,
                    "the network drawing to load",
                )
                assert not error_outputs(facilitator)
                facilitator.set_viewport_size({"width": WIDE["width"], "height": 1600})
                box = facilitator.locator(".widget-hbox").filter(has=comparison).last
                save_element(box, servers[test_hub.INSTRUCTOR], "game_debrief_en.png")
            # what the widgets sent is what the service stored
            game = connect(ROOM, url=url, token=token)
            decisions = game.export()["decisions"]
            assert sorted(decisions["1"]) == ["barnevern", "bup"]
            for role, shown_value in thresholds.items():
                stored = decisions["1"][role]["payload"]["threshold"]
                assert f"{stored:.2f}".replace(".", ",") == shown_value.replace(".", ",")
        finally:
            for context in contexts:
                context.close()


def _role_label(role: str, lang: str) -> str:
    from samlab.game.roles import ROLES_BY_KEY

    return ROLES_BY_KEY[role].label[lang]
