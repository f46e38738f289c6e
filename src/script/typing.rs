//! `typing` and annotations' values: inert objects that only print,
//! subscript and combine with `|`, with CPython 3.13's reprs.
//!
//! A program's annotations are evaluated where CPython evaluates them
//! (module level and function signatures, unless `from __future__ import
//! annotations`), so their values must exist: `typing.Optional[int]`,
//! `List[Callable[..., Awaitable[T]]]`, `list[int]`, `int | None`. Nothing
//! checks types: these objects are never consulted by the interpreter.

use std::rc::Rc;

use super::interp::{Interp, R};
use super::value::{Value, repr};

/// The names `from typing import ...` accepts (`typing.__all__` of 3.13
/// without the helpers that do something: decorators, `NewType`,
/// `NamedTuple`, `TypedDict`, `get_type_hints`, ...; those stay refused).
pub(crate) const NAMES: &[&str] = &[
    "Annotated",
    "Any",
    "Callable",
    "ClassVar",
    "Concatenate",
    "Final",
    "Generic",
    "Literal",
    "Optional",
    "ParamSpec",
    "Protocol",
    "Tuple",
    "Type",
    "TypeVar",
    "Union",
    "AbstractSet",
    "ByteString",
    "Container",
    "ContextManager",
    "Hashable",
    "ItemsView",
    "Iterable",
    "Iterator",
    "KeysView",
    "Mapping",
    "MappingView",
    "MutableMapping",
    "MutableSequence",
    "MutableSet",
    "Sequence",
    "Sized",
    "ValuesView",
    "Awaitable",
    "AsyncIterator",
    "AsyncIterable",
    "Coroutine",
    "Collection",
    "AsyncGenerator",
    "AsyncContextManager",
    "Reversible",
    "ChainMap",
    "Counter",
    "Deque",
    "Dict",
    "DefaultDict",
    "List",
    "OrderedDict",
    "Set",
    "FrozenSet",
    "Generator",
    "AnyStr",
    "cast",
    "LiteralString",
    "Never",
    "NoReturn",
    "NotRequired",
    "ReadOnly",
    "Required",
    "Self",
    "Text",
    "TYPE_CHECKING",
    "TypeAlias",
    "TypeGuard",
    "TypeIs",
    "Unpack",
];

/// Names of `typing` that are classes (their repr is `<class 'typing.X'>`).
const CLASSES: &[&str] = &["Generic", "ParamSpec", "Protocol", "TypeVar"];

/// A value of `typing` or of an annotation.
#[derive(Debug)]
pub enum TypeForm {
    /// `...` (`Ellipsis`).
    Ellipsis,
    /// A name of `typing` (`typing.Any`, `typing.List`, `typing.TypeVar`, ...).
    Special(&'static str),
    /// `TypeVar("T")`, printed `~T`.
    TypeVar(Rc<str>),
    /// `origin[args]`: origin a [`TypeForm::Special`] or a built-in class
    /// (`list[int]`); `Callable`'s parameter list is a list value.
    Alias(Value, Vec<Value>),
    /// `typing.Union[...]` (flattened, without duplicates, two or more members).
    Union(Vec<Value>),
    /// `X | Y` of classes (`types.UnionType`).
    UnionType(Vec<Value>),
}

impl TypeForm {
    /// `type(x).__name__`.
    pub fn type_name(&self) -> &'static str {
        match self {
            TypeForm::Ellipsis => "ellipsis",
            TypeForm::Special(n) if CLASSES.contains(n) => "type",
            TypeForm::Special(_) => "_SpecialForm",
            TypeForm::TypeVar(_) => "TypeVar",
            TypeForm::Alias(Value::Class(_), _) => "GenericAlias",
            TypeForm::Alias(..) => "_GenericAlias",
            TypeForm::Union(_) => "_UnionGenericAlias",
            TypeForm::UnionType(_) => "UnionType",
        }
    }

    /// Python's `repr`.
    pub fn repr(&self) -> String {
        match self {
            TypeForm::Ellipsis => "Ellipsis".into(),
            TypeForm::Special(n) if CLASSES.contains(n) => format!("<class 'typing.{n}'>"),
            TypeForm::Special(n) => format!("typing.{n}"),
            TypeForm::TypeVar(n) => format!("~{n}"),
            TypeForm::Alias(origin, args) => {
                let head = match origin {
                    Value::TypeForm(t) => t.repr(),
                    other => arg_repr(other),
                };
                let args: Vec<String> = args.iter().map(arg_repr).collect();
                format!("{head}[{}]", args.join(", "))
            }
            TypeForm::Union(members) => {
                let none = members.iter().position(is_none_type);
                match (members.len(), none) {
                    (2, Some(i)) => format!("typing.Optional[{}]", arg_repr(&members[1 - i])),
                    _ => format!("typing.Union[{}]", members.iter().map(arg_repr).collect::<Vec<_>>().join(", ")),
                }
            }
            TypeForm::UnionType(members) => members
                .iter()
                .map(|m| if matches!(m, Value::None) { "None".into() } else { arg_repr(m) })
                .collect::<Vec<_>>()
                .join(" | "),
        }
    }
}

/// `typing._type_repr`: classes by name, `...` as `...`, lists (Callable's parameters) bracketed.
fn arg_repr(v: &Value) -> String {
    match v {
        Value::Class(c) => c.name.to_string(),
        Value::None => "NoneType".into(),
        Value::TypeForm(t) if matches!(**t, TypeForm::Ellipsis) => "...".into(),
        Value::List(l) => format!("[{}]", l.borrow().iter().map(arg_repr).collect::<Vec<_>>().join(", ")),
        other => repr(other),
    }
}

fn is_none_type(v: &Value) -> bool {
    matches!(v, Value::None) || matches!(v, Value::Class(c) if &*c.name == "NoneType")
}

fn form(t: TypeForm) -> Value {
    Value::TypeForm(Rc::new(t))
}

/// `typing.<name>` (a name of [`NAMES`]).
pub(crate) fn attr(it: &Interp, name: &str) -> Option<Value> {
    let name = NAMES.iter().find(|n| **n == name)?;
    Some(match *name {
        "TYPE_CHECKING" => Value::Bool(false),
        "Text" => Value::Class(it.class("str")),
        "AnyStr" => form(TypeForm::TypeVar("AnyStr".into())),
        "cast" => Value::Builtin(Rc::new(super::value::BuiltinFn { name: "typing.cast", this: None })),
        n => form(TypeForm::Special(n)),
    })
}

/// `Ellipsis` (`...`).
pub(crate) fn ellipsis() -> Value {
    form(TypeForm::Ellipsis)
}

/// Calls a typing object: `TypeVar("T", ...)`; anything else is not callable.
pub(crate) fn call(it: &Interp, t: &TypeForm, args: &[Value]) -> R<Value> {
    match (t, args.first()) {
        (TypeForm::Special("TypeVar"), Some(Value::Str(name))) => Ok(form(TypeForm::TypeVar(Rc::from(&**name)))),
        (TypeForm::Special("TypeVar"), _) => {
            it.type_error("TypeVar.__new__() missing 1 required positional argument: 'name'")
        }
        (TypeForm::Special("Any"), _) => it.type_error("Any cannot be instantiated"),
        (TypeForm::Special(n), _) if SPECIAL_FORMS.contains(n) => {
            it.type_error(format!("Cannot instantiate typing.{n}"))
        }
        (TypeForm::Special(n), _) => it.type_error(format!(
            "taskline: calling typing.{n} is not supported (call the built-in type instead, e.g. list())"
        )),
        _ => it.type_error(format!("'{}' object is not callable", t.type_name())),
    }
}

/// typing's `_SpecialForm`s (calling one is CPython's "Cannot instantiate").
const SPECIAL_FORMS: &[&str] = &[
    "ClassVar",
    "Final",
    "Union",
    "Optional",
    "Literal",
    "TypeAlias",
    "Concatenate",
    "TypeGuard",
    "TypeIs",
    "LiteralString",
    "Never",
    "NoReturn",
    "Self",
    "Required",
    "NotRequired",
    "ReadOnly",
    "Unpack",
];

/// `typing.cast(typ, val)`: `val`.
pub(crate) fn cast(it: &Interp, args: &[Value]) -> R<Value> {
    match args {
        [_, v] => Ok(v.clone()),
        _ => it.type_error(format!("cast() takes 2 positional arguments but {} were given", args.len())),
    }
}

/// `o[k]` for a typing object or a class (`list[int]`).
pub(crate) fn subscript(it: &Interp, o: &Value, k: &Value) -> R<Value> {
    let args: Vec<Value> = match k {
        Value::Tuple(t) => t.iter().cloned().collect(),
        other => vec![other.clone()],
    };
    match o {
        Value::Class(c) => {
            if matches!(&*c.name, "list" | "dict" | "tuple" | "set" | "type" | "frozenset") {
                Ok(form(TypeForm::Alias(o.clone(), args)))
            } else {
                it.type_error(format!("type '{}' is not subscriptable", c.name))
            }
        }
        Value::TypeForm(t) => match &**t {
            TypeForm::Special("Optional") => {
                if args.len() != 1 {
                    let got: Vec<String> = args.iter().map(repr).collect();
                    let got = if got.len() == 1 { format!("({},)", got[0]) } else { format!("({})", got.join(", ")) };
                    return it.type_error(format!("typing.Optional requires a single type. Got {got}."));
                }
                Ok(union(it, vec![args[0].clone(), Value::None]))
            }
            TypeForm::Special("Union") => Ok(union(it, args)),
            TypeForm::Special(n) if !CLASSES.contains(n) || matches!(*n, "Generic" | "Protocol") => {
                Ok(form(TypeForm::Alias(o.clone(), args)))
            }
            _ => it.type_error(format!("{} is not a generic class", t.repr())),
        },
        _ => it.type_error(format!("'{}' object is not subscriptable", o.type_name())),
    }
}

/// `typing.Union[members]`: nested unions flattened, duplicates dropped, `None` as `NoneType`.
fn union(it: &Interp, members: Vec<Value>) -> Value {
    let mut flat: Vec<Value> = Vec::new();
    for m in members {
        let parts = match &m {
            Value::TypeForm(t) => match &**t {
                TypeForm::Union(v) | TypeForm::UnionType(v) => v.clone(),
                _ => vec![m.clone()],
            },
            _ => vec![m.clone()],
        };
        for p in parts {
            let p = if matches!(p, Value::None) { Value::Class(it.class("NoneType")) } else { p };
            if !flat.iter().any(|f| same(f, &p)) {
                flat.push(p);
            }
        }
    }
    if flat.len() == 1 {
        return flat.pop().unwrap_or(Value::None);
    }
    form(TypeForm::Union(flat))
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Class(x), Value::Class(y)) => x.name == y.name,
        _ => repr(a) == repr(b),
    }
}

/// Whether `x | y` is a union of types (classes, `None`, typing objects).
pub(crate) fn is_type_operand(v: &Value) -> bool {
    matches!(v, Value::Class(_) | Value::None) || matches!(v, Value::TypeForm(t) if !matches!(**t, TypeForm::Ellipsis))
}

/// `x | y` of types: `types.UnionType` for classes and `None`, `typing.Union` when a typing object is involved.
pub(crate) fn bitor(it: &Interp, a: &Value, b: &Value) -> Value {
    let plain = |v: &Value| {
        matches!(v, Value::Class(_) | Value::None)
            || matches!(v, Value::TypeForm(t) if matches!(**t, TypeForm::UnionType(_) | TypeForm::Alias(Value::Class(_), _)))
    };
    if plain(a) && plain(b) {
        let mut members = Vec::new();
        for v in [a, b] {
            match v {
                Value::TypeForm(t) if let TypeForm::UnionType(m) = &**t => {
                    for x in m {
                        if !members.iter().any(|y| same(x, y)) {
                            members.push(x.clone());
                        }
                    }
                }
                other => {
                    if !members.iter().any(|y| same(other, y)) {
                        members.push(other.clone());
                    }
                }
            }
        }
        if members.len() == 1 {
            return members.pop().unwrap_or(Value::None);
        }
        return form(TypeForm::UnionType(members));
    }
    union(it, vec![a.clone(), b.clone()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprs_are_cpythons() {
        let t = TypeForm::UnionType(vec![form(TypeForm::Special("Any")), Value::None]);
        assert_eq!(t.repr(), "typing.Any | None");
        assert_eq!(TypeForm::Special("Any").repr(), "typing.Any");
        assert_eq!(TypeForm::Special("TypeVar").repr(), "<class 'typing.TypeVar'>");
        assert_eq!(TypeForm::TypeVar("T".into()).repr(), "~T");
        let callable =
            TypeForm::Alias(form(TypeForm::Special("Callable")), vec![ellipsis(), form(TypeForm::Special("Any"))]);
        assert_eq!(callable.repr(), "typing.Callable[..., typing.Any]");
    }
}
