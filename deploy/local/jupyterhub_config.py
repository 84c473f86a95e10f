"""A JupyterHub for one Samhandlingslab cohort on one machine: try-out, workshop and test.

Everybody's server runs as the same system user, each in a home folder of their own under
SAMLAB_HUB_ROOT, and people log in with a shared password (JupyterHub's dummy
authenticator). That is right for a laptop, a workshop room without internet, and the
project's own test of the whole cohort cycle -- never for participants' real work on a
network: use The Littlest JupyterHub or Zero to JupyterHub for that (see ../README.md).

Start it (from the repository, after `make install`):

    SAMLAB_HUB_ROOT=/tmp/samlab-hub SAMLAB_HUB_PASSWORD=choose-one \\
        .venv/bin/jupyterhub -f deploy/local/jupyterhub_config.py

Settings (environment variables):

    SAMLAB_HUB_ROOT          folder for the homes, the exchange and the hub's state (required)
    SAMLAB_HUB_PASSWORD      the shared password (required)
    SAMLAB_HUB_COURSE        nbgrader course id (default: samlab)
    SAMLAB_HUB_INSTRUCTORS   comma-separated user names (default: instructor)
    SAMLAB_HUB_PARTICIPANTS  comma-separated user names (default: deltaker1,deltaker2)
    SAMLAB_HUB_PORT          the port people open (default: 8000; always on 127.0.0.1);
                             the next three ports are the proxy's API, the hub's own and
                             the game service's
    SAMLAB_HUB_API_TOKEN     optional token for a 'cohort-admin' service with admin rights
                             (used by the project's test to drive the hub through its API)

The course set-up follows nbgrader's documentation for JupyterHub: instructors are in the
group ``formgrade-<course>`` and participants in ``nbgrader-<course>``; participants see
only the courses of their groups (nbgrader's JupyterHubAuthPlugin). Each instructor's
server reads the cohort folder ``~/<course>`` made by ``samlab cohort init``.

The service game runs as the hub service ``samlab-game`` (``samlab game serve``, started
and restarted by the hub), at /services/samlab-game/, with its games in
SAMLAB_HUB_ROOT/hub/samlab_games.sqlite. The instructors (``formgrade-<course>``) run the
games; everybody on the hub may play.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]


def _setting(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if not value:
        sys.exit(f"deploy/local/jupyterhub_config.py: set {name} (see the top of this file)")
    return value


def _names(name: str, default: str) -> list[str]:
    return [n.strip() for n in _setting(name, default).split(",") if n.strip()]


ROOT = Path(_setting("SAMLAB_HUB_ROOT")).expanduser().resolve()
COURSE = _setting("SAMLAB_HUB_COURSE", "samlab")
INSTRUCTORS = _names("SAMLAB_HUB_INSTRUCTORS", "instructor")
PARTICIPANTS = _names("SAMLAB_HUB_PARTICIPANTS", "deltaker1,deltaker2")
HOMES = ROOT / "home"
EXCHANGE = ROOT / "exchange"
STATE = ROOT / "hub"
PARTICIPANT_CONFIG = ROOT / "participant-config"

# --- folders: homes, the hub's state and nbgrader's exchange --------------------------
for folder in (HOMES, STATE, PARTICIPANT_CONFIG):
    folder.mkdir(parents=True, exist_ok=True)
# The exchange is shared by everybody: writable by all, sticky like /tmp (nbgrader's docs).
EXCHANGE.mkdir(parents=True, exist_ok=True)
EXCHANGE.chmod(0o1777)

# What participants' nbgrader sees: the exchange, their own id, and only their courses.
(PARTICIPANT_CONFIG / "nbgrader_config.py").write_text(
    "# nbgrader for participants on the Samhandlingslab one-machine hub.\n"
    "import os\n"
    "c = get_config()  # noqa: F821\n"
    f"c.Exchange.root = {str(EXCHANGE)!r}\n"
    f"c.CourseDirectory.course_id = {COURSE!r}\n"
    "# All servers share one system user here, so name the participant by their hub name.\n"
    'c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]\n'
    'c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"\n',
    encoding="utf-8",
)

# --- the hub -------------------------------------------------------------------------
c.JupyterHub.ip = "127.0.0.1"
PORT = int(_setting("SAMLAB_HUB_PORT", "8000"))
c.JupyterHub.port = PORT  # the proxy, where people connect
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 2  # the hub itself, behind the proxy
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every server
c.JupyterHub.cleanup_proxy = True

# configurable-http-proxy from npm: `make` installs it into the virtual environment.
for candidate in (
    Path(sys.prefix) / "node" / "node_modules" / ".bin" / "configurable-http-proxy",
    REPOSITORY / ".venv" / "node" / "node_modules" / ".bin" / "configurable-http-proxy",
):
    if candidate.exists():
        c.ConfigurableHTTPProxy.command = [str(candidate)]
        break
else:
    if shutil.which("configurable-http-proxy") is None:
        sys.exit(
            "configurable-http-proxy not found: run `make hub-deps` in the repository "
            "(needs npm; Debian/Ubuntu: sudo apt install npm)"
        )
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 1}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

# --- the service game ---------------------------------------------------------------------
GAME = "samlab-game"
GAME_PORT = PORT + 3
INSTRUCTOR_GROUP = f"formgrade-{COURSE}"
c.JupyterHub.services = [
    {
        "name": GAME,
        "url": f"http://127.0.0.1:{GAME_PORT}",
        "command": [
            sys.executable,
            "-m",
            "samlab.cli",
            "game",
            "serve",
            "--db",
            f"sqlite:///{STATE / 'samlab_games.sqlite'}",
            "--instructor-group",
            INSTRUCTOR_GROUP,
        ],
        "cwd": str(STATE),
        "oauth_no_confirm": True,  # people are not asked to allow the course's own service
    }
]

# --- who may log in ---------------------------------------------------------------------
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = _setting("SAMLAB_HUB_PASSWORD")
c.Authenticator.allowed_users = set(INSTRUCTORS + PARTICIPANTS)
c.Authenticator.admin_users = set(INSTRUCTORS)

# The groups nbgrader reads: instructors grade the course, participants take it.
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE}": {"users": INSTRUCTORS},
    f"nbgrader-{COURSE}": {"users": PARTICIPANTS},
}
c.JupyterHub.load_roles = [
    {
        # A server may read its own user's name and groups (nbgrader's course list).
        "name": "server",
        "scopes": [
            "access:servers!server",
            "users:activity!user",
            "read:users:name!user",
            "read:users:groups!user",
            # ... and use the game service (samlab.game.client, in the user's notebook)
            f"access:services!service={GAME}",
        ],
    },
    {
        # The game service reads who the facilitators are (the instructor group).
        "name": GAME,
        "scopes": [f"read:groups!group={INSTRUCTOR_GROUP}"],
        "services": [GAME],
    },
    {
        # Everybody in the cohort may use the game service (their tokens inherit it).
        "name": "samlab-game-player",
        "scopes": [f"access:services!service={GAME}"],
        "groups": [INSTRUCTOR_GROUP, f"nbgrader-{COURSE}"],
    },
]
api_token = os.environ.get("SAMLAB_HUB_API_TOKEN")
if api_token:
    c.JupyterHub.services.append({"name": "cohort-admin", "api_token": api_token})
    c.JupyterHub.load_roles.append(
        {
            "name": "cohort-admin",
            "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"],
            "services": ["cohort-admin"],
        }
    )

# --- each person's server ---------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"  # a local process per user, in its own home folder
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120
if os.geteuid() == 0:
    c.Spawner.args = ["--allow-root"]
PATH = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])


def pre_spawn_hook(spawner):
    """Instructors read their cohort folder; participants the participant settings."""
    instructor = f"formgrade-{COURSE}" in {group.name for group in spawner.user.groups}
    config_path = HOMES / spawner.user.name / COURSE if instructor else PARTICIPANT_CONFIG
    spawner.environment.update(
        {
            "PATH": PATH,
            "JUPYTER_CONFIG_PATH": str(config_path),
            # where samlab.game.client finds the game service (through the proxy)
            "SAMLAB_GAME_URL": f"http://127.0.0.1:{PORT}/services/{GAME}/",
        }
    )


c.Spawner.pre_spawn_hook = pre_spawn_hook
