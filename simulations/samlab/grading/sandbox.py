"""The grading kernel in a bubblewrap sandbox with least privilege.

A participant's notebook runs with only what it needs to run:

* **Environment:** built from nothing: ``PATH``, the locale, ``HOME`` and caches inside the
  sandbox, the kernel's own variables and a few numeric-library settings
  (:data:`ALLOWED_ENV`). Nothing else of the grader's environment reaches the kernel or
  even bubblewrap (no ``JUPYTERHUB_API_TOKEN``, no ``*_TOKEN``, ``*_SECRET``, cloud keys).
* **File system:** no ``/``. Read-only: ``/usr`` (and the ``/bin``, ``/lib`` links), the
  few ``/etc`` files the C library and fonts read, the Python environment and the samlab
  package. Writable: the submission's own folder and a private ``/tmp``. The grader's home,
  other homes, the cohort folder, the exchange, ``solutions/`` and other cohorts are not
  there at all.
* **Network:** an empty network namespace of its own. The kernel talks to the grader over
  Unix sockets in a private folder (ZeroMQ's ``ipc`` transport), so it needs no network.
* **Resources:** memory, processes, file size, CPU time and open files are limited
  (:class:`Limits`), on top of nbgrader's per-cell timeout. A grader running as root gets a
  ``pids`` cgroup as well, since Linux does not apply the process limit to root.
* **Fail closed:** if the sandbox cannot be made as configured, no kernel starts and the
  error says why and how to fix it; ``required = False`` is the only way to grade without
  it, and the log says so.

What remains (said in the guides): the kernel shares the machine's CPU with the grader and
runs on the same Linux kernel, so a kernel exploit escapes any sandbox of this kind. A host
that grades untrusted code at scale grades in a container or virtual machine of its own.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, List, Unicode

from . import kernel as _kernel
from . import limits as _limits

BWRAP_MISSING = (
    "grading is set up to run each notebook in a bubblewrap sandbox, but the program 'bwrap' "
    "was not found; install it (Debian/Ubuntu: sudo apt install bubblewrap) or, only for "
    "trusted notebooks, set c.SandboxedKernelManager.required = False"
)
SANDBOX_FAILED = (
    "the grading sandbox could not be made ({reason}); bubblewrap needs user namespaces "
    "(check: sysctl user.max_user_namespaces > 0; on Ubuntu 24.04 allow them for bwrap "
    "with an AppArmor profile or sysctl kernel.apparmor_restrict_unprivileged_userns=0) "
    "or, only for trusted notebooks, set c.SandboxedKernelManager.required = False"
)
ROOT_WITHOUT_CGROUP = (
    "grading as root, but no 'pids' cgroup could be made under {where} ({reason}); Linux "
    "does not apply the process limit to root, so a fork bomb would not stop; grade as an "
    "ordinary user, or give root a writable pids cgroup"
)
UNSANDBOXED = (
    "grading WITHOUT the sandbox (c.SandboxedKernelManager.required = False): participants' "
    "code runs with your permissions, environment and network"
)

#: Variables passed from the grader's environment to the kernel, by exact name or prefix.
#: Everything else (hub tokens, keys, passwords, cloud credentials) stays outside.
ALLOWED_ENV = (
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "LC_NUMERIC",
    "LC_TIME",
    "LC_COLLATE",
    "LC_MONETARY",
    "LC_MESSAGES",
    "TZ",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "JPY_SESSION_NAME",  # the kernel's own, set by jupyter_client
    "PYDEVD_DISABLE_FILE_VALIDATION",
)
#: Variables the sandbox sets itself: a home and caches in the private /tmp.
SANDBOX_ENV = {
    "HOME": "/tmp/home",
    "USER": "participant",
    "LOGNAME": "participant",
    "IPYTHONDIR": "/tmp/home/.ipython",
    "MPLCONFIGDIR": "/tmp/home/.matplotlib",
    "XDG_CACHE_HOME": "/tmp/home/.cache",
    "JUPYTER_RUNTIME_DIR": "/tmp/home/.jupyter-runtime",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONDONTWRITEBYTECODE": "1",
}
#: Files and folders under /etc the C library, Python and matplotlib read (if present).
ETC = (
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/localtime",
    "/etc/fonts",
    "/etc/alternatives",
    "/etc/mime.types",
)
#: Top-level system folders: bound read-only, or recreated as the links they are.
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32")
#: bubblewrap's namespaces: user, IPC, PID, network, UTS (and cgroup where it can).
NAMESPACES = ("--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL")

GiB = 1024**3


@dataclass(frozen=True)
class Limits:
    """What one grading kernel may use. The defaults suit the course's notebooks."""

    memory: int = 2 * GiB  #: bytes of memory it may allocate
    processes: int = 256  #: processes and threads together
    file_size: int = 100 * 1024**2  #: bytes in any one file it writes
    cpu: int = 600  #: seconds of CPU time for the whole notebook
    open_files: int = 1024

    def arguments(self) -> list[str]:
        return [f"--{name.replace('_', '-')}={getattr(self, name)}" for name in _limits.LIMITS]


def kernel_env(env: dict[str, str] | None, python: str) -> dict[str, str]:
    """The kernel's whole environment: the allowlisted variables of ``env`` and the sandbox's
    own; ``PATH`` is the kernel's Python's folder and the system's."""
    given = dict(os.environ if env is None else env)
    kept = {name: given[name] for name in ALLOWED_ENV if name in given}
    kept.setdefault("LANG", "C.UTF-8")
    kept["PATH"] = os.pathsep.join([str(Path(python).parent), "/usr/local/bin", "/usr/bin", "/bin"])
    return {**kept, **SANDBOX_ENV}


def grading_kernel(kernel_cmd: list[str]) -> list[str]:
    """IPython's kernel command with samlab's grading kernel in its place (a forked copy of
    the kernel exits at once; see :mod:`samlab.grading.kernel`)."""
    command = list(kernel_cmd)
    for i in range(len(command) - 1):
        if command[i] == "-m" and command[i + 1] == "ipykernel_launcher":
            command[i : i + 2] = ["-c", _kernel.BOOT]
            break
    return command


def python_paths() -> list[str]:
    """The folders the kernel's Python needs: its environment and the samlab package."""
    import samlab

    paths = {sys.prefix, sys.base_prefix, str(Path(samlab.__file__).resolve().parents[1])}
    return sorted({os.path.realpath(p) for p in paths if os.path.isdir(p)})


def _inside(path: str, folders: list[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


def filesystem(
    python: list[str], hidden: list[str], writable: list[str], private: str | None
) -> list[str]:
    """bubblewrap's file-system arguments: the system and ``python`` read-only, ``hidden``
    folders that fall inside them emptied, ``writable`` folders (the submission) and the
    kernel's ``private`` folder (its sockets and connection file) writable, a new /tmp."""
    args: list[str] = []
    for path in SYSTEM:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in ETC:
        args += ["--ro-bind-try", path, path]
    args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", "/tmp/home"]
    # /usr was bound above; a Python elsewhere (pyenv in a home, a venv in a clone) is added
    for path in python:
        if not _inside(path, ["/usr"]):
            args += ["--ro-bind", path, path]
    mounted = ["/usr", *python]
    for path in hidden:
        real = os.path.realpath(path)
        if os.path.isdir(real) and _inside(real, mounted):
            args += ["--tmpfs", real]
    if private:
        args += ["--bind", private, private]
    for path in writable:
        args += ["--bind", path, path]
    return args


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that starts each grading kernel in a least-privilege sandbox."""

    hidden_paths = List(
        Unicode(),
        help="Folders the kernel must never see. Nothing outside the system and Python "
        "folders is visible anyway; these are also emptied should they lie inside one.",
    ).tag(config=True)
    bwrap = Unicode("bwrap", help="The bubblewrap program.").tag(config=True)
    required = Bool(
        True, help="Refuse to start a kernel without the sandbox (True) or run unsandboxed."
    ).tag(config=True)
    memory_limit = Integer(Limits.memory, help="Bytes of memory a kernel may allocate.").tag(
        config=True
    )
    process_limit = Integer(Limits.processes, help="Processes and threads of a kernel.").tag(
        config=True
    )
    file_size_limit = Integer(Limits.file_size, help="Bytes in any one file it writes.").tag(
        config=True
    )
    cpu_limit = Integer(Limits.cpu, help="Seconds of CPU time for a kernel.").tag(config=True)

    _private: str | None = None
    _cgroup: Path | None = None

    @property
    def limits(self) -> Limits:
        return Limits(
            memory=self.memory_limit,
            processes=self.process_limit,
            file_size=self.file_size_limit,
            cpu=self.cpu_limit,
        )

    def sandbox_command(
        self, kernel_cmd: list[str], cwd: str | None, private: str | None = None
    ) -> list[str]:
        """The kernel command wrapped in bubblewrap and the limits, for a kernel working in
        ``cwd`` and talking to the grader through sockets in ``private``."""
        program = shutil.which(self.bwrap)
        if program is None:
            if self.required:
                raise RuntimeError(BWRAP_MISSING)
            return list(kernel_cmd)
        writable = [os.path.realpath(cwd)] if cwd else []
        command = [program, *filesystem(python_paths(), self.hidden_paths, writable, private)]
        if cwd:
            command += ["--chdir", writable[0]]
        # In its own process namespace the kernel's parent is the sandbox's init, so the
        # kernel's parent-polling would shut it down; --die-with-parent does that job.
        command += ["--unsetenv", "JPY_PARENT_PID"]
        command += [*NAMESPACES, "--hostname", "sandbox", "--"]
        limits_script = str(Path(_limits.__file__).resolve())
        command += [sys.executable, "-I", "-S", limits_script, *self.limits.arguments(), "--"]
        return command + grading_kernel(kernel_cmd)

    # -- lifecycle ---------------------------------------------------------------------

    async def _async_pre_start_kernel(self, **kw: Any):
        if self._sandboxed():
            # The kernel's sockets and connection file in a private folder: ZeroMQ over Unix
            # sockets, so the kernel needs no network at all.
            self._private = tempfile.mkdtemp(prefix="samlab-kernel-", dir="/tmp")
            self.transport = "ipc"
            self.ip = os.path.join(self._private, "kernel")
            self.connection_file = os.path.join(self._private, "kernel.json")
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        if not self._sandboxed():
            self.log.warning(UNSANDBOXED)
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        check_sandbox(shutil.which(self.bwrap) or self.bwrap)
        # A signal to interrupt a cell that runs too long would reach bubblewrap and end the
        # sandbox with the kernel in it; ask the kernel itself over its control channel.
        self.kernel_spec.interrupt_mode = "message"
        kw["env"] = kernel_env(kw.get("env"), kernel_cmd[0])
        wrapped = self.sandbox_command(kernel_cmd, kw.get("cwd"), self._private)
        if os.geteuid() == 0:
            self._cgroup = make_pids_cgroup(self.process_limit + 8)
            kw["preexec_fn"] = _join_cgroup(self._cgroup)
        await super()._async_launch_kernel(wrapped, **kw)

    _launch_kernel = _async_launch_kernel

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            remove_cgroup(self._cgroup)
            self._cgroup = None
            if self._private:
                shutil.rmtree(self._private, ignore_errors=True)
                self._private = None

    def _sandboxed(self) -> bool:
        if shutil.which(self.bwrap) is None:
            if self.required:
                raise RuntimeError(BWRAP_MISSING)
            return False
        return True


_CHECKED: dict[str, str | None] = {}


def check_sandbox(program: str) -> None:
    """Make a sandbox like the kernel's once per process; raise a one-line error if the
    machine cannot (no user namespaces, bwrap refused)."""
    if program not in _CHECKED:
        args = [program, *filesystem([], [], [], None), *NAMESPACES, "--", "/bin/true"]
        try:
            result = subprocess.run(args, capture_output=True, text=True, timeout=30, env={})
            reason = None if result.returncode == 0 else result.stderr.strip().splitlines()
            _CHECKED[program] = None if reason is None else (reason or ["no message"])[-1]
        except (OSError, subprocess.SubprocessError) as exc:
            _CHECKED[program] = str(exc)
    if _CHECKED[program] is not None:
        raise RuntimeError(SANDBOX_FAILED.format(reason=_CHECKED[program]))


# -- a pids cgroup for a grader running as root -----------------------------------------


def _pids_root() -> tuple[Path, str]:
    """The pids controller's folder for this process's cgroup (cgroup v1 or v2)."""
    mounts = Path("/proc/self/mounts").read_text().splitlines()
    groups = Path("/proc/self/cgroup").read_text().splitlines()
    for line in mounts:
        _, point, kind, options = line.split()[:4]
        if kind == "cgroup" and "pids" in options.split(","):
            own = next(g.split(":", 2)[2] for g in groups if "pids" in g.split(":")[1].split(","))
            return Path(point + own), "v1"
        if kind == "cgroup2":
            own = next((g.split(":", 2)[2] for g in groups if g.startswith("0::")), "/")
            return Path(point + own), "v2"
    raise OSError("no cgroup file system is mounted")


def make_pids_cgroup(limit: int) -> Path:
    """A new cgroup allowing ``limit`` tasks, for one kernel; raises if none can be made."""
    where = "/sys/fs/cgroup"
    try:
        parent, _ = _pids_root()
        where = str(parent)
        group = parent / f"samlab-kernel-{os.getpid()}-{time.monotonic_ns()}"
        group.mkdir()
        try:
            (group / "pids.max").write_text(str(limit))
        except OSError:
            group.rmdir()
            raise
        return group
    except (OSError, StopIteration) as exc:
        raise RuntimeError(ROOT_WITHOUT_CGROUP.format(where=where, reason=exc)) from None


def _join_cgroup(group: Path):
    procs = str(group / "cgroup.procs")

    def join() -> None:  # runs in the child between fork and exec
        with open(procs, "w") as handle:
            handle.write(str(os.getpid()))

    return join


def remove_cgroup(group: Path | None) -> None:
    """Stop whatever is left in the kernel's cgroup and remove it."""
    if group is None or not group.is_dir():
        return
    for _ in range(400):  # up to 20 s: a fork bomb's last processes take a moment to go
        with contextlib.suppress(OSError):
            for pid in (group / "cgroup.procs").read_text().split():
                with contextlib.suppress(OSError):
                    os.kill(int(pid), signal.SIGKILL)
            group.rmdir()
            return
        time.sleep(0.05)
