//! asyncio's synchronization primitives, ported from CPython 3.13's
//! `Lib/asyncio/locks.py`: [`Lock`], [`Event`], [`Condition`],
//! [`Semaphore`] (and its bounded form) and [`Barrier`].
//!
//! Each keeps CPython's queue of waiter futures (a `deque`), and wakes them
//! as CPython does: a release sets the result of the first waiter's future,
//! whose done callback schedules that task's step (`call_soon`), so the
//! order of wakeups is CPython's, event for event. A waiter cancelled
//! after it was woken passes the wakeup on (`_wake_up_first` /
//! `_wake_up_next` in its `except CancelledError`), so no wakeup is lost.
//!
//! # States
//! - `Lock`: unlocked, or locked; `acquire` on an unlocked lock with no
//!   live waiter takes it at once, else the task queues a future and waits.
//!   `release` unlocks and wakes the first waiter, which locks it again when
//!   it runs (asyncio locks are fair only in this sense: a task arriving
//!   while a woken waiter has not run yet finds live waiters and queues).
//! - `Event`: unset → set (every waiter's future completes) → unset by `clear`.
//! - `Condition`: a lock plus a queue of waiters; `wait` releases the lock,
//!   waits for a `notify`, then re-acquires the lock (retrying if cancelled
//!   meanwhile and re-raising the cancel after).
//! - `Semaphore`: a counter; `acquire` decrements it or waits.
//! - `Barrier`: filling → draining (the last party arrived) → filling; or
//!   resetting, or broken (after `abort`), built on a `Condition`.
//!
//! Every operation is recorded as an [`EventKind::Sync`] event naming the
//! object (see [`SyncOp`]).
//!
//! # Examples
//! ```
//! use taskline::{coro, create_task, sleep, Lock};
//! let run = taskline::run(coro("main", async {
//!     let lock = Lock::named("db_lock");
//!     let mut workers = Vec::new();
//!     for i in 0..3 {
//!         let lock = lock.clone();
//!         workers.push(create_task(format!("w{i}").as_str(), coro("worker", async move {
//!             lock.acquire().await?;
//!             sleep(1).await?;
//!             lock.release()
//!         })));
//!     }
//!     for w in workers { w.await?; }
//!     Ok(())
//! }));
//! assert_eq!(run.log.end_time(), 3.0); // one at a time
//! ```

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::panic::Location;
use std::rc::Rc;

use super::core::{FKind, FState, FutId, State, with_state};
use super::coro::{Coro, coro};
use super::error::{Error, Result};
use super::leaf::WaitFuture;
use crate::trace::{Event as LogEvent, EventKind, NONE, SyncObject, SyncOp, TaskId, WaitKind};

pub(crate) fn no_loop() -> Error {
    Error::new("RuntimeError", "no running event loop")
}

/// The identity of a synchronization object in the log: registered (and
/// named) at its first recorded operation.
#[derive(Debug)]
pub(crate) struct Tag {
    kind: &'static str,
    name: RefCell<Option<String>>,
    id: Cell<u32>,
    run: Cell<u64>,
    silent: bool,
    size: u32,
}

impl Tag {
    pub(crate) fn new(kind: &'static str, name: Option<&str>) -> Tag {
        Tag {
            kind,
            name: RefCell::new(name.map(str::to_owned)),
            id: Cell::new(NONE),
            run: Cell::new(0),
            silent: false,
            size: NONE,
        }
    }

    /// A tag whose operations are not recorded (an object inside another, e.g. a queue's `_finished` event).
    fn silent(kind: &'static str) -> Tag {
        Tag { silent: true, ..Tag::new(kind, None) }
    }

    /// The same tag with a size recorded in the log (see [`SyncObject::size`]).
    pub(crate) fn sized(self, size: i64) -> Tag {
        Tag { size: u32::try_from(size.max(0)).unwrap_or(u32::MAX), ..self }
    }

    /// Names the object, unless it already has a name.
    pub(crate) fn name_if_unset(&self, name: &str) {
        let mut n = self.name.borrow_mut();
        if n.is_none() {
            *n = Some(name.to_owned());
        }
    }

    pub(crate) fn object(&self, st: &mut State) -> u32 {
        if self.id.get() != NONE && self.run.get() == st.run_id {
            return self.id.get();
        }
        let kind = st.log.intern(self.kind);
        let name = match &*self.name.borrow() {
            Some(n) => st.log.intern(n),
            None => {
                let n = st.log.objects.iter().filter(|o| o.kind == kind).count() + 1;
                st.log.intern(&format!("{}#{n}", self.kind))
            }
        };
        let id = st.log.add_object(SyncObject { kind, name, size: self.size });
        self.id.set(id);
        self.run.set(st.run_id);
        id
    }

    /// Records `op` on this object by the running task.
    pub(crate) fn emit(&self, st: &mut State, op: SyncOp, other: TaskId, count: usize) {
        if self.silent {
            return;
        }
        let object = self.object(st);
        let task = st.current.unwrap_or(NONE);
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        st.emit(EventKind::Sync, task, object, LogEvent::sync_payload(other, count), op as u8, NONE);
    }
}

/// A queued waiter: its future and the task waiting on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Waiter {
    pub fut: FutId,
    pub task: TaskId,
}

/// Queues a new waiter future for the running task.
pub(crate) fn new_waiter(st: &mut State, waiters: &RefCell<VecDeque<Waiter>>) -> Waiter {
    let fut = st.new_future(FKind::Plain);
    let w = Waiter { fut, task: st.current.unwrap_or(NONE) };
    waiters.borrow_mut().push_back(w);
    w
}

/// `waiters.remove(fut)`.
pub(crate) fn remove_waiter(waiters: &RefCell<VecDeque<Waiter>>, w: Waiter) -> bool {
    let mut q = waiters.borrow_mut();
    match q.iter().position(|x| *x == w) {
        Some(i) => {
            q.remove(i);
            true
        }
        None => false,
    }
}

/// `await fut` on a waiter future (the leaf of the chain: `Future`).
pub(crate) async fn wait_on(fut: FutId, loc: &'static Location<'static>) -> Result<()> {
    WaitFuture::new(fut, None, WaitKind::Future, 0).at(loc).await
}

fn is_cancelled(st: &State, fut: FutId) -> bool {
    st.fut_state(fut) == FState::Cancelled
}

fn forget(fut: FutId) {
    with_state(|st| {
        st.futs.remove(fut);
    });
}

// ---------------------------------------------------------------------- Lock

#[derive(Debug)]
struct LockState {
    tag: Tag,
    locked: Cell<bool>,
    waiters: RefCell<VecDeque<Waiter>>,
}

/// `asyncio.Lock`: a primitive lock, not owned by a task. Clones refer to the same lock.
#[derive(Clone, Debug)]
pub struct Lock(Rc<LockState>);

impl Default for Lock {
    fn default() -> Self {
        Lock::new()
    }
}

impl Lock {
    /// `asyncio.Lock()`, named `Lock#n` in the log.
    pub fn new() -> Lock {
        Lock::with_tag(Tag::new("Lock", None))
    }

    /// A lock named `name` in the log.
    pub fn named(name: &str) -> Lock {
        Lock::with_tag(Tag::new("Lock", Some(name)))
    }

    fn with_tag(tag: Tag) -> Lock {
        Lock(Rc::new(LockState { tag, locked: Cell::new(false), waiters: RefCell::new(VecDeque::new()) }))
    }

    /// Names the lock in the log unless it has a name already.
    pub fn set_name_if_unset(&self, name: &str) {
        self.0.tag.name_if_unset(name);
    }

    /// Whether `self` and `other` are the same lock.
    pub fn ptr_eq(&self, other: &Lock) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `lock.locked()`.
    pub fn locked(&self) -> bool {
        self.0.locked.get()
    }

    /// The number of queued waiters (`len(lock._waiters)`).
    pub fn waiters(&self) -> usize {
        self.0.waiters.borrow().len()
    }

    /// `await lock.acquire()`: takes the lock, waiting in FIFO order. The
    /// coroutine is named `Lock.acquire` in the awaiting chain.
    ///
    /// # Examples
    /// ```
    /// use taskline::{coro, Lock};
    /// let run = taskline::run(coro("main", async {
    ///     let lock = Lock::new();
    ///     lock.acquire().await?;
    ///     let held = lock.locked();
    ///     lock.release()?;
    ///     Ok((held, lock.locked()))
    /// }));
    /// assert_eq!(run.result, Ok((true, false)));
    /// ```
    #[track_caller]
    pub fn acquire(&self) -> Coro<impl Future<Output = Result<bool>> + use<>> {
        let me = self.clone();
        let loc = Location::caller();
        coro("Lock.acquire", async move { me.acquire_at(loc).await })
    }

    async fn acquire_at(&self, loc: &'static Location<'static>) -> Result<bool> {
        let s = &self.0;
        let waiter = with_state(|st| {
            let all_cancelled = s.waiters.borrow().iter().all(|w| is_cancelled(st, w.fut));
            if !s.locked.get() && all_cancelled {
                s.locked.set(true);
                s.tag.emit(st, SyncOp::Acquire, NONE, 0);
                return None;
            }
            let w = new_waiter(st, &s.waiters);
            s.tag.emit(st, SyncOp::Wait, NONE, s.waiters.borrow().len());
            Some(w)
        })
        .ok_or_else(no_loop)?;
        let Some(w) = waiter else { return Ok(true) };
        let r = wait_on(w.fut, loc).await;
        let out = with_state(|st| {
            remove_waiter(&s.waiters, w);
            match r {
                Err(e) => {
                    if e.is_cancelled() {
                        s.tag.emit(st, SyncOp::GiveUp, NONE, s.waiters.borrow().len());
                        if !s.locked.get() {
                            self.wake_up_first(st);
                        }
                    }
                    Err(e)
                }
                Ok(()) => {
                    s.locked.set(true);
                    s.tag.emit(st, SyncOp::Acquire, NONE, 0);
                    Ok(true)
                }
            }
        })
        .unwrap_or_else(|| Err(no_loop()));
        forget(w.fut);
        out
    }

    /// `lock.release()`: unlocks and wakes the first waiter;
    /// `RuntimeError('Lock is not acquired.')` on an unlocked lock.
    pub fn release(&self) -> Result<()> {
        let s = &self.0;
        if !s.locked.get() {
            return Err(Error::new("RuntimeError", "Lock is not acquired."));
        }
        s.locked.set(false);
        with_state(|st| {
            s.tag.emit(st, SyncOp::Release, NONE, 0);
            self.wake_up_first(st);
        });
        Ok(())
    }

    fn wake_up_first(&self, st: &mut State) {
        let first = self.0.waiters.borrow().front().copied();
        if let Some(w) = first {
            if !st.fut_done(w.fut) {
                st.set_result(w.fut);
                self.0.tag.emit(st, SyncOp::Wake, w.task, 0);
            }
        }
    }
}

// --------------------------------------------------------------------- Event

#[derive(Debug)]
struct EventState {
    tag: Tag,
    value: Cell<bool>,
    waiters: RefCell<VecDeque<Waiter>>,
}

/// `asyncio.Event`: a flag tasks can wait for. Clones refer to the same event.
///
/// # Examples
/// ```
/// use taskline::{coro, create_task, sleep, Event};
/// let run = taskline::run(coro("main", async {
///     let ready = Event::named("ready");
///     let r = ready.clone();
///     let waiter = create_task("waiter", coro("waiter", async move { r.wait().await }));
///     sleep(2).await?;
///     ready.set();
///     waiter.await
/// }));
/// assert_eq!(run.result, Ok(true));
/// assert_eq!(run.log.end_time(), 2.0);
/// ```
#[derive(Clone, Debug)]
pub struct Event(Rc<EventState>);

impl Default for Event {
    fn default() -> Self {
        Event::new()
    }
}

impl Event {
    /// `asyncio.Event()`, named `Event#n` in the log.
    pub fn new() -> Event {
        Event::with_tag(Tag::new("Event", None))
    }

    /// An event named `name` in the log.
    pub fn named(name: &str) -> Event {
        Event::with_tag(Tag::new("Event", Some(name)))
    }

    pub(crate) fn silent() -> Event {
        Event::with_tag(Tag::silent("Event"))
    }

    fn with_tag(tag: Tag) -> Event {
        Event(Rc::new(EventState { tag, value: Cell::new(false), waiters: RefCell::new(VecDeque::new()) }))
    }

    /// Names the event in the log unless it has a name already.
    pub fn set_name_if_unset(&self, name: &str) {
        self.0.tag.name_if_unset(name);
    }

    /// `event.is_set()`.
    pub fn is_set(&self) -> bool {
        self.0.value.get()
    }

    /// The number of queued waiters.
    pub fn waiters(&self) -> usize {
        self.0.waiters.borrow().len()
    }

    /// `event.set()`: wakes every waiter.
    pub fn set(&self) {
        let s = &self.0;
        let first = !s.value.replace(true);
        with_state(|st| {
            s.tag.emit(st, SyncOp::Set, NONE, 0);
            if first {
                let waiters: Vec<Waiter> = s.waiters.borrow().iter().copied().collect();
                for w in waiters {
                    if !st.fut_done(w.fut) {
                        st.set_result(w.fut);
                        s.tag.emit(st, SyncOp::Wake, w.task, 0);
                    }
                }
            }
        });
    }

    /// `event.clear()`.
    pub fn clear(&self) {
        self.0.value.set(false);
        with_state(|st| self.0.tag.emit(st, SyncOp::Clear, NONE, 0));
    }

    /// `await event.wait()`: `true` once the flag is set (at once if it is).
    #[track_caller]
    pub fn wait(&self) -> Coro<impl Future<Output = Result<bool>> + use<>> {
        let me = self.clone();
        let loc = Location::caller();
        coro("Event.wait", async move { me.wait_at(loc).await })
    }

    pub(crate) async fn wait_at(&self, loc: &'static Location<'static>) -> Result<bool> {
        let s = &self.0;
        if s.value.get() {
            return Ok(true);
        }
        let w = with_state(|st| {
            let w = new_waiter(st, &s.waiters);
            s.tag.emit(st, SyncOp::Wait, NONE, s.waiters.borrow().len());
            w
        })
        .ok_or_else(no_loop)?;
        let r = wait_on(w.fut, loc).await;
        remove_waiter(&s.waiters, w);
        if r.as_ref().is_err_and(Error::is_cancelled) {
            with_state(|st| s.tag.emit(st, SyncOp::GiveUp, NONE, s.waiters.borrow().len()));
        }
        forget(w.fut);
        r.map(|()| true)
    }
}

// ----------------------------------------------------------------- Condition

#[derive(Debug)]
struct CondState {
    tag: Tag,
    lock: Lock,
    waiters: RefCell<VecDeque<Waiter>>,
}

/// `asyncio.Condition`: a lock and a queue of tasks waiting to be notified.
/// Clones refer to the same condition.
///
/// # Examples
/// ```
/// use taskline::{coro, create_task, sleep, Condition};
/// let run = taskline::run(coro("main", async {
///     let cond = Condition::new(None);
///     let c = cond.clone();
///     let waiter = create_task("waiter", coro("waiter", async move {
///         c.acquire().await?;
///         let r = c.wait().await;
///         c.release()?;
///         r
///     }));
///     sleep(1).await?;
///     cond.acquire().await?;
///     cond.notify(1)?;
///     cond.release()?;
///     waiter.await
/// }));
/// assert_eq!(run.result, Ok(true));
/// ```
#[derive(Clone, Debug)]
pub struct Condition(Rc<CondState>);

impl Condition {
    /// `asyncio.Condition(lock)`: a new lock when `lock` is `None`.
    pub fn new(lock: Option<Lock>) -> Condition {
        Condition::with_tag(Tag::new("Condition", None), lock)
    }

    /// A condition named `name` in the log.
    pub fn named(name: &str, lock: Option<Lock>) -> Condition {
        Condition::with_tag(Tag::new("Condition", Some(name)), lock)
    }

    fn with_tag(tag: Tag, lock: Option<Lock>) -> Condition {
        let lock = lock.unwrap_or_default();
        Condition(Rc::new(CondState { tag, lock, waiters: RefCell::new(VecDeque::new()) }))
    }

    /// Names the condition in the log unless it has a name already.
    pub fn set_name_if_unset(&self, name: &str) {
        self.0.tag.name_if_unset(name);
    }

    /// The underlying lock.
    pub fn lock(&self) -> &Lock {
        &self.0.lock
    }

    /// `cond.locked()`.
    pub fn locked(&self) -> bool {
        self.0.lock.locked()
    }

    /// The number of tasks waiting to be notified.
    pub fn waiters(&self) -> usize {
        self.0.waiters.borrow().len()
    }

    /// `await cond.acquire()` (the lock's: `Lock.acquire` in the chain).
    #[track_caller]
    pub fn acquire(&self) -> Coro<impl Future<Output = Result<bool>> + use<>> {
        self.0.lock.acquire()
    }

    /// `cond.release()` (the lock's).
    pub fn release(&self) -> Result<()> {
        self.0.lock.release()
    }

    /// `await cond.wait()`: releases the lock, waits to be notified, takes
    /// the lock again. `RuntimeError` if the lock is not held.
    #[track_caller]
    pub fn wait(&self) -> Coro<impl Future<Output = Result<bool>> + use<>> {
        let me = self.clone();
        let loc = Location::caller();
        coro("Condition.wait", async move { me.wait_at(loc).await })
    }

    async fn wait_at(&self, loc: &'static Location<'static>) -> Result<bool> {
        let s = &self.0;
        if !s.lock.locked() {
            return Err(Error::new("RuntimeError", "cannot wait on un-acquired lock"));
        }
        let fut = with_state(|st| st.new_future(FKind::Plain)).ok_or_else(no_loop)?;
        if let Err(e) = s.lock.release() {
            forget(fut);
            return Err(e);
        }
        let w = Waiter { fut, task: with_state(|st| st.current.unwrap_or(NONE)).unwrap_or(NONE) };
        s.waiters.borrow_mut().push_back(w);
        with_state(|st| s.tag.emit(st, SyncOp::Wait, NONE, s.waiters.borrow().len()));
        let r = wait_on(fut, loc).await;
        remove_waiter(&s.waiters, w);
        forget(fut);
        // finally: take the lock again, whatever happens.
        let mut err = None;
        loop {
            match s.lock.acquire_at_frame(loc).await {
                Ok(_) => break,
                Err(e) if e.is_cancelled() => err = Some(e),
                Err(e) => {
                    self.notify_n(1);
                    return Err(e);
                }
            }
        }
        let out = match (r, err) {
            (_, Some(e)) | (Err(e), None) => Err(e),
            (Ok(()), None) => Ok(true),
        };
        if out.is_err() {
            self.notify_n(1);
        }
        out
    }

    /// `await cond.wait_for(predicate)`: waits until `predicate()` is true;
    /// returns its last value.
    #[track_caller]
    pub fn wait_for<P>(&self, predicate: P) -> Coro<impl Future<Output = Result<bool>> + use<P>>
    where
        P: FnMut() -> Result<bool> + 'static,
    {
        self.wait_for_value(predicate, |b| *b)
    }

    /// [`wait_for`](Condition::wait_for) with a predicate of any type whose
    /// truth is `truthy(value)` (Python's truth value of the result).
    #[track_caller]
    pub fn wait_for_value<T, P, Q>(
        &self,
        mut predicate: P,
        truthy: Q,
    ) -> Coro<impl Future<Output = Result<T>> + use<T, P, Q>>
    where
        T: 'static,
        P: FnMut() -> Result<T> + 'static,
        Q: Fn(&T) -> bool + 'static,
    {
        let me = self.clone();
        let loc = Location::caller();
        coro("Condition.wait_for", async move {
            let mut result = predicate()?;
            while !truthy(&result) {
                coro("Condition.wait", me.wait_at(loc)).await?;
                result = predicate()?;
            }
            Ok(result)
        })
    }

    /// `cond.notify(n)`: wakes up to `n` waiters; `RuntimeError` if the lock is not held.
    pub fn notify(&self, n: usize) -> Result<()> {
        if !self.locked() {
            return Err(Error::new("RuntimeError", "cannot notify on un-acquired lock"));
        }
        self.notify_n(n);
        Ok(())
    }

    /// `cond.notify_all()`.
    pub fn notify_all(&self) -> Result<()> {
        let n = self.waiters();
        self.notify(n)
    }

    fn notify_n(&self, n: usize) {
        let s = &self.0;
        with_state(|st| {
            let waiters: Vec<Waiter> = s.waiters.borrow().iter().copied().collect();
            let mut woken = Vec::new();
            for w in waiters {
                if woken.len() >= n {
                    break;
                }
                if !st.fut_done(w.fut) {
                    st.set_result(w.fut);
                    woken.push(w.task);
                }
            }
            s.tag.emit(st, SyncOp::Notify, NONE, woken.len());
            for t in woken {
                s.tag.emit(st, SyncOp::Wake, t, 0);
            }
        });
    }
}

impl Lock {
    /// `await self.acquire()` inside another coroutine: a `Lock.acquire` frame.
    async fn acquire_at_frame(&self, loc: &'static Location<'static>) -> Result<bool> {
        coro("Lock.acquire", self.acquire_at(loc)).await
    }
}

// ----------------------------------------------------------------- Semaphore

#[derive(Debug)]
struct SemState {
    tag: Tag,
    value: Cell<i64>,
    bound: Option<i64>,
    waiters: RefCell<VecDeque<Waiter>>,
}

/// `asyncio.Semaphore` / `asyncio.BoundedSemaphore`: a counter of free
/// slots. Clones refer to the same semaphore.
///
/// # Examples
/// ```
/// use taskline::{coro, create_task, gather, sleep, Semaphore};
/// let run = taskline::run(coro("main", async {
///     let sem = Semaphore::new(2)?;
///     let jobs = (0..4).map(|i| {
///         let sem = sem.clone();
///         create_task(format!("job{i}").as_str(), coro("job", async move {
///             sem.acquire().await?;
///             sleep(1).await?;
///             sem.release()
///         }))
///     }).collect();
///     gather(jobs).await?;
///     Ok(())
/// }));
/// assert_eq!(run.log.end_time(), 2.0); // two at a time
/// ```
#[derive(Clone, Debug)]
pub struct Semaphore(Rc<SemState>);

impl Semaphore {
    /// `asyncio.Semaphore(value)`; `ValueError` for a negative value.
    pub fn new(value: i64) -> Result<Semaphore> {
        Semaphore::build("Semaphore", value, None)
    }

    /// `asyncio.BoundedSemaphore(value)`: `release` past `value` is a `ValueError`.
    pub fn bounded(value: i64) -> Result<Semaphore> {
        Semaphore::build("BoundedSemaphore", value, Some(value))
    }

    fn build(kind: &'static str, value: i64, bound: Option<i64>) -> Result<Semaphore> {
        if value < 0 {
            return Err(Error::new("ValueError", "Semaphore initial value must be >= 0"));
        }
        let tag = Tag::new(kind, None).sized(value);
        Ok(Semaphore(Rc::new(SemState { tag, value: Cell::new(value), bound, waiters: RefCell::new(VecDeque::new()) })))
    }

    /// Names the semaphore in the log unless it has a name already.
    pub fn set_name_if_unset(&self, name: &str) {
        self.0.tag.name_if_unset(name);
    }

    /// Whether it is a `BoundedSemaphore`.
    pub fn is_bounded(&self) -> bool {
        self.0.bound.is_some()
    }

    /// The counter (`sem._value`).
    pub fn value(&self) -> i64 {
        self.0.value.get()
    }

    /// The number of queued waiters.
    pub fn waiters(&self) -> usize {
        self.0.waiters.borrow().len()
    }

    /// `sem.locked()`: whether an `acquire` now would wait.
    pub fn locked(&self) -> bool {
        let s = &self.0;
        s.value.get() == 0
            || with_state(|st| s.waiters.borrow().iter().any(|w| !is_cancelled(st, w.fut))).unwrap_or(false)
    }

    /// `await sem.acquire()` (`Semaphore.acquire` in the chain).
    #[track_caller]
    pub fn acquire(&self) -> Coro<impl Future<Output = Result<bool>> + use<>> {
        let me = self.clone();
        let loc = Location::caller();
        coro("Semaphore.acquire", async move { me.acquire_at(loc).await })
    }

    async fn acquire_at(&self, loc: &'static Location<'static>) -> Result<bool> {
        let s = &self.0;
        if !self.locked() {
            s.value.set(s.value.get() - 1);
            with_state(|st| s.tag.emit(st, SyncOp::Acquire, NONE, count(s.value.get())));
            return Ok(true);
        }
        let w = with_state(|st| {
            let w = new_waiter(st, &s.waiters);
            s.tag.emit(st, SyncOp::Wait, NONE, s.waiters.borrow().len());
            w
        })
        .ok_or_else(no_loop)?;
        let r = wait_on(w.fut, loc).await;
        remove_waiter(&s.waiters, w);
        let out = with_state(|st| {
            let out = match r {
                Err(e) if e.is_cancelled() => {
                    if st.fut_done(w.fut) && !is_cancelled(st, w.fut) {
                        s.value.set(s.value.get() + 1);
                    }
                    s.tag.emit(st, SyncOp::GiveUp, NONE, s.waiters.borrow().len());
                    Err(e)
                }
                Err(e) => Err(e),
                Ok(()) => Ok(true),
            };
            while s.value.get() > 0 {
                if !self.wake_up_next(st) {
                    break;
                }
            }
            if out.is_ok() {
                s.tag.emit(st, SyncOp::Acquire, NONE, count(s.value.get()));
            }
            out
        })
        .unwrap_or_else(|| Err(no_loop()));
        forget(w.fut);
        out
    }

    /// `sem.release()`; for a bounded semaphore, `ValueError('BoundedSemaphore
    /// released too many times')` past its initial value.
    pub fn release(&self) -> Result<()> {
        let s = &self.0;
        if let Some(bound) = s.bound {
            if s.value.get() >= bound {
                return Err(Error::new("ValueError", "BoundedSemaphore released too many times"));
            }
        }
        s.value.set(s.value.get() + 1);
        with_state(|st| {
            s.tag.emit(st, SyncOp::Release, NONE, count(s.value.get()));
            self.wake_up_next(st);
        });
        Ok(())
    }

    fn wake_up_next(&self, st: &mut State) -> bool {
        let s = &self.0;
        let waiters: Vec<Waiter> = s.waiters.borrow().iter().copied().collect();
        for w in waiters {
            if !st.fut_done(w.fut) {
                s.value.set(s.value.get() - 1);
                st.set_result(w.fut);
                s.tag.emit(st, SyncOp::Wake, w.task, 0);
                return true;
            }
        }
        false
    }
}

fn count(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

// ------------------------------------------------------------------- Barrier

/// The state of a [`Barrier`] (`_BarrierState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarrierState {
    /// Parties are arriving.
    Filling,
    /// The last party arrived: the waiters are leaving.
    Draining,
    /// `reset()` while tasks wait: they leave with `BrokenBarrierError`.
    Resetting,
    /// `abort()`ed: every `wait()` raises `BrokenBarrierError`.
    Broken,
}

impl BarrierState {
    /// The enum's value (`filling`, `draining`, `resetting`, `broken`).
    pub fn name(self) -> &'static str {
        match self {
            BarrierState::Filling => "filling",
            BarrierState::Draining => "draining",
            BarrierState::Resetting => "resetting",
            BarrierState::Broken => "broken",
        }
    }
}

#[derive(Debug)]
struct BarrierInner {
    tag: Tag,
    cond: Condition,
    parties: usize,
    state: Cell<BarrierState>,
    count: Cell<usize>,
}

/// `asyncio.Barrier(parties)`: tasks wait until `parties` of them have
/// arrived. Built on a [`Condition`], as CPython's. Clones refer to the same barrier.
///
/// # Examples
/// ```
/// use taskline::{coro, create_task, gather, sleep, Barrier};
/// let run = taskline::run(coro("main", async {
///     let b = Barrier::new(3)?;
///     let tasks = (1..=3u32).map(|i| {
///         let b = b.clone();
///         create_task(format!("t{i}").as_str(), coro("party", async move { sleep(i).await?; b.wait().await }))
///     }).collect();
///     gather(tasks).await
/// }));
/// assert_eq!(run.result, Ok(vec![0, 1, 2]));
/// assert_eq!(run.log.end_time(), 3.0);
/// ```
#[derive(Clone, Debug)]
pub struct Barrier(Rc<BarrierInner>);

fn broken(msg: &str) -> Error {
    Error::new("BrokenBarrierError", msg)
}

impl Barrier {
    /// `asyncio.Barrier(parties)`; `ValueError('parties must be > 0')` for 0.
    pub fn new(parties: usize) -> Result<Barrier> {
        if parties < 1 {
            return Err(Error::new("ValueError", "parties must be > 0"));
        }
        let cond = Condition::with_tag(Tag::silent("Condition"), Some(Lock::with_tag(Tag::silent("Lock"))));
        Ok(Barrier(Rc::new(BarrierInner {
            tag: Tag::new("Barrier", None).sized(i64::try_from(parties).unwrap_or(i64::MAX)),
            cond,
            parties,
            state: Cell::new(BarrierState::Filling),
            count: Cell::new(0),
        })))
    }

    /// Names the barrier in the log unless it has a name already.
    pub fn set_name_if_unset(&self, name: &str) {
        self.0.tag.name_if_unset(name);
    }

    /// `barrier.parties`.
    pub fn parties(&self) -> usize {
        self.0.parties
    }

    /// `barrier.n_waiting`.
    pub fn n_waiting(&self) -> usize {
        if self.0.state.get() == BarrierState::Filling { self.0.count.get() } else { 0 }
    }

    /// `barrier.broken`.
    pub fn broken(&self) -> bool {
        self.0.state.get() == BarrierState::Broken
    }

    /// The state.
    pub fn state(&self) -> BarrierState {
        self.0.state.get()
    }

    /// `async with self._cond:` entered.
    async fn enter(&self, loc: &'static Location<'static>) -> Result<()> {
        coro("_ContextManagerMixin.__aenter__", self.0.cond.lock().acquire_at_frame(loc)).await.map(|_| ())
    }

    /// `async with self._cond:` left with the body's outcome (`__aexit__` releases).
    fn exit<T>(&self, r: Result<T>) -> Result<T> {
        match self.0.cond.release() {
            Ok(()) => r,
            Err(e) => Err(e),
        }
    }

    /// `await barrier.wait()`: the arrival index, from 0 to `parties - 1`.
    #[track_caller]
    pub fn wait(&self) -> Coro<impl Future<Output = Result<usize>> + use<>> {
        let me = self.clone();
        let loc = Location::caller();
        coro("Barrier.wait", async move {
            me.enter(loc).await?;
            let r = me.wait_locked(loc).await;
            me.exit(r)
        })
    }

    async fn wait_locked(&self, loc: &'static Location<'static>) -> Result<usize> {
        let s = &self.0;
        let me = self.clone();
        coro("Barrier._block", async move {
            let m = me.clone();
            coro(
                "Condition.wait_for",
                me.0.cond.wait_for_at(loc, move || {
                    !matches!(m.0.state.get(), BarrierState::Draining | BarrierState::Resetting)
                }),
            )
            .await?;
            if me.0.state.get() == BarrierState::Broken {
                return Err(broken("Barrier aborted"));
            }
            Ok(())
        })
        .await?;
        let index = s.count.get();
        s.count.set(index + 1);
        let r = if index + 1 == s.parties {
            s.state.set(BarrierState::Draining);
            let r = s.cond.notify_all();
            with_state(|st| s.tag.emit(st, SyncOp::Notify, NONE, s.parties - 1));
            r.map(|()| index)
        } else {
            with_state(|st| s.tag.emit(st, SyncOp::Wait, NONE, s.count.get()));
            let me = self.clone();
            coro("Barrier._wait", async move {
                let m = me.clone();
                coro(
                    "Condition.wait_for",
                    me.0.cond.wait_for_at(loc, move || m.0.state.get() != BarrierState::Filling),
                )
                .await?;
                if matches!(me.0.state.get(), BarrierState::Broken | BarrierState::Resetting) {
                    return Err(broken("Abort or reset of barrier"));
                }
                Ok(())
            })
            .await
            .map(|()| index)
        };
        s.count.set(s.count.get().saturating_sub(1));
        let exited = self.exit_barrier();
        match (r, exited) {
            (Ok(i), Ok(())) => Ok(i),
            (_, Err(e)) | (Err(e), Ok(())) => Err(e),
        }
    }

    fn exit_barrier(&self) -> Result<()> {
        let s = &self.0;
        if s.count.get() == 0 {
            if matches!(s.state.get(), BarrierState::Resetting | BarrierState::Draining) {
                s.state.set(BarrierState::Filling);
            }
            s.cond.notify_all()?;
        }
        Ok(())
    }

    /// `await barrier.reset()`: back to filling; current waiters get `BrokenBarrierError`.
    #[track_caller]
    pub fn reset(&self) -> Coro<impl Future<Output = Result<()>> + use<>> {
        let me = self.clone();
        let loc = Location::caller();
        coro("Barrier.reset", async move {
            me.enter(loc).await?;
            let s = &me.0;
            if s.count.get() > 0 {
                s.state.set(BarrierState::Resetting);
            } else {
                s.state.set(BarrierState::Filling);
            }
            with_state(|st| s.tag.emit(st, SyncOp::Reset, NONE, 0));
            let r = s.cond.notify_all();
            me.exit(r)
        })
    }

    /// `await barrier.abort()`: broken; waiters (and later `wait()`s) get `BrokenBarrierError`.
    #[track_caller]
    pub fn abort(&self) -> Coro<impl Future<Output = Result<()>> + use<>> {
        let me = self.clone();
        let loc = Location::caller();
        coro("Barrier.abort", async move {
            me.enter(loc).await?;
            let s = &me.0;
            s.state.set(BarrierState::Broken);
            with_state(|st| s.tag.emit(st, SyncOp::Abort, NONE, 0));
            let r = s.cond.notify_all();
            me.exit(r)
        })
    }
}

impl Condition {
    /// The body of `wait_for` with a bool predicate that cannot fail, inside the caller's frame.
    async fn wait_for_at(&self, loc: &'static Location<'static>, mut predicate: impl FnMut() -> bool) -> Result<bool> {
        while !predicate() {
            coro("Condition.wait", self.wait_at(loc)).await?;
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::{create_task, run, sleep};

    fn sync_ops(log: &crate::trace::Log) -> Vec<String> {
        log.events
            .iter()
            .filter(|e| e.kind == EventKind::Sync)
            .map(|e| {
                let o = log.objects[e.a as usize];
                let other =
                    if e.sync_other() == NONE { String::new() } else { format!(">{}", log.task_name(e.sync_other())) };
                format!("{}:{}:{}{}", log.task_name(e.task), log.str(o.name), e.sync_op().name(), other)
            })
            .collect()
    }

    #[test]
    fn a_released_lock_wakes_its_first_waiter_and_the_log_says_so() {
        let run = run(coro("main", async {
            let lock = Lock::named("l");
            lock.acquire().await?;
            let l2 = lock.clone();
            let t = create_task("w", coro("w", async move { l2.acquire().await }));
            sleep(1).await?;
            lock.release()?;
            t.await
        }));
        assert_eq!(run.result, Ok(true));
        assert_eq!(
            sync_ops(&run.log),
            ["main:l:acquire", "w:l:wait", "main:l:release", "main:l:wake>w", "w:l:acquire"]
        );
    }

    #[test]
    fn releasing_an_unlocked_lock_is_a_runtime_error() {
        let run = run(coro("main", async { Lock::new().release() }));
        let e = run.result.unwrap_err();
        assert_eq!((e.type_name(), e.message()), ("RuntimeError", Some("Lock is not acquired.")));
    }

    #[test]
    fn a_cancelled_woken_waiter_passes_the_lock_on() {
        let run = run(coro("main", async {
            let lock = Lock::new();
            lock.acquire().await?;
            let (a, b) = (lock.clone(), lock.clone());
            let ta = create_task("a", coro("a", async move { a.acquire().await }));
            let tb = create_task("b", coro("b", async move { b.acquire().await }));
            sleep(1).await?;
            lock.release()?; // wakes a
            ta.cancel(); // a gives up: b gets the wakeup
            let rb = tb.await?;
            Ok((rb, ta.cancelled(), lock.locked()))
        }));
        assert_eq!(run.result, Ok((true, true, true)));
    }

    #[test]
    fn a_bounded_semaphore_refuses_a_release_too_many() {
        let run = run(coro("main", async {
            let s = Semaphore::bounded(1)?;
            s.acquire().await?;
            s.release()?;
            s.release()
        }));
        let e = run.result.unwrap_err();
        assert_eq!(e.message(), Some("BoundedSemaphore released too many times"));
    }

    #[test]
    fn negative_values_and_zero_parties_are_value_errors() {
        assert_eq!(Semaphore::new(-1).unwrap_err().message(), Some("Semaphore initial value must be >= 0"));
        assert_eq!(Barrier::new(0).unwrap_err().message(), Some("parties must be > 0"));
    }

    #[test]
    fn condition_wait_without_the_lock_is_a_runtime_error() {
        let run = run(coro("main", async { Condition::new(None).wait().await }));
        assert_eq!(run.result.unwrap_err().message(), Some("cannot wait on un-acquired lock"));
    }

    #[test]
    fn an_aborted_barrier_breaks_its_waiters() {
        let run = run(coro("main", async {
            let b = Barrier::new(3)?;
            let b2 = b.clone();
            let t = create_task("t", coro("t", async move { b2.wait().await }));
            sleep(1).await?;
            b.abort().await?;
            let e = t.await.unwrap_err();
            Ok((e.type_name().to_owned(), b.broken()))
        }));
        assert_eq!(run.result, Ok(("BrokenBarrierError".to_owned(), true)));
    }
}
