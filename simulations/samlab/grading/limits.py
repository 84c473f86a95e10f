"""Resource limits for the grading kernel, set inside the sandbox before the kernel starts.

Run by the sandboxed Python as a script (``python -I -S limits.py --memory N ... -- CMD``):
it imports nothing but the standard library, lowers its own limits and replaces itself with
the kernel command, which inherits them. Limits are set inside the sandbox, after
bubblewrap has made the kernel's own user namespace, so the process count is the sandbox's
alone (Linux counts processes per user namespace), not the grader's.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import sys

#: option -> (resource, help)
LIMITS = {
    "memory": (resource.RLIMIT_DATA, "bytes of memory the kernel may allocate"),
    "processes": (resource.RLIMIT_NPROC, "processes and threads"),
    "file_size": (resource.RLIMIT_FSIZE, "bytes in any one file it writes"),
    "cpu": (resource.RLIMIT_CPU, "seconds of CPU time"),
    "open_files": (resource.RLIMIT_NOFILE, "open files"),
}


def apply(values: dict[str, int]) -> None:
    """Lower the soft and hard limit of each resource named in ``values``."""
    for name, value in values.items():
        kind = LIMITS[name][0]
        _, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(kind, (value, value))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # A write past the file-size limit fails with 'File too large' instead of killing the
    # kernel: the cell fails, the notebook goes on.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="samlab-limits")
    for name, (_, text) in LIMITS.items():
        parser.add_argument("--" + name.replace("_", "-"), type=int, default=None, help=text)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command to run")
    apply({name: getattr(args, name) for name in LIMITS if getattr(args, name) is not None})
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
