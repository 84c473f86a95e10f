# Samhandlingslab on The Littlest JupyterHub: the groups and roles for one cohort.
#
# Copy to /opt/tljh/config/jupyterhub_config.d/samlab.py (deploy/tljh/install.sh does) and
# run `sudo tljh-config reload hub` after every change. TLJH loads every .py file in that
# folder after its own settings:
# https://tljh.jupyter.org/en/latest/topic/escape-hatch.html
#
# nbgrader decides which courses a user sees from their JupyterHub groups
# (https://nbgrader.readthedocs.io/en/stable/configuration/jupyterhub_config.html):
#   formgrade-<course_id>  the course's instructors (they grade)
#   nbgrader-<course_id>   the course's participants (they fetch and submit)
# The course id must be the one given to `samlab cohort init --course-id`. One course id per
# cohort: a new cohort gets a new id and new groups, so old submissions stay apart.

c = get_config()  # noqa: F821

# --- change these for each cohort -----------------------------------------------------------
COURSE_ID = "samlab-vaar-2027"
INSTRUCTORS = ["kursleder"]  # hub user names
# One hub user name per line in this file (the `id` column of the participant list that
# `samlab cohort students` imports); a missing file means no participants yet.
PARTICIPANTS_FILE = "/opt/tljh/config/samlab-participants.txt"
# The service game's database (any SQLAlchemy URL) and the port its service listens on.
GAME_DB = "sqlite:////opt/tljh/state/samlab_games.sqlite"
GAME_PORT = 10101
# ---------------------------------------------------------------------------------------------


def _participants(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            lines = [line.strip() for line in handle]
    except FileNotFoundError:
        return []
    return [name for name in lines if name and not name.startswith("#")]


PARTICIPANTS = _participants(PARTICIPANTS_FILE)

# Only these people may log in (TLJH's authenticator decides how they prove who they are).
c.Authenticator.allowed_users = set(INSTRUCTORS) | set(PARTICIPANTS)

# The two groups nbgrader reads. JupyterHub 4.1+ takes a dict per group.
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE_ID}": {"users": INSTRUCTORS},
    f"nbgrader-{COURSE_ID}": {"users": PARTICIPANTS},
}

c.JupyterHub.load_roles = [
    {
        # Each single-user server may read its own user's name and groups: nbgrader's
        # JupyterHubAuthPlugin asks the hub for them to list the user's courses. Without
        # read:users:groups!user the Assignments tab shows no course.
        "name": "server",
        "scopes": [
            "access:servers!server",
            "users:activity!user",
            "read:users:name!user",
            "read:users:groups!user",
            # ... and use the game service (samlab.game.client in the user's notebooks)
            "access:services!service=samlab-game",
        ],
    },
    {
        # The service game: the service reads who the facilitators are (the instructor
        # group) ...
        "name": "samlab-game",
        "scopes": [f"read:groups!group=formgrade-{COURSE_ID}"],
        "services": ["samlab-game"],
    },
    {
        # ... and everybody in the cohort may use it (their tokens inherit this).
        "name": "samlab-game-player",
        "scopes": ["access:services!service=samlab-game"],
        "groups": [f"formgrade-{COURSE_ID}", f"nbgrader-{COURSE_ID}"],
    },
    {
        # Co-instructors in formgrade-<course_id> may open the instructor's server, where
        # the cohort folder and the Formgrader live (hub URL /user/<instructor>/formgrader).
        "name": f"formgrade-{COURSE_ID}",
        "scopes": [f"access:servers!user={name}" for name in INSTRUCTORS],
        "groups": [f"formgrade-{COURSE_ID}"],
    },
]

# The service game (`samlab game serve`): the hub starts it, restarts it if it stops, and
# mounts it at /services/samlab-game/. It runs from the users' environment, where samlab is.
c.JupyterHub.services = [
    *list(c.JupyterHub.get("services", [])),
    {
        "name": "samlab-game",
        "url": f"http://127.0.0.1:{GAME_PORT}",
        "command": [
            "/opt/tljh/user/bin/samlab",
            "game",
            "serve",
            "--db",
            GAME_DB,
            "--instructor-group",
            f"formgrade-{COURSE_ID}",
        ],
        "cwd": "/opt/tljh/state",
        "oauth_no_confirm": True,
    },
]

# JupyterLab is the interface; the nbgitpuller link takes participants to the course itself.
c.Spawner.default_url = "/lab"


def _student_id(spawner) -> str:
    """A participant's nbgrader id is their hub name (deploy/nbgrader_config.py reads it)."""
    return spawner.user.name if spawner.user.name in PARTICIPANTS else ""


# TLJH runs each person's server as the system user jupyter-<name>; without this, nbgrader
# would file a participant's submission under jupyter-<name>, not the name in the cohort's
# participant list.
c.Spawner.environment = {
    "SAMLAB_STUDENT_ID": _student_id,
    # where samlab.game.client finds the game service (on this machine)
    "SAMLAB_GAME_URL": f"http://127.0.0.1:{GAME_PORT}/services/samlab-game/",
}
