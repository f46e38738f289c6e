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
    Break,
    Continue,
    Return(Option<E>),
    Pass,
    Raise(Option<E>, Option<E>),
    Try(Box<TryStmt>),
    FuncDef(Var, Rc<FuncProto>, Vec<E>),
    ClassDef(Var, Rc<str>, Option<E>),
    Del(Vec<Target>),
    Assert(E, Option<E>),
    /// `async with` items (context expression, `as` target).
    AsyncWith(Vec<(E, Option<Target>)>, Vec<Stmt>),
    Import(Var, &'static str),
    ImportFrom(Vec<(Var, &'static str, Rc<str>)>),
}

#[derive(Debug)]
pub(crate) struct TryStmt {
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
    Comp(Box<Comp>),
    FString(Vec<FPart>),
    /// `await x` (line; whether `x` itself contains an await).
    Await(Box<E>, u32, bool),
    Named(Var, Box<E>),
    Starred(Box<E>),
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
}

/// A compiled module.
#[derive(Debug)]
pub(crate) struct Module {
    pub body: Vec<Stmt>,
    pub globals: Vec<Rc<str>>,
}

struct Scope {
    /// None for the module.
    locals: Option<HashMap<String, u32>>,
    slot_names: Vec<Rc<str>>,
    globals_decl: Vec<String>,
    nonlocals: Vec<String>,
    qualname: String,
    is_async: bool,
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
];
/// The classes of the `asyncio` module the interpreter provides.
pub(crate) const ASYNCIO_CLASSES: &[&str] =
    &["CancelledError", "TimeoutError", "InvalidStateError", "TaskGroup", "Task", "Future"];

/// Whether the `asyncio` module the interpreter provides has `name`.
fn asyncio_has(name: &str) -> bool {
    ASYNCIO_FUNCTIONS.contains(&name) || ASYNCIO_CLASSES.contains(&name)
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
    "setattr",
    "delattr",
];

const SUPPORTED_MODULES: &[&str] = &["asyncio", "time"];

/// Compiles a parsed module.
pub(crate) fn compile_module(
    src: &str,
    module: &ast::ModModule,
    qualnames: &mut HashMap<String, &'static str>,
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
        }],
        globals: HashMap::new(),
        global_names: Vec::new(),
        qualnames,
        loop_depth: 0,
        module_names: Vec::new(),
        module_aliases: HashMap::new(),
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
    let body = c.block(&module.body)?;
    Ok(Module { body, globals: c.global_names })
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
                out.push(a.asname.as_ref().unwrap_or(&a.name).id.to_string());
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
        E::Await(..) => true,
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
            contains_await(&c.elt)
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
        line_of(&self.line_starts, node.start())
    }

    /// Whether `name` is a local of an enclosing function.
    fn is_local(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.locals.as_ref().is_some_and(|l| l.contains_key(name)))
    }

    fn global_slot(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.globals.get(name) {
            return i;
        }
        let i = u32::try_from(self.global_names.len()).unwrap_or(u32::MAX);
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
            if sc.globals_decl.iter().any(|g| g == name) {
                break;
            }
            if let Some(&slot) = locals.get(name) {
                return Var::Outer(u16::try_from(depth).unwrap_or(u16::MAX), slot);
            }
        }
        Var::Global(self.global_slot(name))
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
            PStmt::AnnAssign(a) => match &a.value {
                Some(v) => {
                    let value = self.expr(v)?;
                    SK::Assign(vec![self.target(&a.target)?], value)
                }
                None => SK::Pass,
            },
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
                let body = self.block(&i.body)?;
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
                if f.is_async {
                    return refuse("async for", s);
                }
                let iter = self.expr(&f.iter)?;
                let target = self.target(&f.target)?;
                self.loop_depth += 1;
                let body = self.block(&f.body);
                self.loop_depth -= 1;
                SK::For(target, iter, body?, self.block(&f.orelse)?)
            }
            PStmt::Raise(r) => {
                let exc = r.exc.as_ref().map(|e| self.expr(e)).transpose()?;
                let cause = r.cause.as_ref().map(|e| self.expr(e)).transpose()?;
                SK::Raise(exc, cause)
            }
            PStmt::Try(t) => {
                if t.is_star {
                    return refuse("except*", s);
                }
                let body = self.block(&t.body)?;
                let mut handlers = Vec::new();
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    let ty = h.type_.as_ref().map(|e| self.expr(e)).transpose()?;
                    let name = h.name.as_ref().map(|n| self.resolve(n.as_str(), true));
                    handlers.push(Handler { line: self.line(h), ty, name, body: self.block(&h.body)? });
                }
                let orelse = self.block(&t.orelse)?;
                let finalbody = self.block(&t.finalbody)?;
                SK::Try(Box::new(TryStmt { body, handlers, orelse, finalbody }))
            }
            PStmt::FunctionDef(f) => {
                if let Some(d) = f.decorator_list.first() {
                    return refuse("a decorator (@...)", d);
                }
                if let Some(tp) = &f.type_params {
                    return refuse("a type parameter list", &**tp);
                }
                let defaults = self.param_defaults(&f.parameters)?;
                let proto = self.function(f.name.as_str(), &f.parameters, &f.body, f.is_async, line, None)?;
                let var = self.resolve(f.name.as_str(), true);
                SK::FuncDef(var, proto, defaults)
            }
            PStmt::ClassDef(c) => return self.class_def(c, line).map(Some),
            PStmt::Delete(d) => SK::Del(d.targets.iter().map(|t| self.target(t)).collect::<CResult<Vec<_>>>()?),
            PStmt::Assert(a) => SK::Assert(self.expr(&a.test)?, a.msg.as_ref().map(|m| self.expr(m)).transpose()?),
            PStmt::With(w) => {
                if !w.is_async {
                    return refuse("the with statement (only `async with` asyncio.timeout/timeout_at/TaskGroup)", s);
                }
                if !self.in_async() {
                    return refuse("SYNTAX:'async with' outside async function", s);
                }
                let mut items = Vec::new();
                for it in &w.items {
                    let e = self.expr(&it.context_expr)?;
                    let t = it.optional_vars.as_ref().map(|v| self.target(v)).transpose()?;
                    items.push((e, t));
                }
                SK::AsyncWith(items, self.block(&w.body)?)
            }
            PStmt::Import(i) => {
                let mut out = Vec::new();
                for a in &i.names {
                    let found = SUPPORTED_MODULES.iter().find(|m| **m == a.name.as_str()).copied();
                    let Some(m) = found.or_else(|| super::stdlib::module_name(a.name.as_str())) else {
                        return refuse(
                            format!(
                                "import of module '{}' (only asyncio, time, random, math and string can be imported)",
                                a.name.as_str()
                            ),
                            a,
                        );
                    };
                    let name = a.asname.as_ref().unwrap_or(&a.name);
                    out.push(Stmt { line, aw: false, kind: SK::Import(self.resolve(name.as_str(), true), m) });
                }
                if out.len() == 1 {
                    return Ok(out.pop());
                }
                SK::If(E::Const(Value::Bool(true)), out, Vec::new())
            }
            PStmt::ImportFrom(i) => {
                let module = i.module.as_ref().map_or("", |m| m.as_str());
                let found = SUPPORTED_MODULES.iter().find(|m| **m == module).copied();
                let Some(m) = found.or_else(|| super::stdlib::module_name(module)).filter(|_| i.level == 0) else {
                    return refuse(
                        format!(
                            "import from module '{}' (only asyncio, time, random, math and string can be imported)",
                            module
                        ),
                        s,
                    );
                };
                let mut out = Vec::new();
                for a in &i.names {
                    if a.name.as_str() == "*" {
                        return refuse("import *", a);
                    }
                    let known = match m {
                        "asyncio" => asyncio_has(a.name.as_str()),
                        "time" => TIME_NAMES.contains(&a.name.as_str()),
                        _ => super::stdlib::has(m, a.name.as_str()),
                    };
                    if !known {
                        return refuse(format!("{m}.{}", a.name.as_str()), a);
                    }
                    let name = a.asname.as_ref().unwrap_or(&a.name);
                    out.push((self.resolve(name.as_str(), true), m, Rc::from(a.name.as_str())));
                }
                SK::ImportFrom(out)
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
            SK::AsyncWith(..) => true,
            _ => false,
        };
        Ok(Some(Stmt { line, aw, kind }))
    }

    fn class_def(&mut self, c: &ast::StmtClassDef, line: u32) -> CResult<Stmt> {
        if let Some(d) = c.decorator_list.first() {
            return refuse("a decorator (@...)", d);
        }
        let mut base = None;
        if let Some(args) = &c.arguments {
            if args.args.len() > 1 {
                return refuse("multiple inheritance", &**args);
            }
            if let Some(k) = args.keywords.first() {
                return refuse("a class keyword (metaclass=...)", k);
            }
            if let Some(b) = args.args.first() {
                base = Some(self.expr(b)?);
            }
        }
        if base.is_none() {
            return refuse("a class that is not an exception class (class X(Exception): ...)", c);
        }
        for s in &c.body {
            match s {
                PStmt::Pass(_) => {}
                PStmt::Expr(e) if matches!(&*e.value, PExpr::StringLiteral(_) | PExpr::EllipsisLiteral(_)) => {}
                other => {
                    return refuse("a class body with methods or attributes (only `pass` or a docstring)", other);
                }
            }
        }
        let var = self.resolve(c.name.as_str(), true);
        Ok(Stmt { line, aw: false, kind: SK::ClassDef(var, Rc::from(c.name.as_str()), base) })
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

    fn function(
        &mut self,
        name: &str,
        p: &ast::Parameters,
        body: &[PStmt],
        is_async: bool,
        line: u32,
        lambda_body: Option<&PExpr>,
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
        let qualname = if self.in_function() { format!("{parent_q}.<locals>.{name}") } else { name.to_owned() };
        self.scopes.push(Scope {
            locals: Some(locals),
            slot_names,
            globals_decl,
            nonlocals,
            qualname: qualname.clone(),
            is_async,
        });
        let saved_loop = std::mem::replace(&mut self.loop_depth, 0);
        let body = match lambda_body {
            Some(e) => self.expr(e).map(|e| vec![Stmt { line, aw: false, kind: SK::Return(Some(e)) }]),
            None => self.block(body),
        };
        self.loop_depth = saved_loop;
        let scope = self.scopes.pop();
        let body = body?;
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
            PExpr::EllipsisLiteral(_) => return refuse("Ellipsis (...)", e),
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
                        let known = match m {
                            "asyncio" => asyncio_has(a.attr.as_str()),
                            "time" => TIME_NAMES.contains(&a.attr.as_str()),
                            _ => super::stdlib::has(m, a.attr.as_str()),
                        };
                        if !known && !self.is_local(n.id.as_str()) {
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
                let proto = self.function("<lambda>", params, &[], false, self.line(e), Some(&l.body))?;
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
            PExpr::Yield(_) | PExpr::YieldFrom(_) => return refuse("yield (generators)", e),
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
        for g in gens {
            if g.is_async {
                return refuse("an async comprehension", g);
            }
            let iter = self.expr(&g.iter)?;
            let target = self.target(&g.target)?;
            let ifs = self.exprs(&g.ifs)?;
            out.push((target, iter, ifs));
        }
        let elt = self.expr(elt)?;
        let value = value.map(|v| self.expr(v)).transpose()?;
        let c = Comp { kind, elt, value, gens: out };
        if contains_await(&c.elt)
            || c.value.as_ref().is_some_and(contains_await)
            || c.gens.iter().skip(1).any(|(_, it, _)| contains_await(it))
            || c.gens.iter().any(|(_, _, ifs)| ifs.iter().any(contains_await))
        {
            return refuse("await inside a comprehension", elt_pos(gens));
        }
        Ok(E::Comp(Box::new(c)))
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
