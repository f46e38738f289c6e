//! The instrumented runtime: asyncio's event loop on `async_executor`'s
//! [`LocalExecutor`](async_executor::LocalExecutor), recording every task
//! state change into a [`Log`].
//!
//! The API mirrors asyncio: [`run`] (`asyncio.run`), [`create_task`],
//! [`sleep`], [`wait_for`], [`shield`], [`gather`], [`wait`],
//! [`as_completed`], [`Task`] handles with
//! `cancel`/`done`/`result`, [`time::sleep`] (blocking work), [`print`].
//! Every awaitable resolves to `Result<T, Error>`: where Python raises
//! `CancelledError` at an await, Rust code gets `Err(e)` with
//! `e.is_cancelled()`, and can propagate it with `?`, clean up, or swallow it.
//!
//! The loop is asyncio's, step for step: a FIFO ready queue of callbacks,
//! timers moved onto it at the start of each iteration in (deadline,
//! scheduling order), tasks woken through done-callbacks. So the order of
//! events within one instant is CPython's (see `core` for the details).
//!
//! # Examples
//! ```
//! use taskline::{coroutine, create_task, sleep, print, Result};
//!
//! coroutine! {
//!     async fn delay(seconds: u64) -> Result<u64> {
//!         sleep(seconds).await?;
//!         Ok(seconds)
//!     }
//!     async fn amain() -> Result<()> {
//!         let two = create_task("two", delay(2));
//!         let three = create_task("three", delay(3));
//!         print(format!("{} {}", two.await?, three.await?));
//!         Ok(())
//!     }
//! }
//!
//! let run = taskline::run(amain());
//! assert_eq!(run.log.end_time(), 3.0); // concurrent: max(2, 3), not 2 + 3
//! ```

mod combinators;
pub(crate) mod core;
mod coro;
mod error;
mod future;
mod leaf;
mod queue;
mod slab;
mod sync;
mod task;
pub(crate) mod threads;
pub(crate) mod wait;

pub use self::combinators::{
    Awaitable, BoxAwait, FutureLike, Gather, GatherSettled, Shield, TimeoutScope, gather, gather_settled, shield,
    timeout, wait_for,
};
pub use self::core::{ClockMode, Config, DEFAULT_MAX_EVENTS, DEFAULT_MAX_TASKS, Observer, PANIC_PREFIX, RunError};
pub use self::core::{enter_opaque_frames, exit_opaque_frames};
pub use self::coro::{Coro, coro, iscoroutine};
pub use self::error::{Error, ErrorKind, PyRepr, Result, repr};
pub use self::future::{
    CallbackHandle, CallbackId, PlainFuture, add_task_done_callback, call_at, call_later, call_soon,
    eager_task_factory, loop_time, set_eager_task_factory,
};
pub(crate) use self::leaf::print_to;
pub use self::leaf::{Seconds, Sleep, eprint, print, sleep, time};
pub use self::queue::{LessThan, Queue, QueueOrder};
pub use self::sync::{Barrier, BarrierState, Condition, Event, Lock, Semaphore};
pub use self::task::{Task, TaskJoin, TaskRef, create_task, current_task};
pub use self::threads::{DEFAULT_MAX_WORKERS, JobFuture, ThreadPool, VIRTUAL_CPU_COUNT, run_in_executor, to_thread};
pub use self::wait::{AsCompleted, Completed, ReturnWhen, as_completed, wait};

use std::future::Future;
use std::panic::Location;
use std::rc::Rc;
use std::sync::Once;

use async_executor::LocalExecutor;

use self::core::{Callback, CurrentGuard, FKind, GatherRec, Handle, Inner, Phase, State, StepStart, TimerAction};
use crate::trace::{LogRecord, NONE, TaskId, Via};

/// The outcome of a run: the event log, and what the main coroutine returned.
#[derive(Debug)]
pub struct Run<T> {
    /// Everything that happened.
    pub log: crate::trace::Log,
    /// The main coroutine's result (`Err` if it raised, was cancelled, or never finished).
    pub result: Result<T>,
    /// Set when a guard (event budget, time limit) stopped the run early.
    pub stopped: Option<RunError>,
}

/// A configured runtime.
///
/// # Examples
/// ```
/// use taskline::{coro, sleep, Runtime};
/// let run = Runtime::new().max_events(50).run(coro("main", async {
///     loop { sleep(0).await?; }
///     #[allow(unreachable_code)] Ok(())
/// }));
/// assert!(run.stopped.is_some()); // a runaway loop is stopped, the log kept
/// ```
#[derive(Clone, Debug, Default)]
pub struct Runtime {
    cfg: Config,
}

impl Runtime {
    /// A runtime with the default settings (virtual clock).
    pub fn new() -> Runtime {
        Runtime::default()
    }

    /// A runtime with these settings.
    pub fn with_config(cfg: Config) -> Runtime {
        Runtime { cfg }
    }

    /// Chooses the clock.
    pub fn clock(mut self, clock: ClockMode) -> Runtime {
        self.cfg.clock = clock;
        self
    }

    /// Sets the event budget.
    pub fn max_events(mut self, n: usize) -> Runtime {
        self.cfg.max_events = n;
        self
    }

    /// Sets the task budget: the most tasks alive at once.
    pub fn max_tasks(mut self, n: usize) -> Runtime {
        self.cfg.max_tasks = n;
        self
    }

    /// Sets the time limit in seconds.
    pub fn max_time(mut self, seconds: f64) -> Runtime {
        self.cfg.max_time = seconds;
        self
    }

    /// Names the run in the log's metadata.
    pub fn source(mut self, source: &str, title: &str) -> Runtime {
        self.cfg.source = source.to_owned();
        self.cfg.title = title.to_owned();
        self
    }

    /// Runs `main` as asyncio.run does: as the task `main`, then cancels the
    /// tasks still pending and runs them to their end.
    pub fn run<F, T>(self, main: Coro<F>) -> Run<T>
    where
        F: Future<Output = Result<T>> + 'static,
        T: Clone + PyRepr + 'static,
    {
        run_with(self.cfg, main)
    }
}

/// `asyncio.run(main())` on the virtual clock.
pub fn run<F, T>(main: Coro<F>) -> Run<T>
where
    F: Future<Output = Result<T>> + 'static,
    T: Clone + PyRepr + 'static,
{
    run_with(Config::default(), main)
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_task = task::IN_TASK.with(std::cell::Cell::get);
            if !in_task && !IN_RUN.with(std::cell::Cell::get) {
                previous(info);
                return;
            }
            // Inside a run: recorded in the log (as the task's failure, or as
            // the run's internal error), not printed.
            let message = task::panic_message(info.payload());
            let text = match info.location() {
                Some(l) => format!("panicked at {}:{}:{}: {message}", l.file(), l.line(), l.column()),
                None => format!("panicked: {message}"),
            };
            let internal = core::in_internal_code() || !in_task;
            core::LAST_PANIC.with(|p| *p.borrow_mut() = Some((text, internal)));
        }));
    });
}

thread_local! {
    /// Set while `run_with` runs on this thread.
    static IN_RUN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Sets [`IN_RUN`] while it lives (restoring the previous value: runs do not nest, but be safe).
struct InRun(bool);

impl InRun {
    fn enter() -> InRun {
        InRun(IN_RUN.with(|r| r.replace(true)))
    }
}

impl Drop for InRun {
    fn drop(&mut self) {
        IN_RUN.with(|r| r.set(self.0));
    }
}

/// Marks everything run by `f` on this thread as taskline's own code: a
/// panic inside it, even inside a task's step, is an internal error of the
/// run ([`RunError::Panicked`]), not a failure of that task. The script
/// interpreter runs its whole run inside this (a script cannot run Rust).
pub(crate) fn as_internal_code<R>(f: impl FnOnce() -> R) -> R {
    let _scope = core::InternalScope::enter();
    f()
}

enum LoopEnd {
    Stopped,
    Deadlock,
    Budget,
}

const DEADLOCK: &str = "nothing ready, no timer scheduled: the program would block forever";

fn run_with<F, T>(cfg: Config, main: Coro<F>) -> Run<T>
where
    F: Future<Output = Result<T>> + 'static,
    T: Clone + PyRepr + 'static,
{
    if core::with_inner(|_| ()).is_some() {
        let mut log = crate::trace::Log::new();
        log.meta.stopped = Some("run() cannot be called from a running event loop".into());
        return Run {
            log,
            result: Err(Error::new("RuntimeError", "asyncio.run() cannot be called from a running event loop")),
            stopped: None,
        };
    }
    install_panic_hook();
    let _in_run = InRun::enter();
    let inner = Rc::new(Inner {
        exec: LocalExecutor::new(),
        st: std::cell::RefCell::new(State::new(cfg)),
        permit: std::cell::Cell::new(NONE),
        permit_used: std::cell::Cell::new(false),
        internal_panic: std::cell::Cell::new(false),
    });
    let guard = CurrentGuard::set(inner.clone());
    let loc = main.location();
    // A panic of taskline itself (the loop, the interpreter) anywhere in the
    // run: the log so far is kept, the panic is its last event.
    let body = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let main_task = task::spawn_task(&inner, Some("main"), main, Via::Main, loc);
        let main_id = main_task.id();
        let main_fut = inner.st.borrow().task_fut(main_id);
        inner.st.borrow_mut().add_done_callback(main_fut, Callback::StopLoop);
        let end = inner.run_forever();
        match end {
            LoopEnd::Deadlock => inner.log_deadlock(),
            LoopEnd::Budget | LoopEnd::Stopped => {}
        }
        let result = if inner.st.borrow().task_done(main_id) {
            main_task.result()
        } else {
            Err(Error::new("RuntimeError", DEADLOCK))
        };
        drop(main_task);
        if !matches!(end, LoopEnd::Budget) {
            inner.shutdown();
        }
        (end, result)
    }));
    let (end, result, panicked) = match body {
        Ok((end, result)) => (Some(end), result, None),
        Err(payload) => {
            let message = core::LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .map_or_else(|| task::panic_message(&*payload), |(text, _)| text);
            (None, Err(Error::panic(&message)), Some(message))
        }
    };
    // Teardown: drop what is left (unfinished coroutines, handles). After
    // a panic the loop's state may be inconsistent: whatever teardown does
    // is best effort, and a second panic is ignored.
    let teardown = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        inner.st.borrow_mut().phase = Phase::Teardown;
        if matches!(end, Some(LoopEnd::Stopped | LoopEnd::Deadlock)) {
            // (after a budget stop the guard's message stays the log's last word)
            inner.st.borrow_mut().destroy_pending_tasks();
        }
        let drivers: Vec<_> = inner.st.borrow_mut().tasks.iter_mut().filter_map(|t| t.driver.take()).collect();
        drop(drivers);
        while inner.exec.try_tick() {}
    }));
    drop(teardown);
    drop(guard);
    let mut st = inner.st.borrow_mut();
    if let Some(message) = &panicked {
        st.record_panic(message);
    }
    st.observe(true);
    let stopped = st.stopped.clone();
    let mut log = std::mem::take(&mut st.log);
    if let Some(first) = st.unlogged_tasks() {
        log.tasks.truncate(first);
    }
    log.events.shrink_to_fit();
    Run { log, result, stopped }
}

impl Inner {
    /// asyncio's `run_forever` until a `StopLoop` callback runs.
    fn run_forever(self: &Rc<Self>) -> LoopEnd {
        loop {
            self.st.borrow_mut().observe(false);
            let prepared = self.st.borrow_mut().prepare_iteration();
            let n = match prepared {
                Ok(n) => n,
                Err(None) => {
                    if self.wait_foreign(None) {
                        if self.st.borrow_mut().over_time_limit() {
                            return LoopEnd::Budget;
                        }
                        continue;
                    }
                    let stuck = self.st.borrow_mut().end_undeliverable_cancels();
                    if !stuck.is_empty() {
                        drop(stuck);
                        continue;
                    }
                    return LoopEnd::Deadlock;
                }
                Err(Some(when)) => {
                    self.st.borrow_mut().observe(true);
                    self.wait_foreign(Some(when));
                    if self.st.borrow_mut().over_time_limit() {
                        return LoopEnd::Budget;
                    }
                    continue;
                }
            };
            if self.st.borrow_mut().over_time_limit() {
                return LoopEnd::Budget;
            }
            for _ in 0..n {
                let h = self.st.borrow_mut().ready.pop_front();
                let Some(h) = h else { break };
                self.run_handle(h);
                if self.st.borrow_mut().over_budget() {
                    return LoopEnd::Budget;
                }
            }
            let mut st = self.st.borrow_mut();
            if st.stopping {
                st.stopping = false;
                return LoopEnd::Stopped;
            }
        }
    }

    /// Real clock: waits for the next timer or a foreign wakeup, never past
    /// the time limit (the caller then stops the run). Returns false when
    /// nothing could ever wake the loop.
    fn wait_foreign(self: &Rc<Self>, until: Option<f64>) -> bool {
        let (start, any_foreign, real, limit) = {
            let st = self.st.borrow();
            (st.start, st.tasks.iter().any(|t| t.awaiting_foreign), st.cfg.clock == ClockMode::Real, st.cfg.max_time)
        };
        if until.is_none() && !any_foreign {
            return false;
        }
        if !real {
            // Virtual clock: nothing outside the loop is waited for. Run the
            // wakeups that have already fired; if none makes a task ready,
            // nothing ever will: a deadlock.
            while self.exec.try_tick() {}
            return !self.st.borrow().ready.is_empty();
        }
        let tick = async {
            self.exec.tick().await;
        };
        // Just past the limit, so that the clock has passed it on waking.
        let limit = limit + 1e-3;
        let until = Some(until.map_or(limit, |when| when.min(limit)));
        match until {
            Some(when) => {
                // A deadline too far for an `Instant` is one that never comes.
                let deadline =
                    std::time::Duration::try_from_secs_f64(when.max(0.0)).ok().and_then(|d| start.checked_add(d));
                match deadline {
                    Some(deadline) => {
                        let timer = async {
                            async_io::Timer::at(deadline).await;
                        };
                        async_io::block_on(futures_lite::future::or(tick, timer));
                    }
                    None => async_io::block_on(tick),
                }
            }
            None => async_io::block_on(tick),
        }
        true
    }

    fn run_handle(self: &Rc<Self>, h: Handle) {
        match h {
            Handle::Step { task, exc } => self.step(task, exc),
            Handle::Callback { cb, fut } => {
                let mut st = self.st.borrow_mut();
                match cb {
                    Callback::Wakeup(task) => {
                        let exc = st.fut_error(fut);
                        drop(st);
                        self.step(task, exc);
                    }
                    Callback::ShieldInner { outer } => st.shield_inner_done(fut, outer),
                    Callback::ShieldOuter { inner } => {
                        if !st.fut_done(inner) {
                            st.remove_done_callback(inner, Callback::ShieldInner { outer: fut });
                        }
                    }
                    Callback::GatherChild { gather } => st.gather_child_done(fut, gather),
                    Callback::ReleaseWaiter { waiter } => {
                        st.set_result(waiter);
                    }
                    Callback::StopLoop => st.stopping = true,
                    Callback::User(idx) => {
                        drop(st);
                        future::run_handle(self, idx);
                    }
                }
            }
            Handle::Timer(key) => {
                let mut st = self.st.borrow_mut();
                let Some(rec) = st.timer_slab.remove(key) else { return };
                if rec.cancelled {
                    return;
                }
                match rec.action {
                    TimerAction::SetResultUnlessCancelled(fut) => {
                        st.set_result(fut);
                    }
                    TimerAction::Timeout(idx) => st.timeout_fire(idx),
                    TimerAction::User(idx) => {
                        drop(st);
                        future::run_handle(self, idx);
                    }
                }
            }
            Handle::User(idx) => future::run_handle(self, idx),
            Handle::Timeout(idx) => {
                let mut st = self.st.borrow_mut();
                let skip = st.timeouts.get(idx).is_none_or(|t| t.soon_cancelled);
                if !skip {
                    st.timeout_fire(idx);
                }
            }
        }
    }

    /// One step of `task`: asyncio's `Task.__step`.
    fn step(self: &Rc<Self>, task: TaskId, exc: Option<Error>) {
        let start = self.st.borrow_mut().begin_step(task, exc);
        match start {
            None => {}
            Some(StepStart::ThrowUnstarted(e)) => {
                let driver = {
                    let mut st = self.st.borrow_mut();
                    st.end_step(task, Some(Err(e)));
                    st.tasks[task as usize].driver.take()
                };
                drop(driver);
            }
            Some(StepStart::Poll) => {
                self.permit.set(task);
                self.permit_used.set(false);
                while !self.permit_used.get() {
                    if !self.exec.try_tick() {
                        break;
                    }
                }
                let lost = !self.permit_used.get();
                self.permit.set(NONE);
                if self.internal_panic.get() {
                    // The task's driver caught a panic of taskline's own code:
                    // the run's (see `run_with`), raised again from here.
                    std::panic::resume_unwind(Box::new("taskline panicked inside a task's step"));
                }
                let driver = {
                    let mut st = self.st.borrow_mut();
                    let outcome = lost.then(|| Err(Error::panic("taskline: the task's future was lost")));
                    st.end_step(task, outcome);
                    if st.task_done(task) { st.tasks[task as usize].driver.take() } else { None }
                };
                drop(driver);
            }
        }
    }

    fn log_deadlock(&self) {
        let mut st = self.st.borrow_mut();
        let message = st.log.intern(DEADLOCK);
        st.emit_log(NONE, LogRecord::Deadlock { message });
    }

    /// asyncio.run's shutdown: cancel what is still pending, in creation
    /// order, and run the loop until all of it has finished.
    fn shutdown(self: &Rc<Self>) {
        let pending = {
            let mut st = self.st.borrow_mut();
            st.phase = Phase::Shutdown;
            let pending = st.pending_tasks();
            if pending.is_empty() {
                return;
            }
            st.emit_log(NONE, LogRecord::Shutdown { cancelling: pending.clone() });
            for &t in &pending {
                // The shutdown's list holds the tasks until it has looked at their outcome.
                st.hold_task(t, true);
            }
            for &t in &pending {
                st.task_cancel(t, None, None);
            }
            let futs: Vec<_> = pending.iter().map(|&t| st.task_fut(t)).collect();
            let gather = st.new_future(FKind::Gather(Box::new(GatherRec {
                children: futs.clone(),
                nfinished: 0,
                return_exceptions: true,
                cancel_requested: false,
            })));
            for f in futs {
                st.add_done_callback(f, Callback::GatherChild { gather });
            }
            st.add_done_callback(gather, Callback::StopLoop);
            pending
        };
        let end = self.run_forever();
        if matches!(end, LoopEnd::Deadlock) {
            self.log_deadlock();
        }
        let mut st = self.st.borrow_mut();
        if !matches!(end, LoopEnd::Stopped) {
            for &t in &pending {
                st.hold_task(t, false);
            }
            return;
        }
        for &t in &pending {
            let fut = st.task_fut(t);
            if let Some(e) = st.fut_exception(fut) {
                let message = st.log.intern("unhandled exception during asyncio.run() shutdown");
                let kind = st.log.intern(e.type_name());
                let msg = e.message().map_or(NONE, |m| st.log.intern(m));
                st.emit_log(
                    NONE,
                    LogRecord::LoopException {
                        message,
                        exception: Some(crate::trace::ErrorRecord { kind, msg }),
                        about: Some(t),
                    },
                );
            }
        }
        for &t in &pending {
            st.hold_task(t, false);
        }
    }
}

/// Makes the running loop record `file:line` as the source location of
/// what happens next (prints, task creations, awaits, cancels), in place of
/// the Rust call site; `line == 0` switches the override off. Used by the
/// script interpreter ([`crate::script`]) so that locations are the `.py`
/// file's. Does nothing outside a running loop.
///
/// Called with no loop running, it applies to the next run on this thread
/// from its start (e.g. the main task's `created` event).
pub fn set_script_location(file: Option<&str>, line: u32) {
    let set = core::with_state(|st| {
        if let Some(f) = file {
            if st.script_file.as_deref() != Some(f) {
                st.script_file = Some(f.into());
                // the cache of `file:line` symbols is for one file
                st.script_locs.clear();
            }
        }
        st.script_line = line;
    });
    if set.is_none() && core::with_inner(|_| ()).is_none() {
        core::PENDING_SCRIPT_LOC.with(|p| *p.borrow_mut() = file.map(|f| (Rc::from(f), line)));
    }
}

/// Records prints made before the loop exists (a script's top level, as
/// CPython's harness records them while importing the script): the next
/// run on this thread starts its log with them, at 0.0 with no task. Each
/// is `(text, file, script line, stream)` (line 0: no location; no file:
/// the script's file; stream: 0, or [`crate::trace::flags::STDERR`] /
/// [`crate::trace::flags::STDOUT_WRITE`]).
pub fn set_pending_prints(prints: Vec<(String, Option<Rc<str>>, u32, u8)>) {
    core::PENDING_PRINTS.with(|p| *p.borrow_mut() = prints);
}

/// Stops the running loop after the current handle, as the event budget
/// does, recording `message` (the log so far is kept; `log.meta.stopped`
/// says why). For an embedder's own budgets (a script's step limit).
pub fn request_stop(message: &str) {
    core::with_state(|st| st.request_stop(message));
}

/// Why the running loop was stopped, if a budget stopped it (events, time,
/// or [`request_stop`]): an embedder running a long step (a script that
/// never awaits) checks it to end the step. `None` outside a running loop.
pub fn stop_reason() -> Option<String> {
    core::with_state(|st| st.stopped.as_ref().map(ToString::to_string)).flatten()
}

/// `task.add_done_callback(f)` for the task `task` (a [`TaskRef`]/[`Task`]
/// id): `f` runs as a loop callback (no current task) once the task is
/// done, after the callbacks added before it; added to a finished task, it
/// is scheduled at once (`call_soon`). Returns false outside a running loop.
pub fn add_done_callback(task: crate::trace::TaskId, f: Box<dyn FnOnce()>) -> bool {
    core::with_state(|st| {
        if task as usize >= st.tasks.len() {
            return false;
        }
        let idx = st.handles.add(Box::new(move || {
            f();
            Ok(())
        }));
        let fut = st.task_fut(task);
        st.add_done_callback(fut, Callback::User(idx));
        true
    })
    .unwrap_or(false)
}

/// `task.cancel(msg)` as called by the asyncio function `via` (e.g.
/// `TaskGroup._on_task_done`), recorded with that `via`.
pub fn cancel_via(task: crate::trace::TaskId, msg: Option<&str>, via: &str) -> bool {
    core::with_state(|st| {
        task < u32::try_from(st.tasks.len()).unwrap_or(0) && st.task_cancel(task, msg.map(Into::into), Some(via))
    })
    .unwrap_or(false)
}

/// A plain asyncio Future of the running loop (`loop.create_future()`),
/// completed with [`LoopFuture::set_result`] and awaited with [`LoopFuture::wait`].
#[derive(Debug)]
pub struct LoopFuture {
    id: core::FutId,
}

impl LoopFuture {
    /// `loop.create_future()`; `None` outside a running loop.
    pub fn new() -> Option<LoopFuture> {
        core::with_state(|st| LoopFuture { id: st.new_future(core::FKind::Plain) })
    }

    /// `fut.set_result(...)` (false if already done).
    pub fn set_result(&self) -> bool {
        core::with_state(|st| st.set_result(self.id)).unwrap_or(false)
    }

    /// `fut.done()`.
    pub fn done(&self) -> bool {
        core::with_state(|st| st.fut_done(self.id)).unwrap_or(true)
    }

    /// `await fut` inside a coroutine frame named `frame` (it appears in
    /// the awaiting chain: `frame>Future`).
    #[track_caller]
    pub fn wait(&self, frame: &str) -> impl Future<Output = Result<()>> + use<> {
        leaf::WaitFuture::new(self.id, Some(frame.to_owned()), crate::trace::WaitKind::Future, 0).at(Location::caller())
    }
}

/// `asyncio.all_tasks()`: the tasks of the running loop not done yet, in creation order.
pub fn all_tasks() -> Vec<TaskRef> {
    core::with_state(|st| st.pending_tasks().into_iter().map(TaskRef::from_id).collect()).unwrap_or_default()
}

/// The text of a panic's payload.
pub(crate) fn task_panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    task::panic_message(payload)
}

/// The source location of the caller (for `#[track_caller]` APIs).
#[doc(hidden)]
pub fn caller() -> &'static Location<'static> {
    Location::caller()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{EventKind, LogRecord};

    fn count(log: &crate::trace::Log, task: TaskId, kind: EventKind) -> usize {
        log.events.iter().filter(|e| e.task == task && e.kind == kind).count()
    }

    /// A task awaiting a foreign future that never wakes it, under the
    /// virtual clock: one deadlock, one shutdown, the task is stepped once
    /// with the cancel thrown in and then ends cancelled. Counts steps and
    /// events, not seconds (the old shutdown re-stepped the task until the
    /// event budget ran out: millions of steps).
    #[test]
    fn a_stuck_foreign_await_is_not_re_stepped_by_the_shutdown() {
        let started = std::time::Instant::now();
        let run = run(coro("main", async {
            let t = create_task(
                "waiting",
                coro("waiting", async {
                    std::future::pending::<()>().await;
                    Ok(())
                }),
            );
            t.await
        }));
        let log = &run.log;
        eprintln!("stuck foreign await: {} events in {:?}", log.events.len(), started.elapsed());
        let waiting = u32::try_from(log.tasks.iter().position(|t| log.str(t.name) == "waiting").unwrap()).unwrap();
        let logs = |want: fn(&LogRecord) -> bool| {
            log.events.iter().filter(|e| e.kind == EventKind::Log && want(&log.logs[e.a as usize])).count()
        };
        assert_eq!(logs(|r| matches!(r, LogRecord::Deadlock { .. })), 1, "deadlocks logged");
        assert_eq!(logs(|r| matches!(r, LogRecord::Shutdown { .. })), 1, "shutdowns logged");
        // Steps of `waiting`: its first step, and one with the shutdown's cancel thrown in.
        assert_eq!(count(log, waiting, EventKind::Start), 1);
        assert_eq!(count(log, waiting, EventKind::Resume), 1, "waiting was re-stepped");
        assert_eq!(count(log, waiting, EventKind::Cancelled), 1);
        assert_eq!(count(log, waiting, EventKind::CancelRequested), 2, "forwarded from main, then its own");
        assert!(log.events.len() < 40, "{} events", log.events.len());
        assert!(run.stopped.is_none(), "{:?}", run.stopped);
        assert!(run.result.is_err());
    }

    /// The same under a cancel from another task (not the shutdown): the
    /// cancel waits for the foreign future; the task is not re-stepped.
    #[test]
    fn an_undeliverable_cancel_does_not_spin_the_loop() {
        let run = Runtime::new().max_events(10_000).run(coro("main", async {
            let t = create_task(
                "waiting",
                coro("waiting", async {
                    std::future::pending::<()>().await;
                    Ok(())
                }),
            );
            sleep(1).await?;
            t.cancel();
            sleep(1).await?;
            Ok(t.done())
        }));
        let log = &run.log;
        let waiting = u32::try_from(log.tasks.iter().position(|t| log.str(t.name) == "waiting").unwrap()).unwrap();
        assert_eq!(run.result, Ok(false), "the foreign future never took the cancel");
        assert!(run.stopped.is_none(), "stopped by a budget: {:?}", run.stopped);
        // One step per cancel request (main's, the shutdown's), each with the
        // cancel thrown in; then the shutdown ends it.
        assert_eq!(count(log, waiting, EventKind::CancelRequested), 2);
        assert_eq!(count(log, waiting, EventKind::Resume), 2);
        assert_eq!(count(log, waiting, EventKind::Cancelled), 1);
    }
}

#[cfg(test)]
mod panic_tests {
    use super::*;
    use crate::trace::{EventKind, LogRecord};

    /// Inside taskline's own code (what the script interpreter runs in), a
    /// panic in a task's step is the run's internal error: the log so far
    /// is kept and the panic is its last event.
    #[test]
    fn a_panic_in_taskline_s_own_code_stops_the_run_and_is_the_last_event() {
        let run = as_internal_code(|| {
            run(coro("main", async {
                print("before");
                sleep(1).await?;
                if std::hint::black_box(true) {
                    panic!("a bug in taskline");
                }
                Ok(())
            }))
        });
        let log = &run.log;
        assert!(matches!(&run.stopped, Some(RunError::Panicked { message }) if message.contains("a bug in taskline")));
        assert!(log.events.iter().any(|e| e.kind == EventKind::Print && log.str(e.a) == "before"));
        let last = log.events.last().expect("events");
        assert_eq!(last.kind, EventKind::Log);
        assert!(
            matches!(log.logs[last.a as usize], LogRecord::Budget { message } if log.str(message).starts_with("internal error: panicked at src/runtime/mod.rs:")),
            "{:?}",
            log.logs[last.a as usize]
        );
        assert_eq!(log.events.iter().filter(|e| e.kind == EventKind::Exception).count(), 0, "not a task failure");
    }

    /// A panic of a task's own Rust code stays that task's failure.
    #[test]
    fn a_panic_in_a_task_s_own_code_is_the_task_s_failure() {
        let run = run(coro("main", async {
            sleep(1).await?;
            if std::hint::black_box(true) {
                panic!("user code");
            }
            Ok(())
        }));
        assert!(run.stopped.is_none(), "{:?}", run.stopped);
        assert!(run.result.as_ref().is_err_and(|e| e.type_name() == "Panic"));
    }
}
