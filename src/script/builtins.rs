//! Built-in functions, methods, attributes and the `asyncio`/`time` modules.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::generator::YieldNow;
use super::heap;
use super::interp::{Exc, Interp, R, make_task_obj, timeout_value};
use super::ops::{self, compare, dict_insert, hkey, make_set};
use super::value::{
    BoxFut, BuiltinFn, Class, CoroObj, FutObj, PyStr, TaskObj, Value, exc_str, range_len, repr, to_str,
};
use crate::runtime::{self, Awaitable, BoxAwait, FutureLike, Seconds};
use crate::trace::Via;

const BUILTINS: &[&str] = &[
    "print",
    "len",
    "range",
    "enumerate",
    "zip",
    "sum",
    "min",
    "max",
    "sorted",
    "reversed",
    "isinstance",
    "issubclass",
    "repr",
    "abs",
    "round",
    "any",
    "all",
    "list",
    "tuple",
    "dict",
    "set",
    "map",
    "filter",
    "divmod",
    "pow",
    "hash",
    "id",
    "iter",
    "next",
    "callable",
    "format",
    "getattr",
    "hasattr",
    "slice",
    "setattr",
    "delattr",
    "super",
    "staticmethod",
    "classmethod",
    "property",
];

/// The value of a built-in name, if it is one.
pub(crate) fn builtin_value(name: &str, classes: &HashMap<&'static str, Rc<Class>>) -> Option<Value> {
    if let Some(b) = BUILTINS.iter().find(|b| **b == name) {
        if matches!(name, "list" | "tuple" | "dict" | "set" | "slice") {
            return classes.get(name).cloned().map(Value::Class);
        }
        return Some(Value::Builtin(Rc::new(BuiltinFn { name: b, this: None })));
    }
    if matches!(name, "int" | "float" | "str" | "bool" | "type" | "object") {
        return classes.get(name).cloned().map(Value::Class);
    }
    if name == "NotImplemented" {
        return Some(Value::NotImplemented);
    }
    if matches!(name, "CancelledError" | "InvalidStateError" | "FrozenInstanceError" | "Enum" | "IntEnum") {
        return None;
    }
    classes.get(name).filter(|c| !c.builtin_type).cloned().map(Value::Class)
}

fn bf(name: &'static str, this: Option<Value>) -> Value {
    Value::Builtin(Rc::new(BuiltinFn { name, this }))
}

use super::compile::ASYNCIO_FUNCTIONS as ASYNCIO;
const TIME: &[&str] = &["sleep", "monotonic", "perf_counter", "time", "monotonic_ns", "perf_counter_ns", "time_ns"];

/// `o.name`.
pub(crate) fn get_attr(it: &Interp, o: &Value, name: &str) -> R<Value> {
    let method = |names: &[&'static str]| names.iter().find(|n| **n == name).map(|n| bf(n, Some(o.clone())));
    let found = match o {
        Value::Module(m) if let Some(v) = it.module_attrs.get(&(*m, name)) => Some(v.clone()),
        Value::Module(m) if it.module_index.contains_key(m) => it.module_attr(m, name),
        Value::Module("asyncio") => match name {
            "CancelledError" | "InvalidStateError" | "TimeoutError" | "Task" | "Future" => {
                Some(Value::Class(it.class(name)))
            }
            "TaskGroup" => Some(bf("asyncio.TaskGroup", None)),
            n if super::sync::EXCEPTIONS.contains(&n) => Some(Value::Class(it.class(n))),
            n if super::wait::NAMES.contains(&n) => super::wait::module_attr(n),
            n if let Some(c) = super::sync::CLASSES.iter().find(|c| **c == n) => Some(bf(sync_class(c), None)),
            _ => ASYNCIO.iter().find(|n| **n == name).map(|n| bf(asyncio_name(n), None)),
        },
        Value::Module("time") => TIME.iter().find(|n| **n == name).map(|n| bf(time_name(n), None)),
        Value::Module("functools") => {
            super::compile::FUNCTOOLS_NAMES.iter().find(|n| **n == name).map(|n| bf(functools_name(n), None))
        }
        Value::Module("dataclasses") => match name {
            "FrozenInstanceError" => Some(Value::Class(it.class(name))),
            "dataclass" => Some(bf("dataclasses.dataclass", None)),
            "field" => Some(bf("dataclasses.field", None)),
            "asdict" => Some(bf("dataclasses.asdict", None)),
            "fields" => Some(bf("dataclasses.fields", None)),
            _ => None,
        },
        Value::Module("enum") => match name {
            "Enum" | "IntEnum" => Some(Value::Class(it.class(name))),
            "auto" => Some(bf("enum.auto", None)),
            _ => None,
        },
        Value::Instance(_) => super::objects::instance_attr(it, o, name)?,
        Value::Native(n) => super::functools::native_attr(it, o, n, name)?,
        Value::Class(c) if c.user => super::objects::class_attr(it, c, name)?,
        Value::Module("typing") => super::typing::attr(it, name),
        Value::Str(_) => method(&[
            "upper",
            "lower",
            "strip",
            "lstrip",
            "rstrip",
            "split",
            "join",
            "startswith",
            "endswith",
            "replace",
            "format",
            "find",
            "count",
            "isdigit",
            "ljust",
            "rjust",
            "center",
            "title",
            "capitalize",
            "zfill",
            "splitlines",
            "index",
            "isalpha",
            "isspace",
            "isalnum",
            "isidentifier",
            "isupper",
            "islower",
            "isdecimal",
            "isnumeric",
        ]),
        Value::List(_) => method(&[
            "append", "extend", "pop", "insert", "remove", "index", "count", "sort", "reverse", "clear", "copy",
        ]),
        Value::Dict(_) => method(&["get", "keys", "values", "items", "pop", "setdefault", "update", "copy", "clear"]),
        Value::Set(_) => {
            method(&["add", "discard", "remove", "pop", "clear", "copy", "union", "intersection", "difference"])
        }
        Value::Tuple(_) => method(&["index", "count"]),
        Value::Slice(p) => match name {
            "start" => Some(p[0].clone()),
            "stop" => Some(p[1].clone()),
            "step" => Some(p[2].clone()),
            _ => method(&["indices"]),
        },
        Value::Task(_) => method(&[
            "cancel",
            "cancelled",
            "done",
            "result",
            "exception",
            "get_name",
            "set_name",
            "cancelling",
            "uncancel",
            "get_coro",
            "add_done_callback",
            "get_loop",
        ]),
        Value::Future(f) if matches!(&**f, FutObj::Plain(_)) => method(super::futures::FUTURE_METHODS),
        Value::Future(_) => method(&["cancel", "cancelled", "done", "result", "exception"]),
        Value::Handle(h) if super::futures::handle_attr(h, name) => method(&["cancel", "cancelled", "when"]),
        Value::Timeout(_) => method(&["when", "expired"]),
        Value::Loop => method(super::futures::LOOP_METHODS),
        Value::TaskGroup(_) => method(&["create_task"]),
        Value::Sync(s) => super::sync::get_attr(s, o, name),
        Value::AsCompleted(_) => super::wait::get_attr(o, name),
        Value::Exc(e) => match name {
            "args" => Some(Value::tuple(e.args.borrow().clone())),
            "value"
                if e.class.is_subclass(&it.class("StopIteration"))
                    || e.class.is_subclass(&it.class("StopAsyncIteration")) =>
            {
                Some(e.args.borrow().first().cloned().unwrap_or(Value::None))
            }
            "split" | "subgroup" | "derive" if super::excgroup::is_group(it, e) => {
                Some(Value::Builtin(Rc::new(BuiltinFn {
                    name: match name {
                        "split" => "BaseExceptionGroup.split",
                        "subgroup" => "BaseExceptionGroup.subgroup",
                        _ => "BaseExceptionGroup.derive",
                    },
                    this: Some(o.clone()),
                })))
            }
            "exceptions" if e.class.name.ends_with("ExceptionGroup") && e.args.borrow().len() == 2 => {
                let a = e.args.borrow()[1].clone();
                Some(Value::tuple(it.iterate(&a)?))
            }
            "message" if e.class.name.ends_with("ExceptionGroup") && !e.args.borrow().is_empty() => {
                Some(e.args.borrow()[0].clone())
            }
            "__cause__" => Some(e.cause.borrow().clone()),
            "__class__" => Some(Value::Class(e.class.clone())),
            "__context__" => Some(Value::None),
            _ => match super::objects::instance_attr(it, o, name)? {
                Some(v) => Some(v),
                None => e.dict.borrow().get(name).cloned(),
            },
        },
        Value::Class(c) => match name {
            "__name__" | "__qualname__" => Some(Value::Str((&c.name).into())),
            _ => None,
        },
        Value::Func(f) => match f.dict.borrow().get(name) {
            Some(v) => Some(v.clone()),
            None => match name {
                "__name__" => Some(Value::Str((&f.proto.name).into())),
                "__qualname__" => Some(Value::str(f.proto.qualname)),
                "__module__" => Some(Value::str("__main__")),
                "__doc__" => Some(f.proto.doc.clone().map_or(Value::None, |d| Value::Str(d.into()))),
                "__dict__" => {
                    let mut d = indexmap::IndexMap::new();
                    for (k, v) in f.dict.borrow().iter() {
                        if k.starts_with("__") && k.ends_with("__") && k.len() > 4 && !matches!(&**k, "__wrapped__") {
                            continue;
                        }
                        let k = Value::Str(k.into());
                        let h = hkey(it, &k)?;
                        dict_insert(&mut d, h, k, v.clone());
                    }
                    Some(Value::dict(d))
                }
                _ => None,
            },
        },
        Value::Coro(c) => match name {
            "__name__" => Some(Value::str(c.name.rsplit('.').next().unwrap_or(c.name))),
            "__qualname__" => Some(Value::str(c.name)),
            "close" => Some(bf("coro.close", Some(o.clone()))),
            _ => None,
        },
        Value::Builtin(b) => match name {
            "__name__" => Some(Value::str(b.name.rsplit('.').next().unwrap_or(b.name))),
            _ => None,
        },
        Value::CtxMgr(c) => method(c.methods()),
        Value::Gen(g) => match name {
            "__name__" => Some(Value::str(g.name.rsplit('.').next().unwrap_or(&g.name))),
            "__qualname__" => Some(Value::Str((&g.name).into())),
            _ if g.is_async => method(&["__aiter__", "__anext__", "asend", "athrow", "aclose"]),
            _ if g.kind == "generator" => method(&["__iter__", "__next__", "send", "throw", "close"]),
            _ => method(&["__iter__", "__next__"]),
        },
        _ => None,
    };
    if let Some(v) = found {
        return Ok(v);
    }
    if name == "__class__" {
        return Ok(type_of(it, o));
    }
    Err(match o {
        Value::Module(m) => it
            .module_attr_error(m, name)
            .unwrap_or_else(|| it.exc("AttributeError", format!("module '{m}' has no attribute '{name}'"))),
        Value::Class(c) => it.exc("AttributeError", format!("type object '{}' has no attribute '{name}'", c.name)),
        other => it.exc("AttributeError", format!("'{}' object has no attribute '{name}'", other.type_name())),
    })
}

/// The functions of `asyncio` and `time` as values, keyed by (module, name).
pub(crate) fn module_functions() -> HashMap<(&'static str, &'static str), Value> {
    let mut m = HashMap::new();
    for n in ASYNCIO {
        m.insert(("asyncio", *n), bf(asyncio_name(n), None));
    }
    for n in super::wait::NAMES {
        if let Some(v) = super::wait::module_attr(n) {
            m.insert(("asyncio", *n), v);
        }
    }
    for n in TIME {
        m.insert(("time", *n), bf(time_name(n), None));
    }
    for n in super::compile::CONTEXTLIB_NAMES {
        m.insert(("contextlib", *n), bf(contextlib_name(n), None));
    }
    m.extend(super::stdlib::module_values());
    m
}

fn asyncio_name(n: &str) -> &'static str {
    match n {
        "run" => "asyncio.run",
        "sleep" => "asyncio.sleep",
        "create_task" => "asyncio.create_task",
        "gather" => "asyncio.gather",
        "wait_for" => "asyncio.wait_for",
        "shield" => "asyncio.shield",
        "timeout" => "asyncio.timeout",
        "timeout_at" => "asyncio.timeout_at",
        "current_task" => "asyncio.current_task",
        "all_tasks" => "asyncio.all_tasks",
        "iscoroutine" => "asyncio.iscoroutine",
        "ensure_future" => "asyncio.ensure_future",
        "to_thread" => "asyncio.to_thread",
        "isfuture" => "asyncio.isfuture",
        "eager_task_factory" => "asyncio.eager_task_factory",
        _ => "asyncio.get_running_loop",
    }
}

/// The built-in name of an `asyncio` synchronization class's constructor.
fn sync_class(c: &str) -> &'static str {
    match c {
        "Lock" => "asyncio.Lock",
        "Event" => "asyncio.Event",
        "Condition" => "asyncio.Condition",
        "Semaphore" => "asyncio.Semaphore",
        "BoundedSemaphore" => "asyncio.BoundedSemaphore",
        "Barrier" => "asyncio.Barrier",
        "Queue" => "asyncio.Queue",
        "PriorityQueue" => "asyncio.PriorityQueue",
        _ => "asyncio.LifoQueue",
    }
}

fn functools_name(n: &str) -> &'static str {
    match n {
        "wraps" => "functools.wraps",
        "partial" => "functools.partial",
        "reduce" => "functools.reduce",
        "lru_cache" => "functools.lru_cache",
        _ => "functools.cache",
    }
}

fn contextlib_name(n: &str) -> &'static str {
    match n {
        "contextmanager" => "contextlib.contextmanager",
        "asynccontextmanager" => "contextlib.asynccontextmanager",
        "suppress" => "contextlib.suppress",
        "closing" => "contextlib.closing",
        _ => "contextlib.aclosing",
    }
}

fn time_name(n: &str) -> &'static str {
    match n {
        "sleep" => "time.sleep",
        "monotonic" => "time.monotonic",
        "perf_counter" => "time.perf_counter",
        "time" => "time.time",
        "monotonic_ns" => "time.monotonic_ns",
        "perf_counter_ns" => "time.perf_counter_ns",
        _ => "time.time_ns",
    }
}

fn type_of(it: &Interp, v: &Value) -> Value {
    match v {
        Value::Exc(e) => Value::Class(e.class.clone()),
        Value::Instance(i) => Value::Class(i.class.clone()),
        other => {
            let n = other.type_name();
            match it.classes.get(n) {
                Some(c) => Value::Class(c.clone()),
                None => Value::Class(Rc::new(Class { name: n.into(), builtin_type: true, ..Class::default() })),
            }
        }
    }
}

/// A number of seconds from the script.
#[derive(Debug, Clone)]
struct Secs {
    v: f64,
    repr: String,
    int: bool,
}

impl Seconds for Secs {
    fn seconds(&self) -> f64 {
        self.v
    }
    fn repr(&self) -> String {
        self.repr.clone()
    }
    fn is_int(&self) -> bool {
        self.int
    }
}

fn secs(it: &Interp, v: &Value, what: &str) -> R<Secs> {
    #[allow(clippy::cast_precision_loss)]
    match v {
        Value::Int(i) => Ok(Secs { v: *i as f64, repr: i.to_string(), int: true }),
        Value::Bool(b) => Ok(Secs { v: f64::from(u8::from(*b)), repr: repr(v), int: true }),
        Value::Float(f) => Ok(Secs { v: *f, repr: repr(v), int: false }),
        other => it
            .type_error(format!("{what}: '{}' object cannot be interpreted as a number of seconds", other.type_name())),
    }
}

fn float_of(v: &Value) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// What an asyncio combinator accepts.
enum Aw {
    Coro(runtime::Coro<BoxFut>),
    Task(runtime::Task<Value>),
    Fut(Rc<FutObj>),
    Ref(runtime::TaskRef),
}

/// A task known only by reference, as a future (its result reads as None).
struct RefFuture(runtime::TaskRef);

impl FutureLike<Value> for RefFuture {
    fn fut_id(&self) -> Option<crate::runtime::core::FutId> {
        let id = self.0.id();
        crate::runtime::core::with_state(|st| st.task_fut(id))
    }
    fn task_id(&self) -> Option<u32> {
        Some(self.0.id())
    }
    fn result(&self) -> crate::runtime::Result<Value> {
        let id = self.0.id();
        crate::runtime::core::with_state(|st| {
            let f = st.task_fut(id);
            match st.fut_error(f) {
                Some(e) => Err(e),
                None => Ok(Value::None),
            }
        })
        .unwrap_or(Ok(Value::None))
    }
}

struct FutAsValue(Rc<FutObj>);

impl FutureLike<Value> for FutAsValue {
    fn fut_id(&self) -> Option<crate::runtime::core::FutId> {
        match &*self.0 {
            FutObj::Plain(p) => Some(p.fut.fut_id()),
            FutObj::Shield(s) => FutureLike::fut_id(s),
            FutObj::Gather(g) => FutureLike::fut_id(g),
            FutObj::Settled(g) => FutureLike::fut_id(g),
            FutObj::Job(j) => FutureLike::fut_id(j),
        }
    }
    fn task_id(&self) -> Option<u32> {
        match &*self.0 {
            FutObj::Shield(s) => FutureLike::task_id(s),
            _ => None,
        }
    }
    fn result(&self) -> crate::runtime::Result<Value> {
        match &*self.0 {
            FutObj::Plain(p) => p.fut.result(),
            FutObj::Shield(s) => FutureLike::result(s),
            FutObj::Gather(g) => FutureLike::result(g).map(Value::list),
            FutObj::Settled(g) => FutureLike::result(g).map(settled_list),
            FutObj::Job(j) => FutureLike::result(j),
        }
    }
}

fn settled_list(v: Vec<crate::runtime::Result<Value>>) -> Value {
    let it = super::interp::SELF.with(|s| s.borrow().as_ref().and_then(std::rc::Weak::upgrade));
    Value::list(
        v.into_iter()
            .map(|r| match r {
                Ok(v) => v,
                Err(e) => match &it {
                    Some(it) => Value::Exc(it.exc_from_error(e)),
                    None => Value::None,
                },
            })
            .collect(),
    )
}

impl Awaitable for Aw {
    type Output = Value;
    fn into_await(self, loc: &'static std::panic::Location<'static>) -> BoxAwait<Value> {
        match self {
            Aw::Coro(c) => Box::pin(c),
            Aw::Task(t) => t.into_await(loc),
            Aw::Ref(r) => Box::pin(async move {
                r.join().await?;
                RefFuture(r).result()
            }),
            Aw::Fut(f) => match &*f {
                FutObj::Plain(p) => Box::pin(p.fut.wait()),
                FutObj::Shield(s) => s.clone().into_await(loc),
                FutObj::Gather(g) => {
                    let g = g.clone();
                    Box::pin(async move { g.into_await(loc).await.map(Value::list) })
                }
                FutObj::Settled(g) => {
                    let g = g.clone();
                    Box::pin(async move { g.into_await(loc).await.map(settled_list) })
                }
                FutObj::Job(j) => j.clone().into_await(loc),
            },
        }
    }
    fn ensure_future(self, via: Via, loc: &'static std::panic::Location<'static>) -> Rc<dyn FutureLike<Value>> {
        match self {
            Aw::Coro(c) => c.ensure_future(via, loc),
            Aw::Task(t) => Rc::new(t),
            Aw::Fut(f) => Rc::new(FutAsValue(f)),
            Aw::Ref(r) => Rc::new(RefFuture(r)),
        }
    }
}

fn to_aw(it: &Interp, v: &Value, what: &str) -> R<Aw> {
    match v {
        Value::Coro(c) => match c.coro.borrow_mut().take() {
            Some(co) if what != "wait_for" => {
                if let Some(f) = &c.task_body {
                    f.set(true);
                }
                Ok(Aw::Coro(co))
            }
            Some(co) => Ok(Aw::Coro(co)),
            None => Err(it.exc("RuntimeError", "cannot reuse already awaited coroutine")),
        },
        Value::Task(t) => match &**t {
            TaskObj::Typed(t) => Ok(Aw::Task(t.clone())),
            TaskObj::Ref(r) => Ok(Aw::Ref(*r)),
        },
        Value::Future(f) => Ok(Aw::Fut(f.clone())),
        _ => it.type_error("An asyncio.Future, a coroutine or an awaitable is required"),
    }
}

fn loop_running() -> bool {
    crate::runtime::core::with_inner(|_| ()).is_some()
}

fn no_loop(it: &Interp) -> Exc {
    it.exc("RuntimeError", "no running event loop")
}

fn kw<'a>(kwargs: &'a [(Rc<str>, Value)], name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

fn check_kwargs(it: &Interp, fname: &str, kwargs: &[(Rc<str>, Value)], allowed: &[&str]) -> R<()> {
    for (k, _) in kwargs {
        if !allowed.contains(&&**k) {
            return it.type_error(format!("{fname}() got an unexpected keyword argument '{k}'"));
        }
    }
    Ok(())
}

fn arg<'a>(
    it: &Interp,
    args: &'a [Value],
    kwargs: &'a [(Rc<str>, Value)],
    i: usize,
    name: &str,
    fname: &str,
) -> R<&'a Value> {
    match args.get(i).or_else(|| kw(kwargs, name)) {
        Some(v) => Ok(v),
        None => it.type_error(format!("{fname}() missing required argument '{name}' (pos {})", i + 1)),
    }
}

fn nargs(it: &Interp, fname: &str, args: &[Value], min: usize, max: usize) -> R<()> {
    if args.len() < min || args.len() > max {
        if min == max {
            return it.type_error(format!(
                "{fname}() takes exactly {min} argument{} ({} given)",
                if min == 1 { "" } else { "s" },
                args.len()
            ));
        }
        if args.len() < min {
            return it.type_error(format!(
                "{fname} expected at least {min} argument{}, got {}",
                if min == 1 { "" } else { "s" },
                args.len()
            ));
        }
        return it.type_error(format!(
            "{fname} expected at most {max} argument{}, got {}",
            if max == 1 { "" } else { "s" },
            args.len()
        ));
    }
    Ok(())
}

fn as_int(it: &Interp, v: &Value) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Big(_) => Err(it.exc("OverflowError", "cannot fit 'int' into an index-sized integer")),
        other => it.type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name())),
    }
}

fn sort_values(it: &Interp, items: &mut Vec<Value>, key: Option<&Value>, reverse: bool) -> R<()> {
    let keys: Vec<Value> = match key {
        Some(k) if !matches!(k, Value::None) => {
            items.iter().map(|x| it.call(k, vec![x.clone()], Vec::new())).collect::<R<_>>()?
        }
        _ => items.clone(),
    };
    // CPython's sort is stable and asks only `<`; reverse=True keeps equal items in order.
    let lt = |a: usize, b: usize| -> R<bool> {
        let (x, y) = if reverse { (&keys[b], &keys[a]) } else { (&keys[a], &keys[b]) };
        compare(it, super::compile::CmpOp::Lt, x, y)
    };
    let idx = merge_sort((0..items.len()).collect(), &lt)?;
    let sorted: Vec<Value> = idx.into_iter().map(|i| items[i].clone()).collect();
    *items = sorted;
    Ok(())
}

/// A stable merge sort with a fallible `<` (never panics on an inconsistent order).
fn merge_sort(v: Vec<usize>, lt: &dyn Fn(usize, usize) -> R<bool>) -> R<Vec<usize>> {
    if v.len() <= 1 {
        return Ok(v);
    }
    let mut v = v;
    let right = v.split_off(v.len() / 2);
    let (a, b) = (merge_sort(v, lt)?, merge_sort(right, lt)?);
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if lt(b[j], a[i])? {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    Ok(out)
}

fn minmax(it: &Interp, fname: &str, args: Vec<Value>, kwargs: &[(Rc<str>, Value)], want_max: bool) -> R<Value> {
    let items = if args.len() == 1 { it.iterate(&args[0])? } else { args };
    let key = kw(kwargs, "key").filter(|k| !matches!(k, Value::None));
    if items.is_empty() {
        if let Some(d) = kw(kwargs, "default") {
            return Ok(d.clone());
        }
        return Err(it.exc("ValueError", format!("{fname}() iterable argument is empty")));
    }
    let mut best = items[0].clone();
    let mut best_key = match key {
        Some(k) => it.call(k, vec![best.clone()], Vec::new())?,
        None => best.clone(),
    };
    for x in items.into_iter().skip(1) {
        let xk = match key {
            Some(k) => it.call(k, vec![x.clone()], Vec::new())?,
            None => x.clone(),
        };
        let better = if want_max {
            compare(it, super::compile::CmpOp::Gt, &xk, &best_key)?
        } else {
            compare(it, super::compile::CmpOp::Lt, &xk, &best_key)?
        };
        if better {
            best = x;
            best_key = xk;
        }
    }
    Ok(best)
}

/// `print(*args, sep=' ', end='\n')`.
fn do_print(it: &Interp, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> R<Value> {
    check_kwargs(it, "print", kwargs, &["sep", "end", "file", "flush"])?;
    let sep = match kw(kwargs, "sep") {
        None | Some(Value::None) => " ".to_owned(),
        Some(Value::Str(s)) => s.to_string(),
        Some(o) => {
            return it.type_error(format!("sep must be None or a string, not {}", o.type_name()));
        }
    };
    let end = match kw(kwargs, "end") {
        None | Some(Value::None) => "\n".to_owned(),
        Some(Value::Str(s)) => s.to_string(),
        Some(o) => {
            return it.type_error(format!("end must be None or a string, not {}", o.type_name()));
        }
    };
    let file = kw(kwargs, "file").filter(|f| !matches!(f, Value::None));
    let mut parts = Vec::with_capacity(args.len());
    let mut total = 0usize;
    for a in args {
        let p = it.to_str(a)?;
        total = total.saturating_add(p.len() + sep.len());
        it.reserve(total)?;
        parts.push(p);
    }
    let mut text = parts.join(&sep);
    text.push_str(&end);
    // print(file=f) writes to f; sys.stdout and sys.stderr are recorded as
    // one event per print (CPython writes the pieces one by one).
    let stream = match file {
        None => 0,
        Some(f) if it.module_attr("sys", "stdout").is_some_and(|s| s.identity() == f.identity()) => 0,
        Some(f) if it.module_attr("sys", "stderr").is_some_and(|s| s.identity() == f.identity()) => {
            crate::trace::flags::STDERR
        }
        Some(f) => {
            // Any other file object: CPython calls its write() with each
            // piece (every argument, each separator, the end).
            let write = get_attr(it, f, "write")?;
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    it.call(&write, vec![Value::str(&sep)], Vec::new())?;
                }
                it.call(&write, vec![Value::str(p)], Vec::new())?;
            }
            it.call(&write, vec![Value::str(&end)], Vec::new())?;
            return Ok(Value::None);
        }
    };
    if text.ends_with('\n') {
        text.pop();
    }
    record_output(it, text, stream);
    Ok(Value::None)
}

/// Records `text` written to a stream (0: `print` to stdout; else a
/// [`crate::trace::flags`] stream flag): a `Print` event in a running loop,
/// else one of the prints made before the loop starts.
pub(crate) fn record_output(it: &Interp, text: String, stream: u8) {
    let line = it.line.replace(it.user_line());
    if loop_running() {
        it.sync_loc();
        runtime::print_to(&text, stream, std::panic::Location::caller());
    } else {
        it.module_prints.borrow_mut().push((text, it.line.get(), stream));
    }
    it.line.set(line);
}

/// Calls a built-in.
pub(crate) fn call_builtin(it: &Interp, b: &BuiltinFn, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    if let Some(this) = &b.this {
        if let (Some(m), Value::Exc(e)) = (b.name.strip_prefix("BaseExceptionGroup."), this) {
            return super::excgroup::call_method(it, e, m, &args);
        }
        if b.name.starts_with("object.") || b.name.starts_with("BaseException.") {
            return super::objects::call_object_method(it, b.name, this, args, &kwargs);
        }
        if b.name == "cache_clear" {
            super::functools::cache_clear(this);
            return Ok(Value::None);
        }
        return call_method(it, this, b.name, args, kwargs);
    }
    let name = b.name;
    if name == "asyncio.wait" || name == "asyncio.as_completed" {
        return super::wait::call(it, name, args, kwargs);
    }
    if name.starts_with("asyncio.") {
        return call_asyncio(it, name, args, kwargs);
    }
    if name.starts_with("functools.") {
        return super::functools::call_functools(it, name, args, kwargs);
    }
    if name.starts_with("dataclasses.") {
        return super::dataclasses::call_dataclasses(it, name, args, kwargs);
    }
    if name.starts_with("dataclass.") {
        return super::dataclasses::call_method(it, name, args, kwargs);
    }
    if name == "enum.auto" {
        nargs(it, "auto", &args, 0, 0)?;
        return Ok(super::objects::native(super::value::Native::Auto));
    }
    if name == "property" {
        check_kwargs(it, "property", &kwargs, &["fget", "fset", "fdel", "doc"])?;
        nargs(it, "property", &args, 0, 4)?;
        let get = |i: usize, k: &str| args.get(i).or_else(|| kw(&kwargs, k)).cloned().unwrap_or(Value::None);
        return Ok(super::objects::native(super::value::Native::Property {
            fget: get(0, "fget"),
            fset: get(1, "fset"),
            fdel: get(2, "fdel"),
        }));
    }
    if name == "typing.cast" {
        return super::typing::cast(it, &args);
    }
    if super::stdlib::owns(name) {
        return super::stdlib::call(it, name, args, kwargs);
    }
    if !kwargs.is_empty()
        && !matches!(
            name,
            "asyncio.TaskGroup"
                | "print"
                | "sorted"
                | "min"
                | "max"
                | "asyncio.create_task"
                | "asyncio.gather"
                | "asyncio.wait_for"
                | "asyncio.sleep"
                | "asyncio.run"
                | "asyncio.timeout"
                | "asyncio.timeout_at"
                | "asyncio.shield"
                | "asyncio.ensure_future"
                | "sum"
                | "enumerate"
                | "round"
        )
    {
        return it.type_error(format!("{name}() takes no keyword arguments"));
    }
    match name {
        "print" => do_print(it, &args, &kwargs),
        "len" => {
            nargs(it, "len", &args, 1, 1)?;
            let n = match &args[0] {
                Value::Str(s) => s.chars().count(),
                Value::List(l) => l.borrow().len(),
                Value::Tuple(t) => t.len(),
                Value::Dict(d) => d.borrow().len(),
                Value::Set(s) => s.borrow().len(),
                Value::Range(a, b, s) => usize::try_from(range_len(*a, *b, *s)).unwrap_or(0),
                Value::Class(c) if c.is_enum() => c.members.borrow().len(),
                other => match super::objects::call_dunder(it, other, "__len__", Vec::new())? {
                    Some(r) => usize::try_from(it.len_result(&r)?).unwrap_or(0),
                    None => {
                        return it.type_error(format!("object of type '{}' has no len()", other.type_name()));
                    }
                },
            };
            Ok(Value::Int(i64::try_from(n).unwrap_or(i64::MAX)))
        }
        "range" => {
            nargs(it, "range", &args, 1, 3)?;
            let v: Vec<i64> = args.iter().map(|a| as_int(it, a)).collect::<R<_>>()?;
            let (a, b, s) = match v.len() {
                1 => (0, v[0], 1),
                2 => (v[0], v[1], 1),
                _ => (v[0], v[1], v[2]),
            };
            if s == 0 {
                return Err(it.exc("ValueError", "range() arg 3 must not be zero"));
            }
            Ok(Value::Range(a, b, s))
        }
        "enumerate" => {
            check_kwargs(it, "enumerate", &kwargs, &["iterable", "start"])?;
            let start = match kw(&kwargs, "start").or(args.get(1)) {
                Some(v) => as_int(it, v)?,
                None => 0,
            };
            let src = it.get_iter(arg(it, &args, &kwargs, 0, "iterable", "enumerate")?)?;
            let me = it.rc();
            let body = async move {
                let mut n = start;
                while let Some(x) = me.next_item(&src)? {
                    me.tick()?;
                    let i = n;
                    n = n
                        .checked_add(1)
                        .ok_or_else(|| me.exc("OverflowError", "taskline: integer result does not fit in 64 bits"))?;
                    YieldNow::new(Value::tuple(vec![Value::Int(i), x])).await?;
                }
                Ok(Value::None)
            };
            Ok(super::generator::new_native("enumerate", Box::pin(body)))
        }
        "zip" => {
            let srcs: Vec<Value> = args.iter().map(|a| it.get_iter(a)).collect::<R<_>>()?;
            let me = it.rc();
            let body = async move {
                while !srcs.is_empty() {
                    let mut row = Vec::with_capacity(srcs.len());
                    for s in &srcs {
                        match me.next_item(s)? {
                            Some(x) => row.push(x),
                            None => return Ok(Value::None),
                        }
                    }
                    me.tick()?;
                    YieldNow::new(Value::tuple(row)).await?;
                }
                Ok(Value::None)
            };
            Ok(super::generator::new_native("zip", Box::pin(body)))
        }
        "sum" => {
            check_kwargs(it, "sum", &kwargs, &["start"])?;
            nargs(it, "sum", &args, 1, 2)?;
            if let Value::Range(a, b, st) = &args[0] {
                // sum over a range: counted as steps before looping (the step budget bounds it)
                let n = range_len(*a, *b, *st);
                it.ticks(u64::try_from(n).unwrap_or(u64::MAX))?;
            }
            let items = it.iterate(arg(it, &args, &kwargs, 0, "iterable", "sum")?)?;
            let mut acc = kw(&kwargs, "start").or(args.get(1)).cloned().unwrap_or(Value::Int(0));
            if let Value::Str(_) = acc {
                return it.type_error("sum() can't sum strings [use ''.join(seq) instead]");
            }
            // CPython: exact int sums, then floats with Neumaier's compensated summation.
            let mut comp: Option<(f64, f64)> = None;
            for x in items {
                if let Some((f, c)) = &mut comp {
                    if let Some(v) = float_of(&x).filter(|_| matches!(x, Value::Float(_) | Value::Int(_))) {
                        let t = *f + v;
                        if f.abs() >= v.abs() {
                            *c += (*f - t) + v;
                        } else {
                            *c += (v - t) + *f;
                        }
                        *f = t;
                        continue;
                    }
                    let (f, c) = comp.take().unwrap_or_default();
                    acc = Value::Float(if c != 0.0 && c.is_finite() { f + c } else { f });
                }
                acc = ops::binop(it, super::compile::Operator::Add, &acc, &x)?;
                if let Value::Float(f) = acc {
                    comp = Some((f, 0.0));
                }
            }
            if let Some((f, c)) = comp {
                acc = Value::Float(if c != 0.0 && c.is_finite() { f + c } else { f });
            }
            Ok(acc)
        }
        "min" => {
            check_kwargs(it, "min", &kwargs, &["key", "default"])?;
            minmax(it, "min", args, &kwargs, false)
        }
        "max" => {
            check_kwargs(it, "max", &kwargs, &["key", "default"])?;
            minmax(it, "max", args, &kwargs, true)
        }
        "sorted" => {
            check_kwargs(it, "sort", &kwargs, &["key", "reverse"])?;
            nargs(it, "sorted", &args, 1, 1)?;
            let mut items = it.iterate(&args[0])?;
            sort_values(it, &mut items, kw(&kwargs, "key"), kw(&kwargs, "reverse").is_some_and(Value::truthy))?;
            Ok(Value::list(items))
        }
        "reversed" => {
            nargs(it, "reversed", &args, 1, 1)?;
            if let Value::Gen(_) | Value::Iter(_) = &args[0] {
                return it.type_error(format!("'{}' object is not reversible", args[0].type_name()));
            }
            let mut items = it.iterate(&args[0])?;
            items.reverse();
            Ok(Value::Iter(Rc::new(RefCell::new(items.into_iter()))))
        }
        "iter" => {
            nargs(it, "iter", &args, 1, 1)?;
            it.get_iter(&args[0])
        }
        "next" => {
            nargs(it, "next", &args, 1, 2)?;
            let n = match &args[0] {
                Value::Gen(g) if !g.is_async && args.len() == 1 => {
                    return super::generator::send(it, g, Ok(Value::None));
                }
                Value::Gen(g) if !g.is_async => super::generator::next(it, g)?,
                Value::Iter(i) => i.borrow_mut().next(),
                Value::AsCompleted(a) => super::wait::next(it, a),
                v if super::objects::has_dunder(v, "__next__") => {
                    match super::objects::call_dunder(it, v, "__next__", Vec::new()) {
                        Ok(v) => v,
                        Err(e) if e.class.is_subclass_named("StopIteration") && args.len() == 2 => None,
                        Err(e) => return Err(e),
                    }
                }
                other => return it.type_error(format!("'{}' object is not an iterator", other.type_name())),
            };
            match n {
                Some(v) => Ok(v),
                None => match args.get(1) {
                    Some(d) => Ok(d.clone()),
                    None => Err(it.exc_args(it.class("StopIteration"), Vec::new())),
                },
            }
        }
        "isinstance" => {
            nargs(it, "isinstance", &args, 2, 2)?;
            Ok(Value::Bool(isinstance(it, &args[0], &args[1])?))
        }
        "issubclass" => {
            nargs(it, "issubclass", &args, 2, 2)?;
            let Value::Class(a) = &args[0] else {
                return it.type_error("issubclass() arg 1 must be a class");
            };
            let classes: Vec<Value> = match &args[1] {
                Value::Tuple(t) => t.to_vec(),
                other => vec![other.clone()],
            };
            let mut found = false;
            for c in &classes {
                match c {
                    Value::Class(b) if b.builtin_type && &*b.name == "object" => found = true,
                    Value::Class(b) => found |= a.is_subclass(b),
                    _ => return it.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"),
                }
                if found {
                    break;
                }
            }
            Ok(Value::Bool(found))
        }
        "repr" => {
            nargs(it, "repr", &args, 1, 1)?;
            Ok(Value::Str(it.repr(&args[0])?.into()))
        }
        "format" => {
            nargs(it, "format", &args, 1, 2)?;
            let spec = match args.get(1) {
                Some(Value::Str(s)) => s.to_string(),
                None => String::new(),
                Some(o) => return it.type_error(format!("format() argument 2 must be str, not {}", o.type_name())),
            };
            Ok(Value::Str(it.format_value(&args[0], ' ', Some(&spec))?.into()))
        }
        "abs" => {
            nargs(it, "abs", &args, 1, 1)?;
            match &args[0] {
                Value::Int(i) => {
                    Ok(i.checked_abs().map_or_else(|| super::bigint::neg(&num_bigint::BigInt::from(*i)), Value::Int))
                }
                Value::Big(n) => {
                    Ok(if super::bigint::is_negative(n) { super::bigint::neg(n) } else { args[0].clone() })
                }
                Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
                Value::Float(f) => Ok(Value::Float(f.abs())),
                o if super::objects::has_dunder(o, "__abs__") => {
                    Ok(super::objects::call_dunder(it, o, "__abs__", Vec::new())?.unwrap_or(Value::None))
                }
                o => it.type_error(format!("bad operand type for abs(): '{}'", o.type_name())),
            }
        }
        "round" => {
            check_kwargs(it, "round", &kwargs, &["number", "ndigits"])?;
            let x = arg(it, &args, &kwargs, 0, "number", "round")?;
            let nd = kw(&kwargs, "ndigits").or(args.get(1)).filter(|v| !matches!(v, Value::None));
            match (x, nd) {
                (Value::Big(_), _) => Ok(x.clone()),
                (Value::Int(_) | Value::Bool(_), _) => Ok(Value::Int(as_int(it, x)?)),
                (Value::Float(f), None) => {
                    let r = round_half_even(*f);
                    if !r.is_finite() {
                        return Err(it.exc("OverflowError", "cannot convert float infinity to integer"));
                    }
                    Ok(super::bigint::from_f64(r))
                }
                (Value::Float(f), Some(n)) => {
                    let n = as_int(it, n)?;
                    let s = format!("{:.*}", usize::try_from(n.clamp(0, 300)).unwrap_or(0), f);
                    Ok(Value::Float(s.parse().unwrap_or(*f)))
                }
                (o, _) => it.type_error(format!("type {} doesn't define __round__ method", o.type_name())),
            }
        }
        "any" | "all" => {
            nargs(it, name, &args, 1, 1)?;
            // item by item: a generator stops being asked at the first deciding item
            let src = it.get_iter(&args[0])?;
            let want = name == "any";
            while let Some(x) = it.next_item(&src)? {
                it.tick()?;
                if x.truthy() == want {
                    return Ok(Value::Bool(want));
                }
            }
            Ok(Value::Bool(!want))
        }
        "map" => {
            if args.len() < 2 {
                return it.type_error("map() must have at least two arguments.");
            }
            let srcs: Vec<Value> = args[1..].iter().map(|a| it.get_iter(a)).collect::<R<_>>()?;
            let f = args[0].clone();
            let me = it.rc();
            let body = async move {
                loop {
                    let mut row = Vec::with_capacity(srcs.len());
                    for s in &srcs {
                        match me.next_item(s)? {
                            Some(x) => row.push(x),
                            None => return Ok(Value::None),
                        }
                    }
                    me.tick()?;
                    let v = me.call(&f, row, Vec::new())?;
                    YieldNow::new(v).await?;
                }
            };
            Ok(super::generator::new_native("map", Box::pin(body)))
        }
        "filter" => {
            nargs(it, "filter", &args, 2, 2)?;
            let src = it.get_iter(&args[1])?;
            let f = args[0].clone();
            let me = it.rc();
            let body = async move {
                while let Some(x) = me.next_item(&src)? {
                    me.tick()?;
                    let keep = match &f {
                        Value::None => x.truthy(),
                        f => me.call(f, vec![x.clone()], Vec::new())?.truthy(),
                    };
                    if keep {
                        YieldNow::new(x).await?;
                    }
                }
                Ok(Value::None)
            };
            Ok(super::generator::new_native("filter", Box::pin(body)))
        }
        "divmod" => {
            nargs(it, "divmod", &args, 2, 2)?;
            let q = ops::binop(it, super::compile::Operator::FloorDiv, &args[0], &args[1])?;
            let r = ops::binop(it, super::compile::Operator::Mod, &args[0], &args[1])?;
            Ok(Value::tuple(vec![q, r]))
        }
        "pow" => {
            nargs(it, "pow", &args, 2, 3)?;
            let modulus = args.get(2).filter(|m| !matches!(m, Value::None));
            let Some(m) = modulus else {
                return ops::binop(it, super::compile::Operator::Pow, &args[0], &args[1]);
            };
            // pow(base, exp, mod): square-and-multiply on integers, as CPython (exp >= 0).
            let (Value::Int(b), Value::Int(e), Value::Int(m)) = (&args[0], &args[1], m) else {
                return it.type_error("pow() 3rd argument not allowed unless all arguments are integers");
            };
            if *m == 0 {
                return Err(it.exc("ValueError", "pow() 3rd argument cannot be 0"));
            }
            if *e < 0 {
                return Err(it.exc("ValueError", "pow() 2nd argument cannot be negative when 3rd argument specified"));
            }
            let m = i128::from(*m);
            let (mut base, mut exp, mut acc) = (i128::from(*b).rem_euclid(m), *e, 1i128);
            while exp > 0 {
                if exp & 1 == 1 {
                    acc = acc * base % m;
                }
                base = base * base % m;
                exp >>= 1;
            }
            // Python's result takes the sign of the modulus.
            let r = if acc != 0 && m < 0 { acc + m } else { acc };
            Ok(Value::Int(i64::try_from(r).unwrap_or_default()))
        }
        "hash" => {
            nargs(it, "hash", &args, 1, 1)?;
            let h = hkey(it, &args[0])?;
            if let super::value::HKey::Obj(k) = h {
                return Ok(Value::Int(k.hash));
            }
            match (&args[0], h) {
                (Value::Int(i), _) => Ok(Value::Int(super::bigint::hash_i64(*i))),
                (Value::Bool(b), _) => Ok(Value::Int(i64::from(*b))),
                (Value::Big(n), _) => Ok(Value::Int(super::bigint::hash(n))),
                #[allow(clippy::cast_possible_wrap)]
                (Value::Float(f), _) => Ok(Value::Int(super::stdlib::random::float_hash(*f) as i64)),
                (_, super::value::HKey::Id(_)) => {
                    Ok(Value::Int(i64::try_from(args[0].identity() % 1_000_000_007).unwrap_or(0)))
                }
                // equal values hash equal (the values differ from CPython's, whose
                // str hashes are randomized per process anyway)
                (_, h) => {
                    use std::hash::{Hash, Hasher};
                    let mut s = std::hash::DefaultHasher::new();
                    h.hash(&mut s);
                    #[allow(clippy::cast_possible_wrap)]
                    Ok(Value::Int((s.finish() >> 2) as i64))
                }
            }
        }
        "id" => {
            nargs(it, "id", &args, 1, 1)?;
            Ok(Value::Int(i64::try_from(args[0].identity()).unwrap_or(0)))
        }
        "callable" => {
            nargs(it, "callable", &args, 1, 1)?;
            Ok(Value::Bool(
                matches!(args[0], Value::Func(_) | Value::Builtin(_) | Value::Class(_) | Value::Native(_))
                    || super::objects::has_dunder(&args[0], "__call__"),
            ))
        }
        "getattr" => {
            nargs(it, "getattr", &args, 2, 3)?;
            let Value::Str(n) = &args[1] else {
                return it.type_error("attribute name must be string");
            };
            match get_attr(it, &args[0], n) {
                Ok(v) => Ok(v),
                Err(e) if args.len() == 3 && &*e.class.name == "AttributeError" => Ok(args[2].clone()),
                Err(e) => Err(e),
            }
        }
        "hasattr" => {
            nargs(it, "hasattr", &args, 2, 2)?;
            let Value::Str(n) = &args[1] else {
                return it.type_error("attribute name must be string");
            };
            match get_attr(it, &args[0], n) {
                Ok(_) => Ok(Value::Bool(true)),
                Err(e) if e.class.is_subclass_named("AttributeError") => Ok(Value::Bool(false)),
                Err(e) => Err(e),
            }
        }
        "setattr" => {
            nargs(it, "setattr", &args, 3, 3)?;
            let Value::Str(n) = &args[1] else {
                return it.type_error(format!("attribute name must be string, not '{}'", args[1].type_name()));
            };
            super::objects::set_attr(it, &args[0], n, args[2].clone())?;
            Ok(Value::None)
        }
        "delattr" => {
            nargs(it, "delattr", &args, 2, 2)?;
            let Value::Str(n) = &args[1] else {
                return it.type_error(format!("attribute name must be string, not '{}'", args[1].type_name()));
            };
            super::objects::del_attr(it, &args[0], n)?;
            Ok(Value::None)
        }
        "super" => {
            let (Some(Value::Class(c)), Some(this)) = (args.first(), args.get(1)) else {
                return Err(it.exc("RuntimeError", "super(): no arguments"));
            };
            Ok(super::objects::native(super::value::Native::Super { class: c.clone(), this: this.clone() }))
        }
        "staticmethod" | "classmethod" => {
            nargs(it, name, &args, 1, 1)?;
            let f = args[0].clone();
            Ok(super::objects::native(if name == "staticmethod" {
                super::value::Native::StaticMethod(f)
            } else {
                super::value::Native::ClassMethod(f)
            }))
        }
        _ if name.starts_with("asyncio.") => call_asyncio(it, name, args, kwargs),
        _ if name.starts_with("time.") => call_time(it, name, &args),
        _ if name.starts_with("contextlib.") => super::generator::call_contextlib(it, name, args),
        _ => it.type_error(format!("taskline: '{name}' cannot be called")),
    }
}

fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 { 2.0 * (f / 2.0).round() } else { r }
}

fn isinstance(it: &Interp, v: &Value, cls: &Value) -> R<bool> {
    match cls {
        Value::Tuple(t) => {
            for c in t.iter() {
                if isinstance(it, v, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Class(c) if c.builtin_type => {
            let tn = v.type_name();
            Ok(match &*c.name {
                "object" => true,
                "int" => matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_)),
                "float" => matches!(v, Value::Float(_)),
                "Future" => matches!(v, Value::Task(_) | Value::Future(_)),
                n => n == tn,
            })
        }
        Value::Class(c) => Ok(match v {
            Value::Exc(e) => e.class.is_subclass(c),
            Value::Instance(i) => i.class.is_subclass(c),
            _ => false,
        }),
        _ => it.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"),
    }
}

/// Calls a class: an exception, or a built-in type's conversion.
pub(crate) fn call_class(it: &Interp, c: &Rc<Class>, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    // an IntEnum member converts as its int
    let args: Vec<Value> = args.into_iter().map(|a| super::dataclasses::int_value(&a).unwrap_or(a)).collect();
    if !c.builtin_type {
        if !kwargs.is_empty() {
            return it.type_error(format!("{}() takes no keyword arguments", c.name));
        }
        return Ok(Value::Exc(it.exc_args(c.clone(), args)));
    }
    if &*c.name == "Future" {
        return super::futures::new_future(it, &args, &kwargs);
    }
    if !kwargs.is_empty() && &*c.name != "dict" {
        return it.type_error(format!("{}() takes no keyword arguments", c.name));
    }
    let name = &*c.name;
    match name {
        "int" => {
            nargs(it, "int", &args, 0, 2)?;
            match args.first() {
                None => Ok(Value::Int(0)),
                Some(Value::Int(i)) => Ok(Value::Int(*i)),
                Some(Value::Big(_)) => Ok(args[0].clone()),
                Some(Value::Bool(b)) => Ok(Value::Int(i64::from(*b))),
                Some(Value::Float(f)) => {
                    if !f.is_finite() {
                        return Err(it.exc(
                            if f.is_nan() { "ValueError" } else { "OverflowError" },
                            if f.is_nan() {
                                "cannot convert float NaN to integer"
                            } else {
                                "cannot convert float infinity to integer"
                            },
                        ));
                    }
                    Ok(super::bigint::from_f64(*f))
                }
                Some(Value::Str(s)) => {
                    let base = match args.get(1) {
                        Some(b) => as_int(it, b)?,
                        None => 10,
                    };
                    if base != 0 && !(2..=36).contains(&base) {
                        return Err(it.exc("ValueError", "int() base must be >= 2 and <= 36, or 0"));
                    }
                    let given_base = base;
                    let t = s.trim();
                    let (neg, digits) = match t.strip_prefix('-') {
                        Some(r) => (true, r),
                        None => (false, t.strip_prefix('+').unwrap_or(t)),
                    };
                    let lower = digits.to_ascii_lowercase();
                    let auto_base = (base == 0).then_some(());
                    let (base, digits, prefixed) = match (base, lower.get(..2)) {
                        (0 | 16, Some("0x")) => (16, &digits[2..], true),
                        (0 | 8, Some("0o")) => (8, &digits[2..], true),
                        (0 | 2, Some("0b")) => (2, &digits[2..], true),
                        (0, _) => (10, digits, false),
                        (b, _) => (b, digits, false),
                    };
                    // `0x_1f`: one underscore may follow the base prefix
                    let digits = if prefixed { digits.strip_prefix('_').unwrap_or(digits) } else { digits };
                    // base 0 takes no leading zeros (`int('010', 0)` is an error), except for zero itself
                    let digits_ok = auto_base.is_none()
                        || prefixed
                        || !digits.starts_with('0')
                        || digits.chars().all(|c| c == '0' || c == '_');
                    let base = u32::try_from(base).unwrap_or(10);
                    // underscores only between digits; every digit below the base
                    let ok = digits_ok
                        && !digits.is_empty()
                        && !digits.starts_with('_')
                        && !digits.ends_with('_')
                        && !digits.contains("__")
                        && digits.chars().all(|c| c == '_' || c.is_digit(base));
                    let clean = digits.replace('_', "");
                    if !ok {
                        return Err(it.exc(
                            "ValueError",
                            format!(
                                "invalid literal for int() with base {given_base}: {}",
                                repr(&Value::Str(s.clone()))
                            ),
                        ));
                    }
                    match super::bigint::parse(&clean, base, neg) {
                        Ok(Some(v)) => Ok(v),
                        Ok(None) => Err(it.exc(
                            "ValueError",
                            format!(
                                "invalid literal for int() with base {given_base}: {}",
                                repr(&Value::Str(s.clone()))
                            ),
                        )),
                        Err(n) => Err(it.exc(
                            "ValueError",
                            format!(
                                "Exceeds the limit (4300 digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
                            ),
                        )),
                    }
                }
                Some(o) => it.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    o.type_name()
                )),
            }
        }
        "float" => {
            nargs(it, "float", &args, 0, 1)?;
            match args.first() {
                None => Ok(Value::Float(0.0)),
                Some(Value::Str(s)) => {
                    let t = s.trim().to_ascii_lowercase();
                    let v = match t.as_str() {
                        "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                        "nan" | "+nan" | "-nan" => Some(f64::NAN),
                        _ => t.parse::<f64>().ok(),
                    };
                    v.map(Value::Float).ok_or_else(|| {
                        it.exc(
                            "ValueError",
                            format!("could not convert string to float: {}", repr(&Value::Str(s.clone()))),
                        )
                    })
                }
                Some(Value::Big(n)) => Ok(Value::Float(super::bigint::to_f64(it, n)?)),
                Some(v) => match float_of(v) {
                    Some(f) => Ok(Value::Float(f)),
                    None => it.type_error(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        v.type_name()
                    )),
                },
            }
        }
        "str" => {
            nargs(it, "str", &args, 0, 1)?;
            Ok(Value::Str(
                match args.first() {
                    Some(v) => it.to_str(v)?,
                    None => String::new(),
                }
                .into(),
            ))
        }
        "bool" => {
            nargs(it, "bool", &args, 0, 1)?;
            Ok(Value::Bool(match args.first() {
                Some(a) => it.truthy(a)?,
                None => false,
            }))
        }
        "list" => {
            nargs(it, "list", &args, 0, 1)?;
            Ok(Value::list(match args.first() {
                Some(v) => it.iterate(v)?,
                None => Vec::new(),
            }))
        }
        "tuple" => {
            nargs(it, "tuple", &args, 0, 1)?;
            Ok(Value::tuple(match args.first() {
                Some(v) => it.iterate(v)?,
                None => Vec::new(),
            }))
        }
        "set" => {
            nargs(it, "set", &args, 0, 1)?;
            make_set(
                it,
                match args.first() {
                    Some(v) => it.iterate(v)?,
                    None => Vec::new(),
                },
            )
        }
        "dict" => {
            nargs(it, "dict", &args, 0, 1)?;
            let mut d = indexmap::IndexMap::new();
            if let Some(src) = args.first() {
                if let Value::Dict(o) = src {
                    d = o.borrow().clone();
                } else {
                    for pair in it.iterate(src)? {
                        let kv = it.iterate(&pair)?;
                        if kv.len() != 2 {
                            return Err(it.exc(
                                "ValueError",
                                format!("dictionary update sequence element has length {}; 2 is required", kv.len()),
                            ));
                        }
                        let h = hkey(it, &kv[0])?;
                        dict_insert(&mut d, h, kv[0].clone(), kv[1].clone());
                    }
                }
            }
            for (k, v) in kwargs {
                let k: PyStr = (&k).into();
                dict_insert(&mut d, super::value::HKey::Str(k.clone()), Value::Str(k), v);
            }
            Ok(Value::dict(d))
        }
        "slice" => {
            nargs(it, "slice", &args, 1, 3)?;
            let p = match args.len() {
                1 => [Value::None, args[0].clone(), Value::None],
                2 => [args[0].clone(), args[1].clone(), Value::None],
                _ => [args[0].clone(), args[1].clone(), args[2].clone()],
            };
            Ok(Value::Slice(Rc::new(p)))
        }
        "type" => {
            nargs(it, "type", &args, 1, 1)?;
            Ok(type_of(it, &args[0]))
        }
        "object" => it.type_error("taskline: object() is not supported"),
        n => it.type_error(format!("cannot create '{n}' instances")),
    }
}

fn task_of(t: &TaskObj) -> (Option<&runtime::Task<Value>>, runtime::TaskRef) {
    match t {
        TaskObj::Typed(t) => (Some(t), runtime::TaskRef::from_id(t.id())),
        TaskObj::Ref(r) => (None, *r),
    }
}

fn call_method(
    it: &Interp,
    this: &Value,
    name: &'static str,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> R<Value> {
    match this {
        Value::Gen(g) => {
            no_kwargs(it, "generator", name, &kwargs)?;
            gen_method(it, g, name, args)
        }
        Value::CtxMgr(c) => super::generator::ctx_method(it, c, name, args),
        f if matches!(name, "contextlib.<cm>" | "contextlib.<acm>") => {
            super::generator::make_cm(it, name == "contextlib.<acm>", f, args, kwargs)
        }
        Value::Task(t) => task_method(it, t, name, args, kwargs),
        Value::List(l) => list_method(it, l, name, args, kwargs),
        Value::Str(s) => str_method(it, s, name, args, kwargs),
        Value::Dict(d) => {
            no_kwargs(it, "dict", name, &kwargs)?;
            dict_method(it, d, name, args)
        }
        Value::Set(s) => {
            no_kwargs(it, "set", name, &kwargs)?;
            let mut set = s.borrow_mut();
            match name {
                "add" => {
                    nargs(it, "set.add", &args, 1, 1)?;
                    let h = hkey(it, &args[0])?;
                    set.entry(h).or_insert_with(|| args[0].clone());
                    Ok(Value::None)
                }
                "discard" | "remove" => {
                    nargs(it, name, &args, 1, 1)?;
                    let h = hkey(it, &args[0])?;
                    if set.shift_remove(&h).is_none() && name == "remove" {
                        return Err(it.exc_args(it.class("KeyError"), vec![args[0].clone()]));
                    }
                    Ok(Value::None)
                }
                "pop" => {
                    set.shift_remove_index(0).map(|(_, v)| v).ok_or_else(|| it.exc("KeyError", "pop from an empty set"))
                }
                "clear" => {
                    set.clear();
                    Ok(Value::None)
                }
                "copy" => {
                    it.reserve(heap::set_bytes(set.len()))?;
                    Ok(Value::set(set.clone()))
                }
                _ => {
                    drop(set);
                    let other = make_set(
                        it,
                        match args.first() {
                            Some(a) => it.iterate(a)?,
                            None => Vec::new(),
                        },
                    )?;
                    let op = match name {
                        "union" => super::compile::Operator::BitOr,
                        "intersection" => super::compile::Operator::BitAnd,
                        _ => super::compile::Operator::Sub,
                    };
                    ops::binop(it, op, this, &other)
                }
            }
        }
        Value::Tuple(t) => match name {
            _ if !kwargs.is_empty() => no_kwargs(it, "tuple", name, &kwargs).map(|()| Value::None),
            "count" => {
                nargs(it, "tuple.count", &args, 1, 1)?;
                Ok(Value::Int(i64::try_from(ops::count(it, t, &args[0])?).unwrap_or(0)))
            }
            _ => {
                nargs(it, "tuple.index", &args, 1, 1)?;
                match ops::position(it, t, &args[0])? {
                    Some(i) => Ok(Value::Int(i64::try_from(i).unwrap_or(0))),
                    None => Err(it.exc("ValueError", "tuple.index(x): x not in tuple")),
                }
            }
        },
        Value::Slice(p) => {
            no_kwargs(it, "slice", name, &kwargs)?;
            nargs(it, "slice.indices", &args, 1, 1)?;
            let n = as_int(it, &args[0])?;
            let Ok(n) = usize::try_from(n) else {
                return Err(it.exc("ValueError", "length should not be negative"));
            };
            let (start, stop, step, _) = ops::slice_indices(it, p, n)?;
            Ok(Value::tuple(vec![Value::Int(start), Value::Int(stop), Value::Int(step)]))
        }
        Value::Future(f) if let FutObj::Plain(p) = &**f => {
            super::futures::future_method(it, p, this, name, args, kwargs)
        }
        Value::Handle(h) => super::futures::handle_method(it, h, name, &args),
        Value::Future(f) => match name {
            "cancel" => {
                let id = match &**f {
                    FutObj::Plain(p) => Some(p.fut.fut_id()),
                    FutObj::Shield(s) => FutureLike::fut_id(s),
                    FutObj::Gather(g) => FutureLike::fut_id(g),
                    FutObj::Settled(g) => FutureLike::fut_id(g),
                    FutObj::Job(j) => FutureLike::fut_id(j),
                };
                let msg = args.first().or_else(|| kw(&kwargs, "msg")).map(to_str);
                it.sync_loc();
                Ok(Value::Bool(id.is_some_and(|id| {
                    crate::runtime::core::with_state(|st| st.fut_cancel(id, msg.map(Into::into), None)).unwrap_or(false)
                })))
            }
            "done" | "cancelled" => {
                let id = FutAsValue(f.clone()).fut_id();
                let state = id.and_then(|id| crate::runtime::core::with_state(|st| st.fut_state(id)));
                Ok(Value::Bool(match (name, state) {
                    ("done", Some(s)) => s != crate::runtime::core::FState::Pending,
                    ("cancelled", Some(s)) => s == crate::runtime::core::FState::Cancelled,
                    _ => false,
                }))
            }
            "exception" => {
                let id = FutAsValue(f.clone()).fut_id();
                let state = id.and_then(|id| crate::runtime::core::with_state(|st| st.fut_state(id)));
                match state {
                    Some(crate::runtime::core::FState::Pending) | None => {
                        Err(it.exc("InvalidStateError", "Exception is not set."))
                    }
                    Some(crate::runtime::core::FState::Cancelled) => Err(FutAsValue(f.clone())
                        .result()
                        .err()
                        .map_or_else(|| it.exc("CancelledError", ""), |e| it.exc_from_error(e))),
                    Some(_) => match FutAsValue(f.clone()).result() {
                        Ok(_) => Ok(Value::None),
                        Err(e) => Ok(Value::Exc(it.exc_from_error(e))),
                    },
                }
            }
            _ => FutAsValue(f.clone()).result().map_err(|e| it.exc_from_error(e)),
        },
        Value::Timeout(_) => Err(it.exc(
            "NotImplementedError",
            format!("taskline: Timeout.{name}() is not supported (the deadline is kept by the runtime)"),
        )),
        Value::TaskGroup(tg) => super::taskgroup::create_task(it, tg, args, kwargs),
        Value::Sync(s) => super::sync::call_method(it, s, name, args, kwargs),
        Value::AsCompleted(a) => super::wait::call_method(it, a, this, name, &args),
        Value::Loop => match name {
            "time" => Ok(Value::Float(runtime::time::monotonic())),
            "run_in_executor" => super::threads::run_in_executor(it, args, &kwargs),
            "create_task" => call_asyncio(it, "asyncio.create_task", args, kwargs),
            _ => super::futures::loop_method(it, name, args, kwargs),
        },
        Value::Coro(c) => {
            let taken = c.coro.borrow_mut().take();
            if let Some(co) = taken {
                std::mem::forget(co);
            }
            Ok(Value::None)
        }
        other => it.type_error(format!("'{}' object has no method '{name}'", other.type_name())),
    }
}

fn no_kwargs(it: &Interp, ty: &str, name: &str, kwargs: &[(Rc<str>, Value)]) -> R<()> {
    if kwargs.is_empty() { Ok(()) } else { it.type_error(format!("{ty}.{name}() takes no keyword arguments")) }
}

fn task_method(it: &Interp, t: &Rc<TaskObj>, name: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    let (typed, r) = task_of(t);
    let id = t.id();
    match name {
        "cancel" => {
            check_kwargs(it, "cancel", &kwargs, &["msg"])?;
            let msg = args.first().or_else(|| kw(&kwargs, "msg")).filter(|v| !matches!(v, Value::None)).map(to_str);
            it.sync_loc();
            let ok = match (typed, msg) {
                (Some(t), None) => t.cancel(),
                (Some(t), Some(m)) => t.cancel_with(&m),
                (None, None) => r.cancel(),
                (None, Some(m)) => r.cancel_with(&m),
            };
            Ok(Value::Bool(ok))
        }
        "cancelled" => Ok(Value::Bool(match typed {
            Some(t) => t.cancelled(),
            None => r.cancelled(),
        })),
        "done" => Ok(Value::Bool(match typed {
            Some(t) => t.done(),
            None => r.done(),
        })),
        "result" => match typed {
            Some(t) => t.result().map_err(|e| it.exc_from_error(e)),
            None => Err(it.exc("InvalidStateError", "Result is not set.")),
        },
        "exception" => match typed {
            Some(t) => match t.exception() {
                Ok(None) => Ok(Value::None),
                Ok(Some(e)) => Ok(Value::Exc(it.exc_from_error(e))),
                Err(e) => Err(it.exc_from_error(e)),
            },
            None => Err(it.exc("InvalidStateError", "Exception is not set.")),
        },
        "get_name" => Ok(Value::Str(
            crate::runtime::core::with_state(|st| st.task_name(id).to_owned()).unwrap_or_default().into(),
        )),
        "set_name" => {
            nargs(it, "set_name", &args, 1, 1)?;
            let n = to_str(&args[0]);
            crate::runtime::core::with_state(|st| {
                let sym = st.log.intern(&n);
                if let Some(t) = st.log.tasks.get_mut(id as usize) {
                    t.name = sym;
                }
            });
            Ok(Value::None)
        }
        "cancelling" => Ok(Value::Int(i64::from(
            crate::runtime::core::with_state(|st| st.tasks[id as usize].num_cancels).unwrap_or(0),
        ))),
        "uncancel" => {
            Ok(Value::Int(i64::from(crate::runtime::core::with_state(|st| st.task_uncancel(id)).unwrap_or(0))))
        }
        "add_done_callback" => {
            check_kwargs(it, "add_done_callback", &kwargs, &["context"])?;
            nargs(it, "add_done_callback", &args, 1, 1)?;
            let f = args[0].clone();
            let desc = super::futures::callback_desc(it, &f);
            let me = it.rc();
            let task = Value::Task(t.clone());
            // CPython logs an exception in a callback and carries on.
            runtime::add_task_done_callback(id, &desc, move || {
                me.call(&f, vec![task], Vec::new()).map(|_| ()).map_err(Interp::error_from_exc)
            });
            Ok(Value::None)
        }
        "get_loop" => Ok(Value::Loop),
        "get_coro" => {
            // The coroutine runs inside the task: a value that names it (it cannot be awaited again).
            let name = crate::runtime::core::with_state(|st| {
                let coro = st.log.tasks.get(id as usize).map_or(crate::trace::NONE, |t| t.coro);
                st.log.str(coro).to_owned()
            })
            .unwrap_or_default();
            thread_local! {
                static NAMES: RefCell<std::collections::HashSet<&'static str>> = RefCell::default();
            }
            let name: &'static str = NAMES.with(|n| {
                let mut n = n.borrow_mut();
                match n.get(name.as_str()) {
                    Some(s) => *s,
                    None => {
                        let s: &'static str = Box::leak(name.into_boxed_str());
                        n.insert(s);
                        s
                    }
                }
            });
            Ok(Value::Coro(Rc::new(CoroObj { name, coro: RefCell::new(None), task_body: None })))
        }
        _ => Err(it.exc("NotImplementedError", format!("Task.{name} is not supported by taskline"))),
    }
}

fn list_method(
    it: &Interp,
    l: &Rc<heap::Obj<Vec<Value>>>,
    name: &str,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> R<Value> {
    if name != "sort" {
        no_kwargs(it, "list", name, &kwargs)?;
    }
    match name {
        "append" => {
            nargs(it, "list.append", &args, 1, 1)?;
            it.reserve(size_of::<Value>())?;
            l.borrow_mut().push(args.into_iter().next().unwrap_or_default());
            Ok(Value::None)
        }
        "extend" => {
            nargs(it, "list.extend", &args, 1, 1)?;
            let items = it.iterate(&args[0])?;
            it.reserve(heap::seq_bytes(l.borrow().len().saturating_add(items.len())))?;
            l.borrow_mut().extend(items);
            Ok(Value::None)
        }
        "pop" => {
            nargs(it, "pop", &args, 0, 1)?;
            let len = l.borrow().len();
            if len == 0 {
                return Err(it.exc("IndexError", "pop from empty list"));
            }
            let i = match args.first() {
                Some(v) => {
                    let i = as_int(it, v)?;
                    let j = if i < 0 { i + i64::try_from(len).unwrap_or(0) } else { i };
                    if j < 0 || j >= i64::try_from(len).unwrap_or(0) {
                        return Err(it.exc("IndexError", "pop index out of range"));
                    }
                    usize::try_from(j).unwrap_or(0)
                }
                None => len - 1,
            };
            Ok(l.borrow_mut().remove(i))
        }
        "insert" => {
            nargs(it, "insert", &args, 2, 2)?;
            let len = i64::try_from(l.borrow().len()).unwrap_or(0);
            let i = as_int(it, &args[0])?;
            let j = if i < 0 { (i + len).max(0) } else { i.min(len) };
            l.borrow_mut().insert(usize::try_from(j).unwrap_or(0), args[1].clone());
            Ok(Value::None)
        }
        "remove" => {
            nargs(it, "list.remove", &args, 1, 1)?;
            let pos = ops::position(it, &l.borrow(), &args[0])?;
            match pos {
                Some(i) => {
                    let old = l.borrow_mut().remove(i);
                    drop(old);
                    Ok(Value::None)
                }
                None => Err(it.exc("ValueError", "list.remove(x): x not in list")),
            }
        }
        "index" => {
            nargs(it, "list.index", &args, 1, 1)?;
            let pos = ops::position(it, &l.borrow(), &args[0])?;
            match pos {
                Some(i) => Ok(Value::Int(i64::try_from(i).unwrap_or(0))),
                None => Err(it.exc("ValueError", format!("{} is not in list", repr(&args[0])))),
            }
        }
        "count" => {
            nargs(it, "list.count", &args, 1, 1)?;
            Ok(Value::Int(i64::try_from(ops::count(it, &l.borrow(), &args[0])?).unwrap_or(0)))
        }
        "sort" => {
            check_kwargs(it, "sort", &kwargs, &["key", "reverse"])?;
            if !args.is_empty() {
                return it.type_error("sort() takes no positional arguments");
            }
            let mut items = l.borrow().clone();
            sort_values(it, &mut items, kw(&kwargs, "key"), kw(&kwargs, "reverse").is_some_and(Value::truthy))?;
            *l.borrow_mut() = items;
            Ok(Value::None)
        }
        "reverse" => {
            l.borrow_mut().reverse();
            Ok(Value::None)
        }
        "clear" => {
            let old = std::mem::take(&mut *l.borrow_mut());
            drop(old);
            Ok(Value::None)
        }
        _ => Ok(Value::list(l.borrow().clone())),
    }
}

fn dict_method(it: &Interp, d: &Rc<heap::Obj<super::value::Dict>>, name: &str, args: Vec<Value>) -> R<Value> {
    match name {
        "get" => {
            nargs(it, "get", &args, 1, 2)?;
            let h = hkey(it, &args[0])?;
            Ok(d.borrow()
                .get(&h)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
        }
        "keys" => Ok(Value::list(d.borrow().values().map(|(k, _)| k.clone()).collect())),
        "values" => Ok(Value::list(d.borrow().values().map(|(_, v)| v.clone()).collect())),
        "items" => {
            Ok(Value::list(d.borrow().values().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect()))
        }
        "pop" => {
            nargs(it, "pop", &args, 1, 2)?;
            let h = hkey(it, &args[0])?;
            let old = d.borrow_mut().shift_remove(&h);
            match (old, args.get(1)) {
                (Some((_, v)), _) => Ok(v),
                (None, Some(def)) => Ok(def.clone()),
                (None, None) => Err(it.exc_args(it.class("KeyError"), vec![args[0].clone()])),
            }
        }
        "setdefault" => {
            nargs(it, "setdefault", &args, 1, 2)?;
            let h = hkey(it, &args[0])?;
            let mut dm = d.borrow_mut();
            let e = dm.entry(h).or_insert_with(|| (args[0].clone(), args.get(1).cloned().unwrap_or(Value::None)));
            Ok(e.1.clone())
        }
        "update" => {
            nargs(it, "update", &args, 1, 1)?;
            let Value::Dict(o) = &args[0] else {
                return it.type_error("taskline: dict.update() needs a dict");
            };
            let items: Vec<_> = o.borrow().iter().map(|(h, (k, v))| (h.clone(), k.clone(), v.clone())).collect();
            let mut dm = d.borrow_mut();
            for (h, k, v) in items {
                dict_insert(&mut dm, h, k, v);
            }
            Ok(Value::None)
        }
        "copy" => {
            it.reserve(heap::dict_bytes(d.borrow().len()))?;
            Ok(Value::dict(d.borrow().clone()))
        }
        _ => {
            let old = std::mem::take(&mut *d.borrow_mut());
            drop(old);
            Ok(Value::None)
        }
    }
}

fn str_method(it: &Interp, s: &PyStr, name: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    if name != "format" {
        if let Some((k, _)) = kwargs.first() {
            return Err(it.exc(
                "NotImplementedError",
                format!("taskline: keyword arguments to str.{name}() are not supported (got '{k}')"),
            ));
        }
    }
    let sarg = |i: usize| -> R<Option<String>> {
        match args.get(i) {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(x)) => Ok(Some(x.to_string())),
            Some(o) => it.type_error(format!("must be str or None, not {}", o.type_name())),
        }
    };
    let st = |x: String| Ok(Value::Str(x.into()));
    let fname = format!("str.{name}");
    // results at most a few times the input: check before building them
    it.reserve(heap::str_bytes(s.len().saturating_mul(3)))?;
    match name {
        "upper" | "lower" | "title" | "capitalize" | "isdigit" | "isalpha" | "isspace" | "isalnum" | "isidentifier"
        | "isupper" | "islower" | "isdecimal" | "isnumeric" => {
            nargs(it, &fname, &args, 0, 0)?;
            match name {
                "upper" => st(s.to_uppercase()),
                "lower" => st(s.to_lowercase()),
                "title" => st(title(s)),
                "capitalize" => {
                    let mut c = s.chars();
                    st(c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase())
                        .unwrap_or_default())
                }
                "isdigit" => Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))),
                "isalpha" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic))),
                "isalnum" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric))),
                "isdecimal" | "isnumeric" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_numeric))),
                "isidentifier" => Ok(Value::Bool(
                    s.chars().next().is_some_and(|c| c == '_' || c.is_alphabetic())
                        && s.chars().all(|c| c == '_' || c.is_alphanumeric()),
                )),
                // Cased characters decide, as in CPython: "A1".isupper() is True, "1".isupper() False.
                "isupper" => Ok(Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase))),
                "islower" => Ok(Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase))),
                _ => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace))),
            }
        }
        "strip" | "lstrip" | "rstrip" => {
            nargs(it, &fname, &args, 0, 1)?;
            let set = sarg(0)?;
            let pat = |ch: char| match &set {
                Some(c) => c.contains(ch),
                None => ch.is_whitespace(),
            };
            st(match name {
                "strip" => s.trim_matches(pat),
                "lstrip" => s.trim_start_matches(pat),
                _ => s.trim_end_matches(pat),
            }
            .to_owned())
        }
        "split" => {
            nargs(it, &fname, &args, 0, 2)?;
            let maxsplit = match args.get(1) {
                Some(v) => as_int(it, v)?,
                None => -1,
            };
            let max = usize::try_from(maxsplit).unwrap_or(usize::MAX);
            let parts: Vec<Value> = match sarg(0)? {
                Some(sep) if sep.is_empty() => return Err(it.exc("ValueError", "empty separator")),
                Some(sep) => s.splitn(max.saturating_add(1), sep.as_str()).map(Value::str).collect(),
                None => split_whitespace(s, max).into_iter().map(Value::str).collect(),
            };
            it.reserve(heap::seq_bytes(parts.len()))?;
            Ok(Value::list(parts))
        }
        "splitlines" => {
            nargs(it, &fname, &args, 0, 0)?;
            let mut out = Vec::new();
            let mut cur = String::new();
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                if matches!(
                    c,
                    '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}'
                ) {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push(Value::Str(std::mem::take(&mut cur).into()));
                } else {
                    cur.push(c);
                }
            }
            if !cur.is_empty() {
                out.push(Value::Str(cur.into()));
            }
            Ok(Value::list(out))
        }
        "join" => {
            nargs(it, "str.join", &args, 1, 1)?;
            let items = it.iterate(&args[0])?;
            let mut total = 0usize;
            let mut out: Vec<&str> = Vec::with_capacity(items.len());
            for (i, x) in items.iter().enumerate() {
                match x {
                    Value::Str(x) => {
                        total = total.saturating_add(x.len() + s.len());
                        out.push(x);
                    }
                    o => {
                        return it
                            .type_error(format!("sequence item {i}: expected str instance, {} found", o.type_name()));
                    }
                }
            }
            it.reserve(heap::str_bytes(total))?;
            st(out.join(s))
        }
        "startswith" | "endswith" => {
            nargs(it, name, &args, 1, 1)?;
            let pats: Vec<String> = match &args[0] {
                Value::Str(p) => vec![p.to_string()],
                Value::Tuple(t) => {
                    let mut v = Vec::new();
                    for x in t.iter() {
                        let Value::Str(p) = x else {
                            return it
                                .type_error(format!("tuple for {name} must only contain str, not {}", x.type_name()));
                        };
                        v.push(p.to_string());
                    }
                    v
                }
                o => {
                    return it
                        .type_error(format!("{name} first arg must be str or a tuple of str, not {}", o.type_name()));
                }
            };
            Ok(Value::Bool(
                pats.iter()
                    .any(|p| if name == "startswith" { s.starts_with(p.as_str()) } else { s.ends_with(p.as_str()) }),
            ))
        }
        "replace" => {
            nargs(it, "replace", &args, 2, 3)?;
            let (Value::Str(old), Value::Str(new)) = (&args[0], &args[1]) else {
                let bad = if matches!(args[0], Value::Str(_)) { &args[1] } else { &args[0] };
                return it.type_error(format!("replace() argument must be str, not {}", bad.type_name()));
            };
            let count = match args.get(2) {
                Some(v) => as_int(it, v)?,
                None => -1,
            };
            let found = if old.is_empty() { s.chars().count() + 1 } else { s.matches(&**old).count() };
            let n = usize::try_from(count).map_or(found, |c| c.min(found));
            it.reserve(heap::str_bytes(s.len().saturating_add(n.saturating_mul(new.len()))))?;
            st(s.replacen(&**old, new, n))
        }
        "find" | "index" | "count" => {
            nargs(it, name, &args, 1, 1)?;
            let Value::Str(sub) = &args[0] else {
                return it.type_error(format!("must be str, not {}", args[0].type_name()));
            };
            if name == "count" {
                let n = if sub.is_empty() { s.chars().count() + 1 } else { s.matches(&**sub).count() };
                return Ok(Value::Int(i64::try_from(n).unwrap_or(i64::MAX)));
            }
            match s.find(&**sub) {
                Some(b) => Ok(Value::Int(i64::try_from(s[..b].chars().count()).unwrap_or(0))),
                None if name == "find" => Ok(Value::Int(-1)),
                None => Err(it.exc("ValueError", "substring not found")),
            }
        }
        "ljust" | "rjust" | "center" => {
            nargs(it, name, &args, 1, 2)?;
            let w = usize::try_from(as_int(it, &args[0])?).unwrap_or(0);
            let fill = match args.get(1) {
                None => ' ',
                Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
                Some(Value::Str(_)) => {
                    return it.type_error("The fill character must be exactly one character long");
                }
                Some(o) => {
                    return it
                        .type_error(format!("{name}() argument 2 must be a unicode character, not {}", o.type_name()));
                }
            };
            let n = s.chars().count();
            if w <= n {
                return Ok(Value::Str(s.clone()));
            }
            it.reserve(heap::str_bytes(s.len().saturating_add((w - n).saturating_mul(4))))?;
            let pad = w - n;
            // CPython's str.center puts the odd space on the left when the width is odd
            let left = match name {
                "ljust" => 0,
                "rjust" => pad,
                _ => pad / 2 + (pad & w & 1),
            };
            let fills = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
            st(format!("{}{s}{}", fills(left), fills(pad - left)))
        }
        "zfill" => {
            nargs(it, "zfill", &args, 1, 1)?;
            let w = usize::try_from(as_int(it, &args[0])?).unwrap_or(0);
            let n = s.chars().count();
            if w <= n {
                return Ok(Value::Str(s.clone()));
            }
            it.reserve(heap::str_bytes(s.len().saturating_add(w - n)))?;
            let zeros = "0".repeat(w - n);
            st(match s.chars().next() {
                Some(c @ ('+' | '-')) => format!("{c}{zeros}{}", &s[1..]),
                _ => format!("{zeros}{s}"),
            })
        }
        _ => str_format(it, s, &args, &kwargs),
    }
}

/// `str.title()`: a cased character after an uncased one starts a word.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    out
}

/// `str.split(None, maxsplit)`.
fn split_whitespace(s: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if out.len() == max {
            out.push(rest);
            return out;
        }
        match rest.find(char::is_whitespace) {
            Some(i) => {
                out.push(&rest[..i]);
                rest = rest[i..].trim_start();
            }
            None => {
                out.push(rest);
                rest = "";
            }
        }
    }
    out
}

/// `str.format(*args, **kwargs)`: positional (automatic or numbered) and
/// named fields, conversions, and format specs with nested fields.
fn str_format(it: &Interp, s: &str, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> R<Value> {
    let mut auto: Option<usize> = None;
    let mut manual = false;
    let out = format_fields(it, s, args, kwargs, &mut auto, &mut manual, 0)?;
    Ok(Value::Str(out.into()))
}

/// Applies a format field's accessors (`.attr`, `[index]`, `[key]`) to `v`,
/// with CPython's messages for malformed ones.
fn format_accessors(it: &Interp, mut v: Value, mut rest: &str) -> R<Value> {
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let name = &after[..end];
            if name.is_empty() {
                return Err(it.exc("ValueError", "Empty attribute in format string"));
            }
            v = get_attr(it, &v, name)?;
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let Some(end) = after.find(']') else {
                return Err(it.exc("ValueError", "Missing ']' in format string"));
            };
            let key = &after[..end];
            if key.is_empty() {
                return Err(it.exc("ValueError", "Empty attribute in format string"));
            }
            let k = match key.parse::<i64>() {
                Ok(n) if key.bytes().all(|b| b.is_ascii_digit()) => Value::Int(n),
                _ => Value::str(key),
            };
            v = ops::get_item(it, &v, &k)?;
            rest = &after[end + 1..];
            if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                return Err(it.exc("ValueError", "Only '.' or '[' may follow ']' in format field specifier"));
            }
        } else {
            return Err(it.exc("ValueError", "Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    Ok(v)
}

fn format_fields(
    it: &Interp,
    s: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    auto: &mut Option<usize>,
    manual: &mut bool,
    depth: u32,
) -> R<String> {
    if depth > 1 {
        return Err(it.exc("ValueError", "Max string recursion exceeded"));
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(it.exc("ValueError", "Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        // the field runs to the matching '}'
        let mut level = 1;
        let mut j = i + 1;
        while j < chars.len() {
            match chars[j] {
                '{' => level += 1,
                '}' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            return Err(it.exc("ValueError", "expected '}' before end of string"));
        }
        let field: String = chars[i + 1..j].iter().collect();
        let (head, spec) = match field.find(':') {
            Some(p) => (&field[..p], &field[p + 1..]),
            None => (field.as_str(), ""),
        };
        let (fname, conv) = match head.split_once('!') {
            Some((f, c)) => {
                let mut cs = c.chars();
                let conv = match (cs.next(), cs.next()) {
                    (Some(k @ ('r' | 's' | 'a')), None) => k,
                    (None, _) => {
                        return Err(it.exc("ValueError", "end of string while looking for conversion specifier"));
                    }
                    (Some(_), Some(_)) => return Err(it.exc("ValueError", "expected ':' after conversion specifier")),
                    (Some(k), None) => {
                        return Err(it.exc("ValueError", format!("Unknown conversion specifier {k}")));
                    }
                };
                (f, conv)
            }
            None => (head, ' '),
        };
        // `{0.name}` / `{item[key]}`: the argument, then its accessors
        let (fname, accessors) = match fname.find(['.', '[']) {
            Some(p) => (&fname[..p], &fname[p..]),
            None => (fname, ""),
        };
        let v = if fname.is_empty() {
            if *manual {
                return Err(
                    it.exc("ValueError", "cannot switch from manual field specification to automatic field numbering")
                );
            }
            let n = auto.map_or(0, |a| a + 1);
            *auto = Some(n);
            match args.get(n) {
                Some(v) => v.clone(),
                None => {
                    return Err(
                        it.exc("IndexError", format!("Replacement index {n} out of range for positional args tuple"))
                    );
                }
            }
        } else if let Ok(n) = fname.parse::<usize>() {
            if auto.is_some() {
                return Err(
                    it.exc("ValueError", "cannot switch from automatic field numbering to manual field specification")
                );
            }
            *manual = true;
            match args.get(n) {
                Some(v) => v.clone(),
                None => {
                    return Err(
                        it.exc("IndexError", format!("Replacement index {n} out of range for positional args tuple"))
                    );
                }
            }
        } else {
            match kwargs.iter().find(|(k, _)| &**k == fname) {
                Some((_, v)) => v.clone(),
                None => return Err(it.exc_args(it.class("KeyError"), vec![Value::str(fname)])),
            }
        };
        let v = format_accessors(it, v, accessors)?;
        let spec = if spec.contains('{') {
            format_fields(it, spec, args, kwargs, auto, manual, depth + 1)?
        } else {
            spec.to_owned()
        };
        let text = it.format_value(&v, conv, Some(&spec))?;
        it.reserve(heap::str_bytes(out.len().saturating_add(text.len())))?;
        out.push_str(&text);
        i = j + 1;
    }
    Ok(out)
}

fn call_time(it: &Interp, name: &str, args: &[Value]) -> R<Value> {
    let now = runtime::time::monotonic();
    match name {
        "time.sleep" => {
            nargs(it, "time.sleep", args, 1, 1)?;
            let Some(s) = float_of(&args[0]) else {
                return it.type_error(format!(
                    "'{}' object cannot be interpreted as an integer or float",
                    args[0].type_name()
                ));
            };
            if s.is_nan() {
                return Err(it.exc("ValueError", "Invalid value NaN (not a number)"));
            }
            // CPython converts to nanoseconds in an i64 first: beyond that
            // range (inf included) it raises OverflowError, before the sign check.
            let ns = s * 1e9;
            let i64_range = 2f64.powi(63);
            if !(-i64_range..i64_range).contains(&ns) {
                let msg = if matches!(args[0], Value::Float(_)) {
                    "timestamp out of range for platform time_t"
                } else {
                    "timestamp too large to convert to C PyTime_t"
                };
                return Err(it.exc("OverflowError", msg));
            }
            if s < 0.0 {
                return Err(it.exc("ValueError", "sleep length must be non-negative"));
            }
            if !loop_running() {
                // the top level runs before the loop's clock exists: nothing to block
                return Ok(Value::None);
            }
            it.sync_loc();
            runtime::time::sleep(s);
            Ok(Value::None)
        }
        "time.monotonic" | "time.perf_counter" => Ok(Value::Float(now)),
        "time.time" => Ok(Value::Float(runtime::time::time())),
        #[allow(clippy::cast_possible_truncation)]
        "time.time_ns" => Ok(Value::Int((runtime::time::time() * 1e9).round() as i64)),
        #[allow(clippy::cast_possible_truncation)]
        _ => Ok(Value::Int((now * 1e9).round() as i64)),
    }
}

fn call_asyncio(it: &Interp, name: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    let fname = name.trim_start_matches("asyncio.");
    match name {
        "asyncio.run" => {
            check_kwargs(it, "run", &kwargs, &["debug"])?;
            nargs(it, "run", &args, 1, 1)?;
            if loop_running() {
                return Err(it.exc("RuntimeError", "asyncio.run() cannot be called from a running event loop"));
            }
            if !matches!(args[0], Value::Coro(_)) {
                return Err(it.exc("ValueError", format!("a coroutine was expected, got {}", repr(&args[0]))));
            }
            if it.main.borrow().is_some() {
                return Err(it.exc("RuntimeError", "taskline: only one asyncio.run() per script is supported"));
            }
            *it.main.borrow_mut() = Some(args[0].clone());
            it.main_line.set(it.line.get());
            Ok(Value::None)
        }
        "asyncio.to_thread" => super::threads::to_thread(it, args, kwargs),
        "asyncio.sleep" => {
            check_kwargs(it, "sleep", &kwargs, &["delay", "result"])?;
            let d = secs(it, arg(it, &args, &kwargs, 0, "delay", "sleep")?, "sleep")?;
            let result = args.get(1).or_else(|| kw(&kwargs, "result")).cloned().unwrap_or(Value::None);
            it.sync_loc();
            let flag = Rc::new(std::cell::Cell::new(false));
            let as_task = flag.clone();
            let sleep = runtime::sleep(d);
            let fut = async move {
                let sleep = if as_task.get() { sleep.as_task_body() } else { sleep };
                sleep.await?;
                Ok(result)
            };
            let c = runtime::coro("sleep", Box::pin(fut) as BoxFut).into_task_body();
            Ok(Value::Coro(Rc::new(CoroObj { name: "sleep", coro: RefCell::new(Some(c)), task_body: Some(flag) })))
        }
        "asyncio.create_task" | "asyncio.ensure_future" => {
            check_kwargs(it, fname, &kwargs, &["name", "context", "coro", "loop"])?;
            let c = arg(it, &args, &kwargs, 0, "coro", fname)?;
            if name == "asyncio.ensure_future" && matches!(c, Value::Task(_) | Value::Future(_)) {
                return Ok(c.clone());
            }
            let Value::Coro(co) = c else {
                return it.type_error(format!("a coroutine was expected, got {}", repr(c)));
            };
            if !loop_running() {
                return Err(no_loop(it));
            }
            let name_v = kw(&kwargs, "name").filter(|v| !matches!(v, Value::None)).map(to_str);
            let Some(coro) = co.coro.borrow_mut().take() else {
                return Err(it.exc("RuntimeError", "cannot reuse already awaited coroutine"));
            };
            if let Some(f) = &co.task_body {
                f.set(true);
            }
            it.sync_loc();
            let t = runtime::create_task(name_v.as_deref(), coro);
            Ok(make_task_obj(it, t))
        }
        "asyncio.gather" => {
            check_kwargs(it, "gather", &kwargs, &["return_exceptions"])?;
            if !loop_running() {
                return Err(no_loop(it));
            }
            let mut aws = Vec::with_capacity(args.len());
            for a in &args {
                match to_aw(it, a, "gather") {
                    Ok(aw) => aws.push(aw),
                    Err(e) => {
                        // CPython has already wrapped the earlier coroutines in tasks.
                        it.sync_loc();
                        let loc = runtime::caller();
                        for aw in aws {
                            drop(aw.ensure_future(Via::Gather, loc));
                        }
                        return Err(e);
                    }
                }
            }
            it.sync_loc();
            let f = if kw(&kwargs, "return_exceptions").is_some_and(Value::truthy) {
                FutObj::Settled(runtime::gather_settled(aws))
            } else {
                FutObj::Gather(runtime::gather(aws))
            };
            Ok(Value::Future(Rc::new(f)))
        }
        "asyncio.shield" => {
            nargs(it, "shield", &args, 1, 1)?;
            if !loop_running() {
                return Err(no_loop(it));
            }
            let aw = to_aw(it, &args[0], "shield")?;
            it.sync_loc();
            Ok(Value::Future(Rc::new(FutObj::Shield(runtime::shield(aw)))))
        }
        "asyncio.wait_for" => {
            check_kwargs(it, "wait_for", &kwargs, &["fut", "timeout"])?;
            let aw = to_aw(it, arg(it, &args, &kwargs, 0, "fut", "wait_for")?, "wait_for")?;
            let t = arg(it, &args, &kwargs, 1, "timeout", "wait_for")?;
            it.sync_loc();
            let c = match t {
                Value::None => {
                    let loc = runtime::caller();
                    runtime::coro("wait_for", Box::pin(async move { aw.into_await(loc).await }) as BoxFut)
                }
                t => runtime::wait_for(aw, secs(it, t, "wait_for")?).boxed(),
            };
            Ok(Value::Coro(Rc::new(CoroObj { name: "wait_for", coro: RefCell::new(Some(c)), task_body: None })))
        }
        "asyncio.timeout" | "asyncio.timeout_at" => {
            nargs(it, fname, &args, 1, 1)?;
            let d = match &args[0] {
                Value::None => None,
                v => Some(secs(it, v, fname)?.v),
            };
            Ok(timeout_value(d, name == "asyncio.timeout_at"))
        }
        "asyncio.current_task" => match runtime::current_task() {
            Some(r) => Ok(it.task_value(TaskObj::Ref(r))),
            None => {
                if loop_running() {
                    Ok(Value::None)
                } else {
                    Err(no_loop(it))
                }
            }
        },
        "asyncio.all_tasks" => {
            if !loop_running() {
                return Err(no_loop(it));
            }
            let tasks: Vec<Value> = runtime::all_tasks().into_iter().map(|r| it.task_value(TaskObj::Ref(r))).collect();
            make_set(it, tasks)
        }
        n if let Some(class) = n.strip_prefix("asyncio.")
            && super::sync::CLASSES.contains(&class) =>
        {
            super::sync::construct(it, class, args, kwargs)
        }
        "asyncio.TaskGroup" => {
            nargs(it, "TaskGroup", &args, 0, 0)?;
            Ok(Value::TaskGroup(Rc::default()))
        }
        "asyncio.eager_task_factory" => Err(it.exc(
            "NotImplementedError",
            "taskline: asyncio.eager_task_factory is supported as loop.set_task_factory(asyncio.eager_task_factory), not called directly",
        )),
        "asyncio.isfuture" => {
            nargs(it, "isfuture", &args, 1, 1)?;
            Ok(Value::Bool(matches!(args[0], Value::Task(_) | Value::Future(_))))
        }
        "asyncio.iscoroutine" => {
            nargs(it, "iscoroutine", &args, 1, 1)?;
            Ok(Value::Bool(matches!(args[0], Value::Coro(_))))
        }
        _ => {
            if loop_running() {
                Ok(Value::Loop)
            } else {
                Err(no_loop(it))
            }
        }
    }
}

/// `str(exc)` (re-exported for the CLI's messages).
pub(crate) fn exception_text(e: &Rc<super::value::ExcObj>) -> String {
    exc_str(e)
}

/// The methods of generators and async generators.
fn gen_method(it: &Interp, g: &Rc<super::generator::GenObj>, name: &'static str, args: Vec<Value>) -> R<Value> {
    use super::generator as g_;
    let this = || Value::Gen(g.clone());
    let (min, max) = match name {
        "send" | "asend" => (1, 1),
        "throw" | "athrow" => (1, 3),
        _ => (0, 0),
    };
    if args.len() < min || args.len() > max {
        let what = if max == 0 { "no arguments".to_owned() } else { format!("{min} argument") };
        let exactly = if min == max { "exactly " } else { "at least " };
        let what = if max == 0 { what } else { format!("{exactly}{what}") };
        return it.type_error(format!("{name}() takes {what} ({} given)", args.len()));
    }
    let thrown = |args: &[Value]| -> R<Exc> {
        if args.len() > 1 {
            return Err(it.exc(
                "TypeError",
                "taskline: throw(type, value, traceback) is not supported; pass an exception instance",
            ));
        }
        g_::thrown(it, &args[0])
    };
    match name {
        "__iter__" | "__aiter__" => Ok(this()),
        "__next__" => g_::send(it, g, Ok(Value::None)),
        "send" => g_::send(it, g, Ok(args[0].clone())),
        "throw" => {
            let e = thrown(&args)?;
            g_::send(it, g, Err(e))
        }
        "close" => g_::close(it, g),
        "__anext__" => Ok(g_::agen_call(it, g, "anext", Ok(Value::None))),
        "asend" => Ok(g_::agen_call(it, g, "asend", Ok(args[0].clone()))),
        "athrow" => {
            let e = thrown(&args)?;
            Ok(g_::agen_call(it, g, "athrow", Err(e)))
        }
        "aclose" => {
            let e = it.exc_args(it.class("GeneratorExit"), Vec::new());
            Ok(g_::agen_call(it, g, "aclose", Err(e)))
        }
        _ => Err(it.exc(
            "AttributeError",
            format!("'{}' object has no attribute '{name}'", Value::Gen(g.clone()).type_name()),
        )),
    }
}
