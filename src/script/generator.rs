//! Generators and async generators.
//!
//! A generator's body is the same `'static` boxed future a coroutine's body
//! is (statements run on the interpreter's async path). `yield v` is a
//! [`YieldNow`] future: its first poll parks `v` in the generator's
//! [`GenChan`] and returns `Pending`; its second poll hands back what the
//! driver left in the channel (the value of `send()`, or the exception of
//! `throw()`/`close()`).
//!
//! States of a [`GenObj`] and their transitions:
//!
//! * `Created(body)`: called, never started. `next()`/`send(None)` polls the
//!   body (-> `Running`); `throw(e)` and `close()` finish it without running
//!   it (-> `Done`).
//! * `Suspended(body)`: parked at a `yield`. A resume puts the value or the
//!   exception in the channel and polls the body (-> `Running`).
//! * `Running`: the body is out of the object, being polled by a driver
//!   (`next()` for a generator; the awaitable of `__anext__()`, `asend()`,
//!   `athrow()` or `aclose()` for an async generator, polled by the awaiting
//!   task, so an `await` inside the body is that task's await point). A
//!   poll that ends `Pending` with a parked value -> `Suspended`; `Pending`
//!   with nothing parked is a real await of an async generator (stays
//!   `Running` in the driver); `Ready` -> `Done`.
//! * `Done`: returned or raised; every resume raises `StopIteration` /
//!   `StopAsyncIteration`.
//!
//! A suspended generator that is dropped (its last reference gone) is
//! closed first, as CPython's finaliser does, so its `finally` blocks run.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::interp::{Exc, Interp, R};
use super::value::Value;

/// A generator's body.
pub(crate) type GenFut = Pin<Box<dyn Future<Output = R<Value>>>>;

/// What a generator and its driver exchange at a `yield`.
#[derive(Default)]
pub struct GenChan {
    /// The value the body parked at a `yield`.
    yielded: RefCell<Option<Value>>,
    /// What the driver delivers at the resumed `yield`.
    sent: RefCell<Option<R<Value>>>,
}

/// The state of a generator (see the module doc).
pub(crate) enum GenState {
    Created(GenFut),
    Suspended(GenFut),
    Running,
    Done,
}

/// A generator or async generator object.
pub struct GenObj {
    /// `__qualname__`.
    pub name: Rc<str>,
    /// An async generator (`async def` with `yield`).
    pub is_async: bool,
    /// The type name: `generator`, `async_generator`, or a built-in lazy
    /// iterator made the same way (`zip`, `map`, `filter`, `enumerate`, `range_iterator`).
    pub kind: &'static str,
    pub(crate) state: RefCell<GenState>,
    chan: Rc<GenChan>,
}

thread_local! {
    /// The channels of the generator bodies being polled, innermost last.
    static CURRENT: RefCell<Vec<Rc<GenChan>>> = const { RefCell::new(Vec::new()) };
}

/// A new generator object around its body.
pub(crate) fn new_gen(name: Rc<str>, is_async: bool, body: GenFut) -> Value {
    let kind = if is_async { "async_generator" } else { "generator" };
    Value::Gen(Rc::new(GenObj {
        name,
        is_async,
        kind,
        state: RefCell::new(GenState::Created(body)),
        chan: Rc::new(GenChan::default()),
    }))
}

/// A built-in lazy iterator (`zip`, `map`, ...) whose body yields its items.
pub(crate) fn new_native(kind: &'static str, body: GenFut) -> Value {
    Value::Gen(Rc::new(GenObj {
        name: kind.into(),
        is_async: false,
        kind,
        state: RefCell::new(GenState::Created(body)),
        chan: Rc::new(GenChan::default()),
    }))
}

/// `yield value` inside the body being polled.
pub(crate) struct YieldNow {
    chan: Option<Rc<GenChan>>,
    value: Option<Value>,
}

impl YieldNow {
    pub(crate) fn new(value: Value) -> YieldNow {
        let chan = CURRENT.with(|c| c.borrow().last().cloned());
        YieldNow { chan, value: Some(value) }
    }
}

impl Future for YieldNow {
    type Output = R<Value>;
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<R<Value>> {
        let Some(chan) = self.chan.clone() else {
            // unreachable: a `yield` always runs inside its generator's poll
            return Poll::Ready(Ok(Value::None));
        };
        if let Some(v) = self.value.take() {
            *chan.yielded.borrow_mut() = Some(v);
            return Poll::Pending;
        }
        match chan.sent.borrow_mut().take() {
            Some(r) => Poll::Ready(r),
            None => Poll::Pending,
        }
    }
}

/// Polls a body with this generator's channel current.
fn poll_body(chan: &Rc<GenChan>, fut: &mut GenFut, cx: &mut Context<'_>) -> Poll<R<Value>> {
    CURRENT.with(|c| c.borrow_mut().push(chan.clone()));
    let r = fut.as_mut().poll(cx);
    CURRENT.with(|c| c.borrow_mut().pop());
    r
}

/// What one resume of a generator gave.
pub(crate) enum Step {
    /// The body yielded this value.
    Yielded(Value),
    /// The body returned this value.
    Returned(Value),
}

fn is_a(it: &Interp, e: &Exc, class: &str) -> bool {
    e.class.is_subclass(&it.class(class))
}

/// `StopIteration(v)` (no args for `None`, as CPython).
pub(crate) fn stop_iteration(it: &Interp, v: Value) -> Exc {
    let args = if matches!(v, Value::None) { Vec::new() } else { vec![v] };
    it.exc_args(it.class("StopIteration"), args)
}

/// `RuntimeError(msg)` from `e` (`raise ... from e`).
fn runtime_error_from(it: &Interp, msg: &str, e: Exc) -> Exc {
    let x = it.exc("RuntimeError", msg);
    *x.cause.borrow_mut() = Value::Exc(e);
    x
}

/// Resumes a (synchronous) generator with a sent value or a thrown exception.
pub(crate) fn resume(it: &Interp, g: &Rc<GenObj>, input: R<Value>) -> R<Step> {
    let st = std::mem::replace(&mut *g.state.borrow_mut(), GenState::Running);
    let started = matches!(st, GenState::Suspended(_));
    let mut fut = match st {
        GenState::Running => return Err(it.exc("ValueError", "generator already executing")),
        GenState::Done => {
            *g.state.borrow_mut() = GenState::Done;
            return match input {
                Err(e) => Err(e),
                Ok(_) => Err(stop_iteration(it, Value::None)),
            };
        }
        GenState::Created(fut) => match input {
            Err(e) => {
                *g.state.borrow_mut() = GenState::Done;
                drop(fut);
                return Err(e);
            }
            Ok(Value::None) => fut,
            Ok(_) => {
                *g.state.borrow_mut() = GenState::Created(fut);
                return Err(it.exc("TypeError", "can't send non-None value to a just-started generator"));
            }
        },
        GenState::Suspended(fut) => {
            *g.chan.sent.borrow_mut() = Some(input);
            fut
        }
    };
    let depth = it.depth.get();
    if depth >= super::interp::MAX_DEPTH {
        // (CPython raises at the frame's start: the generator is finished)
        let _ = started;
        *g.state.borrow_mut() = GenState::Done;
        drop(fut);
        return Err(it.exc("RecursionError", "maximum recursion depth exceeded"));
    }
    it.depth.set(depth + 1);
    let line = it.line.get();
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let r = poll_body(&g.chan, &mut fut, &mut cx);
    it.depth.set(depth);
    it.line.set(line);
    match r {
        Poll::Ready(r) => {
            *g.state.borrow_mut() = GenState::Done;
            drop(fut);
            match r {
                Ok(v) => Ok(Step::Returned(v)),
                Err(e) if !e.abort && is_a(it, &e, "StopIteration") => {
                    Err(runtime_error_from(it, "generator raised StopIteration", e))
                }
                Err(e) => Err(e),
            }
        }
        Poll::Pending => match g.chan.yielded.borrow_mut().take() {
            Some(v) => {
                *g.state.borrow_mut() = GenState::Suspended(fut);
                Ok(Step::Yielded(v))
            }
            None => {
                *g.state.borrow_mut() = GenState::Done;
                drop(fut);
                Err(it.exc("RuntimeError", "taskline: a generator suspended outside a yield"))
            }
        },
    }
}

/// `next(g)`: the next value, or `None` when the generator is exhausted.
pub(crate) fn next(it: &Interp, g: &Rc<GenObj>) -> R<Option<Value>> {
    match resume(it, g, Ok(Value::None)) {
        Ok(Step::Yielded(v)) => Ok(Some(v)),
        Ok(Step::Returned(_)) => Ok(None),
        Err(e) if !e.abort && is_a(it, &e, "StopIteration") && matches!(*g.state.borrow(), GenState::Done) => {
            // resuming a finished generator
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// `g.send(v)` / `g.throw(e)` / `next(g)`, raising StopIteration at the end.
pub(crate) fn send(it: &Interp, g: &Rc<GenObj>, input: R<Value>) -> R<Value> {
    match resume(it, g, input)? {
        Step::Yielded(v) => Ok(v),
        Step::Returned(v) => Err(stop_iteration(it, v)),
    }
}

/// `g.close()`: GeneratorExit thrown in at the `yield`.
pub(crate) fn close(it: &Interp, g: &Rc<GenObj>) -> R<Value> {
    let st = std::mem::replace(&mut *g.state.borrow_mut(), GenState::Done);
    match st {
        GenState::Suspended(fut) => *g.state.borrow_mut() = GenState::Suspended(fut),
        GenState::Running => {
            *g.state.borrow_mut() = GenState::Running;
            return Err(it.exc("ValueError", "generator already executing"));
        }
        GenState::Created(_) | GenState::Done => return Ok(Value::None),
    }
    let exit = it.exc_args(it.class("GeneratorExit"), Vec::new());
    match resume(it, g, Err(exit)) {
        Ok(Step::Yielded(_)) => Err(it.exc("RuntimeError", "generator ignored GeneratorExit")),
        Ok(Step::Returned(v)) => Ok(v),
        Err(e) if !e.abort && (is_a(it, &e, "GeneratorExit") || is_a(it, &e, "StopIteration")) => Ok(Value::None),
        Err(e) => Err(e),
    }
}

/// `raise`-able exception from `throw()`'s argument.
pub(crate) fn thrown(it: &Interp, v: &Value) -> R<Exc> {
    match v {
        Value::Exc(e) => Ok(e.clone()),
        Value::Class(c) if !c.builtin_type => Ok(it.exc_args(c.clone(), Vec::new())),
        _ => Err(it.exc(
            "TypeError",
            "exceptions must be classes or instances deriving from BaseException, not ".to_owned() + v.type_name(),
        )),
    }
}

impl Drop for GenObj {
    fn drop(&mut self) {
        // CPython closes a suspended generator when it is freed: its `finally` blocks run.
        if self.kind != "generator" || !matches!(*self.state.borrow(), GenState::Suspended(_)) {
            return;
        }
        let Some(it) = super::interp::SELF.with(|s| s.borrow().as_ref().and_then(std::rc::Weak::upgrade)) else {
            return;
        };
        if it.aborted.get() || it.depth.get() >= super::interp::MAX_DEPTH {
            return;
        }
        let GenState::Suspended(mut fut) = std::mem::replace(&mut *self.state.borrow_mut(), GenState::Done) else {
            return;
        };
        let exit = it.exc_args(it.class("GeneratorExit"), Vec::new());
        *self.chan.sent.borrow_mut() = Some(Err(exit));
        let line = it.line.get();
        let depth = it.depth.get();
        it.depth.set(depth + 1);
        let mut cx = Context::from_waker(std::task::Waker::noop());
        // an exception here is "ignored" by CPython (printed to stderr)
        let _ = poll_body(&self.chan, &mut fut, &mut cx);
        self.chan.yielded.borrow_mut().take();
        it.depth.set(depth);
        it.line.set(line);
        drop(fut);
    }
}

// ---------------------------------------------------------------- async generators

/// One resume of an async generator, polled by the awaiting task.
struct AgenStep {
    g: Rc<GenObj>,
    input: Option<R<Value>>,
    fut: Option<GenFut>,
    /// `anext`, `asend`, `athrow` or `aclose` (for messages).
    what: &'static str,
    it: Rc<Interp>,
}

impl Drop for AgenStep {
    fn drop(&mut self) {
        if self.fut.take().is_some() {
            // dropped mid-step: the body is gone with it
            if let Ok(mut st) = self.g.state.try_borrow_mut() {
                *st = GenState::Done;
            }
        }
    }
}

impl Future for AgenStep {
    type Output = R<Step>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R<Step>> {
        let this = &mut *self;
        let it = this.it.clone();
        if this.fut.is_none() {
            let input = this.input.take().unwrap_or(Ok(Value::None));
            let st = std::mem::replace(&mut *this.g.state.borrow_mut(), GenState::Running);
            let fut = match st {
                GenState::Running => {
                    let msg = format!("{}(): asynchronous generator is already running", this.what);
                    return Poll::Ready(Err(it.exc("RuntimeError", msg)));
                }
                GenState::Done => {
                    *this.g.state.borrow_mut() = GenState::Done;
                    return Poll::Ready(match input {
                        Err(e) => Err(e),
                        Ok(_) => Err(it.exc_args(it.class("StopAsyncIteration"), Vec::new())),
                    });
                }
                GenState::Created(fut) => match input {
                    Err(e) => {
                        *this.g.state.borrow_mut() = GenState::Done;
                        drop(fut);
                        return Poll::Ready(Err(e));
                    }
                    Ok(Value::None) => fut,
                    Ok(_) => {
                        *this.g.state.borrow_mut() = GenState::Created(fut);
                        return Poll::Ready(Err(
                            it.exc("TypeError", "can't send non-None value to a just-started async generator")
                        ));
                    }
                },
                GenState::Suspended(fut) => {
                    *this.g.chan.sent.borrow_mut() = Some(input);
                    fut
                }
            };
            this.fut = Some(fut);
        }
        let Some(fut) = this.fut.as_mut() else { return Poll::Pending };
        let depth = it.depth.get();
        let polled = if depth >= super::interp::MAX_DEPTH {
            // nested inline polls, as a coroutine's (see `Deep` in interp)
            Poll::Ready(Err(it.exc("RecursionError", "maximum recursion depth exceeded")))
        } else {
            it.depth.set(depth + 1);
            crate::runtime::enter_opaque_frames();
            let polled = poll_body(&this.g.chan, fut, cx);
            crate::runtime::exit_opaque_frames();
            it.depth.set(depth);
            polled
        };
        match polled {
            Poll::Ready(r) => {
                this.fut = None;
                *this.g.state.borrow_mut() = GenState::Done;
                Poll::Ready(match r {
                    Ok(_) => Err(it.exc_args(it.class("StopAsyncIteration"), Vec::new())),
                    Err(e) if !e.abort && is_a(&it, &e, "StopAsyncIteration") => {
                        Err(runtime_error_from(&it, "async generator raised StopAsyncIteration", e))
                    }
                    Err(e) if !e.abort && is_a(&it, &e, "StopIteration") => {
                        Err(runtime_error_from(&it, "async generator raised StopIteration", e))
                    }
                    Err(e) => Err(e),
                })
            }
            Poll::Pending => match this.g.chan.yielded.borrow_mut().take() {
                Some(v) => {
                    if let Some(fut) = this.fut.take() {
                        *this.g.state.borrow_mut() = GenState::Suspended(fut);
                    }
                    Poll::Ready(Ok(Step::Yielded(v)))
                }
                None => Poll::Pending,
            },
        }
    }
}

/// The awaitable of `__anext__()`, `asend(v)`, `athrow(e)` or `aclose()`.
pub struct AgenAwaitable {
    /// `async_generator_asend` or `async_generator_athrow`.
    pub kind: &'static str,
    /// The step, until awaited.
    pub(crate) fut: RefCell<Option<GenFut>>,
}

/// `agen.__anext__()` / `asend(v)` / `athrow(e)` / `aclose()` as an awaitable value.
pub(crate) fn agen_call(it: &Interp, g: &Rc<GenObj>, what: &'static str, input: R<Value>) -> Value {
    let step = AgenStep { g: g.clone(), input: Some(input), fut: None, what, it: it.rc() };
    let fut: Pin<Box<dyn Future<Output = R<Value>>>> = if what == "aclose" {
        let it = it.rc();
        let g = g.clone();
        Box::pin(async move {
            if matches!(*g.state.borrow(), GenState::Created(_) | GenState::Done) {
                *g.state.borrow_mut() = GenState::Done;
                return Ok(Value::None);
            }
            match step.await {
                Ok(Step::Yielded(_)) => Err(it.exc("RuntimeError", "async generator ignored GeneratorExit")),
                Ok(Step::Returned(_)) => Ok(Value::None),
                Err(e) if !e.abort && (is_a(&it, &e, "GeneratorExit") || is_a(&it, &e, "StopAsyncIteration")) => {
                    Ok(Value::None)
                }
                Err(e) => Err(e),
            }
        })
    } else {
        Box::pin(async move {
            match step.await? {
                Step::Yielded(v) => Ok(v),
                Step::Returned(_) => Ok(Value::None),
            }
        })
    };
    let kind = if matches!(what, "athrow" | "aclose") { "async_generator_athrow" } else { "async_generator_asend" };
    Value::AgenAwait(Rc::new(AgenAwaitable { kind, fut: RefCell::new(Some(fut)) }))
}

// ---------------------------------------------------------------- contextlib

/// A context manager made by `contextlib` (answers `__enter__`/`__exit__`
/// or `__aenter__`/`__aexit__` as bound built-in methods).
pub enum CtxMgr {
    /// `@contextmanager`: the generator.
    Gen(Rc<GenObj>),
    /// `@asynccontextmanager`: the async generator.
    AsyncGen(Rc<GenObj>),
    /// `suppress(*exceptions)`.
    Suppress(Vec<Value>),
    /// `closing(thing)`.
    Closing(Value),
    /// `aclosing(thing)`.
    AClosing(Value),
}

impl CtxMgr {
    /// The Python type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            CtxMgr::Gen(_) => "_GeneratorContextManager",
            CtxMgr::AsyncGen(_) => "_AsyncGeneratorContextManager",
            CtxMgr::Suppress(_) => "suppress",
            CtxMgr::Closing(_) => "closing",
            CtxMgr::AClosing(_) => "aclosing",
        }
    }

    /// The names of its methods.
    pub fn methods(&self) -> &'static [&'static str] {
        match self {
            CtxMgr::Gen(_) | CtxMgr::Suppress(_) | CtxMgr::Closing(_) => &["__enter__", "__exit__"],
            CtxMgr::AsyncGen(_) | CtxMgr::AClosing(_) => &["__aenter__", "__aexit__"],
        }
    }
}

/// The exception `__exit__(typ, value, tb)` was given (`None` for a normal exit).
fn exit_exc(it: &Interp, args: &[Value]) -> R<Option<Exc>> {
    match (args.first(), args.get(1)) {
        (None | Some(Value::None), _) => Ok(None),
        (Some(_), Some(v @ Value::Exc(_))) => thrown(it, v).map(Some),
        (Some(t), _) => thrown(it, t).map(Some),
    }
}

/// contextlib's `_GeneratorContextManager.__exit__` after `gen.throw(value)` or `next(gen)`.
fn gen_exit_outcome(it: &Interp, exc: Option<&Exc>, r: R<Step>, after: &str) -> R<Value> {
    match exc {
        None => match r {
            Ok(Step::Yielded(_)) => Err(it.exc("RuntimeError", "generator didn't stop")),
            Ok(Step::Returned(_)) => Ok(Value::Bool(false)),
            Err(e) => Err(e),
        },
        Some(value) => match r {
            Ok(Step::Yielded(_)) => Err(it.exc("RuntimeError", format!("generator didn't stop after {after}()"))),
            // StopIteration: suppressed unless it is the exception itself
            Ok(Step::Returned(_)) => Ok(Value::Bool(true)),
            Err(e) if Rc::ptr_eq(&e, value) => Ok(Value::Bool(false)),
            Err(e)
                if is_a(it, &e, "RuntimeError")
                    && is_a(it, value, "StopIteration")
                    && matches!(&*e.cause.borrow(), Value::Exc(c) if Rc::ptr_eq(c, value)) =>
            {
                Ok(Value::Bool(false))
            }
            Err(e) => Err(e),
        },
    }
}

/// Calls a method of a contextlib context manager.
pub(crate) fn ctx_method(it: &Interp, cm: &Rc<CtxMgr>, name: &str, args: Vec<Value>) -> R<Value> {
    let this = Value::CtxMgr(cm.clone());
    match (&**cm, name) {
        (CtxMgr::Gen(g), "__enter__") => match resume(it, g, Ok(Value::None)) {
            Ok(Step::Yielded(v)) => Ok(v),
            Ok(Step::Returned(_)) => Err(it.exc("RuntimeError", "generator didn't yield")),
            Err(e) => Err(e),
        },
        (CtxMgr::Gen(g), "__exit__") => {
            let exc = exit_exc(it, &args)?;
            let r = match &exc {
                None => resume(it, g, Ok(Value::None)),
                Some(e) => resume(it, g, Err(e.clone())),
            };
            gen_exit_outcome(it, exc.as_ref(), r, "throw")
        }
        (CtxMgr::Suppress(classes), "__exit__") => {
            let Some(e) = exit_exc(it, &args)? else { return Ok(Value::None) };
            Ok(Value::Bool(classes.iter().any(|c| matches!(c, Value::Class(c) if e.class.is_subclass(c)))))
        }
        (CtxMgr::Suppress(_), "__enter__") => Ok(Value::None),
        (CtxMgr::Closing(thing), "__enter__") => Ok(thing.clone()),
        (CtxMgr::Closing(thing), "__exit__") => {
            let close = super::builtins::get_attr(it, thing, "close")?;
            it.call(&close, Vec::new(), Vec::new())?;
            Ok(Value::None)
        }
        (CtxMgr::AsyncGen(g), "__aenter__") => {
            let step = AgenStep { g: g.clone(), input: Some(Ok(Value::None)), fut: None, what: "anext", it: it.rc() };
            let me = it.rc();
            Ok(awaitable(
                "_AsyncGeneratorContextManager.__aenter__",
                Box::pin(async move {
                    match step.await {
                        Ok(Step::Yielded(v)) => Ok(v),
                        Ok(Step::Returned(_)) => Err(me.exc("RuntimeError", "generator didn't yield")),
                        Err(e) if !e.abort && is_a(&me, &e, "StopAsyncIteration") => {
                            Err(me.exc("RuntimeError", "generator didn't yield"))
                        }
                        Err(e) => Err(e),
                    }
                }),
            ))
        }
        (CtxMgr::AsyncGen(g), "__aexit__") => {
            let exc = exit_exc(it, &args)?;
            let input = match &exc {
                None => Ok(Value::None),
                Some(e) => Err(e.clone()),
            };
            let what = if exc.is_some() { "athrow" } else { "anext" };
            let step = AgenStep { g: g.clone(), input: Some(input), fut: None, what, it: it.rc() };
            let me = it.rc();
            Ok(awaitable(
                "_AsyncGeneratorContextManager.__aexit__",
                Box::pin(async move {
                    let r = match step.await {
                        Err(e) if !e.abort && is_a(&me, &e, "StopAsyncIteration") => Ok(Step::Returned(Value::None)),
                        r => r,
                    };
                    gen_exit_outcome(&me, exc.as_ref(), r, "athrow")
                }),
            ))
        }
        (CtxMgr::AClosing(thing), "__aenter__") => {
            let thing = thing.clone();
            Ok(awaitable("aclosing.__aenter__", Box::pin(async move { Ok(thing) })))
        }
        (CtxMgr::AClosing(thing), "__aexit__") => {
            let aclose = super::builtins::get_attr(it, thing, "aclose")?;
            let aw = it.call(&aclose, Vec::new(), Vec::new())?;
            let me = it.rc();
            let line = it.line.get();
            Ok(awaitable(
                "aclosing.__aexit__",
                Box::pin(async move {
                    me.await_value(aw, line).await?;
                    Ok(Value::None)
                }),
            ))
        }
        _ => Err(it.exc("AttributeError", format!("'{}' object has no attribute '{name}'", this.type_name()))),
    }
}

/// A coroutine object named `name` around a future (an `async def` method of contextlib).
fn awaitable(name: &'static str, fut: Pin<Box<dyn Future<Output = R<Value>>>>) -> Value {
    let body: super::value::BoxFut = Box::pin(async move { fut.await.map_err(Interp::error_from_exc) });
    let c = crate::runtime::coro(name, body);
    Value::Coro(Rc::new(super::value::CoroObj { name, coro: RefCell::new(Some(c)), task_body: None }))
}

/// `contextlib.<name>(args)`.
pub(crate) fn call_contextlib(it: &Interp, name: &str, args: Vec<Value>) -> R<Value> {
    let one = |args: &[Value]| -> R<Value> {
        match args {
            [x] => Ok(x.clone()),
            _ => Err(it.exc("TypeError", format!("{name}() takes exactly one argument ({} given)", args.len()))),
        }
    };
    Ok(match name {
        "contextlib.contextmanager" | "contextlib.asynccontextmanager" => {
            let f = one(&args)?;
            // the decorated function: calling it makes the context manager
            Value::Builtin(Rc::new(super::value::BuiltinFn {
                name: if name.ends_with(".asynccontextmanager") { "contextlib.<acm>" } else { "contextlib.<cm>" },
                this: Some(f),
            }))
        }
        "contextlib.suppress" => Value::CtxMgr(Rc::new(CtxMgr::Suppress(args))),
        "contextlib.closing" => Value::CtxMgr(Rc::new(CtxMgr::Closing(one(&args)?))),
        "contextlib.aclosing" => Value::CtxMgr(Rc::new(CtxMgr::AClosing(one(&args)?))),
        _ => return Err(it.exc("AttributeError", format!("module 'contextlib' has no attribute '{name}'"))),
    })
}

/// Calls a `@contextmanager` / `@asynccontextmanager` function: its generator in a context manager.
pub(crate) fn make_cm(
    it: &Interp,
    is_async: bool,
    f: &Value,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> R<Value> {
    let g = it.call(f, args, kwargs)?;
    let Value::Gen(g) = g else {
        let what = if is_async { "async generator" } else { "generator" };
        return Err(
            it.exc("TypeError", format!("taskline: @contextmanager needs a {what} function, got '{}'", g.type_name()))
        );
    };
    if g.is_async != is_async {
        return Err(it.exc("TypeError", format!("'{}' object is not an iterator", g.kind)));
    }
    Ok(Value::CtxMgr(Rc::new(if is_async { CtxMgr::AsyncGen(g) } else { CtxMgr::Gen(g) })))
}
