"""The proof kernel: a warm worker process that runs proofs under limits, and its parent-side handle.

The worker is created with the ``spawn`` start method, imports numpy and sympy once, then serves
requests over a pipe. Limits inside the worker: address space (``RLIMIT_AS``), no new processes
(an audit hook refuses fork/exec/spawn/kill, ``RLIMIT_NPROC`` where the OS enforces it), a cap on
result size, Python's recursion limit. The timeout is enforced by the parent: it waits with a
deadline, then kills the worker's whole process group and starts a fresh worker.

The parent never raises for a proof problem: :meth:`Kernel.run` always returns a result dict with
status ``passed``, ``failed``, ``error``, ``timeout``, ``crashed`` or ``cancelled``.
"""

from __future__ import annotations

import importlib
import json
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection, wait
from typing import Any

from studytool.proofs.catalog import ProofMeta

#: Functions :meth:`Kernel.call` may run in the kernel, as ``"module:function"``.
CALL_WHITELIST: set[str] = {"studytool.answers.symbolic:equivalent"}

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY_MB = 1024
MAX_RESULT_BYTES = 4 * 1024 * 1024
STARTUP_TIMEOUT = 60.0
_SLICE = 0.05  # how often a waiting parent looks at the cancel flag

_STDERR_LOCK = threading.Lock()


class KernelError(RuntimeError):
    """:meth:`Kernel.call` failed: the function raised, or the kernel died."""


class KernelTimeout(KernelError, TimeoutError):
    """:meth:`Kernel.call` did not finish in time (the kernel was restarted)."""


# =========================================================================== worker side

#: Audit events a proof may not raise: no new processes, no signals to other processes.
_BLOCKED_EVENTS = frozenset(
    {"os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.system", "os.exec", "subprocess.Popen",
     "os.killpg", "pty.spawn"}
)
#: libc symbols a proof may not look up through ctypes.
_BLOCKED_SYMBOLS = frozenset(
    {"fork", "vfork", "clone", "clone3", "execv", "execve", "execvp", "execvpe", "execl", "execlp",
     "system", "posix_spawn", "posix_spawnp", "kill", "killpg", "syscall", "popen", "daemon"}
)


def _audit_guard(event: str, args: tuple[Any, ...]) -> None:
    if event in _BLOCKED_EVENTS:
        raise PermissionError(f"proofs may not start processes ({event} refused by the proof kernel)")
    if event == "os.kill" and args and args[0] not in (0, os.getpid()):
        raise PermissionError("proofs may not signal other processes (os.kill refused by the proof kernel)")
    if event == "ctypes.dlsym" and len(args) >= 2 and str(args[1]).lstrip("_") in _BLOCKED_SYMBOLS:
        raise PermissionError(f"proofs may not call {args[1]} (refused by the proof kernel)")


def _detach_stdio() -> None:
    """Point fds 0-2 at /dev/null: the worker must never write on the terminal the TUI owns."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        try:
            os.dup2(null, fd)
        except OSError:
            pass
    os.close(null)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _apply_limits(memory_mb: int) -> None:
    import resource

    limit = memory_mb * 1024 * 1024
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass
    try:  # no new processes (ignored by the kernel for root; the audit hook covers that case)
        _soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
        resource.setrlimit(resource.RLIMIT_NPROC, (1, hard))
    except (ValueError, OSError, AttributeError):
        pass
    try:  # a crash must not write a core file the size of the address space
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def _warm_up() -> None:
    import numpy as np
    import sympy as sp

    x = sp.symbols("x", real=True)
    expr = sp.simplify(sp.diff(1 / (1 + sp.exp(-x)), x))
    sp.solve(sp.Eq(x**2, 1), x)
    sp.pretty(expr, use_unicode=True)
    sp.latex(expr)
    np.linspace(0.0, 1.0, 11).sum()


def _watch_parent(parent_pid: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            os._exit(0)


def _error_result(meta: ProofMeta, message: str) -> dict[str, Any]:
    from studytool.proofs.runner import base_result

    result = base_result(meta, meta.id)
    result["error"] = message
    return result


def _serve_run(meta: ProofMeta, params: dict[str, Any] | None, max_bytes: int, memory_mb: int) -> tuple[str, bool]:
    """Run one proof; returns (result JSON, whether the worker must be replaced afterwards)."""
    from studytool.proofs.runner import execute

    try:
        result = execute(meta, params)
    except BaseException as exc:  # noqa: BLE001 - e.g. SystemExit/KeyboardInterrupt from the proof
        result = _error_result(meta, f"{type(exc).__name__}: {exc}\n" + traceback.format_exc(limit=8))
    restart = False
    error = result.get("error") or ""
    last = error.strip().splitlines()[-1] if error.strip() else ""
    if "MemoryError" in last:
        restart = True
        result["error"] = f"memory limit exceeded ({memory_mb} MiB)\n{error}"
    try:
        text = json.dumps(result, ensure_ascii=False, default=str)
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        text = json.dumps(_error_result(meta, f"result is not JSON-serialisable: {exc}"), default=str)
    if len(text) > max_bytes:
        small = _error_result(meta, f"result too large ({len(text)} bytes > {max_bytes} bytes)")
        small["elapsed_ms"] = result.get("elapsed_ms", 0)
        text = json.dumps(small, ensure_ascii=False, default=str)
    if threading.active_count() > 2:  # the proof left threads running
        restart = True
    return text, restart


def _serve_call(func: str, args: tuple[Any, ...], max_bytes: int) -> tuple[bytes, bool]:
    try:
        module_name, _, name = func.partition(":")
        value = getattr(importlib.import_module(module_name), name)(*args)
        payload = pickle.dumps(("ok", value))
        if len(payload) > max_bytes:
            return pickle.dumps(("raise", f"result too large ({len(payload)} bytes)")), False
        return payload, False
    except BaseException as exc:  # noqa: BLE001 - reported to the caller as KernelError
        text = f"{type(exc).__name__}: {exc}"
        return pickle.dumps(("raise", text)), isinstance(exc, MemoryError)


def _worker_main(conn: Connection, memory_mb: int, max_bytes: int, parent_pid: int) -> None:
    """Entry point of the kernel process."""
    _detach_stdio()
    try:
        os.setsid()  # own process group: the parent kills the whole group on timeout
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ[var] = "1"
    try:
        _warm_up()
        import studytool.proofs.runner  # noqa: F401 - warm

        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
        _apply_limits(memory_mb)
        sys.addaudithook(_audit_guard)
    except BaseException:  # noqa: BLE001
        conn.send_bytes(pickle.dumps(("failed", traceback.format_exc())))
        os._exit(3)
    recursion_limit = sys.getrecursionlimit()
    conn.send_bytes(pickle.dumps(("ready", os.getpid())))
    while True:
        try:
            message = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            os._exit(0)
        kind = message[0]
        sys.setrecursionlimit(recursion_limit)
        if kind == "run":
            text, restart = _serve_run(message[1], message[2], max_bytes, memory_mb)
            conn.send_bytes(pickle.dumps(("result", text, restart)))
        elif kind == "call":
            payload, restart = _serve_call(message[1], message[2], max_bytes)
            conn.send_bytes(payload)
        else:
            os._exit(0)
        if restart:
            os._exit(0)


# =========================================================================== parent side


def _ensure_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr.

    The tracker passes ``sys.stderr.fileno()`` to its child; under Textual that is -1 and the
    spawn fails. Swap in /dev/null for that moment only.
    """
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = True  # the tracker itself skips a stderr without a fileno
    if usable:
        resource_tracker.ensure_running()
        return
    with _STDERR_LOCK:
        saved = sys.stderr
        with open(os.devnull, "w", encoding="utf-8") as null:
            sys.stderr = null
            try:
                resource_tracker.ensure_running()
            finally:
                sys.stderr = saved


def _exit_reason(exitcode: int | None) -> str:
    if exitcode is None:
        return "the kernel process stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the kernel process was killed by {name}"
    return f"the kernel process exited with code {exitcode}"


class _Worker:
    """One kernel process and the parent's end of its pipe."""

    def __init__(self, memory_mb: int, max_bytes: int) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(
            target=_worker_main,
            args=(child, memory_mb, max_bytes, os.getpid()),
            name="studytool-proof-kernel",
            daemon=True,
        )
        _ensure_resource_tracker()
        self.process.start()
        child.close()
        self.ready = False

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        pid = self.process.pid
        if pid is not None:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError, OSError):
                pass
            try:
                self.process.kill()
            except (ProcessLookupError, OSError, ValueError):
                pass
        self.process.join(timeout=5)
        self.conn.close()

    def exit_reason(self) -> str:
        self.process.join(timeout=2)
        return _exit_reason(self.process.exitcode)


class Kernel:
    """A long-lived proof worker process with a per-run timeout and a memory limit.

    Thread-safe: one run or call at a time; :meth:`cancel` may be called from another thread.
    """

    def __init__(
        self,
        timeout: float = DEFAULT_TIMEOUT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        max_result_bytes: int = MAX_RESULT_BYTES,
    ) -> None:
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.max_result_bytes = max_result_bytes
        self.restarts = 0
        self._worker: _Worker | None = None
        self._state = threading.Lock()  # guards self._worker
        self._busy = threading.Lock()  # one request at a time
        self._cancel = threading.Event()
        self._closed = False

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> None:
        """Start the worker if it is not running (returns at once; it warms up in the background)."""
        with self._state:
            if self._closed:
                raise KernelError("the kernel is closed")
            if self._worker is None or not self._worker.alive:
                if self._worker is not None:
                    self._worker.kill()
                    self.restarts += 1
                self._worker = _Worker(self.memory_mb, self.max_result_bytes)

    @property
    def alive(self) -> bool:
        """Whether the worker process is running."""
        worker = self._worker
        return worker is not None and worker.alive

    def close(self) -> None:
        """Stop the worker (the kernel cannot be used afterwards)."""
        self._cancel.set()
        with self._state:
            self._closed = True
            worker, self._worker = self._worker, None
        if worker is not None:
            try:
                worker.conn.send_bytes(pickle.dumps(("close",)))
            except (OSError, ValueError):
                pass
            worker.process.join(timeout=1)
            worker.kill()

    def __enter__(self) -> Kernel:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # pragma: no cover - best effort
        try:
            if self._worker is not None:
                self._worker.kill()
        except Exception:  # noqa: BLE001
            pass

    def cancel(self) -> None:
        """Stop the current run (it returns status ``cancelled``); the next run restarts the worker."""
        self._cancel.set()
        with self._state:
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.kill()

    def _restart(self, worker: _Worker, eager: bool = True) -> None:
        with self._state:
            if self._worker is worker:
                self._worker = None
        worker.kill()
        self.restarts += 1
        if eager and not self._closed and not self._cancel.is_set():
            try:
                self.start()
            except Exception:  # noqa: BLE001 - the next request retries
                pass

    # ---------------------------------------------------------------- waiting

    def _ready_worker(self) -> _Worker:
        """The running, warmed-up worker (started and waited for if needed)."""
        self.start()
        worker = self._worker
        if worker is None:
            raise _Cancelled
        if worker.ready:
            return worker
        reply = self._receive(worker, time.monotonic() + STARTUP_TIMEOUT)
        if reply is None:
            self._restart(worker, eager=False)
            raise KernelError(f"the proof kernel did not start within {STARTUP_TIMEOUT:.0f} s")
        message = pickle.loads(reply)
        if message[0] != "ready":
            self._restart(worker, eager=False)
            raise KernelError("the proof kernel failed to start:\n" + str(message[1]))
        worker.ready = True
        return worker

    def _receive(self, worker: _Worker, deadline: float) -> bytes | None:
        """Bytes from the worker, or None at the deadline. Raises _Cancelled / _Died."""
        while True:
            if self._cancel.is_set():
                raise _Cancelled
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                ready = wait([worker.conn, worker.process.sentinel], timeout=min(_SLICE, remaining))
            except (OSError, ValueError):
                ready = [worker.process.sentinel]
            if self._cancel.is_set():
                raise _Cancelled
            if worker.conn in ready or (ready and _poll(worker.conn)):
                try:
                    return worker.conn.recv_bytes()
                except (EOFError, OSError):
                    raise _Died(worker.exit_reason()) from None
            if ready:
                raise _Died(worker.exit_reason())

    # ---------------------------------------------------------------- requests

    def run(self, meta: ProofMeta, params: dict[str, Any] | None = None, timeout: float | None = None) -> dict[str, Any]:
        """Run the proof ``meta`` with ``params`` overrides; always returns a result dict."""
        from studytool.proofs.runner import base_result

        if not isinstance(meta, ProofMeta):
            raise TypeError("Kernel.run takes a ProofMeta from a catalog")
        limit = timeout if timeout is not None else (meta.timeout or self.timeout)
        with self._busy:
            self._cancel.clear()
            start = time.monotonic()
            result: dict[str, Any] | None = None
            try:
                worker = self._ready_worker()
                start = time.monotonic()
                worker.conn.send_bytes(pickle.dumps(("run", meta, params or {})))
                reply = self._receive(worker, start + limit)
                if reply is None:
                    self._restart(worker)
                    result = base_result(meta, meta.id)
                    result.update(status="timeout", error=f"the proof did not finish within {limit:g} s (stopped)")
                else:
                    _, text, restart = pickle.loads(reply)
                    result = json.loads(text)
                    if restart:
                        self._restart(worker)
            except _Cancelled:
                self.cancel()
                result = base_result(meta, meta.id)
                result.update(status="cancelled", error="cancelled")
            except _Died as exc:
                if self._worker is not None:
                    self._restart(self._worker)
                result = base_result(meta, meta.id)
                result.update(status="crashed", error=f"{exc} while running this proof")
            except (KernelError, OSError, EOFError, pickle.PickleError) as exc:
                result = base_result(meta, meta.id)
                result.update(status="crashed", error=f"proof kernel failure: {exc}")
            if result.get("status") in {"timeout", "crashed", "cancelled"}:
                result["elapsed_ms"] = int((time.monotonic() - start) * 1000)
                try:
                    result["params"] = _resolved(meta, params)
                except Exception:  # noqa: BLE001
                    pass
            return result

    def call(self, func: str, *args: Any, timeout: float = 5.0) -> Any:
        """Run the whitelisted ``"module:function"`` with ``args`` in the kernel and return its value.

        Raises ValueError for a function that is not whitelisted, KernelTimeout when it takes
        longer than ``timeout`` (or the kernel stays busy that long), KernelError otherwise.
        """
        if func not in CALL_WHITELIST:
            raise ValueError(f"{func!r} may not be called in the proof kernel (not whitelisted)")
        deadline = time.monotonic() + timeout
        if not self._busy.acquire(timeout=timeout):
            raise KernelTimeout(f"the proof kernel stayed busy for {timeout:g} s")
        try:
            self._cancel.clear()
            try:
                worker = self._ready_worker()
                worker.conn.send_bytes(pickle.dumps(("call", func, args)))
                reply = self._receive(worker, max(deadline, time.monotonic() + 0.5))
            except _Cancelled:
                self.cancel()
                raise KernelError("cancelled") from None
            except _Died as exc:
                if self._worker is not None:
                    self._restart(self._worker)
                raise KernelError(str(exc)) from None
            except (OSError, EOFError) as exc:
                raise KernelError(f"proof kernel failure: {exc}") from None
            if reply is None:
                self._restart(worker)
                raise KernelTimeout(f"{func} did not finish within {timeout:g} s")
            message = pickle.loads(reply)
            if message[0] == "ok":
                return message[1]
            if not worker.alive or "MemoryError" in str(message[1]):
                self._restart(worker)
            raise KernelError(str(message[1]))
        finally:
            self._busy.release()


class _Cancelled(Exception):
    pass


class _Died(Exception):
    pass


def _poll(conn: Connection) -> bool:
    try:
        return conn.poll(0)
    except (OSError, EOFError, ValueError):
        return True


def _resolved(meta: ProofMeta, params: dict[str, Any] | None) -> dict[str, Any]:
    from studytool.proofs.api import resolve_params

    return resolve_params(meta.params, params)
