//! Python's unbounded `int` beyond 64 bits.
//!
//! Ints live as `Value::Int(i64)` while they fit (the fast path) and as
//! `Value::Big` otherwise: an operation whose `i64` result would overflow
//! is redone on [`BigInt`]s and the result normalised back ([`norm`]), so a
//! `Value::Big` never holds a value that fits in an `i64`. Big ints charge
//! their bytes to the script's heap ([`super::heap`]) while they live, and
//! every result is checked against the heap budget before it is computed.
//! Decimal conversion in both directions stops at CPython 3.13's default
//! limit of 4300 digits (`sys.int_info.default_max_str_digits`).

use std::cmp::Ordering;
use std::ops::Deref;
use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use super::compile::Operator;
use super::heap;
use super::interp::{Interp, R};
use super::value::Value;

/// CPython's default limit on the digits of an int converted to or from a decimal string.
pub(crate) const MAX_STR_DIGITS: usize = 4300;

/// A big int's value, charged to the heap while it lives.
#[derive(Debug)]
pub struct PyBig {
    n: BigInt,
    charged: usize,
}

impl PyBig {
    fn new(n: BigInt) -> Rc<PyBig> {
        let charged = bytes_of(&n);
        heap::charge(charged);
        Rc::new(PyBig { n, charged })
    }
}

impl Deref for PyBig {
    type Target = BigInt;
    fn deref(&self) -> &BigInt {
        &self.n
    }
}

impl Drop for PyBig {
    fn drop(&mut self) {
        heap::credit(self.charged);
    }
}

fn bytes_of(n: &BigInt) -> usize {
    usize::try_from(n.bits() / 8).unwrap_or(usize::MAX).saturating_add(32)
}

/// The int `n`: an `i64` when it fits.
pub(crate) fn norm(n: BigInt) -> Value {
    match n.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::Big(PyBig::new(n)),
    }
}

/// The value of an `int` (or `bool`) as a [`BigInt`].
pub(crate) fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(i64::from(*b))),
        Value::Big(b) => Some((**b).clone()),
        _ => None,
    }
}

/// Whether `v` is an int-like value at least one of which is big.
pub(crate) fn is_big(v: &Value) -> bool {
    matches!(v, Value::Big(_))
}

/// `float(n)`, or CPython's OverflowError.
pub(crate) fn to_f64(it: &Interp, n: &BigInt) -> R<f64> {
    match n.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(it.exc("OverflowError", "int too large to convert to float")),
    }
}

/// `int(f)` for a finite float (the caller checked inf and NaN).
pub(crate) fn from_f64(f: f64) -> Value {
    match BigInt::from_f64(f.trunc()) {
        Some(n) => norm(n),
        None => Value::Int(0),
    }
}

/// Refuses a result of about `bits` bits the heap cannot hold.
fn reserve_bits(it: &Interp, bits: u64) -> R<()> {
    it.reserve(usize::try_from(bits / 8).unwrap_or(usize::MAX).saturating_add(32))
}

/// `x op y` on ints, at least one of them big or the `i64` result overflowed.
pub(crate) fn op(it: &Interp, op: Operator, x: &BigInt, y: &BigInt) -> R<Value> {
    let bits = x.bits().max(y.bits());
    Ok(match op {
        Operator::Add => {
            reserve_bits(it, bits + 1)?;
            norm(x + y)
        }
        Operator::Sub => {
            reserve_bits(it, bits + 1)?;
            norm(x - y)
        }
        Operator::Mult => {
            reserve_bits(it, x.bits() + y.bits())?;
            norm(x * y)
        }
        Operator::Div => {
            if y.is_zero() {
                return Err(it.exc("ZeroDivisionError", "division by zero"));
            }
            Value::Float(true_div(it, x, y)?)
        }
        Operator::FloorDiv => {
            if y.is_zero() {
                return Err(it.exc("ZeroDivisionError", "integer division or modulo by zero"));
            }
            norm(x.div_floor(y))
        }
        Operator::Mod => {
            if y.is_zero() {
                return Err(it.exc("ZeroDivisionError", "integer modulo by zero"));
            }
            norm(x.mod_floor(y))
        }
        Operator::Pow => {
            if y.is_negative() {
                let (fx, fy) = (to_f64(it, x)?, to_f64(it, y)?);
                if fx == 0.0 {
                    return Err(it.exc("ZeroDivisionError", "zero to a negative power"));
                }
                return Ok(Value::Float(fx.powf(fy)));
            }
            if x.is_zero() || x.magnitude() == &num_bigint::BigUint::from(1u32) {
                let odd = y.is_odd();
                return Ok(if x.is_zero() {
                    Value::Int(i64::from(y.is_zero()))
                } else if x.is_negative() && odd {
                    Value::Int(-1)
                } else {
                    Value::Int(1)
                });
            }
            let Some(e) = y.to_u32() else { return Err(it.memory_error()) };
            reserve_bits(it, x.bits().saturating_mul(u64::from(e)))?;
            it.ticks(u64::from(e.max(1).ilog2() + 1))?;
            norm(num_traits::Pow::pow(x, e))
        }
        Operator::LShift => {
            if y.is_negative() {
                return Err(it.exc("ValueError", "negative shift count"));
            }
            if x.is_zero() {
                return Ok(Value::Int(0));
            }
            let Some(s) = y.to_u64() else { return Err(it.exc("OverflowError", "too many digits in integer")) };
            reserve_bits(it, x.bits().saturating_add(s))?;
            norm(x << s)
        }
        Operator::RShift => {
            if y.is_negative() {
                return Err(it.exc("ValueError", "negative shift count"));
            }
            match y.to_u64() {
                Some(s) if s < x.bits() + 1 => norm(x.div_floor(&(BigInt::from(1) << s))),
                _ => Value::Int(if x.is_negative() { -1 } else { 0 }),
            }
        }
        Operator::BitOr => norm(x | y),
        Operator::BitAnd => norm(x & y),
        Operator::BitXor => norm(x ^ y),
        Operator::MatMult => return it.type_error("unsupported operand type(s) for @: 'int' and 'int'"),
    })
}

/// `x / y` on ints, correctly rounded as CPython's `long_true_divide`.
fn true_div(it: &Interp, x: &BigInt, y: &BigInt) -> R<f64> {
    const EXACT: u64 = 53;
    if x.bits() <= EXACT && y.bits() <= EXACT {
        return Ok(x.to_f64().unwrap_or(0.0) / y.to_f64().unwrap_or(1.0));
    }
    let negative = x.is_negative() != y.is_negative();
    let (a, b) = (x.magnitude(), y.magnitude());
    // Scale so the quotient has at least 55 significant bits, keep a sticky bit.
    let shift = i64::try_from(b.bits()).unwrap_or(0) - i64::try_from(a.bits()).unwrap_or(0) + 55;
    let (num, den) = if shift >= 0 {
        (a << u64::try_from(shift).unwrap_or(0), b.clone())
    } else {
        (a.clone(), b << u64::try_from(-shift).unwrap_or(0))
    };
    let (q, r) = num.div_rem(&den);
    let q = if r.is_zero() { q } else { (q << 1u32) | num_bigint::BigUint::from(1u32) };
    let extra = if r.is_zero() { 0 } else { 1 };
    let m = q.to_f64().unwrap_or(f64::INFINITY);
    let e = -(shift + extra);
    let v = scale(m, e);
    if v.is_infinite() {
        return Err(it.exc("OverflowError", "integer division result too large for a float"));
    }
    Ok(if negative { -v } else { v })
}

/// `m * 2**e` with one rounding.
fn scale(m: f64, e: i64) -> f64 {
    let e = i32::try_from(e.clamp(-3000, 3000)).unwrap_or(0);
    // Split the exponent so no intermediate power of two over- or underflows.
    let half = e / 2;
    m * 2f64.powi(half) * 2f64.powi(e - half)
}

/// `-x`, `+x`, `~x` of a big int.
pub(crate) fn neg(n: &BigInt) -> Value {
    norm(-n)
}

/// `~n`.
pub(crate) fn invert(n: &BigInt) -> Value {
    norm(-n - 1)
}

/// Compares an int with a float exactly, as CPython does (`None` for NaN).
pub(crate) fn cmp_float(n: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    let fl = f.floor();
    let c = n.cmp(&BigInt::from_f64(fl)?);
    Some(if c == Ordering::Equal && f != fl { Ordering::Less } else { c })
}

/// CPython's `hash()` of an int: `n mod (2**61 - 1)` with the sign, -1 → -2.
pub(crate) fn hash(n: &BigInt) -> i64 {
    const MODULUS: u64 = (1 << 61) - 1;
    let m = (n.magnitude() % MODULUS).to_i64().unwrap_or(0);
    let h = if n.is_negative() { -m } else { m };
    if h == -1 { -2 } else { h }
}

/// CPython's `hash()` of an `i64`.
pub(crate) fn hash_i64(i: i64) -> i64 {
    const MODULUS: i128 = (1 << 61) - 1;
    let m = i128::from(i).abs() % MODULUS;
    let h = i64::try_from(if i < 0 { -m } else { m }).unwrap_or(0);
    if h == -1 { -2 } else { h }
}

/// The decimal digits of `n`, or None past [`MAX_STR_DIGITS`].
pub(crate) fn to_decimal(n: &BigInt) -> Option<String> {
    // log10(2) * bits is a lower bound on the digits minus one: refuse early without converting.
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let at_least = (n.bits().saturating_sub(1) as f64 * std::f64::consts::LOG10_2) as usize + 1;
    if at_least > MAX_STR_DIGITS {
        return None;
    }
    let s = n.to_string();
    let digits = s.len() - usize::from(n.is_negative());
    (digits <= MAX_STR_DIGITS).then_some(s)
}

/// CPython's message when an int is too long for a decimal string.
pub(crate) const TOO_MANY_DIGITS: &str = "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";

/// The digits of `|n|` in `radix` (2, 8, 16).
pub(crate) fn magnitude_radix(n: &BigInt, radix: u32) -> String {
    n.magnitude().to_str_radix(radix)
}

/// Parses digits (no sign, no underscores) in `radix`; `Err(len)` past the digit limit (base 10).
pub(crate) fn parse(digits: &str, radix: u32, negative: bool) -> Result<Option<Value>, usize> {
    if radix == 10 && digits.len() > MAX_STR_DIGITS {
        return Err(digits.len());
    }
    let n = BigInt::parse_bytes(digits.as_bytes(), radix);
    Ok(n.map(|n| norm(if negative { -n } else { n })))
}

/// The value of an int literal too big for an `i64` (`0x…`, `0o…`, `0b…` or decimal,
/// underscores allowed), or CPython's SyntaxError message.
pub(crate) fn literal(token: &str) -> Result<Value, String> {
    let clean = token.replace('_', "").to_ascii_lowercase();
    let (radix, digits) = match clean.get(..2) {
        Some("0x") => (16, &clean[2..]),
        Some("0o") => (8, &clean[2..]),
        Some("0b") => (2, &clean[2..]),
        _ => (10, clean.as_str()),
    };
    match parse(digits, radix, false) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(format!("invalid literal {token}")),
        Err(n) => Err(format!(
            "Exceeds the limit (4300 digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."
        )),
    }
}

/// Whether the sign of a big int is negative.
pub(crate) fn is_negative(n: &BigInt) -> bool {
    n.sign() == Sign::Minus
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_keeps_small_ints_small() {
        assert!(matches!(norm(BigInt::from(i64::MAX)), Value::Int(i64::MAX)));
        assert!(matches!(norm(BigInt::from(i64::MAX) + 1), Value::Big(_)));
        assert!(matches!(norm(BigInt::from(i64::MIN)), Value::Int(i64::MIN)));
    }

    #[test]
    fn hashes_match_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(i64::MAX), 3);
        assert_eq!(hash(&(BigInt::from(1) << 100u32)), 549_755_813_888);
        assert_eq!(hash(&-(BigInt::from(1) << 61u32)), -2);
    }

    #[test]
    fn compares_exactly_with_floats() {
        let big = BigInt::from(1) << 53u32;
        assert_eq!(cmp_float(&(big.clone() + 1), 9_007_199_254_740_992.0), Some(Ordering::Greater));
        assert_eq!(cmp_float(&big, 9_007_199_254_740_992.0), Some(Ordering::Equal));
        assert_eq!(cmp_float(&BigInt::from(2), 2.5), Some(Ordering::Less));
        assert_eq!(cmp_float(&BigInt::from(-3), -2.5), Some(Ordering::Less));
    }

    #[test]
    fn decimal_limit() {
        let ten = BigInt::from(10);
        assert!(to_decimal(&num_traits::Pow::pow(&ten, 4299u32)).is_some());
        assert!(to_decimal(&num_traits::Pow::pow(&ten, 4300u32)).is_none());
    }
}
