//! Operators, subscripts and format specs with CPython's results and messages.

use std::rc::Rc;

use indexmap::IndexMap;

use super::bigint;
use super::compile::{CmpOp, Operator, UnaryOp};
use super::heap;
use super::interp::{Interp, R};
use super::value::{Dict, HKey, Halt, Value, range_len};
use crate::trace::pyfmt;

/// The hash key of `v`, or TypeError.
pub(crate) fn hkey(it: &Interp, v: &Value) -> R<HKey> {
    v.hkey().map_err(|h| it.halt(h))
}

/// `a == b`, with the shared recursion limit.
pub(crate) fn eq(it: &Interp, a: &Value, b: &Value) -> R<bool> {
    super::value::py_eq(a, b).map_err(|h| it.halt(h))
}

/// `PyObject_RichCompareBool(a, b, Py_EQ)` (`in`, `index`, `count`, `remove`).
pub(crate) fn item_eq(it: &Interp, a: &Value, b: &Value) -> R<bool> {
    super::value::item_eq(a, b).map_err(|h| it.halt(h))
}

/// The first index of an item equal to `x`.
pub(crate) fn position(it: &Interp, items: &[Value], x: &Value) -> R<Option<usize>> {
    for (i, y) in items.iter().enumerate() {
        if item_eq(it, y, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// How many items equal `x`.
pub(crate) fn count(it: &Interp, items: &[Value], x: &Value) -> R<usize> {
    let mut n = 0;
    for y in items {
        if item_eq(it, y, x)? {
            n += 1;
        }
    }
    Ok(n)
}

pub(crate) fn dict_insert(d: &mut Dict, h: HKey, k: Value, v: Value) {
    match d.get_mut(&h) {
        Some(e) => e.1 = v,
        None => {
            d.insert(h, (k, v));
        }
    }
}

pub(crate) fn make_set(it: &Interp, items: Vec<Value>) -> R<Value> {
    it.reserve(heap::set_bytes(items.len()))?;
    let mut s = IndexMap::new();
    for x in items {
        let h = hkey(it, &x)?;
        s.entry(h).or_insert(x);
    }
    Ok(Value::set(s))
}

fn op_symbol(op: Operator) -> &'static str {
    match op {
        Operator::Add => "+",
        Operator::Sub => "-",
        Operator::Mult => "*",
        Operator::MatMult => "@",
        Operator::Div => "/",
        Operator::Mod => "%",
        Operator::Pow => "** or pow()",
        Operator::LShift => "<<",
        Operator::RShift => ">>",
        Operator::BitOr => "|",
        Operator::BitXor => "^",
        Operator::BitAnd => "&",
        Operator::FloorDiv => "//",
    }
}

/// The dunder stem of a binary operator (`add` for `__add__`/`__radd__`/`__iadd__`).
fn op_dunder(op: Operator) -> &'static str {
    match op {
        Operator::Add => "add",
        Operator::Sub => "sub",
        Operator::Mult => "mul",
        Operator::MatMult => "matmul",
        Operator::Div => "truediv",
        Operator::Mod => "mod",
        Operator::Pow => "pow",
        Operator::LShift => "lshift",
        Operator::RShift => "rshift",
        Operator::BitOr => "or",
        Operator::BitXor => "xor",
        Operator::BitAnd => "and",
        Operator::FloorDiv => "floordiv",
    }
}

fn user(v: &Value) -> bool {
    super::objects::class_of(v).is_some()
}

fn num(v: &Value) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

fn overflow(it: &Interp) -> super::interp::Exc {
    it.exc("OverflowError", "taskline: integer result does not fit in 64 bits")
}

fn repeat(it: &Interp, items: &[Value], n: i64) -> R<Vec<Value>> {
    let n = usize::try_from(n.max(0)).unwrap_or(0);
    let total = items.len().saturating_mul(n);
    it.reserve(heap::seq_bytes(total))?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    Ok(out)
}

/// Python's binary operators.
pub(crate) fn binop(it: &Interp, op: Operator, a: &Value, b: &Value) -> R<Value> {
    let (ia, ib) = (super::dataclasses::int_value(a), super::dataclasses::int_value(b));
    if ia.is_some() || ib.is_some() {
        return binop(it, op, ia.as_ref().unwrap_or(a), ib.as_ref().unwrap_or(b));
    }
    if (user(a) || user(b))
        && let Some(r) = super::objects::binary_dunder(it, op_dunder(op), a, b)?
    {
        return Ok(r);
    }
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        return int_op(it, op, x, y);
    }
    if bigint::is_big(a) || bigint::is_big(b) {
        if let Some(r) = big_binop(it, op, a, b) {
            return r;
        }
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return float_op(it, op, x, y);
    }
    match (op, a, b) {
        (Operator::Add, Value::Str(x), Value::Str(y)) => {
            it.reserve(heap::str_bytes(x.len().saturating_add(y.len())))?;
            Ok(Value::Str(format!("{x}{y}").into()))
        }
        (Operator::Add, Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            it.reserve(heap::seq_bytes(x.len().saturating_add(y.len())))?;
            let mut v = Vec::with_capacity(x.len() + y.len());
            v.extend(x.iter().cloned());
            v.extend(y.iter().cloned());
            Ok(Value::list(v))
        }
        (Operator::Add, Value::Tuple(x), Value::Tuple(y)) => {
            it.reserve(heap::seq_bytes(x.len().saturating_add(y.len())))?;
            let mut v = Vec::with_capacity(x.len() + y.len());
            v.extend(x.iter().cloned());
            v.extend(y.iter().cloned());
            Ok(Value::tuple(v))
        }
        (Operator::Mult, Value::Str(s), n) | (Operator::Mult, n, Value::Str(s)) if int(n).is_some() => {
            let n = usize::try_from(int(n).unwrap_or(0).max(0)).unwrap_or(0);
            it.reserve(heap::str_bytes(s.len().saturating_mul(n)))?;
            Ok(Value::Str(s.repeat(n).into()))
        }
        (Operator::Mult, Value::List(l), n) | (Operator::Mult, n, Value::List(l)) if int(n).is_some() => {
            let v = repeat(it, &l.borrow(), int(n).unwrap_or(0))?;
            Ok(Value::list(v))
        }
        (Operator::Mult, Value::Tuple(l), n) | (Operator::Mult, n, Value::Tuple(l)) if int(n).is_some() => {
            Ok(Value::tuple(repeat(it, l, int(n).unwrap_or(0))?))
        }
        (Operator::Mod, Value::Str(fmt), args) => percent_format(it, fmt, args),
        (Operator::BitOr, x, y)
            if super::typing::is_type_operand(x)
                && super::typing::is_type_operand(y)
                && !matches!((x, y), (Value::None, Value::None)) =>
        {
            Ok(super::typing::bitor(it, x, y))
        }
        (Operator::BitOr | Operator::BitAnd | Operator::Sub | Operator::BitXor, Value::Set(x), Value::Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            it.reserve(heap::set_bytes(x.len().saturating_add(y.len())))?;
            let mut out: IndexMap<HKey, Value> = IndexMap::new();
            match op {
                Operator::BitOr => {
                    for (k, v) in x.iter().chain(y.iter()) {
                        out.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
                Operator::BitAnd => {
                    out.extend(x.iter().filter(|(k, _)| y.contains_key(*k)).map(|(k, v)| (k.clone(), v.clone())))
                }
                Operator::Sub => {
                    out.extend(x.iter().filter(|(k, _)| !y.contains_key(*k)).map(|(k, v)| (k.clone(), v.clone())))
                }
                _ => {
                    out.extend(x.iter().filter(|(k, _)| !y.contains_key(*k)).map(|(k, v)| (k.clone(), v.clone())));
                    out.extend(y.iter().filter(|(k, _)| !x.contains_key(*k)).map(|(k, v)| (k.clone(), v.clone())));
                }
            }
            Ok(Value::set(out))
        }
        (Operator::BitOr, Value::Dict(x), Value::Dict(y)) => {
            it.reserve(heap::dict_bytes(x.borrow().len().saturating_add(y.borrow().len())))?;
            let mut d = x.borrow().clone();
            for (h, (k, v)) in y.borrow().iter() {
                dict_insert(&mut d, h.clone(), k.clone(), v.clone());
            }
            Ok(Value::dict(d))
        }
        (Operator::Mult, Value::Str(_) | Value::List(_) | Value::Tuple(_), other)
        | (Operator::Mult, other, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
            it.type_error(format!("can't multiply sequence by non-int of type '{}'", other.type_name()))
        }
        (Operator::Add, Value::Str(_), other) => {
            it.type_error(format!("can only concatenate str (not \"{}\") to str", other.type_name()))
        }
        (Operator::Add, Value::List(_), other) => {
            it.type_error(format!("can only concatenate list (not \"{}\") to list", other.type_name()))
        }
        (Operator::Add, Value::Tuple(_), other) => {
            it.type_error(format!("can only concatenate tuple (not \"{}\") to tuple", other.type_name()))
        }
        _ => it.type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op_symbol(op),
            a.type_name(),
            b.type_name()
        )),
    }
}

/// `a op b` where one side is a big int: `None` when neither side is a number.
fn big_binop(it: &Interp, op: Operator, a: &Value, b: &Value) -> Option<R<Value>> {
    if let (Some(x), Some(y)) = (bigint::to_big(a), bigint::to_big(b)) {
        return Some(bigint::op(it, op, &x, &y));
    }
    let float = |v: &Value| -> Option<R<f64>> {
        match v {
            Value::Float(f) => Some(Ok(*f)),
            Value::Big(n) => Some(bigint::to_f64(it, n)),
            _ => None,
        }
    };
    match (float(a), float(b)) {
        (Some(x), Some(y)) => Some(x.and_then(|x| y.and_then(|y| float_op(it, op, x, y)))),
        _ => match (op, a, b) {
            (Operator::Mult, Value::Str(_) | Value::List(_) | Value::Tuple(_), Value::Big(_))
            | (Operator::Mult, Value::Big(_), Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                Some(Err(it.exc("OverflowError", "cannot fit 'int' into an index-sized integer")))
            }
            _ => None,
        },
    }
}

fn int_op(it: &Interp, op: Operator, x: i64, y: i64) -> R<Value> {
    let v = match op {
        Operator::Add => x.checked_add(y),
        Operator::Sub => x.checked_sub(y),
        Operator::Mult => x.checked_mul(y),
        #[allow(clippy::cast_precision_loss)]
        Operator::Div => {
            if y == 0 {
                return Err(it.exc("ZeroDivisionError", "division by zero"));
            }
            return Ok(Value::Float(x as f64 / y as f64));
        }
        Operator::FloorDiv => {
            if y == 0 {
                return Err(it.exc("ZeroDivisionError", "integer division or modulo by zero"));
            }
            x.checked_div_euclid(y).map(|_| {
                let q = x / y;
                if (x % y != 0) && ((x < 0) != (y < 0)) { q - 1 } else { q }
            })
        }
        Operator::Mod => {
            if y == 0 {
                return Err(it.exc("ZeroDivisionError", "integer modulo by zero"));
            }
            x.checked_rem(y).map(|r| if r != 0 && ((r < 0) != (y < 0)) { r + y } else { r })
        }
        Operator::Pow => {
            if y < 0 {
                #[allow(clippy::cast_precision_loss)]
                return float_op(it, op, x as f64, y as f64);
            }
            u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
        }
        Operator::LShift => {
            if y < 0 {
                return Err(it.exc("ValueError", "negative shift count"));
            }
            u32::try_from(y).ok().and_then(|s| x.checked_shl(s)).filter(|r| r >> y.min(63) == x)
        }
        Operator::RShift => {
            if y < 0 {
                return Err(it.exc("ValueError", "negative shift count"));
            }
            Some(x >> y.min(63))
        }
        Operator::BitOr => Some(x | y),
        Operator::BitAnd => Some(x & y),
        Operator::BitXor => Some(x ^ y),
        Operator::MatMult => {
            return it.type_error("unsupported operand type(s) for @: 'int' and 'int'");
        }
    };
    match v {
        Some(v) => Ok(Value::Int(v)),
        None => bigint::op(it, op, &num_bigint::BigInt::from(x), &num_bigint::BigInt::from(y)),
    }
}

fn float_op(it: &Interp, op: Operator, x: f64, y: f64) -> R<Value> {
    Ok(Value::Float(match op {
        Operator::Add => x + y,
        Operator::Sub => x - y,
        Operator::Mult => x * y,
        Operator::Div => {
            if y == 0.0 {
                return Err(it.exc("ZeroDivisionError", "float division by zero"));
            }
            x / y
        }
        Operator::FloorDiv => {
            if y == 0.0 {
                return Err(it.exc("ZeroDivisionError", "float floor division by zero"));
            }
            (x / y).floor()
        }
        Operator::Mod => {
            if y == 0.0 {
                return Err(it.exc("ZeroDivisionError", "float modulo by zero"));
            }
            let r = x % y;
            if r != 0.0 && ((r < 0.0) != (y < 0.0)) { r + y } else { r }
        }
        Operator::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(it.exc("ZeroDivisionError", "zero to a negative power"));
            }
            x.powf(y)
        }
        _ => {
            return it.type_error(format!("unsupported operand type(s) for {}: 'float' and 'float'", op_symbol(op)));
        }
    }))
}

/// `a op= b` (lists extend in place).
pub(crate) fn inplace(it: &Interp, op: Operator, a: &Value, b: &Value) -> R<Value> {
    if user(a)
        && let Some(r) = super::objects::call_dunder(it, a, &format!("__i{}__", op_dunder(op)), vec![b.clone()])?
        && !matches!(r, Value::NotImplemented)
    {
        return Ok(r);
    }
    if let (Operator::Add, Value::List(l)) = (op, a) {
        let items = it.iterate(b)?;
        it.reserve(heap::seq_bytes(l.borrow().len().saturating_add(items.len())))?;
        l.borrow_mut().extend(items);
        return Ok(a.clone());
    }
    if let (Operator::BitOr, Value::Dict(d), Value::Dict(o)) = (op, a, b) {
        let items: Vec<_> = o.borrow().iter().map(|(h, (k, v))| (h.clone(), k.clone(), v.clone())).collect();
        it.reserve(heap::dict_bytes(d.borrow().len().saturating_add(items.len())))?;
        let mut dm = d.borrow_mut();
        for (h, k, v) in items {
            dict_insert(&mut dm, h, k, v);
        }
        return Ok(a.clone());
    }
    if let (Operator::BitOr | Operator::BitAnd | Operator::Sub | Operator::BitXor, Value::Set(x), Value::Set(_)) =
        (op, a, b)
    {
        // in place: the set keeps its identity
        let Value::Set(r) = binop(it, op, a, b)? else { return it.type_error("taskline: set operation") };
        let new = std::mem::take(&mut *r.borrow_mut());
        *x.borrow_mut() = new;
        return Ok(a.clone());
    }
    binop(it, op, a, b)
}

pub(crate) fn unary(it: &Interp, op: UnaryOp, a: &Value) -> R<Value> {
    if !matches!(op, UnaryOp::Not) && user(a) {
        let name = match op {
            UnaryOp::USub => "__neg__",
            UnaryOp::UAdd => "__pos__",
            _ => "__invert__",
        };
        if let Some(r) = super::objects::call_dunder(it, a, name, Vec::new())? {
            return Ok(r);
        }
    }
    match (op, a) {
        (UnaryOp::Not, v) => Ok(Value::Bool(!it.truthy(v)?)),
        (UnaryOp::USub, v) if int(v).is_some() => {
            let i = int(v).unwrap_or(0);
            Ok(i.checked_neg().map_or_else(|| bigint::neg(&num_bigint::BigInt::from(i)), Value::Int))
        }
        (UnaryOp::USub, Value::Big(n)) => Ok(bigint::neg(n)),
        (UnaryOp::UAdd, Value::Big(_)) => Ok(a.clone()),
        (UnaryOp::Invert, Value::Big(n)) => Ok(bigint::invert(n)),
        (UnaryOp::USub, Value::Float(f)) => Ok(Value::Float(-f)),
        (UnaryOp::UAdd, v) if int(v).is_some() => Ok(Value::Int(int(v).unwrap_or(0))),
        (UnaryOp::UAdd, Value::Float(f)) => Ok(Value::Float(*f)),
        (UnaryOp::Invert, v) if int(v).is_some() => Ok(Value::Int(!int(v).unwrap_or(0))),
        _ => {
            let s = match op {
                UnaryOp::USub => "-",
                UnaryOp::UAdd => "+",
                _ => "~",
            };
            it.type_error(format!("bad operand type for unary {s}: '{}'", a.type_name()))
        }
    }
}

fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        _ => "==",
    }
}

/// Ordering of two values (`None`: not comparable), with the shared recursion limit.
pub(crate) fn order(a: &Value, b: &Value) -> Result<Option<std::cmp::Ordering>, Halt> {
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        return Ok(Some(x.cmp(&y)));
    }
    match (a, b) {
        (Value::Int(_) | Value::Bool(_) | Value::Big(_), Value::Float(f)) => {
            return Ok(bigint::to_big(a).and_then(|n| bigint::cmp_float(&n, *f)));
        }
        (Value::Float(f), Value::Int(_) | Value::Bool(_) | Value::Big(_)) => {
            return Ok(bigint::to_big(b).and_then(|n| bigint::cmp_float(&n, *f)).map(std::cmp::Ordering::reverse));
        }
        (Value::Big(_), Value::Int(_) | Value::Bool(_) | Value::Big(_))
        | (Value::Int(_) | Value::Bool(_), Value::Big(_)) => {
            return Ok(bigint::to_big(a).zip(bigint::to_big(b)).map(|(x, y)| x.cmp(&y)));
        }
        _ => {}
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return Ok(x.partial_cmp(&y));
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(Some(x.cmp(y))),
        (Value::List(x), Value::List(y)) => {
            let _g = super::value::enter(" in comparison")?;
            seq_order(&x.borrow(), &y.borrow())
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            let _g = super::value::enter(" in comparison")?;
            seq_order(x, y)
        }
        (Value::Slice(x), Value::Slice(y)) => {
            let _g = super::value::enter(" in comparison")?;
            seq_order(&x[..], &y[..])
        }
        _ => Ok(None),
    }
}

fn seq_order(x: &[Value], y: &[Value]) -> Result<Option<std::cmp::Ordering>, Halt> {
    for (a, b) in x.iter().zip(y.iter()) {
        if !super::value::item_eq(a, b)? {
            return order(a, b);
        }
    }
    Ok(Some(x.len().cmp(&y.len())))
}

pub(crate) fn contains(it: &Interp, container: &Value, x: &Value) -> R<bool> {
    if let Value::Class(c) = container
        && c.is_enum()
    {
        return Ok(c.members.borrow().iter().any(|m| m.identity() == x.identity()));
    }
    if user(container) {
        if let Some(r) = super::objects::call_dunder(it, container, "__contains__", vec![x.clone()])? {
            return it.truthy(&r);
        }
        if super::objects::has_dunder(container, "__iter__") || super::objects::has_dunder(container, "__getitem__") {
            let iter = it.get_iter(container)?;
            while let Some(y) = it.next_of(&iter)? {
                if item_eq(it, &y, x)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
    }
    Ok(match container {
        Value::List(l) => position(it, &l.borrow(), x)?.is_some(),
        Value::Tuple(t) => position(it, t, x)?.is_some(),
        Value::Str(s) => match x {
            Value::Str(sub) => s.contains(&**sub),
            other => {
                return it
                    .type_error(format!("'in <string>' requires string as left operand, not {}", other.type_name()));
            }
        },
        Value::Dict(d) => d.borrow().contains_key(&hkey(it, x)?),
        Value::Set(s) => s.borrow().contains_key(&hkey(it, x)?),
        Value::Range(..) if matches!(x, Value::Big(_)) => false,
        Value::Range(a, b, s) => match int(x) {
            Some(v) => {
                let n = i128::from(range_len(*a, *b, *s));
                let (v, a, s) = (i128::from(v), i128::from(*a), i128::from(*s));
                n > 0 && (v - a) % s == 0 && ((v - a) / s) >= 0 && ((v - a) / s) < n
            }
            // CPython compares the value with each element (the step budget bounds it)
            None if num(x).is_some() => {
                let n = range_len(*a, *b, *s);
                it.ticks(u64::try_from(n).unwrap_or(u64::MAX))?;
                let mut found = false;
                for i in 0..n {
                    if eq(it, &Value::Int(a.wrapping_add(i.wrapping_mul(*s))), x)? {
                        found = true;
                        break;
                    }
                }
                found
            }
            None => false,
        },
        Value::Iter(i) => {
            let mut i = i.borrow_mut();
            let mut found = false;
            for y in i.by_ref() {
                if item_eq(it, &y, x)? {
                    found = true;
                    break;
                }
            }
            found
        }
        Value::Gen(g) if !g.is_async => {
            let mut found = false;
            while let Some(y) = super::generator::next(it, g)? {
                it.tick()?;
                if item_eq(it, &y, x)? {
                    found = true;
                    break;
                }
            }
            found
        }
        other => {
            return it.type_error(format!("argument of type '{}' is not iterable", other.type_name()));
        }
    })
}

pub(crate) fn compare(it: &Interp, op: CmpOp, a: &Value, b: &Value) -> R<bool> {
    use std::cmp::Ordering::*;
    let (ia, ib) = (super::dataclasses::int_value(a), super::dataclasses::int_value(b));
    if (ia.is_some() || ib.is_some()) && !matches!(op, CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn) {
        return compare(it, op, ia.as_ref().unwrap_or(a), ib.as_ref().unwrap_or(b));
    }
    if (user(a) || user(b)) && !matches!(op, CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn | CmpOp::Eq) {
        let name = match op {
            CmpOp::Lt => "__lt__",
            CmpOp::LtE => "__le__",
            CmpOp::Gt => "__gt__",
            CmpOp::GtE => "__ge__",
            _ => "__ne__",
        };
        if let Some(r) = super::objects::rich_cmp(it, name, a, b)? {
            return it.truthy(&r);
        }
        if op == CmpOp::NotEq {
            // object.__ne__ inverts __eq__
            return Ok(!eq(it, a, b)?);
        }
        return it.type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            cmp_symbol(op),
            a.type_name(),
            b.type_name()
        ));
    }
    Ok(match op {
        CmpOp::Eq => eq(it, a, b)?,
        CmpOp::NotEq => !eq(it, a, b)?,
        CmpOp::Is => is(a, b),
        CmpOp::IsNot => !is(a, b),
        CmpOp::In => contains(it, b, a)?,
        CmpOp::NotIn => !contains(it, b, a)?,
        _ => {
            let Some(o) = order(a, b).map_err(|h| it.halt(h))? else {
                if num(a).is_some() && num(b).is_some() {
                    return Ok(false); // NaN
                }
                return it.type_error(format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    cmp_symbol(op),
                    a.type_name(),
                    b.type_name()
                ));
            };
            match op {
                CmpOp::Lt => o == Less,
                CmpOp::LtE => o != Greater,
                CmpOp::Gt => o == Greater,
                _ => o != Less,
            }
        }
    })
}

fn is(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y && (-5..=256).contains(x),
        (Value::Str(x), Value::Str(y)) => x.ptr_eq(y) || (x.len() <= 1 && x == y),
        _ => {
            let (x, y) = (a.identity(), b.identity());
            x != 0 && x == y
        }
    }
}

fn index(it: &Interp, i: &Value, len: usize, what: &str) -> R<usize> {
    if let Value::Big(_) = i {
        return Err(it.exc("IndexError", "cannot fit 'int' into an index-sized integer"));
    }
    let Some(i) = int(i) else {
        return it.type_error(format!("{what} indices must be integers or slices, not {}", i.type_name()));
    };
    let n = i64::try_from(len).unwrap_or(i64::MAX);
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        let name = if what == "string" { "string" } else { what };
        return Err(it.exc("IndexError", format!("{name} index out of range")));
    }
    Ok(usize::try_from(j).unwrap_or(0))
}

/// A slice's start, stop, step and length over a sequence of `len` items
/// (CPython's `PySlice_GetIndicesEx`).
pub(crate) fn slice_indices(it: &Interp, sl: &[Value; 3], len: usize) -> R<(i64, i64, i64, usize)> {
    let get = |v: &Value| -> R<Option<i128>> {
        match v {
            Value::None => Ok(None),
            other => int(other).map(|i| Some(i128::from(i))).ok_or_else(|| {
                it.exc("TypeError", "slice indices must be integers or None or have an __index__ method")
            }),
        }
    };
    let (start, stop, step) = (get(&sl[0])?, get(&sl[1])?, get(&sl[2])?);
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(it.exc("ValueError", "slice step cannot be zero"));
    }
    let n = i128::try_from(len).unwrap_or(i128::MAX);
    let adjust = |v: Option<i128>, default: i128| -> i128 {
        match v {
            None => default,
            Some(mut x) => {
                if x < 0 {
                    x += n;
                    if x < 0 {
                        x = if step < 0 { -1 } else { 0 };
                    }
                } else if x >= n {
                    x = if step < 0 { n - 1 } else { n };
                }
                x
            }
        }
    };
    let (start, stop) =
        if step < 0 { (adjust(start, n - 1), adjust(stop, -1)) } else { (adjust(start, 0), adjust(stop, n)) };
    let count = if step < 0 {
        if stop < start { (start - stop - 1) / (-step) + 1 } else { 0 }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    let clamp = |x: i128| i64::try_from(x).unwrap_or(if x < 0 { i64::MIN } else { i64::MAX });
    Ok((clamp(start), clamp(stop), clamp(step), usize::try_from(count).unwrap_or(0)))
}

/// The positions a slice selects, in order.
fn slice_positions(start: i64, step: i64, count: usize) -> impl Iterator<Item = usize> {
    (0..count).map(move |i| {
        let p = i128::from(start) + i128::try_from(i).unwrap_or(0) * i128::from(step);
        usize::try_from(p).unwrap_or(0)
    })
}

fn slice_of(k: &Value) -> Option<&[Value; 3]> {
    match k {
        Value::Slice(s) => Some(s),
        _ => None,
    }
}

fn range_slice(it: &Interp, a: i64, b: i64, s: i64, sl: &[Value; 3]) -> R<Value> {
    let n = usize::try_from(range_len(a, b, s)).unwrap_or(0);
    let (start, stop, step, _) = slice_indices(it, sl, n)?;
    let at = |i: i64| i128::from(a) + i128::from(i) * i128::from(s);
    let fit = |x: i128| i64::try_from(x).map_err(|_| overflow(it));
    Ok(Value::Range(fit(at(start))?, fit(at(stop))?, fit(i128::from(s) * i128::from(step))?))
}

pub(crate) fn get_item(it: &Interp, o: &Value, k: &Value) -> R<Value> {
    if user(o) {
        return match super::objects::call_dunder(it, o, "__getitem__", vec![k.clone()])? {
            Some(v) => Ok(v),
            None => it.type_error(format!("'{}' object is not subscriptable", o.type_name())),
        };
    }
    if let Value::Class(c) = o
        && c.is_enum()
    {
        return super::dataclasses::enum_by_name(it, c, k);
    }
    if let Value::Class(c) = o
        && c.user
        && let Some(f) = c.lookup("__class_getitem__")
    {
        return it.call(&f, vec![o.clone(), k.clone()], Vec::new());
    }
    if matches!(o, Value::Class(_) | Value::TypeForm(_)) {
        return super::typing::subscript(it, o, k);
    }
    if let Some(sl) = slice_of(k) {
        return match o {
            Value::List(l) => {
                let l = l.borrow();
                let (start, _, step, count) = slice_indices(it, sl, l.len())?;
                it.reserve(heap::seq_bytes(count))?;
                Ok(Value::list(slice_positions(start, step, count).map(|i| l[i].clone()).collect()))
            }
            Value::Tuple(t) => {
                let (start, _, step, count) = slice_indices(it, sl, t.len())?;
                it.reserve(heap::seq_bytes(count))?;
                Ok(Value::tuple(slice_positions(start, step, count).map(|i| t[i].clone()).collect()))
            }
            Value::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                let (start, _, step, count) = slice_indices(it, sl, chars.len())?;
                it.reserve(heap::str_bytes(count.saturating_mul(4)))?;
                Ok(Value::Str(slice_positions(start, step, count).map(|i| chars[i]).collect::<String>().into()))
            }
            Value::Range(a, b, s) => range_slice(it, *a, *b, *s, sl),
            Value::Dict(_) => dict_get(it, o, k),
            other => it.type_error(format!("'{}' object is not subscriptable", other.type_name())),
        };
    }
    match o {
        Value::List(l) => {
            let l = l.borrow();
            let i = index(it, k, l.len(), "list")?;
            Ok(l[i].clone())
        }
        Value::Tuple(t) => {
            let i = index(it, k, t.len(), "tuple")?;
            Ok(t[i].clone())
        }
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            let i = index(it, k, chars.len(), "string")?;
            Ok(Value::Str(chars[i].to_string().into()))
        }
        Value::Range(a, b, s) => {
            let n = usize::try_from(range_len(*a, *b, *s)).unwrap_or(0);
            let i = index(it, k, n, "range object")?;
            Ok(Value::Int(a.wrapping_add(i64::try_from(i).unwrap_or(0).wrapping_mul(*s))))
        }
        Value::Dict(_) => dict_get(it, o, k),
        other => it.type_error(format!("'{}' object is not subscriptable", other.type_name())),
    }
}

fn dict_get(it: &Interp, o: &Value, k: &Value) -> R<Value> {
    let Value::Dict(d) = o else { return it.type_error("taskline: not a dict") };
    let h = hkey(it, k)?;
    match d.borrow().get(&h) {
        Some((_, v)) => Ok(v.clone()),
        None => Err(it.exc_args(it.class("KeyError"), vec![k.clone()])),
    }
}

fn list_index_error(it: &Interp, e: super::interp::Exc) -> super::interp::Exc {
    if &*e.class.name == "IndexError" { it.exc("IndexError", "list assignment index out of range") } else { e }
}

/// `l[a:b:c] = v` (CPython's `list_ass_subscript`).
fn list_assign_slice(it: &Interp, l: &Rc<super::heap::Obj<Vec<Value>>>, sl: &[Value; 3], v: &Value) -> R<()> {
    let items = match v {
        Value::List(_)
        | Value::Tuple(_)
        | Value::Str(_)
        | Value::Dict(_)
        | Value::Set(_)
        | Value::Range(..)
        | Value::Iter(_)
        | Value::Gen(_) => it.iterate(v)?,
        _ => return it.type_error("must assign iterable to extended slice"),
    };
    let len = l.borrow().len();
    let (start, stop, step, count) = slice_indices(it, sl, len)?;
    if step == 1 {
        let start = usize::try_from(start).unwrap_or(0);
        let stop = usize::try_from(stop).unwrap_or(0).max(start);
        it.reserve(heap::seq_bytes(len.saturating_add(items.len())))?;
        let old: Vec<Value> = l.borrow_mut().splice(start..stop, items).collect();
        drop(old);
        return Ok(());
    }
    if items.len() != count {
        return Err(it.exc(
            "ValueError",
            format!("attempt to assign sequence of size {} to extended slice of size {count}", items.len()),
        ));
    }
    let mut old = Vec::with_capacity(count);
    {
        let mut lm = l.borrow_mut();
        for (p, x) in slice_positions(start, step, count).zip(items) {
            old.push(std::mem::replace(&mut lm[p], x));
        }
    }
    drop(old);
    Ok(())
}

/// `del l[a:b:c]`.
fn list_delete_slice(it: &Interp, l: &Rc<super::heap::Obj<Vec<Value>>>, sl: &[Value; 3]) -> R<()> {
    let len = l.borrow().len();
    let (start, _, step, count) = slice_indices(it, sl, len)?;
    if count == 0 {
        return Ok(());
    }
    let mut doomed = vec![false; len];
    for p in slice_positions(start, step, count) {
        doomed[p] = true;
    }
    let old = std::mem::take(&mut *l.borrow_mut());
    let mut keep = Vec::with_capacity(len - count);
    let mut gone = Vec::with_capacity(count);
    for (x, d) in old.into_iter().zip(doomed) {
        if d {
            gone.push(x);
        } else {
            keep.push(x);
        }
    }
    *l.borrow_mut() = keep;
    drop(gone);
    Ok(())
}

pub(crate) fn set_item(it: &Interp, o: &Value, k: Value, v: Value) -> R<()> {
    if user(o) {
        return match super::objects::call_dunder(it, o, "__setitem__", vec![k, v])? {
            Some(_) => Ok(()),
            // CPython's one slot for both: the other method alone gives AttributeError
            None if super::objects::has_dunder(o, "__delitem__") => Err(it.exc("AttributeError", "__setitem__")),
            None => it.type_error(format!("'{}' object does not support item assignment", o.type_name())),
        };
    }
    match o {
        Value::List(l) => {
            if let Some(sl) = slice_of(&k) {
                return list_assign_slice(it, l, sl, &v);
            }
            let len = l.borrow().len();
            let i = index(it, &k, len, "list").map_err(|e| list_index_error(it, e))?;
            let old = std::mem::replace(&mut l.borrow_mut()[i], v);
            drop(old);
            Ok(())
        }
        Value::Dict(d) => {
            let h = hkey(it, &k)?;
            let old = {
                let mut d = d.borrow_mut();
                match d.get_mut(&h) {
                    Some(e) => Some(std::mem::replace(&mut e.1, v)),
                    None => {
                        d.insert(h, (k, v));
                        None
                    }
                }
            };
            drop(old);
            Ok(())
        }
        other => it.type_error(format!("'{}' object does not support item assignment", other.type_name())),
    }
}

pub(crate) fn del_item(it: &Interp, o: &Value, k: &Value) -> R<()> {
    if user(o) {
        return match super::objects::call_dunder(it, o, "__delitem__", vec![k.clone()])? {
            Some(_) => Ok(()),
            None if super::objects::has_dunder(o, "__setitem__") => Err(it.exc("AttributeError", "__delitem__")),
            None => it.type_error(format!("'{}' object does not support item deletion", o.type_name())),
        };
    }
    match o {
        Value::List(l) => {
            if let Some(sl) = slice_of(k) {
                return list_delete_slice(it, l, sl);
            }
            let len = l.borrow().len();
            let i = index(it, k, len, "list").map_err(|e| list_index_error(it, e))?;
            let old = l.borrow_mut().remove(i);
            drop(old);
            Ok(())
        }
        Value::Dict(d) => {
            let h = hkey(it, k)?;
            let old = d.borrow_mut().shift_remove(&h);
            match old {
                Some(_) => Ok(()),
                None => Err(it.exc_args(it.class("KeyError"), vec![k.clone()])),
            }
        }
        other => it.type_error(format!("'{}' object does not support item deletion", other.type_name())),
    }
}

fn percent_format(it: &Interp, fmt: &str, args: &Value) -> R<Value> {
    let items: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    let mut out = String::new();
    let mut idx = 0;
    let mut used_mapping = false;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // `%(key)s`: the value under `key` in the mapping argument
        let mut key = None;
        if chars.peek() == Some(&'(') {
            chars.next();
            let mut k = String::new();
            let mut depth = 1;
            loop {
                match chars.next() {
                    Some('(') => {
                        depth += 1;
                        k.push('(');
                    }
                    Some(')') => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                        k.push(')');
                    }
                    Some(ch) => k.push(ch),
                    None => return Err(it.exc("ValueError", "incomplete format key")),
                }
            }
            key = Some(k);
        }
        let mut spec = String::new();
        let conv = loop {
            match chars.next() {
                Some(ch) if "sdrfgeixXoEGFcau%".contains(ch) => break ch,
                Some(ch) if "-+ 0#.123456789".contains(ch) => spec.push(ch),
                Some(ch) => {
                    let at = fmt.len() - chars.clone().map(char::len_utf8).sum::<usize>() - ch.len_utf8();
                    return Err(it.exc(
                        "ValueError",
                        format!("unsupported format character '{ch}' (0x{:x}) at index {at}", u32::from(ch)),
                    ));
                }
                None => return it.type_error("incomplete format"),
            }
        };
        if conv == '%' && key.is_none() {
            out.push('%');
            continue;
        }
        let v = match key {
            Some(k) => {
                if !matches!(args, Value::Dict(_)) {
                    return it.type_error("format requires a mapping");
                }
                used_mapping = true;
                get_item(it, args, &Value::str(&k))?
            }
            None => {
                let Some(v) = items.get(idx) else {
                    return it.type_error("not enough arguments for format string");
                };
                idx += 1;
                v.clone()
            }
        };
        let v = &v;
        let spec = printf_spec(&spec, !matches!(conv, 's' | 'r' | 'a' | 'c'));
        let s = match conv {
            's' => format_spec(it, &Value::Str(it.to_str(v)?.into()), &spec)?,
            'r' | 'a' => format_spec(it, &Value::Str(it.repr(v)?.into()), &spec)?,
            'c' => {
                let ch = match v {
                    Value::Int(n) => u32::try_from(*n).ok().and_then(char::from_u32),
                    Value::Str(s) if s.chars().count() == 1 => s.chars().next(),
                    _ => None,
                };
                let Some(ch) = ch else {
                    return it.type_error("%c requires an int or a unicode character");
                };
                format_spec(it, &Value::str(&ch.to_string()), &spec)?
            }
            'd' | 'i' | 'u' => {
                #[allow(clippy::cast_possible_truncation)]
                let n = match v {
                    Value::Float(f) => Value::Int(f.trunc() as i64),
                    o => o.clone(),
                };
                format_spec(it, &n, &format!("{spec}d"))?
            }
            other => format_spec(it, v, &format!("{spec}{other}"))?,
        };
        it.reserve(out.len().saturating_add(s.len()))?;
        out.push_str(&s);
    }
    if idx < items.len() && !(used_mapping || matches!(args, Value::Dict(_))) {
        return it.type_error("not all arguments converted during string formatting");
    }
    Ok(Value::Str(out.into()))
}

/// A printf-style conversion's flags, width and precision (`-08.2`) as a
/// format spec: `%` right-aligns strings too, `-` left-aligns, `0` pads
/// numbers with zeros, `+`/space give the sign, `#` the alternate form.
fn printf_spec(spec: &str, numeric: bool) -> String {
    let rest = spec.trim_start_matches(['-', '+', ' ', '0', '#']);
    let flags = &spec[..spec.len() - rest.len()];
    let mut out = String::new();
    if flags.contains('-') {
        out.push('<');
    } else if !numeric {
        out.push('>');
    }
    if numeric {
        if flags.contains('+') {
            out.push('+');
        } else if flags.contains(' ') {
            out.push(' ');
        }
    }
    if flags.contains('#') {
        out.push('#');
    }
    if numeric && flags.contains('0') && !flags.contains('-') {
        out.push('0');
    }
    out.push_str(rest);
    out
}

/// `format(v, spec)`.
pub(crate) fn format_spec(it: &Interp, v: &Value, spec: &str) -> R<String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut fill = ' ';
    let mut align = None;
    if chars.len() >= 2 && "<>^=".contains(chars[1]) {
        fill = chars[0];
        align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && "<>^=".contains(chars[0]) {
        align = Some(chars[0]);
        i = 1;
    }
    let mut sign = '-';
    let mut sign_given = false;
    if i < chars.len() && "+- ".contains(chars[i]) {
        sign = chars[i];
        sign_given = true;
        i += 1;
    }
    let mut alt = false;
    if i < chars.len() && chars[i] == '#' {
        alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        if align.is_none() {
            fill = '0';
            align = Some('=');
        }
        i += 1;
    }
    let mut width = 0usize;
    while i < chars.len() && chars[i].is_ascii_digit() {
        width = width.saturating_mul(10).saturating_add(chars[i] as usize - '0' as usize);
        i += 1;
    }
    let mut grouping = None;
    if i < chars.len() && (chars[i] == ',' || chars[i] == '_') {
        grouping = Some(chars[i]);
        i += 1;
    }
    let mut precision = None;
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let mut p = 0usize;
        while i < chars.len() && chars[i].is_ascii_digit() {
            p = p.saturating_mul(10).saturating_add(chars[i] as usize - '0' as usize);
            i += 1;
        }
        precision = Some(p);
    }
    let ty = if i < chars.len() { Some(chars[i]) } else { None };
    if i + 1 < chars.len() {
        return Err(
            it.exc("ValueError", format!("Invalid format specifier '{spec}' for object of type '{}'", v.type_name()))
        );
    }
    it.reserve(heap::str_bytes(width.saturating_add(precision.unwrap_or(0))))?;
    let is_num = matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Big(_));
    if !is_num && !matches!(v, Value::Str(_)) {
        // object.__format__ takes only an empty spec
        return it.type_error(format!("unsupported format string passed to {}.__format__", v.type_name()));
    }
    if let Value::Str(_) = v {
        if sign_given {
            return Err(it.exc("ValueError", "Sign not allowed in string format specifier"));
        }
        if alt {
            return Err(it.exc("ValueError", "Alternate form (#) not allowed in string format specifier"));
        }
        if align == Some('=') {
            if fill_align_given(&chars) {
                return Err(it.exc("ValueError", "'=' alignment not allowed in string format specifier"));
            }
            // a `0` width pads strings on the right with zeros
            align = Some('<');
        }
        if let Some(g) = grouping {
            return Err(it.exc("ValueError", format!("Cannot specify '{g}' with 's'.")));
        }
    }
    if matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_)) {
        if precision.is_some() && matches!(ty, None | Some('d' | 'x' | 'X' | 'o' | 'b' | 'c' | 'n')) {
            return Err(it.exc("ValueError", "Precision not allowed in integer format specifier"));
        }
        if let (Some(','), Some(t @ ('x' | 'X' | 'o' | 'b'))) = (grouping, ty) {
            return Err(it.exc("ValueError", format!("Cannot specify ',' with '{t}'.")));
        }
        if let Some(t @ ('c' | 'n')) = ty {
            return Err(it.exc("NotImplementedError", format!("taskline: the format code '{t}' is not supported")));
        }
    }
    if matches!(v, Value::Float(_)) && ty == Some('n') {
        return Err(it.exc("NotImplementedError", "taskline: the format code 'n' is not supported"));
    }
    let big_float;
    let v = match (v, ty) {
        (Value::Big(n), Some('f' | 'F' | '%' | 'e' | 'E' | 'g' | 'G')) => {
            big_float = Value::Float(bigint::to_f64(it, n)?);
            &big_float
        }
        _ => v,
    };
    let (mut body, negative) = match (v, ty) {
        (Value::Big(n), None | Some('d')) => {
            let Some(d) = bigint::to_decimal(n) else {
                return Err(it.exc("ValueError", bigint::TOO_MANY_DIGITS));
            };
            (group(d.trim_start_matches('-'), grouping), bigint::is_negative(n))
        }
        (Value::Big(n), Some('x' | 'X' | 'o' | 'b')) => {
            let radix = match ty {
                Some('x' | 'X') => 16,
                Some('o') => 8,
                _ => 2,
            };
            let mut digits = bigint::magnitude_radix(n, radix);
            if ty == Some('X') {
                digits = digits.to_uppercase();
            }
            let prefix = match ty {
                Some('x') => "0x",
                Some('X') => "0X",
                Some('o') => "0o",
                _ => "0b",
            };
            let digits = if grouping == Some('_') { group_by(&digits, '_', 4) } else { digits };
            (if alt { format!("{prefix}{digits}") } else { digits }, bigint::is_negative(n))
        }
        (Value::Str(s), None | Some('s')) => {
            let s: String = match precision {
                Some(p) => s.chars().take(p).collect(),
                None => s.to_string(),
            };
            (s, false)
        }
        (Value::Int(_) | Value::Bool(_), None | Some('d'))
            if precision.is_none() || ty.is_none() && precision.is_none() =>
        {
            let n = int(v).unwrap_or(0);
            (group(&n.unsigned_abs().to_string(), grouping), n < 0)
        }
        (Value::Int(_) | Value::Bool(_) | Value::Float(_), Some('f' | 'F' | '%' | 'e' | 'E' | 'g' | 'G') | None) => {
            let x = num(v).unwrap_or(0.0);
            let neg = x.is_sign_negative() && !(x == 0.0 && ty.is_none());
            let a = x.abs();
            let s = match ty {
                Some('f' | 'F') => format!("{:.*}", precision.unwrap_or(6), a),
                Some('%') => format!("{:.*}%", precision.unwrap_or(6), a * 100.0),
                Some('e' | 'E') => exp_format(a, precision.unwrap_or(6)),
                Some('g' | 'G') => g_format(a, precision.unwrap_or(6).max(1)),
                None => match precision {
                    Some(p) => {
                        let g = g_format(a, p.max(1));
                        if g.contains(['.', 'e', 'n', 'i']) { g } else { format!("{g}.0") }
                    }
                    None => pyfmt::float_repr(a),
                },
                _ => String::new(),
            };
            let s = if matches!(ty, Some('E' | 'G' | 'F')) { s.to_uppercase() } else { s };
            let (int_part, rest) = match s.find('.') {
                Some(p) => (s[..p].to_owned(), s[p..].to_owned()),
                None => (s.clone(), String::new()),
            };
            let _ = neg;
            (format!("{}{}", group(&int_part, grouping), rest), x.is_sign_negative() && !x.is_nan())
        }
        (Value::Int(_) | Value::Bool(_), Some('x' | 'X' | 'o' | 'b')) => {
            let n = int(v).unwrap_or(0);
            let a = n.unsigned_abs();
            let (prefix, digits) = match ty {
                Some('x') => ("0x", format!("{a:x}")),
                Some('X') => ("0X", format!("{a:X}")),
                Some('o') => ("0o", format!("{a:o}")),
                _ => ("0b", format!("{a:b}")),
            };
            let digits = if grouping == Some('_') { group_by(&digits, '_', 4) } else { digits };
            (if alt { format!("{prefix}{digits}") } else { digits }, n < 0)
        }
        (other, _) if !is_num && ty.is_none() && precision.is_none() => (it.to_str(other)?, false),
        (other, Some(t)) => {
            return Err(
                it.exc("ValueError", format!("Unknown format code '{t}' for object of type '{}'", other.type_name()))
            );
        }
        (other, None) => {
            return Err(it.exc(
                "ValueError",
                format!("Precision not allowed in integer format specifier for '{}'", other.type_name()),
            ));
        }
    };
    let sign_str = if negative {
        "-"
    } else if is_num && sign == '+' {
        "+"
    } else if is_num && sign == ' ' {
        " "
    } else {
        ""
    };
    let len = body.chars().count() + sign_str.len();
    if len >= width {
        return Ok(format!("{sign_str}{body}"));
    }
    let pad = width - len;
    let align = align.unwrap_or(if is_num { '>' } else { '<' });
    let fills = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    Ok(match align {
        '<' => format!("{sign_str}{body}{}", fills(pad)),
        '^' => format!("{}{sign_str}{body}{}", fills(pad / 2), fills(pad - pad / 2)),
        '=' => {
            body.insert_str(0, &fills(pad));
            format!("{sign_str}{body}")
        }
        _ => format!("{}{sign_str}{body}", fills(pad)),
    })
}

fn group(digits: &str, sep: Option<char>) -> String {
    match sep {
        Some(sep) => group_by(digits, sep, 3),
        None => digits.to_owned(),
    }
}

fn group_by(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Whether a spec starts with an explicit alignment (`=` from a `0` width is implicit).
fn fill_align_given(chars: &[char]) -> bool {
    (chars.len() >= 2 && "<>^=".contains(chars[1])) || chars.first().is_some_and(|c| "<>^=".contains(*c))
}

fn exp_format(a: f64, p: usize) -> String {
    let s = format!("{a:.p$e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = if let Some(d) = e.strip_prefix('-') { ('-', d) } else { ('+', e) };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

fn g_format(a: f64, p: usize) -> String {
    if a == 0.0 {
        return "0".into();
    }
    #[allow(clippy::cast_possible_truncation)]
    let exp = a.log10().floor() as i64;
    let pi = i64::try_from(p).unwrap_or(6);
    if exp < -4 || exp >= pi {
        let s = exp_format(a, p.saturating_sub(1));
        let (m, e) = s.split_once('e').unwrap_or((&s, ""));
        let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
        format!("{m}e{e}")
    } else {
        let decimals = usize::try_from((pi - 1 - exp).max(0)).unwrap_or(0);
        let s = format!("{a:.decimals$}");
        if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s }
    }
}
