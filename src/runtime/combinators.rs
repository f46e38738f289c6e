//! `wait_for`, `shield` and `gather`, built as asyncio builds them.

use std::future::Future;
use std::panic::Location;
use std::pin::Pin;
use std::rc::Rc;

use super::core::{
    Callback, FKind, FState, FutId, GatherRec, TimeoutRec, TimeoutState, TimerAction, with_inner, with_state,
};
use super::coro::{Coro, coro};
use super::error::{Error, PyRepr, Result};
use super::leaf::{Seconds, WaitFuture};
use super::task::{Task, spawn_task};
use crate::trace::{TaskId, Via, WaitKind, WaitRecord};

fn no_loop() -> Error {
    Error::new("RuntimeError", "no running event loop")
}

/// A boxed future of an awaitable's result.
pub type BoxAwait<T> = Pin<Box<dyn Future<Output = Result<T>>>>;

/// Something asyncio's combinators accept: a coroutine, a task, a shield
/// or a gather. Awaiting a coroutine runs it inside the awaiting task;
/// `ensure_future` wraps a coroutine in a new task.
pub trait Awaitable: 'static {
    /// The value it produces.
    type Output: Clone + PyRepr + 'static;
    /// `await x`, where `loc` is the place of the await.
    fn into_await(self, loc: &'static Location<'static>) -> BoxAwait<Self::Output>;
    /// `asyncio.ensure_future(x)`: the future behind it (a new task for a
    /// coroutine, created at `loc` by the asyncio function `via`).
    fn ensure_future(self, via: Via, loc: &'static Location<'static>) -> Rc<dyn FutureLike<Self::Output>>;
}

/// A future of the loop with a typed result (a task, a shield, a gather).
pub trait FutureLike<T> {
    /// The loop future.
    #[doc(hidden)]
    fn fut_id(&self) -> Option<FutId>;
    /// The task behind it, if it is a task.
    fn task_id(&self) -> Option<TaskId>;
    /// `future.result()`.
    fn result(&self) -> Result<T>;
}

impl<T: Clone + PyRepr + 'static> FutureLike<T> for Task<T> {
    fn fut_id(&self) -> Option<FutId> {
        Task::fut_id(self)
    }
    fn task_id(&self) -> Option<TaskId> {
        Some(self.id())
    }
    fn result(&self) -> Result<T> {
        Task::result(self)
    }
}

impl<F, T> Awaitable for Coro<F>
where
    F: Future<Output = Result<T>> + 'static,
    T: Clone + PyRepr + 'static,
{
    type Output = T;
    fn into_await(self, _loc: &'static Location<'static>) -> BoxAwait<T> {
        Box::pin(self)
    }
    fn ensure_future(self, via: Via, loc: &'static Location<'static>) -> Rc<dyn FutureLike<T>> {
        match with_inner(|inner| spawn_task(inner, None, self, via, loc)) {
            Some(t) => Rc::new(t),
            None => Rc::new(Failed(no_loop())),
        }
    }
}

impl<T: Clone + PyRepr + 'static> Awaitable for Task<T> {
    type Output = T;
    fn into_await(self, loc: &'static Location<'static>) -> BoxAwait<T> {
        Box::pin(self.join_at(loc))
    }
    fn ensure_future(self, _via: Via, _loc: &'static Location<'static>) -> Rc<dyn FutureLike<T>> {
        Rc::new(self)
    }
}

struct Failed(Error);

impl<T> FutureLike<T> for Failed {
    fn fut_id(&self) -> Option<FutId> {
        None
    }
    fn task_id(&self) -> Option<TaskId> {
        None
    }
    fn result(&self) -> Result<T> {
        Err(self.0.clone())
    }
}

/// Awaits any loop future and then reads its typed result.
async fn await_future<T>(
    f: Rc<dyn FutureLike<T>>,
    wait: WaitKind,
    b: u64,
    loc: &'static Location<'static>,
) -> Result<T> {
    let Some(fut) = f.fut_id() else { return f.result() };
    WaitFuture::new(fut, None, wait, b).at(loc).await?;
    f.result()
}

// ------------------------------------------------------------------ wait_for

/// `asyncio.timeout(delay)` as entered by the running task (`__aenter__`).
struct TimeoutGuard {
    idx: usize,
    task: TaskId,
    exited: bool,
}

impl TimeoutGuard {
    fn enter(delay: f64) -> Result<TimeoutGuard> {
        // CPython schedules a timer at NaN and its loop then fails in
        // `select` ("cannot convert float NaN to integer"); taskline refuses
        // the deadline where it is set, as `sleep(nan)` does.
        if delay.is_nan() {
            return Err(Error::new("ValueError", "Invalid timeout: NaN (not a number)"));
        }
        with_state(|st| {
            let Some(task) = st.current else {
                return Err(Error::new("RuntimeError", "Timeout should be used inside a task"));
            };
            let when = st.now() + delay;
            let idx = st.timeouts.len();
            let cancelling = st.tasks[task as usize].num_cancels;
            st.timeouts.push(TimeoutRec {
                task,
                when: Some(when),
                state: TimeoutState::Entered,
                cancelling,
                timer: None,
                soon_cancelled: false,
                soon_pending: false,
            });
            if when <= st.now() {
                st.timeouts[idx].soon_pending = true;
                st.ready.push_back(super::core::Handle::Timeout(idx));
            } else {
                let key = st.call_at(when, TimerAction::Timeout(idx));
                st.timeouts[idx].timer = Some(key);
            }
            st.tasks[task as usize].deadlines.push(when);
            Ok(TimeoutGuard { idx, task, exited: false })
        })
        .unwrap_or_else(|| Err(no_loop()))
    }

    fn cleanup(&mut self, st: &mut super::core::State) -> TimeoutState {
        self.exited = true;
        st.tasks[self.task as usize].deadlines.pop();
        let tm = &mut st.timeouts[self.idx];
        let timer = tm.timer.take();
        if tm.soon_pending {
            tm.soon_cancelled = true;
        }
        let state = tm.state;
        if let Some(key) = timer {
            st.cancel_timer(key);
        }
        state
    }

    /// `__aexit__`: a cancel caused by the deadline becomes `TimeoutError`.
    fn exit<T>(mut self, r: Result<T>) -> Result<T> {
        with_state(|st| {
            let state = self.cleanup(st);
            match state {
                TimeoutState::Expiring => {
                    st.timeouts[self.idx].state = TimeoutState::Expired;
                    let snapshot = st.timeouts[self.idx].cancelling;
                    if st.task_uncancel(self.task) <= snapshot {
                        if let Err(e) = &r {
                            if e.is_cancelled() {
                                return Err(Error::timeout());
                            }
                        }
                    }
                    r
                }
                TimeoutState::Entered => {
                    st.timeouts[self.idx].state = TimeoutState::Exited;
                    r
                }
                _ => r,
            }
        })
        .unwrap_or(r_or_no_loop())
    }
}

fn r_or_no_loop<T>() -> Result<T> {
    Err(no_loop())
}

impl Drop for TimeoutGuard {
    fn drop(&mut self) {
        if !self.exited {
            with_state(|st| {
                self.cleanup(st);
            });
        }
    }
}

/// `_cancel_and_wait(fut)`: cancels `fut` and waits until it has finished.
fn cancel_and_wait(fut: FutId, loc: &'static Location<'static>) -> Coro<impl Future<Output = Result<()>>> {
    coro("_cancel_and_wait", async move {
        let waiter = with_state(|st| {
            let waiter = st.new_future(FKind::Plain);
            st.add_done_callback(fut, Callback::ReleaseWaiter { waiter });
            st.fut_cancel(fut, None, Some("wait_for"));
            waiter
        })
        .ok_or_else(no_loop)?;
        let r = WaitFuture::new(waiter, None, WaitKind::Future, 0).at(loc).await;
        with_state(|st| {
            st.remove_done_callback(fut, Callback::ReleaseWaiter { waiter });
            st.futs.remove(waiter);
        });
        r
    })
}

/// `asyncio.wait_for(aw, timeout)`: awaits `aw` under a deadline. When the
/// deadline passes, the running task is cancelled (and so is what it
/// awaits: a task receives the cancel), `wait_for` waits for that to
/// finish, then returns `Err(TimeoutError)` — or the value, if the inner
/// work swallowed the cancel. A coroutine runs inside the calling task.
///
/// # Examples
/// ```
/// use taskline::{coro, sleep, wait_for};
/// let run = taskline::run(coro("main", async {
///     let r = wait_for(coro("slow", async { sleep(5).await?; Ok(1) }), 2).await;
///     Ok(r.unwrap_err().is_timeout())
/// }));
/// assert_eq!(run.result, Ok(true));
/// assert_eq!(run.log.end_time(), 2.0);
/// ```
#[track_caller]
pub fn wait_for<A: Awaitable>(aw: A, timeout: impl Seconds) -> Coro<impl Future<Output = Result<A::Output>>> {
    let delay = timeout.seconds();
    let loc = Location::caller();
    coro("wait_for", async move {
        if delay <= 0.0 {
            let f = aw.ensure_future(Via::WaitFor, loc);
            let Some(fut) = f.fut_id() else { return f.result() };
            if with_state(|st| st.fut_done(fut)).unwrap_or(true) {
                return f.result();
            }
            cancel_and_wait(fut, loc).await?;
            return match f.result() {
                Err(e) if e.is_cancelled() => Err(Error::timeout()),
                r => r,
            };
        }
        let guard = TimeoutGuard::enter(delay)?;
        let r = aw.into_await(loc).await;
        guard.exit(r)
    })
}

/// `async with asyncio.timeout(delay): await body`: `Err(TimeoutError)` if
/// the deadline passes first (the coroutine runs inside the calling task).
/// Like Python's context manager, it adds no frame to the awaiting chain.
#[track_caller]
pub fn timeout<F, T>(delay: impl Seconds, body: Coro<F>) -> Coro<impl Future<Output = Result<T>>>
where
    F: Future<Output = Result<T>> + 'static,
    T: 'static,
{
    let delay = delay.seconds();
    coro("timeout", async move {
        let guard = TimeoutGuard::enter(delay)?;
        let r = body.await;
        guard.exit(r)
    })
    .into_task_body()
}

/// `async with asyncio.timeout(delay):` around a block of code that is not
/// a coroutine of its own: [`TimeoutScope::enter`] is `__aenter__`,
/// [`TimeoutScope::exit`] is `__aexit__` (a cancel caused by the deadline
/// becomes `TimeoutError`). Dropping a scope without `exit` just removes
/// the deadline.
#[derive(Debug)]
pub struct TimeoutScope(TimeoutGuard);

impl std::fmt::Debug for TimeoutGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TimeoutGuard").field("task", &self.task).finish()
    }
}

impl TimeoutScope {
    /// `asyncio.timeout(delay).__aenter__()` in the running task.
    pub fn enter(delay: impl Seconds) -> Result<TimeoutScope> {
        TimeoutGuard::enter(delay.seconds()).map(TimeoutScope)
    }

    /// `asyncio.timeout_at(when).__aenter__()`: `when` on the loop's clock.
    pub fn enter_at(when: f64) -> Result<TimeoutScope> {
        let now = with_state(|st| st.now()).unwrap_or(0.0);
        TimeoutGuard::enter(when - now).map(TimeoutScope)
    }

    /// `__aexit__` with the block's outcome.
    pub fn exit<T>(self, r: Result<T>) -> Result<T> {
        self.0.exit(r)
    }
}

// -------------------------------------------------------------------- shield

/// The future of [`shield`]. Clones refer to the same outer future.
pub struct Shield<T> {
    inner: Rc<dyn FutureLike<T>>,
    outer: Option<FutId>,
}

impl<T> Clone for Shield<T> {
    fn clone(&self) -> Self {
        Shield { inner: self.inner.clone(), outer: self.outer }
    }
}

impl<T> std::fmt::Debug for Shield<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shield").field("outer", &self.outer).finish()
    }
}

/// `asyncio.shield(aw)`: awaiting the result is cancelled when the awaiting
/// task is, but the inner task is not: it runs on.
#[track_caller]
pub fn shield<A: Awaitable>(aw: A) -> Shield<A::Output> {
    let loc = Location::caller();
    let inner = aw.ensure_future(Via::Shield, loc);
    let outer = inner.fut_id().and_then(|ifut| {
        with_state(|st| {
            if st.fut_done(ifut) {
                return None;
            }
            let outer = st.new_future(FKind::Shield { inner: ifut });
            st.add_done_callback(ifut, Callback::ShieldInner { outer });
            st.add_done_callback(outer, Callback::ShieldOuter { inner: ifut });
            Some(outer)
        })
        .flatten()
    });
    Shield { inner, outer }
}

impl<T: 'static> FutureLike<T> for Shield<T> {
    fn fut_id(&self) -> Option<FutId> {
        self.outer.or_else(|| self.inner.fut_id())
    }
    fn task_id(&self) -> Option<TaskId> {
        if self.outer.is_some() { None } else { self.inner.task_id() }
    }
    fn result(&self) -> Result<T> {
        let Some(outer) = self.outer else { return self.inner.result() };
        let state = with_state(|st| match st.fut_state(outer) {
            FState::Done => Ok(()),
            _ => Err(st.fut_error(outer).unwrap_or_else(Error::cancelled)),
        });
        match state {
            Some(Ok(())) => self.inner.result(),
            Some(Err(e)) => Err(e),
            None => Err(no_loop()),
        }
    }
}

impl<T: Clone + PyRepr + 'static> Shield<T> {
    fn wait_target(&self) -> (WaitKind, u64) {
        match (self.outer, self.inner.task_id()) {
            (Some(_), Some(t)) => (WaitKind::Shield, u64::from(t)),
            (None, Some(t)) => (WaitKind::Task, u64::from(t)),
            _ => (WaitKind::Future, 0),
        }
    }
}

impl<T: Clone + PyRepr + 'static> Awaitable for Shield<T> {
    type Output = T;
    fn into_await(self, loc: &'static Location<'static>) -> BoxAwait<T> {
        let (wait, b) = self.wait_target();
        Box::pin(await_future(Rc::new(self), wait, b, loc))
    }
    fn ensure_future(self, _via: Via, _loc: &'static Location<'static>) -> Rc<dyn FutureLike<T>> {
        Rc::new(self)
    }
}

impl<T: Clone + PyRepr + 'static> std::future::IntoFuture for Shield<T> {
    type Output = Result<T>;
    type IntoFuture = BoxAwait<T>;
    #[track_caller]
    fn into_future(self) -> BoxAwait<T> {
        self.into_await(Location::caller())
    }
}

// -------------------------------------------------------------------- gather

/// The future of [`gather`]: all results in order, or the first exception.
pub struct Gather<T> {
    outer: Option<FutId>,
    children: Vec<Rc<dyn FutureLike<T>>>,
    tasks: Vec<TaskId>,
}

impl<T> Clone for Gather<T> {
    fn clone(&self) -> Self {
        Gather { outer: self.outer, children: self.children.clone(), tasks: self.tasks.clone() }
    }
}

impl<T> std::fmt::Debug for Gather<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gather").field("outer", &self.outer).field("children", &self.tasks).finish()
    }
}

fn gather_inner<A: Awaitable>(
    aws: Vec<A>,
    return_exceptions: bool,
    loc: &'static Location<'static>,
) -> Gather<A::Output> {
    let children: Vec<Rc<dyn FutureLike<A::Output>>> =
        aws.into_iter().map(|a| a.ensure_future(Via::Gather, loc)).collect();
    let tasks: Vec<TaskId> = children.iter().filter_map(|c| c.task_id()).collect();
    let futs: Vec<FutId> = children.iter().filter_map(|c| c.fut_id()).collect();
    let outer = with_state(|st| {
        let outer = st.new_future(FKind::Gather(Box::new(GatherRec {
            children: futs.clone(),
            nfinished: 0,
            return_exceptions,
            cancel_requested: false,
        })));
        if futs.is_empty() {
            st.set_result(outer);
            return outer;
        }
        let mut done_futs = Vec::new();
        for &f in &futs {
            if st.fut_done(f) {
                done_futs.push(f);
            } else {
                st.add_done_callback(f, Callback::GatherChild { gather: outer });
            }
        }
        for f in done_futs {
            st.gather_child_done(f, outer);
        }
        outer
    });
    Gather { outer, children, tasks }
}

/// `asyncio.gather(*aws)`: runs coroutines as tasks and awaits them all;
/// the results come in order. The first exception (or cancellation) of a
/// child is the gather's; cancelling the gather cancels every child.
#[track_caller]
pub fn gather<A: Awaitable>(aws: Vec<A>) -> Gather<A::Output> {
    gather_inner(aws, false, Location::caller())
}

/// `asyncio.gather(*aws, return_exceptions=True)`: every child's outcome, in order.
#[track_caller]
pub fn gather_settled<A: Awaitable>(aws: Vec<A>) -> GatherSettled<A::Output> {
    GatherSettled(gather_inner(aws, true, Location::caller()))
}

impl<T: Clone + PyRepr + 'static> Gather<T> {
    fn outer_error(&self) -> Option<Error> {
        let outer = self.outer?;
        with_state(|st| match st.fut_state(outer) {
            FState::Done => None,
            _ => Some(st.fut_error(outer).unwrap_or_else(Error::cancelled)),
        })
        .flatten()
    }

    fn wait(&self) -> Option<(FutId, u64)> {
        let outer = self.outer?;
        let idx = with_state(|st| st.log.add_wait(WaitRecord::Gather(self.tasks.clone())))?;
        Some((outer, u64::from(idx)))
    }
}

impl<T: Clone + PyRepr + 'static> FutureLike<Vec<T>> for Gather<T> {
    fn fut_id(&self) -> Option<FutId> {
        self.outer
    }
    fn task_id(&self) -> Option<TaskId> {
        None
    }
    fn result(&self) -> Result<Vec<T>> {
        if let Some(e) = self.outer_error() {
            return Err(e);
        }
        self.children.iter().map(|c| c.result()).collect()
    }
}

impl<T: Clone + PyRepr + 'static> Awaitable for Gather<T> {
    type Output = Vec<T>;
    fn into_await(self, loc: &'static Location<'static>) -> BoxAwait<Vec<T>> {
        Box::pin(async move {
            if let Some((outer, b)) = self.wait() {
                WaitFuture::new(outer, None, WaitKind::Gather, b).at(loc).await?;
            }
            FutureLike::result(&self)
        })
    }
    fn ensure_future(self, _via: Via, _loc: &'static Location<'static>) -> Rc<dyn FutureLike<Vec<T>>> {
        Rc::new(self)
    }
}

impl<T: Clone + PyRepr + 'static> std::future::IntoFuture for Gather<T> {
    type Output = Result<Vec<T>>;
    type IntoFuture = BoxAwait<Vec<T>>;
    #[track_caller]
    fn into_future(self) -> BoxAwait<Vec<T>> {
        self.into_await(Location::caller())
    }
}

/// The future of [`gather_settled`].
#[derive(Debug)]
pub struct GatherSettled<T>(Gather<T>);

impl<T> Clone for GatherSettled<T> {
    fn clone(&self) -> Self {
        GatherSettled(self.0.clone())
    }
}

impl<T: Clone + PyRepr + 'static> FutureLike<Vec<Result<T>>> for GatherSettled<T> {
    fn fut_id(&self) -> Option<FutId> {
        self.0.outer
    }
    fn task_id(&self) -> Option<TaskId> {
        None
    }
    fn result(&self) -> Result<Vec<Result<T>>> {
        if let Some(e) = self.0.outer_error() {
            return Err(e);
        }
        Ok(self
            .0
            .children
            .iter()
            .map(|c| match c.result() {
                // gather builds CancelledError('' or the child's _cancel_message),
                // not the error the child ended with.
                Err(e) if e.is_cancelled() => {
                    let msg = c.fut_id().and_then(|f| with_state(|st| st.fut_cancel_message(f)).flatten());
                    Err(Error::cancelled_with(Some(msg.as_deref().unwrap_or(""))))
                }
                r => r,
            })
            .collect())
    }
}

impl<T: Clone + PyRepr + 'static> Awaitable for GatherSettled<T> {
    type Output = Vec<Result<T>>;
    fn into_await(self, loc: &'static Location<'static>) -> BoxAwait<Vec<Result<T>>> {
        Box::pin(async move {
            if let Some((outer, b)) = self.0.wait() {
                WaitFuture::new(outer, None, WaitKind::Gather, b).at(loc).await?;
            }
            FutureLike::result(&self)
        })
    }
    fn ensure_future(self, _via: Via, _loc: &'static Location<'static>) -> Rc<dyn FutureLike<Vec<Result<T>>>> {
        Rc::new(self)
    }
}

impl<T: Clone + PyRepr + 'static> std::future::IntoFuture for GatherSettled<T> {
    type Output = Result<Vec<Result<T>>>;
    type IntoFuture = BoxAwait<Vec<Result<T>>>;
    #[track_caller]
    fn into_future(self) -> BoxAwait<Vec<Result<T>>> {
        self.into_await(Location::caller())
    }
}
