"""Hosting: the nbgitpuller link, the Binder/repo2docker image (environment.yml + postBuild)
and the configurations in deploy/ for The Littlest JupyterHub and Zero to JupyterHub."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from samlab import hosting

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COURSE_URL = "/lab/tree/course/README.md"


# --- the nbgitpuller link -------------------------------------------------------------------


def parse_link(link: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(link)
    query = parse_qs(parts.query, strict_parsing=True)
    assert all(len(v) == 1 for v in query.values()), query
    return f"{parts.scheme}://{parts.netloc}{parts.path}", {k: v[0] for k, v in query.items()}


@pytest.mark.parametrize(
    ("target", "lang", "path"),
    [
        ("course", "nb", "course/nb/00_start_here.ipynb"),
        ("course", "en", "course/en/00_start_here.ipynb"),
        ("exercises", "nb", "exercises/nb/"),
        ("exercises", "en", "exercises/en/"),
        ("facilitator", "nb", "course/facilitator/nb/README.md"),
        ("facilitator", "en", "course/facilitator/en/README.md"),
    ],
)
def test_link_round_trip(target, lang, path):
    link = hosting.nbgitpuller_link(
        "https://kurs.example.no/",
        "https://github.com/example/samlab.git",
        branch="kull/vaar-2027",
        lang=lang,
        target=target,
    )
    base, query = parse_link(link)
    assert base == "https://kurs.example.no/hub/user-redirect/git-pull"
    assert query == {
        "repo": "https://github.com/example/samlab.git",
        "branch": "kull/vaar-2027",
        "targetpath": "samlab",
        "urlpath": f"lab/tree/samlab/{path}",
    }
    assert " " not in link and link.count("?") == 1
    # every reserved character in the values is encoded
    assert "repo=https%3A%2F%2Fgithub.com%2Fexample%2Fsamlab.git" in link


def test_link_folder_is_the_repository_name_and_hub_may_have_a_path():
    link = hosting.nbgitpuller_link(
        "http://localhost:8000/jupyter", "https://gitlab.example/a/b/kurs/"
    )
    base, query = parse_link(link)
    assert base == "http://localhost:8000/jupyter/hub/user-redirect/git-pull"
    assert query["targetpath"] == "kurs"
    assert query["urlpath"] == "lab/tree/kurs/course/nb/00_start_here.ipynb"
    assert query["branch"] == "main"


def test_the_linked_course_files_exist():
    for lang in hosting.LANGS:
        for target in hosting.TARGETS:
            path = hosting.TARGETS[target].format(lang=lang)
            assert (ROOT / path).exists(), path


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"hub_url": "kurs.example.no"}, ["hub URL", "'kurs.example.no'", "http"]),
        ({"hub_url": "ftp://kurs.example.no"}, ["hub URL", "ftp://"]),
        ({"hub_url": "https://"}, ["hub URL", "host"]),
        ({"repo_url": "git@github.com:o/samlab.git"}, ["repository URL", "git@github.com"]),
        ({"repo_url": "https://github.com/"}, ["repository", "name"]),
        ({"lang": "se"}, ["lang", "'se'", "nb, en"]),
        ({"target": "solutions"}, ["target", "'solutions'", "course, exercises, facilitator"]),
        ({"branch": ""}, ["branch", "non-empty"]),
        ({"branch": "my branch"}, ["branch", "'my branch'", "spaces"]),
    ],
)
def test_link_rejects_bad_values(kwargs, words):
    args = {"hub_url": "https://kurs.example.no", "repo_url": "https://github.com/o/samlab"}
    args.update(kwargs)
    with pytest.raises(ValueError) as info:
        hosting.nbgitpuller_link(**args)
    for word in words:
        assert word in str(info.value)


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=30)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_origin_url(tmp_path):
    _git("init", "-q", cwd=tmp_path)
    with pytest.raises(ValueError, match=r"no git remote 'origin'.*--repo"):
        hosting.origin_url(tmp_path)
    _git("remote", "add", "origin", "git@github.com:example/samlab.git", cwd=tmp_path)
    with pytest.raises(ValueError, match=r"not an http.*--repo"):
        hosting.origin_url(tmp_path)
    _git("remote", "set-url", "origin", "https://github.com/example/samlab.git", cwd=tmp_path)
    assert hosting.origin_url(tmp_path) == "https://github.com/example/samlab.git"


# --- Binder / repo2docker -------------------------------------------------------------------


def tracked_copy(destination: Path) -> Path:
    """The repository's tracked files (as a clone would have them) plus the working copies of
    the files these tests are about."""
    files = (
        subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
        )
        .stdout.decode()
        .split("\0")
    )
    for name in [*files, "environment.yml", "postBuild"]:
        source = ROOT / name
        if name and source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs a git clone")
def test_repo2docker_builds_conda_python312_and_runs_postbuild(tmp_path):
    repo = tracked_copy(tmp_path / "repo")
    r2d = BIN / "jupyter-repo2docker"
    assert r2d.exists(), "jupyter-repo2docker is not installed (pip install -e '.[test]')"
    proc = subprocess.run(
        [str(r2d), "--no-build", "--debug", str(repo)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "Building conda environment for python=3.12" in out
    assert "FROM docker.io/library/buildpack-deps" in out
    # the base environment's lock file is the one for Python 3.12 (its path is escaped: -2e is .)
    assert re.search(r"environment(\.|-2e)py(-|-2d)3(\.|-2e)12", out), "base env is not 3.12"
    copy = out.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    install = out.index('env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"')
    post = re.search(r"^RUN \./postBuild$", out, re.M)
    assert post, "repo2docker does not run postBuild"
    # environment.yml installs the repository itself (-e .), so it must run after the copy
    assert copy < install < post.start()
    assert os.access(ROOT / "postBuild", os.X_OK), "postBuild must be executable"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_postbuild(prefix: Path) -> Path:
    env = {**os.environ, "NB_PYTHON_PREFIX": str(prefix)}
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    proc = subprocess.run(
        ["bash", str(ROOT / "postBuild")],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "nbgrader's lab and server extensions are enabled" in proc.stdout
    return prefix / "etc" / "jupyter"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_postbuild_writes_the_default_url_and_keeps_other_settings(tmp_path):
    config_dir = tmp_path / "prefix" / "etc" / "jupyter"
    config_dir.mkdir(parents=True)
    (config_dir / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"shutdown_no_activity_timeout": 600}})
    )
    run_postbuild(tmp_path / "prefix")
    config = json.loads((config_dir / "jupyter_server_config.json").read_text())
    assert config["ServerApp"] == {
        "shutdown_no_activity_timeout": 600,
        "default_url": COURSE_URL,
    }
    assert config["LabApp"]["default_url"] == COURSE_URL
    assert config["JupyterNotebookApp"]["default_url"] == COURSE_URL


@pytest.mark.parametrize("app", ["server", "notebook"])
def test_a_server_with_the_postbuild_config_opens_the_course(tmp_path, app):
    """`jupyter server`, and `jupyter notebook` as repo2docker's image starts it, redirect `/`
    to the course's README in JupyterLab."""
    config_dir = run_postbuild(tmp_path / "prefix")
    repo = ROOT  # the server's root holds course/README.md as the image's home does
    port, token = free_port(), "samlab-test-token"
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(config_dir)}
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    command = [
        str(BIN / "jupyter"),
        app,
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={repo}",
    ]
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    opener = urllib.request.build_opener(_NoRedirect)
    base = f"http://127.0.0.1:{port}"
    try:
        location = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                opener.open(f"{base}/?token={token}", timeout=5)
            except urllib.error.HTTPError as err:
                if err.code in (301, 302):
                    location = err.headers["Location"]
                    break
                raise
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
                continue
            break  # 200: no redirect
        assert location is not None, (tmp_path / "server.log").read_text()[-3000:]
        assert urlsplit(location).path == COURSE_URL
        page = urllib.request.urlopen(f"{base}{COURSE_URL}?token={token}", timeout=30)
        assert page.status == 200
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)
        log.close()


# --- deploy/: TLJH and Zero to JupyterHub ---------------------------------------------------

DEPLOY = ROOT / "deploy"
OWN = [p for p in DEPLOY.rglob("*") if p.is_file() and "local" not in p.relative_to(DEPLOY).parts]
EXCHANGE = "/srv/nbgrader/exchange"


def _load_python_config(path: Path, text: str | None = None):
    """Run a traitlets config file (nbgrader or JupyterHub) and return its config."""
    from traitlets.config import Config

    config = Config()
    code = compile(
        text if text is not None else path.read_text(encoding="utf-8"), str(path), "exec"
    )
    exec(code, {"get_config": lambda: config, "__file__": str(path)})
    return config


def test_every_deploy_file_parses():
    kinds = {".yaml": 0, ".py": 0, ".sh": 0}
    for path in OWN:
        if path.suffix == ".yaml":
            assert yaml.safe_load(path.read_text(encoding="utf-8")), path
        elif path.suffix == ".py":
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
        elif path.suffix == ".sh":
            proc = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
            assert proc.returncode == 0, proc.stderr
            assert os.access(path, os.X_OK), f"{path} must be executable"
        else:
            continue
        kinds[path.suffix] += 1
    assert all(kinds.values()), kinds
    proc = subprocess.run(["bash", "-n", str(ROOT / "postBuild")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_nbgrader_config_for_the_hub():
    config = _load_python_config(DEPLOY / "nbgrader_config.py")
    assert config.Exchange.root == EXCHANGE
    assert config.Exchange.path_includes_course is True
    assert config.Authenticator.plugin_class == "nbgrader.auth.JupyterHubAuthPlugin"
    assert "student_id" not in config.CourseDirectory  # instructors collect everybody's work


def test_participants_are_named_by_their_hub_name(tmp_path, monkeypatch):
    """On TLJH the system user is jupyter-<name>; nbgrader must use the hub name."""
    path = DEPLOY / "tljh" / "jupyterhub_config.d" / "samlab.py"
    participants = tmp_path / "participants.txt"
    participants.write_text("kari\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    text = text.replace("/opt/tljh/config/samlab-participants.txt", str(participants))
    student_id = _load_python_config(path, text).Spawner.environment["SAMLAB_STUDENT_ID"]

    class Spawner:
        def __init__(self, name):
            self.user = type("User", (), {"name": name})()

    instructor = _load_python_config(path, text).JupyterHub.load_groups
    (instructor_name,) = next(g["users"] for n, g in instructor.items() if n.startswith("form"))
    assert student_id(Spawner("kari")) == "kari"
    assert student_id(Spawner(instructor_name)) == ""
    monkeypatch.setenv("SAMLAB_STUDENT_ID", "kari")
    config = _load_python_config(DEPLOY / "nbgrader_config.py")
    assert config.CourseDirectory.student_id == "kari"


def test_tljh_groups_and_roles_for_one_course(tmp_path):
    path = DEPLOY / "tljh" / "jupyterhub_config.d" / "samlab.py"
    participants = tmp_path / "participants.txt"
    participants.write_text("# cohort\nkari\n\nola\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert "/opt/tljh/config/samlab-participants.txt" in text
    text = text.replace("/opt/tljh/config/samlab-participants.txt", str(participants))
    config = _load_python_config(path, text)
    course = re.search(r'^COURSE_ID = "([^"]+)"', text, re.M).group(1)
    groups = config.JupyterHub.load_groups
    assert groups[f"nbgrader-{course}"]["users"] == ["kari", "ola"]
    assert groups[f"formgrade-{course}"]["users"]
    roles = {role["name"]: role for role in config.JupyterHub.load_roles}
    assert "read:users:groups!user" in roles["server"]["scopes"]
    assert roles[f"formgrade-{course}"]["groups"] == [f"formgrade-{course}"]
    assert config.Authenticator.allowed_users >= {"kari", "ola"}


def test_tljh_install_script_uses_the_shared_config_and_exchange():
    script = (DEPLOY / "tljh" / "install.sh").read_text(encoding="utf-8")
    assert f"EXCHANGE={EXCHANGE}" in script
    assert 'chmod 1777 "$EXCHANGE"' in script
    assert "/opt/tljh/user/bin/pip" in script or '"$USER_ENV/bin/pip"' in script
    assert "requirements/constraints.txt" in script
    assert "bubblewrap" in script
    assert '"$USER_ENV/bin/samlab" cohort check-sandbox' in script  # as grading makes it
    for name in ("../nbgrader_config.py", "jupyterhub_config.d/samlab.py"):
        assert name in script
        assert (DEPLOY / "tljh" / name).resolve().is_file(), name
    assert "tljh-config reload" in script


def _values() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8"))


def test_z2jh_values_share_one_exchange_volume_with_the_nbgrader_config():
    values = _values()
    single = values["singleuser"]
    mounts = single["storage"]["extraVolumeMounts"]
    (mount,) = [m for m in mounts if m["mountPath"] == EXCHANGE]
    (volume,) = [v for v in single["storage"]["extraVolumes"] if v["name"] == mount["name"]]
    claim = volume["persistentVolumeClaim"]["claimName"]
    pvc = yaml.safe_load((DEPLOY / "z2jh" / "exchange-pvc.yaml").read_text(encoding="utf-8"))
    assert pvc["kind"] == "PersistentVolumeClaim" and pvc["metadata"]["name"] == claim
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    init = single["initContainers"][0]
    assert "chmod 1777 " + EXCHANGE in " ".join(init["command"])
    assert init["volumeMounts"][0] == {"name": mount["name"], "mountPath": EXCHANGE}
    # the nbgrader config mounted into every pod says the same as deploy/nbgrader_config.py
    extra = single["extraFiles"]["nbgrader-config"]
    assert extra["mountPath"] == "/etc/jupyter/nbgrader_config.py"
    mounted = _load_python_config(Path("values.yaml"), extra["stringData"])
    shared = _load_python_config(DEPLOY / "nbgrader_config.py")
    for section in ("Exchange", "Authenticator"):
        assert dict(mounted[section]) == dict(shared[section]), section


def test_z2jh_values_groups_roles_and_image():
    values = _values()
    groups = values["hub"]["config"]["JupyterHub"]["load_groups"]
    courses = {name.split("-", 1)[1] for name in groups}
    assert len(courses) == 1, courses
    (course,) = courses
    assert set(groups) == {f"formgrade-{course}", f"nbgrader-{course}"}
    roles = values["hub"]["loadRoles"]
    assert "read:users:groups!user" in roles["server"]["scopes"]
    assert roles[f"formgrade-{course}"]["groups"] == [f"formgrade-{course}"]
    for code in values["hub"]["extraConfig"].values():
        compile(code, "extraConfig", "exec")
    single = values["singleuser"]
    assert single["image"]["name"] and single["image"]["tag"]
    assert single["defaultUrl"] == "/lab"
    assert single["memory"]["limit"] == "1G"


def test_z2jh_dockerfile():
    text = (DEPLOY / "z2jh" / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM quay\.io/jupyter/[a-z-]+-notebook:python-3\.12$", text, re.M)
    assert "bubblewrap" in text
    assert "-c /tmp/samlab/requirements/constraints.txt" in text
    # every COPY source (relative to the repository root, the build context) exists
    for line in re.findall(r"^COPY (.+)$", text, re.M):
        sources = [w for w in line.split() if not w.startswith("--")][:-1]
        for source in sources:
            assert (ROOT / source).exists(), source
    # jupyterhub-singleuser at the version the project pins (the hub's major version)
    pinned = re.search(
        r"^jupyterhub==(\S+)$",
        (ROOT / "requirements" / "constraints.txt").read_text(),
        re.M,
    ).group(1)
    assert f"ARG JUPYTERHUB_VERSION={pinned}" in text
    assert '"jupyterhub==${JUPYTERHUB_VERSION}"' in text
    assert "postBuild" not in re.sub(r"#.*", "", text), "the hub image must not run postBuild"


def test_deploy_readmes_have_the_same_headings_and_mention_samlab_link():
    def headings(name: str) -> list[str]:
        text = (DEPLOY / name).read_text(encoding="utf-8")
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        return [line.split(" ", 1)[0] for line in text.splitlines() if line.startswith("#")]

    english, bokmal = headings("README.md"), headings("README.nb.md")
    assert english == bokmal and len(english) >= 8
    for name in ("README.md", "README.nb.md"):
        text = (DEPLOY / name).read_text(encoding="utf-8")
        for needle in (
            "samlab link",
            "samlab cohort init",
            "formgrade-",
            "nbgrader-",
            EXCHANGE,
            "1777",
            "bwrap",
            "samlab cohort check-sandbox",
            "JUPYTERHUB_API_TOKEN",
            "local/README.md",
            "4.1",
        ):
            assert needle in text, f"{name} does not mention {needle!r}"


# --- the service game in every hub config ---------------------------------------------------


def _game_service(services: list[dict]) -> dict:
    (game,) = [s for s in services if s["name"] == "samlab-game"]
    assert game["oauth_no_confirm"] is True
    command = " ".join(game["command"])
    assert "game serve" in command and "--instructor-group formgrade-" in command
    return game


def test_every_hub_config_starts_the_game_service(tmp_path, monkeypatch):
    # TLJH: the service from the users' environment, a SQLite file in the hub's state
    path = DEPLOY / "tljh" / "jupyterhub_config.d" / "samlab.py"
    config = _load_python_config(path)
    game = _game_service(config.JupyterHub.services)
    assert game["command"][0] == "/opt/tljh/user/bin/samlab"
    assert "sqlite:////opt/tljh/state/samlab_games.sqlite" in game["command"]
    roles = {role["name"]: role for role in config.JupyterHub.load_roles}
    assert "access:services!service=samlab-game" in roles["server"]["scopes"]
    assert roles["samlab-game"]["services"] == ["samlab-game"]
    url = config.Spawner.environment["SAMLAB_GAME_URL"]
    assert url.endswith("/services/samlab-game/") and game["url"] in url
    # the one-machine hub
    monkeypatch.setenv("SAMLAB_HUB_ROOT", str(tmp_path))
    monkeypatch.setenv("SAMLAB_HUB_PASSWORD", "x")
    local = _load_python_config(DEPLOY / "local" / "jupyterhub_config.py")
    game = _game_service(local.JupyterHub.services)
    assert f"sqlite:///{tmp_path.resolve()}" in " ".join(game["command"])
    roles = {role["name"]: role for role in local.JupyterHub.load_roles}
    assert "access:services!service=samlab-game" in roles["server"]["scopes"]
    # Zero to JupyterHub: PostgreSQL from a secret, in the hub pod, reachable on its port
    values = _values()
    hub = values["hub"]
    assert hub["extraEnv"]["SAMLAB_GAME_DB"]["valueFrom"]["secretKeyRef"]["key"] == "url"
    code = hub["extraConfig"]["samlab-game"]
    z2jh = _load_python_config(
        Path("values.yaml"),
        "c = get_config()\nc.JupyterHub.services = []\n"
        + code.replace('os.environ["SAMLAB_GAME_DB"]', '"postgresql://x"'),
    )
    game = _game_service(z2jh.JupyterHub.services)
    assert game["environment"] == {"SAMLAB_GAME_DB": "postgresql://x"}
    assert "access:services!service=samlab-game" in hub["loadRoles"]["server"]["scopes"]
    assert [p["port"] for p in hub["service"]["extraPorts"]] == [10101]
    assert values["singleuser"]["extraEnv"]["SAMLAB_GAME_URL"].startswith("http://hub:10101/")
    assert (DEPLOY / "z2jh" / "Dockerfile.hub").is_file()
