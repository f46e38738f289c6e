//! The tree-walking interpreter: statements run as async Rust on taskline's
//! runtime (each `await` an instrumented await point), expressions without
//! `await` on a synchronous fast path.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};

use indexmap::IndexMap;

use super::compile::{BoolOp, CompKind, E, FPart, FuncProto, Module, SK, Stmt, Target, Var};
use super::value::{
    BoxFut, Class, CoroObj, ExcObj, Func, FutObj, HKey, Halt, TaskObj, TimeoutObj, Value, exc_str, range_len, try_repr,
    try_str,
};
use super::{builtins, generator, ops};
use crate::runtime::{self, Awaitable, Error, ErrorKind};

/// A raised Python exception.
pub(crate) type Exc = Rc<ExcObj>;
/// A result of the interpreter.
pub(crate) type R<T> = Result<T, Exc>;

/// How often (in steps) the interpreter asks whether the loop was stopped.
const STOP_CHECK_STEPS: u64 = 1024;

type LBox<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// A function's variables; closures keep their defining environment.
pub struct Env {
    pub(crate) slots: RefCell<Vec<Value>>,
    pub(crate) parent: Option<Rc<Env>>,
}

/// A running function: its environment and the exceptions being handled.
pub(crate) struct Frame {
    pub env: Rc<Env>,
    pub handling: RefCell<Vec<Exc>>,
}

pub(crate) enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

/// Python's call-depth limit.
pub(crate) const MAX_DEPTH: u32 = 1000;

/// The interpreter of one script run.
pub struct Interp {
    pub(crate) file: Rc<str>,
    pub(crate) globals: RefCell<Vec<Value>>,
    /// The module globals' names, by slot (for a debugger's variables view).
    #[allow(dead_code)]
    pub(crate) global_names: Vec<Rc<str>>,
    pub(crate) classes: HashMap<&'static str, Rc<Class>>,
    pub(crate) tasks: RefCell<HashMap<u32, Weak<TaskObj>>>,
    pub(crate) line: Cell<u32>,
    /// Whether each file (by index) is a standard module taskline writes in Python.
    embedded_files: Vec<bool>,
    /// The line of the program's own code that called into such a module (see [`Interp::user_line`]).
    embedded_entry: Cell<u32>,
    synced: Cell<u32>,
    steps: Cell<u64>,
    max_steps: u64,
    /// Test hook: panic at this interpreter step ([`PANIC_AT_STEP_ENV`]).
    panic_at: Option<u64>,
    pub(crate) aborted: Cell<bool>,
    pub(crate) depth: Cell<u32>,
    /// The coroutine given to a module-level `asyncio.run(...)`.
    pub(crate) main: RefCell<Option<Value>>,
    /// The line that starts `main` (the `asyncio.run` call, or `async def main`).
    pub(crate) main_line: Cell<u32>,
    /// The functions of `asyncio` and `time`, made once.
    pub(crate) module_attrs: HashMap<(&'static str, &'static str), Value>,
    /// `print` calls of the top level (before the loop exists): (text, line code).
    pub(crate) module_prints: RefCell<Vec<(String, u32, u8)>>,
    /// The program's files by index (the high bits of a line code); 0 is the entry script.
    pub(crate) files: Vec<Rc<str>>,
    /// The program's own modules (see `modules`), and their index by name.
    pub(crate) modules: Vec<super::modules::LoadedModule>,
    pub(crate) module_index: HashMap<&'static str, usize>,
    /// The `random` module's generator.
    pub(crate) random: RefCell<super::stdlib::random::Mt>,
    /// The seed `random.seed()` (no argument) goes back to: the run's seed.
    pub(crate) random_seed: Cell<u64>,
}

impl std::fmt::Debug for Interp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interp").field("file", &self.file).finish()
    }
}

const EXC_TREE: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("Exception", "BaseException"),
    ("BaseExceptionGroup", "BaseException"),
    ("ExceptionGroup", "Exception"),
    ("CancelledError", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("LookupError", "Exception"),
    ("KeyError", "LookupError"),
    ("IndexError", "LookupError"),
    ("ValueError", "Exception"),
    ("TypeError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("AttributeError", "Exception"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("AssertionError", "Exception"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("OSError", "Exception"),
    ("TimeoutError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileNotFoundError", "OSError"),
    ("FileExistsError", "OSError"),
    ("PermissionError", "OSError"),
    ("InterruptedError", "OSError"),
    ("BlockingIOError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("EOFError", "Exception"),
    ("BufferError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("UnicodeError", "ValueError"),
    ("ReferenceError", "Exception"),
    ("SystemError", "Exception"),
    ("MemoryError", "Exception"),
    ("InvalidStateError", "Exception"),
    ("QueueEmpty", "Exception"),
    ("QueueFull", "Exception"),
    ("QueueShutDown", "Exception"),
    ("BrokenBarrierError", "RuntimeError"),
    ("FrozenInstanceError", "AttributeError"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
];

const TYPES: &[&str] = &[
    "Task",
    "Future",
    "int",
    "float",
    "str",
    "bool",
    "list",
    "tuple",
    "dict",
    "set",
    "range",
    "slice",
    "type",
    "object",
    "NoneType",
    "function",
    "coroutine",
    "traceback",
    "generator",
    "async_generator",
];

/// Hidden test hook: when this environment variable holds a number `n`,
/// the interpreter panics at its `n`-th step, as a bug in taskline would
/// (used to test that a panic keeps the log and exits with status 4).
#[doc(hidden)]
pub const PANIC_AT_STEP_ENV: &str = "TASKLINE_TEST_PANIC_AT_STEP";

impl Interp {
    pub(crate) fn new(file: &str, module: &Module, max_steps: u64) -> Interp {
        let mut classes: HashMap<&'static str, Rc<Class>> = HashMap::new();
        for (name, base) in EXC_TREE {
            let base = if base.is_empty() { None } else { classes.get(base).cloned() };
            // ExceptionGroup derives from both BaseExceptionGroup and Exception
            let mro = if *name == "ExceptionGroup" {
                classes.get("BaseExceptionGroup").cloned().into_iter().collect()
            } else {
                Vec::new()
            };
            classes.insert(name, Rc::new(Class { name: (*name).into(), base, mro, ..Class::default() }));
        }
        for t in TYPES {
            classes.insert(t, Rc::new(Class { name: (*t).into(), builtin_type: true, ..Class::default() }));
        }
        let (enum_base, int_enum) = super::dataclasses::enum_bases();
        classes.insert("Enum", enum_base);
        classes.insert("IntEnum", int_enum);
        let mut globals = vec![Value::Undefined; module.globals.len()];
        for (i, name) in module.globals.iter().enumerate() {
            if let Some(v) = builtins::builtin_value(name, &classes) {
                globals[i] = v;
            } else if &**name == "__name__" {
                globals[i] = Value::str("__main__");
            }
        }
        Interp {
            file: file.into(),
            globals: RefCell::new(globals),
            global_names: module.globals.clone(),
            classes,
            tasks: RefCell::new(HashMap::new()),
            line: Cell::new(0),
            synced: Cell::new(0),
            steps: Cell::new(0),
            max_steps,
            panic_at: std::env::var(PANIC_AT_STEP_ENV).ok().and_then(|v| v.parse().ok()),
            aborted: Cell::new(false),
            depth: Cell::new(0),
            main: RefCell::new(None),
            main_line: Cell::new(0),
            module_attrs: builtins::module_functions(),
            embedded_files: vec![false],
            embedded_entry: Cell::new(0),
            module_prints: RefCell::new(Vec::new()),
            files: vec![Rc::from(file)],
            modules: Vec::new(),
            module_index: HashMap::new(),
            random: RefCell::new(super::stdlib::random::Mt::new(super::stdlib::random::DEFAULT_SEED)),
            random_seed: Cell::new(super::stdlib::random::DEFAULT_SEED),
        }
    }

    /// Adds the program's modules (after the entry script's): their global
    /// slots follow the entry's, in load order (`modules::load_program`).
    pub(crate) fn add_modules(&mut self, files: Vec<Rc<str>>, modules: Vec<super::modules::LocalModule>) {
        self.embedded_files = files.iter().map(|f| f.starts_with(super::modules::EMBEDDED_PREFIX)).collect();
        self.files = files;
        let globals = self.globals.get_mut();
        let mut names = self.global_names.clone();
        for m in modules {
            let base = globals.len();
            let mut slots = HashMap::new();
            for (i, name) in m.body.globals.iter().enumerate() {
                let v = if &**name == "__name__" {
                    Value::str(m.name)
                } else {
                    builtins::builtin_value(name, &self.classes).unwrap_or_default()
                };
                globals.push(v);
                names.push(name.clone());
                slots.insert(name.clone(), u32::try_from(base + i).unwrap_or(u32::MAX));
            }
            self.module_index.insert(m.name, self.modules.len());
            self.modules.push(super::modules::LoadedModule::new(m, slots));
        }
        self.global_names = names;
    }

    /// The file and line of a line code.
    pub(crate) fn place(&self, code: u32) -> (Rc<str>, u32) {
        let (file, line) = super::compile::split_line(code);
        (self.files.get(file).cloned().unwrap_or_else(|| self.file.clone()), line)
    }

    pub(crate) fn class(&self, name: &str) -> Rc<Class> {
        match self.classes.get(name) {
            Some(c) => c.clone(),
            None => {
                Rc::new(Class { name: name.into(), base: self.classes.get("Exception").cloned(), ..Class::default() })
            }
        }
    }

    /// A new exception of a built-in class.
    pub(crate) fn exc(&self, class: &str, msg: impl Into<String>) -> Exc {
        let msg: String = msg.into();
        Rc::new(ExcObj {
            class: self.class(class),
            args: RefCell::new(vec![Value::Str(msg.into())]),
            dict: RefCell::default(),
            cause: RefCell::new(Value::None),
            line: Cell::new(self.line.get()),
            abort: false,
        })
    }

    /// An exception object with these args.
    pub(crate) fn exc_args(&self, class: Rc<Class>, args: Vec<Value>) -> Exc {
        Rc::new(ExcObj {
            class,
            args: RefCell::new(args),
            dict: RefCell::default(),
            cause: RefCell::new(Value::None),
            line: Cell::new(self.line.get()),
            abort: false,
        })
    }

    /// The exception for a value-level [`Halt`].
    pub(crate) fn halt(&self, h: Halt) -> Exc {
        match h {
            Halt::Deep(what) => self.exc("RecursionError", format!("maximum recursion depth exceeded{what}")),
            Halt::Memory => self.memory_error(),
            Halt::Unhashable(t) => self.exc("TypeError", format!("unhashable type: '{t}'")),
            Halt::Raised(e) => e,
            Halt::IntDigits => self.exc("ValueError", super::bigint::TOO_MANY_DIGITS),
        }
    }

    /// `MemoryError`: the script's live heap would pass its limit.
    pub(crate) fn memory_error(&self) -> Exc {
        super::heap::trip();
        self.exc(
            "MemoryError",
            format!("taskline: the script's values would take more than {} MiB (max_heap)", super::heap::limit() >> 20),
        )
    }

    /// Checks that `bytes` more fit in the script's heap, before allocating them.
    pub(crate) fn reserve(&self, bytes: usize) -> R<()> {
        if super::heap::fits(bytes) { Ok(()) } else { Err(self.memory_error()) }
    }

    /// `repr(v)` for the script (RecursionError / MemoryError instead of a result).
    pub(crate) fn repr(&self, v: &Value) -> R<String> {
        try_repr(v).map_err(|h| self.halt(h))
    }

    /// `str(v)` for the script.
    pub(crate) fn to_str(&self, v: &Value) -> R<String> {
        try_str(v).map_err(|h| self.halt(h))
    }

    /// Counts `n` steps of a built-in's internal loop at once, before doing them.
    pub(crate) fn ticks(&self, n: u64) -> R<()> {
        let total = self.steps.get().saturating_add(n.saturating_sub(1));
        self.steps.set(total);
        self.tick()
    }

    pub(crate) fn type_error<T>(&self, msg: impl Into<String>) -> R<T> {
        Err(self.exc("TypeError", msg))
    }

    /// Whether the line code `code` is in a standard module taskline writes in Python.
    fn in_embedded(&self, code: u32) -> bool {
        let (file, _) = super::compile::split_line(code);
        self.embedded_files.get(file).copied().unwrap_or(false)
    }

    /// The current line in the program's own code: inside a standard module
    /// taskline writes in Python (`sys`, `collections`, …), the line that
    /// called into it, as CPython's C-implemented modules would show.
    pub(crate) fn user_line(&self) -> u32 {
        let cur = self.line.get();
        if self.in_embedded(cur) && self.embedded_entry.get() != 0 { self.embedded_entry.get() } else { cur }
    }

    /// Makes the runtime record the script's current line.
    pub(crate) fn sync_loc(&self) {
        let line = self.line.get();
        if self.synced.get() != line {
            self.synced.set(line);
            let (file, line) = super::compile::split_line(line);
            runtime::set_script_location(Some(self.files.get(file).unwrap_or(&self.file)), line);
        }
    }

    /// Counts one step; stops a runaway script (the step budget, or the loop's own budget).
    pub(crate) fn tick(&self) -> R<()> {
        let n = self.steps.get() + 1;
        self.steps.set(n);
        if self.panic_at == Some(n) {
            // A test hook (see `PANIC_AT_STEP_ENV`): taskline's own code panics mid-run.
            panic!("{PANIC_AT_STEP_ENV}: injected panic at interpreter step {n}");
        }
        if n > self.max_steps || self.aborted.get() {
            return Err(self.abort(format!(
                "stopped after {} interpreter steps (step budget); the log so far is kept",
                self.max_steps
            )));
        }
        // A step that never awaits can fill the event log (`time.sleep`,
        // `create_task`, `print` in a loop): the loop stops recording, and
        // the step ends here, soon after.
        if n % STOP_CHECK_STEPS == 0
            && let Some(reason) = runtime::stop_reason()
        {
            return Err(self.abort(reason));
        }
        // growth made of many small allocations
        if super::heap::over() {
            return Err(self.memory_error());
        }
        Ok(())
    }

    /// Aborts the run (budget): an exception no `except` catches.
    pub(crate) fn abort(&self, msg: String) -> Exc {
        if !self.aborted.replace(true) {
            runtime::request_stop(&msg);
        }
        Rc::new(ExcObj {
            class: self.class("BaseException"),
            args: RefCell::new(vec![Value::Str(msg.into())]),
            dict: RefCell::default(),
            cause: RefCell::new(Value::None),
            line: Cell::new(self.line.get()),
            abort: true,
        })
    }

    // ------------------------------------------------------------ errors

    /// A runtime error as a Python exception.
    pub(crate) fn exc_from_error(&self, e: Error) -> Exc {
        if let Some(p) = e.payload() {
            if let Ok(x) = Rc::downcast::<ExcObj>(p.clone()) {
                return x;
            }
        }
        let class = match e.kind() {
            ErrorKind::Panic => self.class("RuntimeError"),
            _ => self.class(e.type_name()),
        };
        let args = e.message().map(|m| vec![Value::str(m)]).unwrap_or_default();
        self.exc_args(class, args)
    }

    /// A Python exception as a runtime error (carrying the object).
    pub(crate) fn error_from_exc(exc: Exc) -> Error {
        let text = exc_str(&exc);
        let msg = if exc.args.borrow().is_empty() && text.is_empty() { None } else { Some(text) };
        let e = Error::with_type(&exc.class.name, msg.as_deref());
        e.with_payload(exc)
    }

    // ------------------------------------------------------------ variables

    fn env_at(fr: &Frame, depth: u16) -> Option<Rc<Env>> {
        let mut env = fr.env.clone();
        for _ in 0..depth {
            env = env.parent.clone()?;
        }
        Some(env)
    }

    pub(crate) fn load(&self, fr: &Frame, var: Var, name: &str) -> R<Value> {
        let v = match var {
            Var::Local(i) => fr.env.slots.borrow().get(i as usize).cloned().unwrap_or_default(),
            Var::Outer(d, i) => {
                Self::env_at(fr, d).and_then(|e| e.slots.borrow().get(i as usize).cloned()).unwrap_or_default()
            }
            Var::Global(i) => self.globals.borrow().get(i as usize).cloned().unwrap_or_default(),
        };
        if let Value::Undefined = v {
            return Err(match var {
                Var::Local(_) => self.exc("UnboundLocalError", format!("cannot access local variable '{name}' where it is not associated with a value")),
                Var::Outer(..) => self.exc("NameError", format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope")),
                Var::Global(_) => self.exc("NameError", format!("name '{name}' is not defined")),
            });
        }
        Ok(v)
    }

    pub(crate) fn store(&self, fr: &Frame, var: Var, v: Value) {
        let old = match var {
            Var::Local(i) => fr.env.slots.borrow_mut().get_mut(i as usize).map(|s| std::mem::replace(s, v)),
            Var::Outer(d, i) => Self::env_at(fr, d)
                .and_then(|e| e.slots.borrow_mut().get_mut(i as usize).map(|s| std::mem::replace(s, v))),
            Var::Global(i) => self.globals.borrow_mut().get_mut(i as usize).map(|s| std::mem::replace(s, v)),
        };
        // dropped after the borrow ends (a drop may run a warning)
        drop(old);
    }

    fn delete(&self, fr: &Frame, var: Var, name: &str) -> R<()> {
        self.load(fr, var, name)?;
        self.sync_loc();
        self.store(fr, var, Value::Undefined);
        Ok(())
    }

    fn assign(&self, fr: &Frame, t: &Target, v: Value) -> R<()> {
        match t {
            Target::Var(var, name) => {
                if let Value::Sync(o) = &v {
                    o.name_if_unset(name);
                }
                if let Value::Future(f) = &v
                    && let FutObj::Plain(p) = &**f
                {
                    p.fut.set_name_if_unset(name);
                }
                self.store(fr, *var, v);
                Ok(())
            }
            Target::Attr(obj, name) => {
                let o = self.eval(fr, obj)?;
                if let Value::Module(m) = &o
                    && self.module_index.contains_key(m)
                {
                    self.set_module_attr(m, name, v);
                    return Ok(());
                }
                super::objects::set_attr(self, &o, name, v)
            }
            Target::Sub(obj, key) => {
                let o = self.eval(fr, obj)?;
                let k = self.eval(fr, key)?;
                ops::set_item(self, &o, k, v)
            }
            Target::Seq(targets, star) => {
                let iterable = match &v {
                    Value::List(_)
                    | Value::Tuple(_)
                    | Value::Str(_)
                    | Value::Dict(_)
                    | Value::Set(_)
                    | Value::Range(..)
                    | Value::Iter(_) => true,
                    Value::Gen(g) => !g.is_async,
                    Value::Instance(_) => {
                        super::objects::has_dunder(&v, "__iter__") || super::objects::has_dunder(&v, "__getitem__")
                    }
                    _ => false,
                };
                if !iterable {
                    return self.type_error(format!("cannot unpack non-iterable {} object", v.type_name()));
                }
                let items = self.iterate(&v)?;
                match star {
                    None => {
                        if items.len() != targets.len() {
                            if items.len() > targets.len() {
                                return Err(self.exc(
                                    "ValueError",
                                    format!("too many values to unpack (expected {})", targets.len()),
                                ));
                            }
                            return Err(self.exc(
                                "ValueError",
                                format!(
                                    "not enough values to unpack (expected {}, got {})",
                                    targets.len(),
                                    items.len()
                                ),
                            ));
                        }
                        for (t, x) in targets.iter().zip(items) {
                            self.assign(fr, t, x)?;
                        }
                    }
                    Some(s) => {
                        let after = targets.len() - s - 1;
                        if items.len() < targets.len() - 1 {
                            return Err(self.exc(
                                "ValueError",
                                format!(
                                    "not enough values to unpack (expected at least {}, got {})",
                                    targets.len() - 1,
                                    items.len()
                                ),
                            ));
                        }
                        let mut items = items;
                        let tail = items.split_off(items.len() - after);
                        let mid = items.split_off(*s);
                        for (t, x) in targets[..*s].iter().zip(items) {
                            self.assign(fr, t, x)?;
                        }
                        self.assign(fr, &targets[*s], Value::list(mid))?;
                        for (t, x) in targets[s + 1..].iter().zip(tail) {
                            self.assign(fr, t, x)?;
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// The items of an iterable.
    pub(crate) fn iterate(&self, v: &Value) -> R<Vec<Value>> {
        Ok(match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            Value::Str(s) => {
                self.reserve(s.chars().count().saturating_mul(size_of::<Value>() + super::heap::str_bytes(4)))?;
                s.chars().map(|c| Value::Str(c.to_string().into())).collect()
            }
            Value::Dict(d) => d.borrow().values().map(|(k, _)| k.clone()).collect(),
            Value::Set(s) => super::value::set_order(&s.borrow()),
            Value::Range(a, b, s) => {
                let n = range_len(*a, *b, *s);
                self.ticks(u64::try_from(n).unwrap_or(u64::MAX))?;
                self.reserve(super::heap::seq_bytes(usize::try_from(n).unwrap_or(usize::MAX)))?;
                (0..n).map(|i| Value::Int(a.wrapping_add(i.wrapping_mul(*s)))).collect()
            }
            Value::Iter(it) => it.borrow_mut().by_ref().collect(),
            Value::Class(c) if c.is_enum() => c.members.borrow().clone(),
            Value::Instance(_) | Value::AsCompleted(_) => {
                let iter = self.get_iter(v)?;
                let mut out = Vec::new();
                while let Some(x) = self.next_of(&iter)? {
                    self.tick()?;
                    if out.len() % 1024 == 1023 {
                        self.reserve(super::heap::seq_bytes(out.len() + 1))?;
                    }
                    out.push(x);
                }
                out
            }
            Value::Gen(g) if !g.is_async => {
                let mut out = Vec::new();
                while let Some(x) = generator::next(self, g)? {
                    self.tick()?;
                    out.push(x);
                    if out.len() % 1024 == 0 {
                        self.reserve(super::heap::seq_bytes(out.len()))?;
                    }
                }
                out
            }
            other => {
                return self.type_error(format!("'{}' object is not iterable", other.type_name()));
            }
        })
    }

    /// `iter(v)`: an instance's `__iter__` (or `__getitem__` from 0), else a snapshot.
    pub(crate) fn get_iter(&self, v: &Value) -> R<Value> {
        match v {
            Value::Instance(_) => match super::objects::call_dunder(self, v, "__iter__", Vec::new())? {
                Some(i) => {
                    if !matches!(i, Value::Iter(_) | Value::Gen(_)) && !super::objects::has_dunder(&i, "__next__") {
                        return self.type_error(format!("iter() returned non-iterator of type '{}'", i.type_name()));
                    }
                    Ok(i)
                }
                None if super::objects::has_dunder(v, "__getitem__") => {
                    let mut out = Vec::new();
                    for i in 0.. {
                        self.tick()?;
                        match super::objects::call_dunder(self, v, "__getitem__", vec![Value::Int(i)]) {
                            Ok(x) => out.push(x.unwrap_or(Value::None)),
                            Err(e)
                                if e.class.is_subclass_named("IndexError")
                                    || e.class.is_subclass_named("StopIteration") =>
                            {
                                break;
                            }
                            Err(e) => return Err(e),
                        }
                    }
                    Ok(Value::Iter(Rc::new(RefCell::new(out.into_iter()))))
                }
                None => self.type_error(format!("'{}' object is not iterable", v.type_name())),
            },
            Value::Iter(_) | Value::AsCompleted(_) => Ok(v.clone()),
            Value::Gen(g) if !g.is_async => Ok(v.clone()),
            &Value::Range(a, b, st) => {
                // lazy, as CPython's range_iterator
                let me = self.rc();
                let body = async move {
                    for i in 0..range_len(a, b, st) {
                        generator::YieldNow::new(Value::Int(a.wrapping_add(i.wrapping_mul(st)))).await?;
                    }
                    let _ = &me;
                    Ok(Value::None)
                };
                Ok(generator::new_native("range_iterator", Box::pin(body)))
            }
            other => Ok(Value::Iter(Rc::new(RefCell::new(self.iterate(other)?.into_iter())))),
        }
    }

    /// `next(iterator)`, `None` at the end (the same as [`Interp::next_of`]).
    pub(crate) fn next_item(&self, v: &Value) -> R<Option<Value>> {
        self.next_of(v)
    }

    /// `next(iterator)`; `None` when it is exhausted (StopIteration).
    pub(crate) fn next_of(&self, iter: &Value) -> R<Option<Value>> {
        match iter {
            Value::Iter(i) => Ok(i.borrow_mut().next()),
            Value::AsCompleted(a) => Ok(super::wait::next(self, a)),
            Value::Gen(g) if !g.is_async => generator::next(self, g),
            _ => match super::objects::call_dunder(self, iter, "__next__", Vec::new()) {
                Ok(Some(v)) => Ok(Some(v)),
                Ok(None) => self.type_error(format!("'{}' object is not an iterator", iter.type_name())),
                Err(e) if e.class.is_subclass_named("StopIteration") => Ok(None),
                Err(e) => Err(e),
            },
        }
    }

    // ------------------------------------------------------------ expressions

    /// Evaluates an expression that contains no `await`.
    pub(crate) fn eval(&self, fr: &Frame, e: &E) -> R<Value> {
        match e {
            E::Const(v) => Ok(v.clone()),
            E::Var(var, name) => self.load(fr, *var, name),
            E::Attr(o, name) => {
                let o = self.eval(fr, o)?;
                builtins::get_attr(self, &o, name)
            }
            E::Sub(o, k) => {
                let o = self.eval(fr, o)?;
                let k = self.eval(fr, k)?;
                ops::get_item(self, &o, &k)
            }
            E::Slice(a, b, c) => {
                let f = |x: &Option<Box<E>>| -> R<Value> { x.as_ref().map_or(Ok(Value::None), |x| self.eval(fr, x)) };
                Ok(Value::Slice(Rc::new([f(a)?, f(b)?, f(c)?])))
            }
            E::Call(c) => {
                let func = self.eval(fr, &c.func)?;
                let mut args = Vec::with_capacity(c.args.len());
                for a in &c.args {
                    if let E::Starred(x) = a {
                        let v = self.eval(fr, x)?;
                        args.extend(self.iterate(&v)?);
                    } else {
                        args.push(self.eval(fr, a)?);
                    }
                }
                let mut kwargs = Vec::new();
                for (k, v) in &c.kwargs {
                    let v = self.eval(fr, v)?;
                    self.push_kwarg(&mut kwargs, k.as_ref(), v)?;
                }
                self.line.set(c.line);
                self.call(&func, args, kwargs)
            }
            E::Bin(op, a, b) => {
                let a = self.eval(fr, a)?;
                let b = self.eval(fr, b)?;
                ops::binop(self, *op, &a, &b)
            }
            E::Unary(op, a) => {
                let a = self.eval(fr, a)?;
                ops::unary(self, *op, &a)
            }
            E::BoolOp(op, vs) => {
                let mut last = Value::None;
                for v in vs {
                    last = self.eval(fr, v)?;
                    let t = self.truthy(&last)?;
                    if (*op == BoolOp::And && !t) || (*op == BoolOp::Or && t) {
                        return Ok(last);
                    }
                }
                Ok(last)
            }
            E::Compare(a, rest) => {
                let mut left = self.eval(fr, a)?;
                for (op, x) in rest {
                    let right = self.eval(fr, x)?;
                    if !ops::compare(self, *op, &left, &right)? {
                        return Ok(Value::Bool(false));
                    }
                    left = right;
                }
                Ok(Value::Bool(true))
            }
            E::IfExp(t, a, b) => {
                if self.truthy(&self.eval(fr, t)?)? {
                    self.eval(fr, a)
                } else {
                    self.eval(fr, b)
                }
            }
            E::Lambda(proto, defaults) => self.make_function(fr, proto, defaults),
            E::List(items) => Ok(Value::list(self.eval_items(fr, items)?)),
            E::Tuple(items) => Ok(Value::tuple(self.eval_items(fr, items)?)),
            E::Set(items) => {
                let items = self.eval_items(fr, items)?;
                ops::make_set(self, items)
            }
            E::Dict(items) => {
                let mut d = IndexMap::new();
                for (k, v) in items {
                    match k {
                        Some(k) => {
                            let k = self.eval(fr, k)?;
                            let v = self.eval(fr, v)?;
                            let h = ops::hkey(self, &k)?;
                            ops::dict_insert(&mut d, h, k, v);
                        }
                        None => {
                            let other = self.eval(fr, v)?;
                            let Value::Dict(o) = other else {
                                return self.type_error(format!("'{}' object is not a mapping", other.type_name()));
                            };
                            self.reserve(super::heap::dict_bytes(d.len().saturating_add(o.borrow().len())))?;
                            for (h, (k, v)) in o.borrow().iter() {
                                ops::dict_insert(&mut d, h.clone(), k.clone(), v.clone());
                            }
                        }
                    }
                }
                Ok(Value::dict(d))
            }
            E::Comp(c) => self.comprehension(fr, c, 0, None),
            E::FString(parts) => Ok(Value::Str(self.fstring(fr, parts)?.into())),
            E::Await(..) => Err(self.exc("RuntimeError", "taskline: await in this position is not supported")),
            E::Named(var, x) => {
                let v = self.eval(fr, x)?;
                self.store(fr, *var, v.clone());
                Ok(v)
            }
            E::Starred(_) => Err(self.exc("SyntaxError", "can't use starred expression here")),
            E::Yield(_) | E::YieldFrom(_) => {
                Err(self.exc("RuntimeError", "taskline: yield in this position is not supported"))
            }
        }
    }

    /// An f-string's text: each replacement field's format spec is itself
    /// an f-string (nested fields evaluate any expression), evaluated after
    /// the field's value, as CPython does.
    fn fstring(&self, fr: &Frame, parts: &[FPart]) -> R<String> {
        let mut s = String::new();
        for p in parts {
            match p {
                FPart::Lit(l) => {
                    self.reserve(s.len() + l.len())?;
                    s.push_str(l);
                }
                FPart::Expr { e, conv, spec } => {
                    let v = self.eval(fr, e)?;
                    let spec = match spec {
                        Some(parts) => Some(self.fstring(fr, parts)?),
                        None => None,
                    };
                    let text = self.format_value(&v, *conv, spec.as_deref())?;
                    self.reserve(s.len() + text.len())?;
                    s.push_str(&text);
                }
            }
        }
        Ok(s)
    }

    fn push_kwarg(&self, kwargs: &mut Vec<(Rc<str>, Value)>, k: Option<&Rc<str>>, v: Value) -> R<()> {
        match k {
            Some(k) => kwargs.push((k.clone(), v)),
            None => {
                let Value::Dict(d) = v else {
                    return self.type_error("argument after ** must be a mapping");
                };
                for (k, v) in d.borrow().values() {
                    let Value::Str(k) = k else {
                        return self.type_error("keywords must be strings");
                    };
                    kwargs.push((Rc::from(&**k), v.clone()));
                }
            }
        }
        Ok(())
    }

    /// `format(v!conv, spec)`: `!r`/`!s`/`!a` first, then the spec.
    pub(crate) fn format_value(&self, v: &Value, conv: char, spec: Option<&str>) -> R<String> {
        let v = match conv {
            'r' => Value::Str(self.repr(v)?.into()),
            'a' => Value::Str(pyfmt_ascii(&self.repr(v)?).into()),
            's' => Value::Str(self.to_str(v)?.into()),
            _ => v.clone(),
        };
        match spec {
            Some(s) if !s.is_empty() => ops::format_spec(self, &v, s),
            _ => self.to_str(&v),
        }
    }

    fn eval_items(&self, fr: &Frame, items: &[E]) -> R<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for x in items {
            if let E::Starred(x) = x {
                let v = self.eval(fr, x)?;
                let more = self.iterate(&v)?;
                self.reserve(super::heap::seq_bytes(out.len().saturating_add(more.len())))?;
                out.extend(more);
            } else {
                out.push(self.eval(fr, x)?);
            }
        }
        Ok(out)
    }

    fn comprehension(&self, fr: &Frame, c: &Rc<super::compile::Comp>, level: usize, acc: Option<&mut Acc>) -> R<Value> {
        if c.kind == CompKind::Gen {
            // lazy: only the first iterable is evaluated now, as in CPython
            let first = self.eval(fr, &c.gens[0].1)?;
            let first = self.get_iter(&first)?;
            let me = self.rc();
            let env = fr.env.clone();
            let comp = c.clone();
            let body = async move {
                let fr = Frame { env, handling: RefCell::new(Vec::new()) };
                comp_gen(&me, &fr, &comp, 0, Some(first)).await.map(|()| Value::None)
            };
            return Ok(generator::new_gen(c.qualname.clone(), false, Box::pin(body)));
        }
        let mut own = Acc::default();
        let top = acc.is_none();
        let acc = match acc {
            Some(a) => a,
            None => &mut own,
        };
        let (target, iter, ifs) = &c.gens[level];
        let it = self.eval(fr, iter)?;
        for x in self.iterate(&it)? {
            self.tick()?;
            self.assign(fr, target, x)?;
            let mut ok = true;
            for cond in ifs {
                if !self.truthy(&self.eval(fr, cond)?)? {
                    ok = false;
                    break;
                }
            }
            if !ok {
                continue;
            }
            if level + 1 < c.gens.len() {
                self.comprehension(fr, c, level + 1, Some(acc))?;
            } else {
                let v = self.eval(fr, &c.elt)?;
                match c.kind {
                    CompKind::Dict => {
                        let val = match &c.value {
                            Some(e) => self.eval(fr, e)?,
                            None => Value::None,
                        };
                        let h = ops::hkey(self, &v)?;
                        ops::dict_insert(&mut acc.dict, h, v, val);
                    }
                    _ => acc.items.push(v),
                }
                if acc.items.len() % 1024 == 0 {
                    self.reserve(super::heap::seq_bytes(acc.items.len()) + super::heap::dict_bytes(acc.dict.len()))?;
                }
            }
        }
        if !top {
            return Ok(Value::None);
        }
        let items = std::mem::take(&mut acc.items);
        Ok(match c.kind {
            CompKind::List => Value::list(items),
            CompKind::Gen => Value::Iter(Rc::new(RefCell::new(items.into_iter()))),
            CompKind::Set => ops::make_set(self, items)?,
            CompKind::Dict => Value::dict(std::mem::take(&mut acc.dict)),
        })
    }

    fn make_function(&self, fr: &Frame, proto: &Rc<FuncProto>, defaults: &[E]) -> R<Value> {
        let defaults = defaults.iter().map(|d| self.eval(fr, d)).collect::<R<Vec<_>>>()?;
        // CPython evaluates the annotations after the defaults (and keeps them in
        // `__annotations__`, which taskline does not provide).
        for a in &proto.annotations {
            self.eval(fr, a)?;
        }
        let env = if fr.env.parent.is_none() && fr.env.slots.borrow().is_empty() && self.is_module_frame(fr) {
            None
        } else {
            Some(fr.env.clone())
        };
        Ok(Value::Func(Rc::new(Func {
            proto: proto.clone(),
            defaults,
            env,
            dict: RefCell::default(),
            serial: super::value::next_serial(),
        })))
    }

    fn is_module_frame(&self, fr: &Frame) -> bool {
        fr.env.parent.is_none() && fr.env.slots.borrow().is_empty()
    }

    // ------------------------------------------------------------ calls

    /// Calls a value.
    pub(crate) fn call(&self, f: &Value, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
        match f {
            Value::Func(func) => self.call_function(func, args, kwargs),
            Value::Builtin(b) => builtins::call_builtin(self, b, args, kwargs),
            Value::Class(c) if c.user => super::objects::instantiate(self, c, args, kwargs),
            Value::Class(c) => builtins::call_class(self, c, args, kwargs),
            Value::Native(n) => super::functools::call_native(self, n, args, kwargs),
            Value::Instance(_) => {
                let Some(cls) = super::objects::class_of(f) else { unreachable!() };
                match cls.lookup("__call__") {
                    Some(c) if !matches!(c, Value::None) => {
                        let mut a = Vec::with_capacity(args.len() + 1);
                        a.push(f.clone());
                        a.extend(args);
                        self.call(&c, a, kwargs)
                    }
                    _ => self.type_error(format!("'{}' object is not callable", f.type_name())),
                }
            }
            Value::TypeForm(t) => super::typing::call(self, t, &args),
            other => self.type_error(format!("'{}' object is not callable", other.type_name())),
        }
    }

    fn bind(&self, func: &Func, mut args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Vec<Value>> {
        let p = &func.proto;
        let q = p.qualname;
        let npos = p.params.len() - p.kwonly;
        let mut slots = vec![Value::Undefined; p.nslots];
        let mut extra = Vec::new();
        if args.len() > npos {
            if p.vararg.is_none() {
                let given = args.len();
                let nreq = npos - p.ndefaults;
                let takes = if p.ndefaults > 0 {
                    format!("from {nreq} to {npos} positional arguments")
                } else if npos == 1 {
                    "1 positional argument".to_owned()
                } else {
                    format!("{npos} positional arguments")
                };
                let were = if given == 1 { "was" } else { "were" };
                return self.type_error(format!("{q}() takes {takes} but {given} {were} given"));
            }
            extra = args.split_off(npos);
        }
        let nargs = args.len();
        for (i, a) in args.into_iter().enumerate() {
            slots[i] = a;
        }
        let mut kwdict = IndexMap::new();
        for (k, v) in kwargs {
            match p.params.iter().position(|n| **n == *k) {
                Some(i) => {
                    if i < nargs || !matches!(slots[i], Value::Undefined) {
                        return self.type_error(format!("{q}() got multiple values for argument '{k}'"));
                    }
                    slots[i] = v;
                }
                None => {
                    if p.kwarg.is_none() {
                        return self.type_error(format!("{q}() got an unexpected keyword argument '{k}'"));
                    }
                    let k: super::value::PyStr = (&k).into();
                    ops::dict_insert(&mut kwdict, HKey::Str(k.clone()), Value::Str(k), v);
                }
            }
        }
        let first_default = npos - p.ndefaults;
        let mut kw_default_idx = p.ndefaults;
        let mut missing = Vec::new();
        #[allow(clippy::needless_range_loop)]
        for i in 0..p.params.len() {
            let is_kwonly = i >= npos;
            let has_default =
                if is_kwonly { p.kw_has_default.get(i - npos).copied().unwrap_or(false) } else { i >= first_default };
            if matches!(slots[i], Value::Undefined) {
                if has_default {
                    let d = if is_kwonly {
                        let idx = p.ndefaults + p.kw_has_default[..i - npos].iter().filter(|x| **x).count();
                        func.defaults.get(idx).cloned()
                    } else {
                        func.defaults.get(i - first_default).cloned()
                    };
                    slots[i] = d.unwrap_or(Value::None);
                } else {
                    missing.push((i, is_kwonly));
                }
            }
            if is_kwonly && has_default {
                kw_default_idx += 1;
            }
        }
        let _ = kw_default_idx;
        if let Some(&(_, kwonly)) = missing.first() {
            let names: Vec<String> =
                missing.iter().filter(|m| m.1 == kwonly).map(|(i, _)| format!("'{}'", p.params[*i])).collect();
            let n = names.len();
            let list = match n {
                1 => names[0].clone(),
                2 => format!("{} and {}", names[0], names[1]),
                _ => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
            };
            let kind = if kwonly { "keyword-only" } else { "positional" };
            let s = if n == 1 { "" } else { "s" };
            return self.type_error(format!("{q}() missing {n} required {kind} argument{s}: {list}"));
        }
        if let Some(v) = p.vararg {
            slots[v as usize] = Value::tuple(extra);
        }
        if let Some(k) = p.kwarg {
            slots[k as usize] = Value::dict(kwdict);
        }
        Ok(slots)
    }

    fn call_function(&self, func: &Rc<Func>, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
        let slots = self.bind(func, args, kwargs)?;
        let env = Rc::new(Env { slots: RefCell::new(slots), parent: func.env.clone() });
        let proto = func.proto.clone();
        if proto.is_generator {
            let me = self.rc();
            let is_async = proto.is_async;
            let name: Rc<str> = proto.qualname.into();
            let body = async move {
                let fr = Frame { env, handling: RefCell::new(Vec::new()) };
                let r = me.run_body(&fr, &proto).await;
                release(fr);
                r
            };
            return Ok(generator::new_gen(name, is_async, Box::pin(body)));
        }
        if proto.is_async {
            // CPython names the coroutine with the function's __qualname__ at call time
            let qualname = match func.qualname() {
                Some(q) if q == proto.qualname => proto.qualname,
                Some(q) => super::objects::intern_qualname(&q),
                None => proto.qualname,
            };
            let me = self.rc();
            let fut = async move {
                let fr = Frame { env, handling: RefCell::new(Vec::new()) };
                let r = me.run_body(&fr, &proto).await;
                // Python frees the frame's locals before the coroutine returns.
                release(fr);
                let r = match r {
                    Err(e) if !e.abort && e.class.is_subclass(&me.class("StopIteration")) => {
                        let x = me.exc("RuntimeError", "coroutine raised StopIteration");
                        *x.cause.borrow_mut() = Value::Exc(e);
                        Err(x)
                    }
                    r => r,
                };
                r.map_err(Interp::error_from_exc)
            };
            self.sync_loc();
            let c = runtime::coro(qualname, Box::pin(Deep { fut: Box::pin(fut), it: self.rc() }) as BoxFut);
            return Ok(Value::Coro(Rc::new(CoroObj { name: qualname, coro: RefCell::new(Some(c)), task_body: None })));
        }
        let depth = self.depth.get();
        if depth >= MAX_DEPTH {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.depth.set(depth + 1);
        let fr = Frame { env, handling: RefCell::new(Vec::new()) };
        let line = self.line.get();
        // Entering a Python-written standard module from the program's code: remember where from.
        let entry =
            (self.in_embedded(proto.line) && !self.in_embedded(line)).then(|| self.embedded_entry.replace(line));
        let r = poll_once(self.run_body(&fr, &proto));
        if let Some(e) = entry {
            self.embedded_entry.set(e);
        }
        self.depth.set(depth);
        self.line.set(line);
        release(fr);
        match r {
            Some(r) => r,
            None => Err(self.exc("RuntimeError", "taskline: a synchronous function suspended")),
        }
    }

    async fn run_body(&self, fr: &Frame, proto: &FuncProto) -> R<Value> {
        match exec_block(self, fr, &proto.body).await? {
            Flow::Return(v) => Ok(v),
            _ => Ok(Value::None),
        }
    }

    /// This interpreter as an `Rc` (for coroutine futures that outlive a call).
    pub(crate) fn rc(&self) -> Rc<Interp> {
        SELF.with(|s| s.borrow().as_ref().and_then(Weak::upgrade)).unwrap_or_else(|| {
            Rc::new(Interp::new("", &Module { body: Vec::new(), globals: Vec::new(), imports: Vec::new() }, 0))
        })
    }

    /// Registers a task handle for `current_task()`.
    pub(crate) fn task_value(&self, t: TaskObj) -> Value {
        let id = t.id();
        if let Some(existing) = self.tasks.borrow().get(&id).and_then(Weak::upgrade) {
            if matches!(t, TaskObj::Ref(_)) || matches!(&*existing, TaskObj::Typed(_)) {
                return Value::Task(existing);
            }
        }
        let rc = Rc::new(t);
        self.tasks.borrow_mut().insert(id, Rc::downgrade(&rc));
        Value::Task(rc)
    }

    // ------------------------------------------------------------ await

    /// `await v`.
    pub(crate) async fn await_value(&self, v: Value, line: u32) -> R<Value> {
        self.line.set(line);
        self.sync_loc();
        let loc = runtime::caller();
        let r = match v {
            Value::Coro(c) => {
                let taken = c.coro.borrow_mut().take();
                drop(c);
                let Some(co) = taken else {
                    return Err(self.exc("RuntimeError", "cannot reuse already awaited coroutine"));
                };
                co.await
            }
            Value::Task(t) => match &*t {
                TaskObj::Typed(task) => {
                    let j = task.join();
                    j.await
                }
                TaskObj::Ref(r) => r.join().await.map(|()| Value::None),
            },
            Value::Future(f) => match &*f {
                FutObj::Plain(p) => p.fut.wait().await,
                FutObj::Shield(s) => s.clone().into_await(loc).await,
                FutObj::Job(j) => runtime::Awaitable::into_await(j.clone(), loc).await,
                FutObj::Gather(g) => g.clone().into_await(loc).await.map(Value::list),
                FutObj::Settled(g) => g.clone().into_await(loc).await.map(|v| {
                    Value::list(
                        v.into_iter().map(|r| r.unwrap_or_else(|e| Value::Exc(self.exc_from_error(e)))).collect(),
                    )
                }),
            },
            Value::AgenAwait(a) => {
                let taken = a.fut.borrow_mut().take();
                drop(a);
                let Some(fut) = taken else {
                    return Err(self.exc("RuntimeError", "cannot reuse already awaited __anext__()/asend()"));
                };
                let r = fut.await;
                self.line.set(line);
                return r;
            }
            other if super::objects::has_dunder(&other, "__await__") => {
                return Err(self.exc(
                    "NotImplementedError",
                    format!("taskline: awaiting a '{}' object through __await__ is not supported (await a coroutine: make the method `async def`)", other.type_name()),
                ));
            }
            other => {
                return self.type_error(format!("object {} can't be used in 'await' expression", other.type_name()));
            }
        };
        self.line.set(line);
        r.map_err(|e| self.exc_from_error(e))
    }
}

#[derive(Default)]
struct Acc {
    items: Vec<Value>,
    dict: super::value::Dict,
}

/// A coroutine body that counts towards the call depth while it is polled
/// (awaiting a coroutine polls it inline, so deep async recursion would
/// otherwise overflow the stack): past the limit it raises RecursionError.
struct Deep {
    fut: BoxFut,
    it: Rc<Interp>,
}

impl Future for Deep {
    type Output = crate::runtime::Result<Value>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        let depth = self.it.depth.get();
        if depth >= MAX_DEPTH {
            let e = self.it.exc("RecursionError", "maximum recursion depth exceeded");
            return std::task::Poll::Ready(Err(Interp::error_from_exc(e)));
        }
        self.it.depth.set(depth + 1);
        let r = self.fut.as_mut().poll(cx);
        self.it.depth.set(depth);
        r
    }
}

/// Frees a returning function's locals (as CPython frees its frame),
/// unless a closure still holds the environment.
fn release(fr: Frame) {
    if Rc::strong_count(&fr.env) == 1 {
        let slots = std::mem::take(&mut *fr.env.slots.borrow_mut());
        drop(slots);
    }
    drop(fr);
}

/// Runs `f` with the running interpreter, for value-level code that must
/// call back into the script (`__repr__`, `__eq__`, `__hash__`, `__bool__`).
pub(crate) fn hook<T>(f: impl FnOnce(&Interp) -> R<T>) -> Result<T, Halt> {
    let it = SELF.with(|s| s.borrow().as_ref().and_then(Weak::upgrade));
    match it {
        Some(it) => f(&it).map_err(Halt::Raised),
        None => Err(Halt::Deep(" (no running interpreter)")),
    }
}

thread_local! {
    pub(crate) static SELF: RefCell<Option<Weak<Interp>>> = const { RefCell::new(None) };
}

/// Polls a future once (synchronous code never suspends).
pub(crate) fn poll_once<T>(fut: impl Future<Output = T>) -> Option<T> {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match fut.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => Some(v),
        std::task::Poll::Pending => None,
    }
}

// ---------------------------------------------------------------- statements

pub(crate) fn exec_block<'a>(it: &'a Interp, fr: &'a Frame, body: &'a [Stmt]) -> LBox<'a, R<Flow>> {
    Box::pin(async move {
        for s in body {
            let f = exec_stmt(it, fr, s).await?;
            if !matches!(f, Flow::Normal) {
                return Ok(f);
            }
        }
        Ok(Flow::Normal)
    })
}

async fn ev(it: &Interp, fr: &Frame, e: &E, aw: bool) -> R<Value> {
    match e {
        // the common `await f(...)` statement: no boxing of the outer level
        E::Await(x, line, false) if aw => {
            let v = it.eval(fr, x)?;
            it.await_value(v, *line).await
        }
        _ if aw && super::compile::has_await(e) => eval_async(it, fr, e).await,
        _ => it.eval(fr, e),
    }
}

/// One turn of a `for`/`async for` loop: binds `x` to the target and runs
/// the body; `Some(flow)` when the loop ends with it (a `break`: the
/// statement completes normally, skipping `else`; a `return`).
async fn loop_turn(it: &Interp, fr: &Frame, target: &Target, x: Value, body: &[Stmt]) -> R<Option<Flow>> {
    it.assign(fr, target, x)?;
    Ok(match exec_block(it, fr, body).await? {
        Flow::Break => Some(Flow::Normal),
        Flow::Return(v) => Some(Flow::Return(v)),
        Flow::Normal | Flow::Continue => None,
    })
}

async fn exec_stmt(it: &Interp, fr: &Frame, s: &Stmt) -> R<Flow> {
    it.line.set(s.line);
    it.tick()?;
    match &s.kind {
        SK::Expr(e) => {
            let v = ev(it, fr, e, s.aw).await?;
            drop(v);
        }
        SK::Pass => {}
        SK::Assign(targets, e) => {
            let v = ev(it, fr, e, s.aw).await?;
            it.line.set(s.line);
            for t in targets {
                it.assign(fr, t, v.clone())?;
            }
        }
        SK::AugAssign(t, op, e) => {
            // the target's object and key are evaluated once, as in CPython
            match t {
                Target::Var(var, name) => {
                    let cur = it.load(fr, *var, name)?;
                    let rhs = ev(it, fr, e, s.aw).await?;
                    let v = ops::inplace(it, *op, &cur, &rhs)?;
                    drop(cur);
                    it.store(fr, *var, v);
                }
                Target::Sub(o, k) => {
                    let o = it.eval(fr, o)?;
                    let k = it.eval(fr, k)?;
                    let cur = ops::get_item(it, &o, &k)?;
                    let rhs = ev(it, fr, e, s.aw).await?;
                    let v = ops::inplace(it, *op, &cur, &rhs)?;
                    drop(cur);
                    ops::set_item(it, &o, k, v)?;
                }
                Target::Attr(o, n) => {
                    let o = it.eval(fr, o)?;
                    let cur = builtins::get_attr(it, &o, n)?;
                    if let Value::Module(m) = &o
                        && it.module_index.contains_key(m)
                    {
                        let rhs = ev(it, fr, e, s.aw).await?;
                        let v = ops::inplace(it, *op, &cur, &rhs)?;
                        drop(cur);
                        it.set_module_attr(m, n, v);
                        return Ok(Flow::Normal);
                    }
                    let rhs = ev(it, fr, e, s.aw).await?;
                    let v = ops::inplace(it, *op, &cur, &rhs)?;
                    drop(cur);
                    super::objects::set_attr(it, &o, n, v)?;
                }
                Target::Seq(..) => {
                    return Err(it.exc("SyntaxError", "illegal expression for augmented assignment"));
                }
            }
        }
        SK::If(test, body, orelse) => {
            let t = ev(it, fr, test, s.aw).await?;
            return if it.truthy(&t)? { exec_block(it, fr, body).await } else { exec_block(it, fr, orelse).await };
        }
        SK::While(test, body, orelse) => loop {
            it.line.set(s.line);
            it.tick()?;
            if !it.truthy(&ev(it, fr, test, s.aw).await?)? {
                return exec_block(it, fr, orelse).await;
            }
            match exec_block(it, fr, body).await? {
                Flow::Break => break,
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
        },
        SK::For(target, iter, body, orelse) => {
            let v = ev(it, fr, iter, s.aw).await?;
            let items: Box<dyn Iterator<Item = Value>> = match v {
                // a range is iterated lazily, as in CPython
                Value::Range(a, b, st) => {
                    let n = range_len(a, b, st);
                    Box::new((0..n).map(move |i| Value::Int(a.wrapping_add(i.wrapping_mul(st)))))
                }
                // iterators and generators too (each item when the loop asks for it)
                v @ (Value::Iter(_) | Value::Gen(_) | Value::Instance(_) | Value::AsCompleted(_)) => {
                    let src = it.get_iter(&v)?;
                    drop(v);
                    loop {
                        let Some(x) = it.next_item(&src)? else { break };
                        it.line.set(s.line);
                        it.tick()?;
                        if let Some(end) = loop_turn(it, fr, target, x, body).await? {
                            return Ok(end);
                        }
                    }
                    drop(src);
                    return exec_block(it, fr, orelse).await;
                }
                v => Box::new(it.iterate(&v)?.into_iter()),
            };
            for x in items {
                it.line.set(s.line);
                it.tick()?;
                if let Some(end) = loop_turn(it, fr, target, x, body).await? {
                    return Ok(end);
                }
            }
            return exec_block(it, fr, orelse).await;
        }
        SK::AsyncFor(target, iter, body, orelse) => {
            let v = ev(it, fr, iter, s.aw).await?;
            let aiter = match builtins::get_attr(it, &v, "__aiter__") {
                Ok(f) => it.call(&f, Vec::new(), Vec::new())?,
                Err(_) => {
                    return it.type_error(format!(
                        "'async for' requires an object with __aiter__ method, got {}",
                        v.type_name()
                    ));
                }
            };
            drop(v);
            loop {
                it.line.set(s.line);
                it.tick()?;
                let Ok(anext) = builtins::get_attr(it, &aiter, "__anext__") else {
                    return it.type_error(format!(
                        "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                        aiter.type_name()
                    ));
                };
                let aw = it.call(&anext, Vec::new(), Vec::new())?;
                let x = match it.await_value(aw, s.line).await {
                    Ok(x) => x,
                    Err(e) if !e.abort && e.class.is_subclass(&it.class("StopAsyncIteration")) => break,
                    Err(e) => return Err(e),
                };
                if let Some(end) = loop_turn(it, fr, target, x, body).await? {
                    return Ok(end);
                }
            }
            return exec_block(it, fr, orelse).await;
        }
        SK::Break => return Ok(Flow::Break),
        SK::Continue => return Ok(Flow::Continue),
        SK::Return(e) => {
            let v = match e {
                Some(e) => ev(it, fr, e, s.aw).await?,
                None => Value::None,
            };
            return Ok(Flow::Return(v));
        }
        SK::Raise(exc, cause) => {
            let Some(exc) = exc else {
                let cur = fr.handling.borrow().last().cloned();
                return Err(cur.unwrap_or_else(|| it.exc("RuntimeError", "No active exception to reraise")));
            };
            let v = ev(it, fr, exc, s.aw).await?;
            let x = make_exception(it, v)?;
            if let Some(c) = cause {
                let c = ev(it, fr, c, s.aw).await?;
                let c = match c {
                    Value::None => Value::None,
                    other => Value::Exc(make_exception(it, other)?),
                };
                *x.cause.borrow_mut() = c;
            }
            x.line.set(s.line);
            return Err(x);
        }
        SK::Try(t) => return exec_try(it, fr, t).await,
        SK::FuncDef(var, proto, defaults, decorators) => {
            // decorator expressions first (top to bottom), applied bottom-up
            let decos = decorators.iter().map(|d| it.eval(fr, d)).collect::<R<Vec<_>>>()?;
            let mut f = it.make_function(fr, proto, defaults)?;
            for d in decos.iter().rev() {
                it.line.set(s.line);
                f = it.call(d, vec![f], Vec::new())?;
            }
            it.store(fr, *var, f);
        }
        SK::ClassDef(var, proto) => {
            let decos = proto.decorators.iter().map(|d| it.eval(fr, d)).collect::<R<Vec<_>>>()?;
            let c = super::objects::exec_class(it, fr, proto, decos)?;
            it.store(fr, *var, c);
        }
        SK::Del(targets) => {
            for t in targets {
                match t {
                    Target::Var(var, name) => it.delete(fr, *var, name)?,
                    Target::Sub(o, k) => {
                        let o = it.eval(fr, o)?;
                        let k = it.eval(fr, k)?;
                        ops::del_item(it, &o, &k)?;
                    }
                    Target::Attr(o, n) => {
                        let o = it.eval(fr, o)?;
                        super::objects::del_attr(it, &o, n)?;
                    }
                    _ => return Err(it.exc("TypeError", "taskline: cannot delete this target")),
                }
            }
        }
        SK::Assert(test, msg) => {
            if !it.truthy(&ev(it, fr, test, s.aw).await?)? {
                let args = match msg {
                    Some(m) => vec![ev(it, fr, m, s.aw).await?],
                    None => Vec::new(),
                };
                return Err(it.exc_args(it.class("AssertionError"), args));
            }
        }
        SK::AsyncWith(items, body) => return exec_with(it, fr, items, 0, body, s.line).await,
        SK::With(items, body) => return exec_sync_with(it, fr, items, 0, body, s.line, s.aw).await,
        SK::Import(var, m) => it.store(fr, *var, Value::Module(m)),
        SK::ImportModule { var, name, bind_top } => {
            it.sync_loc();
            let m = it.import_module(name)?;
            let v = match name.split_once('.') {
                Some((top, _)) if *bind_top => it.import_module(top)?,
                _ => m,
            };
            it.store(fr, *var, v);
        }
        SK::ImportModuleFrom { module, names } => {
            it.sync_loc();
            it.import_module(module)?;
            for (var, name) in names {
                let v = it.import_from(module, name)?;
                it.store(fr, *var, v);
            }
        }
        SK::ImportError(msg) => return Err(it.exc("ImportError", msg.to_string())),
        SK::ImportFrom(names) => {
            for (var, m, name) in names {
                let v = builtins::get_attr(it, &Value::Module(m), name)
                    .map_err(|_| it.exc("ImportError", format!("cannot import name '{name}' from '{m}'")))?;
                it.store(fr, *var, v);
            }
        }
    }
    Ok(Flow::Normal)
}

/// `raise X`: a class is instantiated; anything else must be an exception.
fn make_exception(it: &Interp, v: Value) -> R<Exc> {
    match v {
        Value::Exc(e) => Ok(e),
        Value::Class(c) if c.user && c.is_exception() => {
            match super::objects::instantiate(it, &c, Vec::new(), Vec::new())? {
                Value::Exc(e) => Ok(e),
                _ => Err(it.exc("TypeError", "exceptions must derive from BaseException")),
            }
        }
        Value::Class(c) if !c.builtin_type && !c.user => Ok(it.exc_args(c, Vec::new())),
        _ => Err(it.exc("TypeError", "exceptions must derive from BaseException")),
    }
}

fn exc_matches(it: &Interp, exc: &Exc, ty: &Value) -> R<bool> {
    match ty {
        Value::Class(c) if c.is_exception() => Ok(exc.class.is_subclass(c)),
        Value::Tuple(t) => {
            for x in t.iter() {
                if exc_matches(it, exc, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(it.exc("TypeError", "catching classes that do not inherit from BaseException is not allowed")),
    }
}

async fn exec_try(it: &Interp, fr: &Frame, t: &super::compile::TryStmt) -> R<Flow> {
    let r = exec_block(it, fr, &t.body).await;
    let r = match r {
        Err(exc) if !exc.abort && t.star => exec_star_handlers(it, fr, t, exc).await,
        Err(exc) if !exc.abort => {
            let mut handled = None;
            for h in &t.handlers {
                it.line.set(h.line);
                let m = match &h.ty {
                    None => Ok(true),
                    Some(ty) => match it.eval(fr, ty) {
                        Ok(tv) => exc_matches(it, &exc, &tv),
                        Err(e) => Err(e),
                    },
                };
                match m {
                    Ok(true) => {
                        if let Some(var) = h.name {
                            it.store(fr, var, Value::Exc(exc.clone()));
                        }
                        fr.handling.borrow_mut().push(exc.clone());
                        let r = exec_block(it, fr, &h.body).await;
                        fr.handling.borrow_mut().pop();
                        if let Some(var) = h.name {
                            it.store(fr, var, Value::Undefined);
                        }
                        handled = Some(r);
                        break;
                    }
                    Ok(false) => {}
                    Err(e) => {
                        handled = Some(Err(e));
                        break;
                    }
                }
            }
            handled.unwrap_or(Err(exc))
        }
        Ok(Flow::Normal) => exec_block(it, fr, &t.orelse).await,
        other => other,
    };
    if t.finalbody.is_empty() {
        return r;
    }
    if let Err(e) = &r {
        fr.handling.borrow_mut().push(e.clone());
    }
    let f = exec_block(it, fr, &t.finalbody).await;
    if r.is_err() {
        fr.handling.borrow_mut().pop();
    }
    match f {
        Ok(Flow::Normal) => r,
        other => other,
    }
}

/// The `except*` clauses of `t` for the body's exception `exc` (PEP 654).
async fn exec_star_handlers(it: &Interp, fr: &Frame, t: &super::compile::TryStmt, exc: Exc) -> R<Flow> {
    use super::excgroup::StarTry;
    let mut st = StarTry::new(exc);
    for h in &t.handlers {
        if st.rest.is_none() {
            break;
        }
        it.line.set(h.line);
        let tv = match &h.ty {
            Some(ty) => it.eval(fr, ty)?,
            None => return Err(it.exc("SyntaxError", "expected one or more exception types")),
        };
        super::excgroup::check_star_type(it, &tv)?;
        let Some(matched) = st.take(it, &|e: &Exc| exc_matches(it, e, &tv))? else { continue };
        if let Some(var) = h.name {
            it.store(fr, var, Value::Exc(matched.clone()));
        }
        fr.handling.borrow_mut().push(matched.clone());
        let r = exec_block(it, fr, &h.body).await;
        fr.handling.borrow_mut().pop();
        if let Some(var) = h.name {
            it.store(fr, var, Value::Undefined);
        }
        match r {
            Ok(_) => {}
            Err(e) if e.abort => return Err(e),
            Err(e) => st.raised(&matched, e),
        }
    }
    match st.finish(it)? {
        Some(e) => Err(e),
        None => Ok(Flow::Normal),
    }
}

fn exec_with<'a>(
    it: &'a Interp,
    fr: &'a Frame,
    items: &'a [(E, Option<Target>)],
    i: usize,
    body: &'a [Stmt],
    line: u32,
) -> LBox<'a, R<Flow>> {
    Box::pin(async move {
        if i == items.len() {
            return exec_block(it, fr, body).await;
        }
        let (cm, target) = &items[i];
        it.line.set(line);
        let cmv = ev(it, fr, cm, true).await?;
        if let Value::TaskGroup(tg) = &cmv {
            super::taskgroup::enter(it, tg)?;
            if let Some(target) = target {
                it.assign(fr, target, cmv.clone())?;
            }
            let r = exec_with(it, fr, items, i + 1, body, line).await;
            return super::taskgroup::exit(it, tg, r, line).await;
        }
        if let Value::Sync(o) = &cmv {
            // `__aenter__`/`__aexit__` of asyncio's lock-like objects (and Barrier).
            let body = exec_with(it, fr, items, i + 1, body, line);
            let assign = |v: Value| match target {
                Some(t) => it.assign(fr, t, v),
                None => Ok(()),
            };
            return super::sync::with_block(it, o, line, body, assign).await;
        }
        let Value::Timeout(t) = &cmv else {
            return exec_with_protocol(it, fr, items, i, body, line, cmv, true).await;
        };
        if let Some(target) = target {
            it.assign(fr, target, cmv.clone())?;
        }
        let scope = match (t.delay, t.absolute) {
            (None, _) => None,
            (Some(d), false) => Some(runtime::TimeoutScope::enter(d).map_err(|e| it.exc_from_error(e))?),
            (Some(w), true) => Some(runtime::TimeoutScope::enter_at(w).map_err(|e| it.exc_from_error(e))?),
        };
        let r = exec_with(it, fr, items, i + 1, body, line).await;
        let Some(scope) = scope else { return r };
        match r {
            Err(exc) if exc.abort => Err(exc),
            Err(exc) => {
                let e = Interp::error_from_exc(exc);
                match scope.exit::<()>(Err(e)) {
                    Err(e) => {
                        let x = it.exc_from_error(e);
                        Err(x)
                    }
                    Ok(()) => Ok(Flow::Normal),
                }
            }
            Ok(flow) => {
                let _ = scope.exit(Ok(()));
                Ok(flow)
            }
        }
    })
}

/// A `with` statement's items from `i` on (`__enter__`/`__exit__`).
fn exec_sync_with<'a>(
    it: &'a Interp,
    fr: &'a Frame,
    items: &'a [(E, Option<Target>)],
    i: usize,
    body: &'a [Stmt],
    line: u32,
    aw: bool,
) -> LBox<'a, R<Flow>> {
    Box::pin(async move {
        if i == items.len() {
            return exec_block(it, fr, body).await;
        }
        it.line.set(line);
        let cmv = ev(it, fr, &items[i].0, aw).await?;
        exec_with_protocol(it, fr, items, i, body, line, cmv, false).await
    })
}

/// One context manager of a `with` / `async with` statement, found by
/// attribute lookup (`__enter__`/`__exit__`, `__aenter__`/`__aexit__`), so
/// native objects that answer those attributes work too. The exception
/// leaving the body goes to the exit method as (type, value, traceback);
/// the traceback is a placeholder object (`<traceback object at 0x...>`)
/// with no attributes.
#[allow(clippy::too_many_arguments)]
fn exec_with_protocol<'a>(
    it: &'a Interp,
    fr: &'a Frame,
    items: &'a [(E, Option<Target>)],
    i: usize,
    body: &'a [Stmt],
    line: u32,
    cmv: Value,
    is_async: bool,
) -> LBox<'a, R<Flow>> {
    Box::pin(async move {
        let (enter_name, exit_name, what) = if is_async {
            ("__aenter__", "__aexit__", "asynchronous context manager")
        } else {
            ("__enter__", "__exit__", "context manager")
        };
        let lookup = |name: &str| match builtins::get_attr(it, &cmv, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.class.is_subclass_named("AttributeError") => Ok(None),
            Err(e) => Err(e),
        };
        let Some(enter) = lookup(enter_name)? else {
            return it.type_error(format!("'{}' object does not support the {what} protocol", cmv.type_name()));
        };
        let Some(exit) = lookup(exit_name)? else {
            return it.type_error(format!(
                "'{}' object does not support the {what} protocol (missed {exit_name} method)",
                cmv.type_name()
            ));
        };
        it.line.set(line);
        let mut entered = it.call(&enter, Vec::new(), Vec::new())?;
        if is_async {
            entered = it.await_value(entered, line).await?;
        }
        if let Some(target) = &items[i].1 {
            it.assign(fr, target, entered)?;
        }
        let r = if is_async {
            exec_with(it, fr, items, i + 1, body, line).await
        } else {
            exec_sync_with(it, fr, items, i + 1, body, line, true).await
        };
        let args = match &r {
            Err(exc) if exc.abort => return r,
            Err(exc) => {
                let tb = Value::Instance(super::value::Instance::new(it.class("traceback")));
                vec![Value::Class(exc.class.clone()), Value::Exc(exc.clone()), tb]
            }
            Ok(_) => vec![Value::None, Value::None, Value::None],
        };
        it.line.set(line);
        let mut out = it.call(&exit, args, Vec::new())?;
        if is_async {
            out = it.await_value(out, line).await?;
        }
        match r {
            Err(exc) => {
                if it.truthy(&out)? {
                    Ok(Flow::Normal)
                } else {
                    Err(exc)
                }
            }
            ok => ok,
        }
    })
}

// ---------------------------------------------------------------- async expressions

/// Evaluates an expression containing `await`, left to right.
fn eval_async<'a>(it: &'a Interp, fr: &'a Frame, e: &'a E) -> LBox<'a, R<Value>> {
    Box::pin(async move {
        if !super::compile::has_await(e) {
            return it.eval(fr, e);
        }
        match e {
            E::Await(x, line, nested) => {
                let v = if *nested { eval_async(it, fr, x).await? } else { it.eval(fr, x)? };
                it.await_value(v, *line).await
            }
            E::Call(c) => {
                let func = eval_async(it, fr, &c.func).await?;
                let mut args = Vec::with_capacity(c.args.len());
                for a in &c.args {
                    if let E::Starred(x) = a {
                        let v = eval_async(it, fr, x).await?;
                        args.extend(it.iterate(&v)?);
                    } else {
                        args.push(eval_async(it, fr, a).await?);
                    }
                }
                let mut kwargs = Vec::new();
                for (k, v) in &c.kwargs {
                    let v = eval_async(it, fr, v).await?;
                    it.push_kwarg(&mut kwargs, k.as_ref(), v)?;
                }
                it.line.set(c.line);
                it.call(&func, args, kwargs)
            }
            E::Attr(o, name) => {
                let o = eval_async(it, fr, o).await?;
                builtins::get_attr(it, &o, name)
            }
            E::Sub(o, k) => {
                let o = eval_async(it, fr, o).await?;
                let k = eval_async(it, fr, k).await?;
                ops::get_item(it, &o, &k)
            }
            E::Bin(op, a, b) => {
                let a = eval_async(it, fr, a).await?;
                let b = eval_async(it, fr, b).await?;
                ops::binop(it, *op, &a, &b)
            }
            E::Unary(op, a) => {
                let a = eval_async(it, fr, a).await?;
                ops::unary(it, *op, &a)
            }
            E::BoolOp(op, vs) => {
                let mut last = Value::None;
                for v in vs {
                    last = eval_async(it, fr, v).await?;
                    let t = it.truthy(&last)?;
                    if (*op == BoolOp::And && !t) || (*op == BoolOp::Or && t) {
                        return Ok(last);
                    }
                }
                Ok(last)
            }
            E::Compare(a, rest) => {
                let mut left = eval_async(it, fr, a).await?;
                for (op, x) in rest {
                    let right = eval_async(it, fr, x).await?;
                    if !ops::compare(it, *op, &left, &right)? {
                        return Ok(Value::Bool(false));
                    }
                    left = right;
                }
                Ok(Value::Bool(true))
            }
            E::IfExp(t, a, b) => {
                if it.truthy(&eval_async(it, fr, t).await?)? {
                    eval_async(it, fr, a).await
                } else {
                    eval_async(it, fr, b).await
                }
            }
            E::List(items) | E::Tuple(items) | E::Set(items) => {
                let mut out = Vec::new();
                for x in items {
                    if let E::Starred(x) = x {
                        let v = eval_async(it, fr, x).await?;
                        let more = it.iterate(&v)?;
                        it.reserve(super::heap::seq_bytes(out.len().saturating_add(more.len())))?;
                        out.extend(more);
                    } else {
                        out.push(eval_async(it, fr, x).await?);
                    }
                }
                match e {
                    E::List(_) => Ok(Value::list(out)),
                    E::Tuple(_) => Ok(Value::tuple(out)),
                    _ => ops::make_set(it, out),
                }
            }
            E::Dict(items) => {
                let mut d = IndexMap::new();
                for (k, v) in items {
                    let Some(k) = k else {
                        return Err(it.exc("RuntimeError", "taskline: ** with await is not supported"));
                    };
                    let k = eval_async(it, fr, k).await?;
                    let v = eval_async(it, fr, v).await?;
                    let h = ops::hkey(it, &k)?;
                    ops::dict_insert(&mut d, h, k, v);
                }
                Ok(Value::dict(d))
            }
            E::FString(parts) => Ok(Value::Str(fstring_async(it, fr, parts).await?.into())),
            E::Named(var, x) => {
                let v = eval_async(it, fr, x).await?;
                it.store(fr, *var, v.clone());
                Ok(v)
            }
            E::Comp(c) => {
                if c.kind == CompKind::Gen {
                    return Err(it.exc("RuntimeError", "taskline: await in a generator expression is not supported"));
                }
                let mut acc = Acc::default();
                comp_async(it, fr, c, 0, &mut acc).await?;
                let items = std::mem::take(&mut acc.items);
                Ok(match c.kind {
                    CompKind::Set => ops::make_set(it, items)?,
                    CompKind::Dict => Value::dict(std::mem::take(&mut acc.dict)),
                    _ => Value::list(items),
                })
            }
            E::Yield(x) => {
                let v = match x {
                    Some(x) => eval_async(it, fr, x).await?,
                    None => Value::None,
                };
                let line = it.line.get();
                let r = generator::YieldNow::new(v).await;
                it.line.set(line);
                r
            }
            E::YieldFrom(x) => {
                let v = eval_async(it, fr, x).await?;
                yield_from(it, v).await
            }
            _ => Err(it.exc("RuntimeError", "taskline: await in this position is not supported")),
        }
    })
}

/// `yield from sub`: delegates `next`/`send`/`throw`/`close` to `sub`; its return value is the result.
async fn yield_from(it: &Interp, v: Value) -> R<Value> {
    let sub = it.get_iter(&v)?;
    drop(v);
    let line = it.line.get();
    let mut input: R<Value> = Ok(Value::None);
    loop {
        let step = match &sub {
            Value::Gen(g) => {
                if let Err(e) = &input {
                    if e.class.is_subclass(&it.class("GeneratorExit")) {
                        generator::close(it, g)?;
                        return Err(e.clone());
                    }
                }
                generator::resume(it, g, input)?
            }
            _ => match input {
                Err(e) => return Err(e),
                Ok(_) => match it.next_item(&sub)? {
                    Some(x) => generator::Step::Yielded(x),
                    None => generator::Step::Returned(Value::None),
                },
            },
        };
        match step {
            generator::Step::Returned(r) => return Ok(r),
            generator::Step::Yielded(x) => {
                input = generator::YieldNow::new(x).await;
                it.line.set(line);
            }
        }
    }
}

/// The body of a generator expression: its loops, yielding each element.
fn comp_gen<'a>(
    it: &'a Interp,
    fr: &'a Frame,
    c: &'a super::compile::Comp,
    level: usize,
    first: Option<Value>,
) -> LBox<'a, R<()>> {
    Box::pin(async move {
        let (target, iter, ifs) = &c.gens[level];
        let src = match first {
            Some(v) => v,
            None => {
                let v = it.eval(fr, iter)?;
                it.get_iter(&v)?
            }
        };
        'items: while let Some(x) = it.next_item(&src)? {
            it.tick()?;
            it.assign(fr, target, x)?;
            for cond in ifs {
                if !it.eval(fr, cond)?.truthy() {
                    continue 'items;
                }
            }
            if level + 1 < c.gens.len() {
                comp_gen(it, fr, c, level + 1, None).await?;
            } else {
                let v = it.eval(fr, &c.elt)?;
                generator::YieldNow::new(v).await?;
            }
        }
        Ok(())
    })
}

/// A list/set/dict comprehension on the async path: `async for` clauses and `await` anywhere.
fn comp_async<'a>(
    it: &'a Interp,
    fr: &'a Frame,
    c: &'a super::compile::Comp,
    level: usize,
    acc: &'a mut Acc,
) -> LBox<'a, R<()>> {
    Box::pin(async move {
        let (target, iter, ifs) = &c.gens[level];
        let v = eval_async(it, fr, iter).await?;
        let is_async = c.async_gens.get(level).copied().unwrap_or(false);
        let line = it.line.get();
        let src = if is_async {
            match builtins::get_attr(it, &v, "__aiter__") {
                Ok(f) => it.call(&f, Vec::new(), Vec::new())?,
                Err(_) => {
                    return it.type_error(format!(
                        "'async for' requires an object with __aiter__ method, got {}",
                        v.type_name()
                    ));
                }
            }
        } else {
            it.get_iter(&v)?
        };
        drop(v);
        loop {
            it.tick()?;
            let x = if is_async {
                let Ok(anext) = builtins::get_attr(it, &src, "__anext__") else {
                    return it.type_error(format!(
                        "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                        src.type_name()
                    ));
                };
                let aw = it.call(&anext, Vec::new(), Vec::new())?;
                match it.await_value(aw, line).await {
                    Ok(x) => x,
                    Err(e) if !e.abort && e.class.is_subclass(&it.class("StopAsyncIteration")) => break,
                    Err(e) => return Err(e),
                }
            } else {
                match it.next_item(&src)? {
                    Some(x) => x,
                    None => break,
                }
            };
            it.assign(fr, target, x)?;
            let mut ok = true;
            for cond in ifs {
                if !eval_async(it, fr, cond).await?.truthy() {
                    ok = false;
                    break;
                }
            }
            if !ok {
                continue;
            }
            if level + 1 < c.gens.len() {
                comp_async(it, fr, c, level + 1, acc).await?;
            } else {
                let v = eval_async(it, fr, &c.elt).await?;
                if c.kind == CompKind::Dict {
                    let val = match &c.value {
                        Some(e) => eval_async(it, fr, e).await?,
                        None => Value::None,
                    };
                    let h = ops::hkey(it, &v)?;
                    ops::dict_insert(&mut acc.dict, h, v, val);
                } else {
                    acc.items.push(v);
                }
                if acc.items.len() % 1024 == 0 {
                    it.reserve(super::heap::seq_bytes(acc.items.len()) + super::heap::dict_bytes(acc.dict.len()))?;
                }
            }
        }
        Ok(())
    })
}

/// An f-string with `await` in a field (see [`Interp::fstring`]).
fn fstring_async<'a>(it: &'a Interp, fr: &'a Frame, parts: &'a [FPart]) -> LBox<'a, R<String>> {
    Box::pin(async move {
        let mut s = String::new();
        for p in parts {
            match p {
                FPart::Lit(l) => {
                    it.reserve(s.len() + l.len())?;
                    s.push_str(l);
                }
                FPart::Expr { e, conv, spec } => {
                    let v = eval_async(it, fr, e).await?;
                    let spec = match spec {
                        Some(parts) => Some(fstring_async(it, fr, parts).await?),
                        None => None,
                    };
                    let text = it.format_value(&v, *conv, spec.as_deref())?;
                    it.reserve(s.len() + text.len())?;
                    s.push_str(&text);
                }
            }
        }
        Ok(s)
    })
}

/// `ascii()` of a `repr()`: non-ASCII characters escaped as Python does.
pub(crate) fn pyfmt_ascii(r: &str) -> String {
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// Runs the module's top level (synchronously, before the loop starts).
pub(crate) fn exec_module(it: &Interp, module: &Module) -> R<()> {
    let fr = Frame {
        env: Rc::new(Env { slots: RefCell::new(Vec::new()), parent: None }),
        handling: RefCell::new(Vec::new()),
    };
    match poll_once(exec_block(it, &fr, &module.body)) {
        Some(r) => r.map(|_| ()),
        None => Err(it.exc("RuntimeError", "taskline: the module suspended")),
    }
}

/// Exceptions: the objects `TaskObj` methods hand back.
pub(crate) fn make_task_obj(it: &Interp, t: runtime::Task<Value>) -> Value {
    it.task_value(TaskObj::Typed(t))
}

/// `asyncio.timeout(...)`.
pub(crate) fn timeout_value(delay: Option<f64>, absolute: bool) -> Value {
    Value::Timeout(Rc::new(TimeoutObj { delay, absolute }))
}
