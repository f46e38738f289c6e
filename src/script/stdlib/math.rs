//! The `math` module: libm's functions with CPython's argument checks and
//! messages (`Modules/mathmodule.c`).

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::super::bigint;
use super::super::compile::Operator;
use super::super::interp::{Interp, R};
use super::super::ops;
use super::super::value::Value;

/// The functions of `math` (qualified: the built-in's name).
pub(crate) const FUNCTIONS: &[&str] = &[
    "math.sqrt",
    "math.floor",
    "math.ceil",
    "math.trunc",
    "math.log",
    "math.log2",
    "math.log10",
    "math.exp",
    "math.pow",
    "math.fabs",
    "math.isclose",
    "math.isfinite",
    "math.isinf",
    "math.isnan",
    "math.gcd",
    "math.lcm",
    "math.factorial",
    "math.comb",
    "math.perm",
    "math.prod",
    "math.fsum",
    "math.hypot",
    "math.sin",
    "math.cos",
    "math.tan",
    "math.asin",
    "math.acos",
    "math.atan",
    "math.atan2",
    "math.degrees",
    "math.radians",
];

/// The constants of `math`.
pub(crate) fn constants() -> [(&'static str, Value); 5] {
    [
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
    ]
}

fn real(it: &Interp, v: &Value) -> R<f64> {
    #[allow(clippy::cast_precision_loss)]
    match v {
        Value::Big(n) => bigint::to_f64(it, n),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::Float(f) => Ok(*f),
        other => it.type_error(format!("must be real number, not {}", other.type_name())),
    }
}

/// An int argument as a [`BigInt`].
fn big_index(it: &Interp, v: &Value) -> R<BigInt> {
    match bigint::to_big(v) {
        Some(n) => Ok(n),
        None => it.type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())),
    }
}

fn index(it: &Interp, v: &Value) -> R<i64> {
    match v {
        Value::Big(_) => Err(it.exc("OverflowError", "Python int too large to convert to C long")),
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        other => it.type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name())),
    }
}

fn domain(it: &Interp) -> super::super::interp::Exc {
    it.exc("ValueError", "math domain error")
}

/// A float's integral part as an int (CPython's errors for inf and NaN).
fn to_int(it: &Interp, f: f64) -> R<Value> {
    if f.is_nan() {
        return Err(it.exc("ValueError", "cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(it.exc("OverflowError", "cannot convert float infinity to integer"));
    }
    Ok(bigint::from_f64(f))
}

fn one(it: &Interp, name: &str, args: &[Value]) -> R<()> {
    if args.len() == 1 {
        Ok(())
    } else {
        it.type_error(format!("{name}() takes exactly one argument ({} given)", args.len()))
    }
}

/// A libm function of one float, its result checked as CPython's `math_1` does.
fn unary(it: &Interp, x: f64, f: fn(f64) -> f64, can_overflow: bool) -> R<Value> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(it));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { it.exc("OverflowError", "math range error") } else { domain(it) });
    }
    Ok(Value::Float(r))
}

fn log_of(it: &Interp, v: &Value, f: fn(f64) -> f64) -> R<f64> {
    if let Value::Big(n) = v {
        if bigint::is_negative(n) {
            return Err(domain(it));
        }
        if let Some(x) = n.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        // CPython's loghelper: n = x * 2**e with x in [0.5, 1), correctly rounded.
        let e = n.bits();
        let k = e - 64;
        let mut top = (&***n >> k).to_u64().unwrap_or(u64::MAX);
        if n.trailing_zeros().is_some_and(|z| z < k) {
            top |= 1;
        }
        #[allow(clippy::cast_precision_loss)]
        let x = top as f64 / 18_446_744_073_709_551_616.0;
        #[allow(clippy::cast_precision_loss)]
        return Ok(f(x) + f(2.0) * e as f64);
    }
    let x = real(it, v)?;
    if x <= 0.0 {
        return Err(domain(it));
    }
    Ok(f(x))
}

/// `n! / (n-k)!` (and divided by `k!` for `comb`).
fn perm_comb(it: &Interp, n: &BigInt, k: &BigInt, comb: bool) -> R<Value> {
    if n.is_negative() {
        return Err(it.exc("ValueError", "n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(it.exc("ValueError", "k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = if comb { k.min(&(n - k)).clone() } else { k.clone() };
    let Some(k) = k.to_i64() else {
        let what = if comb { "min(n - k, k)" } else { "k" };
        return Err(it.exc("OverflowError", format!("{what} must not exceed 9223372036854775807")));
    };
    let mut r = BigInt::from(1);
    for i in 0..k {
        it.ticks(1)?;
        it.reserve(usize::try_from(r.bits() / 8).unwrap_or(usize::MAX).saturating_add(16))?;
        r *= n - i;
        if comb {
            r /= i + 1;
        }
    }
    Ok(bigint::norm(r))
}

/// Shewchuk's exact sum of floats (CPython's `math_fsum`).
fn fsum(it: &Interp, items: &[f64]) -> R<f64> {
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for &x0 in items {
        let mut x = x0;
        if !x.is_finite() {
            if x.is_infinite() {
                inf_sum += x;
            }
            special += x;
            continue;
        }
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x.is_infinite() {
            return Err(it.exc("OverflowError", "intermediate overflow in fsum"));
        }
        partials.push(x);
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(it.exc("ValueError", "-inf + inf in fsum"));
        }
        return Ok(special);
    }
    let mut n = partials.len();
    let mut hi = 0.0f64;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

/// Calls `math.<name>`.
pub(crate) fn call(it: &Interp, qualified: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    let name = qualified.trim_start_matches("math.");
    if !kwargs.is_empty() && !matches!(name, "isclose" | "prod") {
        return it.type_error(format!("math.{name}() takes no keyword arguments"));
    }
    let float1 = |f: fn(f64) -> f64, can_overflow: bool| -> R<Value> {
        one(it, qualified, &args)?;
        unary(it, real(it, &args[0])?, f, can_overflow)
    };
    match name {
        "sqrt" => float1(f64::sqrt, false),
        "exp" => float1(f64::exp, true),
        "fabs" => float1(f64::abs, false),
        "sin" => float1(f64::sin, false),
        "cos" => float1(f64::cos, false),
        "tan" => float1(f64::tan, false),
        "asin" => float1(f64::asin, false),
        "acos" => float1(f64::acos, false),
        "atan" => float1(f64::atan, false),
        "degrees" => float1(f64::to_degrees, true),
        "radians" => float1(f64::to_radians, false),
        "floor" | "ceil" | "trunc" => {
            one(it, qualified, &args)?;
            match &args[0] {
                Value::Int(i) => Ok(Value::Int(*i)),
                Value::Big(_) => Ok(args[0].clone()),
                Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
                Value::Float(f) => to_int(
                    it,
                    match name {
                        "floor" => f.floor(),
                        "ceil" => f.ceil(),
                        _ => f.trunc(),
                    },
                ),
                other if name == "trunc" => {
                    it.type_error(format!("type {} doesn't define __trunc__ method", other.type_name()))
                }
                other => it.type_error(format!("must be real number, not {}", other.type_name())),
            }
        }
        "isfinite" | "isinf" | "isnan" => {
            one(it, qualified, &args)?;
            let x = real(it, &args[0])?;
            Ok(Value::Bool(match name {
                "isfinite" => x.is_finite(),
                "isinf" => x.is_infinite(),
                _ => x.is_nan(),
            }))
        }
        "log" => {
            if args.is_empty() || args.len() > 2 {
                let expected = if args.is_empty() { "at least 1 argument" } else { "at most 2 arguments" };
                return it.type_error(format!("log expected {expected}, got {}", args.len()));
            }
            let num = log_of(it, &args[0], f64::ln)?;
            if args.len() == 1 {
                return Ok(Value::Float(num));
            }
            let den = log_of(it, &args[1], f64::ln)?;
            if den == 0.0 {
                return Err(it.exc("ZeroDivisionError", "float division by zero"));
            }
            Ok(Value::Float(num / den))
        }
        "log2" | "log10" => {
            one(it, qualified, &args)?;
            Ok(Value::Float(log_of(it, &args[0], if name == "log2" { f64::log2 } else { f64::log10 })?))
        }
        "pow" => {
            if args.len() != 2 {
                return it.type_error(format!("pow expected 2 arguments, got {}", args.len()));
            }
            let (x, y) = (real(it, &args[0])?, real(it, &args[1])?);
            if x == 0.0 && y < 0.0 && y.is_finite() || x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
                return Err(domain(it));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(it.exc("OverflowError", "math range error"));
            }
            Ok(Value::Float(r))
        }
        "atan2" => {
            if args.len() != 2 {
                return it.type_error(format!("atan2 expected 2 arguments, got {}", args.len()));
            }
            Ok(Value::Float(real(it, &args[0])?.atan2(real(it, &args[1])?)))
        }
        "hypot" => {
            let mut acc = 0.0f64;
            for a in &args {
                acc = acc.hypot(real(it, a)?);
            }
            Ok(Value::Float(acc))
        }
        "isclose" => {
            if args.len() != 2 {
                return it.type_error(format!("isclose() takes exactly 2 positional arguments ({} given)", args.len()));
            }
            let (a, b) = (real(it, &args[0])?, real(it, &args[1])?);
            let (mut rel, mut abs) = (1e-9, 0.0);
            for (k, v) in &kwargs {
                match &**k {
                    "rel_tol" => rel = real(it, v)?,
                    "abs_tol" => abs = real(it, v)?,
                    other => return it.type_error(format!("isclose() got an unexpected keyword argument '{other}'")),
                }
            }
            if rel < 0.0 || abs < 0.0 {
                return Err(it.exc("ValueError", "tolerances must be non-negative"));
            }
            if a == b {
                return Ok(Value::Bool(true));
            }
            if a.is_infinite() || b.is_infinite() {
                return Ok(Value::Bool(false));
            }
            let diff = (b - a).abs();
            Ok(Value::Bool(diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs))
        }
        "gcd" | "lcm" => {
            let mut acc = BigInt::from(i64::from(name == "lcm"));
            for a in &args {
                let x = big_index(it, a)?.abs();
                acc = if name == "gcd" {
                    acc.gcd(&x)
                } else if acc.is_zero() || x.is_zero() {
                    BigInt::zero()
                } else {
                    it.reserve(usize::try_from((acc.bits() + x.bits()) / 8).unwrap_or(usize::MAX))?;
                    acc.lcm(&x)
                };
            }
            Ok(bigint::norm(acc))
        }
        "factorial" => {
            one(it, qualified, &args)?;
            if let Value::Big(n) = &args[0] {
                return Err(if bigint::is_negative(n) {
                    it.exc("ValueError", "factorial() not defined for negative values")
                } else {
                    it.exc("OverflowError", "factorial() argument should not exceed 9223372036854775807")
                });
            }
            let n = index(it, &args[0])?;
            if n < 0 {
                return Err(it.exc("ValueError", "factorial() not defined for negative values"));
            }
            let mut r = BigInt::from(1);
            for i in 2..=n {
                it.ticks(1)?;
                it.reserve(usize::try_from(r.bits() / 8).unwrap_or(usize::MAX).saturating_add(16))?;
                r *= i;
            }
            Ok(bigint::norm(r))
        }
        "comb" | "perm" => {
            let want = if name == "comb" { 2 } else { 1 };
            if args.len() < want || args.len() > 2 {
                return it.type_error(format!(
                    "{name} expected {} arguments, got {}",
                    if name == "comb" { "2".to_owned() } else { "at most 2".to_owned() },
                    args.len()
                ));
            }
            let n = big_index(it, &args[0])?;
            if args.len() == 1 || matches!(args[1], Value::None) {
                if n.is_negative() {
                    return Err(it.exc("ValueError", "factorial() not defined for negative values"));
                }
                return perm_comb(it, &n, &n, false);
            }
            let k = big_index(it, &args[1])?;
            perm_comb(it, &n, &k, name == "comb")
        }
        "prod" => {
            if args.len() != 1 {
                return it.type_error(format!("prod() takes exactly 1 positional argument ({} given)", args.len()));
            }
            let mut acc = Value::Int(1);
            for (k, v) in &kwargs {
                if &**k != "start" {
                    return it.type_error(format!("prod() got an unexpected keyword argument '{k}'"));
                }
                acc = v.clone();
            }
            let items = it.iterate(&args[0])?;
            it.ticks(items.len() as u64)?;
            for v in &items {
                acc = ops::binop(it, Operator::Mult, &acc, v)?;
            }
            Ok(acc)
        }
        "fsum" => {
            one(it, qualified, &args)?;
            let items = it.iterate(&args[0])?;
            it.ticks(items.len() as u64)?;
            let xs = items.iter().map(|v| real(it, v)).collect::<R<Vec<f64>>>()?;
            Ok(Value::Float(fsum(it, &xs)?))
        }
        _ => Err(it.exc("AttributeError", format!("module 'math' has no attribute '{name}'"))),
    }
}
