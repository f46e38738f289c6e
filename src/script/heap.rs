//! The script's heap: one byte-based accounting of every live string, list,
//! tuple, dict and set of a run, the containers that own them, and the
//! disposal of deep structures without recursion.
//!
//! Every container charges its approximate size when it is made and when it
//! grows (`borrow_mut` re-syncs the charge when the borrow ends) and credits
//! it when it is freed, so [`live`] is the script's live heap in bytes.
//! Before building a result whose size it can estimate (`+`, `*`, `join`,
//! f-strings, `repr`, …) the interpreter asks [`fits`] first and raises
//! `MemoryError` instead of allocating; each interpreter step also checks
//! the total, which catches growth made of many small allocations.
//!
//! The accounting is per thread (a script runs on its own thread).

use std::cell::{Cell, RefCell};
use std::ops::{Deref, DerefMut};
use std::rc::Rc;

use indexmap::IndexMap;

use super::value::{HKey, Value};

/// The default limit of a script's live heap: 512 MiB.
pub const DEFAULT_MAX_HEAP: usize = 512 << 20;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static LIMIT: Cell<usize> = const { Cell::new(DEFAULT_MAX_HEAP) };
    static TRASH: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    static DRAINING: Cell<bool> = const { Cell::new(false) };
    static TRIPPED: Cell<bool> = const { Cell::new(false) };
}

/// Adds `n` bytes to the live heap.
pub(crate) fn charge(n: usize) {
    let _ = LIVE.try_with(|l| l.set(l.get().saturating_add(n)));
}

/// Removes `n` bytes from the live heap.
pub(crate) fn credit(n: usize) {
    let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(n)));
}

/// The script's live heap, in bytes.
pub(crate) fn live() -> usize {
    LIVE.try_with(Cell::get).unwrap_or(0)
}

/// The limit of the live heap, in bytes.
pub(crate) fn limit() -> usize {
    LIMIT.try_with(Cell::get).unwrap_or(DEFAULT_MAX_HEAP)
}

/// Sets the limit for the scripts run on this thread.
pub(crate) fn set_limit(n: usize) {
    let _ = LIMIT.try_with(|l| l.set(n));
}

/// After a MemoryError, the heap may pass its limit by 1/16 more while
/// the script handles it (an `except MemoryError` handler must be able to
/// print and free); once the heap is back under the limit the margin ends.
fn headroom() -> usize {
    if TRIPPED.try_with(Cell::get).unwrap_or(false) { limit() / 16 } else { 0 }
}

/// Records that MemoryError was raised (see [`headroom`]).
pub(crate) fn trip() {
    let _ = TRIPPED.try_with(|t| t.set(true));
}

/// Whether `extra` more bytes fit in the limit.
pub(crate) fn fits(extra: usize) -> bool {
    live().saturating_add(extra) <= limit().saturating_add(headroom())
}

/// Whether the heap has grown past its limit (checked at each interpreter step).
pub(crate) fn over() -> bool {
    let (live, limit) = (live(), limit());
    if live <= limit {
        let _ = TRIPPED.try_with(|t| t.set(false));
        return false;
    }
    live > limit.saturating_add(headroom())
}

/// The approximate size of a `str` of `len` bytes.
pub(crate) fn str_bytes(len: usize) -> usize {
    len.saturating_add(32)
}

/// The approximate size of a list or tuple of `n` items.
pub(crate) fn seq_bytes(n: usize) -> usize {
    n.saturating_mul(size_of::<Value>()).saturating_add(48)
}

/// The approximate size of a dict of `n` items (entry, hash and index).
pub(crate) fn dict_bytes(n: usize) -> usize {
    n.saturating_mul(size_of::<(HKey, (Value, Value))>() + 16).saturating_add(64)
}

/// The approximate size of a set of `n` items.
pub(crate) fn set_bytes(n: usize) -> usize {
    n.saturating_mul(size_of::<(HKey, Value)>() + 16).saturating_add(64)
}

/// Frees values without recursion: a value freed while another is being
/// freed is queued, and the outermost free drains the queue. A list nested
/// a million deep is freed in constant stack.
pub(crate) fn dispose(items: impl IntoIterator<Item = Value>) {
    let mut items = items.into_iter().peekable();
    if items.peek().is_none() {
        return;
    }
    let draining = DRAINING.try_with(Cell::get);
    match draining {
        Ok(true) => {
            let leftover = TRASH.try_with(|t| t.borrow_mut().extend(items.by_ref()));
            if leftover.is_err() {
                items.for_each(drop);
            }
        }
        Ok(false) => {
            DRAINING.with(|d| d.set(true));
            TRASH.with(|t| t.borrow_mut().extend(items));
            while let Some(v) = TRASH.with(|t| t.borrow_mut().pop()) {
                drop(v);
            }
            DRAINING.with(|d| d.set(false));
        }
        Err(_) => items.for_each(drop),
    }
}

/// What a mutable container holds: its size and its values.
pub(crate) trait Contents: Default {
    /// The approximate size in bytes.
    fn bytes(&self) -> usize;
    /// Moves the values out (for [`dispose`]).
    fn into_values(self) -> Vec<Value>;
}

impl Contents for Vec<Value> {
    fn bytes(&self) -> usize {
        seq_bytes(self.capacity())
    }
    fn into_values(self) -> Vec<Value> {
        self
    }
}

impl Contents for IndexMap<HKey, (Value, Value)> {
    fn bytes(&self) -> usize {
        dict_bytes(self.len())
    }
    fn into_values(self) -> Vec<Value> {
        let mut out = Vec::with_capacity(self.len() * 2);
        for (_, (k, v)) in self {
            out.push(k);
            out.push(v);
        }
        out
    }
}

impl Contents for IndexMap<HKey, Value> {
    fn bytes(&self) -> usize {
        set_bytes(self.len())
    }
    fn into_values(self) -> Vec<Value> {
        self.into_values().collect()
    }
}

/// A mutable container (list, dict, set) on the script's heap.
pub struct Obj<T: Contents> {
    cell: RefCell<T>,
    charged: Cell<usize>,
}

impl<T: Contents> Obj<T> {
    /// A new container, charged to the heap.
    pub(crate) fn new(v: T) -> Rc<Obj<T>> {
        let b = v.bytes();
        charge(b);
        Rc::new(Obj { cell: RefCell::new(v), charged: Cell::new(b) })
    }

    /// Borrows mutably; the charge follows the size when the borrow ends.
    pub(crate) fn borrow_mut(&self) -> ObjMut<'_, T> {
        ObjMut { obj: self, guard: Some(self.cell.borrow_mut()) }
    }

    fn resync(&self) {
        let Ok(v) = self.cell.try_borrow() else { return };
        let b = v.bytes();
        let old = self.charged.replace(b);
        if b > old {
            charge(b - old);
        } else {
            credit(old - b);
        }
    }
}

impl<T: Contents> Deref for Obj<T> {
    type Target = RefCell<T>;
    fn deref(&self) -> &RefCell<T> {
        &self.cell
    }
}

impl<T: Contents> Drop for Obj<T> {
    fn drop(&mut self) {
        credit(self.charged.get());
        let v = std::mem::take(self.cell.get_mut());
        dispose(v.into_values());
    }
}

/// A mutable borrow of an [`Obj`].
pub struct ObjMut<'a, T: Contents> {
    obj: &'a Obj<T>,
    guard: Option<std::cell::RefMut<'a, T>>,
}

impl<T: Contents> Deref for ObjMut<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.guard.as_deref().unwrap_or_else(|| unreachable!())
    }
}

impl<T: Contents> DerefMut for ObjMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.guard.as_deref_mut().unwrap_or_else(|| unreachable!())
    }
}

impl<T: Contents> Drop for ObjMut<'_, T> {
    fn drop(&mut self) {
        drop(self.guard.take());
        self.obj.resync();
    }
}

/// A tuple on the script's heap.
pub struct Tup {
    items: Box<[Value]>,
}

impl Tup {
    /// A new tuple, charged to the heap.
    pub(crate) fn new(v: Vec<Value>) -> Rc<Tup> {
        charge(seq_bytes(v.len()));
        Rc::new(Tup { items: v.into_boxed_slice() })
    }
}

impl Deref for Tup {
    type Target = [Value];
    fn deref(&self) -> &[Value] {
        &self.items
    }
}

impl Drop for Tup {
    fn drop(&mut self) {
        credit(seq_bytes(self.items.len()));
        dispose(std::mem::take(&mut self.items).into_vec());
    }
}

/// A `str` on the script's heap (immutable, shared).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyStr(Rc<str>);

impl PyStr {
    /// A new string, charged to the heap.
    pub(crate) fn new(s: &str) -> PyStr {
        charge(str_bytes(s.len()));
        PyStr(s.into())
    }

    /// Whether both are the same object.
    pub(crate) fn ptr_eq(&self, other: &PyStr) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// The object's address (identity).
    pub(crate) fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }
}

impl Drop for PyStr {
    fn drop(&mut self) {
        if Rc::strong_count(&self.0) == 1 {
            credit(str_bytes(self.0.len()));
        }
    }
}

impl Deref for PyStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PyStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Debug for PyStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> PyStr {
        PyStr::new(s)
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> PyStr {
        charge(str_bytes(s.len()));
        PyStr(s.into())
    }
}

impl From<&String> for PyStr {
    fn from(s: &String) -> PyStr {
        PyStr::new(s)
    }
}

impl From<&Rc<str>> for PyStr {
    fn from(s: &Rc<str>) -> PyStr {
        PyStr::new(s)
    }
}

impl From<Rc<str>> for PyStr {
    fn from(s: Rc<str>) -> PyStr {
        PyStr::new(&s)
    }
}
