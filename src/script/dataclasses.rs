//! The `dataclasses` module (`@dataclass`, `field`, `asdict`, `fields`,
//! `FrozenInstanceError`) and the `enum` module (`Enum`, `IntEnum`, `auto`),
//! on the object model of `objects`.
//!
//! `@dataclass` reads the names annotated in the class body (in order, base
//! classes' fields first) and adds the methods CPython generates —
//! `__init__`, `__repr__`, `__eq__`, the orderings (`order=True`),
//! `__hash__`, and for `frozen=True` a `__setattr__`/`__delattr__` that
//! raise `FrozenInstanceError` — as built-ins bound like methods, never
//! replacing one the class defines itself.
//!
//! An enum class's members are made when its `class` statement ends: every
//! public name bound to a value that is not a function or descriptor
//! becomes an instance of the class with `_name_` and `_value_`; a value
//! equal to an earlier member's makes an alias. Members compare by identity;
//! `IntEnum` members compare, hash and compute as their int values.

use std::rc::Rc;

use indexmap::IndexMap;

use super::interp::{Interp, R};
use super::objects::{class_of, native, set_own};
use super::value::{BuiltinFn, Class, Instance, Native, Value};

/// One field of a dataclass (`dataclasses.field(...)`).
#[derive(Clone, Default)]
pub struct FieldSpec {
    /// The field's name (set when the class is processed).
    pub name: Option<Rc<str>>,
    /// `default`.
    pub default: Option<Value>,
    /// `default_factory`.
    pub factory: Option<Value>,
    /// `init`.
    pub init: bool,
    /// `repr`.
    pub repr: bool,
    /// `compare`.
    pub compare: bool,
}

/// What `@dataclass` recorded on a class.
pub struct Spec {
    /// The fields, base classes' first.
    pub fields: Vec<FieldSpec>,
}

/// The options of `@dataclass(...)`.
#[derive(Clone, Copy)]
struct Options {
    init: bool,
    repr: bool,
    eq: bool,
    order: bool,
    frozen: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { init: true, repr: true, eq: true, order: false, frozen: false }
    }
}

fn builtin(name: &'static str) -> Value {
    Value::Builtin(Rc::new(BuiltinFn { name, this: None }))
}

fn flag(it: &Interp, v: &Value) -> R<bool> {
    it.truthy(v)
}

/// The functions of the `dataclasses` module.
pub(crate) fn call_dataclasses(it: &Interp, name: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    match name {
        "dataclasses.dataclass" => {
            let mut o = Options::default();
            for (k, v) in &kwargs {
                match &**k {
                    "init" => o.init = flag(it, v)?,
                    "repr" => o.repr = flag(it, v)?,
                    "eq" => o.eq = flag(it, v)?,
                    "order" => o.order = flag(it, v)?,
                    "frozen" => o.frozen = flag(it, v)?,
                    other => {
                        return Err(it.exc(
                            "NotImplementedError",
                            format!(
                                "taskline: dataclass({other}=...) is not supported (init, repr, eq, order, frozen are)"
                            ),
                        ));
                    }
                }
            }
            match args.as_slice() {
                [Value::Class(c)] if kwargs.is_empty() => process(it, c, o),
                [] => {
                    let opts = [o.init, o.repr, o.eq, o.order, o.frozen].map(Value::Bool).to_vec();
                    Ok(native(Native::Decorator { kind: "dataclass", arg: Value::tuple(opts) }))
                }
                _ => it.type_error("taskline: dataclass() takes a class"),
            }
        }
        "dataclasses.field" => {
            if !args.is_empty() {
                return it.type_error(format!("field() takes 0 positional arguments but {} were given", args.len()));
            }
            let mut f = FieldSpec { init: true, repr: true, compare: true, ..FieldSpec::default() };
            for (k, v) in kwargs {
                match &*k {
                    "default" => f.default = Some(v),
                    "default_factory" => f.factory = Some(v),
                    "init" => f.init = flag(it, &v)?,
                    "repr" => f.repr = flag(it, &v)?,
                    "compare" => f.compare = flag(it, &v)?,
                    "hash" | "metadata" => {}
                    other => return it.type_error(format!("field() got an unexpected keyword argument '{other}'")),
                }
            }
            if f.default.is_some() && f.factory.is_some() {
                return Err(it.exc("ValueError", "cannot specify both default and default_factory"));
            }
            Ok(native(Native::Field(Rc::new(f))))
        }
        "dataclasses.asdict" => {
            let [v] = args.as_slice() else {
                return it.type_error(format!("asdict() takes 1 positional argument but {} were given", args.len()));
            };
            if spec_of(v).is_none() || matches!(v, Value::Class(_)) {
                return it.type_error("asdict() should be called on dataclass instances");
            }
            as_dict(it, v)
        }
        "dataclasses.fields" => {
            let [v] = args.as_slice() else {
                return it.type_error(format!("fields() takes 1 positional argument but {} were given", args.len()));
            };
            let Some(spec) = spec_of(v) else {
                return it.type_error("must be called with a dataclass type or instance");
            };
            Ok(Value::tuple(spec.fields.iter().map(|f| native(Native::Field(Rc::new(f.clone())))).collect()))
        }
        _ => it.type_error(format!("taskline: '{name}' cannot be called")),
    }
}

/// `@dataclass(...)` given as a decorator with options.
pub(crate) fn apply_options(it: &Interp, class: Value, opts: &Value) -> R<Value> {
    let Value::Class(c) = &class else {
        return it.type_error("taskline: @dataclass applies to a class");
    };
    let Value::Tuple(t) = opts else { return it.type_error("taskline: dataclass options") };
    let b = |i: usize| t.get(i).is_some_and(Value::truthy);
    process(it, c, Options { init: b(0), repr: b(1), eq: b(2), order: b(3), frozen: b(4) })
}

/// The dataclass spec of a class or instance (its own or inherited).
fn spec_of(v: &Value) -> Option<Rc<Spec>> {
    let c = match v {
        Value::Class(c) => c.clone(),
        other => class_of(other)?,
    };
    if let Some(s) = c.dataclass.borrow().clone() {
        return Some(s);
    }
    c.mro.iter().find_map(|k| k.dataclass.borrow().clone())
}

fn process(it: &Interp, c: &Rc<Class>, o: Options) -> R<Value> {
    if o.order && !o.eq {
        return Err(it.exc("ValueError", "eq must be true if order is true"));
    }
    let mut fields: Vec<FieldSpec> = Vec::new();
    for base in c.mro.iter().rev() {
        if let Some(s) = base.dataclass.borrow().clone() {
            for f in &s.fields {
                match fields.iter_mut().find(|x| x.name == f.name) {
                    Some(x) => *x = f.clone(),
                    None => fields.push(f.clone()),
                }
            }
        }
    }
    for name in &c.annotations {
        let own = c.dict.borrow().get(name).cloned();
        let mut f = match &own {
            Some(Value::Native(n)) if let Native::Field(f) = &**n => (**f).clone(),
            Some(v) => {
                FieldSpec { default: Some(v.clone()), init: true, repr: true, compare: true, ..FieldSpec::default() }
            }
            None => FieldSpec { init: true, repr: true, compare: true, ..FieldSpec::default() },
        };
        f.name = Some(name.clone());
        if let Some(d @ (Value::List(_) | Value::Dict(_) | Value::Set(_))) = &f.default {
            return Err(it.exc(
                "ValueError",
                format!(
                    "mutable default <class '{}'> for field {name} is not allowed: use default_factory",
                    d.type_name()
                ),
            ));
        }
        // the class attribute is the default (or nothing)
        match &f.default {
            Some(d) => {
                c.dict.borrow_mut().insert(name.clone(), d.clone());
            }
            None => {
                c.dict.borrow_mut().shift_remove(name);
            }
        }
        match fields.iter_mut().find(|x| x.name == f.name) {
            Some(x) => *x = f,
            None => fields.push(f),
        }
    }
    let mut seen_default: Option<&Rc<str>> = None;
    for f in fields.iter().filter(|f| f.init) {
        let has = f.default.is_some() || f.factory.is_some();
        match (has, seen_default) {
            (true, _) => seen_default = f.name.as_ref(),
            (false, Some(d)) => {
                return it.type_error(format!(
                    "non-default argument '{}' follows default argument '{d}'",
                    f.name.as_deref().unwrap_or("")
                ));
            }
            (false, None) => {}
        }
    }
    *c.dataclass.borrow_mut() = Some(Rc::new(Spec { fields }));
    let mut dict = c.dict.borrow_mut();
    fn add(dict: &mut IndexMap<Rc<str>, Value>, name: &str, f: &'static str) {
        if !dict.contains_key(name) {
            dict.insert(name.into(), builtin(f));
        }
    }
    if o.init {
        add(&mut dict, "__init__", "dataclass.__init__");
    }
    if o.repr {
        add(&mut dict, "__repr__", "dataclass.__repr__");
    }
    if o.eq {
        add(&mut dict, "__eq__", "dataclass.__eq__");
    }
    if o.order {
        for (n, f) in [
            ("__lt__", "dataclass.__lt__"),
            ("__le__", "dataclass.__le__"),
            ("__gt__", "dataclass.__gt__"),
            ("__ge__", "dataclass.__ge__"),
        ] {
            if dict.contains_key(n) {
                return it.type_error(format!(
                    "Cannot overwrite attribute {n} in class {}. Consider using functools.total_ordering",
                    c.name
                ));
            }
            add(&mut dict, n, f);
        }
    }
    if o.frozen {
        dict.insert("__setattr__".into(), builtin("dataclass.__setattr__"));
        dict.insert("__delattr__".into(), builtin("dataclass.__delattr__"));
    }
    if o.eq && o.frozen {
        if matches!(dict.get("__hash__"), None | Some(Value::None)) {
            dict.insert("__hash__".into(), builtin("dataclass.__hash__"));
        }
    } else if o.eq && !dict.contains_key("__hash__") {
        dict.insert("__hash__".into(), Value::None);
    }
    drop(dict);
    Ok(Value::Class(c.clone()))
}

fn field_values(it: &Interp, this: &Value, spec: &Spec, pick: impl Fn(&FieldSpec) -> bool) -> R<Vec<Value>> {
    spec.fields
        .iter()
        .filter(|f| pick(f))
        .map(|f| super::builtins::get_attr(it, this, f.name.as_deref().unwrap_or("")))
        .collect()
}

/// Calls a method `@dataclass` generated (`args[0]` is the instance).
pub(crate) fn call_method(it: &Interp, name: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    let mut args = args.into_iter();
    let Some(this) = args.next() else { return it.type_error(format!("{name}() needs an instance")) };
    let args: Vec<Value> = args.collect();
    let Some(spec) = spec_of(&this) else { return it.type_error(format!("{name}() needs a dataclass instance")) };
    let cls = class_of(&this).unwrap_or_default();
    let q = cls.qualname();
    match name {
        "dataclass.__init__" => {
            let params: Vec<&FieldSpec> = spec.fields.iter().filter(|f| f.init).collect();
            if args.len() > params.len() {
                let nreq = params.iter().filter(|f| f.default.is_none() && f.factory.is_none()).count();
                let takes = if nreq < params.len() {
                    format!("from {} to {} positional arguments", nreq + 1, params.len() + 1)
                } else if params.is_empty() {
                    "1 positional argument".to_owned()
                } else {
                    format!("{} positional arguments", params.len() + 1)
                };
                return it.type_error(format!("{q}.__init__() takes {takes} but {} were given", args.len() + 1));
            }
            let mut values: Vec<Option<Value>> = vec![None; params.len()];
            for (i, a) in args.into_iter().enumerate() {
                values[i] = Some(a);
            }
            for (k, v) in kwargs {
                let Some(i) = params.iter().position(|f| f.name.as_deref() == Some(&*k)) else {
                    return it.type_error(format!("{q}.__init__() got an unexpected keyword argument '{k}'"));
                };
                if values[i].is_some() {
                    return it.type_error(format!("{q}.__init__() got multiple values for argument '{k}'"));
                }
                values[i] = Some(v);
            }
            let missing: Vec<String> = params
                .iter()
                .zip(&values)
                .filter(|(f, v)| v.is_none() && f.default.is_none() && f.factory.is_none())
                .map(|(f, _)| format!("'{}'", f.name.as_deref().unwrap_or("")))
                .collect();
            if !missing.is_empty() {
                let n = missing.len();
                let list = match n {
                    1 => missing[0].clone(),
                    2 => format!("{} and {}", missing[0], missing[1]),
                    _ => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
                };
                return it.type_error(format!(
                    "{q}.__init__() missing {n} required positional argument{}: {list}",
                    if n == 1 { "" } else { "s" }
                ));
            }
            let mut given = values.into_iter();
            for f in &spec.fields {
                let v = if f.init { given.next().flatten() } else { None };
                let v = match (v, &f.default, &f.factory) {
                    (Some(v), _, _) => v,
                    (None, Some(d), _) => d.clone(),
                    (None, None, Some(factory)) => it.call(factory, Vec::new(), Vec::new())?,
                    (None, None, None) => continue,
                };
                set_own(it, &this, f.name.as_deref().unwrap_or(""), v)?;
            }
            if let Some(post) = cls.lookup("__post_init__") {
                it.call(&post, vec![this.clone()], Vec::new())?;
            }
            Ok(Value::None)
        }
        "dataclass.__repr__" => {
            let mut parts = Vec::new();
            for f in spec.fields.iter().filter(|f| f.repr) {
                let n = f.name.as_deref().unwrap_or("");
                let v = super::builtins::get_attr(it, &this, n)?;
                parts.push(format!("{n}={}", it.repr(&v)?));
            }
            Ok(Value::Str(format!("{q}({})", parts.join(", ")).into()))
        }
        "dataclass.__eq__" | "dataclass.__lt__" | "dataclass.__le__" | "dataclass.__gt__" | "dataclass.__ge__" => {
            let Some(other) = args.first() else { return it.type_error(format!("{name}() takes an argument")) };
            let same = match (class_of(other), class_of(&this)) {
                (Some(a), Some(b)) => Rc::ptr_eq(&a, &b),
                _ => false,
            };
            if !same {
                return Ok(Value::NotImplemented);
            }
            let a = Value::tuple(field_values(it, &this, &spec, |f| f.compare)?);
            let b = Value::tuple(field_values(it, other, &spec, |f| f.compare)?);
            use super::compile::CmpOp;
            let op = match name {
                "dataclass.__eq__" => CmpOp::Eq,
                "dataclass.__lt__" => CmpOp::Lt,
                "dataclass.__le__" => CmpOp::LtE,
                "dataclass.__gt__" => CmpOp::Gt,
                _ => CmpOp::GtE,
            };
            Ok(Value::Bool(super::ops::compare(it, op, &a, &b)?))
        }
        "dataclass.__hash__" => {
            let t = Value::tuple(field_values(it, &this, &spec, |f| f.compare)?);
            let h = t.hkey().map_err(|h| it.halt(h))?;
            use std::hash::{Hash, Hasher};
            let mut s = std::hash::DefaultHasher::new();
            h.hash(&mut s);
            #[allow(clippy::cast_possible_wrap)]
            Ok(Value::Int((s.finish() >> 2) as i64))
        }
        "dataclass.__setattr__" | "dataclass.__delattr__" => {
            let n = match args.first() {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            let what = if name == "dataclass.__setattr__" { "assign to" } else { "delete" };
            Err(it.exc_args(
                it.class("FrozenInstanceError"),
                vec![Value::Str(format!("cannot {what} field '{n}'").into())],
            ))
        }
        _ => it.type_error(format!("taskline: '{name}' cannot be called")),
    }
}

fn as_dict(it: &Interp, v: &Value) -> R<Value> {
    it.ticks(1)?;
    match v {
        Value::Instance(_) if spec_of(v).is_some() => {
            let spec = spec_of(v).unwrap_or_else(|| unreachable!());
            let mut d = IndexMap::new();
            for f in &spec.fields {
                let n = f.name.as_deref().unwrap_or("");
                let x = as_dict(it, &super::builtins::get_attr(it, v, n)?)?;
                let k = Value::str(n);
                let h = k.hkey().map_err(|h| it.halt(h))?;
                super::ops::dict_insert(&mut d, h, k, x);
            }
            Ok(Value::dict(d))
        }
        Value::List(l) => {
            let items = l.borrow().clone();
            Ok(Value::list(items.iter().map(|x| as_dict(it, x)).collect::<R<_>>()?))
        }
        Value::Tuple(t) => Ok(Value::tuple(t.iter().map(|x| as_dict(it, x)).collect::<R<_>>()?)),
        Value::Dict(d) => {
            let items: Vec<_> = d.borrow().values().cloned().collect();
            let mut out = IndexMap::new();
            for (k, x) in items {
                let k = as_dict(it, &k)?;
                let h = k.hkey().map_err(|h| it.halt(h))?;
                super::ops::dict_insert(&mut out, h, k, as_dict(it, &x)?);
            }
            Ok(Value::dict(out))
        }
        other => Ok(other.clone()),
    }
}

/// `field.name` / `field.default` of a `dataclasses.Field`.
pub(crate) fn field_attr(f: &FieldSpec, name: &str) -> Option<Value> {
    match name {
        "name" => Some(f.name.as_ref().map_or(Value::None, |n| Value::Str(n.into()))),
        "default" => Some(f.default.clone().unwrap_or(Value::None)),
        "default_factory" => Some(f.factory.clone().unwrap_or(Value::None)),
        "init" => Some(Value::Bool(f.init)),
        "repr" => Some(Value::Bool(f.repr)),
        "compare" => Some(Value::Bool(f.compare)),
        _ => None,
    }
}

// ---------------------------------------------------------------- enum

/// The `Enum` and `IntEnum` base classes (no module qualname: `enum.Enum`).
pub(crate) fn enum_bases() -> (Rc<Class>, Rc<Class>) {
    let e = Rc::new(Class { name: "Enum".into(), user: true, ..Class::default() });
    let i = Rc::new(Class {
        name: "IntEnum".into(),
        user: true,
        bases: vec![e.clone()],
        mro: vec![e.clone()],
        ..Class::default()
    });
    (e, i)
}

/// Turns an enum class's public values into its members (and aliases).
pub(crate) fn make_enum_members(it: &Interp, c: &Rc<Class>) -> R<()> {
    if c.mro.iter().any(|b| !b.members.borrow().is_empty()) {
        let base = c.mro.iter().find(|b| !b.members.borrow().is_empty()).map(|b| b.name.clone()).unwrap_or_default();
        return it.type_error(format!("<enum '{}'> cannot extend <enum '{base}'>", c.name));
    }
    let entries: Vec<(Rc<str>, Value)> = c.dict.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut last_int: Option<i64> = None;
    for (name, v) in entries {
        if name.starts_with('_') {
            continue;
        }
        let descriptor = match &v {
            Value::Func(_) | Value::Builtin(_) | Value::Class(_) => true,
            Value::Native(n) => !matches!(&**n, Native::Auto),
            _ => false,
        };
        if descriptor {
            continue;
        }
        let value = match &v {
            Value::Native(_) => Value::Int(last_int.map_or(1, |i| i + 1)),
            other => other.clone(),
        };
        if c.is_int_enum() && !matches!(value, Value::Int(_) | Value::Bool(_)) {
            return Err(it.exc("ValueError", format!("invalid literal for int() with base 10: {}", it.repr(&value)?)));
        }
        if let Value::Int(i) = value {
            last_int = Some(i);
        }
        let existing = c.members.borrow().iter().find_map(|m| {
            let Value::Instance(mi) = m else { return None };
            let mv = mi.get("_value_")?;
            super::value::py_eq(&mv, &value).ok().filter(|eq| *eq).map(|_| m.clone())
        });
        let member = match existing {
            Some(m) => m,
            None => {
                it.reserve(super::value::INSTANCE_BYTES)?;
                let m = Value::Instance(Instance::new(c.clone()));
                set_own(it, &m, "_name_", Value::Str((&name).into()))?;
                set_own(it, &m, "_value_", value)?;
                c.members.borrow_mut().push(m.clone());
                m
            }
        };
        c.dict.borrow_mut().insert(name, member);
    }
    Ok(())
}

/// `Color(value)`: the member with that value.
pub(crate) fn enum_lookup(it: &Interp, c: &Rc<Class>, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    if c.members.borrow().is_empty() || args.len() != 1 || !kwargs.is_empty() {
        return Err(it.exc(
            "NotImplementedError",
            "taskline: only Color(value) lookups of an enum with members are supported (not the functional API)",
        ));
    }
    let members = c.members.borrow().clone();
    for m in &members {
        if m.identity() == args[0].identity() {
            return Ok(m.clone());
        }
        if let Value::Instance(mi) = m
            && let Some(v) = mi.get("_value_")
            && super::ops::eq(it, &v, &args[0])?
        {
            return Ok(m.clone());
        }
    }
    Err(it.exc("ValueError", format!("{} is not a valid {}", it.repr(&args[0])?, c.qualname())))
}

/// `Color['RED']`.
pub(crate) fn enum_by_name(it: &Interp, c: &Rc<Class>, k: &Value) -> R<Value> {
    if let Value::Str(s) = k
        && let Some(m @ Value::Instance(_)) = c.lookup(s)
    {
        return Ok(m);
    }
    Err(it.exc_args(it.class("KeyError"), vec![k.clone()]))
}

/// `Color.__members__`: every name, aliases included.
pub(crate) fn enum_members_dict(it: &Interp, c: &Rc<Class>) -> R<Value> {
    let mut d = IndexMap::new();
    for (k, v) in c.dict.borrow().iter() {
        if let Value::Instance(i) = v
            && Rc::ptr_eq(&i.class, c)
        {
            let k = Value::Str(k.into());
            let h = k.hkey().map_err(|h| it.halt(h))?;
            super::ops::dict_insert(&mut d, h, k, v.clone());
        }
    }
    Ok(Value::dict(d))
}

/// The int value of an `IntEnum` member (which computes as that int).
pub(crate) fn int_value(v: &Value) -> Option<Value> {
    match v {
        Value::Instance(i) if i.class.is_int_enum() => i.get("_value_"),
        _ => None,
    }
}

/// The default `repr`/`str` of an enum member.
pub(crate) fn member_text(it: &Interp, v: &Value, repr: bool) -> R<Option<String>> {
    let Value::Instance(i) = v else { return Ok(None) };
    if !i.class.is_enum() {
        return Ok(None);
    }
    let (Some(Value::Str(name)), Some(value)) = (i.get("_name_"), i.get("_value_")) else { return Ok(None) };
    Ok(Some(if repr {
        format!("<{}.{name}: {}>", i.class.name, it.repr(&value)?)
    } else if i.class.is_int_enum() {
        it.to_str(&value)?
    } else {
        format!("{}.{name}", i.class.name)
    }))
}
