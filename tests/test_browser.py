"""The course in a real browser: JupyterLab driven by Playwright with the system's Chromium.

A JupyterLab server runs on 127.0.0.1 from a temporary copy of course/ and exercises/, with
its own configuration, data and runtime folders, so the repository and the user's settings
are never touched. For both languages the start-here notebook is opened, every cell is run
from the Run menu, the figures must appear without an error, and moving a lever slider in
the dashboard must redraw its chart. An exercise is opened, an answer typed into its answer
cell and the visible test run: a right answer passes, a wrong one gets the readable message
from ``samlab.checks``, in the cell's output and in nbgrader's Validate dialog.

Screenshots go to pytest's temporary folder, and also to ``$SAMLAB_SCREENSHOTS`` when set
(``make screenshots`` writes them to docs/images/). No browser is downloaded: Debian's
Chromium is used (Debian/Ubuntu: sudo apt install chromium).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
import pytest

from samlab.labels import text

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 800}
EXERCISE = "ex2_governance_mode"

if CHROMIUM is None:
    if IN_CI:
        raise RuntimeError(
            "CI must install Chromium for the browser test (.ci/run does: apt-get install chromium)"
        )
    pytest.skip(
        "the browser test drives the system's Chromium; install it to run it "
        "(Debian/Ubuntu: sudo apt install chromium)",
        allow_module_level=True,
    )

from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

pytestmark = pytest.mark.timeout(300)


# --- the JupyterLab server --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, url: str, token: str, root: Path, shots: Path):
        self.url = url
        self.token = token
        self.root = root
        self.shots = shots

    def api(self, path: str, method: str = "GET"):
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def open_url(self, path: str, workspace: str) -> str:
        return f"{self.url}/lab/workspaces/{workspace}/tree/{path}?reset&token={self.token}"


def stop(process: subprocess.Popen, lab: Lab | None) -> None:
    """Shut the kernels down, stop the server, and kill whatever is left of either."""
    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.Error:
        family = []
    if lab is not None:
        with contextlib.suppress(Exception):
            for kernel in lab.api("/api/kernels"):
                lab.api(f"/api/kernels/{kernel['id']}", method="DELETE")
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    for child in family:
        with contextlib.suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(family, timeout=10)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    root = tmp / "root"
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in ("course", "exercises"):
        shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
    config = tmp / "config"
    # no news or update checks from the notification centre
    settings = config / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    env = {
        **os.environ,
        "HOME": str(tmp / "home"),
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_DATA_DIR": str(tmp / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "IPYTHONDIR": str(tmp / "ipython"),
        "MPLCONFIGDIR": str(tmp / "matplotlib"),
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "XDG_CONFIG_HOME": str(tmp / "xdg-config"),
        "XDG_DATA_HOME": str(tmp / "xdg-data"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    (tmp / "home").mkdir()
    port = free_port()
    token = secrets.token_hex(16)
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        f"--LabApp.user_settings_dir={config / 'lab' / 'user-settings'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = (tmp / "jupyter.log").open("wb")
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    server = Lab(f"http://127.0.0.1:{port}", token, root, tmp / "screenshots")
    server.shots.mkdir()
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"JupyterLab exited with {process.returncode}:\n"
                    + (tmp / "jupyter.log").read_text(errors="replace")[-3000:]
                )
            try:
                server.api("/api/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        "JupyterLab did not answer /api/status within 60 s:\n"
                        + (tmp / "jupyter.log").read_text(errors="replace")[-3000:]
                    ) from None
                time.sleep(0.3)
        yield server
    finally:
        stop(process, server)
        log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


# --- helpers --------------------------------------------------------------------------------


def save_shot(page: Page, lab: Lab, name: str, clip=None, publish: bool = True) -> Path:
    """A screenshot in pytest's temporary folder, and in $SAMLAB_SCREENSHOTS when set
    (unless ``publish`` is false: then only in the temporary folder)."""
    path = lab.shots / name
    page.screenshot(path=path, clip=clip)
    extra = os.environ.get("SAMLAB_SCREENSHOTS")
    if extra and publish:
        folder = Path(extra)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / name)
    return path


@contextlib.contextmanager
def step(page: Page, lab: Lab, what: str):
    """Name the step; on failure, save what was on screen and say where."""
    try:
        yield
    except Exception as exc:
        name = "failed_" + re.sub(r"\W+", "_", what)[:60] + ".png"
        shot = lab.shots / name
        with contextlib.suppress(Exception):
            page.screenshot(path=shot)
        # CI keeps the log, not pytest's temporary folder: say what the screen showed
        shown = "(the page could not be read)"
        with contextlib.suppress(Exception):
            shown = page.locator("body").inner_text(timeout=5_000)[-1500:]
        raise AssertionError(
            f"step failed: {what}: {exc}\n(screenshot: {shot})\nthe end of the page:\n{shown}"
        ) from exc


def wait_until(condition, timeout: float, what: str, interval: float = 0.25):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not after {timeout:.0f} s")
        time.sleep(interval)


def kernel_idle(lab: Lab, path: str) -> bool:
    for session in lab.api("/api/sessions"):
        if session.get("path") == path and session.get("kernel"):
            return session["kernel"].get("execution_state") == "idle"
    return False


def open_notebook(page: Page, lab: Lab, path: str, workspace: str) -> None:
    page.goto(lab.open_url(path, workspace))
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    wait_until(lambda: kernel_idle(lab, path), 60, f"the kernel of {path} to be idle")
    # the toolbar knows the kernel too (the front end is connected)
    page.locator(".jp-NotebookPanel-toolbar .jp-KernelName", has_text="Python").wait_for()
    page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for()
    # hide the file browser so the notebook has the width
    if page.locator("#jp-left-stack").is_visible():
        page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+b")
        page.locator("#jp-left-stack").wait_for(state="hidden")


def scroll_to(element, block: str) -> None:
    """Scroll ``element`` to the top or bottom of the notebook. Cells out of sight are laid
    out lazily, and the ones that come into view may change height, so scroll until the
    element stays where it is."""
    last = None
    for _ in range(8):
        element.evaluate(f"e => e.scrollIntoView({{block: '{block}'}})")
        element.page.wait_for_timeout(250)
        box = element.bounding_box()
        if box == last:
            return
        last = box


def prompts(page: Page) -> list[str]:
    return page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt").evaluate_all(
        "els => els.map(e => e.textContent.trim())"
    )


def prompt_of(page: Page, index: int) -> str:
    return (
        page.locator(".jp-NotebookPanel .jp-Cell")
        .nth(index)
        .locator(".jp-InputPrompt")
        .text_content()
        .strip()
    )


def error_outputs(page: Page, scope: str = ".jp-NotebookPanel") -> list[str]:
    selector = (
        f'{scope} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
        f'{scope} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
    )
    texts = page.locator(selector).all_text_contents()
    return [t for t in texts if re.search(r"Traceback|Error|Exception", t)]


IMAGE_HASH = """async img => {
    const bytes = await (await fetch(img.src)).arrayBuffer();
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, "0")).join("");
}"""


def image_hash(image) -> str | None:
    try:
        return image.evaluate(IMAGE_HASH)
    except PlaywrightError:  # the blob was replaced while it was read; try again
        return None


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_start_here_runs_and_the_dashboard_answers(page, lab, lang):
    path = f"course/{lang}/00_start_here.ipynb"
    code_cells = sum(
        c.cell_type == "code" for c in nbformat.read(lab.root / path, as_version=4).cells
    )
    with step(page, lab, f"{lang}: open {path}"):
        open_notebook(page, lab, path, f"start-{lang}")
    with step(page, lab, f"{lang}: Run › Run All Cells"):
        page.locator("#jp-menu-panel .lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
        page.locator(".lm-Menu .lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    with step(page, lab, f"{lang}: all cells finish"):
        wait_until(
            lambda: (
                (p := prompts(page))
                and len(p) == code_cells
                and all(re.fullmatch(r"\[\d+\]:", x) for x in p)
            ),
            120,
            "every code cell to show its execution count",
            interval=0.5,
        )
        wait_until(lambda: kernel_idle(lab, path), 30, "the kernel to be idle after Run All")
    with step(page, lab, f"{lang}: no errors, figures drawn"):
        errors = error_outputs(page)
        assert not errors, f"error output in the notebook:\n{errors[0][-2000:]}"
        figures = page.locator(".jp-NotebookPanel .jp-OutputArea-output img")
        # the Fjordvik run, five journeys and the dashboard chart at least
        wait_until(lambda: figures.count() >= 7, 30, "the figures to appear")
    with step(page, lab, f"{lang}: the first figure is shown"):
        timeseries = page.locator(".jp-NotebookPanel .jp-OutputArea-output img").first
        wait_until(
            lambda: timeseries.evaluate("img => img.complete && img.naturalWidth > 0"),
            10,
            "the figure to load",
        )
        # the whole figure at the bottom of the window, the cell that drew it above
        scroll_to(timeseries, "end")
        save_shot(page, lab, f"start_here_{lang}.png")

    dashboard = page.locator(".jp-NotebookPanel .jp-OutputArea-output").filter(
        has=page.locator(".widget-hslider")
    )
    with step(page, lab, f"{lang}: the dashboard is shown"):
        dashboard.wait_for()
        chart = dashboard.locator(".widget-image").first
        wait_until(
            lambda: chart.evaluate("img => img.complete && img.naturalWidth > 0"),
            30,
            "the dashboard chart to load",
        )
        before = wait_until(lambda: image_hash(chart), 10, "reading the chart's bytes")
        slider = dashboard.locator(".widget-hslider").first
        readout = slider.locator(".widget-readout")
        value_before = readout.text_content().strip()
        measures = dashboard.locator(".widget-html")
        measures_before = measures.all_inner_texts()
    with step(page, lab, f"{lang}: move the first lever with the keyboard"):
        handle = slider.locator(".noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        wait_until(
            lambda: readout.text_content().strip() != value_before,
            10,
            f"the slider's readout to move from {value_before}",
        )
    with step(page, lab, f"{lang}: the chart is redrawn"):
        after = wait_until(
            lambda: (h := image_hash(chart)) and h != before and h,
            60,
            "the dashboard chart to change after the lever moved",
        )
        assert after != before
        wait_until(lambda: kernel_idle(lab, path), 30, "the kernel to be idle after the redraw")
        assert not error_outputs(page), "the dashboard raised an error"
        problem = text("problem", lang, message="").strip()
        shown = " ".join(measures.all_inner_texts())
        assert problem not in shown, f"the dashboard reports a problem: {shown}"
        wait_until(
            lambda: measures.all_inner_texts() != measures_before,
            10,
            "the measures beside the chart to change",
        )
    with step(page, lab, f"{lang}: screenshot of the dashboard"):
        # the levers and the chart below them: the window grows to the dashboard's height
        height = dashboard.bounding_box()["height"]
        page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 140, 1400)})
        scroll_to(dashboard, "start")
        # down to the compare button (its chart is empty until it is pressed)
        bottom = dashboard.locator(".widget-button").first.bounding_box()
        clip = {
            "x": 0,
            "y": 0,
            "width": VIEWPORT["width"],
            "height": bottom["y"] + bottom["height"] + 2,
        }
        save_shot(page, lab, f"dashboard_{lang}.png", clip=clip)
        page.set_viewport_size(VIEWPORT)


def cell_index(notebook: Path, grade_id: str) -> int:
    cells = nbformat.read(notebook, as_version=4).cells
    for i, cell in enumerate(cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return i
    raise LookupError(f"no cell with grade id {grade_id} in {notebook}")


def run_cell(page: Page, index: int) -> None:
    """Select the cell by its prompt (command mode) and run it with Shift+Enter."""
    cell = page.locator(".jp-NotebookPanel .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")


def type_answer(page: Page, index: int, code: str) -> None:
    """Replace the whole answer cell with ``code``, as a participant would."""
    editor = page.locator(".jp-NotebookPanel .jp-Cell").nth(index).locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def test_exercise_answer_and_visible_test(page, lab):
    path = f"exercises/en/{EXERCISE}/{EXERCISE}.ipynb"
    notebook = lab.root / path
    setup = cell_index(notebook, "setup")
    answer = cell_index(notebook, "answer_trust_level")
    check = cell_index(notebook, "test_trust_level")
    cells = page.locator(".jp-NotebookPanel .jp-Cell")

    def ran(index: int, count_before: str) -> bool:
        p = prompt_of(page, index)
        return bool(re.fullmatch(r"\[\d+\]:", p)) and p != count_before

    def run_and_wait(index: int, what: str) -> str:
        before = prompt_of(page, index)
        run_cell(page, index)
        wait_until(lambda: ran(index, before), 60, f"{what} to finish")
        wait_until(lambda: kernel_idle(lab, path), 30, f"the kernel to be idle after {what}")
        return cells.nth(index).locator(".jp-OutputArea").inner_text()

    with step(page, lab, f"open {path}"):
        open_notebook(page, lab, path, "exercise")
    with step(page, lab, "run the setup cell"):
        output = run_and_wait(setup, "the setup cell")
        assert not error_outputs(page), output
    with step(page, lab, "a right answer passes the visible test"):
        type_answer(page, answer, 'trust_level = "Moderate"')
        run_and_wait(answer, "the answer cell")
        output = run_and_wait(check, "the visible test cell")
        assert "✓ Correct" in output, output
        assert not error_outputs(page), output
        save_shot(page, lab, "exercise_passed_en.png", publish=False)
    with step(page, lab, "a wrong answer gets a readable message"):
        type_answer(page, answer, 'trust_level = "strong"')
        run_and_wait(answer, "the answer cell")
        output = run_and_wait(check, "the visible test cell")
        assert "AssertionError" in output, output
        assert "'strong' is not one of the allowed answers: low, moderate, high" in output, output
        assert "✓ Correct" not in output, output
        save_shot(page, lab, "exercise_failed_en.png")
    with step(page, lab, "nbgrader's Validate reports the wrong answer"):
        page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).click()
        report = page.locator(".jp-Dialog #validation-message")
        report.wait_for(timeout=90_000)
        shown = report.inner_text()
        save_shot(page, lab, "exercise_validate_en.png", publish=False)
        assert "'strong' is not one of the allowed answers" in shown, shown
        page.locator(".jp-Dialog .jp-mod-accept").click()


def test_a_leader_answers_in_the_menus_without_code(page, lab):
    """Exercise 1 in JupyterLab: the tool cells are collapsed, a choice in a menu is saved
    in svar.json next to the notebook, and the one-line sjekk() sees it at once."""
    assignment = "ex1_concepts"
    path = f"exercises/nb/{assignment}/{assignment}.ipynb"
    notebook = lab.root / path
    saved = notebook.parent / "svar.json"
    check = cell_index(notebook, "test_levels")
    cells = page.locator(".jp-NotebookPanel .jp-Cell")
    with step(page, lab, f"open {path}"):
        open_notebook(page, lab, path, "menus")
    with step(page, lab, "the cells participants need not read are collapsed"):
        hidden = sum(
            1
            for cell in nbformat.read(notebook, as_version=4).cells
            if cell.metadata.get("jupyter", {}).get("source_hidden")
        )
        assert hidden >= 3
        placeholders = page.locator(".jp-NotebookPanel .jp-InputPlaceholder")
        wait_until(lambda: placeholders.count() == hidden, 30, "the collapsed inputs")
    with step(page, lab, "run all cells: the menus appear"):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.get_by_text("Run All Cells", exact=True).click()
        menu = page.locator(".widget-dropdown", has_text="D. Én plan for Mia").first
        menu.wait_for(timeout=60_000)
        wait_until(lambda: kernel_idle(lab, path), 60, "the kernel to be idle after run all")
    with step(page, lab, "a choice in a menu is saved next to the notebook"):
        menu.scroll_into_view_if_needed()
        menu.locator("select").select_option(label="Samordning")
        wait_until(
            lambda: saved.exists() and json.loads(saved.read_text(encoding="utf-8")),
            30,
            "svar.json to hold the choice",
        )
        assert json.loads(saved.read_text(encoding="utf-8")) == {
            "levels": {"mia_plan": "coordination"}
        }
        save_shot(page, lab, "exercise_menus_nb.png", publish=False)
    with step(page, lab, "sjekk() reads the menus without running the answer cell"):
        before = prompt_of(page, check)
        cells.nth(check).scroll_into_view_if_needed()
        cells.nth(check).locator(".jp-InputPrompt").click()
        page.keyboard.press("Shift+Enter")
        wait_until(lambda: prompt_of(page, check) != before, 60, "the check to run")
        wait_until(lambda: kernel_idle(lab, path), 30, "the kernel to be idle")
        output = cells.nth(check).locator(".jp-OutputArea").inner_text()
        assert "Situasjonene i levels" in output and "mangler" in output, output
        assert "agreement_in_drawer" in output, output


def test_a_failed_step_says_what_the_screen_showed(tmp_path):
    """CI keeps the log but not the screenshot: the message carries the end of the page."""

    class Shown:
        def inner_text(self, timeout):
            return "Round 1 of 3\nWaiting for: BUP"

    class StandIn:
        def screenshot(self, path):
            raise PlaywrightError("the browser is gone")

        def locator(self, selector):
            assert selector == "body"
            return Shown()

    lab = type("LabStandIn", (), {"shots": tmp_path})()
    with pytest.raises(AssertionError) as failure, step(StandIn(), lab, "the round is computed"):
        raise TimeoutError("30 s")
    message = str(failure.value)
    assert "step failed: the round is computed: 30 s" in message
    assert message.endswith("the end of the page:\nRound 1 of 3\nWaiting for: BUP")
