//! asyncio's synchronization primitives and queues as script values: the
//! runtime's [`Lock`], [`Event`], [`Condition`], [`Semaphore`], [`Barrier`]
//! and [`Queue`] with CPython's methods, attributes, reprs and messages.

use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;

use super::compile::CmpOp;
use super::interp::{Flow, Interp, R};
use super::value::{BoxFut, BuiltinFn, CoroObj, Value};
use crate::runtime::{self, Barrier, Condition, Event, Lock, Queue, QueueOrder, Semaphore};

/// A synchronization object or queue of the script.
pub enum SyncObj {
    /// `asyncio.Lock()`.
    Lock(Lock),
    /// `asyncio.Event()`.
    Event(Event),
    /// `asyncio.Condition(lock=None)`.
    Condition(Condition),
    /// `asyncio.Semaphore(value)` / `asyncio.BoundedSemaphore(value)`.
    Semaphore(Semaphore),
    /// `asyncio.Barrier(parties)`.
    Barrier(Barrier),
    /// `asyncio.Queue` / `PriorityQueue` / `LifoQueue` (maxsize).
    Queue(Queue<Value>),
}

/// The `asyncio` classes this module provides.
pub(crate) const CLASSES: &[&str] =
    &["Lock", "Event", "Condition", "Semaphore", "BoundedSemaphore", "Barrier", "Queue", "PriorityQueue", "LifoQueue"];

/// The exception classes this module raises (with their bases).
pub(crate) const EXCEPTIONS: &[&str] = &["QueueEmpty", "QueueFull", "QueueShutDown", "BrokenBarrierError"];

impl SyncObj {
    /// Python's type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            SyncObj::Lock(_) => "Lock",
            SyncObj::Event(_) => "Event",
            SyncObj::Condition(_) => "Condition",
            SyncObj::Semaphore(s) => {
                if s.is_bounded() {
                    "BoundedSemaphore"
                } else {
                    "Semaphore"
                }
            }
            SyncObj::Barrier(_) => "Barrier",
            SyncObj::Queue(q) => q.type_name(),
        }
    }

    /// Names the object in the log after the variable it is first assigned to.
    pub fn name_if_unset(&self, name: &str) {
        match self {
            SyncObj::Lock(l) => l.set_name_if_unset(name),
            SyncObj::Event(e) => e.set_name_if_unset(name),
            SyncObj::Condition(c) => c.set_name_if_unset(name),
            SyncObj::Semaphore(s) => s.set_name_if_unset(name),
            SyncObj::Barrier(b) => b.set_name_if_unset(name),
            SyncObj::Queue(q) => q.set_name_if_unset(name),
        }
    }
}

/// `repr(o)` (`str(o)` for a queue when `as_str`): CPython's, with the address masked.
pub(crate) fn write_repr(o: &SyncObj, as_str: bool, out: &mut String, item_repr: &dyn Fn(&Value) -> String) {
    let waiters = |n: usize| if n > 0 { format!(", waiters:{n}") } else { String::new() };
    let extra = match o {
        SyncObj::Lock(l) => format!("{}{}", if l.locked() { "locked" } else { "unlocked" }, waiters(l.waiters())),
        SyncObj::Event(e) => format!("{}{}", if e.is_set() { "set" } else { "unset" }, waiters(e.waiters())),
        SyncObj::Condition(c) => {
            format!("{}{}", if c.locked() { "locked" } else { "unlocked" }, waiters(c.waiters()))
        }
        SyncObj::Semaphore(s) => {
            let state = if s.locked() { "locked".to_owned() } else { format!("unlocked, value:{}", s.value()) };
            format!("{state}{}", waiters(s.waiters()))
        }
        SyncObj::Barrier(b) => {
            if b.broken() {
                "broken".to_owned()
            } else {
                format!("{}, waiters:{}/{}", b.state().name(), b.n_waiting(), b.parties())
            }
        }
        SyncObj::Queue(q) => {
            let _ = write!(out, "<{}", q.type_name());
            if !as_str {
                out.push_str(" at 0x?");
            }
            let _ = write!(out, " maxsize={}", q.maxsize());
            let items = q.items();
            if !items.is_empty() {
                out.push_str(" _queue=[");
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&item_repr(v));
                }
                out.push(']');
            }
            let (getters, putters) = q.waiting();
            if getters > 0 {
                let _ = write!(out, " _getters[{getters}]");
            }
            if putters > 0 {
                let _ = write!(out, " _putters[{putters}]");
            }
            if q.unfinished() > 0 {
                let _ = write!(out, " tasks={}", q.unfinished());
            }
            if q.is_shutdown() {
                out.push_str(" shutdown");
            }
            out.push('>');
            return;
        }
    };
    let _ = write!(out, "<asyncio.locks.{} object at 0x? [{extra}]>", o.type_name());
}

fn bf(name: &'static str, this: &Value) -> Value {
    Value::Builtin(Rc::new(BuiltinFn { name, this: Some(this.clone()) }))
}

/// `o.name`, if the object has it.
pub(crate) fn get_attr(o: &Rc<SyncObj>, this: &Value, name: &str) -> Option<Value> {
    let methods: &[&'static str] = match &**o {
        SyncObj::Lock(_) => &["acquire", "release", "locked", "__aenter__", "__aexit__"],
        SyncObj::Event(_) => &["set", "clear", "is_set", "wait"],
        SyncObj::Condition(_) => {
            &["acquire", "release", "locked", "wait", "wait_for", "notify", "notify_all", "__aenter__", "__aexit__"]
        }
        SyncObj::Semaphore(_) => &["acquire", "release", "locked", "__aenter__", "__aexit__"],
        SyncObj::Barrier(b) => {
            match name {
                "parties" => return Some(int(b.parties())),
                "n_waiting" => return Some(int(b.n_waiting())),
                "broken" => return Some(Value::Bool(b.broken())),
                _ => {}
            }
            &["wait", "reset", "abort", "__aenter__", "__aexit__"]
        }
        SyncObj::Queue(q) => {
            if name == "maxsize" {
                return Some(Value::Int(q.maxsize()));
            }
            &["put", "get", "put_nowait", "get_nowait", "qsize", "empty", "full", "task_done", "join", "shutdown"]
        }
    };
    methods.iter().find(|m| **m == name).map(|m| bf(m, this))
}

fn int(n: usize) -> Value {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// A coroutine value named `name` around a runtime coroutine (whose own frame is dropped).
fn coro_value<F>(
    name: &'static str,
    inner: runtime::Coro<F>,
    map: impl FnOnce(F::Output) -> runtime::Result<Value> + 'static,
) -> Value
where
    F: std::future::Future + 'static,
{
    let inner = inner.into_task_body();
    let c = runtime::coro(name, Box::pin(async move { map(inner.await) }) as BoxFut);
    Value::Coro(Rc::new(CoroObj { name, coro: RefCell::new(Some(c)), task_body: None }))
}

fn bool_result(r: runtime::Result<bool>) -> runtime::Result<Value> {
    r.map(Value::Bool)
}

fn none_result(r: runtime::Result<()>) -> runtime::Result<Value> {
    r.map(|()| Value::None)
}

fn nargs(it: &Interp, ty: &str, name: &str, args: &[Value], max: usize) -> R<()> {
    if args.len() > max {
        let what = if max == 0 {
            "no arguments".to_owned()
        } else {
            format!("{} positional argument{}", max + 1, if max == 0 { "" } else { "s" })
        };
        return it.type_error(format!("{ty}.{name}() takes {what} but {} were given", args.len() + 1));
    }
    Ok(())
}

fn check(it: &Interp, r: runtime::Result<()>) -> R<Value> {
    r.map(|()| Value::None).map_err(|e| it.exc_from_error(e))
}

/// `o.name(*args, **kwargs)`.
pub(crate) fn call_method(
    it: &Interp,
    o: &Rc<SyncObj>,
    name: &'static str,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> R<Value> {
    let ty = o.type_name();
    if let Some((k, _)) = kwargs.iter().find(|(k, _)| !(name == "shutdown" && &**k == "immediate")) {
        return it.type_error(format!("{ty}.{name}() got an unexpected keyword argument '{k}'"));
    }
    it.sync_loc();
    match name {
        "__aenter__" => {
            nargs(it, ty, name, &args, 0)?;
            return aenter_coro(it, o);
        }
        "__aexit__" => {
            let o = o.clone();
            let c = runtime::coro(
                "_ContextManagerMixin.__aexit__",
                Box::pin(async move { release(&o).map(|()| Value::None) }) as BoxFut,
            );
            return Ok(Value::Coro(Rc::new(CoroObj {
                name: "_ContextManagerMixin.__aexit__",
                coro: RefCell::new(Some(c)),
                task_body: None,
            })));
        }
        _ => {}
    }
    match &**o {
        SyncObj::Lock(l) => {
            nargs(it, ty, name, &args, 0)?;
            match name {
                "acquire" => Ok(coro_value("Lock.acquire", l.acquire(), bool_result)),
                "release" => check(it, l.release()),
                _ => Ok(Value::Bool(l.locked())),
            }
        }
        SyncObj::Event(e) => {
            nargs(it, ty, name, &args, 0)?;
            match name {
                "set" => {
                    e.set();
                    Ok(Value::None)
                }
                "clear" => {
                    e.clear();
                    Ok(Value::None)
                }
                "is_set" => Ok(Value::Bool(e.is_set())),
                _ => Ok(coro_value("Event.wait", e.wait(), bool_result)),
            }
        }
        SyncObj::Condition(c) => match name {
            "acquire" => {
                nargs(it, ty, name, &args, 0)?;
                Ok(coro_value("Lock.acquire", c.acquire(), bool_result))
            }
            "release" => {
                nargs(it, ty, name, &args, 0)?;
                check(it, c.release())
            }
            "locked" => {
                nargs(it, ty, name, &args, 0)?;
                Ok(Value::Bool(c.locked()))
            }
            "wait" => {
                nargs(it, ty, name, &args, 0)?;
                Ok(coro_value("Condition.wait", c.wait(), bool_result))
            }
            "wait_for" => {
                if args.len() != 1 {
                    return it.type_error(format!(
                        "Condition.wait_for() {} positional argument{}",
                        if args.is_empty() { "missing 1 required" } else { "takes 2" },
                        if args.is_empty() { ": 'predicate'" } else { "" }
                    ));
                }
                let f = args[0].clone();
                let me = it.rc();
                let pred = move || me.call(&f, Vec::new(), Vec::new()).map_err(Interp::error_from_exc);
                Ok(coro_value("Condition.wait_for", c.wait_for_value(pred, Value::truthy), |r| r))
            }
            "notify" => {
                nargs(it, ty, name, &args, 1)?;
                let n = match args.first() {
                    None => 1,
                    Some(Value::Int(n)) => usize::try_from(*n).unwrap_or(0),
                    Some(Value::Bool(b)) => usize::from(*b),
                    Some(v) => {
                        return it.type_error(format!(
                            "'>=' not supported between instances of 'int' and '{}'",
                            v.type_name()
                        ));
                    }
                };
                check(it, c.notify(n))
            }
            _ => {
                nargs(it, ty, name, &args, 0)?;
                check(it, c.notify_all())
            }
        },
        SyncObj::Semaphore(s) => {
            nargs(it, ty, name, &args, 0)?;
            match name {
                "acquire" => Ok(coro_value("Semaphore.acquire", s.acquire(), bool_result)),
                "release" => check(it, s.release()),
                _ => Ok(Value::Bool(s.locked())),
            }
        }
        SyncObj::Barrier(b) => {
            nargs(it, ty, name, &args, 0)?;
            match name {
                "wait" => Ok(coro_value("Barrier.wait", b.wait(), |r| r.map(int))),
                "reset" => Ok(coro_value("Barrier.reset", b.reset(), none_result)),
                _ => Ok(coro_value("Barrier.abort", b.abort(), none_result)),
            }
        }
        SyncObj::Queue(q) => queue_method(it, q, name, args, kwargs),
    }
}

fn queue_method(
    it: &Interp,
    q: &Queue<Value>,
    name: &'static str,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> R<Value> {
    let ty = q.type_name();
    let one = |args: Vec<Value>| -> R<Value> {
        match <[Value; 1]>::try_from(args) {
            Ok([v]) => Ok(v),
            Err(a) => it.type_error(if a.is_empty() {
                format!("{ty}.{name}() missing 1 required positional argument: 'item'")
            } else {
                format!("{ty}.{name}() takes 2 positional arguments but {} were given", a.len() + 1)
            }),
        }
    };
    match name {
        "put" => {
            let item = one(args)?;
            it.reserve(std::mem::size_of::<Value>())?;
            Ok(coro_value("Queue.put", q.put(item), none_result))
        }
        "put_nowait" => {
            let item = one(args)?;
            it.reserve(std::mem::size_of::<Value>())?;
            check(it, q.put_nowait(item))
        }
        "shutdown" => {
            nargs(it, ty, name, &args, 1)?;
            let immediate = args.first().or_else(|| kwargs.first().map(|(_, v)| v)).is_some_and(Value::truthy);
            check(it, q.shutdown(immediate))
        }
        _ => {
            nargs(it, ty, name, &args, 0)?;
            match name {
                "get" => Ok(coro_value("Queue.get", q.get(), |r| r)),
                "get_nowait" => q.get_nowait().map_err(|e| it.exc_from_error(e)),
                "qsize" => Ok(int(q.qsize())),
                "empty" => Ok(Value::Bool(q.empty())),
                "full" => Ok(Value::Bool(q.full())),
                "task_done" => check(it, q.task_done()),
                _ => Ok(coro_value("Queue.join", q.join(), none_result)),
            }
        }
    }
}

/// The `__aenter__` coroutine: `acquire()` for the lock-like objects, `wait()` for a barrier.
fn aenter_coro(it: &Interp, o: &Rc<SyncObj>) -> R<Value> {
    const AENTER: &str = "_ContextManagerMixin.__aenter__";
    fn nested<F>(inner: runtime::Coro<F>) -> Value
    where
        F: std::future::Future<Output = runtime::Result<bool>> + 'static,
    {
        // `await self.acquire()` inside `__aenter__`: both frames in the chain.
        let c = runtime::coro(AENTER, Box::pin(async move { inner.await.map(|_| Value::None) }) as BoxFut);
        Value::Coro(Rc::new(CoroObj { name: AENTER, coro: RefCell::new(Some(c)), task_body: None }))
    }
    Ok(match &**o {
        SyncObj::Lock(l) => nested(l.acquire()),
        SyncObj::Condition(c) => nested(c.acquire()),
        SyncObj::Semaphore(s) => nested(s.acquire()),
        SyncObj::Barrier(b) => {
            let w = b.wait();
            let c = runtime::coro("Barrier.__aenter__", Box::pin(async move { w.await.map(int) }) as BoxFut);
            Value::Coro(Rc::new(CoroObj { name: "Barrier.__aenter__", coro: RefCell::new(Some(c)), task_body: None }))
        }
        other => {
            return it.type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol",
                other.type_name()
            ));
        }
    })
}

fn release(o: &SyncObj) -> runtime::Result<()> {
    match o {
        SyncObj::Lock(l) => l.release(),
        SyncObj::Condition(c) => c.release(),
        SyncObj::Semaphore(s) => s.release(),
        _ => Ok(()),
    }
}

/// `async with o [as target]:` — `__aenter__`, the body, then `__aexit__` (a
/// failing release replaces the body's outcome, as in Python).
pub(crate) async fn with_block<'a>(
    it: &'a Interp,
    o: &'a Rc<SyncObj>,
    line: u32,
    body: impl std::future::Future<Output = R<Flow>> + 'a,
    assign: impl FnOnce(Value) -> R<()>,
) -> R<Flow> {
    let enter = aenter_coro(it, o)?;
    let entered = it.await_value(enter, line).await?;
    assign(entered)?;
    let r = body.await;
    if let Err(e) = &r {
        if e.abort {
            return r;
        }
    }
    it.line.set(line);
    it.sync_loc();
    match release(o) {
        Ok(()) => r,
        Err(e) => Err(it.exc_from_error(e)),
    }
}

/// `asyncio.Lock()` etc.
pub(crate) fn construct(it: &Interp, name: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    let allowed: &[&str] = match name {
        "Condition" => &["lock"],
        "Semaphore" | "BoundedSemaphore" => &["value"],
        "Barrier" => &["parties"],
        "Queue" | "PriorityQueue" | "LifoQueue" => &["maxsize"],
        _ => &[],
    };
    if let Some((k, _)) = kwargs.iter().find(|(k, _)| !allowed.contains(&&**k)) {
        return it.type_error(format!("{name}.__init__() got an unexpected keyword argument '{k}'"));
    }
    if args.len() + kwargs.len() > allowed.len() {
        return it.type_error(format!(
            "{name}.__init__() takes {} positional argument{} but {} were given",
            allowed.len() + 1,
            if allowed.is_empty() { "" } else { "s" },
            args.len() + 1
        ));
    }
    let given = args.into_iter().next().or_else(|| kwargs.into_iter().next().map(|(_, v)| v));
    let int_arg = |default: i64| -> R<i64> {
        match &given {
            None => Ok(default),
            Some(Value::Int(n)) => Ok(*n),
            Some(Value::Bool(b)) => Ok(i64::from(*b)),
            Some(v) => it.type_error(format!("'<' not supported between instances of '{}' and 'int'", v.type_name())),
        }
    };
    let err = |e: runtime::Error| it.exc_from_error(e);
    let o = match name {
        "Lock" => SyncObj::Lock(Lock::new()),
        "Event" => SyncObj::Event(Event::new()),
        "Condition" => {
            let lock = match &given {
                None | Some(Value::None) => None,
                Some(Value::Sync(o)) if matches!(&**o, SyncObj::Lock(_)) => match &**o {
                    SyncObj::Lock(l) => Some(l.clone()),
                    _ => None,
                },
                Some(v) => {
                    return it.type_error(format!(
                        "taskline: asyncio.Condition(lock) takes an asyncio.Lock, not '{}'",
                        v.type_name()
                    ));
                }
            };
            SyncObj::Condition(Condition::new(lock))
        }
        "Semaphore" => SyncObj::Semaphore(Semaphore::new(int_arg(1)?).map_err(err)?),
        "BoundedSemaphore" => SyncObj::Semaphore(Semaphore::bounded(int_arg(1)?).map_err(err)?),
        "Barrier" => {
            let Some(p) = &given else {
                return it.type_error("Barrier.__init__() missing 1 required positional argument: 'parties'");
            };
            let n = int_arg(0)?;
            let _ = p;
            SyncObj::Barrier(Barrier::new(usize::try_from(n).unwrap_or(0)).map_err(err)?)
        }
        _ => {
            let maxsize = int_arg(0)?;
            let order = match name {
                "Queue" => QueueOrder::Fifo,
                "LifoQueue" => QueueOrder::Lifo,
                _ => {
                    let me = it.rc();
                    QueueOrder::Priority(Rc::new(move |a: &Value, b: &Value| {
                        super::ops::compare(&me, CmpOp::Lt, a, b).map_err(Interp::error_from_exc)
                    }))
                }
            };
            SyncObj::Queue(Queue::new(order, maxsize))
        }
    };
    Ok(Value::Sync(Rc::new(o)))
}
