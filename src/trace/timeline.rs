//! Per-task state intervals, markers and links derived from a [`Log`]: what
//! the GUI, the exporters and the CLI draw.
//!
//! [`derive()`] walks the events once. Each task gets a [`Row`] of contiguous
//! [`Segment`]s, from its `Created` event to its end (or to the end of the
//! log if it is still pending there). Instants that matter but are not
//! states (a cancel request, an exception thrown in, a print) become
//! [`Marker`]s; relations between tasks (spawn, await, cancel, shield)
//! become [`Link`]s.
//!
//! # States and their transitions
//! A segment has a [`State`] and runs from the event that entered it to the
//! event that left it. Both ends are given in virtual time (`t0`, `t1`) and
//! in event order (`seq0`, `seq1`): code between awaits takes no virtual
//! time, so a step that is invisible on the time axis still has a width on
//! the event-order axis.
//!
//! | state | entered by | left by |
//! |-------|------------|---------|
//! | [`State::Ready`] | `Created`, or a `Wake` of a waiting task | `Start`/`Resume` |
//! | [`State::Running`] | `Start`/`Resume`, or the end of a block | `Suspend`, `Block`, or the task's end |
//! | [`State::Blocking`] | `Block` (from `t` to `t + seconds`) | the next event of the log, when the running step goes on |
//! | waiting states ([`State::Sleeping`], [`State::AwaitingTask`], [`State::AwaitingGather`], [`State::AwaitingShield`], [`State::Deadline`], [`State::Yielded`], [`State::WaitingFuture`], [`State::InWorker`]) | `Suspend`, by its [`WaitKind`] | `Wake` (to ready), or directly `Resume` when the log has no `Wake` |
//!
//! `Done`, `Cancelled` and `Exception` close the last segment and set the
//! row's [`EndMark`]. A segment that would span no event (entered and left
//! at the same sequence number) is dropped. Virtual times are read through a
//! monotone clock (the largest finite time seen so far), so a malformed log
//! cannot produce a segment that runs backwards.

use super::explain::{fmt_error, fmt_seconds};
use super::pyfmt::str_repr;
use super::{Canceller, Event, EventKind, Log, LogRecord, NONE, Sym, TaskId, WaitKind, WaitMode, WaitRecord, flags};

/// What a task under a `wait_for` deadline awaits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Awaited {
    /// A bare yield.
    Yield,
    /// A sleep ending at `until`.
    Sleep {
        /// The sleep's deadline, in virtual seconds.
        until: f64,
    },
    /// A task.
    Task(TaskId),
    /// A shield around a task.
    Shield(TaskId),
    /// A gather (or an `asyncio.wait`): the index of its [`WaitRecord`] in [`Log::waits`].
    Gather(u32),
    /// Any other future.
    Future,
    /// A worker thread's job: its index in [`Log::jobs`].
    Job(u32),
}

impl Awaited {
    /// The state of a task awaiting this without a deadline.
    pub fn as_state(self) -> State {
        match self {
            Awaited::Yield => State::Yielded,
            Awaited::Sleep { until } => State::Sleeping { until },
            Awaited::Task(t) => State::AwaitingTask(t),
            Awaited::Shield(t) => State::AwaitingShield(t),
            Awaited::Gather(w) => State::AwaitingGather(w),
            Awaited::Future => State::WaitingFuture,
            Awaited::Job(j) => State::InWorker(j),
        }
    }
}

/// The state of a task during a [`Segment`]; see the module docs for the transitions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum State {
    /// On the ready queue, waiting for its turn.
    Ready,
    /// Executing a step (zero virtual time unless it blocks).
    Running,
    /// Holding the whole loop in blocking work (`time.sleep`).
    Blocking {
        /// How long the block lasts.
        seconds: f64,
    },
    /// Suspended in a sleep.
    Sleeping {
        /// When the sleep ends.
        until: f64,
    },
    /// Suspended awaiting another task.
    AwaitingTask(TaskId),
    /// Suspended awaiting a gather, or waiting in `asyncio.wait` / `as_completed`: the
    /// index of its [`WaitRecord::Gather`] or [`WaitRecord::Wait`] in [`Log::waits`]
    /// (see [`is_wait`]).
    AwaitingGather(u32),
    /// Suspended awaiting a shield around this task.
    AwaitingShield(TaskId),
    /// Suspended under a `wait_for`/`timeout` deadline (nested deadlines are
    /// flattened to the earliest one).
    Deadline {
        /// When the deadline fires.
        deadline: f64,
        /// What is awaited under it.
        inner: Awaited,
    },
    /// Suspended in a bare yield (`sleep(0)`); normally ready again at once.
    Yielded,
    /// Suspended on some other future.
    WaitingFuture,
    /// Suspended until a job in a worker thread (`to_thread`) is back: its index in [`Log::jobs`].
    InWorker(u32),
}

impl State {
    /// A short stable name, e.g. `"sleeping"` or `"awaiting task"`.
    pub fn name(&self) -> &'static str {
        match self {
            State::Ready => "ready",
            State::Running => "running",
            State::Blocking { .. } => "blocking",
            State::Sleeping { .. } => "sleeping",
            State::AwaitingTask(_) => "awaiting task",
            State::AwaitingGather(_) => "awaiting gather",
            State::AwaitingShield(_) => "awaiting shield",
            State::Deadline { .. } => "under deadline",
            State::Yielded => "yielded",
            State::WaitingFuture => "awaiting future",
            State::InWorker(_) => "in worker thread",
        }
    }

    /// A human-readable description, e.g. `"sleeping until 3.0 s"`,
    /// `"awaiting task child"` or `"waiting under wait_for deadline 5.0 s (awaiting task delay_task)"`.
    pub fn label(&self, log: &Log) -> String {
        match *self {
            State::Ready => "ready, waiting for its turn".into(),
            State::Running => "running".into(),
            State::Blocking { seconds } => {
                format!("blocking the loop for {} (time.sleep)", fmt_seconds(seconds))
            }
            State::Sleeping { until } => format!("sleeping until {}", fmt_seconds(until)),
            State::AwaitingTask(t) => format!("awaiting task {}", log.task_name(t)),
            State::AwaitingGather(w) if is_wait(log, w) => format!("waiting in {}", gather_text(log, w)),
            State::AwaitingGather(w) => format!("awaiting {}", gather_text(log, w)),
            State::AwaitingShield(t) => format!("awaiting shield({})", log.task_name(t)),
            State::Deadline { deadline, inner } => {
                let what = match inner {
                    Awaited::Future => String::new(),
                    other => format!(" ({})", other.as_state().label(log)),
                };
                format!("waiting under wait_for deadline {}{what}", fmt_seconds(deadline))
            }
            State::Yielded => "yielded (sleep(0))".into(),
            State::WaitingFuture => "awaiting a future".into(),
            State::InWorker(j) => match log.jobs.get(j as usize) {
                Some(job) => format!("waiting for `{}` in a worker thread (job {})", log.str(job.func), j + 1),
                None => "waiting for a job in a worker thread".into(),
            },
        }
    }

    /// Whether the task is suspended (any state but ready, running and blocking).
    pub fn is_waiting(&self) -> bool {
        !matches!(self, State::Ready | State::Running | State::Blocking { .. })
    }

    /// The tasks this state awaits (directly, through a shield, a gather or under a deadline).
    pub fn awaited_tasks(&self, log: &Log) -> Vec<TaskId> {
        match *self {
            State::AwaitingTask(t) | State::AwaitingShield(t) => vec![t],
            State::AwaitingGather(w) => gather_tasks(log, w).to_vec(),
            State::Deadline { inner, .. } => inner.as_state().awaited_tasks(log),
            _ => Vec::new(),
        }
    }

    fn to_awaited(self) -> Awaited {
        match self {
            State::Yielded => Awaited::Yield,
            State::Sleeping { until } => Awaited::Sleep { until },
            State::AwaitingTask(t) => Awaited::Task(t),
            State::AwaitingShield(t) => Awaited::Shield(t),
            State::AwaitingGather(w) => Awaited::Gather(w),
            State::InWorker(j) => Awaited::Job(j),
            _ => Awaited::Future,
        }
    }

    /// The state a `Suspend` with this wait kind and payload enters.
    pub fn of_wait(log: &Log, kind: WaitKind, b: u64) -> State {
        State::of_wait_depth(log, kind, b, 0)
    }

    fn of_wait_depth(log: &Log, kind: WaitKind, b: u64, depth: u32) -> State {
        let b32 = u32::try_from(b).unwrap_or(NONE);
        match kind {
            WaitKind::Yield => State::Yielded,
            WaitKind::Sleep => State::Sleeping { until: f64::from_bits(b) },
            WaitKind::Task => State::AwaitingTask(b32),
            WaitKind::Shield => State::AwaitingShield(b32),
            WaitKind::Gather | WaitKind::Wait => State::AwaitingGather(b32),
            WaitKind::Future => State::WaitingFuture,
            WaitKind::Job => State::InWorker(b32),
            WaitKind::Deadline => match log.waits.get(b32 as usize) {
                Some(&WaitRecord::Deadline { deadline, inner, inner_b }) if depth < 16 => {
                    match State::of_wait_depth(log, inner, inner_b, depth + 1) {
                        State::Deadline { deadline: d, inner } => State::Deadline { deadline: deadline.min(d), inner },
                        s => State::Deadline { deadline, inner: s.to_awaited() },
                    }
                }
                _ => State::WaitingFuture,
            },
        }
    }
}

/// Whether the wait record `w` is an `asyncio.wait`/`as_completed` one (not a gather).
pub fn is_wait(log: &Log, w: u32) -> bool {
    matches!(log.waits.get(w as usize), Some(WaitRecord::Wait { .. }))
}

fn gather_tasks(log: &Log, w: u32) -> &[TaskId] {
    match log.waits.get(w as usize) {
        Some(WaitRecord::Gather(tasks) | WaitRecord::Wait { tasks, .. }) => tasks,
        _ => &[],
    }
}

fn gather_text(log: &Log, w: u32) -> String {
    if let Some(WaitRecord::Wait { tasks, mode, deadline }) = log.waits.get(w as usize) {
        return wait_text(tasks.len(), *mode, *deadline);
    }
    let names: Vec<&str> = gather_tasks(log, w).iter().map(|&t| log.task_name(t)).collect();
    format!("gather({})", names.join(", "))
}

/// How a task waiting in `asyncio.wait` or an `as_completed` iterator is
/// described, e.g. `asyncio.wait for 3 tasks (FIRST_COMPLETED)`.
pub fn wait_text(n: usize, mode: WaitMode, deadline: Option<f64>) -> String {
    let what = if n == 1 { "1 task".to_owned() } else { format!("{n} tasks") };
    let until = deadline.map_or(String::new(), |d| format!(", timeout at {}", fmt_seconds(d)));
    match mode {
        WaitMode::AsCompleted => format!("as_completed for the next of {what}{until}"),
        m => format!("asyncio.wait for {what} ({}{until})", m.name()),
    }
}

/// A stretch of time one task spends in one [`State`].
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// The state.
    pub state: State,
    /// Virtual time the state is entered.
    pub t0: f64,
    /// Virtual time the state is left (≥ `t0`).
    pub t1: f64,
    /// Sequence number of the event that entered the state.
    pub seq0: u32,
    /// Sequence number of the event that left it (> `seq0`), or [`Timeline::end_seq`].
    pub seq1: u32,
    /// For waiting states, the `awaiting` chain of the `Suspend` (e.g.
    /// `sleep(1)>Future`); otherwise [`NONE`]. Resolve with [`Log::str`].
    pub detail: Sym,
}

impl Segment {
    /// The length in virtual seconds.
    pub fn duration(&self) -> f64 {
        self.t1 - self.t0
    }
}

/// How a task ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EndKind {
    /// It returned a result.
    Done,
    /// It ended cancelled.
    Cancelled,
    /// It raised another exception.
    Failed,
}

/// The end of a task's row.
#[derive(Clone, Debug, PartialEq)]
pub struct EndMark {
    /// How it ended.
    pub kind: EndKind,
    /// When.
    pub t: f64,
    /// Sequence number of the ending event.
    pub seq: u32,
    /// The result's repr, the cancel message, or the exception (`ValueError: boom`); may be empty.
    pub detail: String,
}

/// What a [`Marker`] marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// `cancel()` was called on the task (or a cancel was forwarded to it).
    CancelRequested,
    /// A step began with `CancelledError` thrown in.
    CancelledDelivered,
    /// A step began with another exception thrown in.
    ErrorDelivered,
    /// A `wait_for`/`timeout` deadline fired for the task.
    TimeoutFired,
    /// A cancel of the task stopped at a shield.
    ShieldAbsorbed,
    /// The task printed a line.
    Print,
    /// A Python warning (e.g. never awaited).
    Warning,
    /// The loop's exception handler was called (e.g. exception never retrieved).
    LoopException,
    /// `run`'s shutdown cancels the tasks left.
    Shutdown,
    /// Nothing was ready and no timer pending.
    Deadlock,
    /// The run hit its event budget or time limit.
    Budget,
}

/// Something that happened at an instant, drawn on a task's row (or on the loop's).
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// What happened.
    pub kind: MarkerKind,
    /// The task's row it belongs on, or [`NONE`] for the loop.
    pub task: TaskId,
    /// When.
    pub t: f64,
    /// Sequence number of the event.
    pub seq: u32,
    /// A short description, e.g. `cancel requested by main` or the printed text.
    pub text: String,
}

/// What a [`Link`] relates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// `from` created `to`.
    Spawn,
    /// `from` suspended awaiting `to` (directly, through a shield, a gather or under a deadline).
    Await,
    /// `from` cancelled `to`, or passed its own cancel on to it.
    Cancel,
    /// A cancel of `from` stopped at the shield around `to`.
    Shield,
}

/// A relation between two tasks at an instant, drawn as an arrow.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// The relation.
    pub kind: LinkKind,
    /// The task the arrow starts at.
    pub from: TaskId,
    /// The task it points to.
    pub to: TaskId,
    /// When.
    pub t: f64,
    /// Sequence number of the event.
    pub seq: u32,
}

/// One task's segments and end.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The task.
    pub task: TaskId,
    /// Sequence number of its `Created` event.
    pub created_seq: u32,
    /// Its states, contiguous and in order.
    pub segments: Vec<Segment>,
    /// How it ended, if it did.
    pub end: Option<EndMark>,
}

/// Everything drawn for a log: see [`derive()`].
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// One row per created task, in creation order (so `rows[i].task == i` for a well-formed log).
    pub rows: Vec<Row>,
    /// Markers in event order.
    pub markers: Vec<Marker>,
    /// Links in event order.
    pub links: Vec<Link>,
    /// Where the time axis ends: the last event's time, or later if a block is still going on.
    pub end_time: f64,
    /// One past the last event's sequence number (the number of events shown).
    pub end_seq: u32,
    /// The monotone clock after each event.
    clock: Vec<f64>,
}

/// Derives the timeline of a log.
///
/// # Examples
/// ```
/// use taskline::trace::{Log, timeline};
/// let tl = timeline::derive(&Log::new());
/// assert!(tl.rows.is_empty());
/// assert_eq!(tl.end_seq, 0);
/// ```
pub fn derive(log: &Log) -> Timeline {
    let mut d = Deriver {
        log,
        cursors: vec![None; log.tasks.len()],
        tl: Timeline {
            rows: Vec::with_capacity(log.tasks.len()),
            markers: Vec::new(),
            links: Vec::new(),
            end_time: 0.0,
            end_seq: 0,
            clock: Vec::with_capacity(log.events.len()),
        },
        now: 0.0,
        blocking: None,
    };
    for (seq, ev) in log.events.iter().enumerate() {
        d.event(u32::try_from(seq).unwrap_or(NONE - 1), ev);
    }
    d.finish()
}

#[derive(Clone, Copy, Debug)]
struct Open {
    state: State,
    t0: f64,
    seq0: u32,
    detail: Sym,
}

#[derive(Clone, Copy, Debug)]
struct Cursor {
    row: usize,
    open: Option<Open>,
}

struct Deriver<'a> {
    log: &'a Log,
    cursors: Vec<Option<Cursor>>,
    tl: Timeline,
    now: f64,
    /// The task whose block is in progress.
    blocking: Option<TaskId>,
}

fn close_segment(row: &mut Row, open: Open, t: f64, seq: u32) {
    let t1 = match open.state {
        State::Blocking { seconds } => open.t0 + seconds,
        _ => t,
    };
    if seq > open.seq0 {
        row.segments.push(Segment {
            state: open.state,
            t0: open.t0,
            t1,
            seq0: open.seq0,
            seq1: seq,
            detail: open.detail,
        });
    }
}

impl Deriver<'_> {
    /// Moves `task` into `state` at the current instant (no-op for unknown or ended tasks).
    fn transition(&mut self, task: TaskId, state: State, seq: u32, detail: Sym) {
        let now = self.now;
        let Some(Some(cur)) = self.cursors.get_mut(task as usize) else { return };
        let row = &mut self.tl.rows[cur.row];
        if row.end.is_some() {
            return;
        }
        if let Some(open) = cur.open.take() {
            close_segment(row, open, now, seq);
        }
        cur.open = Some(Open { state, t0: now, seq0: seq, detail });
    }

    fn open_state(&self, task: TaskId) -> Option<State> {
        self.cursors.get(task as usize).copied().flatten().and_then(|c| c.open).map(|o| o.state)
    }

    fn marker(&mut self, kind: MarkerKind, task: TaskId, seq: u32, text: String) {
        self.tl.markers.push(Marker { kind, task, t: self.now, seq, text });
    }

    fn link(&mut self, kind: LinkKind, from: TaskId, to: TaskId, seq: u32) {
        self.tl.links.push(Link { kind, from, to, t: self.now, seq });
    }

    fn event(&mut self, seq: u32, ev: &Event) {
        if ev.time.is_finite() && ev.time > self.now {
            self.now = ev.time;
        }
        self.tl.clock.push(self.now);
        // A block ends when the log goes on: nothing else runs during it.
        if let Some(task) = self.blocking.take()
            && let Some(State::Blocking { .. }) = self.open_state(task)
        {
            self.transition(task, State::Running, seq, NONE);
            // The running step resumes when the block is over.
            if let Some(Some(cur)) = self.cursors.get_mut(task as usize)
                && let Some(open) = &mut cur.open
                && let Some(last) = self.tl.rows[cur.row].segments.last()
            {
                open.t0 = last.t1;
            }
        }
        let log = self.log;
        let task = ev.task;
        match ev.kind {
            EventKind::Created => self.created(seq, ev),
            EventKind::Start | EventKind::Resume => {
                self.transition(task, State::Running, seq, NONE);
                if let Some(err) = log.error(ev.a) {
                    let kind_name = log.str(err.kind);
                    let mut text = format!("{} thrown in", fmt_error(log, err.kind, err.msg));
                    if ev.kind == EventKind::Start && ev.flags & flags::BODY_NOT_RUN != 0 {
                        text.push_str(" before its first line");
                    }
                    let kind = if kind_name == "CancelledError" {
                        MarkerKind::CancelledDelivered
                    } else {
                        MarkerKind::ErrorDelivered
                    };
                    self.marker(kind, task, seq, text);
                }
            }
            EventKind::Suspend => {
                let state = State::of_wait(log, ev.wait_kind(), ev.b);
                self.transition(task, state, seq, ev.a);
                for to in state.awaited_tasks(log) {
                    self.link(LinkKind::Await, task, to, seq);
                }
            }
            EventKind::Wake => {
                if self.open_state(task).is_some_and(|s| s.is_waiting()) {
                    self.transition(task, State::Ready, seq, NONE);
                }
            }
            EventKind::Done | EventKind::Cancelled | EventKind::Exception => self.ended(seq, ev),
            EventKind::CancelRequested => self.cancel_requested(seq, ev),
            EventKind::Print => self.marker(MarkerKind::Print, task, seq, log.str(ev.a).into()),
            EventKind::Block => {
                let s = ev.b_f64();
                let seconds = if s.is_finite() && s > 0.0 { s } else { 0.0 };
                if self.open_state(task).is_some() {
                    self.transition(task, State::Blocking { seconds }, seq, NONE);
                    self.blocking = Some(task);
                }
            }
            EventKind::Log => self.log_entry(seq, ev),
            EventKind::TimeoutFired => {
                let text = format!("wait_for deadline {} fired", fmt_seconds(ev.b_f64()));
                self.marker(MarkerKind::TimeoutFired, task, seq, text);
            }
            EventKind::ShieldAbsorbed => {
                let shielded = ev.b_u32();
                let text = format!("the shield keeps {} running", log.task_name(shielded));
                self.marker(MarkerKind::ShieldAbsorbed, task, seq, text);
                self.link(LinkKind::Shield, task, shielded, seq);
            }
            // Resource rows are drawn from these later; the task rows already
            // show the waits they cause (a suspend on the waiter's future).
            EventKind::Sync | EventKind::Job => {}
        }
    }

    fn created(&mut self, seq: u32, ev: &Event) {
        let task = ev.task;
        let Some(slot) = self.cursors.get_mut(task as usize) else { return };
        if slot.is_some() {
            return;
        }
        let row = self.tl.rows.len();
        self.tl.rows.push(Row { task, created_seq: seq, segments: Vec::new(), end: None });
        *slot = Some(Cursor { row, open: Some(Open { state: State::Ready, t0: self.now, seq0: seq, detail: NONE }) });
        let by = ev.b_u32();
        let parent = if (by as usize) < self.log.tasks.len() {
            Some(by)
        } else {
            self.log.tasks.get(task as usize).and_then(|t| t.parent)
        };
        if let Some(p) = parent {
            self.link(LinkKind::Spawn, p, task, seq);
        }
    }

    fn ended(&mut self, seq: u32, ev: &Event) {
        let log = self.log;
        let now = self.now;
        let Some(Some(cur)) = self.cursors.get_mut(ev.task as usize) else { return };
        let row = &mut self.tl.rows[cur.row];
        if row.end.is_some() {
            return;
        }
        if let Some(open) = cur.open.take() {
            close_segment(row, open, now, seq);
        }
        let (kind, detail) = match ev.kind {
            EventKind::Done => (EndKind::Done, log.str(ev.a).to_string()),
            EventKind::Cancelled if ev.flags & flags::CORO_RETURNED != 0 => {
                (EndKind::Cancelled, format!("coroutine returned {}", log.str(ev.b_u32())))
            }
            EventKind::Cancelled => (EndKind::Cancelled, log.str(ev.a).to_string()),
            _ => (EndKind::Failed, fmt_error(log, ev.a, ev.b_u32())),
        };
        row.end = Some(EndMark { kind, t: now, seq, detail });
    }

    fn cancel_requested(&mut self, seq: u32, ev: &Event) {
        let log = self.log;
        let target = ev.task;
        let Some(c) = log.cancels.get(ev.a as usize) else {
            self.marker(MarkerKind::CancelRequested, target, seq, "cancel requested".into());
            return;
        };
        let (mut text, from) = match (c.forwarded_from, c.by) {
            (Some(f), _) => (format!("cancel forwarded from {}", log.task_name(f)), Some(f)),
            (None, Canceller::Task(t)) => (format!("cancel requested by {}", log.task_name(t)), Some(t)),
            (None, Canceller::Loop) => match log.strings.opt(c.via) {
                Some(via) => (format!("cancel requested by the loop ({via})"), None),
                None => ("cancel requested by the loop".to_string(), None),
            },
            (None, Canceller::Shutdown) => ("cancel requested by the asyncio.run shutdown".to_string(), None),
        };
        if let Some(m) = log.strings.opt(c.msg) {
            text.push_str(&format!(" with message {}", str_repr(m)));
        }
        if !c.returned {
            text.push_str(" (cancel() returned False)");
        }
        self.marker(MarkerKind::CancelRequested, target, seq, text);
        if let Some(from) = from {
            self.link(LinkKind::Cancel, from, target, seq);
        }
    }

    fn log_entry(&mut self, seq: u32, ev: &Event) {
        let log = self.log;
        let Some(rec) = log.logs.get(ev.a as usize) else { return };
        let (kind, task, text) = match rec {
            LogRecord::Warning { category, message } => {
                (MarkerKind::Warning, ev.task, format!("{}: {}", log.str(*category), log.str(*message)))
            }
            LogRecord::LoopException { message, exception, about } => {
                let mut text = log.str(*message).to_string();
                if let Some(e) = exception {
                    text.push_str(&format!(" ({})", fmt_error(log, e.kind, e.msg)));
                }
                (MarkerKind::LoopException, about.unwrap_or(ev.task), text)
            }
            LogRecord::Shutdown { cancelling } => {
                let names: Vec<&str> = cancelling.iter().map(|&t| log.task_name(t)).collect();
                let text = if names.is_empty() {
                    "asyncio.run shutdown: no task left to cancel".to_string()
                } else {
                    format!("asyncio.run shutdown cancels {}", names.join(", "))
                };
                (MarkerKind::Shutdown, ev.task, text)
            }
            LogRecord::Deadlock { message } => (MarkerKind::Deadlock, ev.task, log.str(*message).to_string()),
            LogRecord::Budget { message } => (MarkerKind::Budget, ev.task, log.str(*message).to_string()),
        };
        self.marker(kind, task, seq, text);
    }

    fn finish(mut self) -> Timeline {
        let end_seq = u32::try_from(self.log.events.len()).unwrap_or(NONE - 1);
        let mut end_time = self.now;
        for cur in self.cursors.iter().flatten() {
            if let Some(Open { state: State::Blocking { seconds }, t0, .. }) = cur.open {
                end_time = end_time.max(t0 + seconds);
            }
        }
        for cur in self.cursors.iter_mut().flatten() {
            if let Some(open) = cur.open.take() {
                close_segment(&mut self.tl.rows[cur.row], open, end_time, end_seq);
            }
        }
        self.tl.end_time = end_time;
        self.tl.end_seq = end_seq;
        self.tl
    }
}

impl Timeline {
    /// The row of a task, if it has been created.
    pub fn row(&self, task: TaskId) -> Option<&Row> {
        match self.rows.get(task as usize) {
            Some(r) if r.task == task => Some(r),
            _ => self.rows.iter().find(|r| r.task == task),
        }
    }

    /// The segment `task` is in just after event `seq` happened, or `None`
    /// if the task was not created yet, has ended, or `seq` is past the end.
    pub fn state_at(&self, task: TaskId, seq: u32) -> Option<&Segment> {
        let segs = &self.row(task)?.segments;
        let i = segs.partition_point(|s| s.seq0 <= seq);
        let seg = segs.get(i.checked_sub(1)?)?;
        (seq < seg.seq1).then_some(seg)
    }

    /// The virtual time just after event `seq` (the end time for a `seq` past the end).
    pub fn time_at(&self, seq: u32) -> f64 {
        self.clock.get(seq as usize).copied().unwrap_or(self.end_time)
    }

    /// Whether everything happens at one instant (the time axis has no length),
    /// so the timeline is best drawn in event order.
    pub fn is_instant(&self) -> bool {
        self.end_time <= self.clock.first().copied().unwrap_or(0.0)
    }

    /// The timeline as it stood just after event `seq`: what [`derive()`] gives
    /// for the log cut after that event. Rows of tasks not yet created,
    /// segments, end marks, markers and links of later events are left out,
    /// and the states open at `seq` run to its time.
    pub fn visible_until(&self, seq: u32) -> Timeline {
        let cut = seq.saturating_add(1);
        if cut >= self.end_seq {
            return self.clone();
        }
        let now = self.time_at(seq);
        let open_at_cut = |s: &Segment| s.seq0 <= seq && s.seq1 > seq;
        let mut end_time = now;
        for row in self.rows.iter().filter(|r| r.created_seq <= seq) {
            for s in row.segments.iter().filter(|s| open_at_cut(s)) {
                if let State::Blocking { .. } = s.state {
                    end_time = end_time.max(s.t1);
                }
            }
        }
        let rows = self
            .rows
            .iter()
            .filter(|r| r.created_seq <= seq)
            .map(|r| Row {
                task: r.task,
                created_seq: r.created_seq,
                segments: r
                    .segments
                    .iter()
                    .take_while(|s| s.seq0 <= seq)
                    .map(|s| {
                        let mut s = s.clone();
                        if s.seq1 > seq {
                            s.seq1 = cut;
                            if !matches!(s.state, State::Blocking { .. }) {
                                s.t1 = end_time;
                            }
                        }
                        s
                    })
                    .collect(),
                end: r.end.clone().filter(|e| e.seq <= seq),
            })
            .collect();
        Timeline {
            rows,
            markers: self.markers.iter().take_while(|m| m.seq <= seq).cloned().collect(),
            links: self.links.iter().take_while(|l| l.seq <= seq).copied().collect(),
            end_time,
            end_seq: cut,
            clock: self.clock[..cut as usize].to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::testlog::LogBuilder as B;
    use crate::trace::{CancelRecord, ErrorRecord, WakeReason};

    fn states(tl: &Timeline, task: TaskId) -> Vec<(&'static str, f64, f64, u32, u32)> {
        tl.row(task).unwrap().segments.iter().map(|s| (s.state.name(), s.t0, s.t1, s.seq0, s.seq1)).collect()
    }

    /// main creates `child`, awaits it; child sleeps 2 s and returns 3.
    fn create_and_await() -> Log {
        let mut b = B::new();
        let main = b.task("main", None); // 0
        b.start(main); // 1
        let child = b.task("child", Some(main)); // 2
        b.await_task(main, child); // 3
        b.start(child); // 4
        b.sleep(child, 2.0); // 5
        b.at(2.0).wake(child); // 6
        b.resume(child); // 7
        b.done(child, "3"); // 8
        b.wake(main); // 9
        b.resume(main); // 10
        b.done(main, "None"); // 11
        b.log
    }

    #[test]
    fn segments_follow_the_life_cycle() {
        let tl = derive(&create_and_await());
        assert_eq!(tl.rows.len(), 2);
        assert_eq!(
            states(&tl, 0),
            vec![
                ("ready", 0.0, 0.0, 0, 1),
                ("running", 0.0, 0.0, 1, 3),
                ("awaiting task", 0.0, 2.0, 3, 9),
                ("ready", 2.0, 2.0, 9, 10),
                ("running", 2.0, 2.0, 10, 11),
            ]
        );
        assert_eq!(
            states(&tl, 1),
            vec![
                ("ready", 0.0, 0.0, 2, 4),
                ("running", 0.0, 0.0, 4, 5),
                ("sleeping", 0.0, 2.0, 5, 6),
                ("ready", 2.0, 2.0, 6, 7),
                ("running", 2.0, 2.0, 7, 8),
            ]
        );
        let end = tl.rows[1].end.as_ref().unwrap();
        assert_eq!((end.kind, end.t, end.seq, end.detail.as_str()), (EndKind::Done, 2.0, 8, "3"));
        assert_eq!((tl.end_time, tl.end_seq), (2.0, 12));
        let kinds: Vec<_> = tl.links.iter().map(|l| (l.kind, l.from, l.to, l.seq)).collect();
        assert_eq!(kinds, vec![(LinkKind::Spawn, 0, 1, 2), (LinkKind::Await, 0, 1, 3)]);
    }

    #[test]
    fn state_at_gives_the_state_after_an_event() {
        let log = create_and_await();
        let tl = derive(&log);
        assert_eq!(tl.state_at(0, 0).unwrap().state, State::Ready);
        assert_eq!(tl.state_at(0, 1).unwrap().state, State::Running);
        assert_eq!(tl.state_at(0, 5).unwrap().state, State::AwaitingTask(1));
        assert_eq!(tl.state_at(1, 1), None, "not created yet");
        assert_eq!(tl.state_at(1, 5).unwrap().state, State::Sleeping { until: 2.0 });
        assert_eq!(tl.state_at(1, 8), None, "ended");
        assert_eq!(tl.state_at(0, 99), None);
        assert_eq!(tl.state_at(7, 3), None);
        assert_eq!(tl.state_at(1, 5).unwrap().state.label(&log), "sleeping until 2.0 s");
        assert_eq!(tl.state_at(0, 5).unwrap().state.label(&log), "awaiting task child");
        assert_eq!(log.str(tl.state_at(1, 5).unwrap().detail), "sleep>Future");
    }

    #[test]
    fn a_block_holds_time_and_the_step_goes_on_after_it() {
        let mut b = B::new();
        let a = b.task("A", None); // 0
        let c = b.task("C", None); // 1
        b.start(a); // 2
        b.block(a, 1.5); // 3
        let p = b.log.intern("done");
        b.at(1.5).ev(a, EventKind::Print, p, 0, 0); // 4
        b.sleep(a, 2.5); // 5
        b.start(c); // 6
        b.block(c, 1.0); // 7 (pending at the end)
        let tl = derive(&b.log);
        assert_eq!(
            states(&tl, 0),
            vec![
                ("ready", 0.0, 0.0, 0, 2),
                ("running", 0.0, 0.0, 2, 3),
                ("blocking", 0.0, 1.5, 3, 4),
                ("running", 1.5, 1.5, 4, 5),
                ("sleeping", 1.5, 2.5, 5, 8),
            ]
        );
        assert_eq!(
            states(&tl, 1),
            vec![("ready", 0.0, 1.5, 1, 6), ("running", 1.5, 1.5, 6, 7), ("blocking", 1.5, 2.5, 7, 8)]
        );
        assert_eq!(tl.end_time, 2.5, "the pending block extends the axis");
        assert_eq!(tl.rows[0].segments[2].state.label(&b.log), "blocking the loop for 1.5 s (time.sleep)");
    }

    #[test]
    fn yields_go_through_ready() {
        let mut b = B::new();
        let a = b.task("A", None);
        b.start(a);
        let y = b.log.intern("sleep(0)>yield");
        b.ev(a, EventKind::Suspend, y, 0, WaitKind::Yield as u8);
        b.ev(a, EventKind::Wake, NONE, 0, WakeReason::Yield as u8);
        b.resume(a);
        let names: Vec<_> = states(&derive(&b.log), a).iter().map(|s| s.0).collect();
        assert_eq!(names, vec!["ready", "running", "yielded", "ready", "running"]);
    }

    #[test]
    fn cancels_timeouts_and_shields_make_markers_and_links() {
        let mut b = B::new();
        let main = b.task("main", None); // 0
        b.start(main); // 1
        let sh = b.task("shielded", Some(main)); // 2
        let inner =
            b.log.add_wait(WaitRecord::Deadline { deadline: 5.0, inner: WaitKind::Shield, inner_b: u64::from(sh) });
        let chain = b.log.intern("wait_for>shield(task:shielded)>Future");
        b.ev(main, EventKind::Suspend, chain, u64::from(inner), WaitKind::Deadline as u8); // 3
        b.start(sh); // 4
        b.sleep(sh, 10.0); // 5
        b.at(5.0).ev(main, EventKind::TimeoutFired, NONE, 5.0f64.to_bits(), 0); // 6
        let via = b.log.intern("Timeout._on_timeout");
        let state = b.log.intern("awaiting wait_for>shield(task:shielded)>Future");
        let c = b.log.add_cancel(CancelRecord {
            by: Canceller::Loop,
            state,
            via,
            forwarded_from: None,
            msg: NONE,
            returned: true,
            cancelling: 1,
        });
        b.ev(main, EventKind::CancelRequested, c, 0, 0); // 7
        b.ev(main, EventKind::ShieldAbsorbed, NONE, u64::from(sh), 0); // 8
        b.ev(main, EventKind::Wake, NONE, 0, WakeReason::Cancelled as u8); // 9
        let ce = b.log.intern("CancelledError");
        let e = b.log.add_error(ErrorRecord { kind: ce, msg: NONE });
        b.ev(main, EventKind::Resume, e, 0, 0); // 10
        let c2 = b.log.add_cancel(CancelRecord {
            by: Canceller::Task(main),
            state,
            via: NONE,
            forwarded_from: None,
            msg: NONE,
            returned: true,
            cancelling: 1,
        });
        b.ev(sh, EventKind::CancelRequested, c2, 0, 0); // 11
        let ve = b.log.intern("ValueError");
        b.ev(main, EventKind::Exception, ve, u64::from(NONE), 0); // 12
        let log = b.log;
        let tl = derive(&log);
        let st = tl.state_at(main, 3).unwrap().state;
        assert_eq!(st, State::Deadline { deadline: 5.0, inner: Awaited::Shield(sh) });
        assert_eq!(st.label(&log), "waiting under wait_for deadline 5.0 s (awaiting shield(shielded))");
        let markers: Vec<_> = tl.markers.iter().map(|m| (m.kind, m.task, m.seq, m.text.as_str())).collect();
        assert_eq!(
            markers,
            vec![
                (MarkerKind::TimeoutFired, main, 6, "wait_for deadline 5.0 s fired"),
                (MarkerKind::CancelRequested, main, 7, "cancel requested by the loop (Timeout._on_timeout)"),
                (MarkerKind::ShieldAbsorbed, main, 8, "the shield keeps shielded running"),
                (MarkerKind::CancelledDelivered, main, 10, "CancelledError thrown in"),
                (MarkerKind::CancelRequested, sh, 11, "cancel requested by main"),
            ]
        );
        let links: Vec<_> = tl.links.iter().map(|l| (l.kind, l.from, l.to)).collect();
        assert_eq!(
            links,
            vec![
                (LinkKind::Spawn, main, sh),
                (LinkKind::Await, main, sh),
                (LinkKind::Shield, main, sh),
                (LinkKind::Cancel, main, sh),
            ]
        );
        assert_eq!(tl.rows[0].end.as_ref().unwrap().kind, EndKind::Failed);
        assert_eq!(tl.rows[0].end.as_ref().unwrap().detail, "ValueError");
        // shielded is still sleeping at the end: its segment runs to the end of the log.
        let last = tl.row(sh).unwrap().segments.last().unwrap();
        assert_eq!((last.state.name(), last.t1, last.seq1), ("sleeping", 5.0, 13));
    }

    #[test]
    fn visible_until_equals_deriving_a_cut_log() {
        let mut logs = vec![create_and_await()];
        let mut b = B::new();
        let a = b.task("A", None);
        b.start(a);
        b.block(a, 1.0);
        let c = b.task("C", Some(a));
        b.at(1.0).sleep(a, 3.0);
        b.start(c);
        b.block(c, 0.5);
        b.at(1.5).done(c, "1");
        b.at(3.0).wake(a);
        b.resume(a);
        logs.push(b.log);
        logs.push(crate::trace::json::tests::rich_log());
        for log in logs {
            let full = derive(&log);
            for seq in 0..log.events.len() as u32 + 2 {
                let mut cut = log.clone();
                cut.events.truncate(seq as usize + 1);
                assert_eq!(full.visible_until(seq), derive(&cut), "cut after {seq}");
            }
        }
    }

    #[test]
    fn instant_logs_are_detected() {
        let mut b = B::new();
        let a = b.task("A", None);
        b.start(a);
        assert!(derive(&b.log).is_instant());
        assert!(!derive(&create_and_await()).is_instant());
    }
}
