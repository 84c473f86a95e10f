"""Links for hosts: an nbgitpuller link that clones the course into each participant's home
on a JupyterHub and opens it in JupyterLab.

    samlab link --hub https://kurs.example.no --repo https://github.com/ORG/samlab --lang nb

The link has nbgitpuller's documented form
``<hub>/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=...``
(https://nbgitpuller.readthedocs.io/en/latest/link.html). The repository is cloned into a
folder in the participant's home named after the repository address's last part without
``.git``; the link names that folder in ``targetpath`` (nbgitpuller itself would keep a
trailing ``.git``), so ``urlpath``, ``lab/tree/<that folder>/<path>``, always finds it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from .errors import SamlabValueError
from .translation import DEFAULT_LANG, LANGUAGES

LANGS = LANGUAGES
TARGETS = {
    "course": "course/{lang}/00_start_here.ipynb",
    "exercises": "exercises/{lang}/",
    "facilitator": "course/facilitator/{lang}/README.md",
}


def _check_http_url(name: str, url: str) -> str:
    text = (url or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SamlabValueError(
            f"{name} must be an http:// or https:// address with a host name, got {url!r}"
        )
    if any(c.isspace() for c in text):
        raise SamlabValueError(f"{name} must not contain spaces, got {url!r}")
    return text


def repo_folder(repo_url: str) -> str:
    """The folder nbgitpuller clones ``repo_url`` into: its last part without ``.git``."""
    path = urlsplit(repo_url).path.rstrip("/")
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".git"):
        name = name[: -len(".git")]
    if not name:
        raise SamlabValueError(
            f"repository address {repo_url!r} has no repository name at the end "
            "(e.g. https://github.com/ORG/samlab)"
        )
    return name


def check_options(hub_url: str, branch: str, lang: str, target: str) -> str:
    """Check everything but the repository; return the hub's address without a trailing /."""
    hub = _check_http_url("hub URL", hub_url).rstrip("/")
    if lang not in LANGS:
        raise SamlabValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    if target not in TARGETS:
        raise SamlabValueError(f"target must be one of {', '.join(TARGETS)}, got {target!r}")
    if not isinstance(branch, str) or not branch.strip() or any(c.isspace() for c in branch):
        raise SamlabValueError(f"branch must be a non-empty name without spaces, got {branch!r}")
    return hub


def nbgitpuller_link(
    hub_url: str,
    repo_url: str,
    branch: str = "main",
    lang: str = DEFAULT_LANG,
    target: str = "course",
) -> str:
    """The nbgitpuller link that pulls ``repo_url`` (``branch``) into the participant's home on
    the hub at ``hub_url`` and opens ``target`` in ``lang`` in JupyterLab.

    ``target`` is ``course`` (``course/<lang>/00_start_here.ipynb``), ``exercises``
    (``exercises/<lang>/``) or ``facilitator`` (``course/facilitator/<lang>/README.md``).
    A bad value raises ``ValueError`` naming it and what is allowed.
    """
    hub = check_options(hub_url, branch, lang, target)
    repo = _check_http_url("repository URL", repo_url)
    folder = repo_folder(repo)
    urlpath = f"lab/tree/{folder}/{TARGETS[target].format(lang=lang)}"
    query = urlencode({"repo": repo, "branch": branch, "targetpath": folder, "urlpath": urlpath})
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def origin_url(directory: str | Path | None = None) -> str:
    """The http(s) address of the git remote ``origin`` of the repository samlab runs from
    (or of ``directory``); a clear error when there is none, or it is not http(s)."""
    where = Path(directory) if directory else Path(__file__).resolve().parents[2]
    try:
        proc = subprocess.run(
            ["git", "-C", str(where), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        proc = None
    url = proc.stdout.strip() if proc is not None and proc.returncode == 0 else ""
    if not url:
        raise SamlabValueError(
            "this repository has no git remote 'origin'; pass the course repository's "
            "address with --repo URL"
        )
    if urlsplit(url).scheme not in ("http", "https"):
        raise SamlabValueError(
            f"the git remote 'origin' is {url!r}, not an http(s) address participants' "
            "servers can clone; pass the public address with --repo URL"
        )
    return url
