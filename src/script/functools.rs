//! Calling the object model's native callables (bound methods, descriptors'
//! helpers) and the `functools` module: `wraps`, `partial`, `reduce`,
//! `lru_cache`, `cache`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use indexmap::IndexMap;

use super::interp::{Interp, R};
use super::objects::native;
use super::value::{HKey, Native, Value};

/// `WRAPPER_ASSIGNMENTS` of CPython's functools (`__type_params__` has no
/// meaning here), then `__dict__` is updated and `__wrapped__` set.
const WRAPPER_ASSIGNMENTS: &[&str] = &["__module__", "__name__", "__qualname__", "__doc__"];

/// Calls a native callable.
pub(crate) fn call_native(it: &Interp, n: &Rc<Native>, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    match &**n {
        Native::Method { func, this } => {
            let mut a = Vec::with_capacity(args.len() + 1);
            a.push(this.clone());
            a.extend(args);
            it.call(func, a, kwargs)
        }
        Native::Partial { func, args: bound, kwargs: bound_kw } => {
            let mut a = bound.clone();
            a.extend(args);
            let mut k = bound_kw.clone();
            for (name, v) in kwargs {
                match k.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = v,
                    None => k.push((name, v)),
                }
            }
            it.call(func, a, k)
        }
        Native::Cache { func, maxsize, cache, stats } => {
            let mut key = Vec::with_capacity(args.len() + kwargs.len() * 2);
            for a in &args {
                key.push(a.hkey().map_err(|h| it.halt(h))?);
            }
            for (k, v) in &kwargs {
                key.push(HKey::Str(k.into()));
                key.push(v.hkey().map_err(|h| it.halt(h))?);
            }
            let key = HKey::Tuple(key);
            let (hits, misses) = stats.get();
            let hit = cache.borrow_mut().shift_remove(&key);
            if let Some(v) = hit {
                stats.set((hits + 1, misses));
                cache.borrow_mut().insert(key, v.clone());
                return Ok(v);
            }
            stats.set((hits, misses + 1));
            let v = it.call(func, args, kwargs)?;
            it.reserve(super::heap::set_bytes(cache.borrow().len() + 1))?;
            let mut c = cache.borrow_mut();
            c.insert(key, v.clone());
            if let Some(m) = maxsize {
                while c.len() > *m {
                    c.shift_remove_index(0);
                }
            }
            Ok(v)
        }
        Native::Decorator { kind, arg } => {
            let [f] = <[Value; 1]>::try_from(args)
                .map_err(|a| it.exc("TypeError", format!("{kind}() takes exactly one argument ({} given)", a.len())))?;
            match *kind {
                "wraps" => update_wrapper(it, f, arg),
                "dataclass" => super::dataclasses::apply_options(it, f, arg),
                "lru_cache" => Ok(cache_of(it, f, arg)?),
                "property.setter" | "property.getter" | "property.deleter" => {
                    let Value::Native(p) = arg else { return it.type_error("not a property") };
                    let Native::Property { fget, fset, fdel } = &**p else {
                        return it.type_error("not a property");
                    };
                    let (mut g, mut s, mut d) = (fget.clone(), fset.clone(), fdel.clone());
                    match *kind {
                        "property.setter" => s = f,
                        "property.getter" => g = f,
                        _ => d = f,
                    }
                    Ok(native(Native::Property { fget: g, fset: s, fdel: d }))
                }
                _ => it.type_error(format!("taskline: '{kind}' cannot be called")),
            }
        }
        Native::StaticMethod(f) => it.call(f, args, kwargs),
        _ => it.type_error(format!("'{}' object is not callable", Value::Native(n.clone()).type_name())),
    }
}

/// `functools.update_wrapper(wrapper, wrapped)`.
fn update_wrapper(it: &Interp, wrapper: Value, wrapped: &Value) -> R<Value> {
    for name in WRAPPER_ASSIGNMENTS {
        match super::builtins::get_attr(it, wrapped, name) {
            Ok(v) => super::objects::set_attr(it, &wrapper, name, v)?,
            Err(e) if e.class.is_subclass_named("AttributeError") => {}
            Err(e) => return Err(e),
        }
    }
    if let (Value::Func(w), Value::Func(src)) = (&wrapper, wrapped) {
        let extra: Vec<(Rc<str>, Value)> = src
            .dict
            .borrow()
            .iter()
            .filter(|(k, _)| !WRAPPER_ASSIGNMENTS.contains(&&***k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        w.dict.borrow_mut().extend(extra);
    }
    super::objects::set_attr(it, &wrapper, "__wrapped__", wrapped.clone())?;
    Ok(wrapper)
}

fn cache_of(it: &Interp, f: Value, maxsize: &Value) -> R<Value> {
    if !is_callable(&f) {
        return it.type_error("the first argument must be callable");
    }
    let maxsize = match maxsize {
        Value::None => None,
        Value::Int(n) => Some(usize::try_from(*n).unwrap_or(0)),
        _ => return it.type_error("Expected first argument to be an integer, a callable, or None"),
    };
    Ok(native(Native::Cache { func: f, maxsize, cache: RefCell::new(IndexMap::new()), stats: Cell::new((0, 0)) }))
}

fn is_callable(v: &Value) -> bool {
    matches!(v, Value::Func(_) | Value::Builtin(_) | Value::Class(_) | Value::Native(_))
        || super::objects::has_dunder(v, "__call__")
}

/// The `functools` module's functions (`functools.NAME`).
pub(crate) fn call_functools(it: &Interp, name: &str, mut args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    match name {
        "functools.wraps" => {
            if args.len() != 1 || !kwargs.is_empty() {
                return it.type_error("taskline: functools.wraps(wrapped) takes one argument");
            }
            Ok(native(Native::Decorator { kind: "wraps", arg: args.remove(0) }))
        }
        "functools.partial" => {
            if args.is_empty() {
                return it.type_error("type 'partial' takes at least one argument");
            }
            let func = args.remove(0);
            if !is_callable(&func) {
                return it.type_error("the first argument must be callable");
            }
            Ok(native(Native::Partial { func, args, kwargs }))
        }
        "functools.reduce" => {
            if !kwargs.is_empty() {
                return it.type_error("reduce() takes no keyword arguments");
            }
            if args.len() < 2 || args.len() > 3 {
                return it.type_error(format!("reduce expected at least 2 arguments, got {}", args.len()));
            }
            let items = it.iterate(&args[1])?;
            let mut items = items.into_iter();
            let mut acc = match args.get(2) {
                Some(init) => init.clone(),
                None => match items.next() {
                    Some(v) => v,
                    None => return it.type_error("reduce() of empty iterable with no initial value"),
                },
            };
            for x in items {
                acc = it.call(&args[0], vec![acc, x], Vec::new())?;
            }
            Ok(acc)
        }
        "functools.lru_cache" => {
            let mut maxsize = Value::Int(128);
            for (k, v) in &kwargs {
                match &**k {
                    "maxsize" => maxsize = v.clone(),
                    "typed" => {}
                    other => {
                        return it.type_error(format!("lru_cache() got an unexpected keyword argument '{other}'"));
                    }
                }
            }
            match args.first() {
                Some(f) if is_callable(f) => cache_of(it, f.clone(), &maxsize),
                Some(m @ (Value::Int(_) | Value::None)) => {
                    Ok(native(Native::Decorator { kind: "lru_cache", arg: m.clone() }))
                }
                None => Ok(native(Native::Decorator { kind: "lru_cache", arg: maxsize })),
                Some(_) => it.type_error("Expected first argument to be an integer, a callable, or None"),
            }
        }
        "functools.cache" => {
            if args.len() != 1 {
                return it.type_error(format!("cache() takes 1 positional argument but {} were given", args.len()));
            }
            cache_of(it, args.remove(0), &Value::None)
        }
        _ => it.type_error(format!("taskline: '{name}' cannot be called")),
    }
}

/// `n.name` for a native callable or descriptor.
pub(crate) fn native_attr(it: &Interp, v: &Value, n: &Native, name: &str) -> R<Option<Value>> {
    let attr = |f: &Value| super::builtins::get_attr(it, f, name).map(Some);
    Ok(match n {
        Native::Method { func, this } => match name {
            "__self__" => Some(this.clone()),
            "__func__" => Some(func.clone()),
            _ => return attr(func),
        },
        Native::Property { fget, fset, fdel } => match name {
            "fget" => Some(fget.clone()),
            "fset" => Some(fset.clone()),
            "fdel" => Some(fdel.clone()),
            "setter" => Some(native(Native::Decorator { kind: "property.setter", arg: v.clone() })),
            "getter" => Some(native(Native::Decorator { kind: "property.getter", arg: v.clone() })),
            "deleter" => Some(native(Native::Decorator { kind: "property.deleter", arg: v.clone() })),
            "__doc__" => match fget {
                Value::None => Some(Value::None),
                f => return attr(f),
            },
            _ => None,
        },
        Native::StaticMethod(f) | Native::ClassMethod(f) => match name {
            "__func__" | "__wrapped__" => Some(f.clone()),
            _ => return attr(f),
        },
        Native::Partial { func, args, kwargs } => match name {
            "func" => Some(func.clone()),
            "args" => Some(Value::tuple(args.clone())),
            "keywords" => {
                let mut d = IndexMap::new();
                for (k, x) in kwargs {
                    let k = Value::Str(k.into());
                    let h = k.hkey().map_err(|h| it.halt(h))?;
                    super::ops::dict_insert(&mut d, h, k, x.clone());
                }
                Some(Value::dict(d))
            }
            _ => None,
        },
        Native::Cache { func, cache, .. } => match name {
            "__wrapped__" => Some(func.clone()),
            "cache_clear" => {
                Some(Value::Builtin(Rc::new(super::value::BuiltinFn { name: "cache_clear", this: Some(v.clone()) })))
            }
            "__name__" | "__qualname__" | "__doc__" | "__module__" => return attr(func),
            _ => {
                let _ = cache;
                None
            }
        },
        Native::Super { class, this } => Some(super::objects::super_attr(it, class, this, name)?),
        Native::Field(f) => super::dataclasses::field_attr(f, name),
        Native::Decorator { .. } | Native::Auto => None,
    })
}

/// `cache_clear()` of an `lru_cache` wrapper.
pub(crate) fn cache_clear(v: &Value) {
    if let Value::Native(n) = v
        && let Native::Cache { cache, stats, .. } = &**n
    {
        cache.borrow_mut().clear();
        stats.set((0, 0));
    }
}
