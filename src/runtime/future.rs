//! asyncio's plain futures and the loop's callback API, ported from CPython
//! 3.13's `Lib/asyncio/futures.py` and `events.py`: [`PlainFuture`]
//! (`loop.create_future()`), [`call_soon`], [`call_later`], [`call_at`] and
//! their [`CallbackHandle`]s, [`loop_time`].
//!
//! # Order
//! Everything goes through the loop's one FIFO ready queue, as in CPython,
//! where a task's step is itself a `call_soon`'d callback:
//! - `call_soon(f)` appends `f` to the ready queue, after what is queued.
//! - `call_later(delay, f)` is `call_at(loop_time() + delay, f)`: a timer,
//!   moved onto the ready queue at the start of the loop iteration in which
//!   it is due, in (deadline, scheduling order).
//! - Completing a future (`set_result`, `set_exception`, `cancel`) schedules
//!   each of its done callbacks with `call_soon`, in the order they were
//!   added; a task awaiting the future is one of them (its wakeup), so a
//!   callback added before the task awaited runs before the task resumes.
//!   A callback added to a future that is already done is scheduled at once.
//! - A callback that fails does not stop the loop: its exception goes to the
//!   loop's exception handler, logged as `Exception in callback <cb>`.
//!
//! # States
//! A future is pending, then exactly one of finished with a result,
//! finished with an exception, or cancelled, never changing again:
//! `set_result`/`set_exception` on a done future fail with
//! `InvalidStateError('invalid state')`, `cancel()` returns false.
//! A handle is scheduled, then run or cancelled (`cancel()` before it runs
//! keeps it from running; after, it does nothing).
//!
//! # In the log
//! A future (kind `Future`) and each callback handle (kind `Handle`,
//! `TimerHandle`, named after the callback) are objects of the log's
//! `objects` table, with [`EventKind::Sync`] events: `set_result`,
//! `set_exception`, `cancel` and `wake` (the task whose wakeup the
//! completion scheduled) on the future; `schedule`, `run` and `cancel` on a
//! handle. So the timeline can say who woke whom: "future `fut` set by `cb`
//! at line 9 woke `main`".
//!
//! # Examples
//! ```
//! use taskline::{call_later, coro, PlainFuture};
//! let run = taskline::run(coro("main", async {
//!     let fut: PlainFuture<i64> = PlainFuture::named("fut").expect("a running loop");
//!     let f = fut.clone();
//!     call_later(2.0, "set_it", move || f.set_result(42));
//!     fut.wait().await
//! }));
//! assert_eq!(run.result, Ok(42));
//! assert_eq!(run.log.end_time(), 2.0);
//! ```

use std::cell::RefCell;
use std::panic::Location;
use std::rc::Rc;

use super::core::{Callback, Callbacks, FKind, FState, FutId, Handle, Inner, State, TimerAction, with_state};
use super::error::{Error, Result};
use super::leaf::WaitFuture;
use super::slab::Key;
use super::sync::Tag;
use crate::trace::{ErrorRecord, Event as LogEvent, EventKind, LogRecord, NONE, SyncOp, TaskId, WaitKind};

/// A callback of the loop's, boxed.
pub(crate) type CallbackFn = Box<dyn FnOnce() -> Result<()>>;

/// One callback on the loop: a `call_soon`/`call_later`/`call_at` handle or
/// a done callback of a future.
struct HandleRec {
    f: Option<CallbackFn>,
    /// `_format_callback_source`: e.g. `cb() at main.py:3` (empty: an internal callback).
    desc: Rc<str>,
    /// Its identity in the log (none: not recorded).
    tag: Option<Rc<Tag>>,
    cancelled: bool,
    when: Option<f64>,
    timer: Option<Key>,
}

/// The loop's callback handles, by index (`Handle::User`, `Callback::User`, `TimerAction::User`).
#[derive(Default)]
pub(crate) struct Handles(Vec<HandleRec>);

impl std::fmt::Debug for Handles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Handles({})", self.0.len())
    }
}

impl Handles {
    /// An internal callback (not recorded in the log); returns its index.
    pub(crate) fn add(&mut self, f: CallbackFn) -> u32 {
        self.push(f, Rc::from(""), None, None)
    }

    fn push(&mut self, f: CallbackFn, desc: Rc<str>, tag: Option<Rc<Tag>>, when: Option<f64>) -> u32 {
        let idx = u32::try_from(self.0.len()).unwrap_or(u32::MAX);
        self.0.push(HandleRec { f: Some(f), desc, tag, cancelled: false, when, timer: None });
        idx
    }
}

/// The short name of a callback from its description (`cb() at x.py:3` → `cb`).
fn short_name(desc: &str) -> &str {
    let end = desc.find('(').unwrap_or(desc.len());
    if end == 0 { "callback" } else { &desc[..end] }
}

/// Records `op` on the object of `tag`, by the running task (or the loop),
/// at `loc` (else the script's current line, if any).
fn emit_op(st: &mut State, tag: &Tag, op: SyncOp, other: TaskId, count: u32, loc: Option<&'static Location<'static>>) {
    let object = tag.object(st);
    let task = st.current.unwrap_or(NONE);
    let loc = match loc {
        Some(l) => st.intern_loc(l),
        None if st.script_line != 0 && op != SyncOp::Run => st.script_loc_sym(),
        None => NONE,
    };
    st.emit(EventKind::Sync, task, object, LogEvent::sync_payload(other, count), op as u8, loc);
}

impl State {
    /// The done callbacks of `fut` not scheduled yet, in order.
    pub(crate) fn fut_callbacks(&self, fut: FutId) -> Vec<Callback> {
        match self.futs.get(fut).map(|f| &f.callbacks) {
            Some(Callbacks::One(c)) => vec![*c],
            Some(Callbacks::Many(v)) => v.clone(),
            _ => Vec::new(),
        }
    }

    /// Records `op` on a user future (nothing for the loop's own futures).
    pub(crate) fn future_op(&mut self, fut: FutId, op: SyncOp, other: TaskId) {
        if let Some(tag) = self.futs.get(fut).and_then(|f| f.tag.clone()) {
            emit_op(self, &tag, op, other, 0, None);
        }
    }

    /// A done callback of `fut` is being scheduled: records the wakeup of a
    /// task by a user future, and the scheduling of a user callback.
    pub(crate) fn callback_scheduled(&mut self, cb: Callback, fut: FutId) {
        match cb {
            Callback::Wakeup(task) => self.future_op(fut, SyncOp::Wake, task),
            Callback::User(idx) => {
                if let Some(tag) = self.handles.0.get(idx as usize).and_then(|h| h.tag.clone()) {
                    emit_op(self, &tag, SyncOp::Schedule, NONE, 0, None);
                }
            }
            _ => {}
        }
    }
}

/// Runs the user callback `idx` (asyncio's `Handle._run`): skipped if
/// cancelled; an exception goes to the loop's exception handler.
pub(crate) fn run_handle(inner: &Rc<Inner>, idx: u32) {
    let (f, desc) = {
        let mut st = inner.st.borrow_mut();
        let Some(h) = st.handles.0.get_mut(idx as usize) else { return };
        if h.cancelled {
            return;
        }
        let Some(f) = h.f.take() else { return };
        let (tag, desc) = (h.tag.clone(), h.desc.clone());
        if let Some(tag) = tag {
            emit_op(&mut st, &tag, SyncOp::Run, NONE, 0, None);
        }
        (f, desc)
    };
    if let Err(e) = f() {
        report_callback_error(inner, &desc, &e);
    }
}

fn report_callback_error(inner: &Rc<Inner>, desc: &str, e: &Error) {
    let Ok(mut st) = inner.st.try_borrow_mut() else { return };
    if st.stopped.is_some() {
        return; // a budget stopped the run inside the callback: not the callback's failure
    }
    let message = st.log.intern(&format!("Exception in callback {desc}"));
    let kind = st.log.intern(e.type_name());
    let msg = st.log.intern(e.message().unwrap_or(""));
    st.emit_log(NONE, LogRecord::LoopException { message, exception: Some(ErrorRecord { kind, msg }), about: None });
}

// ------------------------------------------------------------- the handles

/// The handle of a callback scheduled on the loop (`asyncio.Handle`, or
/// `asyncio.TimerHandle` for [`call_later`]/[`call_at`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallbackHandle {
    idx: u32,
    run: u64,
}

fn schedule(desc: &str, when: Option<f64>, f: CallbackFn, loc: &'static Location<'static>) -> Option<CallbackHandle> {
    with_state(|st| {
        let kind = if when.is_some() { "TimerHandle" } else { "Handle" };
        let tag = Rc::new(Tag::new(kind, Some(short_name(desc))));
        let delay = when.map_or(0.0, |w| (w - st.now()).max(0.0));
        let idx = st.handles.push(f, Rc::from(desc), Some(tag.clone()), when);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let ms = (delay * 1000.0).round().min(f64::from(u32::MAX)) as u32;
        emit_op(st, &tag, SyncOp::Schedule, NONE, ms, Some(loc));
        match when {
            None => st.ready.push_back(Handle::User(idx)),
            Some(w) => {
                let key = st.call_at(w, TimerAction::User(idx));
                st.handles.0[idx as usize].timer = Some(key);
            }
        }
        CallbackHandle { idx, run: st.run_id }
    })
}

/// `loop.call_soon(f)`: runs `f` on the loop after everything already on
/// the ready queue (task steps included). `desc` names the callback as
/// CPython's reprs do (`cb()`, or `cb() at file.py:3`); the log names the
/// handle after the part before `(`. `None` outside a running loop.
///
/// An `Err` returned by `f` goes to the loop's exception handler
/// (`Exception in callback <desc>` in the log); the loop carries on.
#[track_caller]
pub fn call_soon(desc: &str, f: impl FnOnce() -> Result<()> + 'static) -> Option<CallbackHandle> {
    schedule(desc, None, Box::new(f), Location::caller())
}

/// `loop.call_later(delay, f)`: `call_at(loop_time() + delay, f)`.
#[track_caller]
pub fn call_later(delay: f64, desc: &str, f: impl FnOnce() -> Result<()> + 'static) -> Option<CallbackHandle> {
    let now = loop_time()?;
    schedule(desc, Some(now + delay), Box::new(f), Location::caller())
}

/// `loop.call_at(when, f)`: runs `f` once the loop's clock reaches `when`,
/// after the timers due earlier or scheduled before it for the same time.
#[track_caller]
pub fn call_at(when: f64, desc: &str, f: impl FnOnce() -> Result<()> + 'static) -> Option<CallbackHandle> {
    schedule(desc, Some(when), Box::new(f), Location::caller())
}

/// `loop.time()`: the loop's clock, `None` outside a running loop.
pub fn loop_time() -> Option<f64> {
    with_state(|st| st.now())
}

impl CallbackHandle {
    fn with<R>(&self, f: impl FnOnce(&mut State, usize) -> R) -> Option<R> {
        with_state(|st| {
            if st.run_id != self.run || self.idx as usize >= st.handles.0.len() {
                return None;
            }
            Some(f(st, self.idx as usize))
        })
        .flatten()
    }

    /// `handle.cancel()`: the callback will not run (nothing if it has run).
    #[track_caller]
    pub fn cancel(&self) {
        let loc = Location::caller();
        self.with(|st, i| {
            let h = &mut st.handles.0[i];
            if h.cancelled {
                return;
            }
            h.cancelled = true;
            h.f = None;
            let (timer, tag) = (h.timer, h.tag.clone());
            if let Some(key) = timer {
                st.cancel_timer(key);
            }
            if let Some(tag) = tag {
                emit_op(st, &tag, SyncOp::Cancel, NONE, 0, Some(loc));
            }
        });
    }

    /// `handle.cancelled()`.
    pub fn cancelled(&self) -> bool {
        self.with(|st, i| st.handles.0[i].cancelled).unwrap_or(false)
    }

    /// `timer_handle.when()`: the deadline (`None` for a `call_soon` handle).
    pub fn when(&self) -> Option<f64> {
        self.with(|st, i| st.handles.0[i].when).flatten()
    }

    /// `repr(handle)`: `<Handle cb() at x.py:3>`, `<TimerHandle when=2.0 cb()>`,
    /// `<Handle cancelled>` (a cancelled handle forgets its callback).
    pub fn repr(&self) -> String {
        self.with(|st, i| {
            let h = &st.handles.0[i];
            let mut info = vec![if h.when.is_some() { "TimerHandle".to_owned() } else { "Handle".to_owned() }];
            if h.cancelled {
                info.push("cancelled".into());
            }
            if let Some(w) = h.when {
                info.push(format!("when={}", crate::trace::pyfmt::float_repr(w)));
            }
            if !h.cancelled {
                info.push(h.desc.to_string());
            }
            format!("<{}>", info.join(" "))
        })
        .unwrap_or_else(|| "<Handle>".into())
    }
}

// ------------------------------------------------------------- the futures

/// The id of a done callback added with [`PlainFuture::add_done_callback`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CallbackId(u32);

struct FutCell<T> {
    id: FutId,
    run: u64,
    tag: Rc<Tag>,
    value: RefCell<Option<T>>,
}

/// `asyncio.Future`: a plain future of the running loop
/// (`loop.create_future()`), completed by whoever holds it and awaited by
/// tasks. Clones refer to the same future.
pub struct PlainFuture<T>(Rc<FutCell<T>>);

impl<T> Clone for PlainFuture<T> {
    fn clone(&self) -> Self {
        PlainFuture(self.0.clone())
    }
}

impl<T> std::fmt::Debug for PlainFuture<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlainFuture").field("id", &self.0.id).finish_non_exhaustive()
    }
}

fn invalid_state() -> Error {
    Error::invalid_state("invalid state")
}

impl<T: Clone + 'static> PlainFuture<T> {
    /// `loop.create_future()`, named `Future#n` in the log; `None` outside a running loop.
    pub fn new() -> Option<PlainFuture<T>> {
        PlainFuture::with_tag(Tag::new("Future", None))
    }

    /// A future named `name` in the log.
    pub fn named(name: &str) -> Option<PlainFuture<T>> {
        PlainFuture::with_tag(Tag::new("Future", Some(name)))
    }

    fn with_tag(tag: Tag) -> Option<PlainFuture<T>> {
        let tag = Rc::new(tag);
        with_state(|st| {
            let id = st.new_future(FKind::Plain);
            if let Some(f) = st.futs.get_mut(id) {
                f.tag = Some(tag.clone());
            }
            PlainFuture(Rc::new(FutCell { id, run: st.run_id, tag, value: RefCell::new(None) }))
        })
    }

    /// The loop's key of the future.
    pub(crate) fn fut_id(&self) -> FutId {
        self.0.id
    }

    /// Names the future in the log unless it has a name already.
    pub fn set_name_if_unset(&self, name: &str) {
        self.0.tag.name_if_unset(name);
    }

    /// Whether `self` and `other` are the same future.
    pub fn ptr_eq(&self, other: &PlainFuture<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> Option<R> {
        with_state(|st| (st.run_id == self.0.run).then(|| f(st))).flatten()
    }

    fn state(&self) -> FState {
        self.with(|st| st.fut_state(self.0.id)).unwrap_or(FState::Pending)
    }

    /// `fut.done()`.
    pub fn done(&self) -> bool {
        self.state() != FState::Pending
    }

    /// `fut.cancelled()`.
    pub fn cancelled(&self) -> bool {
        self.state() == FState::Cancelled
    }

    /// `fut.set_result(value)`: schedules the done callbacks;
    /// `InvalidStateError('invalid state')` if the future is done.
    #[track_caller]
    pub fn set_result(&self, value: T) -> Result<()> {
        let loc = Location::caller();
        let id = self.0.id;
        self.with(|st| {
            if st.fut_done(id) {
                return Err(invalid_state());
            }
            *self.0.value.borrow_mut() = Some(value);
            emit_op(st, &self.0.tag, SyncOp::SetResult, NONE, 0, Some(loc));
            st.set_result(id);
            Ok(())
        })
        .unwrap_or_else(|| Err(super::sync::no_loop()))
    }

    /// `fut.set_exception(e)`: the future fails with `e`; awaiting it raises `e`
    /// (a `StopIteration` is stored as a `RuntimeError`, as CPython 3.13's
    /// C Future does). `InvalidStateError` if done.
    #[track_caller]
    pub fn set_exception(&self, e: Error) -> Result<()> {
        let loc = Location::caller();
        let id = self.0.id;
        self.with(|st| {
            if st.fut_done(id) {
                return Err(invalid_state());
            }
            // As 3.13's C Future: a StopIteration is stored as a RuntimeError.
            let e = if e.type_name() == "StopIteration" {
                Error::new(
                    "RuntimeError",
                    "StopIteration interacts badly with generators and cannot be raised into a Future",
                )
            } else {
                e
            };
            emit_op(st, &self.0.tag, SyncOp::SetException, NONE, 0, Some(loc));
            st.set_exception(id, e);
            Ok(())
        })
        .unwrap_or_else(|| Err(super::sync::no_loop()))
    }

    /// `fut.cancel(msg)`: false if the future is done already.
    pub fn cancel(&self, msg: Option<&str>) -> bool {
        let id = self.0.id;
        self.with(|st| st.fut_cancel(id, msg.map(Rc::from), None)).unwrap_or(false)
    }

    /// `fut.result()`: the value; the exception it failed with;
    /// `CancelledError` if cancelled; `InvalidStateError('Result is not set.')` if pending.
    pub fn result(&self) -> Result<T> {
        let id = self.0.id;
        match self.with(|st| st.fut_error(id)) {
            None => Err(super::sync::no_loop()),
            Some(Some(e)) => Err(e),
            Some(None) => self.0.value.borrow().clone().ok_or_else(super::sync::no_loop),
        }
    }

    /// `fut.exception()`: `Ok(None)` for a result, `Ok(Some(e))` for a
    /// failure; `CancelledError` if cancelled, `InvalidStateError('Exception
    /// is not set.')` if pending.
    pub fn exception(&self) -> Result<Option<Error>> {
        let id = self.0.id;
        self.with(|st| match st.fut_state(id) {
            FState::Pending => Err(Error::invalid_state("Exception is not set.")),
            FState::Cancelled => Err(st.fut_error(id).unwrap_or_else(Error::cancelled)),
            FState::Failed => Ok(st.fut_exception(id)),
            FState::Done => Ok(None),
        })
        .unwrap_or_else(|| Err(super::sync::no_loop()))
    }

    /// The value, if the future finished with one (no side effect).
    pub fn peek(&self) -> Option<T> {
        if self.state() == FState::Done { self.0.value.borrow().clone() } else { None }
    }

    /// The exception, if the future failed (does not mark it retrieved).
    pub fn peek_exception(&self) -> Option<Error> {
        let id = self.0.id;
        self.with(|st| match st.futs.get(id) {
            Some(f) if f.state == FState::Failed => f.error.clone(),
            _ => None,
        })
        .flatten()
    }

    /// The message `cancel(msg)` gave, if cancelled with one.
    pub fn cancel_message(&self) -> Option<String> {
        self.with(|st| st.fut_cancel_message(self.0.id).map(|m| m.to_string())).flatten()
    }

    /// `fut.add_done_callback(f)`: `f(fut)` runs on the loop (`call_soon`)
    /// once the future is done, after the callbacks added before it; at once
    /// (scheduled) if it is done already. `desc` names the callback as in
    /// [`call_soon`]. An `Err` from `f` goes to the loop's exception handler.
    pub fn add_done_callback(
        &self,
        desc: &str,
        f: impl FnOnce(&PlainFuture<T>) -> Result<()> + 'static,
    ) -> Option<CallbackId> {
        let me = self.clone();
        let id = self.0.id;
        self.with(|st| {
            let tag = Rc::new(Tag::new("Handle", Some(short_name(desc))));
            let idx = st.handles.push(Box::new(move || f(&me)), Rc::from(desc), Some(tag), None);
            st.add_done_callback(id, Callback::User(idx));
            CallbackId(idx)
        })
    }

    /// `fut.remove_done_callback(f)` for the callback `id`: how many were
    /// removed (0 if it had run, or been scheduled, already).
    pub fn remove_done_callback(&self, id: CallbackId) -> usize {
        let fut = self.0.id;
        self.with(|st| {
            let before = st.fut_callbacks(fut).len();
            st.remove_done_callback(fut, Callback::User(id.0));
            before - st.fut_callbacks(fut).len()
        })
        .unwrap_or(0)
    }

    /// The done callbacks not scheduled yet, in order: `Some(id)` for one
    /// added with [`PlainFuture::add_done_callback`], `None` for a task's wakeup.
    pub fn callbacks(&self) -> Vec<Option<CallbackId>> {
        self.with(|st| {
            st.fut_callbacks(self.0.id)
                .into_iter()
                .map(|c| match c {
                    Callback::User(i) => Some(CallbackId(i)),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
    }

    /// `await fut`: suspends the running task until the future is done
    /// (not at all if it is), then its result. The awaiting chain ends in
    /// `Future`. Cancelling the task cancels the future, as in CPython.
    #[track_caller]
    pub fn wait(&self) -> impl std::future::Future<Output = Result<T>> + use<T> {
        let me = self.clone();
        let w = WaitFuture::new(self.0.id, None, WaitKind::Future, 0).at(Location::caller());
        async move {
            w.await?;
            me.result()
        }
    }

    /// `repr(fut)` as CPython writes it: `<Future pending>`,
    /// `<Future pending cb=[Task.task_wakeup()]>`, `<Future finished
    /// result=1>`, `<Future finished exception=ValueError('x')>`,
    /// `<Future cancelled>`. `value` writes a result's repr, `exc` an
    /// exception's, `cb` a done callback's description.
    pub fn repr(&self, value: impl Fn(&T) -> String, exc: impl Fn(&Error) -> String) -> String {
        let mut info = vec!["Future".to_owned()];
        match self.state() {
            FState::Pending => info.push("pending".into()),
            FState::Cancelled => info.push("cancelled".into()),
            FState::Done => {
                info.push("finished".into());
                let v = self.0.value.borrow();
                info.push(format!("result={}", v.as_ref().map_or_else(|| "None".into(), &value)));
            }
            FState::Failed => {
                info.push("finished".into());
                if let Some(e) = self.peek_exception() {
                    info.push(format!("exception={}", exc(&e)));
                }
            }
        }
        let cbs: Vec<String> = self
            .with(|st| {
                st.fut_callbacks(self.0.id)
                    .into_iter()
                    .map(|c| match c {
                        Callback::User(i) => {
                            st.handles.0.get(i as usize).map_or_else(String::new, |h| h.desc.to_string())
                        }
                        _ => "Task.task_wakeup()".to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        match cbs.len() {
            0 => {}
            1 => info.push(format!("cb=[{}]", cbs[0])),
            2 => info.push(format!("cb=[{}, {}]", cbs[0], cbs[1])),
            n => info.push(format!("cb=[{}, <{} more>, {}]", cbs[0], n - 2, cbs[n - 1])),
        }
        format!("<{}>", info.join(" "))
    }
}

/// `task.add_done_callback(f)` with the loop's handling of a failing
/// callback: `f` runs on the loop once the task is done (scheduled at once
/// if it is); an `Err` goes to the exception handler as `Exception in
/// callback <desc>`. Returns false outside a running loop.
pub fn add_task_done_callback(task: TaskId, desc: &str, f: impl FnOnce() -> Result<()> + 'static) -> bool {
    with_state(|st| {
        if task as usize >= st.tasks.len() {
            return false;
        }
        let tag = Rc::new(Tag::new("Handle", Some(short_name(desc))));
        let idx = st.handles.push(Box::new(f), Rc::from(desc), Some(tag), None);
        let fut = st.task_fut(task);
        st.add_done_callback(fut, Callback::User(idx));
        true
    })
    .unwrap_or(false)
}

// ------------------------------------------------------------- eager tasks

impl State {
    /// Whether the task just created (by `via`) starts eagerly; if so, its
    /// first step is taken off the ready queue (it runs inside `create_task`).
    pub(crate) fn take_eager_start(&mut self, task: TaskId, via: crate::trace::Via) -> bool {
        if !self.eager_tasks || via == crate::trace::Via::Main || self.phase != super::core::Phase::Run {
            return false;
        }
        match self.ready.back() {
            Some(Handle::Step { task: t, exc: None }) if *t == task => {
                self.ready.pop_back();
                true
            }
            _ => false,
        }
    }
}

impl Inner {
    /// `Task.__eager_start`: the new task's first step runs now, inside the
    /// creator's step (or callback), as the current task; then the creator
    /// carries on where it was.
    pub(crate) fn eager_start(self: &Rc<Self>, task: TaskId) {
        let saved = {
            let mut st = self.st.borrow_mut();
            (
                st.current.take(),
                std::mem::take(&mut st.step),
                std::mem::take(&mut st.frames),
                std::mem::take(&mut st.opaque),
                st.last_loc,
                st.script_line,
                st.script_file.clone(),
            )
        };
        let (permit, used) = (self.permit.get(), self.permit_used.get());
        self.step(task, None);
        self.permit.set(permit);
        self.permit_used.set(used);
        let mut st = self.st.borrow_mut();
        let (current, step, frames, opaque, last_loc, line, file) = saved;
        st.current = current;
        st.step = step;
        st.frames = frames;
        st.opaque = opaque;
        st.last_loc = last_loc;
        if st.script_file != file {
            st.script_locs.clear();
            st.script_file = file;
        }
        st.script_line = line;
    }
}

/// `loop.set_task_factory(asyncio.eager_task_factory)` (`true`) or
/// `loop.set_task_factory(None)` (`false`): with the eager factory, a task
/// created while the loop runs takes its first step at once, inside
/// `create_task` (CPython 3.12+), and is not scheduled at all if that step
/// finishes it. Returns false outside a running loop.
///
/// # Examples
/// ```
/// use taskline::{coro, create_task, print, runtime::set_eager_task_factory};
/// let run = taskline::run(coro("main", async {
///     set_eager_task_factory(true);
///     let t = create_task("child", coro("child", async { print("child runs"); Ok(1) }));
///     print("main goes on");
///     assert!(t.done()); // finished inside create_task
///     t.await
/// }));
/// assert_eq!(run.result, Ok(1));
/// ```
pub fn set_eager_task_factory(eager: bool) -> bool {
    with_state(|st| st.eager_tasks = eager).is_some()
}

/// Whether the eager task factory is in effect (`loop.get_task_factory()`).
pub fn eager_task_factory() -> bool {
    with_state(|st| st.eager_tasks).unwrap_or(false)
}
