//! String interning: every name, chain and printed line is stored once and
//! referred to by a [`Sym`], so recording an event never allocates.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// An interned string: an index into an [`Interner`].
pub type Sym = u32;

/// "No value" for optional [`Sym`] and id fields.
pub const NONE: u32 = u32::MAX;

/// FxHash (as in rustc): a fast, non-cryptographic hash for short keys.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The state rotated so that its best-mixed (high) bits come out low:
    /// hashbrown picks buckets with the low bits, and without the rotation
    /// keys that differ only past their first word (`f#1000`, `f#1001`, …)
    /// share their low bits and pile into one probe chain (quadratic).
    #[inline]
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A string table: each distinct string is stored once.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    map: FxHashMap<Box<str>, Sym>,
    strs: Vec<Box<str>>,
}

impl Interner {
    /// Returns the symbol of `s`, adding it on first sight (the only allocation).
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.map.get(s) {
            return sym;
        }
        let sym = Sym::try_from(self.strs.len()).unwrap_or(NONE - 1);
        self.strs.push(s.into());
        self.map.insert(s.into(), sym);
        sym
    }

    /// Returns the string of `sym` ("" for [`NONE`] or an unknown symbol).
    pub fn get(&self, sym: Sym) -> &str {
        self.strs.get(sym as usize).map_or("", |s| s)
    }

    /// Returns the string of `sym`, or `None` for [`NONE`].
    pub fn opt(&self, sym: Sym) -> Option<&str> {
        if sym == NONE { None } else { self.strs.get(sym as usize).map(|s| &**s) }
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.strs.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.strs.is_empty()
    }

    /// Bytes held by the strings (for memory accounting).
    pub fn heap_bytes(&self) -> usize {
        self.strs.iter().map(|s| 2 * s.len() + 2 * std::mem::size_of::<Box<str>>() + 8).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn similar_short_keys_spread_over_the_low_bits() {
        // hashbrown picks the bucket with the low bits: names that differ
        // only in their last characters (automatic task names) must not
        // share them, or every insert probes one long chain.
        let build = BuildHasherDefault::<FxHasher>::default();
        let buckets: std::collections::HashSet<u64> =
            (0..4096).map(|i| build.hash_one(format!("f#{i}").as_str()) & 0xfff).collect();
        assert!(buckets.len() > 2000, "only {} distinct buckets of 4096", buckets.len());
    }

    #[test]
    fn interning_is_stable() {
        let mut i = Interner::default();
        let names: Vec<Sym> = (0..10_000).map(|n| i.intern(&format!("f#{n}"))).collect();
        for (n, &s) in names.iter().enumerate() {
            assert_eq!(i.intern(&format!("f#{n}")), s);
            assert_eq!(i.get(s), format!("f#{n}"));
        }
        assert_eq!(i.len(), 10_000);
    }
}
