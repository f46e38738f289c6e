//! The event loop: asyncio's ready queue, timers, futures and tasks, with
//! every state change recorded in a [`Log`].
//!
//! # How a step runs
//! Each asyncio Task is an `async_executor` task whose future is a driver
//! around the user's coroutine. The loop below owns the *order*: it keeps
//! asyncio's FIFO ready queue of handles and its timer heap, and when a
//! handle says "step task X" it grants X a permit, wakes X's executor task
//! and ticks the `LocalExecutor` until X has been polled once. The driver
//! polls the coroutine only with a permit; a poll without one (a foreign
//! waker firing) is turned into a handle on the ready queue, as asyncio turns
//! a completed future into a `call_soon`.
//!
//! # Futures and their states
//! A future is `Pending`, then exactly one of `Done`, `Cancelled` or
//! `Failed`, never changing again. Completing a future moves each of its
//! done callbacks onto the ready queue (`call_soon`), in registration order.
//! A task is a future whose completion is the end of its coroutine.
//!
//! # A task's states
//! `not started` (created, its first step scheduled) → `running` (inside a
//! step) → `waiting` on a future (`fut_waiter`), or `scheduled` after a bare
//! yield → `running` … → done. `cancel()` on a waiting task cancels the
//! future it waits on (forwarding to a task it awaits); on a task that is
//! not waiting it sets `must_cancel`, and the next step throws
//! `CancelledError` in instead of resuming normally.

use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet, VecDeque};
use std::fmt::Write;
use std::rc::Rc;
use std::task::Waker;
use std::time::Instant;

use async_executor::LocalExecutor;

use super::error::Error;
use super::slab::{Key, Slab};
use crate::trace::intern::FxHashMap;
use crate::trace::{
    CancelRecord, Canceller, ErrorRecord, Event, EventKind, Log, LogRecord, NONE, Sym, TaskId, TaskInfo, Via, WaitKind,
    WaitRecord, WakeReason, flags,
};

/// Key of a future in the loop.
pub(crate) type FutId = Key;

/// Which clock drives the loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ClockMode {
    /// Discrete-event virtual time: jump to the next timer when nothing is ready.
    #[default]
    Virtual,
    /// Wall-clock time: wait for timers with `async_io`; foreign futures may wake tasks.
    Real,
}

/// The default event budget ([`Config::max_events`]): with the other
/// defaults it stops any runaway script within about 10 s and 1 GB on a
/// small machine (see README, "Budgets").
pub const DEFAULT_MAX_EVENTS: usize = 2_000_000;

/// The default task budget ([`Config::max_tasks`]): live tasks at once.
pub const DEFAULT_MAX_TASKS: usize = 100_000;

/// Settings of one run.
#[derive(Clone, Debug)]
pub struct Config {
    /// The clock.
    pub clock: ClockMode,
    /// Stop the run after this many events (a runaway guard): the log holds
    /// at most this many, the last being the `budget` stop.
    pub max_events: usize,
    /// Stop the run when more than this many tasks are alive at once (a
    /// runaway guard: each live task holds its coroutine).
    pub max_tasks: usize,
    /// Stop the run when the clock passes this many seconds.
    pub max_time: f64,
    /// The most bytes a script's live values (strings, lists, tuples, dicts,
    /// sets) may take: past it the script gets `MemoryError` (default 512 MiB).
    pub max_heap: usize,
    /// Shown in the log's metadata.
    pub source: String,
    /// Shown in the log's metadata.
    pub title: String,
    /// Called with the log so far while the run goes on (a live view).
    pub observer: Option<Observer>,
    /// The seed of a script's `random` module (`None`: the default seed,
    /// [`crate::script::DEFAULT_SEED`]); recorded in the log's metadata.
    pub seed: Option<u64>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            clock: ClockMode::Virtual,
            max_events: DEFAULT_MAX_EVENTS,
            max_tasks: DEFAULT_MAX_TASKS,
            max_time: 1.0e6,
            max_heap: 512 << 20,
            source: String::new(),
            title: String::new(),
            observer: None,
            seed: None,
        }
    }
}

/// Watches a run as it goes: called with the log so far between loop
/// iterations when new events were recorded — at most once per `interval`
/// of wall-clock time, and always before the loop waits for the real clock
/// — and once more at the end of the run.
///
/// # Examples
/// ```
/// use std::sync::{Arc, atomic::{AtomicUsize, Ordering}};
/// use taskline::{coro, sleep, Config, Runtime};
/// use taskline::runtime::Observer;
/// let calls = Arc::new(AtomicUsize::new(0));
/// let seen = calls.clone();
/// let observer = Observer::new(std::time::Duration::ZERO, move |log| {
///     assert!(!log.events.is_empty());
///     seen.fetch_add(1, Ordering::Relaxed);
/// });
/// let cfg = Config { observer: Some(observer), ..Config::default() };
/// Runtime::with_config(cfg).run(coro("main", async { sleep(1).await?; sleep(1).await }));
/// assert!(calls.load(Ordering::Relaxed) >= 2);
/// ```
#[derive(Clone)]
pub struct Observer {
    interval: std::time::Duration,
    f: std::sync::Arc<dyn Fn(&Log) + Send + Sync>,
}

impl Observer {
    /// An observer called at most once per `interval`.
    pub fn new(interval: std::time::Duration, f: impl Fn(&Log) + Send + Sync + 'static) -> Observer {
        Observer { interval, f: std::sync::Arc::new(f) }
    }
}

impl std::fmt::Debug for Observer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Observer").field("interval", &self.interval).finish_non_exhaustive()
    }
}

/// How [`RunError::Panicked`]'s message (and so the log's `meta.stopped`) starts.
pub const PANIC_PREFIX: &str = "internal error: ";

/// Why a run stopped before the program finished.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RunError {
    /// The event budget ran out.
    #[error("stopped after {limit} events (event budget); the log so far is kept")]
    EventBudget {
        /// The budget.
        limit: usize,
    },
    /// Too many tasks were alive at once.
    #[error("stopped with more than {limit} live tasks (task budget); the log so far is kept")]
    TaskBudget {
        /// The budget.
        limit: usize,
    },
    /// The embedder stopped the run (e.g. a script's step budget).
    #[error("{message}")]
    Stopped {
        /// Why.
        message: String,
    },
    /// taskline itself panicked (a bug in the interpreter or the loop, not
    /// in a task's own Rust code): the run stopped there.
    #[error("internal error: {message}; the log so far is kept")]
    Panicked {
        /// The panic's message and place.
        message: String,
    },
    /// The clock passed the time limit.
    #[error("stopped at {at} s: past the time limit of {limit} s; the log so far is kept")]
    TimeLimit {
        /// The limit in seconds.
        limit: f64,
        /// The time of the timer that would have run next.
        at: f64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FState {
    Pending,
    Done,
    Cancelled,
    Failed,
}

#[derive(Debug)]
pub(crate) struct GatherRec {
    pub children: Vec<FutId>,
    pub nfinished: usize,
    pub return_exceptions: bool,
    pub cancel_requested: bool,
}

#[derive(Debug)]
pub(crate) enum FKind {
    Plain,
    Task(TaskId),
    Shield { inner: FutId },
    Gather(Box<GatherRec>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Callback {
    Wakeup(TaskId),
    ShieldInner {
        outer: FutId,
    },
    ShieldOuter {
        inner: FutId,
    },
    GatherChild {
        gather: FutId,
    },
    ReleaseWaiter {
        waiter: FutId,
    },
    StopLoop,
    /// An embedder's done callback (`add_done_callback`), by index into `State::handles`.
    User(u32),
}

/// A future's done callbacks; most futures have exactly one (no allocation then).
#[derive(Debug, Default)]
pub(crate) enum Callbacks {
    #[default]
    None,
    One(Callback),
    Many(Vec<Callback>),
}

impl Callbacks {
    fn push(&mut self, cb: Callback) {
        *self = match std::mem::take(self) {
            Callbacks::None => Callbacks::One(cb),
            Callbacks::One(a) => Callbacks::Many(vec![a, cb]),
            Callbacks::Many(mut v) => {
                v.push(cb);
                Callbacks::Many(v)
            }
        };
    }

    fn any(&self, f: impl Fn(&Callback) -> bool) -> bool {
        match self {
            Callbacks::None => false,
            Callbacks::One(a) => f(a),
            Callbacks::Many(v) => v.iter().any(f),
        }
    }

    fn retain(&mut self, keep: impl Fn(&Callback) -> bool) {
        match self {
            Callbacks::None => {}
            Callbacks::One(a) => {
                if !keep(a) {
                    *self = Callbacks::None;
                }
            }
            Callbacks::Many(v) => v.retain(keep),
        }
    }
}

#[derive(Debug)]
pub(crate) struct FutRec {
    pub state: FState,
    pub kind: FKind,
    pub callbacks: Callbacks,
    pub cancel_msg: Option<Rc<str>>,
    /// The exception (Failed), or the CancelledError a task ended with (first retrieval).
    pub error: Option<Error>,
    pub log_traceback: bool,
    /// A user future's identity in the log (see `future.rs`): its operations are recorded.
    pub tag: Option<Rc<super::sync::Tag>>,
}

impl FutRec {
    fn new(kind: FKind) -> FutRec {
        FutRec {
            state: FState::Pending,
            kind,
            callbacks: Callbacks::default(),
            cancel_msg: None,
            error: None,
            log_traceback: false,
            tag: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimerAction {
    SetResultUnlessCancelled(FutId),
    Timeout(usize),
    /// `loop.call_later`/`call_at`: the handle, by index into `State::handles`.
    User(u32),
}

#[derive(Debug)]
pub(crate) struct TimerRec {
    pub cancelled: bool,
    pub action: TimerAction,
}

#[derive(Debug)]
struct TimerEntry {
    when: f64,
    seq: u64,
    key: Key,
}

impl PartialEq for TimerEntry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for TimerEntry {}
impl PartialOrd for TimerEntry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TimerEntry {
    // BinaryHeap is a max-heap: reverse so the earliest (deadline, seq) is on top.
    fn cmp(&self, other: &Self) -> Ordering {
        other.when.total_cmp(&self.when).then_with(|| other.seq.cmp(&self.seq))
    }
}

#[derive(Debug)]
pub(crate) enum Handle {
    Step {
        task: TaskId,
        exc: Option<Error>,
    },
    Callback {
        cb: Callback,
        fut: FutId,
    },
    Timer(Key),
    Timeout(usize),
    /// `loop.call_soon`: the handle, by index into `State::handles`.
    User(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimeoutState {
    Entered,
    Expiring,
    Expired,
    Exited,
}

#[derive(Debug)]
pub(crate) struct TimeoutRec {
    pub task: TaskId,
    pub when: Option<f64>,
    pub state: TimeoutState,
    pub cancelling: u32,
    pub timer: Option<Key>,
    pub soon_cancelled: bool,
    pub soon_pending: bool,
}

#[derive(Debug)]
pub(crate) struct TaskRec {
    pub fut: FutId,
    pub started: bool,
    pub must_cancel: bool,
    pub cancel_msg: Option<Rc<str>>,
    pub num_cancels: u32,
    pub fut_waiter: Option<FutId>,
    /// Interned awaiting chain without its last element (e.g. `wait_for>`), for cancel states.
    pub chain_prefix: Sym,
    pub waker: Option<Waker>,
    pub driver: Option<async_executor::Task<()>>,
    pub awaiting_foreign: bool,
    pub has_handles: bool,
    pub deadlines: Vec<f64>,
    /// Held by the loop itself (the shutdown's list): not freed while set.
    pub held: bool,
    /// asyncio's `_log_destroy_pending` (false for tasks `gather` wrapped a coroutine in).
    pub log_destroy_pending: bool,
    /// Index of the task's last chain memo (most tasks suspend at one place again and again).
    pub memo: u32,
}

/// What the leaf awaitable of a step yielded to the loop.
#[derive(Debug)]
pub(crate) enum Yielded {
    Future { fut: FutId, chain: Sym, wait: WaitKind, b: u64 },
    Bare { chain: Sym },
}

#[derive(Debug, Default)]
pub(crate) struct StepCtx {
    pub task: Option<TaskId>,
    pub thrown: Option<Error>,
    pub yielded: Option<Yielded>,
    pub outcome: Option<Result<String, Error>>,
    pub yield_loc: Option<Sym>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    Run,
    Shutdown,
    Teardown,
}

/// The loop's state; see the module docs.
#[derive(Debug)]
pub(crate) struct State {
    pub log: Log,
    pub cfg: Config,
    pub start: Instant,
    pub vnow: f64,
    pub ready: VecDeque<Handle>,
    timers: BinaryHeap<TimerEntry>,
    pub timer_slab: Slab<TimerRec>,
    timer_seq: u64,
    pub futs: Slab<FutRec>,
    pub tasks: Vec<TaskRec>,
    pub timeouts: Vec<TimeoutRec>,
    pub current: Option<TaskId>,
    pub step: StepCtx,
    pub frames: Vec<Sym>,
    /// `frames.len()` where an opaque awaitable was entered, innermost last:
    /// frames and labels pushed past it are not part of a suspend's chain
    /// (see [`enter_opaque_frames`]).
    pub opaque: Vec<usize>,
    pub stopping: bool,
    pub phase: Phase,
    cancel_stack: Vec<TaskId>,
    pub auto_names: u32,
    pub buf: String,
    warned: HashSet<(Sym, Sym)>,
    pub stopped: Option<RunError>,
    /// The first task created after the log filled up, if any (see [`State::emit`]).
    unlogged_tasks: Option<usize>,
    /// Tasks that have ended (the others are alive: see [`Config::max_tasks`]).
    ended_tasks: usize,
    /// The last source line of the running step that taskline saw.
    pub last_loc: Sym,
    /// Unique per run: task handles carry it, so a handle kept from another
    /// run is recognised (and does nothing) instead of indexing this run's tasks.
    pub run_id: u64,
    /// When the observer was last called, and how many events it saw.
    observed: Option<(Instant, usize)>,
    loc_cache: FxHashMap<usize, Sym>,
    /// (frames, label, leaf) -> (chain, prefix): most suspends repeat one of a few chains.
    chain_memo: FxHashMap<u64, u32>,
    memos: Vec<ChainMemo>,
    /// Interned `Future` / `yield` / `CancelledError`.
    pub sym_future: Sym,
    sym_yield: Sym,
    /// The script source location that overrides Rust call sites (see [`set_script_location`](super::set_script_location)).
    pub script_file: Option<Rc<str>>,
    /// The script line (0: no override).
    pub script_line: u32,
    pub(crate) script_locs: FxHashMap<u32, Sym>,
    /// The loop's callback handles (`call_soon`, `call_later`, done callbacks: see `future.rs`).
    pub handles: super::future::Handles,
    /// `loop.set_task_factory(asyncio.eager_task_factory)` is in effect (see `future.rs`).
    pub eager_tasks: bool,
    /// The simulated worker thread pools and their jobs (`to_thread`).
    pub threads: super::threads::Pools,
}

/// The runtime shared by the loop, the drivers and the API functions.
#[derive(Debug)]
pub(crate) struct Inner {
    pub exec: LocalExecutor<'static>,
    pub st: RefCell<State>,
    pub permit: Cell<TaskId>,
    pub permit_used: Cell<bool>,
    /// Set by a driver whose poll panicked in taskline's own code: the step
    /// re-raises it to the run, which records it and stops.
    pub internal_panic: Cell<bool>,
}

/// A print made before the loop existed: (text, file (`None`: the script's), line).
/// A print made before the loop existed: text, file, line, stream flags ([`crate::trace::flags::STDERR`], …).
pub(crate) type PendingPrint = (String, Option<Rc<str>>, u32, u8);

thread_local! {
    static CURRENT: RefCell<Option<Rc<Inner>>> = const { RefCell::new(None) };
    /// A script location set before the loop exists (taken by the next `State::new`).
    pub(crate) static PENDING_SCRIPT_LOC: RefCell<Option<(Rc<str>, u32)>> = const { RefCell::new(None) };
    /// Prints made before the loop exists, with their script lines (taken by the next `State::new`).
    pub(crate) static PENDING_PRINTS: RefCell<Vec<PendingPrint>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with the runtime running on this thread, if any.
pub(crate) fn with_inner<R>(f: impl FnOnce(&Rc<Inner>) -> R) -> Option<R> {
    CURRENT.with(|c| {
        let current = c.borrow();
        current.as_ref().map(f)
    })
}

/// Runs `f` with the loop state, if a runtime is running and not borrowed.
/// Enters an opaque awaitable: until [`exit_opaque_frames`], the coroutines
/// it polls are not named in a suspend's chain, as CPython's chain
/// (`cr_await`) stops at an object that is not a coroutine or generator
/// (an async generator's `__anext__()` awaitable).
pub fn enter_opaque_frames() {
    with_state(|st| st.opaque.push(st.frames.len()));
}

/// Leaves the innermost opaque awaitable (see [`enter_opaque_frames`]).
pub fn exit_opaque_frames() {
    with_state(|st| st.opaque.pop());
}

pub(crate) fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> Option<R> {
    with_inner(|inner| {
        let mut st = inner.st.try_borrow_mut().ok()?;
        let _internal = InternalScope::enter();
        Some(f(&mut st))
    })
    .flatten()
}

thread_local! {
    /// Greater than 0 while taskline's own code runs on behalf of a task (or
    /// a whole script run): a panic then is taskline's, not the task's.
    static INTERNAL: Cell<u32> = const { Cell::new(0) };
    /// The last panic seen by taskline's panic hook on this thread while a
    /// run or a task was going on: (`panicked at file:line:col: message`, internal).
    pub(crate) static LAST_PANIC: RefCell<Option<(String, bool)>> = const { RefCell::new(None) };
}

/// Marks taskline's own code for the panic hook while it lives.
pub(crate) struct InternalScope(());

impl InternalScope {
    pub(crate) fn enter() -> InternalScope {
        INTERNAL.with(|c| c.set(c.get() + 1));
        InternalScope(())
    }
}

impl Drop for InternalScope {
    fn drop(&mut self) {
        INTERNAL.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// Whether taskline's own code is running on this thread (see [`InternalScope`]).
pub(crate) fn in_internal_code() -> bool {
    INTERNAL.with(Cell::get) > 0
}

pub(crate) struct CurrentGuard(Option<Rc<Inner>>);

impl CurrentGuard {
    pub(crate) fn set(inner: Rc<Inner>) -> CurrentGuard {
        CurrentGuard(CURRENT.with(|c| c.replace(Some(inner))))
    }
}

impl Drop for CurrentGuard {
    fn drop(&mut self) {
        let prev = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = prev);
    }
}

const CLOCK_RESOLUTION: f64 = 1e-9;
const MAX_SELECT: f64 = 24.0 * 3600.0;

impl State {
    pub(crate) fn new(cfg: Config) -> State {
        let mut log = Log::new();
        log.meta.source = cfg.source.clone();
        log.meta.title = cfg.title.clone();
        log.meta.seed = cfg.seed;
        log.meta.clock = match cfg.clock {
            ClockMode::Virtual => "virtual".into(),
            ClockMode::Real => "real".into(),
        };
        let sym_future = log.intern("Future");
        let sym_yield = log.intern("yield");
        let (script_file, script_line) = match PENDING_SCRIPT_LOC.with(|p| p.borrow_mut().take()) {
            Some((f, l)) => (Some(f), l),
            None => (None, 0),
        };
        let mut st = State {
            log,
            cfg,
            start: Instant::now(),
            vnow: 0.0,
            ready: VecDeque::new(),
            timers: BinaryHeap::new(),
            timer_slab: Slab::default(),
            timer_seq: 0,
            futs: Slab::default(),
            tasks: Vec::new(),
            timeouts: Vec::new(),
            current: None,
            step: StepCtx::default(),
            frames: Vec::new(),
            opaque: Vec::new(),
            stopping: false,
            phase: Phase::Run,
            cancel_stack: Vec::new(),
            auto_names: 0,
            buf: String::new(),
            warned: HashSet::new(),
            stopped: None,
            unlogged_tasks: None,
            ended_tasks: 0,
            last_loc: NONE,
            run_id: {
                static NEXT_RUN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT_RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
            observed: None,
            loc_cache: FxHashMap::default(),
            chain_memo: FxHashMap::default(),
            memos: Vec::new(),
            sym_future,
            sym_yield,
            script_file,
            script_line,
            script_locs: FxHashMap::default(),
            handles: super::future::Handles::default(),
            eager_tasks: false,
            threads: super::threads::Pools::default(),
        };
        // Prints made before the loop existed (a script's top level), at 0.0 with no task.
        for (text, file, line, stream) in PENDING_PRINTS.with(|p| std::mem::take(&mut *p.borrow_mut())) {
            let sym = st.log.intern(&text);
            let saved = std::mem::replace(&mut st.script_line, line);
            let saved_file = file.map(|f| {
                st.script_locs.clear();
                st.script_file.replace(f)
            });
            let loc = if line != 0 && st.script_file.is_some() { st.script_loc_sym() } else { NONE };
            if let Some(f) = saved_file {
                st.script_locs.clear();
                st.script_file = f;
            }
            st.script_line = saved;
            st.emit(EventKind::Print, NONE, sym, 0, stream, loc);
        }
        st
    }

    /// The loop's clock: virtual seconds, or seconds since the start.
    pub(crate) fn now(&self) -> f64 {
        match self.cfg.clock {
            ClockMode::Virtual => self.vnow,
            ClockMode::Real => self.start.elapsed().as_secs_f64(),
        }
    }

    fn cur(&self) -> TaskId {
        self.current.unwrap_or(NONE)
    }

    // ------------------------------------------------------------ recording

    /// Records an event. The log never holds more than `max_events` events:
    /// when only one slot is left, the event budget's `budget` log event takes
    /// it and stops the run, and every later event is dropped (returns
    /// [`NONE`]), so a budget-stopped log is a prefix of the run, of exactly
    /// `max_events` events.
    pub(crate) fn emit(&mut self, kind: EventKind, task: TaskId, a: u32, b: u64, fl: u8, loc: Sym) -> u32 {
        if self.log_full() {
            if self.stopped.is_none() {
                self.over_limits();
            }
            if kind == EventKind::Created && self.unlogged_tasks.is_none() {
                // Its `TaskInfo` was just added: it and every later task are dropped at the end.
                self.unlogged_tasks = Some(task as usize);
            }
            return NONE;
        }
        let time = self.now();
        self.log.push(Event { time, b, task, a, loc, kind, flags: fl })
    }

    /// Whether more tasks are alive than [`Config::max_tasks`] allows.
    fn too_many_tasks(&self) -> bool {
        self.tasks.len().saturating_sub(self.ended_tasks) > self.cfg.max_tasks
    }

    /// Whether the log has room for nothing but the event budget's own event.
    fn log_full(&self) -> bool {
        self.log.events.len().saturating_add(1) >= self.cfg.max_events
    }

    /// Records a `budget` log event even when the log is full (its reserved last slot).
    fn emit_budget(&mut self, message: Sym) {
        let idx = self.log.add_log(LogRecord::Budget { message });
        let time = self.now();
        self.log.push(Event { time, b: 0, task: NONE, a: idx, loc: NONE, kind: EventKind::Log, flags: 0 });
    }

    /// The first task created after the log filled up (see [`State::emit`]):
    /// it and the later ones have no events and are left out of the log.
    pub(crate) fn unlogged_tasks(&self) -> Option<usize> {
        self.unlogged_tasks
    }

    fn error_index(&mut self, e: &Error) -> u32 {
        let kind = self.log.intern(e.type_name());
        let msg = match e.message() {
            Some(m) => self.log.intern(m),
            None => NONE,
        };
        self.log.add_error(ErrorRecord { kind, msg })
    }

    fn error_record(&mut self, e: &Error) -> ErrorRecord {
        let kind = self.log.intern(e.type_name());
        let msg = match e.message() {
            Some(m) => self.log.intern(m),
            None => NONE,
        };
        ErrorRecord { kind, msg }
    }

    pub(crate) fn emit_log(&mut self, task: TaskId, rec: LogRecord) {
        let idx = self.log.add_log(rec);
        self.emit(EventKind::Log, task, idx, 0, 0, NONE);
    }

    /// A Python warning (e.g. "coroutine 'x' was never awaited"), shown once
    /// per message and place, as Python's default warnings filter does.
    ///
    /// Python's place is the line running when the object is freed. Rust's
    /// `Drop` cannot see it, so the place is the last line of the running
    /// step that taskline saw (a coroutine created, a task created, a print,
    /// an await), else `loc`.
    pub(crate) fn warn(&mut self, category: &str, message: &str, loc: Sym) {
        let message = self.log.intern(message);
        let place = if self.current.is_some() && self.last_loc != NONE { self.last_loc } else { loc };
        if !self.warned.insert((message, place)) {
            return;
        }
        let category = self.log.intern(category);
        let task = self.cur();
        self.emit_log(task, LogRecord::Warning { category, message });
    }

    pub(crate) fn intern_loc(&mut self, loc: &'static std::panic::Location<'static>) -> Sym {
        if self.script_line != 0 {
            return self.script_loc_sym();
        }
        let key = std::ptr::from_ref(loc) as usize;
        if let Some(&sym) = self.loc_cache.get(&key) {
            return sym;
        }
        let sym = self.intern_loc_slow(loc);
        self.loc_cache.insert(key, sym);
        sym
    }

    /// The interned `file:line` of the script location override.
    pub(crate) fn script_loc_sym(&mut self) -> Sym {
        let line = self.script_line;
        if let Some(&sym) = self.script_locs.get(&line) {
            return sym;
        }
        self.buf.clear();
        let _ = write!(self.buf, "{}:{}", self.script_file.as_deref().unwrap_or("<script>"), line);
        let buf = std::mem::take(&mut self.buf);
        let sym = self.log.intern(&buf);
        self.buf = buf;
        self.script_locs.insert(line, sym);
        sym
    }

    /// The memo key of an await's location (the script line when overridden).
    fn loc_key(&self, loc: Option<&'static std::panic::Location<'static>>) -> usize {
        if self.script_line != 0 {
            return usize::MAX - self.script_line as usize;
        }
        loc.map_or(0, |l| std::ptr::from_ref(l) as usize)
    }

    fn intern_loc_slow(&mut self, loc: &std::panic::Location<'_>) -> Sym {
        self.buf.clear();
        let _ = write!(self.buf, "{}:{}", loc.file(), loc.line());
        let buf = std::mem::take(&mut self.buf);
        let sym = self.log.intern(&buf);
        self.buf = buf;
        sym
    }

    // ---------------------------------------------------------------- queue

    fn wake_event(&mut self, task: TaskId, reason: WakeReason) {
        self.emit(EventKind::Wake, task, 0, 0, reason as u8, NONE);
    }

    pub(crate) fn call_soon_step(&mut self, task: TaskId, reason: WakeReason) {
        // A new task and a bare yield are ready at once: their Created/Suspend says so.
        if !matches!(reason, WakeReason::Created | WakeReason::Yield) {
            self.wake_event(task, reason);
        }
        self.ready.push_back(Handle::Step { task, exc: None });
    }

    pub(crate) fn call_at(&mut self, when: f64, action: TimerAction) -> Key {
        let key = self.timer_slab.insert(TimerRec { cancelled: false, action });
        self.timer_seq += 1;
        self.timers.push(TimerEntry { when, seq: self.timer_seq, key });
        key
    }

    pub(crate) fn cancel_timer(&mut self, key: Key) {
        if let Some(t) = self.timer_slab.get_mut(key) {
            t.cancelled = true;
        }
    }

    // -------------------------------------------------------------- futures

    pub(crate) fn new_future(&mut self, kind: FKind) -> FutId {
        self.futs.insert(FutRec::new(kind))
    }

    pub(crate) fn fut_state(&self, fut: FutId) -> FState {
        self.futs.get(fut).map_or(FState::Cancelled, |f| f.state)
    }

    pub(crate) fn fut_done(&self, fut: FutId) -> bool {
        self.fut_state(fut) != FState::Pending
    }

    pub(crate) fn add_done_callback(&mut self, fut: FutId, cb: Callback) {
        let done = match self.futs.get_mut(fut) {
            Some(f) if f.state == FState::Pending => {
                f.callbacks.push(cb);
                false
            }
            Some(_) => true,
            None => false,
        };
        if done {
            self.schedule_callback(cb, fut);
        }
    }

    pub(crate) fn remove_done_callback(&mut self, fut: FutId, cb: Callback) {
        if let Some(f) = self.futs.get_mut(fut) {
            f.callbacks.retain(|c| *c != cb);
        }
    }

    fn schedule_callback(&mut self, cb: Callback, fut: FutId) {
        if let Callback::Wakeup(task) = cb {
            let reason =
                if self.fut_state(fut) == FState::Cancelled { WakeReason::Cancelled } else { WakeReason::Completed };
            self.wake_event(task, reason);
        }
        self.callback_scheduled(cb, fut);
        self.ready.push_back(Handle::Callback { cb, fut });
    }

    fn schedule_callbacks(&mut self, fut: FutId) {
        let cbs = match self.futs.get_mut(fut) {
            Some(f) => std::mem::take(&mut f.callbacks),
            None => return,
        };
        match cbs {
            Callbacks::None => {}
            Callbacks::One(cb) => self.schedule_callback(cb, fut),
            Callbacks::Many(v) => {
                for cb in v {
                    self.schedule_callback(cb, fut);
                }
            }
        }
    }

    pub(crate) fn set_result(&mut self, fut: FutId) -> bool {
        match self.futs.get_mut(fut) {
            Some(f) if f.state == FState::Pending => f.state = FState::Done,
            _ => return false,
        }
        self.schedule_callbacks(fut);
        true
    }

    pub(crate) fn set_exception(&mut self, fut: FutId, e: Error) {
        match self.futs.get_mut(fut) {
            Some(f) if f.state == FState::Pending => {
                f.state = FState::Failed;
                f.error = Some(e);
                f.log_traceback = true;
            }
            _ => return,
        }
        self.schedule_callbacks(fut);
    }

    /// `Future.cancel(msg)` for a plain future.
    fn plain_cancel(&mut self, fut: FutId, msg: Option<Rc<str>>) -> bool {
        match self.futs.get_mut(fut) {
            Some(f) => {
                f.log_traceback = false;
                if f.state != FState::Pending {
                    return false;
                }
                f.state = FState::Cancelled;
                f.cancel_msg = msg;
            }
            None => return false,
        }
        self.future_op(fut, crate::trace::SyncOp::Cancel, NONE);
        self.schedule_callbacks(fut);
        true
    }

    /// `fut.cancel(msg)`, dispatched on what the future is.
    pub(crate) fn fut_cancel(&mut self, fut: FutId, msg: Option<Rc<str>>, via: Option<&str>) -> bool {
        let kind = match self.futs.get(fut) {
            Some(f) => match &f.kind {
                FKind::Task(t) => Some(*t),
                FKind::Gather(_) => None,
                _ => return self.plain_cancel(fut, msg),
            },
            None => return false,
        };
        match kind {
            Some(t) => self.task_cancel(t, msg, via),
            None => self.gather_cancel(fut, msg),
        }
    }

    /// `_GatheringFuture.cancel`.
    fn gather_cancel(&mut self, fut: FutId, msg: Option<Rc<str>>) -> bool {
        if self.fut_done(fut) {
            return false;
        }
        let children = match self.futs.get(fut).map(|f| &f.kind) {
            Some(FKind::Gather(g)) => g.children.clone(),
            _ => return false,
        };
        let mut ret = false;
        for child in children {
            if self.fut_cancel(child, msg.clone(), Some("_GatheringFuture.cancel")) {
                ret = true;
            }
        }
        if ret {
            if let Some(FKind::Gather(g)) = self.futs.get_mut(fut).map(|f| &mut f.kind) {
                g.cancel_requested = true;
            }
        }
        ret
    }

    /// `future.result()` as an error: the CancelledError or exception it ended with
    /// (marks the exception retrieved). `None` for a result.
    pub(crate) fn fut_error(&mut self, fut: FutId) -> Option<Error> {
        let f = self.futs.get_mut(fut)?;
        match f.state {
            FState::Cancelled => Some(f.error.take().unwrap_or_else(|| Error::cancelled_with(f.cancel_msg.as_deref()))),
            FState::Failed => {
                f.log_traceback = false;
                f.error.clone()
            }
            FState::Pending => Some(Error::invalid_state("Result is not set.")),
            FState::Done => None,
        }
    }

    /// `future.exception()`-style peek (marks retrieved); cancelled gives `None`.
    /// The message a future was cancelled with (`fut._cancel_message`).
    pub(crate) fn fut_cancel_message(&self, fut: FutId) -> Option<Rc<str>> {
        self.futs.get(fut).and_then(|f| f.cancel_msg.clone())
    }

    pub(crate) fn fut_exception(&mut self, fut: FutId) -> Option<Error> {
        let f = self.futs.get_mut(fut)?;
        if f.state == FState::Failed {
            f.log_traceback = false;
            f.error.clone()
        } else {
            None
        }
    }

    // ---------------------------------------------------------------- tasks

    pub(crate) fn task_name(&self, task: TaskId) -> &str {
        self.log.task_name(task)
    }

    /// Registers a new task (its driver is attached by the caller) and schedules its first step.
    pub(crate) fn new_task(&mut self, name: Option<&str>, coro: &str, via: Via, loc: Sym) -> TaskId {
        let task = u32::try_from(self.tasks.len()).unwrap_or(NONE - 1);
        let fut = self.new_future(FKind::Task(task));
        let name = match name {
            Some(n) => self.log.intern(n),
            None => {
                self.auto_names += 1;
                self.buf.clear();
                let _ = write!(self.buf, "{}#{}", coro, self.auto_names);
                let buf = std::mem::take(&mut self.buf);
                let s = self.log.intern(&buf);
                self.buf = buf;
                s
            }
        };
        let coro_sym = self.log.intern(coro);
        let parent = self.current;
        let created_seq = u32::try_from(self.log.events.len()).unwrap_or(NONE);
        self.log.add_task(TaskInfo { name, coro: coro_sym, parent, via, created_seq });
        self.tasks.push(TaskRec {
            fut,
            started: false,
            must_cancel: false,
            cancel_msg: None,
            num_cancels: 0,
            fut_waiter: None,
            chain_prefix: NONE,
            waker: None,
            driver: None,
            awaiting_foreign: false,
            has_handles: true,
            deadlines: Vec::new(),
            memo: NONE,
            held: false,
            log_destroy_pending: via != Via::Gather,
        });
        self.emit(EventKind::Created, task, coro_sym, u64::from(parent.unwrap_or(NONE)), 0, loc);
        if loc != NONE {
            self.last_loc = loc;
        }
        if self.too_many_tasks() && self.stopped.is_none() {
            // Stops the loop after the running step (a script's step ends at its next check).
            self.over_limits();
        }
        self.call_soon_step(task, WakeReason::Created);
        task
    }

    pub(crate) fn task_fut(&self, task: TaskId) -> FutId {
        self.tasks[task as usize].fut
    }

    pub(crate) fn task_done(&self, task: TaskId) -> bool {
        self.fut_done(self.task_fut(task))
    }

    /// The task a shield protects, through shields of shields (`None` for a
    /// shield of something that is not a task, e.g. a gather).
    fn shielded_task(&self, fut: FutId) -> Option<TaskId> {
        let mut fut = fut;
        // Each shield's inner future was created before it: the walk ends.
        loop {
            match self.futs.get(fut).map(|f| &f.kind) {
                Some(FKind::Task(t)) => return Some(*t),
                Some(FKind::Shield { inner }) => fut = *inner,
                _ => return None,
            }
        }
    }

    /// Describes what a future is, as CPython's tracer does (`task:x`, `shield(task:x)>Future`, …).
    fn describe_fut(&self, fut: FutId, out: &mut String) {
        match self.futs.get(fut).map(|f| (&f.kind, f.state)) {
            Some((FKind::Task(t), _)) => {
                out.push_str("task:");
                out.push_str(self.task_name(*t));
            }
            Some((FKind::Shield { inner, .. }, FState::Pending)) => {
                out.push_str("shield(");
                self.describe_fut(*inner, out);
                out.push_str(")>Future");
            }
            Some((kind @ (FKind::Gather(_) | FKind::Plain), state)) => {
                // CPython's tracer names a future by the first of its done
                // callbacks that `shield` made: for a future inside a shield
                // that is `_inner_done_callback`, whose closure holds no
                // `inner`, hence `shield(yield)>…`.
                let in_shield = state == FState::Pending
                    && self
                        .futs
                        .get(fut)
                        .is_some_and(|f| f.callbacks.any(|c| matches!(c, Callback::ShieldInner { .. })));
                if in_shield {
                    out.push_str("shield(yield)>");
                }
                out.push_str(if matches!(kind, FKind::Gather(_)) { "_GatheringFuture" } else { "Future" });
            }
            _ => out.push_str("Future"),
        }
    }

    /// The state string of a cancel request's target.
    fn task_state_string(&mut self, task: TaskId) -> Sym {
        if self.task_done(task) {
            return self.log.intern("done");
        }
        let t = &self.tasks[task as usize];
        if !t.started {
            return self.log.intern("not_started");
        }
        if self.current == Some(task) {
            return self.log.intern("running");
        }
        let Some(w) = t.fut_waiter else {
            return self.log.intern("scheduled");
        };
        let prefix = t.chain_prefix;
        let mut s = std::mem::take(&mut self.buf);
        s.clear();
        s.push_str("awaiting ");
        s.push_str(self.log.str(prefix));
        self.describe_fut(w, &mut s);
        if self.fut_done(w) {
            s.push_str(" (already done; wakeup pending)");
        }
        let sym = self.log.intern(&s);
        self.buf = s;
        sym
    }

    /// `Task.cancel(msg)`, recorded as a `cancel_requested` event.
    pub(crate) fn task_cancel(&mut self, task: TaskId, msg: Option<Rc<str>>, via: Option<&str>) -> bool {
        self.task_cancel_at(task, msg, via, NONE)
    }

    /// `Task.cancel(msg)` called from source location `loc`.
    pub(crate) fn task_cancel_at(&mut self, task: TaskId, msg: Option<Rc<str>>, via: Option<&str>, loc: Sym) -> bool {
        if self.cancel_stack.contains(&task) {
            // Tasks awaiting each other in a cycle: the forwarded cancel came
            // back round (CPython would fail with RecursionError). Stop here.
            return false;
        }
        let by = match self.current {
            Some(t) => Canceller::Task(t),
            None if self.phase == Phase::Shutdown => Canceller::Shutdown,
            None => Canceller::Loop,
        };
        let state = self.task_state_string(task);
        let via = via.map_or(NONE, |v| self.log.intern(v));
        let msg_sym = msg.as_deref().map_or(NONE, |m| self.log.intern(m));
        let rec = CancelRecord {
            by,
            state,
            via,
            forwarded_from: self.cancel_stack.last().copied(),
            msg: msg_sym,
            returned: false,
            cancelling: 0,
        };
        let idx = self.log.add_cancel(rec);
        self.emit(EventKind::CancelRequested, task, idx, 0, 0, loc);
        self.cancel_stack.push(task);
        let fut = self.task_fut(task);
        if let Some(f) = self.futs.get_mut(fut) {
            f.log_traceback = false;
        }
        let returned = if self.task_done(task) {
            false
        } else {
            let t = &mut self.tasks[task as usize];
            t.num_cancels += 1;
            let waiter = t.fut_waiter;
            let mut forwarded = false;
            if let Some(w) = waiter {
                let shield_inner = match self.futs.get(w).map(|f| &f.kind) {
                    Some(FKind::Shield { .. }) => self.shielded_task(w),
                    _ => None,
                };
                if self.fut_cancel(w, msg.clone(), None) {
                    forwarded = true;
                    if let Some(inner_task) = shield_inner {
                        if !self.task_done(inner_task) {
                            self.emit(EventKind::ShieldAbsorbed, task, 0, u64::from(inner_task), 0, NONE);
                        }
                    }
                }
            }
            if !forwarded {
                let t = &mut self.tasks[task as usize];
                t.must_cancel = true;
                t.cancel_msg = msg;
                if t.awaiting_foreign {
                    // A foreign future will not wake it: deliver at the next taskline await.
                    t.awaiting_foreign = false;
                    self.call_soon_step(task, WakeReason::Cancelled);
                }
            }
            true
        };
        self.cancel_stack.pop();
        let cancelling = self.tasks[task as usize].num_cancels;
        if let Some(c) = self.log.cancels.get_mut(idx as usize) {
            c.returned = returned;
            c.cancelling = cancelling;
        }
        returned
    }

    /// `Task.uncancel()`.
    pub(crate) fn task_uncancel(&mut self, task: TaskId) -> u32 {
        let t = &mut self.tasks[task as usize];
        if t.num_cancels > 0 {
            t.num_cancels -= 1;
            if t.num_cancels == 0 {
                t.must_cancel = false;
            }
        }
        t.num_cancels
    }

    /// Marks that no user handle refers to the task any more.
    pub(crate) fn drop_handles(&mut self, task: TaskId) {
        if let Some(t) = self.tasks.get_mut(task as usize) {
            t.has_handles = false;
            let cur = self.cur();
            self.check_freed(task, cur);
        }
    }

    /// Holds (or releases) a task on behalf of the loop; a release may free it.
    pub(crate) fn hold_task(&mut self, task: TaskId, held: bool) {
        self.tasks[task as usize].held = held;
        if !held {
            self.check_freed(task, NONE);
        }
    }

    /// Teardown: asyncio's `Task.__del__` of tasks still pending.
    pub(crate) fn destroy_pending_tasks(&mut self) {
        let pending: Vec<TaskId> =
            self.pending_tasks().into_iter().filter(|&t| self.tasks[t as usize].log_destroy_pending).collect();
        for task in pending {
            let message = self.log.intern("Task was destroyed but it is pending!");
            self.emit_log(NONE, LogRecord::LoopException { message, exception: None, about: Some(task) });
        }
    }

    /// The task object is gone: log an exception nobody retrieved.
    fn check_freed(&mut self, task: TaskId, reporter: TaskId) {
        let t = &self.tasks[task as usize];
        if t.has_handles || t.held {
            return;
        }
        let fut = t.fut;
        let err = match self.futs.get_mut(fut) {
            Some(f) if f.state == FState::Failed && f.log_traceback => {
                f.log_traceback = false;
                f.error.clone()
            }
            _ => None,
        };
        if let Some(e) = err {
            let message = self.log.intern("Task exception was never retrieved");
            let exception = Some(self.error_record(&e));
            self.emit_log(reporter, LogRecord::LoopException { message, exception, about: Some(task) });
        }
    }

    // ---------------------------------------------------------------- steps

    /// Starts a step of `task` (asyncio's `Task.__step`): applies a pending
    /// cancel, records `start`/`resume`. Returns the waker to use, or the
    /// exception to end the task with when it is thrown in before the body ran.
    pub(crate) fn begin_step(&mut self, task: TaskId, exc: Option<Error>) -> Option<StepStart> {
        if self.task_done(task) {
            return None;
        }
        let t = &mut self.tasks[task as usize];
        let mut exc = exc;
        if t.must_cancel {
            if !exc.as_ref().is_some_and(Error::is_cancelled) {
                exc = Some(Error::cancelled_with(t.cancel_msg.as_deref()));
            }
            t.must_cancel = false;
        }
        t.fut_waiter = None;
        t.awaiting_foreign = false;
        let first = !t.started;
        t.started = true;
        self.current = Some(task);
        let (a, fl) = match &exc {
            Some(e) => (self.error_index(e), if first { flags::BODY_NOT_RUN } else { 0 }),
            None => (NONE, 0),
        };
        let kind = if first { EventKind::Start } else { EventKind::Resume };
        self.emit(kind, task, a, 0, fl, NONE);
        self.last_loc = NONE;
        self.frames.clear();
        self.opaque.clear();
        if first && exc.is_some() {
            self.step = StepCtx { task: Some(task), ..StepCtx::default() };
            return Some(StepStart::ThrowUnstarted(exc.unwrap_or_else(Error::cancelled)));
        }
        self.step = StepCtx { task: Some(task), thrown: exc, ..StepCtx::default() };
        if let Some(w) = &self.tasks[task as usize].waker {
            w.wake_by_ref();
        }
        Some(StepStart::Poll)
    }

    /// Ends the step of `task`: records how it ended and acts on what it yielded.
    pub(crate) fn end_step(&mut self, task: TaskId, outcome: Option<Result<String, Error>>) {
        let step = std::mem::take(&mut self.step);
        let loc = step.yield_loc.unwrap_or(NONE);
        let outcome = outcome.or(step.outcome);
        if let Some(outcome) = outcome {
            self.finish_task(task, outcome);
        } else {
            // Nothing took the CancelledError thrown in (a foreign future was
            // polled instead): it is delivered at the task's next taskline
            // await, once the foreign future wakes the task. Stepping the task
            // again before that would only poll the same foreign future again.
            let undelivered = step.thrown.as_ref().is_some_and(Error::is_cancelled);
            if undelivered {
                self.tasks[task as usize].must_cancel = true;
            }
            match step.yielded {
                Some(Yielded::Future { fut, chain, wait, b }) => {
                    self.emit(EventKind::Suspend, task, chain, b, wait as u8, loc);
                    self.add_done_callback(fut, Callback::Wakeup(task));
                    let t = &mut self.tasks[task as usize];
                    t.fut_waiter = Some(fut);
                    if t.must_cancel {
                        let msg = t.cancel_msg.clone();
                        if self.fut_cancel(fut, msg, None) {
                            self.tasks[task as usize].must_cancel = false;
                        }
                    }
                }
                Some(Yielded::Bare { chain }) => {
                    self.emit(EventKind::Suspend, task, chain, 0, WaitKind::Yield as u8, loc);
                    self.call_soon_step(task, WakeReason::Yield);
                }
                None => {
                    // Pending on a foreign future: its waker brings the task back.
                    let chain = self.chain_sym(self.sym_future);
                    self.tasks[task as usize].chain_prefix = self.prefix_sym();
                    self.emit(EventKind::Suspend, task, chain, 0, WaitKind::Future as u8, NONE);
                    let t = &mut self.tasks[task as usize];
                    t.awaiting_foreign = true;
                    if t.must_cancel && !undelivered {
                        // cancel() during this step: throw it in at the next step (once).
                        t.awaiting_foreign = false;
                        self.call_soon_step(task, WakeReason::Cancelled);
                    }
                }
            }
        }
        self.current = None;
        self.last_loc = NONE;
    }

    /// Ends a task with its coroutine's outcome (`repr` of the value, or the error).
    pub(crate) fn finish_task(&mut self, task: TaskId, outcome: Result<String, Error>) {
        let fut = self.task_fut(task);
        self.ended_tasks += 1;
        match outcome {
            Ok(repr) => {
                let sym = self.log.intern(&repr);
                let t = &mut self.tasks[task as usize];
                if t.must_cancel {
                    t.must_cancel = false;
                    let msg = t.cancel_msg.clone();
                    self.emit(EventKind::Cancelled, task, NONE, u64::from(sym), flags::CORO_RETURNED, NONE);
                    if let Some(f) = self.futs.get_mut(fut) {
                        f.state = FState::Cancelled;
                        f.cancel_msg = msg;
                    }
                } else {
                    self.emit(EventKind::Done, task, sym, 0, 0, NONE);
                    if let Some(f) = self.futs.get_mut(fut) {
                        f.state = FState::Done;
                    }
                }
            }
            Err(e) if e.is_cancelled() => {
                let msg = e.message().map_or(NONE, |m| self.log.intern(m));
                self.emit(EventKind::Cancelled, task, msg, 0, 0, NONE);
                if let Some(f) = self.futs.get_mut(fut) {
                    f.state = FState::Cancelled;
                    f.cancel_msg = None;
                    f.error = Some(e);
                }
            }
            Err(e) => {
                let kind = self.log.intern(e.type_name());
                let msg = self.log.intern(e.message().unwrap_or(""));
                self.emit(EventKind::Exception, task, kind, u64::from(msg), 0, NONE);
                if let Some(f) = self.futs.get_mut(fut) {
                    f.state = FState::Failed;
                    f.error = Some(e);
                    f.log_traceback = true;
                }
            }
        }
        self.tasks[task as usize].waker = None;
        self.schedule_callbacks(fut);
        self.check_freed(task, NONE);
    }

    /// The interned frames of the running step, joined with `>` (e.g. `wait_for>delay>`).
    fn prefix_sym(&mut self) -> Sym {
        let mut s = std::mem::take(&mut self.buf);
        s.clear();
        for f in &self.frames {
            s.push_str(self.log.str(*f));
            s.push('>');
        }
        let sym = self.log.intern(&s);
        self.buf = s;
        sym
    }

    fn chain_sym(&mut self, leaf: Sym) -> Sym {
        let mut s = std::mem::take(&mut self.buf);
        s.clear();
        for f in &self.frames {
            s.push_str(self.log.str(*f));
            s.push('>');
        }
        s.push_str(self.log.str(leaf));
        let sym = self.log.intern(&s);
        self.buf = s;
        sym
    }

    fn memo_key(&self, label: Option<&str>, leaf: Sym, loc: usize) -> u64 {
        use std::hash::Hasher;
        let mut h = crate::trace::intern::FxHasher::default();
        for f in &self.frames {
            h.write_u32(*f);
        }
        h.write_u32(leaf);
        h.write_usize(loc);
        h.write(label.unwrap_or("").as_bytes());
        h.finish()
    }

    /// (chain, prefix) for the current frames, `label` and a constant leaf
    /// (`Future`, `yield`), and the await's location: memoised, since most
    /// suspends repeat one of a few (place, chain) pairs.
    fn memo_chain(
        &mut self,
        label: Option<&str>,
        leaf: Sym,
        loc: Option<&'static std::panic::Location<'static>>,
    ) -> (Sym, Sym) {
        let loc_key = self.loc_key(loc);
        let label_str = label.unwrap_or("");
        let task = self.step.task.map_or(NONE, |t| t);
        // Fast path: the task suspends where it did last time.
        if let Some(m) = self.tasks.get(task as usize).and_then(|t| self.memos.get(t.memo as usize)) {
            if m.matches(leaf, loc_key, &self.frames, label_str) {
                self.step.yield_loc = (m.loc != NONE).then_some(m.loc);
                if m.loc != NONE {
                    self.last_loc = m.loc;
                }
                return (m.chain, m.prefix);
            }
        }
        let key = self.memo_key(label, leaf, loc_key);
        if let Some(&idx) = self.chain_memo.get(&key) {
            let m = &self.memos[idx as usize];
            if m.matches(leaf, loc_key, &self.frames, label_str) {
                self.step.yield_loc = (m.loc != NONE).then_some(m.loc);
                if m.loc != NONE {
                    self.last_loc = m.loc;
                }
                let (chain, prefix) = (m.chain, m.prefix);
                if let Some(t) = self.tasks.get_mut(task as usize) {
                    t.memo = idx;
                }
                return (chain, prefix);
            }
        }
        if let Some(l) = label {
            let sym = self.log.intern(l);
            self.frames.push(sym);
        }
        let chain = self.chain_sym(leaf);
        let prefix = self.prefix_sym();
        if label.is_some() {
            self.frames.pop();
        }
        let loc_sym = loc.map_or(NONE, |l| self.intern_loc(l));
        self.step.yield_loc = loc.map(|_| loc_sym);
        if loc_sym != NONE {
            self.last_loc = loc_sym;
        }
        let memo = ChainMemo {
            frames: self.frames.clone().into_boxed_slice(),
            label: label_str.into(),
            leaf,
            loc_key,
            loc: loc_sym,
            chain,
            prefix,
        };
        let idx = u32::try_from(self.memos.len()).unwrap_or(NONE);
        self.memos.push(memo);
        self.chain_memo.insert(key, idx);
        if let Some(t) = self.tasks.get_mut(task as usize) {
            t.memo = idx;
        }
        (chain, prefix)
    }

    /// Called by a leaf awaitable that suspends the running task on `fut`
    /// (`label`, e.g. `sleep(1)`, is its own frame in the chain).
    pub(crate) fn yield_future(
        &mut self,
        fut: FutId,
        label: Option<&str>,
        wait: WaitKind,
        b: u64,
        loc: Option<&'static std::panic::Location<'static>>,
    ) {
        let (hidden, label) = self.hide_opaque(label);
        self.yield_future_in(fut, label, wait, b, loc);
        self.frames.extend(hidden);
    }

    /// Takes the frames past the innermost opaque boundary off `frames`
    /// (and the label with them), for the caller to put back.
    fn hide_opaque<'l>(&mut self, label: Option<&'l str>) -> (Vec<Sym>, Option<&'l str>) {
        match self.opaque.last() {
            Some(&n) if n <= self.frames.len() => (self.frames.split_off(n), None),
            _ => (Vec::new(), label),
        }
    }

    fn yield_future_in(
        &mut self,
        fut: FutId,
        label: Option<&str>,
        wait: WaitKind,
        b: u64,
        loc: Option<&'static std::panic::Location<'static>>,
    ) {
        let Some(task) = self.step.task else { return };
        let plain = matches!(self.futs.get(fut).map(|f| &f.kind), Some(FKind::Plain));
        if plain && self.tasks[task as usize].deadlines.is_empty() {
            let (chain, prefix) = self.memo_chain(label, self.sym_future, loc);
            self.tasks[task as usize].chain_prefix = prefix;
            self.step.yielded = Some(Yielded::Future { fut, chain, wait, b });
            return;
        }
        if let Some(l) = label {
            let sym = self.log.intern(l);
            self.frames.push(sym);
        }
        let prefix = self.prefix_sym();
        let mut s = std::mem::take(&mut self.buf);
        s.clear();
        s.push_str(self.log.str(prefix));
        self.describe_fut(fut, &mut s);
        let chain = self.log.intern(&s);
        self.buf = s;
        if label.is_some() {
            self.frames.pop();
        }
        let (wait, b) = match self.tasks[task as usize].deadlines.last() {
            Some(&deadline) => {
                let idx = self.log.add_wait(WaitRecord::Deadline { deadline, inner: wait, inner_b: b });
                (WaitKind::Deadline, u64::from(idx))
            }
            None => (wait, b),
        };
        self.tasks[task as usize].chain_prefix = prefix;
        self.step.yield_loc = loc.map(|l| self.intern_loc(l));
        if let Some(l) = self.step.yield_loc {
            self.last_loc = l;
        }
        self.step.yielded = Some(Yielded::Future { fut, chain, wait, b });
    }

    /// Called by a leaf awaitable that yields bare (`sleep(0)`).
    pub(crate) fn yield_bare(&mut self, label: Option<&str>, loc: Option<&'static std::panic::Location<'static>>) {
        let Some(task) = self.step.task else { return };
        let (hidden, label) = self.hide_opaque(label);
        let (chain, prefix) = self.memo_chain(label, self.sym_yield, loc);
        self.frames.extend(hidden);
        self.tasks[task as usize].chain_prefix = prefix;
        self.step.yielded = Some(Yielded::Bare { chain });
    }

    /// Takes the exception thrown into the running step, if any.
    pub(crate) fn take_thrown(&mut self) -> Option<Error> {
        self.step.thrown.take()
    }

    // ----------------------------------------------------------- callbacks

    pub(crate) fn shield_inner_done(&mut self, inner: FutId, outer: FutId) {
        if self.fut_state(outer) == FState::Cancelled {
            if self.fut_state(inner) != FState::Cancelled {
                self.fut_exception(inner);
            }
            return;
        }
        match self.fut_state(inner) {
            FState::Cancelled => {
                self.plain_cancel(outer, None);
            }
            FState::Failed => {
                if let Some(e) = self.fut_exception(inner) {
                    self.set_exception(outer, e);
                }
            }
            _ => {
                self.set_result(outer);
            }
        }
    }

    pub(crate) fn gather_child_done(&mut self, child: FutId, gather: FutId) {
        let (done, return_exceptions) = match self.futs.get_mut(gather) {
            Some(f) => {
                let done = f.state != FState::Pending;
                match &mut f.kind {
                    FKind::Gather(g) => {
                        g.nfinished += 1;
                        (done, g.return_exceptions)
                    }
                    _ => return,
                }
            }
            None => return,
        };
        if done {
            if self.fut_state(child) != FState::Cancelled {
                self.fut_exception(child);
            }
            return;
        }
        if !return_exceptions {
            match self.fut_state(child) {
                FState::Cancelled => {
                    let e = self.cancelled_error_peek(child);
                    self.set_exception(gather, e);
                    return;
                }
                FState::Failed => {
                    if let Some(e) = self.fut_exception(child) {
                        self.set_exception(gather, e);
                        return;
                    }
                }
                _ => {}
            }
        }
        let (finished, total, cancel_requested, children) = match self.futs.get(gather).map(|f| &f.kind) {
            Some(FKind::Gather(g)) => (g.nfinished, g.children.len(), g.cancel_requested, g.children.clone()),
            _ => return,
        };
        if finished == total {
            for c in &children {
                self.fut_exception(*c);
            }
            if cancel_requested {
                let e = self.cancelled_error_peek(child);
                self.set_exception(gather, e);
            } else {
                self.set_result(gather);
            }
        }
    }

    /// `fut._make_cancelled_error()`: the stored CancelledError (taken once) or a new one.
    pub(crate) fn cancelled_error_peek(&mut self, fut: FutId) -> Error {
        match self.futs.get_mut(fut) {
            Some(f) => f
                .error
                .take()
                .filter(Error::is_cancelled)
                .unwrap_or_else(|| Error::cancelled_with(f.cancel_msg.as_deref())),
            None => Error::cancelled(),
        }
    }

    pub(crate) fn timeout_fire(&mut self, idx: usize) {
        let Some(tm) = self.timeouts.get_mut(idx) else { return };
        if tm.state != TimeoutState::Entered {
            return;
        }
        tm.timer = None;
        tm.soon_pending = false;
        let task = tm.task;
        let deadline = tm.when.unwrap_or(0.0);
        self.emit(EventKind::TimeoutFired, task, 0, deadline.to_bits(), 0, NONE);
        self.task_cancel(task, None, Some("Timeout._on_timeout"));
        if let Some(tm) = self.timeouts.get_mut(idx) {
            tm.state = TimeoutState::Expiring;
        }
    }

    // ----------------------------------------------------------- the loop

    /// Moves due timers onto the ready queue, advancing the virtual clock
    /// when nothing is ready; returns the number of handles to run now.
    /// `Err(true)` = nothing can ever run (deadlock); `Err(false)` = wait (real clock).
    pub(crate) fn prepare_iteration(&mut self) -> Result<usize, Option<f64>> {
        while let Some(top) = self.timers.peek() {
            let cancelled = self.timer_slab.get(top.key).is_none_or(|t| t.cancelled);
            if !cancelled {
                break;
            }
            let key = top.key;
            self.timers.pop();
            self.timer_slab.remove(key);
        }
        if self.ready.is_empty() && !self.stopping {
            let Some(top) = self.timers.peek() else { return Err(None) };
            let when = top.when;
            match self.cfg.clock {
                ClockMode::Virtual => {
                    let timeout = (when - self.vnow).clamp(0.0, MAX_SELECT);
                    if timeout > 0.0 {
                        if timeout < MAX_SELECT {
                            self.vnow = self.vnow.max(when);
                        } else {
                            self.vnow += timeout;
                        }
                    }
                }
                ClockMode::Real => {
                    if when > self.now() + CLOCK_RESOLUTION {
                        return Err(Some(when));
                    }
                }
            }
        }
        let end_time = self.now() + CLOCK_RESOLUTION;
        while let Some(top) = self.timers.peek() {
            if top.when >= end_time {
                break;
            }
            let key = top.key;
            self.timers.pop();
            self.ready.push_back(Handle::Timer(key));
        }
        Ok(self.ready.len())
    }

    /// Whether the run exceeded its budget (recorded once).
    pub(crate) fn over_budget(&mut self) -> bool {
        if self.stopped.is_some() {
            return true;
        }
        let time = match self.cfg.clock {
            ClockMode::Virtual => self.vnow,
            ClockMode::Real => 0.0, // checked once per iteration by `over_time_limit`
        };
        if !self.log_full() && time <= self.cfg.max_time && !self.too_many_tasks() {
            return false;
        }
        self.over_limits()
    }

    /// Whether the clock passed the time limit (any clock); records the stop.
    pub(crate) fn over_time_limit(&mut self) -> bool {
        self.stopped.is_some() || (self.now() > self.cfg.max_time && self.over_limits())
    }

    /// Stops the run with `message` (an embedder's own budget, e.g. a
    /// script interpreter's step limit): recorded like the event budget.
    pub(crate) fn request_stop(&mut self, message: &str) {
        if self.stopped.is_some() {
            return;
        }
        let sym = self.log.intern(message);
        self.emit_budget(sym);
        self.log.meta.stopped = Some(message.to_owned());
        self.stopped = Some(RunError::Stopped { message: message.to_owned() });
    }

    fn over_limits(&mut self) -> bool {
        let err = if self.log_full() {
            RunError::EventBudget { limit: self.cfg.max_events }
        } else if self.too_many_tasks() {
            RunError::TaskBudget { limit: self.cfg.max_tasks }
        } else if self.now() > self.cfg.max_time {
            RunError::TimeLimit { limit: self.cfg.max_time, at: self.now() }
        } else {
            return false;
        };
        let message = self.log.intern(&err.to_string());
        self.emit_budget(message);
        self.log.meta.stopped = Some(err.to_string());
        self.stopped = Some(err);
        true
    }

    /// Calls the observer if there are new events (and, unless `force`, its interval has passed).
    pub(crate) fn observe(&mut self, force: bool) {
        let Some(obs) = &self.cfg.observer else { return };
        let n = self.log.events.len();
        let due = match self.observed {
            None => true,
            Some((at, seen)) => n > seen && (force || at.elapsed() >= obs.interval),
        };
        if due {
            let f = obs.f.clone();
            f(&self.log);
            self.observed = Some((Instant::now(), n));
        }
    }

    /// Shutdown under the virtual clock, nothing left to run: a task whose
    /// cancel could not be delivered because it awaits a foreign future
    /// (which nothing outside the loop will ever complete) ends cancelled
    /// there, its coroutine dropped, as CPython's throw() would end it at
    /// that await. Returns the drivers to drop (outside the borrow); empty
    /// if there was no such task.
    pub(crate) fn end_undeliverable_cancels(&mut self) -> Vec<async_executor::Task<()>> {
        if self.phase != Phase::Shutdown || self.cfg.clock != ClockMode::Virtual {
            return Vec::new();
        }
        let stuck: Vec<TaskId> = self
            .pending_tasks()
            .into_iter()
            .filter(|&t| self.tasks[t as usize].awaiting_foreign && self.tasks[t as usize].must_cancel)
            .collect();
        let mut drivers = Vec::new();
        for task in stuck {
            let t = &mut self.tasks[task as usize];
            t.awaiting_foreign = false;
            t.must_cancel = false;
            let e = Error::cancelled_with(t.cancel_msg.as_deref());
            drivers.extend(t.driver.take());
            self.finish_task(task, Err(e));
        }
        drivers
    }

    /// Records that taskline itself panicked: the panic is the log's last
    /// event (a `budget`-kind log record whose message starts with
    /// `internal error:`), and the run is stopped.
    pub(crate) fn record_panic(&mut self, message: &str) {
        let err = RunError::Panicked { message: message.to_owned() };
        let text = err.to_string();
        let sym = self.log.intern(&text);
        self.current = None;
        self.emit_log(NONE, LogRecord::Budget { message: sym });
        self.log.meta.stopped = Some(text);
        self.stopped = Some(err);
    }

    /// Stops the run at the time limit now (a blocking sleep that would never end).
    pub(crate) fn stop_at_time_limit(&mut self) {
        if self.stopped.is_some() {
            return;
        }
        let err = RunError::TimeLimit { limit: self.cfg.max_time, at: self.now() };
        let message = self.log.intern(&err.to_string());
        self.emit_log(NONE, LogRecord::Budget { message });
        self.log.meta.stopped = Some(err.to_string());
        self.stopped = Some(err);
    }

    pub(crate) fn pending_tasks(&self) -> Vec<TaskId> {
        (0..self.tasks.len()).filter_map(|i| u32::try_from(i).ok()).filter(|&t| !self.task_done(t)).collect()
    }
}

#[derive(Debug)]
struct ChainMemo {
    frames: Box<[Sym]>,
    label: Box<str>,
    leaf: Sym,
    loc_key: usize,
    loc: Sym,
    chain: Sym,
    prefix: Sym,
}

impl ChainMemo {
    #[inline]
    fn matches(&self, leaf: Sym, loc_key: usize, frames: &[Sym], label: &str) -> bool {
        self.leaf == leaf
            && self.loc_key == loc_key
            && *self.frames == *frames
            && self.label.len() == label.len()
            && *self.label == *label
    }
}

/// What `begin_step` decided.
#[derive(Debug)]
pub(crate) enum StepStart {
    /// Poll the driver (its waker, if it has one, has been woken).
    Poll,
    /// End the task with this exception without running its body.
    ThrowUnstarted(Error),
}
