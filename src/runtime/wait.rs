//! `asyncio.wait` and `asyncio.as_completed`, ported from CPython 3.13's
//! `Lib/asyncio/tasks.py`.
//!
//! # `wait` (`_wait`)
//! A waiter future is created; with a timeout, a timer (`call_later`) sets
//! it when the timeout passes (`_release_waiter`). Every awaited future
//! gets the done callback `_on_completion`, which counts the futures down
//! and sets the waiter when the wait's condition holds (any future done for
//! `FIRST_COMPLETED`; one failed, or all done, for `FIRST_EXCEPTION`; all
//! done for `ALL_COMPLETED`), cancelling the timer. The task awaits the
//! waiter, then removes the callbacks and the timer and splits the futures
//! into `(done, pending)`. Pending futures are not cancelled. Futures
//! already done when `wait` is called get their callback scheduled at once
//! (`call_soon`), as `add_done_callback` does, so even then the task
//! suspends once and is woken by the callback.
//!
//! # `as_completed` (`_AsCompletedIterator`)
//! Every awaitable is wrapped with `ensure_future` when the iterator is
//! made; each future's done callback (`_handle_completion`) moves it to a
//! queue of finished futures (CPython's `asyncio.Queue`, whose getter
//! future wakes the task waiting in `get`); a timeout (`_handle_timeout`)
//! removes the callbacks and puts one `None` sentinel per future left,
//! which `_wait_for_one` turns into `TimeoutError`.
//!
//! A task suspended in either records a [`WaitKind::Wait`] `Suspend` whose
//! [`WaitRecord::Wait`] names the tasks, the [`WaitMode`] and the deadline,
//! so the timeline can say "waiting in asyncio.wait for 3 tasks (FIRST_COMPLETED)".
//!
//! The functions take any loop future ([`FutureLike`]): tasks today, and
//! whatever else implements it (a plain future) without a change here.
//!
//! # Examples
//! ```
//! use taskline::{coro, create_task, sleep, wait, ReturnWhen};
//! let run = taskline::run(coro("main", async {
//!     let a = create_task("a", coro("job", async { sleep(1).await?; Ok(1) }));
//!     let b = create_task("b", coro("job", async { sleep(3).await?; Ok(3) }));
//!     let (done, pending) = wait(vec![a, b], None, ReturnWhen::FirstCompleted).await?;
//!     Ok((done.len(), pending.len()))
//! }));
//! assert_eq!(run.result, Ok((1, 1)));
//! // b was left pending: asyncio.run's shutdown cancels it at 1 s.
//! assert_eq!(run.log.end_time(), 1.0);
//! ```

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::panic::Location;
use std::rc::Rc;

use super::combinators::{Awaitable, FutureLike};
use super::core::{Callback, FKind, FState, FutId, State, TimerAction, with_state};
use super::coro::{Coro, coro};
use super::error::{Error, PyRepr, Result};
use super::leaf::WaitFuture;
use super::slab::Key;
use crate::trace::{TaskId, Via, WaitKind, WaitMode, WaitRecord};

fn no_loop() -> Error {
    Error::new("RuntimeError", "no running event loop")
}

/// `return_when` of [`wait`]: asyncio's `FIRST_COMPLETED`, `FIRST_EXCEPTION`
/// and `ALL_COMPLETED`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReturnWhen {
    /// Return when any future finishes or is cancelled.
    FirstCompleted,
    /// Return when any future finishes by raising an exception (not a
    /// cancellation), or when all have finished.
    FirstException,
    /// Return when all futures have finished or been cancelled.
    AllCompleted,
}

impl ReturnWhen {
    /// asyncio's constant: `FIRST_COMPLETED`, `FIRST_EXCEPTION` or `ALL_COMPLETED`.
    pub fn name(self) -> &'static str {
        self.mode().name()
    }

    /// Parses a name written by [`ReturnWhen::name`].
    pub fn from_name(name: &str) -> Option<ReturnWhen> {
        [ReturnWhen::FirstCompleted, ReturnWhen::FirstException, ReturnWhen::AllCompleted]
            .into_iter()
            .find(|r| r.name() == name)
    }

    /// The mode recorded in the log.
    pub fn mode(self) -> WaitMode {
        match self {
            ReturnWhen::FirstCompleted => WaitMode::FirstCompleted,
            ReturnWhen::FirstException => WaitMode::FirstException,
            ReturnWhen::AllCompleted => WaitMode::AllCompleted,
        }
    }
}

/// Adds `f` as a done callback of `fut` (it runs as a loop callback, with
/// no current task); returns the index to remove it with [`remove_callback`].
fn add_callback(st: &mut State, fut: FutId, f: Box<dyn FnOnce()>) -> u32 {
    let idx = st.handles.add(Box::new(move || {
        f();
        Ok(())
    }));
    st.add_done_callback(fut, Callback::User(idx));
    idx
}

/// `fut.remove_done_callback(cb)`: a callback already scheduled still runs, as in CPython.
fn remove_callback(st: &mut State, fut: FutId, idx: u32) {
    st.remove_done_callback(fut, Callback::User(idx));
}

/// Schedules `f` to run as a timer callback at `when` (`loop.call_at`).
fn call_at(st: &mut State, when: f64, f: Box<dyn FnOnce()>) -> Key {
    let idx = st.handles.add(Box::new(move || {
        f();
        Ok(())
    }));
    st.call_at(when, TimerAction::User(idx))
}

fn check_timeout(timeout: Option<f64>) -> Result<()> {
    // CPython would schedule a timer at NaN and fail later in the selector;
    // taskline refuses it where it is given, as it does for `sleep(nan)`.
    match timeout {
        Some(t) if t.is_nan() => Err(Error::new("ValueError", "Invalid timeout: NaN (not a number)")),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------- wait

/// The state `_on_completion` closes over.
struct WaitShared {
    counter: Cell<usize>,
    return_when: ReturnWhen,
    waiter: FutId,
    timer: Option<Key>,
}

/// `_on_completion(f)`.
fn on_completion(s: &WaitShared, f: FutId) {
    with_state(|st| {
        let counter = s.counter.get().saturating_sub(1);
        s.counter.set(counter);
        let wake = counter == 0
            || s.return_when == ReturnWhen::FirstCompleted
            || (s.return_when == ReturnWhen::FirstException
                && st.fut_state(f) != FState::Cancelled
                && st.fut_exception(f).is_some());
        if wake {
            if let Some(t) = s.timer {
                st.cancel_timer(t);
            }
            if !st.fut_done(s.waiter) {
                st.set_result(s.waiter);
            }
        }
    });
}

/// CPython's `_wait(fs, timeout, return_when, loop)` on the loop futures
/// `futs` (distinct, at least one), `tasks` being the tasks among them for
/// the log. Returns when the condition holds or the timeout passed; `Err`
/// if the waiting task was cancelled.
pub(crate) async fn wait_futures(
    futs: Vec<FutId>,
    tasks: Vec<TaskId>,
    timeout: Option<f64>,
    return_when: ReturnWhen,
    loc: &'static Location<'static>,
) -> Result<()> {
    check_timeout(timeout)?;
    let (shared, callbacks, idx) = with_state(|st| {
        let waiter = st.new_future(FKind::Plain);
        let deadline = timeout.map(|t| st.now() + t);
        let timer = deadline.map(|when| st.call_at(when, TimerAction::SetResultUnlessCancelled(waiter)));
        let shared = Rc::new(WaitShared { counter: Cell::new(futs.len()), return_when, waiter, timer });
        let callbacks: Vec<(FutId, u32)> = futs
            .iter()
            .map(|&f| {
                let s = shared.clone();
                (f, add_callback(st, f, Box::new(move || on_completion(&s, f))))
            })
            .collect();
        let idx = st.log.add_wait(WaitRecord::Wait { tasks, mode: return_when.mode(), deadline });
        (shared, callbacks, idx)
    })
    .ok_or_else(no_loop)?;
    let r = WaitFuture::new(shared.waiter, None, WaitKind::Wait, u64::from(idx)).at(loc).await;
    with_state(|st| {
        if let Some(t) = shared.timer {
            st.cancel_timer(t);
        }
        for (f, cb) in callbacks {
            remove_callback(st, f, cb);
        }
        st.futs.remove(shared.waiter);
    });
    r
}

/// `await asyncio.wait(fs, timeout=timeout, return_when=return_when)`:
/// waits for the futures (tasks) until `return_when` holds or `timeout`
/// seconds pass, and returns `(done, pending)`, each in the order of `fs`
/// (duplicates removed). Pending futures are left running, not cancelled.
/// An empty `fs` is `ValueError('Set of Tasks/Futures is empty.')`. The
/// coroutine is named `wait` (and `_wait` inside it) in the awaiting chain.
///
/// Coroutines cannot be passed (CPython 3.11+ raises `TypeError`): wrap
/// them in tasks with [`create_task`](crate::create_task).
///
/// # Examples
/// ```
/// use taskline::{coro, create_task, sleep, wait, ReturnWhen};
/// let run = taskline::run(coro("main", async {
///     let slow = create_task("slow", coro("job", async { sleep(5).await?; Ok(5) }));
///     let (done, pending) = wait(vec![slow.clone()], Some(2.0), ReturnWhen::AllCompleted).await?;
///     assert!(done.is_empty() && !slow.done());
///     slow.cancel();
///     Ok(pending.len())
/// }));
/// assert_eq!(run.result, Ok(1));
/// assert_eq!(run.log.end_time(), 2.0);
/// ```
#[track_caller]
pub fn wait<T, F>(
    fs: Vec<F>,
    timeout: Option<f64>,
    return_when: ReturnWhen,
) -> Coro<impl Future<Output = Result<(Vec<F>, Vec<F>)>>>
where
    F: FutureLike<T> + 'static,
{
    let loc = Location::caller();
    coro("wait", async move {
        if fs.is_empty() {
            return Err(Error::new("ValueError", "Set of Tasks/Futures is empty."));
        }
        check_timeout(timeout)?;
        // `fs = set(fs)`.
        let mut items: Vec<(FutId, F)> = Vec::with_capacity(fs.len());
        for f in fs {
            let Some(id) = f.fut_id() else { return Err(no_loop()) };
            if !items.iter().any(|(x, _)| *x == id) {
                items.push((id, f));
            }
        }
        let futs: Vec<FutId> = items.iter().map(|(id, _)| *id).collect();
        let tasks: Vec<TaskId> = items.iter().filter_map(|(_, f)| f.task_id()).collect();
        coro("_wait", wait_futures(futs, tasks, timeout, return_when, loc)).await?;
        let done_flags: Vec<bool> =
            with_state(|st| items.iter().map(|(id, _)| st.fut_done(*id)).collect()).ok_or_else(no_loop)?;
        let (mut done, mut pending) = (Vec::new(), Vec::new());
        for ((_, f), d) in items.into_iter().zip(done_flags) {
            if d { done.push(f) } else { pending.push(f) }
        }
        Ok((done, pending))
    })
}

// -------------------------------------------------------------- as_completed

/// The shared state of an `_AsCompletedIterator`.
struct AcState<F> {
    /// The futures (`ensure_future` of each awaitable), with their items.
    items: Vec<(FutId, Option<TaskId>, F)>,
    /// `_todo`: indices into `items` of the futures not finished yet, with their done-callback.
    todo: RefCell<Vec<(usize, u32)>>,
    /// `_todo_left`.
    todo_left: Cell<usize>,
    /// `_done`: the queue of finished futures (`None`: a timeout sentinel).
    done: RefCell<VecDeque<Option<usize>>>,
    /// The queue's `_getters`.
    getters: RefCell<VecDeque<FutId>>,
    timer: Cell<Option<Key>>,
    deadline: Option<f64>,
}

impl<F> AcState<F> {
    /// `_done.put_nowait(item)`: appends and wakes the first live getter (`_wakeup_next`).
    fn put(&self, st: &mut State, item: Option<usize>) {
        self.done.borrow_mut().push_back(item);
        self.wakeup_next(st);
    }

    fn wakeup_next(&self, st: &mut State) {
        loop {
            let Some(g) = self.getters.borrow_mut().pop_front() else { return };
            if !st.fut_done(g) {
                st.set_result(g);
                return;
            }
        }
    }

    /// `_handle_completion(f)`.
    fn handle_completion(&self, st: &mut State, i: usize) {
        if self.todo.borrow().is_empty() {
            return; // _handle_timeout() was here first.
        }
        self.todo.borrow_mut().retain(|(j, _)| *j != i);
        self.put(st, Some(i));
        if self.todo.borrow().is_empty() {
            if let Some(t) = self.timer.get() {
                st.cancel_timer(t);
            }
        }
    }

    /// `_handle_timeout()`.
    fn handle_timeout(&self, st: &mut State) {
        let todo = std::mem::take(&mut *self.todo.borrow_mut());
        for (i, cb) in todo {
            remove_callback(st, self.items[i].0, cb);
            self.put(st, None);
        }
    }

    /// The tasks not finished yet, for the log.
    fn todo_tasks(&self) -> Vec<TaskId> {
        self.todo.borrow().iter().filter_map(|&(i, _)| self.items[i].1).collect()
    }
}

/// A future of [`as_completed`]: the task (or other future) behind one awaitable.
pub type Completed<T> = Rc<dyn FutureLike<T>>;

/// The iterator of [`as_completed`] (CPython 3.13's `_AsCompletedIterator`):
/// [`AsCompleted::next`] is `__next__` (an awaitable of the next result in
/// completion order), [`AsCompleted::next_done`] is `__anext__` (the next
/// finished future itself, as `async for` gives it). Clones share the iterator.
pub struct AsCompleted<F>(Rc<AcState<F>>);

impl<F> Clone for AsCompleted<F> {
    fn clone(&self) -> Self {
        AsCompleted(self.0.clone())
    }
}

impl<F> std::fmt::Debug for AsCompleted<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AsCompleted").field("todo_left", &self.0.todo_left.get()).finish()
    }
}

impl<F: Clone + 'static> AsCompleted<F> {
    /// `_AsCompletedIterator(aws, timeout)` over futures already made (`ensure_future`
    /// done by the caller): each is its loop future, its task if it is one, and the item
    /// handed back for it. Distinct futures only (the caller applies `set(aws)`).
    pub(crate) fn from_futures(items: Vec<(FutId, Option<TaskId>, F)>, timeout: Option<f64>) -> Result<AsCompleted<F>> {
        check_timeout(timeout)?;
        let n = items.len();
        let deadline = with_state(|st| timeout.filter(|_| n > 0).map(|t| st.now() + t)).ok_or_else(no_loop)?;
        let state = Rc::new(AcState {
            items,
            todo: RefCell::new(Vec::with_capacity(n)),
            todo_left: Cell::new(n),
            done: RefCell::new(VecDeque::new()),
            getters: RefCell::new(VecDeque::new()),
            timer: Cell::new(None),
            deadline,
        });
        with_state(|st| {
            for i in 0..n {
                let weak = Rc::downgrade(&state);
                let f = state.items[i].0;
                // The todo entry is in place before the callback can run (it runs later, from the ready queue).
                let cb = add_callback(
                    st,
                    f,
                    Box::new(move || {
                        if let Some(s) = weak.upgrade() {
                            with_state(|st| s.handle_completion(st, i));
                        }
                    }),
                );
                state.todo.borrow_mut().push((i, cb));
            }
            if let Some(when) = deadline {
                let weak = Rc::downgrade(&state);
                let key = call_at(
                    st,
                    when,
                    Box::new(move || {
                        if let Some(s) = weak.upgrade() {
                            with_state(|st| s.handle_timeout(st));
                        }
                    }),
                );
                state.timer.set(Some(key));
            }
        });
        Ok(AsCompleted(state))
    }

    /// How many more times the iterator yields (`_todo_left`).
    pub fn remaining(&self) -> usize {
        self.0.todo_left.get()
    }

    /// `__anext__()`: `None` when exhausted (`StopAsyncIteration`), else an
    /// awaitable of the next finished future in completion order
    /// (`Err(TimeoutError)` once the timeout has passed). The coroutines are
    /// named `_AsCompletedIterator.__anext__` and `_AsCompletedIterator._wait_for_one`.
    #[track_caller]
    pub fn next_done(&self) -> Option<Coro<impl Future<Output = Result<F>> + use<F>>> {
        let loc = Location::caller();
        self.take_one().map(|s| {
            coro("_AsCompletedIterator.__anext__", async move {
                coro("_AsCompletedIterator._wait_for_one", wait_for_one(s, loc)).await
            })
        })
    }

    /// `__next__()` without resolving: the awaitable `_wait_for_one()` of
    /// the next finished future. `None` when exhausted (`StopIteration`).
    #[track_caller]
    pub fn next_future(&self) -> Option<Coro<impl Future<Output = Result<F>> + use<F>>> {
        let loc = Location::caller();
        self.take_one().map(|s| coro("_AsCompletedIterator._wait_for_one", wait_for_one(s, loc)))
    }

    /// `_wait_for_one()` without its frame, for an embedder that names it itself.
    #[track_caller]
    pub(crate) fn next_raw(&self) -> Option<impl Future<Output = Result<F>> + use<F>> {
        let loc = Location::caller();
        self.take_one().map(|s| wait_for_one(s, loc))
    }

    fn take_one(&self) -> Option<Rc<AcState<F>>> {
        let left = self.0.todo_left.get();
        if left == 0 {
            return None;
        }
        self.0.todo_left.set(left - 1);
        Some(self.0.clone())
    }
}

impl<T: Clone + PyRepr + 'static> AsCompleted<Completed<T>> {
    /// `__next__()`: `None` when exhausted (`StopIteration`), else an
    /// awaitable of the next result in completion order (the future's
    /// result or exception; `Err(TimeoutError)` once the timeout has passed).
    /// The coroutine is named `_AsCompletedIterator._wait_for_one`.
    #[track_caller]
    #[allow(clippy::should_implement_trait)]
    pub fn next(&self) -> Option<Coro<impl Future<Output = Result<T>> + use<T>>> {
        let loc = Location::caller();
        self.take_one()
            .map(|s| coro("_AsCompletedIterator._wait_for_one", async move { wait_for_one(s, loc).await?.result() }))
    }
}

/// `_wait_for_one()`: the next finished future's item (`resolve` is the caller's).
async fn wait_for_one<F: Clone>(s: Rc<AcState<F>>, loc: &'static Location<'static>) -> Result<F> {
    let got = coro("Queue.get", queue_get(s.clone(), loc)).await?;
    match got {
        None => Err(Error::timeout()),
        Some(i) => Ok(s.items[i].2.clone()),
    }
}

/// `await self._done.get()` (asyncio's `Queue.get`).
async fn queue_get<F>(s: Rc<AcState<F>>, loc: &'static Location<'static>) -> Result<Option<usize>> {
    loop {
        let getter = with_state(|st| {
            if !s.done.borrow().is_empty() {
                return None;
            }
            let g = st.new_future(FKind::Plain);
            s.getters.borrow_mut().push_back(g);
            let rec = WaitRecord::Wait { tasks: s.todo_tasks(), mode: WaitMode::AsCompleted, deadline: s.deadline };
            Some((g, st.log.add_wait(rec)))
        })
        .ok_or_else(no_loop)?;
        let Some((g, idx)) = getter else { break };
        let r = WaitFuture::new(g, None, WaitKind::Wait, u64::from(idx)).at(loc).await;
        with_state(|st| {
            if let Err(e) = &r {
                let _ = e;
                st.fut_cancel(g, None, None);
                s.getters.borrow_mut().retain(|x| *x != g);
                if !s.done.borrow().is_empty() && st.fut_state(g) != FState::Cancelled {
                    s.wakeup_next(st);
                }
            }
            st.futs.remove(g);
        });
        r?;
    }
    Ok(s.done.borrow_mut().pop_front().flatten())
}

/// `asyncio.as_completed(aws, timeout=timeout)` (3.13): wraps each
/// awaitable with `ensure_future` now (a coroutine becomes a task), and
/// returns the iterator of their outcomes in completion order. After
/// `timeout` seconds, the awaitables still pending give `TimeoutError`
/// (they are not cancelled).
///
/// # Examples
/// ```
/// use taskline::{as_completed, coro, sleep};
/// let run = taskline::run(coro("main", async {
///     let jobs = vec![3u64, 1, 2].into_iter().map(|s| coro("job", async move { sleep(s).await?; Ok(s) }));
///     let it = as_completed(jobs.collect(), None)?;
///     let mut order = Vec::new();
///     while let Some(next) = it.next() {
///         order.push(next.await?);
///     }
///     Ok(order)
/// }));
/// assert_eq!(run.result, Ok(vec![1, 2, 3]));
/// ```
#[track_caller]
pub fn as_completed<A: Awaitable>(aws: Vec<A>, timeout: Option<f64>) -> Result<AsCompleted<Completed<A::Output>>> {
    let loc = Location::caller();
    let mut items: Vec<(FutId, Option<TaskId>, Completed<A::Output>)> = Vec::with_capacity(aws.len());
    let via = as_completed_via()?;
    for aw in aws {
        let f = aw.ensure_future(via, loc);
        let Some(id) = f.fut_id() else { return Err(no_loop()) };
        if !items.iter().any(|(x, _, _)| *x == id) {
            items.push((id, f.task_id(), f));
        }
    }
    AsCompleted::from_futures(items, timeout)
}

/// The `via` of the tasks `as_completed` wraps coroutines in.
fn as_completed_via() -> Result<Via> {
    with_state(|st| Via::Other(st.log.intern("as_completed"))).ok_or_else(no_loop)
}

/// `ensure_future(coro)` as `as_completed` calls it: a new task for the
/// coroutine, recorded as made by `as_completed`.
pub(crate) fn spawn_for_as_completed<F, T>(body: Coro<F>, loc: &'static Location<'static>) -> Result<super::Task<T>>
where
    F: Future<Output = Result<T>> + 'static,
    T: Clone + PyRepr + 'static,
{
    let via = as_completed_via()?;
    super::core::with_inner(|inner| super::task::spawn_task(inner, None, body, via, loc)).ok_or_else(no_loop)
}
