//! From ruff's Python AST to the interpreter's IR: names resolved to slots
//! (locals, enclosing functions' locals, globals), everything outside the
//! supported subset refused with its place.

use std::collections::HashMap;
use std::rc::Rc;

use ruff_python_ast as ast;
use ruff_python_ast::{Expr as PExpr, Stmt as PStmt};
use ruff_text_size::{Ranged, TextSize};

use super::value::Value;

pub use ast::{BoolOp, CmpOp, Operator, UnaryOp};

/// A refused construct: what and where (byte offset).
#[derive(Debug)]
pub(crate) struct Refusal {
    pub feature: String,
    pub at: TextSize,
}

type CResult<T> = Result<T, Refusal>;

fn refuse<T>(feature: impl Into<String>, node: &impl Ranged) -> CResult<T> {
    Err(Refusal { feature: feature.into(), at: node.start() })
}

/// Python's SyntaxError for a `return`, or a `break`/`continue` that would
/// leave the `except*` clause (`in_loop`: inside a loop of the clause).
fn leaves_except_star(body: &[PStmt], in_loop: bool) -> CResult<()> {
    const MSG: &str = "SYNTAX:'break', 'continue' and 'return' cannot appear in an except* block";
    for st in body {
        match st {
            PStmt::Return(_) => return refuse(MSG, st),
            PStmt::Break(_) | PStmt::Continue(_) if !in_loop => return refuse(MSG, st),
            PStmt::If(s) => {
                leaves_except_star(&s.body, in_loop)?;
                for c in &s.elif_else_clauses {
                    leaves_except_star(&c.body, in_loop)?;
                }
            }
            PStmt::For(s) => {
                leaves_except_star(&s.body, true)?;
                leaves_except_star(&s.orelse, in_loop)?;
            }
            PStmt::While(s) => {
                leaves_except_star(&s.body, true)?;
                leaves_except_star(&s.orelse, in_loop)?;
            }
            PStmt::With(s) => leaves_except_star(&s.body, in_loop)?,
            PStmt::Try(s) => {
                leaves_except_star(&s.body, in_loop)?;
                for h in &s.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    leaves_except_star(&h.body, in_loop)?;
                }
                leaves_except_star(&s.orelse, in_loop)?;
                leaves_except_star(&s.finalbody, in_loop)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// A resolved variable.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Var {
    /// A slot of the running function's environment.
    Local(u32),
    /// A slot of an enclosing function's environment, `depth` levels up.
    Outer(u16, u32),
    /// A module global.
    Global(u32),
}

/// A statement with its line.
#[derive(Debug)]
pub(crate) struct Stmt {
    pub line: u32,
    /// Whether an expression of the statement contains `await`.
    pub aw: bool,
    pub kind: SK,
}

#[derive(Debug)]
pub(crate) enum SK {
    Expr(E),
    Assign(Vec<Target>, E),
    AugAssign(Target, Operator, E),
    If(E, Vec<Stmt>, Vec<Stmt>),
    While(E, Vec<Stmt>, Vec<Stmt>),
    For(Target, E, Vec<Stmt>, Vec<Stmt>),
    /// `async for target in iter: body else: orelse`.
    AsyncFor(Target, E, Vec<Stmt>, Vec<Stmt>),
    Break,
    Continue,
    Return(Option<E>),
    Pass,
    Raise(Option<E>, Option<E>),
    Try(Box<TryStmt>),
    /// `def`: the name, the code, the defaults, the decorators (top to bottom).
    FuncDef(Var, Rc<FuncProto>, Vec<E>, Vec<E>),
    ClassDef(Var, Rc<ClassProto>),
    Del(Vec<Target>),
    Assert(E, Option<E>),
    /// `async with` items (context expression, `as` target).
    AsyncWith(Vec<(E, Option<Target>)>, Vec<Stmt>),
    /// `with` items (context expression, `as` target).
    With(Vec<(E, Option<Target>)>, Vec<Stmt>),
    Import(Var, &'static str),
    ImportFrom(Vec<(Var, &'static str, Rc<str>)>),
    /// `import a.b.c` (binds `a`) or `import a.b.c as x` (binds `a.b.c`) of
    /// a module found by the loader, or of a missing one (see `modules`).
    ImportModule {
        var: Var,
        name: Rc<str>,
        bind_top: bool,
    },
    /// `from m import x as y, ...` of a loaded module (absolute name).
    ImportModuleFrom {
        module: Rc<str>,
        names: Vec<(Var, Rc<str>)>,
    },
    /// A relative import that has no package to be relative to (Python's ImportError message).
    ImportError(Rc<str>),
}

#[derive(Debug)]
pub(crate) struct TryStmt {
    /// `except*` clauses (exception groups are split among them).
    pub star: bool,
    pub body: Vec<Stmt>,
    pub handlers: Vec<Handler>,
    pub orelse: Vec<Stmt>,
    pub finalbody: Vec<Stmt>,
}

#[derive(Debug)]
pub(crate) struct Handler {
    pub line: u32,
    pub ty: Option<E>,
    pub name: Option<Var>,
    pub body: Vec<Stmt>,
}

#[derive(Debug)]
pub(crate) enum Target {
    Var(Var, Rc<str>),
    Attr(E, Rc<str>),
    Sub(E, E),
    Seq(Vec<Target>, Option<usize>),
}

/// An expression.
#[derive(Debug)]
pub(crate) enum E {
    Const(Value),
    Var(Var, Rc<str>),
    Attr(Box<E>, Rc<str>),
    Sub(Box<E>, Box<E>),
    Slice(Option<Box<E>>, Option<Box<E>>, Option<Box<E>>),
    Call(Box<Call>),
    Bin(Operator, Box<E>, Box<E>),
    Unary(UnaryOp, Box<E>),
    BoolOp(BoolOp, Vec<E>),
    Compare(Box<E>, Vec<(CmpOp, E)>),
    IfExp(Box<E>, Box<E>, Box<E>),
    Lambda(Rc<FuncProto>, Vec<E>),
    List(Vec<E>),
    Tuple(Vec<E>),
    Set(Vec<E>),
    Dict(Vec<(Option<E>, E)>),
    Comp(Rc<Comp>),
    FString(Vec<FPart>),
    /// `await x` (line; whether `x` itself contains an await).
    Await(Box<E>, u32, bool),
    Named(Var, Box<E>),
    Starred(Box<E>),
    /// `yield x` (None: a bare `yield`).
    Yield(Option<Box<E>>),
    /// `yield from x`.
    YieldFrom(Box<E>),
}

#[derive(Debug)]
pub(crate) struct Call {
    pub func: E,
    pub args: Vec<E>,
    pub kwargs: Vec<(Option<Rc<str>>, E)>,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

#[derive(Debug)]
pub(crate) struct Comp {
    pub kind: CompKind,
    pub elt: E,
    pub value: Option<E>,
    pub gens: Vec<(Target, E, Vec<E>)>,
    /// Which `for` clauses are `async for`.
    pub async_gens: Vec<bool>,
    /// `__qualname__` of a generator expression (`main.<locals>.<genexpr>`).
    pub qualname: Rc<str>,
}

#[derive(Debug)]
pub(crate) enum FPart {
    Lit(Rc<str>),
    Expr { e: E, conv: char, spec: Option<Vec<FPart>> },
}

/// A compiled function.
#[derive(Debug)]
pub struct FuncProto {
    /// `__name__`.
    pub name: Rc<str>,
    /// `__qualname__` (leaked once per function: coroutine names are `&'static str`).
    pub qualname: &'static str,
    pub(crate) is_async: bool,
    /// Whether the body contains `yield` (a generator, or an async generator).
    pub(crate) is_generator: bool,
    /// Parameter names, positional order (slots 0..n).
    pub(crate) params: Vec<Rc<str>>,
    /// Number of keyword-only parameters (after the positional ones).
    pub(crate) kwonly: usize,
    /// Slot of `*args`.
    pub(crate) vararg: Option<u32>,
    /// Slot of `**kwargs`.
    pub(crate) kwarg: Option<u32>,
    /// Number of positional parameters with defaults (the last ones).
    pub(crate) ndefaults: usize,
    /// Defaults of keyword-only parameters, by index (evaluated at def time in order).
    pub(crate) kw_has_default: Vec<bool>,
    pub(crate) nslots: usize,
    /// The local variables' names, by slot (for a debugger's variables view).
    #[allow(dead_code)]
    pub(crate) slot_names: Vec<Rc<str>>,
    pub(crate) body: Vec<Stmt>,
    /// The line of the `def`.
    pub(crate) line: u32,
    /// The parameter and return annotations, evaluated (after the defaults)
    /// when the `def` runs; empty under `from __future__ import annotations`.
    pub(crate) annotations: Vec<E>,
    /// The docstring (`__doc__`).
    pub(crate) doc: Option<Rc<str>>,
}

/// A compiled `class` statement.
#[derive(Debug)]
pub(crate) struct ClassProto {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub bases: Vec<E>,
    pub decorators: Vec<E>,
    /// The class body, run as a function whose locals become the namespace.
    pub body: Vec<Stmt>,
    pub slot_names: Vec<Rc<str>>,
    /// The slot of the hidden `__class__` cell (zero-argument `super()`).
    pub class_slot: u32,
    /// The names annotated in the body (`x: int`, `y: str = ''`), in order.
    pub annotations: Vec<Rc<str>>,
}

/// A compiled module.
#[derive(Debug)]
pub(crate) struct Module {
    pub body: Vec<Stmt>,
    pub globals: Vec<Rc<str>>,
    /// The modules the code imports from files (absolute dotted names), for the loader.
    pub imports: Vec<ImportRequest>,
}

/// Where a module sits among the program's modules (see `modules`).
#[derive(Debug, Clone, Default)]
pub(crate) struct ModuleCtx {
    /// Index of the module's file: the high bits of every line code (see [`LINE_BITS`]).
    pub file_idx: u32,
    /// Index of the module's first global slot in the program's one table.
    pub slot_base: u32,
    /// The package relative imports resolve against (`__package__`); `None` for the entry script.
    pub package: Option<String>,
}

/// A module the code imports, by absolute dotted name.
#[derive(Debug, Clone)]
pub(crate) struct ImportRequest {
    pub name: String,
    /// `from pkg import name`: `pkg.name` is imported only if it is a submodule (no refusal if not).
    pub optional: bool,
    pub at: TextSize,
}

/// Line codes: the low `LINE_BITS` bits are the 1-based line, the high bits the
/// module's file index (0 for the entry script, so its line codes are its lines).
pub(crate) const LINE_BITS: u32 = 22;

/// The file index and line of a line code.
pub(crate) fn split_line(code: u32) -> (usize, u32) {
    ((code >> LINE_BITS) as usize, code & ((1 << LINE_BITS) - 1))
}

struct Scope {
    /// None for the module.
    locals: Option<HashMap<String, u32>>,
    slot_names: Vec<Rc<str>>,
    globals_decl: Vec<String>,
    nonlocals: Vec<String>,
    qualname: String,
    is_async: bool,
    /// A class body (its names are not visible to the functions inside it).
    is_class: bool,
    /// The first parameter of a function (zero-argument `super()`).
    first_param: Option<String>,
    /// Whether a `yield` was compiled in this scope.
    has_yield: bool,
}

pub(crate) struct Compiler<'s> {
    #[allow(dead_code)]
    src: &'s str,
    line_starts: Vec<u32>,
    scopes: Vec<Scope>,
    globals: HashMap<String, u32>,
    global_names: Vec<Rc<str>>,
    qualnames: &'s mut HashMap<String, &'static str>,
    loop_depth: u32,
    /// Module-level names (a script may define its own `open`).
    module_names: Vec<String>,
    /// Names bound to a module by `import` (`asyncio`, `time`, aliases): name -> module.
    module_aliases: HashMap<String, &'static str>,
    ctx: ModuleCtx,
    imports: Vec<ImportRequest>,
    /// `from __future__ import annotations`: annotations are never evaluated.
    future_annotations: bool,
    /// Inside `if TYPE_CHECKING:` (never true at run time): imports there are not refused.
    type_checking: bool,
}

/// The functions of the `asyncio` module the interpreter provides.
pub(crate) const ASYNCIO_FUNCTIONS: &[&str] = &[
    "run",
    "sleep",
    "create_task",
    "gather",
    "wait_for",
    "shield",
    "timeout",
    "timeout_at",
    "current_task",
    "all_tasks",
    "iscoroutine",
    "get_running_loop",
    "get_event_loop",
    "ensure_future",
    "to_thread",
    "isfuture",
    "eager_task_factory",
];
/// The classes of the `asyncio` module the interpreter provides.
pub(crate) const ASYNCIO_CLASSES: &[&str] = &[
    "CancelledError",
    "TimeoutError",
    "InvalidStateError",
    "TaskGroup",
    "Task",
    "Future",
    "Lock",
    "Event",
    "Condition",
    "Semaphore",
    "BoundedSemaphore",
    "Barrier",
    "Queue",
    "PriorityQueue",
    "LifoQueue",
    "QueueEmpty",
    "QueueFull",
    "QueueShutDown",
    "BrokenBarrierError",
];

/// Whether the `asyncio` module the interpreter provides has `name`.
fn asyncio_has(name: &str) -> bool {
    ASYNCIO_FUNCTIONS.contains(&name) || ASYNCIO_CLASSES.contains(&name) || super::wait::NAMES.contains(&name)
}
/// The names of the `time` module the interpreter provides.
pub(crate) const TIME_NAMES: &[&str] =
    &["sleep", "monotonic", "perf_counter", "time", "monotonic_ns", "perf_counter_ns", "time_ns"];

/// Built-ins a sandboxed script cannot have.
const FORBIDDEN: &[&str] = &[
    "open",
    "exec",
    "eval",
    "compile",
    "__import__",
    "input",
    "globals",
    "locals",
    "vars",
    "dir",
    "breakpoint",
    "exit",
    "quit",
    "help",
    "memoryview",
];

/// The built-in modules: the only modules not read from the project's files
/// (their names are in [`module_has`]). A built-in module wins over a file of
/// the same name, as CPython's already-imported modules do.
pub(crate) const SUPPORTED_MODULES: &[&str] = &[
    "asyncio",
    "time",
    "typing",
    "functools",
    "dataclasses",
    "enum",
    "contextlib",
    "random",
    "math",
    "string",
    "_taskline_io",
];

/// The names of the `contextlib` module the interpreter provides.
pub(crate) const CONTEXTLIB_NAMES: &[&str] =
    &["contextmanager", "asynccontextmanager", "suppress", "closing", "aclosing"];

/// The names of the `dataclasses` module the interpreter provides.
pub(crate) const DATACLASSES_NAMES: &[&str] = &["dataclass", "field", "FrozenInstanceError", "asdict", "fields"];
/// The names of the `enum` module the interpreter provides.
pub(crate) const ENUM_NAMES: &[&str] = &["Enum", "IntEnum", "auto"];

/// The names of the `functools` module the interpreter provides.
pub(crate) const FUNCTOOLS_NAMES: &[&str] = &["wraps", "partial", "reduce", "lru_cache", "cache"];

/// Whether the built-in module `m` has `name`.
pub(crate) fn module_has(m: &str, name: &str) -> bool {
    match m {
        "asyncio" => asyncio_has(name),
        "time" => TIME_NAMES.contains(&name),
        "typing" => super::typing::NAMES.contains(&name),
        "functools" => FUNCTOOLS_NAMES.contains(&name),
        "dataclasses" => DATACLASSES_NAMES.contains(&name),
        "enum" => ENUM_NAMES.contains(&name),
        "contextlib" => CONTEXTLIB_NAMES.contains(&name),
        _ => super::stdlib::has(m, name),
    }
}

/// Checks the `from __future__ import ...` statements (Python's SyntaxErrors)
/// and says whether `annotations` is among them.
fn future_imports(body: &[PStmt]) -> CResult<bool> {
    let mut annotations = false;
    let mut at_start = true;
    for (i, st) in body.iter().enumerate() {
        match st {
            PStmt::ImportFrom(f) if f.level == 0 && f.module.as_ref().is_some_and(|m| m.as_str() == "__future__") => {
                if !at_start {
                    return refuse("SYNTAX:from __future__ imports must occur at the beginning of the file", st);
                }
                for a in &f.names {
                    match a.name.as_str() {
                        "annotations" => annotations = true,
                        "nested_scopes" | "generators" | "division" | "absolute_import" | "with_statement"
                        | "print_function" | "unicode_literals" | "generator_stop" => {}
                        "braces" => return refuse("SYNTAX:not a chance", a),
                        other => return refuse(format!("SYNTAX:future feature {other} is not defined"), st),
                    }
                }
            }
            PStmt::Expr(e) if i == 0 && matches!(&*e.value, PExpr::StringLiteral(_)) => {}
            _ => at_start = false,
        }
    }
    Ok(annotations)
}

/// Compiles a parsed module.
pub(crate) fn compile_module(
    src: &str,
    module: &ast::ModModule,
    qualnames: &mut HashMap<String, &'static str>,
    ctx: ModuleCtx,
) -> CResult<Module> {
    let mut line_starts = vec![0u32];
    for (i, b) in src.bytes().enumerate() {
        if b == b'\n' {
            line_starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
    }
    let mut c = Compiler {
        src,
        line_starts,
        scopes: vec![Scope {
            locals: None,
            slot_names: Vec::new(),
            globals_decl: Vec::new(),
            nonlocals: Vec::new(),
            qualname: String::new(),
            is_async: false,
            is_class: false,
            first_param: None,
            has_yield: false,
        }],
        globals: HashMap::new(),
        global_names: Vec::new(),
        qualnames,
        loop_depth: 0,
        module_names: Vec::new(),
        module_aliases: HashMap::new(),
        ctx,
        imports: Vec::new(),
        future_annotations: false,
        type_checking: false,
    };
    collect_names(&module.body, &mut c.module_names);
    for st in &module.body {
        if let PStmt::Import(i) = st {
            for a in &i.names {
                let found = SUPPORTED_MODULES.iter().find(|m| **m == a.name.as_str()).copied();
                if let Some(m) = found.or_else(|| super::stdlib::module_name(a.name.as_str())) {
                    c.module_aliases.insert(a.asname.as_ref().unwrap_or(&a.name).id.to_string(), m);
                }
            }
        }
    }
    c.future_annotations = future_imports(&module.body)?;
    let body = c.block(&module.body)?;
    Ok(Module { body, globals: c.global_names, imports: c.imports })
}

/// The 1-based line of a byte offset in `line_starts`.
pub(crate) fn line_of(line_starts: &[u32], at: TextSize) -> u32 {
    let off = u32::from(at);
    match line_starts.binary_search(&off) {
        Ok(i) => u32::try_from(i + 1).unwrap_or(u32::MAX),
        Err(i) => u32::try_from(i).unwrap_or(u32::MAX),
    }
}

fn collect_names(stmts: &[PStmt], out: &mut Vec<String>) {
    for s in stmts {
        collect_stmt(s, out);
    }
}

fn collect_target(e: &PExpr, out: &mut Vec<String>) {
    match e {
        PExpr::Name(n) => out.push(n.id.to_string()),
        PExpr::Tuple(t) => t.elts.iter().for_each(|e| collect_target(e, out)),
        PExpr::List(t) => t.elts.iter().for_each(|e| collect_target(e, out)),
        PExpr::Starred(s) => collect_target(&s.value, out),
        _ => {}
    }
}

fn collect_expr(e: &PExpr, out: &mut Vec<String>) {
    // walrus targets and comprehension variables live in the function's scope here
    match e {
        PExpr::Named(n) => {
            collect_target(&n.target, out);
            collect_expr(&n.value, out);
        }
        PExpr::ListComp(c) => c.generators.iter().for_each(|g| collect_target(&g.target, out)),
        PExpr::SetComp(c) => c.generators.iter().for_each(|g| collect_target(&g.target, out)),
        PExpr::DictComp(c) => c.generators.iter().for_each(|g| collect_target(&g.target, out)),
        PExpr::Generator(c) => c.generators.iter().for_each(|g| collect_target(&g.target, out)),
        PExpr::Call(c) => {
            collect_expr(&c.func, out);
            c.arguments.args.iter().for_each(|a| collect_expr(a, out));
            c.arguments.keywords.iter().for_each(|k| collect_expr(&k.value, out));
        }
        PExpr::Await(a) => collect_expr(&a.value, out),
        _ => {}
    }
}

fn collect_stmt(s: &PStmt, out: &mut Vec<String>) {
    match s {
        PStmt::FunctionDef(f) => out.push(f.name.id.to_string()),
        PStmt::ClassDef(c) => out.push(c.name.id.to_string()),
        PStmt::Assign(a) => {
            a.targets.iter().for_each(|t| collect_target(t, out));
            collect_expr(&a.value, out);
        }
        PStmt::AugAssign(a) => collect_target(&a.target, out),
        PStmt::AnnAssign(a) => collect_target(&a.target, out),
        PStmt::For(f) => {
            collect_target(&f.target, out);
            collect_names(&f.body, out);
            collect_names(&f.orelse, out);
        }
        PStmt::While(w) => {
            collect_expr(&w.test, out);
            collect_names(&w.body, out);
            collect_names(&w.orelse, out);
        }
        PStmt::If(i) => {
            collect_expr(&i.test, out);
            collect_names(&i.body, out);
            for c in &i.elif_else_clauses {
                collect_names(&c.body, out);
            }
        }
        PStmt::With(w) => {
            for it in &w.items {
                if let Some(v) = &it.optional_vars {
                    collect_target(v, out);
                }
            }
            collect_names(&w.body, out);
        }
        PStmt::Try(t) => {
            collect_names(&t.body, out);
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                if let Some(n) = &h.name {
                    out.push(n.id.to_string());
                }
                collect_names(&h.body, out);
            }
            collect_names(&t.orelse, out);
            collect_names(&t.finalbody, out);
        }
        PStmt::Import(i) => {
            for a in &i.names {
                // `import a.b` binds `a`
                let bound = a.asname.as_ref().unwrap_or(&a.name).id.as_str();
                out.push(bound.split('.').next().unwrap_or(bound).to_owned());
            }
        }
        PStmt::ImportFrom(i) => {
            for a in &i.names {
                out.push(a.asname.as_ref().unwrap_or(&a.name).id.to_string());
            }
        }
        PStmt::Expr(e) => collect_expr(&e.value, out),
        PStmt::Return(r) => {
            if let Some(v) = &r.value {
                collect_expr(v, out);
            }
        }
        _ => {}
    }
}

fn contains_await(e: &E) -> bool {
    match e {
        E::Await(..) | E::Yield(_) | E::YieldFrom(_) => true,
        E::Const(_) | E::Var(..) | E::Lambda(..) => false,
        E::Attr(a, _) | E::Unary(_, a) | E::Starred(a) | E::Named(_, a) => contains_await(a),
        E::Sub(a, b) | E::Bin(_, a, b) => contains_await(a) || contains_await(b),
        E::Slice(a, b, c) => [a, b, c].iter().any(|x| x.as_ref().is_some_and(|x| contains_await(x))),
        E::Call(c) => {
            contains_await(&c.func)
                || c.args.iter().any(contains_await)
                || c.kwargs.iter().any(|(_, e)| contains_await(e))
        }
        E::BoolOp(_, v) | E::List(v) | E::Tuple(v) | E::Set(v) => v.iter().any(contains_await),
        E::Compare(a, v) => contains_await(a) || v.iter().any(|(_, e)| contains_await(e)),
        E::IfExp(a, b, c) => contains_await(a) || contains_await(b) || contains_await(c),
        E::Dict(v) => v.iter().any(|(k, v)| k.as_ref().is_some_and(contains_await) || contains_await(v)),
        E::Comp(c) => {
            c.async_gens.iter().any(|a| *a)
                || contains_await(&c.elt)
                || c.value.as_ref().is_some_and(contains_await)
                || c.gens.iter().any(|(_, it, ifs)| contains_await(it) || ifs.iter().any(contains_await))
        }
        E::FString(parts) => parts.iter().any(|p| match p {
            FPart::Lit(_) => false,
            FPart::Expr { e, spec, .. } => {
                contains_await(e)
                    || spec
                        .as_ref()
                        .is_some_and(|s| s.iter().any(|p| matches!(p, FPart::Expr { e, .. } if contains_await(e))))
            }
        }),
    }
}

/// Whether the expression contains `await` (evaluated on the async path).
pub(crate) fn has_await(e: &E) -> bool {
    contains_await(e)
}

fn target_has_await(t: &Target) -> bool {
    match t {
        Target::Var(..) => false,
        Target::Attr(e, _) => contains_await(e),
        Target::Sub(a, b) => contains_await(a) || contains_await(b),
        Target::Seq(v, _) => v.iter().any(target_has_await),
    }
}

impl Compiler<'_> {
    fn line(&self, node: &impl Ranged) -> u32 {
        // (a line past 2^22 - 1, only possible in an entry script over 4 MiB, shows as the last one)
        line_of(&self.line_starts, node.start()).min((1 << LINE_BITS) - 1) | (self.ctx.file_idx << LINE_BITS)
    }

    /// Whether `name` is a local of an enclosing function.
    fn is_local(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.locals.as_ref().is_some_and(|l| l.contains_key(name)))
    }

    fn global_slot(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.globals.get(name) {
            return i;
        }
        let i = u32::try_from(self.global_names.len()).unwrap_or(u32::MAX).saturating_add(self.ctx.slot_base);
        self.globals.insert(name.to_owned(), i);
        self.global_names.push(name.into());
        i
    }

    fn resolve(&mut self, name: &str, store: bool) -> Var {
        let n = self.scopes.len();
        let cur = &self.scopes[n - 1];
        if cur.locals.is_none() || cur.globals_decl.iter().any(|g| g == name) {
            return Var::Global(self.global_slot(name));
        }
        let nonlocal = cur.nonlocals.iter().any(|g| g == name);
        if !nonlocal {
            if let Some(&slot) = cur.locals.as_ref().and_then(|l| l.get(name)) {
                return Var::Local(slot);
            }
            if store {
                // (collected beforehand; defensive)
                return Var::Global(self.global_slot(name));
            }
        }
        for depth in 1..n {
            let sc = &self.scopes[n - 1 - depth];
            let Some(locals) = &sc.locals else { break };
            if sc.is_class {
                // a class body's names are not visible to the functions inside it
                continue;
            }
            if sc.globals_decl.iter().any(|g| g == name) {
                break;
            }
            if let Some(&slot) = locals.get(name) {
                return Var::Outer(u16::try_from(depth).unwrap_or(u16::MAX), slot);
            }
        }
        Var::Global(self.global_slot(name))
    }

    /// The absolute name of `from <level dots><module> import ...` (importlib's
    /// `_resolve_name`), or Python's ImportError message.
    fn absolute_module(&self, level: u32, module: &str) -> Result<String, String> {
        if level == 0 {
            return Ok(module.to_owned());
        }
        let Some(package) = self.ctx.package.as_deref().filter(|p| !p.is_empty()) else {
            return Err("attempted relative import with no known parent package".into());
        };
        let parts: Vec<&str> = package.split('.').collect();
        let up = level as usize - 1;
        if up >= parts.len() {
            return Err("attempted relative import beyond top-level package".into());
        }
        let base = parts[..parts.len() - up].join(".");
        Ok(if module.is_empty() { base } else { format!("{base}.{module}") })
    }

    fn block(&mut self, stmts: &[PStmt]) -> CResult<Vec<Stmt>> {
        let mut out = Vec::with_capacity(stmts.len());
        for s in stmts {
            if let Some(st) = self.stmt(s)? {
                out.push(st);
            }
        }
        Ok(out)
    }

    fn in_function(&self) -> bool {
        self.scopes.last().is_some_and(|s| s.locals.is_some())
    }

    fn in_async(&self) -> bool {
        self.scopes.last().is_some_and(|s| s.is_async)
    }

    fn stmt(&mut self, s: &PStmt) -> CResult<Option<Stmt>> {
        let line = self.line(s);
        let kind = match s {
            PStmt::Expr(e) => SK::Expr(self.expr(&e.value)?),
            PStmt::Pass(_) => SK::Pass,
            PStmt::Break(_) => {
                if self.loop_depth == 0 {
                    return refuse("SYNTAX:'break' outside loop", s);
                }
                SK::Break
            }
            PStmt::Continue(_) => {
                if self.loop_depth == 0 {
                    return refuse("SYNTAX:'continue' not properly in loop", s);
                }
                SK::Continue
            }
            PStmt::Return(r) => {
                if !self.in_function() {
                    return refuse("SYNTAX:'return' outside function", s);
                }
                SK::Return(r.value.as_ref().map(|v| self.expr(v)).transpose()?)
            }
            PStmt::Assign(a) => {
                let value = self.expr(&a.value)?;
                let targets = a.targets.iter().map(|t| self.target(t)).collect::<CResult<Vec<_>>>()?;
                SK::Assign(targets, value)
            }
            PStmt::AnnAssign(a) => {
                // CPython evaluates the annotation at module (and class) level, after
                // the assignment, and never inside a function or under
                // `from __future__ import annotations`.
                let assign = match &a.value {
                    Some(v) => {
                        let value = self.expr(v)?;
                        Some(SK::Assign(vec![self.target(&a.target)?], value))
                    }
                    None => None,
                };
                let annotation = if self.in_function() || self.future_annotations {
                    None
                } else {
                    Some(SK::Expr(self.expr(&a.annotation)?))
                };
                match (assign, annotation) {
                    (Some(k), None) | (None, Some(k)) => k,
                    (None, None) => SK::Pass,
                    (Some(assign), Some(annotation)) => {
                        let aw = matches!(&assign, SK::Assign(_, e) if has_await(e));
                        let both = vec![Stmt { line, aw, kind: assign }, Stmt { line, aw: false, kind: annotation }];
                        SK::If(E::Const(Value::Bool(true)), both, Vec::new())
                    }
                }
            }
            PStmt::AugAssign(a) => {
                if matches!(a.op, Operator::MatMult) {
                    return refuse("the @= operator", s);
                }
                let value = self.expr(&a.value)?;
                let t = self.target(&a.target)?;
                if matches!(t, Target::Seq(..)) {
                    return refuse("SYNTAX:'tuple' is an illegal expression for augmented assignment", &*a.target);
                }
                SK::AugAssign(t, a.op, value)
            }
            PStmt::If(i) => {
                let test = self.expr(&i.test)?;
                let guarded = match &*i.test {
                    PExpr::Name(n) => n.id.as_str() == "TYPE_CHECKING",
                    PExpr::Attribute(a) => a.attr.as_str() == "TYPE_CHECKING",
                    _ => false,
                };
                let inside = self.type_checking || guarded;
                let saved = std::mem::replace(&mut self.type_checking, inside);
                let body = self.block(&i.body);
                self.type_checking = saved;
                let body = body?;
                let mut orelse = Vec::new();
                // elif chains nest from the last clause backwards
                let mut tail: Option<Vec<Stmt>> = None;
                for clause in i.elif_else_clauses.iter().rev() {
                    let cbody = self.block(&clause.body)?;
                    match &clause.test {
                        None => tail = Some(cbody),
                        Some(t) => {
                            let test = self.expr(t)?;
                            let aw = has_await(&test);
                            let st = Stmt {
                                line: self.line(clause),
                                aw,
                                kind: SK::If(test, cbody, tail.take().unwrap_or_default()),
                            };
                            tail = Some(vec![st]);
                        }
                    }
                }
                if let Some(t) = tail {
                    orelse = t;
                }
                SK::If(test, body, orelse)
            }
            PStmt::While(w) => {
                let test = self.expr(&w.test)?;
                self.loop_depth += 1;
                let body = self.block(&w.body);
                self.loop_depth -= 1;
                SK::While(test, body?, self.block(&w.orelse)?)
            }
            PStmt::For(f) => {
                if f.is_async && !self.in_async() {
                    return refuse("SYNTAX:'async for' outside async function", s);
                }
                let iter = self.expr(&f.iter)?;
                let target = self.target(&f.target)?;
                self.loop_depth += 1;
                let body = self.block(&f.body);
                self.loop_depth -= 1;
                if f.is_async {
                    SK::AsyncFor(target, iter, body?, self.block(&f.orelse)?)
                } else {
                    SK::For(target, iter, body?, self.block(&f.orelse)?)
                }
            }
            PStmt::Raise(r) => {
                let exc = r.exc.as_ref().map(|e| self.expr(e)).transpose()?;
                let cause = r.cause.as_ref().map(|e| self.expr(e)).transpose()?;
                SK::Raise(exc, cause)
            }
            PStmt::Try(t) => {
                let body = self.block(&t.body)?;
                let mut handlers = Vec::new();
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if t.is_star {
                        leaves_except_star(&h.body, false)?;
                    }
                    let ty = h.type_.as_ref().map(|e| self.expr(e)).transpose()?;
                    let name = h.name.as_ref().map(|n| self.resolve(n.as_str(), true));
                    handlers.push(Handler { line: self.line(h), ty, name, body: self.block(&h.body)? });
                }
                let orelse = self.block(&t.orelse)?;
                let finalbody = self.block(&t.finalbody)?;
                SK::Try(Box::new(TryStmt { star: t.is_star, body, handlers, orelse, finalbody }))
            }
            PStmt::FunctionDef(f) => {
                if let Some(tp) = &f.type_params {
                    return refuse("a type parameter list", &**tp);
                }
                let decorators =
                    f.decorator_list.iter().map(|d| self.expr(&d.expression)).collect::<CResult<Vec<_>>>()?;
                let defaults = self.param_defaults(&f.parameters)?;
                let annotations = self.annotations(&f.parameters, f.returns.as_deref())?;
                let proto =
                    self.function(f.name.as_str(), &f.parameters, &f.body, f.is_async, line, None, annotations)?;
                let var = self.resolve(f.name.as_str(), true);
                SK::FuncDef(var, proto, defaults, decorators)
            }
            PStmt::ClassDef(c) => return self.class_def(c, line).map(Some),
            PStmt::Delete(d) => SK::Del(d.targets.iter().map(|t| self.target(t)).collect::<CResult<Vec<_>>>()?),
            PStmt::Assert(a) => SK::Assert(self.expr(&a.test)?, a.msg.as_ref().map(|m| self.expr(m)).transpose()?),
            PStmt::With(w) => {
                if w.is_async && !self.in_async() {
                    return refuse("SYNTAX:'async with' outside async function", s);
                }
                let mut items = Vec::new();
                for it in &w.items {
                    let e = self.expr(&it.context_expr)?;
                    let t = it.optional_vars.as_ref().map(|v| self.target(v)).transpose()?;
                    items.push((e, t));
                }
                if w.is_async {
                    SK::AsyncWith(items, self.block(&w.body)?)
                } else {
                    SK::With(items, self.block(&w.body)?)
                }
            }
            PStmt::Import(i) => {
                let mut out = Vec::new();
                for a in &i.names {
                    let full = a.name.as_str();
                    let kind = match SUPPORTED_MODULES.iter().find(|m| **m == full) {
                        Some(m) => {
                            let name = a.asname.as_ref().unwrap_or(&a.name);
                            SK::Import(self.resolve(name.as_str(), true), m)
                        }
                        None => {
                            let top = full.split('.').next().unwrap_or(full);
                            if SUPPORTED_MODULES.contains(&top) {
                                return refuse(
                                    format!("import of module '{full}' (a submodule of a built-in module)"),
                                    a,
                                );
                            }
                            let optional = self.type_checking;
                            self.imports.push(ImportRequest { name: full.to_owned(), optional, at: a.start() });
                            let (bound, bind_top) = match &a.asname {
                                Some(n) => (n.as_str(), false),
                                None => (top, true),
                            };
                            SK::ImportModule { var: self.resolve(bound, true), name: full.into(), bind_top }
                        }
                    };
                    out.push(Stmt { line, aw: false, kind });
                }
                if out.len() == 1 {
                    return Ok(out.pop());
                }
                SK::If(E::Const(Value::Bool(true)), out, Vec::new())
            }
            PStmt::ImportFrom(i) => {
                let module = i.module.as_ref().map_or("", |m| m.as_str());
                if i.level == 0 && module == "__future__" {
                    // checked by `future_imports`; binds nothing taskline scripts use
                    return Ok(None);
                }
                if let Some(a) = i.names.iter().find(|a| a.name.as_str() == "*") {
                    return refuse("import *", a);
                }
                if let Some(m) = SUPPORTED_MODULES.iter().find(|m| **m == module).filter(|_| i.level == 0) {
                    let mut out = Vec::new();
                    for a in &i.names {
                        if !module_has(m, a.name.as_str()) {
                            return refuse(format!("{m}.{}", a.name.as_str()), a);
                        }
                        let name = a.asname.as_ref().unwrap_or(&a.name);
                        out.push((self.resolve(name.as_str(), true), *m, Rc::from(a.name.as_str())));
                    }
                    SK::ImportFrom(out)
                } else {
                    let absolute = match self.absolute_module(i.level, module) {
                        Ok(m) => m,
                        Err(msg) => return Ok(Some(Stmt { line, aw: false, kind: SK::ImportError(msg.into()) })),
                    };
                    let top = absolute.split('.').next().unwrap_or("");
                    if i.level == 0 && SUPPORTED_MODULES.contains(&top) {
                        return refuse(
                            format!("import from module '{absolute}' (a submodule of a built-in module)"),
                            s,
                        );
                    }
                    let optional = self.type_checking;
                    self.imports.push(ImportRequest { name: absolute.clone(), optional, at: s.start() });
                    let mut names = Vec::new();
                    for a in &i.names {
                        self.imports.push(ImportRequest {
                            name: format!("{absolute}.{}", a.name.as_str()),
                            optional: true,
                            at: a.start(),
                        });
                        let bound = a.asname.as_ref().unwrap_or(&a.name);
                        names.push((self.resolve(bound.as_str(), true), Rc::from(a.name.as_str())));
                    }
                    SK::ImportModuleFrom { module: absolute.into(), names }
                }
            }
            PStmt::Global(_) => SK::Pass,
            PStmt::Nonlocal(_) => SK::Pass,
            PStmt::TypeAlias(_) => return refuse("a type alias", s),
            PStmt::Match(_) => return refuse("the match statement", s),
            PStmt::IpyEscapeCommand(_) => return refuse("IPython escape commands", s),
        };
        let aw = match &kind {
            SK::Expr(e) | SK::Return(Some(e)) => has_await(e),
            SK::Assign(t, e) => has_await(e) || t.iter().any(target_has_await),
            SK::AugAssign(t, _, e) => has_await(e) || target_has_await(t),
            SK::If(e, ..) | SK::While(e, ..) => has_await(e),
            SK::For(t, e, ..) => has_await(e) || target_has_await(t),
            SK::Raise(a, b) => a.as_ref().is_some_and(has_await) || b.as_ref().is_some_and(has_await),
            SK::Assert(a, b) => has_await(a) || b.as_ref().is_some_and(has_await),
            SK::AsyncWith(..) | SK::AsyncFor(..) => true,
            SK::With(items, _) => items.iter().any(|(e, t)| has_await(e) || t.as_ref().is_some_and(target_has_await)),
            _ => false,
        };
        Ok(Some(Stmt { line, aw, kind }))
    }

    fn class_def(&mut self, c: &ast::StmtClassDef, line: u32) -> CResult<Stmt> {
        if let Some(tp) = &c.type_params {
            return refuse("a type parameter list", &**tp);
        }
        let decorators = c.decorator_list.iter().map(|d| self.expr(&d.expression)).collect::<CResult<Vec<_>>>()?;
        let mut bases = Vec::new();
        if let Some(args) = &c.arguments {
            if let Some(k) = args.keywords.first() {
                return refuse("a class keyword (metaclass=...)", k);
            }
            for b in &args.args {
                if let PExpr::Starred(_) = b {
                    return refuse("starred base classes", b);
                }
                bases.push(self.expr(b)?);
            }
        }
        let name = c.name.as_str();
        let mut names = Vec::new();
        collect_names(&c.body, &mut names);
        let mut globals_decl = Vec::new();
        let mut nonlocals = Vec::new();
        collect_decls(&c.body, &mut globals_decl, &mut nonlocals);
        let mut locals = HashMap::new();
        let mut slot_names: Vec<Rc<str>> = Vec::new();
        for n in names {
            if !locals.contains_key(&n) && !globals_decl.contains(&n) && !nonlocals.contains(&n) {
                locals.insert(n.clone(), u32::try_from(slot_names.len()).unwrap_or(u32::MAX));
                slot_names.push(Rc::from(n.as_str()));
            }
        }
        let class_slot = u32::try_from(slot_names.len()).unwrap_or(u32::MAX);
        locals.insert("__class__".to_owned(), class_slot);
        slot_names.push(Rc::from("__class__"));
        let parent = self.scopes.last();
        let parent_q = parent.map(|s| s.qualname.clone()).unwrap_or_default();
        let qualname = match parent {
            Some(p) if p.is_class => format!("{parent_q}.{name}"),
            Some(p) if p.locals.is_some() => format!("{parent_q}.<locals>.{name}"),
            _ => name.to_owned(),
        };
        self.scopes.push(Scope {
            locals: Some(locals),
            slot_names,
            globals_decl,
            nonlocals,
            qualname: qualname.clone(),
            is_async: false,
            is_class: true,
            first_param: None,
            has_yield: false,
        });
        let saved_loop = std::mem::replace(&mut self.loop_depth, 0);
        let body = self.block(&c.body);
        self.loop_depth = saved_loop;
        let scope = self.scopes.pop();
        let body = body?;
        let slot_names = scope.map(|s| s.slot_names).unwrap_or_default();
        let var = self.resolve(name, true);
        let proto = ClassProto {
            name: name.into(),
            qualname: qualname.into(),
            bases,
            decorators,
            body,
            slot_names,
            class_slot,
            annotations: c
                .body
                .iter()
                .filter_map(|s| match s {
                    PStmt::AnnAssign(a) => match &*a.target {
                        PExpr::Name(n) if !is_classvar(&a.annotation) => Some(Rc::from(n.id.as_str())),
                        _ => None,
                    },
                    _ => None,
                })
                .collect(),
        };
        Ok(Stmt { line, aw: false, kind: SK::ClassDef(var, Rc::new(proto)) })
    }

    /// The annotations a `def` evaluates, in CPython's order (parameters, then
    /// the return); none under `from __future__ import annotations`.
    fn annotations(&mut self, p: &ast::Parameters, returns: Option<&PExpr>) -> CResult<Vec<E>> {
        if self.future_annotations {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        let params = p.posonlyargs.iter().chain(p.args.iter()).map(|a| &a.parameter);
        let params = params.chain(p.vararg.as_deref()).chain(p.kwonlyargs.iter().map(|a| &a.parameter));
        for a in params.chain(p.kwarg.as_deref()) {
            if let Some(ann) = &a.annotation {
                out.push(self.expr(ann)?);
            }
        }
        if let Some(r) = returns {
            out.push(self.expr(r)?);
        }
        Ok(out)
    }

    fn param_defaults(&mut self, p: &ast::Parameters) -> CResult<Vec<E>> {
        let mut out = Vec::new();
        for a in p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()) {
            if let Some(d) = &a.default {
                out.push(self.expr(d)?);
            }
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn function(
        &mut self,
        name: &str,
        p: &ast::Parameters,
        body: &[PStmt],
        is_async: bool,
        line: u32,
        lambda_body: Option<&PExpr>,
        annotations: Vec<E>,
    ) -> CResult<Rc<FuncProto>> {
        let mut params: Vec<Rc<str>> = Vec::new();
        let mut ndefaults = 0;
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            if a.default.is_some() {
                ndefaults += 1;
            } else if ndefaults > 0 {
                return refuse("SYNTAX:parameter without a default follows parameter with a default", a);
            }
            params.push(a.parameter.name.as_str().into());
        }
        let npos = params.len();
        let mut kw_has_default = Vec::new();
        for a in &p.kwonlyargs {
            params.push(a.parameter.name.as_str().into());
            kw_has_default.push(a.default.is_some());
        }
        let kwonly = params.len() - npos;
        let mut names: Vec<String> = params.iter().map(|s| s.to_string()).collect();
        let vararg_name = p.vararg.as_ref().map(|v| v.name.as_str().to_owned());
        let kwarg_name = p.kwarg.as_ref().map(|v| v.name.as_str().to_owned());
        if let Some(v) = &vararg_name {
            names.push(v.clone());
        }
        if let Some(v) = &kwarg_name {
            names.push(v.clone());
        }
        let mut collected = Vec::new();
        collect_names(body, &mut collected);
        if let Some(e) = lambda_body {
            collect_expr(e, &mut collected);
        }
        let mut globals_decl = Vec::new();
        let mut nonlocals = Vec::new();
        collect_decls(body, &mut globals_decl, &mut nonlocals);
        for n in collected {
            if !globals_decl.contains(&n) && !nonlocals.contains(&n) && !names.contains(&n) {
                names.push(n);
            }
        }
        let mut locals = HashMap::new();
        let mut slot_names = Vec::new();
        for (i, n) in names.iter().enumerate() {
            locals.insert(n.clone(), u32::try_from(i).unwrap_or(u32::MAX));
            slot_names.push(Rc::from(n.as_str()));
        }
        let parent_q = self.scopes.last().map(|s| s.qualname.clone()).unwrap_or_default();
        let qualname = if self.scopes.last().is_some_and(|s| s.is_class) {
            format!("{parent_q}.{name}")
        } else if self.in_function() {
            format!("{parent_q}.<locals>.{name}")
        } else {
            name.to_owned()
        };
        self.scopes.push(Scope {
            locals: Some(locals),
            slot_names,
            globals_decl,
            nonlocals,
            qualname: qualname.clone(),
            is_async,
            is_class: false,
            first_param: params.first().map(|p| p.to_string()),
            has_yield: false,
        });
        let saved_loop = std::mem::replace(&mut self.loop_depth, 0);
        let body_src = body;
        let body = match lambda_body {
            Some(e) => self.expr(e).map(|e| vec![Stmt { line, aw: false, kind: SK::Return(Some(e)) }]),
            None => self.block(body),
        };
        self.loop_depth = saved_loop;
        let scope = self.scopes.pop();
        let body = body?;
        let is_generator = scope.as_ref().is_some_and(|s| s.has_yield);
        let slot_names = scope.map(|s| s.slot_names).unwrap_or_default();
        let vararg = vararg_name
            .as_ref()
            .and_then(|v| slot_names.iter().position(|s| **s == **v))
            .map(|i| u32::try_from(i).unwrap_or(0));
        let kwarg = kwarg_name
            .as_ref()
            .and_then(|v| slot_names.iter().position(|s| **s == **v))
            .map(|i| u32::try_from(i).unwrap_or(0));
        let leaked: &'static str = match self.qualnames.get(&qualname) {
            Some(q) => q,
            None => {
                let q: &'static str = Box::leak(qualname.clone().into_boxed_str());
                self.qualnames.insert(qualname, q);
                q
            }
        };
        Ok(Rc::new(FuncProto {
            name: name.into(),
            qualname: leaked,
            is_async,
            is_generator,
            params,
            kwonly,
            vararg,
            kwarg,
            ndefaults,
            kw_has_default,
            nslots: slot_names.len(),
            slot_names,
            body,
            line,
            doc: match body_src.first() {
                Some(PStmt::Expr(e)) if lambda_body.is_none() => match &*e.value {
                    PExpr::StringLiteral(s) => Some(s.value.to_str().into()),
                    _ => None,
                },
                _ => None,
            },
            annotations,
        }))
    }

    fn target(&mut self, e: &PExpr) -> CResult<Target> {
        Ok(match e {
            PExpr::Name(n) => Target::Var(self.resolve(n.id.as_str(), true), n.id.as_str().into()),
            PExpr::Attribute(a) => Target::Attr(self.expr(&a.value)?, a.attr.as_str().into()),
            PExpr::Subscript(s) => Target::Sub(self.expr(&s.value)?, self.expr(&s.slice)?),
            PExpr::Tuple(t) => self.seq_target(&t.elts)?,
            PExpr::List(t) => self.seq_target(&t.elts)?,
            PExpr::Starred(s) => {
                return refuse("SYNTAX:starred assignment target must be in a list or tuple", s);
            }
            other => {
                return refuse(format!("SYNTAX:cannot assign to {}", expr_kind_name(other)), other);
            }
        })
    }

    fn seq_target(&mut self, elts: &[PExpr]) -> CResult<Target> {
        let mut star = None;
        let mut out = Vec::new();
        for (i, e) in elts.iter().enumerate() {
            if let PExpr::Starred(s) = e {
                if star.is_some() {
                    return refuse("SYNTAX:multiple starred expressions in assignment", e);
                }
                star = Some(i);
                out.push(self.target(&s.value)?);
            } else {
                out.push(self.target(e)?);
            }
        }
        Ok(Target::Seq(out, star))
    }

    fn exprs(&mut self, es: &[PExpr]) -> CResult<Vec<E>> {
        es.iter().map(|e| self.expr(e)).collect()
    }

    fn expr(&mut self, e: &PExpr) -> CResult<E> {
        Ok(match e {
            PExpr::NoneLiteral(_) => E::Const(Value::None),
            PExpr::BooleanLiteral(b) => E::Const(Value::Bool(b.value)),
            PExpr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(v) => E::Const(Value::Int(v)),
                    None => match super::bigint::literal(&i.to_string()) {
                        Ok(v) => E::Const(v),
                        Err(message) => return refuse(format!("SYNTAX:{message}"), e),
                    },
                },
                ast::Number::Float(f) => E::Const(Value::Float(*f)),
                ast::Number::Complex { .. } => return refuse("a complex number", e),
            },
            PExpr::StringLiteral(s) => E::Const(Value::Str(s.value.to_str().into())),
            PExpr::BytesLiteral(_) => return refuse("a bytes literal", e),
            PExpr::EllipsisLiteral(_) => E::Const(super::typing::ellipsis()),
            PExpr::FString(f) => {
                let mut parts = Vec::new();
                for part in f.value.iter() {
                    match part {
                        ast::FStringPart::Literal(l) => parts.push(FPart::Lit(l.value.as_ref().into())),
                        ast::FStringPart::FString(fs) => self.fparts(&fs.elements, &mut parts)?,
                    }
                }
                E::FString(parts)
            }
            PExpr::TString(_) => return refuse("a template string (t-string)", e),
            PExpr::Name(n) => {
                let name = n.id.as_str();
                if FORBIDDEN.contains(&name) && !self.module_names.iter().any(|m| m == name) && !self.is_local(name) {
                    return refuse(
                        format!(
                            "the built-in {name}() (scripts cannot touch files, the network, the environment or processes)"
                        ),
                        e,
                    );
                }
                E::Var(self.resolve(name, false), name.into())
            }
            PExpr::Attribute(a) => {
                if let PExpr::Name(n) = &*a.value {
                    if let Some(m) = self.module_aliases.get(n.id.as_str()).copied() {
                        if !module_has(m, a.attr.as_str()) && !self.is_local(n.id.as_str()) {
                            return refuse(format!("{m}.{}", a.attr.as_str()), e);
                        }
                    }
                }
                E::Attr(Box::new(self.expr(&a.value)?), a.attr.as_str().into())
            }
            PExpr::Subscript(s) => E::Sub(Box::new(self.expr(&s.value)?), Box::new(self.expr(&s.slice)?)),
            PExpr::Slice(s) => {
                let f = |c: &mut Self, x: &Option<Box<PExpr>>| x.as_ref().map(|x| c.expr(x).map(Box::new)).transpose();
                E::Slice(f(self, &s.lower)?, f(self, &s.upper)?, f(self, &s.step)?)
            }
            PExpr::Call(c)
                if matches!(&*c.func, PExpr::Name(n) if n.id.as_str() == "super")
                    && c.arguments.args.is_empty()
                    && c.arguments.keywords.is_empty()
                    && !self.module_names.iter().any(|m| m == "super") =>
            {
                let n = self.scopes.len();
                let in_method = n >= 2 && self.scopes[n - 2].is_class && self.scopes[n - 1].locals.is_some();
                let Some(first) = self.scopes[n - 1].first_param.clone().filter(|_| in_method) else {
                    return refuse(
                        "super() without arguments outside a method's own body (pass them: super(Class, self))",
                        e,
                    );
                };
                let Some(class_slot) = self.scopes[n - 2].locals.as_ref().and_then(|l| l.get("__class__")).copied()
                else {
                    return refuse("super() here", e);
                };
                let func = E::Var(self.resolve("super", false), "super".into());
                let this = E::Var(self.resolve(&first, false), first.as_str().into());
                let cell = E::Var(Var::Outer(1, class_slot), "__class__".into());
                E::Call(Box::new(Call { func, args: vec![cell, this], kwargs: Vec::new(), line: self.line(e) }))
            }
            PExpr::Call(c) => {
                let func = self.expr(&c.func)?;
                let args = self.exprs(&c.arguments.args)?;
                let mut kwargs = Vec::new();
                for k in &c.arguments.keywords {
                    kwargs.push((k.arg.as_ref().map(|a| Rc::from(a.as_str())), self.expr(&k.value)?));
                }
                E::Call(Box::new(Call { func, args, kwargs, line: self.line(e) }))
            }
            PExpr::BinOp(b) => {
                if matches!(b.op, Operator::MatMult) {
                    return refuse("the @ operator", e);
                }
                E::Bin(b.op, Box::new(self.expr(&b.left)?), Box::new(self.expr(&b.right)?))
            }
            PExpr::UnaryOp(u) => E::Unary(u.op, Box::new(self.expr(&u.operand)?)),
            PExpr::BoolOp(b) => E::BoolOp(b.op, self.exprs(&b.values)?),
            PExpr::Compare(c) => {
                let left = self.expr(&c.left)?;
                let mut rest = Vec::new();
                for (op, x) in c.ops.iter().zip(c.comparators.iter()) {
                    rest.push((*op, self.expr(x)?));
                }
                E::Compare(Box::new(left), rest)
            }
            PExpr::If(i) => {
                E::IfExp(Box::new(self.expr(&i.test)?), Box::new(self.expr(&i.body)?), Box::new(self.expr(&i.orelse)?))
            }
            PExpr::Lambda(l) => {
                let empty = ast::Parameters::default();
                let params = l.parameters.as_deref().unwrap_or(&empty);
                let defaults = self.param_defaults(params)?;
                let proto = self.function("<lambda>", params, &[], false, self.line(e), Some(&l.body), Vec::new())?;
                E::Lambda(proto, defaults)
            }
            PExpr::List(l) => E::List(self.exprs(&l.elts)?),
            PExpr::Tuple(t) => E::Tuple(self.exprs(&t.elts)?),
            PExpr::Set(s) => E::Set(self.exprs(&s.elts)?),
            PExpr::Dict(d) => {
                let mut items = Vec::new();
                for it in &d.items {
                    items.push((it.key.as_ref().map(|k| self.expr(k)).transpose()?, self.expr(&it.value)?));
                }
                E::Dict(items)
            }
            PExpr::ListComp(c) => self.comp(CompKind::List, &c.elt, None, &c.generators)?,
            PExpr::SetComp(c) => self.comp(CompKind::Set, &c.elt, None, &c.generators)?,
            PExpr::Generator(c) => self.comp(CompKind::Gen, &c.elt, None, &c.generators)?,
            PExpr::DictComp(c) => match &c.key {
                Some(k) => self.comp(CompKind::Dict, k, Some(&c.value), &c.generators)?,
                None => return refuse("dict unpacking in a comprehension", e),
            },
            PExpr::Await(a) => {
                if !self.in_async() {
                    if self.in_function() {
                        return refuse("SYNTAX:'await' outside async function", e);
                    }
                    return refuse("SYNTAX:'await' outside function", e);
                }
                let inner = self.expr(&a.value)?;
                let nested = contains_await(&inner);
                E::Await(Box::new(inner), self.line(e), nested)
            }
            PExpr::Yield(y) => {
                self.note_yield(e)?;
                E::Yield(y.value.as_ref().map(|v| self.expr(v).map(Box::new)).transpose()?)
            }
            PExpr::YieldFrom(y) => {
                self.note_yield(e)?;
                if self.in_async() {
                    return refuse("SYNTAX:'yield from' inside async function", e);
                }
                E::YieldFrom(Box::new(self.expr(&y.value)?))
            }
            PExpr::Named(n) => {
                let PExpr::Name(name) = &*n.target else {
                    return refuse("SYNTAX:cannot use assignment expressions with this target", e);
                };
                let var = self.resolve(name.id.as_str(), true);
                E::Named(var, Box::new(self.expr(&n.value)?))
            }
            PExpr::Starred(s) => E::Starred(Box::new(self.expr(&s.value)?)),
            PExpr::IpyEscapeCommand(_) => return refuse("IPython escape commands", e),
        })
    }

    fn comp(&mut self, kind: CompKind, elt: &PExpr, value: Option<&PExpr>, gens: &[ast::Comprehension]) -> CResult<E> {
        let mut out = Vec::new();
        let mut async_gens = Vec::new();
        for g in gens {
            if g.is_async {
                if kind == CompKind::Gen {
                    return refuse("an asynchronous generator expression", g);
                }
                if !self.in_async() {
                    return refuse("SYNTAX:asynchronous comprehension outside of an asynchronous function", g);
                }
            }
            async_gens.push(g.is_async);
            let iter = self.expr(&g.iter)?;
            let target = self.target(&g.target)?;
            let ifs = self.exprs(&g.ifs)?;
            out.push((target, iter, ifs));
        }
        let elt = self.expr(elt)?;
        let value = value.map(|v| self.expr(v)).transpose()?;
        let parent_q = self.scopes.last().map(|s| s.qualname.clone()).unwrap_or_default();
        let qualname: Rc<str> =
            if self.in_function() { format!("{parent_q}.<locals>.<genexpr>").into() } else { "<genexpr>".into() };
        let c = Comp { kind, elt, value, gens: out, async_gens, qualname };
        let inner_await = contains_await(&c.elt)
            || c.value.as_ref().is_some_and(contains_await)
            || c.gens.iter().skip(1).any(|(_, it, _)| contains_await(it))
            || c.gens.iter().any(|(_, _, ifs)| ifs.iter().any(contains_await));
        if inner_await && (kind == CompKind::Gen || !self.in_async()) {
            return refuse("await inside a comprehension", elt_pos(gens));
        }
        Ok(E::Comp(Rc::new(c)))
    }

    /// Marks the running function as a generator; `yield` elsewhere is Python's SyntaxError.
    fn note_yield(&mut self, e: &PExpr) -> CResult<()> {
        if !self.in_function() {
            return refuse("SYNTAX:'yield' outside function", e);
        }
        if let Some(s) = self.scopes.last_mut() {
            s.has_yield = true;
        }
        Ok(())
    }

    fn fparts(&mut self, elements: &[ast::InterpolatedStringElement], out: &mut Vec<FPart>) -> CResult<()> {
        for el in elements {
            match el {
                ast::InterpolatedStringElement::Literal(l) => out.push(FPart::Lit(l.value.as_ref().into())),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => ' ',
                        ast::ConversionFlag::Str => 's',
                        ast::ConversionFlag::Repr => 'r',
                        ast::ConversionFlag::Ascii => 'a',
                    };
                    if let Some(d) = &i.debug_text {
                        out.push(FPart::Lit(d.as_str().into()));
                        if conv == ' ' && i.format_spec.is_none() {
                            conv = 'r';
                        }
                    }
                    let spec = match &i.format_spec {
                        Some(s) => {
                            let mut v = Vec::new();
                            self.fparts(&s.elements, &mut v)?;
                            Some(v)
                        }
                        None => None,
                    };
                    out.push(FPart::Expr { e: self.expr(&i.expression)?, conv, spec });
                }
            }
        }
        Ok(())
    }
}

/// Whether an annotation is `ClassVar` / `ClassVar[...]` (not a dataclass field).
fn is_classvar(e: &PExpr) -> bool {
    let base = match e {
        PExpr::Subscript(s) => &*s.value,
        other => other,
    };
    match base {
        PExpr::Name(n) => n.id.as_str() == "ClassVar",
        PExpr::Attribute(a) => a.attr.as_str() == "ClassVar",
        _ => false,
    }
}

fn elt_pos(gens: &[ast::Comprehension]) -> &ast::Comprehension {
    &gens[0]
}

fn collect_decls(stmts: &[PStmt], globals: &mut Vec<String>, nonlocals: &mut Vec<String>) {
    for s in stmts {
        match s {
            PStmt::Global(g) => globals.extend(g.names.iter().map(|n| n.as_str().to_owned())),
            PStmt::Nonlocal(g) => nonlocals.extend(g.names.iter().map(|n| n.as_str().to_owned())),
            PStmt::If(i) => {
                collect_decls(&i.body, globals, nonlocals);
                for c in &i.elif_else_clauses {
                    collect_decls(&c.body, globals, nonlocals);
                }
            }
            PStmt::While(w) => collect_decls(&w.body, globals, nonlocals),
            PStmt::For(w) => collect_decls(&w.body, globals, nonlocals),
            PStmt::With(w) => collect_decls(&w.body, globals, nonlocals),
            PStmt::Try(t) => {
                collect_decls(&t.body, globals, nonlocals);
                collect_decls(&t.finalbody, globals, nonlocals);
                collect_decls(&t.orelse, globals, nonlocals);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    collect_decls(&h.body, globals, nonlocals);
                }
            }
            _ => {}
        }
    }
}

fn expr_kind_name(e: &PExpr) -> &'static str {
    match e {
        PExpr::Call(_) => "function call",
        PExpr::NumberLiteral(_) | PExpr::StringLiteral(_) | PExpr::BooleanLiteral(_) | PExpr::NoneLiteral(_) => {
            "literal"
        }
        PExpr::BinOp(_) => "expression",
        PExpr::Await(_) => "await expression",
        PExpr::Lambda(_) => "lambda",
        PExpr::Compare(_) => "comparison",
        PExpr::FString(_) => "f-string expression",
        _ => "expression",
    }
}
