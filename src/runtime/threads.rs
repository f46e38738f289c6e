//! Worker threads, simulated: `asyncio.to_thread(f, ...)` and
//! `loop.run_in_executor(None, f, ...)` on a [`ThreadPool`] that runs its
//! jobs in virtual time.
//!
//! # The model (the same as taskline's CPython harness, `tests/asyncio_trace.py`)
//! - A pool has at most `max_workers` worker threads; the loop's default
//!   executor has `min(32, cpu + 4)` of them with the cpu count fixed at
//!   [`VIRTUAL_CPU_COUNT`] = 8, so [`DEFAULT_MAX_WORKERS`] = 12. As in
//!   CPython 3.13's `ThreadPoolExecutor`, a submitted job goes to an idle
//!   worker if there is one (the one idle longest), else to a new worker
//!   while fewer than `max_workers` exist, else it waits in the pool's FIFO
//!   queue; a worker that finishes takes the next queued job at once.
//! - A job runs to its end as soon as it starts, in no loop time. Inside it,
//!   [`time::sleep`](super::time::sleep) moves only the job's own clock on
//!   (the loop is not blocked: other tasks run meanwhile) and
//!   [`time::monotonic`](super::time::monotonic) reads that clock; its
//!   [`print`](super::print)s are recorded (with no task, tied to the job)
//!   when the loop's clock reaches their time, by a timer each. The job ends
//!   at its start time plus its sleeps: a timer then records
//!   [`JobOp::Done`] (or [`JobOp::Exception`]) and, as `_chain_future`'s
//!   `call_soon_threadsafe(_set_state, ...)` does, schedules the callback
//!   that completes the asyncio future the task awaits; that wakes the task
//!   (two loop iterations later, as in CPython).
//! - Cancelling the awaiting task cancels the asyncio future; its done
//!   callback (`_call_check_cancel`) cancels the job if it is still queued
//!   ([`JobOp::Cancelled`]: it never runs); a running job runs on to its end
//!   and its result is dropped.
//! - A job's effects on shared objects happen when it starts (a limitation
//!   of running it at once; the log's times are those of the model above).
//!
//! # Examples
//! ```
//! use taskline::{coro, create_task, sleep, print, time, to_thread};
//! let run = taskline::run(coro("main", async {
//!     let ticker = create_task("ticker", coro("ticker", async {
//!         for i in 0..4 { print(format!("tick {i}")); sleep(0.5).await?; }
//!         Ok(())
//!     }));
//!     let r = to_thread("blocking", || { time::sleep(2); Ok(20) }).await?;
//!     print(format!("result {r}"));
//!     ticker.await
//! }));
//! assert_eq!(run.log.end_time(), 2.0); // the ticker ran while the worker slept
//! ```

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::panic::Location;
use std::rc::Rc;

use super::core::{Callback, FKind, FState, FutId, Handle, State, TimerAction, with_state};
use super::coro::{Coro, coro};
use super::error::{Error, PyRepr, Result};
use super::leaf::WaitFuture;
use crate::trace::{EventKind, JobOp, JobRecord, NONE, Sym, WaitKind};

/// The cpu count the simulated default executor assumes (`os.cpu_count()`).
pub const VIRTUAL_CPU_COUNT: usize = 8;

/// The default executor's worker limit: `min(32, cpu + 4)` = 12.
pub const DEFAULT_MAX_WORKERS: usize = if VIRTUAL_CPU_COUNT + 4 < 32 { VIRTUAL_CPU_COUNT + 4 } else { 32 };

/// What a job's body returns: the `repr()` of its result (the result itself
/// is kept by the body's owner), or the exception it raised.
pub(crate) type JobBody = Box<dyn FnOnce() -> Result<String>>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum JobState {
    Queued,
    Running,
    Finished,
    Cancelled,
}

struct JobRec {
    /// Index in the log's `jobs` (also the job's id here).
    log: u32,
    pool: usize,
    /// The asyncio future the awaiting task waits on (`wrap_future`'s).
    dest: Option<FutId>,
    state: JobState,
    body: Option<JobBody>,
}

#[derive(Debug)]
struct PoolRec {
    prefix: String,
    max_workers: usize,
    nthreads: usize,
    idle: VecDeque<usize>,
    queue: VecDeque<usize>,
    shutdown: bool,
}

/// The simulated thread pools of a run and their jobs (part of the loop's state).
#[derive(Default)]
pub(crate) struct Pools {
    pools: Vec<PoolRec>,
    jobs: Vec<JobRec>,
    /// The loop's default executor (`run_in_executor(None, ...)`), once made.
    default: Option<usize>,
    /// `ThreadPoolExecutor-N` names given so far.
    unnamed: usize,
}

impl std::fmt::Debug for Pools {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pools({} pools, {} jobs)", self.pools.len(), self.jobs.len())
    }
}

/// The job running on this thread (its body runs synchronously), if any.
struct JobCtx {
    job: usize,
    clock: f64,
    prints: Vec<(f64, Sym, Sym, u8)>,
}

thread_local! {
    static IN_JOB: RefCell<Vec<JobCtx>> = const { RefCell::new(Vec::new()) };
}

/// Inside a worker job: moves the job's clock on by `secs` and returns true
/// (`time.sleep` in a worker does not block the loop).
pub(crate) fn job_sleep(secs: f64) -> bool {
    IN_JOB.with(|j| match j.borrow_mut().last_mut() {
        Some(ctx) => {
            ctx.clock += secs;
            true
        }
        None => false,
    })
}

/// Inside a worker job: the job's clock.
pub(crate) fn job_clock() -> Option<f64> {
    IN_JOB.with(|j| j.borrow().last().map(|c| c.clock))
}

/// Inside a worker job: keeps a print (text and location symbols) for the
/// time the loop's clock reaches the job's; returns true.
pub(crate) fn job_print(text: Sym, loc: Sym, stream: u8) -> bool {
    IN_JOB.with(|j| match j.borrow_mut().last_mut() {
        Some(ctx) => {
            ctx.prints.push((ctx.clock, text, loc, stream));
            true
        }
        None => false,
    })
}

/// A pool of simulated worker threads (`concurrent.futures.ThreadPoolExecutor`).
///
/// [`ThreadPool::default_executor`] is the loop's own (`run_in_executor(None, ...)`,
/// `to_thread`); [`ThreadPool::new`] makes another, named as CPython names it
/// (`ThreadPoolExecutor-0`, ...). A handle is only valid inside the run that made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThreadPool {
    idx: usize,
    run: u64,
}

impl ThreadPool {
    /// `concurrent.futures.ThreadPoolExecutor(max_workers)` (`None`: the
    /// default, [`DEFAULT_MAX_WORKERS`]).
    ///
    /// # Errors
    /// `ValueError` for 0 workers; `RuntimeError` outside a running loop.
    pub fn new(max_workers: Option<usize>) -> Result<ThreadPool> {
        if max_workers == Some(0) {
            return Err(Error::new("ValueError", "max_workers must be greater than 0"));
        }
        with_state(|st| {
            let n = st.threads.unnamed;
            st.threads.unnamed += 1;
            add_pool(st, format!("ThreadPoolExecutor-{n}"), max_workers.unwrap_or(DEFAULT_MAX_WORKERS))
        })
        .ok_or_else(super::sync::no_loop)
    }

    /// The running loop's default executor (made at its first use, as asyncio does).
    ///
    /// # Errors
    /// `RuntimeError` outside a running loop.
    pub fn default_executor() -> Result<ThreadPool> {
        with_state(|st| match st.threads.default {
            Some(idx) => ThreadPool { idx, run: st.run_id },
            None => {
                let p = add_pool(st, "asyncio".to_owned(), DEFAULT_MAX_WORKERS);
                st.threads.default = Some(p.idx);
                p
            }
        })
        .ok_or_else(super::sync::no_loop)
    }

    /// `executor.shutdown(wait=False)`: later submissions raise `RuntimeError`;
    /// queued and running jobs still run.
    pub fn shutdown(&self) {
        with_state(|st| {
            if let Some(p) = self.rec(st) {
                st.threads.pools[p].shutdown = true;
            }
        });
    }

    /// The pool's worker limit.
    pub fn max_workers(&self) -> usize {
        with_state(|st| self.rec(st).map_or(0, |p| st.threads.pools[p].max_workers)).unwrap_or(0)
    }

    fn rec(&self, st: &State) -> Option<usize> {
        (st.run_id == self.run && self.idx < st.threads.pools.len()).then_some(self.idx)
    }

    /// `loop.run_in_executor(self, f)`: submits `f` (named `func` in the log)
    /// to this pool; the returned future gives its result.
    #[track_caller]
    pub fn submit<T, F>(&self, func: &str, f: F) -> JobFuture<T>
    where
        F: FnOnce() -> Result<T> + 'static,
        T: Clone + PyRepr + 'static,
    {
        submit_at(*self, func, f, Location::caller())
    }
}

fn add_pool(st: &mut State, prefix: String, max_workers: usize) -> ThreadPool {
    st.threads.pools.push(PoolRec {
        prefix,
        max_workers,
        nthreads: 0,
        idle: VecDeque::new(),
        queue: VecDeque::new(),
        shutdown: false,
    });
    ThreadPool { idx: st.threads.pools.len() - 1, run: st.run_id }
}

/// The future of a submitted job (`wrap_future` of the executor's future):
/// awaiting it gives the job's result or raises its exception. It can also
/// be passed to [`gather`](super::gather), [`shield`](super::shield) and
/// [`wait_for`](super::wait_for) (it is an asyncio Future, not a coroutine).
#[must_use = "a job's future does nothing unless awaited"]
pub struct JobFuture<T> {
    fut: Option<FutId>,
    job: u64,
    err: Option<Error>,
    slot: Rc<RefCell<Option<T>>>,
    loc: &'static Location<'static>,
}

impl<T> Clone for JobFuture<T> {
    fn clone(&self) -> Self {
        JobFuture { fut: self.fut, job: self.job, err: self.err.clone(), slot: self.slot.clone(), loc: self.loc }
    }
}

impl<T> std::fmt::Debug for JobFuture<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "JobFuture(job {})", self.job + 1)
    }
}

impl<T> JobFuture<T> {
    fn new(r: Result<(u64, FutId)>, slot: Rc<RefCell<Option<T>>>, loc: &'static Location<'static>) -> JobFuture<T> {
        match r {
            Ok((job, fut)) => JobFuture { fut: Some(fut), job, err: None, slot, loc },
            Err(e) => JobFuture { fut: None, job: u64::from(NONE), err: Some(e), slot, loc },
        }
    }

    /// The job's index in the log's `jobs` (`None` if the submission failed).
    pub fn job(&self) -> Option<u32> {
        self.fut.map(|_| u32::try_from(self.job).unwrap_or(NONE))
    }

    /// `fut.done()`.
    pub fn done(&self) -> bool {
        self.fut.is_none_or(|f| with_state(|st| st.fut_done(f)).unwrap_or(true))
    }

    /// `fut.cancel()`: cancels the asyncio future (and, through its done
    /// callback, the job if it is still queued).
    pub fn cancel(&self) -> bool {
        self.fut.is_some_and(|f| with_state(|st| st.fut_cancel(f, None, None)).unwrap_or(false))
    }
}

impl<T: Clone + 'static> JobFuture<T> {
    async fn wait(self, loc: &'static Location<'static>) -> Result<T> {
        if let Some(e) = self.err {
            return Err(e);
        }
        let Some(fut) = self.fut else { return Err(Error::invalid_state("the job was never submitted")) };
        WaitFuture::new(fut, None, WaitKind::Job, self.job).at(loc).await?;
        self.slot.borrow().clone().ok_or_else(|| Error::invalid_state("the job's result is gone"))
    }
}

impl<T: Clone + PyRepr + 'static> std::future::IntoFuture for JobFuture<T> {
    type Output = Result<T>;
    type IntoFuture = super::BoxAwait<T>;
    fn into_future(self) -> Self::IntoFuture {
        let loc = self.loc;
        Box::pin(self.wait(loc))
    }
}

impl<T: Clone + PyRepr + 'static> super::FutureLike<T> for JobFuture<T> {
    fn fut_id(&self) -> Option<FutId> {
        self.fut
    }
    fn task_id(&self) -> Option<crate::trace::TaskId> {
        None
    }
    fn result(&self) -> Result<T> {
        if let Some(e) = &self.err {
            return Err(e.clone());
        }
        let Some(fut) = self.fut else { return Err(Error::invalid_state("Result is not set.")) };
        match with_state(|st| st.fut_error(fut)) {
            Some(Some(e)) => Err(e),
            _ => self.slot.borrow().clone().ok_or_else(|| Error::invalid_state("Result is not set.")),
        }
    }
}

impl<T: Clone + PyRepr + 'static> super::Awaitable for JobFuture<T> {
    type Output = T;
    fn into_await(self, loc: &'static Location<'static>) -> super::BoxAwait<T> {
        Box::pin(self.wait(loc))
    }
    fn ensure_future(self, _via: crate::trace::Via, _loc: &'static Location<'static>) -> Rc<dyn super::FutureLike<T>> {
        Rc::new(self)
    }
}

/// `loop.run_in_executor(None, f)`: runs `f` (named `func` in the log) on the
/// default executor's simulated worker threads; awaiting the returned future
/// gives its result (the task waits "for `func` in a worker thread").
#[track_caller]
pub fn run_in_executor<T, F>(func: &str, f: F) -> JobFuture<T>
where
    F: FnOnce() -> Result<T> + 'static,
    T: Clone + PyRepr + 'static,
{
    let loc = Location::caller();
    match ThreadPool::default_executor() {
        Ok(pool) => submit_at(pool, func, f, loc),
        Err(e) => JobFuture::new(Err(e), Rc::new(RefCell::new(None)), loc),
    }
}

/// `asyncio.to_thread(f)`: a coroutine named `to_thread` that submits `f`
/// to the default executor when it first runs and returns its result.
#[track_caller]
pub fn to_thread<T, F>(func: &str, f: F) -> Coro<impl Future<Output = Result<T>>>
where
    F: FnOnce() -> Result<T> + 'static,
    T: Clone + PyRepr + 'static,
{
    let loc = Location::caller();
    let func = func.to_owned();
    coro("to_thread", async move {
        let pool = ThreadPool::default_executor()?;
        submit_at(pool, &func, f, loc).wait(loc).await
    })
}

fn submit_at<T, F>(pool: ThreadPool, func: &str, f: F, loc: &'static Location<'static>) -> JobFuture<T>
where
    F: FnOnce() -> Result<T> + 'static,
    T: Clone + PyRepr + 'static,
{
    let slot: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
    let out = slot.clone();
    let body: JobBody = Box::new(move || {
        let v = f()?;
        let repr = v.py_repr();
        *out.borrow_mut() = Some(v);
        Ok(repr)
    });
    JobFuture::new(submit_body(pool, func, body, loc), slot, loc)
}

/// Submits a script's job: `body` stores the result where `slot` sees it.
pub(crate) fn submit_with_slot<T>(
    pool: ThreadPool,
    func: &str,
    body: JobBody,
    slot: Rc<RefCell<Option<T>>>,
    loc: &'static Location<'static>,
) -> JobFuture<T> {
    JobFuture::new(submit_body(pool, func, body, loc), slot, loc)
}

/// `executor.submit(body)` then `wrap_future`: queues the job (running it
/// at once if a worker takes it) and returns its log index and the asyncio
/// future that completes with it.
pub(crate) fn submit_body(
    pool: ThreadPool,
    func: &str,
    body: JobBody,
    loc: &'static Location<'static>,
) -> Result<(u64, FutId)> {
    let taken = with_state(|st| -> Result<(usize, Option<usize>)> {
        let Some(p) = pool.rec(st) else {
            return Err(Error::new("RuntimeError", "the executor belongs to another event loop"));
        };
        if st.threads.pools[p].shutdown {
            return Err(Error::new("RuntimeError", "cannot schedule new futures after shutdown"));
        }
        let pool_sym = st.log.intern(&st.threads.pools[p].prefix.clone());
        let func = st.log.intern(func);
        let submitter = st.current.unwrap_or(NONE);
        let log = st.log.add_job(JobRecord { pool: pool_sym, func, submitter, worker: NONE });
        let job = st.threads.jobs.len();
        st.threads.jobs.push(JobRec { log, pool: p, dest: None, state: JobState::Queued, body: Some(body) });
        let loc = st.intern_loc(loc);
        st.emit(EventKind::Job, submitter, log, 0, JobOp::Queued as u8, loc);
        let rec = &mut st.threads.pools[p];
        rec.queue.push_back(job);
        let worker = if let Some(w) = rec.idle.pop_front() {
            Some(w)
        } else if rec.nthreads < rec.max_workers {
            rec.nthreads += 1;
            Some(rec.nthreads - 1)
        } else {
            None
        };
        Ok((job, worker))
    })
    .ok_or_else(super::sync::no_loop)??;
    let (job, worker) = taken;
    if let Some(w) = worker {
        take_next(job_pool(job), w);
    }
    // wrap_future: the asyncio future, and _chain_future's _call_check_cancel on it.
    with_state(|st| {
        let dest = st.new_future(FKind::Plain);
        st.threads.jobs[job].dest = Some(dest);
        let idx = st.handles.add(Box::new(move || {
            check_cancel(job);
            Ok(())
        }));
        st.add_done_callback(dest, Callback::User(idx));
        (u64::from(st.threads.jobs[job].log), dest)
    })
    .ok_or_else(super::sync::no_loop)
}

fn job_pool(job: usize) -> usize {
    with_state(|st| st.threads.jobs[job].pool).unwrap_or(0)
}

/// The worker `worker` of pool `pool` takes the next queued job that is not
/// cancelled and runs it, or goes idle.
fn take_next(pool: usize, worker: usize) {
    let next = with_state(|st| {
        loop {
            let Some(job) = st.threads.pools[pool].queue.pop_front() else {
                st.threads.pools[pool].idle.push_back(worker);
                return None;
            };
            // set_running_or_notify_cancel(): a cancelled job is skipped.
            if st.threads.jobs[job].state == JobState::Queued {
                return Some(job);
            }
        }
    })
    .flatten();
    if let Some(job) = next {
        run_job(job, worker);
    }
}

/// Runs a job's body at once on its worker (see the module docs), then
/// schedules its prints and its end.
fn run_job(job: usize, worker: usize) {
    let started = with_state(|st| {
        let rec = &mut st.threads.jobs[job];
        rec.state = JobState::Running;
        let body = rec.body.take();
        let log = rec.log;
        if let Some(j) = st.log.jobs.get_mut(log as usize) {
            j.worker = u32::try_from(worker).unwrap_or(NONE);
        }
        st.emit(EventKind::Job, NONE, log, u64::try_from(worker).unwrap_or(0), JobOp::Started as u8, NONE);
        let now = st.now();
        // The worker thread has no current task (asyncio.current_task() is the loop thread's).
        let saved = st.current.take();
        (body, now, saved)
    });
    let Some((body, now, saved)) = started else { return };
    IN_JOB.with(|j| j.borrow_mut().push(JobCtx { job, clock: now, prints: Vec::new() }));
    let outcome = match body {
        Some(b) => b(),
        None => Err(Error::invalid_state("the job has no body")),
    };
    let ctx = IN_JOB.with(|j| j.borrow_mut().pop());
    let Some(ctx) = ctx else { return };
    debug_assert_eq!(ctx.job, job);
    with_state(|st| {
        st.current = saved;
        let log = st.threads.jobs[job].log;
        for (when, text, loc, stream) in ctx.prints {
            let f: Box<dyn FnOnce()> = Box::new(move || {
                with_state(|st| {
                    st.emit(EventKind::Print, NONE, text, u64::from(log) + 1, stream, loc);
                });
            });
            let idx = push_callback(st, f);
            st.call_at(when, TimerAction::User(idx));
        }
        let f: Box<dyn FnOnce()> = Box::new(move || finish(job, worker, outcome));
        let idx = push_callback(st, f);
        st.call_at(ctx.clock, TimerAction::User(idx));
    });
}

fn push_callback(st: &mut State, f: Box<dyn FnOnce()>) -> u32 {
    st.handles.add(Box::new(move || {
        f();
        Ok(())
    }))
}

/// The job's end (a timer at its end time): records it, hands the outcome to
/// the loop (`call_soon_threadsafe(_set_state, ...)`), and the worker takes
/// the next queued job.
fn finish(job: usize, worker: usize, outcome: Result<String>) {
    let pool = with_state(|st| {
        let log = st.threads.jobs[job].log;
        st.threads.jobs[job].state = JobState::Finished;
        let dest = st.threads.jobs[job].dest;
        match &outcome {
            Ok(repr) => {
                let sym = st.log.intern(repr);
                st.emit(EventKind::Job, NONE, log, u64::from(sym), JobOp::Done as u8, NONE);
            }
            Err(e) => {
                let kind = st.log.intern(e.type_name());
                let msg = st.log.intern(e.message().unwrap_or(""));
                let idx = st.log.add_error(crate::trace::ErrorRecord { kind, msg });
                st.emit(EventKind::Job, NONE, log, u64::from(idx), JobOp::Exception as u8, NONE);
            }
        }
        if let Some(dest) = dest {
            let f: Box<dyn FnOnce()> = Box::new(move || set_state(dest, outcome));
            let idx = push_callback(st, f);
            st.ready.push_back(Handle::Callback { cb: Callback::User(idx), fut: dest });
        }
        st.threads.jobs[job].pool
    });
    if let Some(pool) = pool {
        take_next(pool, worker);
    }
}

/// `_copy_future_state(source, dest)`: unless the awaiting side cancelled it.
fn set_state(dest: FutId, outcome: Result<String>) {
    with_state(|st| {
        if st.fut_state(dest) != FState::Pending {
            return;
        }
        match outcome {
            Ok(_) => {
                st.set_result(dest);
            }
            Err(e) => st.set_exception(dest, e),
        }
    });
}

/// `_call_check_cancel`: the asyncio future was cancelled, so the job is
/// cancelled if it has not started (`source.cancel()`).
fn check_cancel(job: usize) {
    with_state(|st| {
        let rec = &st.threads.jobs[job];
        let cancelled = rec.dest.is_some_and(|d| st.fut_state(d) == FState::Cancelled);
        if !cancelled || rec.state != JobState::Queued {
            return;
        }
        let log = rec.log;
        st.threads.jobs[job].state = JobState::Cancelled;
        st.threads.jobs[job].body = None;
        st.emit(EventKind::Job, NONE, log, 0, JobOp::Cancelled as u8, NONE);
    });
}
