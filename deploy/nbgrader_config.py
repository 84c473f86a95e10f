# nbgrader settings for everybody on a Samhandlingslab hub (participants and instructors).
#
# The Littlest JupyterHub: deploy/tljh/install.sh copies this file to
#   /opt/tljh/user/etc/jupyter/nbgrader_config.py
# Zero to JupyterHub: deploy/z2jh/values.yaml mounts the same settings at
#   /etc/jupyter/nbgrader_config.py (singleuser.extraFiles); tests/test_hosting.py checks
#   that the two agree.
#
# Each cohort's own settings (course id, sandboxed grading, ...) live in the course folder
# that `samlab cohort init` makes in the instructor's home; see deploy/README.md.
# Source: https://nbgrader.readthedocs.io/en/stable/configuration/jupyterhub_config.html

import os

c = get_config()  # noqa: F821

# The exchange: one folder every user's server sees, where instructors release assignments
# and participants submit. On Kubernetes it is one ReadWriteMany volume mounted here in every
# pod. The folder itself must be world-writable with the sticky bit (chmod 1777).
c.Exchange.root = "/srv/nbgrader/exchange"

# Several cohorts (courses) share the exchange: keep each course's files apart.
c.Exchange.path_includes_course = True

# Which courses a user sees comes from their JupyterHub groups:
#   nbgrader-<course_id>   participants of the course
#   formgrade-<course_id>  its instructors
c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"

# Participants are named by their hub user name. On TLJH each person's server runs as the
# system user jupyter-<name>, and nbgrader would name submissions after that instead. The
# hub sets SAMLAB_STUDENT_ID for participants only (deploy/tljh/jupyterhub_config.d): an
# instructor's collect and autograde must keep nbgrader's default, every participant.
if os.environ.get("SAMLAB_STUDENT_ID"):
    c.CourseDirectory.student_id = os.environ["SAMLAB_STUDENT_ID"]
