//! The event log: what every task did, in order, with virtual time.
//!
//! The runtime appends [`Event`]s to a [`Log`]; everything else (the CLI,
//! the exporters, the desktop app) reads it. This module imports nothing of
//! the runtime or of any GUI.
//!
//! # In memory
//! An [`Event`] is 32 bytes and owns no heap memory: names, printed text,
//! coroutine chains and reprs are interned in the log's [`Interner`], and the
//! rare events with a larger detail (a cancel request, a loop log, a
//! `wait_for` or `gather` wait) keep an index into a side table of the log.
//!
//! | field  | meaning |
//! |--------|---------|
//! | `time` | virtual seconds (real seconds since the start under the real clock) |
//! | `b`    | 64-bit payload: a second [`Sym`], a task id, or an `f64`'s bits |
//! | `task` | the task the event is about ([`NONE`] for the loop itself) |
//! | `a`    | 32-bit payload, usually a [`Sym`] or a side-table index |
//! | `loc`  | source location (a [`Sym`] of `file:line`), or [`NONE`] |
//! | `kind` | [`EventKind`] |
//! | `flags`| per-kind flags, e.g. [`flags::BODY_NOT_RUN`] or the [`WaitKind`] |
//!
//! The sequence number of an event is its index in [`Log::events`].
//!
//! # Task life cycle
//! The events of one task come in the order `Created`, `Start`, then
//! (`Suspend` `Resume`)*, then exactly one of `Done`, `Cancelled` or
//! `Exception`. `Wake` (the task was put on the ready queue) precedes each
//! `Start`/`Resume`; `CancelRequested` may come anywhere; `Print` and `Block`
//! fall inside a step. The on-disk schema is documented in `docs/event-log.md`
//! and in [`json`].

pub mod asyncio;
pub mod cause;
pub mod explain;
pub mod intern;
pub mod json;
pub mod pyfmt;
#[cfg(test)]
pub(crate) mod testlog;
pub mod timeline;

pub use intern::{Interner, NONE, Sym};

use std::fmt;

/// Index of a task in [`Log::tasks`].
pub type TaskId = u32;

/// What kind of thing happened; see the module docs for the life cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum EventKind {
    /// A task was created. `a`: coroutine name; `b`: the creating task or [`NONE`].
    Created,
    /// The task's first step begins. `a`: index of the thrown exception in [`Log::errors`] or [`NONE`].
    Start,
    /// A later step begins. `a`: thrown exception index or [`NONE`].
    Resume,
    /// A step ends with the task waiting. `a`: the awaiting chain; `flags`: [`WaitKind`]; `b`: see [`WaitKind`].
    Suspend,
    /// The task finished with a result. `a`: `repr()` of the value.
    Done,
    /// The task finished cancelled. `a`: message or [`NONE`]; `b`: `repr` of the returned value when the coroutine returned while a cancel was pending ([`flags::CORO_RETURNED`]).
    Cancelled,
    /// The task finished with another exception (or a panic). `a`: type name; `b`: message.
    Exception,
    /// `cancel()` was called on the task. `a`: index in [`Log::cancels`].
    CancelRequested,
    /// `print()` in a task. `a`: the text; `b`: 0, or 1 + the worker job it was made in (see [`Event::print_job`]);
    /// `flags`: [`flags::STDERR`] or [`flags::STDOUT_WRITE`] for the other streams (0: `print` to stdout).
    Print,
    /// Blocking work (`time.sleep`) starts; the clock moves on by the seconds in `b` (f64 bits).
    Block,
    /// A loop log entry (warning, loop exception, shutdown, deadlock, budget). `a`: index in [`Log::logs`].
    Log,
    /// The task was put on the ready queue (taskline's own event). `flags`: [`WakeReason`].
    Wake,
    /// A `wait_for`/`timeout` deadline fired for the task (taskline's own). `b`: the deadline (f64 bits).
    TimeoutFired,
    /// A cancel of the task stopped at a shield: the shielded task runs on (taskline's own). `b`: the shielded task.
    ShieldAbsorbed,
    /// An operation on a synchronization object: a lock, event, condition,
    /// semaphore, barrier or queue (taskline's own). `task`: the task that
    /// did it ([`NONE`] in a loop callback); `a`: the object (index in
    /// [`Log::objects`]); `flags`: the [`SyncOp`]; `b`: [`Event::sync_other`]
    /// (low 32 bits: the other task the operation is about, e.g. the waiter
    /// it wakes, or [`NONE`]) and [`Event::sync_count`] (high 32 bits: a
    /// count after the operation, see [`SyncOp`]).
    Sync,
    /// A job of a (simulated) worker thread pool: `asyncio.to_thread`,
    /// `loop.run_in_executor` (taskline's own; projected onto the harness's
    /// `job_*` events). `task`: the submitting task for [`JobOp::Queued`],
    /// else [`NONE`]; `a`: the job (index in [`Log::jobs`]); `flags`: the
    /// [`JobOp`]; `b`: per op, see [`JobOp`].
    Job,
}

impl EventKind {
    /// The name used in JSON and in the asyncio vocabulary.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Start => "start",
            EventKind::Resume => "resume",
            EventKind::Suspend => "suspend",
            EventKind::Done => "done",
            EventKind::Cancelled => "cancelled",
            EventKind::Exception => "exception",
            EventKind::CancelRequested => "cancel_requested",
            EventKind::Print => "print",
            EventKind::Block => "block",
            EventKind::Log => "log",
            EventKind::Wake => "wake",
            EventKind::TimeoutFired => "timeout_fired",
            EventKind::ShieldAbsorbed => "shield_absorbed",
            EventKind::Sync => "sync",
            EventKind::Job => "job",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: [EventKind; 16] = [
        EventKind::Created,
        EventKind::Start,
        EventKind::Resume,
        EventKind::Suspend,
        EventKind::Done,
        EventKind::Cancelled,
        EventKind::Exception,
        EventKind::CancelRequested,
        EventKind::Print,
        EventKind::Block,
        EventKind::Log,
        EventKind::Wake,
        EventKind::TimeoutFired,
        EventKind::ShieldAbsorbed,
        EventKind::Sync,
        EventKind::Job,
    ];

    /// Parses a name written by [`EventKind::name`].
    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether the event ends its task.
    pub fn is_end(self) -> bool {
        matches!(self, EventKind::Done | EventKind::Cancelled | EventKind::Exception)
    }

    /// Whether CPython's reference traces have this event (the others are taskline's own).
    pub fn in_asyncio_vocabulary(self) -> bool {
        !matches!(self, EventKind::Wake | EventKind::TimeoutFired | EventKind::ShieldAbsorbed | EventKind::Sync)
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Per-kind flag bits of [`Event::flags`].
pub mod flags {
    /// `Start`: the exception was thrown in before the body's first line.
    pub const BODY_NOT_RUN: u8 = 1;
    /// `Cancelled`: the coroutine returned while a cancel was pending; `b` holds the repr.
    pub const CORO_RETURNED: u8 = 1;
    /// `Print`: written to standard error (`print(..., file=sys.stderr)`,
    /// `sys.stderr.write`). CPython's harness records only what `print`
    /// writes to stdout, so `--format asyncio-trace` leaves these out.
    pub const STDERR: u8 = 1;
    /// `Print`: written with `sys.stdout.write` (not `print`): shown, but not
    /// in `--format asyncio-trace`, for the same reason.
    pub const STDOUT_WRITE: u8 = 2;
}

/// What a suspended task waits for (stored in [`Event::flags`] of a `Suspend`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum WaitKind {
    /// A bare yield (`sleep(0)`): ready again at once. `b` unused.
    Yield,
    /// A sleep timer. `b`: the deadline (f64 bits).
    Sleep,
    /// Another task. `b`: its id.
    Task,
    /// A shield's outer future. `b`: the shielded task.
    Shield,
    /// A gather. `b`: index in [`Log::waits`].
    Gather,
    /// Under a `wait_for`/`timeout` deadline. `b`: index in [`Log::waits`].
    Deadline,
    /// Any other future (a plain asyncio Future, or a foreign Rust future).
    Future,
    /// The future of a job in a worker thread (`to_thread`, `run_in_executor`). `b`: the job (index in [`Log::jobs`]).
    Job,
    /// `asyncio.wait` or an `as_completed` iterator. `b`: index in [`Log::waits`]
    /// (a [`WaitRecord::Wait`]).
    Wait,
}

impl WaitKind {
    fn from_u8(v: u8) -> WaitKind {
        match v {
            0 => WaitKind::Yield,
            1 => WaitKind::Sleep,
            2 => WaitKind::Task,
            3 => WaitKind::Shield,
            4 => WaitKind::Gather,
            5 => WaitKind::Deadline,
            7 => WaitKind::Job,
            8 => WaitKind::Wait,
            _ => WaitKind::Future,
        }
    }

    /// A stable lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            WaitKind::Yield => "yield",
            WaitKind::Sleep => "sleep",
            WaitKind::Task => "task",
            WaitKind::Shield => "shield",
            WaitKind::Gather => "gather",
            WaitKind::Deadline => "deadline",
            WaitKind::Future => "future",
            WaitKind::Job => "job",
            WaitKind::Wait => "wait",
        }
    }

    /// Parses a name written by [`WaitKind::name`].
    pub fn from_name(name: &str) -> Option<WaitKind> {
        (0..9).map(WaitKind::from_u8).find(|k| k.name() == name)
    }
}

/// What a [`EventKind::Sync`] event did to its object (stored in [`Event::flags`]).
///
/// The count ([`Event::sync_count`]) is, per operation: `acquire`/`release`
/// of a semaphore: its value afterwards; `wait`: the waiters queued
/// afterwards; `notify`: how many waiters were woken; `put`/`get`: the
/// queue's length afterwards; `task_done`: the unfinished tasks left;
/// otherwise 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum SyncOp {
    /// The task took the lock (or a semaphore slot), at once or after waiting.
    Acquire,
    /// The task released the lock (or a semaphore slot).
    Release,
    /// The task starts waiting on the object (its waiter future is queued).
    Wait,
    /// The object woke a waiter: `other` is the task whose future was set.
    Wake,
    /// A waiting task left the object's queue of waiters cancelled.
    GiveUp,
    /// `Event.set()`.
    Set,
    /// `Event.clear()`.
    Clear,
    /// `Condition.notify(n)` / `notify_all()`.
    Notify,
    /// An item was put on the queue.
    Put,
    /// An item was taken from the queue.
    Get,
    /// `Queue.task_done()`.
    TaskDone,
    /// `Barrier.abort()`.
    Abort,
    /// `Barrier.reset()`.
    Reset,
    /// `Queue.shutdown()`.
    Shutdown,
    /// `Future.set_result(...)`: the future is done; its done callbacks (a
    /// task's wakeup among them) are scheduled.
    SetResult,
    /// `Future.set_exception(...)`.
    SetException,
    /// `Future.cancel()` (or a task's cancel passed on to the future it
    /// awaits), or `Handle.cancel()` of a scheduled callback.
    Cancel,
    /// A callback was scheduled: `loop.call_soon` / `call_later` / `call_at`,
    /// or a done callback of a future that completed. `count`: 0 for a
    /// callback ready at once, else the delay in milliseconds (rounded).
    Schedule,
    /// A scheduled callback runs on the loop (outside any task).
    Run,
}

impl SyncOp {
    /// Every operation, in declaration order.
    pub const ALL: [SyncOp; 19] = [
        SyncOp::Acquire,
        SyncOp::Release,
        SyncOp::Wait,
        SyncOp::Wake,
        SyncOp::GiveUp,
        SyncOp::Set,
        SyncOp::Clear,
        SyncOp::Notify,
        SyncOp::Put,
        SyncOp::Get,
        SyncOp::TaskDone,
        SyncOp::Abort,
        SyncOp::Reset,
        SyncOp::Shutdown,
        SyncOp::SetResult,
        SyncOp::SetException,
        SyncOp::Cancel,
        SyncOp::Schedule,
        SyncOp::Run,
    ];

    fn from_u8(v: u8) -> SyncOp {
        SyncOp::ALL.get(v as usize).copied().unwrap_or(SyncOp::Wake)
    }

    /// A stable lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            SyncOp::Acquire => "acquire",
            SyncOp::Release => "release",
            SyncOp::Wait => "wait",
            SyncOp::Wake => "wake",
            SyncOp::GiveUp => "give_up",
            SyncOp::Set => "set",
            SyncOp::Clear => "clear",
            SyncOp::Notify => "notify",
            SyncOp::Put => "put",
            SyncOp::Get => "get",
            SyncOp::TaskDone => "task_done",
            SyncOp::Abort => "abort",
            SyncOp::Reset => "reset",
            SyncOp::Shutdown => "shutdown",
            SyncOp::SetResult => "set_result",
            SyncOp::SetException => "set_exception",
            SyncOp::Cancel => "cancel",
            SyncOp::Schedule => "schedule",
            SyncOp::Run => "run",
        }
    }

    /// Parses a name written by [`SyncOp::name`].
    pub fn from_name(name: &str) -> Option<SyncOp> {
        SyncOp::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// What a [`EventKind::Job`] event says about its job (stored in [`Event::flags`]).
///
/// `b` per operation: `Started`: the worker's number in its pool (the
/// thread `{pool}_{worker}`); `Done`: the `repr()` of the result (a [`Sym`]);
/// `Exception`: the exception (index in [`Log::errors`]); otherwise 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum JobOp {
    /// The job was submitted to the pool (it starts at once if a worker is free).
    Queued,
    /// A worker thread started running the job.
    Started,
    /// The job returned; its result goes back to the loop.
    Done,
    /// The job raised; the exception goes back to the loop.
    Exception,
    /// The job was cancelled while still queued (the awaiting task was cancelled): it never runs.
    Cancelled,
}

impl JobOp {
    /// Every operation, in declaration order.
    pub const ALL: [JobOp; 5] = [JobOp::Queued, JobOp::Started, JobOp::Done, JobOp::Exception, JobOp::Cancelled];

    fn from_u8(v: u8) -> JobOp {
        JobOp::ALL.get(v as usize).copied().unwrap_or(JobOp::Queued)
    }

    /// A stable lower-case name (the harness's event is `job_` + this name).
    pub fn name(self) -> &'static str {
        match self {
            JobOp::Queued => "queued",
            JobOp::Started => "started",
            JobOp::Done => "done",
            JobOp::Exception => "exception",
            JobOp::Cancelled => "cancelled",
        }
    }

    /// Parses a name written by [`JobOp::name`].
    pub fn from_name(name: &str) -> Option<JobOp> {
        JobOp::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A job of a worker thread pool, named in [`EventKind::Job`] events and in
/// the prints made inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JobRecord {
    /// The pool's thread name prefix: `asyncio` for the loop's default executor.
    pub pool: Sym,
    /// The name of the function the job calls.
    pub func: Sym,
    /// The task that submitted it ([`NONE`] if none).
    pub submitter: TaskId,
    /// The worker that ran it ([`NONE`] until it starts).
    pub worker: u32,
}

impl JobRecord {
    /// The worker thread's name, `{pool}_{worker}` (`None` before it starts).
    pub fn worker_name(&self, log: &Log) -> Option<String> {
        (self.worker != NONE).then(|| format!("{}_{}", log.str(self.pool), self.worker))
    }
}

/// A synchronization object named in [`EventKind::Sync`] events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyncObject {
    /// Its type: `Lock`, `Event`, `Condition`, `Semaphore`, `BoundedSemaphore`,
    /// `Barrier`, `Queue`, `PriorityQueue` or `LifoQueue`; `Future` (a plain
    /// future); `Handle` / `TimerHandle` (a callback on the loop).
    pub kind: Sym,
    /// Its name: the variable it was first assigned to, or `Lock#1` style.
    pub name: Sym,
    /// Its size, or [`NONE`] when it has none (or the log predates it): a
    /// queue's `maxsize` (0: unbounded), a semaphore's initial value, a
    /// barrier's parties.
    pub size: u32,
}

impl SyncObject {
    /// An object without a size.
    pub fn new(kind: Sym, name: Sym) -> SyncObject {
        SyncObject { kind, name, size: NONE }
    }
}

/// Why a task was put on the ready queue (stored in [`Event::flags`] of a `Wake`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum WakeReason {
    /// Its first step was scheduled by `create_task`.
    Created,
    /// It yielded (`sleep(0)`) and is rescheduled at once.
    Yield,
    /// What it awaited completed (a timer, a task, a gather, a shield).
    Completed,
    /// What it awaited was cancelled (a cancel request reached it).
    Cancelled,
    /// A foreign (non-taskline) future woke it.
    Foreign,
}

impl WakeReason {
    fn from_u8(v: u8) -> WakeReason {
        match v {
            0 => WakeReason::Created,
            1 => WakeReason::Yield,
            2 => WakeReason::Completed,
            3 => WakeReason::Cancelled,
            _ => WakeReason::Foreign,
        }
    }

    /// A stable lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            WakeReason::Created => "created",
            WakeReason::Yield => "yield",
            WakeReason::Completed => "completed",
            WakeReason::Cancelled => "cancelled",
            WakeReason::Foreign => "foreign",
        }
    }

    /// Parses a name written by [`WakeReason::name`].
    pub fn from_name(name: &str) -> Option<WakeReason> {
        (0..5).map(WakeReason::from_u8).find(|k| k.name() == name)
    }
}

/// One thing that happened. 32 bytes, no heap memory; see the module docs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Event {
    /// Virtual seconds.
    pub time: f64,
    /// 64-bit payload (kind-specific).
    pub b: u64,
    /// The task, or [`NONE`].
    pub task: TaskId,
    /// 32-bit payload (kind-specific).
    pub a: u32,
    /// Source location ([`Sym`] of `file:line`) or [`NONE`].
    pub loc: Sym,
    /// What happened.
    pub kind: EventKind,
    /// Kind-specific flags.
    pub flags: u8,
}

impl Event {
    /// `b` read as an `f64`.
    pub fn b_f64(&self) -> f64 {
        f64::from_bits(self.b)
    }

    /// `b` read as a 32-bit id or symbol.
    pub fn b_u32(&self) -> u32 {
        u32::try_from(self.b).unwrap_or(NONE)
    }

    /// For a `Suspend`: what the task waits for.
    pub fn wait_kind(&self) -> WaitKind {
        WaitKind::from_u8(self.flags)
    }

    /// For a `Sync`: the operation.
    pub fn sync_op(&self) -> SyncOp {
        SyncOp::from_u8(self.flags)
    }

    /// For a `Sync`: the other task the operation is about, or [`NONE`].
    pub fn sync_other(&self) -> TaskId {
        (self.b & 0xffff_ffff) as u32
    }

    /// For a `Sync`: the count after the operation (see [`SyncOp`]).
    pub fn sync_count(&self) -> u32 {
        (self.b >> 32) as u32
    }

    /// The `b` payload of a `Sync` event.
    pub fn sync_payload(other: TaskId, count: u32) -> u64 {
        u64::from(other) | (u64::from(count) << 32)
    }

    /// For a `Job`: the operation.
    pub fn job_op(&self) -> JobOp {
        JobOp::from_u8(self.flags)
    }

    /// For a `Print`: the worker job it was made in (index in [`Log::jobs`]), if any.
    pub fn print_job(&self) -> Option<u32> {
        (self.b != 0).then(|| u32::try_from(self.b - 1).unwrap_or(NONE))
    }

    /// For a `Wake`: why the task became ready.
    pub fn wake_reason(&self) -> WakeReason {
        WakeReason::from_u8(self.flags)
    }
}

/// How a task came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Via {
    /// The main coroutine run by `run` (`asyncio.run`).
    Main,
    /// `create_task`.
    CreateTask,
    /// `wait_for` wrapped a coroutine in a task (timeout ≤ 0).
    WaitFor,
    /// `gather` wrapped a coroutine in a task.
    Gather,
    /// `shield` wrapped a coroutine in a task.
    Shield,
    /// Another asyncio function (e.g. `ensure_future`, `TaskGroup.create_task`).
    Other(Sym),
}

/// One row of the task table.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskInfo {
    /// The task's (final) name.
    pub name: Sym,
    /// The coroutine's name.
    pub coro: Sym,
    /// The task that created it, if any.
    pub parent: Option<TaskId>,
    /// How it was created.
    pub via: Via,
    /// Sequence number of its `Created` event.
    pub created_seq: u32,
}

/// A Python-style exception as recorded: type name and message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorRecord {
    /// Type name, e.g. `CancelledError`, `ValueError`.
    pub kind: Sym,
    /// `str(exc)` if the exception has arguments, else [`NONE`].
    pub msg: Sym,
}

/// Who called `cancel()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Canceller {
    /// A task.
    Task(TaskId),
    /// A loop callback (e.g. a `wait_for` deadline).
    Loop,
    /// The shutdown of `run` (`asyncio.run`), cancelling what is left.
    Shutdown,
}

/// Detail of a `CancelRequested` event.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CancelRecord {
    /// Who called `cancel()`.
    pub by: Canceller,
    /// The target's state when called (`not_started`, `awaiting …`, `done`, …).
    pub state: Sym,
    /// The asyncio function that called `cancel()`, or [`NONE`].
    pub via: Sym,
    /// The task whose own `cancel()` passed this one on, if any.
    pub forwarded_from: Option<TaskId>,
    /// The cancel message, or [`NONE`].
    pub msg: Sym,
    /// What `cancel()` returned.
    pub returned: bool,
    /// `task.cancelling()` afterwards.
    pub cancelling: u32,
}

/// A loop log entry (the asyncio vocabulary's `log` event).
#[derive(Clone, Debug, PartialEq)]
pub enum LogRecord {
    /// A Python warning, e.g. `coroutine '…' was never awaited`.
    Warning {
        /// Warning class, e.g. `RuntimeWarning`.
        category: Sym,
        /// The message.
        message: Sym,
    },
    /// The loop's exception handler was called.
    LoopException {
        /// e.g. `Task exception was never retrieved`.
        message: Sym,
        /// The exception, if any.
        exception: Option<ErrorRecord>,
        /// The task it is about, if any.
        about: Option<TaskId>,
    },
    /// `run`'s shutdown is about to cancel these tasks.
    Shutdown {
        /// The tasks still pending, in creation order.
        cancelling: Vec<TaskId>,
    },
    /// Nothing is ready and no timer is pending.
    Deadlock {
        /// The message.
        message: Sym,
    },
    /// The run hit its event budget or virtual-time limit and was stopped.
    Budget {
        /// The message.
        message: Sym,
    },
}

impl LogRecord {
    /// The `kind` field of the asyncio vocabulary.
    pub fn kind(&self) -> &'static str {
        match self {
            LogRecord::Warning { .. } => "warning",
            LogRecord::LoopException { .. } => "loop_exception",
            LogRecord::Shutdown { .. } => "shutdown",
            LogRecord::Deadlock { .. } => "deadlock",
            LogRecord::Budget { .. } => "budget",
        }
    }
}

/// When an `asyncio.wait` returns (its `return_when`), or an `as_completed` iterator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum WaitMode {
    /// `asyncio.FIRST_COMPLETED`: when any awaited future finishes.
    FirstCompleted,
    /// `asyncio.FIRST_EXCEPTION`: when any finishes with an exception, or all have finished.
    FirstException,
    /// `asyncio.ALL_COMPLETED`: when all have finished.
    AllCompleted,
    /// An `as_completed` iterator waiting for its next finished future.
    AsCompleted,
}

impl WaitMode {
    /// Every mode, in declaration order.
    pub const ALL: [WaitMode; 4] =
        [WaitMode::FirstCompleted, WaitMode::FirstException, WaitMode::AllCompleted, WaitMode::AsCompleted];

    /// The name: asyncio's constant (`FIRST_COMPLETED`, …) or `as_completed`.
    pub fn name(self) -> &'static str {
        match self {
            WaitMode::FirstCompleted => "FIRST_COMPLETED",
            WaitMode::FirstException => "FIRST_EXCEPTION",
            WaitMode::AllCompleted => "ALL_COMPLETED",
            WaitMode::AsCompleted => "as_completed",
        }
    }

    /// Parses a name written by [`WaitMode::name`].
    pub fn from_name(name: &str) -> Option<WaitMode> {
        WaitMode::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// What a `Suspend` of kind [`WaitKind::Gather`], [`WaitKind::Deadline`] or [`WaitKind::Wait`] waits for.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitRecord {
    /// A gather of these tasks.
    Gather(Vec<TaskId>),
    /// Under a `wait_for` deadline, waiting for `inner` (a [`WaitKind`] with its payload as in a `Suspend`).
    Deadline {
        /// When the deadline fires.
        deadline: f64,
        /// What the awaited thing is.
        inner: WaitKind,
        /// Payload of `inner`.
        inner_b: u64,
    },
    /// In `asyncio.wait` (or an `as_completed` iterator) for these tasks
    /// (those still pending when the task suspended; futures that are not
    /// tasks are left out).
    Wait {
        /// The tasks waited for.
        tasks: Vec<TaskId>,
        /// When the wait returns.
        mode: WaitMode,
        /// The timeout's deadline on the loop's clock, if any.
        deadline: Option<f64>,
    },
}

/// Information about the run that produced a log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// Scenario id or file the log came from.
    pub source: String,
    /// A title for display.
    pub title: String,
    /// `virtual` or `real`.
    pub clock: String,
    /// The error that stopped the run early, if any.
    pub stopped: Option<String>,
    /// The seed of a script's `random` module (`None` for Rust scenarios and
    /// logs written before scripts had one).
    pub seed: Option<u64>,
}

/// The event log of one run: tasks, events and their side tables.
#[derive(Clone, Debug, Default)]
pub struct Log {
    /// About the run.
    pub meta: Meta,
    /// Interned strings.
    pub strings: Interner,
    /// The task table, in creation order.
    pub tasks: Vec<TaskInfo>,
    /// The events, in the order they happened (index = sequence number).
    pub events: Vec<Event>,
    /// Exceptions referenced by events.
    pub errors: Vec<ErrorRecord>,
    /// Details of `CancelRequested` events.
    pub cancels: Vec<CancelRecord>,
    /// Details of `Log` events.
    pub logs: Vec<LogRecord>,
    /// Details of `Suspend` events on a gather or a deadline.
    pub waits: Vec<WaitRecord>,
    /// The synchronization objects `Sync` events refer to, in order of first use.
    pub objects: Vec<SyncObject>,
    /// The worker-thread jobs `Job` events refer to, in order of submission.
    pub jobs: Vec<JobRecord>,
}

fn index_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(NONE - 1)
}

impl Log {
    /// Creates an empty log.
    pub fn new() -> Log {
        Log::default()
    }

    /// Interns a string.
    pub fn intern(&mut self, s: &str) -> Sym {
        self.strings.intern(s)
    }

    /// The string of a symbol.
    pub fn str(&self, sym: Sym) -> &str {
        self.strings.get(sym)
    }

    /// The name of a task ("" for [`NONE`]).
    pub fn task_name(&self, task: TaskId) -> &str {
        self.tasks.get(task as usize).map_or("", |t| self.strings.get(t.name))
    }

    /// Appends an event and returns its sequence number.
    pub fn push(&mut self, event: Event) -> u32 {
        let seq = index_u32(self.events.len());
        self.events.push(event);
        seq
    }

    /// Adds a task to the table and returns its id.
    pub fn add_task(&mut self, info: TaskInfo) -> TaskId {
        let id = index_u32(self.tasks.len());
        self.tasks.push(info);
        id
    }

    /// Stores an exception and returns its index.
    pub fn add_error(&mut self, e: ErrorRecord) -> u32 {
        self.errors.push(e);
        index_u32(self.errors.len() - 1)
    }

    /// Stores a cancel record and returns its index.
    pub fn add_cancel(&mut self, c: CancelRecord) -> u32 {
        self.cancels.push(c);
        index_u32(self.cancels.len() - 1)
    }

    /// Stores a log record and returns its index.
    pub fn add_log(&mut self, l: LogRecord) -> u32 {
        self.logs.push(l);
        index_u32(self.logs.len() - 1)
    }

    /// Stores a wait record and returns its index.
    pub fn add_wait(&mut self, w: WaitRecord) -> u32 {
        self.waits.push(w);
        index_u32(self.waits.len() - 1)
    }

    /// Adds a synchronization object; returns its index.
    pub fn add_object(&mut self, o: SyncObject) -> u32 {
        self.objects.push(o);
        index_u32(self.objects.len() - 1)
    }

    /// Adds a worker-thread job; returns its index.
    pub fn add_job(&mut self, j: JobRecord) -> u32 {
        self.jobs.push(j);
        index_u32(self.jobs.len() - 1)
    }

    /// The exception an event refers to by index, if any.
    pub fn error(&self, index: u32) -> Option<&ErrorRecord> {
        self.errors.get(index as usize)
    }

    /// The time of the last event (0 for an empty log).
    pub fn end_time(&self) -> f64 {
        self.events.last().map_or(0.0, |e| e.time)
    }

    /// Parses a location symbol `file:line` into its parts.
    pub fn location(&self, loc: Sym) -> Option<(&str, u32)> {
        let s = self.strings.opt(loc)?;
        let (file, line) = s.rsplit_once(':')?;
        Some((file, line.parse().ok()?))
    }

    /// Bytes of memory the log holds (events, tables and strings).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.events.capacity() * size_of::<Event>()
            + self.tasks.capacity() * size_of::<TaskInfo>()
            + self.errors.capacity() * size_of::<ErrorRecord>()
            + self.cancels.capacity() * size_of::<CancelRecord>()
            + self.logs.capacity() * size_of::<LogRecord>()
            + self.waits.capacity() * size_of::<WaitRecord>()
            + self.strings.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_32_bytes() {
        assert_eq!(std::mem::size_of::<Event>(), 32);
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::from_name(k.name()), Some(k));
        }
    }
}
