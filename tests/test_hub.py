"""A cohort on a real JupyterHub, on 127.0.0.1, from release to feedback.

The hub runs the configuration hosts can try on one machine (deploy/local/), with local
process spawners, JupyterHub's test (dummy) authenticator and configurable-http-proxy from
npm. One instructor and two participants work through their own servers behind the proxy,
exactly as the JupyterLab extensions call them: the instructor generates and releases an
exercise with the formgrader, the participants see only their course, fetch, answer and
submit, the instructor collects and autogrades (in the sandbox) and releases feedback, and
a participant fetches it. Then the hub stops and nothing is left: no process, no port, no
folder.

The service game on the same hub: the hub starts the game service (``samlab game serve``),
a facilitator and three participants play two rounds through its API with their own hub
tokens, a participant is refused when acting or looking for another role, and the service
is stopped between the rounds: the hub starts it again and the game goes on.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest
import requests
from governance_answers import ASSIGNMENT, CORRECT, FULL, PARTLY, PARTLY_SCORE

from samlab import cohort

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "local" / "jupyterhub_config.py"
COURSE = "fjordvik-hub"
INSTRUCTOR = "instructor"
PARTICIPANTS = ("kari", "ola")
PLAYERS = ("kari", "ola", "per")  # the service game's participants (per takes no exercise)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _proxy() -> str | None:
    local = Path(sys.prefix) / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


for program, found, hint in (
    ("configurable-http-proxy", _proxy(), "make hub-deps (needs npm: sudo apt install npm)"),
    ("bubblewrap", shutil.which("bwrap"), "sudo apt install bubblewrap"),
):
    if found is None:
        if IN_CI:
            raise RuntimeError(f"CI must provide {program} (.ci/run and make test do)")
        pytest.skip(
            f"the JupyterHub test needs {program}; to run it: {hint}", allow_module_level=True
        )

# The answers the participants give (grade id -> code) and the scores they earn. Ola's first
# answer also prints the grading kernel's whole environment into her own feedback.
DUMP = "import os\nprint('ENVIRONMENT', dict(os.environ))\n"
ANSWERS = {
    "kari": (CORRECT, float(FULL)),
    "ola": ({**PARTLY, "answer_density": DUMP + PARTLY["answer_density"]}, float(PARTLY_SCORE)),
}

WAIT = 120  # seconds: the longest any one step may take


def _free_ports(count: int) -> int:
    """A port p such that p, p+1, ... are free on 127.0.0.1 (hub, proxy API, hub API)."""
    for _ in range(200):
        base = secrets.randbelow(20000) + 30000
        with contextlib.ExitStack() as stack:
            try:
                for port in range(base, base + count):
                    sock = stack.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return base
    raise RuntimeError("no free ports on 127.0.0.1")


class Hub:
    """A running hub and an admin token for its REST API (a 'cohort-admin' service)."""

    def __init__(self, root: Path, port: int, token: str, process: subprocess.Popen):
        self.root, self.url, self.process = root, f"http://127.0.0.1:{port}", process
        self.admin = requests.Session()
        self.admin.headers["Authorization"] = f"token {token}"

    def log(self) -> str:
        return (self.root / "hub.log").read_text(errors="replace")[-4000:]

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        response = self.admin.request(method, f"{self.url}/hub/api{path}", timeout=WAIT, **kwargs)
        assert response.ok, f"{method} {path}: {response.status_code} {response.text}"
        return response

    def start_server(self, name: str) -> Person:
        self.api("POST", f"/users/{name}/server")
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            server = self.api("GET", f"/users/{name}").json()["servers"].get("")
            if server and server["ready"]:
                token = self.api("POST", f"/users/{name}/tokens", json={"note": "test"})
                return Person(self, name, token.json()["token"])
            time.sleep(0.5)
        raise AssertionError(f"{name}'s server did not start:\n{self.log()}")


class Person:
    """Somebody working in their own server, through the proxy, as JupyterLab would."""

    def __init__(self, hub: Hub, name: str, token: str):
        self.hub, self.name = hub, name
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {token}"

    def call(self, method: str, path: str, **kwargs) -> dict:
        url = f"{self.hub.url}/user/{self.name}/{path}"
        response = self.session.request(method, url, timeout=WAIT, **kwargs)
        assert response.ok, f"{self.name}: {method} {path}: {response.status_code}"
        body = response.json()
        if isinstance(body, dict) and body.get("success") is False:
            raise AssertionError(f"{self.name}: {path} failed: {body}")
        return body

    # what the participant's Assignments tab does
    def exchange(self, action: str) -> dict:
        form = {"course_id": COURSE, "assignment_id": ASSIGNMENT}
        return self.call("POST", f"assignments/{action}", data=form)

    def answer(self, answers: dict[str, str]) -> None:
        path = f"api/contents/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
        notebook = self.call("GET", path)["content"]
        for cell in notebook["cells"]:
            grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
            if grade_id in answers:
                cell["source"] = answers[grade_id]
        self.call("PUT", path, json={"type": "notebook", "format": "json", "content": notebook})

    # what the instructor's formgrader does
    def formgrader(self, path: str) -> dict:
        return self.call("POST", f"formgrader/api/{path}")


@contextlib.contextmanager
def running_hub():
    root = Path(tempfile.mkdtemp(prefix="samlab-hub-"))
    token = secrets.token_hex(16)
    port = _free_ports(4)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "JPY_"))}
    env.update(
        SAMLAB_HUB_ROOT=str(root),
        SAMLAB_HUB_PASSWORD=secrets.token_hex(8),
        SAMLAB_HUB_PORT=str(port),
        SAMLAB_HUB_COURSE=COURSE,
        SAMLAB_HUB_INSTRUCTORS=INSTRUCTOR,
        SAMLAB_HUB_PARTICIPANTS=",".join(PLAYERS),
        SAMLAB_HUB_API_TOKEN=token,
        PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    )
    # The instructor's cohort, as they would make it in a terminal on the hub.
    exchange = root / "exchange"
    course = cohort.init(
        root / "home" / INSTRUCTOR / COURSE, "en", course_id=COURSE, exchange=str(exchange)
    )
    people = root / "participants.csv"
    people.write_text(
        "id,first_name,last_name,email\n" + "".join(f"{n},{n.title()},,\n" for n in PARTICIPANTS),
        encoding="utf-8",
    )
    cohort.import_students(course, people)
    log = open(root / "hub.log", "wb")  # noqa: SIM115 -- closed below, after the hub stops
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    hub = Hub(root, port, token, process)
    hub.password = env["SAMLAB_HUB_PASSWORD"]  # the test authenticator's, for a browser
    try:
        deadline = time.monotonic() + WAIT
        while True:
            assert process.poll() is None, f"the hub stopped:\n{hub.log()}"
            assert time.monotonic() < deadline, f"the hub did not answer:\n{hub.log()}"
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{hub.url}/hub/api", timeout=5).ok:
                    break
            time.sleep(0.5)
        yield hub
    finally:
        process.send_signal(signal.SIGTERM)  # the hub stops every server and the proxy
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        shutil.rmtree(root, ignore_errors=True)


def _server_token(name: str) -> str:
    """The hub API token in the environment of ``name``'s single-user server."""
    for proc in psutil.process_iter(["environ"]):
        with contextlib.suppress(psutil.Error):
            environ = proc.info["environ"] or {}
            if environ.get("JUPYTERHUB_USER") == name and environ.get("JUPYTERHUB_API_TOKEN"):
                return environ["JUPYTERHUB_API_TOKEN"]
    raise AssertionError(f"no single-user server of {name} found")


def _left_behind(root: Path) -> list[str]:
    found = []
    for proc in psutil.process_iter(["cmdline", "environ"]):
        with contextlib.suppress(psutil.Error):
            text = " ".join(proc.info["cmdline"] or []) + str(proc.info["environ"] or "")
            if str(root) in text:
                found.append(f"{proc.pid}: {' '.join(proc.info['cmdline'] or [])}")
    return found


def test_a_cohort_runs_on_a_real_jupyterhub():
    with running_hub() as hub:
        root, port = hub.root, int(hub.url.rsplit(":", 1)[1])
        # The test authenticator refuses a wrong password (the hub is not open to all).
        login = requests.post(
            f"{hub.url}/hub/login",
            data={"username": "kari", "password": "wrong"},
            allow_redirects=False,
            timeout=WAIT,
        )
        assert login.status_code == 403, login.status_code

        instructor = hub.start_server(INSTRUCTOR)
        participants = {name: hub.start_server(name) for name in PARTICIPANTS}

        # The formgrader is the instructor's alone; it opens in a tab of its own, since the
        # single-user server forbids frames (JupyterHub >= 4.1; deploy/README.md, pitfalls).
        page = instructor.session.get(f"{hub.url}/user/{INSTRUCTOR}/formgrader", timeout=WAIT)
        assert page.ok and "formgrader" in page.text.lower()
        assert "frame-ancestors 'none'" in page.headers.get("Content-Security-Policy", "")
        other = participants["kari"].session.get(
            f"{hub.url}/user/{INSTRUCTOR}/formgrader/api/assignments",
            timeout=WAIT,
            allow_redirects=False,
        )
        assert other.status_code in (302, 403), other.status_code  # not the gradebook

        # Release through nbgrader's exchange, with the formgrader's own API.
        instructor.formgrader(f"assignment/{ASSIGNMENT}/assign")
        instructor.formgrader(f"assignment/{ASSIGNMENT}/release")
        assert (root / "exchange" / COURSE / "outbound" / ASSIGNMENT).is_dir()

        for name, person in participants.items():
            # Participants see their own course only (their hub group), and the exercise.
            assert person.call("GET", "courses")["value"] == [COURSE]
            listed = person.call("GET", "assignments", params={"course_id": COURSE})["value"]
            assert [a["assignment_id"] for a in listed] == [ASSIGNMENT]
            person.exchange("fetch")
            assert (root / "home" / name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
            person.answer(ANSWERS[name][0])
            person.exchange("submit")
        inbound = sorted(
            p.name.split("+")[0] for p in (root / "exchange" / COURSE / "inbound").iterdir()
        )
        assert inbound == sorted(PARTICIPANTS)  # each submission under the participant's name

        instructor.formgrader(f"assignment/{ASSIGNMENT}/collect")
        for name in PARTICIPANTS:
            instructor.formgrader(f"submission/{ASSIGNMENT}/{name}/autograde")
        submissions = instructor.call("GET", f"formgrader/api/submissions/{ASSIGNMENT}")
        scores = {s["student"]: s["code_score"] for s in submissions}
        assert scores == {name: score for name, (_, score) in ANSWERS.items()}, submissions
        assert all(s["needs_manual_grade"] for s in submissions)  # the written task

        # Feedback goes back through the exchange, without the hidden tests.
        instructor.formgrader(f"assignment/{ASSIGNMENT}/generate_feedback")
        instructor.formgrader(f"assignment/{ASSIGNMENT}/release_feedback")
        participants["ola"].exchange("fetch_feedback")
        pages = list((root / "home" / "ola" / ASSIGNMENT / "feedback").rglob("*.html"))
        assert len(pages) == 1, pages
        html = pages[0].read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in html and "MARK SCHEME" not in html
        assert f"{float(PARTLY_SCORE)}" in html  # ola's autograded score is on the page
        # The instructor graded in their own server, whose environment holds their hub
        # token; ola's code printed its environment, and her feedback holds none of it.
        token = _server_token(INSTRUCTOR)
        assert "ENVIRONMENT" in html and "/tmp/home" in html  # the dump ran, in the sandbox
        assert token not in html and "JUPYTERHUB_API_TOKEN" not in html
        assert "JUPYTERHUB_" not in html.split("ENVIRONMENT", 1)[1]

    # Stopped: no process, no port, no folder left.
    assert not root.exists()
    assert not _left_behind(root)
    for p in range(port, port + 4):
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", p))


# --- the service game -----------------------------------------------------------------------


def _game_service(root: Path) -> psutil.Process | None:
    """The game service the hub started for the hub in ``root``."""
    for proc in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error):
            command = " ".join(proc.info["cmdline"] or [])
            if "game serve" in command and str(root) in command:
                return proc
    return None


def _wait_for_service(url: str, token: str, other_than: int | None, root: Path) -> int:
    """Wait until the game service answers (a process other than ``other_than``)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        proc = _game_service(root)
        if proc is not None and proc.pid != other_than:
            with contextlib.suppress(requests.ConnectionError):
                answer = requests.get(
                    f"{url}api/me", headers={"Authorization": f"token {token}"}, timeout=10
                )
                if answer.ok:
                    return proc.pid
        time.sleep(0.5)
    raise AssertionError("the hub did not (re)start the game service")


def test_the_service_game_on_a_real_jupyterhub():
    from samlab.errors import SamlabValueError
    from samlab.game.client import RemoteGame, connect

    with running_hub() as hub:
        root = hub.root
        url = f"{hub.url}/services/samlab-game/"
        tokens = {
            name: hub.api("POST", f"/users/{name}/tokens", json={"note": "game"}).json()["token"]
            for name in (INSTRUCTOR, *PLAYERS)
        }
        first_pid = _wait_for_service(url, tokens[INSTRUCTOR], None, root)
        me = requests.get(
            f"{url}api/me", headers={"Authorization": f"token {tokens['per']}"}, timeout=WAIT
        )
        assert me.json() == {"name": "per", "instructor": False, "group": f"formgrade-{COURSE}"}
        assert requests.get(f"{url}api/me", timeout=WAIT).status_code == 403  # hub users only

        facilitator = RemoteGame.create(
            "silo", 5, 3, 4, 200, room="bord1", url=url, token=tokens[INSTRUCTOR], lang="nb"
        )
        roles = {"kari": "bup", "ola": "barnevern", "per": "nav"}
        players = {name: connect("bord1", url=url, token=tokens[name]) for name in PLAYERS}
        for name, game in players.items():
            game.join(roles[name])

        # A participant's own server holds a token that may use the service, and knows where
        # it is (the hub config sets SAMLAB_GAME_URL).
        hub.start_server("kari")
        from_server = connect("bord1", token=_server_token("kari"), url=url)
        assert from_server.my_role() == "bup"

        # Refused: another role's view and decision, and running the game.
        kari = players["kari"]
        with pytest.raises(SamlabValueError, match="do not hold the role 'barnevern'"):
            kari.view("barnevern", lang="en")
        with pytest.raises(SamlabValueError, match="har ikke rollen 'nav'"):
            kari.decide("nav", {"threshold": 0.9}, lang="nb")
        with pytest.raises(SamlabValueError, match=f"formgrade-{COURSE}"):
            kari.compute_round()
        assert not any(r["submitted"] for r in facilitator.status()["roles"])

        # Round 1: the round is computed when the last of the three has decided.
        for name, threshold in (("kari", 0.5), ("ola", 0.3), ("per", 0.6)):
            players[name].view(roles[name])
            assert facilitator.computed == 0
            players[name].decide(roles[name], {"threshold": threshold})
        status = facilitator.status()
        assert status["computed"] == 1
        assert {r["role"]: r["player"] for r in status["roles"] if r["human"]} == {
            "bup": "kari",
            "barnevern": "ola",
            "nav": "per",
        }
        views = {name: players[name].view(roles[name]) for name in PLAYERS}
        measures = facilitator.measures()

        # The service stops; the hub starts it again and the game goes on from the database.
        psutil.Process(first_pid).terminate()
        second_pid = _wait_for_service(url, tokens[INSTRUCTOR], first_pid, root)
        assert second_pid != first_pid
        players = {name: connect("bord1", url=url, token=tokens[name]) for name in PLAYERS}
        for name, game in players.items():
            assert game.my_role() == roles[name]
            assert game.view(roles[name]) == views[name]  # nothing lost
        assert facilitator.measures().equals(measures)

        # Round 2: ola decides nothing this time; the facilitator computes the round.
        players["kari"].decide("bup", {"threshold": 0.4})
        players["per"].decide("nav", {"threshold": 0.7})
        assert facilitator.computed == 1
        facilitator.compute_round()
        assert facilitator.computed == 2
        assert players["ola"].policy("barnevern")["threshold"] == 0.3  # the last one kept
        record = facilitator.export()
        assert sorted(record["decisions"]) == ["1", "2"]
        assert sorted(record["decisions"]["2"]) == ["bup", "nav"]
    assert not _left_behind(root)
