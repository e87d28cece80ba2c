"""Run one function over many files in worker processes, results in the files' order.

Used by the engine for a folder of designs: each file is read and linted on
its own, so two cores do the work of one in about half the time. It is used
only when there are enough bytes to pay for starting the workers, and the
results come back in the order of the files, so the output is the same as
a run in one process.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Sequence

# Below this much YAML in all, starting workers costs more than it saves
# (measured: a worker starts in about 20 ms; a 30-component design is linted in about 3 ms).
MIN_BYTES = 256 * 1024
MIN_FILES = 4

_task: Callable | None = None
in_worker = False  # True in a worker process of map_in_order


def workers(files: Sequence[str], jobs: int | None) -> int:
    """How many processes to use: `jobs` if given (> 0), else the cores, when the files are worth it."""
    if jobs is not None and jobs > 0:
        return min(jobs, len(files)) or 1
    available = cores()
    if available < 2 or len(files) < MIN_FILES or _size(files) < MIN_BYTES:
        return 1
    return min(available, len(files))


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _size(files: Sequence[str]) -> int:
    total = 0
    for path in files:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
        if total >= MIN_BYTES:
            break
    return total


def map_in_order(task: Callable, files: Sequence[str], processes: int) -> list:
    """[task(f) for f in files], spread over `processes` worker processes when it is more than one.

    `task` must be picklable where workers are spawned rather than forked;
    when it is not, the files are done here, one after another.
    """
    if processes <= 1:
        return [task(f) for f in files]
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    context = _context()
    if context.get_start_method() != "fork":
        try:
            pickle.dumps(task)
        except Exception:  # a rule defined in a closure, say: it cannot travel to a spawned worker
            return [task(f) for f in files]
    chunk = max(1, len(files) // (processes * 32))  # small chunks keep every core busy to the end
    import gc

    # What exists now is shared with forked workers and never garbage: keep the collector off it, so a
    # worker does not copy every shared page by touching its objects' headers.
    gc.freeze()
    pool = ProcessPoolExecutor(processes, mp_context=context, initializer=_install, initargs=(task,))
    try:
        results = list(pool.map(_run, files, chunksize=chunk))
    except KeyboardInterrupt:  # Ctrl-C: stop the workers now (they ignore SIGINT), and let the CLI say so
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        gc.unfreeze()
    pool.shutdown()
    return results


def _context():
    import multiprocessing

    # fork starts a worker in milliseconds and shares the loaded rules; elsewhere (macOS, Windows) the default
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _install(task: Callable) -> None:
    global _task
    _task = task
    global in_worker
    in_worker = True  # this worker is one of a core's worth: it does not split a design's rules (findings.split)
    # Ctrl-C reaches the whole process group: the parent reports it once; a worker would print a traceback
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(path: str):
    return _task(path)
