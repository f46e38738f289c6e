//! Exception groups (PEP 654) as CPython 3.13 handles them: `except*`
//! (split the group per clause, bind the matching part, re-raise what is
//! left together with what the clauses raised) and the groups' `split`,
//! `subgroup` and `derive` methods.

use std::rc::Rc;

use super::interp::{Exc, Interp, R};
use super::value::Value;

/// Whether `e` is an exception group.
pub(crate) fn is_group(it: &Interp, e: &Exc) -> bool {
    is_group_class(it, &e.class)
}

/// Whether `c` is `BaseExceptionGroup`, `ExceptionGroup` or a subclass.
fn is_group_class(it: &Interp, c: &Rc<super::value::Class>) -> bool {
    c.is_subclass(&it.class("BaseExceptionGroup")) || c.is_subclass(&it.class("ExceptionGroup"))
}

/// The exceptions a group holds.
fn children(it: &Interp, e: &Exc) -> R<Vec<Exc>> {
    let Some(list) = e.args.borrow().get(1).cloned() else { return Ok(Vec::new()) };
    Ok(it.iterate(&list)?.into_iter().filter_map(|v| if let Value::Exc(x) = v { Some(x) } else { None }).collect())
}

/// The class `BaseExceptionGroup(msg, excs)` makes: `ExceptionGroup` when
/// all of `excs` are `Exception`s.
fn group_class(it: &Interp, excs: &[Exc]) -> Rc<super::value::Class> {
    let exception = it.class("Exception");
    if excs.iter().all(|e| e.class.is_subclass(&exception)) {
        it.class("ExceptionGroup")
    } else {
        it.class("BaseExceptionGroup")
    }
}

/// `eg.derive(excs)`: a group with `eg`'s message (and cause) holding
/// `excs`, an `ExceptionGroup` when they are all `Exception`s.
pub(crate) fn derive(it: &Interp, eg: &Exc, excs: Vec<Exc>) -> Exc {
    let class = group_class(it, &excs);
    let message = eg.args.borrow().first().cloned().unwrap_or_else(|| Value::str(""));
    let new = it.exc_args(class, vec![message, Value::list(excs.into_iter().map(Value::Exc).collect())]);
    *new.cause.borrow_mut() = eg.cause.borrow().clone();
    new.line.set(eg.line.get());
    new
}

/// `eg.split(condition)`: (the part whose leaves match, the rest), each
/// `None` when empty; a group that matches as a whole is the match itself.
pub(crate) fn split(it: &Interp, e: &Exc, matches: &dyn Fn(&Exc) -> R<bool>) -> R<(Option<Exc>, Option<Exc>)> {
    if matches(e)? {
        return Ok((Some(e.clone()), None));
    }
    if !is_group(it, e) {
        return Ok((None, Some(e.clone())));
    }
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for c in children(it, e)? {
        let (m, r) = split(it, &c, matches)?;
        yes.extend(m);
        no.extend(r);
    }
    let part = |v: Vec<Exc>| (!v.is_empty()).then(|| derive(it, e, v));
    Ok((part(yes), part(no)))
}

/// The part of `orig` whose leaves are among `keep`'s leaves (structure kept).
fn projection(it: &Interp, orig: &Exc, keep: &[Exc]) -> R<Option<Exc>> {
    let mut leaves = Vec::new();
    for k in keep {
        collect_leaves(it, k, &mut leaves)?;
    }
    let (m, _) = split(it, orig, &|e: &Exc| Ok(!is_group(it, e) && leaves.iter().any(|l| Rc::ptr_eq(l, e))))?;
    Ok(m)
}

fn collect_leaves(it: &Interp, e: &Exc, out: &mut Vec<Exc>) -> R<()> {
    if is_group(it, e) {
        for c in children(it, e)? {
            collect_leaves(it, &c, out)?;
        }
    } else {
        out.push(e.clone());
    }
    Ok(())
}

/// What `except T` of an `except*` clause matches: `ty` checked as CPython
/// does (a type, or a tuple of types, none of them an exception group).
pub(crate) fn check_star_type(it: &Interp, ty: &Value) -> R<()> {
    let bad = match ty {
        Value::Class(c) => is_group_class(it, c),
        Value::Tuple(t) => t.iter().any(|x| matches!(x, Value::Class(c) if is_group_class(it, c))),
        _ => false,
    };
    if bad {
        return Err(it.exc("TypeError", "catching ExceptionGroup with except* is not allowed. Use except instead."));
    }
    Ok(())
}

/// The state of one `try … except*` while its clauses run.
pub(crate) struct StarTry {
    /// The exception the body raised.
    orig: Exc,
    /// What no clause has matched yet.
    pub rest: Option<Exc>,
    /// What the clauses raised, and whether each is a re-raise of the part it matched.
    raised: Vec<(Exc, bool)>,
}

impl StarTry {
    /// Starts with the body's exception.
    pub(crate) fn new(orig: Exc) -> StarTry {
        StarTry { rest: Some(orig.clone()), orig, raised: Vec::new() }
    }

    /// The part of what is left that a clause matching `matches` handles
    /// (a naked exception is wrapped in `ExceptionGroup('', [e])`).
    pub(crate) fn take(&mut self, it: &Interp, matches: &dyn Fn(&Exc) -> R<bool>) -> R<Option<Exc>> {
        let Some(rest) = self.rest.take() else { return Ok(None) };
        if !is_group(it, &rest) {
            if matches(&rest)? {
                let wrapped =
                    it.exc_args(it.class("ExceptionGroup"), vec![Value::str(""), Value::tuple(vec![Value::Exc(rest)])]);
                return Ok(Some(wrapped));
            }
            self.rest = Some(rest);
            return Ok(None);
        }
        let (m, r) = split(it, &rest, matches)?;
        self.rest = r;
        Ok(m)
    }

    /// A clause that handled `matched` ended by raising `e`.
    pub(crate) fn raised(&mut self, matched: &Exc, e: Exc) {
        let reraise = Rc::ptr_eq(matched, &e);
        self.raised.push((e, reraise));
    }

    /// What the statement raises once every clause ran: `None` when all was handled.
    pub(crate) fn finish(self, it: &Interp) -> R<Option<Exc>> {
        if !is_group(it, &self.orig) {
            // A naked exception: at most one clause ran.
            return Ok(self.raised.into_iter().map(|(e, _)| e).next().or(self.rest));
        }
        let mut kept: Vec<Exc> = self.rest.into_iter().collect();
        let mut new = Vec::new();
        for (e, reraise) in self.raised {
            if reraise { kept.push(e) } else { new.push(e) }
        }
        let kept = if kept.is_empty() { None } else { projection(it, &self.orig, &kept)? };
        if new.is_empty() {
            return Ok(kept);
        }
        new.extend(kept);
        if new.len() == 1 {
            return Ok(new.pop());
        }
        let class = group_class(it, &new);
        Ok(Some(it.exc_args(class, vec![Value::str(""), Value::list(new.into_iter().map(Value::Exc).collect())])))
    }
}

/// `eg.split(condition)`, `eg.subgroup(condition)`, `eg.derive(excs)`;
/// a condition is an exception type, a tuple of them, or a predicate.
pub(crate) fn call_method(it: &Interp, eg: &Exc, name: &str, args: &[Value]) -> R<Value> {
    let [arg] = args else {
        return Err(it.exc(
            "TypeError",
            format!("BaseExceptionGroup.{name}() takes exactly one argument ({} given)", args.len()),
        ));
    };
    let as_value = |e: Option<Exc>| e.map_or(Value::None, Value::Exc);
    if name == "derive" {
        let excs =
            it.iterate(arg)?.into_iter().filter_map(|v| if let Value::Exc(x) = v { Some(x) } else { None }).collect();
        return Ok(Value::Exc(derive(it, eg, excs)));
    }
    let is_type = |v: &Value| matches!(v, Value::Class(c) if c.is_exception());
    let by_type = is_type(arg) || matches!(arg, Value::Tuple(t) if t.iter().all(is_type));
    let matches = |e: &Exc| -> R<bool> {
        if by_type {
            Ok(match arg {
                Value::Class(c) => e.class.is_subclass(c),
                Value::Tuple(t) => t.iter().any(|x| matches!(x, Value::Class(c) if e.class.is_subclass(c))),
                _ => false,
            })
        } else {
            Ok(it.truthy(&it.call(arg, vec![Value::Exc(e.clone())], Vec::new())?)?)
        }
    };
    if !by_type && !matches!(arg, Value::Func(_) | Value::Builtin(_) | Value::Native(_)) {
        return Err(it.exc(
            "TypeError",
            "expected an exception type, a tuple of exception types, or a callable (other than a class)",
        ));
    }
    let (m, r) = split(it, eg, &matches)?;
    Ok(if name == "split" { Value::tuple(vec![as_value(m), as_value(r)]) } else { as_value(m) })
}
