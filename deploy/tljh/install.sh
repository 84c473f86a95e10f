#!/usr/bin/env bash
# Set up Samhandlingslab on The Littlest JupyterHub (TLJH), one cohort on one machine.
#
# Run as root on a fresh Ubuntu 22.04 or 24.04 server, from a clone of the course repository:
#
#     sudo ADMIN=kursleder deploy/tljh/install.sh
#
# Settings (environment variables):
#   ADMIN       the hub administrator's user name (also the instructor); required the first
#               time, when TLJH itself is installed
#   SAMLAB_SRC  the course repository clone to install from (default: this repository)
#   MEMORY      memory limit per user (default 1G), CPU  CPU limit per user (default 1)
#
# Steps and their documentation:
#   TLJH install      https://tljh.jupyter.org/en/latest/install/custom-server.html
#   tljh-config       https://tljh.jupyter.org/en/latest/topic/tljh-config.html
#   user environment  https://tljh.jupyter.org/en/latest/howto/user-env/user-environment.html
#   nbgrader on a hub https://nbgrader.readthedocs.io/en/stable/configuration/jupyterhub_config.html
# Safe to run again: every step leaves what is already right as it is.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
SAMLAB_SRC="${SAMLAB_SRC:-$(cd "$here/../.." && pwd)}"
MEMORY="${MEMORY:-1G}"
CPU="${CPU:-1}"
EXCHANGE=/srv/nbgrader/exchange
USER_ENV=/opt/tljh/user

if [[ $EUID -ne 0 ]]; then
    echo "install.sh: run as root (sudo)" >&2
    exit 1
fi

# 1. System packages: bubblewrap sandboxes the grading kernel (samlab cohort), git for
#    nbgitpuller.
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends bubblewrap git curl python3 python3-venv

# 2. TLJH itself, unless it is there already.
if [[ ! -x /usr/bin/tljh-config ]]; then
    : "${ADMIN:?set ADMIN=<user name> for the hub administrator}"
    curl -fsSL https://tljh.jupyter.org/bootstrap.py | python3 - --admin "$ADMIN"
fi

# 3. The course package in the users' environment, with the same pinned versions as every
#    other installation. A regular (not editable) install: participants cannot read the
#    masters in solutions/ through the package; instructors pass --solutions to
#    `samlab cohort init` (see deploy/README.md).
"$USER_ENV/bin/pip" install --quiet -c "$SAMLAB_SRC/requirements/constraints.txt" "$SAMLAB_SRC"

# 4. nbgrader's exchange: one folder for all users, world-writable with the sticky bit, so
#    anyone can create their own files but nobody can delete anybody else's.
mkdir -p "$EXCHANGE"
chmod 1777 "$EXCHANGE"

# 5. nbgrader's settings for everybody (exchange, several courses, courses from hub groups).
install -D -m 0644 "$here/../nbgrader_config.py" "$USER_ENV/etc/jupyter/nbgrader_config.py"

# 6. Groups and roles for the cohort (edit COURSE_ID and INSTRUCTORS in that file first).
install -D -m 0644 "$here/jupyterhub_config.d/samlab.py" \
    /opt/tljh/config/jupyterhub_config.d/samlab.py
touch /opt/tljh/config/samlab-participants.txt

# 7. JupyterLab by default, and limits per user (measured needs: deploy/README.md).
tljh-config set user_environment.default_app jupyterlab
tljh-config set limits.memory "$MEMORY"
tljh-config set limits.cpu "$CPU"
tljh-config reload hub

# 8. Checks: the grading sandbox works for an ordinary user (as the instructor's server runs),
#    and nbgrader's extensions are on.
if runuser -u nobody -- "$USER_ENV/bin/samlab" cohort check-sandbox; then
    echo "install.sh: bubblewrap works"
else
    echo "install.sh: WARNING bubblewrap cannot make a sandbox here; grading will refuse to" \
        "start (see 'bubblewrap' in deploy/README.md)" >&2
fi
"$USER_ENV/bin/jupyter" server extension list 2>&1 | grep -E "nbgrader|nbgitpuller" || true
echo "install.sh: done. Put participants' user names in /opt/tljh/config/samlab-participants.txt"
echo "and run: sudo tljh-config reload hub"
