//! The object model: user classes (C3 MRO, class namespaces), instances,
//! bound methods, `super()`, descriptors (`staticmethod`, `classmethod`,
//! `property`) and dunder dispatch, with CPython 3.13's lookup rules and
//! messages.
//!
//! Special methods are looked up on the class (its MRO), never in the
//! instance's own `__dict__`, as CPython does. An instance's attributes live
//! in a dict on the script's heap (`obj.__dict__` is that dict), so
//! instances count against `max_heap`. Instances are reference counted:
//! a reference cycle between instances is never freed, but it stays charged
//! to the heap, so a program that keeps making cycles gets `MemoryError`
//! rather than exhausting the machine.

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;

use super::compile::ClassProto;
use super::interp::{Env, Exc, Frame, Interp, R, exec_block, poll_once};
use super::value::{BuiltinFn, Class, HKey, Instance, Native, ObjKey, Value};

/// A `Native` value.
pub(crate) fn native(n: Native) -> Value {
    Value::Native(Rc::new(n))
}

/// A bound method.
pub(crate) fn method(func: Value, this: Value) -> Value {
    native(Native::Method { func, this })
}

fn builtin(name: &'static str, this: Value) -> Value {
    Value::Builtin(Rc::new(BuiltinFn { name, this: Some(this) }))
}

/// The class of an instance or exception object (user classes only).
pub(crate) fn class_of(v: &Value) -> Option<Rc<Class>> {
    match v {
        Value::Instance(i) => Some(i.class.clone()),
        Value::Exc(e) if e.class.user => Some(e.class.clone()),
        _ => None,
    }
}

/// `[c] + c.__mro__[1:]`, for user classes and the built-in exception chain.
fn linearization(c: &Rc<Class>) -> Vec<Rc<Class>> {
    let mut out = vec![c.clone()];
    if c.user {
        out.extend(c.mro.iter().cloned());
    } else {
        let mut b = c.base.clone();
        while let Some(k) = b {
            b = k.base.clone();
            out.push(k);
        }
    }
    out
}

/// C3 linearization of `bases` (the new class's MRO without itself).
fn c3(it: &Interp, bases: &[Rc<Class>]) -> R<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases.iter().map(linearization).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let head =
            seqs.iter().map(|s| s[0].clone()).find(|h| !seqs.iter().any(|s| s[1..].iter().any(|x| Rc::ptr_eq(x, h))));
        let Some(head) = head else {
            let names: Vec<String> = bases.iter().map(|b| b.name.to_string()).collect();
            return it.type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for s in &mut seqs {
            if Rc::ptr_eq(&s[0], &head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

/// Runs a `class` statement: bases, body (as a function whose locals become
/// the namespace), the class object, then its decorators bottom-up.
pub(crate) fn exec_class(it: &Interp, fr: &Frame, proto: &ClassProto, decorators: Vec<Value>) -> R<Value> {
    let mut bases = Vec::new();
    for b in &proto.bases {
        match it.eval(fr, b)? {
            Value::Class(c) if c.builtin_type && &*c.name == "object" => {}
            Value::Class(c) if c.builtin_type => {
                return it.type_error(format!(
                    "taskline: a class cannot derive from the built-in type '{}' (derive from object and keep a '{}' attribute)",
                    c.name, c.name
                ));
            }
            Value::Class(c) => {
                if bases.iter().any(|x: &Rc<Class>| Rc::ptr_eq(x, &c)) {
                    return it.type_error(format!("duplicate base class {}", c.name));
                }
                bases.push(c);
            }
            other => {
                return it.type_error(format!("taskline: a base class must be a class, not '{}'", other.type_name()));
            }
        }
    }
    let nslots = proto.slot_names.len();
    let parent = if fr.env.parent.is_none() && fr.env.slots.borrow().is_empty() { None } else { Some(fr.env.clone()) };
    let env = Rc::new(Env { slots: RefCell::new(vec![Value::Undefined; nslots]), parent });
    let body_fr = Frame { env: env.clone(), handling: RefCell::new(Vec::new()) };
    match poll_once(exec_block(it, &body_fr, &proto.body)) {
        Some(r) => {
            r?;
        }
        None => return Err(it.exc("RuntimeError", "taskline: a class body suspended")),
    }
    let mut dict: IndexMap<Rc<str>, Value> = IndexMap::new();
    for (i, name) in proto.slot_names.iter().enumerate() {
        if i == proto.class_slot as usize {
            continue;
        }
        let v = env.slots.borrow()[i].clone();
        if !matches!(v, Value::Undefined) {
            dict.insert(name.clone(), v);
        }
    }
    if dict.contains_key("__eq__") && !dict.contains_key("__hash__") {
        dict.insert("__hash__".into(), Value::None);
    }
    let mro = c3(it, &bases)?;
    let base = mro.iter().find(|c| c.is_exception()).cloned();
    let charge = super::value::HeapCharge::class(dict.len(), mro.len());
    // a class whose methods refer to it is a reference cycle that is never freed: counted all the same
    it.reserve(0)?;
    let class = Rc::new(Class {
        name: proto.name.clone(),
        base,
        builtin_type: false,
        qualname: Some(proto.qualname.clone()),
        bases,
        mro,
        dict: RefCell::new(dict),
        user: true,
        annotations: proto.annotations.clone(),
        charge,
        ..Class::default()
    });
    // the `__class__` cell of the methods (zero-argument super())
    if let Some(slot) = env.slots.borrow_mut().get_mut(proto.class_slot as usize) {
        *slot = Value::Class(class.clone());
    }
    if class.is_enum() {
        super::dataclasses::make_enum_members(it, &class)?;
    }
    let mut v = Value::Class(class);
    for d in decorators.iter().rev() {
        v = it.call(d, vec![v], Vec::new())?;
    }
    Ok(v)
}

/// Calls a user class: a new instance (or exception object), then `__init__`.
pub(crate) fn instantiate(it: &Interp, c: &Rc<Class>, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    if c.is_enum() {
        return super::dataclasses::enum_lookup(it, c, args, kwargs);
    }
    let init = c.lookup("__init__");
    if c.is_exception() {
        let e = it.exc_args(c.clone(), args.clone());
        let v = Value::Exc(e);
        match init {
            Some(f) => run_init(it, &f, &v, args, kwargs)?,
            None if !kwargs.is_empty() => return it.type_error(format!("{}() takes no keyword arguments", c.name)),
            None => {}
        }
        return Ok(v);
    }
    it.reserve(super::value::INSTANCE_BYTES)?;
    let v = Value::Instance(Instance::new(c.clone()));
    match init {
        Some(f) => run_init(it, &f, &v, args, kwargs)?,
        None if !args.is_empty() || !kwargs.is_empty() => {
            return it.type_error(format!("{}() takes no arguments", c.name));
        }
        None => {}
    }
    Ok(v)
}

fn run_init(it: &Interp, init: &Value, this: &Value, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<()> {
    let f = bind(it, init, this, this_class(this).as_ref())?;
    match it.call(&f, args, kwargs)? {
        Value::None => Ok(()),
        other => it.type_error(format!("__init__() should return None, not '{}'", other.type_name())),
    }
}

fn this_class(v: &Value) -> Option<Rc<Class>> {
    match v {
        Value::Class(c) => Some(c.clone()),
        Value::Exc(e) => Some(e.class.clone()),
        other => class_of(other),
    }
}

/// A class attribute as seen through an instance (`this`) or the class
/// itself (`this` is the class): functions bind, descriptors apply.
fn bind(it: &Interp, attr: &Value, this: &Value, cls: Option<&Rc<Class>>) -> R<Value> {
    let on_class = matches!(this, Value::Class(_));
    Ok(match attr {
        Value::Func(_) if !on_class => method(attr.clone(), this.clone()),
        // the methods @dataclass generates are built-ins that bind like functions
        Value::Builtin(b) if !on_class && b.this.is_none() && b.name.starts_with("dataclass.") => {
            method(attr.clone(), this.clone())
        }
        // a @contextmanager / @asynccontextmanager method: a function in CPython, so it binds
        Value::Builtin(b) if !on_class && matches!(b.name, "contextlib.<cm>" | "contextlib.<acm>") => {
            method(attr.clone(), this.clone())
        }
        Value::Native(n) => match &**n {
            Native::StaticMethod(f) => f.clone(),
            Native::ClassMethod(f) => match cls {
                Some(c) => method(f.clone(), Value::Class(c.clone())),
                None => method(f.clone(), this.clone()),
            },
            Native::Property { fget, .. } if !on_class => {
                if matches!(fget, Value::None) {
                    return Err(it.exc("AttributeError", "property has no getter"));
                }
                it.call(fget, vec![this.clone()], Vec::new())?
            }
            Native::Cache { .. } if !on_class => method(attr.clone(), this.clone()),
            _ => attr.clone(),
        },
        _ => attr.clone(),
    })
}

/// `obj.name` for an instance or a user exception object; `None`: not found.
pub(crate) fn instance_attr(it: &Interp, obj: &Value, name: &str) -> R<Option<Value>> {
    let Some(cls) = class_of(obj) else { return Ok(None) };
    let cattr = cls.lookup(name);
    // data descriptors first
    if let Some(Value::Native(n)) = &cattr
        && let Native::Property { fget, .. } = &**n
    {
        if matches!(fget, Value::None) {
            return Err(it.exc("AttributeError", format!("property '{name}' of '{}' object has no getter", cls.name)));
        }
        return it.call(fget, vec![obj.clone()], Vec::new()).map(Some);
    }
    if cls.is_enum()
        && matches!(name, "name" | "value")
        && let Value::Instance(i) = obj
        && let Some(v) = i.get(if name == "name" { "_name_" } else { "_value_" })
    {
        return Ok(Some(v));
    }
    let own = match obj {
        Value::Instance(i) => i.get(name),
        Value::Exc(e) => e.dict.borrow().get(name).cloned(),
        _ => None,
    };
    if own.is_some() {
        return Ok(own);
    }
    if let Some(a) = cattr {
        return bind(it, &a, obj, Some(&cls)).map(Some);
    }
    Ok(match (name, obj) {
        ("__class__", _) => Some(Value::Class(cls)),
        ("__dict__", Value::Instance(i)) => Some(Value::Dict(i.dict.clone())),
        _ => None,
    })
}

/// `C.name` for a user class; `None`: not found.
pub(crate) fn class_attr(it: &Interp, c: &Rc<Class>, name: &str) -> R<Option<Value>> {
    if !c.user {
        return Ok(None);
    }
    if let Some(a) = c.lookup(name) {
        return bind(it, &a, &Value::Class(c.clone()), Some(c)).map(Some);
    }
    Ok(match name {
        "__members__" if c.is_enum() => Some(super::dataclasses::enum_members_dict(it, c)?),
        "__name__" => Some(Value::Str((&c.name).into())),
        "__qualname__" => Some(Value::Str((&c.qualname()).into())),
        "__module__" => Some(Value::str("__main__")),
        "__doc__" => Some(Value::None),
        "__bases__" => {
            let mut b: Vec<Value> = c.bases.iter().map(|b| Value::Class(b.clone())).collect();
            if b.is_empty() {
                b.push(Value::Class(it.class("object")));
            }
            Some(Value::tuple(b))
        }
        "__mro__" => {
            let mut m = vec![Value::Class(c.clone())];
            m.extend(c.mro.iter().map(|k| Value::Class(k.clone())));
            if !c.is_exception() {
                m.push(Value::Class(it.class("object")));
            }
            Some(Value::tuple(m))
        }
        "__dict__" => {
            let mut d = IndexMap::new();
            for (k, v) in c.dict.borrow().iter() {
                let k = Value::Str(k.into());
                let h = k.hkey().map_err(|h| it.halt(h))?;
                super::ops::dict_insert(&mut d, h, k, v.clone());
            }
            Some(Value::dict(d))
        }
        _ => None,
    })
}

/// `super(cls, obj).name`.
pub(crate) fn super_attr(it: &Interp, class: &Rc<Class>, this: &Value, name: &str) -> R<Value> {
    let Some(start) = this_class(this) else {
        return it.type_error("super(type, obj): obj must be an instance or subtype of type");
    };
    let chain = linearization(&start);
    let after = chain.iter().position(|c| Rc::ptr_eq(c, class)).map_or(chain.len(), |i| i + 1);
    for c in &chain[after..] {
        if let Some(a) = c.dict.borrow().get(name).cloned() {
            return bind(it, &a, this, Some(&start));
        }
    }
    let exc = start.is_exception();
    Ok(match name {
        "__init__" if exc => builtin("BaseException.__init__", this.clone()),
        "__init__" => builtin("object.__init__", this.clone()),
        "__str__" => builtin("object.__str__", this.clone()),
        "__repr__" => builtin("object.__repr__", this.clone()),
        "__eq__" => builtin("object.__eq__", this.clone()),
        "__ne__" => builtin("object.__ne__", this.clone()),
        "__hash__" => builtin("object.__hash__", this.clone()),
        "__setattr__" => builtin("object.__setattr__", this.clone()),
        "__getattribute__" => builtin("object.__getattribute__", this.clone()),
        _ => return Err(it.exc("AttributeError", format!("'super' object has no attribute '{name}'"))),
    })
}

/// The methods of `object` and `BaseException` reached through `super()`.
pub(crate) fn call_object_method(
    it: &Interp,
    name: &str,
    this: &Value,
    args: Vec<Value>,
    kwargs: &[(Rc<str>, Value)],
) -> R<Value> {
    match name {
        "BaseException.__init__" => {
            if let Value::Exc(e) = this {
                *e.args.borrow_mut() = args;
            }
            Ok(Value::None)
        }
        "object.__init__" => {
            if !args.is_empty() || !kwargs.is_empty() {
                return it.type_error("object.__init__() takes exactly one argument (the instance to initialize)");
            }
            Ok(Value::None)
        }
        "object.__str__" => Ok(Value::Str(default_str(it, this)?.into())),
        "object.__repr__" => Ok(Value::Str(default_repr(it, this)?.into())),
        "object.__eq__" => Ok(match args.first() {
            Some(o) if o.identity() == this.identity() => Value::Bool(true),
            _ => Value::NotImplemented,
        }),
        "object.__ne__" => Ok(match args.first() {
            Some(o) => Value::Bool(!it.rich_eq(this, o)?),
            None => Value::NotImplemented,
        }),
        "object.__hash__" => Ok(Value::Int(i64::try_from(this.identity() >> 4).unwrap_or(0))),
        "object.__setattr__" => {
            let (Some(Value::Str(n)), Some(v)) = (args.first(), args.get(1)) else {
                return it.type_error("expected 2 arguments");
            };
            set_own(it, this, n, v.clone()).map(|()| Value::None)
        }
        "object.__getattribute__" => {
            let Some(Value::Str(n)) = args.first() else {
                return it.type_error("attribute name must be string");
            };
            super::builtins::get_attr(it, this, n)
        }
        _ => it.type_error(format!("taskline: '{name}' cannot be called")),
    }
}

/// `repr()` without a user `__repr__`.
fn default_repr(it: &Interp, v: &Value) -> R<String> {
    if let Some(t) = super::dataclasses::member_text(it, v, true)? {
        return Ok(t);
    }
    match v {
        Value::Instance(i) if !i.class.user => {
            Ok(format!("<{} object at {}>", i.class.name, super::value::fake_addr(i.serial)))
        }
        Value::Instance(i) => {
            Ok(format!("<__main__.{} object at {}>", i.class.qualname(), super::value::fake_addr(i.serial)))
        }
        Value::Exc(e) => {
            let args = Value::tuple(e.args.borrow().clone());
            let inner = it.repr(&args)?;
            let inner = match e.args.borrow().len() {
                1 => inner[..inner.len() - 2].to_owned() + ")",
                _ => inner,
            };
            Ok(format!("{}{inner}", e.class.name))
        }
        other => it.repr(other),
    }
}

/// `str()` without a user `__str__`.
fn default_str(it: &Interp, v: &Value) -> R<String> {
    match v {
        Value::Exc(e) => {
            let args = e.args.borrow().clone();
            match args.len() {
                0 => Ok(String::new()),
                1 => it.to_str(&args[0]),
                _ => it.repr(&Value::tuple(args)),
            }
        }
        other => dunder_repr_of(it, other),
    }
}

fn dunder_repr_of(it: &Interp, v: &Value) -> R<String> {
    match call_dunder(it, v, "__repr__", Vec::new())? {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => it.type_error(format!("__repr__ returned non-string (type {})", other.type_name())),
        None => default_repr(it, v),
    }
}

/// Looks a special method up on the object's class and calls it; `None`
/// if the class does not define it.
pub(crate) fn call_dunder(it: &Interp, v: &Value, name: &str, args: Vec<Value>) -> R<Option<Value>> {
    let Some(cls) = class_of(v) else { return Ok(None) };
    let Some(a) = cls.lookup(name) else { return Ok(None) };
    if matches!(a, Value::None) {
        return Ok(None);
    }
    let f = bind(it, &a, v, Some(&cls))?;
    it.call(&f, args, Vec::new()).map(Some)
}

/// Whether the object's class defines the special method `name`.
pub(crate) fn has_dunder(v: &Value, name: &str) -> bool {
    class_of(v).is_some_and(|c| c.lookup(name).is_some_and(|a| !matches!(a, Value::None)))
}

/// Sets an attribute in the object's own namespace (no descriptors).
pub(crate) fn set_own(it: &Interp, obj: &Value, name: &str, v: Value) -> R<()> {
    match obj {
        Value::Instance(i) => {
            let k = Value::str(name);
            let h = k.hkey().map_err(|h| it.halt(h))?;
            super::ops::dict_insert(&mut i.dict.borrow_mut(), h, k, v);
            Ok(())
        }
        Value::Exc(e) => {
            if name == "args" {
                *e.args.borrow_mut() = it.iterate(&v)?;
            } else if name == "__cause__" {
                *e.cause.borrow_mut() = v;
            } else {
                e.dict.borrow_mut().insert(name.into(), v);
            }
            Ok(())
        }
        other => {
            Err(it.exc("AttributeError", format!("'{}' object attribute '{name}' is read-only", other.type_name())))
        }
    }
}

/// `obj.name = v`.
pub(crate) fn set_attr(it: &Interp, obj: &Value, name: &str, v: Value) -> R<()> {
    match obj {
        Value::Instance(_) | Value::Exc(_) => {
            if let Some(cls) = class_of(obj) {
                if let Some(f) = cls.lookup("__setattr__").filter(|f| matches!(f, Value::Func(_) | Value::Builtin(_))) {
                    it.call(&f, vec![obj.clone(), Value::str(name), v], Vec::new())?;
                    return Ok(());
                }
                if let Some(Value::Native(n)) = cls.lookup(name)
                    && let Native::Property { fset, .. } = &*n
                {
                    if matches!(fset, Value::None) {
                        return Err(it.exc(
                            "AttributeError",
                            format!("property '{name}' of '{}' object has no setter", cls.name),
                        ));
                    }
                    it.call(fset, vec![obj.clone(), v], Vec::new())?;
                    return Ok(());
                }
            }
            set_own(it, obj, name, v)
        }
        Value::Class(c) if c.user => {
            c.dict.borrow_mut().insert(name.into(), v);
            Ok(())
        }
        Value::Func(f) => {
            f.dict.borrow_mut().insert(name.into(), v);
            Ok(())
        }
        other => {
            let known = super::builtins::get_attr(it, other, name).is_ok();
            Err(it.exc(
                "AttributeError",
                if known {
                    format!("'{}' object attribute '{name}' is read-only", other.type_name())
                } else {
                    format!(
                        "'{}' object has no attribute '{name}' and no __dict__ for setting new attributes",
                        other.type_name()
                    )
                },
            ))
        }
    }
}

/// `del obj.name`.
pub(crate) fn del_attr(it: &Interp, obj: &Value, name: &str) -> R<()> {
    if let Some(cls) = class_of(obj)
        && let Some(f) = cls.lookup("__delattr__").filter(|f| matches!(f, Value::Func(_) | Value::Builtin(_)))
    {
        it.call(&f, vec![obj.clone(), Value::str(name)], Vec::new())?;
        return Ok(());
    }
    let missing = || it.exc("AttributeError", format!("'{}' object has no attribute '{name}'", obj.type_name()));
    match obj {
        Value::Instance(i) => {
            if let Some(Value::Native(n)) = i.class.lookup(name)
                && let Native::Property { fdel, .. } = &*n
            {
                if matches!(fdel, Value::None) {
                    return Err(it.exc(
                        "AttributeError",
                        format!("property '{name}' of '{}' object has no deleter", i.class.name),
                    ));
                }
                it.call(fdel, vec![obj.clone()], Vec::new())?;
                return Ok(());
            }
            let k = Value::str(name);
            let h = k.hkey().map_err(|h| it.halt(h))?;
            let old = i.dict.borrow_mut().shift_remove(&h);
            old.map(drop).ok_or_else(missing)
        }
        Value::Exc(e) => e.dict.borrow_mut().shift_remove(name).map(drop).ok_or_else(missing),
        Value::Class(c) if c.user => c
            .dict
            .borrow_mut()
            .shift_remove(name)
            .map(drop)
            .ok_or_else(|| it.exc("AttributeError", format!("type object '{}' has no attribute '{name}'", c.name))),
        Value::Func(f) => f.dict.borrow_mut().shift_remove(name).map(drop).ok_or_else(missing),
        _ => Err(missing()),
    }
}

/// The reflected name of a comparison dunder.
fn reflected_cmp(name: &str) -> &'static str {
    match name {
        "__lt__" => "__gt__",
        "__gt__" => "__lt__",
        "__le__" => "__ge__",
        "__ge__" => "__le__",
        "__ne__" => "__ne__",
        _ => "__eq__",
    }
}

/// A rich comparison through the dunders (`None`: both NotImplemented).
pub(crate) fn rich_cmp(it: &Interp, name: &str, a: &Value, b: &Value) -> R<Option<Value>> {
    if let Some(r) = call_dunder(it, a, name, vec![b.clone()])?
        && !matches!(r, Value::NotImplemented)
    {
        return Ok(Some(r));
    }
    if let Some(r) = call_dunder(it, b, reflected_cmp(name), vec![a.clone()])?
        && !matches!(r, Value::NotImplemented)
    {
        return Ok(Some(r));
    }
    Ok(None)
}

/// A binary operator through the dunders (`None`: both NotImplemented).
pub(crate) fn binary_dunder(it: &Interp, name: &str, a: &Value, b: &Value) -> R<Option<Value>> {
    if let Some(r) = call_dunder(it, a, &format!("__{name}__"), vec![b.clone()])?
        && !matches!(r, Value::NotImplemented)
    {
        return Ok(Some(r));
    }
    if let Some(r) = call_dunder(it, b, &format!("__r{name}__"), vec![a.clone()])?
        && !matches!(r, Value::NotImplemented)
    {
        return Ok(Some(r));
    }
    Ok(None)
}

impl Interp {
    /// Python's truth value, calling `__bool__` / `__len__`.
    pub(crate) fn truthy(&self, v: &Value) -> R<bool> {
        if class_of(v).is_none() {
            return Ok(v.truthy());
        }
        if let Some(r) = call_dunder(self, v, "__bool__", Vec::new())? {
            return match r {
                Value::Bool(b) => Ok(b),
                other => self.type_error(format!("__bool__ should return bool, returned {}", other.type_name())),
            };
        }
        if let Some(r) = call_dunder(self, v, "__len__", Vec::new())? {
            return Ok(self.len_result(&r)? != 0);
        }
        Ok(true)
    }

    /// The value of `__len__`, checked as CPython checks it.
    pub(crate) fn len_result(&self, r: &Value) -> R<i64> {
        match r {
            Value::Int(n) if *n >= 0 => Ok(*n),
            Value::Bool(b) => Ok(i64::from(*b)),
            Value::Int(_) => Err(self.exc("ValueError", "__len__() should return >= 0")),
            other => self.type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name())),
        }
    }

    /// The hash key of an instance (`__hash__`, or identity).
    pub(crate) fn instance_hkey(&self, v: &Value) -> R<HKey> {
        if let Some(i) = super::dataclasses::int_value(v) {
            return i.hkey().map_err(|h| self.halt(h));
        }
        let Some(cls) = class_of(v) else { return Ok(HKey::Id(v.identity())) };
        match cls.lookup("__hash__") {
            Some(Value::None) => self.type_error(format!("unhashable type: '{}'", cls.name)),
            Some(_) => match call_dunder(self, v, "__hash__", Vec::new())? {
                Some(Value::Int(h)) => Ok(HKey::Obj(ObjKey { hash: h, value: v.clone() })),
                Some(Value::Bool(b)) => Ok(HKey::Obj(ObjKey { hash: i64::from(b), value: v.clone() })),
                _ => self.type_error("__hash__ method should return an integer"),
            },
            None => Ok(HKey::Id(v.identity())),
        }
    }

    /// `a == b` through `__eq__` (reflected, then identity).
    pub(crate) fn rich_eq(&self, a: &Value, b: &Value) -> R<bool> {
        let (ia, ib) = (super::dataclasses::int_value(a), super::dataclasses::int_value(b));
        if ia.is_some() || ib.is_some() {
            return super::ops::eq(self, ia.as_ref().unwrap_or(a), ib.as_ref().unwrap_or(b));
        }
        match rich_cmp(self, "__eq__", a, b)? {
            Some(r) => self.truthy(&r),
            None => Ok(a.identity() == b.identity()),
        }
    }

    /// `str(obj)` for an instance.
    pub(crate) fn instance_str(&self, v: &Value) -> R<String> {
        match call_dunder(self, v, "__str__", Vec::new())? {
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(other) => self.type_error(format!("__str__ returned non-string (type {})", other.type_name())),
            None => match super::dataclasses::member_text(self, v, false)? {
                Some(t) => Ok(t),
                None => dunder_repr_of(self, v),
            },
        }
    }

    /// `str(exc)` for an exception whose class defines `__str__`.
    pub(crate) fn user_exc_str(&self, e: &Exc) -> R<String> {
        let v = Value::Exc(e.clone());
        match call_dunder(self, &v, "__str__", Vec::new())? {
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(other) => self.type_error(format!("__str__ returned non-string (type {})", other.type_name())),
            None => default_str(self, &v),
        }
    }

    /// `repr(obj)` for an instance or a user exception object.
    pub(crate) fn dunder_repr(&self, v: &Value) -> R<String> {
        dunder_repr_of(self, v)
    }
}

/// Interns a qualname that the script set (coroutine names are `&'static str`).
pub(crate) fn intern_qualname(q: &str) -> &'static str {
    super::intern_qualname(q)
}

#[cfg(test)]
mod tests {
    use crate::Config;
    use crate::trace::asyncio::to_jsonl;

    fn prints(src: &str) -> String {
        let log = crate::script::run_source("t.py", src, Config::default()).expect("runs");
        to_jsonl(&log)
    }

    #[test]
    fn c3_orders_a_diamond_and_refuses_an_inconsistent_order() {
        let src = "class A: pass\nclass B(A): pass\nclass C(A): pass\nclass D(B, C): pass\n\
                   async def main():\n    print([k.__name__ for k in D.__mro__])\n    try:\n        \
                   class X(A, B): pass\n    except TypeError as e:\n        print(e)\n";
        let t = prints(src);
        assert!(t.contains(r#"['D', 'B', 'C', 'A', 'object']"#), "{t}");
        assert!(t.contains("Cannot create a consistent method resolution order (MRO) for bases A, B"), "{t}");
    }

    #[test]
    fn instances_that_die_are_credited_back_to_the_heap() {
        // 20,000 instances of ~1 KB each under a 4 MiB heap: fine only if freed ones are credited
        let src = "class P:\n    def __init__(self, n):\n        self.pad = 'x' * 1000 + str(n)\n\
                   async def main():\n    for i in range(20000):\n        p = P(i)\n    print('ok', len(p.pad))\n";
        let config = Config { max_heap: 4 << 20, ..Config::default() };
        let log = crate::script::run_source("t.py", src, config).expect("runs");
        let t = to_jsonl(&log);
        assert!(t.contains("ok 1005"), "{t}");
    }

    #[test]
    fn a_runaway_cycle_of_instances_ends_in_memory_error() {
        let src = "class N:\n    pass\n\
                   async def main():\n    try:\n        while True:\n            a, b = N(), N()\n            \
                   a.peer, b.peer = b, a\n            a.pad = 'x' * 1000\n    except MemoryError:\n        print('stopped')\n";
        let config = Config { max_heap: 4 << 20, ..Config::default() };
        let log = crate::script::run_source("t.py", src, config).expect("runs");
        let t = to_jsonl(&log);
        assert!(t.contains("stopped"), "{t}");
    }
}
