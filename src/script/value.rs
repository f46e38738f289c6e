//! The interpreter's values, with Python's `repr`/`str`, equality and hashing.

use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;

use indexmap::IndexMap;

use super::compile::FuncProto;
pub(crate) use super::heap::{Obj, PyStr, Tup};
use super::interp::Env;
use crate::runtime::{Coro, Gather, GatherSettled, PyRepr, Shield, Task, TaskRef};
use crate::trace::pyfmt;

/// A boxed coroutine future (the body of a Python coroutine).
pub(crate) type BoxFut = std::pin::Pin<Box<dyn std::future::Future<Output = crate::runtime::Result<Value>>>>;

/// A Python value.
#[derive(Clone, Default)]
pub enum Value {
    /// An unbound local (never visible to the script).
    #[default]
    Undefined,
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An `int` that fits in 64 bits.
    Int(i64),
    /// An `int` that does not fit in 64 bits (never one that does: see `bigint`).
    Big(Rc<super::bigint::PyBig>),
    /// A `float`.
    Float(f64),
    /// A `str`.
    Str(PyStr),
    /// A `list`.
    List(Rc<Obj<Vec<Value>>>),
    /// A `tuple`.
    Tuple(Rc<Tup>),
    /// A `dict`.
    Dict(Rc<Obj<Dict>>),
    /// A `set`.
    Set(Rc<Obj<IndexMap<HKey, Value>>>),
    /// A `range`.
    Range(i64, i64, i64),
    /// A `slice` (start, stop, step: any values, as in CPython).
    Slice(Rc<[Value; 3]>),
    /// A user function (sync or async).
    Func(Rc<Func>),
    /// A built-in function or method.
    Builtin(Rc<BuiltinFn>),
    /// A class (exception classes, built-in types).
    Class(Rc<Class>),
    /// An exception object.
    Exc(Rc<ExcObj>),
    /// A coroutine object.
    Coro(Rc<CoroObj>),
    /// An asyncio Task.
    Task(Rc<TaskObj>),
    /// A future: a plain `asyncio.Future`, or one from `shield`/`gather`.
    Future(Rc<FutObj>),
    /// A callback handle of the loop (`loop.call_soon` / `call_later` / `call_at`).
    Handle(Rc<crate::runtime::CallbackHandle>),
    /// A module (`asyncio`, `time`).
    Module(&'static str),
    /// An iterator over a snapshot of values.
    Iter(Rc<RefCell<std::vec::IntoIter<Value>>>),
    /// A context manager (`asyncio.timeout(...)`).
    Timeout(Rc<TimeoutObj>),
    /// The running loop (`asyncio.get_running_loop()`).
    Loop,
    /// An `asyncio.TaskGroup()`.
    TaskGroup(Rc<TaskGroupObj>),
    /// A lock, event, condition, semaphore, barrier or queue.
    Sync(Rc<super::sync::SyncObj>),
    /// The iterator of `asyncio.as_completed(...)`.
    AsCompleted(Rc<super::wait::AsCompletedObj>),
    /// An instance of a user class.
    Instance(Rc<Instance>),
    /// A bound method, `super()`, a descriptor or a `functools` callable.
    Native(Rc<Native>),
    /// `NotImplemented`.
    NotImplemented,
    /// A generator or async generator object.
    Gen(Rc<super::generator::GenObj>),
    /// The awaitable of an async generator's `__anext__()`/`asend()`/`athrow()`/`aclose()`.
    AgenAwait(Rc<super::generator::AgenAwaitable>),
    /// A context manager from `contextlib`.
    CtxMgr(Rc<super::generator::CtxMgr>),
    /// A value of `typing` or of an annotation (`Optional[int]`, `list[int]`, `...`).
    TypeForm(Rc<super::typing::TypeForm>),
}

/// An instance of a user-defined class: its attributes live in a dict on
/// the script's heap (`obj.__dict__` is that dict).
pub struct Instance {
    /// Its class.
    pub class: Rc<Class>,
    /// `__dict__`.
    pub dict: Rc<Obj<Dict>>,
    /// Its serial number (the fake address in the default repr).
    pub serial: u64,
}

/// The fixed part of an instance's size on the script's heap.
pub(crate) const INSTANCE_BYTES: usize = 64;

impl Instance {
    /// A new instance, charged to the heap.
    pub(crate) fn new(class: Rc<Class>) -> Rc<Instance> {
        super::heap::charge(INSTANCE_BYTES);
        Rc::new(Instance { class, dict: Obj::new(Dict::default()), serial: next_serial() })
    }

    /// An attribute of the instance's own dict.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.dict.borrow().get(&HKey::Str(name.into())).map(|(_, v)| v.clone())
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        super::heap::credit(INSTANCE_BYTES);
    }
}

thread_local! {
    static SERIAL: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The next object serial number (a stable fake address per object).
pub(crate) fn next_serial() -> u64 {
    SERIAL.with(|s| {
        let n = s.get() + 1;
        s.set(n);
        n
    })
}

/// The fake address shown for an object with this serial number:
/// `0x7f3a` followed by the serial in 8 hex digits, times 16.
pub(crate) fn fake_addr(serial: u64) -> String {
    format!("0x7f3a{:08x}", serial.wrapping_mul(16) & 0xffff_ffff)
}

/// Callables and descriptors of the object model.
pub enum Native {
    /// A function bound to an object (`obj.method`).
    Method {
        /// The function.
        func: Value,
        /// `__self__`.
        this: Value,
    },
    /// `super(cls, obj)`.
    Super {
        /// The class whose MRO successor is searched.
        class: Rc<Class>,
        /// The object (or class, in a classmethod).
        this: Value,
    },
    /// `staticmethod(f)`.
    StaticMethod(Value),
    /// `classmethod(f)`.
    ClassMethod(Value),
    /// `property(fget, fset, fdel)`.
    Property {
        /// The getter.
        fget: Value,
        /// The setter (None: read-only).
        fset: Value,
        /// The deleter.
        fdel: Value,
    },
    /// `functools.partial(func, *args, **kwargs)`.
    Partial {
        /// The function.
        func: Value,
        /// The bound positional arguments.
        args: Vec<Value>,
        /// The bound keyword arguments.
        kwargs: Vec<(Rc<str>, Value)>,
    },
    /// `functools.lru_cache(maxsize)(func)` / `functools.cache(func)`.
    Cache {
        /// The function.
        func: Value,
        /// `maxsize` (None: unbounded).
        maxsize: Option<usize>,
        /// Cached results in least-recently-used order.
        cache: RefCell<IndexMap<HKey, Value>>,
        /// Hits and misses.
        stats: std::cell::Cell<(i64, i64)>,
    },
    /// `dataclasses.field(...)`.
    Field(Rc<super::dataclasses::FieldSpec>),
    /// `enum.auto()`.
    Auto,
    /// A decorator made by `functools.wraps(wrapped)` or `lru_cache(maxsize)`.
    Decorator {
        /// What it does.
        kind: &'static str,
        /// Its argument.
        arg: Value,
    },
}

/// An `asyncio.TaskGroup` (CPython's `taskgroups.py`, tasks cancelled in creation order).
#[derive(Default)]
pub struct TaskGroupObj {
    /// Its state.
    pub st: RefCell<TaskGroupState>,
}

/// The fields of `asyncio.TaskGroup`.
#[derive(Default)]
pub struct TaskGroupState {
    /// `_entered`.
    pub entered: bool,
    /// `_exiting`.
    pub exiting: bool,
    /// `_aborting`.
    pub aborting: bool,
    /// `_parent_task`.
    pub parent: Option<u32>,
    /// `_parent_cancel_requested`.
    pub parent_cancel_requested: bool,
    /// `_tasks`, in creation order.
    pub tasks: Vec<Value>,
    /// `_errors`.
    pub errors: Vec<Value>,
    /// `_on_completed_fut`.
    pub on_completed: Option<Rc<crate::runtime::LoopFuture>>,
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&repr(self))
    }
}

/// An insertion-ordered dict.
pub type Dict = IndexMap<HKey, (Value, Value)>;

/// A hashable key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HKey {
    /// None.
    None,
    /// int, bool and integral floats.
    Int(i64),
    /// ints (and integral floats) beyond 64 bits.
    Big(num_bigint::BigInt),
    /// other floats (bits).
    Float(u64),
    /// str.
    Str(PyStr),
    /// tuple.
    Tuple(Vec<HKey>),
    /// slice (hashable since Python 3.12).
    Slice(Vec<HKey>),
    /// identity.
    Id(usize),
    /// an instance with its own `__hash__` (equal by its `__eq__`).
    Obj(ObjKey),
}

/// The hash key of an instance whose class defines `__hash__`.
#[derive(Clone)]
pub struct ObjKey {
    /// `hash(obj)`.
    pub hash: i64,
    /// The object.
    pub value: Value,
}

impl PartialEq for ObjKey {
    fn eq(&self, other: &ObjKey) -> bool {
        // an `__eq__` that raises compares unequal here (dict lookups cannot fail)
        self.hash == other.hash && item_eq(&self.value, &other.value).unwrap_or(false)
    }
}

impl Eq for ObjKey {}

impl std::hash::Hash for ObjKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.hash.hash(state);
    }
}

impl std::fmt::Debug for ObjKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ObjKey({})", self.hash)
    }
}

impl std::fmt::Debug for ExcObj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.class.name)
    }
}

/// A user function.
pub struct Func {
    /// Its code.
    pub proto: Rc<FuncProto>,
    /// Default values of the positional parameters with defaults.
    pub defaults: Vec<Value>,
    /// The enclosing environment.
    pub env: Option<Rc<Env>>,
    /// Attributes set by the script (`__qualname__`, `__wrapped__`, ...).
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
    /// Its serial number (the fake address in its repr).
    pub serial: u64,
}

impl Func {
    /// `__qualname__` (the script may have replaced it).
    pub fn qualname(&self) -> Option<String> {
        match self.dict.borrow().get("__qualname__") {
            Some(Value::Str(s)) => Some(s.to_string()),
            Some(_) => None,
            None => Some(self.proto.qualname.to_owned()),
        }
    }
}

/// A built-in callable.
pub struct BuiltinFn {
    /// Its name.
    pub name: &'static str,
    /// The bound object (for methods).
    pub this: Option<Value>,
}

/// A class.
#[derive(Default)]
pub struct Class {
    /// `__name__`.
    pub name: Rc<str>,
    /// The base class (exception classes: the first base).
    pub base: Option<Rc<Class>>,
    /// Whether it is a built-in type (int, str, ...) rather than an exception class.
    pub builtin_type: bool,
    /// `__qualname__` of a user class.
    pub qualname: Option<Rc<str>>,
    /// `__bases__` of a user class.
    pub bases: Vec<Rc<Class>>,
    /// `__mro__` without the class itself (C3 linearization).
    pub mro: Vec<Rc<Class>>,
    /// The class namespace of a user class (`__dict__`).
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
    /// Whether the class was made by a `class` statement.
    pub user: bool,
    /// The names annotated in the class body, in order (dataclass fields).
    pub annotations: Vec<Rc<str>>,
    /// The fields and options given by `@dataclass`.
    pub dataclass: RefCell<Option<Rc<super::dataclasses::Spec>>>,
    /// An enum's canonical members, in definition order.
    pub members: RefCell<Vec<Value>>,
    /// What a user class is charged on the script's heap (held for its `Drop`).
    #[allow(dead_code)]
    pub charge: HeapCharge,
}

/// Bytes charged to the script's heap, credited back when dropped.
#[derive(Default)]
pub struct HeapCharge(usize);

impl HeapCharge {
    /// The size of a user class (namespace and MRO) on the heap.
    pub(crate) fn class(nattrs: usize, nmro: usize) -> HeapCharge {
        let n = 256 + super::heap::dict_bytes(nattrs) + nmro * 8;
        super::heap::charge(n);
        HeapCharge(n)
    }
}

impl Drop for HeapCharge {
    fn drop(&mut self) {
        super::heap::credit(self.0);
    }
}

impl Class {
    /// Whether `self` is `other` or derives from it.
    pub fn is_subclass(&self, other: &Class) -> bool {
        if std::ptr::eq(self, other) || self.mro.iter().any(|c| std::ptr::eq(&**c, other)) {
            return true;
        }
        let mut c = self.base.as_deref();
        while let Some(k) = c {
            if std::ptr::eq(k, other) || k.mro.iter().any(|c| std::ptr::eq(&**c, other)) {
                return true;
            }
            c = k.base.as_deref();
        }
        false
    }

    /// Looks `name` up in the class and its MRO (user classes' namespaces).
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.dict.borrow().get(name) {
            return Some(v.clone());
        }
        self.mro.iter().find_map(|c| c.dict.borrow().get(name).cloned())
    }

    /// Whether `self` is, or derives from, the built-in class called `name`.
    pub fn is_subclass_named(&self, name: &str) -> bool {
        let mut c = Some(self);
        while let Some(k) = c {
            if !k.user && &*k.name == name {
                return true;
            }
            c = k.base.as_deref();
        }
        false
    }

    /// Whether the class is `enum.Enum` or derives from it.
    pub fn is_enum(&self) -> bool {
        let is = |c: &Class| c.user && c.qualname.is_none() && &*c.name == "Enum";
        is(self) || self.mro.iter().any(|c| is(c))
    }

    /// Whether the class derives from `enum.IntEnum`.
    pub fn is_int_enum(&self) -> bool {
        let is = |c: &Class| c.user && c.qualname.is_none() && &*c.name == "IntEnum";
        is(self) || self.mro.iter().any(|c| is(c))
    }

    /// Whether instances are exception objects.
    pub fn is_exception(&self) -> bool {
        !self.builtin_type && (self.base.is_some() || &*self.name == "BaseException")
    }

    /// `__qualname__`.
    pub fn qualname(&self) -> Rc<str> {
        self.qualname.clone().unwrap_or_else(|| self.name.clone())
    }
}

/// An exception object.
pub struct ExcObj {
    /// Its class.
    pub class: Rc<Class>,
    /// `args`.
    pub args: RefCell<Vec<Value>>,
    /// Attributes set by the script (`self.code = ...` in a subclass).
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
    /// `__cause__`.
    pub cause: RefCell<Value>,
    /// The script line where it was raised.
    pub line: std::cell::Cell<u32>,
    /// Set for the interpreter's own abort (budget): no `except` matches it.
    pub abort: bool,
}

/// A coroutine object.
pub struct CoroObj {
    /// `__qualname__`.
    pub name: &'static str,
    /// The coroutine, until awaited or wrapped in a task.
    pub coro: RefCell<Option<Coro<BoxFut>>>,
    /// For `asyncio.sleep(...)`: set when it becomes a task's coroutine.
    pub task_body: Option<Rc<std::cell::Cell<bool>>>,
}

/// A Task.
pub enum TaskObj {
    /// A task created by the script.
    Typed(Task<Value>),
    /// A task known only by reference (main, from `current_task()`).
    Ref(TaskRef),
}

impl TaskObj {
    /// The task id.
    pub fn id(&self) -> u32 {
        match self {
            TaskObj::Typed(t) => t.id(),
            TaskObj::Ref(r) => r.id(),
        }
    }
}

/// A future: plain, or returned by `shield` or `gather`.
pub enum FutObj {
    /// `asyncio.Future()` / `loop.create_future()`.
    Plain(super::futures::PlainFut),
    /// `asyncio.shield(...)`.
    Shield(Shield<Value>),
    /// `asyncio.gather(...)`.
    Gather(Gather<Value>),
    /// `asyncio.gather(..., return_exceptions=True)`.
    Settled(GatherSettled<Value>),
    /// `loop.run_in_executor(None, f, ...)`: a worker thread's job.
    Job(crate::runtime::JobFuture<Value>),
}

/// `asyncio.timeout(delay)` / `timeout_at(when)` before it is entered.
pub struct TimeoutObj {
    /// The delay (relative) or the deadline (absolute); `None`: no deadline.
    pub delay: Option<f64>,
    /// Whether `delay` is an absolute deadline.
    pub absolute: bool,
}

impl Value {
    /// A `str` value.
    pub fn str(s: &str) -> Value {
        Value::Str(s.into())
    }

    /// A `list` value.
    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Obj::new(v))
    }

    /// A `tuple` value.
    pub fn tuple(v: Vec<Value>) -> Value {
        Value::Tuple(Tup::new(v))
    }

    /// A `dict` value.
    pub fn dict(d: Dict) -> Value {
        Value::Dict(Obj::new(d))
    }

    /// A `set` value.
    pub fn set(s: IndexMap<HKey, Value>) -> Value {
        Value::Set(Obj::new(s))
    }

    /// Python's type name.
    pub fn type_name(&self) -> &str {
        match self {
            Value::Undefined => "undefined",
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::Big(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::Range(..) => "range",
            Value::Slice(_) => "slice",
            Value::Func(_) => "function",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::Class(_) => "type",
            Value::Exc(e) => &e.class.name,
            Value::Coro(_) => "coroutine",
            Value::Task(_) => "Task",
            Value::Handle(h) => super::futures::handle_type(h),
            Value::Future(f) => match &**f {
                FutObj::Shield(_) | FutObj::Job(_) | FutObj::Plain(_) => "Future",
                _ => "_GatheringFuture",
            },
            Value::Module(_) => "module",
            Value::Iter(_) => "iterator",
            Value::Timeout(_) => "Timeout",
            Value::Loop => "_UnixSelectorEventLoop",
            Value::TaskGroup(_) => "TaskGroup",
            Value::Sync(o) => o.type_name(),
            Value::AsCompleted(_) => "_AsCompletedIterator",
            Value::Instance(i) => &i.class.name,
            Value::Native(n) => match &**n {
                Native::Method { .. } => "method",
                Native::Super { .. } => "super",
                Native::StaticMethod(_) => "staticmethod",
                Native::ClassMethod(_) => "classmethod",
                Native::Property { .. } => "property",
                Native::Partial { .. } => "functools.partial",
                Native::Cache { .. } => "functools._lru_cache_wrapper",
                Native::Decorator { .. } => "function",
                Native::Field(_) => "Field",
                Native::Auto => "auto",
            },
            Value::NotImplemented => "NotImplementedType",
            Value::Gen(g) => g.kind,
            Value::AgenAwait(a) => a.kind,
            Value::CtxMgr(c) => c.type_name(),
            Value::TypeForm(t) => t.type_name(),
        }
    }

    /// Python's truth value.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Undefined | Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Set(s) => !s.borrow().is_empty(),
            Value::Range(a, b, s) => range_len(*a, *b, *s) > 0,
            // `__bool__`/`__len__`; an exception they raise counts as true here
            // (the interpreter's own truth tests use `Interp::truthy`).
            Value::Instance(_) => super::interp::hook(|it| it.truthy(self)).unwrap_or(true),
            _ => true,
        }
    }

    /// The hash key; unhashable values and structures nested too deep are errors.
    pub fn hkey(&self) -> Result<HKey, Halt> {
        Ok(match self {
            Value::None => HKey::None,
            Value::Bool(b) => HKey::Int(i64::from(*b)),
            Value::Int(i) => HKey::Int(*i),
            Value::Big(b) => HKey::Big((**b).clone()),
            #[allow(clippy::cast_possible_truncation, clippy::float_cmp, clippy::cast_precision_loss)]
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.0e18 {
                    HKey::Int(*f as i64)
                } else if f.fract() == 0.0 && f.is_finite() {
                    match super::bigint::from_f64(*f) {
                        Value::Big(b) => HKey::Big((*b).clone()),
                        Value::Int(i) => HKey::Int(i),
                        _ => HKey::Float(f.to_bits()),
                    }
                } else {
                    HKey::Float(f.to_bits())
                }
            }
            Value::Str(s) => HKey::Str(s.clone()),
            Value::Tuple(t) => {
                let _g = enter(" while getting the hash of an object")?;
                HKey::Tuple(t.iter().map(Value::hkey).collect::<Result<Vec<_>, _>>()?)
            }
            Value::Slice(p) => HKey::Slice(p.iter().map(Value::hkey).collect::<Result<Vec<_>, _>>()?),
            Value::List(_) | Value::Dict(_) | Value::Set(_) => {
                return Err(Halt::Unhashable(self.type_name().to_owned()));
            }
            Value::Task(t) => HKey::Id(0x1000_0000 + t.id() as usize),
            Value::Instance(_) => return super::interp::hook(|it| it.instance_hkey(self)),
            other => HKey::Id(other.identity()),
        })
    }

    /// An identity for `is` and hashing of objects.
    pub fn identity(&self) -> usize {
        match self {
            Value::List(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Dict(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Set(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Tuple(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Str(r) => r.addr(),
            Value::Slice(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Func(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Builtin(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Class(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Exc(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Coro(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Task(r) => 0x1000_0000 + r.id() as usize,
            Value::Future(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Handle(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Iter(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Timeout(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::TaskGroup(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Sync(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::AsCompleted(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Instance(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Native(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::NotImplemented => 1,
            Value::Loop => 2,
            Value::Gen(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::AgenAwait(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::CtxMgr(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::TypeForm(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Module(m) => m.as_ptr() as usize,
            Value::Big(r) => Rc::as_ptr(r) as *const u8 as usize,
            _ => 0,
        }
    }
}

/// The length of `range(a, b, s)`.
pub fn range_len(a: i64, b: i64, s: i64) -> i64 {
    let (a, b, s) = (i128::from(a), i128::from(b), i128::from(s));
    let n = if s > 0 && a < b {
        (b - a - 1) / s + 1
    } else if s < 0 && a > b {
        (a - b - 1) / (-s) + 1
    } else {
        0
    };
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// CPython 3.13's C recursion limit: comparing, printing or hashing
/// containers nested this deep raises RecursionError (CPython: 10,000).
pub const C_RECURSION_LIMIT: u32 = 10_000;

thread_local! {
    static C_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Why a value-level operation stopped (the interpreter turns it into an exception).
#[derive(Debug, Clone)]
pub enum Halt {
    /// Nested deeper than [`C_RECURSION_LIMIT`]: RecursionError with this suffix.
    Deep(&'static str),
    /// The result would exceed the script's heap: MemoryError.
    Memory,
    /// `unhashable type: '...'`: TypeError.
    Unhashable(String),
    /// A Python exception raised by a dunder method (`__repr__`, `__eq__`, ...).
    Raised(Rc<ExcObj>),
    /// An int with more decimal digits than CPython converts: ValueError.
    IntDigits,
}

/// One level of the shared C-recursion counter (comparison, repr, str, hash).
pub(crate) struct DepthGuard;

impl Drop for DepthGuard {
    fn drop(&mut self) {
        let _ = C_DEPTH.try_with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Enters one level of the shared recursion counter; `what` names the operation
/// as CPython's message does (`" in comparison"`).
pub(crate) fn enter(what: &'static str) -> Result<DepthGuard, Halt> {
    let d = C_DEPTH.with(std::cell::Cell::get);
    if d >= C_RECURSION_LIMIT {
        return Err(Halt::Deep(what));
    }
    C_DEPTH.with(|c| c.set(d + 1));
    Ok(DepthGuard)
}

const IN_COMPARISON: &str = " in comparison";

/// `PyObject_RichCompareBool(a, b, Py_EQ)`: the same object is equal to itself.
pub fn item_eq(a: &Value, b: &Value) -> Result<bool, Halt> {
    let (x, y) = (a.identity(), b.identity());
    if x != 0 && x == y {
        return Ok(true);
    }
    py_eq(a, b)
}

/// Python's `==`.
pub fn py_eq(a: &Value, b: &Value) -> Result<bool, Halt> {
    #[allow(clippy::cast_precision_loss, clippy::float_cmp)]
    Ok(match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(_) | Value::Bool(_), Value::Int(_) | Value::Bool(_)) => as_int(a) == as_int(b),
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Big(x), Value::Big(y)) => ***x == ***y,
        (Value::Big(_), Value::Int(_) | Value::Bool(_)) | (Value::Int(_) | Value::Bool(_), Value::Big(_)) => false,
        (Value::Float(x), Value::Int(_) | Value::Bool(_) | Value::Big(_)) => int_float_eq(b, *x),
        (Value::Int(_) | Value::Bool(_) | Value::Big(_), Value::Float(y)) => int_float_eq(a, *y),
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            let _g = enter(IN_COMPARISON)?;
            seq_eq(&x.borrow(), &y.borrow())?
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            let _g = enter(IN_COMPARISON)?;
            seq_eq(x, y)?
        }
        (Value::Slice(x), Value::Slice(y)) => {
            let _g = enter(IN_COMPARISON)?;
            seq_eq(&x[..], &y[..])?
        }
        (Value::Dict(x), Value::Dict(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            let _g = enter(IN_COMPARISON)?;
            let (x, y) = (x.borrow(), y.borrow());
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, (_, v)) in x.iter() {
                match y.get(k) {
                    Some((_, w)) if item_eq(v, w)? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        (Value::Set(x), Value::Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.keys().all(|k| y.contains_key(k))
        }
        (Value::Range(a1, b1, s1), Value::Range(a2, b2, s2)) => {
            // ranges compare as sequences
            let (n1, n2) = (range_len(*a1, *b1, *s1), range_len(*a2, *b2, *s2));
            n1 == n2 && (n1 == 0 || (a1 == a2 && (n1 == 1 || s1 == s2)))
        }
        (Value::Module(x), Value::Module(y)) => x == y,
        (Value::Loop, Value::Loop) => true,
        (Value::Instance(_), _) | (_, Value::Instance(_)) => {
            return super::interp::hook(|it| it.rich_eq(a, b));
        }
        (Value::TypeForm(x), Value::TypeForm(y)) => x.repr() == y.repr(),
        _ => {
            let (x, y) = (a.identity(), b.identity());
            x != 0 && x == y
        }
    })
}

/// `int == float`, exactly (CPython compares without rounding the int).
fn int_float_eq(i: &Value, f: f64) -> bool {
    match i {
        Value::Big(b) => super::bigint::cmp_float(b, f) == Some(std::cmp::Ordering::Equal),
        _ => as_int(i).is_some_and(|i| {
            super::bigint::cmp_float(&num_bigint::BigInt::from(i), f) == Some(std::cmp::Ordering::Equal)
        }),
    }
}

fn seq_eq(x: &[Value], y: &[Value]) -> Result<bool, Halt> {
    if x.len() != y.len() {
        return Ok(false);
    }
    for (a, b) in x.iter().zip(y.iter()) {
        if !item_eq(a, b)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// Python's `repr()` for taskline's own messages and logs: a structure
/// nested too deep (or too big) shows as `...` there; the script's own
/// `repr`/`str`/f-strings use [`try_repr`] and raise.
pub fn repr(v: &Value) -> String {
    try_repr(v).unwrap_or_else(|_| "...".into())
}

/// Python's `repr()`, or why it cannot be made.
pub fn try_repr(v: &Value) -> Result<String, Halt> {
    let mut s = String::new();
    write_repr(v, &mut s)?;
    Ok(s)
}

/// Python's `str()` for taskline's own messages (see [`repr`]).
pub fn to_str(v: &Value) -> String {
    try_str(v).unwrap_or_else(|_| "...".into())
}

/// Python's `str()`, or why it cannot be made.
pub fn try_str(v: &Value) -> Result<String, Halt> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Exc(e) => try_exc_str(e),
        Value::Sync(o) => {
            let mut out = String::new();
            super::sync::write_repr(o, true, &mut out, &|x| try_repr(x).unwrap_or_else(|_| "...".into()));
            Ok(out)
        }
        Value::Instance(_) => super::interp::hook(|it| it.instance_str(v)),
        _ => try_repr(v),
    }
}

/// `str(exc)`.
pub fn exc_str(e: &Rc<ExcObj>) -> String {
    try_exc_str(e).unwrap_or_else(|_| "...".into())
}

fn try_exc_str(e: &Rc<ExcObj>) -> Result<String, Halt> {
    if e.class.user && e.class.lookup("__str__").is_some() {
        return super::interp::hook(|it| it.user_exc_str(e));
    }
    let args = e.args.borrow();
    if e.class.name.ends_with("ExceptionGroup") && args.len() == 2 {
        let n = match &args[1] {
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            _ => 0,
        };
        return Ok(format!("{} ({n} sub-exception{})", try_str(&args[0])?, if n == 1 { "" } else { "s" }));
    }
    match args.len() {
        0 => Ok(String::new()),
        1 => {
            if e.class.is_subclass_named("KeyError") {
                try_repr(&args[0])
            } else {
                let _g = enter(REPR_WHAT)?;
                try_str(&args[0])
            }
        }
        _ => try_repr(&Value::tuple(args.clone())),
    }
}

const REPR_WHAT: &str = " while getting the repr of an object";

fn write_seq(items: &[Value], open: &str, close: &str, out: &mut String) -> Result<(), Halt> {
    out.push_str(open);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(x, out)?;
    }
    out.push_str(close);
    Ok(())
}

/// `Py_ReprEnter`: `None` if `id` is already being printed (a cycle).
struct ReprGuard(usize);

impl ReprGuard {
    fn enter(id: usize) -> Option<ReprGuard> {
        REPR_ACTIVE.with(|a| {
            let mut a = a.borrow_mut();
            if a.contains(&id) {
                return None;
            }
            a.push(id);
            Some(ReprGuard(id))
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        let _ = REPR_ACTIVE.try_with(|a| {
            let mut a = a.borrow_mut();
            if let Some(p) = a.iter().rposition(|x| *x == self.0) {
                a.remove(p);
            }
        });
    }
}

fn write_repr(v: &Value, out: &mut String) -> Result<(), Halt> {
    if !super::heap::fits(out.len()) {
        return Err(Halt::Memory);
    }
    match v {
        Value::Undefined => out.push_str("<undefined>"),
        Value::None => out.push_str("None"),
        Value::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Big(b) => match super::bigint::to_decimal(b) {
            Some(d) => out.push_str(&d),
            None => return Err(Halt::IntDigits),
        },
        Value::Float(f) => out.push_str(&pyfmt::float_repr(*f)),
        Value::Str(s) => out.push_str(&pyfmt::str_repr(s)),
        Value::List(l) => {
            let _d = enter(REPR_WHAT)?;
            let Some(_g) = ReprGuard::enter(v.identity()) else {
                out.push_str("[...]");
                return Ok(());
            };
            write_seq(&l.borrow(), "[", "]", out)?;
        }
        Value::Tuple(t) => {
            let _d = enter(REPR_WHAT)?;
            if t.len() == 1 {
                out.push('(');
                write_repr(&t[0], out)?;
                out.push_str(",)");
            } else {
                write_seq(t, "(", ")", out)?;
            }
        }
        Value::Slice(p) => {
            let _d = enter(REPR_WHAT)?;
            write_seq(&p[..], "slice(", ")", out)?;
        }
        Value::Dict(d) => {
            let _d = enter(REPR_WHAT)?;
            let Some(_g) = ReprGuard::enter(v.identity()) else {
                out.push_str("{...}");
                return Ok(());
            };
            out.push('{');
            for (i, (k, v)) in d.borrow().values().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(k, out)?;
                out.push_str(": ");
                write_repr(v, out)?;
            }
            out.push('}');
        }
        Value::Set(s) => {
            let _d = enter(REPR_WHAT)?;
            let s = s.borrow();
            if s.is_empty() {
                out.push_str("set()");
            } else {
                let items = set_order(&s);
                write_seq(&items, "{", "}", out)?;
            }
        }
        Value::Range(a, b, s) => {
            if *s == 1 {
                let _ = write!(out, "range({a}, {b})");
            } else {
                let _ = write!(out, "range({a}, {b}, {s})");
            }
        }
        Value::Func(f) => {
            let q = f.qualname().unwrap_or_else(|| f.proto.qualname.to_owned());
            let _ = write!(out, "<function {q} at {}>", fake_addr(f.serial));
        }
        Value::Builtin(b) => match &b.this {
            Some(this) => {
                let _ = write!(out, "<built-in method {} of {} object at 0x?>", b.name, this.type_name());
            }
            None => {
                let _ = write!(out, "<built-in function {}>", b.name);
            }
        },
        Value::Class(c) => {
            if c.builtin_type {
                let _ = write!(out, "<class '{}'>", c.name);
            } else if matches!(&*c.name, "CancelledError" | "InvalidStateError") {
                let _ = write!(out, "<class 'asyncio.exceptions.{}'>", c.name);
            } else if is_builtin_exc_name(&c.name) {
                let _ = write!(out, "<class '{}'>", c.name);
            } else if c.user && c.is_enum() {
                let _ = write!(out, "<enum '{}'>", c.name);
            } else if c.user && c.qualname.is_none() {
                let _ = write!(out, "<class '{}'>", c.name);
            } else {
                let _ = write!(out, "<class '__main__.{}'>", c.qualname());
            }
        }
        Value::Exc(e) if e.class.user && e.class.lookup("__repr__").is_some() => {
            let _d = enter(REPR_WHAT)?;
            out.push_str(&super::interp::hook(|it| it.dunder_repr(v))?);
        }
        Value::Exc(e) => {
            let _d = enter(REPR_WHAT)?;
            out.push_str(&e.class.name);
            let args = e.args.borrow();
            if args.len() == 1 {
                out.push('(');
                write_repr(&args[0], out)?;
                out.push(')');
            } else {
                write_seq(&args, "(", ")", out)?;
            }
        }
        Value::Instance(_) => {
            // no cycle guard: a `__repr__` that recurses hits the recursion limit, as in CPython
            let _d = enter(REPR_WHAT)?;
            out.push_str(&super::interp::hook(|it| it.dunder_repr(v))?);
        }
        Value::NotImplemented => out.push_str("NotImplemented"),
        Value::Native(n) => match &**n {
            Native::Method { func, this } => {
                let q = match func {
                    Value::Func(f) => f.qualname().unwrap_or_default(),
                    other => other.type_name().to_owned(),
                };
                let _ = write!(out, "<bound method {q} of ");
                write_repr(this, out)?;
                out.push('>');
            }
            Native::Super { class, this } => {
                let _ = write!(out, "<super: <class '{}'>, <{} object>>", class.name, this.type_name());
            }
            Native::Partial { func, args, kwargs } => {
                out.push_str("functools.partial(");
                write_repr(func, out)?;
                for a in args {
                    out.push_str(", ");
                    write_repr(a, out)?;
                }
                for (k, a) in kwargs {
                    let _ = write!(out, ", {k}=");
                    write_repr(a, out)?;
                }
                out.push(')');
            }
            Native::Cache { func, .. } => write_repr(func, out)?,
            Native::StaticMethod(f) | Native::ClassMethod(f) => {
                let _ = write!(out, "<{}(", v.type_name());
                write_repr(f, out)?;
                out.push_str(")>");
            }
            Native::Field(f) => {
                let _ =
                    write!(out, "Field(name={},default=", f.name.as_deref().map_or("None".to_owned(), pyfmt::str_repr));
                write_repr(f.default.as_ref().unwrap_or(&Value::None), out)?;
                out.push(')');
            }
            Native::Auto => out.push_str("<enum.auto object>"),
            Native::Property { .. } | Native::Decorator { .. } => {
                let _ = write!(out, "<{} object at {}>", v.type_name(), fake_addr(v.identity() as u64 / 16));
            }
        },
        Value::Coro(c) => {
            let _ = write!(out, "<coroutine object {} at 0x?>", c.name);
        }
        Value::Task(t) => {
            let (name, done) = match &**t {
                TaskObj::Typed(t) => (t.name(), t.done()),
                TaskObj::Ref(r) => (r.name(), r.done()),
            };
            let state = if done { "finished" } else { "pending" };
            let _ = write!(out, "<Task {state} name={}>", pyfmt::str_repr(&name));
        }
        Value::Future(f) => match &**f {
            FutObj::Plain(p) => out.push_str(&super::futures::future_repr(p)),
            _ => out.push_str("<Future pending>"),
        },
        Value::Handle(h) => out.push_str(&h.repr()),
        Value::Module(m) => {
            let _ = write!(out, "<module '{m}'>");
        }
        Value::Iter(_) => out.push_str("<iterator object at 0x?>"),
        Value::Gen(g) => {
            if matches!(g.kind, "generator" | "async_generator") {
                let _ = write!(out, "<{} object {} at 0x?>", g.kind, g.name);
            } else {
                let _ = write!(out, "<{} object at 0x?>", g.kind);
            }
        }
        Value::AgenAwait(a) => {
            let _ = write!(out, "<{} object at 0x?>", a.kind);
        }
        Value::CtxMgr(c) => {
            let _ = write!(out, "<contextlib.{} object at 0x?>", c.type_name());
        }
        Value::Timeout(_) => out.push_str("<Timeout [created]>"),
        Value::Sync(o) => {
            super::sync::write_repr(o, false, out, &|x| try_repr(x).unwrap_or_else(|_| "...".into()));
        }
        Value::Loop => out.push_str("<_UnixSelectorEventLoop running=True closed=False debug=False>"),
        Value::AsCompleted(_) => out.push_str("<asyncio.tasks._AsCompletedIterator object at 0x?>"),
        Value::TypeForm(t) => out.push_str(&t.repr()),
        Value::TaskGroup(tg) => {
            let st = tg.st.borrow();
            out.push_str("<TaskGroup");
            if !st.tasks.is_empty() {
                let _ = write!(out, " tasks={}", st.tasks.len());
            }
            if !st.errors.is_empty() {
                let _ = write!(out, " errors={}", st.errors.len());
            }
            if st.aborting {
                out.push_str(" cancelling");
            } else if st.entered {
                out.push_str(" entered");
            }
            out.push('>');
        }
    }
    Ok(())
}

/// Whether `name` is one of Python's built-in exception names.
pub fn is_builtin_exc_name(name: &str) -> bool {
    matches!(
        name,
        "BaseException"
            | "Exception"
            | "ArithmeticError"
            | "ZeroDivisionError"
            | "OverflowError"
            | "LookupError"
            | "KeyError"
            | "IndexError"
            | "ValueError"
            | "TypeError"
            | "NameError"
            | "UnboundLocalError"
            | "AttributeError"
            | "RuntimeError"
            | "RecursionError"
            | "NotImplementedError"
            | "AssertionError"
            | "StopIteration"
            | "StopAsyncIteration"
            | "GeneratorExit"
            | "OSError"
            | "TimeoutError"
            | "ConnectionError"
            | "BrokenPipeError"
            | "ConnectionAbortedError"
            | "ConnectionRefusedError"
            | "ConnectionResetError"
            | "FileNotFoundError"
            | "FileExistsError"
            | "PermissionError"
            | "InterruptedError"
            | "BlockingIOError"
            | "IsADirectoryError"
            | "NotADirectoryError"
            | "ProcessLookupError"
            | "ChildProcessError"
            | "EOFError"
            | "BufferError"
            | "FloatingPointError"
            | "UnicodeError"
            | "ReferenceError"
            | "SystemError"
            | "ImportError"
            | "ModuleNotFoundError"
            | "MemoryError"
            | "KeyboardInterrupt"
            | "SystemExit"
            | "BaseExceptionGroup"
            | "ExceptionGroup"
    )
}

impl PyRepr for Value {
    fn py_repr(&self) -> String {
        repr(self)
    }
}

/// The iteration order of a set: CPython's hash-table order for sets of
/// ints (simulating its open addressing), else insertion order.
pub fn set_order(s: &IndexMap<HKey, Value>) -> Vec<Value> {
    let mut hashes = Vec::with_capacity(s.len());
    for k in s.keys() {
        match k {
            HKey::Int(i) if i.unsigned_abs() < (1u64 << 61) - 1 => hashes.push(if *i == -1 { -2 } else { *i }),
            _ => return s.values().cloned().collect(),
        }
    }
    let values: Vec<&Value> = s.values().collect();
    // CPython's set_add_entry / set_table_resize, without deletions.
    let mut mask: usize = 7;
    let mut table: Vec<Option<usize>> = vec![None; 8];
    let mut used = 0usize;
    fn insert(table: &mut [Option<usize>], mask: usize, hash: i64, idx: usize) {
        #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
        let mut perturb = hash as u64 as usize;
        #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + 9 <= mask { 9 } else { 0 };
            for j in 0..=probes {
                if table[i + j].is_none() {
                    table[i + j] = Some(idx);
                    return;
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }
    for (idx, &h) in hashes.iter().enumerate() {
        insert(&mut table, mask, h, idx);
        used += 1;
        if used * 5 >= mask * 3 {
            let minused = if used > 50000 { used * 2 } else { used * 4 };
            let mut size = 8;
            while size <= minused {
                size <<= 1;
            }
            let old: Vec<usize> = table.iter().flatten().copied().collect();
            mask = size - 1;
            table = vec![None; size];
            for o in old {
                insert(&mut table, mask, hashes[o], o);
            }
        }
    }
    table.into_iter().flatten().map(|i| values[i].clone()).collect()
}
