//! asyncio's plain futures and the loop's callback API as script values:
//! `asyncio.Future()` / `loop.create_future()` (the runtime's
//! [`PlainFuture`]), `loop.call_soon` / `call_later` / `call_at` and their
//! handles, `loop.time()`, with CPython's methods, reprs and messages.
//!
//! A callback's description (`cb() at main.py:3`, CPython's
//! `_format_callback_source`) names it in reprs and in the loop's
//! `Exception in callback …` log entry. CPython writes the function's file
//! as the absolute path it was loaded from; taskline writes the script's
//! file name as it was given.

use std::cell::RefCell;
use std::rc::Rc;

use super::interp::{Exc, Interp, R};
use super::value::{BuiltinFn, FutObj, Native, Value, repr};
use crate::runtime::{self, CallbackHandle, CallbackId, PlainFuture};

/// A plain future of the script, with the callbacks added to it (so that
/// `remove_done_callback(fn)` can find them by equality).
pub struct PlainFut {
    /// The runtime's future.
    pub fut: PlainFuture<Value>,
    /// The done callbacks added, with their ids.
    pub cbs: RefCell<Vec<(Value, CallbackId)>>,
}

/// `asyncio.Future()` / `loop.create_future()`.
pub(crate) fn new_future(it: &Interp, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> R<Value> {
    if let Some((k, _)) = kwargs.iter().find(|(k, _)| &**k != "loop") {
        return it.type_error(format!("Future.__init__() got an unexpected keyword argument '{k}'"));
    }
    if !args.is_empty() {
        return it.type_error(format!("Future.__init__() takes 0 positional arguments but {} were given", args.len()));
    }
    let fut = PlainFuture::new().ok_or_else(|| it.exc("RuntimeError", "no running event loop"))?;
    Ok(Value::Future(Rc::new(FutObj::Plain(PlainFut { fut, cbs: RefCell::new(Vec::new()) }))))
}

/// The methods of a plain future.
pub(crate) const FUTURE_METHODS: &[&str] = &[
    "set_result",
    "set_exception",
    "cancel",
    "cancelled",
    "done",
    "result",
    "exception",
    "add_done_callback",
    "remove_done_callback",
    "get_loop",
];

/// `repr(fut)`.
pub(crate) fn future_repr(p: &PlainFut) -> String {
    p.fut.repr(repr, |e| {
        let it = super::interp::SELF.with(|s| s.borrow().as_ref().and_then(std::rc::Weak::upgrade));
        match it {
            Some(it) => repr(&Value::Exc(it.exc_from_error(e.clone()))),
            None => format!("{}()", e.type_name()),
        }
    })
}

fn err(it: &Interp, e: runtime::Error) -> Exc {
    it.exc_from_error(e)
}

/// An exception value (an instance, or a class to instantiate) as a runtime error.
fn exception_arg(it: &Interp, v: &Value) -> R<runtime::Error> {
    let exc = match v {
        Value::Exc(e) => e.clone(),
        Value::Class(c) if c.is_exception() => match it.call(v, Vec::new(), Vec::new())? {
            Value::Exc(e) => e,
            _ => return it.type_error("exceptions must derive from BaseException"),
        },
        _ => return it.type_error("exceptions must derive from BaseException"),
    };
    Ok(Interp::error_from_exc(exc))
}

fn one_arg(it: &Interp, name: &str, args: &[Value]) -> R<Value> {
    match args {
        [v] => Ok(v.clone()),
        _ => it.type_error(format!("Future.{name}() takes exactly one argument ({} given)", args.len())),
    }
}

/// `fut.name(*args, **kwargs)` on a plain future (`this` is the future's value).
pub(crate) fn future_method(
    it: &Interp,
    p: &PlainFut,
    this: &Value,
    name: &str,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> R<Value> {
    it.sync_loc();
    let f = &p.fut;
    match name {
        "set_result" => {
            let v = one_arg(it, name, &args)?;
            f.set_result(v).map_err(|e| err(it, e))?;
            Ok(Value::None)
        }
        "set_exception" => {
            let v = one_arg(it, name, &args)?;
            let e = exception_arg(it, &v)?;
            f.set_exception(e).map_err(|e| err(it, e))?;
            Ok(Value::None)
        }
        "cancel" => {
            let msg = args
                .first()
                .or_else(|| kwargs.iter().find(|(k, _)| &**k == "msg").map(|(_, v)| v))
                .filter(|v| !matches!(v, Value::None))
                .map(super::value::to_str);
            Ok(Value::Bool(f.cancel(msg.as_deref())))
        }
        "cancelled" => Ok(Value::Bool(f.cancelled())),
        "done" => Ok(Value::Bool(f.done())),
        "result" => f.result().map_err(|e| err(it, e)),
        "exception" => match f.exception() {
            Ok(None) => Ok(Value::None),
            Ok(Some(e)) => Ok(Value::Exc(err(it, e))),
            Err(e) => Err(err(it, e)),
        },
        "get_loop" => Ok(Value::Loop),
        "add_done_callback" => {
            if let Some((k, _)) = kwargs.iter().find(|(k, _)| &**k != "context") {
                return it.type_error(format!("add_done_callback() got an unexpected keyword argument '{k}'"));
            }
            let cb = one_arg(it, name, &args)?;
            let desc = callback_desc(it, &cb);
            let me = it.rc();
            let fut_value = this.clone();
            let cb2 = cb.clone();
            let id = f.add_done_callback(&desc, move |_| {
                me.call(&cb2, vec![fut_value], Vec::new()).map(|_| ()).map_err(Interp::error_from_exc)
            });
            if let Some(id) = id {
                p.cbs.borrow_mut().push((cb, id));
            }
            Ok(Value::None)
        }
        "remove_done_callback" => {
            let cb = one_arg(it, name, &args)?;
            let mut removed = 0;
            let mut kept = Vec::new();
            for (v, id) in p.cbs.take() {
                if super::ops::item_eq(it, &v, &cb)? {
                    removed += f.remove_done_callback(id);
                } else {
                    kept.push((v, id));
                }
            }
            *p.cbs.borrow_mut() = kept;
            Ok(Value::Int(i64::try_from(removed).unwrap_or(0)))
        }
        _ => it.type_error(format!("'Future' object has no method '{name}'")),
    }
}

/// CPython's `_format_callback_source(cb, ())` (arguments are not shown
/// outside debug mode): `cb() at main.py:3` for a function, `Obj.method()`
/// for a bound method, `Future.set_result()` for a built-in method.
pub(crate) fn callback_desc(it: &Interp, v: &Value) -> String {
    let (mut s, source) = format_callback(it, v);
    if let Some(src) = source {
        s.push_str(" at ");
        s.push_str(&src);
    }
    s
}

fn format_callback(it: &Interp, v: &Value) -> (String, Option<String>) {
    match v {
        Value::Func(f) => {
            let (file, line) = it.place(f.proto.line);
            (format!("{}()", f.qualname().unwrap_or_else(|| f.proto.name.to_string())), Some(format!("{file}:{line}")))
        }
        Value::Native(n) => match &**n {
            Native::Method { func, .. } => (format!("{}()", qualname(func)), None),
            Native::Partial { func, .. } => {
                let (inner, source) = format_callback(it, func);
                (format!("{inner}()"), source)
            }
            _ => (format!("{}()", repr(v)), None),
        },
        Value::Builtin(b) => (format!("{}()", builtin_qualname(b)), None),
        other => (format!("{}()", qualname(other)), None),
    }
}

fn qualname(v: &Value) -> String {
    match v {
        Value::Func(f) => f.qualname().unwrap_or_else(|| f.proto.name.to_string()),
        Value::Builtin(b) => builtin_qualname(b),
        Value::Class(c) => c.qualname().to_string(),
        other => repr(other),
    }
}

fn builtin_qualname(b: &BuiltinFn) -> String {
    let short = b.name.rsplit('.').next().unwrap_or(b.name);
    match &b.this {
        Some(this) => format!("{}.{short}", this.type_name()),
        None => short.to_owned(),
    }
}

/// The methods of the running loop.
pub(crate) const LOOP_METHODS: &[&str] = &[
    "time",
    "create_task",
    "create_future",
    "call_soon",
    "call_later",
    "call_at",
    "get_debug",
    "is_running",
    "set_task_factory",
    "get_task_factory",
    "run_in_executor",
];

fn number(it: &Interp, v: &Value, what: &str) -> R<f64> {
    match v {
        Value::Int(n) => Ok(*n as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::Float(f) => Ok(*f),
        other => it.type_error(format!("unsupported operand type(s) for +: 'float' and '{}'{what}", other.type_name())),
    }
}

/// `loop.name(*args, **kwargs)` for the methods of this module.
pub(crate) fn loop_method(it: &Interp, name: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    match name {
        "create_future" => new_future(it, &args, &kwargs),
        "get_debug" => Ok(Value::Bool(false)),
        "is_running" => Ok(Value::Bool(true)),
        "get_task_factory" => Ok(if runtime::eager_task_factory() {
            it.module_attrs.get(&("asyncio", "eager_task_factory")).cloned().unwrap_or(Value::None)
        } else {
            Value::None
        }),
        "set_task_factory" => {
            let [factory] = args.as_slice() else {
                return it.type_error(format!(
                    "BaseEventLoop.set_task_factory() takes 2 positional arguments but {} were given",
                    args.len() + 1
                ));
            };
            match factory {
                Value::None => runtime::set_eager_task_factory(false),
                Value::Builtin(b) if b.name == "asyncio.eager_task_factory" => runtime::set_eager_task_factory(true),
                v if is_callable(v) => {
                    return Err(it.exc(
                        "NotImplementedError",
                        "taskline: the only task factory supported is asyncio.eager_task_factory",
                    ));
                }
                _ => return it.type_error("task factory must be a callable or None"),
            };
            Ok(Value::None)
        }
        "call_soon" | "call_later" | "call_at" => {
            if let Some((k, _)) = kwargs.iter().find(|(k, _)| &**k != "context") {
                return it.type_error(format!("{name}() got an unexpected keyword argument '{k}'"));
            }
            let skip = usize::from(name != "call_soon");
            if args.len() <= skip {
                let missing = if skip == 1 && args.is_empty() {
                    if name == "call_at" {
                        "2 required positional arguments: 'when' and 'callback'"
                    } else {
                        "2 required positional arguments: 'delay' and 'callback'"
                    }
                } else {
                    "1 required positional argument: 'callback'"
                };
                return it.type_error(format!("BaseEventLoop.{name}() missing {missing}"));
            }
            let mut args = args;
            let rest = args.split_off(skip + 1);
            let cb = args.pop().unwrap_or(Value::None);
            let when = args.pop();
            if !is_callable(&cb) {
                let what = if name == "call_soon" { "call_soon" } else { "call_at" };
                return it.type_error(format!("a callable object was expected by {what}(), got {}", repr(&cb)));
            }
            let desc = callback_desc(it, &cb);
            let me = it.rc();
            let f = move || me.call(&cb, rest, Vec::new()).map(|_| ()).map_err(Interp::error_from_exc);
            it.sync_loc();
            let h = match (name, when) {
                ("call_later", Some(d)) => runtime::call_later(number(it, &d, "")?, &desc, f),
                ("call_at", Some(w)) => runtime::call_at(number(it, &w, "")?, &desc, f),
                _ => runtime::call_soon(&desc, f),
            };
            h.map(|h| Value::Handle(Rc::new(h))).ok_or_else(|| it.exc("RuntimeError", "no running event loop"))
        }
        _ => it.type_error(format!("'_UnixSelectorEventLoop' object has no method '{name}'")),
    }
}

fn is_callable(v: &Value) -> bool {
    matches!(v, Value::Func(_) | Value::Builtin(_) | Value::Class(_) | Value::Native(_))
        || (matches!(v, Value::Instance(_)) && super::objects::has_dunder(v, "__call__"))
}

/// The methods of a handle.
pub(crate) fn handle_attr(h: &CallbackHandle, name: &str) -> bool {
    matches!(name, "cancel" | "cancelled") || (name == "when" && h.when().is_some())
}

/// `handle.name()`.
pub(crate) fn handle_method(it: &Interp, h: &CallbackHandle, name: &str, args: &[Value]) -> R<Value> {
    if !args.is_empty() {
        return it.type_error(format!("{}.{name}() takes no arguments ({} given)", handle_type(h), args.len()));
    }
    it.sync_loc();
    match name {
        "cancel" => {
            h.cancel();
            Ok(Value::None)
        }
        "cancelled" => Ok(Value::Bool(h.cancelled())),
        _ => Ok(h.when().map_or(Value::None, Value::Float)),
    }
}

/// `type(handle).__name__`.
pub(crate) fn handle_type(h: &CallbackHandle) -> &'static str {
    if h.when().is_some() { "TimerHandle" } else { "Handle" }
}
