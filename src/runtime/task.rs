//! Tasks: `create_task`, the typed [`Task`] handle, and the driver that the
//! `LocalExecutor` polls.

use std::cell::{Cell, RefCell};
use std::future::{Future, IntoFuture};
use std::panic::{AssertUnwindSafe, Location, catch_unwind};
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

use super::core::{FState, FutId, Inner, State, with_inner, with_state};
use super::coro::Coro;
use super::error::{Error, PyRepr, Result};
use super::leaf::WaitFuture;
use crate::trace::{TaskId, Via, WaitKind, WakeReason};

thread_local! {
    /// Set while a task's coroutine is polled: panics there are recorded, not printed.
    pub(crate) static IN_TASK: Cell<bool> = const { Cell::new(false) };
}

/// The typed result slot shared by a task's driver and its handles.
#[derive(Debug)]
pub(crate) struct TaskCell<T> {
    pub value: RefCell<Option<Result<T>>>,
}

#[derive(Debug)]
struct HandleGuard {
    id: TaskId,
    run: u64,
}

impl Drop for HandleGuard {
    fn drop(&mut self) {
        let id = self.id;
        in_run(self.run, |st| st.drop_handles(id));
    }
}

/// Runs `f` with the loop state if the running loop is run `run` (a handle
/// kept from another run does nothing).
fn in_run<R>(run: u64, f: impl FnOnce(&mut State) -> R) -> Option<R> {
    with_state(|st| (st.run_id == run).then(|| f(st))).flatten()
}

/// The id of the running loop's run (0 outside a run).
fn current_run() -> u64 {
    with_state(|st| st.run_id).unwrap_or(0)
}

/// A handle to a task (asyncio's `Task`): await it for its result, or
/// cancel it. Clones refer to the same task.
///
/// # Examples
/// ```
/// use taskline::{coro, create_task, sleep};
/// let run = taskline::run(coro("main", async {
///     let t = create_task("child", coro("child", async { sleep(1).await?; Ok(7) }));
///     assert!(!t.done());
///     let v = (&t).await?;
///     assert!(t.done());
///     Ok(v)
/// }));
/// assert_eq!(run.result, Ok(7));
/// ```
pub struct Task<T> {
    id: TaskId,
    run: u64,
    cell: Rc<TaskCell<T>>,
    guard: Rc<HandleGuard>,
}

impl<T> Clone for Task<T> {
    fn clone(&self) -> Self {
        Task { id: self.id, run: self.run, cell: self.cell.clone(), guard: self.guard.clone() }
    }
}

impl<T> std::fmt::Debug for Task<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Task").field("id", &self.id).finish()
    }
}

fn no_loop() -> Error {
    Error::new("RuntimeError", "no running event loop")
}

impl<T: Clone + 'static> Task<T> {
    /// The task's id in the log's task table.
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// `task.get_name()`.
    pub fn name(&self) -> String {
        in_run(self.run, |st| st.task_name(self.id).to_owned()).unwrap_or_default()
    }

    /// `task.set_name(name)`.
    pub fn set_name(&self, name: &str) {
        in_run(self.run, |st| {
            let sym = st.log.intern(name);
            if let Some(t) = st.log.tasks.get_mut(self.id as usize) {
                t.name = sym;
            }
        });
    }

    /// `task.done()`.
    pub fn done(&self) -> bool {
        in_run(self.run, |st| st.task_done(self.id)).unwrap_or_else(|| self.cell.value.borrow().is_some())
    }

    /// `task.cancelled()`.
    pub fn cancelled(&self) -> bool {
        in_run(self.run, |st| st.fut_state(st.task_fut(self.id)) == FState::Cancelled).unwrap_or(false)
    }

    /// `task.cancel()`: requests cancellation; the task receives
    /// `CancelledError` at its current await, later in this instant.
    /// Returns false if the task is already done.
    #[track_caller]
    pub fn cancel(&self) -> bool {
        self.cancel_inner(None, Location::caller())
    }

    /// `task.cancel(msg)`.
    #[track_caller]
    pub fn cancel_with(&self, msg: &str) -> bool {
        self.cancel_inner(Some(msg.into()), Location::caller())
    }

    fn cancel_inner(&self, msg: Option<Rc<str>>, loc: &'static Location<'static>) -> bool {
        in_run(self.run, |st| {
            let loc = st.intern_loc(loc);
            st.task_cancel_at(self.id, msg, None, loc)
        })
        .unwrap_or(false)
    }

    /// `task.cancelling()`: pending cancel requests.
    pub fn cancelling(&self) -> u32 {
        in_run(self.run, |st| st.tasks[self.id as usize].num_cancels).unwrap_or(0)
    }

    /// `task.uncancel()`.
    pub fn uncancel(&self) -> u32 {
        in_run(self.run, |st| st.task_uncancel(self.id)).unwrap_or(0)
    }

    /// `task.result()`: the value, or the exception the task ended with;
    /// `InvalidStateError` while it is not done.
    pub fn result(&self) -> Result<T> {
        let state = in_run(self.run, |st| {
            let fut = st.task_fut(self.id);
            match st.fut_state(fut) {
                FState::Done => Ok(()),
                _ => Err(st.fut_error(fut).unwrap_or_else(Error::cancelled)),
            }
        });
        match state {
            Some(Ok(())) | None => match &*self.cell.value.borrow() {
                Some(v) => v.clone(),
                None => Err(Error::invalid_state("Result is not set.")),
            },
            Some(Err(e)) => Err(e),
        }
    }

    /// `task.exception()`: `Ok(None)` for a result, `Ok(Some(e))` for an
    /// exception, `Err(CancelledError)` if cancelled, `Err(InvalidStateError)` if pending.
    pub fn exception(&self) -> Result<Option<Error>> {
        in_run(self.run, |st| {
            let fut = st.task_fut(self.id);
            match st.fut_state(fut) {
                FState::Pending => Err(Error::invalid_state("Exception is not set.")),
                FState::Done => Ok(None),
                FState::Cancelled => Err(st.cancelled_error_peek(fut)),
                FState::Failed => Ok(st.fut_exception(fut)),
            }
        })
        .unwrap_or_else(|| Err(no_loop()))
    }

    /// Awaits the task, recording `loc` as the place of the await.
    pub(crate) fn join_at(&self, loc: &'static Location<'static>) -> TaskJoin<T> {
        TaskJoin { task: self.clone(), wait: None, loc }
    }

    pub(crate) fn fut_id(&self) -> Option<FutId> {
        in_run(self.run, |st| st.task_fut(self.id))
    }

    /// Awaits the task (as `await task` does) without consuming the handle.
    #[track_caller]
    pub fn join(&self) -> TaskJoin<T> {
        TaskJoin { task: self.clone(), wait: None, loc: Location::caller() }
    }
}

impl<T: Clone + 'static> IntoFuture for Task<T> {
    type Output = Result<T>;
    type IntoFuture = TaskJoin<T>;
    #[track_caller]
    fn into_future(self) -> TaskJoin<T> {
        TaskJoin { task: self, wait: None, loc: Location::caller() }
    }
}

impl<T: Clone + 'static> IntoFuture for &Task<T> {
    type Output = Result<T>;
    type IntoFuture = TaskJoin<T>;
    #[track_caller]
    fn into_future(self) -> TaskJoin<T> {
        TaskJoin { task: self.clone(), wait: None, loc: Location::caller() }
    }
}

/// The future of `await task`.
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct TaskJoin<T> {
    task: Task<T>,
    wait: Option<WaitFuture>,
    loc: &'static Location<'static>,
}

impl<T: Clone + 'static> Future for TaskJoin<T> {
    type Output = Result<T>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        let this = &mut *self;
        if this.wait.is_none() {
            let Some(fut) = this.task.fut_id() else { return Poll::Ready(Err(no_loop())) };
            let is_self = with_state(|st| st.current == Some(this.task.id)).unwrap_or(false);
            if is_self {
                return Poll::Ready(Err(Error::new("RuntimeError", "Task cannot await on itself")));
            }
            this.wait = Some(WaitFuture::new(fut, None, WaitKind::Task, u64::from(this.task.id)).at(this.loc));
        }
        let Some(wait) = this.wait.as_mut() else { return Poll::Pending };
        match Pin::new(wait).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Ready(Ok(())) => Poll::Ready(this.task.result()),
        }
    }
}

/// An untyped handle to a task, from [`current_task`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskRef {
    id: TaskId,
    run: u64,
}

impl TaskRef {
    /// The task's id in the log's task table.
    pub fn id(&self) -> TaskId {
        self.id
    }

    pub(crate) fn from_id(id: TaskId) -> TaskRef {
        TaskRef { id, run: current_run() }
    }

    /// `await task` for a task known only by reference: resolves when it is
    /// done (`Ok(())` for a result, else the exception or CancelledError).
    #[track_caller]
    pub fn join(&self) -> impl Future<Output = Result<()>> + use<> {
        let loc = Location::caller();
        let (id, run) = (self.id, self.run);
        async move {
            let Some(fut) = in_run(run, |st| st.task_fut(id)) else { return Err(no_loop()) };
            if in_run(run, |st| st.current == Some(id)).unwrap_or(false) {
                return Err(Error::new("RuntimeError", "Task cannot await on itself"));
            }
            WaitFuture::new(fut, None, WaitKind::Task, u64::from(id)).at(loc).await
        }
    }

    /// `task.cancel(msg)`.
    #[track_caller]
    pub fn cancel_with(&self, msg: &str) -> bool {
        let loc = Location::caller();
        in_run(self.run, |st| {
            let loc = st.intern_loc(loc);
            st.task_cancel_at(self.id, Some(msg.into()), None, loc)
        })
        .unwrap_or(false)
    }

    /// `task.cancelled()`.
    pub fn cancelled(&self) -> bool {
        in_run(self.run, |st| st.fut_state(st.task_fut(self.id)) == FState::Cancelled).unwrap_or(false)
    }

    /// `task.set_name(name)`.
    pub fn set_name(&self, name: &str) {
        in_run(self.run, |st| {
            let sym = st.log.intern(name);
            if let Some(t) = st.log.tasks.get_mut(self.id as usize) {
                t.name = sym;
            }
        });
    }

    /// `task.get_name()`.
    pub fn name(&self) -> String {
        in_run(self.run, |st| st.task_name(self.id).to_owned()).unwrap_or_default()
    }

    /// `task.cancel()`.
    #[track_caller]
    pub fn cancel(&self) -> bool {
        let loc = Location::caller();
        in_run(self.run, |st| {
            let loc = st.intern_loc(loc);
            st.task_cancel_at(self.id, None, None, loc)
        })
        .unwrap_or(false)
    }

    /// `task.cancelling()`.
    pub fn cancelling(&self) -> u32 {
        in_run(self.run, |st| st.tasks[self.id as usize].num_cancels).unwrap_or(0)
    }

    /// `task.uncancel()`.
    pub fn uncancel(&self) -> u32 {
        in_run(self.run, |st| st.task_uncancel(self.id)).unwrap_or(0)
    }

    /// `task.done()`.
    pub fn done(&self) -> bool {
        in_run(self.run, |st| st.task_done(self.id)).unwrap_or(false)
    }
}

/// `asyncio.current_task()`.
pub fn current_task() -> Option<TaskRef> {
    with_state(|st| st.current.map(|id| TaskRef { id, run: st.run_id })).flatten()
}

pin_project! {
    /// Polled by the executor; runs the coroutine only with the loop's permit.
    struct Driver<F, T> {
        id: TaskId,
        cell: Rc<TaskCell<T>>,
        inner: Weak<Inner>,
        done: bool,
        #[pin]
        coro: Coro<F>,
    }
}

pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_owned()
    }
}

impl<F, T> Future for Driver<F, T>
where
    F: Future<Output = Result<T>>,
    T: PyRepr,
{
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.project();
        let Some(inner) = this.inner.upgrade() else { return Poll::Pending };
        if *this.done {
            return Poll::Ready(());
        }
        let id = *this.id;
        if inner.permit.get() != id || inner.permit_used.get() {
            inner.foreign_wake(id, cx.waker());
            return Poll::Pending;
        }
        inner.permit_used.set(true);
        {
            // async-task's waker never changes for a task: store it once.
            let mut st = inner.st.borrow_mut();
            let t = &mut st.tasks[id as usize];
            if t.waker.is_none() {
                t.waker = Some(cx.waker().clone());
            }
        }
        let coro = this.coro;
        let was = IN_TASK.with(|f| f.replace(true));
        let polled = catch_unwind(AssertUnwindSafe(|| coro.poll(cx)));
        IN_TASK.with(|f| f.set(was));
        let result = match polled {
            Ok(Poll::Pending) => return Poll::Pending,
            Ok(Poll::Ready(r)) => r,
            Err(_) if super::core::LAST_PANIC.with(|p| p.borrow().as_ref().is_some_and(|p| p.1)) => {
                // taskline's own code panicked (the interpreter, or the loop
                // called from the task): not the task's failure but the run's.
                *this.done = true;
                inner.internal_panic.set(true);
                return Poll::Ready(());
            }
            Err(payload) => Err(Error::panic(&panic_message(&*payload))),
        };
        let outcome = match &result {
            Ok(v) => Ok(v.py_repr()),
            Err(e) => Err(e.clone()),
        };
        *this.cell.value.borrow_mut() = Some(result);
        *this.done = true;
        inner.st.borrow_mut().step.outcome = Some(outcome);
        Poll::Ready(())
    }
}

/// Spawns `body` as a task on the running loop.
pub(crate) fn spawn_task<F, T>(
    inner: &Rc<Inner>,
    name: Option<&str>,
    body: Coro<F>,
    via: Via,
    loc: &'static Location<'static>,
) -> Task<T>
where
    F: Future<Output = Result<T>> + 'static,
    T: Clone + PyRepr + 'static,
{
    let coro_name = body.name();
    let (id, run) = {
        let mut st = inner.st.borrow_mut();
        let loc = st.intern_loc(loc);
        (st.new_task(name, coro_name, via, loc), st.run_id)
    };
    let cell = Rc::new(TaskCell { value: RefCell::new(None) });
    let driver =
        Driver { id, cell: cell.clone(), inner: Rc::downgrade(inner), done: false, coro: body.into_task_body() };
    let handle = inner.exec.spawn(driver);
    let eager = {
        let mut st = inner.st.borrow_mut();
        st.tasks[id as usize].driver = Some(handle);
        st.take_eager_start(id, via)
    };
    let task = Task { id, run, cell, guard: Rc::new(HandleGuard { id, run }) };
    if eager {
        inner.eager_start(id);
    }
    task
}

/// `asyncio.create_task(coro, name=name)`: schedules `coro` as a new task,
/// which starts after the current task next suspends. `name` may be `None`
/// for asyncio's automatic name (`<coroutine>#<n>`).
///
/// # Panics
/// Panics when called outside a running taskline loop (asyncio raises
/// `RuntimeError: no running event loop`).
#[track_caller]
pub fn create_task<'n, F, T>(name: impl Into<Option<&'n str>>, coro: Coro<F>) -> Task<T>
where
    F: Future<Output = Result<T>> + 'static,
    T: Clone + PyRepr + 'static,
{
    let loc = Location::caller();
    let name = name.into();
    match with_inner(|inner| spawn_task(inner, name, coro, Via::CreateTask, loc)) {
        Some(t) => t,
        None => panic!("create_task: no running event loop"),
    }
}

impl Inner {
    /// A driver was polled without a permit: its waker fired (a foreign
    /// future completed, or the executor's first schedule).
    pub(crate) fn foreign_wake(&self, id: TaskId, waker: &std::task::Waker) {
        let Ok(mut st) = self.st.try_borrow_mut() else { return };
        let st: &mut State = &mut st;
        let done = st.task_done(id);
        let t = &mut st.tasks[id as usize];
        if t.waker.is_none() {
            t.waker = Some(waker.clone());
        }
        if t.awaiting_foreign && !done {
            t.awaiting_foreign = false;
            st.call_soon_step(id, WakeReason::Foreign);
        }
    }
}
