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
        for target in ("course", "exercises"):
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
