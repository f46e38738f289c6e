#!/usr/bin/env python3
"""Record a virtual-time trace of an asyncio scenario on real CPython.

Usage (from this folder; from elsewhere, put the folder in front of each
path, e.g. python3 asyncio-reference/trace.py asyncio-reference/scenarios/...):
    python3 trace.py scenarios/NN_name.py              # JSONL trace on stdout
    python3 trace.py --summary scenarios/NN_name.py    # per-task summary
    python3 trace.py --summary-of golden/NN_name.jsonl
    python3 trace.py --heap-ties ...   # diagnostic: CPython's raw heap order
                                       # for timers with equal deadlines

A scenario file defines ``async def main()``.  It is run the way
``asyncio.run(main())`` runs it (main task, then cancellation of the
tasks still pending, as asyncio.run's shutdown does), on an event loop
whose clock is virtual: whenever nothing is ready to run, the clock jumps
straight to the next timer, so ``asyncio.sleep(2)`` costs no wall time
and advances ``loop.time()`` by exactly 2.  The ``time`` module follows the
same clock: ``time.sleep(s)`` blocks the loop for s virtual seconds (a
``block`` event), and ``time.monotonic()``, ``time.perf_counter()`` and
``time.time()`` read the virtual clock (time.time adds VIRTUAL_EPOCH).

Everything asyncio does is CPython's own code: the C ``_asyncio.Task``
(subclassed only to observe ``cancel()``), the C Future, and the pure
Python ``wait_for``/``shield``/``gather``/``sleep``/``timeout``/
``TaskGroup`` (whose set of tasks iterates in creation order here; see
CreationOrderSet).  Each task's coroutine is wrapped in a thin
pass-through coroutine object so that every step the Task drives
(``send``/``throw``) can be observed.

One JSON object per line: {"t", "task", "event", "detail"}; see
README.md next to this file for the vocabulary.
"""

import asyncio
import builtins
import collections
import collections.abc
import concurrent.futures
import contextvars
import functools
import gc
import heapq
import importlib.util
import inspect
import itertools
import json
import operator
import os
import re
import selectors
import sys
import threading
import time
import warnings
import weakref

from asyncio import events

sys.dont_write_bytecode = True  # leave no __pycache__ next to the scenarios

ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
MAX_SELECT = 24 * 3600  # asyncio.base_events.MAXIMUM_SELECT_TIMEOUT


# ---------------------------------------------------------------- recorder

class TaskInfo:
    """Per-task bookkeeping.  Holds no reference to the task itself, so the
    tracer never changes when a task object is freed (which matters for the
    'Task exception was never retrieved' log)."""

    __slots__ = ("name", "seq", "started")

    def __init__(self, name, seq):
        self.name = name
        self.seq = seq
        self.started = False


class Recorder:
    def __init__(self):
        self.events = []
        self.loop = None
        self.phase = "import"  # import | run | shutdown | teardown

    def now(self):
        if self.loop is None:
            return 0.0
        t = round(self.loop.time(), 6)
        return t + 0.0  # normalise -0.0

    def emit(self, event, task, detail):
        ev = {"t": self.now(), "task": task, "event": event, "detail": detail}
        self.events.append(ev)
        return ev

    def resolved(self):
        """Events with TaskInfo references replaced by (final) task names."""
        def res(v):
            if isinstance(v, TaskInfo):
                return v.name
            if isinstance(v, dict):
                return {k: res(x) for k, x in v.items()}
            if isinstance(v, (list, tuple)):
                return [res(x) for x in v]
            return v
        return [{"t": ev["t"], "task": res(ev["task"]), "event": ev["event"],
                 "detail": res(ev["detail"])} for ev in self.events]


REC = Recorder()

_ADDR = re.compile(r" at 0x[0-9a-fA-F]+")


def srepr(value):
    """repr() with memory addresses blanked, so traces are deterministic."""
    try:
        s = repr(value)
    except Exception as e:  # pragma: no cover
        s = f"<unrepresentable {type(value).__name__}: {e}>"
    return _ADDR.sub(" at 0x?", s)


def exc_name(exc):
    return exc.__name__ if isinstance(exc, type) else type(exc).__name__


def exc_msg(exc):
    if isinstance(exc, BaseException) and exc.args:
        return str(exc)
    return None


def info_of(task):
    if task is None:
        return None
    info = getattr(task, "_trace_info", None)
    if info is not None:
        return info
    try:
        return task.get_name()
    except Exception:
        return type(task).__name__


def current_info():
    loop = REC.loop
    if loop is None:
        return None
    return info_of(asyncio.current_task(loop))


def describe_obj(obj):
    if obj is None:
        return "yield"  # bare yield: asyncio.sleep(0)
    if isinstance(obj, asyncio.Task):
        name = info_of(obj)
        return "task:" + (name.name if isinstance(name, TaskInfo) else str(name))
    kind = type(obj).__name__  # Future, _GatheringFuture, ...
    # the outer Future made by asyncio.shield(): name what it shields
    try:
        for cb, _ctx in (getattr(obj, "_callbacks", None) or ()):
            if getattr(cb, "__qualname__", "").startswith("shield."):
                cells = dict(zip(cb.__code__.co_freevars,
                                 (c.cell_contents for c in cb.__closure__ or ())))
                return f"shield({describe_obj(cells.get('inner'))})>{kind}"
    except Exception:
        pass
    return kind


def describe_await(coro, yielded):
    """Chain of coroutines the task is suspended in, innermost last, ending
    with what was handed to the Task: e.g. 'delay>sleep(3)>Future',
    'wait_for>Future', 'task:child', '_GatheringFuture', 'sleep(0)>yield'."""
    parts = []
    c = getattr(coro, "cr_await", None)
    while c is not None:
        if inspect.iscoroutine(c):
            name = c.__qualname__
            if (name == "sleep" and c.cr_code.co_filename.startswith(ASYNCIO_DIR)
                    and c.cr_frame is not None):
                try:
                    name = "sleep(%r)" % (c.cr_frame.f_locals.get("delay"),)
                except Exception:
                    pass
            parts.append(name)
            c = c.cr_await
        elif inspect.isgenerator(c):
            if not c.__qualname__.endswith("__sleep0"):
                parts.append(c.__qualname__)
            c = c.gi_yieldfrom
        else:
            break
    parts.append(describe_obj(yielded))
    return ">".join(parts)


# --------------------------------------------------------- traced coroutine

class TracedCoro(collections.abc.Coroutine):
    """Pass-through wrapper around a task's coroutine.  The C Task drives it
    exactly as it would drive the real coroutine (send(None) via __next__,
    throw(exc) for cancellation / failed awaits)."""

    def __init__(self, coro, info):
        self._coro = coro
        self._info = info
        self._task_ref = None

    # the Task calls these
    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self._step(None, None)

    def send(self, value):
        return self._step(value, None)

    def throw(self, typ, val=None, tb=None):
        return self._step(None, (typ, val, tb))

    def close(self):
        return self._coro.close()

    # introspection passthrough
    @property
    def cr_await(self):
        return getattr(self._coro, "cr_await", None)

    def _step(self, value, thrown):
        # NB: no strong reference to the task may live in this frame while the
        # coroutine runs: a raised exception's traceback keeps this frame
        # alive, and task -> exception -> traceback -> frame -> task would be
        # a reference cycle that real CPython does not have (it would delay
        # e.g. 'Task exception was never retrieved' until a GC pass).
        info = self._info
        detail = {}
        if thrown is not None:
            exc = thrown[0] if thrown[1] is None else thrown[1]
            detail["throw"] = exc_name(exc)
            m = exc_msg(exc)
            if m is not None:
                detail["msg"] = m
        first = not info.started
        if first:
            info.started = True
            if thrown is not None and inspect.iscoroutine(self._coro) and \
                    inspect.getcoroutinestate(self._coro) == inspect.CORO_CREATED:
                # thrown in before the first instruction: no try/except or
                # finally of the body can see it.
                detail["body_runs"] = False
        REC.emit("start" if first else "resume", info, detail)
        try:
            if thrown is None:
                yielded = self._coro.send(value)
            elif thrown[1] is None and thrown[2] is None:
                yielded = self._coro.throw(thrown[0])
            else:
                yielded = self._coro.throw(*thrown)
        except StopIteration as e:
            ref = self._task_ref
            task = ref() if ref is not None else None
            must_cancel = task is not None and getattr(task, "_must_cancel", False)
            task = None
            if must_cancel:
                # cancel() was called on the task during this very step and
                # the coroutine then returned: the Task ends up cancelled.
                REC.emit("cancelled", info, {"coro_returned": srepr(e.value)})
            else:
                REC.emit("done", info, {"result": srepr(e.value)})
            raise
        except asyncio.CancelledError as e:
            d = {}
            m = exc_msg(e)
            if m is not None:
                d["msg"] = m
            REC.emit("cancelled", info, d)
            raise
        except BaseException as e:
            REC.emit("exception", info, {"type": type(e).__name__, "msg": str(e)})
            raise
        REC.emit("suspend", info, {"awaiting": describe_await(self._coro, yielded)})
        return yielded


def task_state(task):
    """What the task is doing when cancel() is called on it."""
    info = getattr(task, "_trace_info", None)
    if task.done():
        return "done"
    if info is not None and not info.started:
        return "not_started"
    if asyncio.current_task(task.get_loop()) is task:
        return "running"
    waiter = getattr(task, "_fut_waiter", None)
    if waiter is not None:
        coro = task.get_coro()
        inner = getattr(coro, "_coro", coro)
        s = "awaiting " + describe_await(inner, waiter)
        if waiter.done():
            s += " (already done; wakeup pending)"
        return s
    return "scheduled"


class TracedTask(asyncio.Task):
    """The C _asyncio.Task, observed: creation, cancel() calls, renames.
    Its class name is 'Task' (see below) so that CPython's own messages
    ('Task exception was never retrieved') and type(t).__name__ read as in
    a plain run."""

    _seq = itertools.count()

    def __init__(self, coro, *, loop=None, name=None, context=None, via=None, **kw):
        if kw.get("eager_start"):  # taskline's copy: see "eager tasks" below
            return _init_eager_task(self, coro, loop, name, context, via, kw)
        info = TaskInfo(name, next(TracedTask._seq))
        wrapper = TracedCoro(coro, info)
        super().__init__(wrapper, loop=loop, name=name, context=context, **kw)
        wrapper._task_ref = weakref.ref(self)
        self._trace_info = info
        info.name = self.get_name()
        REC.emit("created", info, {
            "coro": getattr(coro, "__qualname__", type(coro).__name__),
            "by": current_info(),
            "via": via,
        })

    def set_name(self, value):
        super().set_name(value)
        self._trace_info.name = self.get_name()

    _cancel_stack = []  # tasks whose cancel() is in progress (forwarding)

    def cancel(self, msg=None):
        by = current_info()
        if by is None and REC.phase == "shutdown":
            by = "<asyncio.run shutdown>"
        detail = {"by": by, "state": task_state(self)}
        # which asyncio function called cancel() (outermost asyncio frame
        # below the caller), e.g. wait_for, _GatheringFuture.cancel
        f = sys._getframe(1)
        via = None
        while f is not None and f.f_code.co_filename.startswith(ASYNCIO_DIR):
            if f.f_code is events.Handle._run.__code__:
                break  # a loop callback (e.g. 3.12+ Timeout._on_timeout)
            via = getattr(f.f_code, "co_qualname", f.f_code.co_name)
            f = f.f_back
        if via is not None:
            detail["via"] = via
        if TracedTask._cancel_stack:
            # Task.cancel() of the task awaiting us forwarded the request
            detail["forwarded_from"] = TracedTask._cancel_stack[-1]
        if msg is not None:
            detail["msg"] = msg
        REC.emit("cancel_requested", self._trace_info, detail)
        TracedTask._cancel_stack.append(self._trace_info)
        try:
            r = super().cancel(msg=msg)
        finally:
            TracedTask._cancel_stack.pop()
        detail["returned"] = r
        detail["cancelling"] = self.cancelling()
        return r


TracedTask.__name__ = "Task"
TracedTask.__qualname__ = "Task"


# ------------------------------------------------------ virtual-time loop

class VirtualDeadlock(RuntimeError):
    pass


class SeqTimerHandle(events.TimerHandle):
    """TimerHandle ordered by (deadline, scheduling order): timers with the
    same virtual deadline fire in the order they were scheduled."""

    __slots__ = ("_seq",)

    def __init__(self, when, callback, args, loop, context, seq):
        super().__init__(when, callback, args, loop, context)
        self._seq = seq

    def __lt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return (self._when, self._seq) < (other._when, other._seq)
        return super().__lt__(other)

    def __gt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return (self._when, self._seq) > (other._when, other._seq)
        return super().__gt__(other)

    __hash__ = events.TimerHandle.__hash__


class VirtualSelector(selectors.DefaultSelector):
    """Real selector (the loop's self-pipe lives in it) that never blocks:
    if no fd is ready it advances the loop's virtual clock by the timeout."""

    def __init__(self, loop):
        super().__init__()
        self._vloop = weakref.ref(loop)

    def select(self, timeout=None):
        ready = super().select(0)
        if ready:
            return ready
        loop = self._vloop()
        if timeout is None:
            raise VirtualDeadlock(
                "nothing ready, no timer scheduled: the program would block forever")
        if timeout > 0 and loop is not None:
            loop._advance(timeout)
        return []


_NAMING_CALLERS = {asyncio.tasks.create_task.__code__}
if hasattr(asyncio, "TaskGroup"):
    _NAMING_CALLERS.add(asyncio.TaskGroup.create_task.__code__)


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self, fifo_ties=True):
        self._vtime = 0.0
        self._fifo_ties = fifo_ties
        self._timer_seq = itertools.count()
        self._auto_names = itertools.count(1)
        super().__init__(selector=VirtualSelector(self))

    def time(self):
        return self._vtime

    def _advance(self, timeout):
        # _run_once computed timeout = head._when - time(); jump exactly there
        if self._scheduled and timeout < MAX_SELECT:
            self._vtime = max(self._vtime, self._scheduled[0]._when)
        else:
            self._vtime += timeout

    def call_at(self, when, callback, *args, context=None):
        if not self._fifo_ties:
            return super().call_at(when, callback, *args, context=context)
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        timer = SeqTimerHandle(when, callback, args, self, context,
                               next(self._timer_seq))
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def create_task(self, coro, *, name=None, context=None, **kw):
        self._check_closed()
        caller = sys._getframe(1)
        # asyncio.create_task and TaskGroup.create_task (3.11/3.12) set the
        # name *after* creating the task; pick it up now so the 'created'
        # event carries it.
        if name is None and caller.f_code in _NAMING_CALLERS:
            name = caller.f_locals.get("name")
        via = "loop.create_task"
        f = caller
        while f is not None and f.f_code.co_filename.startswith(ASYNCIO_DIR):
            via = f.f_code.co_name
            f = f.f_back
        if name is None:
            qn = getattr(coro, "__qualname__", type(coro).__name__)
            name = f"{qn}#{next(self._auto_names)}"
        kw = _task_factory_kwargs(self, kw)  # taskline's copy: see "eager tasks" below
        return TracedTask(coro, loop=self, name=name, context=context, via=via, **kw)


# ------------------------------------------------ eager tasks
#
# taskline's copy of the harness (tests/asyncio_trace.py) differs from
# ../shared/asyncio-reference/trace.py here too, and in the two lines that
# call these functions (VirtualTimeLoop.create_task, TracedTask.__init__).
# VirtualTimeLoop.create_task replaces the loop's own create_task, which is
# where CPython applies the loop's task factory; so that
# `loop.set_task_factory(asyncio.eager_task_factory)` keeps its effect (3.12+:
# the task's first step runs inside create_task, as the current task), the
# traced task is created with eager_start=True when that factory is set, and
# its 'created' event is recorded before that first step. This only observes
# what CPython does with that factory; any other factory is still ignored.

def _task_factory_kwargs(loop, kw):
    if loop.get_task_factory() is asyncio.eager_task_factory:
        kw = dict(kw, eager_start=True)
    return kw


def _init_eager_task(task, coro, loop, name, context, via, kw):
    """TracedTask.__init__ of an eager task: what it records is recorded
    before the C Task's __init__ runs the first step."""
    info = TaskInfo(name, next(TracedTask._seq))
    wrapper = TracedCoro(coro, info)
    wrapper._task_ref = weakref.ref(task)
    task._trace_info = info
    REC.emit("created", info, {
        "coro": getattr(coro, "__qualname__", type(coro).__name__),
        "by": current_info(),
        "via": via,
    })
    super(TracedTask, task).__init__(wrapper, loop=loop, name=name, context=context, **kw)
    info.name = task.get_name()


# ------------------------------------------------- virtual time module

# time.time() under the virtual clock: this fixed epoch plus the virtual
# seconds (2023-11-14 22:13:20 UTC at virtual 0.0).
VIRTUAL_EPOCH = 1_700_000_000.0

_real_time = {n: getattr(time, n) for n in (
    "sleep", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns",
    "time", "time_ns")}

# the longest sleep CPython accepts (a 64-bit count of nanoseconds)
_MAX_SLEEP = (2 ** 63 - 1) / 1e9


def _sleep_seconds(secs):
    """float(secs) for a value that time.sleep accepts.  Any other value goes
    to the real time.sleep, which rejects it with CPython's own error before
    it sleeps (ValueError for negative or NaN, TypeError, OverflowError)."""
    if isinstance(secs, float):
        v = secs
    else:
        try:
            v = operator.index(secs)
        except TypeError:
            v = None
    if v is not None and 0 <= v < _MAX_SLEEP:
        return float(v)
    _real_time["sleep"](secs)
    raise ValueError(f"time.sleep({secs!r}) is not supported in virtual time")


def install_virtual_time(loop, on_block=None):
    """Make the time module follow `loop`'s virtual clock; return an undo
    function.  time.sleep(s) blocks: the clock moves on by s at once and
    nothing else runs meanwhile (on_block(s) is called first, at the time
    the block starts).  monotonic/perf_counter read loop.time();
    time.time() is VIRTUAL_EPOCH + loop.time(); the _ns variants match.
    Patched on the module, so `import time` and `from time import sleep`
    (after installation) both see it."""

    def now():
        # in a worker job (see VirtualThreadPoolExecutor): the job's own clock
        job = getattr(_WORKER, "job", None)
        return loop.time() if job is None else job.clock

    def sleep(secs):
        secs = _sleep_seconds(secs)
        job = getattr(_WORKER, "job", None)
        if job is not None:
            job.clock += secs  # a worker thread sleeps; the loop does not block
            return
        if on_block is not None:
            on_block(secs)
        loop._vtime += secs

    def monotonic():
        return now()

    def monotonic_ns():
        return round(now() * 1e9)

    def perf_counter():
        return now()

    def perf_counter_ns():
        return round(now() * 1e9)

    def time_():
        return VIRTUAL_EPOCH + now()

    def time_ns():
        return round(VIRTUAL_EPOCH * 1e9) + round(now() * 1e9)

    time_.__name__ = time_.__qualname__ = "time"
    fns = {"sleep": sleep, "monotonic": monotonic, "monotonic_ns": monotonic_ns,
           "perf_counter": perf_counter, "perf_counter_ns": perf_counter_ns,
           "time": time_, "time_ns": time_ns}
    for name, fn in fns.items():
        setattr(time, name, fn)

    def undo():
        for name, fn in _real_time.items():
            setattr(time, name, fn)
    return undo


def record_block(secs):
    REC.emit("block", current_info(), {"seconds": secs})


# ------------------------------------------------------ TaskGroup order

class CreationOrderSet:
    """Stand-in for the set() in which a TaskGroup keeps its tasks: the
    same operations, but it iterates in insertion (= creation) order.  A
    real set iterates tasks in an order that depends on their memory
    addresses, and TaskGroup cancels its remaining tasks in that order when
    it aborts."""

    __slots__ = ("_d",)

    def __init__(self):
        self._d = {}

    def add(self, x):
        self._d[x] = None

    def discard(self, x):
        self._d.pop(x, None)

    def remove(self, x):
        del self._d[x]

    def __contains__(self, x):
        return x in self._d

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)


def install_ordered_taskgroups():
    """Give every TaskGroup created from now on a CreationOrderSet, so it
    cancels its tasks in creation order; return an undo function."""
    tg = getattr(asyncio, "TaskGroup", None)
    if tg is None:
        return lambda: None
    orig = tg.__init__

    def __init__(self, *args, **kw):
        orig(self, *args, **kw)
        self._tasks = CreationOrderSet()

    tg.__init__ = __init__

    def undo():
        tg.__init__ = orig
    return undo


# ------------------------------------------------ virtual worker threads
#
# taskline's copy of the harness (tests/asyncio_trace.py) differs from
# ../shared/asyncio-reference/trace.py only here, in install_virtual_time
# (a worker job's own clock) and in traced_print (a worker job's prints).
#
# CPython runs executor jobs on real threads, so where a job's prints fall
# and which worker thread takes which job depend on the OS scheduler.  Here
# concurrent.futures.ThreadPoolExecutor (which asyncio's run_in_executor and
# to_thread create as the loop's default executor) is replaced by
# VirtualThreadPoolExecutor: the same pool rules, but each job runs in
# virtual time.  What changes, exactly:
#   * A job runs to its end as soon as it starts (in submit(), or when a
#     worker frees up), on a real thread named as CPython names it
#     ('asyncio_0', ...), while the loop thread waits for it (join).
#   * In the job, time.sleep(s) moves only the job's own clock on by s (the
#     loop does not block, no 'block' event); time.monotonic() and friends
#     read the job's clock.  The job ends at its start time plus its sleeps.
#   * Its prints are recorded when the loop's clock reaches their time (a
#     loop.call_at timer each), with task null and the job's number.
#   * The job's outcome is set on its concurrent.futures.Future by a
#     loop.call_at timer at the job's end time, from the loop thread.  The
#     rest is asyncio's own code: the Future's done callback is _chain_future's
#     _call_set_state, which calls loop.call_soon_threadsafe(_set_state, ...)
#     as from a worker thread, and the awaiting task wakes as in CPython.
#   * Pool rules (CPython 3.13's ThreadPoolExecutor): max_workers defaults to
#     min(32, cpu + 4) with the cpu count fixed at VIRTUAL_CPU_COUNT = 8
#     (12 workers); a job goes to an idle worker if there is one (the one
#     idle longest), else to a new worker while fewer than max_workers exist,
#     else it waits in the FIFO queue until a worker finishes.  A queued job
#     whose future is cancelled (the awaiting task was cancelled: asyncio's
#     _call_check_cancel) is skipped; a running job runs on to its end.
# asyncio's behaviour is unchanged: run_in_executor, wrap_future,
# _chain_future, to_thread and the loop are CPython's code; only when the
# worker's code runs, and how long it takes, are fixed in virtual time
# (a limitation: a job's effects on shared objects happen at its start).
# New events: job_queued (task: the submitter), job_started, job_done,
# job_exception, job_cancelled (task null); see tests/scripts/README or
# docs/event-log.md.

VIRTUAL_CPU_COUNT = 8

_WORKER = threading.local()  # .job: the job running on this thread
_JOB_SEQ = itertools.count(1)


def job_func_name(fn):
    """The name of what a job calls: to_thread's partial(ctx.run, func, ...)
    names func."""
    while isinstance(fn, functools.partial):
        if isinstance(getattr(fn.func, "__self__", None), contextvars.Context) and fn.args:
            fn = fn.args[0]
        else:
            fn = fn.func
    return getattr(fn, "__qualname__", type(fn).__name__)


class VirtualJob:
    __slots__ = ("n", "future", "fn", "args", "kwargs", "clock", "prints", "worker")

    def __init__(self, future, fn, args, kwargs):
        self.n = next(_JOB_SEQ)
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.clock = 0.0
        self.prints = []
        self.worker = None


class JobFuture(concurrent.futures.Future):
    """concurrent.futures.Future, observed: a cancel() that succeeds."""

    def cancel(self):
        r = super().cancel()
        if r:
            REC.emit("job_cancelled", current_info(), {"job": self._job.n})
        return r


class VirtualThreadPoolExecutor(concurrent.futures.Executor):
    _counter = itertools.count().__next__

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        if max_workers is None:
            max_workers = min(32, VIRTUAL_CPU_COUNT + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._thread_name_prefix = (thread_name_prefix or
                                    ("ThreadPoolExecutor-%d" % self._counter()))
        self._nthreads = 0
        self._idle = collections.deque()
        self._queue = collections.deque()
        self._shutdown = False

    def submit(self, fn, /, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        f = JobFuture()
        job = VirtualJob(f, fn, args, kwargs)
        f._job = job
        REC.emit("job_queued", current_info(), {"job": job.n, "func": job_func_name(fn),
                                                "pool": self._thread_name_prefix})
        self._queue.append(job)
        if self._idle:
            self._take(self._idle.popleft())
        elif self._nthreads < self._max_workers:
            self._nthreads += 1
            self._take(self._nthreads - 1)
        return f

    def _take(self, worker):
        """The worker takes the next job of the queue, or goes idle."""
        while self._queue:
            job = self._queue.popleft()
            if job.future.set_running_or_notify_cancel():
                self._run(job, worker)
                return
        self._idle.append(worker)

    def _run(self, job, worker):
        loop = REC.loop
        name = "%s_%d" % (self._thread_name_prefix, worker)
        job.worker = name
        job.clock = loop.time()
        REC.emit("job_started", None, {"job": job.n, "worker": name})
        outcome = []

        def body():
            _WORKER.job = job
            try:
                outcome.append((True, job.fn(*job.args, **job.kwargs)))
            except BaseException as exc:
                outcome.append((False, exc))
            finally:
                _WORKER.job = None

        t = threading.Thread(target=body, name=name)
        t.start()
        t.join()
        for when, text in job.prints:
            loop.call_at(when, REC.emit, "print", None, {"text": text, "job": job.n, "worker": name})
        loop.call_at(job.clock, self._finish, job, worker, outcome[0])

    def _finish(self, job, worker, outcome):
        ok, value = outcome
        if ok:
            REC.emit("job_done", None, {"job": job.n, "worker": job.worker, "result": srepr(value)})
            job.future.set_result(value)
        else:
            REC.emit("job_exception", None, {"job": job.n, "worker": job.worker,
                                             "type": type(value).__name__, "msg": str(value)})
            job.future.set_exception(value)
            value = None
        self._take(worker)

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if cancel_futures:
            while self._queue:
                self._queue.popleft().future.cancel()


def install_virtual_threads():
    """Make concurrent.futures.ThreadPoolExecutor the virtual one; return an
    undo function."""
    orig = concurrent.futures.ThreadPoolExecutor
    concurrent.futures.ThreadPoolExecutor = VirtualThreadPoolExecutor

    def undo():
        concurrent.futures.ThreadPoolExecutor = orig
    return undo


# ---------------------------------------------------------------- hooks

_real_print = builtins.print


def traced_print(*args, sep=" ", end="\n", file=None, flush=False):
    if file is not None and file is not sys.stdout:
        return _real_print(*args, sep=sep, end=end, file=file, flush=flush)
    sep = " " if sep is None else sep
    end = "\n" if end is None else end
    text = sep.join(str(a) for a in args) + end
    if text.endswith("\n"):
        text = text[:-1]
    text = _ADDR.sub(" at 0x?", text)
    job = getattr(_WORKER, "job", None)
    if job is not None:
        # a print in a worker job: recorded when the loop's clock reaches the job's
        job.prints.append((job.clock, text))
        return
    REC.emit("print", current_info(), {"text": text})


def traced_showwarning(message, category, filename, lineno, file=None, line=None):
    REC.emit("log", current_info(), {"kind": "warning",
                                     "category": category.__name__,
                                     "message": _ADDR.sub(" at 0x?", str(message))})


def exception_handler(loop, context):
    d = {"kind": "loop_exception", "message": context.get("message")}
    exc = context.get("exception")
    if exc is not None:
        d["exception"] = type(exc).__name__
        d["exc_msg"] = str(exc)
    about = context.get("task") or context.get("future")
    if about is not None:
        a = info_of(about) if isinstance(about, asyncio.Task) else type(about).__name__
        d["about"] = a
    REC.emit("log", current_info(), d)


# ---------------------------------------------------------------- runner

def load_scenario(path):
    spec = importlib.util.spec_from_file_location("scenario", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def shutdown(loop):
    """asyncio.runners._cancel_all_tasks, except that the leftover tasks are
    cancelled in creation order (asyncio.run iterates a set: arbitrary)."""
    REC.phase = "shutdown"
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    if not pending:
        return
    pending.sort(key=lambda t: t._trace_info.seq)
    REC.emit("log", None, {"kind": "shutdown",
                           "cancelling": [t._trace_info.name for t in pending]})
    for t in pending:
        t.cancel()
    try:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    except VirtualDeadlock as e:
        REC.emit("log", None, {"kind": "deadlock", "message": str(e)})
        return
    for t in pending:
        if t.cancelled():
            continue
        if t.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception during asyncio.run() shutdown",
                "exception": t.exception(),
                "task": t,
            })


def run(path, fifo_ties=True):
    warnings.resetwarnings()
    warnings.simplefilter("default")
    warnings.showwarning = traced_showwarning
    builtins.print = traced_print
    loop = VirtualTimeLoop(fifo_ties=fifo_ties)
    REC.loop = loop
    loop.set_exception_handler(exception_handler)
    asyncio.set_event_loop(loop)
    undo_time = install_virtual_time(loop, on_block=record_block)
    undo_tg = install_ordered_taskgroups()
    undo_threads = install_virtual_threads()
    try:
        mod = load_scenario(path)
        REC.phase = "run"
        main_task = TracedTask(mod.main(), loop=loop, name="main", via="asyncio.run")
        try:
            loop.run_until_complete(main_task)
        except VirtualDeadlock as e:
            REC.emit("log", None, {"kind": "deadlock", "message": str(e)})
        except BaseException:
            pass  # main's outcome is already in the trace
        del main_task
        shutdown(loop)
        REC.phase = "teardown"
        del mod
        gc.collect()
    finally:
        asyncio.set_event_loop(None)
        loop.close()
        gc.collect()
        builtins.print = _real_print
        undo_time()
        undo_tg()
        undo_threads()
    return REC.resolved()


# ---------------------------------------------------------------- summary

def fmt_t(t):
    if t is None:
        return "-"
    s = f"{t:.6f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def summarize(events, title=None):
    tasks = {}
    order = []
    for ev in events:
        name, kind, d = ev["task"], ev["event"], ev["detail"]
        if kind == "created":
            tasks[name] = {"created": ev["t"], "start": None, "end": None,
                           "final": "pending", "steps": 0, "cancels": [],
                           "by": d.get("by"), "via": d.get("via"), "body": True}
            order.append(name)
        elif name in tasks:
            rec = tasks[name]
            if kind in ("start", "resume"):
                rec["steps"] += 1
                if kind == "start":
                    rec["start"] = ev["t"]
                    if d.get("body_runs") is False:
                        rec["body"] = False
            elif kind == "done":
                rec["end"], rec["final"] = ev["t"], "result " + d["result"]
            elif kind == "cancelled":
                rec["end"], rec["final"] = ev["t"], "cancelled"
                if "coro_returned" in d:
                    rec["final"] += f" (coroutine returned {d['coro_returned']})"
            elif kind == "exception":
                rec["end"], rec["final"] = ev["t"], f"exception {d['type']}"
                if d.get("msg"):
                    rec["final"] += f"({d['msg']!r})"
            elif kind == "cancel_requested":
                how = ""
                if d.get("forwarded_from"):
                    how += f" forwarded from {d['forwarded_from']}"
                if d.get("via"):
                    how += f" via {d['via']}"
                rec["cancels"].append(f"{fmt_t(ev['t'])} by {d.get('by')}{how}"
                                      f" [{d.get('state')}] -> {d.get('returned')}")
    lines = []
    if title:
        lines.append(f"scenario: {title}")
    lines.append(f"python: {sys.version.split()[0]} ({sys.implementation.name})")
    end = max((ev["t"] for ev in events), default=0.0)
    main_end = tasks.get("main", {}).get("end")
    lines.append(f"main finished at: {fmt_t(main_end)}   last event at: {fmt_t(end)}")
    lines.append("")
    lines.append("tasks (times are virtual seconds):")
    w = max([len(n) for n in order] + [4])
    lines.append(f"  {'task':<{w}}  {'created':>8}  {'start':>8}  {'end':>8}  steps  final")
    for n in order:
        r = tasks[n]
        start = fmt_t(r["start"]) + ("" if r["body"] else "*")
        lines.append(f"  {n:<{w}}  {fmt_t(r['created']):>8}  {start:>8}  "
                     f"{fmt_t(r['end']):>8}  {r['steps']:>5}  {r['final']}")
    if any(not tasks[n]["body"] for n in order):
        lines.append("  (* first step threw CancelledError before the body's first line ran)")
    lines.append("")
    lines.append("task origins:")
    for n in order:
        r = tasks[n]
        lines.append(f"  {n}: created by {r['by']} via {r['via']}")
    cancels = [(n, c) for n in order for c in tasks[n]["cancels"]]
    if cancels:
        lines.append("")
        lines.append("cancel() calls (time by whom [state of the task] -> return value):")
        for n, c in cancels:
            lines.append(f"  {n}: {c}")
    blocks = [ev for ev in events if ev["event"] == "block"]
    if blocks:
        lines.append("")
        lines.append("blocking time.sleep() calls (from - to, no other task runs meanwhile):")
        for ev in blocks:
            secs = ev["detail"]["seconds"]
            lines.append(f"  [{fmt_t(ev['t']):>8} - {fmt_t(round(ev['t'] + secs, 6)):>8}] "
                         f"{ev['task']}: time.sleep({secs!r})")
    lines.append("")
    lines.append("printed:")
    for ev in events:
        if ev["event"] == "print":
            lines.append(f"  [{fmt_t(ev['t']):>8}] {ev['task']}: {ev['detail']['text']}")
    logs = [ev for ev in events if ev["event"] == "log"]
    if logs:
        lines.append("")
        lines.append("loop log:")
        for ev in logs:
            d = dict(ev["detail"])
            kind = d.pop("kind")
            lines.append(f"  [{fmt_t(ev['t']):>8}] {ev['task']}: {kind} "
                         + json.dumps(d, sort_keys=True))
    return "\n".join(lines) + "\n"


def to_jsonl(events):
    return "".join(json.dumps(ev) + "\n" for ev in events)


def main(argv):
    import argparse
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("scenario", nargs="?")
    p.add_argument("--summary", action="store_true",
                   help="print the per-task summary instead of the JSONL trace")
    p.add_argument("--summary-of", metavar="JSONL",
                   help="summarise an existing trace file (no run)")
    p.add_argument("--heap-ties", action="store_true",
                   help="diagnostic: keep CPython's plain heap order for timers "
                        "with equal deadlines (default: scheduling order)")
    a = p.parse_args(argv)
    if a.summary_of:
        with open(a.summary_of) as fh:
            evs = [json.loads(line) for line in fh if line.strip()]
        title = os.path.basename(a.summary_of).rsplit(".", 1)[0]
        sys.stdout.write(summarize(evs, title))
        return 0
    if not a.scenario:
        p.error("scenario path required")
    # Fixed hash seed: nothing in the scenarios should depend on it, but it
    # removes one source of run-to-run variation (set iteration order).
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + argv, env)
    evs = run(a.scenario, fifo_ties=not a.heap_ties)
    if a.summary:
        title = os.path.basename(a.scenario).rsplit(".", 1)[0]
        sys.stdout.write(summarize(evs, title))
    else:
        sys.stdout.write(to_jsonl(evs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
