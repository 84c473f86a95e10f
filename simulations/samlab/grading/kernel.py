"""The grading kernel: IPython's kernel, except that a forked copy of it exits at once.

A cell that calls ``os.fork()`` leaves two copies of the kernel running the same cell, and
both answer the grader over the same connection: the grader then reads two replies to one
request and the grading of that notebook goes wrong in ways that depend on timing. In the
grading sandbox a fork of the kernel therefore ends at once (a fork bomb ends with it);
work in other processes still runs, as long as the new process starts a program of its own
(``subprocess``, ``multiprocessing``'s spawn and forkserver, which samlab uses in a kernel).
"""

from __future__ import annotations

#: Exit status of a forked copy of the grading kernel.
FORK_EXIT = 70

#: The kernel's start, given to ``python -c`` in place of ``-m ipykernel_launcher``, so that
#: starting the kernel imports nothing else (not even samlab: the notebook does that).
BOOT = (
    "import os; "
    f"os.register_at_fork(after_in_child=lambda: os._exit({FORK_EXIT})); "
    "from ipykernel.kernelapp import launch_new_instance; "
    "launch_new_instance()"
)
