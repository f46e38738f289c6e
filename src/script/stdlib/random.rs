//! The `random` module: CPython 3.13's Mersenne Twister
//! (`Modules/_randommodule.c`: `init_genrand`, `init_by_array`,
//! `genrand_uint32`, `random_seed`, `genrand_res53`, `getrandbits`) and the
//! algorithms of `Lib/random.py` on top of it, so a seeded script draws
//! exactly CPython's numbers.
//!
//! An unseeded script starts from `seed(DEFAULT_SEED)` (or `taskline run
//! --seed N`): CPython seeds from the OS, which no trace can reproduce, so
//! taskline picks a fixed seed and records it in the log's metadata.

use std::rc::Rc;

use num_bigint::{BigInt, BigUint};
use num_traits::{Signed, ToPrimitive};

use super::super::bigint;
use super::super::compile::Operator;
use super::super::interp::{Interp, R};
use super::super::ops;
use super::super::value::{Value, to_str};
use super::sha512::sha512;

/// The seed of a script that does not call `random.seed`.
pub const DEFAULT_SEED: u64 = 0;

const N: usize = 624;
const M: usize = 397;

/// The generator's state (`RandomObject` plus `random.Random.gauss_next`).
#[derive(Clone, Debug)]
pub(crate) struct Mt {
    state: [u32; N],
    index: usize,
    /// The second value of the last `gauss()` pair.
    pub(crate) gauss_next: Option<f64>,
}

impl Mt {
    /// A generator seeded with the non-negative integer `seed`.
    pub(crate) fn new(seed: u64) -> Mt {
        let mut mt = Mt { state: [0; N], index: N, gauss_next: None };
        mt.seed_u64(seed);
        mt
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// `init_by_array`: seeds from 32-bit words, least significant first.
    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        self.index = N;
    }

    /// `random_seed` for a non-negative integer given by its 32-bit words
    /// (least significant first; high zero words are dropped as CPython does).
    pub(crate) fn seed_words(&mut self, words: &[u32]) {
        let used = words.iter().rposition(|w| *w != 0).map_or(1, |p| p + 1);
        let mut key = words[..used.min(words.len())].to_vec();
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
        self.gauss_next = None;
    }

    /// Seeds with a non-negative integer.
    pub(crate) fn seed_u64(&mut self, n: u64) {
        self.seed_words(&[n as u32, (n >> 32) as u32]);
    }

    /// Version-2 seeding of `str`/`bytes`: `int.from_bytes(a + sha512(a).digest())`.
    pub(crate) fn seed_bytes(&mut self, bytes: &[u8]) {
        let mut big_endian = bytes.to_vec();
        big_endian.extend_from_slice(&sha512(bytes));
        let words: Vec<u32> =
            big_endian.rchunks(4).map(|c| c.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b))).collect();
        self.seed_words(&words);
    }

    /// `genrand_uint32`.
    pub(crate) fn next_u32(&mut self) -> u32 {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        const MATRIX_A: u32 = 0x9908_b0df;
        let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
        if self.index >= N {
            let mt = &mut self.state;
            for kk in 0..N - M {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
            }
            for kk in N - M..N - 1 {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
            }
            let y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: 53 random bits in [0, 1) (`genrand_res53`).
    pub(crate) fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 64`, as CPython builds it from 32-bit words.
    pub(crate) fn getrandbits(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => u64::from(self.next_u32() >> (32 - k)),
            _ => {
                let low = u64::from(self.next_u32());
                let high = u64::from(self.next_u32() >> (64 - k));
                low | (high << 32)
            }
        }
    }

    /// `getrandbits(k)` for any `k`: 32-bit words, least significant first.
    pub(crate) fn getrandbits_big(&mut self, k: u64) -> BigUint {
        let words = usize::try_from(k.div_ceil(32)).unwrap_or(0);
        let mut out = Vec::with_capacity(words);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left = left.saturating_sub(32);
        }
        BigUint::from_slice(&out)
    }

    /// `_randbelow_with_getrandbits(n)` for `n > 0`.
    pub(crate) fn randbelow(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        let mut r = self.getrandbits(k);
        while r >= n {
            r = self.getrandbits(k);
        }
        r
    }
}

/// The functions of `random` (qualified: the built-in's name).
pub(crate) const FUNCTIONS: &[&str] = &[
    "random.seed",
    "random.random",
    "random.getrandbits",
    "random.randrange",
    "random.randint",
    "random.choice",
    "random.choices",
    "random.shuffle",
    "random.sample",
    "random.uniform",
    "random.gauss",
    "random.normalvariate",
    "random.expovariate",
    "random.triangular",
];

/// CPython's `hash(float)` as an unsigned machine word (`_Py_HashDouble`).
pub(crate) fn float_hash(v: f64) -> u64 {
    const BITS: i32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { (-314_159i64) as u64 };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let y = m as u64;
        #[allow(clippy::cast_precision_loss)]
        {
            m -= y as f64;
        }
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % BITS } else { BITS - 1 - ((-1 - e) % BITS) };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let mut h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        h = -2;
    }
    h as u64
}

/// `frexp`: `v = m * 2**e` with `0.5 <= |m| < 1` (m = 0 for 0).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// Binds a Python-level `Random` method's arguments: `params` in order,
/// the first `required` without defaults; `kwonly` may only be keywords.
fn bind(
    it: &Interp,
    fname: &str,
    params: &[&str],
    required: usize,
    kwonly: &[&str],
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> R<Vec<Option<Value>>> {
    if args.len() > params.len() {
        let shown = params.len() + 1;
        let given = args.len() + 1;
        let takes =
            if required == params.len() { format!("{shown}") } else { format!("from {} to {shown}", required + 1) };
        return it.type_error(format!(
            "Random.{fname}() takes {takes} positional argument{} but {given} were given",
            if shown == 1 { "" } else { "s" }
        ));
    }
    let mut out: Vec<Option<Value>> = vec![None; params.len() + kwonly.len()];
    for (i, a) in args.into_iter().enumerate() {
        out[i] = Some(a);
    }
    for (k, v) in kwargs {
        let Some(i) = params.iter().chain(kwonly).position(|p| **p == *k) else {
            return it.type_error(format!("Random.{fname}() got an unexpected keyword argument '{k}'"));
        };
        if out[i].is_some() {
            return it.type_error(format!("Random.{fname}() got multiple values for argument '{k}'"));
        }
        out[i] = Some(v);
    }
    let missing: Vec<String> =
        params[..required].iter().zip(&out).filter(|(_, v)| v.is_none()).map(|(p, _)| format!("'{p}'")).collect();
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            n => format!("{} and {}", missing[..n - 1].join(", "), missing[n - 1]),
        };
        return it.type_error(format!(
            "Random.{fname}() missing {} required positional argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(out)
}

/// `operator.index(v)` as an `i64`.
fn index(it: &Interp, v: &Value) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Big(_) => Err(it.exc("OverflowError", "Python int too large to convert to C ssize_t")),
        other => it.type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name())),
    }
}

/// `operator.index(v)`.
fn big_index(it: &Interp, v: &Value) -> R<BigInt> {
    match bigint::to_big(v) {
        Some(n) => Ok(n),
        None => it.type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())),
    }
}

fn float_arg(it: &Interp, v: &Value) -> R<f64> {
    #[allow(clippy::cast_precision_loss)]
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::Float(f) => Ok(*f),
        other => it.type_error(format!("must be real number, not {}", other.type_name())),
    }
}

fn randbelow(it: &Interp, n: i128) -> R<i128> {
    match u64::try_from(n) {
        Ok(n) => Ok(i128::from(it.random.borrow_mut().randbelow(n))),
        Err(_) => randbelow_big(it, &BigInt::from(n)).map(|r| r.to_i128().unwrap_or(0)),
    }
}

/// `_randbelow(n)` for any `n > 0`.
fn randbelow_big(it: &Interp, n: &BigInt) -> R<BigInt> {
    if let Some(small) = n.to_u64() {
        return Ok(BigInt::from(it.random.borrow_mut().randbelow(small)));
    }
    let k = n.bits();
    it.reserve(usize::try_from(k / 8).unwrap_or(usize::MAX))?;
    let mut mt = it.random.borrow_mut();
    loop {
        let r = BigInt::from(mt.getrandbits_big(k));
        if &r < n {
            return Ok(r);
        }
    }
}

fn len_of(it: &Interp, v: &Value) -> R<usize> {
    Ok(match v {
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Str(s) => s.chars().count(),
        Value::Range(a, b, s) => usize::try_from(super::super::value::range_len(*a, *b, *s)).unwrap_or(0),
        Value::Dict(d) => d.borrow().len(),
        Value::Set(s) => s.borrow().len(),
        other => return it.type_error(format!("object of type '{}' has no len()", other.type_name())),
    })
}

fn item(it: &Interp, seq: &Value, i: usize) -> R<Value> {
    ops::get_item(it, seq, &Value::Int(i64::try_from(i).unwrap_or(i64::MAX)))
}

fn is_sequence(v: &Value) -> bool {
    matches!(v, Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(..))
}

fn add(it: &Interp, a: &Value, b: &Value) -> R<Value> {
    ops::binop(it, Operator::Add, a, b)
}
fn sub(it: &Interp, a: &Value, b: &Value) -> R<Value> {
    ops::binop(it, Operator::Sub, a, b)
}
fn mul(it: &Interp, a: &Value, b: &Value) -> R<Value> {
    ops::binop(it, Operator::Mult, a, b)
}

/// `bisect.bisect_right(a, x, 0, hi)` over values.
fn bisect(it: &Interp, a: &[Value], x: &Value, hi: usize) -> R<usize> {
    let (mut lo, mut hi) = (0usize, hi);
    while lo < hi {
        let mid = usize::midpoint(lo, hi);
        if ops::compare(it, super::super::compile::CmpOp::Lt, x, &a[mid])? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

/// `itertools.accumulate` (running sums with `+`).
fn accumulate(it: &Interp, items: Vec<Value>) -> R<Vec<Value>> {
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    for v in items {
        let next = match out.last() {
            Some(last) => add(it, last, &v)?,
            None => v,
        };
        out.push(next);
    }
    Ok(out)
}

/// Seeds the module's generator as `random.seed(a, version)` does.
fn seed(it: &Interp, a: Option<&Value>, version: i64) -> R<()> {
    let mut mt = it.random.borrow_mut();
    match a {
        None | Some(Value::None) => {
            let s = it.random_seed.get();
            mt.seed_u64(s);
        }
        Some(Value::Int(i)) => mt.seed_u64(i.unsigned_abs()),
        Some(Value::Big(n)) => mt.seed_words(&n.magnitude().to_u32_digits()),
        Some(Value::Bool(b)) => mt.seed_u64(u64::from(*b)),
        Some(Value::Float(f)) => mt.seed_u64(float_hash(*f)),
        Some(Value::Str(s)) if version == 1 => {
            let chars: Vec<u32> = s.chars().map(u32::from).collect();
            let mut x: u64 = chars.first().map_or(0, |c| u64::from(*c) << 7);
            for c in &chars {
                x = 1_000_003u64.wrapping_mul(x) ^ u64::from(*c);
            }
            x ^= chars.len() as u64;
            mt.seed_u64(x);
        }
        Some(Value::Str(s)) if version == 2 => mt.seed_bytes(s.as_bytes()),
        Some(Value::Str(s)) => {
            drop(mt);
            // CPython hashes the str (randomised per process): refuse rather than guess.
            return Err(it.exc(
                "ValueError",
                format!(
                    "taskline: random.seed({}, version={version}) is not reproducible; use version=2",
                    to_str(&Value::Str(s.clone()))
                ),
            ));
        }
        Some(_) => {
            drop(mt);
            return it.type_error("The only supported seed types are:\nNone, int, float, str, bytes, and bytearray.");
        }
    }
    mt.gauss_next = None;
    Ok(())
}

/// Calls `random.<name>`.
pub(crate) fn call(it: &Interp, qualified: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    let name = qualified.trim_start_matches("random.");
    match name {
        "seed" => {
            let a = bind(it, name, &["a", "version"], 0, &[], args, kwargs)?;
            let version = match &a[1] {
                None => 2,
                Some(v) => index(it, v)?,
            };
            seed(it, a[0].as_ref(), version)?;
            Ok(Value::None)
        }
        "random" => {
            if !kwargs.is_empty() {
                return it.type_error("Random.random() takes no keyword arguments");
            }
            if !args.is_empty() {
                return it.type_error(format!("Random.random() takes no arguments ({} given)", args.len()));
            }
            Ok(Value::Float(it.random.borrow_mut().random()))
        }
        "getrandbits" => {
            if !kwargs.is_empty() {
                return it.type_error("Random.getrandbits() takes no keyword arguments");
            }
            if args.len() != 1 {
                return it
                    .type_error(format!("Random.getrandbits() takes exactly one argument ({} given)", args.len()));
            }
            let k = index(it, &args[0])?;
            if k < 0 {
                return Err(it.exc("ValueError", "number of bits must be non-negative"));
            }
            if k > 63 {
                it.reserve(usize::try_from(k / 8).unwrap_or(usize::MAX))?;
                #[allow(clippy::cast_sign_loss)]
                let bits = it.random.borrow_mut().getrandbits_big(k as u64);
                return Ok(bigint::norm(BigInt::from(bits)));
            }
            #[allow(clippy::cast_possible_wrap, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(Value::Int(it.random.borrow_mut().getrandbits(k as u32) as i64))
        }
        "randrange" => {
            let a = bind(it, name, &["start", "stop", "step"], 1, &[], args, kwargs)?;
            let [Some(start), stop, step] = <[Option<Value>; 3]>::try_from(a).unwrap_or([None, None, None]) else {
                return it.type_error("Random.randrange() missing 1 required positional argument: 'start'");
            };
            randrange(it, &start, stop.as_ref(), step.as_ref())
        }
        "randint" => {
            let a = bind(it, name, &["a", "b"], 2, &[], args, kwargs)?;
            let (Some(lo), Some(hi)) = (&a[0], &a[1]) else { return Ok(Value::None) };
            let hi1 = add(it, hi, &Value::Int(1))?;
            randrange(it, lo, Some(&hi1), None)
        }
        "choice" => {
            let a = bind(it, name, &["seq"], 1, &[], args, kwargs)?;
            let Some(seq) = &a[0] else { return Ok(Value::None) };
            let n = len_of(it, seq)?;
            if n == 0 {
                return Err(it.exc("IndexError", "Cannot choose from an empty sequence"));
            }
            let j = randbelow(it, n as i128)?;
            item(it, seq, usize::try_from(j).unwrap_or(0))
        }
        "shuffle" => {
            let a = bind(it, name, &["x"], 1, &[], args, kwargs)?;
            let Some(x) = &a[0] else { return Ok(Value::None) };
            let Value::List(l) = x else {
                let n = len_of(it, x)?;
                if n < 2 {
                    return Ok(Value::None);
                }
                return it.type_error(format!("'{}' object does not support item assignment", x.type_name()));
            };
            let n = l.borrow().len();
            it.ticks(n as u64)?;
            for i in (1..n).rev() {
                let j = randbelow(it, (i + 1) as i128)?;
                let mut v = l.borrow_mut();
                v.swap(i, usize::try_from(j).unwrap_or(0));
            }
            Ok(Value::None)
        }
        "sample" => {
            let a = bind(it, name, &["population", "k"], 2, &["counts"], args, kwargs)?;
            let (Some(pop), Some(k)) = (&a[0], &a[1]) else { return Ok(Value::None) };
            sample(it, pop, k, a[2].as_ref())
        }
        "choices" => {
            let a = bind(it, name, &["population", "weights"], 1, &["cum_weights", "k"], args, kwargs)?;
            let Some(pop) = &a[0] else { return Ok(Value::None) };
            choices(it, pop, a[1].as_ref(), a[2].as_ref(), a[3].as_ref())
        }
        "uniform" => {
            let a = bind(it, name, &["a", "b"], 2, &[], args, kwargs)?;
            let (Some(lo), Some(hi)) = (&a[0], &a[1]) else { return Ok(Value::None) };
            let u = Value::Float(it.random.borrow_mut().random());
            add(it, lo, &mul(it, &sub(it, hi, lo)?, &u)?)
        }
        "triangular" => {
            let a = bind(it, name, &["low", "high", "mode"], 0, &[], args, kwargs)?;
            let low = a[0].clone().unwrap_or(Value::Float(0.0));
            let high = a[1].clone().unwrap_or(Value::Float(1.0));
            let mut u = it.random.borrow_mut().random();
            let c = match &a[2] {
                None | Some(Value::None) => Ok(Value::Float(0.5)),
                Some(mode) => ops::binop(it, Operator::Div, &sub(it, mode, &low)?, &sub(it, &high, &low)?),
            };
            let c = match c {
                Ok(c) => c,
                Err(e) if e.class.name.as_ref() == "ZeroDivisionError" => return Ok(low),
                Err(e) => return Err(e),
            };
            let mut c = float_arg(it, &c)?;
            let (mut low, mut high) = (low, high);
            if u > c {
                u = 1.0 - u;
                c = 1.0 - c;
                std::mem::swap(&mut low, &mut high);
            }
            add(it, &low, &mul(it, &sub(it, &high, &low)?, &Value::Float((u * c).sqrt()))?)
        }
        "normalvariate" | "gauss" => {
            let a = bind(it, name, &["mu", "sigma"], 0, &[], args, kwargs)?;
            let mu = a[0].clone().unwrap_or(Value::Float(0.0));
            let sigma = a[1].clone().unwrap_or(Value::Float(1.0));
            let z = if name == "gauss" { gauss(it) } else { normal(it) };
            add(it, &mu, &mul(it, &Value::Float(z), &sigma)?)
        }
        "expovariate" => {
            let a = bind(it, name, &["lambd"], 0, &[], args, kwargs)?;
            let lambd = a[0].clone().unwrap_or(Value::Float(1.0));
            let u = it.random.borrow_mut().random();
            let l = Value::Float(-(1.0 - u).ln());
            ops::binop(it, Operator::Div, &l, &lambd)
        }
        _ => Err(it.exc("AttributeError", format!("module 'random' has no attribute '{name}'"))),
    }
}

fn gauss(it: &Interp) -> f64 {
    let mut mt = it.random.borrow_mut();
    if let Some(z) = mt.gauss_next.take() {
        return z;
    }
    let x2pi = mt.random() * std::f64::consts::TAU;
    let g2rad = (-2.0 * (1.0 - mt.random()).ln()).sqrt();
    mt.gauss_next = Some(x2pi.sin() * g2rad);
    x2pi.cos() * g2rad
}

fn normal(it: &Interp) -> f64 {
    // 4 * exp(-0.5) / sqrt(2.0), as random.py computes it.
    let nv_magicconst = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    let mut mt = it.random.borrow_mut();
    loop {
        let u1 = mt.random();
        let u2 = 1.0 - mt.random();
        let z = nv_magicconst * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -u2.ln() {
            return z;
        }
    }
}

fn randrange(it: &Interp, start: &Value, stop: Option<&Value>, step: Option<&Value>) -> R<Value> {
    let istart = big_index(it, start)?;
    let stop = stop.filter(|v| !matches!(v, Value::None));
    let Some(stop) = stop else {
        if step.is_some() {
            return it.type_error("Missing a non-None stop argument");
        }
        if istart.is_positive() {
            return Ok(bigint::norm(randbelow_big(it, &istart)?));
        }
        return Err(it.exc("ValueError", "empty range for randrange()"));
    };
    let istop = big_index(it, stop)?;
    let width = &istop - &istart;
    let istep = match step {
        None => BigInt::from(1),
        Some(s) => big_index(it, s)?,
    };
    if istep == BigInt::from(1) {
        if width.is_positive() {
            return Ok(bigint::norm(istart + randbelow_big(it, &width)?));
        }
        return Err(it.exc("ValueError", format!("empty range in randrange({}, {})", to_str(start), to_str(stop))));
    }
    let n = if istep.is_positive() {
        num_integer::Integer::div_floor(&(width + &istep - 1), &istep)
    } else if istep.is_negative() {
        num_integer::Integer::div_floor(&(width + &istep + 1), &istep)
    } else {
        return Err(it.exc("ValueError", "zero step for randrange()"));
    };
    if !n.is_positive() {
        let step = step.map_or_else(|| "1".to_owned(), to_str);
        return Err(
            it.exc("ValueError", format!("empty range in randrange({}, {}, {step})", to_str(start), to_str(stop)))
        );
    }
    Ok(bigint::norm(istart + istep * randbelow_big(it, &n)?))
}

fn sample(it: &Interp, pop: &Value, k: &Value, counts: Option<&Value>) -> R<Value> {
    if !is_sequence(pop) {
        return it.type_error("Population must be a sequence.  For dicts or sets, use sorted(d).");
    }
    let n = len_of(it, pop)?;
    if let Some(counts) = counts.filter(|c| !matches!(c, Value::None)) {
        let mut cum = accumulate(it, it.iterate(counts)?)?;
        if cum.len() != n {
            return Err(it.exc("ValueError", "The number of counts does not match the population"));
        }
        let total = cum.pop().unwrap_or(Value::Int(0));
        let Value::Int(total) = total else {
            return it.type_error("Counts must be integers");
        };
        if total <= 0 {
            return Err(it.exc("ValueError", "Total of counts must be greater than zero"));
        }
        let picks = sample(it, &Value::Range(0, total, 1), k, None)?;
        let Value::List(picks) = picks else { return Ok(picks) };
        let picks = picks.borrow().clone();
        let mut out = Vec::with_capacity(picks.len());
        for s in &picks {
            let i = bisect(it, &cum, s, cum.len())?;
            out.push(item(it, pop, i)?);
        }
        return Ok(Value::list(out));
    }
    let k = index(it, k)?;
    let Some(k) = usize::try_from(k).ok().filter(|k| *k <= n) else {
        return Err(it.exc("ValueError", "Sample larger than population or is negative"));
    };
    it.ticks(k as u64)?;
    it.reserve(super::super::heap::seq_bytes(k))?;
    let mut result = Vec::with_capacity(k);
    let mut setsize = 21usize;
    if k > 5 {
        // 4 ** ceil(log(k * 3, 4)), with math.log's rounding.
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let e = (((k * 3) as f64).ln() / 4f64.ln()).ceil() as u32;
        setsize += 4usize.saturating_pow(e);
    }
    if n <= setsize {
        let mut pool = it.iterate(pop)?;
        for i in 0..k {
            let j = usize::try_from(randbelow(it, (n - i) as i128)?).unwrap_or(0);
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = randbelow(it, n as i128)?;
            while selected.contains(&j) {
                it.ticks(1)?;
                j = randbelow(it, n as i128)?;
            }
            selected.insert(j);
            result.push(item(it, pop, usize::try_from(j).unwrap_or(0))?);
        }
    }
    Ok(Value::list(result))
}

fn choices(
    it: &Interp,
    pop: &Value,
    weights: Option<&Value>,
    cum_weights: Option<&Value>,
    k: Option<&Value>,
) -> R<Value> {
    let n = len_of(it, pop)?;
    let weights = weights.filter(|v| !matches!(v, Value::None));
    let cum_weights = cum_weights.filter(|v| !matches!(v, Value::None));
    let k = match k {
        None => 1,
        Some(k) => match k {
            Value::Int(_) | Value::Bool(_) => index(it, k)?,
            other => {
                return it.type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name()));
            }
        },
    };
    let count = usize::try_from(k).unwrap_or(0);
    it.ticks(count as u64)?;
    it.reserve(super::super::heap::seq_bytes(count))?;
    let cum = match (weights, cum_weights) {
        (None, None) => {
            #[allow(clippy::cast_precision_loss)]
            let nf = n as f64;
            let mut out = Vec::with_capacity(count);
            for _ in 0..count {
                let r = it.random.borrow_mut().random();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let i = (r * nf).floor() as usize;
                out.push(item(it, pop, i)?);
            }
            return Ok(Value::list(out));
        }
        (Some(w), None) => {
            if let Value::Int(k) = w {
                return it.type_error(format!("The number of choices must be a keyword argument: k={k}"));
            }
            accumulate(it, it.iterate(w)?)?
        }
        (None, Some(c)) => it.iterate(c)?,
        (Some(_), Some(_)) => return it.type_error("Cannot specify both weights and cumulative weights"),
    };
    if cum.len() != n {
        return Err(it.exc("ValueError", "The number of weights does not match the population"));
    }
    let Some(last) = cum.last() else {
        return Err(it.exc("IndexError", "list index out of range"));
    };
    let total = float_arg(it, &add(it, last, &Value::Float(0.0))?)?;
    if total <= 0.0 {
        return Err(it.exc("ValueError", "Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(it.exc("ValueError", "Total of weights must be finite"));
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let r = it.random.borrow_mut().random();
        let i = bisect(it, &cum, &Value::Float(r * total), n - 1)?;
        out.push(item(it, pop, i)?);
    }
    Ok(Value::list(out))
}

#[cfg(test)]
mod tests {
    use super::Mt;

    #[test]
    fn reference_mt19937_stream() {
        // The reference implementation's first outputs for init_by_array({0x123, 0x234, 0x345, 0x456}).
        let mut mt = Mt::new(0);
        mt.init_by_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.next_u32()).collect();
        assert_eq!(first, [1_067_595_299, 955_945_823, 477_289_528, 4_107_218_783, 4_228_976_476]);
    }

    /// Replays CPython's streams for many seeds (tests/data/random/make_fixture.py
    /// says how to regenerate the fixture).
    #[test]
    fn matches_cpython_streams() {
        let fixture = include_str!("../../../tests/data/random/cpython_streams.txt");
        let ks = [1, 7, 31, 32, 33, 53, 63, 64];
        let ns: [u64; 10] =
            [1, 2, 3, 10, 1000, (1 << 31) + 1, 1 << 32, (1 << 40) + 3, 1_000_000_000_000_000_000, (1 << 63) - 1];
        let mut lines = 0;
        for line in fixture.lines() {
            let (head, values) = line.split_once(" | ").expect("a fixture line has a '|'");
            let (kind, seed) = head.split_once(' ').expect("kind and seed");
            let mut mt = Mt::new(0);
            match kind {
                "int" => {
                    let n: i128 = seed.parse().expect("an int seed");
                    mt.seed_u64(u64::try_from(n.unsigned_abs()).expect("seed within 64 bits"));
                }
                _ => {
                    let bytes: Vec<u8> = (0..seed.len())
                        .step_by(2)
                        .map(|i| u8::from_str_radix(&seed[i..i + 2], 16).expect("hex"))
                        .collect();
                    mt.seed_bytes(&bytes);
                }
            }
            let values: Vec<&str> = values.split(' ').collect();
            for v in &values[..3] {
                assert_eq!(mt.random(), v.parse::<f64>().expect("a float"), "random() for seed {head}");
            }
            for (k, v) in ks.iter().zip(&values[3..11]) {
                assert_eq!(mt.getrandbits(*k).to_string(), *v, "getrandbits({k}) for seed {head}");
            }
            for (n, v) in ns.iter().zip(&values[11..]) {
                assert_eq!(mt.randbelow(*n).to_string(), *v, "randrange({n}) for seed {head}");
            }
            lines += 1;
        }
        assert!(lines > 50, "the fixture has every seed");
    }

    /// A script starts from the run's seed (`--seed`), `random.seed()` goes
    /// back to it, and the log records it.
    #[test]
    fn the_run_seed_seeds_the_script_and_is_recorded() {
        let src = "import asyncio\nimport random\n\nasync def main():\n    print(random.random())\n    random.seed()\n    print(random.random())\n";
        let first = |seed: u64| crate::trace::pyfmt::float_repr(Mt::new(seed).random());
        for (given, used) in [(None, super::DEFAULT_SEED), (Some(5), 5)] {
            let cfg = crate::Config { seed: given, ..crate::Config::default() };
            let log = crate::script::run_source("s.py", src, cfg).expect("the script runs");
            assert_eq!(log.meta.seed, Some(used));
            let printed: Vec<&str> =
                log.events.iter().filter(|e| e.kind == crate::trace::EventKind::Print).map(|e| log.str(e.a)).collect();
            assert_eq!(printed, [first(used), first(used)]);
        }
    }

    #[test]
    fn float_hash_matches_int_hash_for_integral_floats() {
        assert_eq!(super::float_hash(3.0), 3);
        assert_eq!(super::float_hash(0.5), 1 << 60);
        assert_eq!(super::float_hash(-1.0), (-2i64) as u64);
    }
}
