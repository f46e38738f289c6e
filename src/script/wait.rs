//! `asyncio.wait`, `asyncio.as_completed` and the constants
//! `FIRST_COMPLETED`, `FIRST_EXCEPTION`, `ALL_COMPLETED` as script values,
//! on the runtime's [`wait`](crate::runtime::wait) port of CPython 3.13.
//!
//! Sets: CPython keeps the futures of `wait` and `as_completed` in a
//! `set`, which iterates tasks in an order that depends on their memory
//! addresses. taskline's sets of tasks iterate in insertion order, so the
//! `(done, pending)` sets list the tasks in the order they were passed, and
//! `as_completed` wraps coroutines in tasks in the order given (CPython: in
//! that address order). Programs that print such sets should sort them.

use std::cell::RefCell;
use std::rc::Rc;

use super::interp::{Interp, R};
use super::value::{BoxFut, BuiltinFn, CoroObj, FutObj, Value};
use crate::runtime::core::{FutId, with_state};
use crate::runtime::wait::{AsCompleted, ReturnWhen, spawn_for_as_completed, wait_futures};
use crate::runtime::{self, FutureLike};
use crate::trace::TaskId;

/// The names this module adds to `asyncio`.
pub(crate) const NAMES: &[&str] = &["wait", "as_completed", "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"];

/// The iterator of `asyncio.as_completed(...)`: the runtime's iterator over the script's futures.
pub struct AsCompletedObj(AsCompleted<Value>);

/// `asyncio.<name>` for a name of [`NAMES`].
pub(crate) fn module_attr(name: &str) -> Option<Value> {
    let f = |name: &'static str| Value::Builtin(Rc::new(BuiltinFn { name, this: None }));
    match name {
        "wait" => Some(f("asyncio.wait")),
        "as_completed" => Some(f("asyncio.as_completed")),
        "FIRST_COMPLETED" | "FIRST_EXCEPTION" | "ALL_COMPLETED" => Some(Value::str(name)),
        _ => None,
    }
}

fn loop_running() -> bool {
    crate::runtime::core::with_inner(|_| ()).is_some()
}

/// The loop future behind a task or future value, and its task.
fn fut_of(v: &Value) -> Option<(FutId, Option<TaskId>)> {
    match v {
        Value::Task(t) => {
            let id = t.id();
            with_state(|st| (st.task_fut(id), Some(id)))
        }
        Value::Future(f) => {
            let id = match &**f {
                FutObj::Shield(s) => FutureLike::fut_id(s),
                FutObj::Gather(g) => FutureLike::fut_id(g),
                FutObj::Settled(g) => FutureLike::fut_id(g),
                FutObj::Job(j) => FutureLike::fut_id(j),
                FutObj::Plain(p) => Some(p.fut.fut_id()),
            };
            id.map(|id| (id, None))
        }
        _ => None,
    }
}

fn timeout_of(it: &Interp, v: Option<&Value>) -> R<Option<f64>> {
    #[allow(clippy::cast_precision_loss)]
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(i)) => Ok(Some(*i as f64)),
        Some(Value::Bool(b)) => Ok(Some(f64::from(u8::from(*b)))),
        Some(Value::Float(f)) => Ok(Some(*f)),
        Some(other) => it.type_error(format!("unsupported operand type(s) for +: 'float' and '{}'", other.type_name())),
    }
}

fn kw<'a>(kwargs: &'a [(Rc<str>, Value)], name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

/// The one positional-or-keyword argument `fs`, and only the keywords `allowed`.
fn fs_arg<'a>(
    it: &Interp,
    fname: &str,
    args: &'a [Value],
    kwargs: &'a [(Rc<str>, Value)],
    allowed: &[&str],
) -> R<&'a Value> {
    for (k, _) in kwargs {
        if &**k != "fs" && !allowed.contains(&&**k) {
            return it.type_error(format!("{fname}() got an unexpected keyword argument '{k}'"));
        }
    }
    match (args.len(), kw(kwargs, "fs")) {
        (1, None) => Ok(&args[0]),
        (0, Some(v)) => Ok(v),
        (1, Some(_)) => it.type_error(format!("{fname}() got multiple values for argument 'fs'")),
        (0, None) => it.type_error(format!("{fname}() missing 1 required positional argument: 'fs'")),
        (n, _) => it.type_error(format!("{fname}() takes 1 positional argument but {n} were given")),
    }
}

/// `set(fs)`: the distinct values of an iterable, in taskline's set order.
fn distinct(it: &Interp, fs: &Value) -> R<Vec<Value>> {
    let items = it.iterate(fs)?;
    match super::ops::make_set(it, items)? {
        Value::Set(s) => Ok(super::value::set_order(&s.borrow())),
        _ => Ok(Vec::new()),
    }
}

fn coro_value(name: &'static str, body: BoxFut) -> Value {
    let c = runtime::coro(name, body);
    Value::Coro(Rc::new(CoroObj { name, coro: RefCell::new(Some(c)), task_body: None }))
}

/// What `wait(fs, ...)` waits on, once its arguments are checked.
struct Plan {
    items: Vec<(FutId, Value)>,
    tasks: Vec<TaskId>,
    timeout: Option<f64>,
    return_when: ReturnWhen,
}

/// The checks of `asyncio.wait` (raised when the coroutine is awaited, as in CPython).
fn plan(it: &Interp, fs: &Value, timeout: Option<f64>, return_when: &Value) -> R<Plan> {
    if matches!(fs, Value::Task(_) | Value::Future(_) | Value::Coro(_)) {
        return it.type_error(format!("expect a list of futures, not {}", fs.type_name()));
    }
    if !fs.truthy() {
        return Err(it.exc("ValueError", "Set of Tasks/Futures is empty."));
    }
    let rw = match return_when {
        Value::Str(s) => ReturnWhen::from_name(s),
        _ => None,
    };
    let Some(return_when) = rw else {
        return Err(it.exc("ValueError", format!("Invalid return_when value: {}", it.to_str(return_when)?)));
    };
    let values = distinct(it, fs)?;
    if values.iter().any(|v| matches!(v, Value::Coro(_))) {
        return it.type_error("Passing coroutines is forbidden, use tasks explicitly.");
    }
    let mut items = Vec::with_capacity(values.len());
    let mut tasks = Vec::new();
    for v in values {
        let Some((fut, task)) = fut_of(&v) else {
            return Err(
                it.exc("AttributeError", format!("'{}' object has no attribute 'add_done_callback'", v.type_name()))
            );
        };
        tasks.extend(task);
        items.push((fut, v));
    }
    Ok(Plan { items, tasks, timeout, return_when })
}

/// `asyncio.wait(...)` / `asyncio.as_completed(...)`.
pub(crate) fn call(it: &Interp, name: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    if name == "asyncio.as_completed" {
        return as_completed(it, &args, &kwargs);
    }
    let fs = fs_arg(it, "wait", &args, &kwargs, &["timeout", "return_when"])?;
    let timeout = timeout_of(it, kw(&kwargs, "timeout"))?;
    let all = Value::str("ALL_COMPLETED");
    let return_when = kw(&kwargs, "return_when").unwrap_or(&all);
    if !loop_running() {
        return Err(it.exc("RuntimeError", "no running event loop"));
    }
    let plan = plan(it, fs, timeout, return_when);
    it.sync_loc();
    let loc = runtime::caller();
    let me = it.rc();
    let body = async move {
        let p = plan.map_err(Interp::error_from_exc)?;
        let futs: Vec<FutId> = p.items.iter().map(|(f, _)| *f).collect();
        runtime::coro("_wait", wait_futures(futs, p.tasks, p.timeout, p.return_when, loc)).await?;
        let flags: Vec<bool> = with_state(|st| p.items.iter().map(|(f, _)| st.fut_done(*f)).collect())
            .unwrap_or_else(|| vec![false; p.items.len()]);
        let (mut done, mut pending) = (Vec::new(), Vec::new());
        for ((_, v), d) in p.items.into_iter().zip(flags) {
            if d { done.push(v) } else { pending.push(v) }
        }
        let done = super::ops::make_set(&me, done).map_err(Interp::error_from_exc)?;
        let pending = super::ops::make_set(&me, pending).map_err(Interp::error_from_exc)?;
        Ok(Value::tuple(vec![done, pending]))
    };
    Ok(coro_value("wait", Box::pin(body)))
}

/// `asyncio.as_completed(fs, *, timeout=None)`.
fn as_completed(it: &Interp, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> R<Value> {
    let fs = fs_arg(it, "as_completed", args, kwargs, &["timeout"])?;
    // `inspect.isawaitable(fs)`.
    if matches!(fs, Value::Task(_) | Value::Future(_) | Value::Coro(_) | Value::AgenAwait(_))
        || super::objects::has_dunder(fs, "__await__")
    {
        return it.type_error(format!("expects an iterable of awaitables, not {}", fs.type_name()));
    }
    let timeout = timeout_of(it, kw(kwargs, "timeout"))?;
    if !loop_running() {
        return Err(it.exc("RuntimeError", "no running event loop"));
    }
    let values = distinct(it, fs)?;
    it.sync_loc();
    let loc = runtime::caller();
    let mut items = Vec::with_capacity(values.len());
    for v in values {
        let v = match v {
            Value::Coro(c) => {
                let Some(co) = c.coro.borrow_mut().take() else {
                    return Err(it.exc("RuntimeError", "cannot reuse already awaited coroutine"));
                };
                if let Some(f) = &c.task_body {
                    f.set(true);
                }
                let t = spawn_for_as_completed(co, loc).map_err(|e| it.exc_from_error(e))?;
                super::interp::make_task_obj(it, t)
            }
            v @ (Value::Task(_) | Value::Future(_)) => v,
            _ => return it.type_error("An asyncio.Future, a coroutine or an awaitable is required"),
        };
        let Some((fut, task)) = fut_of(&v) else {
            return Err(it.exc("RuntimeError", "no running event loop"));
        };
        if !items.iter().any(|(f, _, _)| *f == fut) {
            items.push((fut, task, v));
        }
    }
    let ac = AsCompleted::from_futures(items, timeout).map_err(|e| it.exc_from_error(e))?;
    Ok(Value::AsCompleted(Rc::new(AsCompletedObj(ac))))
}

/// `o.name` for an `as_completed` iterator.
pub(crate) fn get_attr(o: &Value, name: &str) -> Option<Value> {
    ["__iter__", "__next__", "__aiter__", "__anext__"]
        .into_iter()
        .find(|n| *n == name)
        .map(|n| Value::Builtin(Rc::new(BuiltinFn { name: n, this: Some(o.clone()) })))
}

/// `next(it)` on an `as_completed` iterator: the awaitable of the next
/// result (`_wait_for_one(resolve=True)`); `None`: exhausted.
pub(crate) fn next(it: &Interp, a: &AsCompletedObj) -> Option<Value> {
    it.sync_loc();
    let s = a.0.next_raw()?;
    let me = it.rc();
    let body = async move {
        let f = s.await?;
        let line = me.line.get();
        me.await_value(f, line).await.map_err(Interp::error_from_exc)
    };
    Some(coro_value("_AsCompletedIterator._wait_for_one", Box::pin(body)))
}

/// A method of an `as_completed` iterator.
pub(crate) fn call_method(it: &Interp, a: &AsCompletedObj, this: &Value, name: &str, args: &[Value]) -> R<Value> {
    if !args.is_empty() {
        return it.type_error(format!("_AsCompletedIterator.{name}() takes no arguments ({} given)", args.len()));
    }
    match name {
        "__iter__" | "__aiter__" => Ok(this.clone()),
        "__next__" => match next(it, a) {
            Some(v) => Ok(v),
            None => Err(it.exc_args(it.class("StopIteration"), Vec::new())),
        },
        "__anext__" => {
            it.sync_loc();
            let body: BoxFut = match a.0.next_future() {
                Some(c) => Box::pin(c),
                None => Box::pin(async { Err(runtime::Error::with_type("StopAsyncIteration", None)) }),
            };
            Ok(coro_value("_AsCompletedIterator.__anext__", body))
        }
        _ => it.type_error(format!("'_AsCompletedIterator' object has no method '{name}'")),
    }
}
