//! String interning: every name, chain and printed line is stored once and
//! referred to by a [`Sym`], so recording an event never allocates.

use std::collections::HashMap;

/// An interned string: an index into an [`Interner`].
pub type Sym = u32;

/// "No value" for optional [`Sym`] and id fields.
pub const NONE: u32 = u32::MAX;

/// A string table: each distinct string is stored once.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    map: HashMap<Box<str>, Sym>,
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
